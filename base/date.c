#include "date.h"

#include <stdbool.h>
#include <stdio.h>

#include "errmsg.h"

static const char *const MONTH_NAME[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};

static bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_month_length(int year, int month) {
    static const int LEN[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap_year(year) ? 29 : LEN[month - 1];
}

/* Days from civil (H. Hinnant's algorithm): years counted from March, so
 * the leap day is the last day of the counting year, and 400-year eras
 * of 146097 days make it exact for any year without a loop.  Years here
 * are positive, so the era division needs no negative fix-up. */
long date_to_days(int year, int month, int day) {
    long y = year - (month <= 2);
    long era = y / 400;
    long yoe = y - era * 400;                         /* [0, 399]     */
    long mp = (month + 9) % 12;                       /* March = 0    */
    long doy = (153 * mp + 2) / 5 + day - 1;          /* [0, 365]     */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096]  */
    return era * 146097 + doe - 719468;               /* 1970-01-01=0 */
}

/* The inverse of date_to_days, by the same era arithmetic; floor division
 * so that day numbers before 1970 work too. */
void date_from_days(long days, int *year, int *month, int *day) {
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

/* 1970-01-01 was a Thursday (3 when Monday is 0). */
int date_weekday(long days) {
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static bool digits(const char *s, int n, int *value) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

int date_parse(const char *text, long *days, char *err, size_t errlen) {
    int y, m, d;
    bool shape = text && digits(text, 4, &y) && text[4] == '-' && digits(text + 5, 2, &m) &&
                 text[7] == '-' && digits(text + 8, 2, &d) && text[10] == '\0';
    if (!shape) {
        errmsg_format(err, errlen, "'%.40s' is not a date (expected YYYY-MM-DD, e.g. 2024-01-02)",
                      text ? text : "");
        return -1;
    }
    if (y < DATE_MIN_YEAR) {
        errmsg_format(err, errlen, "year %04d out of range (expected %d to %d)", y, DATE_MIN_YEAR,
                      DATE_MAX_YEAR);
        return -1;
    }
    if (m < 1 || m > 12) {
        errmsg_format(err, errlen, "'%s': month %02d out of range (expected 01 to 12)", text, m);
        return -1;
    }
    int len = date_month_length(y, m);
    if (d < 1 || d > len) {
        errmsg_format(err, errlen, "%s does not exist (%s %d has %d days)", text, MONTH_NAME[m - 1],
                      y, len);
        return -1;
    }
    *days = date_to_days(y, m, d);
    return 0;
}

void date_format(long days, char buf[DATE_TEXT]) {
    int y, m, d;
    date_from_days(days, &y, &m, &d);
    char text[48]; /* room for any int, so the compiler sees no truncation */
    snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    snprintf(buf, DATE_TEXT, "%.10s", text);
}
