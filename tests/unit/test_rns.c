/* Unit tests for KN ranking and selection (study/rns.h).
 *
 * h^2 by hand: k = 2, n0 = 10, alpha = 0.05: eta = 0.5 (0.1^(-2/9) - 1)
 * = 0.334050, h^2 = 2 x 9 x eta = 6.012905; k = 5: eta = 0.5 (0.025^(-2/9)
 * - 1) = 0.634967, h^2 = 11.429411.
 *
 * The guarantee is checked on synthetic normal problems with a known best
 * (the slippage configuration: the best delta above all others, the
 * hardest case for the guarantee), 1000 macro-replications each: the share
 * of correct selections must be at least 1 - alpha, allowing three binomial
 * standard errors (sqrt(0.95 x 0.05 / 1000) = 0.0069) of sampling noise. */
#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "checks.h"
#include "rns.h"

#define MACRO 1000

START_TEST(test_h2_by_hand) {
    CHECK_NEAR(rns_h2(2, 10, 0.05), 6.012905, 1e-6);
    CHECK_NEAR(rns_h2(5, 10, 0.05), 11.429411, 1e-6);
}
END_TEST

/* One macro-replication: k systems with means mu and sds sd; with CRN a
 * common normal of correlation rho is shared by all systems in each
 * replication.  Returns the selected system; *total gets the
 * observations spent, *naive the equal allocation's. */
static size_t one_selection(gsl_rng *g, size_t k, const double *mu, const double *sd, double rho,
                            double delta, size_t *total, size_t *naive) {
    rns_t p;
    ck_assert_int_eq(rns_init(&p, k, 10, 0.05, delta, 0), 0);
    double x[16];
    while (!p.done) {
        double z = gsl_ran_gaussian(g, 1.0);
        for (size_t i = 0; i < k; i++) {
            double e = gsl_ran_gaussian(g, 1.0);
            x[i] = mu[i] + sd[i] * (sqrt(rho) * z + sqrt(1 - rho) * e);
        }
        rns_observe(&p, x);
    }
    size_t best = p.best;
    *total = rns_total(&p);
    *naive = rns_naive_total(&p);
    CHECK(!p.capped);
    rns_free(&p);
    return best;
}

/* Share of correct selections over MACRO macro-replications. */
static double pcs(size_t k, const double *mu, const double *sd, double rho, double delta,
                  size_t want, double *mean_total, double *mean_naive) {
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 20011);
    size_t right = 0, tot = 0, nai = 0;
    for (int m = 0; m < MACRO; m++) {
        size_t t, n;
        right += one_selection(g, k, mu, sd, rho, delta, &t, &n) == want;
        tot += t;
        nai += n;
    }
    gsl_rng_free(g);
    *mean_total = (double)tot / MACRO;
    *mean_naive = (double)nai / MACRO;
    return (double)right / MACRO;
}

static const double FLOOR = 0.95 - 3 * 0.0069;

START_TEST(test_pcs_independent) {
    const double mu[] = {0, 0, 0.5, 0, 0}, sd[] = {1, 1, 1, 1, 1};
    double t, n;
    double p = pcs(5, mu, sd, 0, 0.5, 2, &t, &n);
    CHECK(p >= FLOOR);
    CHECK(t < n); /* elimination saves observations against equal allocation */
}
END_TEST

START_TEST(test_pcs_crn_unequal_variances) {
    /* common random numbers (correlation 0.8) and unequal variances; the
     * best is the noisiest */
    const double mu[] = {0, 0, 0, 0.5}, sd[] = {1, 0.5, 1.5, 2};
    double t, n;
    double p = pcs(4, mu, sd, 0.8, 0.5, 3, &t, &n);
    CHECK(p >= FLOOR);
    /* CRN makes differences less noisy: fewer observations than without */
    double t0, n0;
    double p0 = pcs(4, mu, sd, 0, 0.5, 3, &t0, &n0);
    CHECK(p0 >= FLOOR);
    CHECK(t < t0);
}
END_TEST

START_TEST(test_stops_early_on_large_gap) {
    /* the best 10 delta ahead: screening after n0 = 10 decides nearly always */
    const double mu[] = {5, 0, 0, 0, 0}, sd[] = {1, 1, 1, 1, 1};
    double t, n;
    double p = pcs(5, mu, sd, 0, 0.5, 0, &t, &n);
    CHECK(p >= 0.999);
    CHECK(t <= 5 * 10 * 1.05);
    CHECK(n > 2 * t);
}
END_TEST

START_TEST(test_one_system_and_cap) {
    rns_t p;
    ck_assert_int_eq(rns_init(&p, 1, 10, 0.05, 1, 0), 0);
    CHECK(p.done);
    CHECK_EQ(p.best, 0);
    rns_free(&p);
    /* two identical systems never separate: the cap stops them, and says so */
    ck_assert_int_eq(rns_init(&p, 2, 5, 0.05, 1e-3, 20), 0);
    for (int r = 0; r < 100 && !p.done; r++) {
        double x[2] = {r % 3, (r + 1) % 3}; /* differ, so S^2 > 0 */
        rns_observe(&p, x);
    }
    CHECK(p.done);
    CHECK(p.capped);
    CHECK_EQ(p.r, 20);
    rns_free(&p);
}
END_TEST

extern Suite *suite_rns(void);
Suite *suite_rns(void) {
    Suite *s = suite_create("rns");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_h2_by_hand);
    tcase_add_test(tc, test_pcs_independent);
    tcase_add_test(tc, test_pcs_crn_unequal_variances);
    tcase_add_test(tc, test_stops_early_on_large_gap);
    tcase_add_test(tc, test_one_system_and_cap);
    suite_add_tcase(s, tc);
    return s;
}
