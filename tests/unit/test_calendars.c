/* Unit tests for dated calendars through the scenario loader: the shipped
 * holiday arrangements (scenarios/calendars/china_YYYY.cfg) give the
 * working days the State Council notices imply, make-up Sundays are open
 * and holidays closed; start_date moves the weekdays; bad dates are
 * file:line errors. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "scn.h"
#include "tmpdir.h"
#include "checks.h"

#define ERR_LEN 1024

/* A minimal scenario starting on `start` (NULL: no start_date) whose
 * calendar holds `extra` (e.g. the arrangements group). */
static void write_scenario(const char *path, const char *start, const char *extra) {
    char text[4096];
    char start_line[64] = "";
    if (start) snprintf(start_line, sizeof start_line, "start_date = \"%s\";", start);
    snprintf(text, sizeof text,
             "scenario = { id = \"t\"; name = \"T\"; days = 400; };\n"
             "calendar = {\n  hours = [\"09:00-17:00\"]; workdays = [1, 2, 3, 4, 5];\n"
             "  %s\n%s\n};\n"
             "regions = ( { id = \"r\"; } );\n"
             "departments = ( { id = \"d\"; staff = 10; windows = 10; } );\n"
             "services = ( { id = \"s\"; per_day = 10.0; online_share = 0.0; limit_days = 5.0;\n"
             "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } );\n",
             start_line, extra);
    write_text(path, text);
}

/* Loads a scenario of year `year` with the shipped arrangement. */
static void load_year(scn_t *s, int year, const char *dir) {
    char cwd[PATH_MAX], extra[PATH_MAX + 100], path[PATH_MAX + 40], start[16];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(extra, sizeof extra,
             "  arrangements = {\n    @include \"%s/scenarios/calendars/china_%d.cfg\"\n  };", cwd,
             year);
    snprintf(start, sizeof start, "%d-01-01", year);
    snprintf(path, sizeof path, "%s/y%d.cfg", dir, year);
    write_scenario(path, start, extra);
    char err[ERR_LEN] = "";
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* Working days of each month of `year` (day 0 = 1 January). */
static void month_counts(const scn_t *s, int year, int counts[12]) {
    long d = 0;
    for (int m = 1; m <= 12; m++) {
        counts[m - 1] = 0;
        for (int k = 0; k < date_month_length(year, m); k++, d++)
            counts[m - 1] += wcal_is_working_day(&s->calendar, d);
    }
}

static long day_of(const scn_t *s, int y, int m, int d) {
    return date_to_days(y, m, d) - s->start_date;
}

/* 2021, from 国办发明电〔2020〕27号.  Weekdays per month of 2021 minus the
 * weekday holidays plus the make-up days:
 *   Jan 21 - 1 (1st)                      = 20
 *   Feb 20 - 5 (11,12,15,16,17) + 2 (7,20) = 17
 *   Mar 23                                = 23
 *   Apr 22 - 1 (5th) + 1 (25th)           = 22
 *   May 21 - 3 (3,4,5) + 1 (8th)          = 19
 *   Jun 22 - 1 (14th)                     = 21
 *   Jul 22, Aug 22                        = 22, 22
 *   Sep 22 - 2 (20,21) + 2 (18,26)        = 22
 *   Oct 21 - 5 (1,4,5,6,7) + 1 (9th)      = 17
 *   Nov 22, Dec 23                        = 22, 23      (year: 250) */
START_TEST(china_2021_months) {
    static const int EXPECTED[12] = {20, 17, 23, 22, 19, 21, 22, 22, 22, 17, 22, 23};
    char dir[64];
    make_tmpdir(dir, sizeof dir);
    scn_t s;
    load_year(&s, 2021, dir);
    int counts[12], total = 0;
    month_counts(&s, 2021, counts);
    for (int m = 0; m < 12; m++) {
        ck_assert_msg(counts[m] == EXPECTED[m], "2021 month %d: %d working days, expected %d",
                      m + 1, counts[m], EXPECTED[m]);
        total += counts[m];
    }
    ck_assert_int_eq(total, 250);
    /* make-up Sunday 7 February open at 10:00, holiday Thursday 11
     * February closed, an ordinary Sunday closed */
    CHECK(wcal_is_open(&s.calendar, day_of(&s, 2021, 2, 7) * 1440.0 + 600));
    CHECK(!wcal_is_open(&s.calendar, day_of(&s, 2021, 2, 11) * 1440.0 + 600));
    CHECK(!wcal_is_open(&s.calendar, day_of(&s, 2021, 2, 28) * 1440.0 + 600));
    /* the working time of February is 17 days of 8 hours */
    CHECK_EQ_D(wcal_working_time(&s.calendar, day_of(&s, 2021, 2, 1) * 1440.0,
                                 day_of(&s, 2021, 3, 1) * 1440.0),
               17 * 480.0);
    scn_free(&s);
    remove_tree(dir);
}
END_TEST

/* Every shipped year: the make-up days are weekend days, and the year has
 * its weekdays minus the 11 statutory holiday days of 2019-2024 (holidays
 * on a weekend are made up on a weekday), except 2020, whose Spring
 * Festival was extended by two working days (31 January and the make-up
 * Saturday 1 February). */
START_TEST(shipped_years) {
    char dir[64];
    make_tmpdir(dir, sizeof dir);
    for (int year = 2019; year <= 2024; year++) {
        scn_t s;
        load_year(&s, year, dir);
        int counts[12], total = 0, weekdays = 0;
        month_counts(&s, year, counts);
        for (int m = 0; m < 12; m++) total += counts[m];
        long n = date_to_days(year + 1, 1, 1) - date_to_days(year, 1, 1);
        for (long d = 0; d < n; d++) weekdays += date_weekday(s.start_date + d) < 5;
        int expected = weekdays - 11 - (year == 2020 ? 2 : 0);
        ck_assert_msg(total == expected, "%d: %d working days, expected %d", year, total, expected);
        for (size_t k = 0; k < s.calendar.n_makeups; k++)
            CHECK(date_weekday(s.start_date + s.calendar.makeups[k]) >= 5);
        scn_free(&s);
    }
    remove_tree(dir);
}
END_TEST

/* Day 0 follows the start date: 2024-01-06 is a Saturday, so the first
 * opening is Monday 8 January at 09:00 (day 2). */
START_TEST(start_date_weekday) {
    char dir[64], path[128], err[ERR_LEN] = "";
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/a.cfg", dir);
    write_scenario(path, "2024-01-06", "holidays = [\"2024-01-09\"]; makeup_days = [1];");
    scn_t s;
    if (scn_load(&s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    CHECK(s.dated && s.start_date == date_to_days(2024, 1, 6));
    CHECK_EQ_D(wcal_next_open(&s.calendar, 0), 1 * 1440.0 + 540); /* make-up Sunday */
    CHECK(!wcal_is_working_day(&s.calendar, 3));                  /* Tuesday 9th    */
    CHECK(wcal_is_working_day(&s.calendar, 4));
    scn_free(&s);
    remove_tree(dir);
}
END_TEST

typedef struct bad {
    const char *start, *extra, *message;
} bad_t;

START_TEST(bad_dates) {
    static const bad_t BAD[] = {
        {"2023-02-29", "",
         ":4: calendar.start_date: 2023-02-29 does not exist (February 2023 "
         "has 28 days)"},
        {"2024/01/02", "", ":4: calendar.start_date: '2024/01/02' is not a date"},
        {NULL, "holidays = [\"2024-01-02\"];",
         ":5: calendar.holidays[0]: a date needs calendar.start_date"},
        {"2024-01-01", "holidays = [\"2024-01-02\", \"2024-13-02\"];",
         ":5: calendar.holidays[1]: '2024-13-02': month 13 out of range"},
        {"2024-01-01",
         "holidays = [\"2024-01-06\"]; makeup_days = [\"2024-01-07\", \"2024-01-06\"];",
         ":5: calendar.makeup_days[1]: 2024-01-06 is both a holiday and a make-up"},
        {"2024-01-01", "arrangements = { x = 3; };",
         ":5: calendar.arrangements.x: expected a group"},
        {"2024-01-01", "arrangements = { x = { holiday = []; }; };",
         ":5: calendar.arrangements.x.holiday: unknown setting"},
    };
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/bad.cfg", dir);
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        write_scenario(path, BAD[i].start, BAD[i].extra);
        scn_t s;
        char err[ERR_LEN] = "";
        ck_assert_int_eq(scn_load(&s, path, err, sizeof err), -1);
        ck_assert_msg(strstr(err, BAD[i].message) != NULL, "case %zu: got '%s', expected '%s'", i,
                      err, BAD[i].message);
        ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "no file name: %s", err);
        scn_free(&s);
    }
    remove_tree(dir);
}
END_TEST

extern Suite *suite_calendars(void);
Suite *suite_calendars(void) {
    Suite *s = suite_create("calendars");
    TCase *tc = tcase_create("calendars");
    tcase_add_test(tc, china_2021_months);
    tcase_add_test(tc, shipped_years);
    tcase_add_test(tc, start_date_weekday);
    tcase_add_test(tc, bad_dates);
    suite_add_tcase(s, tc);
    return s;
}
