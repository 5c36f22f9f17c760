/* Unit tests for the sensitivity estimators (study/sens.h): the Sobol
 * estimators by hand on a two-row design, exact zeros for factors a model
 * ignores, invariance to the output's unit and origin, the Ishigami
 * function against its closed-form indices (quasi-random and Monte Carlo
 * bases), the bootstrap's determinism and intervals, standardized
 * regression coefficients on linear models, and every input the
 * estimators must refuse. */
#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "rng.h"
#include "sens.h"
#include "checks.h"

#define TEST_SEED 20240611u
#define ERRLEN    256

static gsl_rng *test_rng(uint32_t stream) {
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, stream);
    ck_assert_ptr_nonnull(g);
    return g;
}

typedef double (*model_fn)(const double *u, size_t k);

/* A Saltelli design of n base rows over k factors (on GSL's Sobol points if
 * base is NULL, else on the n x 2k base), evaluated by f: the outputs in
 * the design's order, malloc'd. */
static double *saltelli_outputs(size_t n, size_t k, const double *base, model_fn f) {
    char err[ERRLEN];
    size_t rows;
    ck_assert_int_eq(design_saltelli_count(n, k, &rows, err, sizeof err), 0);
    double *x = design_alloc(rows, k, err, sizeof err);
    double *y = malloc(rows * sizeof *y);
    ck_assert(x && y);
    int rc = base ? design_saltelli_from_base(n, k, base, x, err, sizeof err)
                  : design_saltelli(n, k, 0, x, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    for (size_t p = 0; p < rows; p++) y[p] = f(x + p * k, k);
    free(x);
    return y;
}

/* ---- Sobol estimators by hand ----------------------------------------- */

/* k = 1, n = 2, outputs (A, AB, B) per row: (1, 3, 2) and (4, 0, 6).
 * Mean of all six: 16/6 = 8/3; centred, A = (-5/3, 4/3), AB = (1/3, -8/3),
 * B = (-2/3, 10/3).  V over A and B: the values 1, 4, 2, 6 have mean 13/4
 * and mean square 57/4, so V = 57/4 - 169/16 = 59/16.
 * V_1 = mean(B (AB - A)) = ((-2/3)(2) + (10/3)(-4)) / 2 = -22/3, so
 * S1 = -22/3 / (59/16) = -352/177 (uncentred it would be -10 / V: the
 * centring matters on a sample this small).
 * E_1 = mean((A - AB)^2) / 2 = (4 + 16) / 4 = 5, so ST = 80/59. */
START_TEST(test_sobol_by_hand) {
    char err[ERRLEN];
    const double y[] = {1, 3, 2, 4, 0, 6};
    double s1, st;
    CHECK(sens_sobol(y, 2, 1, &s1, &st, err, sizeof err) == 0);
    CHECK_APPROX(s1, -352.0 / 177.0);
    CHECK_APPROX(st, 80.0 / 59.0);
    /* Either output may be left out. */
    double only;
    CHECK(sens_sobol(y, 2, 1, NULL, &only, err, sizeof err) == 0);
    CHECK_EQ_D(only, st);
    CHECK(sens_sobol(y, 2, 1, &only, NULL, err, sizeof err) == 0);
    CHECK_EQ_D(only, s1);
}
END_TEST

/* A model of factor 2 alone: for every other factor AB_i[r] = A[r]
 * exactly, so its S1 and ST are exactly 0 whatever the sample; this pins
 * down which row is which. */
static double only_factor2(const double *u, size_t k) {
    (void)k;
    return exp(u[2]) + u[2] * u[2];
}

START_TEST(test_sobol_ignored_factors) {
    char err[ERRLEN];
    enum { N = 256, K = 5 };
    double *y = saltelli_outputs(N, K, NULL, only_factor2);
    double s1[K], st[K];
    CHECK(sens_sobol(y, N, K, s1, st, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        if (i == 2) continue;
        CHECK_EQ_D(s1[i], 0.0);
        CHECK_EQ_D(st[i], 0.0);
    }
    /* A model of one factor: that factor explains everything. */
    CHECK_NEAR(s1[2], 1.0, 0.01);
    CHECK_NEAR(st[2], 1.0, 0.01);
    free(y);
}
END_TEST

/* The indices do not depend on the output's unit or origin (hours or
 * minutes, a constant cost added): centring makes S1 shift-invariant. */
static double product_model(const double *u, size_t k) {
    (void)k;
    return u[0] * (1.0 + 2.0 * u[1]) + 0.3 * u[2];
}

START_TEST(test_sobol_invariance) {
    char err[ERRLEN];
    enum { N = 512, K = 3, ROWS = N * (K + 2) };
    double *y = saltelli_outputs(N, K, NULL, product_model);
    double *z = malloc(ROWS * sizeof *z);
    ck_assert_ptr_nonnull(z);
    for (size_t p = 0; p < ROWS; p++) z[p] = 60.0 * y[p] + 1000.0;
    double s1[K], st[K], t1[K], tt[K];
    CHECK(sens_sobol(y, N, K, s1, st, err, sizeof err) == 0);
    CHECK(sens_sobol(z, N, K, t1, tt, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        CHECK_NEAR(t1[i], s1[i], 1e-10);
        CHECK_NEAR(tt[i], st[i], 1e-10);
    }
    free(y);
    free(z);
}
END_TEST

/* ---- Ishigami --------------------------------------------------------- */

/* f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i uniform on [-pi, pi). */
#define ISHIGAMI_A 7.0
#define ISHIGAMI_B 0.1

static double ishigami(const double *u, size_t k) {
    (void)k;
    double x1 = -M_PI + 2.0 * M_PI * u[0];
    double x2 = -M_PI + 2.0 * M_PI * u[1];
    double x3 = -M_PI + 2.0 * M_PI * u[2];
    double s1 = sin(x1), s2 = sin(x2), x3sq = x3 * x3;
    return s1 + ISHIGAMI_A * s2 * s2 + ISHIGAMI_B * x3sq * x3sq * s1;
}

/* The closed forms (Ishigami & Homma 1990; each follows from integrating
 * f term by term over the cube):
 *   V_1 = (1 + b pi^4 / 5)^2 / 2,  V_2 = a^2 / 8,  V_3 = 0,
 *   V_13 = 8 b^2 pi^8 / 225 (the only interaction),
 *   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
 * so S1 = (V_1, V_2, 0) / V and ST = (V_1 + V_13, V_2, V_13) / V. */
static void ishigami_truth(double s1[3], double st[3]) {
    const double a = ISHIGAMI_A, b = ISHIGAMI_B;
    double pi4 = pow(M_PI, 4), pi8 = pi4 * pi4;
    double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
    double v2 = a * a / 8.0, v13 = 8.0 * b * b * pi8 / 225.0;
    double v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0 + 0.5;
    CHECK_APPROX(v, v1 + v2 + v13); /* the two forms agree */
    s1[0] = v1 / v, s1[1] = v2 / v, s1[2] = 0.0;
    st[0] = (v1 + v13) / v, st[1] = v2 / v, st[2] = v13 / v;
}

START_TEST(test_ishigami_truth) {
    double s1[3], st[3];
    ishigami_truth(s1, st);
    /* The published rounded values. */
    static const double p1[3] = {0.3139, 0.4424, 0.0}, pt[3] = {0.5576, 0.4424, 0.2437};
    for (size_t i = 0; i < 3; i++) {
        CHECK_NEAR(s1[i], p1[i], 1e-4);
        CHECK_NEAR(st[i], pt[i], 1e-4);
    }
}
END_TEST

/* On 2^13 Sobol base points (40,960 runs).  The design is deterministic,
 * so is the result: the errors are at most 4e-4 here (and at most 3e-4 at
 * 2^14 base points, so the estimates have converged to that level); the
 * tolerance 2e-3 is five times that.  For comparison, the bootstrap
 * standard errors, which treat the points as independent (the Monte Carlo
 * error of the same n), are 0.005 to 0.011: quasi-random points do an order
 * of magnitude better on this smooth function, as expected of their near
 * O(1/n) convergence against O(1/sqrt n).  The truth must also lie in the
 * 99% bootstrap interval, the check that needs no such argument. */
START_TEST(test_ishigami_sobol_base) {
    char err[ERRLEN];
    enum { N = 1 << 13, K = 3 };
    double *y = saltelli_outputs(N, K, NULL, ishigami);
    double t1[K], tt[K];
    ishigami_truth(t1, tt);
    double s1[K], st[K];
    CHECK(sens_sobol(y, N, K, s1, st, err, sizeof err) == 0);
    gsl_rng *g = test_rng(1);
    sens_interval_t c1[K], ct[K];
    CHECK(sens_sobol_boot(y, N, K, 300, 0.99, g, c1, ct, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        CHECK_NEAR(s1[i], t1[i], 2e-3);
        CHECK_NEAR(st[i], tt[i], 2e-3);
        CHECK_EQ_D(c1[i].est, s1[i]);
        CHECK_EQ_D(ct[i].est, st[i]);
        CHECK(c1[i].lo <= t1[i] && t1[i] <= c1[i].hi);
        CHECK(ct[i].lo <= tt[i] && tt[i] <= ct[i].hi);
        CHECK(c1[i].se > 0.002 && c1[i].se < 0.02);
        CHECK(ct[i].se > 0.002 && ct[i].se < 0.02);
    }
    free(y);
    gsl_rng_free(g);
}
END_TEST

/* On 2^13 pseudo-random base points the estimators are plain Monte Carlo,
 * the bootstrap standard error estimates their standard error (to about
 * 1/sqrt(2 B) = 4% relative with B = 300 resamples), and the house
 * criterion applies: within 5 standard errors of the truth. */
START_TEST(test_ishigami_random_base) {
    char err[ERRLEN];
    enum { N = 1 << 13, K = 3 };
    gsl_rng *g = test_rng(2);
    double *base = design_alloc(N, 2 * K, err, sizeof err);
    ck_assert_ptr_nonnull(base);
    for (size_t i = 0; i < (size_t)N * 2 * K; i++) base[i] = gsl_rng_uniform(g);
    double *y = saltelli_outputs(N, K, base, ishigami);
    double t1[K], tt[K];
    ishigami_truth(t1, tt);
    sens_interval_t c1[K], ct[K];
    CHECK(sens_sobol_boot(y, N, K, 300, 0.95, g, c1, ct, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        CHECK_5SE(c1[i].est, t1[i], c1[i].se);
        CHECK_5SE(ct[i].est, tt[i], ct[i].se);
        CHECK(c1[i].lo < c1[i].hi && ct[i].lo < ct[i].hi);
    }
    free(base);
    free(y);
    gsl_rng_free(g);
}
END_TEST

/* ---- Bootstrap -------------------------------------------------------- */

/* Same generator state, same intervals; another state, other intervals
 * around the same estimates; NULL outputs allowed. */
START_TEST(test_boot_deterministic) {
    char err[ERRLEN];
    enum { N = 128, K = 3 };
    double *y = saltelli_outputs(N, K, NULL, product_model);
    gsl_rng *g = test_rng(3), *h = test_rng(3), *other = test_rng(4);
    sens_interval_t a1[K], at[K], b1[K], bt[K], o1[K], only[K];
    CHECK(sens_sobol_boot(y, N, K, 50, 0.9, g, a1, at, err, sizeof err) == 0);
    CHECK(sens_sobol_boot(y, N, K, 50, 0.9, h, b1, bt, err, sizeof err) == 0);
    CHECK(memcmp(a1, b1, sizeof a1) == 0);
    CHECK(memcmp(at, bt, sizeof at) == 0);
    CHECK(sens_sobol_boot(y, N, K, 50, 0.9, other, o1, NULL, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        CHECK_EQ_D(o1[i].est, a1[i].est);
        CHECK(o1[i].lo != a1[i].lo || o1[i].hi != a1[i].hi);
    }
    /* Only ST, from a fresh copy of the first stream: the resamples are the
     * same, so are the ST intervals. */
    gsl_rng_free(g);
    g = test_rng(3);
    CHECK(sens_sobol_boot(y, N, K, 50, 0.9, g, NULL, only, err, sizeof err) == 0);
    CHECK(memcmp(only, at, sizeof at) == 0);
    free(y);
    gsl_rng_free(g);
    gsl_rng_free(h);
    gsl_rng_free(other);
}
END_TEST

/* The interval is the percentile interval of the resampled estimates: a
 * wider level gives a wider interval containing the narrower one, and se
 * is on the scale of the 95% half-width (about 2 se for a normal shape). */
START_TEST(test_boot_percentiles) {
    char err[ERRLEN];
    enum { N = 512, K = 3, B = 400 };
    double *y = saltelli_outputs(N, K, NULL, product_model);
    sens_interval_t w1[K], n1[K];
    gsl_rng *g = test_rng(5), *h = test_rng(5);
    CHECK(sens_sobol_boot(y, N, K, B, 0.99, g, w1, NULL, err, sizeof err) == 0);
    CHECK(sens_sobol_boot(y, N, K, B, 0.5, h, n1, NULL, err, sizeof err) == 0);
    for (size_t i = 0; i < K; i++) {
        CHECK_EQ_D(w1[i].se, n1[i].se); /* same resamples */
        CHECK(w1[i].lo < n1[i].lo && n1[i].hi < w1[i].hi);
        double half = (w1[i].hi - w1[i].lo) / 2.0; /* 99%: ~2.58 se */
        CHECK(half > 1.5 * w1[i].se && half < 4.0 * w1[i].se);
    }
    free(y);
    gsl_rng_free(g);
    gsl_rng_free(h);
}
END_TEST

/* A resample can miss every row that varies: y varies in base row 0 only
 * (A = 0, AB = 1, B = 2 there, 5 elsewhere), and a resample of rows 1
 * and 2 alone (probability (2/3)^3 = 8/27) has no index.  Those are left
 * out; the others still give an interval. */
START_TEST(test_boot_degenerate_resamples) {
    char err[ERRLEN];
    const double y[] = {0, 1, 2, 5, 5, 5, 5, 5, 5};
    gsl_rng *g = test_rng(6);
    sens_interval_t c1, ct;
    CHECK(sens_sobol_boot(y, 3, 1, 200, 0.9, g, &c1, &ct, err, sizeof err) == 0);
    CHECK(isfinite(c1.lo) && isfinite(c1.hi) && isfinite(c1.se));
    CHECK(isfinite(ct.lo) && isfinite(ct.hi) && isfinite(ct.se));
    CHECK(c1.lo <= c1.hi && ct.lo <= ct.hi);
    gsl_rng_free(g);
}
END_TEST

/* ---- Errors of the Sobol estimators ----------------------------------- */

START_TEST(test_sobol_errors) {
    char err[ERRLEN];
    double y[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double s1 = -7, st = -7;
    CHECK_REFUSED(sens_sobol(y, 0, 1, &s1, &st, err, sizeof err), err, "no points");
    CHECK_REFUSED(sens_sobol(y, 3, 0, &s1, &st, err, sizeof err), err, "no factors");
    y[4] = NAN;
    CHECK_REFUSED(sens_sobol(y, 3, 1, &s1, &st, err, sizeof err), err, "output 4 is nan");
    y[4] = INFINITY;
    CHECK_REFUSED(sens_sobol(y, 3, 1, &s1, &st, err, sizeof err), err, "output 4 is inf");
    /* Zero variance: all equal; A and B constant with only AB varying (V
     * is over A and B); or A and B holding two roundings of one value, a
     * spread of an ulp that is rounding, not variation. */
    double flat[9] = {5, 5, 5, 5, 5, 5, 5, 5, 5};
    CHECK_REFUSED(sens_sobol(flat, 3, 1, &s1, &st, err, sizeof err), err, "do not vary");
    double ab_only[9] = {5, 1, 5, 5, 2, 5, 5, 3, 5};
    CHECK_REFUSED(sens_sobol(ab_only, 3, 1, &s1, &st, err, sizeof err), err, "do not vary");
    double third = 1.0 / 3.0; /* 1 - 2 third is 1/3 rounded otherwise */
    double nearly[9] = {third, 1, third, 1 - 2 * third, 1, 1 - 2 * third, third, 1, third};
    CHECK(nearly[3] != nearly[0]); /* differ by an ulp, not by a value */
    CHECK_REFUSED(sens_sobol(nearly, 3, 1, &s1, &st, err, sizeof err), err, "do not vary");
    CHECK_EQ_D(s1, -7.0);
    CHECK_EQ_D(st, -7.0);
    /* The bootstrap refuses the same, and its own parameters. */
    gsl_rng *g = test_rng(7);
    sens_interval_t c1, ct;
    double ok[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    CHECK_REFUSED(sens_sobol_boot(flat, 3, 1, 10, 0.9, g, &c1, &ct, err, sizeof err), err,
                  "do not vary");
    CHECK_REFUSED(sens_sobol_boot(ok, 0, 1, 10, 0.9, g, &c1, &ct, err, sizeof err), err,
                  "no points");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, 1, 0.9, g, &c1, &ct, err, sizeof err), err,
                  "resamples");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, 10, 0.0, g, &c1, &ct, err, sizeof err), err,
                  "confidence level");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, 10, 1.0, g, &c1, &ct, err, sizeof err), err,
                  "confidence level");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, 10, NAN, g, &c1, &ct, err, sizeof err), err,
                  "confidence level");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, 10, 0.9, NULL, &c1, &ct, err, sizeof err), err,
                  "generator");
    CHECK_REFUSED(sens_sobol_boot(ok, 3, 1, SIZE_MAX / 2, 0.9, g, &c1, &ct, err, sizeof err), err,
                  "too many resamples");
    gsl_rng_free(g);
}
END_TEST

/* ---- Standardized regression coefficients ----------------------------- */

/* An exactly linear model: R^2 = 1 and SRC_i = b_i sd(x_i) / sd(y) with
 * the sample standard deviations, up to rounding; factors on any scale. */
START_TEST(test_src_exact_linear) {
    char err[ERRLEN];
    enum { M = 200, K = 3 };
    static const double b[K] = {2.0, -1.0, 0.5};
    static const double scale[K] = {1.0, 1000.0, 0.01}; /* units */
    double *x = design_alloc(M, K, err, sizeof err);
    double y[M];
    ck_assert_ptr_nonnull(x);
    gsl_rng *g = test_rng(8);
    CHECK(design_lhs(M, K, g, x, err, sizeof err) == 0);
    for (size_t p = 0; p < M; p++) {
        y[p] = 5.0;
        for (size_t j = 0; j < K; j++) {
            x[p * K + j] *= scale[j];
            y[p] += b[j] * x[p * K + j];
        }
    }
    double src[K], r2;
    CHECK(sens_src(x, M, K, y, src, &r2, err, sizeof err) == 0);
    CHECK_NEAR(r2, 1.0, 1e-12);
    double sy = gsl_stats_sd(y, 1, M);
    for (size_t j = 0; j < K; j++) {
        double sx = gsl_stats_sd(x + j, K, M);
        CHECK_NEAR(src[j], b[j] * sx / sy, 1e-10);
    }
    /* r2 may be left out. */
    double again[K];
    CHECK(sens_src(x, M, K, y, again, NULL, err, sizeof err) == 0);
    CHECK(memcmp(again, src, sizeof src) == 0);
    free(x);
    gsl_rng_free(g);
}
END_TEST

/* y = 2 x1 + x2 + 0 x3 + noise (sd 0.01) on a Latin hypercube of m points
 * in [0,1)^3: every factor has variance 1/12, so SRC = (2, 1, 0) / sd(y)
 * sqrt(12) -> (2, 1, 0) / sqrt(5 + 12 sigma^2), about (2, 1, 0)/sqrt(5).
 * Their standard errors: the sample correlation r of two independent
 * columns has sd 1/sqrt(m) and enters sd(y)^2 as 4 r s1 s2, moving
 * SRC_1,2 by 0.4 SRC r; the noise moves each slope by sigma sqrt(12/m),
 * hence each SRC by that times sd(x)/sd(y). */
START_TEST(test_src_linear_noise) {
    char err[ERRLEN];
    enum { M = 10000, K = 3 };
    const double sigma = 0.01;
    double *x = design_alloc(M, K, err, sizeof err);
    double *y = malloc(M * sizeof *y);
    ck_assert(x && y);
    gsl_rng *g = test_rng(9);
    CHECK(design_lhs(M, K, g, x, err, sizeof err) == 0);
    for (size_t p = 0; p < M; p++)
        y[p] = 2.0 * x[p * K] + x[p * K + 1] + 0.0 * x[p * K + 2] + gsl_ran_gaussian(g, sigma);
    double src[K], r2;
    CHECK(sens_src(x, M, K, y, src, &r2, err, sizeof err) == 0);
    double vy = 5.0 / 12.0 + sigma * sigma; /* var(y) */
    double denom = sqrt(5.0 + 12.0 * sigma * sigma);
    const double truth[K] = {2.0 / denom, 1.0 / denom, 0.0};
    double noise_se = sigma * sqrt(12.0 / M) * sqrt(1.0 / 12.0 / vy);
    for (size_t j = 0; j < K; j++) {
        double se = 0.4 * truth[j] / sqrt((double)M) + noise_se;
        CHECK_5SE(src[j], truth[j], se);
    }
    CHECK_NEAR(src[0], 2.0 / sqrt(5.0), 0.02);
    CHECK_NEAR(src[1], 1.0 / sqrt(5.0), 0.02);
    CHECK_NEAR(src[2], 0.0, 1e-3);
    /* 1 - R^2 = sigma^2 / var(y): the residual variance has relative se
     * sqrt(2/m), var(y) (through r as above) 0.8/sqrt(m). */
    CHECK_5SE(r2, 1.0 - sigma * sigma / vy, sigma * sigma / vy * sqrt((2.0 + 0.64) / M));
    free(x);
    free(y);
    gsl_rng_free(g);
}
END_TEST

/* On a linear model Sobol and regression agree: S1_i = ST_i = SRC_i^2. */
static double linear_model(const double *u, size_t k) {
    (void)k;
    return 2.0 * u[0] + u[1];
}

START_TEST(test_src_agrees_with_sobol) {
    char err[ERRLEN];
    enum { N = 4096, K = 3, ROWS = N * (K + 2) };
    double *y = saltelli_outputs(N, K, NULL, linear_model);
    double *x = design_alloc(ROWS, K, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    CHECK(design_saltelli(N, K, 0, x, err, sizeof err) == 0);
    double s1[K], st[K], src[K], r2;
    CHECK(sens_sobol(y, N, K, s1, st, err, sizeof err) == 0);
    CHECK(sens_src(x, ROWS, K, y, src, &r2, err, sizeof err) == 0);
    CHECK_NEAR(r2, 1.0, 1e-12);
    static const double want[K] = {0.8, 0.2, 0.0}; /* 4/5, 1/5, 0 */
    for (size_t i = 0; i < K; i++) {
        CHECK_NEAR(s1[i], want[i], 2e-3);
        CHECK_NEAR(st[i], want[i], 2e-3);
        CHECK_NEAR(src[i] * src[i], want[i], 2e-3);
    }
    free(x);
    free(y);
}
END_TEST

START_TEST(test_src_errors) {
    char err[ERRLEN];
    enum { M = 20, K = 3 };
    double x[M * K], y[M], src[K] = {-7, -7, -7}, r2 = -7;
    gsl_rng *g = test_rng(10);
    CHECK(design_lhs(M, K, g, x, err, sizeof err) == 0);
    for (size_t p = 0; p < M; p++) y[p] = x[p * K] + gsl_rng_uniform(g);
    CHECK_REFUSED(sens_src(x, M, 0, y, src, &r2, err, sizeof err), err, "no factors");
    CHECK_REFUSED(sens_src(x, 0, K, y, src, &r2, err, sizeof err), err, "at least k + 2");
    CHECK_REFUSED(sens_src(x, K + 1, K, y, src, &r2, err, sizeof err), err, "at least k + 2");
    /* y constant */
    double flat[M];
    for (size_t p = 0; p < M; p++) flat[p] = 3.0;
    CHECK_REFUSED(sens_src(x, M, K, flat, src, &r2, err, sizeof err), err, "output does not vary");
    /* a factor held fixed */
    double x2[M * K];
    memcpy(x2, x, sizeof x);
    for (size_t p = 0; p < M; p++) x2[p * K + 1] = 0.25;
    CHECK_REFUSED(sens_src(x2, M, K, y, src, &r2, err, sizeof err), err, "factor 1 does not vary");
    /* collinear factors: x3 = x1 + x2 */
    memcpy(x2, x, sizeof x);
    for (size_t p = 0; p < M; p++) x2[p * K + 2] = x2[p * K] + x2[p * K + 1];
    CHECK_REFUSED(sens_src(x2, M, K, y, src, &r2, err, sizeof err), err, "collinear");
    /* non-finite values */
    memcpy(x2, x, sizeof x);
    x2[5 * K + 2] = NAN;
    CHECK_REFUSED(sens_src(x2, M, K, y, src, &r2, err, sizeof err), err, "point 5, factor 2");
    double ybad[M];
    memcpy(ybad, y, sizeof y);
    ybad[7] = -INFINITY;
    CHECK_REFUSED(sens_src(x, M, K, ybad, src, &r2, err, sizeof err), err, "output 7");
    for (size_t j = 0; j < K; j++) CHECK_EQ_D(src[j], -7.0);
    CHECK_EQ_D(r2, -7.0);
    /* The smallest regression that is allowed: k + 2 points. */
    CHECK(sens_src(x, K + 2, K, y, src, &r2, err, sizeof err) == 0);
    CHECK(r2 >= 0.0 && r2 <= 1.0);
    gsl_rng_free(g);
}
END_TEST

extern Suite *suite_sens(void);
Suite *suite_sens(void) {
    Suite *s = suite_create("sens");
    TCase *sobol = tcase_create("sobol");
    tcase_set_timeout(sobol, 60);
    tcase_add_test(sobol, test_sobol_by_hand);
    tcase_add_test(sobol, test_sobol_ignored_factors);
    tcase_add_test(sobol, test_sobol_invariance);
    tcase_add_test(sobol, test_ishigami_truth);
    tcase_add_test(sobol, test_ishigami_sobol_base);
    tcase_add_test(sobol, test_ishigami_random_base);
    tcase_add_test(sobol, test_sobol_errors);
    suite_add_tcase(s, sobol);
    TCase *boot = tcase_create("bootstrap");
    tcase_set_timeout(boot, 60);
    tcase_add_test(boot, test_boot_deterministic);
    tcase_add_test(boot, test_boot_percentiles);
    tcase_add_test(boot, test_boot_degenerate_resamples);
    suite_add_tcase(s, boot);
    TCase *src = tcase_create("src");
    tcase_set_timeout(src, 60);
    tcase_add_test(src, test_src_exact_linear);
    tcase_add_test(src, test_src_linear_noise);
    tcase_add_test(src, test_src_agrees_with_sobol);
    tcase_add_test(src, test_src_errors);
    suite_add_tcase(s, src);
    return s;
}
