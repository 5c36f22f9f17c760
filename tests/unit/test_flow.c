/* The workflow model (models/flow.h) against queueing theory, through
 * scenario files: the published open network and a Jackson network with
 * feedback and multi-server stations (tests/scenarios/jackson_*.cfg) must
 * reproduce the utilization of every department and the mean response
 * time that study/qtheory.c computes; the model is deterministic for a seed.
 *
 * Verdicts by `govsim validate`'s rule (study/verdict.h): theory inside the
 * Bonferroni-simultaneous interval (family level 99% over the metrics of
 * the test) and that interval no wider than 5% of the theory value, so the
 * check can fail. */
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

#define REPS      10
#define PRECISION 0.05

typedef struct metric {
    size_t group; /* flow_groups() index */
    flow_kpi_t kpi;
    double theory;
} metric_t;

static void load(scn_t *s, const char *path) {
    char err[512];
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (flow_check(s, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* Run REPS replications and check each metric against its theory. */
static void check_against_theory(const scn_t *s, const metric_t *mt, size_t n) {
    double values[REPS * 16];
    ck_assert_uint_le(n, 16);
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(s, r, NULL, &res), 0);
        for (size_t i = 0; i < n; i++)
            values[i * REPS + r] = flow_kpi(&res, mt[i].group, mt[i].kpi);
        flow_result_free(&res);
    }
    double level = verdict_level(0.99, n);
    for (size_t i = 0; i < n; i++) {
        verdict_t v = verdict_judge(values + i * REPS, REPS, mt[i].theory, level, PRECISION);
        stats_ci_t ci = v.interval;
        if (v.kind != VERDICT_PASS)
            ck_abort_msg("%s: %s (group %zu): theory %.5g, simulated %.5g, "
                         "simultaneous interval [%.5g, %.5g]",
                         s->id, flow_kpi_name(mt[i].kpi), mt[i].group, mt[i].theory, ci.mean, ci.lo,
                         ci.hi);
    }
}

/* Metrics of a scenario whose single service routes as a Jackson network
 * over departments with exponential work: utilization per department and
 * the mean response time in minutes. */
static size_t jackson_metrics(const scn_t *s, metric_t *mt) {
    const scn_service_t *sv = &s->services[0];
    size_t k = s->n_departments;
    double ext[8] = {0}, route[64] = {0}, mu[8], lam[8];
    unsigned c[8];
    qt_mmc_t st[8];
    ck_assert_uint_eq(sv->n_steps, k); /* one step per department, same order */
    ext[0] = sv->per_day / 1440.0;
    for (size_t i = 0; i < k; i++) {
        const scn_step_t *step = &sv->steps[i];
        ck_assert_int_eq(step->dept, (int)i);
        mu[i] = 1.0 / dist_mean(&step->work);
        c[i] = (unsigned)s->departments[i].staff;
        for (size_t b = 0; b < step->n_next; b++)
            if (step->next[b].target != SCN_DONE)
                route[i * k + (size_t)step->next[b].target] += step->next[b].prob;
    }
    ck_assert_int_eq(qt_jackson(k, ext, route, mu, c, lam, st), 0);
    size_t n = 0, dept0 = 1 + s->n_services + s->n_regions;
    double in_system = 0;
    for (size_t i = 0; i < k; i++) {
        mt[n++] = (metric_t){dept0 + i, FLOW_K_BACK_UTIL, st[i].rho};
        in_system += st[i].l;
    }
    mt[n++] = (metric_t){0, FLOW_K_CYCLE_MIN, in_system / ext[0]}; /* Little */
    mt[n++] = (metric_t){0, FLOW_K_WIP, in_system};
    return n;
}

START_TEST(test_published_open_network) {
    scn_t s;
    load(&s, "tests/scenarios/jackson_open.cfg");
    metric_t mt[16];
    size_t n = jackson_metrics(&s, mt);
    /* the published figures, to their precision */
    CHECK_NEAR(mt[0].theory, 0.48, 5e-4);
    CHECK_NEAR(mt[1].theory, 0.42, 5e-4);
    CHECK_NEAR(mt[2].theory, 0.72, 5e-4);
    CHECK_NEAR(mt[3].theory, 16 * .0192 + 7 * .0345 + 8 * .107, 5e-3);
    /* jobs in the network: three single-server stations at the published
     * utilizations, L = sum rho / (1 - rho) (not 3 W: jackson_metrics
     * derives W from L, so L = lambda W holds there by construction) */
    CHECK_NEAR(mt[4].theory, .48 / .52 + .42 / .58 + .72 / .28, 1e-9);
    check_against_theory(&s, mt, n);
    scn_free(&s);
}
END_TEST

START_TEST(test_feedback_multiserver_network) {
    scn_t s;
    load(&s, "tests/scenarios/jackson_feedback.cfg");
    metric_t mt[16];
    size_t n = jackson_metrics(&s, mt);
    check_against_theory(&s, mt, n);
    scn_free(&s);
}
END_TEST

/* The check has teeth: the same simulation judged against a theory 10%
 * off (a station 10% faster than modelled) fails. */
START_TEST(test_wrong_theory_is_rejected) {
    scn_t s;
    load(&s, "tests/scenarios/jackson_feedback.cfg");
    metric_t mt[16];
    size_t n = jackson_metrics(&s, mt);
    double values[REPS];
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        values[r] = flow_kpi(&res, mt[n - 1].group, mt[n - 1].kpi);
        flow_result_free(&res);
    }
    double level = verdict_level(0.99, n);
    CHECK(verdict_judge(values, REPS, mt[n - 1].theory, level, PRECISION).kind == VERDICT_PASS);
    CHECK(verdict_judge(values, REPS, 0.9 * mt[n - 1].theory, level, PRECISION).kind ==
          VERDICT_FAIL);
    scn_free(&s);
}
END_TEST

START_TEST(test_same_seed_same_numbers) {
    scn_t s;
    load(&s, "tests/scenarios/jackson_feedback.cfg");
    s.days = 5;
    flow_result_t a, b;
    ck_assert_int_eq(flow_run(&s, 3, NULL, &a), 0);
    ck_assert_int_eq(flow_run(&s, 3, NULL, &b), 0);
    CHECK_EQ(a.n_groups, b.n_groups);
    CHECK(memcmp(a.kpi, b.kpi, a.n_groups * FLOW_K_COUNT * sizeof *a.kpi) == 0);
    CHECK_EQ(a.events, b.events);
    flow_result_t c;
    ck_assert_int_eq(flow_run(&s, 4, NULL, &c), 0); /* another replication differs */
    CHECK(memcmp(a.kpi, c.kpi, a.n_groups * FLOW_K_COUNT * sizeof *a.kpi) != 0);
    flow_result_free(&a);
    flow_result_free(&b);
    flow_result_free(&c);
    scn_free(&s);
}
END_TEST

/* Little's law, exactly, on every bundled baseline: over the measured
 * window, the time-averaged number of open cases equals the sum of each
 * case's minutes inside the window (finished or still open at the end)
 * divided by its length.  The two sides come from different code paths
 * (a time average of the open count; per-case arrival and finishing
 * times), so a case lost, counted twice or mis-timed breaks the equality.
 * (The steady-state form L = lambda W, with W from finished cases only, is
 * biased on a finite run by cases still open at the end, about 3% for the
 * province's two-month construction permits; it is checked against theory
 * on the Jackson networks above, where W is minutes.) */
START_TEST(test_little_exact_on_baselines) {
    static const char *const files[] = {"scenarios/xuzhou.cfg", "scenarios/harbin.cfg",
                                        "scenarios/heilongjiang.cfg", "scenarios/zhejiang.cfg"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        scn_t s;
        load(&s, files[f]);
        s.days = 60;
        flow_result_t r;
        ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
        size_t case_groups = 1 + s.n_services + s.n_regions;
        for (size_t g = 0; g < case_groups; g++) {
            double wip = flow_kpi(&r, g, FLOW_K_WIP);
            double by_cases = flow_kpi(&r, g, FLOW_K_WIP_CASES);
            if (!(fabs(wip - by_cases) <= 1e-6 * fmax(1.0, wip)))
                ck_abort_msg("%s group %zu: work in system %.9g, by cases %.9g", files[f], g, wip,
                             by_cases);
        }
        CHECK(flow_kpi(&r, 0, FLOW_K_WIP) > 1); /* not trivially 0 = 0 */
        flow_result_free(&r);
        scn_free(&s);
    }
}
END_TEST

/* Demand-responsive staffing moves officers to the overloaded office and
 * shortens cycle times there (tests/scenarios/rebalance.cfg); the same
 * replications without the lever are the paired baseline, and the paired
 * 99% interval of the change in mean cycle time must lie below zero. */
START_TEST(test_rebalancing_helps_where_work_is) {
    scn_t s;
    load(&s, "tests/scenarios/rebalance.cfg");
    double with[REPS], without[REPS];
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t a, b;
        s.levers.rebalance_days = 1;
        ck_assert_int_eq(flow_run(&s, r, NULL, &a), 0);
        s.levers.rebalance_days = 0;
        ck_assert_int_eq(flow_run(&s, r, NULL, &b), 0);
        with[r] = flow_kpi(&a, 0, FLOW_K_CYCLE_MIN);
        without[r] = flow_kpi(&b, 0, FLOW_K_CYCLE_MIN);
        flow_result_free(&a);
        flow_result_free(&b);
    }
    stats_ci_t d = stats_ci_paired(without, with, REPS, 0.99);
    if (!(d.hi < 0))
        ck_abort_msg("cycle time change with rebalancing %.3g [%.3g, %.3g] minutes: "
                     "expected a reduction",
                     d.mean, d.lo, d.hi);
    scn_free(&s);
}
END_TEST

/* The distributions kept for plots agree with the KPIs computed from the
 * same cases: trip shares sum to one and give the zero- and one-trip
 * shares; the quantile at p = 0.5, 0.9, 0.95 is the p50/p90/p95 KPI, and
 * quantiles never decrease. */
START_TEST(test_distributions_match_kpis) {
    scn_t s;
    load(&s, "scenarios/xuzhou.cfg");
    s.days = 60;
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    double sum = 0, mean_low = 0;
    for (int i = 0; i < FLOW_TRIP_BINS; i++) {
        sum += r.trip_share[i];
        mean_low += i * r.trip_share[i]; /* the last bin counted at its floor */
    }
    CHECK(fabs(sum - 1) < 1e-12);
    CHECK(fabs(r.trip_share[0] - flow_kpi(&r, 0, FLOW_K_ZERO_TRIP)) < 1e-12);
    CHECK(fabs(r.trip_share[0] + r.trip_share[1] - flow_kpi(&r, 0, FLOW_K_ONE_TRIP)) < 1e-12);
    CHECK(mean_low <= flow_kpi(&r, 0, FLOW_K_TRIPS) + 1e-12);
    CHECK(r.trip_share[1] > 0 && r.trip_share[2] > 0); /* not all in one bin */
    CHECK_EQ_D(r.cycle_quantile[FLOW_CDF_POINTS / 2 - 1], flow_kpi(&r, 0, FLOW_K_CYCLE_P50_WD));
    CHECK_EQ_D(r.cycle_quantile[FLOW_CDF_POINTS * 9 / 10 - 1],
               flow_kpi(&r, 0, FLOW_K_CYCLE_P90_WD));
    CHECK_EQ_D(r.cycle_quantile[FLOW_CDF_POINTS * 95 / 100 - 1],
               flow_kpi(&r, 0, FLOW_K_CYCLE_P95_WD));
    for (int i = 1; i < FLOW_CDF_POINTS - 1; i++)
        CHECK(r.cycle_quantile[i] >= r.cycle_quantile[i - 1]);
    CHECK(r.cycle_quantile[FLOW_CDF_POINTS - 2] > r.cycle_quantile[0]);
    flow_result_free(&r);
    scn_free(&s);
}
END_TEST

extern Suite *suite_flow(void);
Suite *suite_flow(void) {
    Suite *s = suite_create("flow");
    TCase *tc = tcase_create("theory");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_published_open_network);
    tcase_add_test(tc, test_feedback_multiserver_network);
    tcase_add_test(tc, test_wrong_theory_is_rejected);
    tcase_add_test(tc, test_same_seed_same_numbers);
    tcase_add_test(tc, test_little_exact_on_baselines);
    tcase_add_test(tc, test_rebalancing_helps_where_work_is);
    tcase_add_test(tc, test_distributions_match_kpis);
    suite_add_tcase(s, tc);
    return s;
}
