/*
 * paired.h - comparing variants on common random numbers: paired
 * differences, ranking with ties, cost-effectiveness.
 *
 * Every variant of a comparison runs the same replications (the same
 * random streams), so replication r of a variant is paired with
 * replication r of the baseline and the paired interval of the difference
 * is narrower than the unpaired (Welch) one by what the variants share.
 * Both are kept: their ratio says what common random numbers bought.
 *
 * Inputs are plain arrays of per-replication values (NaN = no value, as
 * the statistics skip it); nothing here knows a scenario or a KPI.  No
 * allocation; every function can't fail.
 */
#ifndef GOVSIM_PAIRED_H
#define GOVSIM_PAIRED_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"

/* A change against the baseline: paired and unpaired 95% intervals of the
 * difference (variant - baseline), the two means, the relative change. */
typedef struct paired_diff {
    stats_ci_t paired, unpaired;
    double base_mean, var_mean;
    double rel; /* paired mean / baseline mean; NaN when that is 0 */
} paired_diff_t;

/* The change from base to x, n paired replications. */
paired_diff_t paired_difference(const double *base, const double *x, size_t n);

/* Does the paired interval exclude zero (a change we are sure of)? */
bool paired_is_sure(const paired_diff_t *d);

/* Rank variants 1 .. n_variants-1 by their mean paired change against
 * the baseline, smallest (largest reduction) first (values: n_variants x
 * n_reps, variant 0 the baseline, not ranked).
 * order[k] receives the variant ranked k+1; tied[k] is true when the
 * paired interval between order[k] and order[k-1] contains zero or is
 * undefined (tied[0] is false).  Equal means keep variant order. */
void paired_rank(const double *values, size_t n_variants, size_t n_reps, size_t *order, bool *tied);

/* Cost per unit of benefit (yuan per hour saved, per trip avoided): NaN
 * unless the benefit is positive. */
double paired_cost_per_unit(double cost_change, double benefit);

/* The same, but only for a benefit we are sure of: NaN unless the
 * benefit's 95% interval (benefit.lo .. benefit.hi, in units gained) lies
 * wholly above zero; then cost_change / benefit.mean. */
double paired_cost_per_sure_unit(double cost_change, stats_ci_t benefit);

/* The yearly cost of a variant for cost-effectiveness: its change in cost
 * per year plus its one-off cost annualised over `life` years at `rate`
 * (study/plan_cost.h, plan_cost_annualise). */
double paired_yearly_cost(double cost_per_year_change, double one_off, double rate, double life);

#endif
