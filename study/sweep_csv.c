/* A sweep's design read from a CSV file of points (sweep.h,
 * sweep_design_read): what SALib, EMA Workbench or any other tool made,
 * one column per factor, a row per point. */
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "errmsg.h"
#include "rfile.h"
#include "sweep.h"

#define CSV_MAX_BYTES   (256u << 20) /* 100,000 points x 20 factors fit */
#define CSV_MAX_COLUMNS 256

/* A cursor over the file's text. */
typedef struct csv {
    char *p;  /* next character                  */
    int line; /* of the row being read (1-based) */
} csv_t;

/* The next field of the current row, unquoted in place ("a ""b""" -> a
 * "b"), into *field; *last says it ended its row.  Returns 0, or -1 on a
 * quote that is never closed. */
static int next_field(csv_t *c, char **field, bool *last) {
    while (*c->p == ' ' || *c->p == '\t') c->p++; /* before a quote too */
    char *out = c->p, *start = c->p;
    if (*c->p == '"') {
        c->p++;
        for (;;) {
            if (*c->p == '\0') return -1;
            if (*c->p == '"' && c->p[1] == '"') *out++ = '"', c->p += 2;
            else if (*c->p == '"') {
                c->p++;
                break;
            } else {
                if (*c->p == '\n') c->line++;
                *out++ = *c->p++;
            }
        }
    } else {
        while (*c->p && *c->p != ',' && *c->p != '\n' && *c->p != '\r') *out++ = *c->p++;
    }
    while (*c->p == ' ' || *c->p == '\t') c->p++; /* after a closing quote */
    *last = *c->p != ',';
    if (*c->p == '\r') c->p += c->p[1] == '\n' ? 2 : 1;
    else if (*c->p == ',' || *c->p == '\n') c->p++;
    *out = '\0';
    /* fields are trimmed: "0.5, 0.7" as written by hand */
    while (out > start && (out[-1] == ' ' || out[-1] == '\t')) *--out = '\0';
    while (*start == ' ' || *start == '\t') start++;
    *field = start;
    return 0;
}

/* Is the rest of the file blank lines only? */
static bool at_end(const csv_t *c) {
    for (const char *q = c->p; *q; q++)
        if (*q != '\n' && *q != '\r' && *q != ' ' && *q != '\t') return false;
    return true;
}

/* The column of each factor (by name) from the header row.  Returns 0, or
 * -1 with a message (a factor with no column, or with two). */
static int read_header(const sweep_t *s, csv_t *c, int *col, size_t *n_cols, char *err,
                       size_t errlen) {
    for (size_t j = 0; j < s->n_factors; j++) col[j] = -1;
    bool last = false;
    for (*n_cols = 0; !last; (*n_cols)++) {
        char *name;
        if (*n_cols == CSV_MAX_COLUMNS || next_field(c, &name, &last) != 0) {
            errmsg_format(err, errlen,
                          "%s:1: the header row is malformed (expected at most %d "
                          "column names separated by commas)",
                          s->design_file, CSV_MAX_COLUMNS);
            return -1;
        }
        for (size_t j = 0; j < s->n_factors; j++) {
            if (strcmp(name, s->factors[j].name) != 0) continue;
            if (col[j] >= 0) {
                errmsg_format(err, errlen,
                              "%s:1: column '%s': given twice (expected one column "
                              "per factor)",
                              s->design_file, name);
                return -1;
            }
            col[j] = (int)*n_cols;
        }
    }
    for (size_t j = 0; j < s->n_factors; j++)
        if (col[j] < 0) {
            errmsg_format(err, errlen,
                          "%s:1: no column '%s' (expected a column named after each "
                          "factor of the sweep file: %s%s)",
                          s->design_file, s->factors[j].name, s->factors[0].name,
                          s->n_factors > 1 ? ", ..." : "");
            return -1;
        }
    c->line = 2;
    return 0;
}

/* A number (the whole field, finite) into *x. */
static bool read_number(const char *text, double *x) {
    char *end;
    errno = 0;
    *x = strtod(text, &end);
    return end != text && *end == '\0' && errno != ERANGE && isfinite(*x);
}

/* The level of discrete or reforms factor f written as `text`, or -1. */
static long find_level(const sweep_factor_t *f, const char *text) {
    double x;
    for (size_t l = 0; l < f->n_levels; l++) {
        if (f->kind == SWEEP_DISCRETE && f->level_type == CONFIG_TYPE_FLOAT) {
            if (read_number(text, &x) && x == f->num[l]) return (long)l;
        } else if (f->kind == SWEEP_DISCRETE && f->level_type == CONFIG_TYPE_BOOL) {
            bool t = strcmp(text, "true") == 0 || strcmp(text, "True") == 0 ||
                     (read_number(text, &x) && x == 1);
            bool n = strcmp(text, "false") == 0 || strcmp(text, "False") == 0 ||
                     (read_number(text, &x) && x == 0);
            if ((t && f->flag[l]) || (n && !f->flag[l])) return (long)l;
        } else if (f->text[l] && strcmp(text, f->text[l]) == 0) {
            return (long)l;
        }
    }
    return -1;
}

/* Factor j's value at point p from its field.  Returns 0, or -1 with a
 * message naming the file, line and column. */
static int take_value(sweep_t *s, size_t p, size_t j, const char *text, int line, char *err,
                      size_t errlen) {
    const sweep_factor_t *f = &s->factors[j];
    double *x = &s->x[p * s->n_factors + j], *u = &s->u[p * s->n_factors + j];
    if (f->kind == SWEEP_RANGE) {
        /* a tool's lo + u (hi - lo) may round a hair past an end: allowed,
         * and clamped, within a billionth of the range */
        double slack = 1e-9 * (f->hi - f->lo);
        if (!read_number(text, x) || *x < f->lo - slack || *x > f->hi + slack) {
            errmsg_format(err, errlen,
                          "%s:%d: column '%s': '%s' %s (expected a number from %.10g "
                          "to %.10g, the factor's range)",
                          s->design_file, line, f->name, text,
                          read_number(text, x) ? "is outside the range" : "is not a number", f->lo,
                          f->hi);
            return -1;
        }
        *x = *x < f->lo ? f->lo : *x > f->hi ? f->hi : *x;
        if (f->whole) *x = round(*x);
        *u = f->hi > f->lo ? (*x - f->lo) / (f->hi - f->lo) : 0;
        if (*u >= 1) *u = nextafter(1.0, 0.0);
        return 0;
    }
    long l = find_level(f, text);
    if (l < 0) {
        char first[64];
        if (f->text[0]) snprintf(first, sizeof first, "%.60s", f->text[0]);
        else if (f->level_type == CONFIG_TYPE_BOOL) snprintf(first, sizeof first, "true");
        else snprintf(first, sizeof first, "%.10g", f->num[0]);
        errmsg_format(err, errlen,
                      "%s:%d: column '%s': '%s' is not one of the factor's %zu levels "
                      "(expected a level as design.csv writes it, e.g. '%s')",
                      s->design_file, line, f->name, text, f->n_levels, first);
        return -1;
    }
    *u = ((double)l + 0.5) / (double)f->n_levels;
    *x = NAN;
    return 0;
}

/* Rows to come (an upper bound: lines left), to size the arrays. */
static size_t count_rows(const char *p) {
    size_t n = 1;
    for (; *p; p++) n += *p == '\n';
    return n;
}

/* Every row: one point each, blank lines at the end skipped. */
static int read_rows(sweep_t *s, csv_t *c, const int *col, size_t n_cols, char *err,
                     size_t errlen) {
    size_t k = s->n_factors, cap = count_rows(c->p);
    if (cap > SWEEP_MAX_POINTS + 1) cap = SWEEP_MAX_POINTS + 1;
    s->u = design_alloc(cap, k, err, errlen);
    s->x = s->u ? calloc(cap * k, sizeof *s->x) : NULL;
    if (!s->x) {
        errmsg_format(err, errlen, "%s: out of memory", s->design_file);
        return -1;
    }
    size_t p = 0;
    while (!at_end(c)) {
        if (p == SWEEP_MAX_POINTS) {
            errmsg_format(err, errlen, "%s:%d: more than %d points (expected at most %d)",
                          s->design_file, c->line, SWEEP_MAX_POINTS, SWEEP_MAX_POINTS);
            return -1;
        }
        int line = c->line;
        bool last = false;
        size_t i = 0;
        for (; !last; i++) {
            char *field;
            if (next_field(c, &field, &last) != 0) {
                errmsg_format(err, errlen, "%s:%d: a quote is never closed", s->design_file, line);
                return -1;
            }
            for (size_t j = 0; j < k; j++)
                if ((size_t)col[j] == i && take_value(s, p, j, field, line, err, errlen) != 0)
                    return -1;
        }
        if (i != n_cols) {
            errmsg_format(err, errlen, "%s:%d: %zu fields (expected %zu, as the header has)",
                          s->design_file, line, i, n_cols);
            return -1;
        }
        c->line = line + 1;
        p++;
    }
    if (p == 0) {
        errmsg_format(err, errlen, "%s: no points (expected a header row, then a row per point)",
                      s->design_file);
        return -1;
    }
    s->n_points = p;
    return 0;
}

int sweep_design_read(sweep_t *s, char *err, size_t errlen) {
    char *text = NULL, why[256];
    size_t len;
    if (rfile_read(s->design_file, CSV_MAX_BYTES, &text, &len, why, sizeof why) != 0) {
        errmsg_format(err, errlen, "%s: %s", s->design_file, why);
        return -1;
    }
    csv_t c = {text, 1};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) c.p += 3; /* a BOM (Excel) */
    int col[SWEEP_MAX_FACTORS];
    size_t n_cols;
    int rc = read_header(s, &c, col, &n_cols, err, errlen);
    if (rc == 0) rc = read_rows(s, &c, col, n_cols, err, errlen);
    free(text);
    return rc;
}
