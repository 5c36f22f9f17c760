/*
 * plan_eval.h - evaluating a plan: every portfolio of reforms (with its
 * start years) that fits the budget, simulated year by year on common
 * random numbers, and the best chosen with a guarantee (docs/plan.md).
 *
 *   1. Enumerate: each reform is out, or in with one of its start years.
 *      Costs are known before simulating: one-off costs in the start
 *      year, each reform's cost per year from its start year on, and the
 *      change in the model's government cost (staff, windows, platform,
 *      hub: flow_government_cost) of that year's scenario.  Portfolios
 *      over a budget are never simulated.
 *   2. A plan year of a portfolio is a scenario: the baseline with each of
 *      its reforms applied to the share of its roll-out in that year
 *      (models/rollout.h), run for days_per_year days after the
 *      scenario's warm-up, seeded by (seed, year): the years are
 *      independent runs (the backlog is not carried from one year into
 *      the next).  A run depends only on the year's scenario and the
 *      replication: every portfolio sees the same citizens in replication
 *      r (common random numbers), and years, or portfolios, that run the
 *      same scenario share its run.
 *   3. First stage: first_replications of every portfolio in budget.
 *      Constraints are judged on the first-stage means; a portfolio that
 *      breaks one is out.  Then KN (study/rns.h) over the rest, one
 *      replication of every surviving portfolio at a time, until one is
 *      left or KN's region closes (or max_replications: then said).
 *
 * More portfolios than max_portfolios: step 1 enumerates nothing; the run
 * first searches (plan_eval_internal.h, study/plan_search.c) and steps 3
 * on take only its best `finalists` (the others: SEARCHED).
 *
 * Errors: -2 for a plan that cannot be evaluated (nothing with a reform fits the budget, nothing
 * meets the constraints, a combination of reforms the scenario loader refuses), with a one-line
 * message naming the plan file and line; -1 for running out of memory or
 * an interruption.
 */
#ifndef GOVSIM_PLAN_EVAL_H
#define GOVSIM_PLAN_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan.h"
#include "progress.h"
#include "scn.h"
#include "stats.h"

/* What one replication of one plan year measured (all cases). */
typedef struct plan_obs {
    double hours, trips; /* citizen hours and trips per case           */
    double cases;        /* cases per year (arrival rate x 365)         */
    double within, satisfaction, cycle;
    double gov, citizen; /* government and citizens' cost, yuan/year      */
} plan_obs_t;

#define PLAN_OBS_FIELDS 8
/* Field i of an observation (in the order above) and its name. */
double plan_obs_field(const plan_obs_t *o, int i);
const char *plan_obs_name(int i);

typedef enum {
    PLAN_ST_CHOSEN,
    PLAN_ST_INDISTINGUISHABLE, /* still in contention at the end, or within
                                  delta of the chosen's mean                */
    PLAN_ST_ELIMINATED,        /* by KN: screening (at first_replications)
                                  or a later stage                          */
    PLAN_ST_CONSTRAINT,        /* first-stage mean breaks a constraint      */
    PLAN_ST_OVER_BUDGET,       /* never simulated                           */
    PLAN_ST_SEARCHED           /* simulated by the search, not a finalist   */
} plan_status_t;

const char *plan_status_name(plan_status_t s);

typedef struct plan_portfolio {
    int start[PLAN_MAX_REFORMS];   /* 0: not in it; else the start year  */
    char label[512];               /* "data_hub@1+security@2", "no_reform" */
    double one_off;                /* total one-off cost                  */
    double spend[PLAN_MAX_YEARS];  /* government spending above the
                                      baseline in each year, yuan       */
    double recurring_max;          /* the largest year's spend without
                                      one-off costs                       */
    double npv_cost;               /* NPV of spend                        */
    size_t config[PLAN_MAX_YEARS]; /* its year scenarios                */
    plan_status_t status;
    int broken;       /* constraint index + 1 when status CONSTRAINT */
    size_t reps;      /* replications spent                          */
    size_t out_stage; /* eliminated after this many replications     */
    stats_ci_t objective;
} plan_portfolio_t;

typedef struct plan_config {
    int year; /* the first plan year that uses it                 */
    double share[PLAN_MAX_REFORMS];
    scn_t s;
    bool built, needed;
    double gov;      /* flow_government_cost                          */
    plan_obs_t *obs; /* max_reps                                  */
    size_t n_obs;    /* replications 0 .. n_obs - 1 done           */
} plan_config_t;

typedef struct plan_eval_opts {
    unsigned threads;
    uint64_t seed;
    bool seed_set;
    progress_sink_t progress; /* handed to the runner: each batch of runs
                                 (the first stage, then each further
                                 replication of the survivors)        */
} plan_eval_opts_t;

typedef struct plan_eval {
    const plan_t *plan;
    plan_eval_opts_t opts;
    size_t n_portfolios;
    plan_portfolio_t *p; /* p[0] is the empty portfolio              */
    size_t n_configs, cap_configs;
    plan_config_t *c;
    size_t chosen;
    size_t n_candidates; /* simulated (in budget)                    */
    size_t n_feasible;   /* ... and meeting the constraints          */
    size_t first_total;  /* portfolio-replications of the first stage,
                            every portfolio in budget                */
    size_t kn_total;     /* portfolio-replications KN spent on the
                            feasible ones (its first stage included) */
    size_t naive_total;  /* equal allocation with the same guarantee */
    size_t runs;         /* simulation runs (plan years) made        */
    bool capped;         /* KN stopped at max_replications           */
    double seconds;
    bool search;       /* too many to enumerate: searched (plan_search.h) */
    double n_possible; /* portfolios there are (enumerated or not)  */
    size_t cap_portfolios;
    size_t n_searched;   /* in budget and simulated by the search     */
    size_t search_total; /* portfolio-replications the search spent   */
} plan_eval_t;

/* Enumerate, build the year scenarios and cost the portfolios.  Returns
 * 0, -2 with a message for an input problem, -1 out of memory. */
int plan_eval_setup(plan_eval_t *ev, const plan_t *plan, const plan_eval_opts_t *o, char *err,
                    size_t errlen);

/* Simulate and select.  Returns 0, -2 (nothing meets the constraints),
 * -1 (out of memory, interrupted). */
int plan_eval_run(plan_eval_t *ev, char *err, size_t errlen);

/* The objective of portfolio i in replication r (both runs done). */
double plan_eval_objective(const plan_eval_t *ev, size_t i, size_t r);

/* Mean over portfolio i's replications of field f in year t (1-based). */
double plan_eval_year_mean(const plan_eval_t *ev, size_t i, int t, int f);

void plan_eval_free(plan_eval_t *ev);

#endif
