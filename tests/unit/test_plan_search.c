/* The search of a plan with too many portfolios to enumerate
 * (study/plan_search.c) on tests/plans/search.cfg: two reforms with five
 * start years each (36 portfolios), max_portfolios 20, finalists 4,
 * search_replications 2. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "plan.h"
#include "plan_eval.h"

START_TEST(test_search_keeps_finalists) {
    plan_t pl;
    char err[2048];
    ck_assert_msg(plan_load(&pl, "tests/plans/search.cfg", err, sizeof err) == 0, "%s", err);
    plan_eval_t ev;
    plan_eval_opts_t o = {1, 0, false, {0}};
    ck_assert_msg(plan_eval_setup(&ev, &pl, &o, err, sizeof err) == 0, "%s", err);
    CHECK(ev.search);
    CHECK_NEAR(ev.n_possible, 36, 0);
    CHECK_EQ(ev.n_portfolios, 1); /* nothing enumerated: only no reform */
    ck_assert_msg(plan_eval_run(&ev, err, sizeof err) == 0, "%s", err);
    CHECK(ev.n_portfolios <= (size_t)pl.max_portfolios + 1);
    size_t finalists = 0, searched = 0, chosen = 0;
    for (size_t i = 0; i < ev.n_portfolios; i++) {
        const plan_portfolio_t *p = &ev.p[i];
        if (p->status == PLAN_ST_SEARCHED) {
            searched++;
            CHECK_EQ(p->reps, (size_t)pl.search_reps);
            CHECK(!isnan(p->objective.mean));
        } else if (p->status != PLAN_ST_OVER_BUDGET) {
            finalists++;
            CHECK(p->reps >= (size_t)pl.n0);
        }
        if (p->status == PLAN_ST_CHOSEN) chosen++;
    }
    CHECK_EQ(chosen, 1);
    CHECK(searched > 0);
    CHECK_EQ(finalists, ev.n_candidates);
    CHECK(finalists >= 2 && finalists <= (size_t)pl.finalists);
    const plan_portfolio_t *c = &ev.p[ev.chosen];
    CHECK(c->one_off <= pl.budget_one_off && c->recurring_max <= pl.budget_per_year &&
          c->npv_cost <= pl.budget_npv);
    plan_eval_free(&ev);
    plan_free(&pl);
}
END_TEST

/* Below the limit nothing is searched (the enumeration is unchanged). */
START_TEST(test_no_search_below_limit) {
    plan_t pl;
    char err[2048];
    ck_assert_msg(plan_load(&pl, "tests/plans/budget.cfg", err, sizeof err) == 0, "%s", err);
    plan_eval_t ev;
    plan_eval_opts_t o = {1, 0, false, {0}};
    ck_assert_msg(plan_eval_setup(&ev, &pl, &o, err, sizeof err) == 0, "%s", err);
    CHECK(!ev.search);
    CHECK_EQ(ev.n_portfolios, 9);
    plan_eval_free(&ev);
    plan_free(&pl);
}
END_TEST

extern Suite *suite_plan_search(void);
Suite *suite_plan_search(void) {
    Suite *s = suite_create("plan_search");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_search_keeps_finalists);
    tcase_add_test(tc, test_no_search_below_limit);
    suite_add_tcase(s, tc);
    return s;
}
