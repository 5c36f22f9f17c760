/*
 * out_evlog.h - event logs for process mining: CSV and XES.
 *
 * A simulated event log has the shape of a real queue-ticketing or
 * workflow log, so process-mining tools (PM4Py, ProM, Disco) read it as it
 * is: one trace per case, and in each trace events with an activity, a
 * lifecycle transition ("start" or "complete"), a timestamp, a resource
 * and its group (the department), and the trip number of the citizen.
 *
 *   CSV: one row per event, header
 *        case_id,variant,replication,service,region,channel,activity,
 *        department,resource,lifecycle,timestamp,trip
 *        (rows grouped by case, in time order within a case: the order in
 *        which the cases finish).
 *   XES: IEEE 1849-2016 (xes.version "1849-2016"), with the concept, time,
 *        lifecycle and org standard extensions; one <trace> per case with
 *        concept:name = case_id and the case's service, region, variant,
 *        replication and channel as trace attributes, one <event> per row
 *        of the CSV, in the same order.  Every string is XML-escaped
 *        (text_html_escape).
 *   OCEL 2.0 JSON (object-centric event log, ocel-standard.org): object
 *        types case (service, region, channel, variant, replication),
 *        department and resource; every event of the CSV, in the same
 *        order, with id CASE:N, type = activity, time, attributes
 *        lifecycle and trip, and relationships to its case, department
 *        and resource.  The objects and the events are two arrays, so a
 *        streaming writer puts them in two streams that
 *        out_evlog_ocel_begin / _events / _end join.
 *
 * Timestamps are ISO 8601 local times, "2024-01-01T09:41:12.345": the
 * model's clock counts minutes from Monday 00:00 of week 1, which is put on
 * Monday 1 January 2024 (OUT_EVLOG_EPOCH) unless the caller gives a date.
 *
 * The writer keeps nothing: a caller streams cases as they finish, so a
 * log of any length takes no memory beyond one case.  Write errors are
 * the stream's (sticky; out_file_commit checks them).
 */
#ifndef GOVSIM_OUT_EVLOG_H
#define GOVSIM_OUT_EVLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum out_evlog_format { OUT_EVLOG_CSV, OUT_EVLOG_XES, OUT_EVLOG_OCEL } out_evlog_format_t;

/* The date at minute 0 (a Monday), as days since 1970-01-01. */
#define OUT_EVLOG_EPOCH_DAYS 19723 /* 2024-01-01 */

typedef struct out_evlog_case {
    const char *case_id, *variant, *service, *region, *channel;
    unsigned replication;
} out_evlog_case_t;

typedef struct out_evlog_event {
    const char *activity, *department, *resource; /* department, resource: "" if none */
    bool start;                                   /* lifecycle start, else complete    */
    double minutes;                               /* model clock                       */
    int trip;
} out_evlog_event_t;

/* XES when `path` ends in ".xes", OCEL 2.0 JSON when it ends in ".json"
 * (any case), else CSV. */
out_evlog_format_t out_evlog_format_for(const char *path);

/* ISO 8601 local time of model minute `minutes` on the day
 * `epoch_days` (days since 1970-01-01, a Monday) + its days: the buffer
 * gets "YYYY-MM-DDThh:mm:ss.mmm".  This function can't fail. */
void out_evlog_timestamp(char buf[32], double minutes, long epoch_days);

/* The CSV header, or the XES preamble naming the log `log_name` (CSV and
 * XES only; OCEL has its own calls below). */
void out_evlog_begin(FILE *fp, out_evlog_format_t f, const char *log_name);

/* One case and its events (in the order given); CSV and XES only. */
void out_evlog_case(FILE *fp, out_evlog_format_t f, const out_evlog_case_t *c,
                    const out_evlog_event_t *ev, size_t n, long epoch_days);

/* OCEL: case c's events (each ",\n{...}") to `events` and the case's
 * object (",\n{...}") to `objects`. */
void out_evlog_ocel_case(FILE *events, FILE *objects, const out_evlog_case_t *c,
                         const out_evlog_event_t *ev, size_t n, long epoch_days);

/* OCEL: the document's head, types and the fixed objects (at least one
 * department), up to the open objects array; then, after the cases'
 * object streams, _events closes it and opens the events array (whose
 * first entry's leading comma the caller drops); _end closes the
 * document. */
void out_evlog_ocel_begin(FILE *fp, const char *const *activities, size_t n_activities,
                          const char *const *departments, size_t n_departments,
                          const char *const *resources, size_t n_resources);
void out_evlog_ocel_events(FILE *fp);
void out_evlog_ocel_end(FILE *fp);

/* Nothing for CSV; the closing </log> for XES. */
void out_evlog_end(FILE *fp, out_evlog_format_t f);

/* Bytes a log of `events` events in `cases` cases takes, roughly (for the
 * size estimate printed before a big log starts). */
double out_evlog_estimate_bytes(out_evlog_format_t f, double cases, double events);

#endif
