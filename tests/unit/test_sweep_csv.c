/* Unit tests for design files (study/sweep.h, sweep_design_read): the
 * CSV dialects tools write (a BOM, CRLF, quotes, spaces, extra columns),
 * how each kind of factor takes its value, and the messages. */
#include <check.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "sweep.h"
#include "tmpdir.h"

/* A sweep of three factors: staff (range 0.8..1.6), windows (whole range
 * 1..4), online (levels true/false), mode (text levels), read from a file
 * holding `text`. */
static int read_design(sweep_t *s, const char *text, char *err, size_t errlen) {
    char dir[256];
    make_tmpdir(dir, sizeof dir);
    memset(s, 0, sizeof *s);
    snprintf(s->design_file, sizeof s->design_file, "%s/points.csv", dir);
    write_text(s->design_file, text);
    s->design = SWEEP_FILE;
    s->n_factors = 4;
    sweep_factor_t *f = s->factors;
    snprintf(f[0].name, sizeof f[0].name, "staff");
    f[0].kind = SWEEP_RANGE, f[0].lo = 0.8, f[0].hi = 1.6;
    snprintf(f[1].name, sizeof f[1].name, "windows");
    f[1].kind = SWEEP_RANGE, f[1].lo = 1, f[1].hi = 4, f[1].whole = true;
    snprintf(f[2].name, sizeof f[2].name, "online");
    f[2].kind = SWEEP_DISCRETE, f[2].level_type = CONFIG_TYPE_BOOL, f[2].n_levels = 2;
    f[2].flag[0] = true, f[2].flag[1] = false;
    snprintf(f[3].name, sizeof f[3].name, "mode");
    f[3].kind = SWEEP_DISCRETE, f[3].level_type = CONFIG_TYPE_STRING, f[3].n_levels = 2;
    f[3].text[0] = strdup("paper"), f[3].text[1] = strdup("api");
    int rc = sweep_design_read(s, err, errlen);
    remove_tree(dir);
    return rc;
}

START_TEST(test_dialects) {
    sweep_t s;
    char err[512] = "";
    /* a BOM, CRLF, quoted and padded fields, an index column, other columns */
    int rc = read_design(&s,
                         "\xEF\xBB\xBF\"\",mode,online,staff,windows,policy\r\n"
                         "0,api,true,0.8,1,None\r\n"
                         "1, \"paper\" ,False,1.6,2.6,\"a, b\"\r\n"
                         "2,paper,0,1.2000000000000002,4,x\r\n\r\n",
                         err, sizeof err);
    if (rc != 0) ck_abort_msg("%s", err);
    CHECK_EQ(s.n_points, 3);
    CHECK(sweep_value(&s, 0, 0) == 0.8 && sweep_value(&s, 1, 0) == 1.6);
    CHECK(sweep_value(&s, 2, 0) == 1.2000000000000002); /* as written */
    CHECK(sweep_value(&s, 1, 1) == 3);                  /* whole: rounded */
    CHECK_EQ(sweep_level(&s, 0, 2), 0);                 /* true  */
    CHECK_EQ(sweep_level(&s, 1, 2), 1);                 /* False */
    CHECK_EQ(sweep_level(&s, 2, 2), 1);                 /* 0     */
    CHECK_EQ(sweep_level(&s, 0, 3), 1);                 /* api   */
    CHECK_EQ(sweep_level(&s, 1, 3), 0);                 /* paper */
    char text[64];
    sweep_value_text(&s, 0, 3, text, sizeof text);
    CHECK(strcmp(text, "api") == 0);
    sweep_free(&s);
}
END_TEST

START_TEST(test_messages) {
    sweep_t s;
    char err[512];
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"staff,windows,online\n1,1,true\n", ":1: no column 'mode'"},
        {"staff,windows,online,mode\n1,1,true,fax\n",
         ":2: column 'mode': 'fax' is not one of the factor's 2 levels"},
        {"staff,windows,online,mode\n1,1,yes,api\n", ":2: column 'online': 'yes' is not one"},
        {"staff,windows,online,mode\n1,5,true,api\n", ":2: column 'windows': '5' is outside"},
        {"staff,windows,online,mode\n1e999,1,true,api\n", ":2: column 'staff': '1e999' is not a"},
        {"staff,windows,online,mode\n1,1,true\n", ":2: 3 fields (expected 4"},
        {"staff,windows,online,mode\n", ": no points"},
        {"staff,windows,online,mode\n\"1,1,true,api\n", ":2: a quote is never closed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        err[0] = '\0';
        CHECK(read_design(&s, cases[i].text, err, sizeof err) == -1);
        if (!strstr(err, cases[i].want) || !strstr(err, "points.csv"))
            ck_abort_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].want);
        sweep_free(&s);
    }
}
END_TEST

extern Suite *suite_sweep_csv(void);
Suite *suite_sweep_csv(void) {
    Suite *s = suite_create("sweep_csv");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_dialects);
    tcase_add_test(tc, test_messages);
    suite_add_tcase(s, tc);
    return s;
}
