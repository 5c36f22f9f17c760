/* Values and paired differences of a comparison (compare.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "compare.h"

/* Per-replication values of KPI k in group g for variant v. */
void compare_values(const compare_t *c, const variant_t *v, size_t g, flow_kpi_t k, double *x) {
    for (size_t r = 0; r < c->n_reps; r++) x[r] = flow_kpi(&v->results[r], g, k);
}

/* Government cost per year of a variant: the model's staff and windows,
 * plus what its reforms cost per year. */
void compare_cost_values(const compare_t *c, const variant_t *v, double *x) {
    compare_values(c, v, 0, FLOW_K_COST_YEAR, x);
    for (size_t r = 0; r < c->n_reps; r++) x[r] += v->reform_cost;
}

compare_diff_t compare_difference(const double *b, const double *x, size_t n) {
    return paired_difference(b, x, n);
}

const flow_kpi_t COMPARE_HEADLINE[COMPARE_N_HEADLINE] = {
    FLOW_K_CYCLE_WD, FLOW_K_TRIPS, FLOW_K_ONE_TRIP, FLOW_K_WITHIN_LIMIT, FLOW_K_WINDOW_WAIT};

/* Shares are shown as percentages (their changes in percentage points),
 * so a reader meets one convention everywhere: the tables, the charts
 * and the report. */
const char *const COMPARE_HEADLINE_TITLE[COMPARE_N_HEADLINE + 1] = {
    N_("cycle (work days)"), N_("trips per case"),    N_("one-trip share (%)"),
    N_("within limit (%)"),  N_("window wait (min)"), N_("cost (M yuan/yr)")};

const int COMPARE_DECIMALS[COMPARE_N_HEADLINE + 1] = {3, 3, 1, 1, 2, 2};

const double COMPARE_SCALE[COMPARE_N_HEADLINE + 1] = {1, 1, 100, 100, 1, 1e-6};

void compare_cell(char *buf, size_t len, const compare_diff_t *d, int decimals) {
    compare_cell_scaled(buf, len, d, decimals, 1, "");
}

void compare_cell_scaled(char *buf, size_t len, const compare_diff_t *d, int decimals, double scale,
                         const char *unit) {
    const stats_ci_t *p = &d->paired;
    bool sure = paired_is_sure(d);
    if (isnan(p->mean)) snprintf(buf, len, "-");
    else if (p->half == 0)
        snprintf(buf, len, "%+.*f%s (%s)", decimals, p->mean * scale, unit, _("exact"));
    else if (isnan(p->half)) /* -r 1 */
        snprintf(buf, len, "%+.*f%s", decimals, p->mean * scale, unit);
    else
        snprintf(buf, len, "%+.*f%s ±%.*f%s", decimals, p->mean * scale, unit, decimals,
                 p->half * scale, sure ? " *" : "");
}

void compare_headline_cell(char *buf, size_t len, const compare_row_t *r, size_t h) {
    if (h == COMPARE_N_HEADLINE) /* r->cost is in million yuan already */
        compare_cell(buf, len, &r->cost, COMPARE_DECIMALS[h]);
    else
        compare_cell_scaled(buf, len, &r->headline[h], COMPARE_DECIMALS[h], COMPARE_SCALE[h],
                            COMPARE_SCALE[h] == 100 ? " pp" : "");
}

/* The change of KPI k (all cases) from the baseline to v. */
static compare_diff_t change(const compare_t *c, const variant_t *v, flow_kpi_t k, double *b,
                             double *x) {
    compare_values(c, &c->v[0], 0, k, b);
    compare_values(c, v, 0, k, x);
    return compare_difference(b, x, c->n_reps);
}

/* A saving per year from a change per case: the change's interval
 * negated and scaled by the cases of a year. */
static stats_ci_t saved(compare_diff_t d, double cases_per_year) {
    stats_ci_t s = d.paired;
    s.mean = -d.paired.mean * cases_per_year;
    s.lo = -d.paired.hi * cases_per_year;
    s.hi = -d.paired.lo * cases_per_year;
    s.half = d.paired.half * cases_per_year;
    return s;
}

double compare_summarize(const compare_t *c, compare_row_t *rows, size_t *order, bool *ok) {
    double *b = calloc(c->n_reps, sizeof *b), *x = calloc(c->n_reps, sizeof *x);
    *ok = b && x;
    if (!*ok) {
        free(b);
        free(x);
        return NAN;
    }
    compare_values(c, &c->v[0], 0, FLOW_K_ARRIVAL_RATE, b);
    double cases_per_year = stats_ci(b, c->n_reps, 0.95).mean * 365;
    double ratio_sum = 0;
    size_t ratio_n = 0, n = 0;
    for (size_t i = 1; i < c->n_variants; i++) {
        const variant_t *v = &c->v[i];
        compare_row_t *r = &rows[i];
        for (size_t h = 0; h < COMPARE_N_HEADLINE; h++)
            r->headline[h] = change(c, v, COMPARE_HEADLINE[h], b, x);
        compare_cost_values(c, &c->v[0], b);
        compare_cost_values(c, v, x);
        double cost_change = compare_difference(b, x, c->n_reps).paired.mean;
        for (size_t k = 0; k < c->n_reps; k++) b[k] /= 1e6, x[k] /= 1e6;
        r->cost = compare_difference(b, x, c->n_reps);
        stats_ci_t hours = saved(change(c, v, FLOW_K_CITIZEN_HOURS, b, x), cases_per_year);
        stats_ci_t trips = saved(change(c, v, FLOW_K_TRIPS, b, x), cases_per_year);
        r->hours_saved = hours.mean;
        r->trips_avoided = trips.mean;
        double yearly = paired_yearly_cost(cost_change, v->one_off - c->v[0].one_off,
                                           COMPARE_DISCOUNT_RATE, COMPARE_LIFE_YEARS);
        r->yuan_per_hour = paired_cost_per_sure_unit(yearly, hours);
        r->yuan_per_trip = paired_cost_per_sure_unit(yearly, trips);
        compare_diff_t cyc = r->headline[0]; /* COMPARE_HEADLINE[0] is cycle time */
        r->cycle_change = cyc.paired.mean;
        if (cyc.paired.half > 0 && !isnan(cyc.unpaired.half)) {
            ratio_sum += cyc.unpaired.half / cyc.paired.half;
            ratio_n++;
        }
        order[n++] = i;
    }
    /* rank by cycle time (study/paired.h): its values, variant by variant */
    double *cyc = calloc(c->n_variants * c->n_reps, sizeof *cyc);
    bool *tied = calloc(c->n_variants, sizeof *tied);
    if (!cyc || !tied) {
        *ok = false;
        free(cyc);
        free(tied);
        free(b);
        free(x);
        return NAN;
    }
    for (size_t i = 0; i < c->n_variants; i++)
        compare_values(c, &c->v[i], 0, FLOW_K_CYCLE_WD, cyc + i * c->n_reps);
    paired_rank(cyc, c->n_variants, c->n_reps, order, tied);
    for (size_t k = 0; k < n; k++) {
        rows[order[k]].rank = k + 1;
        rows[order[k]].tied_with_above = tied[k];
    }
    free(cyc);
    free(tied);
    free(b);
    free(x);
    return ratio_n ? ratio_sum / (double)ratio_n : NAN;
}
