/* Common random numbers that hold (models/flow_luck.c): each case draws
 * from its own substreams, so a reform that changes only service alpha
 * (who of alpha's citizens comes back and when, how many arrive, alpha's
 * department) leaves every KPI of service beta, which shares no
 * department with alpha, exactly as it was, replication by replication
 * (tests/scenarios/crn_two_services.cfg).  With one returns stream shared
 * by every service, or work and outcome streams shared by the cases of a
 * step in arrival order, beta's numbers moved with alpha's reform. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "dist.h"
#include "flow.h"
#include "flow_internal.h"
#include "scn.h"

#define SCENARIO "tests/scenarios/crn_two_services.cfg"
#define REPS     4

static void load(scn_t *s) {
    char err[512];
    if (scn_load(s, SCENARIO, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (flow_check(s, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

static int find_service(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_services; i++)
        if (strcmp(s->services[i].id, id) == 0) return (int)i;
    ck_abort_msg("no service %s", id);
    return -1;
}

static int find_department(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_departments; i++)
        if (strcmp(s->departments[i].id, id) == 0) return (int)i;
    ck_abort_msg("no department %s", id);
    return -1;
}

/* Index in flow_groups() order of the group (kind, index). */
static size_t group_of(const scn_t *s, flow_group_kind_t kind, int index) {
    flow_group_t g[256];
    size_t n = flow_groups(s, g, 256);
    for (size_t i = 0; i < n; i++)
        if (g[i].kind == kind && g[i].index == index) return i;
    ck_abort_msg("no group %d/%d", (int)kind, index);
    return 0;
}

/* Are the KPI rows of group g equal, bit for bit (NaN included)? */
static bool same_row(const flow_result_t *a, const flow_result_t *b, size_t g) {
    return memcmp(&a->kpi[g * FLOW_K_COUNT], &b->kpi[g * FLOW_K_COUNT],
                  FLOW_K_COUNT * sizeof *a->kpi) == 0;
}

/* First KPI of group g that differs, for the message. */
static int first_difference(const flow_result_t *a, const flow_result_t *b, size_t g) {
    for (int k = 0; k < FLOW_K_COUNT; k++)
        if (memcmp(&a->kpi[g * FLOW_K_COUNT + k], &b->kpi[g * FLOW_K_COUNT + k], sizeof(double)))
            return k;
    return -1;
}

typedef void (*reform_fn)(scn_t *s);

/* Run the baseline and the reformed copy on the same replications: beta's
 * service row and its departments' rows must be identical, alpha's must
 * have moved (the reform did something). */
static void check_beta_untouched(reform_fn reform, const char *what) {
    scn_t base, var;
    load(&base);
    load(&var);
    reform(&var);
    int alpha = find_service(&base, "alpha"), beta = find_service(&base, "beta");
    size_t g_alpha = group_of(&base, FLOW_G_SERVICE, alpha);
    size_t g_beta = group_of(&base, FLOW_G_SERVICE, beta);
    const char *beta_depts[] = {"b_hall", "b_office", "b_records"};
    int alpha_moved = 0;
    for (uint32_t r = 0; r < REPS; r++) {
        flow_result_t a, b;
        ck_assert_int_eq(flow_run(&base, r, NULL, &a), 0);
        ck_assert_int_eq(flow_run(&var, r, NULL, &b), 0);
        /* beta is a real workload: returns, rework, lines, data */
        CHECK(flow_kpi(&a, g_beta, FLOW_K_COMPLETED) > 100);
        CHECK(flow_kpi(&a, g_beta, FLOW_K_TRIPS) > 1.5);
        CHECK(flow_kpi(&a, g_beta, FLOW_K_REWORK) > 0.05);
        CHECK(flow_kpi(&a, g_beta, FLOW_K_ABANDON) > 0);
        if (!same_row(&a, &b, g_beta)) {
            int k = first_difference(&a, &b, g_beta);
            ck_abort_msg("%s, replication %u: beta's %s moved from %.17g to %.17g", what, r,
                         flow_kpi_name((flow_kpi_t)k), flow_kpi(&a, g_beta, (flow_kpi_t)k),
                         flow_kpi(&b, g_beta, (flow_kpi_t)k));
        }
        for (size_t i = 0; i < sizeof beta_depts / sizeof *beta_depts; i++) {
            size_t g = group_of(&base, FLOW_G_DEPARTMENT, find_department(&base, beta_depts[i]));
            if (!same_row(&a, &b, g))
                ck_abort_msg("%s, replication %u: department %s moved", what, r, beta_depts[i]);
        }
        alpha_moved += !same_row(&a, &b, g_alpha);
        flow_result_free(&a);
        flow_result_free(&b);
    }
    CHECK_EQ(alpha_moved, REPS);
    scn_free(&base);
    scn_free(&var);
}

/* More of alpha's citizens sent home, and they give up sooner. */
static void alpha_comes_back_more(scn_t *s) {
    scn_service_t *a = &s->services[find_service(s, "alpha")];
    a->steps[0].incomplete = 0.45;
    a->patience_mean = 15;
}

/* Twice alpha's demand (alpha's arrival streams only). */
static void alpha_doubles(scn_t *s) { s->services[find_service(s, "alpha")].per_day *= 2; }

/* Alpha's back office loses an officer and makes more errors. */
static void alpha_office_cut(scn_t *s) {
    scn_department_t *d = &s->departments[find_department(s, "a_office")];
    d->staff -= 1;
    d->error_rate = 0.2;
}

START_TEST(test_alpha_returns_leave_beta_alone) {
    check_beta_untouched(alpha_comes_back_more, "alpha's incomplete share and patience");
}
END_TEST

START_TEST(test_alpha_demand_leaves_beta_alone) {
    check_beta_untouched(alpha_doubles, "alpha's demand doubled");
}
END_TEST

START_TEST(test_alpha_office_leaves_beta_alone) {
    check_beta_untouched(alpha_office_cut, "alpha's office cut");
}
END_TEST

/* A parallel run of four steps, worked in any order, meets the luck the
 * same steps meet in sequence: step j's work time and outcome numbers are
 * those of the sequence's j-th, and after the run the case's substreams go
 * on where the sequence's do (models/flow_luck.c).  Rework inside the run
 * takes fresh numbers, not the next step's. */
START_TEST(test_parallel_run_keeps_each_steps_luck) {
    enum { RUN = 4 };
    scn_t s;
    memset(&s, 0, sizeof s);
    s.seed = 99;
    flow_model_t m;
    memset(&m, 0, sizeof m);
    m.s = &s;
    m.rep = 2;
    ck_assert_int_eq(flow_luck_setup(&m), 0);
    dist_t d;
    char err[128];
    ck_assert_int_eq(dist_parse(&d, "lognormal(20, 0.8)", NULL, err, sizeof err), 0);
    flow_case_t seq, par;
    flow_luck_init(&m, &seq, 5);
    par = seq;
    /* in sequence, on the case's substreams */
    task_t main_task = {0};
    double work[RUN + 1], out[RUN + 1][3];
    for (int j = 0; j <= RUN; j++) {
        work[j] = flow_luck_work(&seq, &main_task, &d);
        flow_luck_outcomes(&seq, &main_task, out[j]);
    }
    /* in parallel, worked last step first, the first step twice (rework) */
    task_t tk[RUN];
    memset(tk, 0, sizeof tk);
    for (int j = 0; j < RUN; j++) flow_luck_run_task(&par, &tk[j], j);
    flow_luck_run_end(&par, RUN);
    double redo = 0;
    for (int j = RUN - 1; j >= 0; j--) {
        double u[3];
        CHECK_EQ_D(flow_luck_work(&par, &tk[j], &d), work[j]);
        flow_luck_outcomes(&par, &tk[j], u);
        for (int i = 0; i < 3; i++) CHECK_EQ_D(u[i], out[j][i]);
        if (j == 0) redo = flow_luck_work(&par, &tk[0], &d);
    }
    for (int j = 0; j <= RUN; j++) CHECK(redo != work[j]);
    /* after the join: the case's own substreams, where the sequence is */
    double u[3];
    CHECK_EQ_D(flow_luck_work(&par, &main_task, &d), work[RUN]);
    flow_luck_outcomes(&par, &main_task, u);
    for (int i = 0; i < 3; i++) CHECK_EQ_D(u[i], out[RUN][i]);
    dist_free(&d);
    flow_luck_free(&m);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_crn(void);
Suite *suite_crn(void) {
    Suite *s = suite_create("crn");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alpha_returns_leave_beta_alone);
    tcase_add_test(tc, test_alpha_demand_leaves_beta_alone);
    tcase_add_test(tc, test_alpha_office_leaves_beta_alone);
    tcase_add_test(tc, test_parallel_run_keeps_each_steps_luck);
    suite_add_tcase(s, tc);
    return s;
}
