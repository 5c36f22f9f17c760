/* Citizens lost at a window line (balking, giving up for good) and the
 * departments' own rows (line length, waits, served), through a scenario
 * file (tests/scenarios/mmc_hall.cfg, an M/M/2 hall open around the clock)
 * against the birth-death chain of the same system, solved here from
 * scratch.  Verdicts by `govsim validate`'s rule (study/verdict.h), as in
 * test_flow.c, so each check can fail. */
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
#define LAMBDA    1.5 /* per minute, as in mmc_hall.cfg */
#define MU        1.0
#define SERVERS   2
#define DEPT      3 /* flow_groups(): all, 1 service, 1 region, then the hall */

typedef struct metric {
    size_t group;
    flow_kpi_t kpi;
    double theory;
} metric_t;

/* The chain: birth LAMBDA x join(n), death min(n,c) MU + (n-c)+ theta,
 * where an arrival that finds every window busy and j = n - c waiting
 * joins when its tolerated line is more than j (`balk` = const(k): j < k;
 * k < 0: always). */
typedef struct chain {
    double p_balk, lq, util;
} chain_t;

static chain_t solve_chain(int k, double theta) {
    double q = 1, mass = 0, balk = 0, lq = 0, busy = 0;
    for (int n = 0; n < 4000; n++) {
        int j = n - SERVERS;
        double join = (j < 0 || k < 0 || j < k) ? 1 : 0;
        mass += q;
        balk += q * (1 - join);
        lq += q * (j > 0 ? j : 0);
        busy += q * (n < SERVERS ? n : SERVERS);
        double death = (n + 1 < SERVERS ? n + 1 : SERVERS) * MU + (j + 1 > 0 ? j + 1 : 0) * theta;
        q *= LAMBDA * join / death;
        if (q < 1e-300) break;
    }
    return (chain_t){balk / mass, lq / mass, busy / mass / SERVERS};
}

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, "tests/scenarios/mmc_hall.cfg", err, sizeof err) != 0) ck_abort_msg("%s", err);
}

static void set_balk(scn_t *s, const char *text) {
    char err[200];
    dist_free(&s->services[0].balk);
    ck_assert_int_eq(dist_parse(&s->services[0].balk, text, NULL, err, sizeof err), 0);
    s->services[0].balks = true;
}

static void check_against_theory(const scn_t *s, const metric_t *mt, size_t n) {
    double values[REPS * 16];
    ck_assert_uint_le(n, 16);
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(s, r, NULL, &res), 0);
        for (size_t i = 0; i < n; i++)
            values[i * REPS + r] = flow_kpi(&res, mt[i].group, mt[i].kpi);
        /* lost cases leave the system: Little's law on the window holds */
        double wip = flow_kpi(&res, 0, FLOW_K_WIP), by_cases = flow_kpi(&res, 0, FLOW_K_WIP_CASES);
        if (!(fabs(wip - by_cases) <= 1e-6 * fmax(1.0, wip)))
            ck_abort_msg("work in system %.9g, by cases %.9g", wip, by_cases);
        flow_result_free(&res);
    }
    double level = verdict_level(0.99, n);
    for (size_t i = 0; i < n; i++) {
        verdict_t v = verdict_judge(values + i * REPS, REPS, mt[i].theory, level, PRECISION);
        if (v.kind != VERDICT_PASS)
            ck_abort_msg("%s (group %zu): theory %.5g, simulated %.5g, interval [%.5g, %.5g]",
                         flow_kpi_name(mt[i].kpi), mt[i].group, mt[i].theory, v.interval.mean,
                         v.interval.lo, v.interval.hi);
    }
}

/* The department's row of a plain M/M/2: line length = Lq, waits = Wq and
 * its p90, utilization, turns served per day; nobody lost. */
START_TEST(test_department_rows_mmc) {
    scn_t s;
    load(&s);
    s.days = 100; /* the line length at rho .75 varies a lot */
    qt_mmc_t t = qt_mmc(LAMBDA, MU, SERVERS);
    metric_t mt[] = {
        {DEPT, FLOW_K_LINE_LENGTH, t.lq},
        {DEPT, FLOW_K_WINDOW_WAIT, t.wq},
        {DEPT, FLOW_K_WINDOW_WAIT_P90, qt_mmc_wait_quantile(LAMBDA, MU, SERVERS, 0.9)},
        {DEPT, FLOW_K_FRONT_UTIL, t.rho},
        {DEPT, FLOW_K_WINDOW_SERVED, LAMBDA * 1440},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    CHECK_EQ_D(flow_kpi(&r, 0, FLOW_K_LOST_BALKED), 0);
    CHECK_EQ_D(flow_kpi(&r, 0, FLOW_K_LOST_ABANDONED), 0);
    CHECK(flow_kpi(&r, DEPT, FLOW_K_LINE_MAX) >= 10);  /* rho .75: lines of 10 happen */
    CHECK(isnan(flow_kpi(&r, DEPT, FLOW_K_CYCLE_WD))); /* case KPIs stay off departments */
    CHECK(isnan(flow_kpi(&r, 0, FLOW_K_LINE_LENGTH)));
    flow_result_free(&r);
    scn_free(&s);
}
END_TEST

/* balk = 0: whoever finds both windows busy goes away: Erlang B. */
START_TEST(test_balk_zero_is_erlang_b) {
    scn_t s;
    load(&s);
    set_balk(&s, "const(0)");
    chain_t t = solve_chain(0, 0);
    CHECK_NEAR(t.p_balk, 1.125 / 3.625, 1e-12); /* B(2, 1.5) by hand */
    metric_t mt[] = {
        {0, FLOW_K_LOST_BALKED, LAMBDA * 1440 * t.p_balk},
        {DEPT, FLOW_K_FRONT_UTIL, t.util},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    CHECK_EQ_D(flow_kpi(&r, DEPT, FLOW_K_LINE_LENGTH), 0);
    CHECK_EQ_D(flow_kpi(&r, DEPT, FLOW_K_LINE_MAX), 0);
    flow_result_free(&r);
    scn_free(&s);
}
END_TEST

/* balk = 3: a citizen who finds 3 waiting goes away: M/M/2/5. */
START_TEST(test_balk_threshold) {
    scn_t s;
    load(&s);
    set_balk(&s, "const(3)");
    chain_t t = solve_chain(3, 0);
    metric_t mt[] = {
        {0, FLOW_K_LOST_BALKED, LAMBDA * 1440 * t.p_balk},
        {DEPT, FLOW_K_LINE_LENGTH, t.lq},
        {DEPT, FLOW_K_FRONT_UTIL, t.util},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    CHECK_EQ_D(flow_kpi(&r, DEPT, FLOW_K_LINE_MAX), 3); /* never longer */
    flow_result_free(&r);
    scn_free(&s);
}
END_TEST

/* patience 2 minutes, never_return = 1: M/M/2+M (Erlang A). */
START_TEST(test_never_return_is_erlang_a) {
    scn_t s;
    load(&s);
    const double theta = 0.5;
    s.services[0].patience_mean = 1 / theta;
    s.services[0].never_return = 1;
    chain_t t = solve_chain(-1, theta);
    qt_erlang_a_t a = qt_erlang_a(LAMBDA, MU, SERVERS, theta);
    CHECK_REL(a.lq, t.lq, 1e-9); /* the chain here and qtheory's agree */
    double p_ab = theta * t.lq / LAMBDA;
    metric_t mt[] = {
        {0, FLOW_K_ABANDON, p_ab},
        {0, FLOW_K_LOST_ABANDONED, LAMBDA * 1440 * p_ab},
        {DEPT, FLOW_K_LINE_LENGTH, t.lq},
        {DEPT, FLOW_K_WINDOW_WAIT, a.wq_served},
        {0, FLOW_K_WINDOW_WAIT, a.wq_served},
    };
    check_against_theory(&s, mt, sizeof mt / sizeof *mt);
    scn_free(&s);
}
END_TEST

/* Half of those who give up never come back, and a tolerated line drawn
 * per citizen: both kinds of loss happen, and Little's law on the window
 * still holds exactly (checked in check_against_theory). */
START_TEST(test_mixed_losses_keep_little) {
    scn_t s;
    load(&s);
    s.services[0].patience_mean = 3;
    s.services[0].never_return = 0.5;
    set_balk(&s, "uniform(2, 12)");
    flow_result_t r;
    ck_assert_int_eq(flow_run(&s, 0, NULL, &r), 0);
    CHECK(flow_kpi(&r, 0, FLOW_K_LOST_BALKED) > 0);
    CHECK(flow_kpi(&r, 0, FLOW_K_LOST_ABANDONED) > 0);
    CHECK(flow_kpi(&r, 0, FLOW_K_CYCLE_WD) > 0);
    flow_result_free(&r);
    check_against_theory(&s, NULL, 0);
    scn_free(&s);
}
END_TEST

/* The waits of Erlang A: as patience grows without bound they tend to
 * Erlang C's; the wait of all arrivals is Lq / lambda (Little on the
 * line).  The wait of those served is checked against simulation above
 * and in `govsim validate`. */
START_TEST(test_erlang_a_served_wait) {
    qt_mmc_t c = qt_mmc(2.4, 1, 3);
    qt_erlang_a_t a = qt_erlang_a(2.4, 1, 3, 1e-7);
    CHECK_REL(a.wq_served, c.wq, 1e-4);
    CHECK_REL(a.wq, c.wq, 1e-4);
    a = qt_erlang_a(2.7, 1, 3, 0.5);
    CHECK_REL(a.wq, a.lq / 2.7, 1e-12);
    CHECK(a.wq_served > 0);
}
END_TEST

extern Suite *suite_lost(void);
Suite *suite_lost(void) {
    Suite *s = suite_create("lost");
    TCase *tc = tcase_create("chains");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_department_rows_mmc);
    tcase_add_test(tc, test_balk_zero_is_erlang_b);
    tcase_add_test(tc, test_balk_threshold);
    tcase_add_test(tc, test_never_return_is_erlang_a);
    tcase_add_test(tc, test_mixed_losses_keep_little);
    tcase_add_test(tc, test_erlang_a_served_wait);
    suite_add_tcase(s, tc);
    return s;
}
