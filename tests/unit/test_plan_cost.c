/* Unit tests for the plan arithmetic (study/plan_cost.h), against cases
 * worked by hand:
 *
 * NPV of {100, 100, 100} at 10%: 100 + 100/1.1 + 100/1.21
 *   = 100 + 90.909091 + 82.644628 = 273.553719.
 * Annualising 1,000,000 over 10 years at 5%: 1e6 x 0.05 / (1 - 1.05^-10);
 *   1.05^10 = 1.628895, 1.05^-10 = 0.613913, so 50,000 / 0.386087
 *   = 129,504.57 (the annuity tables' capital recovery factor 0.129505).
 * Roll-out starting in year 2 over 4 years, linear: years 1..6 give
 *   0, 0.25, 0.5, 0.75, 1, 1; S-curve at x = 0.25: 3/16 - 2/64 = 0.15625,
 *   at 0.5: 0.5, at 0.75: 27/16 - 54/64 = 0.84375. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "plan_cost.h"

START_TEST(test_npv_by_hand) {
    const double f[] = {100, 100, 100};
    CHECK_NEAR(plan_cost_npv(f, 3, 0.10), 273.553719, 1e-6);
    CHECK_NEAR(plan_cost_npv(f, 3, 0), 300, 1e-12);
    CHECK_NEAR(plan_cost_discount(1, 0.10), 1, 1e-15);
    CHECK_NEAR(plan_cost_discount(3, 0.10), 1 / 1.21, 1e-15);
}
END_TEST

START_TEST(test_annualise_by_hand) {
    CHECK_NEAR(plan_cost_annualise(1e6, 0.05, 10), 129504.57, 0.01);
    CHECK_NEAR(plan_cost_annualise(1e6, 0, 10), 1e5, 1e-9);
    /* the yearly payments' present value (end of year) gives back the cost */
    double a = plan_cost_annualise(1e6, 0.05, 10), pv = 0;
    for (int t = 1; t <= 10; t++) pv += a / pow(1.05, t);
    CHECK_NEAR(pv, 1e6, 1e-6);
}
END_TEST

START_TEST(test_rollout_by_hand) {
    const double lin[] = {0, 0.25, 0.5, 0.75, 1, 1};
    const double s[] = {0, 0.15625, 0.5, 0.84375, 1, 1};
    for (int y = 1; y <= 6; y++) {
        CHECK_NEAR(plan_cost_rollout(PLAN_ROLLOUT_LINEAR, 2, 4, y), lin[y - 1], 1e-15);
        CHECK_NEAR(plan_cost_rollout(PLAN_ROLLOUT_SCURVE, 2, 4, y), s[y - 1], 1e-15);
        CHECK_NEAR(plan_cost_rollout(PLAN_ROLLOUT_STEP, 2, 4, y), y >= 2 ? 1 : 0, 0);
    }
    /* a ramp of one year is a step */
    CHECK_NEAR(plan_cost_rollout(PLAN_ROLLOUT_LINEAR, 3, 1, 3), 1, 0);
}
END_TEST

START_TEST(test_payback_by_hand) {
    /* cost 250 in year 1, benefit 100 a year: cumulative -150, -50, +50 */
    const double b[] = {100, 100, 100, 100}, c[] = {250, 0, 0, 0};
    CHECK_EQ(plan_cost_payback(b, c, 4, 0), 3);
    /* at 10%: -150, -59.09, +23.55: still year 3; at 30%: -150, -73.1,
     * -13.9, +31.6: year 4 */
    CHECK_EQ(plan_cost_payback(b, c, 4, 0.10), 3);
    CHECK_EQ(plan_cost_payback(b, c, 4, 0.30), 4);
    CHECK_EQ(plan_cost_payback(b, c, 2, 0), 0); /* not within the horizon */
}
END_TEST

extern Suite *suite_plan_cost(void);
Suite *suite_plan_cost(void) {
    Suite *s = suite_create("plan_cost");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_npv_by_hand);
    tcase_add_test(tc, test_annualise_by_hand);
    tcase_add_test(tc, test_rollout_by_hand);
    tcase_add_test(tc, test_payback_by_hand);
    suite_add_tcase(s, tc);
    return s;
}
