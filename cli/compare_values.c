/* Values and paired differences of a comparison (compare.h). */
#include <math.h>

#include "compare.h"

/* Per-replication values of KPI k in group g for variant v. */
void compare_values(const compare_t *c, const variant_t *v, size_t g, flow_kpi_t k,
                   double *x) {
    for (size_t r = 0; r < c->n_reps; r++) x[r] = flow_kpi(&v->res[r], g, k);
}

/* Government cost per year of a variant: the model's staff and windows,
 * plus what its reforms cost per year. */
void compare_cost_values(const compare_t *c, const variant_t *v, double *x) {
    compare_values(c, v, 0, FLOW_K_COST_YEAR, x);
    for (size_t r = 0; r < c->n_reps; r++) x[r] += v->reform_cost;
}

compare_diff_t compare_difference(const double *b, const double *x, size_t n) {
    compare_diff_t d;
    d.paired = stats_ci_paired(b, x, n, 0.95);
    d.unpaired = stats_ci_unpaired(b, n, x, n, 0.95);
    stats_ci_t cb = stats_ci(b, n, 0.95), cx = stats_ci(x, n, 0.95);
    d.base_mean = cb.mean;
    d.var_mean = cx.mean;
    d.rel = cb.mean != 0 ? d.paired.mean / cb.mean : NAN;
    return d;
}


const flow_kpi_t COMPARE_HEADLINE[COMPARE_N_HEADLINE] = {FLOW_K_CYCLE_WD, FLOW_K_TRIPS, FLOW_K_ONE_TRIP,
                                       FLOW_K_WITHIN_LIMIT, FLOW_K_WINDOW_WAIT};
