/*
 * plan_cost.h - the money and time arithmetic of a multi-year plan:
 * discounting, annualising a one-off cost, and how far a reform has
 * rolled out in a given year.
 *
 * Conventions (docs/plan.md): years are numbered 1 .. horizon; money spent
 * or saved in year t is discounted by (1 + rate)^(t - 1), so year 1 (the
 * year the plan starts, when one-off costs of reforms starting at once are
 * paid) is not discounted.  Pure functions, no allocation, no failure.
 */
#ifndef GOVSIM_PLAN_COST_H
#define GOVSIM_PLAN_COST_H

#include <stddef.h>

#include "plan.h" /* plan_rollout_t */

/* Net present value of flows[0 .. n-1] (years 1 .. n) at `rate` (>= 0). */
double plan_cost_npv(const double *flows, size_t n, double rate);

/* The discount factor of year t (1-based): 1 / (1 + rate)^(t - 1). */
double plan_cost_discount(int year, double rate);

/* The equal yearly payment over `life` years (>= 1) that has the same
 * present value as `one_off` paid now, payments at the end of each year:
 * one_off * rate / (1 - (1 + rate)^-life); one_off / life at rate 0. */
double plan_cost_annualise(double one_off, double rate, double life);

/* The share (0 .. 1) of a reform's change in effect in `year`, for a
 * reform starting in `start` and ramping over `ramp` years (>= 1):
 * 0 before start; with x = min(1, (year - start + 1) / ramp), x for
 * linear, 3x^2 - 2x^3 for the S-curve, 1 for step. */
double plan_cost_rollout(plan_rollout_t kind, int start, int ramp, int year);

/* The first year (1-based) in which the cumulative discounted net benefit
 * (benefit[t] - cost[t], summed from year 1) is >= 0, or 0 if it never is
 * within the n years. */
int plan_cost_payback(const double *benefit, const double *cost, size_t n, double rate);

#endif
