/* Random work calendars for the unit tests of sim/wcal.h: working
 * weekdays, one to three openings a day (a lunch break, a night shift
 * across midnight, a minute-long opening), a first weekday, holidays and
 * make-up days (on closed weekdays, never a holiday) up to a given day,
 * and random instants across them. */
#ifndef GOVSIM_TEST_WCAL_RANDOM_H
#define GOVSIM_TEST_WCAL_RANDOM_H

#include <check.h>
#include <gsl/gsl_rng.h>
#include <math.h>

#include "rng.h"
#include "wcal.h"

/* Sorted distinct days in [0, span), n of them at most. */
static inline size_t random_days(gsl_rng *g, int *out, size_t n, int span) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int d = (int)(rng_uniform(g) * span);
        bool seen = false;
        for (size_t j = 0; j < k; j++) seen |= out[j] == d;
        if (!seen) out[k++] = d;
    }
    return k;
}

/* A random calendar: weekdays, hours, first weekday, holidays and make-up
 * days (on closed weekdays, never a holiday), reaching `span` days. */
static inline void random_calendar(wcal_t *c, gsl_rng *g, int span) {
    static const char *const HOURS[][3] = {{"08:30-12:00", "14:00-17:30", NULL},
                                           {"08:30-17:30", NULL, NULL},
                                           {"00:00-06:00", "09:00-12:00", "22:00-24:00"},
                                           {"07:00-07:01", "10:00-23:59", NULL}};
    int days[7], n = 0;
    while (n == 0)
        for (int w = 0; w < 7; w++)
            if (rng_uniform(g) < 0.6) days[n++] = w + 1;
    const char *const *h = HOURS[(int)(rng_uniform(g) * 4)];
    size_t nh = 0;
    while (nh < 3 && h[nh]) nh++;
    char err[200] = "";
    if (wcal_init(c, h, nh, days, (size_t)n, err, sizeof err) != 0) ck_abort_msg("%s", err);
    wcal_set_first_weekday(c, (int)(rng_uniform(g) * 7));
    int hol[40], mk[40];
    size_t nhol = random_days(g, hol, (size_t)(rng_uniform(g) * 40), span);
    if (wcal_add_holidays(c, hol, nhol, err, sizeof err) != 0) ck_abort_msg("%s", err);
    size_t nmk = random_days(g, mk, (size_t)(rng_uniform(g) * 40), span), kept = 0;
    for (size_t i = 0; i < nmk; i++) {
        bool holiday = false;
        for (size_t j = 0; j < nhol; j++) holiday |= hol[j] == mk[i];
        if (!holiday && !c->workday[(mk[i] + c->first_weekday) % 7]) mk[kept++] = mk[i];
    }
    if (wcal_add_makeups(c, mk, kept, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (rng_uniform(g) < 0.3) /* a first weekday set after the lists */
        wcal_set_first_weekday(c, (int)(rng_uniform(g) * 7));
}

/* Instants across the calendar's span, some on whole days and openings. */
static inline double random_instant(gsl_rng *g, int span) {
    double t = rng_uniform(g) * span * WCAL_DAY;
    double u = rng_uniform(g);
    if (u < 0.2) t = floor(t / WCAL_DAY) * WCAL_DAY;
    else if (u < 0.4) t = floor(t);
    return t;
}

#endif
