/* Unit tests for work calendars (sim/wcal.h): parsing and its messages,
 * the four questions on a real office calendar, holidays, calendars open
 * across midnight, and random property tests against two independent
 * brute-force references (minute by minute for short spans, day by day for
 * spans of years). */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "wcal.h"
#include "checks.h"

#define SEED       20240611u
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Minutes since Monday 00:00 of week 1; weekday 0 = Monday. */
static double at(int week, int weekday, int hh, int mm) {
    return ((week - 1) * 7 + weekday) * WCAL_DAY + hh * 60 + mm;
}

static const char *const OFFICE_HOURS[] = {"08:30-12:00", "14:00-17:30"};
static const int MON_FRI[] = {1, 2, 3, 4, 5};

static void make_office(wcal_t *c) {
    char err[200] = "";
    if (wcal_init(c, OFFICE_HOURS, 2, MON_FRI, 5, err, sizeof err) != 0)
        ck_abort_msg("office calendar rejected: %s", err);
}

static void add_holidays(wcal_t *c, const int *days, size_t n) {
    char err[200] = "";
    if (wcal_add_holidays(c, days, n, err, sizeof err) != 0)
        ck_abort_msg("holidays rejected: %s", err);
}

/* ------------------------------------------------------------------ */
/* Brute-force references, written from the definition only              */
/* ------------------------------------------------------------------ */

typedef struct ref_cal {
    size_t n;              /* intervals, 0 = always open */
    int open[8], close[8]; /* whole minutes after midnight */
    bool workday[7];
    const int *holidays; /* any order */
    size_t n_holidays;
} ref_cal_t;

static bool ref_working_day(const ref_cal_t *r, long long day) {
    if (!r->workday[day % 7]) return false;
    for (size_t i = 0; i < r->n_holidays; i++)
        if (r->holidays[i] == day) return false;
    return true;
}

/* Open throughout minute [m, m + 1)?  The test calendars open and close on
 * whole minutes, so openness is constant within a minute. */
static bool ref_open_minute(const ref_cal_t *r, long long m) {
    if (r->n == 0) return true;
    if (!ref_working_day(r, m / 1440)) return false;
    int x = (int)(m % 1440);
    for (size_t i = 0; i < r->n; i++)
        if (x >= r->open[i] && x < r->close[i]) return true;
    return false;
}

static double ref_working_time_minutes(const ref_cal_t *r, double t0, double t1) {
    double sum = 0;
    for (long long m = (long long)floor(t0); (double)m < t1; m++) {
        if (!ref_open_minute(r, m)) continue;
        double from = fmax((double)m, t0), to = fmin((double)(m + 1), t1);
        if (to > from) sum += to - from;
    }
    return sum;
}

static double ref_add_minutes(const ref_cal_t *r, double t, double w) {
    if (w == 0) return t;
    for (long long m = (long long)floor(t);; m++) {
        if (!ref_open_minute(r, m)) continue;
        double from = fmax((double)m, t), portion = (double)(m + 1) - from;
        if (w <= portion) return from + w;
        w -= portion;
    }
}

static double ref_next_open(const ref_cal_t *r, double t) {
    long long m = (long long)floor(t);
    if (ref_open_minute(r, m)) return t;
    while (!ref_open_minute(r, ++m)) {
    }
    return (double)m;
}

/* First closed minute at or after the next opening: where it closes. */
static double ref_next_close(const ref_cal_t *r, double t) {
    long long m = (long long)floor(ref_next_open(r, t));
    while (ref_open_minute(r, m)) m++;
    return (double)m;
}

/* Day by day, for spans of years: no week arithmetic involved. */
static double ref_working_time_days(const ref_cal_t *r, double t0, double t1) {
    double sum = 0;
    for (long long d = (long long)floor(t0 / 1440); (double)d * 1440 < t1; d++) {
        if (!ref_working_day(r, d)) continue;
        for (size_t i = 0; i < r->n; i++) {
            double from = fmax((double)d * 1440 + r->open[i], t0);
            double to = fmin((double)d * 1440 + r->close[i], t1);
            if (to > from) sum += to - from;
        }
    }
    return sum;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_parse_office) {
    wcal_t c;
    make_office(&c);
    ck_assert_uint_eq(c.n_intervals, 2);
    CHECK_EQ_D(c.open[0], 510);
    CHECK_EQ_D(c.close[0], 720);
    CHECK_EQ_D(c.open[1], 840);
    CHECK_EQ_D(c.close[1], 1050);
    for (int w = 0; w < 7; w++) CHECK(c.workday[w] == (w < 5));
    ck_assert_uint_eq(c.n_holidays, 0);
    CHECK_EQ_D(wcal_minutes_per_day(&c), 420);
    wcal_free(&c);
}
END_TEST

START_TEST(test_parse_accepts) {
    /* one-digit hours, blanks around '-', 24:00 as a closing time */
    static const char *const hours[] = {"7:05 - 9:00", "13:00\t-\t24:00"};
    static const int days[] = {7, 1};
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, hours, 2, days, 2, err, sizeof err), 0);
    CHECK_EQ_D(c.open[0], 425);
    CHECK_EQ_D(c.close[0], 540);
    CHECK_EQ_D(c.open[1], 780);
    CHECK_EQ_D(c.close[1], 1440);
    CHECK(c.workday[0] && c.workday[6] && !c.workday[3]);
    wcal_free(&c);
}
END_TEST

/* Touching intervals are one opening: it ends at the later close. */
START_TEST(test_adjacent_merged) {
    static const char *const hours[] = {"08:00-12:00", "12:00-13:00", "14:00-15:00"};
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, hours, 3, MON_FRI, 5, err, sizeof err), 0);
    ck_assert_uint_eq(c.n_intervals, 2);
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 9, 0)), at(1, 0, 13, 0));
    CHECK(wcal_is_open(&c, at(1, 0, 12, 0)));
    CHECK_EQ_D(wcal_minutes_per_day(&c), 360);
    wcal_free(&c);
}
END_TEST

typedef struct bad_case {
    const char *hours[10];
    size_t n_hours;
    int days[8];
    size_t n_days;
    const char *message;
} bad_case_t;

static const bad_case_t BAD[] = {
    {{"08:30-7:00"}, 1, {1}, 1, "'08:30-7:00': closing time before opening time"},
    {{"08:00-09:00", "12:00-14:30", "14:00-17:30"},
     3,
     {1},
     1,
     "'14:00-17:30' overlaps '12:00-14:30'"},
    {{"12:00-14:00", "08:00-13:00"}, 2, {1}, 1, "'08:00-13:00' overlaps '12:00-14:00'"},
    {{"12:00-14:00", "08:00-16:00"}, 2, {1}, 1, "'08:00-16:00' overlaps '12:00-14:00'"},
    {{"14:00-17:30", "08:30-12:00"},
     2,
     {1},
     1,
     "'08:30-12:00' comes before '14:00-17:30' (list intervals in increasing order)"},
    {{"08:30-12:00"}, 1, {8}, 1, "workday 8: expected 1 (Monday) to 7 (Sunday)"},
    {{"08:30-12:00"}, 1, {0}, 1, "workday 0: expected 1 (Monday) to 7 (Sunday)"},
    {{"08:30-12:00"}, 1, {-1}, 1, "workday -1: expected 1 (Monday) to 7 (Sunday)"},
    {{"08:30-12:00"}, 1, {1, 3, 3}, 3, "workday 3 (Wednesday) listed twice"},
    {{"08:30-12:00"}, 1, {0}, 0, "no working days"},
    {{"12:00-12:00"},
     1,
     {1},
     1,
     "'12:00-12:00': empty interval (closing time equals opening time)"},
    {{"25:00-26:00"}, 1, {1}, 1, "'25:00-26:00': hour 25 out of range (expected 00 to 24)"},
    {{"08:00-99:00"}, 1, {1}, 1, "'08:00-99:00': hour 99 out of range (expected 00 to 24)"},
    {{"08:60-09:00"}, 1, {1}, 1, "'08:60-09:00': minute 60 out of range (expected 00 to 59)"},
    {{"23:00-24:30"}, 1, {1}, 1, "'23:00-24:30': 24:30 is after 24:00"},
    {{"24:00-24:00"}, 1, {1}, 1, "'24:00-24:00': 24:00 is only allowed as a closing time"},
    {{"a", "b", "c", "d", "e", "f", "g", "h", "i"},
     9,
     {1},
     1,
     "too many opening intervals (9, at most 8)"},
};

/* Malformed strings: each must be refused with the shape message. */
static const char *const JUNK[] = {
    "",
    "08:30",
    "08:30-",
    "-12:00",
    "08:30--12:00",
    "8h30-12:00",
    "08:3-12:00",
    "08:30-12:0",
    "008:30-12:00",
    "08:30-12:00x",
    " 08:30-12:00",
    "08:30-12:00 ",
    "+8:30-12:00",
    "08.30-12.00",
    "ab:cd-ef:gh",
    "08:30 12:00",
    "08:30-1200",
    "08:30-12:00-13:00",
};

START_TEST(test_parse_errors) {
    for (size_t k = 0; k < N_ELEMS(BAD); k++) {
        const bad_case_t *b = &BAD[k];
        wcal_t c;
        char err[200] = "";
        if (wcal_init(&c, b->hours, b->n_hours, b->days, b->n_days, err, sizeof err) != -1)
            ck_abort_msg("case %zu accepted, expected \"%s\"", k, b->message);
        CHECK_STR(err, b->message);
        /* a refused calendar is still safe to free */
        CHECK(c.holidays == NULL && c.n_holidays == 0);
        wcal_free(&c);
    }
    for (size_t k = 0; k < N_ELEMS(JUNK); k++) {
        wcal_t c;
        char err[200] = "", want[200];
        const char *const hours[] = {JUNK[k]};
        if (wcal_init(&c, hours, 1, MON_FRI, 5, err, sizeof err) != -1)
            ck_abort_msg("junk '%s' accepted", JUNK[k]);
        snprintf(want, sizeof want, "'%s': expected HH:MM-HH:MM (e.g. 08:30-12:00)", JUNK[k]);
        CHECK_STR(err, want);
    }
}
END_TEST

START_TEST(test_error_buffer_limits) {
    static const char *const hours[] = {"08:30-7:00"};
    wcal_t c;
    char err[8];
    memset(err, 'x', sizeof err);
    ck_assert_int_eq(wcal_init(&c, hours, 1, MON_FRI, 5, err, 5), -1);
    CHECK_STR(err, "'08:");                /* truncated, terminated      */
    CHECK(err[5] == 'x' && err[7] == 'x'); /* nothing written beyond 5   */
    ck_assert_int_eq(wcal_init(&c, hours, 1, MON_FRI, 5, NULL, 0), -1);
}
END_TEST

/* No hours: always open with no or all workdays; whole days otherwise. */
START_TEST(test_no_hours) {
    static const int all[] = {1, 2, 3, 4, 5, 6, 7};
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, NULL, 0, NULL, 0, err, sizeof err), 0);
    ck_assert_uint_eq(c.n_intervals, 0);
    ck_assert_int_eq(wcal_init(&c, NULL, 0, all, 7, err, sizeof err), 0);
    ck_assert_uint_eq(c.n_intervals, 0);
    ck_assert_int_eq(wcal_init(&c, NULL, 0, MON_FRI, 5, err, sizeof err), 0);
    ck_assert_uint_eq(c.n_intervals, 1);
    CHECK(wcal_is_open(&c, at(1, 4, 23, 59)));
    CHECK(!wcal_is_open(&c, at(1, 5, 0, 0)));
    CHECK_EQ_D(wcal_working_time(&c, 0, WCAL_WEEK), 5 * WCAL_DAY);
    /* bad workdays are still refused without hours */
    static const int bad[] = {9};
    ck_assert_int_eq(wcal_init(&c, NULL, 0, bad, 1, err, sizeof err), -1);
    CHECK_STR(err, "workday 9: expected 1 (Monday) to 7 (Sunday)");
}
END_TEST

START_TEST(test_holiday_list) {
    wcal_t c;
    make_office(&c);
    static const int a[] = {30, 4, 12, 4};
    static const int b[] = {12, 0, 100};
    add_holidays(&c, a, 4);
    add_holidays(&c, b, 3);
    static const int want[] = {0, 4, 12, 30, 100};
    ck_assert_uint_eq(c.n_holidays, N_ELEMS(want));
    for (size_t i = 0; i < N_ELEMS(want); i++) ck_assert_int_eq(c.holidays[i], want[i]);
    static const int neg[] = {7, -3};
    char err[200] = "";
    ck_assert_int_eq(wcal_add_holidays(&c, neg, 2, err, sizeof err), -1);
    CHECK_STR(err, "holiday -3: day numbers start at 0 (the first day)");
    ck_assert_uint_eq(c.n_holidays, N_ELEMS(want)); /* unchanged on error */
    ck_assert_int_eq(wcal_add_holidays(&c, NULL, 0, err, sizeof err), 0);
    wcal_free(&c);
    CHECK(c.holidays == NULL && c.n_holidays == 0);
    wcal_free(&c); /* twice is harmless */
}
END_TEST

/* ------------------------------------------------------------------ */
/* The office calendar, instant by instant                              */
/* ------------------------------------------------------------------ */

START_TEST(test_is_open) {
    wcal_t c;
    make_office(&c);
    CHECK(!wcal_is_open(&c, at(1, 0, 8, 29)));
    CHECK(!wcal_is_open(&c, at(1, 0, 8, 30) - 1e-9));
    CHECK(wcal_is_open(&c, at(1, 0, 8, 30)));
    CHECK(wcal_is_open(&c, at(1, 0, 11, 59) + 0.999));
    CHECK(!wcal_is_open(&c, at(1, 0, 12, 0)));
    CHECK(!wcal_is_open(&c, at(1, 0, 13, 0)));
    CHECK(wcal_is_open(&c, at(1, 0, 14, 0)));
    CHECK(!wcal_is_open(&c, at(1, 0, 17, 30)));
    CHECK(wcal_is_open(&c, at(1, 4, 17, 29)));
    CHECK(!wcal_is_open(&c, at(1, 5, 10, 0))); /* Saturday */
    CHECK(!wcal_is_open(&c, at(1, 6, 10, 0))); /* Sunday   */
    CHECK(wcal_is_open(&c, at(2, 0, 9, 0)));
    CHECK(wcal_is_open(&c, at(5000, 2, 9, 0)));
    CHECK(!wcal_is_open(&c, 0.0));
    wcal_free(&c);
}
END_TEST

START_TEST(test_next_open) {
    wcal_t c;
    make_office(&c);
    CHECK_EQ_D(wcal_next_open(&c, at(1, 4, 18, 0)), at(2, 0, 8, 30)); /* Fri evening */
    CHECK_EQ_D(wcal_next_open(&c, at(1, 0, 0, 0)), at(1, 0, 8, 30));
    CHECK_EQ_D(wcal_next_open(&c, at(1, 0, 8, 30)), at(1, 0, 8, 30));
    double inside = at(1, 0, 10, 0) + 0.25;
    CHECK_EQ_D(wcal_next_open(&c, inside), inside);
    CHECK_EQ_D(wcal_next_open(&c, at(1, 0, 12, 0)), at(1, 0, 14, 0));
    CHECK_EQ_D(wcal_next_open(&c, at(1, 0, 17, 30)), at(1, 1, 8, 30));
    CHECK_EQ_D(wcal_next_open(&c, at(1, 5, 12, 0)), at(2, 0, 8, 30));
    /* holidays: Monday of week 2 off, then the whole of week 3 */
    static const int hol[] = {7, 14, 15, 16, 17, 18};
    add_holidays(&c, hol, N_ELEMS(hol));
    CHECK_EQ_D(wcal_next_open(&c, at(1, 4, 18, 0)), at(2, 1, 8, 30));
    CHECK_EQ_D(wcal_next_open(&c, at(2, 4, 18, 0)), at(4, 0, 8, 30));
    CHECK(!wcal_is_open(&c, at(2, 0, 9, 0)));
    wcal_free(&c);
}
END_TEST

START_TEST(test_next_close) {
    wcal_t c;
    make_office(&c);
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 9, 0)), at(1, 0, 12, 0));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 8, 30)), at(1, 0, 12, 0));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 12, 0)), at(1, 0, 17, 30)); /* closed */
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 13, 0)), at(1, 0, 17, 30));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 7, 0)), at(1, 0, 12, 0));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 4, 18, 0)), at(2, 0, 12, 0));
    wcal_free(&c);
}
END_TEST

START_TEST(test_working_time_office) {
    wcal_t c;
    make_office(&c);
    CHECK_EQ_D(wcal_working_time(&c, at(1, 0, 10, 0), at(1, 0, 15, 0)), 180);
    CHECK_EQ_D(wcal_working_time(&c, at(1, 0, 12, 30), at(1, 0, 13, 30)), 0);
    CHECK_EQ_D(wcal_working_time(&c, at(1, 0, 15, 0), at(1, 0, 10, 0)), 0);
    CHECK_EQ_D(wcal_working_time(&c, 0, WCAL_WEEK), 2100);
    CHECK_EQ_D(wcal_working_time(&c, at(1, 2, 9, 0), at(2, 2, 9, 0)), 2100);
    CHECK_EQ_D(wcal_working_time(&c, 0, 10 * WCAL_WEEK), 21000);
    /* a Saturday holiday removes nothing */
    static const int saturday[] = {12};
    add_holidays(&c, saturday, 1);
    CHECK_EQ_D(wcal_working_time(&c, 0, 10 * WCAL_WEEK), 21000);
    /* two holidays on working days inside the span remove two days */
    static const int workdays[] = {16, 60};
    add_holidays(&c, workdays, 2);
    CHECK_EQ_D(wcal_working_time(&c, 0, 10 * WCAL_WEEK), 21000 - 840);
    /* ... and only those inside the span count: [0, day 60) is 8 weeks and
     * Mon-Thu of week 9, less day 16; day 60 itself starts at t1 */
    CHECK_EQ_D(wcal_working_time(&c, 0, 60 * WCAL_DAY), 8 * 2100 + 4 * 420 - 420);
    /* from Thursday of week 3 (day 17): 6 weeks + Thursday day 59; the
     * morning of day 60 is a holiday */
    CHECK_EQ_D(wcal_working_time(&c, 17 * WCAL_DAY, 60 * WCAL_DAY + 600), 6 * 2100 + 420);
    wcal_free(&c);
}
END_TEST

START_TEST(test_add_working_time_office) {
    wcal_t c;
    make_office(&c);
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 0, 9, 0), 60), at(1, 0, 10, 0));
    /* finishing exactly at a close returns the close, not the next opening */
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 0, 9, 0), 180), at(1, 0, 12, 0));
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 0, 9, 0), 181), at(1, 0, 14, 1));
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 4, 17, 0), 60), at(2, 0, 9, 0));
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 5, 3, 0), 2100), at(2, 4, 17, 30));
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 0, 9, 0), 0), at(1, 0, 9, 0));
    CHECK_EQ_D(wcal_add_working_time(&c, 0, 100 * 2100), at(100, 4, 17, 30));
    static const int hol[] = {7}; /* Monday of week 2 */
    add_holidays(&c, hol, 1);
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 4, 17, 0), 60), at(2, 1, 9, 0));
    CHECK_EQ_D(wcal_add_working_time(&c, 0, 100 * 2100), at(101, 0, 17, 30));
    CHECK(isinf(wcal_add_working_time(&c, 0, INFINITY)));
    wcal_free(&c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Always open, and calendars open across midnight                       */
/* ------------------------------------------------------------------ */

START_TEST(test_always_open) {
    wcal_t c;
    wcal_init_always(&c);
    static const int hol[] = {0, 3}; /* ignored: always means always */
    add_holidays(&c, hol, 2);
    gsl_rng *r = rng_stream_new(SEED, 0, 1);
    for (int k = 0; k < 1000; k++) {
        double t = gsl_rng_uniform(r) * 1e6, w = gsl_rng_uniform(r) * 1e5;
        if (!wcal_is_open(&c, t)) ck_abort_msg("closed at %g", t);
        CHECK_EQ_D(wcal_next_open(&c, t), t);
        CHECK(isinf(wcal_next_close(&c, t)));
        CHECK_EQ_D(wcal_add_working_time(&c, t, w), t + w);
        CHECK_EQ_D(wcal_working_time(&c, t, t + w), (t + w) - t);
    }
    CHECK_EQ_D(wcal_minutes_per_day(&c), 0);
    gsl_rng_free(r);
    wcal_free(&c);
}
END_TEST

START_TEST(test_open_across_midnight) {
    static const char *const night[] = {"00:00-06:00", "22:00-24:00"};
    static const char *const whole[] = {"00:00-24:00"};
    static const int all[] = {1, 2, 3, 4, 5, 6, 7};
    char err[200] = "";
    wcal_t c;
    ck_assert_int_eq(wcal_init(&c, night, 2, all, 7, err, sizeof err), 0);
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 23, 0)), at(1, 1, 6, 0));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 3, 0)), at(1, 0, 6, 0));
    static const int tue[] = {1};
    add_holidays(&c, tue, 1);
    CHECK_EQ_D(wcal_next_close(&c, at(1, 0, 23, 0)), at(1, 1, 0, 0));
    wcal_free(&c);

    ck_assert_int_eq(wcal_init(&c, whole, 1, MON_FRI, 5, err, sizeof err), 0);
    CHECK_EQ_D(wcal_next_close(&c, at(1, 1, 10, 0)), at(1, 5, 0, 0));
    CHECK_EQ_D(wcal_next_close(&c, at(1, 5, 10, 0)), at(2, 5, 0, 0));
    wcal_free(&c);

    ck_assert_int_eq(wcal_init(&c, whole, 1, all, 7, err, sizeof err), 0);
    CHECK(isinf(wcal_next_close(&c, at(3, 2, 10, 0))));
    static const int hol[] = {100, 40};
    add_holidays(&c, hol, 2);
    CHECK_EQ_D(wcal_next_close(&c, at(3, 2, 10, 0)), 40 * WCAL_DAY);
    CHECK_EQ_D(wcal_next_open(&c, 40 * WCAL_DAY + 5), 41 * WCAL_DAY);
    CHECK_EQ_D(wcal_next_close(&c, 40 * WCAL_DAY + 5), 100 * WCAL_DAY);
    CHECK(isinf(wcal_next_close(&c, 100 * WCAL_DAY + 5)));
    CHECK_EQ_D(wcal_working_time(&c, 0, 200 * WCAL_DAY), 198 * WCAL_DAY);
    CHECK_EQ_D(wcal_add_working_time(&c, 0, 198 * WCAL_DAY), 200 * WCAL_DAY);
    wcal_free(&c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Random property tests against the references                          */
/* ------------------------------------------------------------------ */

/* Holidays close together (a long weekend, two in a row, one on a Saturday)
 * in the first weeks, where the short-span tests look. */
static const int NEAR_HOLIDAYS[] = {3, 5, 8, 9, 21, 22, 23, 24, 25, 26};

typedef struct cal_case {
    const char *hours[4];
    size_t n_hours;
    int days[7];
    size_t n_days;
    ref_cal_t ref;
} cal_case_t;

static const cal_case_t CASES[] = {
    {{"08:30-12:00", "14:00-17:30"},
     2,
     {1, 2, 3, 4, 5},
     5,
     {2, {510, 840}, {720, 1050}, {true, true, true, true, true, false, false}, NULL, 0}},
    {{"00:00-06:00", "22:00-24:00"},
     2,
     {6, 7, 3},
     3,
     {2, {0, 1320}, {360, 1440}, {false, false, true, false, false, true, true}, NULL, 0}},
    {{"7:00-7:01", "09:15-09:45", "10:00-23:59"},
     3,
     {2},
     1,
     {3,
      {420, 555, 600},
      {421, 585, 1439},
      {false, true, false, false, false, false, false},
      NULL,
      0}},
    {{"00:00-24:00"},
     1,
     {1, 2, 4, 5},
     4,
     {1, {0}, {1440}, {true, true, false, true, true, false, false}, NULL, 0}},
};

static void make_case(wcal_t *c, ref_cal_t *ref, const cal_case_t *k, const int *hol,
                      size_t n_hol) {
    char err[200] = "";
    if (wcal_init(c, k->hours, k->n_hours, k->days, k->n_days, err, sizeof err) != 0)
        ck_abort_msg("case rejected: %s", err);
    add_holidays(c, hol, n_hol);
    *ref = k->ref;
    ref->holidays = hol;
    ref->n_holidays = n_hol;
}

START_TEST(test_short_spans_vs_minutes) {
    gsl_rng *r = rng_stream_new(SEED, 0, 2);
    for (size_t k = 0; k < N_ELEMS(CASES); k++) {
        wcal_t c;
        ref_cal_t ref;
        make_case(&c, &ref, &CASES[k], NEAR_HOLIDAYS, N_ELEMS(NEAR_HOLIDAYS));
        for (int i = 0; i < 150; i++) {
            /* half on whole minutes (boundaries), half anywhere */
            double t0 = gsl_rng_uniform(r) * 4 * WCAL_WEEK;
            double span = gsl_rng_uniform(r) * 3 * WCAL_DAY;
            if (i % 2) t0 = floor(t0), span = floor(span);
            double t1 = t0 + span;
            CHECK_NEAR(wcal_working_time(&c, t0, t1), ref_working_time_minutes(&ref, t0, t1), 1e-6);
            double w = i % 2 ? floor(span / 2) : span / 2;
            CHECK_NEAR(wcal_add_working_time(&c, t0, w), ref_add_minutes(&ref, t0, w), 1e-6);
            if (wcal_is_open(&c, t0) != ref_open_minute(&ref, (long long)floor(t0)))
                ck_abort_msg("case %zu: is_open(%.6f) wrong", k, t0);
            CHECK_EQ_D(wcal_next_open(&c, t0), ref_next_open(&ref, t0));
            CHECK_EQ_D(wcal_next_close(&c, t0), ref_next_close(&ref, t0));
        }
        wcal_free(&c);
    }
    gsl_rng_free(r);
}
END_TEST

/* The references must see what they are meant to check: forgetting one
 * holiday, or opening a minute late, changes their answer. */
START_TEST(test_reference_sensitive) {
    wcal_t c;
    ref_cal_t ref;
    make_case(&c, &ref, &CASES[0], NEAR_HOLIDAYS, N_ELEMS(NEAR_HOLIDAYS));
    ref_cal_t forgot = ref;
    forgot.n_holidays = 0;
    CHECK_NEAR(wcal_working_time(&c, 0, WCAL_WEEK), ref_working_time_minutes(&ref, 0, WCAL_WEEK),
               1e-9);
    CHECK(fabs(wcal_working_time(&c, 0, WCAL_WEEK) -
               ref_working_time_minutes(&forgot, 0, WCAL_WEEK)) > 400);
    CHECK(fabs(wcal_working_time(&c, 0, 5 * WCAL_WEEK) -
               ref_working_time_days(&forgot, 0, 5 * WCAL_WEEK)) > 400);
    ref_cal_t late = ref;
    late.open[0] = 511;
    CHECK(ref_next_open(&late, 0) != wcal_next_open(&c, 0));
    wcal_free(&c);
}
END_TEST

START_TEST(test_long_spans_vs_days) {
    enum { N_HOL = 60 };
    gsl_rng *r = rng_stream_new(SEED, 0, 3);
    int hol[N_HOL];
    for (int i = 0; i < N_HOL; i++) hol[i] = (int)gsl_rng_uniform_int(r, 3 * 365);
    for (size_t k = 0; k < N_ELEMS(CASES); k++) {
        wcal_t c;
        ref_cal_t ref;
        make_case(&c, &ref, &CASES[k], hol, N_HOL);
        for (int i = 0; i < 100; i++) {
            double t0 = gsl_rng_uniform(r) * 3 * 365 * WCAL_DAY;
            double t1 = t0 + gsl_rng_uniform(r) * 3 * 365 * WCAL_DAY;
            CHECK_NEAR(wcal_working_time(&c, t0, t1), ref_working_time_days(&ref, t0, t1), 1e-6);
        }
        wcal_free(&c);
    }
    gsl_rng_free(r);
}
END_TEST

/* working_time(t, add_working_time(t, w)) == w over many weeks and
 * holidays, and the finishing instant is the first one: just before it the
 * calendar is open (the work was still going on). */
START_TEST(test_add_inverse_property) {
    enum { N_HOL = 80 };
    gsl_rng *r = rng_stream_new(SEED, 0, 4);
    int hol[N_HOL];
    for (int i = 0; i < N_HOL; i++) hol[i] = (int)gsl_rng_uniform_int(r, 4 * 365);
    for (size_t k = 0; k < N_ELEMS(CASES); k++) {
        wcal_t c;
        ref_cal_t ref;
        make_case(&c, &ref, &CASES[k], hol, N_HOL);
        double weekly = wcal_working_time(&c, 0, WCAL_WEEK) + 1; /* > any week */
        for (int i = 0; i < 1500; i++) {
            double t = gsl_rng_uniform(r) * 3 * 365 * WCAL_DAY;
            double w = gsl_rng_uniform(r) * (i % 3 == 0 ? 50 * weekly : weekly);
            double end = wcal_add_working_time(&c, t, w);
            CHECK(end >= t);
            CHECK_NEAR(wcal_working_time(&c, t, end), w, 1e-6);
            if (!wcal_is_open(&c, end - 1e-6)) ck_abort_msg("closed just before %.6f", end);
        }
        wcal_free(&c);
    }
    gsl_rng_free(r);
}
END_TEST

/* A thousand years of work with holidays in it: weeks are skipped by
 * arithmetic (day by day would be slow under the sanitizers) and the answer
 * is still exact.  From Wednesday 10:00, 52000 weeks of work end on
 * Wednesday 10:00 of week 52001 and 123.25 more minutes at 14:03.25; the
 * five holidays, all on working days, push that by five working days. */
START_TEST(test_huge_work) {
    wcal_t c;
    make_office(&c);
    double t = at(1, 2, 10, 0), w = 52000.0 * 2100 + 123.25;
    CHECK_NEAR(wcal_add_working_time(&c, t, w), at(52001, 2, 14, 3) + 0.25, 1e-6);
    static const int hol[] = {16, 60, 5000, 5001, 200000};
    for (size_t i = 0; i < N_ELEMS(hol); i++) CHECK(hol[i] % 7 < 5);
    add_holidays(&c, hol, N_ELEMS(hol));
    double end = wcal_add_working_time(&c, t, w);
    CHECK_NEAR(end, at(52002, 2, 14, 3) + 0.25, 1e-6);
    CHECK_NEAR(wcal_working_time(&c, t, end), w, 1e-6);
    wcal_free(&c);
}
END_TEST

/* Work so large that it ends after WCAL_FAR (arrivals at a vanishing
 * rate draw such gaps): "never", not a wrapped day number in the past.
 * 4e8 weeks of work (2100 minutes a week) from Wednesday 10:00 still end
 * exactly on Wednesday 10:00 of week 400000001, computed here by hand. */
START_TEST(test_work_beyond_far) {
    wcal_t c;
    make_office(&c);
    double t = at(1, 2, 10, 0);
    CHECK(isinf(wcal_add_working_time(&c, t, 1e300)));
    CHECK(isinf(wcal_add_working_time(&c, t, 4.8e302)));
    CHECK(isinf(wcal_add_working_time(&c, t, WCAL_FAR)));
    CHECK(isinf(wcal_add_working_time(&c, t, WCAL_FAR / 2))); /* ends past it */
    CHECK(isinf(wcal_add_working_time(&c, 1e300, 10)));
    CHECK(isinf(wcal_next_open(&c, 1e300)));
    CHECK(isinf(wcal_next_close(&c, 1e300)));
    CHECK(!wcal_is_open(&c, 1e300));
    CHECK(isinf(wcal_working_time(&c, 0, 1e300)));
    double w = 4e8 * 2100.0;
    double expected = ((400000001.0 - 1) * 7 + 2) * 1440 + 10 * 60;
    CHECK_NEAR(wcal_add_working_time(&c, t, w), expected, 1e-3);
    wcal_free(&c);
}
END_TEST

extern Suite *suite_wcal(void);
Suite *suite_wcal(void) {
    Suite *s = suite_create("wcal");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_parse_office);
    tcase_add_test(tc, test_parse_accepts);
    tcase_add_test(tc, test_adjacent_merged);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_error_buffer_limits);
    tcase_add_test(tc, test_no_hours);
    tcase_add_test(tc, test_holiday_list);
    tcase_add_test(tc, test_is_open);
    tcase_add_test(tc, test_next_open);
    tcase_add_test(tc, test_next_close);
    tcase_add_test(tc, test_working_time_office);
    tcase_add_test(tc, test_add_working_time_office);
    tcase_add_test(tc, test_always_open);
    tcase_add_test(tc, test_open_across_midnight);
    tcase_add_test(tc, test_short_spans_vs_minutes);
    tcase_add_test(tc, test_reference_sensitive);
    tcase_add_test(tc, test_long_spans_vs_days);
    tcase_add_test(tc, test_add_inverse_property);
    tcase_add_test(tc, test_huge_work);
    tcase_add_test(tc, test_work_beyond_far);
    suite_add_tcase(s, tc);
    return s;
}
