/* Unit tests for piecewise-constant Poisson arrivals (sim/nhpp.h): the
 * published three-segment check (exact expected counts, simulated counts,
 * their Poisson dispersion and independence), periodic office-hours
 * profiles (no arrivals when the rate is 0, exact integrals across
 * periods, cheap skipping of empty periods), the time-rescaling property
 * Lambda(now, next) ~ Exp(1), zero profiles, and the error messages.
 *
 * Statistical criterion used throughout: |estimate - truth| < 5 standard
 * errors, the standard error computed from the theoretical variance; a
 * correct implementation fails one such check with probability ~6e-7. */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "nhpp.h"
#include "rng.h"
#include "checks.h"

#define SEED 987654321u
#define DAY  1440.0

static void make_profile(nhpp_t *p, const double *breaks, const double *rates, size_t n,
                         double period) {
    char err[200] = "";
    if (nhpp_init(p, breaks, rates, n, period, err, sizeof err) != 0)
        ck_abort_msg("profile rejected: %s", err);
}

/* The published check: 5, 1.5 and 3 arrivals per unit time on [0, 3.2),
 * [3.2, 7.9) and [7.9, 10), nothing after. */
static const double PUB_BREAKS[] = {0, 3.2, 7.9, 10};
static const double PUB_RATES[] = {5, 1.5, 3};
static const double PUB_MEAN[] = {16, 7.05, 6.3};

/* Office hours by the minute, every day: 0.5/min 08:00-12:00, closed for
 * lunch (rate 0) 12:00-14:00, 0.8/min 14:00-17:00, nothing at night. */
static const double OFFICE_BREAKS[] = {480, 720, 840, 1020};
static const double OFFICE_RATES[] = {0.5, 0, 0.8};
#define OFFICE_PER_DAY (0.5 * 240 + 0.8 * 180) /* 264 */

/* ------------------------------------------------------------------ */
/* Exact quantities                                                     */
/* ------------------------------------------------------------------ */

START_TEST(test_published_expected) {
    nhpp_t p;
    make_profile(&p, PUB_BREAKS, PUB_RATES, 3, 0);
    for (int s = 0; s < 3; s++)
        CHECK_NEAR(nhpp_expected(&p, PUB_BREAKS[s], PUB_BREAKS[s + 1]), PUB_MEAN[s], 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 0, 10), 29.35, 1e-12);
    CHECK_NEAR(p.per_period, 29.35, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 1, 4), 5 * 2.2 + 1.5 * 0.8, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 0, 1e9), 29.35, 1e-12);
    CHECK(nhpp_expected(&p, 10, 20) == 0);
    CHECK(nhpp_expected(&p, 4, 4) == 0);
    CHECK(nhpp_expected(&p, 5, 4) == 0);
    CHECK(nhpp_rate(&p, 0) == 5);
    CHECK(nhpp_rate(&p, 3.19) == 5);
    CHECK(nhpp_rate(&p, 3.2) == 1.5);
    CHECK(nhpp_rate(&p, 7.9) == 3);
    CHECK(nhpp_rate(&p, 9.999) == 3);
    CHECK(nhpp_rate(&p, 10) == 0);
    CHECK(nhpp_rate(&p, 1e6) == 0);
    nhpp_free(&p);
    CHECK(p.start == NULL && p.rate == NULL && p.n == 0);
}
END_TEST

START_TEST(test_periodic_expected) {
    nhpp_t p;
    make_profile(&p, OFFICE_BREAKS, OFFICE_RATES, 3, DAY);
    CHECK_NEAR(p.per_period, OFFICE_PER_DAY, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 0, DAY), OFFICE_PER_DAY, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 600, DAY + 900), 60 + 144 + 120 + 48, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 730, 830), 0, 0);        /* lunch */
    CHECK_NEAR(nhpp_expected(&p, 1100, DAY + 400), 0, 0); /* night */
    CHECK_NEAR(nhpp_expected(&p, 0, 1000 * DAY), 1000 * OFFICE_PER_DAY, 1e-9);
    /* far into a run: no cancellation between two large cumulative values */
    double t0 = 1e6 * DAY + 700, t1 = t0 + 200;
    CHECK_NEAR(nhpp_expected(&p, t0, t1), 0.5 * 20 + 0.8 * 60, 1e-6);
    CHECK(nhpp_rate(&p, 3 * DAY + 540) == 0.5);
    CHECK(nhpp_rate(&p, 3 * DAY + 780) == 0);
    CHECK(nhpp_rate(&p, 3 * DAY + 900) == 0.8);
    CHECK(nhpp_rate(&p, 3 * DAY + 1380) == 0);
    CHECK(nhpp_rate(&p, 3 * DAY + 60) == 0);
    nhpp_free(&p);
}
END_TEST

/* A profile may run past the end of its period into the next one: a night
 * shift 23:00-01:00 repeats daily, so 00:30 of day 0 is inside it. */
START_TEST(test_periodic_wraps) {
    static const double breaks[] = {1380, 1500};
    static const double rates[] = {1};
    nhpp_t p;
    make_profile(&p, breaks, rates, 1, DAY);
    CHECK(nhpp_rate(&p, 30) == 1);
    CHECK(nhpp_rate(&p, 60) == 0);
    CHECK(nhpp_rate(&p, 100) == 0);
    CHECK(nhpp_rate(&p, 1400) == 1);
    CHECK(nhpp_rate(&p, 5 * DAY + 59) == 1);
    CHECK_NEAR(nhpp_expected(&p, 0, DAY), 120, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 0, 60), 60, 1e-12);
    CHECK_NEAR(nhpp_expected(&p, 0, 2 * DAY), 240, 1e-12);
    gsl_rng *r = rng_stream_new(SEED, 0, 7);
    double t = 0;
    for (int i = 0; i < 2000; i++) {
        t = nhpp_next(&p, t, r);
        double phase = fmod(t, DAY);
        if (!(phase < 60 || phase >= 1380)) ck_abort_msg("arrival at %.4f outside 23:00-01:00", t);
    }
    gsl_rng_free(r);
    nhpp_free(&p);
}
END_TEST

START_TEST(test_zero_profile) {
    static const double breaks[] = {0, 5, 10};
    static const double zero[] = {0, 0};
    nhpp_t p;
    gsl_rng *r = rng_stream_new(SEED, 0, 3);
    make_profile(&p, breaks, zero, 2, 0);
    CHECK(isinf(nhpp_next(&p, 0, r)));
    CHECK(nhpp_expected(&p, 0, 100) == 0);
    nhpp_free(&p);
    make_profile(&p, breaks, zero, 2, DAY);
    CHECK(isinf(nhpp_next(&p, 0, r)));
    CHECK(isinf(nhpp_next(&p, 1e7, r)));
    nhpp_free(&p);
    /* a finite profile has nothing to give once it has ended */
    make_profile(&p, PUB_BREAKS, PUB_RATES, 3, 0);
    for (int i = 0; i < 100; i++) CHECK(isinf(nhpp_next(&p, 10, r)));
    CHECK(isinf(nhpp_next(&p, 50, r)));
    nhpp_free(&p);
    gsl_rng_free(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

typedef struct bad_profile {
    double breaks[4];
    double rates[3];
    size_t n;
    double period;
    const char *message;
} bad_profile_t;

START_TEST(test_errors) {
    const bad_profile_t bad[] = {
        {{0, 3.2, 7.9, 10}, {5, -1.5, 3}, 3, 0, "rate 2 is negative (-1.5)"},
        {{0, 3.2, 3.0, 10}, {5, 1.5, 3}, 3, 0, "breaks must increase (3.2 then 3.0)"},
        {{0, 3.2, 3.2, 10}, {5, 1.5, 3}, 3, 0, "breaks must increase (3.2 then 3.2)"},
        {{0, 1}, {1}, 0, 0, "a rate profile needs at least one segment"},
        {{0, 1}, {1}, 1, -1, "period must be 0 (no repetition) or positive (got -1.0)"},
        {{0, 1500}, {1}, 1, DAY, "the profile spans 1500.0 but the period is 1440.0"},
        {{-1, 5}, {1}, 1, 0, "first break is negative (-1.0)"},
        {{0, 5}, {NAN}, 1, 0, "rate 1 is not a finite number (nan)"},
        {{0, INFINITY}, {1}, 1, 0, "break 2 is not a finite number (inf)"},
        {{0, 1}, {1}, 1, INFINITY, "period must be 0 (no repetition) or positive (got inf)"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        nhpp_t p;
        char err[200] = "";
        if (nhpp_init(&p, bad[k].breaks, bad[k].rates, bad[k].n, bad[k].period, err, sizeof err) !=
            -1)
            ck_abort_msg("case %zu accepted, expected \"%s\"", k, bad[k].message);
        CHECK_STR(err, bad[k].message);
        CHECK(p.start == NULL && p.rate == NULL);
        nhpp_free(&p); /* safe after a failure */
    }
    /* a profile exactly one period long is fine */
    static const double breaks[] = {0, 1440};
    static const double rates[] = {2};
    nhpp_t p;
    ck_assert_int_eq(nhpp_init(&p, breaks, rates, 1, DAY, NULL, 0), 0);
    nhpp_free(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Simulation                                                           */
/* ------------------------------------------------------------------ */

enum { REPS = 20000 };

typedef struct pub_sample {
    double sum[3], sumsq[3], cross[3]; /* cross[s]: sum N_s * N_(s+1 mod 3) */
    double pos_sum;                    /* positions in segment 2, in [0, 1) */
    double pos_n;
} pub_sample_t;

/* REPS replications of the published profile on [0, 10), each on its own
 * stream as the experiment runner would seed it. */
static void simulate_published(const nhpp_t *p, pub_sample_t *out) {
    memset(out, 0, sizeof *out);
    gsl_rng *r = rng_stream_new(SEED, 0, 0);
    for (unsigned rep = 0; rep < REPS; rep++) {
        rng_stream_reset(r, SEED, rep, 0);
        double count[3] = {0, 0, 0};
        double t = 0;
        for (;;) {
            double next = nhpp_next(p, t, r);
            if (!(next > t)) ck_abort_msg("arrival %.17g not after %.17g", next, t);
            t = next;
            if (t >= 10) break;
            int s = t < 3.2 ? 0 : t < 7.9 ? 1 : 2;
            count[s]++;
            if (s == 1) out->pos_sum += (t - 3.2) / 4.7, out->pos_n++;
        }
        for (int s = 0; s < 3; s++) {
            out->sum[s] += count[s];
            out->sumsq[s] += count[s] * count[s];
            out->cross[s] += count[s] * count[(s + 1) % 3];
        }
    }
    gsl_rng_free(r);
}

static double sample_mean(const pub_sample_t *x, int s) { return x->sum[s] / REPS; }

static double sample_var(const pub_sample_t *x, int s) {
    double m = sample_mean(x, s);
    return (x->sumsq[s] - REPS * m * m) / (REPS - 1);
}

/* Index of dispersion var / mean.  For Poisson counts (n - 1) * D is close
 * to chi-square with n - 1 degrees of freedom, so SE(D) = sqrt(2 / (n - 1))
 * whatever the mean.  (By the delta method: Var(s^2) = (mu + 2 mu^2) / n,
 * Var(mean) = mu / n and Cov(s^2, mean) = mu / n for a Poisson, which add up
 * to Var(s^2 / mean) = 2 / n.) */
static double dispersion_se(void) { return sqrt(2.0 / (REPS - 1)); }

START_TEST(test_published_simulated) {
    nhpp_t p;
    make_profile(&p, PUB_BREAKS, PUB_RATES, 3, 0);
    pub_sample_t x;
    simulate_published(&p, &x);
    for (int s = 0; s < 3; s++) {
        double mu = nhpp_expected(&p, PUB_BREAKS[s], PUB_BREAKS[s + 1]);
        CHECK_5SE(sample_mean(&x, s), mu, sqrt(mu / REPS));
        CHECK_5SE(sample_var(&x, s) / sample_mean(&x, s), 1.0, dispersion_se());
        /* independent increments: counts in different segments uncorrelated;
         * SE of a sample covariance of independent variables is
         * sqrt(var_a var_b / n) */
        int u = (s + 1) % 3;
        double mu_u = PUB_MEAN[u];
        double cov = x.cross[s] / REPS - sample_mean(&x, s) * sample_mean(&x, u);
        CHECK_5SE(cov, 0.0, sqrt(mu * mu_u / REPS));
    }
    /* given the count, positions in a segment are uniform: mean 1/2, var 1/12 */
    CHECK_5SE(x.pos_sum / x.pos_n, 0.5, sqrt(1.0 / 12 / x.pos_n));
    nhpp_free(&p);
}
END_TEST

/* The criterion is sharp enough to catch a wrong mean or a wrong process:
 * the same sample is tested against a wrong expected count (17 instead of
 * 16 in segment 1, 35 standard errors away) and against counts that are not Poisson
 * (doubled counts: same kind of data, dispersion 2). */
START_TEST(test_criterion_rejects_wrong) {
    nhpp_t p;
    make_profile(&p, PUB_BREAKS, PUB_RATES, 3, 0);
    pub_sample_t x;
    simulate_published(&p, &x);
    double m = sample_mean(&x, 0);
    CHECK(within_5se(m, 16, sqrt(16.0 / REPS)));
    CHECK(!within_5se(m, 17, sqrt(17.0 / REPS)));
    /* (A 1% error, 16.16, is only 5.7 SE away: whether this one sample
     * rejects it is luck, so it is not asserted.) */
    double doubled_dispersion = 4 * sample_var(&x, 0) / (2 * m);
    CHECK(!within_5se(doubled_dispersion, 1.0, dispersion_se()));
    nhpp_free(&p);
}
END_TEST

/* From t = 9 the rest of the profile offers Lambda = 3: no further arrival
 * (INFINITY) with probability exp(-3). */
START_TEST(test_finite_profile_runs_out) {
    nhpp_t p;
    make_profile(&p, PUB_BREAKS, PUB_RATES, 3, 0);
    gsl_rng *r = rng_stream_new(SEED, 0, 4);
    double none = 0;
    for (int i = 0; i < REPS; i++) {
        double t = nhpp_next(&p, 9, r);
        if (isinf(t)) none++;
        else if (!(t > 9 && t < 10)) ck_abort_msg("arrival at %.17g outside (9, 10)", t);
    }
    double q = exp(-3);
    CHECK_5SE(none / REPS, q, sqrt(q * (1 - q) / REPS));
    gsl_rng_free(r);
    nhpp_free(&p);
}
END_TEST

START_TEST(test_office_no_arrivals_when_closed) {
    nhpp_t p;
    make_profile(&p, OFFICE_BREAKS, OFFICE_RATES, 3, DAY);
    gsl_rng *r = rng_stream_new(SEED, 0, 5);
    const double days = 30;
    double t = 0, n = 0;
    for (;;) {
        t = nhpp_next(&p, t, r);
        if (t >= days * DAY) break;
        double phase = fmod(t, DAY);
        bool open = (phase >= 480 && phase < 720) || (phase >= 840 && phase < 1020);
        if (!open) ck_abort_msg("arrival at %.4f (%.4f into the day)", t, phase);
        n++;
    }
    double mu = nhpp_expected(&p, 0, days * DAY);
    CHECK_NEAR(mu, days * OFFICE_PER_DAY, 1e-9);
    CHECK_5SE(n, mu, sqrt(mu)); /* one Poisson count */
    gsl_rng_free(r);
    nhpp_free(&p);
}
END_TEST

/* Time rescaling: the integrated rate from `now` to the next arrival is
 * Exp(1) (mean 1, median ln 2), from any `now`, whatever the profile.  A
 * profile open one minute a day at 1e-4/min needs ~10^4 days per arrival:
 * this also shows the whole-period skip is exact (and fast). */
static void check_rescaling(const nhpp_t *p, double horizon, uint32_t stream) {
    enum { N = 4000 };
    gsl_rng *r = rng_stream_new(SEED, 0, stream);
    double sum = 0, below_median = 0;
    for (int i = 0; i < N; i++) {
        double now = gsl_rng_uniform(r) * horizon;
        double t = nhpp_next(p, now, r);
        if (!(t > now) || isinf(t)) ck_abort_msg("next(%.6f) = %.6f", now, t);
        if (nhpp_rate(p, t) <= 0 && nhpp_rate(p, nextafter(t, 0)) <= 0)
            ck_abort_msg("arrival at %.6f where the rate is 0", t);
        double lambda = nhpp_expected(p, now, t);
        sum += lambda;
        below_median += lambda <= log(2.0);
    }
    CHECK_5SE(sum / N, 1.0, sqrt(1.0 / N));
    CHECK_5SE(below_median / N, 0.5, sqrt(0.25 / N));
    gsl_rng_free(r);
}

START_TEST(test_rescaling) {
    nhpp_t p;
    make_profile(&p, OFFICE_BREAKS, OFFICE_RATES, 3, DAY);
    check_rescaling(&p, 7 * DAY, 10);
    nhpp_free(&p);
    static const double sparse_breaks[] = {600, 601};
    static const double sparse_rates[] = {1e-4};
    make_profile(&p, sparse_breaks, sparse_rates, 1, DAY);
    check_rescaling(&p, 3 * DAY, 11);
    nhpp_free(&p);
    /* rates that jump by orders of magnitude, weekly period */
    static const double jump_breaks[] = {0, 1, 1000, 1001.5, 9000};
    static const double jump_rates[] = {50, 1e-3, 0, 2};
    make_profile(&p, jump_breaks, jump_rates, 4, 7 * DAY);
    check_rescaling(&p, 20 * DAY, 12);
    nhpp_free(&p);
}
END_TEST

/* The profile's answer is a function of its stream only: same seed, same
 * arrivals (what common random numbers rely on). */
START_TEST(test_reproducible) {
    nhpp_t p;
    make_profile(&p, OFFICE_BREAKS, OFFICE_RATES, 3, DAY);
    gsl_rng *a = rng_stream_new(SEED, 3, 9), *b = rng_stream_new(SEED, 3, 9);
    double ta = 0, tb = 0;
    for (int i = 0; i < 1000; i++) {
        ta = nhpp_next(&p, ta, a);
        tb = nhpp_next(&p, tb, b);
        if (ta != tb) ck_abort_msg("streams diverge at arrival %d", i);
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
    nhpp_free(&p);
}
END_TEST

extern Suite *suite_nhpp(void);
Suite *suite_nhpp(void) {
    Suite *s = suite_create("nhpp");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_published_expected);
    tcase_add_test(tc, test_periodic_expected);
    tcase_add_test(tc, test_periodic_wraps);
    tcase_add_test(tc, test_zero_profile);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_published_simulated);
    tcase_add_test(tc, test_criterion_rejects_wrong);
    tcase_add_test(tc, test_finite_profile_runs_out);
    tcase_add_test(tc, test_office_no_arrivals_when_closed);
    tcase_add_test(tc, test_rescaling);
    tcase_add_test(tc, test_reproducible);
    suite_add_tcase(s, tc);
    return s;
}
