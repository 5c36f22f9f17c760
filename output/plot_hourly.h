/*
 * plot_hourly.h - "a day in the hall": a chart of a quantity by hour of
 * the day, a line per department with its 95% confidence band (see
 * plot.h for the four files a chart is and how labels are kept safe).
 */
#ifndef GOVSIM_OUT_PLOT_HOURLY_H
#define GOVSIM_OUT_PLOT_HOURLY_H

#include <stddef.h>

#include "plot.h"

/* At most this many lines in one chart: more cannot be told apart. */
#define PLOT_HOURLY_MAX_SERIES 8

/* NAME.*: `title` (e.g. "citizens waiting in line") against the hour of
 * the day: hours[i] (0-23) for i < n_hours, y[d * n_hours + i] for each of
 * the n_depts series named depts[d]; NaN means breaks the line (the hall
 * closed at that hour, e.g. lunch).  Of more than PLOT_HOURLY_MAX_SERIES
 * series it draws the ones with the highest peaks, and its title says
 * "the 8 busiest of N" (the caller's CSV keeps them all); the key lists
 * the lines below the plot.  Returns 0, or -1 with a message. */
int plot_hourly(const plot_ctx_t *ctx, const char *name, const char *title, size_t n_hours,
                const int *hours, size_t n_depts, const char *const *depts, const plot_ci_t *y,
                char *err, size_t errlen);

#endif
