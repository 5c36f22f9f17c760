/* Unit tests for resolving a file name written in another file
 * (base/path.h): relative, absolute and folder-less cases, and a result
 * one byte too long refused whole instead of cut. */
#include <check.h>
#include <string.h>

#include "checks.h"
#include "path.h"

START_TEST(test_resolves_against_folder) {
    char out[64];
    CHECK_EQ(path_resolve("sweeps/a.cfg", "../scenarios/x.cfg", out, sizeof out), 0);
    ck_assert_str_eq(out, "sweeps/../scenarios/x.cfg");
    CHECK_EQ(path_resolve("/abs/dir/p.cfg", "r.cfg", out, sizeof out), 0);
    ck_assert_str_eq(out, "/abs/dir/r.cfg");
}
END_TEST

START_TEST(test_absolute_or_no_folder_kept) {
    char out[64];
    CHECK_EQ(path_resolve("sweeps/a.cfg", "/etc/x.cfg", out, sizeof out), 0);
    ck_assert_str_eq(out, "/etc/x.cfg");
    CHECK_EQ(path_resolve("a.cfg", "x.cfg", out, sizeof out), 0);
    ck_assert_str_eq(out, "x.cfg");
}
END_TEST

/* "d/" + "abcdef" is 8 bytes: fits a 9-byte buffer, not an 8-byte one,
 * and then the buffer holds "" rather than "d/abcde". */
START_TEST(test_too_long_refused_not_cut) {
    char out[9];
    CHECK_EQ(path_resolve("d/p.cfg", "abcdef", out, sizeof out), 0);
    ck_assert_str_eq(out, "d/abcdef");
    memset(out, 'x', sizeof out);
    CHECK_EQ(path_resolve("d/p.cfg", "abcdef", out, 8), -1);
    ck_assert_str_eq(out, "");
    CHECK_EQ(path_resolve("p.cfg", "abcdefgh", out, 8), -1);
    ck_assert_str_eq(out, "");
}
END_TEST

Suite *suite_path(void);
Suite *suite_path(void) {
    Suite *s = suite_create("path");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_resolves_against_folder);
    tcase_add_test(tc, test_absolute_or_no_folder_kept);
    tcase_add_test(tc, test_too_long_refused_not_cut);
    suite_add_tcase(s, tc);
    return s;
}
