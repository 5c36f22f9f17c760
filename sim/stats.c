#include "stats.h"

#include <assert.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

/* ---- Tally ------------------------------------------------------------ */

void stats_tally_init(stats_tally_t *t) {
    t->n = 0;
    t->mean = 0.0;
    t->m2 = 0.0;
    t->min = INFINITY;
    t->max = -INFINITY;
}

/* m2 is a sum of non-negative terms in exact arithmetic; the guard keeps a
 * rounding residue from ever making the variance negative. */
double stats_tally_variance(const stats_tally_t *t) {
    if (t->n < 2 || !(t->m2 > 0.0)) return 0.0;
    return t->m2 / (double)(t->n - 1);
}

double stats_tally_sd(const stats_tally_t *t) { return sqrt(stats_tally_variance(t)); }

double stats_tally_mean(const stats_tally_t *t) { return t->n == 0 ? NAN : t->mean; }

/* Chan, Golub & LeVeque's pairwise update: the shift between the two means
 * enters only through delta, so no large sums of squares cancel.  An empty
 * side is handled apart because its mean (0) carries no information. */
void stats_tally_merge(stats_tally_t *into, const stats_tally_t *from) {
    if (from->n == 0) return;
    if (into->n == 0) {
        *into = *from;
        return;
    }
    uint64_t n = into->n + from->n;
    double delta = from->mean - into->mean;
    double share_from = (double)from->n / (double)n; /* weight of `from` */
    into->mean += delta * share_from;
    into->m2 += from->m2 + delta * delta * (double)into->n * share_from;
    into->n = n;
    if (from->min < into->min) into->min = from->min;
    if (from->max > into->max) into->max = from->max;
}

/* ---- Time-weighted average -------------------------------------------- */

void stats_timeavg_init(stats_timeavg_t *a, double t0, double v0) {
    a->start = t0;
    a->last_t = t0;
    a->value = v0;
    a->area = 0.0;
}

/* The current value holds from last_t to t, so its stretch is added here
 * without changing the accumulator (mean may be called at any time). */
double stats_timeavg_mean(const stats_timeavg_t *a, double t) {
    assert(t >= a->last_t);
    if (t == a->start) return a->value;
    return (a->area + a->value * (t - a->last_t)) / (t - a->start);
}

void stats_timeavg_reset(stats_timeavg_t *a, double t) {
    assert(t >= a->last_t);
    a->area = 0.0;
    a->start = t;
    a->last_t = t;
}

/* ---- Histogram and quantiles ------------------------------------------ */

/* Inverse of stats_hist_bucket: bucket b covers [2^e (1 + m/2^S),
 * 2^e (1 + (m+1)/2^S)) with e = MIN_EXP + b / 2^S, m = b mod 2^S.  The
 * upper edge of b is the lower edge of b + 1 (2^MAX_EXP for the last). */
static double bucket_lower_edge(size_t b) {
    assert(b <= STATS_HIST_BUCKETS);
    int exponent = STATS_HIST_MIN_EXP + (int)(b >> STATS_HIST_SUB_BITS);
    size_t sub = b & (((size_t)1 << STATS_HIST_SUB_BITS) - 1);
    double mantissa = 1.0 + ldexp((double)sub, -STATS_HIST_SUB_BITS);
    return ldexp(mantissa, exponent);
}

static double bucket_upper_edge(size_t b) { return bucket_lower_edge(b + 1); }

int stats_hist_init(stats_hist_t *h) {
    h->n = 0;
    h->zero = 0;
    h->count = calloc(STATS_HIST_BUCKETS, sizeof *h->count);
    return h->count ? 0 : -1;
}

/* Safe on a histogram whose init failed (count == NULL). */
void stats_hist_free(stats_hist_t *h) {
    free(h->count);
    h->count = NULL;
    h->n = 0;
    h->zero = 0;
}

void stats_hist_clear(stats_hist_t *h) {
    assert(h->count);
    for (size_t b = 0; b < STATS_HIST_BUCKETS; b++) h->count[b] = 0;
    h->n = 0;
    h->zero = 0;
}

/* The answer is the smallest x whose share of observations <= x reaches p,
 * i.e. the observation of rank ceil(p n).  Zeros are exact; inside a bucket
 * the observations are taken as spread evenly from its lower to its upper
 * edge, so the estimate and the true sample quantile lie in the same bucket
 * and differ by at most its relative width 2^-STATS_HIST_SUB_BITS.
 * p = 0 gives the lower edge of the lowest non-empty bucket (or 0 if there
 * are zeros), p = 1 the upper edge of the highest non-empty bucket.
 * Values clamped into the end buckets keep no bound. */
double stats_hist_quantile(const stats_hist_t *h, double p) {
    assert(p >= 0.0 && p <= 1.0);
    if (h->n == 0) return NAN;
    double rank = p * (double)h->n; /* observations that must be <= x */
    if (h->zero > 0 && rank <= (double)h->zero) return 0.0;
    uint64_t below = h->zero; /* observations before bucket b   */
    for (size_t b = 0; b < STATS_HIST_BUCKETS; b++) {
        uint64_t c = h->count[b];
        if (c == 0) continue;
        if ((double)(below + c) >= rank) {
            double frac = (rank - (double)below) / (double)c;
            double lo = bucket_lower_edge(b);
            return lo + frac * (bucket_upper_edge(b) - lo);
        }
        below += c;
    }
    /* Unreachable while the counts add up to n, as rank <= n. */
    assert(0 && "histogram counts do not add up to n");
    return NAN;
}

void stats_hist_merge(stats_hist_t *into, const stats_hist_t *from) {
    assert(into->count && from->count);
    for (size_t b = 0; b < STATS_HIST_BUCKETS; b++) into->count[b] += from->count[b];
    into->n += from->n;
    into->zero += from->zero;
}

/* ---- Across replications ---------------------------------------------- */

/* Two-sided Student-t critical value. */
static double t_critical(double level, double df) {
    assert(level > 0.0 && level < 1.0);
    return gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, df);
}

/* The interval from a tally of the values.  Welford's mean of identical
 * values is that value exactly and its m2 exactly 0; the min == max branch
 * states the guarantee that common random numbers with no change give a
 * zero-width interval (not a rounding residue) rather than relying on it. */
static stats_ci_t ci_from_tally(const stats_tally_t *t, double level) {
    stats_ci_t ci = {
        .n = (size_t)t->n,
        .mean = stats_tally_mean(t),
        .sd = 0.0,
        .half = NAN,
        .lo = NAN,
        .hi = NAN,
    };
    if (t->n < 2) return ci;
    if (t->min == t->max) {
        ci.half = 0.0;
    } else {
        ci.sd = stats_tally_sd(t);
        ci.half = t_critical(level, (double)(t->n - 1)) * ci.sd / sqrt((double)t->n);
    }
    ci.lo = ci.mean - ci.half;
    ci.hi = ci.mean + ci.half;
    return ci;
}

static stats_tally_t tally_of(const double *x, size_t n) {
    stats_tally_t t;
    stats_tally_init(&t);
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) stats_tally_add(&t, x[i]);
    return t;
}

stats_ci_t stats_ci(const double *x, size_t n, double level) {
    stats_tally_t t = tally_of(x, n);
    return ci_from_tally(&t, level);
}

stats_ci_t stats_ci_paired(const double *a, const double *b, size_t n, double level) {
    stats_tally_t t;
    stats_tally_init(&t);
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) stats_tally_add(&t, b[i] - a[i]);
    return ci_from_tally(&t, level);
}

/* Welch: the standard error of mean(b) - mean(a) is sqrt(va/na + vb/nb),
 * and Satterthwaite's degrees of freedom match the t distribution to it.
 * If both samples are constant the difference is known exactly (half 0). */
stats_ci_t stats_ci_unpaired(const double *a, size_t na, const double *b, size_t nb, double level) {
    stats_tally_t ta = tally_of(a, na), tb = tally_of(b, nb);
    double va = stats_tally_variance(&ta), vb = stats_tally_variance(&tb);
    stats_ci_t ci = {
        .n = (size_t)(ta.n + tb.n),
        .mean = stats_tally_mean(&tb) - stats_tally_mean(&ta),
        .sd = sqrt(va + vb),
        .half = NAN,
        .lo = NAN,
        .hi = NAN,
    };
    if (ta.n < 2 || tb.n < 2) return ci;
    double wa = va / (double)ta.n; /* squared standard error of mean(a) */
    double wb = vb / (double)tb.n; /* squared standard error of mean(b) */
    double se2 = wa + wb;
    if (se2 == 0.0) {
        ci.half = 0.0;
    } else {
        double df = se2 * se2 / (wa * wa / (double)(ta.n - 1) + wb * wb / (double)(tb.n - 1));
        ci.half = t_critical(level, df) * sqrt(se2);
    }
    ci.lo = ci.mean - ci.half;
    ci.hi = ci.mean + ci.half;
    return ci;
}

/* Comparisons with NaN are false, so a NaN interval contains nothing. */
int stats_ci_contains(const stats_ci_t *ci, double v) { return ci->lo <= v && v <= ci->hi; }

stats_ci_t stats_ci_tally(const stats_tally_t *t, double level) { return ci_from_tally(t, level); }

/* fmax/fmin would turn a NaN bound into the range's end; keep it NaN. */
void stats_ci_clamp(stats_ci_t *ci, double lo, double hi) {
    if (!isnan(ci->lo) && ci->lo < lo) ci->lo = lo;
    if (!isnan(ci->hi) && ci->hi > hi) ci->hi = hi;
}
