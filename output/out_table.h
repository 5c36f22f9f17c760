/*
 * out_table.h - aligned plain-text tables for the terminal.
 *
 * The table is collected first (columns, then rows of strings, copied) and
 * printed at the end, because each column is as wide as its widest entry:
 *
 *     service   dept    cases
 *     --------  ------  -----
 *     licence   market     12
 *     营业执照  市场        7
 *
 * Two spaces separate columns; the header underline is as wide as the
 * column; titles align like their column; no line has trailing spaces.
 *
 * Widths are display columns, not bytes, because department and service
 * names are often Chinese: East Asian wide characters count 2, every other
 * character 1 (text_char_width, base/text.h, the one rule govsim has).
 *
 * A column may have a maximum width; a longer entry is cut to fit and ends
 * in '~' (cut between characters, never inside one: a wide character that
 * would straddle the limit is left out and the cell padded).  What reaches
 * the terminal is sanitised: control characters (C0, DEL, C1, which could
 * move the cursor or start an escape sequence) print as '?', ill-formed
 * UTF-8 as U+FFFD.
 */
#ifndef GOVSIM_OUT_TABLE_H
#define GOVSIM_OUT_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef enum out_align { OUT_ALIGN_LEFT, OUT_ALIGN_RIGHT } out_align_t;

typedef struct out_column {
    char *title; /* owned copy                              */
    out_align_t align;
    size_t max_width; /* 0 = unlimited, else >= 1 display columns */
    size_t width;     /* widest entry so far, capped at max_width */
} out_column_t;

typedef struct out_table {
    out_column_t *cols;
    size_t n_cols;
    char **cells; /* n_rows * n_cols owned copies, row-major */
    size_t n_rows;
    size_t cap_rows;
} out_table_t;

/* An empty table.  This function can't fail. */
void out_table_init(out_table_t *t);

/* Append a column (all columns come before the first row).  Returns 0, or
 * -1 when out of memory (the table is unchanged). */
int out_table_add_column(out_table_t *t, const char *title, out_align_t align, size_t max_width);

/* Append a row of n_cols strings (copied; NULL is an empty cell).  Returns
 * 0, or -1 when out of memory (the table is unchanged). */
int out_table_add_row(out_table_t *t, const char *const *cells);

/* Print the header, its underline and the rows.  Write errors surface
 * through the stream. */
void out_table_print(const out_table_t *t, FILE *fp);

void out_table_free(out_table_t *t);

/* Display width of s in terminal columns, as the table counts it. */
size_t out_text_width(const char *s);

#endif
