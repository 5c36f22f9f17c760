/* Unit tests for the statistics (sim/stats.h): tallies against a two-pass
 * reference, time averages on a hand-worked step function, histogram buckets
 * and quantiles against exact sample quantiles and the exponential law, and
 * Student-t intervals against hand values and their coverage. */
#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "stats.h"
#include "checks.h"

#define TEST_SEED 20240611u

static gsl_rng *test_rng(uint32_t stream) {
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, stream);
    ck_assert_ptr_nonnull(g);
    return g;
}

/* ---- Tally ------------------------------------------------------------ */

/* Reference mean and sample variance by two passes in long double. */
static void two_pass(const double *x, size_t n, double *mean, double *var) {
    long double sum = 0;
    for (size_t i = 0; i < n; i++) sum += x[i];
    long double m = sum / (long double)n, ss = 0;
    for (size_t i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
    *mean = (double)m;
    *var = (double)(ss / (long double)(n - 1));
}

static stats_tally_t tally_range(const double *x, size_t from, size_t to) {
    stats_tally_t t;
    stats_tally_init(&t);
    for (size_t i = from; i < to; i++) stats_tally_add(&t, x[i]);
    return t;
}

START_TEST(test_tally_empty_and_single) {
    stats_tally_t t;
    stats_tally_init(&t);
    ck_assert(isnan(stats_tally_mean(&t)));
    ck_assert(stats_tally_variance(&t) == 0.0);
    ck_assert(stats_tally_sd(&t) == 0.0);
    ck_assert(t.min == INFINITY && t.max == -INFINITY);
    stats_tally_add(&t, -3.5);
    ck_assert(stats_tally_mean(&t) == -3.5);
    ck_assert(stats_tally_variance(&t) == 0.0);
    ck_assert(t.min == -3.5 && t.max == -3.5);
    /* {1, 2, 3, 4}: mean 2.5, squared deviations 2.25+0.25+0.25+2.25 = 5,
     * sample variance 5/3. */
    stats_tally_init(&t);
    for (int i = 1; i <= 4; i++) stats_tally_add(&t, i);
    ck_assert(stats_tally_mean(&t) == 2.5);
    CHECK_REL(stats_tally_variance(&t), 5.0 / 3.0, 1e-15);
    CHECK_REL(stats_tally_sd(&t), sqrt(5.0 / 3.0), 1e-15);
}
END_TEST

START_TEST(test_tally_vs_two_pass) {
    enum { N = 20000 };
    double *x = malloc(N * sizeof *x);
    ck_assert_ptr_nonnull(x);
    gsl_rng *g = test_rng(1);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < N; i++) {
        x[i] = 50.0 + gsl_ran_gaussian(g, 10.0) + gsl_ran_exponential(g, 30.0);
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
    }
    stats_tally_t t = tally_range(x, 0, N);
    double mean, var;
    two_pass(x, N, &mean, &var);
    ck_assert_uint_eq(t.n, N);
    CHECK_REL(stats_tally_mean(&t), mean, 1e-12);
    CHECK_REL(stats_tally_variance(&t), var, 1e-12);
    CHECK_REL(stats_tally_sd(&t), sqrt(var), 1e-12);
    ck_assert(t.min == lo && t.max == hi);
    gsl_rng_free(g);
    free(x);
}
END_TEST

/* Values 1e9 + U(0,1): the textbook sum-of-squares formula loses every digit
 * (its rounding error ~ eps * 1e18 dwarfs the variance 1/12), Welford keeps
 * the error near ulp(1e9) / sd relative.  The reference subtracts 1e9
 * exactly (Sterbenz) before the two passes. */
START_TEST(test_tally_cancellation) {
    enum { N = 10000 };
    const double offset = 1e9;
    double *x = malloc(N * sizeof *x), *d = malloc(N * sizeof *d);
    ck_assert(x && d);
    gsl_rng *g = test_rng(2);
    double sum = 0, sumsq = 0;
    for (size_t i = 0; i < N; i++) {
        x[i] = offset + gsl_rng_uniform(g);
        d[i] = x[i] - offset;
        sum += x[i];
        sumsq += x[i] * x[i];
    }
    double mean_d, var;
    two_pass(d, N, &mean_d, &var);
    stats_tally_t t = tally_range(x, 0, N);
    /* The running mean is held to ulp(1e9) ~ 1.2e-7, so each deviation is
     * off by about that much against an sd of ~0.29: allow 100 times the
     * ratio, still 1e4 times tighter than what cancellation does. */
    double ulp = nextafter(offset, INFINITY) - offset;
    double tol = 100 * ulp / sqrt(var);
    CHECK_REL(stats_tally_variance(&t), var, tol);
    /* Each update of the mean rounds by up to ulp/2 (sd ulp/sqrt 12), and
     * the error of update k survives as k/n: sd ulp sqrt(n) / 6 in all. */
    CHECK_NEAR(stats_tally_mean(&t), offset + mean_d, 5 * ulp * sqrt(N) / 6);
    /* The same tolerance rejects the textbook formula: the check has power. */
    double naive = (sumsq - sum * sum / N) / (N - 1);
    ck_assert(!(fabs(naive - var) <= tol * var));
    gsl_rng_free(g);
    free(x);
    free(d);
}
END_TEST

START_TEST(test_tally_merge) {
    enum { N = 9001 };
    double *x = malloc(N * sizeof *x);
    ck_assert_ptr_nonnull(x);
    gsl_rng *g = test_rng(3);
    for (size_t i = 0; i < N; i++) x[i] = (i < 3000 ? 1000.0 : -20.0) + gsl_ran_gaussian(g, 5.0);
    stats_tally_t all = tally_range(x, 0, N);
    /* Unequal parts with very different means. */
    stats_tally_t merged = tally_range(x, 0, 17);
    stats_tally_t mid = tally_range(x, 17, 5000);
    stats_tally_t end = tally_range(x, 5000, N);
    stats_tally_merge(&merged, &mid);
    stats_tally_merge(&merged, &end);
    ck_assert_uint_eq(merged.n, all.n);
    CHECK_REL(merged.mean, all.mean, 1e-12);
    CHECK_REL(stats_tally_variance(&merged), stats_tally_variance(&all), 1e-12);
    ck_assert(merged.min == all.min && merged.max == all.max);

    /* Empty on either side: the other side unchanged. */
    stats_tally_t empty, copy = all;
    stats_tally_init(&empty);
    stats_tally_merge(&copy, &empty);
    ck_assert(memcmp(&copy, &all, sizeof copy) == 0);
    stats_tally_merge(&empty, &all);
    ck_assert(memcmp(&empty, &all, sizeof empty) == 0);
    stats_tally_t e1, e2;
    stats_tally_init(&e1);
    stats_tally_init(&e2);
    stats_tally_merge(&e1, &e2);
    ck_assert(e1.n == 0 && isnan(stats_tally_mean(&e1)));
    gsl_rng_free(g);
    free(x);
}
END_TEST

/* ---- Time-weighted average -------------------------------------------- */

/* Value 2 on [0,1), 5 on [1,4), 0 on [4,6), 3 from 6 on.
 * Area to 6: 2*1 + 5*3 + 0*2 = 17; to 10: 17 + 3*4 = 29. */
START_TEST(test_timeavg_step) {
    stats_timeavg_t a;
    stats_timeavg_init(&a, 0.0, 2.0);
    ck_assert(stats_timeavg_mean(&a, 0.0) == 2.0);
    ck_assert(stats_timeavg_mean(&a, 0.5) == 2.0);
    stats_timeavg_set(&a, 1.0, 5.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 2.0), (2.0 + 5.0) / 2.0, 1e-15);
    stats_timeavg_set(&a, 4.0, 0.0);
    stats_timeavg_set(&a, 6.0, 3.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 6.0), 17.0 / 6.0, 1e-15);
    CHECK_NEAR(stats_timeavg_mean(&a, 10.0), 29.0 / 10.0, 1e-15);
    /* Mean does not change the accumulator. */
    CHECK_NEAR(stats_timeavg_mean(&a, 10.0), 2.9, 1e-15);
    /* Two changes at the same time: only the last value counts. */
    stats_timeavg_set(&a, 10.0, 100.0);
    stats_timeavg_set(&a, 10.0, 1.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 12.0), (29.0 + 2.0) / 12.0, 1e-15);
}
END_TEST

/* Warm-up end at 6: forget [0,6), keep the value 3.  Then 3 on [6,8),
 * 1 on [8,10): mean over [6,10] = (6 + 2) / 4 = 2. */
START_TEST(test_timeavg_reset) {
    stats_timeavg_t a;
    stats_timeavg_init(&a, 0.0, 2.0);
    stats_timeavg_set(&a, 1.0, 50.0);
    stats_timeavg_set(&a, 6.0, 3.0);
    stats_timeavg_reset(&a, 6.0);
    ck_assert(stats_timeavg_mean(&a, 6.0) == 3.0);
    stats_timeavg_set(&a, 8.0, 1.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 10.0), 2.0, 1e-15);
    /* Reset between changes: value 1 since 8, reset at 9, 4 from 11 on.
     * Over [9,13]: 1*2 + 4*2 = 10, mean 2.5. */
    stats_timeavg_reset(&a, 9.0);
    stats_timeavg_set(&a, 11.0, 4.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 13.0), 2.5, 1e-15);
    /* A non-zero start: 7 from 5 on, 1 from 7 on; over [5,9]: 14+2 = 16. */
    stats_timeavg_init(&a, 5.0, 7.0);
    stats_timeavg_set(&a, 7.0, 1.0);
    CHECK_NEAR(stats_timeavg_mean(&a, 9.0), 4.0, 1e-15);
}
END_TEST

/* ---- Histogram -------------------------------------------------------- */

/* The bucket stats.h promises, derived with frexp instead of bit tricks:
 * x = f 2^k with f in [0.5, 1) means x in [2^(k-1), 2^k), and the top
 * SUB_BITS mantissa bits are floor((2f - 1) 2^SUB_BITS). */
static size_t expected_bucket(double x) {
    if (x < STATS_HIST_MIN) return 0;
    if (x >= STATS_HIST_MAX) return STATS_HIST_BUCKETS - 1;
    int k;
    double f = frexp(x, &k);
    int e = k - 1;
    size_t sub = (size_t)floor((2 * f - 1) * (1 << STATS_HIST_SUB_BITS));
    return ((size_t)(e - STATS_HIST_MIN_EXP) << STATS_HIST_SUB_BITS) + sub;
}

static int cmp_double(const void *pa, const void *pb) {
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

START_TEST(test_hist_bucket_formula) {
    ck_assert_uint_eq(STATS_HIST_BUCKETS, 60u * 64u);
    /* Powers of two open a new octave; the double just below closes the
     * previous one. */
    for (int e = STATS_HIST_MIN_EXP; e < STATS_HIST_MAX_EXP; e++) {
        double x = ldexp(1.0, e);
        size_t first = (size_t)(e - STATS_HIST_MIN_EXP) << STATS_HIST_SUB_BITS;
        CHECK(stats_hist_bucket(x) == first);
        CHECK(stats_hist_bucket(nextafter(x, 0)) == (first == 0 ? 0 : first - 1));
        CHECK(stats_hist_bucket(ldexp(1.5, e)) == first + 32);
    }
    ck_assert_uint_eq(stats_hist_bucket(STATS_HIST_MAX), STATS_HIST_BUCKETS - 1);
    ck_assert_uint_eq(stats_hist_bucket(nextafter(STATS_HIST_MAX, 0)), STATS_HIST_BUCKETS - 1);
    ck_assert_uint_eq(stats_hist_bucket(1e-300), 0);
    ck_assert_uint_eq(stats_hist_bucket(5e-324), 0);
    ck_assert_uint_eq(stats_hist_bucket(1e300), STATS_HIST_BUCKETS - 1);
    ck_assert_uint_eq(stats_hist_bucket(INFINITY), STATS_HIST_BUCKETS - 1);
    ck_assert_uint_eq(stats_hist_bucket(NAN), 0);

    /* Log-uniform values over the whole range and beyond: the formula
     * matches frexp's, and sorted values give non-decreasing buckets. */
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x);
    ck_assert_ptr_nonnull(x);
    gsl_rng *g = test_rng(4);
    for (size_t i = 0; i < N; i++) {
        x[i] = exp2(gsl_ran_flat(g, STATS_HIST_MIN_EXP - 2, STATS_HIST_MAX_EXP + 2));
        CHECK(stats_hist_bucket(x[i]) == expected_bucket(x[i]));
    }
    qsort(x, N, sizeof *x, cmp_double);
    for (size_t i = 1; i < N; i++) CHECK(stats_hist_bucket(x[i - 1]) <= stats_hist_bucket(x[i]));
    gsl_rng_free(g);
    free(x);
}
END_TEST

/* One observation x: p = 0 and p = 1 give the edges of x's bucket, which
 * tests the (static) inverse of the bucket formula through the API. */
START_TEST(test_hist_bucket_edges) {
    stats_hist_t h;
    ck_assert_int_eq(stats_hist_init(&h), 0);
    gsl_rng *g = test_rng(5);
    for (int i = 0; i < 500; i++) {
        double x = exp2(gsl_ran_flat(g, STATS_HIST_MIN_EXP, STATS_HIST_MAX_EXP));
        stats_hist_clear(&h);
        stats_hist_add(&h, x);
        double lo = stats_hist_quantile(&h, 0.0);
        double hi = stats_hist_quantile(&h, 1.0);
        CHECK(lo <= x && x < hi);
        CHECK((hi - lo) / lo <= ldexp(1.0, -STATS_HIST_SUB_BITS));
        CHECK(stats_hist_bucket(lo) == stats_hist_bucket(x));
        CHECK(stats_hist_bucket(hi) == stats_hist_bucket(x) + 1 || hi == STATS_HIST_MAX);
        CHECK(stats_hist_bucket(nextafter(hi, 0)) == stats_hist_bucket(x));
    }
    /* The last bucket ends at STATS_HIST_MAX. */
    stats_hist_clear(&h);
    stats_hist_add(&h, nextafter(STATS_HIST_MAX, 0));
    ck_assert(stats_hist_quantile(&h, 1.0) == STATS_HIST_MAX);
    gsl_rng_free(g);
    stats_hist_free(&h);
}
END_TEST

/* {1, 2, 3, 4}: 1 is alone in [1, 1+1/64), 2 in [2, 2+2/64), 3 in
 * [3, 3+2/64), 4 in [4, 4+4/64).  Rank p*n inside a bucket interpolates:
 * p=0.25 -> rank 1 = end of 1's bucket -> 1.015625; p=0.375 -> rank 1.5,
 * halfway through 2's bucket -> 2.015625; p=1 -> 4.0625; p=0 -> 1. */
START_TEST(test_hist_quantile_by_hand) {
    stats_hist_t h;
    ck_assert_int_eq(stats_hist_init(&h), 0);
    ck_assert(isnan(stats_hist_quantile(&h, 0.5)));
    for (int i = 1; i <= 4; i++) stats_hist_add(&h, i);
    ck_assert(stats_hist_quantile(&h, 0.0) == 1.0);
    ck_assert(stats_hist_quantile(&h, 0.25) == 1.015625);
    ck_assert(stats_hist_quantile(&h, 0.375) == 2.015625);
    ck_assert(stats_hist_quantile(&h, 0.5) == 2.03125);
    ck_assert(stats_hist_quantile(&h, 1.0) == 4.0625);
    stats_hist_clear(&h);
    ck_assert(h.n == 0 && h.zero == 0);
    ck_assert(isnan(stats_hist_quantile(&h, 0.5)));
    stats_hist_free(&h);
    ck_assert_ptr_null(h.count);
    stats_hist_free(&h); /* twice is harmless */
}
END_TEST

/* 1e6 exponential(1) draws.  Against the sample quantile (rank ceil(p n))
 * the documented bound is exact: relative error <= 2^-SUB_BITS.  Against the
 * true quantile q = -ln(1-p) add 5 standard errors of the sample quantile,
 * sqrt(p(1-p)/n) / f(q) with f(q) = 1-p. */
START_TEST(test_hist_quantile_exponential) {
    enum { N = 1000000 };
    double *x = malloc(N * sizeof *x);
    ck_assert_ptr_nonnull(x);
    stats_hist_t h;
    ck_assert_int_eq(stats_hist_init(&h), 0);
    gsl_rng *g = test_rng(6);
    for (size_t i = 0; i < N; i++) {
        x[i] = gsl_ran_exponential(g, 1.0);
        stats_hist_add(&h, x[i]);
    }
    qsort(x, N, sizeof *x, cmp_double);
    const double bound = ldexp(1.0, -STATS_HIST_SUB_BITS);
    const double ps[] = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        double p = ps[k];
        double est = stats_hist_quantile(&h, p);
        size_t rank = (size_t)ceil(p * N);
        double sample_q = x[rank - 1];
        CHECK_REL(est, sample_q, bound);
        double q = -log1p(-p);
        double se = sqrt(p * (1 - p) / N) / (1 - p);
        CHECK_NEAR(est, q, bound * q + 5 * se);
        /* Power: the neighbouring quantile p + 0.01 is rejected. */
        if (p <= 0.95) {
            double q_wrong = -log1p(-(p + 0.01));
            CHECK(!(fabs(est - q_wrong) <= bound * q_wrong + 5 * se));
        }
    }
    /* The ends: edges of the buckets of the minimum and the maximum (a
     * minimum below STATS_HIST_MIN is clamped into the lowest bucket). */
    double q0 = stats_hist_quantile(&h, 0.0), q1 = stats_hist_quantile(&h, 1.0);
    if (x[0] >= STATS_HIST_MIN) CHECK(q0 <= x[0] && x[0] - q0 <= bound * x[0]);
    else CHECK(q0 == STATS_HIST_MIN);
    CHECK(q1 > x[N - 1] && q1 - x[N - 1] <= bound * x[N - 1]);
    gsl_rng_free(g);
    stats_hist_free(&h);
    free(x);
}
END_TEST

/* 60% exact zeros (and a few negatives, counted as zero), 40% exponential:
 * p <= 0.6 gives 0 exactly, p = 0.9 is the 0.75 quantile of the positive
 * part, -ln(0.25), with the standard error from its 4000 draws. */
START_TEST(test_hist_zeros) {
    enum { N = 10000 };
    stats_hist_t h;
    ck_assert_int_eq(stats_hist_init(&h), 0);
    gsl_rng *g = test_rng(7);
    for (size_t i = 0; i < N; i++) {
        if (i % 5 < 3) stats_hist_add(&h, i % 100 == 0 ? -1.0 : 0.0);
        else stats_hist_add(&h, gsl_ran_exponential(g, 1.0));
    }
    ck_assert_uint_eq(h.zero, 6000);
    ck_assert(stats_hist_quantile(&h, 0.0) == 0.0);
    ck_assert(stats_hist_quantile(&h, 0.5) == 0.0);
    ck_assert(stats_hist_quantile(&h, 0.6) == 0.0);
    ck_assert(stats_hist_quantile(&h, 0.61) > 0.0);
    double p90 = stats_hist_quantile(&h, 0.9);
    double q = -log(0.25), se = sqrt(0.75 * 0.25 / 4000) / 0.25;
    CHECK_NEAR(p90, q, ldexp(q, -STATS_HIST_SUB_BITS) + 5 * se);
    /* All zeros: every quantile is 0. */
    stats_hist_clear(&h);
    for (int i = 0; i < 10; i++) stats_hist_add(&h, 0.0);
    ck_assert(stats_hist_quantile(&h, 1.0) == 0.0);
    gsl_rng_free(g);
    stats_hist_free(&h);
}
END_TEST

START_TEST(test_hist_merge) {
    stats_hist_t a, b, all;
    ck_assert_int_eq(stats_hist_init(&a), 0);
    ck_assert_int_eq(stats_hist_init(&b), 0);
    ck_assert_int_eq(stats_hist_init(&all), 0);
    gsl_rng *g = test_rng(8);
    for (int i = 0; i < 50000; i++) {
        double x = i % 7 == 0 ? 0.0 : gsl_ran_lognormal(g, 1.0, 2.0);
        stats_hist_add(i % 3 == 0 ? &a : &b, x);
        stats_hist_add(&all, x);
    }
    stats_hist_merge(&a, &b);
    ck_assert(a.n == all.n && a.zero == all.zero);
    ck_assert(memcmp(a.count, all.count, STATS_HIST_BUCKETS * sizeof *a.count) == 0);
    for (double p = 0.0; p <= 1.0; p += 0.05)
        ck_assert(stats_hist_quantile(&a, p) == stats_hist_quantile(&all, p));
    gsl_rng_free(g);
    stats_hist_free(&a);
    stats_hist_free(&b);
    stats_hist_free(&all);
}
END_TEST

/* ---- Confidence intervals --------------------------------------------- */

START_TEST(test_ci_t_quantile) {
    CHECK_NEAR(gsl_cdf_tdist_Pinv(0.975, 9), 2.262157, 1e-6);
    CHECK_NEAR(gsl_cdf_tdist_Pinv(0.975, 7), 2.364624, 1e-6);
}
END_TEST

/* x = {2,4,4,4,5,5,7,9}: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32,
 * sd^2 = 32/7, sd/sqrt(8) = sqrt(4/7) = 0.7559289, t(0.975, 7) = 2.364624,
 * half = 2.364624 * 0.7559289 = 1.787488, interval [3.212512, 6.787488].
 * At 90%: t(0.95, 7) = 1.894579, half = 1.894579 * 0.7559289 = 1.432167. */
START_TEST(test_ci_by_hand) {
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    stats_ci_t ci = stats_ci(x, 8, 0.95);
    ck_assert_uint_eq(ci.n, 8);
    ck_assert(ci.mean == 5.0);
    CHECK_NEAR(ci.sd, sqrt(32.0 / 7.0), 1e-14);
    CHECK_NEAR(ci.half, 1.787488, 1e-6);
    CHECK_NEAR(ci.lo, 3.212512, 1e-6);
    CHECK_NEAR(ci.hi, 6.787488, 1e-6);
    ci = stats_ci(x, 8, 0.90);
    CHECK_NEAR(ci.half, 1.432167, 1e-6);
    /* NaN values are skipped and not counted. */
    const double y[] = {NAN, 2, 4, 4, NAN, 4, 5, 5, 7, 9};
    stats_ci_t cy = stats_ci(y, 10, 0.95);
    ck_assert_uint_eq(cy.n, 8);
    CHECK_NEAR(cy.half, 1.787488, 1e-6);
}
END_TEST

START_TEST(test_ci_degenerate) {
    /* 0.1 three times: a sum-then-divide mean would be 0.10000000000000002
     * and leave a non-zero width; the interval must be exactly [0.1, 0.1]. */
    const double same[] = {0.1, 0.1, 0.1};
    stats_ci_t ci = stats_ci(same, 3, 0.95);
    ck_assert(ci.mean == 0.1 && ci.sd == 0.0 && ci.half == 0.0);
    ck_assert(ci.lo == 0.1 && ci.hi == 0.1);
    ck_assert(stats_ci_contains(&ci, 0.1));
    ck_assert(!stats_ci_contains(&ci, nextafter(0.1, 1.0)));
    /* One value: mean known, no interval. */
    const double one[] = {NAN, 4.0};
    ci = stats_ci(one, 2, 0.95);
    ck_assert(ci.n == 1 && ci.mean == 4.0 && ci.sd == 0.0);
    ck_assert(isnan(ci.half) && isnan(ci.lo) && isnan(ci.hi));
    ck_assert(!stats_ci_contains(&ci, 4.0));
    /* No values. */
    ci = stats_ci(one, 0, 0.95);
    ck_assert(ci.n == 0 && isnan(ci.mean) && isnan(ci.half));
}
END_TEST

START_TEST(test_ci_contains) {
    const double x[] = {10, 11, 9, 10.5, 9.5};
    stats_ci_t ci = stats_ci(x, 5, 0.95);
    ck_assert(stats_ci_contains(&ci, 10.0));
    ck_assert(stats_ci_contains(&ci, ci.lo));
    ck_assert(stats_ci_contains(&ci, ci.hi));
    ck_assert(!stats_ci_contains(&ci, nextafter(ci.hi, INFINITY)));
    ck_assert(!stats_ci_contains(&ci, 20.0));
    ck_assert(!stats_ci_contains(&ci, -10.0));
    ck_assert(!stats_ci_contains(&ci, NAN));
}
END_TEST

/* Common random numbers with no change: every difference is exactly 0. */
START_TEST(test_ci_paired_identical) {
    enum { N = 30 };
    double a[N];
    gsl_rng *g = test_rng(9);
    for (size_t i = 0; i < N; i++) a[i] = gsl_ran_exponential(g, 7.3);
    stats_ci_t ci = stats_ci_paired(a, a, N, 0.95);
    ck_assert(ci.n == N && ci.mean == 0.0 && ci.sd == 0.0);
    ck_assert(ci.half == 0.0 && ci.lo == 0.0 && ci.hi == 0.0);
    /* A NaN on either side drops the pair. */
    double b[N];
    memcpy(b, a, sizeof b);
    a[3] = NAN;
    b[7] = NAN;
    b[8] += 1.0;
    ci = stats_ci_paired(a, b, N, 0.95);
    ck_assert_uint_eq(ci.n, N - 2);
    CHECK_NEAR(ci.mean, 1.0 / (N - 2), 1e-12);
    gsl_rng_free(g);
}
END_TEST

/* a = {1,2,3}: mean 2, var 1; b = {2,4,6,8}: mean 5, var 20/3.
 * se^2 = 1/3 + (20/3)/4 = 2; df = 4 / ((1/3)^2/2 + (5/3)^2/3)
 * = 4 / (1/18 + 25/27) = 216/53 = 4.0755; half = t(0.975, 216/53) sqrt 2,
 * sd = sqrt(1 + 20/3). */
START_TEST(test_ci_unpaired_by_hand) {
    const double a[] = {1, 2, 3}, b[] = {2, 4, 6, 8, NAN};
    stats_ci_t ci = stats_ci_unpaired(a, 3, b, 5, 0.95);
    ck_assert_uint_eq(ci.n, 7);
    ck_assert(ci.mean == 3.0);
    CHECK_NEAR(ci.sd, sqrt(1.0 + 20.0 / 3.0), 1e-14);
    double half = gsl_cdf_tdist_Pinv(0.975, 216.0 / 53.0) * sqrt(2.0);
    CHECK_NEAR(ci.half, half, 1e-12);
    /* Between the t of 4 and 5 degrees of freedom (2.776, 2.571). */
    CHECK(ci.half / sqrt(2.0) < 2.776446 && ci.half / sqrt(2.0) > 2.570582);
    /* Both constant: the difference is exact. */
    const double c1[] = {1, 1}, c2[] = {3, 3, 3};
    ci = stats_ci_unpaired(c1, 2, c2, 3, 0.95);
    ck_assert(ci.mean == 2.0 && ci.half == 0.0 && ci.lo == 2.0);
    /* Too few values on one side. */
    ci = stats_ci_unpaired(a, 1, b, 4, 0.95);
    ck_assert(isnan(ci.half) && !stats_ci_contains(&ci, ci.mean));
}
END_TEST

/* a, b share a large common part (sd 10) and differ by 0.5 plus small
 * independent noise (sd 1 each): pairing cancels the common part. */
START_TEST(test_ci_paired_vs_unpaired) {
    enum { N = 20 };
    double a[N], b[N];
    gsl_rng *g = test_rng(10);
    for (size_t i = 0; i < N; i++) {
        double common = 100.0 + gsl_ran_gaussian(g, 10.0);
        a[i] = common + gsl_ran_gaussian(g, 1.0);
        b[i] = common + 0.5 + gsl_ran_gaussian(g, 1.0);
    }
    stats_ci_t paired = stats_ci_paired(a, b, N, 0.95);
    stats_ci_t unpaired = stats_ci_unpaired(a, N, b, N, 0.95);
    CHECK_NEAR(paired.mean, unpaired.mean, 1e-9);
    ck_assert(paired.half < unpaired.half / 3);
    ck_assert(paired.sd < unpaired.sd / 3);
    gsl_rng_free(g);
}
END_TEST

/* 2000 experiments of 10 normal(3, 2) draws: the share of 95% intervals
 * that contain 3 is 0.95 within 4 binomial standard errors.  The same
 * intervals cover a wrong mean (3 + 1 sd) far less often: power. */
START_TEST(test_ci_coverage) {
    enum { EXPERIMENTS = 2000, N = 10 };
    const double mu = 3.0, sigma = 2.0, level = 0.95;
    gsl_rng *g = test_rng(11);
    int covered = 0, covered_wrong = 0;
    for (int e = 0; e < EXPERIMENTS; e++) {
        double x[N];
        for (int i = 0; i < N; i++) x[i] = mu + gsl_ran_gaussian(g, sigma);
        stats_ci_t ci = stats_ci(x, N, level);
        covered += stats_ci_contains(&ci, mu);
        covered_wrong += stats_ci_contains(&ci, mu + sigma);
    }
    double share = (double)covered / EXPERIMENTS;
    double tol = 4 * sqrt(level * (1 - level) / EXPERIMENTS);
    CHECK_NEAR(share, level, tol);
    double share_wrong = (double)covered_wrong / EXPERIMENTS;
    CHECK(!(fabs(share_wrong - level) <= tol));
    gsl_rng_free(g);
}
END_TEST

extern Suite *suite_stats(void);
Suite *suite_stats(void) {
    Suite *s = suite_create("stats");
    TCase *tally = tcase_create("tally");
    tcase_add_test(tally, test_tally_empty_and_single);
    tcase_add_test(tally, test_tally_vs_two_pass);
    tcase_add_test(tally, test_tally_cancellation);
    tcase_add_test(tally, test_tally_merge);
    suite_add_tcase(s, tally);
    TCase *timeavg = tcase_create("timeavg");
    tcase_add_test(timeavg, test_timeavg_step);
    tcase_add_test(timeavg, test_timeavg_reset);
    suite_add_tcase(s, timeavg);
    TCase *hist = tcase_create("hist");
    tcase_set_timeout(hist, 30);
    tcase_add_test(hist, test_hist_bucket_formula);
    tcase_add_test(hist, test_hist_bucket_edges);
    tcase_add_test(hist, test_hist_quantile_by_hand);
    tcase_add_test(hist, test_hist_quantile_exponential);
    tcase_add_test(hist, test_hist_zeros);
    tcase_add_test(hist, test_hist_merge);
    suite_add_tcase(s, hist);
    TCase *ci = tcase_create("ci");
    tcase_add_test(ci, test_ci_t_quantile);
    tcase_add_test(ci, test_ci_by_hand);
    tcase_add_test(ci, test_ci_degenerate);
    tcase_add_test(ci, test_ci_contains);
    tcase_add_test(ci, test_ci_paired_identical);
    tcase_add_test(ci, test_ci_unpaired_by_hand);
    tcase_add_test(ci, test_ci_paired_vs_unpaired);
    tcase_add_test(ci, test_ci_coverage);
    suite_add_tcase(s, ci);
    return s;
}
