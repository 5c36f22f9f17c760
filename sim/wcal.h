/*
 * wcal.h - work calendars: when a hall or back office is open.
 *
 * Simulation time is a double in minutes since 00:00 of day 0, so day
 * d = floor(t / 1440) and its weekday is (d + first_weekday) % 7 (0 =
 * Monday ... 6 = Sunday); first_weekday is 0 (day 0 is a Monday) unless
 * wcal_set_first_weekday says otherwise (a scenario with a start date).
 * A calendar has a list of daily opening intervals (the same on
 * every working day, e.g. 08:30-12:00 and 14:00-17:30), the set of working
 * weekdays, a sorted list of holidays (day numbers, 0 = day 0) and a
 * sorted list of make-up working days (调休: a day that works although its
 * weekday does not, e.g. the Sunday before the Spring Festival).
 * An empty calendar (no intervals) is "always open" (24/7), which is what
 * online channels and the queueing validation use.
 *
 * The model asks four questions: is the hall open now (wcal_is_open), when
 * does it next open (wcal_next_open), when does the current opening end
 * (wcal_next_close), and how much working time lies between two instants
 * (wcal_working_time) or when a given amount of work is done if worked only
 * in office hours (wcal_add_working_time).  All are exact (no stepping) and
 * cost O(intervals + log holidays) per day crossed, with whole weeks skipped
 * arithmetically.
 */
#ifndef GOVSIM_WCAL_H
#define GOVSIM_WCAL_H

#include <stdbool.h>
#include <stddef.h>

#define WCAL_DAY  1440.0
#define WCAL_WEEK (7 * 1440.0)
/* Instants at or after WCAL_FAR (2^52 minutes, about 8.6 billion years)
 * are "never": the queries below answer INFINITY (or "closed") for them,
 * and wcal_add_working_time answers INFINITY when the result would reach
 * it, so that day numbers always fit in 64 bits and times stay exact to
 * the minute.  A simulation ends long before. */
#define WCAL_FAR           4503599627370496.0
#define WCAL_MAX_INTERVALS 8
#define WCAL_NEAR_DAYS     1024

typedef struct wcal {
    size_t n_intervals;               /* 0 = always open             */
    double open[WCAL_MAX_INTERVALS];  /* minutes after midnight       */
    double close[WCAL_MAX_INTERVALS]; /* sorted, non-overlapping      */
    bool workday[7];                  /* [0] = Monday                 */
    size_t n_holidays;
    int *holidays; /* sorted day numbers, owned    */
    size_t n_makeups;
    int *makeups;      /* sorted day numbers that work although their
                          weekday does not (never a holiday), owned */
    int first_weekday; /* weekday of day 0, 0 = Monday */
    /* derived when holidays, make-up days or first_weekday change: whether
     * each day up to the last holiday or make-up day works, one bit a day,
     * so that the hot queries need no search (NULL if none, or if out of
     * memory: the queries then search the lists) */
    size_t n_known;
    unsigned long long *known;
    /* derived by wcal_init / wcal_init_always: the working weekdays among
     * the k days (0 to 7) that start on weekday w (0 = Monday): with the
     * whole weeks, the count of working days in a span without searching */
    unsigned char week_part[7][8];
    /* derived whenever the above change: the first WCAL_NEAR_DAYS days
     * (about 2.8 years, the horizon of nearly every run) by the full rule,
     * one bit a day, and the working days before each of them, so that
     * "does day d work" is a bit and a count over a span one subtraction,
     * with no weekday arithmetic and no search; near_lists: no holiday or
     * make-up day lies beyond them (the weekday rule then holds after) */
    unsigned long long near[WCAL_NEAR_DAYS / 64];
    unsigned short near_before[WCAL_NEAR_DAYS + 1];
    bool near_lists;
    /* derived by wcal_init / wcal_init_always, read on every query: */
    size_t n_workdays;       /* working weekdays             */
    double minutes_per_day;  /* open minutes of a working day */
    double minutes_per_week; /* ... times n_workdays          */
    /* service days (wcal_add_service): weekdays that are not working days
     * on which the halls open in their own hours; n_service[w] = 0 for a
     * weekday without.  Holidays close them; a make-up day on such a
     * weekday is a working day with the working hours. */
    size_t n_service_days; /* weekdays with a service, 0: none */
    size_t n_service[7];
    double service_open[7][WCAL_MAX_INTERVALS];
    double service_close[7][WCAL_MAX_INTERVALS];
    /* counter demand in an hour of a service day relative to the same
     * hour of a working day (1 unless wcal_set_service_demand says), read
     * by wcal_demand_time and wcal_demand_add_time */
    double service_demand[7];
} wcal_t;

/* An always-open calendar. */
void wcal_init_always(wcal_t *c);

/* A calendar open on `hours` (strings "HH:MM-HH:MM", increasing and
 * non-overlapping, within 00:00-24:00) on the weekdays listed in `workdays`
 * (1 = Monday ... 7 = Sunday, as scenario files write them).  Returns 0, or
 * -1 with a one-line message in err, e.g.
 *   "'08:30-7:00': closing time before opening time"
 *   "'14:00-17:30' overlaps '12:00-14:30'"
 *   "workday 8: expected 1 (Monday) to 7 (Sunday)"                   */
int wcal_init(wcal_t *c, const char *const *hours, size_t n_hours, const int *workdays,
              size_t n_workdays, char *err, size_t errlen);

/* Add holidays (day numbers >= 0); duplicates are ignored.  Returns 0, or
 * -1 when out of memory or a day is negative (message in err). */
int wcal_add_holidays(wcal_t *c, const int *days, size_t n, char *err, size_t errlen);

/* Add make-up working days (day numbers >= 0): days that work although
 * their weekday is not a working day.  A day that is also a holiday is an
 * error (a day cannot be both), as is a negative day.  A make-up day on a
 * working weekday changes nothing.  Returns 0 or -1 (message in err); on
 * error the calendar is left as it was.  wcal_add_holidays likewise
 * refuses a day that is already a make-up day. */
int wcal_add_makeups(wcal_t *c, const int *days, size_t n, char *err, size_t errlen);

/* Day 0 falls on weekday w (0 = Monday ... 6 = Sunday); without this call
 * day 0 is a Monday. */
void wcal_set_first_weekday(wcal_t *c, int w);

/* Is day d (>= 0) a working day: its weekday works and it is not a
 * holiday, or it is a make-up day.  An always-open calendar: true. */
bool wcal_is_working_day(const wcal_t *c, long long d);

void wcal_free(wcal_t *c);

/* Is the calendar open at instant t?  Intervals are half-open [open, close). */
bool wcal_is_open(const wcal_t *c, double t);

/* t itself if open at t, else the start of the next opening; INFINITY if it
 * never opens again (no working day at all). */
double wcal_next_open(const wcal_t *c, double t);

/* If open at t: the end of the current opening.  If closed: the end of the
 * next opening.  INFINITY for an always-open calendar. */
double wcal_next_close(const wcal_t *c, double t);

/* Open minutes in [t0, t1] (0 if t1 <= t0). */
double wcal_working_time(const wcal_t *c, double t0, double t1);

/* The instant at which `work` minutes of open time have elapsed after t
 * (t + work for an always-open calendar; INFINITY if never, or at or
 * after WCAL_FAR). */
double wcal_add_working_time(const wcal_t *c, double t, double work);

/* Open minutes in one working day (0 for always-open: callers treat that
 * as 1440). */
double wcal_minutes_per_day(const wcal_t *c);

/* ---- service days: halls open on days that are not working days --------
 *
 * A hall may open on a day that is not a working day (a Saturday morning
 * service, 周六不打烊): its windows serve in that day's own hours, but the
 * day is no working day, so the working-time queries above (time limits,
 * back-office work, working days) skip it.  The hall queries below answer
 * for the halls: the working hours on working days, the service hours on
 * service days.  Without service days each is the working-time query of
 * the same name (the very same numbers). */

/* Make the weekdays day[w] (0 = Monday) service days open in `hours`
 * ("HH:MM-HH:MM", as for wcal_init).  Returns 0, or -1 with a one-line
 * message in err (calendar unchanged) when an hour string is wrong, a
 * weekday is a working weekday or already a service day, no weekday is
 * given, or the calendar is always open. */
int wcal_add_service(wcal_t *c, const bool day[7], const char *const *hours, size_t n_hours,
                     char *err, size_t errlen);

/* The relative demand of the service days of weekdays day[w] (>= 0): their
 * hours draw counter arrivals at `weight` times a working day's rate. */
void wcal_set_service_demand(wcal_t *c, const bool day[7], double weight);

/* Does the calendar have service days? */
static inline bool wcal_has_service(const wcal_t *c) { return c->n_service_days > 0; }

/* Is day d (>= 0) a service day: not a working day, not a holiday, and
 * its weekday has a service. */
bool wcal_is_service_day(const wcal_t *c, long long d);

/* The opening intervals of the halls on day d: the working hours on a
 * working day, the service hours on a service day, none (0) otherwise;
 * *open and *close point into the calendar. */
size_t wcal_hall_intervals(const wcal_t *c, long long d, const double **open, const double **close);

/* wcal_is_open, wcal_next_open, wcal_next_close, wcal_working_time and
 * wcal_add_working_time for the halls (service hours included). */
bool wcal_hall_is_open(const wcal_t *c, double t);
double wcal_hall_next_open(const wcal_t *c, double t);
double wcal_hall_next_close(const wcal_t *c, double t);
double wcal_hall_time(const wcal_t *c, double t0, double t1);
double wcal_hall_add_time(const wcal_t *c, double t, double work);

/* wcal_hall_time and wcal_hall_add_time with each service-day minute
 * weighted by its day's service_demand: the clock of flat counter demand
 * (a Poisson process in this time has the working day's rate per minute
 * on working days and `weight` times it on service days). */
double wcal_demand_time(const wcal_t *c, double t0, double t1);
double wcal_demand_add_time(const wcal_t *c, double t, double work);

/* ---- a memo of the current opening, per replication -------------------
 *
 * A model asks "open now?" and "when does this work end?" at nearly every
 * event, mostly about the same opening of the same day, and "when does it
 * open next?" about the same closed evening or weekend.  The calendar is
 * shared read-only by the threads, so the memo is the caller's (one per
 * replication): the opening [day_start + open, day_start + close) that
 * contains the last open instant asked about, and the closed stretch from
 * a closed instant asked about to the next opening.  Inside them the
 * answers take a subtraction and two comparisons, and are the very
 * numbers the full queries give (the same minute-of-day x = t -
 * day_start, the same sum day_start + x + work, the same next opening);
 * elsewhere the full query runs and the memo moves.  An always-open
 * calendar is one endless opening. */
typedef struct wcal_memo {
    double day_start;   /* start of the memoised day, minutes              */
    double open, close; /* its opening, minutes after midnight; empty
                           (close <= open) when nothing is memoised        */
    /* a closed stretch [shut_from, shut_until): an instant asked about
     * while closed and the next opening after it (nothing opens between
     * them); empty when shut_until <= shut_from */
    double shut_from, shut_until;
    double shut_len; /* the length of the opening that starts at shut_until */
    /* the memoised opening's day number, and the day's open minutes
     * before the opening (summed as wcal_working_time sums them) */
    long long day;
    double before;
} wcal_memo_t;

/* Nothing memoised (a zeroed memo is the same). */
void wcal_memo_init(wcal_memo_t *m);

/* Memoise the opening of c that contains t; leaves *m as it was when c
 * is closed at t. */
void wcal_memo_fill(const wcal_t *c, wcal_memo_t *m, double t);

/* wcal_next_open(c, t); when that lies after t, memoise the closed
 * stretch from t to it. */
double wcal_memo_shut(const wcal_t *c, wcal_memo_t *m, double t);

/* wcal_is_open(c, t), through the memo: inside the memoised opening or
 * closed stretch the answer is known; elsewhere the full query runs and
 * the memo moves to t's opening or closed stretch. */
static inline bool wcal_memo_is_open(const wcal_t *c, wcal_memo_t *m, double t) {
    double x = t - m->day_start;
    if (x >= m->open && x < m->close) return true;
    if (t >= m->shut_from && t < m->shut_until) return false;
    if (!wcal_is_open(c, t)) {
        wcal_memo_shut(c, m, t);
        return false;
    }
    wcal_memo_fill(c, m, t);
    return true;
}

/* wcal_next_open(c, t), through the memo: an instant of the memoised
 * opening is its own next opening (the full query answers t itself), one
 * of the memoised closed stretch has the stretch's end (the full query
 * finds the same day and opening, so the same sum); elsewhere the full
 * query, whose answer after a closed t is the memo's new closed stretch. */
static inline double wcal_memo_next_open(const wcal_t *c, wcal_memo_t *m, double t) {
    double x = t - m->day_start;
    if (x >= m->open && x < m->close) return t;
    if (t >= m->shut_from && t < m->shut_until) return m->shut_until;
    return wcal_memo_shut(c, m, t);
}

/* wcal_working_time(c, t0, t1), through the memo when t1 lies in the
 * memoised opening and t0 on an earlier day (a case's cycle time at its
 * completion): the last day's part is the memo's minutes before the
 * opening plus those of the opening up to t1, the very sum the full query
 * makes; first + middle + last in the same order.  Elsewhere the full
 * query (the memo does not move). */
double wcal_memo_working_time(const wcal_t *c, const wcal_memo_t *m, double t0, double t1);

/* wcal_add_working_time(c, t, work) for an instant t that is not "now"
 * (a return at the next opening), through the memo without moving it: t
 * in the memoised opening, or t the start of the opening after the
 * memoised closed stretch (the full query then finds that opening's day
 * and minute exactly: day starts and opening times are whole minutes,
 * and answers t + work while the work fits in it).  Elsewhere the full
 * query. */
static inline double wcal_memo_peek_add_working_time(const wcal_t *c, const wcal_memo_t *m,
                                                     double t, double work) {
    double x = t - m->day_start;
    if (x >= m->open && x < m->close && work >= 0 && work <= m->close - x)
        return m->day_start + x + work;
    if (t == m->shut_until && work >= 0 && work <= m->shut_len) return t + work;
    return wcal_add_working_time(c, t, work);
}

/* wcal_add_working_time(c, t, work), through the memo: the same number.
 * The memo moves only when t lies outside its opening. */
static inline double wcal_memo_add_working_time(const wcal_t *c, wcal_memo_t *m, double t,
                                                double work) {
    double x = t - m->day_start;
    if (x >= m->open && x < m->close) {
        if (work >= 0 && work <= m->close - x) return m->day_start + x + work;
    } else {
        wcal_memo_fill(c, m, t);
    }
    return wcal_add_working_time(c, t, work);
}

#endif
