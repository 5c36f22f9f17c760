/* study/qnet.c draws each station's service times and Poisson gaps one
 * ahead of their use (docs/performance.md, "Kernel, session 4"): the k-th
 * arrival must still come the k-th gap of the arrival stream after the
 * one before, and the k-th service started must still take the k-th
 * number of the service stream.  An M/M/1 written out here by Lindley's
 * recursion from the same streams (stream 0 arrivals, 1 service) must
 * then give qnet's mean wait, served count and mean visit time bit for
 * bit: any draw given to the wrong customer moves them. */
#include <check.h>
#include <math.h>
#include <stdint.h>

#include "qnet.h"
#include "rng.h"
#include "stats.h"
#include "checks.h"

#define SEED 20261206u

typedef struct lindley {
    stats_tally_t wait, visit;
    uint64_t served;
} lindley_t;

/* FIFO single server, arrivals and services from the qnet streams of
 * station 0; a customer counts in `wait` when its service starts by the
 * horizon and in `visit` when it also ends by then (qnet handles every
 * event at or before the horizon, and no warm-up here). */
static void lindley_run(const char *service, double rate, double horizon, lindley_t *out) {
    gsl_rng *arr = rng_stream_new(SEED, 0, 0), *svc = rng_stream_new(SEED, 0, 1);
    ck_assert_ptr_nonnull(arr);
    ck_assert_ptr_nonnull(svc);
    dist_t d;
    char err[200];
    CHECK_EQ(dist_parse(&d, service, NULL, err, sizeof err), 0);
    stats_tally_init(&out->wait);
    stats_tally_init(&out->visit);
    out->served = 0;
    double a = rng_exponential(arr, 1.0 / rate), free_at = 0;
    while (a <= horizon) {
        double start = a > free_at ? a : free_at;
        if (start > horizon) break;
        double end = start + dist_sample(&d, svc);
        stats_tally_add(&out->wait, start > a ? start - a : 0.0);
        out->served++;
        if (end <= horizon) stats_tally_add(&out->visit, end - a);
        free_at = end;
        a = a + rng_exponential(arr, 1.0 / rate);
    }
    dist_free(&d);
    gsl_rng_free(arr);
    gsl_rng_free(svc);
}

/* qnet's M/M/1 (or M/G/1) against the recursion, bit for bit. */
static void check_against_lindley(const char *service, double rate, double horizon) {
    qnet_spec_t spec = {0};
    char err[200];
    spec.k = 1;
    spec.station[0].servers = 1;
    spec.station[0].arrival_rate = rate;
    CHECK_EQ(dist_parse(&spec.station[0].service, service, NULL, err, sizeof err), 0);
    spec.horizon = horizon;
    qnet_result_t r;
    CHECK_EQ(qnet_run(&spec, SEED, 0, NULL, &r), 0);
    dist_free(&spec.station[0].service);
    lindley_t l;
    lindley_run(service, rate, horizon, &l);
    CHECK(l.served > 1000);
    CHECK_EQ((uint64_t)r.station[0].served, l.served);
    CHECK(r.station[0].wq == stats_tally_mean(&l.wait));
    CHECK(r.station[0].w == stats_tally_mean(&l.visit));
}

START_TEST(test_mm1_draws_in_order) { check_against_lindley("exp(1)", 0.9, 5000.0); }
END_TEST

/* A service drawn by dist_sample (not the exponential's inline path). */
START_TEST(test_mg1_draws_in_order) { check_against_lindley("lognormal(1, 0.7)", 0.8, 5000.0); }
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_qnet_draws(void);
Suite *suite_qnet_draws(void) {
    Suite *s = suite_create("qnet_draws");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_mm1_draws_in_order);
    tcase_add_test(tc, test_mg1_draws_in_order);
    suite_add_tcase(s, tc);
    return s;
}
