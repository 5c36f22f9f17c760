/* Unit tests for numbers written for people (base/text_human.h): thousands
 * separators, fixed decimals, millions, never e-notation. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "checks.h"
#include "text_human.h"

START_TEST(test_thousands) {
    char b[64];
    text_thousands(b, sizeof b, 1234567.891, 1);
    ck_assert_str_eq(b, "1,234,567.9");
    text_thousands(b, sizeof b, 999, 0);
    ck_assert_str_eq(b, "999");
    text_thousands(b, sizeof b, 1000, 0);
    ck_assert_str_eq(b, "1,000");
    text_thousands(b, sizeof b, -12740000, 0);
    ck_assert_str_eq(b, "-12,740,000");
    text_thousands(b, sizeof b, 0.5, 2);
    ck_assert_str_eq(b, "0.50");
    /* -0.04 rounds to zero: no "-0" */
    text_thousands(b, sizeof b, -0.04, 1);
    ck_assert_str_eq(b, "0.0");
    text_thousands(b, sizeof b, NAN, 1);
    ck_assert_str_eq(b, "-");
    /* a large amount stays in digits, never 1.2e+14 */
    text_thousands(b, sizeof b, 1.2e14, 0);
    ck_assert_str_eq(b, "120,000,000,000,000");
    /* cut, still terminated */
    text_thousands(b, 5, 1234567, 0);
    ck_assert_uint_eq(strlen(b), 4);
}
END_TEST

START_TEST(test_money) {
    char b[64];
    text_money(b, sizeof b, 2.5e6, "yuan", "million");
    ck_assert_str_eq(b, "2,500,000 yuan");
    text_money(b, sizeof b, 1.274e7, "yuan", "million");
    ck_assert_str_eq(b, "12.7 million yuan");
    text_money(b, sizeof b, 3.6e9, "yuan", "million");
    ck_assert_str_eq(b, "3,600.0 million yuan");
}
END_TEST

START_TEST(test_value) {
    char b[64];
    text_human_value(b, sizeof b, 1.274e7, false);
    ck_assert_str_eq(b, "12,740,000");
    text_human_value(b, sizeof b, 0.9184, true);
    ck_assert_str_eq(b, "91.8");
    text_human_value(b, sizeof b, 2.339, false);
    ck_assert_str_eq(b, "2.339");
    /* just below 1000: %.4g would round it to 1000 with an exponent */
    text_human_value(b, sizeof b, 999.97, false);
    ck_assert_str_eq(b, "1,000");
    text_human_value(b, sizeof b, 5e-6, false);
    ck_assert_str_eq(b, "0.000005");
    text_human_value(b, sizeof b, NAN, false);
    ck_assert_str_eq(b, "-");
}
END_TEST

Suite *suite_text_human(void);
Suite *suite_text_human(void) {
    Suite *s = suite_create("text_human");
    TCase *t = tcase_create("core");
    tcase_add_test(t, test_thousands);
    tcase_add_test(t, test_money);
    tcase_add_test(t, test_value);
    suite_add_tcase(s, t);
    return s;
}
