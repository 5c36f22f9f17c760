/*
 * demand.h - arrivals that change with the clock: a service's arrival
 * profile (scn_profile_t: hour of day, day of week, month of year, surge
 * periods) turned into the exact non-homogeneous Poisson process of its
 * arrivals over one run.
 *
 * The rate of counter arrivals of a service in a region at instant t is
 *     lambda(t) = per_day x U x D(day of t) x g(minute of day of t)
 * where D(d) = day_of_week x month_of_year x (product of the surges that
 * cover day d), and 0 on days the calendar does not work; g is the hour
 * profile restricted to the opening hours, scaled to integrate to 1 over a
 * day.  On a service day (a hall open on a day that is not a working day,
 * sim/wcal.h) g is the hour profile restricted to that day's service
 * hours, scaled by the same constant as a working day's and by the day's
 * relative demand (calendar.service_days.demand): it integrates to the
 * share of a working day's profile those hours hold, times that.  And U = (working days of the run)
 * / (sum of D over the run), so that the expected number of arrivals over the run is per_day x
 * working days, exactly as without a profile: a profile moves demand, it never adds or removes any.
 * Online arrivals come around the clock (g = 1/1440, the hour profile does not apply) on every day
 * (holidays too), with D as above, and U such that the run expects per_day x (working weekdays / 7)
 * x days, again as without a profile.  The run is the warm-up plus the
 * measured days.
 *
 * Arrivals are drawn by inversion of the integrated rate (one Exp(1) draw
 * per arrival, no thinning), with the day-level sums kept as a prefix-sum
 * table: O(1) per arrival within a day, O(log days) across days.  Those
 * tables take 16 bytes per day of the run for each distinct (profile,
 * channel): services whose tables come out equal share one.
 */
#ifndef GOVSIM_DEMAND_H
#define GOVSIM_DEMAND_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>

#include "scn.h"

typedef struct demand demand_t;

/* D(d) of the header: the relative demand of day d (0 = first day) under
 * profile p, for online or counter cases (0 on closed days for these). */
double demand_day_weight(const scn_t *s, const scn_profile_t *p, long d, bool online);

/* The integral over one day of p's hour profile restricted to the opening
 * hours (counter cases), in weight x minutes; 0 means no counter demand
 * could ever arrive. */
double demand_day_shape_mass(const scn_t *s, const scn_profile_t *p);

/* The rates of every service and region with a profile, for a run of
 * `n_days` days.  Returns 0 with *out (NULL when no service has a
 * profile), or -1 when out of memory. */
int demand_build(const scn_t *s, long n_days, demand_t **out);
void demand_free(demand_t *d);

/* How many day tables (a double of weight and one of prefix sum per day
 * of the run) d holds: one per distinct (profile, channel), since
 * services whose tables come out equal share one (0 for NULL). */
size_t demand_day_tables(const demand_t *d);

/* Does service sv in region rg follow a profile (else: flat demand)? */
bool demand_shaped(const demand_t *d, int sv, int rg);

/* The first arrival strictly after `now` of the stream (sv, rg, online)
 * whose average is `per_day` (as for flat demand: cases per working day);
 * INFINITY if none comes before the end of the run. */
double demand_next(const demand_t *d, int sv, int rg, int online, double per_day, double now,
                   gsl_rng *r);

/* The expected number of arrivals of that stream in [t0, t1] (the
 * integrated rate), and the rate at t (per minute). */
double demand_expected(const demand_t *d, int sv, int rg, int online, double per_day, double t0,
                       double t1);
double demand_rate(const demand_t *d, int sv, int rg, int online, double per_day, double t);

#endif
