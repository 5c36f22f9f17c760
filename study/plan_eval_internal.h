/*
 * plan_eval_internal.h - what the search (plan_search.c) needs of the
 * evaluation (plan_eval.c): adding a portfolio as it is proposed, and
 * running replications.  Not for other modules.
 */
#ifndef GOVSIM_PLAN_EVAL_INTERNAL_H
#define GOVSIM_PLAN_EVAL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "plan_eval.h"

/* The portfolio with these start years (0: out), added (its year
 * scenarios built, costed: status OVER_BUDGET or ELIMINATED) unless
 * already there; *at its index.  Returns 0, 1 when there is no room
 * (max_portfolios simulated), -2 with a message, -1 out of memory. */
int plan_eval_add(plan_eval_t *ev, const int *start, size_t *at, char *err, size_t errlen);

/* Replications up to `reps` of every portfolio with want[i] (common
 * random numbers: replication r is the same citizens everywhere).
 * Returns 0 or -1 (out of memory, interrupted). */
int plan_eval_run_reps(plan_eval_t *ev, const bool *want, size_t reps);

/* Search the portfolios (too many to enumerate) and keep the best
 * `finalists` as candidates (status ELIMINATED until KN decides), the
 * others SEARCHED.  Returns 0, -2 with a message (fewer than two
 * finalists in budget), -1. */
int plan_search(plan_eval_t *ev, char *err, size_t errlen);

#endif
