/* Plans before simulation (models/plan.h, study/plan_eval.h), on
 * tests/plans/budget.cfg: two reforms, add_window (one-off 100,000, 10,000
 * a year, one window of 50,000 a year; start year 1 or 2, linear over 2
 * years) and slow_down (one-off 10,000; start 1 or 3), 3 years at 5%.
 *
 * By hand, add_window@1: year 1 at share 0.5 gives 1 + 0.5 windows,
 * rounded to 2 (lround), so the window is paid from year 1: spending
 * 100,000 + 10,000 + 50,000 = 160,000, then 60,000 a year; NPV 160,000 +
 * 60,000 / 1.05 + 60,000 / 1.1025 = 271,564.63.  add_window@2: 0, then
 * 160,000, 60,000: NPV 152,380.95 + 54,421.77 = 206,802.72.  Budget
 * (one-off 105,000): both reforms together (110,000) are over it. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "plan.h"
#include "plan_eval.h"

static size_t find(const plan_eval_t *ev, const char *label) {
    for (size_t i = 0; i < ev->n_portfolios; i++)
        if (strcmp(ev->p[i].label, label) == 0) return i;
    ck_abort_msg("no portfolio %s", label);
    return 0;
}

START_TEST(test_costs_by_hand) {
    plan_t pl;
    char err[2048];
    ck_assert_msg(plan_load(&pl, "tests/plans/budget.cfg", err, sizeof err) == 0, "%s", err);
    plan_eval_t ev;
    plan_eval_opts_t o = {1, 0, false, {0}};
    ck_assert_msg(plan_eval_setup(&ev, &pl, &o, err, sizeof err) == 0, "%s", err);
    CHECK_EQ(ev.n_portfolios, 9);
    CHECK(strcmp(ev.p[0].label, "no_reform") == 0);
    const plan_portfolio_t *a1 = &ev.p[find(&ev, "add_window@1")];
    CHECK_NEAR(a1->spend[0], 160000, 1e-6);
    CHECK_NEAR(a1->spend[1], 60000, 1e-6);
    CHECK_NEAR(a1->npv_cost, 271564.6258, 1e-3);
    const plan_portfolio_t *a2 = &ev.p[find(&ev, "add_window@2")];
    CHECK_NEAR(a2->spend[0], 0, 1e-9);
    CHECK_NEAR(a2->npv_cost, 206802.7211, 1e-3);
    CHECK(ev.p[find(&ev, "add_window@1+slow_down@3")].status == PLAN_ST_OVER_BUDGET);
    CHECK(a1->status != PLAN_ST_OVER_BUDGET);
    /* 5 in budget: no reform, add_window@1/@2, slow_down@1/@3 */
    CHECK_EQ(ev.n_candidates, 5);
    /* years shared: no_reform and slow_down@3 run the same scenario in
     * years 1 and 2 */
    size_t s3 = find(&ev, "slow_down@3");
    CHECK_EQ(ev.p[s3].config[0], ev.p[0].config[0]);
    CHECK_EQ(ev.p[s3].config[1], ev.p[0].config[1]);
    CHECK(ev.p[s3].config[2] != ev.p[0].config[2]);
    plan_eval_free(&ev);
    plan_free(&pl);
}
END_TEST

extern Suite *suite_plan_eval(void);
Suite *suite_plan_eval(void) {
    Suite *s = suite_create("plan_eval");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_costs_by_hand);
    suite_add_tcase(s, tc);
    return s;
}
