/* Unit tests for the one-line reason of a skipped reform (cli/compare.h,
 * compare_skip_reason): the line of the failing change, the last clause of
 * the message, a long one cut at a word, control characters gone. */
#include <check.h>
#include <string.h>

#include "checks.h"
#include "compare.h"

START_TEST(test_reform_apply_message) {
    compare_skip_t k;
    compare_skip_reason(&k, "regional_balance", "scenarios/reforms/regional_balance.cfg",
                        "scenarios/reforms/regional_balance.cfg:41: changes[0].path: "
                        "'departments[region=qiqihar].staff' matches nothing at "
                        "'departments[region=qiqihar]': no department has region = qiqihar "
                        "(region values there: xuzhou)");
    ck_assert_str_eq(k.reform, "regional_balance");
    ck_assert_str_eq(k.file, "scenarios/reforms/regional_balance.cfg");
    CHECK_EQ(k.line, 41);
    ck_assert_str_eq(k.reason, "no department has region = qiqihar (region values there: xuzhou)");
}
END_TEST

/* A message of another file (the patched scenario) keeps line 0 and still
 * gives its last clause; one with no clause is kept whole. */
START_TEST(test_other_messages) {
    compare_skip_t k;
    compare_skip_reason(&k, "r", "reforms/r.cfg",
                        "scenarios/x.cfg:12: setting 'staff': -1 is negative (expected >= 0)");
    CHECK_EQ(k.line, 0);
    ck_assert_str_eq(k.reason, "-1 is negative (expected >= 0)");
    compare_skip_reason(&k, "r", "reforms/r.cfg", "out of memory");
    ck_assert_str_eq(k.reason, "out of memory");
    compare_skip_reason(&k, "r", "reforms/r.cfg", "reforms/r.cfg:x: odd");
    CHECK_EQ(k.line, 0);
    ck_assert_str_eq(k.reason, "odd");
}
END_TEST

START_TEST(test_long_reason_is_cut_at_a_word) {
    char err[600] = "f.cfg:3: path: ";
    while (strlen(err) < 500) strcat(err, "word\tword ");
    compare_skip_t k;
    compare_skip_reason(&k, "r", "f.cfg", err);
    CHECK_EQ(k.line, 3);
    size_t n = strlen(k.reason);
    CHECK(n < COMPARE_REASON_MAX);
    CHECK(n > COMPARE_REASON_MAX / 2);
    ck_assert_str_eq(k.reason + n - 3, "...");
    CHECK(k.reason[n - 4] != ' ');
    CHECK(strchr(k.reason, '\t') == NULL);
    CHECK(strncmp(k.reason, "word word", 9) == 0);
}
END_TEST

extern Suite *suite_compare_skip(void);
Suite *suite_compare_skip(void) {
    Suite *s = suite_create("compare_skip");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_reform_apply_message);
    tcase_add_test(tc, test_other_messages);
    tcase_add_test(tc, test_long_reason_is_cut_at_a_word);
    suite_add_tcase(s, tc);
    return s;
}
