/* Terminal table cells (cli/lang.h, cli_lang_fprint_cell): exactly the
 * width asked, in columns (a Chinese character takes two), and a name cut
 * to fit ends in an ellipsis so a reader sees it is cut. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "lang.h"

static char *cell(const char *name, size_t width) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert(fp != NULL);
    cli_lang_fprint_cell(fp, name, width);
    fclose(fp);
    return buf;
}

START_TEST(test_cell_fits_and_pads) {
    char *c = cell("Hire and train staff", 24);
    ck_assert_str_eq(c, "Hire and train staff    ");
    free(c);
    c = cell("exactly ten", 11);
    ck_assert_str_eq(c, "exactly ten");
    free(c);
}
END_TEST

START_TEST(test_cell_cut_ends_in_ellipsis) {
    char *c = cell("Listening to demand (12345 complaints)", 12);
    ck_assert_str_eq(c, "Listening t\xe2\x80\xa6");
    free(c);
    /* two-column characters: 5 columns hold two of them and the ellipsis,
     * then one space */
    c = cell("\xe6\x95\xb0\xe6\x8d\xae\xe5\x85\xb1\xe4\xba\xab", 6); /* 数据共享, 8 columns */
    ck_assert_str_eq(c, "\xe6\x95\xb0\xe6\x8d\xae\xe2\x80\xa6 ");
    free(c);
}
END_TEST

extern Suite *suite_lang_cell(void);
Suite *suite_lang_cell(void) {
    Suite *s = suite_create("lang_cell");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_cell_fits_and_pads);
    tcase_add_test(tc, test_cell_cut_ends_in_ellipsis);
    suite_add_tcase(s, tc);
    return s;
}
