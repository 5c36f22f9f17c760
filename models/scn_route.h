/*
 * scn_route.h - what a service's routing implies (internal to the loader).
 *
 * A service's steps and their `next` branches form a Markov chain on steps
 * with one absorbing state, "done".  The loader asks two things of it:
 *
 *   - is it a workflow at all: every step reachable from the first step,
 *     and every step a case can reach able to reach "done" with positive
 *     probability (otherwise cases pile up forever);
 *   - how many times a case visits each step on average, rework included:
 *     the traffic equations v = e_first + P^T v, solved exactly by Gaussian
 *     elimination over the steps a case can reach (the validated chain is
 *     transient there, so the system is non-singular in exact arithmetic;
 *     the solver still checks its pivots, since GSL's default handler
 *     would abort and we may not touch global state).
 *
 * From the visits it derives each department's offered load (scn.h,
 * scn_offered_load) and the warnings about unstable queues.
 */
#ifndef GOVSIM_SCN_ROUTE_H
#define GOVSIM_SCN_ROUTE_H

#include <stddef.h>

#include "scn.h"

typedef enum {
    SCN_ROUTE_OK,
    SCN_ROUTE_UNREACHABLE, /* no path from the first step leads here      */
    SCN_ROUTE_NO_EXIT      /* reached, but no path from here to "done"    */
} scn_route_problem_t;

/* The first problem of service sv's routing, with its step in *step: the
 * first step no path reaches, else the first step of a loop that cases
 * reach and cannot leave.  Reachability counts every branch listed in `next` (a branch of
 * probability 0 still documents a path); finishing counts only branches of
 * positive probability.  The service's steps must be fully parsed. */
scn_route_problem_t scn_route_check(const scn_service_t *sv, size_t *step);

/* Expected visits per case of each step of service sv (into
 * steps[k].visits), and the work minutes they bring per working day to
 * each department's windows and back office, added into front_work[] and
 * back_work[] (n_departments each).  sv must have passed scn_route_check;
 * s's departments, regions and online_uptime must be set.  Returns 0, -1
 * when out of memory, or -2 when the visits cannot be computed reliably
 * (a loop that cases almost never leave: more than 1e6 visits). */
int scn_route_service(const scn_t *s, scn_service_t *sv, double *front_work, double *back_work);

/* From the work per department: utilizations (departments' front_util and
 * back_util, regions' hall_util) and a warning in s->warnings for each
 * queue whose offered load is at or above capacity. */
void scn_route_loads(scn_t *s, const double *front_work, const double *back_work);

#endif
