/*
 * qtheory.c - closed-form queueing results (see qtheory.h).
 *
 * Everything here is computed from first principles and shares no code with
 * the simulator, so that `govsim validate` is an independent check.  The
 * numerics avoid factorials and powers: Erlang C comes from the Erlang B
 * recursion, Erlang A from the birth-death chain with rescaling, and the
 * Jackson traffic equations from an LU solve whose pivots are checked here
 * (GSL's own singular-matrix error would go through its process-wide error
 * handler, which aborts by default and is global mutable state).
 */
#include "qtheory.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>

/* Erlang A: relative size of the neglected tail, and a bound on the work
 * (number of states past c) so that a patience rate near zero with an
 * overloaded system cannot make the chain run for hours. */
#define ERLANG_A_TAIL_EPS         1e-15
#define ERLANG_A_MAX_QUEUE_STATES 100000000u
#define ERLANG_A_RESCALE_ABOVE    1e280
#define ERLANG_A_RESCALE_BY       1e-280

/* Jackson: row sums may exceed 1 by rounding only; a pivot below this
 * (entries of I - R^T are at most 1 in size, pivots at most 2) means the
 * routing traps customers, i.e. the system is singular or so close to it
 * that throughputs would be around 1e12 times the external rate. */
#define JACKSON_ROW_SUM_SLACK 1e-12
#define JACKSON_MIN_PIVOT     1e-12
#define JACKSON_NEG_TOL       1e-12

static bool positive_finite(double x) { return x > 0 && isfinite(x); }

static qt_mmc_t mmc_nan(void) {
    qt_mmc_t r = {NAN, NAN, NAN, NAN, NAN, NAN};
    return r;
}

static qt_erlang_a_t erlang_a_nan(void) {
    qt_erlang_a_t r = {NAN, NAN, NAN, NAN, NAN, NAN};
    return r;
}

/* Erlang B by its recursion B(k) = a B(k-1) / (k + a B(k-1)): every step
 * stays in [0, 1], so it neither overflows nor loses precision for large c,
 * unlike the textbook sum of a^k / k!. Can't fail. */
static double erlang_b(double a, unsigned c) {
    double b = 1.0;
    for (unsigned k = 1; k <= c; k++) b = a * b / ((double)k + a * b);
    return b;
}

/* M/M/c steady state. All fields NaN if an argument is not positive and
 * finite, or rho >= 1. */
qt_mmc_t qt_mmc(double lambda, double mu, unsigned c) {
    if (!positive_finite(lambda) || !positive_finite(mu) || c == 0) return mmc_nan();
    double a = lambda / mu; /* offered load in Erlangs */
    double rho = a / c;
    if (!(rho < 1)) return mmc_nan();
    double b = erlang_b(a, c);
    qt_mmc_t r;
    r.rho = rho;
    r.p_wait = b / (1 - rho * (1 - b));
    r.lq = r.p_wait * rho / (1 - rho);
    r.wq = r.lq / lambda;
    r.w = r.wq + 1 / mu;
    r.l = lambda * r.w;
    return r;
}

/* M/G/1 by Pollaczek-Khinchine; p_wait = rho since an arrival waits exactly
 * when the server is busy (PASTA). All fields NaN if lambda or es is not
 * positive and finite, cs2 is negative or not finite, or rho >= 1. */
qt_mmc_t qt_mg1(double lambda, double es, double cs2) {
    if (!positive_finite(lambda) || !positive_finite(es) || !(cs2 >= 0) || !isfinite(cs2))
        return mmc_nan();
    double rho = lambda * es;
    if (!(rho < 1)) return mmc_nan();
    double es2 = es * es * (1 + cs2); /* second moment of service */
    qt_mmc_t r;
    r.rho = rho;
    r.p_wait = rho;
    r.wq = lambda * es2 / (2 * (1 - rho));
    r.lq = lambda * r.wq;
    r.w = r.wq + es;
    r.l = lambda * r.w;
    return r;
}

/* P(Wq > t). The waiting time is never negative, so the answer is 1 for
 * t < 0. NaN on invalid or unstable arguments or a NaN t. */
double qt_mmc_wait_tail(double lambda, double mu, unsigned c, double t) {
    qt_mmc_t m = qt_mmc(lambda, mu, c);
    if (isnan(m.p_wait) || isnan(t)) return NAN;
    if (t < 0) return 1.0;
    return m.p_wait * exp(-((double)c * mu - lambda) * t);
}

/* Inverse of 1 - qt_mmc_wait_tail: P(Wq <= q) = p. The atom at zero gives
 * q = 0 for p <= 1 - p_wait; p = 1 gives +infinity; NaN for p outside
 * [0, 1] or invalid or unstable arguments. */
double qt_mmc_wait_quantile(double lambda, double mu, unsigned c, double p) {
    qt_mmc_t m = qt_mmc(lambda, mu, c);
    if (isnan(m.p_wait) || !(p >= 0 && p <= 1)) return NAN;
    if (p <= 1 - m.p_wait) return 0.0;
    if (p == 1) return INFINITY;
    return log(m.p_wait / (1 - p)) / ((double)c * mu - lambda);
}

/* Running sums over the unnormalised stationary weights q_n of the
 * Erlang A chain; all are rescaled together, so only ratios matter. */
typedef struct erlang_a_sums {
    double mass;    /* sum q_n                   */
    double waiting; /* sum_{n >= c} q_n          */
    double queue;   /* sum (n - c)^+ q_n         */
    double busy;    /* sum min(n, c) q_n         */
    double served;  /* sum q_n P(served | n)     */
    double wait;    /* sum q_n P(served | n) E[wait | served, n] */
} erlang_a_sums_t;

/* Add state n (weight q) to the sums; for an arrival that finds n >= c,
 * p_served and h are its chance to be served and its mean wait if so. */
static void erlang_a_add(erlang_a_sums_t *s, double q, uint64_t n, unsigned c, double p_served,
                         double h) {
    s->mass += q;
    s->served += q * (n >= c ? p_served : 1.0);
    if (n >= c) s->wait += q * p_served * h;
    if (n >= c) {
        s->waiting += q;
        s->queue += (double)(n - c) * q;
        s->busy += (double)c * q;
    } else {
        s->busy += (double)n * q;
    }
}

static void erlang_a_rescale(erlang_a_sums_t *s, double *q) {
    *q *= ERLANG_A_RESCALE_BY;
    s->mass *= ERLANG_A_RESCALE_BY;
    s->waiting *= ERLANG_A_RESCALE_BY;
    s->queue *= ERLANG_A_RESCALE_BY;
    s->busy *= ERLANG_A_RESCALE_BY;
    s->served *= ERLANG_A_RESCALE_BY;
    s->wait *= ERLANG_A_RESCALE_BY;
}

/* Death rate in state n: busy servers plus abandoning waiters. */
static double erlang_a_death(uint64_t n, double mu, unsigned c, double theta) {
    if (n <= c) return (double)n * mu;
    return (double)c * mu + (double)(n - c) * theta;
}

/* Whether everything after state n (weight q, next ratio r < 1) is
 * negligible.  The death rate never decreases with n, so every later ratio
 * q_{m+1}/q_m is <= r and the tails are bounded by geometric series:
 *   sum_{m>n} q_m         <= q r / (1 - r)
 *   sum_{m>n} (m - c) q_m <= q [(n - c) r / (1 - r) + r / (1 - r)^2].
 * Both must be below ERLANG_A_TAIL_EPS of what they are added to (the
 * waiting mass and the queue), which also bounds the error in the total
 * mass and the busy servers. */
static bool erlang_a_tail_negligible(const erlang_a_sums_t *s, double q, double r, uint64_t n,
                                     unsigned c) {
    if (!(r < 1)) return false;
    double g = r / (1 - r);
    double tail_mass = q * g;
    double tail_queue = q * ((double)(n - c) * g + g / (1 - r));
    return tail_mass <= ERLANG_A_TAIL_EPS * s->waiting &&
           tail_queue <= ERLANG_A_TAIL_EPS * s->queue;
}

/* Rough number of states past c the chain needs, to refuse up front a
 * case the loop would spend minutes on (the loop keeps its own limit).
 * Overloaded (lambda >= c mu): the weights grow until (lambda - c mu)/theta
 * customers wait, then fall like a Gaussian with standard deviation
 * sqrt(lambda/theta); 1e-15 is reached within about 8.4 of those.
 * Underloaded: the ratio of successive weights is at most rho past c, and
 * the Gaussian decay applies as well, whichever is faster. */
static bool erlang_a_chain_too_long(double lambda, double mu, unsigned c, double theta) {
    double excess = lambda - (double)c * mu; /* overload, customers/time */
    double gaussian = 10 * sqrt(lambda / theta);
    double need =
        excess >= 0 ? excess / theta + gaussian : fmin(40 / (-excess / ((double)c * mu)), gaussian);
    return !(need < (double)ERLANG_A_MAX_QUEUE_STATES);
}

/* Erlang A from the birth-death chain q_{n+1} = q_n lambda / death(n+1),
 * q_0 = 1, rescaled whenever the weights grow large (they peak near
 * a^c / c! for large c). theta == 0 is M/M/c. All fields NaN on invalid
 * arguments, theta == 0 with rho >= 1, or a chain too long to sum (theta
 * tiny with rho near or above 1: more than ERLANG_A_MAX_QUEUE_STATES
 * states past c). theta > 0 with rho >= 1 is a valid, stable case. */
qt_erlang_a_t qt_erlang_a(double lambda, double mu, unsigned c, double theta) {
    if (!positive_finite(lambda) || !positive_finite(mu) || c == 0 || !(theta >= 0) ||
        !isfinite(theta))
        return erlang_a_nan();
    if (theta == 0) {
        qt_mmc_t m = qt_mmc(lambda, mu, c);
        if (isnan(m.rho)) return erlang_a_nan();
        qt_erlang_a_t r = {0.0, m.p_wait, m.lq, m.rho, m.wq, m.wq};
        return r;
    }
    if (erlang_a_chain_too_long(lambda, mu, c, theta)) return erlang_a_nan();
    erlang_a_sums_t s = {0, 0, 0, 0, 0, 0};
    double q = 1.0; /* unnormalised weight of state n */
    double cmu = (double)c * mu, h = 0;
    uint64_t last = (uint64_t)c + ERLANG_A_MAX_QUEUE_STATES;
    for (uint64_t n = 0;; n++) {
        double ahead = n >= c ? (double)(n - c) : 0; /* j: waiting ahead */
        if (n >= c) h += 1 / (cmu + (ahead + 1) * theta);
        erlang_a_add(&s, q, n, c, cmu / (cmu + (ahead + 1) * theta), h);
        double r = lambda / erlang_a_death(n + 1, mu, c, theta);
        if (n > c && erlang_a_tail_negligible(&s, q, r, n, c)) break;
        if (n == last) return erlang_a_nan();
        if (q > ERLANG_A_RESCALE_ABOVE / r) erlang_a_rescale(&s, &q);
        q *= r;
    }
    if (!isfinite(s.mass) || !isfinite(s.queue) || !isfinite(s.busy))
        return erlang_a_nan(); /* only for absurd loads, a > ~1e28 */
    qt_erlang_a_t r;
    r.lq = s.queue / s.mass;
    r.p_wait = s.waiting / s.mass;
    r.util = s.busy / (s.mass * c);
    r.p_abandon = theta * r.lq / lambda;
    r.wq = r.lq / lambda;
    r.wq_served = s.wait / s.served;
    return r;
}

static void jackson_fail_fill(size_t k, qt_mmc_t *st) {
    for (size_t i = 0; i < k; i++) st[i] = mmc_nan();
}

/* Inputs the traffic equations need: rates non-negative, probabilities in
 * [0, 1] with row sums at most 1 (up to rounding), mu > 0, c >= 1. */
static bool jackson_inputs_valid(size_t k, const double *ext, const double *route, const double *mu,
                                 const unsigned *c) {
    for (size_t i = 0; i < k; i++) {
        if (!(ext[i] >= 0) || !isfinite(ext[i])) return false;
        if (!positive_finite(mu[i]) || c[i] == 0) return false;
        double row = 0;
        for (size_t j = 0; j < k; j++) {
            double p = route[i * k + j];
            if (!(p >= 0 && p <= 1)) return false;
            row += p;
        }
        if (row > 1 + JACKSON_ROW_SUM_SLACK) return false;
    }
    return true;
}

/* Solve (I - R^T) lambda = ext into lambda_out. Returns 0, or -1 if out of
 * memory or the system is (numerically) singular: a set of stations that
 * customers can enter but never leave. */
static int jackson_traffic(size_t k, const double *ext, const double *route, double *lambda_out) {
    if (k > SIZE_MAX / k / sizeof(double)) return -1;
    double *a = malloc(k * k * sizeof *a); /* I - R^T, row-major */
    size_t *perm_data = malloc(k * sizeof *perm_data);
    if (a == NULL || perm_data == NULL) {
        free(a);
        free(perm_data);
        return -1;
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) a[i * k + j] = (i == j ? 1.0 : 0.0) - route[j * k + i];
    gsl_matrix_view m = gsl_matrix_view_array(a, k, k);
    gsl_permutation perm = {k, perm_data};
    gsl_vector_const_view b = gsl_vector_const_view_array(ext, k);
    gsl_vector_view x = gsl_vector_view_array(lambda_out, k);
    int signum;
    int rc = gsl_linalg_LU_decomp(&m.matrix, &perm, &signum) == 0 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < k; i++)
        if (!(fabs(a[i * k + i]) > JACKSON_MIN_PIVOT)) rc = -1;
    if (rc == 0 && gsl_linalg_LU_solve(&m.matrix, &perm, &b.vector, &x.vector) != 0) rc = -1;
    free(a);
    free(perm_data);
    return rc;
}

/* A station no customer reaches: empty, and a (hypothetical) arrival would
 * go straight into service. */
static qt_mmc_t idle_station(double mu) {
    qt_mmc_t r = {0.0, 0.0, 0.0, 0.0, 0.0, 1 / mu};
    return r;
}

/* Open Jackson network. Returns 0, or -1 (with st[] all NaN, and
 * lambda_out[] NaN unless the traffic equations were solved) on invalid
 * input, k == 0, no exit from the routing, a negative throughput, an
 * unstable station, or out of memory. Stations with zero throughput (no
 * customer reaches them) are reported as idle rather than NaN. */
int qt_jackson(size_t k, const double *ext, const double *route, const double *mu,
               const unsigned *c, double *lambda_out, qt_mmc_t *st) {
    assert(k == 0 || (ext && route && mu && c && lambda_out && st));
    for (size_t i = 0; i < k; i++) lambda_out[i] = NAN;
    jackson_fail_fill(k, st);
    if (k == 0 || !jackson_inputs_valid(k, ext, route, mu, c)) return -1;
    if (jackson_traffic(k, ext, route, lambda_out) != 0) {
        for (size_t i = 0; i < k; i++) lambda_out[i] = NAN;
        return -1;
    }
    double scale = 0; /* largest throughput, for the rounding tolerance */
    for (size_t i = 0; i < k; i++)
        if (fabs(lambda_out[i]) > scale) scale = fabs(lambda_out[i]);
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(lambda_out[i]) || lambda_out[i] < -JACKSON_NEG_TOL * scale) return -1;
        if (lambda_out[i] < 0) lambda_out[i] = 0; /* rounding only */
    }
    for (size_t i = 0; i < k; i++) {
        st[i] = lambda_out[i] > 0 ? qt_mmc(lambda_out[i], mu[i], c[i]) : idle_station(mu[i]);
        if (isnan(st[i].rho)) {
            jackson_fail_fill(k, st);
            return -1;
        }
    }
    return 0;
}
