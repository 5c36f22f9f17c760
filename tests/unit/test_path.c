/* Unit tests for resolving a file name written in another file
 * (base/path.h): relative, absolute and folder-less cases, and a result
 * one byte too long refused whole instead of cut. */
#include <check.h>
#include <string.h>

#include "checks.h"
#include "path.h"

/* Relative names join the base file's folder; absolute ones, and any
 * name next to a base with no folder, stay as written. */
START_TEST(test_resolves) {
    static const struct {
        const char *base, *rel, *want;
    } cases[] = {
        {"sweeps/a.cfg", "../scenarios/x.cfg", "sweeps/../scenarios/x.cfg"},
        {"/abs/dir/p.cfg", "r.cfg", "/abs/dir/r.cfg"},
        {"sweeps/a.cfg", "/etc/x.cfg", "/etc/x.cfg"},
        {"a.cfg", "x.cfg", "x.cfg"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        CHECK_EQ(path_resolve(cases[i].base, cases[i].rel, out, sizeof out), 0);
        ck_assert_str_eq(out, cases[i].want);
    }
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
    tcase_add_test(tc, test_resolves);
    tcase_add_test(tc, test_too_long_refused_not_cut);
    suite_add_tcase(s, tc);
    return s;
}
