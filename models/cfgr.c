#include "cfgr.h"

#include "cfgr_src.h"
#include "path.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH       64 /* nesting levels shown in a path        */
#define QUOTE_MAX       40 /* chars of a bad text value quoted      */
#define MAX_SUGGEST_LEN 64 /* names longer than this get no advice  */
#define MAX_LITERAL     64 /* chars of a numeric literal examined   */

/* ------------------------------------------------------------ messages */

/* Messages are one line whatever the input held (a "\n" escape in a
 * string, a CR from a CRLF file), and carry no control character a
 * terminal would act on (ESC, or the C1 controls written in UTF-8). */
static void make_one_line(char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s, next = (unsigned char)s[1];
        if (c < 0x20 || c == 0x7f) *s = ' ';
        else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) /* C1, e.g. CSI */
            s[0] = '?', s[1] = ' ';
    }
}

/* Writes "FILE:LINE: PATH: message" (no "PATH: " when path is empty) and
 * returns -1. */
CFGR_PRINTF(5, 0)
static int vfail_line(const cfgr_t *r, const char *file, int line, const char *path,
                      const char *fmt, va_list ap) {
    if (!r->err || r->errlen == 0) return -1;
    int w = snprintf(r->err, r->errlen, "%s:%d: %s%s", file, line, path, *path ? ": " : "");
    size_t used = w < 0 ? 0 : (size_t)w;
    if (used < r->errlen) vsnprintf(r->err + used, r->errlen - used, fmt, ap);
    make_one_line(r->err);
    return -1;
}

CFGR_PRINTF(5, 6)
static int fail_line(const cfgr_t *r, const char *file, int line, const char *path, const char *fmt,
                     ...) {
    va_list ap;
    va_start(ap, fmt);
    vfail_line(r, file, line, path, fmt, ap);
    va_end(ap);
    return -1;
}

/* A message about the whole file, "FILE: message"; returns -1. */
CFGR_PRINTF(2, 3)
static int fail_file(const cfgr_t *r, const char *fmt, ...) {
    if (!r->err || r->errlen == 0) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
    make_one_line(r->err);
    return -1;
}

static const char *file_of(const cfgr_t *r, const config_setting_t *s) {
    const char *f = s ? config_setting_source_file(s) : NULL;
    return f ? f : r->file;
}

int cfgr_line(const config_setting_t *s) {
    for (; s; s = config_setting_parent(s))
        if (config_setting_source_line(s) > 0 && config_setting_source_line(s) <= INT_MAX)
            return (int)config_setting_source_line(s);
    return 1;
}

static bool in_sequence(const config_setting_t *s) {
    const config_setting_t *p = config_setting_parent(s);
    return p && (config_setting_is_list(p) || config_setting_is_array(p));
}

void cfgr_path(const config_setting_t *s, char *buf, size_t len) {
    assert(buf && len > 0);
    const config_setting_t *chain[MAX_DEPTH] = {0};
    size_t n = 0;
    for (; s && !config_setting_is_root(s) && n < MAX_DEPTH; s = config_setting_parent(s))
        chain[n++] = s;
    buf[0] = '\0';
    size_t used = 0;
    while (n-- > 0 && used < len) {
        const config_setting_t *p = chain[n];
        int w = in_sequence(p) ? snprintf(buf + used, len - used, "[%d]", config_setting_index(p))
                               : snprintf(buf + used, len - used, "%s%s", used ? "." : "",
                                          config_setting_name(p) ? config_setting_name(p) : "?");
        if (w < 0) break;
        used += (size_t)w;
    }
}

int cfgr_fail(const cfgr_t *r, const config_setting_t *at, const char *fmt, ...) {
    char path[256];
    if (r->where) snprintf(path, sizeof path, "%s", r->where);
    else cfgr_path(at, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vfail_line(r, r->line > 0 ? r->file : file_of(r, at), r->line > 0 ? r->line : cfgr_line(at),
               path, fmt, ap);
    va_end(ap);
    return -1;
}

int cfgr_resolve_path(const cfgr_t *r, const config_setting_t *at, const char *base,
                      const char *rel, char *out, size_t len) {
    if (path_resolve(base, rel, out, len) == 0) return 0;
    return cfgr_fail(r, at,
                     "'%.40s...' is too long once resolved against the folder of %s "
                     "(expected at most %zu bytes in all)",
                     rel, base, len - 1);
}

int cfgr_fail_missing(const cfgr_t *r, const config_setting_t *group, const char *name,
                      const char *expected) {
    char path[256], full[320];
    cfgr_path(group, path, sizeof path);
    snprintf(full, sizeof full, "%s%s%s", path, *path ? "." : "", name);
    return fail_line(r, file_of(r, group), cfgr_line(group), full, "missing (expected %s)",
                     expected);
}

/* A number as a person would write it: 3660, 0.5, 1e+12. */
static void format_number(double v, char *buf, size_t len) {
    if (v == floor(v) && fabs(v) < 1e15) snprintf(buf, len, "%.0f", v);
    else snprintf(buf, len, "%.10g", v);
}

void cfgr_describe_range(const cfgr_range_t *rg, char *buf, size_t len) {
    const char *kind = rg->whole ? "a whole number" : "a number";
    char lo[32], hi[32];
    format_number(rg->lo, lo, sizeof lo);
    format_number(rg->hi, hi, sizeof hi);
    bool has_lo = isfinite(rg->lo), has_hi = isfinite(rg->hi);
    const char *lo_op = rg->lo_open ? ">" : ">=", *hi_op = rg->hi_open ? "<" : "<=";
    if (has_lo && has_hi && !rg->lo_open && !rg->hi_open)
        snprintf(buf, len, "%s from %s to %s", kind, lo, hi);
    else if (has_lo && has_hi) snprintf(buf, len, "%s %s %s and %s %s", kind, lo_op, lo, hi_op, hi);
    else if (has_lo) snprintf(buf, len, "%s %s %s", kind, lo_op, lo);
    else if (has_hi) snprintf(buf, len, "%s %s %s", kind, hi_op, hi);
    else snprintf(buf, len, "%s", kind);
}

/* What a setting holds, for "X is text (expected a number)" messages. */
static void describe_value(const config_setting_t *s, char *buf, size_t len) {
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_STRING: {
        const char *v = config_setting_get_string(s);
        snprintf(buf, len, "\"%.*s%s\" is text", QUOTE_MAX, v, strlen(v) > QUOTE_MAX ? "..." : "");
        break;
    }
    case CONFIG_TYPE_BOOL:
        snprintf(buf, len, "%s is a boolean", config_setting_get_bool(s) ? "true" : "false");
        break;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        snprintf(buf, len, "%lld is a number", config_setting_get_int64(s));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, len, "%.10g is a number", config_setting_get_float(s));
        break;
    case CONFIG_TYPE_GROUP:
        snprintf(buf, len, "found a group { ... }");
        break;
    case CONFIG_TYPE_LIST:
        snprintf(buf, len, "found a list ( ... )");
        break;
    case CONFIG_TYPE_ARRAY:
        snprintf(buf, len, "found an array [ ... ]");
        break;
    default:
        snprintf(buf, len, "found an empty setting");
        break;
    }
}

static int fail_type(const cfgr_t *r, const config_setting_t *s, const char *expected) {
    char what[96];
    describe_value(s, what, sizeof what);
    return cfgr_fail(r, s, "%s (expected %s)", what, expected);
}

/* ------------------------------------------------------------ files */

/* An integer literal that libconfig 1.5 stores wrongly. */
typedef struct wrapped {
    int line;
    char text[MAX_LITERAL + 4]; /* as written (shortened when huge)       */
    bool suffix_l;              /* written with L: a 64-bit literal       */
    bool hex;                   /* written 0x...                          */
    long long stored;           /* what libconfig 1.5 made of it          */
} wrapped_t;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*' || c == '@';
}
static bool is_name_char(char c) { return is_name_start(c) || is_digit(c) || c == '_' || c == '-'; }

/* Does the integer literal tok (sign, digits or 0x hex digits, without
 * the L) fit where libconfig 1.5 puts it: 32 bits without L, 64 with? If
 * not, *stored gets what libconfig keeps (the low 32 bits, or the clamped
 * 64-bit value). */
static bool literal_fits(const char *tok, bool hex, bool suffix_l, long long *stored) {
    bool negative = tok[0] == '-';
    const char *digits = tok + (tok[0] == '-' || tok[0] == '+');
    errno = 0;
    if (hex) {
        unsigned long long u = strtoull(digits + 2, NULL, 16);
        bool range = errno == ERANGE;
        *stored = suffix_l ? (long long)u : (int)(unsigned)u;
        if (negative) return false; /* not a libconfig literal: be safe */
        return !range && (suffix_l ? u <= LLONG_MAX : u <= INT_MAX);
    }
    long long v = strtoll(tok, NULL, 10);
    bool range = errno == ERANGE;
    *stored = suffix_l ? v : (int)(unsigned)(unsigned long long)v;
    return !range && (suffix_l || (v >= INT_MIN && v <= INT_MAX));
}

/* Skips a comment or a string starting at p (updating *line); returns
 * the position after it, or p when there is none. */
static const char *skip_comment_or_string(const char *p, int *line) {
    if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
        while (*p && *p != '\n') p++;
        return p;
    }
    if (p[0] == '/' && p[1] == '*') {
        for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
            if (*p == '\n') (*line)++;
        return *p ? p + 2 : p;
    }
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            if (*p == '\n') (*line)++;
        }
        return *p ? p + 1 : p;
    }
    return p;
}

/* The numeric literal at p: sets *end past it; returns true and fills *w
 * when it is an integer that does not fit. */
static bool scan_number(const char *p, const char **end, int line, wrapped_t *w) {
    const char *start = p;
    if (*p == '+' || *p == '-') p++;
    bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2]);
    bool is_float = false;
    if (hex) {
        for (p += 2; is_hex(*p);) p++;
    } else {
        while (is_digit(*p)) p++;
        if (*p == '.') {
            is_float = true;
            for (p++; is_digit(*p);) p++;
        }
        if ((*p == 'e' || *p == 'E') &&
            (is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
            is_float = true;
            for (p += 2; is_digit(*p);) p++;
        }
    }
    size_t len = (size_t)(p - start);
    bool suffix_l = !is_float && *p == 'L';
    if (suffix_l) p += p[1] == 'L' ? 2 : 1;
    *end = p;
    if (is_float) return false;
    char tok[MAX_LITERAL + 1];
    bool huge = len > MAX_LITERAL;
    snprintf(tok, sizeof tok, "%.*s", (int)(huge ? MAX_LITERAL : len), start);
    long long stored = 0;
    if (!huge && literal_fits(tok, hex, suffix_l, &stored)) return false;
    if (huge) stored = tok[0] == '-' ? LLONG_MIN : LLONG_MAX;
    w->line = line;
    w->suffix_l = suffix_l;
    w->hex = hex;
    w->stored = stored;
    snprintf(w->text, sizeof w->text, "%s%s", tok, huge ? "..." : "");
    return true;
}

/* The first integer literal in the file text that libconfig 1.5 wraps or
 * clamps.  Comments and strings are skipped, names (which may hold
 * digits, as in `step2`) taken whole.  Returns true when found. */
static bool find_wrapped_literal(const char *text, wrapped_t *w) {
    int line = 1;
    const char *p = text;
    while (*p) {
        const char *after = skip_comment_or_string(p, &line);
        if (after != p) {
            p = after;
        } else if (*p == '\n') {
            line++;
            p++;
        } else if (is_name_start(*p)) {
            while (is_name_char(*p)) p++;
        } else if (is_digit(*p) || ((*p == '-' || *p == '+' || *p == '.') &&
                                    (is_digit(p[1]) || (p[1] == '.' && is_digit(p[2]))))) {
            if (scan_number(p, &p, line, w)) return true;
        } else {
            p++;
        }
    }
    return false;
}

/* The number setting on `line` holding `stored` (or, failing that, any
 * number setting on that line), depth first in file order; NULL if none. */
static const config_setting_t *setting_on_line(const config_setting_t *s, int line,
                                               const long long *stored) {
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT)
        return (int)config_setting_source_line(s) == line &&
                       (!stored ||
                        (t != CONFIG_TYPE_FLOAT && config_setting_get_int64(s) == *stored))
                   ? s
                   : NULL;
    if (!config_setting_is_aggregate(s)) return NULL;
    for (int i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *hit =
            setting_on_line(config_setting_get_elem(s, (unsigned)i), line, stored);
        if (hit) return hit;
    }
    return NULL;
}

static int report_wrapped(const cfgr_t *r, const config_t *cfg, const cfgr_src_t *src,
                          const wrapped_t *w) {
    const config_setting_t *root = config_root_setting(cfg);
    const config_setting_t *at = setting_on_line(root, w->line, &w->stored);
    if (!at) at = setting_on_line(root, w->line, NULL);
    char where[256] = "integer literal";
    if (at) cfgr_path(at, where, sizeof where);
    int line;
    const char *path = cfgr_src_where(src, w->line, &line);
    if (w->suffix_l)
        return fail_line(r, path, line, where,
                         "%sL does not fit in 64 bits (expected a whole number "
                         "from %lld to %lld)",
                         w->text, LLONG_MIN, LLONG_MAX);
    long long stored = at ? config_setting_get_int64(at) : w->stored;
    if (w->hex)
        return fail_line(r, path, line, where,
                         "%s does not fit in 32 bits, and libconfig 1.5 would "
                         "silently read it as %lld (write %sL)",
                         w->text, stored, w->text);
    return fail_line(r, path, line, where,
                     "%s does not fit in 32 bits, and libconfig 1.5 would "
                     "silently read it as %lld (write %sL for a large whole "
                     "number, or %s.0 for a decimal one)",
                     w->text, stored, w->text, w->text);
}

/* The file names settings point to, kept by the tree itself (the root's
 * hook, freed by config_destroy through the destructor). */
static void free_names(void *names) { free(names); }

/* Gives every setting the file and line it was written at (libconfig
 * numbered the lines of the expanded text). */
static void relocate(config_setting_t *s, const cfgr_src_t *src, char *const *names) {
    if (s->line > 0) {
        int line;
        cfgr_src_where(src, (long)s->line, &line);
        size_t i = s->line <= src->n_lines ? src->file[s->line - 1] : src->file[src->n_lines - 1];
        s->line = (unsigned)line;
        s->file = names[i];
    }
    if (!config_setting_is_aggregate(s)) return;
    for (int i = 0; i < config_setting_length(s); i++)
        relocate(config_setting_get_elem(s, (unsigned)i), src, names);
}

/* One block holding the pointers and the file names they point to. */
static char **copy_names(const cfgr_src_t *src) {
    size_t bytes = src->n_files * sizeof(char *);
    for (size_t i = 0; i < src->n_files; i++) bytes += strlen(src->files[i]) + 1;
    char **names = malloc(bytes);
    if (!names) return NULL;
    char *p = (char *)(names + src->n_files);
    for (size_t i = 0; i < src->n_files; i++) {
        size_t n = strlen(src->files[i]) + 1;
        memcpy(p, src->files[i], n);
        names[i] = p;
        p += n;
    }
    return names;
}

/* libconfig parses the expanded text; its includes were resolved already,
 * and an include folder that cannot exist makes sure it opens nothing
 * itself should any directive slip through. */
static int parse_text(const cfgr_t *r, config_t *cfg, const cfgr_src_t *src) {
    config_set_auto_convert(cfg, CONFIG_TRUE);
    config_set_include_dir(cfg, "/nonexistent/govsim: includes are expanded before");
    if (config_read_string(cfg, src->text) == CONFIG_TRUE) return 0;
    int line;
    const char *file = cfgr_src_where(src, config_error_line(cfg), &line);
    return fail_line(r, file, line, "", "syntax error: %s",
                     config_error_text(cfg) ? config_error_text(cfg) : "?");
}

int cfgr_read_file(const cfgr_t *r, config_t *cfg, const char *path) {
    cfgr_src_t src;
    int rc = cfgr_src_load(&src, path, r->err, r->errlen);
    if (rc != 0 && r->err && r->errlen > 0) make_one_line(r->err);
    if (rc == 0) rc = parse_text(r, cfg, &src);
    wrapped_t w;
    if (rc == 0 && find_wrapped_literal(src.text, &w)) rc = report_wrapped(r, cfg, &src, &w);
    char **names = rc == 0 ? copy_names(&src) : NULL;
    if (rc == 0 && !names) rc = fail_file(r, "%s: out of memory", path);
    if (rc == 0) {
        config_set_destructor(cfg, free_names);
        config_setting_set_hook(config_root_setting(cfg), names);
        relocate(config_root_setting(cfg), &src, names);
    }
    cfgr_src_free(&src);
    return rc;
}

/* ------------------------------------------------------------ structure */

/* Edit distance of two short names (insertions, deletions, substitutions
 * and swaps of neighbours, the typos people make: "wrok"), for "did you
 * mean" advice; a large number when either is too long. */
static size_t edit_distance(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    if (na > MAX_SUGGEST_LEN || nb > MAX_SUGGEST_LEN) return SIZE_MAX;
    size_t d[MAX_SUGGEST_LEN + 1][MAX_SUGGEST_LEN + 1];
    for (size_t i = 0; i <= na; i++) d[i][0] = i;
    for (size_t j = 0; j <= nb; j++) d[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[na][nb];
}

/* The allowed name closest to `name` if it is a plausible typo. */
static const char *suggestion(const char *name, const char *const *allowed) {
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; allowed[i]; i++) {
        size_t d = edit_distance(name, allowed[i]);
        if (d < best_d) best_d = d, best = allowed[i];
    }
    size_t limit = strlen(name) <= 4 ? 1 : 2;
    return best_d <= limit ? best : NULL;
}

int cfgr_check_keys(const cfgr_t *r, const config_setting_t *group, const char *const *allowed) {
    assert(config_setting_is_group(group));
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(m);
        bool known = false;
        for (size_t k = 0; allowed[k] && !known; k++) known = strcmp(name, allowed[k]) == 0;
        if (known) continue;
        char list[512] = "";
        size_t used = 0;
        for (size_t k = 0; allowed[k] && used < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", allowed[k]);
            if (w < 0) break;
            used += (size_t)w;
        }
        const char *near = suggestion(name, allowed);
        if (near)
            return cfgr_fail(r, m,
                             "unknown setting (did you mean '%s'? allowed "
                             "here: %s)",
                             near, list);
        return cfgr_fail(r, m, "unknown setting (allowed here: %s)", list);
    }
    return 0;
}

int cfgr_group(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
               config_setting_t **out) {
    char expected[96];
    snprintf(expected, sizeof expected, "a group %s = { ... }", name);
    *out = config_setting_get_member(group, name);
    if (!*out) return required ? cfgr_fail_missing(r, group, name, expected) : 0;
    if (!config_setting_is_group(*out)) return fail_type(r, *out, expected);
    return 0;
}

/* Element counts of a list or array; `what` names the elements. */
static int check_count(const cfgr_t *r, const config_setting_t *s, size_t min, size_t max,
                       const char *what) {
    size_t n = (size_t)config_setting_length(s);
    if (n < min && n == 0) return cfgr_fail(r, s, "is empty (expected %zu or more %s)", min, what);
    if (n < min) return cfgr_fail(r, s, "has %zu %s (expected %zu or more)", n, what, min);
    if (n > max) return cfgr_fail(r, s, "has %zu %s (expected at most %zu)", n, what, max);
    return 0;
}

static int member_sequence(const cfgr_t *r, const config_setting_t *group, const char *name,
                           bool required, size_t min, size_t max, const char *what, bool scalars,
                           config_setting_t **out) {
    char expected[128];
    snprintf(expected, sizeof expected, scalars ? "a list [ ... ] of %s" : "a list ( ... ) of %s",
             what);
    *out = config_setting_get_member(group, name);
    if (!*out) return required ? cfgr_fail_missing(r, group, name, expected) : 0;
    bool ok = config_setting_is_list(*out) ||
              (config_setting_is_array(*out) && (scalars || config_setting_length(*out) == 0));
    if (!ok) return fail_type(r, *out, expected);
    return check_count(r, *out, min, max, what);
}

int cfgr_list(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
              size_t min, size_t max, const char *what, config_setting_t **out) {
    return member_sequence(r, group, name, required, min, max, what, false, out);
}

int cfgr_sequence(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
                  size_t min, size_t max, const char *what, config_setting_t **out) {
    return member_sequence(r, group, name, required, min, max, what, true, out);
}

int cfgr_elem_group(const cfgr_t *r, const config_setting_t *list, size_t i, const char *example,
                    config_setting_t **out) {
    *out = config_setting_get_elem(list, (unsigned)i);
    assert(*out);
    if (!config_setting_is_group(*out)) {
        char expected[160];
        snprintf(expected, sizeof expected, "a group %s", example);
        return fail_type(r, *out, expected);
    }
    return 0;
}

/* ------------------------------------------------------------ values */

static bool in_range(const cfgr_range_t *rg, double v) {
    if (!(v >= rg->lo && v <= rg->hi)) return false; /* also NaN */
    if ((rg->lo_open && v == rg->lo) || (rg->hi_open && v == rg->hi)) return false;
    return !rg->whole || v == floor(v);
}

int cfgr_number_value(const cfgr_t *r, const config_setting_t *s, const cfgr_range_t *rg,
                      double *out) {
    char expected[96];
    cfgr_describe_range(rg, expected, sizeof expected);
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && t != CONFIG_TYPE_FLOAT)
        return fail_type(r, s, expected);
    double v =
        t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s) : (double)config_setting_get_int64(s);
    char text[48];
    if (t == CONFIG_TYPE_FLOAT) snprintf(text, sizeof text, "%.10g", v);
    else snprintf(text, sizeof text, "%lld", config_setting_get_int64(s));
    if (!isfinite(v))
        return cfgr_fail(r, s, "%s is not a finite number (expected %s)", text, expected);
    if (rg->whole && v != floor(v))
        return cfgr_fail(r, s, "%s is not a whole number (expected %s)", text, expected);
    if (!in_range(rg, v))
        return cfgr_fail(r, s, "%s is out of range (expected %s)", text, expected);
    *out = v + 0.0; /* -0 reads as 0 */
    return 0;
}

int cfgr_string_value(const cfgr_t *r, const config_setting_t *s, size_t max_len,
                      const char **out) {
    if (config_setting_type(s) != CONFIG_TYPE_STRING)
        return fail_type(r, s, "text in double quotes");
    const char *v = config_setting_get_string(s);
    size_t n = strlen(v);
    if (n > max_len)
        return cfgr_fail(r, s,
                         "text of %zu bytes is too long (expected at most "
                         "%zu bytes)",
                         n, max_len);
    *out = v;
    return 0;
}

int cfgr_id_value(const cfgr_t *r, const config_setting_t *s, size_t max_len, const char **out) {
    char expected[96];
    snprintf(expected, sizeof expected, "an id: 1 to %zu characters from a-z, 0-9 and _", max_len);
    if (config_setting_type(s) != CONFIG_TYPE_STRING) return fail_type(r, s, expected);
    const char *v = config_setting_get_string(s);
    size_t n = strlen(v);
    bool ok = n >= 1 && n <= max_len;
    for (size_t i = 0; ok && i < n; i++)
        ok = (v[i] >= 'a' && v[i] <= 'z') || is_digit(v[i]) || v[i] == '_';
    if (!ok)
        return cfgr_fail(r, s, "'%.*s%s' is not a valid id (expected %s)", QUOTE_MAX, v,
                         n > QUOTE_MAX ? "..." : "", expected);
    *out = v;
    return 0;
}

int cfgr_number(const cfgr_t *r, const config_setting_t *group, const char *name,
                const cfgr_range_t *rg, bool required, double dflt, double *out,
                config_setting_t **at) {
    config_setting_t *s = config_setting_get_member(group, name);
    if (at) *at = s;
    if (!s) {
        if (required) {
            char expected[96];
            cfgr_describe_range(rg, expected, sizeof expected);
            return cfgr_fail_missing(r, group, name, expected);
        }
        *out = dflt;
        return 0;
    }
    return cfgr_number_value(r, s, rg, out);
}

int cfgr_int(const cfgr_t *r, const config_setting_t *group, const char *name,
             const cfgr_range_t *rg, bool required, int dflt, int *out) {
    assert(rg->whole && rg->lo >= INT_MIN && rg->hi <= INT_MAX);
    double v = dflt;
    if (cfgr_number(r, group, name, rg, required, dflt, &v, NULL) != 0) return -1;
    *out = (int)v;
    return 0;
}

int cfgr_int64(const cfgr_t *r, const config_setting_t *group, const char *name, int64_t lo,
               bool required, int64_t dflt, int64_t *out) {
    char expected[96];
    snprintf(expected, sizeof expected, "a whole number from %lld to %lld", (long long)lo,
             (long long)INT64_MAX);
    config_setting_t *s = config_setting_get_member(group, name);
    if (!s) {
        if (required) return cfgr_fail_missing(r, group, name, expected);
        *out = dflt;
        return 0;
    }
    int t = config_setting_type(s);
    long long v;
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
        v = config_setting_get_int64(s);
    } else if (t == CONFIG_TYPE_FLOAT) {
        double f = config_setting_get_float(s);
        if (!(fabs(f) < 9007199254740992.0) || f != floor(f)) /* 2^53 */
            return cfgr_fail(r, s,
                             "%.10g is not a whole number that a decimal "
                             "can hold exactly (expected %s, written without a "
                             "decimal point)",
                             f, expected);
        v = (long long)f;
    } else {
        return fail_type(r, s, expected);
    }
    if (v < lo) return cfgr_fail(r, s, "%lld is out of range (expected %s)", v, expected);
    *out = v;
    return 0;
}

int cfgr_bool(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
              bool dflt, bool *out, config_setting_t **at) {
    config_setting_t *s = config_setting_get_member(group, name);
    if (at) *at = s;
    if (!s) {
        if (required) return cfgr_fail_missing(r, group, name, "true or false");
        *out = dflt;
        return 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return fail_type(r, s, "true or false, without quotes");
    *out = config_setting_get_bool(s) != 0;
    return 0;
}

int cfgr_string(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
                size_t max_len, const char *dflt, const char **out, config_setting_t **at) {
    config_setting_t *s = config_setting_get_member(group, name);
    if (at) *at = s;
    if (!s) {
        if (required) return cfgr_fail_missing(r, group, name, "text in double quotes");
        *out = dflt;
        return 0;
    }
    return cfgr_string_value(r, s, max_len, out);
}

int cfgr_id(const cfgr_t *r, const config_setting_t *group, const char *name, size_t max_len,
            const char **out, config_setting_t **at) {
    config_setting_t *s = config_setting_get_member(group, name);
    if (at) *at = s;
    if (!s) {
        char expected[96];
        snprintf(expected, sizeof expected, "an id: 1 to %zu characters from a-z, 0-9 and _",
                 max_len);
        return cfgr_fail_missing(r, group, name, expected);
    }
    return cfgr_id_value(r, s, max_len, out);
}

void cfgr_join_names(const char *names, size_t n, size_t stride, char *buf, size_t len) {
    enum { SHOWN_MAX = 12 };
    assert(buf && len > 0);
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && i < SHOWN_MAX && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names + i * stride);
        if (w < 0) return;
        used += (size_t)w;
    }
    if (n > SHOWN_MAX && used < len) snprintf(buf + used, len - used, ", ... (%zu in all)", n);
}

const config_setting_t *cfgr_blame_quoted(const config_setting_t *list, const char *const *text,
                                          size_t n, const char *msg) {
    const config_setting_t *best = list;
    const char *best_pos = NULL;
    for (size_t i = 0; i < n; i++) {
        char quoted[80];
        snprintf(quoted, sizeof quoted, "'%s'", text[i]);
        const char *pos = strstr(msg, quoted);
        if (pos && (!best_pos || pos < best_pos))
            best_pos = pos, best = config_setting_get_elem(list, (unsigned)i);
    }
    return best;
}
