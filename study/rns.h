/*
 * rns.h - ranking and selection: pick the best of k systems with a
 * probability guarantee, spending observations where they decide.
 *
 * The procedure is KN, the fully sequential procedure of Kim and Nelson
 * (2001, "A fully sequential procedure for indifference-zone selection in
 * simulation", ACM TOMACS 11(3):251-273).  Guarantee: when the outputs of
 * each system are normal (a replication's mean over a year of cases is
 * close to it) and the best system's mean is at least `delta` above every
 * other's, it selects the best with probability at least 1 - alpha; it
 * allows unequal, unknown variances and common random numbers between
 * systems (the pairwise variances S^2_il absorb the correlation).
 * Larger is better.
 *
 *   1. Every system gets n0 observations; S^2_il is the variance of the
 *      differences X_i - X_l over them; eta = 0.5 [(2 alpha / (k - 1))
 *      ^(-2 / (n0 - 1)) - 1], h^2 = 2 eta (n0 - 1).
 *   2. Screening (r = n0) and then after every further observation r of
 *      each surviving system: i is eliminated if its mean is below some
 *      surviving l's mean minus W_il(r) = max(0, delta / (2r) (h^2 S^2_il
 *      / delta^2 - r)).
 *   3. Stop when one system is left, or after r = N + 1 observations
 *      where N = max floor(h^2 S^2_il / delta^2) (then the largest mean
 *      wins: the continuation region has closed).
 *
 * The caller runs the simulations: rns_wants(i) says which systems need
 * their next observation, rns_observe gives one each.  An optional cap
 * `max_n` stops early when it is reached (then the guarantee does not
 * hold; rns_capped says so).  No global state; values are copied.
 */
#ifndef GOVSIM_RNS_H
#define GOVSIM_RNS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rns {
    size_t k, n0, max_n;
    double alpha, delta, h2;
    size_t r;       /* observations each surviving system has had     */
    size_t n_alive; /* systems still in contention                    */
    size_t n_bound; /* N + 1: the stage at which the region closes;
                       0 until the first stage is complete           */
    size_t best;    /* the selection, valid once rns_done             */
    bool done, capped;
    bool *alive;    /* k                                              */
    size_t *n_obs;  /* k: observations each system received           */
    size_t *out_at; /* k: stage r at which eliminated, 0 if not       */
    double *sum;    /* k: sum of observations                         */
    double *first;  /* k x n0: the first-stage observations           */
    double *s2;     /* k x k: S^2_il                                  */
} rns_t;

/* Set up for k >= 1 systems, n0 >= 2 first-stage observations, 0 < alpha
 * < 1, delta > 0, max_n = 0 (no cap) or >= n0.  Returns 0, or -1 when out
 * of memory (then rns_free is safe).  With k == 1 it is done at once. */
int rns_init(rns_t *p, size_t k, size_t n0, double alpha, double delta, size_t max_n);
void rns_free(rns_t *p);

/* The constant h^2 of KN for k systems, n0, alpha. */
double rns_h2(size_t k, size_t n0, double alpha);

/* Does system i need another observation (alive and not done)? */
bool rns_wants(const rns_t *p, size_t i);

/* One more observation of every system that rns_wants: x[i] (the others
 * are ignored).  Eliminates and decides as described above. */
void rns_observe(rns_t *p, const double *x);

/* Mean of system i's observations (NaN if none). */
double rns_mean(const rns_t *p, size_t i);

/* Observations a naive procedure with equal allocation would take to give
 * the same guarantee: every system run to the stage where KN's
 * continuation region closes, k x max(n0, N + 1), from the first-stage
 * variances (valid once the first stage is complete). */
size_t rns_naive_total(const rns_t *p);

/* Observations KN took so far, all systems. */
size_t rns_total(const rns_t *p);

#endif
