/*
 * roster.h - shift plans: how many windows and officers a department has
 * on duty, by day type and time block.
 *
 * A department's `roster` (docs/scenario-format.md) is a list of entries,
 * each for a set of weekdays (a day type: "weekday", "saturday", "mon",
 * "weekend", ... or a list of them), with blocks "HH:MM-HH:MM" and a count
 * for its windows and/or its officers:
 *
 *   roster = ( { days = "weekday";
 *                windows = ( ("08:30-12:00", 4), ("12:00-13:30", 2),
 *                            ("13:30-17:30", 4) ); },
 *              { days = "service_day"; windows = ( ("09:00-12:00", 1) ); } );
 *
 * The count at an instant: on a weekday no entry names, or for a kind
 * (windows, staff) its entry leaves out, the department's fixed `windows`
 * or `staff`; otherwise the count of the block that holds the instant, and
 * 0 outside every block (nobody on duty).  The day type "service_day"
 * plans the calendar's service days (sim/wcal.h: a Saturday morning
 * service), whatever their weekday, before the weekday's entry; a make-up
 * working day on a Saturday then keeps the weekday plan it is listed
 * under.  Windows are in any case closed while the halls are (office
 * hours, holidays).
 *
 * Servers that go off duty finish the citizen or task they are serving
 * (sim/res.h: lowering the capacity never interrupts a service); those
 * who come on duty take the next in line at once.
 */
#ifndef GOVSIM_ROSTER_H
#define GOVSIM_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

struct cfgr;
struct config_setting_t;

#define ROSTER_MAX_BLOCKS  16
#define ROSTER_MAX_ENTRIES 7

typedef struct roster_block {
    double from, to; /* minutes after midnight, from < to       */
    int count;
} roster_block_t;

typedef struct roster_plan {
    size_t n;
    roster_block_t block[ROSTER_MAX_BLOCKS]; /* sorted, not overlapping */
} roster_plan_t;

typedef struct roster_entry {
    bool day[7];  /* [0] = Monday                                     */
    bool service; /* plans the calendar's service days (service_day) */
    bool has_windows, has_staff;
    roster_plan_t windows, staff;
} roster_entry_t;

typedef struct roster {
    size_t n_entries;  /* 0: no roster, the fixed counts all the time */
    int first_weekday; /* weekday of day 0 (0 = Monday), as the calendar's:
                          set by the loader after roster_read          */
    roster_entry_t entry[ROSTER_MAX_ENTRIES];
} roster_t;

typedef enum { ROSTER_WINDOWS, ROSTER_STAFF } roster_kind_t;

/* Read member "roster" of a department's group into *out (n_entries = 0
 * when missing).  No weekday may be named by two entries.  Returns 0, or
 * -1 with a message "file:line: departments[i].roster[j].windows[k]: what
 * is wrong (expected ...)". */
int roster_read(const struct cfgr *r, const struct config_setting_t *group, roster_t *out);

/* `days` of group g, a day type ("weekday", "saturday", "mon", ...) or a
 * list of them, into day[7] ([0] = Monday).  Returns 0, or -1 with a
 * message "file:line: ...days: unknown day type ...". */
int roster_read_days(const struct cfgr *r, const struct config_setting_t *g, bool day[7]);

/* Does the roster plan `kind` at all (some entry has it)? */
bool roster_has(const roster_t *ro, roster_kind_t kind);

/* The count of `kind` on duty at instant t (minutes since 00:00 of day 0,
 * whose weekday is first_weekday), `fixed` where the roster says
 * nothing. */
int roster_count(const roster_t *ro, roster_kind_t kind, int fixed, double t);

/* The same when t's day is a service day of the calendar (sim/wcal.h)
 * or not: on a service day the entry naming service_day plans, if there
 * is one, else the weekday's. */
int roster_count_on(const roster_t *ro, roster_kind_t kind, int fixed, double t, bool service);

/* The largest count `kind` reaches over the week (at least `fixed` if some
 * weekday keeps the fixed count). */
int roster_max(const roster_t *ro, roster_kind_t kind, int fixed);

/* Mean count of `kind` over the open minutes of a calendar whose working
 * weekdays and daily intervals are given (for the offered load). */
double roster_mean_open(const roster_t *ro, roster_kind_t kind, int fixed, const bool workday[7],
                        const double *open, const double *close, size_t n_intervals);

/* Mean count of `kind` over a service day of weekday `weekday` (0 =
 * Monday) open in the given intervals. */
double roster_mean_service(const roster_t *ro, roster_kind_t kind, int fixed, int weekday,
                           const double *open, const double *close, size_t n_intervals);

/* The first instant after t at which some count of the roster may change
 * (a block boundary or midnight of a planned day); INFINITY without a
 * roster. */
double roster_next_change(const roster_t *ro, double t);

#endif
