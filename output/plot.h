/*
 * plot.h - the comparison charts, drawn by gnuplot.
 *
 * Each chart NAME is four files in the output folder: NAME.dat (the
 * numbers, one row per bar or point, a comment naming each column and the
 * variant or department on each row), NAME.gp (the gnuplot script, which a
 * user can edit and re-run: `gnuplot NAME.gp` writes NAME.png,
 * `gnuplot -e 'fmt="svg"' NAME.gp` writes NAME.svg), and the two pictures
 * NAME.png and NAME.svg.  Every file appears whole or not at all
 * (output/out_file.h): gnuplot renders into a temporary name that is then
 * renamed, once the picture is seen to be whole (gnuplot exits 0 even when
 * a full disk cut its writes: out_gnuplot_check_picture).
 *
 * Labels (scenario, variant, department and region names) come from
 * scenario and reform files, so the scripts set the terminal `noenhanced`
 * and write every label through text_gnuplot_string_plain(): a name cannot
 * end a string, run a command (`...`) or turn into markup.  The data files
 * carry numbers only; names stay in the script (as tic labels) and in
 * comments.
 *
 * Colours are fixed by meaning, so a reader learns them once: in change
 * charts green is a change for the better whose 95% interval excludes
 * zero, red one for the worse, grey one that cannot be told from zero.
 *
 * The functions take plain arrays (no simulator types), so that tests can
 * feed them known numbers.  Each returns 0, or -1 with a one-line message
 * in err (a file that could not be written, gnuplot missing or failing).
 */
#ifndef GOVSIM_OUT_PLOT_H
#define GOVSIM_OUT_PLOT_H

#include <stdbool.h>
#include <stddef.h>

/* An estimate with its 95% confidence interval; NaN mean = not available. */
typedef struct plot_ci {
    double mean, lo, hi;
} plot_ci_t;

/* How one series (a variant) is drawn: its colour (0xRRGGBB) and gnuplot
 * point type.  A reform keeps its style in every chart of every report
 * (plot_style_for_key), so a reader learns it once. */
typedef struct plot_style {
    unsigned color;
    int point;
} plot_style_t;

/* The style of a series named by a stable key (a reform's id): from a
 * hash of the key, so the same key has the same style in every run and
 * every chart, whatever its position. */
plot_style_t plot_style_for_key(const char *key);

/* Where and for what: the output folder and the scenario's display name
 * (shown in titles); styles, when not NULL, the style of each series of
 * the array of names handed to the function (else styles by position). */
typedef struct plot_ctx {
    const char *dir;
    const char *scenario;
    const plot_style_t *styles;
} plot_ctx_t;

/* One KPI panel of the change chart. */
typedef struct plot_kpi {
    const char *title; /* e.g. "cycle time (working days)"       */
    bool lower_is_better;
    const plot_ci_t *change; /* per variant: change against baseline   */
} plot_kpi_t;

/* changes.{dat,gp,png,svg}: one panel per KPI, a bar per variant (its
 * paired change against the baseline) with the 95% CI as error bar. */
int plot_changes(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                 size_t n_kpis, const plot_kpi_t *kpis, char *err, size_t errlen);

/* cdf.*: the distribution of cycle time per variant (baseline first):
 * quantiles[v * n_points + i] is the p[i]-quantile in working days,
 * averaged over replications. */
int plot_cdf(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants, size_t n_points,
             const double *p, const double *quantiles, char *err, size_t errlen);

/* trips.*: per variant, the mean trips per case with its CI, and the share
 * of cases by trips made, share[v * n_bins + b] for b = 0 .. n_bins - 1
 * (the last bin: n_bins - 1 trips or more). */
int plot_trips(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
               const plot_ci_t *mean, size_t n_bins, const double *share, char *err, size_t errlen);

/* utilization.*: heat maps of window and officer utilization, departments
 * (rows) by variants (columns): front[v * n_depts + d], NaN = none. */
int plot_utilization(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                     size_t n_depts, const char *const *depts, const double *front,
                     const double *back, char *err, size_t errlen);

/* cost_benefit.*: one point per variant, x = change in cost per year
 * (x_title, with unit), y = benefit per year (y_title), both with CIs. */
int plot_cost_benefit(const plot_ctx_t *ctx, size_t n_variants, const char *const *variants,
                      const plot_ci_t *cost, const plot_ci_t *benefit, const char *x_title,
                      const char *y_title, char *err, size_t errlen);

/* regions.*: per region, bars for a few variants (series), in two panels:
 * top[s * n_regions + r] and bottom[...] (e.g. cycle time and trips). */
int plot_regions(const plot_ctx_t *ctx, size_t n_series, const char *const *series,
                 size_t n_regions, const char *const *regions, const char *top_title,
                 const plot_ci_t *top, const char *bottom_title, const plot_ci_t *bottom, char *err,
                 size_t errlen);

/* NAME.*: heat-map matrices, n_rows by n_cols (e.g. kinds of department
 * by city), one panel per panels[p], two panels a row, each cell its
 * value as a percentage: value[(p * n_rows + r) * n_cols + c], a share
 * (0 to 1), NaN = none (left blank). */
int plot_matrix(const plot_ctx_t *ctx, const char *name, const char *subtitle, size_t n_panels,
                const char *const *panels, size_t n_rows, const char *const *rows, size_t n_cols,
                const char *const *cols, const double *value, char *err, size_t errlen);

/* ------------------------------------------------------------ sweeps */

/* NAME.*: response curves, a panel per KPI: y against a factor, one line
 * per series with its 95% CI as a band.  x has n_x values (NULL with
 * x_labels: discrete levels at 0 .. n_x-1 named by x_labels);
 * y[(kpi * n_series + s) * n_x + i]. */
int plot_response(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                  const char *const *kpi_titles, const char *x_title, size_t n_x, const double *x,
                  const char *const *x_labels, size_t n_series, const char *const *series,
                  const plot_ci_t *y, char *err, size_t errlen);
/* The same with `subtitle` as the title's second line (plot_response's is
 * "response to the swept factor", right for sweeps only). */
int plot_response_titled(const plot_ctx_t *ctx, const char *subtitle, const char *name,
                         size_t n_kpis, const char *const *kpi_titles, const char *x_title,
                         size_t n_x, const double *x, const char *const *x_labels, size_t n_series,
                         const char *const *series, const plot_ci_t *y, char *err, size_t errlen);

/* NAME.*: heat maps, a panel per KPI: value[(kpi * n_y + iy) * n_x + ix]
 * over two factors' levels, each cell labelled with its value. */
int plot_heatmap(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, const char *x_title, size_t n_x,
                 const char *const *x_labels, const char *y_title, size_t n_y,
                 const char *const *y_labels, const double *value, char *err, size_t errlen);

/* NAME.*: a panel per (KPI, factor): each design point's mean with its 95%
 * CI against the factor's value; x[p * k + j], y[kpi * n + p]. */
int plot_scatter(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, size_t k, const char *const *factors, size_t n,
                 const double *x, const plot_ci_t *y, char *err, size_t errlen);

/* NAME.*: Sobol indices, a panel per KPI: first-order and total index of
 * each factor as bars with bootstrap CIs; s1[kpi * k + j], st[...]. */
int plot_indices(const plot_ctx_t *ctx, const char *name, size_t n_kpis,
                 const char *const *kpi_titles, size_t k, const char *const *factors,
                 const plot_ci_t *s1, const plot_ci_t *st, char *err, size_t errlen);

#endif
