/* out_csv.c - see out_csv.h. */
#include "out_csv.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>

#include "text.h"

void out_csv_number(FILE *fp, double x) {
    if (isnan(x)) return;
    if (isinf(x)) {
        fputs(x > 0 ? "Inf" : "-Inf", fp);
        return;
    }
    char buf[TEXT_NUMBER_LEN];
    size_t n = text_format_number(buf, x);
    fwrite(buf, 1, n, fp);
}

/* A one-column row whose only field is empty would be a blank line, which
 * readers skip; the quoted empty string keeps the row. */
static bool lone_empty_field(size_t n, const out_cell_t *cell) {
    if (n != 1) return false;
    if (cell->kind == OUT_CELL_NUM) return isnan(cell->num);
    return cell->str == NULL || cell->str[0] == '\0';
}

void out_csv_header(FILE *fp, const char *const *names, size_t n) {
    assert(fp != NULL && names != NULL && n >= 1);
    out_cell_t first = out_cell_str(names[0]);
    if (lone_empty_field(n, &first)) {
        fputs("\"\"\n", fp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0) putc(',', fp);
        text_csv_field(fp, names[i]);
    }
    putc('\n', fp);
}

void out_csv_row(FILE *fp, const out_cell_t *cells, size_t n) {
    assert(fp != NULL && cells != NULL && n >= 1);
    if (lone_empty_field(n, &cells[0])) {
        fputs("\"\"\n", fp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0) putc(',', fp);
        if (cells[i].kind == OUT_CELL_NUM) out_csv_number(fp, cells[i].num);
        else text_csv_field(fp, cells[i].str);
    }
    putc('\n', fp);
}
