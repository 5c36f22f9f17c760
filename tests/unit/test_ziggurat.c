/* Distribution tests of the ziggurat draws (sim/rng.h, sim/rng_zig.c,
 * tables from sim/zig_tables.py): the standard exponential, the standard
 * normal and the lognormal built on it, from both generator types the
 * model uses (taus2 streams and SplitMix64 substreams).  Each draws many
 * numbers from a fixed seed and compares them with the exact law: the
 * mean and variance within 5 standard errors, the Kolmogorov-Smirnov
 * distance to the exact CDF below its 0.1% critical value, a chi-square
 * over 100 equiprobable bins (sensitive to one wrong layer), and tail
 * frequencies (beyond 5, 10 and the tables' tail start r for the
 * exponential, with the mean excess over r; |Z| > 4 and |Z| > r for the
 * normal) within 4.5-sigma binomial intervals.  A control shows the KS
 * check can fail: the same draws against a 2% wrong mean.  Checked to
 * fail on broken draws: a wedge that accepts everything (moments), tails
 * drawn 30% short (P(X > 10), P(|Z| > 4)). */
#include <check.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "checks.h"
#include "rng.h"

#define N_MOMENTS 2000000 /* draws for moments, bins and tails */
#define N_KS      200000  /* draws for the KS distance (sorted) */
#define BINS      100

typedef double (*draw_fn)(gsl_rng *r);
typedef double (*cdf_fn)(double x);

static double draw_exp(gsl_rng *r) { return rng_exp1(r); }
static double draw_norm(gsl_rng *r) { return rng_normal(r); }
static double draw_lognormal(gsl_rng *r) { return rng_lognormal(r, 0.3, 0.8); }
static double cdf_exp(double x) { return gsl_cdf_exponential_P(x, 1.0); }
static double cdf_exp_wrong(double x) { return gsl_cdf_exponential_P(x, 1.02); }
static double cdf_norm(double x) { return gsl_cdf_ugaussian_P(x); }
static double cdf_lognormal(double x) { return gsl_cdf_lognormal_P(x, 0.3, 0.8); }

/* The two generators under test, by index: 0 a taus2 stream, 1 a
 * SplitMix64 substream (its state in *word). */
static gsl_rng *make_gen(int kind, uint64_t *word, gsl_rng *view) {
    if (kind == 0) return rng_stream_new(20261206, 3, 7);
    *word = rng_substream_start(rng_substream_key(20261206, 3, 7), 1);
    *view = rng_substream(word);
    return view;
}
static void free_gen(int kind, gsl_rng *r) {
    if (kind == 0) gsl_rng_free(r);
}

static int cmp_double(const void *pa, const void *pb) {
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* sup |F_n - F| of n draws against cdf. */
static double ks_distance(gsl_rng *r, draw_fn draw, cdf_fn cdf, size_t n) {
    double *x = malloc(n * sizeof *x);
    ck_assert_ptr_nonnull(x);
    for (size_t i = 0; i < n; i++) x[i] = draw(r);
    qsort(x, n, sizeof *x, cmp_double);
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        double f = cdf(x[i]);
        d = fmax(d, fmax(f - (double)i / n, (double)(i + 1) / n - f));
    }
    free(x);
    return d;
}

/* Asymptotic KS critical value at level 0.001 (1.95 / sqrt n). */
static double ks_critical(size_t n) { return 1.949 / sqrt((double)n); }

/* Is the count k of n trials consistent with probability p (4.5 sigma)? */
static void check_binomial(size_t k, size_t n, double p, const char *what) {
    double mean = n * p, sd = sqrt(n * p * (1 - p));
    if (fabs((double)k - mean) > 4.5 * sd)
        ck_abort_msg("%s: %zu of %zu, expected %.1f +- %.1f", what, k, n, mean, 4.5 * sd);
}

/* Chi-square of n draws over BINS bins of equal probability under cdf,
 * against the 1e-6 quantile of its law. */
static void check_bins(gsl_rng *r, draw_fn draw, cdf_fn cdf, size_t n) {
    size_t count[BINS] = {0};
    for (size_t i = 0; i < n; i++) {
        int b = (int)(cdf(draw(r)) * BINS);
        count[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
    }
    double chi2 = 0, e = (double)n / BINS;
    for (int b = 0; b < BINS; b++) chi2 += (count[b] - e) * (count[b] - e) / e;
    double crit = gsl_cdf_chisq_Qinv(1e-6, BINS - 1);
    if (chi2 > crit) ck_abort_msg("chi-square %.1f > %.1f over %d bins", chi2, crit, BINS);
}

/* Mean and variance within 5 standard errors (the variance's from the
 * fourth central moment m4). */
static void check_moments(gsl_rng *r, draw_fn draw, double mean, double var, double m4, size_t n) {
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double x = draw(r) - mean;
        s += x;
        s2 += x * x;
    }
    double m = s / n, v = s2 / n - m * m;
    double se_m = sqrt(var / n), se_v = sqrt((m4 - var * var) / n);
    if (fabs(m) > 5 * se_m) ck_abort_msg("mean off by %g (se %g)", m, se_m);
    if (fabs(v - var) > 5 * se_v) ck_abort_msg("variance %g vs %g (se %g)", v, var, se_v);
}

START_TEST(test_exponential) {
    uint64_t w;
    gsl_rng view, *r = make_gen(_i, &w, &view);
    check_moments(r, draw_exp, 1.0, 1.0, 9.0, N_MOMENTS);
    double d = ks_distance(r, draw_exp, cdf_exp, N_KS);
    if (d > ks_critical(N_KS)) ck_abort_msg("KS %g > %g", d, ks_critical(N_KS));
    check_bins(r, draw_exp, cdf_exp, N_MOMENTS);
    size_t over5 = 0, over_r = 0, over10 = 0, negative = 0;
    double excess = 0; /* sum of X - r over X > r: the tail path's draws */
    for (size_t i = 0; i < N_MOMENTS; i++) {
        double x = rng_exponential(r, 2.0) / 2.0;
        over5 += x > 5;
        over_r += x > ZIG_EXP_R;
        over10 += x > 10;
        negative += !(x >= 0);
        if (x > ZIG_EXP_R) excess += x - ZIG_EXP_R;
    }
    CHECK_EQ(negative, 0);
    check_binomial(over5, N_MOMENTS, exp(-5.0), "P(X > 5)");
    check_binomial(over_r, N_MOMENTS, exp(-ZIG_EXP_R), "P(X > r)");
    check_binomial(over10, N_MOMENTS, exp(-10.0), "P(X > 10)");
    /* memoryless: the excess over r is Exp(1), mean 1, sd 1 */
    double se = 1 / sqrt((double)over_r);
    if (fabs(excess / over_r - 1) > 5 * se)
        ck_abort_msg("mean excess over r %g (se %g)", excess / over_r, se);
    free_gen(_i, r);
}
END_TEST

START_TEST(test_normal) {
    uint64_t w;
    gsl_rng view, *r = make_gen(_i, &w, &view);
    check_moments(r, draw_norm, 0.0, 1.0, 3.0, N_MOMENTS);
    double d = ks_distance(r, draw_norm, cdf_norm, N_KS);
    if (d > ks_critical(N_KS)) ck_abort_msg("KS %g > %g", d, ks_critical(N_KS));
    check_bins(r, draw_norm, cdf_norm, N_MOMENTS);
    size_t over4 = 0, over_r = 0, below0 = 0;
    for (size_t i = 0; i < N_MOMENTS; i++) {
        double z = rng_normal(r);
        over4 += fabs(z) > 4;
        over_r += fabs(z) > ZIG_NORM_R;
        below0 += z < 0;
    }
    check_binomial(over4, N_MOMENTS, 2 * gsl_cdf_ugaussian_Q(4.0), "P(|Z| > 4)");
    check_binomial(over_r, N_MOMENTS, 2 * gsl_cdf_ugaussian_Q(ZIG_NORM_R), "P(|Z| > r)");
    check_binomial(below0, N_MOMENTS, 0.5, "P(Z < 0)");
    free_gen(_i, r);
}
END_TEST

START_TEST(test_lognormal) {
    uint64_t w;
    gsl_rng view, *r = make_gen(_i, &w, &view);
    double s2 = 0.8 * 0.8;
    double mean = exp(0.3 + s2 / 2), var = (exp(s2) - 1) * exp(0.6 + s2);
    /* fourth central moment: e^(4 mu + 2 s2) (e^(6 s2) - 4 e^(3 s2) + 6 e^s2 - 3) */
    double m4 = exp(4 * 0.3 + 2 * s2) * (exp(6 * s2) - 4 * exp(3 * s2) + 6 * exp(s2) - 3);
    check_moments(r, draw_lognormal, mean, var, m4, N_MOMENTS);
    double d = ks_distance(r, draw_lognormal, cdf_lognormal, N_KS);
    if (d > ks_critical(N_KS)) ck_abort_msg("KS %g > %g", d, ks_critical(N_KS));
    free_gen(_i, r);
}
END_TEST

/* The KS check has power: the same exponential draws against a mean 2%
 * off are rejected. */
START_TEST(test_ks_can_fail) {
    uint64_t w;
    gsl_rng view, *r = make_gen(_i, &w, &view);
    CHECK(ks_distance(r, draw_exp, cdf_exp_wrong, N_KS) > ks_critical(N_KS));
    free_gen(_i, r);
}
END_TEST

/* The tables are a ziggurat: every layer above the base has the same
 * area x[i] (f[i-1] - f[i]), and the base strip's area (x[255] f[255]
 * plus the tail) is that area too (to 1e-8 for the normal: Marsaglia and
 * Tsang give its r and v to 12 digits). */
START_TEST(test_tables_equal_areas) {
    double v = ZIG_EXP_R * exp(-ZIG_EXP_R) + exp(-ZIG_EXP_R);
    for (int i = 1; i < ZIG_EXP_LAYERS; i++) {
        double x = zig_exp_w[i] * 0x1.0p53;
        CHECK_REL(x * (zig_exp_f[i - 1] - zig_exp_f[i]), v, 1e-9);
    }
    double tail = sqrt(M_PI / 2) * erfc(ZIG_NORM_R / sqrt(2));
    double vn = ZIG_NORM_R * exp(-0.5 * ZIG_NORM_R * ZIG_NORM_R) + tail;
    for (int i = 1; i < ZIG_NORM_LAYERS; i++) {
        double x = zig_norm_w[i] * 0x1.0p53;
        CHECK_REL(x * (zig_norm_f[i - 1] - zig_norm_f[i]), vn, 1e-8);
    }
}
END_TEST

/* Same seed, same numbers. */
START_TEST(test_reproducible) {
    gsl_rng *a = rng_stream_new(5, 1, 2), *b = rng_stream_new(5, 1, 2);
    for (int i = 0; i < 100000; i++) {
        CHECK_EQ_D(rng_exp1(a), rng_exp1(b));
        CHECK_EQ_D(rng_normal(a), rng_normal(b));
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}
END_TEST

extern Suite *suite_ziggurat(void);
Suite *suite_ziggurat(void) {
    Suite *s = suite_create("ziggurat");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_exponential, 0, 2);
    tcase_add_loop_test(tc, test_normal, 0, 2);
    tcase_add_loop_test(tc, test_lognormal, 0, 2);
    tcase_add_loop_test(tc, test_ks_can_fail, 0, 2);
    tcase_add_test(tc, test_tables_equal_areas);
    tcase_add_test(tc, test_reproducible);
    suite_add_tcase(s, tc);
    return s;
}
