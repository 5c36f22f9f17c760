/* Unit tests for ISO dates as day numbers (base/date.h): fixed points
 * anyone can check in a calendar, a round trip over four centuries against
 * a day-by-day walk written from the rules of the Gregorian calendar, and
 * the messages for dates that do not exist. */
#include <check.h>
#include <string.h>

#include "date.h"
#include "checks.h"

START_TEST(fixed_points) {
    ck_assert_int_eq(date_to_days(1970, 1, 1), 0);
    ck_assert_int_eq(date_to_days(1969, 12, 31), -1);
    ck_assert_int_eq(date_to_days(2000, 3, 1), 11017);
    /* weekdays printed on the 2021 State Council notice: 2021-02-07 a
     * Sunday, 2021-02-20 a Saturday; 2024-01-01 a Monday */
    ck_assert_int_eq(date_weekday(date_to_days(2021, 2, 7)), 6);
    ck_assert_int_eq(date_weekday(date_to_days(2021, 2, 20)), 5);
    ck_assert_int_eq(date_weekday(date_to_days(2024, 1, 1)), 0);
    ck_assert_int_eq(date_weekday(-1), 2); /* 1969-12-31: a Wednesday */
    ck_assert_int_eq(date_month_length(2024, 2), 29);
    ck_assert_int_eq(date_month_length(1900, 2), 28);
    ck_assert_int_eq(date_month_length(2000, 2), 29);
}
END_TEST

/* Walks day by day from 1900-01-01 to 2299-12-31 with the month-length
 * rules, and checks both directions of the conversion on every day. */
START_TEST(round_trip_four_centuries) {
    long n = date_to_days(1900, 1, 1);
    int weekday = 0; /* 1900-01-01 was a Monday */
    for (int y = 1900; y < 2300; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= date_month_length(y, m); d++, n++) {
                CHECK(date_to_days(y, m, d) == n);
                int yy, mm, dd;
                date_from_days(n, &yy, &mm, &dd);
                CHECK(yy == y && mm == m && dd == d);
                CHECK(date_weekday(n) == weekday);
                weekday = (weekday + 1) % 7;
            }
    ck_assert_int_eq(n, date_to_days(2300, 1, 1));
}
END_TEST

START_TEST(parse_and_format) {
    char err[200], buf[DATE_TEXT];
    long d = -99;
    ck_assert_int_eq(date_parse("2024-02-29", &d, err, sizeof err), 0);
    date_format(d, buf);
    ck_assert_str_eq(buf, "2024-02-29");
    ck_assert_int_eq(date_parse("2023-02-29", &d, err, sizeof err), -1);
    ck_assert_str_eq(err, "2023-02-29 does not exist (February 2023 has 28 days)");
    ck_assert_int_eq(date_parse("2023-13-01", &d, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "month 13 out of range (expected 01 to 12)"));
    ck_assert_int_eq(date_parse("2023-04-31", &d, err, sizeof err), -1);
    ck_assert_int_eq(date_parse("2023-00-10", &d, err, sizeof err), -1);
    ck_assert_int_eq(date_parse("2023-01-00", &d, err, sizeof err), -1);
    ck_assert_int_eq(date_parse("0999-01-01", &d, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "year 0999 out of range"));
    const char *shapes[] = {"2023-1-01", "2023/01/01", "20230101", "2023-01-01 ", "", "x"};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        ck_assert_int_eq(date_parse(shapes[i], &d, err, sizeof err), -1);
        ck_assert_ptr_nonnull(strstr(err, "expected YYYY-MM-DD"));
    }
}
END_TEST

extern Suite *suite_date(void);
Suite *suite_date(void) {
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("date");
    tcase_add_test(tc, fixed_points);
    tcase_add_test(tc, round_trip_four_centuries);
    tcase_add_test(tc, parse_and_format);
    suite_add_tcase(s, tc);
    return s;
}
