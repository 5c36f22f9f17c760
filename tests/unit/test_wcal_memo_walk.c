/* The per-replication memo of a work calendar (sim/wcal.h: the current
 * opening and the current closed stretch) against the full queries, bit
 * for bit, on random calendars with holidays, make-up days, a first
 * weekday and service days, along walks of instants that mostly advance
 * by small and large steps (as a simulation's "now" does), sometimes stay
 * put, and sometimes jump back or far ahead (cycle times from earlier
 * instants, midnights among them, and returns' work from the next
 * opening, too); and each kind of answer is
 * seen coming from the memo (so the walk checks the memo's own path). */
#include <check.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "checks.h"
#include "rng.h"
#include "wcal.h"
#include "wcal_random.h"

typedef struct {
    long open_hits, shut_hits, next_hits, add_hits, time_hits, peek_hits;
} hits_t;

static void same(double got, double want, const char *what, double t, double w) {
    if (memcmp(&got, &want, sizeof got) != 0)
        ck_abort_msg("%s(%.17g, %.17g): %.17g through the memo, %.17g in full", what, t, w, got,
                     want);
}

/* The next instant of a walk from t. */
static double step(gsl_rng *g, double t, int span) {
    double u = rng_uniform(g);
    if (u < 0.02) return random_instant(g, span);       /* a jump anywhere */
    if (u < 0.10) return t;                             /* the same instant */
    if (u < 0.70) return t + rng_exponential(g, 4.0);   /* events close together */
    if (u < 0.95) return t + rng_exponential(g, 240.0); /* across openings */
    return t + rng_uniform(g) * 4 * WCAL_DAY;           /* days ahead */
}

/* n steps of a walk through c, every query through the memo and in full. */
static void walk(const wcal_t *c, gsl_rng *g, int span, int n, hits_t *h) {
    wcal_memo_t m;
    wcal_memo_init(&m);
    double t = random_instant(g, span);
    for (int i = 0; i < n; i++) {
        t = step(g, t, span);
        double u = rng_uniform(g);
        wcal_memo_t before = m;
        bool inside = t - m.day_start >= m.open && t - m.day_start < m.close;
        bool shut = t >= m.shut_from && t < m.shut_until;
        if (u < 0.4) {
            bool got = wcal_memo_is_open(c, &m, t);
            if (got != wcal_is_open(c, t)) ck_abort_msg("is_open(%.17g) differs", t);
            h->open_hits += inside;
            h->shut_hits += shut && !inside;
        } else if (u < 0.7) {
            same(wcal_memo_next_open(c, &m, t), wcal_next_open(c, t), "next_open", t, 0);
            h->next_hits += inside || shut;
        } else if (u < 0.8) { /* a cycle time: from an earlier instant to t */
            double t0 =
                t - (rng_uniform(g) < 0.9 ? rng_uniform(g) * 20 * WCAL_DAY : rng_uniform(g) * 600);
            if (rng_uniform(g) < 0.1) t0 = floor(t0 / WCAL_DAY) * WCAL_DAY; /* a midnight */
            if (t0 < 0) t0 = 0;
            same(wcal_memo_working_time(c, &m, t0, t), wcal_working_time(c, t0, t), "working_time",
                 t0, t);
            h->time_hits += inside && t0 < m.day_start;
        } else if (u < 0.9) { /* a return: work from the next opening, the memo unmoved */
            double s = rng_uniform(g) < 0.5 ? t : wcal_memo_next_open(c, &m, t);
            if (rng_uniform(g) < 0.3 && m.shut_until < WCAL_FAR) s = m.shut_until;
            double w = rng_uniform(g) * 1.2 * c->minutes_per_day;
            if (rng_uniform(g) < 0.05) w = 0;
            wcal_memo_t kept = m;
            same(wcal_memo_peek_add_working_time(c, &m, s, w), wcal_add_working_time(c, s, w),
                 "peek_add_working_time", s, w);
            if (memcmp(&kept, &m, sizeof m) != 0) ck_abort_msg("the peek moved the memo");
            h->peek_hits += s == m.shut_until && w <= m.shut_len;
        } else {
            double w = rng_uniform(g) < 0.8 ? rng_exponential(g, 15.0) : rng_uniform(g) * 3000;
            if (rng_uniform(g) < 0.02) w = 0;
            double got = wcal_memo_add_working_time(c, &m, t, w);
            same(got, wcal_add_working_time(c, t, w), "add_working_time", t, w);
            h->add_hits +=
                inside && memcmp(&before, &m, sizeof m) == 0 && w <= m.close - (t - m.day_start);
        }
    }
}

START_TEST(test_memo_random_calendars) {
    gsl_rng *g = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(g, 15);
    hits_t h = {0, 0, 0, 0, 0, 0};
    for (int k = 0; k < 40; k++) {
        wcal_t c;
        random_calendar(&c, g, k % 4 == 0 ? 3 * WCAL_NEAR_DAYS : 400);
        walk(&c, g, k % 4 == 0 ? 3 * WCAL_NEAR_DAYS : 500, 20000, &h);
        wcal_free(&c);
    }
    gsl_rng_free(g);
    CHECK_CMP(h.open_hits, >, 5000);
    CHECK_CMP(h.shut_hits, >, 5000);
    CHECK_CMP(h.next_hits, >, 5000);
    CHECK_CMP(h.add_hits, >, 5000);
    CHECK_CMP(h.time_hits, >, 5000);
    CHECK_CMP(h.peek_hits, >, 5000);
}
END_TEST

/* Service days open the halls, not the working calendar the memo answers
 * for: a Saturday service changes nothing here. */
START_TEST(test_memo_with_service_days) {
    gsl_rng *g = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(g, 16);
    static const char *const hours[] = {"08:30-12:00", "14:00-17:30"};
    static const int wd[] = {1, 2, 3, 4, 5};
    static const char *const sat[] = {"09:00-12:00"};
    static const int hol[] = {3, 40, 41, 300};
    static const int mk[] = {5, 306};
    wcal_t c;
    char err[200] = "";
    if (wcal_init(&c, hours, 2, wd, 5, err, sizeof err) != 0) ck_abort_msg("%s", err);
    CHECK_EQ(wcal_add_holidays(&c, hol, 4, err, sizeof err), 0);
    CHECK_EQ(wcal_add_makeups(&c, mk, 2, err, sizeof err), 0);
    bool day[7] = {false, false, false, false, false, true, false};
    CHECK_EQ(wcal_add_service(&c, day, sat, 1, err, sizeof err), 0);
    hits_t h = {0, 0, 0, 0, 0, 0};
    walk(&c, g, 400, 50000, &h);
    CHECK_CMP(h.shut_hits, >, 1000);
    wcal_free(&c);
    gsl_rng_free(g);
}
END_TEST

/* A memo that claims a wrong closed stretch gives a wrong answer: the
 * comparison above would see it. */
START_TEST(test_wrong_memo_is_seen) {
    static const char *const hours[] = {"08:30-17:30"};
    static const int wd[] = {1, 2, 3, 4, 5};
    wcal_t c;
    char err[200] = "";
    if (wcal_init(&c, hours, 1, wd, 5, err, sizeof err) != 0) ck_abort_msg("%s", err);
    wcal_memo_t m;
    wcal_memo_init(&m);
    double t = 600; /* Monday 10:00, open */
    m.shut_from = 0, m.shut_until = WCAL_DAY;
    CHECK(wcal_memo_is_open(&c, &m, t) != wcal_is_open(&c, t));
    wcal_memo_init(&m);
    CHECK(wcal_memo_is_open(&c, &m, t) == wcal_is_open(&c, t));
    wcal_free(&c);
}
END_TEST

extern Suite *suite_wcal_memo_walk(void);
Suite *suite_wcal_memo_walk(void) {
    Suite *s = suite_create("wcal_memo_walk");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_memo_random_calendars);
    tcase_add_test(tc, test_memo_with_service_days);
    tcase_add_test(tc, test_wrong_memo_is_seen);
    suite_add_tcase(s, tc);
    return s;
}
