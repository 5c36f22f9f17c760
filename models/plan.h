/*
 * plan.h - a plan file: which reforms a planner may fund, over which
 * years, within which budgets, judged by which objective
 * (docs/plan.md).
 *
 *     plan = { id = "xuzhou_5yr"; name = "..."; scenario = "../xuzhou.cfg";
 *              horizon_years = 5; discount_rate = 0.05;
 *              objective = "net_benefit"; delta = 2.0e6; alpha = 0.05; };
 *     budget = { one_off = 2.0e7; per_year = 5.0e6; npv = 4.0e7; };
 *     constraints = ( { kpi = "within_limit_share"; min = 0.95; year = 5; } );
 *     reforms = ( { file = "../reforms/data_hub.cfg"; start = [1, 2];
 *                   rollout = "linear"; ramp_years = 2; }, ... );
 *
 * plan_load reads and checks everything that can be checked before
 * simulating: settings and their ranges, the scenario (loaded), each
 * reform (loaded, and applied to the scenario: a reform that matches
 * nothing there is an error at its line in the plan), start years within
 * the horizon.  Paths are relative to the plan file.  Every message is
 * one line, "PLAN:LINE: SETTING: what is wrong (what was expected)".
 */
#ifndef GOVSIM_PLAN_H
#define GOVSIM_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "flow.h"
#include "reform.h"

#define PLAN_MAX_REFORMS     16
#define PLAN_MAX_STARTS      8
#define PLAN_MAX_CONSTRAINTS 8
#define PLAN_MAX_YEARS       20
#define PLAN_PATH_MAX        1024

/* How a reform's effect ramps in after it starts (study/plan_cost.h). */
typedef enum {
    PLAN_ROLLOUT_STEP,   /* all at once in its start year                */
    PLAN_ROLLOUT_LINEAR, /* 1/ramp more each year                        */
    PLAN_ROLLOUT_SCURVE  /* smoothstep 3x^2 - 2x^3 of the linear share   */
} plan_rollout_t;

/* What the plan maximises (docs/plan.md, "Objective"). */
typedef enum {
    PLAN_OBJ_HOURS,        /* citizens' hours saved over the horizon         */
    PLAN_OBJ_TRIPS,        /* trips avoided over the horizon                 */
    PLAN_OBJ_WITHIN,       /* mean within-limit share over the years         */
    PLAN_OBJ_SATISFACTION, /* mean satisfaction index over the years         */
    PLAN_OBJ_NET_BENEFIT,  /* NPV of citizens' cost saved minus the NPV of
                              the extra government cost, yuan               */
    PLAN_OBJ_COUNT
} plan_objective_t;

/* Name as written in a plan file, and the unit. */
const char *plan_objective_name(plan_objective_t o);
const char *plan_objective_unit(plan_objective_t o);

typedef struct plan_reform {
    reform_t reform;
    size_t n_starts;
    int starts[PLAN_MAX_STARTS]; /* allowed start years, 1-based       */
    plan_rollout_t rollout;
    int ramp_years; /* >= 1                                     */
    int line;       /* of its entry in the plan file            */
} plan_reform_t;

/* A KPI of all cases that must stay within bounds in a year (0: every
 * year), judged on its mean over replications. */
typedef struct plan_constraint {
    flow_kpi_t kpi;
    double min, max; /* -HUGE_VAL / HUGE_VAL: no bound              */
    int year;        /* 1 .. horizon, 0: every year                 */
    int line;
} plan_constraint_t;

typedef struct plan {
    char path[PLAN_PATH_MAX];
    char id[REFORM_ID_MAX];
    char name[REFORM_NAME_MAX];
    char scenario[PLAN_PATH_MAX]; /* resolved against the plan's folder */
    int horizon;                  /* years                              */
    double discount_rate;
    plan_objective_t objective;
    double delta, alpha; /* indifference zone (objective units), 1 - P(CS) */
    int n0, max_reps;    /* first-stage replications, cap per portfolio */
    int days_per_year;   /* simulated days per plan year               */
    int max_portfolios;  /* more: searched, not enumerated; and the most the
                            search simulates (docs/plan.md, "Search") */
    int finalists;       /* K: the search's best, handed to KN (>= 2)  */
    int search_reps;     /* replications per portfolio in the search   */
    double life_years;   /* for annualised one-off costs in reports   */
    double budget_one_off, budget_per_year, budget_npv; /* HUGE_VAL: none */
    int budget_line;                                    /* of `budget`, or of `plan` */
    size_t n_reforms;
    plan_reform_t reforms[PLAN_MAX_REFORMS];
    size_t n_constraints;
    plan_constraint_t constraints[PLAN_MAX_CONSTRAINTS];
} plan_t;

/* Read and check `path`.  Returns 0 and fills *p (free with plan_free),
 * or -1 with a one-line message; *p is then empty (plan_free safe). */
int plan_load(plan_t *p, const char *path, char *err, size_t errlen);
void plan_free(plan_t *p);

#endif
