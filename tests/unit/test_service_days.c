/* Unit tests for service days (sim/wcal.h wcal_add_service and the hall
 * queries, calendar.service_days in a scenario): a hall open on Saturday
 * 09:00-12:00 that is not a working day (limits and back-office work skip
 * it), holidays close it, a make-up Saturday works with the working
 * hours; the hall queries agree with a minute-by-minute reference and are
 * the working-time queries without service days; the 2021 arrangement
 * keeps its published working days per month with a Saturday service; a
 * roster's weekdays follow the calendar's start date; a profile spreads
 * demand onto Saturday without changing its total; bad input is a
 * file:line message. */
#include <check.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demand.h"
#include "flow_internal.h"
#include "rng.h"
#include "roster.h"
#include "scn.h"
#include "scn_text.h"
#include "tmpdir.h"
#include "wcal.h"
#include "checks.h"

#define ERR_LEN 1024

static const char *const OFFICE_HOURS[] = {"08:30-12:00", "14:00-17:30"};
static const char *const SATURDAY_HOURS[] = {"09:00-12:00"};
static const int MON_FRI[] = {1, 2, 3, 4, 5};
static const bool SATURDAY[7] = {false, false, false, false, false, true, false};

/* Minutes since day 0 (a Monday) of week w (from 1), weekday wd (0 =
 * Monday), hh:mm. */
static double at(int week, int wd, int hh, int mm) {
    return ((week - 1) * 7 + wd) * WCAL_DAY + hh * 60 + mm;
}

/* Office hours Monday to Friday and a Saturday morning service. */
static void make_saturday(wcal_t *c) {
    char err[200] = "";
    if (wcal_init(c, OFFICE_HOURS, 2, MON_FRI, 5, err, sizeof err) != 0)
        ck_abort_msg("office calendar rejected: %s", err);
    if (wcal_add_service(c, SATURDAY, SATURDAY_HOURS, 1, err, sizeof err) != 0)
        ck_abort_msg("Saturday service rejected: %s", err);
}

START_TEST(saturday_open_not_working) {
    wcal_t c;
    make_saturday(&c);
    CHECK(wcal_has_service(&c));
    /* Saturday of week 1 is day 5: a service day, not a working day */
    CHECK(!wcal_is_working_day(&c, 5) && wcal_is_service_day(&c, 5));
    CHECK(!wcal_is_service_day(&c, 4) && !wcal_is_service_day(&c, 6));
    CHECK(wcal_hall_is_open(&c, at(1, 5, 10, 0)) && !wcal_is_open(&c, at(1, 5, 10, 0)));
    CHECK(!wcal_hall_is_open(&c, at(1, 5, 8, 59)) && !wcal_hall_is_open(&c, at(1, 5, 12, 0)));
    CHECK(!wcal_hall_is_open(&c, at(1, 6, 10, 0))); /* Sunday */
    CHECK(wcal_hall_is_open(&c, at(1, 4, 9, 0)) && !wcal_hall_is_open(&c, at(1, 4, 13, 0)));
    /* Friday evening: the hall next opens on Saturday, the office on Monday */
    CHECK_EQ_D(wcal_hall_next_open(&c, at(1, 4, 18, 0)), at(1, 5, 9, 0));
    CHECK_EQ_D(wcal_next_open(&c, at(1, 4, 18, 0)), at(2, 0, 8, 30));
    CHECK_EQ_D(wcal_hall_next_close(&c, at(1, 4, 18, 0)), at(1, 5, 12, 0));
    CHECK_EQ_D(wcal_hall_next_close(&c, at(1, 5, 10, 0)), at(1, 5, 12, 0));
    CHECK_EQ_D(wcal_hall_next_open(&c, at(1, 5, 12, 0)), at(2, 0, 8, 30));
    /* limits and back-office work skip Saturday: an hour of work begun on
     * Saturday ends on Monday, a week holds 5 working days of 420 minutes */
    CHECK_EQ_D(wcal_add_working_time(&c, at(1, 5, 10, 0), 60), at(2, 0, 9, 30));
    CHECK_EQ_D(wcal_working_time(&c, at(1, 0, 0, 0), at(2, 0, 0, 0)), 5 * 420.0);
    CHECK_EQ_D(wcal_hall_time(&c, at(1, 0, 0, 0), at(2, 0, 0, 0)), 5 * 420.0 + 180);
    CHECK_EQ_D(wcal_hall_time(&c, at(1, 5, 10, 0), at(1, 5, 11, 0)), 60.0);
    /* the hall's time runs on into Saturday */
    CHECK_EQ_D(wcal_hall_add_time(&c, at(1, 4, 17, 0), 60), at(1, 5, 9, 30));
    CHECK_EQ_D(wcal_hall_add_time(&c, at(1, 5, 11, 0), 90), at(2, 0, 9, 0));
    const double *open, *close;
    CHECK_EQ(wcal_hall_intervals(&c, 5, &open, &close), 1);
    CHECK_EQ_D(open[0], 540.0);
    CHECK_EQ(wcal_hall_intervals(&c, 6, &open, &close), 0);
    CHECK_EQ(wcal_hall_intervals(&c, 4, &open, &close), 2);
    wcal_free(&c);
}
END_TEST

START_TEST(holidays_close_makeups_work) {
    wcal_t c;
    make_saturday(&c);
    char err[200] = "";
    int holiday = 5, makeup = 12; /* Saturdays of weeks 1 and 2 */
    ck_assert_int_eq(wcal_add_holidays(&c, &holiday, 1, err, sizeof err), 0);
    ck_assert_int_eq(wcal_add_makeups(&c, &makeup, 1, err, sizeof err), 0);
    CHECK(!wcal_is_service_day(&c, 5) && !wcal_hall_is_open(&c, at(1, 5, 10, 0)));
    CHECK_EQ_D(wcal_hall_next_open(&c, at(1, 4, 18, 0)), at(2, 0, 8, 30));
    /* the make-up Saturday is a working day with the working hours */
    CHECK(wcal_is_working_day(&c, 12) && !wcal_is_service_day(&c, 12));
    CHECK(wcal_hall_is_open(&c, at(2, 5, 8, 30)) && wcal_hall_is_open(&c, at(2, 5, 15, 0)));
    CHECK_EQ_D(wcal_hall_next_close(&c, at(2, 5, 9, 0)), at(2, 5, 12, 0));
    CHECK_EQ_D(wcal_hall_time(&c, at(1, 0, 0, 0), at(3, 0, 0, 0)), 11 * 420.0);
    CHECK(wcal_is_service_day(&c, 19)); /* the Saturday after: a service again */
    wcal_free(&c);
}
END_TEST

START_TEST(bad_service_days) {
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, OFFICE_HOURS, 2, MON_FRI, 5, err, sizeof err), 0);
    bool friday[7] = {false, false, false, false, true, false, false};
    ck_assert_int_eq(wcal_add_service(&c, friday, SATURDAY_HOURS, 1, err, sizeof err), -1);
    ck_assert_str_eq(err, "Friday is a working day (in workdays), not a service day (expected a "
                          "weekday outside workdays)");
    bool none[7] = {false};
    ck_assert_int_eq(wcal_add_service(&c, none, SATURDAY_HOURS, 1, err, sizeof err), -1);
    const char *const backwards[] = {"12:00-09:00"};
    ck_assert_int_eq(wcal_add_service(&c, SATURDAY, backwards, 1, err, sizeof err), -1);
    ck_assert_str_eq(err, "'12:00-09:00': closing time before opening time");
    ck_assert_int_eq(wcal_add_service(&c, SATURDAY, SATURDAY_HOURS, 1, err, sizeof err), 0);
    ck_assert_int_eq(wcal_add_service(&c, SATURDAY, SATURDAY_HOURS, 1, err, sizeof err), -1);
    ck_assert_str_eq(err, "Saturday is already a service day (expected each weekday in at most "
                          "one entry)");
    CHECK_EQ(c.n_service_days, 1);
    wcal_free(&c);
    wcal_init_always(&c);
    ck_assert_int_eq(wcal_add_service(&c, SATURDAY, SATURDAY_HOURS, 1, err, sizeof err), -1);
    CHECK(!wcal_has_service(&c));
}
END_TEST

/* ---- random calendars against a minute-by-minute reference ------------ */

/* Hall open in minute [m, m + 1), from the definition: the working hours
 * on a working day, the service hours on a service day. */
static bool ref_hall_minute(const wcal_t *c, long long m) {
    long long d = m / 1440;
    double x = (double)(m % 1440);
    int w = (int)((d + c->first_weekday) % 7);
    bool holiday = false, makeup = false;
    for (size_t i = 0; i < c->n_holidays; i++) holiday |= c->holidays[i] == d;
    for (size_t i = 0; i < c->n_makeups; i++) makeup |= c->makeups[i] == d;
    const double *open = c->open, *close = c->close;
    size_t n = c->n_intervals;
    if (!((c->workday[w] && !holiday) || makeup)) {
        if (holiday || c->n_service[w] == 0) return false;
        open = c->service_open[w], close = c->service_close[w], n = c->n_service[w];
    }
    for (size_t i = 0; i < n; i++)
        if (x >= open[i] && x < close[i]) return true;
    return false;
}

/* "HH:MM-HH:MM" of whole minutes a < b. */
static void clock_text(char *buf, size_t len, int a, int b) {
    snprintf(buf, len, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
}

/* A random calendar: working weekdays, up to 3 intervals on the hour
 * grid (whole days sometimes), service days on some other weekdays,
 * holidays and make-up days in the first 5 weeks. */
static void random_calendar(gsl_rng *r, wcal_t *c) {
    char text[3][40], svc[2][40], err[200];
    const char *hours[3], *shours[2];
    int days[7], nd = 0;
    for (int w = 1; w <= 7; w++)
        if (rng_uniform(r) < 0.6) days[nd++] = w;
    if (nd == 0 || nd == 7) days[0] = 1, nd = 1;
    bool whole = rng_uniform(r) < 0.2;
    int n = whole ? 1 : 1 + (int)(rng_uniform(r) * 3), t = 0;
    for (int i = 0; i < n; i++) {
        int a = whole ? 0 : t + 30 * (int)(rng_uniform(r) * 8);
        int b = whole ? 1440 : a + 30 + 30 * (int)(rng_uniform(r) * 8);
        if (b > 1440) b = 1440;
        if (a >= b) break;
        clock_text(text[i], sizeof text[i], a, b);
        hours[i] = text[i];
        t = b + 30;
        if (t >= 1440) n = i + 1;
    }
    if (wcal_init(c, hours, (size_t)n, days, (size_t)nd, err, sizeof err) != 0)
        ck_abort_msg("random calendar: %s", err);
    wcal_set_first_weekday(c, (int)(rng_uniform(r) * 7));
    bool svc_day[7] = {false};
    bool any = false;
    for (int w = 0; w < 7; w++)
        if (!c->workday[w] && rng_uniform(r) < 0.7) svc_day[w] = any = true;
    if (any) {
        bool all_day = rng_uniform(r) < 0.3;
        int a = all_day ? 0 : 60 * (int)(rng_uniform(r) * 12);
        int b = all_day ? 1440 : a + 30 + 30 * (int)(rng_uniform(r) * 10);
        clock_text(svc[0], sizeof svc[0], a, b);
        shours[0] = svc[0];
        size_t ns = 1;
        if (!all_day && b + 60 < 1440) {
            clock_text(svc[1], sizeof svc[1], b + 60, 1440);
            shours[1] = svc[1];
            ns = 2;
        }
        if (wcal_add_service(c, svc_day, shours, ns, err, sizeof err) != 0)
            ck_abort_msg("random service: %s", err);
    }
    for (int k = 0; k < 4; k++) {
        int d = (int)(rng_uniform(r) * 35);
        if (rng_uniform(r) < 0.5) (void)wcal_add_holidays(c, &d, 1, err, sizeof err);
        else (void)wcal_add_makeups(c, &d, 1, err, sizeof err);
    }
}

START_TEST(random_against_reference) {
    gsl_rng *r = rng_stream_new(20261206u, 0, 0);
    for (int trial = 0; trial < 60; trial++) {
        wcal_t c;
        random_calendar(r, &c);
        const long long span = 6 * 7 * 1440;
        double total = 0;
        for (long long m = 0; m < span; m++) {
            bool open = ref_hall_minute(&c, m);
            total += open;
            if (wcal_hall_is_open(&c, (double)m + 0.5) != open)
                ck_abort_msg("trial %d minute %lld: open %d", trial, m, open);
        }
        CHECK_EQ_D(wcal_hall_time(&c, 0, (double)span), total);
        for (int k = 0; k < 200; k++) {
            double t = floor(rng_uniform(r) * (double)(span - 14 * 1440));
            double next = wcal_hall_next_open(&c, t);
            /* the first open minute at or after t */
            long long m = (long long)t;
            while (!ref_hall_minute(&c, m)) m++;
            if (next != (double)m) {
                fprintf(stderr,
                        "trial %d t %g: service %zu first %d n %zu [%g %g] hol %zu mk %zu\n", trial,
                        t, c.n_service_days, c.first_weekday, c.n_intervals, c.open[0], c.close[0],
                        c.n_holidays, c.n_makeups);
                for (int w = 0; w < 7; w++)
                    fprintf(stderr, " %d:%d/%zu", w, c.workday[w], c.n_service[w]);
                for (size_t i = 0; i < c.n_holidays; i++) fprintf(stderr, " h%d", c.holidays[i]);
                for (size_t i = 0; i < c.n_makeups; i++) fprintf(stderr, " m%d", c.makeups[i]);
                fprintf(stderr, "\n");
            }
            CHECK_EQ_D(next, (double)m);
            /* the opening lasts to the first closed minute */
            double close = wcal_hall_next_close(&c, t);
            while (m < span + 14 * 1440 && ref_hall_minute(&c, m)) m++;
            if (isfinite(close)) CHECK_EQ_D(close, (double)m);
            double work = floor(rng_uniform(r) * 900);
            double end = wcal_hall_add_time(&c, t, work);
            CHECK_EQ_D(wcal_hall_time(&c, t, end), work);
        }
        wcal_free(&c);
    }
    gsl_rng_free(r);
}
END_TEST

/* Without service days each hall query is the working-time query. */
START_TEST(no_service_same_numbers) {
    gsl_rng *r = rng_stream_new(20261207u, 0, 0);
    wcal_t c;
    char err[200] = "";
    ck_assert_int_eq(wcal_init(&c, OFFICE_HOURS, 2, MON_FRI, 5, err, sizeof err), 0);
    int holidays[] = {3, 10, 11}, makeup = 6;
    ck_assert_int_eq(wcal_add_holidays(&c, holidays, 3, err, sizeof err), 0);
    ck_assert_int_eq(wcal_add_makeups(&c, &makeup, 1, err, sizeof err), 0);
    for (int k = 0; k < 5000; k++) {
        double t = rng_uniform(r) * 60 * 1440, u = t + rng_uniform(r) * 20 * 1440;
        double w = rng_uniform(r) * 5000;
        CHECK(wcal_hall_is_open(&c, t) == wcal_is_open(&c, t));
        CHECK_EQ_D(wcal_hall_next_open(&c, t), wcal_next_open(&c, t));
        CHECK_EQ_D(wcal_hall_next_close(&c, t), wcal_next_close(&c, t));
        CHECK_EQ_D(wcal_hall_time(&c, t, u), wcal_working_time(&c, t, u));
        CHECK_EQ_D(wcal_hall_add_time(&c, t, w), wcal_add_working_time(&c, t, w));
    }
    wcal_free(&c);
    gsl_rng_free(r);
}
END_TEST

/* ---- through a scenario ---------------------------------------------- */

/* A scenario whose calendar has `calendar` and whose service has
 * `profile` (may be ""). */
static void scenario_text(char *buf, size_t len, const char *calendar, const char *profile) {
    snprintf(buf, len,
             "scenario = { id = \"t\"; name = \"T\"; days = 91; warmup_days = 7; };\n"
             "calendar = { hours = [\"08:30-12:00\", \"14:00-17:30\"]; workdays = [1, 2, 3, 4, "
             "5];\n  %s };\n"
             "regions = ( { id = \"r\"; } );\n"
             "departments = ( { id = \"d\"; staff = 10; windows = 4;\n"
             "  roster = ( { days = \"saturday\"; windows = ( (\"09:00-12:00\", 1) ); } ); } );\n"
             "services = ( { id = \"s\"; per_day = 100.0; online_share = 0.3; limit_days = 5.0;\n"
             "  %s\n"
             "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } );\n",
             calendar, profile);
}

#define SAT_SERVICE "service_days = ( { days = \"saturday\"; hours = [\"09:00-12:00\"]; } );"

/* A roster's service_day entry plans the service days; a make-up
 * Saturday (a working day) keeps the plan of its weekday entry. */
START_TEST(roster_service_day) {
    char text[4096], err[ERR_LEN] = "";
    snprintf(text, sizeof text,
             "scenario = { id = \"t\"; name = \"T\"; days = 28; };\n"
             "calendar = { hours = [\"08:30-17:30\"]; workdays = [1, 2, 3, 4, 5];\n"
             "  makeup_days = [12];\n  %s };\n"
             "regions = ( { id = \"r\"; } );\n"
             "departments = ( { id = \"d\"; staff = 10; windows = 4;\n"
             "  roster = ( { days = \"all\"; windows = ( (\"08:30-17:30\", 3) ); },\n"
             "             { days = \"service_day\"; windows = ( (\"09:00-12:00\", 1) );\n"
             "               staff = ( (\"09:00-12:00\", 2) ); } ); } );\n"
             "services = ( { id = \"s\"; per_day = 10.0; online_share = 0.0; limit_days = 5.0;\n"
             "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } "
             ");\n",
             SAT_SERVICE);
    scn_t s;
    if (load_text(&s, text, err, sizeof err) != 0) ck_abort_msg("rejected: %s", err);
    const roster_t *ro = &s.departments[0].roster;
    CHECK(wcal_is_service_day(&s.calendar, 5) && wcal_is_working_day(&s.calendar, 12));
    CHECK_EQ(roster_count_on(ro, ROSTER_WINDOWS, 4, 5 * 1440.0 + 600, true), 1);
    CHECK_EQ(roster_count_on(ro, ROSTER_STAFF, 10, 5 * 1440.0 + 600, true), 2);
    CHECK_EQ(roster_count_on(ro, ROSTER_WINDOWS, 4, 5 * 1440.0 + 780, true), 0);
    CHECK_EQ(roster_count_on(ro, ROSTER_WINDOWS, 4, 12 * 1440.0 + 780, false), 3);
    CHECK_EQ(roster_count_on(ro, ROSTER_WINDOWS, 4, 2 * 1440.0 + 600, false), 3);
    CHECK_EQ(roster_max(ro, ROSTER_WINDOWS, 4), 3);
    CHECK(roster_has(ro, ROSTER_STAFF));
    /* a service day's blocks are changes too */
    CHECK_EQ_D(roster_next_change(ro, 5 * 1440.0 + 600), 5 * 1440.0 + 720);
    CHECK_REL(roster_mean_service(ro, ROSTER_WINDOWS, 4, 5, s.calendar.service_open[5],
                                  s.calendar.service_close[5], s.calendar.n_service[5]),
              1.0, 1e-15);
    scn_free(&s);
}
END_TEST

START_TEST(scenario_reads_service_days) {
    char text[4096], err[ERR_LEN] = "";
    scenario_text(text, sizeof text, "start_date = \"2021-01-06\"; " SAT_SERVICE, "");
    scn_t s;
    if (load_text(&s, text, err, sizeof err) != 0) ck_abort_msg("rejected: %s", err);
    CHECK(wcal_has_service(&s.calendar));
    /* day 0 is Wednesday 6 January 2021: day 3 the Saturday */
    CHECK(wcal_is_service_day(&s.calendar, 3) && !wcal_is_working_day(&s.calendar, 3));
    CHECK(wcal_hall_is_open(&s.calendar, 3 * 1440.0 + 600));
    /* the roster's Saturday is the calendar's Saturday, also when day 0
     * is no Monday: 1 window there, the fixed 4 on Monday (day 5) */
    const roster_t *ro = &s.departments[0].roster;
    CHECK_EQ(roster_count(ro, ROSTER_WINDOWS, 4, 3 * 1440.0 + 600), 1);
    CHECK_EQ(roster_count(ro, ROSTER_WINDOWS, 4, 5 * 1440.0 + 600), 4);
    CHECK_EQ_D(roster_next_change(ro, 2 * 1440.0 + 600), 3 * 1440.0);
    scn_free(&s);
}
END_TEST

/* With a Saturday service the 2021 arrangement keeps its published working
 * days per month (test_calendars.c), Saturday holidays close the hall and
 * the make-up Saturdays work with the working hours. */
START_TEST(china_2021_with_saturday) {
    static const int EXPECTED[12] = {20, 17, 23, 22, 19, 21, 22, 22, 22, 17, 22, 23};
    char cwd[PATH_MAX], cal[PATH_MAX + 200], text[8192], err[ERR_LEN] = "";
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(cal, sizeof cal,
             "start_date = \"2021-01-01\"; " SAT_SERVICE
             "\n  arrangements = {\n    @include \"%s/scenarios/calendars/china_2021.cfg\"\n  };",
             cwd);
    scenario_text(text, sizeof text, cal, "");
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/y2021.cfg", dir);
    write_text(path, text);
    scn_t s;
    if (scn_load(&s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    long d = 0;
    int saturdays_open = 0;
    for (int m = 1; m <= 12; m++) {
        int n = 0;
        for (int k = 0; k < date_month_length(2021, m); k++, d++) {
            n += wcal_is_working_day(&s.calendar, d);
            saturdays_open += wcal_is_service_day(&s.calendar, d);
        }
        ck_assert_msg(n == EXPECTED[m - 1], "2021 month %d: %d working days, expected %d", m, n,
                      EXPECTED[m - 1]);
    }
    /* 52 Saturdays in 2021, less the make-up Saturdays (20 February,
     * 8 May, 18 September, 9 October) and the holiday Saturdays (2
     * January, 13 February, 3 April, 1 May, 12 June, 2 October): 42 */
    ck_assert_int_eq(saturdays_open, 42);
    long feb20 = date_to_days(2021, 2, 20) - s.start_date;
    long oct2 = date_to_days(2021, 10, 2) - s.start_date;
    CHECK(wcal_hall_is_open(&s.calendar, (double)feb20 * 1440 + 15 * 60)); /* make-up: 14:00- */
    CHECK(!wcal_hall_is_open(&s.calendar, (double)oct2 * 1440 + 600));     /* National Day */
    /* and the working time of a month is as without the service */
    CHECK_EQ_D(wcal_working_time(&s.calendar, 31 * 1440.0, 59 * 1440.0), 17 * 420.0);
    scn_free(&s);
    remove_tree(dir);
}
END_TEST

/* A profile spreads demand onto Saturday mornings (at a weekday's rate for
 * the same hour and day weight) without changing the run's total; the
 * flat rate's hall minutes keep it too. */
START_TEST(demand_total_unchanged) {
    char text[4096], err[ERR_LEN] = "";
    scenario_text(text, sizeof text, SAT_SERVICE,
                  "profile = { hour_of_day = { bin = 60; from = \"08:00\"; weights = [1.0, 2.0, "
                  "3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]; }; };");
    scn_t s;
    if (load_text(&s, text, err, sizeof err) != 0) ck_abort_msg("rejected: %s", err);
    long n_days = (long)s.days + s.warmup_days;
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, n_days, &d), 0);
    double end = (double)n_days * 1440.0;
    double working = wcal_working_time(&s.calendar, 0, end) / 420.0;
    CHECK_REL(demand_expected(d, 0, 0, 0, 100.0, 0, end), 100.0 * working, 1e-12);
    CHECK_REL(demand_expected(d, 0, 0, 1, 100.0, 0, end), 100.0 * (double)n_days * 5 / 7, 1e-12);
    double mon_10 = demand_rate(d, 0, 0, 0, 100.0, at(2, 0, 10, 30));
    CHECK(mon_10 > 0);
    CHECK_REL(demand_rate(d, 0, 0, 0, 100.0, at(2, 5, 10, 30)), mon_10, 1e-12);
    CHECK_REL(demand_rate(d, 0, 0, 0, 100.0, at(2, 5, 9, 30)) / mon_10, 2.0 / 3.0, 1e-12);
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, 100.0, at(2, 5, 13, 0)), 0);
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, 100.0, at(2, 6, 10, 0)), 0);
    double sat = demand_expected(d, 0, 0, 0, 100.0, at(2, 5, 0, 0), at(2, 6, 0, 0));
    double mon = demand_expected(d, 0, 0, 0, 100.0, at(2, 0, 0, 0), at(2, 1, 0, 0));
    /* 09:00-12:00 weighs 2 + 3 + 2 = 7 of a working day's 1 x 0.5 + 2 + 3
     * + 2 (08:30-12:00) + 1 + 1 + 1 + 1 x 0.5 (14:00-17:30) = 11 */
    CHECK_REL(sat / mon, 7.0 / 11.0, 1e-12);
    demand_free(d);
    /* flat demand: the hall minutes that carry a working day's demand */
    double hall = wcal_hall_time(&s.calendar, 0, end),
           work = wcal_working_time(&s.calendar, 0, end);
    CHECK_REL(flow_hall_minutes_per_day(&s, end, 420.0), 420.0 * hall / work, 1e-15);
    CHECK(hall > work);
    CHECK_REL(hall / flow_hall_minutes_per_day(&s, end, 420.0), work / 420.0, 1e-12);
    scn_free(&s);
}
END_TEST

/* calendar.service_days.demand: a Saturday hour draws that share of a
 * working day's hour, flat or with a profile; the total stays. */
START_TEST(demand_weight) {
    char text[4096], err[ERR_LEN] = "";
    scenario_text(text, sizeof text,
                  "service_days = ( { days = \"saturday\"; hours = [\"09:00-12:00\"]; demand = "
                  "0.35; } );",
                  "profile = { hour_of_day = { bin = 60; from = \"08:00\"; weights = [1.0, 2.0, "
                  "3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]; }; };");
    scn_t s;
    if (load_text(&s, text, err, sizeof err) != 0) ck_abort_msg("rejected: %s", err);
    CHECK_EQ_D(s.calendar.service_demand[5], 0.35);
    long n_days = (long)s.days + s.warmup_days;
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, n_days, &d), 0);
    double end = (double)n_days * 1440.0;
    double working = wcal_working_time(&s.calendar, 0, end) / 420.0;
    CHECK_REL(demand_expected(d, 0, 0, 0, 100.0, 0, end), 100.0 * working, 1e-12);
    CHECK_REL(demand_rate(d, 0, 0, 0, 100.0, at(2, 5, 10, 30)) /
                  demand_rate(d, 0, 0, 0, 100.0, at(2, 0, 10, 30)),
              0.35, 1e-12);
    double sat = demand_expected(d, 0, 0, 0, 100.0, at(2, 5, 0, 0), at(2, 6, 0, 0));
    double mon = demand_expected(d, 0, 0, 0, 100.0, at(2, 0, 0, 0), at(2, 1, 0, 0));
    CHECK_REL(sat / mon, 0.35 * 7.0 / 11.0, 1e-12);
    demand_free(d);
    /* flat: the demand clock counts a Saturday minute as 0.35 */
    const wcal_t *c = &s.calendar;
    CHECK_REL(wcal_demand_time(c, at(1, 0, 0, 0), at(2, 0, 0, 0)), 5 * 420.0 + 0.35 * 180, 1e-15);
    CHECK_EQ_D(wcal_hall_time(c, at(1, 0, 0, 0), at(2, 0, 0, 0)), 5 * 420.0 + 180);
    CHECK_REL(wcal_demand_add_time(c, at(1, 4, 17, 0), 30 + 0.35 * 60), at(1, 5, 10, 0), 1e-15);
    CHECK_EQ_D(wcal_demand_add_time(c, at(1, 4, 17, 0), 30 + 0.35 * 180 + 15), at(2, 0, 8, 45));
    gsl_rng *r = rng_stream_new(20261208u, 0, 0);
    for (int k = 0; k < 2000; k++) {
        double t = rng_uniform(r) * 60 * 1440, w = rng_uniform(r) * 3000;
        double e = wcal_demand_add_time(c, t, w);
        CHECK_NEAR(wcal_demand_time(c, t, e), w, 1e-9 * (w + 1));
        CHECK(wcal_hall_is_open(c, e) || e == t || wcal_hall_is_open(c, nextafter(e, 0)));
    }
    gsl_rng_free(r);
    double hall = wcal_demand_time(c, 0, end), work = wcal_working_time(c, 0, end);
    CHECK_REL(flow_hall_minutes_per_day(&s, end, 420.0), 420.0 * hall / work, 1e-15);
    scn_free(&s);
}
END_TEST

START_TEST(scenario_bad_service_days) {
    static const struct {
        const char *calendar, *message;
    } BAD[] = {
        {"service_days = ( { days = \"friday\"; hours = [\"09:00-12:00\"]; } );",
         "mem.cfg:3: calendar.service_days[0].days: Friday is a working day (in workdays), not a "
         "service day (expected a weekday outside workdays)"},
        {"service_days = ( { days = \"saturday\"; hours = [\"09:00-25:00\"]; } );",
         "mem.cfg:3: calendar.service_days[0].hours[0]: '09:00-25:00'"},
        {"service_days = ( { days = \"saturday\"; } );",
         "mem.cfg:3: calendar.service_days[0].hours: missing"},
        {"service_days = ( { days = \"caturday\"; hours = [\"09:00-12:00\"]; } );",
         "mem.cfg:3: calendar.service_days[0].days: unknown day type 'caturday'"},
        {"service_days = ( { days = \"saturday\"; hours = [\"09:00-12:00\"]; colour = 1; } );",
         "mem.cfg:3: calendar.service_days[0].colour: unknown setting"},
        {"service_days = ( { days = \"sat\"; hours = [\"09:00-12:00\"]; },\n"
         "  { days = \"weekend\"; hours = [\"10:00-12:00\"]; } );",
         "mem.cfg:4: calendar.service_days[1].days: Saturday is already a service day"},
        {"service_days = ( \"saturday\" );", "mem.cfg:3: calendar.service_days[0]: "},
        {"service_days = ( { days = \"sat\"; hours = [\"09:00-12:00\"]; demand = -1; } );",
         "mem.cfg:3: calendar.service_days[0].demand: "},
        {"service_day = ( );", "mem.cfg:3: calendar.service_day: unknown setting (did you mean "
                               "'service_days'?"},
        {"service_days = ( { days = \"service_day\"; hours = [\"09:00-12:00\"]; } );",
         "mem.cfg:3: calendar.service_days[0].days: service_day plans a roster, it is no weekday"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        char text[4096], err[ERR_LEN] = "";
        scenario_text(text, sizeof text, BAD[i].calendar, "");
        scn_t s;
        ck_assert_int_eq(load_text(&s, text, err, sizeof err), -1);
        ck_assert_msg(strstr(err, BAD[i].message) == err, "case %zu: got '%s', expected '%s'", i,
                      err, BAD[i].message);
        ck_assert_msg(strchr(err, '\n') == NULL, "case %zu: more than one line: %s", i, err);
        scn_free(&s);
    }
}
END_TEST

extern Suite *suite_service_days(void);
Suite *suite_service_days(void) {
    Suite *s = suite_create("service_days");
    TCase *tc = tcase_create("service_days");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, saturday_open_not_working);
    tcase_add_test(tc, holidays_close_makeups_work);
    tcase_add_test(tc, bad_service_days);
    tcase_add_test(tc, random_against_reference);
    tcase_add_test(tc, no_service_same_numbers);
    tcase_add_test(tc, scenario_reads_service_days);
    tcase_add_test(tc, roster_service_day);
    tcase_add_test(tc, china_2021_with_saturday);
    tcase_add_test(tc, demand_total_unchanged);
    tcase_add_test(tc, scenario_bad_service_days);
    tcase_add_test(tc, demand_weight);
    suite_add_tcase(s, tc);
    return s;
}
