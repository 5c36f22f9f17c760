/* A day in the hall and where the time goes (models/flow_hourly.c), on
 * halls whose answers are known: the M/M/2 hall of tests/scenarios/
 * mmc_hall.cfg (the share of time in line is Wq / (Wq + E[S])), and a hall
 * with 1 window in the morning and 2 in the afternoon (the roster of
 * test_roster.c), whose morning hours must show M/M/1's line.  Verdicts
 * by `govsim validate`'s rule (study/verdict.h). */
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

#define REPS 10

static void load(scn_t *s, const char *path) {
    char err[512];
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* values[m * REPS + r] against theory[m], precision 5%. */
static void judge(const char *const *names, const double *values, const double *theory, size_t n) {
    double level = verdict_level(0.99, n);
    for (size_t i = 0; i < n; i++) {
        verdict_t v = verdict_judge(values + i * REPS, REPS, theory[i], level, 0.05);
        if (v.kind != VERDICT_PASS)
            ck_abort_msg("%s: theory %.5g, simulated %.5g, interval [%.5g, %.5g]", names[i],
                         theory[i], v.interval.mean, v.interval.lo, v.interval.hi);
    }
}

/* M/M/2, rho .75: the share of the service's time spent in line is
 * Wq / (Wq + 1); in work the rest; nothing else.  Every hour of the day is
 * open: busy windows 1.5 and 90 arrivals an hour in each. */
START_TEST(test_shares_and_hours_mmc) {
    scn_t s;
    load(&s, "tests/scenarios/mmc_hall.cfg");
    s.days = 100;
    qt_mmc_t t = qt_mmc(1.5, 1, 2);
    double values[4 * REPS];
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        CHECK_EQ(res.n_departments, 1);
        double sum = 0, busy = 0, arrivals = 0, line = 0;
        for (int p = 0; p < FLOW_P_COUNT; p++) sum += flow_phase(&res, 0, 0, (flow_phase_t)p);
        CHECK_NEAR(sum, 1, 1e-12);
        CHECK_EQ_D(flow_phase(&res, 0, 0, FLOW_P_DATA), 0);
        CHECK_EQ_D(flow_phase(&res, 0, 0, FLOW_P_AWAY), 0);
        for (int h = 0; h < FLOW_HOURS; h++) {
            busy += flow_hourly(&res, 0, h, FLOW_H_BUSY) / FLOW_HOURS;
            arrivals += flow_hourly(&res, 0, h, FLOW_H_ARRIVALS) / FLOW_HOURS;
            line += flow_hourly(&res, 0, h, FLOW_H_LINE) / FLOW_HOURS;
        }
        values[0 * REPS + r] = flow_phase(&res, 0, 0, FLOW_P_WAIT);
        values[1 * REPS + r] = busy;
        values[2 * REPS + r] = arrivals;
        values[3 * REPS + r] = line; /* samples every 5 minutes: Lq */
        flow_result_free(&res);
    }
    static const char *const names[] = {"share waiting", "busy windows", "arrivals per hour",
                                        "line length, hours averaged"};
    double theory[] = {t.wq / (t.wq + 1), 1.5, 90, t.lq};
    judge(names, values, theory, 4);
    scn_free(&s);
}
END_TEST

/* 1 window 00:00-12:00, 2 windows 12:00-24:00, 0.5 arrivals a minute:
 * the morning hours (from 01:00, past the switch) show M/M/1's line and
 * wait, the afternoon's M/M/2's utilization; busy windows 0.5 all day. */
START_TEST(test_hours_follow_the_roster) {
    scn_t s;
    load(&s, "tests/scenarios/roster_hall.cfg");
    s.services[0].per_day = 0.5 * 1440;
    s.days = 120;
    roster_t *ro = &s.departments[0].roster;
    memset(ro, 0, sizeof *ro);
    ro->n_entries = 1;
    for (int d = 0; d < 7; d++) ro->entry[0].day[d] = true;
    ro->entry[0].has_windows = true;
    ro->entry[0].windows.n = 2;
    ro->entry[0].windows.block[0] = (roster_block_t){0, 720, 1};
    ro->entry[0].windows.block[1] = (roster_block_t){720, 1440, 2};
    qt_mmc_t one = qt_mmc(0.5, 1, 1);
    double values[3 * REPS];
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, r, NULL, &res), 0);
        double line = 0, wait = 0, busy = 0;
        for (int h = 1; h < 12; h++) {
            line += flow_hourly(&res, 0, h, FLOW_H_LINE) / 11;
            wait += flow_hourly(&res, 0, h, FLOW_H_WAIT) / 11;
        }
        for (int h = 13; h < 24; h++) busy += flow_hourly(&res, 0, h, FLOW_H_BUSY) / 11;
        values[0 * REPS + r] = line;
        values[1 * REPS + r] = wait;
        values[2 * REPS + r] = busy;
        flow_result_free(&res);
    }
    static const char *const names[] = {"morning line", "morning wait", "afternoon busy"};
    double theory[] = {one.lq, one.wq, 0.5};
    judge(names, values, theory, 3);
    scn_free(&s);
}
END_TEST

/* Where the time goes on a baseline: shares of each service sum to 1, and
 * -j does not matter (flow_run is per replication): the same replication
 * twice gives the same arrays. */
START_TEST(test_baseline_shares) {
    scn_t s;
    load(&s, "scenarios/xuzhou.cfg");
    s.days = 40;
    flow_result_t a, b;
    ck_assert_int_eq(flow_run(&s, 1, NULL, &a), 0);
    ck_assert_int_eq(flow_run(&s, 1, NULL, &b), 0);
    size_t nd = s.n_departments;
    CHECK(memcmp(a.phase, b.phase, s.n_services * nd * FLOW_P_COUNT * sizeof *a.phase) == 0);
    CHECK(memcmp(a.hourly, b.hourly, nd * FLOW_HOURS * FLOW_H_COUNT * sizeof *a.hourly) == 0);
    for (size_t sv = 0; sv < s.n_services; sv++) {
        double sum = 0;
        for (size_t d = 0; d < nd; d++)
            for (int p = 0; p < FLOW_P_COUNT; p++) sum += flow_phase(&a, sv, d, (flow_phase_t)p);
        CHECK_NEAR(sum, 1, 1e-9);
    }
    /* closed at night: no sample, NaN */
    CHECK(isnan(flow_hourly(&a, 0, 3, FLOW_H_LINE)));
    CHECK(flow_hourly(&a, 0, 10, FLOW_H_ARRIVALS) > 0);
    flow_result_free(&a);
    flow_result_free(&b);
    scn_free(&s);
}
END_TEST

extern Suite *suite_hall_day(void);
Suite *suite_hall_day(void) {
    Suite *s = suite_create("hall_day");
    TCase *tc = tcase_create("hall_day");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_shares_and_hours_mmc);
    tcase_add_test(tc, test_hours_follow_the_roster);
    tcase_add_test(tc, test_baseline_shares);
    suite_add_tcase(s, tc);
    return s;
}
