/* Unit tests for the progress reporter (output/out_progress.h): when a
 * log line is printed in lines mode (each tenth, and at least every
 * OUT_PROGRESS_LINE_SECONDS), and the --progress names. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "out_progress.h"

/* Lines written to fp so far. */
static size_t lines_in(FILE *fp) {
    fflush(fp);
    rewind(fp);
    size_t n = 0;
    int ch;
    while ((ch = fgetc(fp)) != EOF) n += ch == '\n';
    fseek(fp, 0, SEEK_END);
    return n;
}

/* A reporter in lines mode whose clock starts at 0 and writes to fp. */
static void start_lines(out_progress_t *p, FILE *fp) {
    out_progress_init(p, OUT_PROGRESS_LINES, "job");
    p->started = 0;
    p->stream = fp;
}

START_TEST(test_lines_each_tenth) {
    FILE *fp = tmpfile();
    CHECK(fp != NULL);
    out_progress_t p;
    start_lines(&p, fp);
    for (size_t done = 1; done <= 100; done++) out_progress_update_at(&p, done, 100, false, 0.01);
    CHECK_EQ(lines_in(fp), 10);
    out_progress_update_at(&p, 100, 100, true, 0.02); /* the end: nothing new */
    CHECK_EQ(lines_in(fp), 10);
    fclose(fp);
}
END_TEST

/* A slow job: one task in 100 every 4 s would print a line only every
 * 40 s by tenths; the 10-second rule keeps the log alive. */
START_TEST(test_lines_every_ten_seconds) {
    FILE *fp = tmpfile();
    CHECK(fp != NULL);
    out_progress_t p;
    start_lines(&p, fp);
    out_progress_update_at(&p, 1, 100, false, 4);
    out_progress_update_at(&p, 2, 100, false, 8);
    CHECK_EQ(lines_in(fp), 0);
    out_progress_update_at(&p, 3, 100, false, 12); /* 12 s since the start */
    CHECK_EQ(lines_in(fp), 1);
    out_progress_update_at(&p, 4, 100, false, 16); /* 4 s since the last line */
    CHECK_EQ(lines_in(fp), 1);
    out_progress_update_at(&p, 5, 100, false, 22.5);
    CHECK_EQ(lines_in(fp), 2);
    out_progress_update_at(&p, 10, 100, false, 23); /* a tenth */
    CHECK_EQ(lines_in(fp), 3);
    fflush(fp);
    rewind(fp);
    char line[200];
    CHECK(fgets(line, sizeof line, fp) != NULL);
    /* 3 done in 12 s: 97 more take 388 s */
    CHECK(strstr(line, "job:   3% 3/100  12s elapsed, 388s left") == line);
    fclose(fp);
}
END_TEST

START_TEST(test_mode_names) {
    out_progress_mode_t m = OUT_PROGRESS_NONE;
    CHECK(out_progress_mode_parse("bar", &m) == 0 && m == OUT_PROGRESS_BAR);
    CHECK(out_progress_mode_parse("lines", &m) == 0 && m == OUT_PROGRESS_LINES);
    CHECK(out_progress_mode_parse("none", &m) == 0 && m == OUT_PROGRESS_NONE);
    CHECK(out_progress_mode_parse("Lines", &m) == -1);
    CHECK(out_progress_mode_parse("", &m) == -1);
}
END_TEST

extern Suite *suite_progress(void);
Suite *suite_progress(void) {
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_lines_each_tenth);
    tcase_add_test(tc, test_lines_every_ten_seconds);
    tcase_add_test(tc, test_mode_names);
    suite_add_tcase(s, tc);
    return s;
}
