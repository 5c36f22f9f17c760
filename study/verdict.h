/*
 * verdict.h - does a simulated KPI agree with theory?  The rule of
 * `govsim validate` and of the model-against-theory tests, in one place.
 *
 * Many metrics are judged at once, so per-metric 95% intervals would
 * reject a perfect engine most of the time.  A metric passes when its
 * theory value lies inside the simultaneous interval: Bonferroni over all
 * M metrics at a family level (0.99 in govsim: per-metric level
 * 1 - 0.01/M), a Student-t interval over independent replications.  A
 * check that cannot fail is no check, so that interval must also be
 * narrow: its half-width at most `precision` (a share of |theory|), else
 * the verdict is IMPRECISE, which fails too.  The interval judged is the
 * one returned, so a table can print exactly what the verdict used.
 * No state, no allocation; every function can't fail.
 */
#ifndef GOVSIM_VERDICT_H
#define GOVSIM_VERDICT_H

#include <stddef.h>

#include "stats.h"

typedef enum verdict_kind { VERDICT_PASS, VERDICT_FAIL, VERDICT_IMPRECISE } verdict_kind_t;

typedef struct verdict {
    verdict_kind_t kind;
    stats_ci_t interval; /* the simultaneous interval the verdict used */
} verdict_t;

/* Per-metric confidence level of a Bonferroni family of n metrics. */
double verdict_level(double family_level, size_t n_metrics);

/* Judge n replication values x against `theory` at per-metric `level`,
 * with the precision floor `precision` (share of |theory|).  n < 2 gives
 * an undefined interval and FAIL. */
verdict_t verdict_judge(const double *x, size_t n, double theory, double level, double precision);

/* "PASS", "FAIL" or "IMPRECISE". */
const char *verdict_name(verdict_kind_t kind);

#endif
