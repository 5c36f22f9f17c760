/* The memo of the current opening (sim/wcal.h): through the memo,
 * wcal_memo_is_open and wcal_memo_add_working_time give exactly (bit for
 * bit) what wcal_is_open and wcal_add_working_time give, on calendars
 * with a lunch break and holidays, a night shift across midnight, and
 * always open, along a run of instants that mostly advance (as a
 * simulation's do) and sometimes jump back or far ahead; and the memo is
 * used (most answers inside an opening come from it). */
#include <check.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "checks.h"
#include "rng.h"
#include "wcal.h"

static void make(wcal_t *c, const char *const *hours, size_t nh, const int *wd, size_t nwd) {
    char err[256];
    if (wcal_init(c, hours, nh, wd, nwd, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* Walk n instants through calendar c; returns how many answers the memo
 * gave without a full query. */
static long walk(const wcal_t *c, unsigned long seed, int n) {
    gsl_rng *r = gsl_rng_alloc(RNG_TYPE);
    gsl_rng_set(r, seed);
    wcal_memo_t memo;
    wcal_memo_init(&memo);
    double t = 0;
    long hits = 0;
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(r);
        if (u < 0.02) t = rng_uniform(r) * 60 * WCAL_DAY; /* a jump anywhere */
        else t += rng_exponential(r, u < 0.5 ? 3.0 : 90.0);
        double work = u < 0.1 ? rng_uniform(r) * 5000 : rng_exponential(r, 20.0);
        if (u > 0.98) work = 0;
        wcal_memo_t before = memo;
        bool open = wcal_memo_is_open(c, &memo, t);
        if (open != wcal_is_open(c, t)) ck_abort_msg("is_open(%.17g) differs", t);
        double end = wcal_memo_add_working_time(c, &memo, t, work);
        double full = wcal_add_working_time(c, t, work);
        if (memcmp(&end, &full, sizeof end) != 0)
            ck_abort_msg("add_working_time(%.17g, %.17g): %.17g through the memo, %.17g in full", t,
                         work, end, full);
        hits += open && memcmp(&before, &memo, sizeof memo) == 0;
    }
    gsl_rng_free(r);
    return hits;
}

START_TEST(test_office_hours_with_holidays) {
    static const char *const hours[] = {"08:30-12:00", "13:30-17:30"};
    static const int wd[] = {1, 2, 3, 4, 5};
    static const int holidays[] = {3, 4, 17, 30, 31, 32};
    wcal_t c;
    make(&c, hours, 2, wd, 5);
    char err[128];
    ck_assert_int_eq(wcal_add_holidays(&c, holidays, 6, err, sizeof err), 0);
    long hits = walk(&c, 1, 200000);
    CHECK_CMP(hits, >, 20000);
    wcal_free(&c);
}
END_TEST

START_TEST(test_night_shift_and_weekend) {
    static const char *const hours[] = {"00:00-06:00", "22:00-24:00"};
    static const int wd[] = {1, 2, 3, 4, 5, 6};
    wcal_t c;
    make(&c, hours, 2, wd, 6);
    CHECK_CMP(walk(&c, 2, 200000), >, 20000);
    wcal_free(&c);
}
END_TEST

START_TEST(test_always_open) {
    wcal_t c;
    wcal_init_always(&c);
    CHECK_CMP(walk(&c, 3, 100000), >, 90000);
    wcal_free(&c);
}
END_TEST

extern Suite *suite_wcal_memo(void);
Suite *suite_wcal_memo(void) {
    Suite *s = suite_create("wcal_memo");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_office_hours_with_holidays);
    tcase_add_test(tc, test_night_shift_and_weekend);
    tcase_add_test(tc, test_always_open);
    suite_add_tcase(s, tc);
    return s;
}
