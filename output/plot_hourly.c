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

int plot_hourly(const plot_ctx_t *ctx, const char *name, const char *title, size_t n_hours,
                const int *hours, size_t n_depts, const char *const *depts, const plot_ci_t *y,
                char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    /* xgettext:no-c-format */
    plot_chart_preamble(&c, _("a day in the hall, by hour, with 95% CI bands"),
                        720 + (n_depts > 1 ? 200 : 0), 500);
    for (size_t s = 0; s < n_depts; s++) put_block(c.d, n_hours, hours, y + s * n_hours, depts[s]);
    FILE *g = c.g;
    fputs("set title ", g);
    /* xgettext:no-c-format */
    plot_put_str2(g, ctx->scenario, _("a day in the hall (means, 95% confidence bands)"));
    fputs("\nset grid lc rgb \"#dddddd\"\nset style fill transparent solid 0.2 noborder\n", g);
    fputs(n_depts > 1 ? "set key outside right top\n" : "unset key\n", g);
    int lo = n_hours ? hours[0] : 0, hi = n_hours ? hours[n_hours - 1] + 1 : 24;
    fprintf(g, "set xrange [%d:%d]\nset xtics %d,%d,%d\nset yrange [0:*]\nset xlabel ", lo, hi, lo,
            hi - lo > 12 ? 2 : 1, hi);
    plot_put_str(g, _("hour of the day"));
    fputs("\nset ylabel ", g);
    plot_put_str(g, title);
    fputc('\n', g);
    bool first = true;
    for (size_t s = 0; s < n_depts; s++) {
        const plot_ci_t *v = y + s * n_hours;
        if (!plot_any_mean(v, n_hours)) continue;
        unsigned colour = PLOT_SERIES_COLOR[(s + 1) % PLOT_N_SERIES_COLOR];
        if (plot_any_bounds(v, n_hours))
            fprintf(g,
                    "%s'%s.dat' index %zu using 1:3:4 with filledcurves lc rgb \"#%06x\" notitle",
                    first ? "plot " : ", \\\n     ", name, s, colour);
        fprintf(g,
                "%s'%s.dat' index %zu using 1:2 with linespoints pt 7 lw 2 lc rgb \"#%06x\" title ",
                first && !plot_any_bounds(v, n_hours) ? "plot " : ", \\\n     ", name, s, colour);
        plot_put_str(g, depts[s]);
        first = false;
    }
    if (first) plot_put_nothing(g, _("no value"), 0, 24);
    else fputc('\n', g);
    return plot_chart_finish(&c, err, errlen);
}
