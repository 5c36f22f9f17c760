/* Searching the portfolios when there are too many to enumerate
 * (plan_eval_internal.h, docs/plan.md "Search").
 *
 * Greedy forward selection, twice: from no reform, add the reform (at
 * one of its start years) that buys the most objective per yuan of NPV
 * cost (first pass) or the most objective (second pass), among the
 * additions that keep the portfolio in budget, until no addition helps.
 * Then a small local search from the better of the two: move to the best
 * neighbour (one reform dropped, moved to another start year, or swapped
 * for one not in it) while that improves the objective.  Every portfolio
 * proposed is simulated for search_replications on common random
 * numbers, at most max_portfolios in all.  The best `finalists` by that mean go to KN;
 * the guarantee covers them only. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "plan_eval_internal.h"

/* Mean objective of portfolio i over the search's replications. */
static double search_mean(const plan_eval_t *ev, size_t i) {
    size_t m = (size_t)ev->plan->search_reps;
    double sum = 0;
    for (size_t r = 0; r < m; r++) sum += plan_eval_objective(ev, i, r);
    return sum / (double)m;
}

/* How good adding to `cur` to make `i` is: gain per yuan (per_yuan) or
 * gain; -HUGE_VAL when it does not help. */
static double score(const plan_eval_t *ev, size_t cur, size_t i, bool per_yuan) {
    double gain = search_mean(ev, i) - search_mean(ev, cur);
    if (!(gain > 0)) return -HUGE_VAL;
    if (!per_yuan) return gain;
    double cost = ev->p[i].npv_cost - ev->p[cur].npv_cost;
    return gain / (cost > 1 ? cost : 1); /* cheaper or free: per yuan */
}

/* Propose every one-reform addition to `cur` (in budget), simulate them;
 * their indices into next[], *n of them.  Returns 0, 1 when out of room,
 * -2, -1. */
static int propose(plan_eval_t *ev, size_t cur, size_t *next, size_t *n, bool *want, char *err,
                   size_t errlen) {
    const plan_t *pl = ev->plan;
    int rc = 0;
    *n = 0;
    for (size_t j = 0; rc == 0 && j < pl->n_reforms; j++) {
        if (ev->p[cur].start[j]) continue;
        for (size_t s = 0; rc == 0 && s < pl->reforms[j].n_starts; s++) {
            int start[PLAN_MAX_REFORMS];
            memcpy(start, ev->p[cur].start, sizeof start);
            start[j] = pl->reforms[j].starts[s];
            size_t at;
            rc = plan_eval_add(ev, start, &at, err, errlen);
            if (rc == 0 && ev->p[at].status != PLAN_ST_OVER_BUDGET) next[(*n)++] = at;
        }
    }
    if (rc < 0) return rc;
    memset(want, 0, ev->cap_portfolios * sizeof *want);
    want[0] = true;
    for (size_t k = 0; k < *n; k++) want[next[k]] = true;
    if (plan_eval_run_reps(ev, want, (size_t)pl->search_reps) != 0) return -1;
    return rc;
}

/* One greedy pass from no reform.  Returns 0, -2, -1. */
static int greedy(plan_eval_t *ev, bool per_yuan, size_t *next, bool *want, size_t *end, char *err,
                  size_t errlen) {
    size_t cur = 0, n;
    for (;;) {
        int rc = propose(ev, cur, next, &n, want, err, errlen);
        if (rc < 0) return rc;
        size_t best = cur;
        double top = -HUGE_VAL;
        for (size_t k = 0; k < n; k++) {
            double v = score(ev, cur, next[k], per_yuan);
            if (v > top) top = v, best = next[k];
        }
        *end = cur;
        if (best == cur || rc == 1) return 0; /* nothing helps, or no room */
        cur = best;
        *end = cur;
    }
}

/* Add the portfolio with these starts to next[] if it is in budget.
 * Returns plan_eval_add's code. */
static int offer(plan_eval_t *ev, const int *start, size_t *next, size_t *n, char *err,
                 size_t errlen) {
    size_t at;
    int rc = plan_eval_add(ev, start, &at, err, errlen);
    if (rc == 0 && ev->p[at].status != PLAN_ST_OVER_BUDGET) next[(*n)++] = at;
    return rc;
}

/* The neighbours of `cur` (a reform dropped, moved to another of its start
 * years, or swapped for a reform not in it at one of its start years),
 * simulated; in next[], *n of them.  Returns 0, 1 (out of room), -2, -1. */
static int neighbours(plan_eval_t *ev, size_t cur, size_t *next, size_t *n, bool *want, char *err,
                      size_t errlen) {
    const plan_t *pl = ev->plan;
    int rc = 0, base[PLAN_MAX_REFORMS];
    memcpy(base, ev->p[cur].start, sizeof base);
    *n = 0;
    for (size_t j = 0; rc == 0 && j < pl->n_reforms; j++) {
        if (!base[j]) continue;
        int s[PLAN_MAX_REFORMS];
        memcpy(s, base, sizeof s);
        s[j] = 0;
        rc = offer(ev, s, next, n, err, errlen);
        for (size_t y = 0; rc == 0 && y < pl->reforms[j].n_starts; y++) {
            memcpy(s, base, sizeof s);
            if (pl->reforms[j].starts[y] == base[j]) continue;
            s[j] = pl->reforms[j].starts[y];
            rc = offer(ev, s, next, n, err, errlen);
        }
        for (size_t k = 0; rc == 0 && k < pl->n_reforms; k++) {
            if (base[k]) continue;
            for (size_t y = 0; rc == 0 && y < pl->reforms[k].n_starts; y++) {
                memcpy(s, base, sizeof s);
                s[j] = 0;
                s[k] = pl->reforms[k].starts[y];
                rc = offer(ev, s, next, n, err, errlen);
            }
        }
    }
    if (rc < 0) return rc;
    memset(want, 0, ev->cap_portfolios * sizeof *want);
    want[0] = true;
    for (size_t k = 0; k < *n; k++) want[next[k]] = true;
    if (plan_eval_run_reps(ev, want, (size_t)pl->search_reps) != 0) return -1;
    return rc;
}

/* Hill-climb from `cur` to the best neighbour while it improves the
 * objective.  Returns 0, -2, -1. */
static int local_search(plan_eval_t *ev, size_t cur, size_t *next, bool *want, char *err,
                        size_t errlen) {
    for (;;) {
        size_t n;
        int rc = neighbours(ev, cur, next, &n, want, err, errlen);
        if (rc < 0) return rc;
        size_t best = cur;
        for (size_t k = 0; k < n; k++)
            if (search_mean(ev, next[k]) > search_mean(ev, best)) best = next[k];
        if (best == cur || rc == 1) return 0;
        cur = best;
    }
}

/* Order: higher search mean first, then lower index (deterministic). */
typedef struct ranked {
    double mean;
    size_t i;
} ranked_t;

static int by_mean(const void *a, const void *b) {
    const ranked_t *x = a, *y = b;
    if (x->mean != y->mean) return x->mean > y->mean ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* The best `finalists` stay candidates; the rest are SEARCHED. */
static int keep_finalists(plan_eval_t *ev) {
    ranked_t *r = malloc(ev->n_portfolios * sizeof *r);
    if (!r) return -1;
    size_t n = 0;
    for (size_t i = 0; i < ev->n_portfolios; i++)
        if (ev->p[i].status != PLAN_ST_OVER_BUDGET) r[n++] = (ranked_t){search_mean(ev, i), i};
    qsort(r, n, sizeof *r, by_mean);
    for (size_t k = 0; k < n; k++) {
        plan_portfolio_t *p = &ev->p[r[k].i];
        ev->search_total += (size_t)ev->plan->search_reps;
        if (k < (size_t)ev->plan->finalists) {
            ev->n_candidates++;
            continue;
        }
        p->status = PLAN_ST_SEARCHED;
        p->reps = (size_t)ev->plan->search_reps;
    }
    free(r);
    return 0;
}

int plan_search(plan_eval_t *ev, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    size_t *next = malloc(ev->cap_portfolios * sizeof *next);
    bool *want = malloc(ev->cap_portfolios * sizeof *want);
    int rc = next && want ? 0 : -1;
    size_t end[2] = {0, 0};
    for (int pass = 0; rc == 0 && pass < 2; pass++)
        rc = greedy(ev, pass == 0, next, want, &end[pass], err, errlen);
    if (rc == 0) {
        size_t from = search_mean(ev, end[1]) > search_mean(ev, end[0]) ? end[1] : end[0];
        rc = local_search(ev, from, next, want, err, errlen);
    }
    if (rc == 0) rc = keep_finalists(ev);
    free(next);
    free(want);
    if (rc == 0 && ev->n_candidates < 2) {
        snprintf(err, errlen,
                 "%s:%d: budget: no portfolio with a reform fits the budget (expected a budget "
                 "that allows at least one)",
                 pl->path, pl->budget_line);
        return -2;
    }
    return rc;
}
