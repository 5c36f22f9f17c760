/* The sweep charts (plot.h, "sweeps"): response curves, heat maps,
 * scatter plots and Sobol indices. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plot.h"
#include "plot_chart.h"

/* Layout of n panels: columns and rows. */
static void grid_of(size_t n, size_t *cols, size_t *rows) {
    *cols = n <= 1 ? 1 : n <= 4 ? 2 : 3;
    *rows = (n + *cols - 1) / *cols;
}

static unsigned series_color(size_t s) {
    unsigned c = PLOT_SERIES_COLOR[(s + 1) % PLOT_N_SERIES_COLOR];
    return c;
}

int plot_response(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                  const char *const *kpi_titles, const char *x_title, size_t n_x, const double *x,
                  const char *const *x_labels, size_t n_series, const char *const *series,
                  const plot_ci_t *y, char *err, size_t errlen) {
    /* xgettext:no-c-format */
    return plot_response_titled(ctx, _("response to the swept factor (95% confidence bands)"), name,
                                n_kpis, kpi_titles, x_title, n_x, x, x_labels, n_series, series, y,
                                err, errlen);
}

int plot_response_titled(const plot_ctx_t *ctx, const char *subtitle, const char *name,
                         size_t n_kpis, const char *const *kpi_titles, const char *x_title,
                         size_t n_x, const double *x, const char *const *x_labels, size_t n_series,
                         const char *const *series, const plot_ci_t *y, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    size_t cols, rows;
    grid_of(n_kpis, &cols, &rows);
    plot_chart_preamble(&c, "response of each KPI to a factor, with 95% CI bands",
                        520 * (int)cols + (n_series > 1 ? 200 : 0), 80 + 420 * (int)rows);
    for (size_t k = 0; k < n_kpis; k++)
        for (size_t s = 0; s < n_series; s++) {
            fprintf(c.d, "# block %zu: ", k * n_series + s);
            plot_put_comment(c.d, kpi_titles[k]);
            fputs("# x mean ci_low ci_high  # series\n", c.d);
            for (size_t i = 0; i < n_x; i++) {
                const plot_ci_t *v = &y[(k * n_series + s) * n_x + i];
                plot_put_num(c.d, x ? x[i] : (double)i);
                plot_put_ci(c.d, v);
                plot_put_comment(c.d, series[s]);
            }
            fputs("\n\n", c.d);
        }
    FILE *g = c.g;
    fprintf(g, "set multiplot layout %zu,%zu title ", rows, cols);
    plot_put_str2(g, ctx->scenario, subtitle);
    fputs(" font \",12\"\nset grid lc rgb \"#dddddd\"\nset style fill transparent solid 0.2 "
          "noborder\n",
          g);
    fputs(n_series > 1 ? "set key outside right top\n" : "unset key\n", g);
    fputs("set xlabel ", g);
    plot_put_str(g, x_title);
    fputc('\n', g);
    if (x_labels) {
        plot_put_xtics(g, n_x, x_labels, n_x > 4 ? 30 : 0);
        fprintf(g, "set xrange [-0.3:%g]\n", (double)n_x - 0.7);
    }
    for (size_t k = 0; k < n_kpis; k++) {
        fputs("set title ", g);
        plot_put_str(g, kpi_titles[k]);
        fputs("\nset ylabel ", g);
        plot_put_str(g, kpi_titles[k]);
        fputc('\n', g);
        bool first = true;
        for (size_t s = 0; s < n_series; s++) {
            const plot_ci_t *v = &y[(k * n_series + s) * n_x];
            if (!plot_any_mean(v, n_x)) continue;
            size_t b = k * n_series + s;
            if (plot_any_bounds(v, n_x))
                fprintf(g,
                        "%s'%s.dat' index %zu using 1:3:4 with filledcurves lc rgb \"#%06x\" "
                        "notitle",
                        first ? "plot " : ", \\\n     ", name, b, series_color(s));
            fprintf(g,
                    "%s'%s.dat' index %zu using 1:2 with linespoints pt 7 lw 2 "
                    "lc rgb \"#%06x\" title ",
                    first && !plot_any_bounds(v, n_x) ? "plot " : ", \\\n     ", name, b,
                    series_color(s));
            plot_put_str(g, series[s]);
            first = false;
        }
        if (first) plot_put_nothing(g, _("no value"), 0, 1);
        else fputc('\n', g);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

int plot_heatmap(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, const char *x_title, size_t n_x,
                 const char *const *x_labels, const char *y_title, size_t n_y,
                 const char *const *y_labels, const double *value, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    size_t cols, rows;
    grid_of(n_kpis, &cols, &rows);
    int cell = 60;
    int pw = 260 + cell * (int)n_x, ph = 200 + 34 * (int)n_y;
    plot_chart_preamble(&c, "KPI means over two factors", pw * (int)cols, 60 + ph * (int)rows);
    for (size_t k = 0; k < n_kpis; k++) {
        fprintf(c.d, "# block %zu: ", k);
        plot_put_comment(c.d, kpi_titles[k]);
        fputs("# x_level y_level mean\n", c.d);
        for (size_t iy = 0; iy < n_y; iy++) {
            for (size_t ix = 0; ix < n_x; ix++) {
                fprintf(c.d, "%zu %zu", ix, iy);
                plot_put_num(c.d, value[(k * n_y + iy) * n_x + ix]);
                fputc('\n', c.d);
            }
            fputc('\n', c.d);
        }
        fputc('\n', c.d);
    }
    FILE *g = c.g;
    fprintf(g, "set multiplot layout %zu,%zu title ", rows, cols);
    plot_put_str2(g, ctx->scenario, _("mean of each KPI over two factors"));
    fputs(" font \",12\"\nunset key\nset tics scale 0\n"
          "set palette defined (0 \"#2c7bb6\", 0.5 \"#ffffbf\", 1 \"#d7191c\")\n",
          g);
    fprintf(g, "set xrange [-0.5:%g]\nset yrange [-0.5:%g]\n", (double)n_x - 0.5,
            (double)n_y - 0.5);
    plot_put_xtics(g, n_x, x_labels, n_x > 5 ? 30 : 0);
    fputs("set ytics (", g);
    for (size_t iy = 0; iy < n_y; iy++) {
        if (iy) fputs(", ", g);
        plot_put_str(g, y_labels[iy]);
        fprintf(g, " %zu", iy);
    }
    fputs(")\nset xlabel ", g);
    plot_put_str(g, x_title);
    fputs("\nset ylabel ", g);
    plot_put_str(g, y_title);
    fputc('\n', g);
    for (size_t k = 0; k < n_kpis; k++) {
        fputs("set title ", g);
        plot_put_str(g, kpi_titles[k]);
        fputc('\n', g);
        if (!plot_any_finite(value + k * n_x * n_y, n_x * n_y, 1)) {
            plot_put_nothing(g, _("no value"), -0.5, (double)n_x - 0.5);
            continue;
        }
        fprintf(g,
                /* rectangles, not an image: sharp in SVG; cell values in
                 * plain digits or millions, never e-notation */
                "plot '%s.dat' index %zu using 1:2:(0.5):(0.5):3 with boxxyerror "
                "fs solid 1.0 noborder fc palette, \\\n"
                "     '' index %zu using 1:2:(strcol(3) eq \"NaN\" ? \"\" : "
                "abs($3) >= 1e6 ? sprintf(\"%%.1fM\", $3 / 1e6) : "
                "abs($3) >= 999.5 ? sprintf(\"%%.0f\", $3) : "
                "abs($3) < 0.01 ? sprintf(\"%%.4f\", $3) : sprintf(\"%%.3g\", $3)) "
                "with labels font \",8\"\n",
                name, k, k);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

int plot_scatter(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, size_t k, const char *const *factors, size_t n,
                 const double *x, const plot_ci_t *y, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    plot_chart_preamble(&c, "each design point's KPI mean against each factor", 60 + 380 * (int)k,
                        60 + 330 * (int)n_kpis);
    fputs("# point, factor values, then per KPI: mean ci_low ci_high\n", c.d);
    for (size_t p = 0; p < n; p++) {
        fprintf(c.d, "%zu", p);
        for (size_t j = 0; j < k; j++) plot_put_num(c.d, x[p * k + j]);
        for (size_t q = 0; q < n_kpis; q++) {
            plot_put_ci(c.d, &y[q * n + p]);
        }
        fputc('\n', c.d);
    }
    FILE *g = c.g;
    fprintf(g, "set multiplot layout %zu,%zu title ", n_kpis, k);
    /* xgettext:no-c-format */
    plot_put_str2(g, ctx->scenario, _("design points: KPI mean (95% CI) against each factor"));
    fputs(" font \",12\"\nunset key\nset grid lc rgb \"#dddddd\"\n", g);
    for (size_t q = 0; q < n_kpis; q++)
        for (size_t j = 0; j < k; j++) {
            fputs("set title ", g);
            plot_put_str(g, kpi_titles[q]);
            fputs("\nset xlabel ", g);
            plot_put_str(g, factors[j]);
            fputs("\nset ylabel ", g);
            plot_put_str(g, kpi_titles[q]);
            fputc('\n', g);
            if (!plot_any_mean(y + q * n, n)) {
                plot_put_nothing(g, _("no value"), 0, 1);
                continue;
            }
            size_t col = 2 + k + 3 * q;
            fprintf(g,
                    "plot '%s.dat' using %zu:%zu:%zu:%zu with yerrorbars pt 7 ps 0.6 "
                    "lc rgb \"#4a7ab5\"\n",
                    name, 2 + j, col, col + 1, col + 2);
        }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

int plot_indices(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, size_t k, const char *const *factors,
                 const plot_ci_t *s1, const plot_ci_t *st, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    size_t cols, rows;
    grid_of(n_kpis, &cols, &rows);
    plot_chart_preamble(&c, "first-order and total Sobol indices with bootstrap CIs",
                        (200 + 90 * (int)k) * (int)cols + 150, 80 + 420 * (int)rows);
    for (size_t q = 0; q < n_kpis; q++) {
        fprintf(c.d, "# block %zu: ", q);
        plot_put_comment(c.d, kpi_titles[q]);
        fputs("# factor S1 S1_low S1_high ST ST_low ST_high  # name\n", c.d);
        for (size_t j = 0; j < k; j++) {
            const plot_ci_t *a = &s1[q * k + j], *b = &st[q * k + j];
            fprintf(c.d, "%zu", j);
            plot_put_ci(c.d, a);
            plot_put_ci(c.d, b);
            plot_put_comment(c.d, factors[j]);
        }
        fputs("\n\n", c.d);
    }
    FILE *g = c.g;
    fprintf(g, "set multiplot layout %zu,%zu title ", rows, cols);
    /* xgettext:no-c-format */
    plot_put_str2(g, ctx->scenario,
                  _("Sobol indices: first order (factor alone) and total (with interactions), "
                    "95% bootstrap CIs"));
    fputs(" font \",12\"\nset style fill solid 0.8 border rgb \"#555555\"\nset boxwidth 0.35\n"
          "set grid ytics lc rgb \"#dddddd\"\nset yrange [-0.05:1.05<*]\n"
          "set key outside right top\nset ylabel ",
          g);
    plot_put_str(g, _("share of the KPI's variance"));
    fputc('\n', g);
    fprintf(g, "set xrange [-0.6:%g]\n", (double)k - 0.4);
    plot_put_xtics(g, k, factors, k > 3 ? 30 : 0);
    for (size_t q = 0; q < n_kpis; q++) {
        fputs("set title ", g);
        plot_put_str(g, kpi_titles[q]);
        fputc('\n', g);
        if (!plot_any_mean(s1 + q * k, k)) {
            plot_put_nothing(g, _("the KPI does not vary"), -0.6, (double)k - 0.4);
            continue;
        }
        fprintf(g, "plot '%s.dat' index %zu using ($1-0.18):2 with boxes lc rgb \"#4a7ab5\" title ",
                name, q);
        plot_put_str(g, _("first order"));
        fprintf(g, ", \\\n     '' index %zu using ($1+0.18):5 with boxes lc rgb \"#e69f00\" title ",
                q);
        plot_put_str(g, _("total"));
        if (plot_any_bounds(s1 + q * k, k))
            fprintf(g,
                    ", \\\n     '' index %zu using ($1-0.18):3:(0):($4-$3) with vectors "
                    "heads size 0.05,90 lc rgb \"black\" notitle",
                    q);
        if (plot_any_bounds(st + q * k, k))
            fprintf(g,
                    ", \\\n     '' index %zu using ($1+0.18):6:(0):($7-$6) with vectors "
                    "heads size 0.05,90 lc rgb \"black\" notitle",
                    q);
        fputc('\n', g);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}
