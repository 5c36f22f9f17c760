/*
 * out_csv.h - tidy CSV: one header row, then one row per observation.
 *
 * govsim's CSV files are "long" (scenario, variant, kpi, mean, ci_low,
 * ci_high, n), made to be read by R, pandas or a spreadsheet without
 * options.  A row is an array of cells, each a string or a number:
 *
 *     out_csv_header(fp, (const char *[]){"kpi", "mean"}, 2);
 *     out_csv_row(fp, (out_cell_t[]){out_cell_str("wait"),
 *                                    out_cell_num(12.5)}, 2);
 *
 * Strings are quoted as RFC 4180 says (see text_csv_field in text.h).
 * Numbers are written so they read back as the same double (the shortest
 * of %.15g/%.16g/%.17g that does); NaN, our "no value" (a CI from one
 * replication), is an empty field, which R and pandas read as NA/NaN;
 * infinities are "Inf" and "-Inf", which both read back.  Lines end in LF:
 * RFC 4180 asks for CRLF, but every reader of tidy data accepts LF and Unix
 * tools (cut, awk, diff) prefer it.  Errors surface through the stream
 * (out_file_commit checks it).
 */
#ifndef GOVSIM_OUT_CSV_H
#define GOVSIM_OUT_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef enum out_cell_kind { OUT_CELL_STR, OUT_CELL_NUM } out_cell_kind_t;

typedef struct out_cell {
    out_cell_kind_t kind;
    const char *str; /* OUT_CELL_STR: the text (NULL = empty field) */
    double num;      /* OUT_CELL_NUM: the value (NaN = empty field) */
} out_cell_t;

static inline out_cell_t out_cell_str(const char *s) {
    return (out_cell_t){.kind = OUT_CELL_STR, .str = s, .num = 0.0};
}

static inline out_cell_t out_cell_num(double x) {
    return (out_cell_t){.kind = OUT_CELL_NUM, .str = NULL, .num = x};
}

/* The header row: the n column names (n >= 1), quoted where needed. */
void out_csv_header(FILE *fp, const char *const *names, size_t n);

/* One row of n cells (n >= 1). */
void out_csv_row(FILE *fp, const out_cell_t *cells, size_t n);

/* One numeric field, as the rows write it (no separator, no newline). */
void out_csv_number(FILE *fp, double x);

#endif
