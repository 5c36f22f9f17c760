/* The files of a finished sweep (sweep_out.h). */
#include "sweep_out.h"

#include <assert.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "i18n.h"
#include "kpi_label.h"
#include "kpi_rows.h"
#include "lang.h"
#include "out_csv.h"
#include "out_dir.h"
#include "out_file.h"
#include "out_table.h"
#include "plot.h"
#include "sens.h"
#include "stats.h"
#include "text_human.h"

#define BOOTSTRAP_RESAMPLES 1000
#define KPI_WIDTH           24 /* the KPI's name in the sensitivity table */

/* The replications of KPI q at point p, and their 95% CI (clamped to the
 * KPI's range: a share's to [0, 1]). */
static stats_ci_t point_ci(const sweep_out_t *o, size_t p, size_t q, double *buf) {
    size_t nk = o->sw->n_kpis;
    for (size_t r = 0; r < o->n_reps; r++) buf[r] = o->results[(p * o->n_reps + r) * nk + q];
    return kpi_ci(buf, o->n_reps, o->sw->kpis[q]);
}

int sweep_out_clear(const sweep_out_t *o, char *err, size_t errlen) {
    static const char *const files[] = {"results.csv", "summary_wide.csv", "summary.csv",
                                        "sensitivity.csv"};
    static const char *const charts[] = {"response", "heatmap", "points", "sobol_indices"};
    if (out_dir_clear(o->dir, files, sizeof files / sizeof *files, err, errlen) != 0) return -1;
    return out_dir_clear_charts(o->dir, charts, sizeof charts / sizeof *charts, err, errlen);
}

int sweep_out_summary(const sweep_out_t *o, char *err, size_t errlen) {
    const sweep_t *s = o->sw;
    out_file_t f;
    FILE *fp = out_file_open(&f, o->dir, "summary_wide.csv", err, errlen);
    if (!fp) return -1;
    double *buf = malloc(o->n_reps * sizeof *buf);
    if (!buf) {
        out_file_abort(&f);
        errmsg_format(err, errlen, "out of memory");
        return -1;
    }
    fputs("point", fp);
    for (size_t q = 0; q < s->n_kpis; q++) {
        const char *k = flow_kpi_name(s->kpis[q]);
        fprintf(fp, ",%s,%s_ci_low,%s_ci_high", k, k, k);
    }
    fputs(",n\n", fp);
    for (size_t p = 0; p < s->n_points; p++) {
        out_cell_t cells[1 + 3 * SWEEP_MAX_KPIS + 1];
        size_t n = 0;
        cells[n++] = out_cell_num((double)p);
        for (size_t q = 0; q < s->n_kpis; q++) {
            stats_ci_t ci = point_ci(o, p, q, buf);
            cells[n++] = out_cell_num(ci.mean);
            cells[n++] = out_cell_num(ci.lo);
            cells[n++] = out_cell_num(ci.hi);
        }
        cells[n++] = out_cell_num((double)o->n_reps);
        out_csv_row(fp, cells, n);
    }
    free(buf);
    return out_file_commit(&f, err, errlen);
}

/* "mean ±half" for people: shares as percentages, no e-notation. */
static void human_ci(char *buf, size_t len, const stats_ci_t *ci, bool share) {
    char mean[32], half[32];
    if (!isfinite(ci->mean)) {
        snprintf(buf, len, "-");
        return;
    }
    text_human_value(mean, sizeof mean, ci->mean, share);
    snprintf(buf, len, "%s", mean);
    size_t used = strlen(buf);
    if (isfinite(ci->half) && used < len) {
        text_human_value(half, sizeof half, ci->half, share);
        snprintf(buf + used, len - used, " ±%s", half);
    }
}

int sweep_out_table(const sweep_out_t *o, FILE *fp, size_t max_rows) {
    const sweep_t *s = o->sw;
    if (s->n_points > max_rows) {
        fprintf(fp, _("%zu points: each one's KPI means and CIs are in %s/summary_wide.csv\n"),
                s->n_points, o->dir);
        return 0;
    }
    out_table_t t;
    out_table_init(&t);
    double *buf = malloc(o->n_reps * sizeof *buf);
    int rc = buf ? out_table_add_column(&t, _("point"), OUT_ALIGN_RIGHT, 0) : -1;
    for (size_t j = 0; rc == 0 && j < s->n_factors; j++)
        rc = out_table_add_column(&t, s->factors[j].name, OUT_ALIGN_RIGHT, 32);
    for (size_t q = 0; rc == 0 && q < s->n_kpis; q++)
        rc = out_table_add_column(&t, cli_kpi_label(s->kpis[q]), OUT_ALIGN_RIGHT, 0);
    char cell[1 + SWEEP_MAX_FACTORS + SWEEP_MAX_KPIS][64];
    const char *row[1 + SWEEP_MAX_FACTORS + SWEEP_MAX_KPIS];
    for (size_t p = 0; rc == 0 && p < s->n_points; p++) {
        size_t n = 0;
        snprintf(cell[n], sizeof cell[n], "%zu", p);
        n++;
        for (size_t j = 0; j < s->n_factors; j++, n++) {
            const sweep_factor_t *f = &s->factors[j];
            if (f->kind == SWEEP_RANGE || f->level_type == CONFIG_TYPE_FLOAT)
                snprintf(cell[n], sizeof cell[n], "%.6g", sweep_value(s, p, j));
            else sweep_value_text(s, p, j, cell[n], sizeof cell[n]);
        }
        for (size_t q = 0; q < s->n_kpis; q++, n++) {
            stats_ci_t ci = point_ci(o, p, q, buf);
            human_ci(cell[n], sizeof cell[n], &ci, cli_kpi_is_share(s->kpis[q]));
        }
        for (size_t i = 0; i < n; i++) row[i] = cell[i];
        rc = out_table_add_row(&t, row);
    }
    if (rc == 0) {
        fprintf(fp, _("%s: KPI means over %zu replications (± 95%% CI half-width; shares in %%)\n"),
                s->name, o->n_reps);
        out_table_print(&t, fp);
    }
    out_table_free(&t);
    free(buf);
    return rc;
}

/* Point means of KPI q into y; false if one is missing. */
static bool point_means(const sweep_out_t *o, size_t q, double *y, double *buf) {
    for (size_t p = 0; p < o->sw->n_points; p++) {
        y[p] = point_ci(o, p, q, buf).mean;
        if (!isfinite(y[p])) return false;
    }
    return true;
}

/* The start of a sensitivity table's line: the KPI's name (or blanks) in
 * its column, by display width (Chinese names are two columns a character). */
static void sens_kpi(FILE *table, const char *label) {
    fputs("  ", table);
    cli_lang_fprint_cell(table, label, KPI_WIDTH);
    putc(' ', table);
}

static void sens_row(FILE *fp, const char *kpi, const char *factor, const char *method, double est,
                     double lo, double hi) {
    out_cell_t c[] = {out_cell_str(kpi), out_cell_str(factor), out_cell_str(method),
                      out_cell_num(est), out_cell_num(lo),     out_cell_num(hi)};
    out_csv_row(fp, c, 6);
}

/* Sobol indices of KPI q; fills s1/st (NaN when not defined). */
static void sobol_of(const sweep_out_t *o, size_t q, const double *y, gsl_rng *rng, FILE *fp,
                     FILE *table, plot_ci_t *s1, plot_ci_t *st) {
    const sweep_t *s = o->sw;
    size_t k = s->n_factors;
    sens_interval_t a[SWEEP_MAX_FACTORS], b[SWEEP_MAX_FACTORS];
    char why[512];
    const char *kpi = flow_kpi_name(s->kpis[q]);
    gsl_rng_set(rng, (unsigned long)(s->seed ^ 0xb0075u) + q);
    if (sens_sobol_boot(y, s->base_points, k, BOOTSTRAP_RESAMPLES, 0.95, rng, a, b, why,
                        sizeof why) != 0) {
        sens_kpi(table, cli_kpi_label(s->kpis[q]));
        fprintf(table, _("no indices: %s\n"), why);
        for (size_t j = 0; j < k; j++) s1[j] = st[j] = (plot_ci_t){NAN, NAN, NAN};
        return;
    }
    for (size_t j = 0; j < k; j++) {
        sens_row(fp, kpi, s->factors[j].name, "sobol_first", a[j].est, a[j].lo, a[j].hi);
        sens_row(fp, kpi, s->factors[j].name, "sobol_total", b[j].est, b[j].lo, b[j].hi);
        sens_kpi(table, j ? "" : cli_kpi_label(s->kpis[q]));
        fprintf(table, "%-28.28s %6.3f [%6.3f, %6.3f]   %6.3f [%6.3f, %6.3f]\n", s->factors[j].name,
                a[j].est, a[j].lo, a[j].hi, b[j].est, b[j].lo, b[j].hi);
        s1[j] = (plot_ci_t){a[j].est, a[j].lo, a[j].hi};
        st[j] = (plot_ci_t){b[j].est, b[j].lo, b[j].hi};
    }
}

static void src_of(const sweep_out_t *o, size_t q, const double *y, const double *x, FILE *fp,
                   FILE *table) {
    const sweep_t *s = o->sw;
    size_t k = s->n_factors;
    double src[SWEEP_MAX_FACTORS], r2;
    char why[512];
    const char *kpi = flow_kpi_name(s->kpis[q]);
    if (sens_src(x, s->n_points, k, y, src, &r2, why, sizeof why) != 0) {
        sens_kpi(table, cli_kpi_label(s->kpis[q]));
        fprintf(table, _("no coefficients: %s\n"), why);
        return;
    }
    for (size_t j = 0; j < k; j++) {
        sens_row(fp, kpi, s->factors[j].name, "src", src[j], NAN, NAN);
        sens_kpi(table, j ? "" : cli_kpi_label(s->kpis[q]));
        fprintf(table, "%-28.28s %8.3f\n", s->factors[j].name, src[j]);
    }
    sens_row(fp, kpi, "", "r2", r2, NAN, NAN);
    sens_kpi(table, "");
    cli_lang_fprint_cell(table, _("(R^2 of the linear fit)"), 28);
    fprintf(table, " %8.3f\n", r2);
}

int sweep_out_sensitivity(const sweep_out_t *o, FILE *table, char *err, size_t errlen) {
    const sweep_t *s = o->sw;
    size_t n = s->n_points, k = s->n_factors;
    out_file_t f;
    FILE *fp = out_file_open(&f, o->dir, "sensitivity.csv", err, errlen);
    if (!fp) return -1;
    static const char *const cols[] = {"kpi", "factor", "method", "estimate", "ci_low", "ci_high"};
    out_csv_header(fp, cols, 6);
    double *y = malloc(n * sizeof *y), *x = malloc(n * k * sizeof *x),
           *buf = malloc(o->n_reps * sizeof *buf);
    plot_ci_t *s1 = malloc(s->n_kpis * k * sizeof *s1), *st = malloc(s->n_kpis * k * sizeof *st);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    int rc = -1;
    if (!y || !x || !buf || !s1 || !st || !rng) {
        errmsg_format(err, errlen, "out of memory");
        out_file_abort(&f);
        goto out;
    }
    for (size_t p = 0; p < n; p++)
        for (size_t j = 0; j < k; j++) x[p * k + j] = sweep_value(s, p, j);
    bool sobol = s->design == SWEEP_SALTELLI;
    if (sobol)
        fprintf(table, _("\nSobol indices of the point means (%d bootstrap resamples, 95%% CI)\n"),
                BOOTSTRAP_RESAMPLES);
    else fprintf(table, "\n%s\n", _("Standardized regression coefficients of the point means"));
    sens_kpi(table, _("KPI"));
    cli_lang_fprint_cell(table, _("factor"), 28);
    if (sobol) {
        putc(' ', table);
        cli_lang_fprint_cell(table, _("first order"), 24);
        fprintf(table, " %s\n", _("total"));
    } else fprintf(table, " %8s\n", "SRC");
    for (size_t q = 0; q < s->n_kpis; q++) {
        if (!point_means(o, q, y, buf)) {
            sens_kpi(table, cli_kpi_label(s->kpis[q]));
            fprintf(table, "%s\n", _("missing at some points: not analysed"));
            for (size_t j = 0; j < k; j++)
                s1[q * k + j] = st[q * k + j] = (plot_ci_t){NAN, NAN, NAN};
            continue;
        }
        if (sobol) sobol_of(o, q, y, rng, fp, table, s1 + q * k, st + q * k);
        else src_of(o, q, y, x, fp, table);
    }
    rc = out_file_commit(&f, err, errlen);
    if (rc == 0 && sobol) {
        const char *titles[SWEEP_MAX_KPIS], *names[SWEEP_MAX_FACTORS];
        for (size_t q = 0; q < s->n_kpis; q++) titles[q] = cli_kpi_label(s->kpis[q]);
        for (size_t j = 0; j < k; j++) names[j] = s->factors[j].name;
        plot_ctx_t ctx = {o->dir, s->name, NULL};
        rc = plot_indices(&ctx, "sobol_indices", s->n_kpis, titles, k, names, s1, st, err, errlen);
    }
out:
    gsl_rng_free(rng);
    free(y);
    free(x);
    free(buf);
    free(s1);
    free(st);
    return rc;
}

/* ---------------------------------------------------------------- charts */

typedef struct titles {
    char text[SWEEP_MAX_KPIS][160];
    const char *p[SWEEP_MAX_KPIS];
} titles_t;

static void kpi_titles(const sweep_t *s, titles_t *t) {
    for (size_t q = 0; q < s->n_kpis; q++) {
        snprintf(t->text[q], sizeof t->text[q], "%s (%s)", cli_kpi_label(s->kpis[q]),
                 cli_kpi_unit(s->kpis[q]));
        t->p[q] = t->text[q];
    }
}

/* Labels of factor j's levels on a grid (the values, or text levels). */
static void level_labels(const sweep_t *s, size_t j, char (*text)[64], const char **lab,
                         double *x) {
    size_t stride = 1;
    for (size_t i = j + 1; i < s->n_factors; i++) stride *= s->factors[i].n_levels;
    for (size_t l = 0; l < s->factors[j].n_levels; l++) {
        const sweep_factor_t *f = &s->factors[j];
        if (f->kind == SWEEP_RANGE || f->level_type == CONFIG_TYPE_FLOAT)
            snprintf(text[l], 64, "%.4g", sweep_value(s, l * stride, j)); /* a tic label */
        else sweep_value_text(s, l * stride, j, text[l], 64);
        lab[l] = text[l];
        x[l] = sweep_value(s, l * stride, j);
    }
}

static int grid_plots(const sweep_out_t *o, const plot_ctx_t *ctx, const titles_t *t, double *buf,
                      char *err, size_t errlen) {
    const sweep_t *s = o->sw;
    const sweep_factor_t *f0 = &s->factors[0];
    size_t n0 = f0->n_levels, n1 = s->n_factors == 2 ? s->factors[1].n_levels : 1;
    char text0[SWEEP_MAX_LEVELS][64], text1[SWEEP_MAX_LEVELS][64], key1[SWEEP_MAX_LEVELS][64];
    const char *lab0[SWEEP_MAX_LEVELS], *lab1[SWEEP_MAX_LEVELS] = {"mean"},
                                        *keys[SWEEP_MAX_LEVELS] = {"mean"};
    double x0[SWEEP_MAX_LEVELS], x1[SWEEP_MAX_LEVELS];
    level_labels(s, 0, text0, lab0, x0);
    if (s->n_factors == 2) {
        level_labels(s, 1, text1, lab1, x1);
        for (size_t l = 0; l < s->factors[1].n_levels; l++) { /* "name = value" in the key */
            snprintf(key1[l], sizeof key1[l], "%.40s = %.20s", s->factors[1].name, text1[l]);
            keys[l] = key1[l];
        }
    }
    assert(s->n_kpis > 0 && n0 > 0 && n1 > 0); /* sweep_load checked */
    plot_ci_t *y = malloc(s->n_kpis * n1 * n0 * sizeof *y);
    double *v = malloc(s->n_kpis * n1 * n0 * sizeof *v);
    if (!y || !v) {
        free(y);
        free(v);
        errmsg_format(err, errlen, "out of memory");
        return -1;
    }
    for (size_t q = 0; q < s->n_kpis; q++)
        for (size_t b = 0; b < n1; b++)
            for (size_t a = 0; a < n0; a++) {
                stats_ci_t ci = point_ci(o, a * n1 + b, q, buf); /* odometer order */
                y[(q * n1 + b) * n0 + a] = (plot_ci_t){ci.mean, ci.lo, ci.hi};
                v[(q * n1 + b) * n0 + a] = ci.mean;
            }
    bool numeric = f0->kind == SWEEP_RANGE ||
                   (f0->kind == SWEEP_DISCRETE && f0->level_type != CONFIG_TYPE_STRING);
    int rc = plot_response(ctx, "response", s->n_kpis, t->p, f0->name, n0, numeric ? x0 : NULL,
                           numeric ? NULL : lab0, n1, keys, y, err, errlen);
    if (rc == 0 && s->n_factors == 2)
        rc = plot_heatmap(ctx, "heatmap", s->n_kpis, t->p, f0->name, n0, lab0, s->factors[1].name,
                          n1, lab1, v, err, errlen);
    free(y);
    free(v);
    return rc;
}

int sweep_out_plots(const sweep_out_t *o, char *err, size_t errlen) {
    const sweep_t *s = o->sw;
    titles_t t;
    kpi_titles(s, &t);
    plot_ctx_t ctx = {o->dir, s->name, NULL};
    double *buf = malloc(o->n_reps * sizeof *buf);
    if (!buf) {
        errmsg_format(err, errlen, "out of memory");
        return -1;
    }
    int rc;
    if (s->design == SWEEP_GRID && s->n_factors <= 2) {
        rc = grid_plots(o, &ctx, &t, buf, err, errlen);
    } else {
        size_t n = s->n_points, k = s->n_factors;
        double *x = malloc(n * k * sizeof *x);
        plot_ci_t *y = malloc(s->n_kpis * n * sizeof *y);
        const char *names[SWEEP_MAX_FACTORS];
        rc = -1;
        if (x && y) {
            for (size_t j = 0; j < k; j++) names[j] = s->factors[j].name;
            for (size_t p = 0; p < n; p++) {
                for (size_t j = 0; j < k; j++) x[p * k + j] = sweep_value(s, p, j);
                for (size_t q = 0; q < s->n_kpis; q++) {
                    stats_ci_t ci = point_ci(o, p, q, buf);
                    y[q * n + p] = (plot_ci_t){ci.mean, ci.lo, ci.hi};
                }
            }
            rc = plot_scatter(&ctx, "points", s->n_kpis, t.p, k, names, n, x, y, err, errlen);
        } else {
            errmsg_format(err, errlen, "out of memory");
        }
        free(x);
        free(y);
    }
    free(buf);
    return rc;
}
