/* Unit tests for distributions (sim/dist.h): parsing and canonical text,
 * every error message, moments and shape of the samples against theory
 * computed here independently, scaling, copying and empirical files.
 *
 * Statistical checks use fixed seeds and tolerances from standard errors:
 *   mean:      |xbar - mu| < 5 sqrt(var / n)
 *   variance:  |s^2 - var| < 5 sqrt((mu4 - var^2) / n), the asymptotic SE
 *              of the sample variance, with the fourth central moment mu4
 *              computed from theory (never from the sample);
 *   CDF:       sup |F_n - F| < eps with eps from the Dvoretzky-Kiefer-
 *              Wolfowitz inequality P(D > eps) <= 2 exp(-2 n eps^2) at a
 *              false-alarm rate of 1e-6, valid for every n;
 *   CDF point: |F_n(x) - F(x)| < 5 sqrt(F (1 - F) / n).
 * Each statistical test also shows that a plausible wrong answer (a wrong
 * mean, the untruncated normal, the lognormal with cv used as sigma) lies
 * outside the same tolerance, so the checks can fail. */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "dist.h"
#include "rng.h"
#include "checks.h"

#define TEST_SEED 20240612u
#define N_DRAWS   200000
#define DKW_ALPHA 1e-6

#ifndef GOVSIM_TEST_DATA
#define GOVSIM_TEST_DATA "tests/data" /* tests run from the repository root */
#endif

/* ------------------------------------------------------------- helpers */

static void parse_ok(dist_t *d, const char *text, const char *base_dir) {
    char err[256] = "";
    int rc = dist_parse(d, text, base_dir, err, sizeof err);
    ck_assert_msg(rc == 0, "dist_parse(\"%s\") failed: %s", text, err);
}

/* *d must be the empty const(0) the contract promises after an error. */
static void check_empty(const dist_t *d) {
    CHECK(d->kind == DIST_CONST);
    CHECK(d->values == NULL);
    CHECK(d->n_values == 0);
    CHECK(d->p[0] == 0 && d->p[1] == 0 && d->p[2] == 0);
}

/* Parsing `text` fails with a one-line message containing `want`, and
 * leaves *d empty even when it held garbage before. */
static void expect_error(const char *text, const char *base_dir, const char *want) {
    dist_t d;
    memset(&d, 0xA5, sizeof d);
    char err[512] = "";
    int rc = dist_parse(&d, text, base_dir, err, sizeof err);
    ck_assert_msg(rc == -1, "dist_parse(\"%s\") accepted", text);
    ck_assert_msg(strstr(err, want) != NULL, "dist_parse(\"%s\"): message \"%s\" lacks \"%s\"",
                  text, err, want);
    ck_assert_msg(strchr(err, '\n') == NULL && strchr(err, '\r') == NULL,
                  "message not one line: \"%s\"", err);
    check_empty(&d);
    dist_free(&d);
}

static void expect_format(const dist_t *d, const char *want) {
    char buf[128];
    dist_format(d, buf, sizeof buf);
    ck_assert_msg(strcmp(buf, want) == 0, "format \"%s\", want \"%s\"", buf, want);
}

static bool close_rel(double a, double b, double rel) {
    return fabs(a - b) <= rel * fmax(fabs(a), fabs(b)) || (a == 0 && b == 0);
}

/* n draws from stream `stream` of the test seed. */
static double *draw(const dist_t *d, uint32_t stream, size_t n) {
    gsl_rng *r = rng_stream_new(TEST_SEED, 0, stream);
    double *x = malloc(n * sizeof *x);
    ck_assert(r != NULL && x != NULL);
    for (size_t i = 0; i < n; i++) x[i] = dist_sample(d, r);
    gsl_rng_free(r);
    return x;
}

typedef struct {
    double mean, var; /* sample mean and unbiased sample variance */
} sample_stats_t;

static sample_stats_t sample_stats(const double *x, size_t n) {
    double sum = 0.0, ss = 0.0;
    for (size_t i = 0; i < n; i++) sum += x[i];
    double mean = sum / (double)n;
    for (size_t i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    return (sample_stats_t){mean, ss / (double)(n - 1)};
}

/* ------------------------------------------- theory, computed here */

/* Mean, variance, third and fourth central moments. */
typedef struct {
    double mean, var, mu3, mu4;
} moments_t;

static moments_t from_raw(double m1, double m2, double m3, double m4) {
    moments_t t;
    t.mean = m1;
    t.var = m2 - m1 * m1;
    t.mu3 = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
    t.mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
    return t;
}

/* Gamma(shape a, scale b): E X^k = b^k a (a+1) ... (a+k-1). */
static moments_t gamma_moments(double a, double b) {
    double m1 = a * b, m2 = m1 * (a + 1) * b, m3 = m2 * (a + 2) * b;
    return from_raw(m1, m2, m3, m3 * (a + 3) * b);
}

/* Lognormal: E X^k = exp(k zeta + k^2 sigma^2 / 2). */
static moments_t lognormal_moments(double zeta, double sigma) {
    double m[5];
    for (int k = 1; k <= 4; k++) m[k] = exp(k * zeta + k * k * sigma * sigma / 2);
    return from_raw(m[1], m[2], m[3], m[4]);
}

/* Triangular raw moments by 3-point Gauss-Legendre on each linear piece of
 * the density: exact for x^4 times a linear density (degree 5), and
 * independent of the closed forms in dist.c. */
static moments_t triangular_moments(double a, double m, double b) {
    static const double node[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};
    static const double weight[3] = {5.0 / 9, 8.0 / 9, 5.0 / 9};
    double raw[5] = {0, 0, 0, 0, 0};
    double lo[2] = {a, m}, hi[2] = {m, b};
    for (int piece = 0; piece < 2; piece++) {
        double half = (hi[piece] - lo[piece]) / 2;
        if (half == 0) continue;
        double mid = (hi[piece] + lo[piece]) / 2;
        for (int j = 0; j < 3; j++) {
            double x = mid + half * node[j];
            double pdf =
                piece == 0 ? 2 * (x - a) / ((b - a) * (m - a)) : 2 * (b - x) / ((b - a) * (b - m));
            for (int k = 1; k <= 4; k++) raw[k] += half * weight[j] * pow(x, k) * pdf;
        }
    }
    return from_raw(raw[1], raw[2], raw[3], raw[4]);
}

static moments_t uniform_moments(double a, double b) {
    double m[5];
    for (int k = 1; k <= 4; k++) m[k] = (pow(b, k + 1) - pow(a, k + 1)) / ((k + 1) * (b - a));
    return from_raw(m[1], m[2], m[3], m[4]);
}

/* Weibull: E X^r = scale^r G(1 + r/shape). */
static moments_t weibull_moments_theory(double shape, double scale) {
    double m[5];
    for (int r = 1; r <= 4; r++) m[r] = pow(scale, r) * gsl_sf_gamma(1 + r / shape);
    return from_raw(m[1], m[2], m[3], m[4]);
}

/* N(mu, sd) conditioned on >= 0.  Z = N(0,1) conditioned on Z >= alpha has
 * E Z^k = (k-1) E Z^(k-2) + alpha^(k-1) pdf(alpha) / Q(alpha) (integrate
 * by parts); X = mu + sd Z.  A different route from dist.c's closed form. */
static moments_t truncated_normal_theory(double mu, double sd) {
    double alpha = -mu / sd;
    double lambda = gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha);
    double z[5] = {1.0, lambda, 0, 0, 0};
    for (int k = 2; k <= 4; k++) z[k] = (k - 1) * z[k - 2] + pow(alpha, k - 1) * lambda;
    moments_t t = from_raw(z[1], z[2], z[3], z[4]);
    t.mean = mu + sd * t.mean;
    t.var *= sd * sd;
    t.mu3 *= sd * sd * sd;
    t.mu4 *= sd * sd * sd * sd;
    return t;
}

/* Resampling n values uniformly: the population moments of the values. */
static moments_t values_moments(const double *v, size_t n) {
    double m[5] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        for (int k = 1; k <= 4; k++) m[k] += pow(v[i], k) / (double)n;
    return from_raw(m[1], m[2], m[3], m[4]);
}

static double lognormal_sigma(double cv) { return sqrt(log(1 + cv * cv)); }
static double lognormal_zeta(double mean, double cv) { return log(mean) - log(1 + cv * cv) / 2; }

/* Theory for a parametric kind with the parameters as written. */
static moments_t theory(dist_kind_t kind, const double *p) {
    switch (kind) {
    case DIST_CONST:
        return (moments_t){p[0], 0, 0, 0};
    case DIST_EXP:
        return from_raw(p[0], 2 * pow(p[0], 2), 6 * pow(p[0], 3), 24 * pow(p[0], 4));
    case DIST_LOGNORMAL:
        return lognormal_moments(lognormal_zeta(p[0], p[1]), lognormal_sigma(p[1]));
    case DIST_GAMMA:
        return gamma_moments(1 / (p[1] * p[1]), p[0] * p[1] * p[1]);
    case DIST_ERLANG:
        return gamma_moments(p[0], p[1] / p[0]);
    case DIST_TRIANGULAR:
        return triangular_moments(p[0], p[1], p[2]);
    case DIST_UNIFORM:
        return uniform_moments(p[0], p[1]);
    case DIST_WEIBULL:
        return weibull_moments_theory(p[0], p[1]);
    case DIST_NORMAL:
        return truncated_normal_theory(p[0], p[1]);
    case DIST_EMPIRICAL:
        break;
    }
    ck_abort_msg("theory: no parametric theory for kind %d", (int)kind);
    return (moments_t){0, 0, 0, 0};
}

/* Exact CDF of a parametric kind, from GSL or textbook formulas. */
static double theory_cdf(dist_kind_t kind, const double *p, double x) {
    switch (kind) {
    case DIST_EXP:
        return gsl_cdf_exponential_P(x, p[0]);
    case DIST_LOGNORMAL:
        return gsl_cdf_lognormal_P(x, lognormal_zeta(p[0], p[1]), lognormal_sigma(p[1]));
    case DIST_GAMMA:
        return gsl_cdf_gamma_P(x, 1 / (p[1] * p[1]), p[0] * p[1] * p[1]);
    case DIST_ERLANG:
        return gsl_cdf_gamma_P(x, p[0], p[1] / p[0]);
    case DIST_TRIANGULAR: {
        double a = p[0], m = p[1], b = p[2];
        if (x <= a) return 0;
        if (x >= b) return 1;
        if (x <= m) return (x - a) * (x - a) / ((b - a) * (m - a));
        return 1 - (b - x) * (b - x) / ((b - a) * (b - m));
    }
    case DIST_UNIFORM:
        return gsl_cdf_flat_P(x, p[0], p[1]);
    case DIST_WEIBULL:
        return gsl_cdf_weibull_P(x, p[1], p[0]);
    case DIST_NORMAL: {
        double below = gsl_cdf_gaussian_P(-p[0], p[1]); /* mass < 0 */
        if (x <= 0) return 0;
        return (gsl_cdf_gaussian_P(x - p[0], p[1]) - below) / (1 - below);
    }
    case DIST_CONST:
    case DIST_EMPIRICAL:
        break;
    }
    ck_abort_msg("theory_cdf: not a continuous kind %d", (int)kind);
    return 0;
}

static int cmp_double(const void *pa, const void *pb) {
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Kolmogorov-Smirnov distance of the sorted sample x from the CDF. */
static double ks_distance(const double *sorted, size_t n, dist_kind_t kind, const double *p) {
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        double f = theory_cdf(kind, p, sorted[i]);
        double above = (double)(i + 1) / (double)n - f;
        double below = f - (double)i / (double)n;
        worst = fmax(worst, fmax(above, below));
    }
    return worst;
}

static double dkw_epsilon(size_t n) { return sqrt(log(2.0 / DKW_ALPHA) / (2.0 * (double)n)); }

/* ---------------------------------------------------------- parsing */

/* text -> canonical text -> the same parameters again. */
START_TEST(test_round_trip_every_kind) {
    static const struct {
        const char *text, *canonical;
        dist_kind_t kind;
        double p[3];
    } cases[] = {
        {"const(5)", "const(5)", DIST_CONST, {5}},
        {"const(0)", "const(0)", DIST_CONST, {0}},
        {"exp(10)", "exp(10)", DIST_EXP, {10}},
        {"lognormal(20, 0.5)", "lognormal(20, 0.5)", DIST_LOGNORMAL, {20, 0.5}},
        {"gamma(45,0.7)", "gamma(45, 0.7)", DIST_GAMMA, {45, 0.7}},
        {"erlang(3, 12)", "erlang(3, 12)", DIST_ERLANG, {3, 12}},
        {"triangular(2, 5, 11)", "triangular(2, 5, 11)", DIST_TRIANGULAR, {2, 5, 11}},
        {"triangular(0, 0, 4)", "triangular(0, 0, 4)", DIST_TRIANGULAR, {0, 0, 4}},
        {"uniform(3, 8)", "uniform(3, 8)", DIST_UNIFORM, {3, 8}},
        {"weibull(1.5, 20)", "weibull(1.5, 20)", DIST_WEIBULL, {1.5, 20}},
        {"normal(30, 14)", "normal(30, 14)", DIST_NORMAL, {30, 14}},
        /* number spellings and blanks anywhere between tokens */
        {" \t lognormal ( 2e1 ,\n.5 ) \r\n", "lognormal(20, 0.5)", DIST_LOGNORMAL, {20, 0.5}},
        {"exp(+10.)", "exp(10)", DIST_EXP, {10}},
        {"const(-0)", "const(0)", DIST_CONST, {0}},
        {"uniform(0, 1E12)", "uniform(0, 1000000000000)", DIST_UNIFORM, {0, 1e12}},
        {"exp(0.1234567890123)", "exp(0.1234567890123)", DIST_EXP, {0.1234567890123}},
        {"exp(2.5e-3)", "exp(0.0025)", DIST_EXP, {0.0025}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dist_t d, again;
        parse_ok(&d, cases[i].text, NULL);
        CHECK(d.kind == cases[i].kind);
        for (int j = 0; j < 3; j++)
            ck_assert_msg(d.p[j] == cases[i].p[j], "%s: p[%d] = %g", cases[i].text, j, d.p[j]);
        CHECK(!signbit(d.p[0]));
        expect_format(&d, cases[i].canonical);
        parse_ok(&again, cases[i].canonical, NULL);
        CHECK(again.kind == d.kind);
        CHECK(memcmp(again.p, d.p, sizeof d.p) == 0);
        CHECK(memcmp(again.q, d.q, sizeof d.q) == 0);
        dist_free(&d);
        dist_free(&again);
    }
}
END_TEST

/* The exact messages given as examples in the contract and the brief. */
START_TEST(test_error_messages_exact) {
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"lognormal(20)", "lognormal(20): expects 2 parameters (mean, cv), got 1"},
        {"exp(-3)", "exp(-3): mean must be > 0"},
        {"gamma(45, 0)", "gamma(45, 0): cv must be > 0"},
        {"erlang(2.5, 10)", "erlang(2.5, 10): k must be a whole number >= 1"},
        {"triangular(5, 1, 9)", "triangular(5, 1, 9): expected a <= m <= b"},
        {"foo(1)", "foo(1): unknown distribution 'foo' (expected one of const, "
                   "exp, lognormal, gamma, erlang, triangular, uniform, "
                   "weibull, normal, empirical)"},
        {"exp(10", "exp(10: missing ')'"},
        {"", "empty distribution (expected e.g. exp(10))"},
        {" \t\n", "empty distribution (expected e.g. exp(10))"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dist_t d;
        char err[512];
        CHECK(dist_parse(&d, cases[i].text, NULL, err, sizeof err) == -1);
        ck_assert_msg(strcmp(err, cases[i].message) == 0, "\"%s\": got \"%s\", want \"%s\"",
                      cases[i].text, err, cases[i].message);
        check_empty(&d);
    }
}
END_TEST

START_TEST(test_error_messages_substrings) {
    static const struct {
        const char *text, *want;
    } cases[] = {
        /* numbers: strict decimal only */
        {"exp(nan)", "'nan' is not a number"},
        {"exp(inf)", "'inf' is not a number"},
        {"exp(-infinity)", "'-infinity' is not a number"},
        {"exp(0x10)", "'0x10' is not a number"},
        {"exp(10x)", "'10x' is not a number"},
        {"exp(1e)", "'1e' is not a number"},
        {"exp(.)", "'.' is not a number"},
        {"exp(1,5.5.5)", "'5.5.5' is not a number"},
        {"exp((10))", "'(10' is not a number"},
        {"exp(10 20)", "expected ',' or ')' after '10'"},
        {"exp(10)x", "unexpected 'x' after ')'"},
        {"exp(10) )", "unexpected ')' after ')'"},
        /* counts and missing pieces */
        {"exp()", "exp(): expects 1 parameter (mean), got 0"},
        {"exp(1, 2)", "expects 1 parameter (mean), got 2"},
        {"triangular(1, 2, 3, 4, 5)", "expects 3 parameters (a, m, b), got 5"},
        {"weibull(2)", "expects 2 parameters (shape, scale), got 1"},
        {"lognormal(20,)", "parameter 2 is missing"},
        {"exp(,)", "parameter 1 is missing"},
        {"lognormal(20, 0.5", "missing ')'"},
        {"exp", "expected '(' after 'exp'"},
        {"exp 10", "expected '(' after 'exp'"},
        {"10", "expected a distribution name"},
        {"(10)", "expected a distribution name"},
        {"Exp(10)", "unknown distribution 'Exp' (names are lower case: exp)"},
        {"expo(10)", "unknown distribution 'expo'"},
        /* ranges */
        {"const(-1)", "v must be >= 0"},
        {"exp(0)", "mean must be > 0"},
        {"exp(1e13)", "mean must be <= 1e+12"},
        {"exp(1e999)", "mean must be <= 1e+12"},
        {"lognormal(-20, 0.5)", "mean must be > 0"},
        {"lognormal(20, -0.5)", "cv must be > 0"},
        {"lognormal(20, 10.5)", "cv must be <= 10"},
        {"lognormal(20, 1e-9)", "cv must be >= 1e-06"},
        {"gamma(45, 11)", "cv must be <= 10"},
        {"gamma(0, 1)", "mean must be > 0"},
        {"erlang(0, 10)", "k must be a whole number >= 1"},
        {"erlang(3, 0)", "mean must be > 0"},
        {"triangular(-1, 0, 1)", "a must be >= 0"},
        {"triangular(1, 0.5, 3)", "expected a <= m <= b"},
        {"triangular(3, 3, 3)", "expected a < b"},
        {"triangular(1, 2, 2e12)", "b must be <= 1e+12"},
        {"uniform(5, 5)", "expected a < b"},
        {"uniform(8, 3)", "expected a < b"},
        {"uniform(-1, 2)", "a must be >= 0"},
        {"weibull(0, 10)", "shape must be > 0"},
        {"weibull(-1, 10)", "shape must be > 0"},
        {"weibull(101, 10)", "shape must be <= 100"},
        {"weibull(1.5, 0)", "scale must be > 0"},
        {"weibull(0.001, 10)", "too small: the variance overflows"},
        {"weibull(0.0115, 10)", "too small: the variance overflows"},
        {"normal(10, 5)", "sd must be < mean/2 = 5"},
        {"normal(10, 0)", "sd must be > 0"},
        {"normal(-10, 1)", "mean must be > 0"},
        /* empirical syntax */
        {"empirical()", "expects a file name"},
        {"empirical(  )", "expects a file name"},
        {"empirical(\"x.csv\")", "without quotes"},
        {"empirical('x.csv')", "without quotes"},
        {"empirical(x.csv", "missing ')'"},
        {"empirical(x.csv) y", "unexpected 'y' after ')'"},
        {"empirical x.csv", "expected '(' after 'empirical'"},
        /* a message is one line even if the text is not */
        {"exp(\n-3)", "mean must be > 0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].text, NULL, cases[i].want);
}
END_TEST

/* Long input is shortened in the message; tiny or absent buffers are safe. */
START_TEST(test_error_buffer_limits) {
    char text[600];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    expect_error(text, NULL, "unknown distribution");
    expect_error(text, NULL, "...");

    dist_t d;
    char small[8];
    memset(small, '#', sizeof small);
    CHECK(dist_parse(&d, "lognormal(20)", NULL, small, sizeof small) == -1);
    CHECK(strlen(small) == sizeof small - 1);
    CHECK(strncmp(small, "lognorm", 7) == 0);
    CHECK(dist_parse(&d, "lognormal(20)", NULL, NULL, 0) == -1);
    check_empty(&d);
    char one[1] = {'#'};
    CHECK(dist_parse(&d, "", NULL, one, 1) == -1 && one[0] == '\0');
}
END_TEST

/* ---------------------------------------------------------- sampling */

/* The parametric cases of the sampling tests. */
static const struct {
    const char *text;
    dist_kind_t kind;
    double p[3];
} SAMPLED[] = {
    {"const(7.5)", DIST_CONST, {7.5}},
    {"exp(10)", DIST_EXP, {10}},
    {"lognormal(20, 0.5)", DIST_LOGNORMAL, {20, 0.5}},
    {"gamma(45, 0.7)", DIST_GAMMA, {45, 0.7}},
    {"gamma(10, 2)", DIST_GAMMA, {10, 2}}, /* shape 1/4 < 1 */
    {"erlang(3, 12)", DIST_ERLANG, {3, 12}},
    {"triangular(2, 5, 11)", DIST_TRIANGULAR, {2, 5, 11}},
    {"triangular(0, 0, 4)", DIST_TRIANGULAR, {0, 0, 4}}, /* mode at a */
    {"triangular(1, 6, 6)", DIST_TRIANGULAR, {1, 6, 6}}, /* mode at b */
    {"uniform(3, 8)", DIST_UNIFORM, {3, 8}},
    {"weibull(1.5, 20)", DIST_WEIBULL, {1.5, 20}},
    {"weibull(0.7, 10)", DIST_WEIBULL, {0.7, 10}},
    {"normal(30, 14)", DIST_NORMAL, {30, 14}}, /* 1.6% below 0 redrawn */
    {"normal(100, 10)", DIST_NORMAL, {100, 10}},
};
#define N_SAMPLED (sizeof SAMPLED / sizeof SAMPLED[0])

/* Range of the support, for the draws-in-range check. */
static void support(dist_kind_t kind, const double *p, double *lo, double *hi) {
    *lo = 0;
    *hi = INFINITY;
    if (kind == DIST_TRIANGULAR) *lo = p[0], *hi = p[2];
    if (kind == DIST_UNIFORM) *lo = p[0], *hi = p[1];
    if (kind == DIST_CONST) *lo = *hi = p[0];
}

/* dist_mean/dist_variance equal the theory computed here, and 200000 draws
 * agree with them within 5 standard errors. */
START_TEST(test_moments_every_kind) {
    for (size_t i = 0; i < N_SAMPLED; i++) {
        dist_t d;
        parse_ok(&d, SAMPLED[i].text, NULL);
        moments_t t = theory(SAMPLED[i].kind, SAMPLED[i].p);
        ck_assert_msg(close_rel(dist_mean(&d), t.mean, 1e-9), "%s: dist_mean %.12g, theory %.12g",
                      SAMPLED[i].text, dist_mean(&d), t.mean);
        ck_assert_msg(close_rel(dist_variance(&d), t.var, 1e-9),
                      "%s: dist_variance %.12g, theory %.12g", SAMPLED[i].text, dist_variance(&d),
                      t.var);

        double *x = draw(&d, 100 + (uint32_t)i, N_DRAWS);
        double lo, hi;
        support(SAMPLED[i].kind, SAMPLED[i].p, &lo, &hi);
        for (size_t j = 0; j < N_DRAWS; j++)
            if (!(x[j] >= lo && x[j] <= hi))
                ck_abort_msg("%s: draw %g outside [%g, %g]", SAMPLED[i].text, x[j], lo, hi);
        sample_stats_t s = sample_stats(x, N_DRAWS);
        double se_mean = sqrt(t.var / N_DRAWS);
        double se_var = sqrt((t.mu4 - t.var * t.var) / N_DRAWS);
        ck_assert_msg(fabs(s.mean - t.mean) <= 5 * se_mean,
                      "%s: sample mean %.6g, theory %.6g, SE %.3g", SAMPLED[i].text, s.mean, t.mean,
                      se_mean);
        ck_assert_msg(fabs(s.var - t.var) <= 5 * se_var,
                      "%s: sample variance %.6g, theory %.6g, SE %.3g", SAMPLED[i].text, s.var,
                      t.var, se_var);
        free(x);
        dist_free(&d);
    }
}
END_TEST

/* The same tolerance rejects a mean off by 5%. */
START_TEST(test_wrong_mean_is_detected) {
    dist_t d;
    parse_ok(&d, "exp(10)", NULL);
    double *x = draw(&d, 1, N_DRAWS);
    sample_stats_t s = sample_stats(x, N_DRAWS);
    double se = sqrt(100.0 / N_DRAWS);
    CHECK(fabs(s.mean - 10.0) <= 5 * se);
    CHECK(fabs(s.mean - 10.5) > 5 * se);
    free(x);
    dist_free(&d);
}
END_TEST

/* Resampling truncates: the sample agrees with the truncated moments and
 * is distinguishable from the untruncated ones (mean 30, variance 196). */
START_TEST(test_normal_truncation_is_detected) {
    dist_t d;
    parse_ok(&d, "normal(30, 14)", NULL);
    CHECK(dist_mean(&d) > 30.5 && dist_variance(&d) < 190);
    double *x = draw(&d, 2, N_DRAWS);
    sample_stats_t s = sample_stats(x, N_DRAWS);
    moments_t t = truncated_normal_theory(30, 14);
    double se_mean = sqrt(t.var / N_DRAWS);
    double se_var = sqrt((t.mu4 - t.var * t.var) / N_DRAWS);
    CHECK(fabs(s.mean - t.mean) <= 5 * se_mean);
    CHECK(fabs(s.mean - 30.0) > 5 * se_mean);
    CHECK(fabs(s.var - t.var) <= 5 * se_var);
    CHECK(fabs(s.var - 196.0) > 5 * se_var);
    free(x);
    dist_free(&d);
}
END_TEST

/* The whole shape: KS distance within the DKW bound for every continuous
 * kind. */
START_TEST(test_ks_every_continuous_kind) {
    double eps = dkw_epsilon(N_DRAWS);
    for (size_t i = 0; i < N_SAMPLED; i++) {
        if (SAMPLED[i].kind == DIST_CONST) continue;
        dist_t d;
        parse_ok(&d, SAMPLED[i].text, NULL);
        double *x = draw(&d, 200 + (uint32_t)i, N_DRAWS);
        qsort(x, N_DRAWS, sizeof *x, cmp_double);
        double ks = ks_distance(x, N_DRAWS, SAMPLED[i].kind, SAMPLED[i].p);
        ck_assert_msg(ks < eps, "%s: KS distance %.5f >= %.5f", SAMPLED[i].text, ks, eps);
        free(x);
        dist_free(&d);
    }
}
END_TEST

/* Fraction of sorted x at or below v. */
static double ecdf(const double *sorted, size_t n, double v) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= v) lo = mid + 1;
        else hi = mid;
    }
    return (double)lo / (double)n;
}

/* Empirical CDF at fixed points against the exact CDF, 5 binomial SEs. */
static void check_cdf_points(const char *text, dist_kind_t kind, const double *p,
                             const double *points, size_t n_points, uint32_t stream) {
    dist_t d;
    parse_ok(&d, text, NULL);
    double *x = draw(&d, stream, N_DRAWS);
    qsort(x, N_DRAWS, sizeof *x, cmp_double);
    for (size_t i = 0; i < n_points; i++) {
        double f = theory_cdf(kind, p, points[i]);
        double se = sqrt(f * (1 - f) / N_DRAWS);
        double fn = ecdf(x, N_DRAWS, points[i]);
        ck_assert_msg(fabs(fn - f) <= 5 * se, "%s: F_n(%g) = %.5f, F = %.5f, SE %.5f", text,
                      points[i], fn, f, se);
    }
    free(x);
    dist_free(&d);
}

START_TEST(test_cdf_points_lognormal_triangular) {
    static const double ln_points[] = {8, 12, 15, 18.5, 20, 25, 35, 50};
    static const double ln_p[] = {20, 0.5};
    check_cdf_points("lognormal(20, 0.5)", DIST_LOGNORMAL, ln_p, ln_points,
                     sizeof ln_points / sizeof ln_points[0], 3);
    static const double tri_points[] = {2.5, 4, 5, 6, 8, 10, 10.9};
    static const double tri_p[] = {2, 5, 11};
    check_cdf_points("triangular(2, 5, 11)", DIST_TRIANGULAR, tri_p, tri_points,
                     sizeof tri_points / sizeof tri_points[0], 4);
}
END_TEST

/* lognormal(mean, cv) means what it says: the sample cv is 0.5, and the
 * classic mistake (cv used as sigma, ln(mean) as zeta) would be caught both
 * by the cv and by the KS distance.  SE of the sample cv by the delta
 * method: cv = g(m, v) = sqrt(v)/m with Var m = var/n, Var s^2 =
 * (mu4 - var^2)/n, Cov(m, s^2) = mu3/n. */
START_TEST(test_lognormal_parameterisation) {
    dist_t d;
    parse_ok(&d, "lognormal(20, 0.5)", NULL);
    double *x = draw(&d, 5, N_DRAWS);
    sample_stats_t s = sample_stats(x, N_DRAWS);
    double cv_hat = sqrt(s.var) / s.mean;

    moments_t t = lognormal_moments(lognormal_zeta(20, 0.5), lognormal_sigma(0.5));
    double sd = sqrt(t.var);
    double g_m = -sd / (t.mean * t.mean);
    double g_v = 1 / (2 * t.mean * sd);
    double var_cv =
        (g_m * g_m * t.var + g_v * g_v * (t.mu4 - t.var * t.var) + 2 * g_m * g_v * t.mu3) / N_DRAWS;
    double se_cv = sqrt(var_cv);
    ck_assert_msg(fabs(cv_hat - 0.5) <= 5 * se_cv, "cv %.5f, SE %.5f", cv_hat, se_cv);
    double wrong_cv = sqrt(expm1(0.25)); /* sigma = 0.5 */
    CHECK(fabs(cv_hat - wrong_cv) > 5 * se_cv);

    qsort(x, N_DRAWS, sizeof *x, cmp_double);
    double worst = 0.0; /* KS against lognormal(zeta = ln 20, sigma = 0.5) */
    for (size_t i = 0; i < N_DRAWS; i++) {
        double f = gsl_cdf_lognormal_P(x[i], log(20.0), 0.5);
        worst = fmax(worst, fabs((double)(i + 1) / N_DRAWS - f));
    }
    CHECK(worst > dkw_epsilon(N_DRAWS));
    free(x);
    dist_free(&d);
}
END_TEST

/* ---------------------------------------------------- scale and copy */

/* X -> fX: mean times f, variance times f^2, cv kept, the text shows the
 * scaled parameters, and with the same stream each draw is f times the
 * unscaled draw. */
START_TEST(test_scale_every_kind) {
    const double f = 1.7;
    for (size_t i = 0; i < N_SAMPLED; i++) {
        dist_t d, scaled;
        parse_ok(&d, SAMPLED[i].text, NULL);
        CHECK(dist_copy(&scaled, &d) == 0);
        dist_scale(&scaled, f);
        ck_assert_msg(close_rel(dist_mean(&scaled), f * dist_mean(&d), 1e-12), "%s: scaled mean",
                      SAMPLED[i].text);
        ck_assert_msg(close_rel(dist_variance(&scaled), f * f * dist_variance(&d), 1e-12),
                      "%s: scaled variance", SAMPLED[i].text);
        enum { N = 2000 };
        double *a = draw(&d, 7, N), *b = draw(&scaled, 7, N);
        for (size_t j = 0; j < N; j++)
            if (!close_rel(b[j], f * a[j], 1e-9))
                ck_abort_msg("%s: draw %zu: %.17g vs %g * %.17g", SAMPLED[i].text, j, b[j], f,
                             a[j]);
        free(a);
        free(b);
        dist_free(&d);
        dist_free(&scaled);
    }
}
END_TEST

START_TEST(test_scale_format) {
    static const struct {
        const char *text, *scaled;
    } cases[] = {
        {"const(4)", "const(10)"},
        {"exp(10)", "exp(25)"},
        {"lognormal(20, 0.5)", "lognormal(50, 0.5)"},
        {"gamma(45, 0.7)", "gamma(112.5, 0.7)"},
        {"erlang(3, 12)", "erlang(3, 30)"},
        {"triangular(2, 5, 11)", "triangular(5, 12.5, 27.5)"},
        {"uniform(3, 8)", "uniform(7.5, 20)"},
        {"weibull(1.5, 20)", "weibull(1.5, 50)"},
        {"normal(30, 14)", "normal(75, 35)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dist_t d, expected;
        parse_ok(&d, cases[i].text, NULL);
        double cv = sqrt(dist_variance(&d)) / dist_mean(&d);
        dist_scale(&d, 2.5);
        expect_format(&d, cases[i].scaled);
        CHECK(close_rel(sqrt(dist_variance(&d)) / dist_mean(&d), cv, 1e-12));
        /* the scaled struct is what parsing the scaled text gives */
        parse_ok(&expected, cases[i].scaled, NULL);
        CHECK(memcmp(expected.p, d.p, sizeof d.p) == 0);
        for (int j = 0; j < 3; j++) CHECK(close_rel(expected.q[j], d.q[j], 1e-14));
        dist_free(&d);
        dist_free(&expected);
    }
    /* a value that is not short in binary still prints cleanly */
    dist_t d;
    parse_ok(&d, "exp(10)", NULL);
    dist_scale(&d, 1.1);
    expect_format(&d, "exp(11)");
    dist_free(&d);
}
END_TEST

/* ------------------------------------------------------- empirical */

static const double OK_VALUES[] = {12.5, 7, 3.25, 0, 20, 10};
#define N_OK (sizeof OK_VALUES / sizeof OK_VALUES[0])

static void check_ok_values(const dist_t *d) {
    CHECK(d->kind == DIST_EMPIRICAL);
    ck_assert_msg(d->n_values == N_OK, "%zu values", d->n_values);
    for (size_t i = 0; i < N_OK; i++) CHECK(d->values[i] == OK_VALUES[i]);
}

/* Header, comments, blank lines, extra columns, blanks around a value and
 * a trailing comment are all understood; base_dir resolves the name. */
START_TEST(test_empirical_fixture) {
    dist_t d;
    parse_ok(&d, "empirical(empirical_ok.csv)", GOVSIM_TEST_DATA);
    check_ok_values(&d);
    expect_format(&d, "empirical(6 values)");
    moments_t t = values_moments(OK_VALUES, N_OK);
    CHECK(close_rel(dist_mean(&d), t.mean, 1e-12));
    CHECK(close_rel(dist_variance(&d), t.var, 1e-12));

    double *x = draw(&d, 9, N_DRAWS);
    size_t hits[N_OK] = {0};
    for (size_t j = 0; j < N_DRAWS; j++) {
        size_t k = 0;
        while (k < N_OK && OK_VALUES[k] != x[j]) k++;
        if (k == N_OK) ck_abort_msg("draw %g is not a listed value", x[j]);
        hits[k]++;
    }
    /* each value drawn 1/6 of the time, 5 binomial SEs */
    double p = 1.0 / N_OK, se = sqrt(p * (1 - p) / N_DRAWS);
    for (size_t k = 0; k < N_OK; k++) CHECK(fabs((double)hits[k] / N_DRAWS - p) <= 5 * se);
    sample_stats_t s = sample_stats(x, N_DRAWS);
    CHECK(fabs(s.mean - t.mean) <= 5 * sqrt(t.var / N_DRAWS));
    CHECK(fabs(s.var - t.var) <= 5 * sqrt((t.mu4 - t.var * t.var) / N_DRAWS));
    free(x);
    dist_free(&d);

    /* the same file by relative path from the current directory, and with
     * a base_dir that ends in '/' */
    parse_ok(&d, "empirical( " GOVSIM_TEST_DATA "/empirical_ok.csv )", NULL);
    check_ok_values(&d);
    dist_free(&d);
    parse_ok(&d, "empirical(empirical_ok.csv)", GOVSIM_TEST_DATA "/");
    check_ok_values(&d);
    dist_free(&d);
}
END_TEST

START_TEST(test_empirical_fixture_errors) {
    expect_error("empirical(empirical_bad.csv)", GOVSIM_TEST_DATA,
                 "empirical(empirical_bad.csv): " GOVSIM_TEST_DATA
                 "/empirical_bad.csv:6: 'abc' is not a number");
    expect_error("empirical(x.csv)", NULL,
                 "empirical(x.csv): x.csv: cannot read: No such file or "
                 "directory");
    expect_error("empirical(nope.csv)", GOVSIM_TEST_DATA,
                 GOVSIM_TEST_DATA "/nope.csv: cannot read: No such file");
}
END_TEST

/* A scratch directory of small files written by the tests. */
typedef struct {
    char dir[64];
    char paths[16][128];
    size_t n;
} scratch_t;

static void scratch_open(scratch_t *s) {
    snprintf(s->dir, sizeof s->dir, "/tmp/govsim_dist_XXXXXX");
    ck_assert(mkdtemp(s->dir) != NULL);
    s->n = 0;
}

static void scratch_file(scratch_t *s, const char *name, const char *text) {
    ck_assert(s->n < 16);
    char dir[sizeof s->dir]; /* a copy: snprintf's source and target must
                                not share the struct, says -Wrestrict */
    memcpy(dir, s->dir, sizeof dir);
    char *path = s->paths[s->n++];
    snprintf(path, sizeof s->paths[0], "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void scratch_close(scratch_t *s) {
    for (size_t i = 0; i < s->n; i++) unlink(s->paths[i]);
    rmdir(s->dir);
}

START_TEST(test_empirical_file_errors) {
    scratch_t s = {.n = 0};
    scratch_open(&s);
    scratch_file(&s, "neg.csv", "minutes\n1\n-3\n");
    scratch_file(&s, "empty.csv", "");
    scratch_file(&s, "header_only.csv", "minutes\n# nothing yet\n\n");
    scratch_file(&s, "late_header.csv", "5\nminutes\n");
    scratch_file(&s, "typo_first.csv", "1O.5\n2\n");
    scratch_file(&s, "huge.csv", "1\n1e13\n");
    scratch_file(&s, "nan.csv", "1\nnan\n");
    scratch_file(&s, "empty_field.csv", "1\n ,5\n");
    char base[80];
    snprintf(base, sizeof base, "%s", s.dir);

    expect_error("empirical(neg.csv)", base, "neg.csv:3: -3 is negative");
    expect_error("empirical(empty.csv)", base, "no values");
    expect_error("empirical(header_only.csv)", base, "no values");
    expect_error("empirical(late_header.csv)", base,
                 "late_header.csv:2: 'minutes' is not a number");
    expect_error("empirical(typo_first.csv)", base, "typo_first.csv:1: '1O.5' is not a number");
    expect_error("empirical(huge.csv)", base, "huge.csv:2: 1e13 is too large");
    expect_error("empirical(nan.csv)", base, "nan.csv:2: 'nan' is not a number");
    expect_error("empirical(empty_field.csv)", base, "empty_field.csv:2: the first field is empty");
    expect_error("empirical(.)", base, "not a regular file (a folder");
    scratch_close(&s);
}
END_TEST

/* CRLF line ends, an absolute name (base_dir ignored) and parentheses in
 * the file name. */
START_TEST(test_empirical_crlf_and_absolute) {
    scratch_t s = {.n = 0};
    scratch_open(&s);
    scratch_file(&s, "crlf (1).csv", "minutes\r\n1.5\r\n\r\n2.5,x\r\n");
    char text[200];
    snprintf(text, sizeof text, "empirical(%s)", s.paths[0]);
    dist_t d;
    parse_ok(&d, text, "/nonexistent");
    CHECK(d.n_values == 2 && d.values[0] == 1.5 && d.values[1] == 2.5);
    CHECK(dist_mean(&d) == 2.0 && dist_variance(&d) == 0.25);
    dist_free(&d);
    scratch_close(&s);
}
END_TEST

/* The copy owns its values: freeing or scaling the original leaves it
 * intact (ASan would flag a shallow copy's use after free). */
START_TEST(test_copy_is_deep) {
    dist_t d, c1, c2;
    parse_ok(&d, "empirical(empirical_ok.csv)", GOVSIM_TEST_DATA);
    CHECK(dist_copy(&c1, &d) == 0);
    CHECK(c1.values != d.values);
    check_ok_values(&c1);
    dist_scale(&d, 3.0);
    check_ok_values(&c1);
    CHECK(d.values[0] == 37.5);
    dist_free(&d);
    CHECK(dist_copy(&c2, &c1) == 0);
    dist_scale(&c2, 2.0);
    check_ok_values(&c1);
    CHECK(close_rel(dist_mean(&c2), 2 * dist_mean(&c1), 1e-12));
    gsl_rng *r = rng_stream_new(TEST_SEED, 0, 11);
    for (int i = 0; i < 1000; i++) {
        double v = dist_sample(&c1, r);
        bool listed = false;
        for (size_t k = 0; k < N_OK; k++) listed |= v == OK_VALUES[k];
        CHECK(listed);
    }
    gsl_rng_free(r);
    dist_free(&c1);
    dist_free(&c2);

    /* parametric kinds copy field by field */
    parse_ok(&d, "triangular(2, 5, 11)", NULL);
    CHECK(dist_copy(&c1, &d) == 0);
    CHECK(c1.kind == d.kind && c1.values == NULL);
    CHECK(memcmp(c1.p, d.p, sizeof d.p) == 0 && memcmp(c1.q, d.q, sizeof d.q) == 0);
    dist_free(&d);
    dist_free(&c1);
}
END_TEST

/* dist_free leaves const(0), and freeing twice is harmless. */
START_TEST(test_free_resets) {
    dist_t d;
    parse_ok(&d, "empirical(empirical_ok.csv)", GOVSIM_TEST_DATA);
    dist_free(&d);
    check_empty(&d);
    CHECK(dist_mean(&d) == 0 && dist_variance(&d) == 0);
    expect_format(&d, "const(0)");
    gsl_rng *r = rng_stream_new(TEST_SEED, 0, 12);
    CHECK(dist_sample(&d, r) == 0);
    gsl_rng_free(r);
    dist_free(&d);
    check_empty(&d);
}
END_TEST

/* Format never overruns the buffer and always terminates it. */
START_TEST(test_format_truncates) {
    dist_t d;
    parse_ok(&d, "triangular(2, 5, 11)", NULL);
    char buf[10];
    memset(buf, '#', sizeof buf);
    dist_format(&d, buf, sizeof buf);
    CHECK(strcmp(buf, "triangula") == 0);
    char one[1] = {'#'};
    dist_format(&d, one, 1);
    CHECK(one[0] == '\0');
    dist_free(&d);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line
 * does not start with `Suite *` so the suite is listed once). */
extern Suite *suite_dist(void);
Suite *suite_dist(void) {
    Suite *s = suite_create("dist");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_round_trip_every_kind);
    tcase_add_test(tc, test_error_messages_exact);
    tcase_add_test(tc, test_error_messages_substrings);
    tcase_add_test(tc, test_error_buffer_limits);
    tcase_add_test(tc, test_moments_every_kind);
    tcase_add_test(tc, test_wrong_mean_is_detected);
    tcase_add_test(tc, test_normal_truncation_is_detected);
    tcase_add_test(tc, test_ks_every_continuous_kind);
    tcase_add_test(tc, test_cdf_points_lognormal_triangular);
    tcase_add_test(tc, test_lognormal_parameterisation);
    tcase_add_test(tc, test_scale_every_kind);
    tcase_add_test(tc, test_scale_format);
    tcase_add_test(tc, test_empirical_fixture);
    tcase_add_test(tc, test_empirical_fixture_errors);
    tcase_add_test(tc, test_empirical_file_errors);
    tcase_add_test(tc, test_empirical_crlf_and_absolute);
    tcase_add_test(tc, test_copy_is_deep);
    tcase_add_test(tc, test_free_resets);
    tcase_add_test(tc, test_format_truncates);
    suite_add_tcase(s, tc);
    return s;
}
