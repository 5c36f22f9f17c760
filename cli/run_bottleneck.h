/*
 * run_bottleneck.h - where the bottleneck is: a day in the hall
 * (hourly.csv and its chart) and where each service's time goes
 * (bottleneck.csv and the table on screen), from the replications of one
 * variant (models/flow.h: flow_result_t's hourly and phase arrays).
 *
 * Every figure is the mean over the finished replications with its
 * Student-t 95% interval; a replication with no value there (NaN: the
 * hour never open, no case of the service) is left out, and n says how
 * many counted.
 */
#ifndef GOVSIM_RUN_BOTTLENECK_H
#define GOVSIM_RUN_BOTTLENECK_H

#include <stdbool.h>
#include <stdio.h>

#include "flow.h"
#include "scn.h"

/* The replications of one variant: results[r] counts when done[r]. */
typedef struct bn_variant {
    const char *name; /* "baseline" or the reform's name       */
    const flow_result_t *results;
    const unsigned char *done;
    size_t reps;
} bn_variant_t;

/* hourly.csv in dir: scenario, variant, department, hour, kpi, mean,
 * ci_low, ci_high, n, for every department with windows and every hour in
 * which its hall was open, then, with the one-stop lever, each region's
 * hall (department "hall:REGION"), for each variant.  Returns 0, or -1
 * with a message. */
int bn_write_hourly(const char *dir, const scn_t *s, const bn_variant_t *v, size_t n_variants,
                    char *err, size_t errlen);

/* bottleneck.csv in dir: scenario, variant, service, department, phase,
 * mean, ci_low, ci_high, n: each service's share of task time by
 * department and phase (shares above 0 only). */
int bn_write_shares(const char *dir, const scn_t *s, const bn_variant_t *v, size_t n_variants,
                    char *err, size_t errlen);

/* day_in_hall.{dat,gp,png,svg}: line length by hour of the day, a line
 * per department with windows (per one-stop hall with the lever) and its
 * 95% band, for the first variant. */
int bn_plot_day(const char *dir, const scn_t *s, const bn_variant_t *v, char *err, size_t errlen);

/* The largest shares of service's time, into buf (department names, not
 * escaped): "40% waiting for data at tax; 15% in work at market; 12% sent home by tax".  Returns
 * false (buf empty) when the service has no time measured. */
bool bn_top_shares(const scn_t *s, const bn_variant_t *v, size_t service, char *buf, size_t len);

/* On stdout: for each service, by name, the largest shares of its time
 * (department and phase), e.g. "Enterprise establishment  61% waiting for
 * data at Tax Bureau"; names are escaped (they come from the file). */
void bn_print(const scn_t *s, const bn_variant_t *v);

#endif
