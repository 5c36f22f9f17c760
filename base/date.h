/*
 * date.h - calendar dates as day numbers, for scenarios that start on a
 * real date (calendar.start_date) and name holidays by date.
 *
 * A day number counts days since 1970-01-01 (day 0) in the proleptic
 * Gregorian calendar, with no time zone: a date is a whole civil day.
 * Dates are written as ISO 8601 calendar dates, "YYYY-MM-DD" exactly
 * (four-digit year 1000..9999, two-digit month and day), which is all a
 * scenario needs and what every spreadsheet and notice converts to.
 * The conversions are exact integer arithmetic (no table, no libc time
 * functions, so no locale or TZ can change them).
 */
#ifndef GOVSIM_DATE_H
#define GOVSIM_DATE_H

#include <stddef.h>

#define DATE_MIN_YEAR 1000
#define DATE_MAX_YEAR 9999
#define DATE_TEXT     11 /* "YYYY-MM-DD" and its NUL */

/* Day number of year-month-day (month 1..12, day 1..31); the caller has
 * checked the date exists (date_valid). */
long date_to_days(int year, int month, int day);

/* The year, month and day of day number `days`. */
void date_from_days(long days, int *year, int *month, int *day);

/* Days in `month` of `year` (28..31). */
int date_month_length(int year, int month);

/* Weekday of day number `days`: 0 = Monday ... 6 = Sunday. */
int date_weekday(long days);

/* Parses "YYYY-MM-DD" into a day number.  Returns 0, or -1 with a short
 * reason in err (what is wrong, what was expected), e.g.
 *   "expected a date as YYYY-MM-DD (e.g. 2024-01-02)"
 *   "month 13 out of range (expected 01 to 12)"
 *   "2023-02-29 does not exist (February 2023 has 28 days)"         */
int date_parse(const char *text, long *days, char *err, size_t errlen);

/* Writes the ISO text of day number `days` into buf (DATE_TEXT bytes). */
void date_format(long days, char buf[DATE_TEXT]);

#endif
