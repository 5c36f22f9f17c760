/* The near days' bits and counts of a work calendar (sim/wcal.h): on random
 * calendars (working weekdays, one to three openings a day, a first
 * weekday, holidays, make-up days, some of them beyond the near days,
 * service days) every day's "does it work" is the definition's answer,
 * and wcal_working_time is, bit for bit, first + middle + last with the
 * middle's working days counted one by one (what the count by search gave
 * before the tables); wcal_add_working_time (whose jumps over whole weeks
 * and near days must land where the walk does, with the same work left)
 * is, bit for bit, the day-by-day, interval-by-interval walk, and
 * wcal_next_open the first opening a day walk finds.  The reference reads only the calendar's
 * public lists, so a wrong bit or count in the tables shows. */
#include <check.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "rng.h"
#include "wcal.h"
#include "wcal_random.h"

/* The definition: the weekday works and the day is no holiday, or it is a
 * make-up day. */
static bool ref_works(const wcal_t *c, long long d) {
    for (size_t i = 0; i < c->n_makeups; i++)
        if (c->makeups[i] == d) return true;
    for (size_t i = 0; i < c->n_holidays; i++)
        if (c->holidays[i] == d) return false;
    return c->workday[(d + c->first_weekday) % 7];
}

/* wcal.c's open_within, the same operations. */
static double ref_within(const wcal_t *c, double x0, double x1) {
    double sum = 0.0;
    for (size_t i = 0; i < c->n_intervals; i++) {
        double from = c->open[i] > x0 ? c->open[i] : x0;
        double to = c->close[i] < x1 ? c->close[i] : x1;
        if (to > from) sum += to - from;
    }
    return sum;
}

/* first + middle + last, the middle's days counted one by one. */
static double ref_working_time(const wcal_t *c, double t0, double t1) {
    if (t1 <= t0) return 0.0;
    long long d0 = (long long)floor(t0 / WCAL_DAY), d1 = (long long)floor(t1 / WCAL_DAY);
    double x0 = t0 - (double)d0 * WCAL_DAY, x1 = t1 - (double)d1 * WCAL_DAY;
    if (d0 == d1) return ref_works(c, d0) ? ref_within(c, x0, x1) : 0.0;
    double first = ref_works(c, d0) ? ref_within(c, x0, WCAL_DAY) : 0.0;
    double last = ref_works(c, d1) ? ref_within(c, 0.0, x1) : 0.0;
    long long n = 0;
    for (long long d = d0 + 1; d < d1; d++) n += ref_works(c, d);
    double middle = c->minutes_per_day * (double)n;
    return first + middle + last;
}

/* The first open instant at or after t, day by day. */
static double ref_next_open(const wcal_t *c, double t) {
    long long d = (long long)floor(t / WCAL_DAY);
    double x = t - (double)d * WCAL_DAY;
    for (;; d++, x = 0.0) {
        if (!ref_works(c, d)) continue;
        for (size_t i = 0; i < c->n_intervals; i++) {
            if (x < c->open[i]) return (double)d * WCAL_DAY + c->open[i];
            if (x < c->close[i]) return (double)d * WCAL_DAY + x;
        }
    }
}

/* wcal_add_working_time's walk without its jumps (whole weeks, near
 * days): the first day from t, then day by day, interval by interval. */
static double ref_add(const wcal_t *c, double t, double work) {
    if (work == 0.0) return t;
    long long d = (long long)floor(t / WCAL_DAY);
    double x = t - (double)d * WCAL_DAY;
    if (ref_works(c, d))
        for (size_t i = 0; i < c->n_intervals; i++) {
            if (c->close[i] <= x) continue;
            double from = c->open[i] > x ? c->open[i] : x;
            double avail = c->close[i] - from;
            if (work <= avail) return (double)d * WCAL_DAY + from + work;
            work -= avail;
        }
    for (d++;; d++) {
        if (!ref_works(c, d)) continue;
        for (size_t i = 0; i < c->n_intervals; i++) {
            double avail = c->close[i] - c->open[i];
            if (work <= avail) return (double)d * WCAL_DAY + c->open[i] + work;
            work -= avail;
        }
    }
}

static void check_calendar(const wcal_t *c, gsl_rng *g, int span, int n) {
    for (long long d = 0; d < span + 20; d++)
        if (wcal_is_working_day(c, d) != ref_works(c, d))
            ck_abort_msg("day %lld: works %d, definition %d", d, wcal_is_working_day(c, d),
                         ref_works(c, d));
    for (int i = 0; i < n; i++) {
        double t0 = random_instant(g, span), t1 = random_instant(g, span);
        if (rng_uniform(g) < 0.5) t1 = t0 + rng_uniform(g) * 10 * WCAL_DAY;
        double got = wcal_working_time(c, t0, t1), want = ref_working_time(c, t0, t1);
        if (memcmp(&got, &want, sizeof got) != 0)
            ck_abort_msg("working_time(%.17g, %.17g): %.17g, by the definition %.17g", t0, t1, got,
                         want);
        CHECK_EQ_D(wcal_next_open(c, t0), ref_next_open(c, t0));
        double w = got > 0 ? got : rng_uniform(g) * 600;
        if (rng_uniform(g) < 0.3) w = rng_uniform(g) * 400 * c->minutes_per_day; /* months */
        if (rng_uniform(g) < 0.1) w = floor(w / c->minutes_per_day) * c->minutes_per_day;
        double end = wcal_add_working_time(c, t0, w), walked = ref_add(c, t0, w);
        if (memcmp(&end, &walked, sizeof end) != 0)
            ck_abort_msg("add_working_time(%.17g, %.17g): %.17g, walked %.17g", t0, w, end, walked);
        CHECK(end == t0 || ref_works(c, (long long)floor(nextafter(end, 0) / WCAL_DAY)));
    }
}

/* Lists inside the near days (the run's horizon). */
START_TEST(test_random_calendars_near) {
    gsl_rng *g = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(g, 20261206);
    for (int k = 0; k < 60; k++) {
        wcal_t c;
        random_calendar(&c, g, 800);
        check_calendar(&c, g, 1100, 400);
        wcal_free(&c);
    }
    gsl_rng_free(g);
}
END_TEST

/* Lists beyond the near days: the counts there come from the search. */
START_TEST(test_random_calendars_far) {
    gsl_rng *g = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(g, 20261207);
    for (int k = 0; k < 30; k++) {
        wcal_t c;
        random_calendar(&c, g, 3 * WCAL_NEAR_DAYS);
        check_calendar(&c, g, 3 * WCAL_NEAR_DAYS, 300);
        wcal_free(&c);
    }
    gsl_rng_free(g);
}
END_TEST

/* Service days change the halls, not the working days: the working-time
 * queries still follow the definition. */
START_TEST(test_service_days_leave_working_time) {
    gsl_rng *g = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(g, 20261208);
    static const char *const hours[] = {"08:30-17:30"};
    static const int wd[] = {1, 2, 3, 4, 5};
    static const char *const sat[] = {"09:00-12:00"};
    static const int hol[] = {3, 40, 41, 300, 1500};
    static const int mk[] = {5, 1506};
    wcal_t c;
    char err[200] = "";
    if (wcal_init(&c, hours, 1, wd, 5, err, sizeof err) != 0) ck_abort_msg("%s", err);
    CHECK_EQ(wcal_add_holidays(&c, hol, 5, err, sizeof err), 0);
    CHECK_EQ(wcal_add_makeups(&c, mk, 2, err, sizeof err), 0);
    bool day[7] = {false, false, false, false, false, true, false};
    CHECK_EQ(wcal_add_service(&c, day, sat, 1, err, sizeof err), 0);
    check_calendar(&c, g, 2000, 2000);
    wcal_free(&c);
    gsl_rng_free(g);
}
END_TEST

/* The reference must see a wrong table: a near bit flipped by hand makes
 * the calendar disagree with it. */
START_TEST(test_reference_sees_a_wrong_bit) {
    static const char *const hours[] = {"08:30-17:30"};
    static const int wd[] = {1, 2, 3, 4, 5};
    wcal_t c;
    char err[200] = "";
    if (wcal_init(&c, hours, 1, wd, 5, err, sizeof err) != 0) ck_abort_msg("%s", err);
    CHECK(wcal_is_working_day(&c, 9) == ref_works(&c, 9));
    c.near[0] ^= 1ull << 9;
    CHECK(wcal_is_working_day(&c, 9) != ref_works(&c, 9));
    c.near_before[13] += 1; /* days 11 and 12 count one more */
    CHECK(wcal_working_time(&c, 10 * WCAL_DAY, 13 * WCAL_DAY) !=
          ref_working_time(&c, 10 * WCAL_DAY, 13 * WCAL_DAY));
    wcal_free(&c);
}
END_TEST

extern Suite *suite_wcal_near(void);
Suite *suite_wcal_near(void) {
    Suite *s = suite_create("wcal_near");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_random_calendars_near);
    tcase_add_test(tc, test_random_calendars_far);
    tcase_add_test(tc, test_service_days_leave_working_time);
    tcase_add_test(tc, test_reference_sees_a_wrong_bit);
    suite_add_tcase(s, tc);
    return s;
}
