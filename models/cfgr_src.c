#include "cfgr_src.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "rfile.h"

#define INCLUDE_WORD "@include"

/* Where the scanner of one file is: libconfig's states that decide
 * whether a line starting with @include is a directive. */
typedef enum { IN_CODE, IN_COMMENT, IN_STRING } scan_state_t;

typedef struct expander {
    cfgr_src_t *s;
    char *err;
    size_t errlen;
    size_t total; /* bytes of all files read so far */
} expander_t;

/* ------------------------------------------------------------ output */

static int grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Appends `n` bytes that end one line of file `file` (a '\n' is added when
 * the text lacks one), mapped to `line`. */
static int emit_line(expander_t *x, const char *p, size_t n, uint32_t file, int line) {
    cfgr_src_t *s = x->s;
    bool nl = n > 0 && p[n - 1] == '\n';
    if (grow((void **)&s->text, &s->cap_text, s->len + n + 2, 1) != 0) return -1;
    size_t cap = s->cap_lines;
    if (grow((void **)&s->file, &cap, s->n_lines + 1, sizeof *s->file) != 0) return -1;
    cap = s->cap_lines;
    if (grow((void **)&s->line, &cap, s->n_lines + 1, sizeof *s->line) != 0) return -1;
    s->cap_lines = cap;
    assert(s->text != NULL); /* grow made room for at least n + 2 bytes */
    memcpy(s->text + s->len, p, n);
    s->len += n;
    if (!nl) s->text[s->len++] = '\n';
    s->text[s->len] = '\0';
    s->file[s->n_lines] = file;
    s->line[s->n_lines] = (uint32_t)line;
    s->n_lines++;
    return 0;
}

static int out_of_memory(expander_t *x, const char *path) {
    errmsg_format(x->err, x->errlen, "%s: out of memory", path);
    return -1;
}

/* ------------------------------------------------------------ scanning */

/* Advances the scan state over one line [p, end) (which holds no '\n'
 * except maybe last); *str_len counts the bytes of the current string. */
static void scan_line(const char *p, const char *end, scan_state_t *st, size_t *str_len, int line,
                      int *str_line) {
    while (p < end) {
        switch (*st) {
        case IN_CODE:
            if (*p == '#' || (p[0] == '/' && p + 1 < end && p[1] == '/')) return;
            if (p[0] == '/' && p + 1 < end && p[1] == '*') {
                *st = IN_COMMENT;
                p += 2;
                continue;
            }
            if (*p == '"') {
                *st = IN_STRING;
                *str_len = 0;
                *str_line = line;
            }
            p++;
            break;
        case IN_COMMENT:
            if (p[0] == '*' && p + 1 < end && p[1] == '/') {
                *st = IN_CODE;
                p += 2;
                continue;
            }
            p++;
            break;
        case IN_STRING:
            if (*p == '"') {
                *st = IN_CODE;
                p++;
                continue;
            }
            if (*p == '\\' && p + 1 < end) {
                p += 2;
                *str_len += 2;
                continue;
            }
            p++;
            (*str_len)++;
            break;
        }
    }
}

/* The directive on the line [p, end), as libconfig 1.5 matches it
 * (^[ \t]*@include[ \t]+"): true with the name in [*name, *name_end) and
 * *rest after the closing quote.  A line that starts that way but has no
 * closing quote on it is a directive with *name = NULL. */
static bool is_include(const char *p, const char *end, const char **name, const char **name_end,
                       const char **rest) {
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    size_t w = strlen(INCLUDE_WORD);
    if ((size_t)(end - p) < w || memcmp(p, INCLUDE_WORD, w) != 0) return false;
    const char *q = p + w;
    if (q >= end || (*q != ' ' && *q != '\t')) return false;
    while (q < end && (*q == ' ' || *q == '\t')) q++;
    if (q >= end || *q != '"') return false;
    *name = ++q;
    while (q < end && *q != '"' && *q != '\n') q++;
    if (q >= end || *q != '"') {
        *name = NULL;
        return true;
    }
    *name_end = q;
    *rest = q + 1;
    return true;
}

/* The included file's path: absolute as written, else relative to the
 * folder of the including file.  NULL when out of memory. */
static char *resolve(const char *includer, const char *name, size_t n) {
    const char *slash = strrchr(includer, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - includer) + 1;
    char *path = malloc(dir + n + 1);
    if (!path) return NULL;
    memcpy(path, includer, dir);
    memcpy(path + dir, name, n);
    path[dir + n] = '\0';
    return path;
}

static int expand_file(expander_t *x, const char *path, uint32_t file_idx, int depth,
                       const char *from, int from_line);

/* The @include of [name, name + n) on line `line` of file `idx`. */
static int include(expander_t *x, uint32_t idx, int line, const char *name, size_t n, int depth) {
    cfgr_src_t *s = x->s;
    const char *includer = s->files[idx];
    for (size_t i = 0; i < n; i++)
        if (name[i] == '\\' || (unsigned char)name[i] < 0x20)
            return errmsg_format(x->err, x->errlen,
                                 "%s:%d: @include: a file name with a "
                                 "backslash or a control character (expected a plain "
                                 "path)",
                                 includer, line),
                   -1;
    if (n == 0)
        return errmsg_format(x->err, x->errlen,
                             "%s:%d: @include \"\": no file name "
                             "(expected @include \"part.cfg\")",
                             includer, line),
               -1;
    if (depth >= CFGR_MAX_INCLUDE_DEPTH)
        return errmsg_format(x->err, x->errlen,
                             "%s:%d: @include \"%.*s\": nested more "
                             "than %d deep (an @include cycle?)",
                             includer, line, (int)(n > 200 ? 200 : n), name,
                             CFGR_MAX_INCLUDE_DEPTH),
               -1;
    if (s->n_files >= CFGR_MAX_FILES)
        return errmsg_format(x->err, x->errlen,
                             "%s:%d: @include \"%.*s\": more than %d "
                             "files in all (expected at most %d)",
                             includer, line, (int)(n > 200 ? 200 : n), name, CFGR_MAX_FILES,
                             CFGR_MAX_FILES),
               -1;
    char *path = resolve(includer, name, n);
    char **files = path ? realloc(s->files, (s->n_files + 1) * sizeof *files) : NULL;
    if (!files) {
        free(path);
        return out_of_memory(x, includer);
    }
    s->files = files;
    s->files[s->n_files] = path;
    uint32_t child = (uint32_t)s->n_files++;
    return expand_file(x, path, child, depth + 1, includer, line);
}

/* A file's text: NUL bytes refused, lines and strings bounded. */
static int check_text(expander_t *x, const char *path, const char *text, size_t len) {
    const char *nul = memchr(text, '\0', len);
    if (!nul) return 0;
    int line = 1;
    for (const char *p = text; p < nul; p++) line += *p == '\n';
    errmsg_format(x->err, x->errlen, "%s:%d: a NUL byte (expected text)", path, line);
    return -1;
}

/* Appends the lines of `text` (file idx), expanding its includes. */
static int expand_text(expander_t *x, const char *text, size_t len, uint32_t idx, int depth) {
    const char *path = x->s->files[idx];
    scan_state_t st = IN_CODE;
    size_t str_len = 0;
    int str_line = 0, line = 1;
    for (const char *p = text; p < text + len; line++) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        const char *end = nl ? nl + 1 : text + len;
        if ((size_t)(end - p) > CFGR_MAX_LINE)
            return errmsg_format(x->err, x->errlen,
                                 "%s:%d: a line of %zu bytes (expected "
                                 "at most %u bytes per line)",
                                 path, line, (size_t)(end - p), CFGR_MAX_LINE),
                   -1;
        const char *name, *name_end, *rest;
        if (st == IN_CODE && is_include(p, end, &name, &name_end, &rest)) {
            if (!name)
                return errmsg_format(x->err, x->errlen,
                                     "%s:%d: @include: no closing "
                                     "quote (expected @include \"part.cfg\")",
                                     path, line),
                       -1;
            if (include(x, idx, line, name, (size_t)(name_end - name), depth) != 0) return -1;
            p = rest; /* the rest of the line follows the included text */
        }
        scan_line(p, end, &st, &str_len, line, &str_line);
        if (st == IN_STRING && str_len > CFGR_MAX_STRING)
            return errmsg_format(x->err, x->errlen,
                                 "%s:%d: a text of more than %u bytes "
                                 "(expected at most %u bytes between quotes)",
                                 path, str_line, CFGR_MAX_STRING, CFGR_MAX_STRING),
                   -1;
        if (emit_line(x, p, (size_t)(end - p), idx, line) != 0) return out_of_memory(x, path);
        p = end;
    }
    return 0;
}

static int expand_file(expander_t *x, const char *path, uint32_t idx, int depth, const char *from,
                       int from_line) {
    char *text, why[200];
    size_t len;
    if (rfile_read(path, CFGR_MAX_FILE_BYTES, &text, &len, why, sizeof why) != 0) {
        if (from)
            errmsg_format(x->err, x->errlen, "%s:%d: @include \"%s\": %s", from, from_line, path,
                          why);
        else errmsg_format(x->err, x->errlen, "%s: %s", path, why);
        return -1;
    }
    x->total += len;
    int rc = 0;
    if (x->total > CFGR_MAX_TOTAL_BYTES) {
        errmsg_format(x->err, x->errlen,
                      "%s: with its @include'd files larger than "
                      "%u MB (expected at most %u MB in all)",
                      x->s->files[0], CFGR_MAX_TOTAL_BYTES >> 20, CFGR_MAX_TOTAL_BYTES >> 20);
        rc = -1;
    }
    if (rc == 0) rc = check_text(x, path, text, len);
    if (rc == 0) rc = expand_text(x, text, len, idx, depth);
    free(text);
    return rc;
}

/* ------------------------------------------------------------ public */

int cfgr_src_load(cfgr_src_t *s, const char *path, char *err, size_t errlen) {
    assert(s && path);
    memset(s, 0, sizeof *s);
    expander_t x = {s, err, errlen, 0};
    s->files = malloc(sizeof *s->files);
    if (s->files) s->files[0] = strdup(path);
    if (!s->files || !s->files[0]) return out_of_memory(&x, path);
    s->n_files = 1;
    if (expand_file(&x, path, 0, 0, NULL, 0) != 0) return -1;
    if (!s->text && emit_line(&x, "", 0, 0, 1) != 0) return out_of_memory(&x, path);
    return 0;
}

const char *cfgr_src_where(const cfgr_src_t *s, long n, int *line) {
    if (s->n_lines == 0) return *line = 1, s->files[0];
    size_t i = n < 1 ? 0 : (size_t)n > s->n_lines ? s->n_lines - 1 : (size_t)n - 1;
    *line = (int)s->line[i];
    return s->files[s->file[i]];
}

void cfgr_src_free(cfgr_src_t *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n_files; i++) free(s->files[i]);
    free(s->files);
    free(s->text);
    free(s->file);
    free(s->line);
    memset(s, 0, sizeof *s);
}
