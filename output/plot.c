/* The comparison charts (plot.h): data and script files, then gnuplot. */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plot_chart.h"

#define COLOR_BETTER 0x2e8b57 /* sea green   */
#define COLOR_WORSE  0xc0392b /* brick red   */
#define COLOR_UNSURE 0x9e9e9e /* grey        */

/* `set WHAT "text"` with the text translated and escaped. */
static void put_set(FILE *g, const char *what, const char *text) {
    fprintf(g, "set %s ", what);
    plot_put_str(g, text);
    fputc('\n', g);
}

/* ------------------------------------------------------------- changes */

static unsigned change_color(const plot_ci_t *ci, bool lower_is_better) {
    if (isnan(ci->mean) || isnan(ci->lo) || (ci->lo <= 0 && ci->hi >= 0)) return COLOR_UNSURE;
    bool better = lower_is_better ? ci->mean < 0 : ci->mean > 0;
    return better ? COLOR_BETTER : COLOR_WORSE;
}

int plot_changes(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                 size_t n_kpis, const plot_kpi_t *kpis, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "changes", err, errlen) != 0) return -1;
    size_t cols = n_kpis <= 2 ? n_kpis : n_kpis <= 4 ? 2 : 3;
    size_t rows = (n_kpis + cols - 1) / cols;
    size_t longest = plot_label_columns(n_variants, variants);
    int panel_h = 360 + 7 * (int)longest;
    plot_chart_preamble(&c, "change of each KPI against the baseline, per variant", 560 * (int)cols,
                        60 + panel_h * (int)rows);
    for (size_t k = 0; k < n_kpis; k++) {
        fprintf(c.d, "# block %zu: ", k);
        plot_put_comment(c.d, kpis[k].title);
        fputs("# x change ci_low ci_high rgb_colour  # variant\n", c.d);
        for (size_t v = 0; v < n_variants; v++) {
            const plot_ci_t *ci = &kpis[k].change[v];
            fprintf(c.d, "%zu", v);
            plot_put_ci(c.d, ci);
            fprintf(c.d, " %u", change_color(ci, kpis[k].lower_is_better));
            plot_put_comment(c.d, variants[v]);
        }
        fputs("\n\n", c.d);
    }
    FILE *g = c.g;
    fputs("set multiplot layout ", g);
    fprintf(g, "%zu,%zu title ", rows, cols);
    plot_put_str2(g, ctx->scenario,
                  /* xgettext:no-c-format */
                  _("change against the baseline, 95% paired confidence intervals. Green: better, "
                    "red: worse (the interval excludes zero); grey: cannot be told from zero"));
    fputs(" font \",12\"\n", g);
    fputs("set style fill solid 0.75 border rgb \"#555555\"\nset boxwidth 0.7\n"
          "set xzeroaxis lt -1 lw 1\nset grid ytics lc rgb \"#dddddd\"\nunset key\n",
          g);
    /* names upright below their bars: slanted ones run off the left edge */
    fprintf(g, "set bmargin %.1f\n", 2 + 0.45 * (double)longest);
    fprintf(g, "set xrange [-0.6:%g]\n", (double)n_variants - 0.4);
    plot_put_xtics(g, n_variants, variants, 90);
    for (size_t k = 0; k < n_kpis; k++) {
        fputs("set title ", g);
        plot_put_str(g, kpis[k].title);
        fputs("\nset ylabel ", g);
        plot_put_str(g, kpis[k].title);
        fputc('\n', g);
        if (!plot_any_mean(kpis[k].change, n_variants)) {
            plot_put_nothing(g, _("not applicable here"), -0.6, (double)n_variants - 0.4);
            continue;
        }
        fprintf(g, "plot 'changes.dat' index %zu using 1:2:5 with boxes lc rgb variable", k);
        if (plot_any_bounds(kpis[k].change, n_variants))
            fprintf(g,
                    ", \\\n     '' index %zu using 1:3:(0):($4-$3) with vectors heads size "
                    "0.08,90 lc rgb \"black\"",
                    k);
        fputc('\n', g);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

/* ----------------------------------------------------------------- CDF */

int plot_cdf(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants, size_t n_points,
             const double *p, const double *quantiles, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "cdf", err, errlen) != 0) return -1;
    plot_chart_preamble(&c, "distribution of cycle time per variant", 1100, 650);
    double lo = INFINITY, hi = 0;
    for (size_t v = 0; v < n_variants; v++) {
        fputs("# block: ", c.d);
        plot_put_comment(c.d, variants[v]);
        fputs("# cycle_time_working_days share_finished\n", c.d);
        for (size_t i = 0; i < n_points; i++) {
            double q = quantiles[v * n_points + i];
            plot_put_num(c.d, q);
            plot_put_num(c.d, p[i]);
            fputc('\n', c.d);
            if (q > 0 && q < lo) lo = q;
            if (q > hi) hi = q;
        }
        fputs("\n\n", c.d);
    }
    FILE *g = c.g;
    fputs("set title ", g);
    plot_put_str2(g, ctx->scenario, _("cycle time of cases, per variant"));
    fputc('\n', g);
    put_set(g, "ylabel", _("share of cases finished within x"));
    fputs("set yrange [0:1]\n"
          "set ytics (\"0%%\" 0, \"20%%\" 0.2, \"40%%\" 0.4, \"60%%\" 0.6, \"80%%\" 0.8, \"100%%\" "
          "1)\n"
          "set grid lc rgb \"#dddddd\"\nset key outside right top noenhanced\n",
          g);
    /* cycle times span minutes (online) to months (permits): log x when
     * the spread is wide */
    if (hi > 0 && lo < INFINITY && hi / lo > 30) {
        fprintf(g, "set logscale x\nset xrange [%g:%g]\n", lo, hi * 1.05);
        put_set(g, "xlabel", _("cycle time (working days, log scale)"));
    } else {
        put_set(g, "xlabel", _("cycle time (working days)"));
        fputs("set xrange [0:*]\n", g);
    }
    if (!(hi > 0)) {
        plot_put_nothing(g, _("no case finished"), 0, 1);
        return plot_chart_finish(&c, err, errlen);
    }
    fputs("plot ", g);
    bool first = true;
    for (size_t v = 0; v < n_variants; v++) {
        if (!plot_any_finite(quantiles + v * n_points, n_points, 1)) continue;
        plot_style_t st = plot_series_style(ctx, v);
        /* the line in the variant's colour, its marker every few points */
        fprintf(g,
                "%s'cdf.dat' index %zu using 1:2 with linespoints lw %s lc rgb \"#%06x\" "
                "pt %d ps 1.1 pi %zu dt %zu title ",
                first ? "" : ", \\\n     ", v, v == 0 ? "3" : "1.6", st.color, st.point,
                n_points / 6 + 1, ctx->styles ? (size_t)1 : 1 + v / PLOT_N_SERIES_COLOR);
        plot_put_str(g, variants[v]);
        first = false;
    }
    fputc('\n', g);
    return plot_chart_finish(&c, err, errlen);
}

/* --------------------------------------------------------------- trips */

int plot_trips(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
               const plot_ci_t *mean, size_t n_bins, const double *share, char *err,
               size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "trips", err, errlen) != 0) return -1;
    int width = 300 + 70 * (int)n_variants;
    if (width < 900) width = 900;
    plot_chart_preamble(&c, "trips per case per variant", width,
                        800 + 7 * (int)plot_label_columns(n_variants, variants));
    fputs("# x mean ci_low ci_high", c.d);
    for (size_t b = 0; b < n_bins; b++) fprintf(c.d, " share_%zu%s", b, b + 1 == n_bins ? "+" : "");
    fputs("  # variant\n", c.d);
    for (size_t v = 0; v < n_variants; v++) {
        fprintf(c.d, "%zu", v);
        plot_put_ci(c.d, &mean[v]);
        for (size_t b = 0; b < n_bins; b++) plot_put_num(c.d, share[v * n_bins + b]);
        plot_put_comment(c.d, variants[v]);
    }
    FILE *g = c.g;
    fputs("set multiplot layout 2,1 title ", g);
    plot_put_str2(g, ctx->scenario, _("trips to government offices per case"));
    fputs(" font \",12\"\n", g);
    fprintf(g, "set xrange [-0.6:%g]\n", (double)n_variants - 0.4);
    fputs("set grid ytics lc rgb \"#dddddd\"\nset style fill solid 0.8 border rgb \"#555555\"\n"
          "set boxwidth 0.7\n",
          g);
    fputs("unset xtics\nset offsets 0, 0, graph 0.1, 0\n", g);
    /* xgettext:no-c-format */
    put_set(g, "title", _("mean trips per case, with 95% confidence interval"));
    put_set(g, "ylabel", _("trips per case"));
    fputs("set yrange [0:*]\nunset key\n", g);
    if (!plot_any_mean(mean, n_variants)) {
        plot_put_nothing(g, _("no case finished"), -0.6, (double)n_variants - 0.4);
    } else {
        fputs("plot 'trips.dat' using 1:2 with boxes lc rgb \"#4a7ab5\", \\\n"
              "     '' using 1:2:(sprintf(\"%.2f\", $2)) with labels offset 0,1.2",
              g);
        if (plot_any_bounds(mean, n_variants))
            fputs(", \\\n     '' using 1:3:(0):($4-$3) with vectors heads size 0.08,90 "
                  "lc rgb \"black\"",
                  g);
        fputc('\n', g);
    }
    fputs("set offsets 0, 0, 0, 0\n", g);
    plot_put_xtics(g, n_variants, variants, 90);
    fprintf(g, "set bmargin %.1f\n", 2 + 0.45 * (double)plot_label_columns(n_variants, variants));
    put_set(g, "title", _("share of cases by number of trips"));
    put_set(g, "ylabel", _("share of cases"));
    fputs("set yrange [0:1]\n"
          "set ytics (\"0%%\" 0, \"20%%\" 0.2, \"40%%\" 0.4, \"60%%\" 0.6, \"80%%\" 0.8, \"100%%\" "
          "1)\n"
          "set key outside right top title ",
          g);
    plot_put_str(g, _("trips"));
    fputc('\n', g);
    static const unsigned bin_color[] = {0x1a9850, 0x91cf60, 0xfee08b, 0xfc8d59, 0xd73027};
    if (!plot_any_finite(share, n_variants * n_bins, 1)) {
        plot_put_nothing(g, _("no case finished"), -0.6, (double)n_variants - 0.4);
        fputs("unset multiplot\n", g);
        return plot_chart_finish(&c, err, errlen);
    }
    fputs("plot ", g);
    /* stacked from the bottom: bin b spans the cumulative share below it
     * (a variant without cases has NaN in every bin, so each bin has a
     * finite value once any variant has one) */
    for (size_t b = 0; b < n_bins; b++) {
        char below[256] = "0", top[256];
        size_t used = 0;
        for (size_t k = 0; k < b; k++)
            used += (size_t)snprintf(top + used, sizeof top - used, "%s$%zu", k ? "+" : "", 5 + k);
        if (b) snprintf(below, sizeof below, "%s", top);
        fprintf(g,
                "%s'trips.dat' using 1:((%s)+$%zu/2):(0.35):($%zu/2) "
                "with boxxyerrorbars lc rgb \"#%06x\" title \"%zu%s\"",
                b ? ", \\\n     " : "", below, 5 + b, 5 + b, bin_color[b < 5 ? b : 4], b,
                b + 1 == n_bins ? "+" : "");
    }
    fputs("\nunset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

/* --------------------------------------------------------- utilization */

static void heat_block(FILE *d, size_t n_variants, size_t n_depts, const double *u,
                       const char *const *depts) {
    fputs("# x=variant y=department utilization\n", d);
    for (size_t dd = 0; dd < n_depts; dd++) {
        for (size_t v = 0; v < n_variants; v++) {
            fprintf(d, "%zu %zu", v, dd);
            plot_put_num(d, u[v * n_depts + dd]);
            if (v + 1 == n_variants) plot_put_comment(d, depts[dd]);
            else fputc('\n', d);
        }
        fputc('\n', d); /* a scan line per department */
    }
    fputs("\n", d);
}

int plot_utilization(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                     size_t n_depts, const char *const *depts, const double *front,
                     const double *back, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "utilization", err, errlen) != 0) return -1;
    /* pixel layout: department names, left map, gap, right map, colour
     * box; rotated variant names below */
    double names = 7.0 * (double)plot_max_label(n_depts, depts) + 40;
    double map = 52.0 * (double)n_variants, gap = 40, colorbox = 110;
    double bottom = 4.3 * (double)plot_max_label(n_variants, variants) + 40, top = 110;
    int width = (int)(names + 2 * map + gap + colorbox);
    int height = (int)(top + bottom + 24 * (double)n_depts + 30);
    plot_chart_preamble(&c, "utilization by department and variant", width, height);
    fputs("# block 0: window utilization; block 1: officer utilization\n", c.d);
    heat_block(c.d, n_variants, n_depts, front, depts);
    heat_block(c.d, n_variants, n_depts, back, depts);
    FILE *g = c.g;
    fputs("set multiplot title ", g);
    plot_put_str2(g, ctx->scenario, _("utilization by department (share of opening hours busy)"));
    fputs(" font \",12\"\n", g);
    fputs("set palette defined (0 \"#f7fbff\", 0.5 \"#9ecae1\", 0.8 \"#fdae6b\", "
          "0.95 \"#e6550d\", 1 \"#a50f15\")\n"
          "set cbrange [0:1]\nset cbtics (\"0%%\" 0, \"20%%\" 0.2, \"40%%\" 0.4, \"60%%\" 0.6, "
          "\"80%%\" 0.8, \"100%%\" 1)\nunset key\nset tics scale 0\n",
          g);
    put_set(g, "cblabel", _("utilization"));
    fprintf(g, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1 - top / height,
            bottom / height);
    fprintf(g, "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\n", (double)n_variants - 0.5,
            (double)n_depts - 0.5);
    plot_put_xtics(g, n_variants, variants, 40);
    fputs("set ytics (", g);
    for (size_t d = 0; d < n_depts; d++) {
        if (d) fputs(", ", g);
        plot_put_str(g, depts[d]);
        fprintf(g, " %zu", d);
    }
    fputs(")\n", g);
    const char *const panel[] = {_("windows (front desk)"), _("officers (back office)")};
    for (int k = 0; k < 2; k++) {
        double left = k == 0 ? names : names + map + gap;
        fprintf(g, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n", left / width,
                (left + map) / width);
        if (k == 0) fputs("unset colorbox\n", g);
        else fputs("set colorbox\nset format y \"\"\nunset ytics\n", g);
        put_set(g, "title", panel[k]);
        if (!plot_any_finite(k == 0 ? front : back, n_variants * n_depts, 1)) {
            plot_put_nothing(g, k == 0 ? _("no windows") : _("no officers"), -0.5,
                             (double)n_variants - 0.5);
            continue;
        }
        fprintf(g,
                /* a rectangle per cell: sharp in SVG at any zoom (an image
                 * plot is a bitmap the browser smooths) */
                "plot 'utilization.dat' index %d using 1:2:(0.5):(0.5):3 with boxxyerror "
                "fs solid 1.0 noborder fc palette, \\\n"
                "     '' index %d using 1:2:(strcol(3) eq \"NaN\" ? \"\" : sprintf(\"%%.0f%%%%\", "
                "100*$3)) "
                "with labels font \",8\"\n",
                k, k);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}

/* --------------------------------------------------------- cost/benefit */

/* The ranges of the axes (the points and their intervals, and zero, with
 * a margin), the plot area fixed on the canvas, and each point's name
 * beside it where it overlaps nothing. */
static void cost_benefit_labels(FILE *g, const plot_ctx_t *ctx, size_t n, const char *const *names,
                                const plot_ci_t *cost, const plot_ci_t *benefit) {
    double r[4] = {0, 0, 0, 0};
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    unsigned *col = malloc((n + 1) * sizeof *col);
    for (size_t v = 0; v < n; v++) {
        const plot_ci_t *ci[2] = {&cost[v], &benefit[v]};
        for (size_t a = 0; a < 2; a++) {
            double vals[3] = {ci[a]->mean, ci[a]->lo, ci[a]->hi};
            for (int k = 0; k < 3; k++) {
                if (!isfinite(vals[k])) continue;
                if (vals[k] < r[2 * a]) r[2 * a] = vals[k];
                if (vals[k] > r[2 * a + 1]) r[2 * a + 1] = vals[k];
            }
        }
    }
    for (size_t a = 0; a < 2; a++) {
        double span = r[2 * a + 1] - r[2 * a];
        if (!(span > 0)) span = 1;
        r[2 * a] -= 0.08 * span;
        r[2 * a + 1] += 0.08 * span;
    }
    fprintf(g,
            "set lmargin at screen 0.08\nset rmargin at screen 0.68\n"
            "set bmargin at screen 0.10\nset tmargin at screen 0.88\n"
            "set xrange [%.10g:%.10g]\nset yrange [%.10g:%.10g]\n",
            r[0], r[1], r[2], r[3]);
    if (!x || !y || !col) goto out;
    for (size_t v = 0; v < n; v++) {
        x[v] = cost[v].mean;
        y[v] = benefit[v].mean;
        col[v] = plot_series_style(ctx, v).color;
    }
    plot_put_point_labels(g, n, x, y, names, col, r, 0.60 * 1100, 0.78 * 750);
out:
    free(x);
    free(y);
    free(col);
}

/* Long variant names (a plan's portfolios: "Central data-sharing hub (from
 * year 1) + ...") do not fit a key at the right, where gnuplot under-
 * estimates their width and they run into the plot; every point carries
 * its name beside it (cost_benefit_labels), so they go without the key. */
static bool cost_benefit_long_names(size_t n_variants, const char *const *variants) {
    for (size_t v = 0; v < n_variants; v++)
        if (strlen(variants[v]) > 48) return true;
    return false;
}

int plot_cost_benefit(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                      const plot_ci_t *cost, const plot_ci_t *benefit, const char *x_title,
                      const char *y_title, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "cost_benefit", err, errlen) != 0) return -1;
    plot_chart_preamble(&c, "cost against benefit, one point per variant", 1100, 750);
    fputs("# cost cost_low cost_high benefit benefit_low benefit_high  # variant\n", c.d);
    for (size_t v = 0; v < n_variants; v++) {
        plot_put_ci(c.d, &cost[v]);
        plot_put_ci(c.d, &benefit[v]);
        plot_put_comment(c.d, variants[v]);
    }
    FILE *g = c.g;
    fputs("set title ", g);
    plot_put_str2(g, ctx->scenario, _("what each variant costs and what it saves citizens"));
    fputs("\nset xlabel ", g);
    plot_put_str(g, x_title);
    fputs("\nset ylabel ", g);
    plot_put_str(g, y_title);
    fputs("\nset grid lc rgb \"#dddddd\"\nset xzeroaxis lt -1\nset yzeroaxis lt -1\n", g);
    bool long_names = cost_benefit_long_names(n_variants, variants);
    fputs(long_names ? "unset key\n" : "set key outside right top\n", g);
    cost_benefit_labels(g, ctx, n_variants, variants, cost, benefit);
    if (long_names) fputs("set rmargin at screen 0.96\n", g); /* the key's room */
    /* one series per variant, so the key names each point too */
    bool first = true;
    for (size_t v = 0; v < n_variants; v++) {
        if (!isfinite(cost[v].mean) || !isfinite(benefit[v].mean)) continue;
        bool bars = isfinite(cost[v].lo) && isfinite(cost[v].hi) && isfinite(benefit[v].lo) &&
                    isfinite(benefit[v].hi);
        plot_style_t st = plot_series_style(ctx, v);
        fprintf(g,
                "%s'cost_benefit.dat' every ::%zu::%zu using %s "
                "pt %d ps 1.6 lw 1.5 lc rgb \"#%06x\" title ",
                first ? "plot " : ", \\\n     ", v, v,
                bars ? "1:4:2:3:5:6 with xyerrorbars" : "1:4 with points", st.point, st.color);
        plot_put_str(g, variants[v]);
        first = false;
    }
    if (first) plot_put_nothing(g, _("no variant has both a cost and a benefit"), 0, 1);
    else fputc('\n', g);
    return plot_chart_finish(&c, err, errlen);
}

/* ------------------------------------------------------------- regions */

int plot_regions(const plot_ctx_t *ctx, size_t n_series, const char *const *series,
                 size_t n_regions, const char *const *regions, const char *top_title,
                 const plot_ci_t *top, const char *bottom_title, const plot_ci_t *bottom, char *err,
                 size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, "regions", err, errlen) != 0) return -1;
    int width = 300 + (int)(n_regions * (n_series * 34 + 40));
    if (width < 900) width = 900;
    plot_chart_preamble(&c, "KPIs per region for a few variants", width, 900);
    for (int panel = 0; panel < 2; panel++) {
        const plot_ci_t *x = panel ? bottom : top;
        fprintf(c.d, "# block %d: ", panel);
        plot_put_comment(c.d, panel ? bottom_title : top_title);
        fputs("# region then mean ci_low ci_high per series\n", c.d);
        for (size_t r = 0; r < n_regions; r++) {
            fprintf(c.d, "%zu", r);
            for (size_t s = 0; s < n_series; s++) {
                plot_put_ci(c.d, &x[s * n_regions + r]);
            }
            plot_put_comment(c.d, regions[r]);
        }
        fputs("\n\n", c.d);
    }
    FILE *g = c.g;
    fputs("set multiplot layout 2,1 title ", g);
    /* xgettext:no-c-format */
    plot_put_str2(g, ctx->scenario, _("regions compared (95% confidence intervals)"));
    fputs(" font \",12\"\n", g);
    double width_each = 0.8 / (double)n_series;
    fprintf(g,
            "set boxwidth %g\nset style fill solid 0.85 border rgb \"#555555\"\n"
            "set grid ytics lc rgb \"#dddddd\"\nset yrange [0:*]\n"
            "set key outside right top\n",
            width_each);
    fprintf(g, "set xrange [-0.6:%g]\n", (double)n_regions - 0.4);
    plot_put_xtics(g, n_regions, regions, 0);
    for (int panel = 0; panel < 2; panel++) {
        fputs("set title ", g);
        plot_put_str(g, panel ? bottom_title : top_title);
        fputs("\nset ylabel ", g);
        plot_put_str(g, panel ? bottom_title : top_title);
        fputc('\n', g);
        const plot_ci_t *x = panel ? bottom : top;
        bool first = true;
        for (size_t s = 0; s < n_series; s++) {
            const plot_ci_t *xs = x + s * n_regions;
            if (!plot_any_mean(xs, n_regions)) continue;
            double shift = ((double)s - ((double)n_series - 1) / 2) * width_each;
            unsigned color = plot_series_style(ctx, s).color;
            fprintf(
                g, "%s'regions.dat' index %d using ($1%+g):%zu with boxes lc rgb \"#%06x\" title ",
                first ? "plot " : ", \\\n     ", panel, shift, 2 + 3 * s, color ? color : 0x666666);
            plot_put_str(g, series[s]);
            if (plot_any_bounds(xs, n_regions))
                fprintf(g,
                        ", \\\n     '' index %d using ($1%+g):%zu:(0):($%zu-$%zu) with "
                        "vectors heads size 0.05,90 lc rgb \"black\" notitle",
                        panel, shift, 3 + 3 * s, 4 + 3 * s, 3 + 3 * s);
            first = false;
        }
        if (first) plot_put_nothing(g, _("no case finished"), -0.6, (double)n_regions - 0.4);
        else fputc('\n', g);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}
