/* Comparing variants on common random numbers (paired.h). */
#include "paired.h"
#include "plan_cost.h"

#include <math.h>

paired_diff_t paired_difference(const double *base, const double *x, size_t n) {
    paired_diff_t d;
    d.paired = stats_ci_paired(base, x, n, 0.95);
    d.unpaired = stats_ci_unpaired(base, n, x, n, 0.95);
    d.base_mean = stats_ci(base, n, 0.95).mean;
    d.var_mean = stats_ci(x, n, 0.95).mean;
    d.rel = d.base_mean != 0 ? d.paired.mean / d.base_mean : NAN;
    return d;
}

bool paired_is_sure(const paired_diff_t *d) {
    return !isnan(d->paired.half) && (d->paired.lo > 0 || d->paired.hi < 0);
}

/* Mean paired change of variant v against the baseline (variant 0). */
static double change_of(const double *values, size_t n_reps, size_t v) {
    return stats_ci_paired(values, values + v * n_reps, n_reps, 0.95).mean;
}

void paired_rank(const double *values, size_t n_variants, size_t n_reps, size_t *order,
                 bool *tied) {
    if (n_variants < 2) return;
    size_t n = n_variants - 1;
    for (size_t k = 0; k < n; k++) order[k] = k + 1;
    for (size_t i = 1; i < n; i++) /* insertion sort, stable: few variants */
        for (size_t j = i;
             j > 0 && change_of(values, n_reps, order[j]) < change_of(values, n_reps, order[j - 1]);
             j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t k = 0; k < n; k++) {
        tied[k] = false;
        if (k == 0) continue;
        stats_ci_t d = stats_ci_paired(values + order[k - 1] * n_reps, values + order[k] * n_reps,
                                       n_reps, 0.95);
        tied[k] = isnan(d.half) || (d.lo <= 0 && d.hi >= 0);
    }
}

double paired_cost_per_unit(double cost_change, double benefit) {
    return benefit > 0 ? cost_change / benefit : NAN;
}

double paired_cost_per_sure_unit(double cost_change, stats_ci_t benefit) {
    if (isnan(benefit.lo) || !(benefit.lo > 0) || !(benefit.mean > 0)) return NAN;
    return cost_change / benefit.mean;
}

double paired_yearly_cost(double cost_per_year_change, double one_off, double rate, double life) {
    return cost_per_year_change + plan_cost_annualise(one_off, rate, life);
}
