/* Unit tests for the shared error-message helper (base/errmsg.h): the text
 * itself, truncation that still terminates, and the calls that must not
 * write at all. */
#include <check.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>
#include <wchar.h>

#include "checks.h"
#include "errmsg.h"

START_TEST(test_formats_whole_message) {
    char err[64];
    memset(err, 'x', sizeof err);
    errmsg_format(err, sizeof err, "setting '%s': %d is out of range (%.1f)", "servers", -3, 2.5);
    ck_assert_str_eq(err, "setting 'servers': -3 is out of range (2.5)");
}
END_TEST

/* A message longer than the buffer keeps its start and still ends in a
 * NUL inside the buffer, never past it. */
START_TEST(test_truncates_and_terminates) {
    char buf[16];
    memset(buf, 'x', sizeof buf);
    errmsg_format(buf, 8, "%s", "abcdefghijklmnop");
    ck_assert_str_eq(buf, "abcdefg");
    CHECK_EQ(buf[8], 'x'); /* nothing written past errlen */

    memset(buf, 'x', sizeof buf);
    errmsg_format(buf, 1, "no room for %s", "anything");
    CHECK_EQ(buf[0], '\0');
    CHECK_EQ(buf[1], 'x');
}
END_TEST

START_TEST(test_no_buffer_writes_nothing) {
    errmsg_format(NULL, 100, "ignored %d", 1); /* must not crash */
    char buf[4] = "abc";
    errmsg_format(buf, 0, "ignored %d", 2);
    ck_assert_str_eq(buf, "abc");
}
END_TEST

/* In the C locale U+0100 has no multibyte form, so %ls fails with an
 * encoding error: the buffer must hold an empty string, not a fragment. */
START_TEST(test_encoding_error_leaves_empty_message) {
    char buf[16];
    memset(buf, 'x', sizeof buf);
    const wchar_t wide[] = {0x100, 0};
    errmsg_format(buf, sizeof buf, "ab%ls", wide);
    CHECK_EQ(buf[0], '\0');
}
END_TEST

/* After errmsg_init a GSL domain error returns a value instead of
 * aborting the process (the default handler would abort here). */
START_TEST(test_gsl_errors_do_not_abort) {
    errmsg_init();
    double v = gsl_sf_lngamma(0.0);
    CHECK(!isfinite(v) || v != v || v > 1e300);
    gsl_sf_result r;
    CHECK(gsl_sf_lngamma_e(-1.0, &r) != GSL_SUCCESS);
}
END_TEST

extern Suite *suite_errmsg(void);
Suite *suite_errmsg(void) {
    Suite *s = suite_create("errmsg");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_formats_whole_message);
    tcase_add_test(tc, test_truncates_and_terminates);
    tcase_add_test(tc, test_no_buffer_writes_nothing);
    tcase_add_test(tc, test_encoding_error_leaves_empty_message);
    tcase_add_test(tc, test_gsl_errors_do_not_abort);
    suite_add_tcase(s, tc);
    return s;
}
