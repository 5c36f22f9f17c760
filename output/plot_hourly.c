/*
 * plot_hourly.c - a day in the hall (plot_hourly.h).  Each hour's value is
 * drawn at the middle of the hour; an hour the hall was closed leaves a
 * gap in the line and its band (a blank line in the data).
 */
#include "plot_hourly.h"

#include <math.h>
#include <stdio.h>

#include "i18n.h"
#include "plot_chart.h"

/* Write one department's block: hour, mean, ci_low, ci_high; a closed
 * hour (or a jump over one) starts a new segment. */
static void put_block(FILE *d, size_t n_hours, const int *hours, const plot_ci_t *y,
                      const char *dept) {
    fputs("# hour mean ci_low ci_high  # department\n", d);
    for (size_t i = 0; i < n_hours; i++) {
        if (isnan(y[i].mean)) continue;
        if (i > 0 && (hours[i] != hours[i - 1] + 1 || isnan(y[i - 1].mean))) fputc('\n', d);
        plot_put_num(d, hours[i] + 0.5);
        plot_ci_t v = y[i];
        if (v.lo < 0) v.lo = 0; /* counts: the band stops at zero */
        plot_put_ci(d, &v);
        plot_put_comment(d, dept);
    }
    fputs("\n\n", d);
}

/* The peak of a series' means (-1 when it has none). */
static double series_peak(const plot_ci_t *v, size_t n) {
    double peak = -1;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i].mean) && v[i].mean > peak) peak = v[i].mean;
    return peak;
}

/* Choose up to PLOT_HOURLY_MAX_SERIES series, the highest peaks first,
 * ties by position; write their indices into pick[] in their original
 * order (colours and the key then follow the caller's order).  A chart of
 * 36 tangled lines shows nothing; the busiest lines are what a reader
 * looks for, and the CSV keeps them all. */
static size_t pick_busiest(size_t n_depts, size_t n_hours, const plot_ci_t *y, size_t *pick) {
    if (n_depts <= PLOT_HOURLY_MAX_SERIES) {
        for (size_t s = 0; s < n_depts; s++) pick[s] = s;
        return n_depts;
    }
    size_t n = 0;
    for (size_t k = 0; k < PLOT_HOURLY_MAX_SERIES; k++) {
        size_t best = n_depts;
        double best_peak = -INFINITY;
        for (size_t s = 0; s < n_depts; s++) {
            bool taken = false;
            for (size_t j = 0; j < n && !taken; j++) taken = pick[j] == s;
            double p = series_peak(y + s * n_hours, n_hours);
            if (!taken && p > best_peak) best = s, best_peak = p;
        }
        pick[n++] = best;
    }
    for (size_t i = 1; i < n; i++) /* back to the caller's order */
        for (size_t j = i; j > 0 && pick[j - 1] > pick[j]; j--) {
            size_t t = pick[j];
            pick[j] = pick[j - 1];
            pick[j - 1] = t;
        }
    return n;
}

int plot_hourly(const plot_ctx_t *ctx, const char *name, const char *title, size_t n_hours,
                const int *hours, size_t n_depts, const char *const *depts, const plot_ci_t *y,
                char *err, size_t errlen) {
    size_t pick[PLOT_HOURLY_MAX_SERIES];
    size_t n_shown = pick_busiest(n_depts, n_hours, y, pick);
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    /* the key goes below the plot, a line per series: long department
     * names beside it squeezed the plot to a strip */
    /* xgettext:no-c-format */
    plot_chart_preamble(&c, _("a day in the hall, by hour, with 95% CI bands"), 900,
                        480 + (n_shown > 1 ? 20 * (int)n_shown : 0));
    for (size_t k = 0; k < n_shown; k++)
        put_block(c.d, n_hours, hours, y + pick[k] * n_hours, depts[pick[k]]);
    FILE *g = c.g;
    fputs("set title ", g);
    char what[256];
    if (n_shown < n_depts)
        snprintf(what, sizeof what,
                 _("a day in the hall (means, 95%% confidence bands): the %zu busiest of %zu"),
                 n_shown, n_depts);
    else /* xgettext:no-c-format */
        snprintf(what, sizeof what, "%s", _("a day in the hall (means, 95% confidence bands)"));
    plot_put_str2(g, ctx->scenario, what);
    fputs("\nset grid lc rgb \"#dddddd\"\nset style fill transparent solid 0.2 noborder\n", g);
    fputs(n_shown > 1 ? "set key below left Left reverse maxcols 1\n" : "unset key\n", g);
    int lo = n_hours ? hours[0] : 0, hi = n_hours ? hours[n_hours - 1] + 1 : 24;
    fprintf(g, "set xrange [%d:%d]\nset xtics %d,%d,%d\nset yrange [0:*]\nset xlabel ", lo, hi, lo,
            hi - lo > 12 ? 2 : 1, hi);
    plot_put_str(g, _("hour of the day"));
    fputs("\nset ylabel ", g);
    plot_put_str(g, title);
    fputc('\n', g);
    bool first = true;
    for (size_t k = 0; k < n_shown; k++) {
        size_t s = pick[k];
        const plot_ci_t *v = y + s * n_hours;
        if (!plot_any_mean(v, n_hours)) continue;
        unsigned colour = PLOT_SERIES_COLOR[(k + 1) % PLOT_N_SERIES_COLOR];
        if (plot_any_bounds(v, n_hours))
            fprintf(g,
                    "%s'%s.dat' index %zu using 1:3:4 with filledcurves lc rgb \"#%06x\" notitle",
                    first ? "plot " : ", \\\n     ", name, k, colour);
        fprintf(g,
                "%s'%s.dat' index %zu using 1:2 with linespoints pt 7 lw 2 lc rgb \"#%06x\" title ",
                first && !plot_any_bounds(v, n_hours) ? "plot " : ", \\\n     ", name, k, colour);
        plot_put_str(g, depts[s]);
        first = false;
    }
    if (first) plot_put_nothing(g, _("no value"), 0, 24);
    else fputc('\n', g);
    return plot_chart_finish(&c, err, errlen);
}
