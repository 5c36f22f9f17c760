/* Rosters (models/roster.h): reading shift plans, who is on duty when, and
 * the model against the piecewise-stationary answer for shifts far longer
 * than the queue's relaxation time (tests/scenarios/roster_hall.cfg and an
 * intra-day plan built on it). */
#include <check.h>
#include <libconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cfgr.h"
#include "checks.h"
#include "flow.h"
#include "qtheory.h"
#include "roster.h"
#include "scn.h"
#include "stats.h"
#include "verdict.h"

#define REPS 10
#define DEPT 3 /* flow_groups(): all, 1 service, 1 region, then the hall */

/* Read `text` (a department group's body) into *ro; returns roster_read's
 * code, the message in err. */
static int read_text(const char *text, roster_t *ro, char *err, size_t len) {
    config_t cfg;
    config_init(&cfg);
    char buf[2048];
    snprintf(buf, sizeof buf, "d = { %s };", text);
    ck_assert_int_eq(config_read_string(&cfg, buf), CONFIG_TRUE);
    cfgr_t r = {"t.cfg", err, len, 0, NULL};
    int rc = roster_read(&r, config_lookup(&cfg, "d"), ro);
    config_destroy(&cfg);
    return rc;
}

static double at(int day, int h, int m) { return day * 1440.0 + h * 60 + m; }

START_TEST(test_counts_by_day_and_block) {
    roster_t ro;
    char err[512];
    ck_assert_int_eq(read_text("roster = ( { days = \"weekday\"; windows = ( (\"08:30-12:00\", 4), "
                               "(\"12:00-13:30\", 2), (\"13:30-17:30\", 4) ); },"
                               "{ days = [\"sat\"]; windows = ( (\"09:00-12:00\", 1) ); "
                               "staff = ( (\"09:00-12:00\", 2) ); } );",
                               &ro, err, sizeof err),
                     0);
    ck_assert_uint_eq(ro.n_entries, 2);
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(0, 8, 30)), 4); /* Monday morning */
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(2, 12, 0)), 2); /* lunch rotation */
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(4, 13, 29)), 2);
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(4, 13, 30)), 4);
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(0, 18, 0)), 0);  /* after the last block */
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(12, 10, 0)), 1); /* Saturday, week 2 */
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 9, at(6, 10, 0)), 9);  /* Sunday: fixed */
    CHECK_EQ(roster_count(&ro, ROSTER_STAFF, 7, at(0, 10, 0)), 7);    /* weekday: no staff plan */
    CHECK_EQ(roster_count(&ro, ROSTER_STAFF, 7, at(5, 10, 0)), 2);
    CHECK_EQ(roster_count(&ro, ROSTER_STAFF, 7, at(5, 13, 0)), 0);
    CHECK(roster_has(&ro, ROSTER_STAFF) && roster_has(&ro, ROSTER_WINDOWS));
    CHECK_EQ(roster_max(&ro, ROSTER_WINDOWS, 9), 9);
    CHECK_EQ(roster_max(&ro, ROSTER_WINDOWS, 3), 4);
    /* the next changes: Monday 08:30, 12:00, ..., 17:30, Tuesday 00:00 */
    CHECK_EQ_D(roster_next_change(&ro, 0), at(0, 8, 30));
    CHECK_EQ_D(roster_next_change(&ro, at(0, 8, 30)), at(0, 12, 0));
    CHECK_EQ_D(roster_next_change(&ro, at(0, 13, 30)), at(0, 17, 30));
    CHECK_EQ_D(roster_next_change(&ro, at(0, 17, 30)), at(1, 0, 0));
    /* Monday to Friday 8 h at 4 - 1.5 h at 2 x 5 ... over 08:30-17:30 open */
    bool wd[7] = {true, true, true, true, true, false, false};
    double open[1] = {8.5 * 60}, close[1] = {17.5 * 60};
    CHECK_NEAR(roster_mean_open(&ro, ROSTER_WINDOWS, 9, wd, open, close, 1),
               (7.5 * 4 + 1.5 * 2) / 9.0, 1e-12);
}
END_TEST

START_TEST(test_no_roster_is_fixed) {
    roster_t ro;
    char err[512];
    ck_assert_int_eq(read_text("staff = 3;", &ro, err, sizeof err), 0);
    CHECK_EQ(ro.n_entries, 0);
    CHECK_EQ(roster_count(&ro, ROSTER_WINDOWS, 5, at(3, 3, 3)), 5);
    CHECK(isinf(roster_next_change(&ro, 0)));
}
END_TEST

/* Each bad plan: one message naming the setting and what was expected. */
START_TEST(test_bad_rosters) {
    static const struct {
        const char *text, *expect;
    } bad[] = {
        {"roster = ( { days = \"holiday\"; windows = ( (\"08:00-12:00\", 1) ); } );",
         "d.roster[0].days: unknown day type 'holiday'"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"08:00-12:00\", 1), (\"11:00-13:00\", 1) "
         "); } );",
         "starts before the block above it ends"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"8:00-12:00\", 1) ); } );",
         "'8:00-12:00' is not a time block"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"12:00-08:00\", 1) ); } );",
         "ends before it starts"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"08:00-12:00\", -1) ); } );",
         "out of range"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"08:00-12:00\", 1.5) ); } );",
         "whole number"},
        {"roster = ( { days = \"weekday\"; windows = ( (\"08:00-12:00\", 1) ); },"
         "           { days = [\"sat\", \"fri\"]; windows = ( (\"08:00-12:00\", 1) ); } );",
         "already plans"},
        {"roster = ( { days = \"weekday\"; } );", "expected windows or staff"},
        {"roster = ( { windows = ( (\"08:00-12:00\", 1) ); } );", "days: missing"},
        {"roster = ( { days = \"weekday\"; windows = ( \"08:00-12:00\" ); } );", "is not a pair"},
        {"roster = ( { days = \"weekday\"; shifts = 2; } );", "unknown setting"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        roster_t ro;
        char err[512] = "";
        if (read_text(bad[i].text, &ro, err, sizeof err) != -1)
            ck_abort_msg("case %zu accepted", i);
        if (!strstr(err, bad[i].expect) || strncmp(err, "t.cfg:1: ", 9) != 0)
            ck_abort_msg("case %zu: '%s' lacks '%s'", i, err, bad[i].expect);
    }
}
END_TEST

typedef struct metric {
    size_t group;
    flow_kpi_t kpi;
    double theory;
} metric_t;

static void check_against_theory(const scn_t *s, const metric_t *mt, size_t n) {
    double values[REPS * 8];
    ck_assert_uint_le(n, 8);
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(s, r, NULL, &res), 0);
        for (size_t i = 0; i < n; i++)
            values[i * REPS + r] = flow_kpi(&res, mt[i].group, mt[i].kpi);
        flow_result_free(&res);
    }
    double level = verdict_level(0.99, n);
    for (size_t i = 0; i < n; i++) {
        verdict_t v = verdict_judge(values + i * REPS, REPS, mt[i].theory, level, 0.05);
        if (v.kind != VERDICT_PASS)
            ck_abort_msg("%s (group %zu): theory %.5g, simulated %.5g, interval [%.5g, %.5g]",
                         flow_kpi_name(mt[i].kpi), mt[i].group, mt[i].theory, v.interval.mean,
                         v.interval.lo, v.interval.hi);
    }
}

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, "tests/scenarios/roster_hall.cfg", err, sizeof err) != 0)
        ck_abort_msg("%s", err);
}

/* Weekdays 2 windows, weekends 3: time averages 5/7 M/M/2 + 2/7 M/M/3. */
START_TEST(test_two_shifts_by_day_type) {
    scn_t s;
    load(&s);
    qt_mmc_t two = qt_mmc(1.5, 1, 2), three = qt_mmc(1.5, 1, 3);
    metric_t mt[] = {
        {DEPT, FLOW_K_LINE_LENGTH, (5 * two.lq + 2 * three.lq) / 7},
        {DEPT, FLOW_K_WINDOW_WAIT, (5 * two.wq + 2 * three.wq) / 7},
        {DEPT, FLOW_K_FRONT_UTIL, 1.5 / ((5 * 2 + 2 * 3) / 7.0)},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    scn_free(&s);
}
END_TEST

/* Within the day: 1 window 00:00-12:00, 2 windows 12:00-24:00, at 0.5
 * arrivals per minute: half of M/M/1's line plus half of M/M/2's. */
START_TEST(test_two_shifts_within_the_day) {
    scn_t s;
    load(&s);
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
    qt_mmc_t one = qt_mmc(0.5, 1, 1), two = qt_mmc(0.5, 1, 2);
    metric_t mt[] = {
        {DEPT, FLOW_K_LINE_LENGTH, (one.lq + two.lq) / 2},
        {DEPT, FLOW_K_WINDOW_WAIT, (one.wq + two.wq) / 2},
        {DEPT, FLOW_K_FRONT_UTIL, 0.5 / 1.5},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    scn_free(&s);
}
END_TEST

/* A department staffed by its roster alone (fixed windows and staff 0):
 * accepted, and its windows and officers work when the roster has them on
 * duty; the hall's hours are its opening hours only. */
START_TEST(test_roster_only_department) {
    scn_t s;
    char err[512];
    if (scn_load(&s, "tests/scenarios/good/roster_only.cfg", err, sizeof err) != 0)
        ck_abort_msg("%s", err);
    ck_assert_int_eq(flow_check(&s, err, sizeof err), 0);
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    CHECK(flow_kpi(&r, 0, FLOW_K_COMPLETED) > 0);
    double u = flow_kpi(&r, DEPT, FLOW_K_FRONT_UTIL), b = flow_kpi(&r, DEPT, FLOW_K_BACK_UTIL);
    CHECK(u > 0 && u < 1 && b > 0 && b < 1);
    for (int h = 0; h < FLOW_HOURS; h++) /* open 08:30-17:30 */
        CHECK(isnan(flow_hourly(&r, 0, h, FLOW_H_LINE)) == (h < 8 || h > 17));
    flow_result_free(&r);
    scn_free(&s);
}
END_TEST

/* Demand-responsive staffing within the day (levers.rebalance_hours):
 * on tests/scenarios/rebalance.cfg (one office overloaded, its
 * neighbours idle) moving officers every 2 open hours shortens cycle
 * times against no rebalancing, paired on the same replications. */
START_TEST(test_rebalancing_within_the_day) {
    scn_t s;
    char err[512];
    if (scn_load(&s, "tests/scenarios/rebalance.cfg", err, sizeof err) != 0)
        ck_abort_msg("%s", err);
    double with[REPS], without[REPS];
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t a, b;
        s.levers.rebalance_days = 0;
        s.levers.rebalance_hours = 2;
        ck_assert_int_eq(flow_run(&s, r, NULL, &a), 0);
        s.levers.rebalance_hours = 0;
        ck_assert_int_eq(flow_run(&s, r, NULL, &b), 0);
        with[r] = flow_kpi(&a, 0, FLOW_K_CYCLE_MIN);
        without[r] = flow_kpi(&b, 0, FLOW_K_CYCLE_MIN);
        flow_result_free(&a);
        flow_result_free(&b);
    }
    stats_ci_t d = stats_ci_paired(without, with, REPS, 0.99);
    if (!(d.hi < 0))
        ck_abort_msg("cycle time change %.3g [%.3g, %.3g] minutes: expected a reduction", d.mean,
                     d.lo, d.hi);
    scn_free(&s);
}
END_TEST

extern Suite *suite_roster(void);
Suite *suite_roster(void) {
    Suite *s = suite_create("roster");
    TCase *tc = tcase_create("roster");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_counts_by_day_and_block);
    tcase_add_test(tc, test_no_roster_is_fixed);
    tcase_add_test(tc, test_bad_rosters);
    tcase_add_test(tc, test_two_shifts_by_day_type);
    tcase_add_test(tc, test_two_shifts_within_the_day);
    tcase_add_test(tc, test_roster_only_department);
    tcase_add_test(tc, test_rebalancing_within_the_day);
    suite_add_tcase(s, tc);
    return s;
}
