/*
 * event_log.h - `--event-log FILE`: the model's events (models/flow_events.h)
 * written as a process-mining log (output/out_evlog.h).
 *
 * One recorder per replication watches the model through its observer,
 * keeps the events of each open case (indexed by the case's slot, so the
 * memory is that of the cases open at once, not of the run's length) and
 * writes a case's trace to its stream when the case finishes; cases still
 * open at the end are written last, in order of arrival.  Replications run
 * on threads, so each writes to its own temporary stream and
 * cli_evlog_assemble puts them into FILE in replication order: the log is
 * the same at any -j.
 *
 * OCEL 2.0 JSON (FILE ending in .json) holds the same events, with the
 * cases, departments and resources as objects.
 *
 * Activities (ids of the scenario, never translated):
 *   arrive, finish                     the case's first and last event
 *   STEP (start, complete)             a step served at `resource`
 *   wait STEP (start, complete)        in the line before it
 *   fetch document / wait fetch document   the citizen's visit to the
 *                                      owner's window when there is no link
 *   data ITEM (start, complete)        a request over a link; resource =
 *                                      api | manual | hub | fallback
 *   no link ITEM                       the citizen must fetch ITEM
 *   rework WHY, give up, sent home, hall closed, online down
 */
#ifndef GOVSIM_CLI_EVENT_LOG_H
#define GOVSIM_CLI_EVENT_LOG_H

#include <stdio.h>

#include "flow.h"
#include "out_evlog.h"

typedef struct cli_evlog cli_evlog_t;

/* A recorder of replication `rep` writing to fp (the caller's, left
 * open), and for OCEL the cases' objects to `objects`.  NULL when out of
 * memory. */
cli_evlog_t *cli_evlog_new(const scn_t *s, FILE *fp, FILE *objects, out_evlog_format_t f,
                           const char *variant, unsigned rep);

/* The observer to hand to flow_run_observed. */
flow_observer_t cli_evlog_observer(cli_evlog_t *l);

/* Write the cases still open, free the recorder.  Returns 0, or -1 when
 * memory ran out during the run (the log is then incomplete) or the
 * stream has an error. */
int cli_evlog_finish(cli_evlog_t *l);

/* Write FILE (XES when it ends in .xes, OCEL 2.0 when .json): the header,
 * the parts in order (each a stream at any position; read from its
 * start; for OCEL the objects parts first), the end; to a temporary name
 * renamed into place.  Returns 0 or -1 with a message. */
int cli_evlog_assemble(const char *path, const scn_t *s, FILE *const *parts,
                       FILE *const *object_parts, size_t n, char *err, size_t errlen);

/* How many events a replication of s will log, roughly, and the file's
 * size in bytes (printed before a big log starts). */
void cli_evlog_estimate(const scn_t *s, out_evlog_format_t f, double *events, double *bytes);

#endif
