/* Appointments (models/flow_appt.c) through a scenario file
 * (tests/scenarios/appt_hall.cfg, a hall open 08:00-12:00 on weekdays
 * with 30-minute slots): arrivals plus no-shows keep the demand, booked
 * citizens come around the slot starts, the no-show share is the
 * setting's, full slots obey `when_full`, a share of 0 changes nothing,
 * and bad settings are one file:line message each. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "flow.h"
#include "scn.h"

#define REPS    4
#define SLOT    30.0
#define MAX_ARR 20000

typedef struct seen {
    size_t n, closed;
    double t[MAX_ARR];
} seen_t;

static void on_event(void *ctx, const flow_event_t *ev) {
    seen_t *s = ctx;
    if (ev->kind == FLOW_EV_ARRIVE && s->n < MAX_ARR) s->t[s->n++] = ev->time;
    if (ev->kind == FLOW_EV_CLOSED) s->closed++;
}

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, "tests/scenarios/appt_hall.cfg", err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* One replication: the arrival times in *seen, the no-shows returned. */
static double run(const scn_t *s, uint32_t rep, seen_t *seen) {
    flow_result_t res;
    seen->n = seen->closed = 0;
    flow_observer_t obs = {on_event, seen};
    ck_assert_int_eq(flow_run_observed(s, rep, NULL, &obs, &res), 0);
    CHECK(seen->n < MAX_ARR);
    double no_shows = flow_kpi(&res, 0, FLOW_K_NO_SHOW) * s->days;
    flow_result_free(&res);
    return no_shows;
}

/* Working days in the run (the calendar of appt_hall.cfg: Monday-Friday,
 * day 0 a Monday). */
static double working_days(const scn_t *s) {
    double n = 0;
    for (int d = 0; d < s->days; d++) n += d % 7 < 5;
    return n;
}

/* Minutes from t to the nearest slot start. */
static double off_slot(double t) {
    double r = fmod(t, SLOT);
    return r < SLOT / 2 ? r : SLOT - r;
}

/* Counter arrivals that book, walk in and stay away add up to the demand:
 * the total over the replications is Poisson, within 5 of its sd. */
START_TEST(test_demand_kept) {
    scn_t s;
    load(&s);
    static seen_t seen;
    double total = 0;
    for (uint32_t r = 0; r < REPS; r++) total += run(&s, r, &seen) + (double)seen.n;
    double expect = s.services[0].per_day * working_days(&s) * REPS;
    if (!(fabs(total - expect) <= 5 * sqrt(expect)))
        ck_abort_msg("arrivals and no-shows %.0f, demand %.0f", total, expect);
    scn_free(&s);
}
END_TEST

/* Everyone books and comes within a few minutes of the slot start: nearly
 * all arrivals are within 6 minutes of one, against 40% of walk-ins. */
START_TEST(test_booked_cluster) {
    scn_t s;
    load(&s);
    static seen_t seen;
    s.services[0].appt.early_late = (scn_offset_t){SCN_OFFSET_NORMAL, 0, 2};
    double near[2];
    for (int share = 0; share < 2; share++) {
        s.services[0].appt.share = share;
        run(&s, 0, &seen);
        size_t k = 0;
        for (size_t i = 0; i < seen.n; i++) k += off_slot(seen.t[i]) <= 6;
        near[share] = (double)k / (double)seen.n;
    }
    if (!(near[1] > 0.95 && fabs(near[0] - 0.4) < 0.05))
        ck_abort_msg("within 6 minutes of a slot start: %.3f booked, %.3f walk-in", near[1],
                     near[0]);
    scn_free(&s);
}
END_TEST

/* Everyone books, 20% do not come: the share of no-shows among bookings
 * is 0.2 within 5 binomial standard errors. */
START_TEST(test_no_show_rate) {
    scn_t s;
    load(&s);
    static seen_t seen;
    s.services[0].appt.share = 1;
    s.services[0].appt.no_show = 0.2;
    double gone = 0, came = 0;
    for (uint32_t r = 0; r < REPS; r++) {
        gone += run(&s, r, &seen);
        came += (double)seen.n;
    }
    double n = gone + came, p = gone / n, se = sqrt(0.2 * 0.8 / n);
    if (!(fabs(p - 0.2) <= 5 * se)) ck_abort_msg("no-show share %.4f of %.0f bookings", p, n);
    scn_free(&s);
}
END_TEST

/* Slots of 1 booking per window (4 per slot), everyone books, on time: no
 * slot gets more than 4 citizens at its start.  walk_in: the rest come at
 * their own times and the demand is kept; next_day: everyone comes at a
 * slot start, so the overflow moves to later days. */
START_TEST(test_when_full) {
    scn_t s;
    load(&s);
    static seen_t seen;
    scn_appt_t *ap = &s.services[0].appt;
    ap->share = 1;
    ap->no_show = 0;
    ap->slots_per_window = 1;
    ap->early_late = (scn_offset_t){SCN_OFFSET_CONST, 0, 0};
    for (int rule = 0; rule < 2; rule++) {
        ap->when_full = rule ? SCN_APPT_NEXT_DAY : SCN_APPT_WALK_IN;
        run(&s, 0, &seen);
        size_t at_start = 0, worst = 0, same = 0;
        for (size_t i = 0; i < seen.n; i++) {
            bool start = fmod(seen.t[i], SLOT) == 0;
            at_start += start;
            same = (i > 0 && start && seen.t[i] == seen.t[i - 1]) ? same + 1 : 1;
            if (start && same > worst) worst = same;
        }
        CHECK_CMP(worst, <=, 4);
        CHECK_CMP(worst, ==, 4); /* the slots did fill */
        if (rule == 0) {
            CHECK(at_start < seen.n);
            double expect = s.services[0].per_day * working_days(&s);
            if (!(fabs((double)seen.n - expect) <= 5 * sqrt(expect)))
                ck_abort_msg("walk_in: %zu arrivals, demand %.0f", seen.n, expect);
        } else {
            CHECK_CMP(at_start, ==, seen.n);
        }
    }
    scn_free(&s);
}
END_TEST

/* Everyone books and comes 10 minutes early: one early for the 08:00
 * slot waits for the doors to open rather than finding the hall closed
 * and going home. */
START_TEST(test_early_waits_for_opening) {
    scn_t s;
    load(&s);
    static seen_t seen;
    s.services[0].appt.share = 1;
    s.services[0].appt.early_late = (scn_offset_t){SCN_OFFSET_CONST, -10, 0};
    run(&s, 0, &seen);
    CHECK(seen.n > 0);
    CHECK_CMP(seen.closed, ==, 0);
    scn_free(&s);
}
END_TEST

/* A share of 0 draws the citizens' appointment luck but changes nothing:
 * every KPI is the same, bit for bit, as without the setting. */
START_TEST(test_share_zero_identical) {
    scn_t s;
    load(&s);
    flow_result_t a, b;
    s.services[0].appt.on = false;
    ck_assert_int_eq(flow_run(&s, 1, NULL, &a), 0);
    s.services[0].appt.on = true;
    s.services[0].appt.share = 0;
    ck_assert_int_eq(flow_run(&s, 1, NULL, &b), 0);
    ck_assert_uint_eq(a.n_groups, b.n_groups);
    for (size_t i = 0; i < a.n_groups * FLOW_K_COUNT; i++)
        if (memcmp(&a.kpi[i], &b.kpi[i], sizeof a.kpi[i]) != 0)
            ck_abort_msg("KPI %s of group %zu: %.17g without, %.17g with share 0",
                         flow_kpi_name((flow_kpi_t)(i % FLOW_K_COUNT)), i / FLOW_K_COUNT, a.kpi[i],
                         b.kpi[i]);
    ck_assert_uint_eq(a.events, b.events);
    flow_result_free(&a);
    flow_result_free(&b);
    scn_free(&s);
}
END_TEST

/* The early/late forms: signed values allowed, bad ones refused. */
START_TEST(test_offset_parse) {
    scn_offset_t o;
    char err[128];
    ck_assert_int_eq(scn_offset_parse("normal(-5, 10)", &o, err, sizeof err), 0);
    CHECK(o.kind == SCN_OFFSET_NORMAL && o.a == -5 && o.b == 10);
    ck_assert_int_eq(scn_offset_parse("uniform(-10,5)", &o, err, sizeof err), 0);
    ck_assert_int_eq(scn_offset_parse("const(-3)", &o, err, sizeof err), 0);
    CHECK(o.kind == SCN_OFFSET_CONST && o.a == -3);
    const char *bad[] = {"normal(0, 0)", "uniform(5, 5)",  "exp(3)", "const(1, 2)",
                         "normal(1)",    "normal(1, 2) x", "",       "nan(1)"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (scn_offset_parse(bad[i], &o, err, sizeof err) == 0)
            ck_abort_msg("'%s' accepted", bad[i]);
}
END_TEST

extern Suite *suite_appt(void);
Suite *suite_appt(void) {
    Suite *s = suite_create("appt");
    TCase *tc = tcase_create("appointments");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_demand_kept);
    tcase_add_test(tc, test_booked_cluster);
    tcase_add_test(tc, test_no_show_rate);
    tcase_add_test(tc, test_when_full);
    tcase_add_test(tc, test_early_waits_for_opening);
    tcase_add_test(tc, test_share_zero_identical);
    tcase_add_test(tc, test_offset_parse);
    suite_add_tcase(s, tc);
    return s;
}
