/*
 * stats.h - the statistics govsim reports, within and across replications.
 *
 * Within one replication:
 *   stats_tally_t    Welford running mean/variance/min/max of observations
 *                    (waiting times, cycle times); merge by Chan's formula.
 *   stats_timeavg_t  time-weighted average of a piecewise-constant quantity
 *                    (queue length, busy servers); reset at the warm-up end.
 *   stats_hist_t     log-linear histogram for quantiles (p50, p90, p95) in
 *                    O(1) per observation and constant memory, whatever the
 *                    number of observations.  A positive value x falls in the
 *                    bucket given by the top bits of its IEEE-754
 *                    representation (exponent and STATS_HIST_SUB_BITS
 *                    mantissa bits), so a bucket spans a relative width of
 *                    2^-STATS_HIST_SUB_BITS and no log() is needed.  Values
 *                    <= 0 are counted exactly in a zero bucket (many waits
 *                    are exactly 0).  Values below STATS_HIST_MIN go to the
 *                    lowest bucket, above STATS_HIST_MAX to the highest.
 *                    quantile() interpolates linearly inside the bucket, so
 *                    for quantiles in [STATS_HIST_MIN, STATS_HIST_MAX) its
 *                    relative error against the sample quantile is at most
 *                    2^-STATS_HIST_SUB_BITS (1/64).  Counters are 64-bit,
 *                    so merging many replications cannot overflow them.
 *
 * Across replications:
 *   stats_ci_t       mean, standard deviation, Student-t confidence interval
 *                    (gsl_cdf_tdist_Pinv) of n independent replication values;
 *                    paired differences for common-random-number comparisons;
 *                    clamped to the range of a bounded quantity (a share).
 *
 * The add/update functions are on the hot path and inline.
 */
#ifndef GOVSIM_STATS_H
#define GOVSIM_STATS_H

#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "hot_assert.h"
#include <stdint.h>
#include <string.h>

/* ---- Tally ------------------------------------------------------------ */

typedef struct stats_tally {
    uint64_t n;
    double mean;
    double m2; /* sum of squared deviations from the running mean */
    double min;
    double max;
} stats_tally_t;

void stats_tally_init(stats_tally_t *t);

static inline void stats_tally_add(stats_tally_t *t, double x) {
    t->n++;
    double delta = x - t->mean;
    t->mean += delta / (double)t->n;
    t->m2 += delta * (x - t->mean);
    if (x < t->min) t->min = x;
    if (x > t->max) t->max = x;
}

/* Sample variance (n-1 denominator); 0 when n < 2. */
double stats_tally_variance(const stats_tally_t *t);
double stats_tally_sd(const stats_tally_t *t);
/* Mean, or NaN when n == 0. */
double stats_tally_mean(const stats_tally_t *t);
/* into += from, exactly as if all of from's observations were added. */
void stats_tally_merge(stats_tally_t *into, const stats_tally_t *from);

/* ---- Time-weighted average -------------------------------------------- */

typedef struct stats_timeavg {
    double start;  /* time the average starts (0 or the warm-up end) */
    double last_t; /* time of the last change                        */
    double value;  /* current value                                   */
    double area;   /* integral of value over [start, last_t]          */
} stats_timeavg_t;

void stats_timeavg_init(stats_timeavg_t *a, double t0, double v0);

/* The quantity takes value v from time t on (t >= last change). */
static inline void stats_timeavg_set(stats_timeavg_t *a, double t, double v) {
    hot_assert(t >= a->last_t);
    a->area += a->value * (t - a->last_t);
    a->last_t = t;
    a->value = v;
}

/* Average over [start, t]; the current value if t == start. */
double stats_timeavg_mean(const stats_timeavg_t *a, double t);
/* Forget the history before t (warm-up); keeps the current value. */
void stats_timeavg_reset(stats_timeavg_t *a, double t);

/* ---- Histogram and quantiles ------------------------------------------ */

#define STATS_HIST_SUB_BITS 6     /* 64 buckets per octave   */
#define STATS_HIST_MIN_EXP  (-20) /* 2^-20 ~ 1e-6            */
#define STATS_HIST_MAX_EXP  40    /* 2^40 ~ 1.1e12           */
#define STATS_HIST_MIN      0x1p-20
#define STATS_HIST_MAX      0x1p40
#define STATS_HIST_BUCKETS  ((STATS_HIST_MAX_EXP - STATS_HIST_MIN_EXP) << STATS_HIST_SUB_BITS)

typedef struct stats_hist {
    uint64_t n;      /* all observations                */
    uint64_t zero;   /* observations <= 0               */
    uint64_t *count; /* STATS_HIST_BUCKETS counters     */
} stats_hist_t;

/* Returns 0, or -1 when out of memory. */
int stats_hist_init(stats_hist_t *h);
void stats_hist_free(stats_hist_t *h);
void stats_hist_clear(stats_hist_t *h);

/* Bucket of a value > 0 (exposed for the inline add and for tests).
 * The negated test sends NaN to bucket 0 rather than out of bounds. */
static inline size_t stats_hist_bucket(double x) {
    if (!(x >= STATS_HIST_MIN)) return 0;
    if (x >= STATS_HIST_MAX) return STATS_HIST_BUCKETS - 1;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    /* exponent and top mantissa bits, offset so that STATS_HIST_MIN -> 0 */
    uint64_t top = bits >> (52 - STATS_HIST_SUB_BITS);
    uint64_t base = (uint64_t)(1023 + STATS_HIST_MIN_EXP) << STATS_HIST_SUB_BITS;
    return (size_t)(top - base);
}

static inline void stats_hist_add(stats_hist_t *h, double x) {
    hot_assert(!isnan(x)); /* a NaN observation is a bug upstream */
    h->n++;
    if (x <= 0) {
        h->zero++;
        return;
    }
    h->count[stats_hist_bucket(x)]++;
}

/* The p-quantile (0 <= p <= 1) of the observations; NaN when n == 0. */
double stats_hist_quantile(const stats_hist_t *h, double p);
/* into += from. */
void stats_hist_merge(stats_hist_t *into, const stats_hist_t *from);

/* ---- Across replications ---------------------------------------------- */

typedef struct stats_ci {
    size_t n; /* number of values                                  */
    double mean;
    double sd;     /* sample standard deviation (0 if n < 2)            */
    double half;   /* half-width of the interval (NaN if n < 2)         */
    double lo, hi; /* mean -/+ half                                     */
} stats_ci_t;

/* Student-t interval at confidence `level` (e.g. 0.95) of n values.
 * NaN values are skipped (and not counted in n). */
stats_ci_t stats_ci(const double *x, size_t n, double level);

/* Interval of the paired differences b[i] - a[i] (common random numbers:
 * a = baseline, b = variant, same replication i). */
stats_ci_t stats_ci_paired(const double *a, const double *b, size_t n, double level);

/* Interval of b - a treating the samples as independent (Welch), for
 * reporting how much pairing narrowed the interval.  Here n = na + nb
 * (non-NaN values) and sd = sqrt(var(a) + var(b)), the sd that b[i] - a[i]
 * would have without pairing (compare with the paired sd). */
stats_ci_t stats_ci_unpaired(const double *a, size_t na, const double *b, size_t nb, double level);

/* Does the interval contain v? (false if the interval is NaN). */
int stats_ci_contains(const stats_ci_t *ci, double v);

/* The Student-t interval of the values already in a tally (as stats_ci
 * would give for them), for callers that accumulate instead of storing. */
stats_ci_t stats_ci_tally(const stats_tally_t *t, double level);

/* Intersect the interval with [lo, hi], the values the quantity can take
 * (a share: [0, 1]).  The true value lies in that range, so the clamped
 * interval contains it exactly when the unclamped one does: coverage is
 * unchanged, only the impossible part goes.  mean, sd and half are left as
 * they are (half stays the Student-t half-width); NaN bounds stay NaN. */
void stats_ci_clamp(stats_ci_t *ci, double lo, double hi);

#endif
