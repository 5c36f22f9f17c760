/* Unit tests for the validation verdict (study/verdict.h), on numbers
 * worked by hand: x = {9, 10, 11, 10, 10} has mean 10, standard deviation
 * sqrt(2/4) = 0.707107, standard error sqrt(0.1) = 0.3162278; the
 * two-sided 99% Student-t quantile with 4 degrees of freedom is 4.604095
 * (printed t tables: 4.604), so the 99% half-width is 1.455943. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "verdict.h"

static const double X[] = {9, 10, 11, 10, 10};

START_TEST(test_level_bonferroni) {
    ck_assert_double_eq_tol(verdict_level(0.99, 1), 0.99, 1e-15);
    ck_assert_double_eq_tol(verdict_level(0.99, 40), 0.99975, 1e-15);
    ck_assert_double_eq_tol(verdict_level(0.95, 5), 0.99, 1e-15);
}
END_TEST

START_TEST(test_interval_is_the_one_judged) {
    verdict_t v = verdict_judge(X, 5, 10, 0.99, 0.2);
    ck_assert_double_eq_tol(v.interval.mean, 10, 1e-12);
    ck_assert_double_eq_tol(v.interval.half, 1.455943, 1e-6);
    ck_assert_double_eq_tol(v.interval.lo, 8.544057, 1e-6);
    ck_assert_double_eq_tol(v.interval.hi, 11.455943, 1e-6);
}
END_TEST

START_TEST(test_pass_fail_imprecise) {
    /* inside and half-width 1.456 <= 0.2 * 10 */
    ck_assert_int_eq(verdict_judge(X, 5, 10, 0.99, 0.2).kind, VERDICT_PASS);
    /* inside, but 1.456 > 0.1 * 10: a check that could not fail */
    ck_assert_int_eq(verdict_judge(X, 5, 10, 0.99, 0.1).kind, VERDICT_IMPRECISE);
    /* 11.5 lies outside [8.544, 11.456] */
    ck_assert_int_eq(verdict_judge(X, 5, 11.5, 0.99, 0.2).kind, VERDICT_FAIL);
    /* 11.4 lies inside the 99% interval but outside the 95% one
     * (t(0.975, 4) = 2.776445: [9.122, 10.878]) */
    ck_assert_int_eq(verdict_judge(X, 5, 11.4, 0.99, 0.2).kind, VERDICT_PASS);
    ck_assert_int_eq(verdict_judge(X, 5, 11.4, 0.95, 0.2).kind, VERDICT_FAIL);
    /* a negative theory value: the floor is a share of |theory| */
    const double y[] = {-9, -10, -11, -10, -10};
    ck_assert_int_eq(verdict_judge(y, 5, -10, 0.99, 0.2).kind, VERDICT_PASS);
}
END_TEST

START_TEST(test_too_few_replications_fail) {
    ck_assert_int_eq(verdict_judge(X, 1, 9, 0.99, 0.2).kind, VERDICT_FAIL);
}
END_TEST

START_TEST(test_names) {
    ck_assert_str_eq(verdict_name(VERDICT_PASS), "PASS");
    ck_assert_str_eq(verdict_name(VERDICT_FAIL), "FAIL");
    ck_assert_str_eq(verdict_name(VERDICT_IMPRECISE), "IMPRECISE");
}
END_TEST

extern Suite *suite_verdict(void);
Suite *suite_verdict(void) {
    Suite *s = suite_create("verdict");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_level_bonferroni);
    tcase_add_test(tc, test_interval_is_the_one_judged);
    tcase_add_test(tc, test_pass_fail_imprecise);
    tcase_add_test(tc, test_too_few_replications_fail);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    return s;
}
