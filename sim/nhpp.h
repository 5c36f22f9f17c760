/*
 * nhpp.h - piecewise-constant (non-homogeneous) Poisson arrivals.
 *
 * A rate profile is a step function lambda(t): rate[i] arrivals per minute
 * on [t[i], t[i+1]).  It is either finite (after the last break the rate is
 * 0) or periodic with the given period (a day or a week: the profile repeats,
 * breaks relative to the start of each period).
 *
 * nhpp_next() draws the next arrival after `now` exactly, by inversion of
 * the cumulative intensity: draw E ~ Exp(1) and walk the segments until
 * their integrated rate reaches E.  No thinning, so it costs one uniform per
 * arrival and is exact even for rates that jump.  Whole periods are skipped
 * arithmetically, so a profile that is zero most of the time is cheap.
 */
#ifndef GOVSIM_NHPP_H
#define GOVSIM_NHPP_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

typedef struct nhpp {
    size_t n;          /* number of segments                                  */
    double *start;     /* n segment starts, increasing, start[0] >= 0         */
    double *rate;      /* n rates (per minute, >= 0)                          */
    double end;        /* end of the last segment                             */
    double period;     /* 0: finite profile; > 0: repeats every period        */
    double per_period; /* integral of the rate over one period (or all)     */
} nhpp_t;

/* Build a profile from n segments [breaks[i], breaks[i+1]) with rates[i]:
 * breaks has n+1 increasing entries.  period 0 = finite; otherwise
 * breaks[n] - breaks[0] must not exceed the period (the rest of the period
 * has rate 0).  Returns 0, or -1 with a message in err:
 *   "rate 2 is negative (-1.5)", "breaks must increase (3.2 then 3.0)". */
int nhpp_init(nhpp_t *p, const double *breaks, const double *rates, size_t n, double period,
              char *err, size_t errlen);
void nhpp_free(nhpp_t *p);

/* Rate at instant t. */
double nhpp_rate(const nhpp_t *p, double t);

/* Expected number of arrivals in [t0, t1] (the integrated rate). */
double nhpp_expected(const nhpp_t *p, double t0, double t1);

/* The first arrival strictly after `now`, or INFINITY if none will come. */
double nhpp_next(const nhpp_t *p, double now, gsl_rng *r);

#endif
