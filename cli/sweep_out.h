/*
 * sweep_out.h - what `govsim sweep` writes once every point is in:
 * summary_wide.csv, sensitivity.csv (and its table on stdout) and the charts.
 * Used by cli/cmd_sweep.c, on rank 0 only.
 */
#ifndef GOVSIM_CLI_SWEEP_OUT_H
#define GOVSIM_CLI_SWEEP_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "sweep.h"

typedef struct sweep_out {
    const sweep_t *sw;
    const double *results; /* [point][replication][kpi]              */
    size_t n_reps;
    const char *dir;
} sweep_out_t;

/* Before the final files are written: remove from the folder those of
 * them (results.csv, summary_wide.csv (and summary.csv, its name before), sensitivity.csv, every
 * chart a sweep can draw) that an earlier sweep left, with their temporary files, so the folder
 * holds only this sweep's charts (output/out_dir.h).  design.csv and results.partial.csv, which
 * --resume reads, are left alone. */
int sweep_out_clear(const sweep_out_t *o, char *err, size_t errlen);

/* summary_wide.csv: point, then each KPI's mean, ci_low, ci_high; n. */
int sweep_out_summary(const sweep_out_t *o, char *err, size_t errlen);

/* The points as a table on `fp` (factor values, each KPI's mean ± CI
 * half-width), when there are at most `max_rows`; otherwise one line
 * pointing to summary_wide.csv.  Returns 0, or -1 when out of memory. */
int sweep_out_table(const sweep_out_t *o, FILE *fp, size_t max_rows);

/* sensitivity.csv (kpi, factor, method, estimate, ci_low, ci_high) and a
 * table on `table`: Sobol indices with bootstrap CIs for a saltelli
 * design, standardized regression coefficients and R^2 otherwise.  A KPI
 * that cannot be analysed (it does not vary, or is missing at a point)
 * gets a note instead of numbers. */
int sweep_out_sensitivity(const sweep_out_t *o, FILE *table, char *err, size_t errlen);

/* The charts: response curves (grid of one or two factors), a heat map
 * (two factors), each point against each factor (other designs), Sobol
 * indices (saltelli). */
int sweep_out_plots(const sweep_out_t *o, char *err, size_t errlen);

#endif
