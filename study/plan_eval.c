/* Evaluating a plan: portfolios, year scenarios, runs, selection
 * (plan_eval.h). */
#include "plan_eval.h"
#include "plan_eval_internal.h"

#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "flow.h"
#include "plan_cost.h"
#include "reform.h"
#include "rns.h"
#include "rollout.h"
#include "runner.h"

static const char *const OBS_NAME[PLAN_OBS_FIELDS] = {
    "citizen_hours_per_case", "trips_per_case", "cases_per_year",  "within_limit_share",
    "satisfaction",           "cycle_time",     "government_cost", "citizen_cost"};

double plan_obs_field(const plan_obs_t *o, int i) {
    const double v[PLAN_OBS_FIELDS] = {o->hours,        o->trips, o->cases, o->within,
                                       o->satisfaction, o->cycle, o->gov,   o->citizen};
    return v[i];
}
const char *plan_obs_name(int i) { return OBS_NAME[i]; }

static const char *const STATUS_NAME[] = {
    "chosen", "not_distinguishable", "eliminated", "breaks_constraint", "over_budget", "searched"};
const char *plan_status_name(plan_status_t s) { return STATUS_NAME[s]; }

/* ------------------------------------------------------------ portfolios */

/* How many portfolios: each reform out or in with one of its starts. */
static double count_portfolios(const plan_t *pl) {
    double n = 1;
    for (size_t j = 0; j < pl->n_reforms; j++) n *= 1.0 + (double)pl->reforms[j].n_starts;
    return n;
}

static void label_of(const plan_t *pl, plan_portfolio_t *p) {
    size_t used = 0;
    p->label[0] = '\0';
    for (size_t j = 0; j < pl->n_reforms; j++) {
        if (!p->start[j]) continue;
        int n = snprintf(p->label + used, sizeof p->label - used, "%s%s@%d", used ? "+" : "",
                         pl->reforms[j].reform.id, p->start[j]);
        if (n < 0 || (size_t)n >= sizeof p->label - used) break;
        used += (size_t)n;
    }
    if (!used) snprintf(p->label, sizeof p->label, "no_reform");
}

/* Portfolio number `code` in odometer order (reform 0 fastest): digit 0
 * is out, digit k the k-th start year.  Code 0 is the empty portfolio. */
static void decode(const plan_t *pl, size_t code, plan_portfolio_t *p) {
    memset(p, 0, sizeof *p);
    for (size_t j = 0; j < pl->n_reforms; j++) {
        size_t base = 1 + pl->reforms[j].n_starts, d = code % base;
        code /= base;
        p->start[j] = d ? pl->reforms[j].starts[d - 1] : 0;
    }
    label_of(pl, p);
}

/* ------------------------------------------------------------ year scenarios */

/* The configuration for these shares (a year's scenario: the same in
 * every year that has the same shares, and then the same run), made if
 * new; `year` is the first year that uses it.  Returns its index,
 * or (size_t)-1 when out of memory. */
static size_t find_config(plan_eval_t *ev, int year, const double *share) {
    size_t n = ev->plan->n_reforms;
    for (size_t i = 0; i < ev->n_configs; i++) {
        const plan_config_t *c = &ev->c[i];
        if (memcmp(c->share, share, n * sizeof *share) == 0) return i;
    }
    if (ev->n_configs == ev->cap_configs) {
        size_t cap = ev->cap_configs ? 2 * ev->cap_configs : 64;
        plan_config_t *c = realloc(ev->c, cap * sizeof *c);
        if (!c) return (size_t)-1;
        ev->c = c;
        ev->cap_configs = cap;
    }
    plan_config_t *c = &ev->c[ev->n_configs];
    memset(c, 0, sizeof *c);
    c->year = year;
    memcpy(c->share, share, n * sizeof *share);
    return ev->n_configs++;
}

/* Build configuration c: the scenario with each reform at its share. */
static int build_config(plan_eval_t *ev, plan_config_t *c, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    config_t a, b;
    int ra = reform_load_scenario_tree(&a, pl->scenario, err, errlen);
    int rb = reform_load_scenario_tree(&b, pl->scenario, err, errlen);
    int rc = ra == 0 && rb == 0 ? 0 : -1;
    for (size_t j = 0; rc == 0 && j < pl->n_reforms; j++)
        rc = rollout_apply(&pl->reforms[j].reform, c->share[j], &a, &b, err, errlen);
    if (rc == 0) rc = scn_from_config(&c->s, &a, pl->scenario, err, errlen);
    config_destroy(&a);
    config_destroy(&b);
    if (rc != 0) return -1;
    c->built = true;
    c->s.days = pl->days_per_year;
    if (ev->opts.seed_set) c->s.seed = ev->opts.seed;
    c->gov = flow_government_cost(&c->s);
    return flow_check(&c->s, err, errlen);
}

/* Map a portfolio's years to configurations. */
static int map_one(plan_eval_t *ev, plan_portfolio_t *p) {
    const plan_t *pl = ev->plan;
    for (int t = 1; t <= pl->horizon; t++) {
        double share[PLAN_MAX_REFORMS] = {0};
        for (size_t j = 0; j < pl->n_reforms; j++)
            if (p->start[j])
                share[j] = plan_cost_rollout(pl->reforms[j].rollout, p->start[j],
                                             pl->reforms[j].ramp_years, t);
        size_t k = find_config(ev, t, share);
        if (k == (size_t)-1) return -1;
        p->config[t - 1] = k;
    }
    return 0;
}

/* Map every portfolio's years to configurations. */
static int map_configs(plan_eval_t *ev) {
    for (size_t i = 0; i < ev->n_portfolios; i++)
        if (map_one(ev, &ev->p[i]) != 0) return -1;
    return 0;
}

/* Spending above the baseline, year by year, and the budget checks. */
static void cost_portfolio(plan_eval_t *ev, plan_portfolio_t *p) {
    const plan_t *pl = ev->plan;
    const plan_portfolio_t *base = &ev->p[0];
    for (size_t j = 0; j < pl->n_reforms; j++)
        if (p->start[j]) p->one_off += pl->reforms[j].reform.one_off_cost;
    p->recurring_max = -HUGE_VAL;
    for (int t = 1; t <= pl->horizon; t++) {
        double once = 0, yearly = ev->c[p->config[t - 1]].gov - ev->c[base->config[t - 1]].gov;
        for (size_t j = 0; j < pl->n_reforms; j++) {
            if (!p->start[j] || t < p->start[j]) continue;
            if (t == p->start[j]) once += pl->reforms[j].reform.one_off_cost;
            yearly += pl->reforms[j].reform.cost_per_year;
        }
        p->spend[t - 1] = once + yearly;
        if (yearly > p->recurring_max) p->recurring_max = yearly;
    }
    p->npv_cost = plan_cost_npv(p->spend, (size_t)pl->horizon, pl->discount_rate);
    bool over = p->one_off > pl->budget_one_off || p->recurring_max > pl->budget_per_year ||
                p->npv_cost > pl->budget_npv;
    p->status = over ? PLAN_ST_OVER_BUDGET : PLAN_ST_ELIMINATED;
}

/* Build every configuration a portfolio in budget needs.  The empty
 * portfolio's are built first: the others are costed against them. */
static int build_one(plan_eval_t *ev, plan_portfolio_t *p, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    for (int t = 0; t < pl->horizon; t++) {
        plan_config_t *c = &ev->c[p->config[t]];
        if (c->built) continue;
        char why[1024];
        if (build_config(ev, c, why, sizeof why) != 0) {
            snprintf(err, errlen, "%s:%d: reforms: portfolio %s, year %d: %s", pl->path,
                     pl->reforms[0].line, p->label, t + 1, why);
            return -2;
        }
    }
    cost_portfolio(ev, p);
    return 0;
}

static int build_all(plan_eval_t *ev, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    for (size_t i = 0; i < ev->n_portfolios; i++) {
        plan_portfolio_t *p = &ev->p[i];
        int rc = build_one(ev, p, err, errlen);
        if (rc != 0) return rc;
        if (p->status == PLAN_ST_OVER_BUDGET) continue;
        ev->n_candidates++;
        for (int t = 0; t < pl->horizon; t++) ev->c[p->config[t]].needed = true;
    }
    return 0;
}

/* Storage for the replications of the configurations in use; the others'
 * models are freed. */
static int alloc_obs(plan_eval_t *ev) {
    for (size_t k = 0; k < ev->n_configs; k++) {
        plan_config_t *c = &ev->c[k];
        if (!c->needed) {
            if (c->built) scn_free(&c->s);
            c->built = false;
            continue;
        }
        c->obs = calloc((size_t)ev->plan->max_reps, sizeof *c->obs);
        if (!c->obs) return -1;
    }
    return 0;
}

/* Too many to enumerate: room for the portfolios the search may simulate,
 * and the empty one, p[0], which every objective is measured against. */
static int setup_search(plan_eval_t *ev, char *err, size_t errlen) {
    ev->search = true;
    ev->cap_portfolios = (size_t)ev->plan->max_portfolios + 1;
    ev->p = calloc(ev->cap_portfolios, sizeof *ev->p);
    if (!ev->p) return -1;
    int none[PLAN_MAX_REFORMS] = {0};
    size_t at;
    return plan_eval_add(ev, none, &at, err, errlen);
}

int plan_eval_add(plan_eval_t *ev, const int *start, size_t *at, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    for (size_t i = 0; i < ev->n_portfolios; i++)
        if (memcmp(ev->p[i].start, start, pl->n_reforms * sizeof *start) == 0) {
            *at = i;
            return 0;
        }
    if (ev->n_portfolios == ev->cap_portfolios) return 1;
    plan_portfolio_t *p = &ev->p[ev->n_portfolios];
    memset(p, 0, sizeof *p);
    memcpy(p->start, start, pl->n_reforms * sizeof *start);
    label_of(pl, p);
    size_t first_new = ev->n_configs;
    if (map_one(ev, p) != 0) return -1;
    int rc = build_one(ev, p, err, errlen);
    if (rc != 0) return rc;
    for (size_t k = first_new; k < ev->n_configs; k++) {
        ev->c[k].needed = true;
        ev->c[k].obs = calloc((size_t)pl->max_reps, sizeof *ev->c[k].obs);
        if (!ev->c[k].obs) return -1;
    }
    *at = ev->n_portfolios++;
    if (p->status != PLAN_ST_OVER_BUDGET) ev->n_searched++;
    return 0;
}

int plan_eval_setup(plan_eval_t *ev, const plan_t *plan, const plan_eval_opts_t *o, char *err,
                    size_t errlen) {
    memset(ev, 0, sizeof *ev);
    ev->plan = plan;
    ev->opts = *o;
    double n = count_portfolios(plan);
    ev->n_possible = n;
    if (n > plan->max_portfolios) return setup_search(ev, err, errlen);
    ev->n_portfolios = (size_t)n;
    ev->p = calloc(ev->n_portfolios, sizeof *ev->p);
    if (!ev->p) return -1;
    for (size_t i = 0; i < ev->n_portfolios; i++) decode(plan, i, &ev->p[i]);
    if (map_configs(ev) != 0) return -1;
    int rc = build_all(ev, err, errlen);
    if (rc != 0) return rc;
    if (ev->n_candidates < 2) {
        double cheapest = HUGE_VAL;
        for (size_t i = 1; i < ev->n_portfolios; i++)
            if (ev->p[i].npv_cost < cheapest) cheapest = ev->p[i].npv_cost;
        snprintf(err, errlen,
                 "%s:%d: budget: no portfolio with a reform fits the budget (expected a budget "
                 "that allows at least one; the cheapest costs %.0f yuan in NPV)",
                 plan->path, plan->budget_line, cheapest);
        return -2;
    }
    return alloc_obs(ev);
}

/* ------------------------------------------------------------ runs */

typedef struct task {
    size_t config, rep;
} task_t;

typedef struct run_ctx {
    plan_eval_t *ev;
    task_t *tasks;
} run_ctx_t;

static double nan_to(double x, double v) { return isnan(x) ? v : x; }

static int run_task(void *arg, size_t point, size_t rep, const atomic_int *stop) {
    (void)rep;
    run_ctx_t *x = arg;
    const task_t *t = &x->tasks[point];
    plan_config_t *c = &x->ev->c[t->config];
    flow_result_t r;
    int rc = flow_run(&c->s, (uint32_t)t->rep, stop, &r);
    if (rc != 0) return rc;
    plan_obs_t *o = &c->obs[t->rep];
    o->hours = nan_to(flow_kpi(&r, 0, FLOW_K_CITIZEN_HOURS), 0);
    o->trips = nan_to(flow_kpi(&r, 0, FLOW_K_TRIPS), 0);
    o->cases = nan_to(flow_kpi(&r, 0, FLOW_K_ARRIVAL_RATE), 0) * 365;
    o->within = nan_to(flow_kpi(&r, 0, FLOW_K_WITHIN_LIMIT), 0);
    o->satisfaction = nan_to(flow_kpi(&r, 0, FLOW_K_SATISFACTION), 0);
    o->cycle = flow_kpi(&r, 0, FLOW_K_CYCLE_WD);
    o->gov = flow_kpi(&r, 0, FLOW_K_COST_YEAR);
    o->citizen = nan_to(flow_kpi(&r, 0, FLOW_K_CITIZEN_COST_YEAR), 0);
    flow_result_free(&r);
    return 0;
}

/* Run replications n_obs .. reps - 1 of every configuration that a
 * portfolio with want[i] needs.  Returns 0 or -1. */
static int run_up_to(plan_eval_t *ev, const bool *want, size_t reps) {
    size_t n = 0, cap = 0;
    task_t *tasks = NULL;
    for (size_t i = 0; i < ev->n_portfolios; i++) {
        if (!want[i]) continue;
        for (int t = 0; t < ev->plan->horizon; t++) {
            plan_config_t *c = &ev->c[ev->p[i].config[t]];
            for (size_t r = c->n_obs; r < reps; r++) {
                if (n == cap) {
                    cap = cap ? 2 * cap : 256;
                    task_t *g = realloc(tasks, cap * sizeof *g);
                    if (!g) return free(tasks), -1;
                    tasks = g;
                }
                tasks[n++] = (task_t){ev->p[i].config[t], r};
            }
            if (c->n_obs < reps) c->n_obs = reps; /* claimed: run below */
        }
    }
    if (n == 0) return free(tasks), 0;
    run_ctx_t x = {ev, tasks};
    runner_config_t rc = {n, 1, ev->opts.threads, ev->opts.progress};
    runner_status_t st = runner_run(&rc, run_task, &x, NULL);
    free(tasks);
    ev->runs += st.done;
    return st.done == n && !st.interrupted ? 0 : -1;
}

int plan_eval_run_reps(plan_eval_t *ev, const bool *want, size_t reps) {
    return run_up_to(ev, want, reps);
}

double plan_eval_objective(const plan_eval_t *ev, size_t i, size_t r) {
    const plan_t *pl = ev->plan;
    const plan_portfolio_t *p = &ev->p[i], *b = &ev->p[0];
    double sum = 0;
    for (int t = 0; t < pl->horizon; t++) {
        const plan_obs_t *o = &ev->c[p->config[t]].obs[r], *ob = &ev->c[b->config[t]].obs[r];
        switch (pl->objective) {
        case PLAN_OBJ_HOURS:
            sum += (ob->hours - o->hours) * ob->cases;
            break;
        case PLAN_OBJ_TRIPS:
            sum += (ob->trips - o->trips) * ob->cases;
            break;
        case PLAN_OBJ_WITHIN:
            sum += o->within / pl->horizon;
            break;
        case PLAN_OBJ_SATISFACTION:
            sum += o->satisfaction / pl->horizon;
            break;
        default:
            sum += (ob->citizen - o->citizen - p->spend[t]) *
                   plan_cost_discount(t + 1, pl->discount_rate);
        }
    }
    return sum;
}

double plan_eval_year_mean(const plan_eval_t *ev, size_t i, int t, int f) {
    const plan_config_t *c = &ev->c[ev->p[i].config[t - 1]];
    size_t n = ev->p[i].reps;
    if (n > c->n_obs) n = c->n_obs;
    double sum = 0;
    size_t k = 0;
    for (size_t r = 0; r < n; r++) {
        double v = plan_obs_field(&c->obs[r], f);
        if (!isnan(v)) sum += v, k++;
    }
    return k ? sum / (double)k : NAN;
}

/* ------------------------------------------------------------ selection */

/* The observation field holding KPI k (models/plan.c allows only these
 * in constraints). */
static int obs_field_of(flow_kpi_t k) {
    switch (k) {
    case FLOW_K_CITIZEN_HOURS:
        return 0;
    case FLOW_K_TRIPS:
        return 1;
    case FLOW_K_WITHIN_LIMIT:
        return 3;
    case FLOW_K_SATISFACTION:
        return 4;
    case FLOW_K_CYCLE_WD:
        return 5;
    case FLOW_K_COST_YEAR:
        return 6;
    default:
        return 7; /* FLOW_K_CITIZEN_COST_YEAR */
    }
}

/* After the first stage: which portfolios break a constraint (judged on
 * the first-stage mean of the KPI in the constraint's year or years). */
static void check_constraints(plan_eval_t *ev) {
    const plan_t *pl = ev->plan;
    for (size_t i = 0; i < ev->n_portfolios; i++) {
        plan_portfolio_t *p = &ev->p[i];
        if (p->status != PLAN_ST_ELIMINATED) continue; /* over budget, or searched */
        p->reps = (size_t)pl->n0;
        for (size_t k = 0; k < pl->n_constraints && !p->broken; k++) {
            const plan_constraint_t *c = &pl->constraints[k];
            for (int t = 1; t <= pl->horizon; t++) {
                if (c->year && t != c->year) continue;
                const plan_config_t *cf = &ev->c[p->config[t - 1]];
                int f = obs_field_of(c->kpi);
                double m = 0;
                for (int r = 0; r < pl->n0; r++) m += plan_obs_field(&cf->obs[r], f);
                m /= pl->n0;
                if (m < c->min || m > c->max) p->broken = (int)k + 1;
            }
        }
        if (p->broken) p->status = PLAN_ST_CONSTRAINT;
        else ev->n_feasible++;
    }
}

/* The objective's interval over each simulated portfolio's replications. */
static int summarise(plan_eval_t *ev) {
    double *x = malloc((size_t)ev->plan->max_reps * sizeof *x);
    if (!x) return -1;
    for (size_t i = 0; i < ev->n_portfolios; i++) {
        plan_portfolio_t *p = &ev->p[i];
        if (p->status == PLAN_ST_OVER_BUDGET) {
            p->objective.mean = p->objective.lo = p->objective.hi = NAN;
            continue;
        }
        for (size_t r = 0; r < p->reps; r++) x[r] = plan_eval_objective(ev, i, r);
        p->objective = stats_ci(x, p->reps, 0.95);
    }
    free(x);
    return 0;
}

/* KN over the feasible portfolios (idx[0 .. k-1]). */
static int select_best(plan_eval_t *ev, const size_t *idx, size_t k, bool *want) {
    const plan_t *pl = ev->plan;
    rns_t kn;
    if (rns_init(&kn, k, (size_t)pl->n0, pl->alpha, pl->delta, (size_t)pl->max_reps) != 0)
        return -1;
    double *x = malloc(k * sizeof *x);
    int rc = x ? 0 : -1;
    for (size_t r = 0; rc == 0 && !kn.done; r++) {
        if (r >= (size_t)pl->n0) { /* one more replication of the survivors */
            memset(want, 0, ev->n_portfolios * sizeof *want);
            for (size_t i = 0; i < k; i++) want[idx[i]] = rns_wants(&kn, i);
            want[0] = true; /* every objective is measured against no reform */
            if (run_up_to(ev, want, r + 1) != 0) {
                rc = -1;
                break;
            }
        }
        for (size_t i = 0; i < k; i++)
            x[i] = rns_wants(&kn, i) ? plan_eval_objective(ev, idx[i], r) : 0;
        rns_observe(&kn, x);
    }
    if (rc == 0) {
        for (size_t i = 0; i < k; i++) {
            plan_portfolio_t *p = &ev->p[idx[i]];
            if (kn.n_obs[i]) p->reps = kn.n_obs[i]; /* k == 1: the first stage's */
            p->out_stage = kn.out_at[i];
            p->status = kn.alive[i] ? PLAN_ST_INDISTINGUISHABLE : PLAN_ST_ELIMINATED;
        }
        ev->chosen = idx[kn.best];
        ev->p[ev->chosen].status = PLAN_ST_CHOSEN;
        ev->kn_total = k == 1 ? (size_t)pl->n0 : rns_total(&kn);
        ev->naive_total = rns_naive_total(&kn);
        ev->capped = kn.capped;
    }
    free(x);
    rns_free(&kn);
    return rc;
}

int plan_eval_run(plan_eval_t *ev, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    double t0 = clock_wall_seconds();
    size_t room = ev->search ? ev->cap_portfolios : ev->n_portfolios;
    bool *want = calloc(room, sizeof *want);
    size_t *idx = calloc(room, sizeof *idx);
    int rc = want && idx ? 0 : -1;
    if (rc == 0 && ev->search) rc = plan_search(ev, err, errlen);
    for (size_t i = 0; rc == 0 && i < ev->n_portfolios; i++)
        want[i] = ev->p[i].status == PLAN_ST_ELIMINATED; /* in budget, not only searched */
    if (rc == 0) want[0] = true; /* every objective is measured against no reform */
    if (rc == 0) rc = run_up_to(ev, want, (size_t)pl->n0);
    if (rc == 0) {
        check_constraints(ev);
        size_t k = 0;
        for (size_t i = 0; i < ev->n_portfolios; i++)
            if (ev->p[i].status == PLAN_ST_ELIMINATED) idx[k++] = i;
        ev->first_total = ev->n_candidates * (size_t)pl->n0;
        if (k == 0) {
            snprintf(err, errlen,
                     "%s:%d: constraints: no portfolio in budget meets the constraints "
                     "(expected looser constraints or a larger budget)",
                     pl->path, pl->constraints[0].line);
            rc = -2;
        } else rc = select_best(ev, idx, k, want);
    }
    if (rc == 0) rc = summarise(ev);
    if (rc == 0) { /* within the indifference zone of the chosen: as good */
        double best = ev->p[ev->chosen].objective.mean;
        for (size_t i = 0; i < ev->n_portfolios; i++)
            if (ev->p[i].status == PLAN_ST_ELIMINATED && ev->p[i].objective.mean > best - pl->delta)
                ev->p[i].status = PLAN_ST_INDISTINGUISHABLE;
    }
    free(want);
    free(idx);
    ev->seconds = clock_wall_seconds() - t0;
    return rc;
}

void plan_eval_free(plan_eval_t *ev) {
    for (size_t k = 0; k < ev->n_configs; k++) {
        if (ev->c[k].built) scn_free(&ev->c[k].s);
        free(ev->c[k].obs);
    }
    free(ev->c);
    free(ev->p);
    memset(ev, 0, sizeof *ev);
}
