/*
 * sweep_partial.h - results.partial.csv, the file that lets an
 * interrupted sweep resume: how a row is written and how a file that a
 * crash, a kill or a full disk cut short is read back.
 *
 * The file is a header "point,replication,KPI..." and one row per finished
 * replication, "p,r,v1,...,vk\n", numbers in shortest round-trip form and
 * an empty field for a value that is not finite.  Rows are appended (and
 * fsync'ed) a whole point at a time, so after a crash the file is whole
 * rows, then at most one line cut short.
 *
 * Reading trusts nothing after the first line that is not a whole row of
 * this sweep (a cut line, two lines glued by an earlier crash, another
 * sweep's numbers): it stops there and says how many bytes are good, so the
 * caller truncates the file to them before appending.  Then a cut line is
 * never read as a row, however many times the sweep is resumed.
 *
 * The shape (points, replications, KPI names) is plain data: this module
 * knows nothing of scenarios.  Results are the caller's array
 * [point][replication][kpi].
 */
#ifndef GOVSIM_SWEEP_PARTIAL_H
#define GOVSIM_SWEEP_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct sweep_partial_shape {
    size_t n_points, n_reps, n_kpis;
    const char *const *kpi_names; /* n_kpis column names */
} sweep_partial_shape_t;

/* What sweep_partial_read found. */
typedef struct sweep_partial_state {
    long recovered; /* points whose every replication was read           */
    long keep;      /* bytes of the file that are its header and whole
                       rows; 0: no usable header (write the file anew)   */
    long dropped;   /* whole lines after `keep` that were not rows       */
} sweep_partial_state_t;

/* The header line, with its newline.  Write errors are the stream's. */
void sweep_partial_write_header(FILE *fp, const sweep_partial_shape_t *sh);

/* One row: point p, replication rep, the n_kpis values v.  Write errors
 * are the stream's. */
void sweep_partial_write_row(FILE *fp, const sweep_partial_shape_t *sh, size_t p, size_t rep,
                             const double *v);

/* Parse one line (len bytes, with its newline) as a row of this shape:
 * fills *p, *rep and v[0 .. n_kpis-1] (NaN for an empty field) and returns
 * true; false for anything that is not a whole row (no newline at the
 * end, an index out of range, a field too many or too few, a number not
 * read whole, a NUL byte). */
bool sweep_partial_parse_row(const sweep_partial_shape_t *sh, const char *line, size_t len,
                             size_t *p, size_t *rep, double *v);

/* Read the file at path into results ([point][rep][kpi]) and have[point]
 * (set to 1 for points with every replication read).  A missing or empty
 * file, or a header cut short: nothing recovered, keep 0.  Returns 0 with
 * *st filled, or -1 with a one-line message when the file is another
 * sweep's (its header differs) or memory runs out. */
int sweep_partial_read(const sweep_partial_shape_t *sh, const char *path, double *results,
                       unsigned char *have, sweep_partial_state_t *st, char *err, size_t errlen);

#endif
