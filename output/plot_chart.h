/*
 * plot_chart.h - the plumbing every chart shares (output/plot.c for
 * comparisons, output/plot_sweep.c for sweeps): a chart NAME is NAME.dat
 * and NAME.gp written whole (out_file.h), then NAME.png and NAME.svg drawn
 * by gnuplot; labels escaped for gnuplot strings, terminals noenhanced
 * (plot.h says why).  Internal to output/.
 */
#ifndef GOVSIM_OUT_PLOT_CHART_H
#define GOVSIM_OUT_PLOT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "out_file.h"
#include "plot.h"

typedef struct chart {
    const plot_ctx_t *ctx;
    char name[64];
    out_file_t dat, gp;
    FILE *d, *g; /* the data file and the script             */
} plot_chart_t;

/* Series colours: black for a baseline, then colour-blind-safe ones. */
extern const unsigned PLOT_SERIES_COLOR[];
extern const size_t PLOT_N_SERIES_COLOR;

/* The style of series i: ctx->styles[i], or one by position. */
plot_style_t plot_series_style(const plot_ctx_t *ctx, size_t i);

/* Open NAME.dat and NAME.gp.  Returns 0, or -1 with err set (nothing left
 * open). */
int plot_chart_open(plot_chart_t *c, const plot_ctx_t *ctx, const char *name, char *err,
                    size_t errlen);
/* The script's head: what it draws, and the terminal chosen by `fmt`. */
void plot_chart_preamble(plot_chart_t *c, const char *what, int width, int height);
/* Commit the data and the script, then draw PNG and SVG.  Returns 0, or -1
 * with err set. */
int plot_chart_finish(plot_chart_t *c, char *err, size_t errlen);

/* A label as a gnuplot double-quoted string, quotes included. */
void plot_put_str(FILE *g, const char *s);
/* Two lines as one double-quoted string (a title). */
void plot_put_str2(FILE *g, const char *line1, const char *line2);
/* A number for a data file; NaN (missing) as gnuplot reads it. */
void plot_put_num(FILE *f, double x);
/* An estimate as three data columns: mean, ci_low, ci_high. */
void plot_put_ci(FILE *f, const plot_ci_t *ci);
/* A name as a data-file comment, ending the line. */
void plot_put_comment(FILE *f, const char *s);
/* `set xtics (...)` naming positions 0 .. n-1, rotated by `rotate` degrees. */
void plot_put_xtics(FILE *g, size_t n, const char *const *labels, int rotate);
/* An empty panel saying why (gnuplot refuses data that is all undefined). */
void plot_put_nothing(FILE *g, const char *why, double x_lo, double x_hi);

/* `set label` lines naming n points (x[i], y[i], in data units; NaN:
 * not drawn) in the 9-point font and colors[i], each beside its point
 * where it overlaps no other label and no point.  range = {xlo, xhi,
 * ylo, yhi}, the axes' ranges, which the script must set, and w x h the
 * plot area in pixels (its margins set `at screen`). */
void plot_put_point_labels(FILE *g, size_t n, const double *x, const double *y,
                           const char *const *names, const unsigned *colors, const double range[4],
                           double w, double h);

/* Longest label, in display columns (a Chinese character: 2). */
size_t plot_label_columns(size_t n, const char *const *labels);
/* Longest label, in bytes. */
size_t plot_max_label(size_t n, const char *const *labels);
/* Whether any estimate has a finite mean, or finite bounds; any of x[0],
 * x[stride], ... x[(n-1) stride] is finite. */
bool plot_any_mean(const plot_ci_t *x, size_t n);
bool plot_any_bounds(const plot_ci_t *x, size_t n);
bool plot_any_finite(const double *x, size_t n, size_t stride);

#endif
