/* Unit tests for results.partial.csv (study/sweep_partial.h): rows
 * written and read back exactly, and every way a crash leaves the file
 * (a cut row, a cut header, two rows glued, another sweep's header) read
 * without ever taking a damaged line for a row. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "sweep_partial.h"
#include "tmpdir.h"

static const char *const NAMES[] = {"cycle_time", "trips_per_case"};
static const sweep_partial_shape_t SHAPE = {3, 2, 2, NAMES}; /* 3 points x 2 reps */

/* The file's text as written for points 0 and 1 (both whole). */
static const char *const WHOLE = "point,replication,cycle_time,trips_per_case\n"
                                 "0,0,1.5,2\n"
                                 "0,1,0.1,\n"
                                 "1,0,3,1\n"
                                 "1,1,4,1\n";

START_TEST(test_written_as_documented) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    sweep_partial_write_header(fp, &SHAPE);
    const double a[] = {1.5, 2}, b[] = {0.1, NAN};
    sweep_partial_write_row(fp, &SHAPE, 0, 0, a);
    sweep_partial_write_row(fp, &SHAPE, 0, 1, b);
    fclose(fp);
    ck_assert_str_eq(buf, "point,replication,cycle_time,trips_per_case\n0,0,1.5,2\n0,1,0.1,\n");
    free(buf);
}
END_TEST

START_TEST(test_rows_parsed_or_refused) {
    size_t p, rep;
    double v[2];
    CHECK(sweep_partial_parse_row(&SHAPE, "2,1,0.25,\n", 10, &p, &rep, v));
    CHECK_EQ(p, 2);
    CHECK_EQ(rep, 1);
    CHECK_EQ_D(v[0], 0.25);
    CHECK(isnan(v[1]));
    const char *bad[] = {
        "2,1,0.25,",         /* no newline: cut short          */
        "3,0,1,1\n",         /* point out of range             */
        "0,2,1,1\n",         /* replication out of range       */
        "0,0,1\n",           /* a field too few                */
        "0,0,1,1,1\n",       /* a field too many               */
        "0,0,1,1x\n",        /* a number not read whole        */
        "-0,0,1,1\n",        /* a sign                         */
        " 0,0,1,1\n",        /* a blank                        */
        "0,0,1,1,0,1,1,1\n", /* two rows glued by a crash      */
        "0,0,inf,1\n",       /* not finite: written as empty   */
        "\n",                /* empty line                     */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sweep_partial_parse_row(&SHAPE, bad[i], strlen(bad[i]), &p, &rep, v))
            ck_abort_msg("accepted as a row: '%s'", bad[i]);
    /* a NUL inside the line */
    CHECK(!sweep_partial_parse_row(&SHAPE, "0,0,1\0,1\n", 9, &p, &rep, v));
}
END_TEST

/* Read `text` as the partial file; returns the state, fills have[]. */
static sweep_partial_state_t read_text(const char *text, double *res, unsigned char *have,
                                       int *rc) {
    char dir[64], path[128], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/results.partial.csv", dir);
    if (text) write_text(path, text);
    sweep_partial_state_t st;
    *rc = sweep_partial_read(&SHAPE, path, res, have, &st, err, sizeof err);
    remove_tree(dir);
    return st;
}

START_TEST(test_whole_file) {
    double res[12];
    unsigned char have[3] = {0};
    int rc;
    sweep_partial_state_t st = read_text(WHOLE, res, have, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.recovered, 2);
    CHECK_EQ(st.keep, (long)strlen(WHOLE));
    CHECK_EQ(st.dropped, 0);
    CHECK(have[0] && have[1] && !have[2]);
    CHECK_EQ_D(res[0], 1.5);
    CHECK(isnan(res[3]));
    CHECK_EQ_D(res[(1 * 2 + 1) * 2 + 0], 4);
}
END_TEST

START_TEST(test_cut_and_glued) {
    double res[12];
    unsigned char have[3] = {0};
    int rc;
    /* a crash cut the last row: point 1 is not whole, nothing after counts */
    char text[512];
    snprintf(text, sizeof text, "%s2,0,5", WHOLE);
    sweep_partial_state_t st = read_text(text, res, have, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.keep, (long)strlen(WHOLE));
    CHECK_EQ(st.recovered, 2);
    /* an old resume appended after the cut: the glued line and every
     * line after it are dropped, counted, never read */
    memset(have, 0, sizeof have);
    snprintf(text, sizeof text, "%s2,0,52,0,5,1\n2,1,6,1\n", WHOLE);
    st = read_text(text, res, have, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.keep, (long)strlen(WHOLE));
    CHECK_EQ(st.dropped, 2);
    CHECK(!have[2]);
}
END_TEST

START_TEST(test_header_cases) {
    double res[12];
    unsigned char have[3] = {0};
    int rc;
    sweep_partial_state_t st = read_text(NULL, res, have, &rc); /* no file */
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.keep, 0);
    st = read_text("", res, have, &rc); /* empty */
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.keep, 0);
    st = read_text("point,replication,cyc", res, have, &rc); /* header cut */
    CHECK_EQ(rc, 0);
    CHECK_EQ(st.keep, 0);
    /* another sweep's file: refused, not overwritten */
    st = read_text("point,replication,window_wait\n0,0,1\n", res, have, &rc);
    CHECK_EQ(rc, -1);
}
END_TEST

extern Suite *suite_sweep_partial(void);
Suite *suite_sweep_partial(void) {
    Suite *s = suite_create("sweep_partial");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_written_as_documented);
    tcase_add_test(tc, test_rows_parsed_or_refused);
    tcase_add_test(tc, test_whole_file);
    tcase_add_test(tc, test_cut_and_glued);
    tcase_add_test(tc, test_header_cases);
    suite_add_tcase(s, tc);
    return s;
}
