/* out_table.c - see out_table.h. */
#include "out_table.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define COLUMN_GAP 2 /* spaces between columns */

/* ------------------------------------------------------------------ width */

/* One character as the terminal will get it. */
typedef struct glyph {
    const char *bytes; /* what to print                     */
    size_t len;        /* its length in bytes               */
    size_t consumed;   /* input bytes it stands for         */
    size_t width;      /* display columns                   */
} glyph_t;

/* The character at s (not NUL), sanitised: controls become '?', ill-formed
 * UTF-8 becomes U+FFFD. */
static glyph_t next_glyph(const char *s) {
    size_t n;
    int32_t cp = text_utf8_next(s, &n);
    glyph_t g = {.bytes = s, .len = n, .consumed = n, .width = 1};
    if (cp < 0) {
        g.bytes = TEXT_UTF8_REPLACEMENT;
        g.len = sizeof TEXT_UTF8_REPLACEMENT - 1;
    } else if (text_term_is_control(cp)) {
        g.bytes = "?";
        g.len = 1;
    } else {
        g.width = text_char_width(cp);
    }
    return g;
}

/* Width of the longest run of whole characters from s that fits in limit
 * columns. */
static size_t prefix_width(const char *s, size_t limit) {
    size_t w = 0;
    for (const char *p = s; *p != '\0';) {
        glyph_t g = next_glyph(p);
        if (w + g.width > limit) break;
        w += g.width;
        p += g.consumed;
    }
    return w;
}

size_t out_text_width(const char *s) {
    assert(s != NULL);
    return prefix_width(s, SIZE_MAX);
}

/* The width an entry takes in a column limited to max (0 = no limit). */
static size_t entry_width(const char *s, size_t max) {
    size_t w = out_text_width(s);
    return max > 0 && w > max ? max : w;
}

/* --------------------------------------------------------------- building */

void out_table_init(out_table_t *t) {
    assert(t != NULL);
    *t = (out_table_t){0};
}

int out_table_add_column(out_table_t *t, const char *title, out_align_t align, size_t max_width) {
    assert(t->n_rows == 0 && "columns come before rows");
    char *copy = strdup(title != NULL ? title : "");
    out_column_t *cols = copy ? realloc(t->cols, (t->n_cols + 1) * sizeof *cols) : NULL;
    if (cols == NULL) {
        free(copy);
        return -1;
    }
    t->cols = cols;
    t->cols[t->n_cols++] = (out_column_t){
        .title = copy,
        .align = align,
        .max_width = max_width,
        .width = entry_width(copy, max_width),
    };
    return 0;
}

/* Room for one more row; -1 when out of memory. */
static int reserve_row(out_table_t *t) {
    if (t->n_rows < t->cap_rows) return 0;
    size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
    char **cells = realloc(t->cells, cap * t->n_cols * sizeof *cells);
    if (cells == NULL) return -1;
    t->cells = cells;
    t->cap_rows = cap;
    return 0;
}

int out_table_add_row(out_table_t *t, const char *const *cells) {
    assert(t->n_cols > 0 && cells != NULL);
    if (reserve_row(t) != 0) return -1;
    char **row = t->cells + t->n_rows * t->n_cols;
    for (size_t c = 0; c < t->n_cols; c++) {
        row[c] = strdup(cells[c] != NULL ? cells[c] : "");
        if (row[c] == NULL) {
            while (c > 0) free(row[--c]);
            return -1;
        }
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t w = entry_width(row[c], t->cols[c].max_width);
        if (w > t->cols[c].width) t->cols[c].width = w;
    }
    t->n_rows++;
    return 0;
}

void out_table_free(out_table_t *t) {
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++) free(t->cells[i]);
    for (size_t c = 0; c < t->n_cols; c++) free(t->cols[c].title);
    free(t->cells);
    free(t->cols);
    *t = (out_table_t){0};
}

/* --------------------------------------------------------------- printing */

/* A line being printed.  Spaces are held back until some text follows
 * them, so that no line ends in spaces. */
typedef struct line {
    FILE *fp;
    size_t pending_spaces;
} line_t;

static void line_text(line_t *l, const char *bytes, size_t len) {
    for (; l->pending_spaces > 0; l->pending_spaces--) putc(' ', l->fp);
    fwrite(bytes, 1, len, l->fp);
}

static void line_end(line_t *l) {
    putc('\n', l->fp);
    l->pending_spaces = 0;
}

/* Print the characters of s that fit in limit columns. */
static void print_prefix(line_t *l, const char *s, size_t limit) {
    size_t w = 0;
    for (const char *p = s; *p != '\0';) {
        glyph_t g = next_glyph(p);
        if (w + g.width > limit) break;
        line_text(l, g.bytes, g.len);
        w += g.width;
        p += g.consumed;
    }
}

/* One entry, padded to the column's width on the side its alignment says;
 * cut with a '~' when longer than the column's maximum. */
static void print_entry(line_t *l, const char *s, const out_column_t *col) {
    size_t full = out_text_width(s);
    bool cut = col->max_width > 0 && full > col->max_width;
    size_t limit = cut ? col->max_width - 1 : full; /* room for the text */
    size_t shown = prefix_width(s, limit) + (cut ? 1 : 0);
    assert(shown <= col->width);
    size_t pad = col->width - shown;
    if (col->align == OUT_ALIGN_RIGHT) l->pending_spaces += pad;
    print_prefix(l, s, limit);
    if (cut) line_text(l, "~", 1);
    if (col->align == OUT_ALIGN_LEFT) l->pending_spaces += pad;
}

static void print_row(line_t *l, const out_table_t *t, char *const *row) {
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c > 0) l->pending_spaces += COLUMN_GAP;
        print_entry(l, row[c], &t->cols[c]);
    }
    line_end(l);
}

static void print_header(line_t *l, const out_table_t *t) {
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c > 0) l->pending_spaces += COLUMN_GAP;
        print_entry(l, t->cols[c].title, &t->cols[c]);
    }
    line_end(l);
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c > 0) l->pending_spaces += COLUMN_GAP;
        for (size_t i = 0; i < t->cols[c].width; i++) line_text(l, "-", 1);
    }
    line_end(l);
}

void out_table_print(const out_table_t *t, FILE *fp) {
    assert(t != NULL && fp != NULL && t->n_cols > 0);
    line_t l = {.fp = fp, .pending_spaces = 0};
    print_header(&l, t);
    for (size_t r = 0; r < t->n_rows; r++) print_row(&l, t, t->cells + r * t->n_cols);
}
