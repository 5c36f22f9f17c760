/* Unit tests for arrival profiles (models/demand.h, models/scn_profile.c):
 * the integrated rate over a run equals flat demand exactly (a profile
 * never changes total demand); rates follow the profile's ratios; arrival
 * counts per half hour, per weekday and per day match the integrated rate
 * within 5 standard errors and are 0 where the hall is closed; the mean
 * number present in an M_t/G/infinity system by time of day matches its
 * closed form; through the whole model the arrival rate matches; bad
 * profiles are file:line errors. */
#include <check.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demand.h"
#include "flow.h"
#include "rng.h"
#include "scn.h"
#include "scn_text.h"
#include "checks.h"

#define ERR_LEN 1024
#define PER_DAY 400.0

/* 30-minute bins from 08:00: the first (08:00-08:30) lies before opening,
 * 12:00-14:00 is lunch (closed) and weighs 0 anyway. */
#define HOUR_WEIGHTS                                                                               \
    "[0.5, 2.0, 3.0, 2.5, 2.0, 1.5, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 1.5, 2.0, 2.0, 1.5, 1.0, "  \
    "0.5]"

static const char *const PROFILED =
    "scenario = { id = \"t\"; name = \"T\"; days = 56; warmup_days = 7; replications = 4; };\n"
    "calendar = { start_date = \"2021-01-04\"; hours = [\"08:30-12:00\", \"14:00-17:30\"];\n"
    "  workdays = [1, 2, 3, 4, 5, 6]; holidays = [\"2021-02-11\", \"2021-02-12\"];\n"
    "  makeup_days = [\"2021-02-07\"]; };\n"
    "regions = ( { id = \"r\"; } );\n"
    "departments = ( { id = \"d\"; staff = 400; windows = 400; } );\n"
    "services = ( { id = \"s\"; per_day = 400.0; online_share = 0.3; limit_days = 5.0;\n"
    "  profile = { hour_of_day = { bin = 30; from = \"08:00\"; weights = " HOUR_WEIGHTS " };\n"
    "    day_of_week = [1.5, 1.0, 1.0, 1.0, 1.2, 0.6, 0.0];\n"
    "    month_of_year = [1.0, 1.4, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];\n"
    "    surges = ( { name = \"spring\"; from = \"2021-01-25\"; to = \"2021-02-09\"; factor = 1.8; "
    "} ); };\n"
    "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } );\n";

static void load_ok(scn_t *s, const char *text) {
    char err[ERR_LEN] = "";
    if (load_text(s, text, err, sizeof err) != 0) ck_abort_msg("rejected: %s", err);
}

static long run_days(const scn_t *s) { return (long)s->days + s->warmup_days; }

/* Minutes since day 0 of a date and time. */
static double at(const scn_t *s, int y, int mo, int d, int hh, int mm) {
    return (double)(date_to_days(y, mo, d) - s->start_date) * 1440.0 + hh * 60 + mm;
}

/* ---- total demand ------------------------------------------------------ */

/* Working days counted from the definition: weekday Monday..Saturday and
 * not 11/12 February, or 7 February (a make-up Sunday). */
static int working_days(const scn_t *s) {
    int n = 0;
    for (long d = 0; d < run_days(s); d++) {
        long date = s->start_date + d;
        bool make_up = date == date_to_days(2021, 2, 7);
        bool holiday = date == date_to_days(2021, 2, 11) || date == date_to_days(2021, 2, 12);
        n += make_up || (date_weekday(date) < 6 && !holiday);
    }
    return n;
}

START_TEST(total_unchanged) {
    scn_t s;
    load_ok(&s, PROFILED);
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, run_days(&s), &d), 0);
    ck_assert_ptr_nonnull(d);
    CHECK(demand_shaped(d, 0, 0));
    double end = (double)run_days(&s) * 1440.0;
    double counter = demand_expected(d, 0, 0, 0, PER_DAY, 0, end);
    double online = demand_expected(d, 0, 0, 1, PER_DAY, 0, end);
    /* flat demand: per_day per working day at the counter; online the
     * weekly average (6 working weekdays of 7) on every day */
    CHECK_REL(counter, PER_DAY * working_days(&s), 1e-12);
    CHECK_REL(online, PER_DAY * (double)run_days(&s) * 6.0 / 7.0, 1e-12);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* Services on the same profile share its day tables (memory per simulated
 * day per distinct profile, not per service), and each still gets its own
 * demand: two services on one profile and one on another hold four tables
 * (counter and online each), and the sharing ones expect what a service
 * alone on that profile expects. */
START_TEST(shared_day_tables) {
#define SHARED_PROFILE                                                                             \
    "profile = { day_of_week = [1.5, 1.0, 1.0, 1.0, 1.2, 0.6, 0.0]; "                              \
    "surges = ( { name = \"spring\"; from = \"2021-01-25\"; to = \"2021-02-09\"; factor = 1.8; } " \
    "); };\n"
#define SHARED_SERVICE(ID, PER_DAY_TEXT, PROFILE)                                                  \
    "{ id = \"" ID "\"; per_day = " PER_DAY_TEXT                                                   \
    "; online_share = 0.3; limit_days = 5.0;\n" PROFILE                                            \
    "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); }"
    static const char *const HEAD =
        "scenario = { id = \"t\"; name = \"T\"; days = 56; warmup_days = 7; replications = 4; };\n"
        "calendar = { start_date = \"2021-01-04\"; hours = [\"08:30-12:00\", \"14:00-17:30\"];\n"
        "  workdays = [1, 2, 3, 4, 5]; };\n"
        "regions = ( { id = \"r\"; } );\n"
        "departments = ( { id = \"d\"; staff = 400; windows = 400; } );\n";
    char three[4096], alone[4096];
    snprintf(three, sizeof three, "%sservices = ( %s, %s, %s );\n", HEAD,
             SHARED_SERVICE("s1", "100.0", SHARED_PROFILE),
             SHARED_SERVICE("s2", "300.0", SHARED_PROFILE),
             SHARED_SERVICE("s3", "50.0", "profile = { day_of_week = [1, 1, 1, 1, 1, 1, 1]; };\n"));
    snprintf(alone, sizeof alone, "%sservices = ( %s );\n", HEAD,
             SHARED_SERVICE("s2", "300.0", SHARED_PROFILE));
    scn_t s3, s1;
    load_ok(&s3, three);
    load_ok(&s1, alone);
    demand_t *d3, *d1;
    ck_assert_int_eq(demand_build(&s3, run_days(&s3), &d3), 0);
    ck_assert_int_eq(demand_build(&s1, run_days(&s1), &d1), 0);
    ck_assert_uint_eq(demand_day_tables(d3), 4);
    ck_assert_uint_eq(demand_day_tables(d1), 2);
    double end = (double)run_days(&s3) * 1440.0;
    for (int on = 0; on < 2; on++)
        for (double t = 0; t < end; t += 997.0) {
            ck_assert_double_eq(demand_expected(d3, 1, 0, on, 300.0, 0, t),
                                demand_expected(d1, 0, 0, on, 300.0, 0, t));
            ck_assert_double_eq(demand_rate(d3, 1, 0, on, 300.0, t),
                                demand_rate(d1, 0, 0, on, 300.0, t));
        }
    demand_free(d3);
    demand_free(d1);
    scn_free(&s3);
    scn_free(&s1);
#undef SHARED_SERVICE
#undef SHARED_PROFILE
}
END_TEST

/* The rate follows the profile's ratios (no normalisation involved). */
START_TEST(rate_ratios) {
    scn_t s;
    load_ok(&s, PROFILED);
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, run_days(&s), &d), 0);
    /* Tuesday 12 January 09:10 vs 08:40: bins 3.0 and 2.0 */
    double tue_0910 = demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 12, 9, 10));
    CHECK_REL(tue_0910 / demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 12, 8, 40)), 1.5, 1e-12);
    /* Monday 11 January vs Tuesday: 1.5 */
    CHECK_REL(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 11, 9, 10)) / tue_0910, 1.5, 1e-12);
    /* Tuesday 26 January (surge 1.8) vs Tuesday 12 January */
    CHECK_REL(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 26, 9, 10)) / tue_0910, 1.8, 1e-12);
    /* Tuesday 16 February (February 1.4) vs Tuesday 12 January */
    CHECK_REL(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 2, 16, 9, 10)) / tue_0910, 1.4, 1e-12);
    /* closed: 08:10 (before opening), 13:00 (lunch), a Sunday, a holiday */
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 12, 8, 10)), 0);
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 12, 13, 0)), 0);
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 1, 17, 10, 0)), 0);
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 2, 11, 10, 0)), 0);
    /* the make-up Sunday works, with Sunday's weight 0 in day_of_week: so
     * no demand, although open */
    CHECK_EQ_D(demand_rate(d, 0, 0, 0, PER_DAY, at(&s, 2021, 2, 7, 10, 0)), 0);
    /* online: around the clock, 03:00 as 09:10 (no hour profile) */
    CHECK_REL(demand_rate(d, 0, 0, 1, PER_DAY, at(&s, 2021, 1, 12, 3, 0)),
              demand_rate(d, 0, 0, 1, PER_DAY, at(&s, 2021, 1, 12, 9, 10)), 1e-12);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* A region's own profile replaces the service's there, as a whole: the
 * county's Monday is 3 times its Tuesday, and its hours are flat (not the
 * service's); the city keeps the service's profile; both keep their total. */
START_TEST(region_override) {
    static const char *const TEXT =
        "scenario = { id = \"t\"; name = \"T\"; days = 28; warmup_days = 0; };\n"
        "calendar = { hours = [\"08:00-12:00\"]; workdays = [1, 2, 3, 4, 5]; };\n"
        "regions = ( { id = \"city\"; }, { id = \"county\"; } );\n"
        "departments = ( { id = \"d\"; region = \"city\"; staff = 40; windows = 40; } );\n"
        "services = ( { id = \"s\"; per_day = 100.0; online_share = 0.0; limit_days = 5.0;\n"
        "  region_share = ( (\"city\", 0.5), (\"county\", 0.5) );\n"
        "  profile = { hour_of_day = { bin = 60; from = \"08:00\"; weights = [4.0, 1.0, 1.0, 1.0]; "
        "}; };\n"
        "  region_profiles = ( { region = \"county\"; day_of_week = [3.0, 1.0, 1.0, 1.0, 1.0, "
        "1.0, 1.0]; } );\n"
        "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } );\n";
    scn_t s;
    load_ok(&s, TEXT);
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, run_days(&s), &d), 0);
    double mon_0830 = 0 * 1440.0 + 510, mon_1030 = 0 * 1440.0 + 630, tue_1030 = 1440.0 + 630;
    /* city: hours 4:1, weekdays flat */
    CHECK_REL(demand_rate(d, 0, 0, 0, 1, mon_0830) / demand_rate(d, 0, 0, 0, 1, mon_1030), 4.0,
              1e-12);
    CHECK_REL(demand_rate(d, 0, 0, 0, 1, tue_1030) / demand_rate(d, 0, 0, 0, 1, mon_1030), 1.0,
              1e-12);
    /* county: hours flat, Monday 3 x Tuesday */
    CHECK_REL(demand_rate(d, 0, 1, 0, 1, mon_0830) / demand_rate(d, 0, 1, 0, 1, mon_1030), 1.0,
              1e-12);
    CHECK_REL(demand_rate(d, 0, 1, 0, 1, mon_1030) / demand_rate(d, 0, 1, 0, 1, tue_1030), 3.0,
              1e-12);
    for (int rg = 0; rg < 2; rg++)
        CHECK_REL(demand_expected(d, 0, rg, 0, 50.0, 0, 28 * 1440.0), 50.0 * 20, 1e-12);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* ---- arrival counts ------------------------------------------------------ */

#define BINS 48 /* half hours of a day */

START_TEST(counts_match_profile) {
    scn_t s;
    load_ok(&s, PROFILED);
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, run_days(&s), &d), 0);
    long n_days = run_days(&s);
    double *per_day_count = calloc((size_t)n_days, sizeof(double));
    double by_bin[BINS] = {0}, by_weekday[7] = {0};
    gsl_rng *r = rng_stream_new(99, 0, 1);
    const int reps = 5;
    for (int rep = 0; rep < reps; rep++)
        for (double t = demand_next(d, 0, 0, 0, PER_DAY, 0, r); isfinite(t);
             t = demand_next(d, 0, 0, 0, PER_DAY, t, r)) {
            long day = (long)floor(t / 1440);
            CHECK(day >= 0 && day < n_days);
            CHECK(wcal_is_open(&s.calendar, t)); /* only in opening hours */
            per_day_count[day]++;
            by_bin[(int)((t - day * 1440.0) / 30)]++;
            by_weekday[date_weekday(s.start_date + day)]++;
        }
    double exp_bin[BINS] = {0}, exp_weekday[7] = {0};
    for (long day = 0; day < n_days; day++) {
        double e = reps * demand_expected(d, 0, 0, 0, PER_DAY, day * 1440.0, (day + 1) * 1440.0);
        CHECK_5SE(per_day_count[day], e, sqrt(e) + 1e-9);
        exp_weekday[date_weekday(s.start_date + day)] += e;
        for (int b = 0; b < BINS; b++)
            exp_bin[b] += reps * demand_expected(d, 0, 0, 0, PER_DAY, day * 1440.0 + b * 30,
                                                 day * 1440.0 + (b + 1) * 30);
    }
    for (int b = 0; b < BINS; b++) CHECK_5SE(by_bin[b], exp_bin[b], sqrt(exp_bin[b]) + 1e-9);
    for (int w = 0; w < 7; w++)
        CHECK_5SE(by_weekday[w], exp_weekday[w], sqrt(exp_weekday[w]) + 1e-9);
    CHECK(by_bin[16] == 0 && by_bin[24] == 0 && by_weekday[6] == 0); /* 08:00, 12:00, Sunday */
    gsl_rng_free(r);
    free(per_day_count);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* ---- M_t/G/infinity ------------------------------------------------------ */

/* Hall open around the clock, an hour profile over the day in 60-minute
 * bins, service times exponential with mean MU: every day alike, so the
 * mean number present at minute x of a day is (Eick, Massey and Whitt
 * 1993) m(x) = integral over u >= 0 of lambda(x - u) P(S > u) du, which for
 * a rate constant on each hour is a sum of exponential terms. */
#define MU 45.0
static const double HOURLY[24] = {0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 2.0, 4.0, 6.0, 5.0, 4.0,
                                  3.0, 3.5, 4.0, 4.5, 4.0, 3.0, 2.0, 1.5, 1.0, 0.8, 0.5, 0.3};

static double mtginf_mean(double per_day, double x) {
    double sum_w = 0, m = 0;
    for (int h = 0; h < 24; h++) sum_w += HOURLY[h] * 60;
    for (int day = 0; day < 6; day++) /* the 6 days before: e^(-1440*5/45) ~ 0 */
        for (int h = 0; h < 24; h++) {
            double a = h * 60.0 - day * 1440.0, b = a + 60.0;
            if (a >= x) continue;
            double lambda = per_day * HOURLY[h] / sum_w;
            double upper = fmin(b, x);
            m += lambda * MU * (exp(-(x - upper) / MU) - exp(-(x - a) / MU));
        }
    return m;
}

START_TEST(mt_g_infinity) {
    char text[4096];
    snprintf(text, sizeof text,
             "scenario = { id = \"t\"; name = \"T\"; days = 200; warmup_days = 0; };\n"
             "calendar = { hours = [\"00:00-24:00\"]; workdays = [1, 2, 3, 4, 5, 6, 7]; };\n"
             "regions = ( { id = \"r\"; } );\n"
             "departments = ( { id = \"d\"; staff = 1; windows = 10000; } );\n"
             "services = ( { id = \"s\"; per_day = 1000.0; online_share = 0.0; limit_days = 5.0;\n"
             "  profile = { hour_of_day = { bin = 60; weights = [%.1f",
             HOURLY[0]);
    for (int h = 1; h < 24; h++)
        snprintf(text + strlen(text), sizeof text - strlen(text), ", %.1f", HOURLY[h]);
    snprintf(text + strlen(text), sizeof text - strlen(text),
             "]; }; };\n  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(45)\"; front = true; "
             "} ); } );\n");
    scn_t s;
    load_ok(&s, text);
    demand_t *d;
    long n_days = run_days(&s);
    ck_assert_int_eq(demand_build(&s, n_days, &d), 0);
    enum { SAMPLES = 96 }; /* every 15 minutes */
    double *present = calloc((size_t)(n_days * SAMPLES), sizeof(double));
    gsl_rng *ra = rng_stream_new(7, 0, 1), *rs = rng_stream_new(7, 0, 2);
    for (double t = demand_next(d, 0, 0, 0, 1000.0, 0, ra); isfinite(t);
         t = demand_next(d, 0, 0, 0, 1000.0, t, ra)) {
        double leave = t + rng_exponential(rs, MU);
        for (long k = (long)ceil(t / 15); k < n_days * SAMPLES && k * 15.0 < leave; k++)
            present[k]++;
    }
    for (int q = 0; q < SAMPLES; q++) {
        double sum = 0;
        long n = 0;
        for (long day = 2; day < n_days; day++, n++) sum += present[day * SAMPLES + q];
        double m = mtginf_mean(1000.0, q * 15.0);
        /* N(x) is Poisson with mean m (M_t/G/infinity); days independent */
        CHECK_5SE(sum / (double)n, m, sqrt(m / (double)n));
    }
    gsl_rng_free(ra);
    gsl_rng_free(rs);
    free(present);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* ---- through the model ----------------------------------------------------- */

START_TEST(model_arrival_rate) {
    scn_t s;
    load_ok(&s, PROFILED);
    char err[ERR_LEN];
    ck_assert_int_eq(flow_check(&s, err, sizeof err), 0);
    demand_t *d;
    ck_assert_int_eq(demand_build(&s, run_days(&s), &d), 0);
    double from = s.warmup_days * 1440.0, to = run_days(&s) * 1440.0, expected = 0;
    for (int on = 0; on < 2; on++) {
        double share = on ? 0.3 : 0.7;
        expected += demand_expected(d, 0, 0, on, PER_DAY * share, from, to);
    }
    expected /= s.days; /* per calendar day */
    double sum = 0;
    const int reps = 6;
    for (int rep = 0; rep < reps; rep++) {
        flow_result_t res;
        ck_assert_int_eq(flow_run(&s, (uint32_t)rep, NULL, &res), 0);
        sum += flow_kpi(&res, 0, FLOW_K_ARRIVAL_RATE);
        flow_result_free(&res);
    }
    double se = sqrt(expected * s.days * reps) / (s.days * reps);
    CHECK_5SE(sum / reps, expected, se);
    demand_free(d);
    scn_free(&s);
}
END_TEST

/* ---- bad profiles -------------------------------------------------------------- */

typedef struct bad {
    const char *calendar_extra, *profile, *message;
} bad_t;

START_TEST(bad_profiles) {
    static const bad_t BAD[] = {
        {"", "profile = { hour_of_day = { bin = 20; weights = [1.0]; }; };",
         "services[0].profile.hour_of_day.bin: 20 minutes (expected 15, 30 or 60)"},
        {"", "profile = { hour_of_day = { from = \"08:10\"; weights = [1.0]; }; };",
         "hour_of_day.from: '08:10' is not a start time"},
        {"",
         "profile = { hour_of_day = { from = \"20:00\"; weights = [1.0, 1.0, 1.0, 1.0, 1.0]; }; };",
         "hour_of_day.weights: has 5 weights (numbers >= 0) (expected at most 4)"},
        {"", "profile = { hour_of_day = { weights = [-1.0, 2.0]; }; };",
         "hour_of_day.weights[0]: -1 is out of range"},
        {"", "profile = { hour_of_day = { weights = [0.0, 0.0]; }; };",
         "hour_of_day.weights: all weights are 0"},
        {"", "profile = { hour_of_day = { from = \"18:00\"; weights = [1.0]; }; };",
         "services[0].profile: hour_of_day: no weight falls in the opening hours"},
        {"", "profile = { day_of_week = [1.0, 1.0]; };", "profile.day_of_week: "},
        {"", "profile = { day_of_week = [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0]; };",
         "no counter demand falls in the 194 simulated days"},
        {"",
         "profile = { month_of_year = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, "
         "1.0]; };",
         "profile.month_of_year: months need calendar.start_date"},
        {"",
         "profile = { surges = ( { from = \"2021-01-05\"; to = \"2021-01-09\"; factor = 2.0; } ); "
         "};",
         "profile.surges[0].from: a date needs calendar.start_date"},
        {"start_date = \"2021-01-04\";",
         "profile = { surges = ( { from = \"2021-01-09\"; to = \"2021-01-05\"; factor = 2.0; } ); "
         "};",
         "profile.surges[0].to: ends before it starts"},
        {"start_date = \"2021-01-04\";",
         "profile = { surges = ( { from = \"2021-01-05\"; to = \"2021-01-09\"; factor = 0.0; } ); "
         "};",
         "profile.surges[0].factor: 0 is out of range"},
        {"", "profile = { day_of_week = [1.0, 1e-9, 1.0, 1.0, 1.0, 1.0, 1.0]; };",
         "profile.day_of_week[1]: 1e-09 is too small (expected 0, or 1e-06 to 1e+06)"},
        {"", "profile = { hours = 3; };", "profile.hours: unknown setting"},
        {"", "region_profiles = ( { region = \"x\"; } );",
         "region_profiles[0].region: unknown region 'x'"},
        {"", "region_profiles = ( { region = \"r\"; }, { region = \"r\"; } );",
         "region_profiles: "},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        char text[4096], err[ERR_LEN] = "";
        snprintf(text, sizeof text,
                 "scenario = { id = \"t\"; name = \"T\"; days = 180; };\n"
                 "calendar = { hours = [\"09:00-17:00\"]; workdays = [1, 2, 3, 4, 5]; %s };\n"
                 "regions = ( { id = \"r\"; } );\n"
                 "departments = ( { id = \"d\"; staff = 10; windows = 10; } );\n"
                 "services = ( { id = \"s\"; per_day = 10.0; online_share = 0.0; limit_days = "
                 "5.0;\n  %s\n"
                 "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(10)\"; front = true; } ); } "
                 ");\n",
                 BAD[i].calendar_extra, BAD[i].profile);
        scn_t s;
        ck_assert_msg(load_text(&s, text, err, sizeof err) == -1, "case %zu accepted", i);
        ck_assert_msg(strstr(err, BAD[i].message) != NULL, "case %zu: got '%s', expected '%s'", i,
                      err, BAD[i].message);
        ck_assert_msg(strncmp(err, "mem.cfg:", 8) == 0, "case %zu: no file:line: %s", i, err);
        scn_free(&s);
    }
}
END_TEST

extern Suite *suite_demand(void);
Suite *suite_demand(void) {
    Suite *s = suite_create("demand");
    TCase *tc = tcase_create("demand");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, total_unchanged);
    tcase_add_test(tc, shared_day_tables);
    tcase_add_test(tc, rate_ratios);
    tcase_add_test(tc, region_override);
    tcase_add_test(tc, counts_match_profile);
    tcase_add_test(tc, mt_g_infinity);
    tcase_add_test(tc, model_arrival_rate);
    tcase_add_test(tc, bad_profiles);
    suite_add_tcase(s, tc);
    return s;
}
