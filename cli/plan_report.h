/*
 * plan_report.h - what `govsim plan` writes besides its tables: the
 * charts (cost_benefit: the frontier of NPV cost against the objective,
 * the chosen portfolio marked; years: the chosen plan's KPIs year by year
 * against no reform) and plan.html (plan_report.c).
 */
#ifndef GOVSIM_CLI_PLAN_REPORT_H
#define GOVSIM_CLI_PLAN_REPORT_H

#include <stddef.h>

#include "plan.h"
#include "plan_eval.h"

/* The portfolios shown as runners-up: up to n (best mean first) of those
 * simulated and meeting the constraints, other than the chosen.  Returns
 * how many were put in out. */
size_t plan_runners_up(const plan_eval_t *ev, size_t *out, size_t n);

/* Discounted benefit-cost ratio (citizens' cost saved over government
 * spending above the baseline, both NPV) and payback year (0: none) of
 * portfolio i. */
void plan_benefit_cost(const plan_eval_t *ev, size_t i, double *bcr, int *payback);

/* The objective's name and unit as people read them, translated
 * ("citizens' hours saved", "hours"); plan.h's are the file's ids. */
const char *plan_objective_label(plan_objective_t o);
const char *plan_objective_unit_label(plan_objective_t o);

/* Write the charts into dir.  Returns 0, or -1 with a message. */
int plan_charts(const plan_eval_t *ev, const char *dir, char *err, size_t errlen);

/* Write dir/plan.html (embedding the charts' PNGs).  Returns 0, or -1. */
int plan_report(const plan_eval_t *ev, const char *dir, char *err, size_t errlen);

#endif
