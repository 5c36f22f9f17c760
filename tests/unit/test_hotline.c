/* The 12345 hotline (models/hotline.c) through scenario files: the call
 * centre against Erlang A (validate_flow.c's scenario), own calls at the
 * profile's rate, appeals' officer time visible in staff utilization
 * (paired with and without the hotline), an inert hotline that changes no
 * case's number, the bad rating that follows lateness, and "listening"
 * that steers demand-responsive staffing only when it is on. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "flow.h"
#include "qtheory.h"
#include "scn.h"
#include "validate_flow.h"

#define HALL "tests/scenarios/hotline_hall.cfg"
#define REPS 6

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, HALL, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* KPI k of group g in replication rep. */
static double kpi_of(const scn_t *s, uint32_t rep, size_t g, flow_kpi_t k) {
    flow_result_t r;
    ck_assert_int_eq(flow_run(s, rep, NULL, &r), 0);
    double v = flow_kpi(&r, g, k);
    flow_result_free(&r);
    return v;
}

/* Mean and standard error of x[0..n). */
static void mean_se(const double *x, size_t n, double *mean, double *se) {
    double m = 0, ss = 0;
    for (size_t i = 0; i < n; i++) m += x[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
    *mean = m;
    *se = sqrt(ss / (double)(n - 1) / (double)n);
}

/* The call centre as M/M/c+M through the scenario language: the share of
 * calls that wait, that hang up, and the wait of those answered, within
 * 5 standard errors (over replications) of the exact chain. */
START_TEST(test_erlang_a) {
    const double lambda = 6.0, mu = 0.8, theta = 1.0;
    const unsigned c = 8;
    scn_t s;
    char err[512];
    if (validate_hotline_scenario(&s, lambda, mu, c, theta, 8, err, sizeof err) != 0)
        ck_abort_msg("%s", err);
    qt_erlang_a_t t = qt_erlang_a(lambda, mu, c, theta);
    double wait[REPS], hang[REPS], wq[REPS], m, se;
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        wait[r] = flow_kpi(&res, 0, FLOW_K_CALLS_WAITED);
        hang[r] = flow_kpi(&res, 0, FLOW_K_CALLS_ABANDONED);
        wq[r] = flow_kpi(&res, 0, FLOW_K_CALL_WAIT);
        flow_result_free(&res);
    }
    mean_se(wait, REPS, &m, &se);
    CHECK_5SE(m, t.p_wait, se);
    mean_se(hang, REPS, &m, &se);
    CHECK_5SE(m, t.p_abandon, se);
    mean_se(wq, REPS, &m, &se);
    CHECK_5SE(m, t.wq_served, se);
    scn_free(&s);
}
END_TEST

/* Own calls only (no triggers): calls offered (answered + hung up) over
 * the measured days match calls_per_day times each day's weight, within 5
 * Poisson sd. */
START_TEST(test_own_calls_rate) {
    scn_t s;
    load(&s);
    for (int i = 0; i < SCN_HL_TRIGGERS; i++) s.hotline.trigger[i] = 0;
    double total = 0;
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        double answered = flow_kpi(&res, 0, FLOW_K_CALLS_ANSWERED) * s.days;
        total += answered / (1 - flow_kpi(&res, 0, FLOW_K_CALLS_ABANDONED));
        flow_result_free(&res);
    }
    /* calls_per_day on an ordinary day: the day-of-week weights over their
     * mean, day by day over the measured days */
    const double *w = s.hotline.profile->weekday;
    double mean = (w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + w[6]) / 7, expect = 0;
    for (int d = s.warmup_days; d < s.warmup_days + s.days; d++)
        expect += s.hotline.calls_per_day * w[(d + s.calendar.first_weekday) % 7] / mean * REPS;
    if (!(fabs(total - expect) <= 5 * sqrt(expect)))
        ck_abort_msg("calls offered %.1f, expected %.0f", total, expect);
    scn_free(&s);
}
END_TEST

/* Appeals take the departments' officers: each department's staff
 * utilization is higher with the hotline than without, replication by
 * replication on the same citizens, and the 95% interval of the paired
 * difference excludes 0. */
START_TEST(test_appeals_load_staff) {
    scn_t s;
    load(&s);
    for (size_t d = 0; d < s.n_departments; d++) {
        size_t g = 1 + s.n_services + s.n_regions + d; /* flow_groups() order */
        double diff[REPS], m, se;
        for (uint32_t r = 0; r < REPS; r++) {
            s.hotline.on = true;
            double with = kpi_of(&s, r, g, FLOW_K_BACK_UTIL);
            s.hotline.on = false;
            diff[r] = with - kpi_of(&s, r, g, FLOW_K_BACK_UTIL);
        }
        mean_se(diff, REPS, &m, &se);
        if (!(m - 2.571 * se > 0)) /* t(0.975, 5) */
            ck_abort_msg("department %s: utilization +%.4f +- %.4f", s.departments[d].id, m,
                         2.571 * se);
    }
    scn_free(&s);
}
END_TEST

/* A hotline that nobody calls (no own calls, no triggers) changes no
 * number of the cases: every KPI but the hotline's is the same, bit for
 * bit, as without the block. */
START_TEST(test_inert_hotline_identical) {
    scn_t s;
    load(&s);
    s.hotline.calls_per_day = 0;
    for (int i = 0; i < SCN_HL_TRIGGERS; i++) s.hotline.trigger[i] = 0;
    flow_result_t a, b;
    ck_assert_int_eq(flow_run(&s, 1, NULL, &a), 0);
    s.hotline.on = false;
    ck_assert_int_eq(flow_run(&s, 1, NULL, &b), 0);
    ck_assert_uint_eq(a.n_groups, b.n_groups);
    for (size_t g = 0; g < a.n_groups; g++)
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            if (flow_kpi_is_hotline((flow_kpi_t)k)) continue;
            double x = flow_kpi(&a, g, (flow_kpi_t)k), y = flow_kpi(&b, g, (flow_kpi_t)k);
            if (!(x == y || (isnan(x) && isnan(y))))
                ck_abort_msg("group %zu %s: %.17g vs %.17g", g, flow_kpi_name((flow_kpi_t)k), x, y);
        }
    flow_result_free(&a);
    flow_result_free(&b);
    scn_free(&s);
}
END_TEST

/* A rating is bad exactly when the appeal was late if the chances are 1
 * late and 0 in time: bad rating = 1 - within limit, in every replication.
 * Tight officers make some appeals late. */
START_TEST(test_bad_rating_follows_lateness) {
    scn_t s;
    load(&s);
    s.hotline.bad_within = 0;
    s.hotline.bad_over = 1;
    s.hotline.simple_days = 0.05;
    for (uint32_t r = 0; r < 3; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        double within = flow_kpi(&res, 0, FLOW_K_APPEALS_WITHIN);
        double bad = flow_kpi(&res, 0, FLOW_K_BAD_RATING);
        CHECK(within > 0 && within < 1);
        CHECK_APPROX(bad, 1 - within);
        flow_result_free(&res);
    }
    scn_free(&s);
}
END_TEST

/* Listening (appeals steer demand-responsive staffing) changes the cases'
 * numbers when officers are rebalanced, and nothing when they are not. */
START_TEST(test_listen_steers_rebalancing) {
    scn_t s;
    load(&s);
    size_t g = 0;
    double off[2], on[2];
    for (int rebalance = 0; rebalance < 2; rebalance++) {
        s.levers.rebalance_days = rebalance;
        s.hotline.listen = false;
        off[rebalance] = kpi_of(&s, 0, g, FLOW_K_CYCLE_WD);
        s.hotline.listen = true;
        s.hotline.listen_minutes = 600;
        on[rebalance] = kpi_of(&s, 0, g, FLOW_K_CYCLE_WD);
    }
    CHECK(off[0] == on[0]);
    CHECK(off[1] != on[1]);
    scn_free(&s);
}
END_TEST

extern Suite *suite_hotline(void);
Suite *suite_hotline(void) {
    Suite *s = suite_create("hotline");
    TCase *tc = tcase_create("hotline");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_erlang_a);
    tcase_add_test(tc, test_own_calls_rate);
    tcase_add_test(tc, test_appeals_load_staff);
    tcase_add_test(tc, test_inert_hotline_identical);
    tcase_add_test(tc, test_bad_rating_follows_lateness);
    tcase_add_test(tc, test_listen_steers_rebalancing);
    suite_add_tcase(s, tc);
    return s;
}
