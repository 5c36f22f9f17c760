/* Breaches and platform capacity (models/flow_breach.c,
 * models/flow_platform.c) through a scenario file
 * (tests/scenarios/secure_city.cfg: 1.5 online submissions a minute around
 * the clock, three platform servers with exponential responses of 60 s,
 * two breach processes).  The tests change the loaded scenario: the
 * platform against M/M/3; effects in the expected direction as paired 95%
 * intervals over common random numbers (more security: fewer breaches,
 * less suspended sharing, lower cost; breaches: more manual exchange, less
 * online use; fewer servers: more timeouts and a higher p95, twice the
 * servers: fewer); a breach process that never fires moves nothing else;
 * the data hub's servers against M/M/1 and by their number. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "flow.h"
#include "qtheory.h"
#include "scn.h"
#include "stats.h"
#include "verdict.h"

#define REPS      8
#define PRECISION 0.05
#define LAMBDA    1.5 /* submissions per minute, as in secure_city.cfg */
#define MU        1.0 /* response exp(60 s)                             */
#define SERVERS   3

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, "tests/scenarios/secure_city.cfg", err, sizeof err) != 0)
        ck_abort_msg("%s", err);
}

/* KPI k of group "all" in replications 0 .. REPS-1. */
static void run_kpis(const scn_t *s, const flow_kpi_t *k, size_t nk, double out[][REPS]) {
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(s, r, NULL, &res), 0);
        for (size_t i = 0; i < nk; i++) out[i][r] = flow_kpi(&res, 0, k[i]);
        flow_result_free(&res);
    }
}

/* The paired 95% interval of b - a lies wholly above zero (sign > 0) or
 * wholly below it (sign < 0). */
static void check_sign(const double *a, const double *b, int sign, const char *what) {
    stats_ci_t ci = stats_ci_paired(a, b, REPS, 0.95);
    bool ok = sign > 0 ? ci.lo > 0 : ci.hi < 0;
    if (!ok)
        ck_abort_msg("%s: change %.4g, interval [%.4g, %.4g], expected %s zero", what, ci.mean,
                     ci.lo, ci.hi, sign > 0 ? "above" : "below");
}

/* No breach process (the array kept for scn_free). */
static size_t no_breaches(scn_t *s) {
    size_t n = s->n_breaches;
    s->n_breaches = 0;
    return n;
}

/* P(T > t) of the sojourn time T = Wq + S in M/M/c (FCFS), c mu - lambda
 * != mu: the wait is 0 with probability 1 - Pw, else exp(c mu - lambda). */
static double mmc_sojourn_tail(double lambda, double mu, unsigned c, double t) {
    double pw = qt_mmc(lambda, mu, c).p_wait, d = c * mu - lambda;
    return exp(-mu * t) + pw * mu / (d - mu) * (exp(-mu * t) - exp(-d * t));
}

static double mmc_sojourn_quantile(double lambda, double mu, unsigned c, double p) {
    double lo = 0, hi = 1;
    while (mmc_sojourn_tail(lambda, mu, c, hi) > 1 - p) hi *= 2;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (mmc_sojourn_tail(lambda, mu, c, mid) > 1 - p) lo = mid;
        else hi = mid;
    }
    return (lo + hi) / 2;
}

/* Finite servers, no timeout, no breach: the platform is M/M/3, its mean
 * latency and p95 those of the M/M/3 sojourn time (in seconds). */
START_TEST(test_platform_mmc) {
    scn_t s;
    load(&s);
    size_t nb = no_breaches(&s);
    s.days = 40;
    CHECK_EQ(s.platform.servers, SERVERS);
    qt_mmc_t t = qt_mmc(LAMBDA, MU, SERVERS);
    /* the tail formula by hand at t = 0: everyone's sojourn exceeds 0 */
    CHECK_NEAR(mmc_sojourn_tail(LAMBDA, MU, SERVERS, 0), 1, 1e-12);
    const flow_kpi_t k[] = {FLOW_K_PLATFORM_LATENCY, FLOW_K_PLATFORM_P95, FLOW_K_PLATFORM_TIMEOUTS};
    const double theory[] = {t.w * 60, mmc_sojourn_quantile(LAMBDA, MU, SERVERS, 0.95) * 60};
    double v[3][REPS];
    run_kpis(&s, k, 3, v);
    double level = verdict_level(0.99, 2);
    for (size_t i = 0; i < 2; i++) {
        verdict_t vd = verdict_judge(v[i], REPS, theory[i], level, PRECISION);
        if (vd.kind != VERDICT_PASS)
            ck_abort_msg("%s: theory %.5g, simulated %.5g [%.5g, %.5g]", flow_kpi_name(k[i]),
                         theory[i], vd.interval.mean, vd.interval.lo, vd.interval.hi);
    }
    for (int r = 0; r < REPS; r++) CHECK_EQ_D(v[2][r], 0); /* no timeout set */
    s.n_breaches = nb;
    scn_free(&s);
}
END_TEST

/* With a 30 s timeout: two servers instead of three time out more and
 * answer later (p95); six (the infrastructure reform's doubling) less. */
START_TEST(test_capacity_direction) {
    scn_t s;
    load(&s);
    size_t nb = no_breaches(&s);
    s.platform.timeout = 0.5;
    const flow_kpi_t k[] = {FLOW_K_PLATFORM_TIMEOUTS, FLOW_K_PLATFORM_P95, FLOW_K_ONLINE};
    double base[3][REPS], less[3][REPS], more[3][REPS];
    run_kpis(&s, k, 3, base);
    s.platform.servers = 2;
    run_kpis(&s, k, 3, less);
    s.platform.servers = 6;
    run_kpis(&s, k, 3, more);
    check_sign(base[0], less[0], +1, "timeouts, 2 servers");
    check_sign(base[1], less[1], +1, "p95, 2 servers");
    check_sign(base[2], less[2], -1, "online share, 2 servers (timeouts go to the counter)");
    check_sign(base[0], more[0], -1, "timeouts, 6 servers");
    check_sign(base[1], more[1], -1, "p95, 6 servers");
    s.n_breaches = nb;
    scn_free(&s);
}
END_TEST

/* A citizen who retries after a timeout stays online more often than one
 * who goes to the counter at once. */
START_TEST(test_retry_keeps_online) {
    scn_t s;
    load(&s);
    size_t nb = no_breaches(&s);
    s.platform.timeout = 0.25;
    s.platform.servers = 2;
    const flow_kpi_t k[] = {FLOW_K_ONLINE};
    double counter[1][REPS], retry[1][REPS];
    run_kpis(&s, k, 1, counter);
    s.platform.on_timeout = SCN_TIMEOUT_RETRY;
    s.platform.retry_minutes = 30;
    run_kpis(&s, k, 1, retry);
    check_sign(counter[0], retry[0], +1, "online share with retries");
    s.n_breaches = nb;
    scn_free(&s);
}
END_TEST

/* Security 2 halves the breach rate: breaches, suspended sharing and their
 * cost fall; breaches a year match per_year / security (5 standard
 * errors); the government cost falls by exactly the expected breach cost
 * saved. */
START_TEST(test_security_fewer_breaches) {
    scn_t s;
    load(&s);
    s.platform.servers = 0;
    for (size_t i = 0; i < s.n_breaches; i++) s.breaches[i].per_year = 180;
    const flow_kpi_t k[] = {FLOW_K_BREACHES, FLOW_K_SHARING_SUSPENDED, FLOW_K_BREACH_COST,
                            FLOW_K_COST_YEAR};
    double one[4][REPS], two[4][REPS];
    run_kpis(&s, k, 4, one);
    s.levers.security = 2;
    run_kpis(&s, k, 4, two);
    check_sign(one[0], two[0], -1, "breaches a year");
    check_sign(one[1], two[1], -1, "days of suspended sharing");
    check_sign(one[2], two[2], -1, "breach cost");
    double expect[2] = {2 * 180, 180};
    double(*v[2])[REPS] = {one, two};
    for (int j = 0; j < 2; j++) {
        stats_ci_t ci = stats_ci(v[j][0], REPS, 0.95);
        CHECK_5SE(ci.mean, expect[j], ci.sd / sqrt(REPS));
    }
    double saved = 180 * (1.0e6 + 5.0e5) / 2; /* rate halved, cost per breach */
    CHECK_REL(one[3][0] - two[3][0], saved, 1e-9);
    scn_free(&s);
}
END_TEST

/* Breaches against none: api requests fall back to manual exchange more
 * often, fewer citizens stay online. */
START_TEST(test_breach_consequences) {
    scn_t s;
    load(&s);
    s.platform.servers = 0;
    for (size_t i = 0; i < s.n_breaches; i++) s.breaches[i].per_year = 90;
    const flow_kpi_t k[] = {FLOW_K_DATA_MANUAL, FLOW_K_ONLINE};
    double with[2][REPS], without[2][REPS];
    run_kpis(&s, k, 2, with);
    size_t nb = no_breaches(&s);
    run_kpis(&s, k, 2, without);
    check_sign(without[0], with[0], +1, "manual data exchange");
    check_sign(without[1], with[1], -1, "online share");
    s.n_breaches = nb;
    scn_free(&s);
}
END_TEST

/* A breach process that never fires within the run changes no other KPI
 * by a bit: its stream is its own, and no citizen draws for it. */
START_TEST(test_silent_breach_moves_nothing) {
    scn_t s;
    load(&s);
    s.platform.servers = 0;
    flow_result_t a, b;
    for (size_t i = 0; i < s.n_breaches; i++) s.breaches[i].per_year = 1e-9;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &a), 0);
    size_t nb = no_breaches(&s);
    ck_assert_int_eq(flow_run(&s, 0, NULL, &b), 0);
    s.n_breaches = nb;
    for (size_t g = 0; g < a.n_groups; g++)
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            double x = flow_kpi(&a, g, (flow_kpi_t)k), y = flow_kpi(&b, g, (flow_kpi_t)k);
            if (k == FLOW_K_COST_YEAR || k == FLOW_K_COST_PER_CASE) continue; /* expected cost */
            if (!(x == y || (isnan(x) && isnan(y))))
                ck_abort_msg("%s (group %zu): %.17g vs %.17g", flow_kpi_name((flow_kpi_t)k), g, x,
                             y);
        }
    CHECK_EQ_D(flow_kpi(&a, 0, FLOW_K_BREACHES), 0);
    CHECK(isnan(flow_kpi(&a, 0, FLOW_K_PLATFORM_P95))); /* unlimited: no latency */
    flow_result_free(&a);
    flow_result_free(&b);
    scn_free(&s);
}
END_TEST

/* The data hub with one server (responses exp(30 s), 1.5 requests a
 * minute: M/M/1) answers with the p95 of the M/M/1 sojourn time; with a
 * 20 s timeout one server times out more than four, sends more requests
 * to manual exchange, and answers later. */
static void finite_hub(scn_t *s, unsigned servers, double timeout_minutes) {
    char err[200];
    s->levers.data_hub = true;
    s->platform.servers = 0;
    s->hub_servers.servers = (int)servers;
    s->hub_servers.timeout = timeout_minutes;
    dist_free(&s->hub_servers.response);
    ck_assert_int_eq(dist_parse(&s->hub_servers.response, "exp(30)", NULL, err, sizeof err), 0);
    dist_scale(&s->hub_servers.response, 1.0 / 60);
}

START_TEST(test_hub_capacity) {
    scn_t s;
    load(&s);
    size_t nb = no_breaches(&s);
    finite_hub(&s, 1, 0);
    const flow_kpi_t k[] = {FLOW_K_HUB_P95, FLOW_K_HUB_TIMEOUTS, FLOW_K_DATA_MANUAL};
    double one[3][REPS], four[3][REPS], timed[3][REPS];
    run_kpis(&s, k, 3, one);
    double p95 = mmc_sojourn_quantile(LAMBDA, 2.0, 1, 0.95) * 60;
    verdict_t vd = verdict_judge(one[0], REPS, p95, 0.99, PRECISION);
    if (vd.kind != VERDICT_PASS)
        ck_abort_msg("hub p95: theory %.5g, simulated %.5g [%.5g, %.5g]", p95, vd.interval.mean,
                     vd.interval.lo, vd.interval.hi);
    for (int r = 0; r < REPS; r++) CHECK_EQ_D(one[1][r], 0); /* no timeout set */
    finite_hub(&s, 1, 20.0 / 60);
    run_kpis(&s, k, 3, timed);
    finite_hub(&s, 4, 20.0 / 60);
    run_kpis(&s, k, 3, four);
    check_sign(timed[1], four[1], -1, "hub timeouts, 4 servers");
    check_sign(timed[0], four[0], -1, "hub p95, 4 servers");
    check_sign(timed[2], four[2], -1, "manual exchange, 4 servers");
    s.n_breaches = nb;
    scn_free(&s);
}
END_TEST

extern Suite *suite_secure(void);
Suite *suite_secure(void) {
    Suite *s = suite_create("secure");
    TCase *tc = tcase_create("breaches and capacity");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_platform_mmc);
    tcase_add_test(tc, test_capacity_direction);
    tcase_add_test(tc, test_retry_keeps_online);
    tcase_add_test(tc, test_security_fewer_breaches);
    tcase_add_test(tc, test_breach_consequences);
    tcase_add_test(tc, test_silent_breach_moves_nothing);
    tcase_add_test(tc, test_hub_capacity);
    suite_add_tcase(s, tc);
    return s;
}
