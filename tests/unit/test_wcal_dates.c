/* Unit tests for the dated work calendar (sim/wcal.h): day 0 on any
 * weekday, make-up working days (调休) next to holidays, and every query
 * against a day-by-day / minute-by-minute reference written from the
 * definition (a day works if its weekday works and it is not a holiday, or
 * it is a make-up day), on random calendars. */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "wcal.h"
#include "checks.h"

#define SEED 20261206u

typedef struct ref {
    int first_weekday;
    bool workday[7];
    int open[2], close[2];
    int hol[40], n_hol, mk[40], n_mk;
} ref_t;

static bool ref_working_day(const ref_t *r, long long d) {
    for (int i = 0; i < r->n_mk; i++)
        if (r->mk[i] == d) return true;
    for (int i = 0; i < r->n_hol; i++)
        if (r->hol[i] == d) return false;
    return r->workday[(d + r->first_weekday) % 7];
}

static bool ref_open_minute(const ref_t *r, long long m) {
    if (!ref_working_day(r, m / 1440)) return false;
    int x = (int)(m % 1440);
    for (int i = 0; i < 2; i++)
        if (x >= r->open[i] && x < r->close[i]) return true;
    return false;
}

static double ref_working_time(const ref_t *r, double t0, double t1) {
    double sum = 0;
    for (long long d = (long long)floor(t0 / 1440); (double)d * 1440 < t1; d++) {
        if (!ref_working_day(r, d)) continue;
        for (int i = 0; i < 2; i++) {
            double from = fmax((double)d * 1440 + r->open[i], t0);
            double to = fmin((double)d * 1440 + r->close[i], t1);
            if (to > from) sum += to - from;
        }
    }
    return sum;
}

static double ref_next_open(const ref_t *r, double t) {
    long long m = (long long)floor(t);
    if (ref_open_minute(r, m)) return t;
    while (!ref_open_minute(r, ++m)) {
    }
    return (double)m;
}

static bool in_list(const int *a, int n, int v) {
    for (int i = 0; i < n; i++)
        if (a[i] == v) return true;
    return false;
}

/* A random calendar: some weekdays, two intervals, day 0 on a random
 * weekday, holidays and make-up days (disjoint) within the first 300 days. */
static void make_random(wcal_t *c, ref_t *r, gsl_rng *g) {
    memset(r, 0, sizeof *r);
    static const char *const HOURS[] = {"08:30-12:00", "14:00-17:30"};
    r->open[0] = 510, r->close[0] = 720, r->open[1] = 840, r->close[1] = 1050;
    int days[7], n = 0;
    while (n == 0)
        for (int w = 0; w < 7; w++)
            if (rng_uniform(g) < 0.6) days[n++] = w + 1;
    for (int i = 0; i < n; i++) r->workday[days[i] - 1] = true;
    char err[200] = "";
    if (wcal_init(c, HOURS, 2, days, (size_t)n, err, sizeof err) != 0) ck_abort_msg("%s", err);
    r->first_weekday = (int)(rng_uniform(g) * 7);
    wcal_set_first_weekday(c, r->first_weekday);
    int want_hol = (int)(rng_uniform(g) * 30), want_mk = (int)(rng_uniform(g) * 30);
    while (r->n_hol < want_hol) {
        int d = (int)(rng_uniform(g) * 300);
        if (!in_list(r->hol, r->n_hol, d)) r->hol[r->n_hol++] = d;
    }
    while (r->n_mk < want_mk) {
        int d = (int)(rng_uniform(g) * 300);
        if (!in_list(r->hol, r->n_hol, d) && !in_list(r->mk, r->n_mk, d)) r->mk[r->n_mk++] = d;
    }
    if (wcal_add_holidays(c, r->hol, (size_t)r->n_hol, err, sizeof err) != 0 ||
        wcal_add_makeups(c, r->mk, (size_t)r->n_mk, err, sizeof err) != 0)
        ck_abort_msg("%s", err);
}

START_TEST(random_against_reference) {
    gsl_rng *g = rng_stream_new(SEED, 0, 0);
    for (int trial = 0; trial < 300; trial++) {
        wcal_t c;
        ref_t r;
        make_random(&c, &r, g);
        for (long long d = 0; d < 320; d++)
            CHECK(wcal_is_working_day(&c, d) == ref_working_day(&r, d));
        for (int q = 0; q < 40; q++) {
            double t0 = floor(rng_uniform(g) * 280 * 1440);
            double t1 = t0 + floor(rng_uniform(g) * 60 * 1440);
            CHECK_NEAR(wcal_working_time(&c, t0, t1), ref_working_time(&r, t0, t1), 1e-6);
            CHECK(wcal_is_open(&c, t0) == ref_open_minute(&r, (long long)t0));
            CHECK_EQ_D(wcal_next_open(&c, t0), ref_next_open(&r, t0));
            /* adding the working time between two instants lands on the
             * first open instant at or after the second (or on it) */
            double w = ref_working_time(&r, t0, t1);
            if (w > 0) {
                double end = wcal_add_working_time(&c, t0, w);
                CHECK_NEAR(ref_working_time(&r, t0, end), w, 1e-6);
                CHECK(end <= t1 + 1e-6);
            }
        }
        wcal_free(&c);
    }
    gsl_rng_free(g);
}
END_TEST

START_TEST(makeup_and_holiday_exclusive) {
    static const char *const HOURS[] = {"09:00-17:00"};
    static const int MON_FRI[] = {1, 2, 3, 4, 5};
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, HOURS, 1, MON_FRI, 5, err, sizeof err), 0);
    wcal_set_first_weekday(&c, 4); /* day 0 a Friday: days 1, 2 the weekend */
    CHECK(wcal_is_working_day(&c, 0) && !wcal_is_working_day(&c, 1));
    int sunday = 2, friday = 0;
    ck_assert_int_eq(wcal_add_makeups(&c, &sunday, 1, err, sizeof err), 0);
    ck_assert_int_eq(wcal_add_holidays(&c, &friday, 1, err, sizeof err), 0);
    CHECK(!wcal_is_working_day(&c, 0) && wcal_is_working_day(&c, 2));
    CHECK_EQ_D(wcal_next_open(&c, 0), 2 * 1440 + 540);
    ck_assert_int_eq(wcal_add_holidays(&c, &sunday, 1, err, sizeof err), -1);
    ck_assert_str_eq(err, "day 2 is both a make-up working day and a holiday (expected one or "
                          "the other)");
    ck_assert_int_eq(wcal_add_makeups(&c, &friday, 1, err, sizeof err), -1);
    int negative = -1;
    ck_assert_int_eq(wcal_add_makeups(&c, &negative, 1, err, sizeof err), -1);
    CHECK(c.n_makeups == 1 && c.n_holidays == 1);
    wcal_free(&c);
}
END_TEST

extern Suite *suite_wcal_dates(void);
Suite *suite_wcal_dates(void) {
    Suite *s = suite_create("wcal_dates");
    TCase *tc = tcase_create("wcal_dates");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, random_against_reference);
    tcase_add_test(tc, makeup_and_holiday_exclusive);
    suite_add_tcase(s, tc);
    return s;
}
