/*
 * trace.h - one citizen's case, followed through the model and told in
 * sentences (govsim trace; also what the animation's tests lean on).
 *
 * A case is chosen by its service, its region and n: the n-th case of
 * that service and region to arrive after the warm-up, in replication 0.
 * Its key (service, region, channel, arrival index: flow_events.h) finds
 * the same citizen in a variant with reforms: the same arrival stream, the
 * same place in it, the same moment.
 */
#ifndef GOVSIM_CLI_TRACE_H
#define GOVSIM_CLI_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flow.h"

/* The events of one case, in order. */
typedef struct trace_case {
    flow_event_t *ev;
    size_t n, cap;
    bool found, finished;
    int service, region, channel;
    uint32_t arrival_index;
    uint64_t candidates; /* such cases seen (all of them when not found) */
    int nomem;
} trace_case_t;

/* Follow the n-th (from 1) case of `service` in `region` that arrives
 * after the warm-up, in replication 0 of s.  The run stops once that case
 * has finished.  Returns 0 (t->found false when no such case arrived), -1
 * when memory ran out.  Free with trace_case_free. */
int trace_follow_nth(const scn_t *s, int service, int region, uint64_t n, trace_case_t *t);

/* Follow the case with the key of `like` (service, region, channel,
 * arrival index) in replication 0 of s. */
int trace_follow_same(const scn_t *s, const trace_case_t *like, trace_case_t *t);

void trace_case_free(trace_case_t *t);

/* The case's figures, from its events. */
typedef struct trace_summary {
    int trips;
    double arrived, finished;   /* minutes; finished NaN while open         */
    double window_minutes;      /* in lines and at windows                  */
    int data_requests, fetched; /* requests by link, documents fetched      */
    int reworks;
} trace_summary_t;

void trace_summarize(const trace_case_t *t, trace_summary_t *out);

/* The sentence of event i of t ("" for events not worth a line), with its
 * clock time ("day 3, 09:41") in `when`.  Text for people: _(). */
void trace_sentence(const scn_t *s, const trace_case_t *t, size_t i, char *when, size_t wlen,
                    char *text, size_t tlen);

/* The scenario at `path` with the first n reform files applied in order
 * (n = 0: the baseline), the seed replaced when seed_set, checked for the
 * model.  Returns 0, or -1 with a message in err. */
int cli_build_variant(const char *path, const char *const *reforms, unsigned n, bool seed_set,
                      uint64_t seed, scn_t *s, char *err, size_t errlen);

/* "day 3 (Wed), 09:41" for model minute m. */
void trace_clock(double m, char *buf, size_t len);

/* Model minute m of scenario s: "2021-01-12 (Tue), 09:41" on the real
 * calendar when s has a start_date, else as trace_clock. */
void trace_when(const scn_t *s, double m, char *buf, size_t len);

/* The day of model minute m: "2021-01-12 (Tue)" when s has a start_date,
 * else "day 15 (Mon)". */
void trace_day(const scn_t *s, double m, char *buf, size_t len);

#endif
