/*
 * hotline.h - the 12345 hotline inside one replication of the workflow
 * model (models/flow.c): calls, operators, appeals, callbacks, ratings.
 * Internal to models/ (the scenario side is scn_hotline.h; the model is
 * described in docs/model.md, "The hotline").
 *
 * A call centre of operators (a res_t of its own, capacity from the
 * hotline's roster within its hours) answers calls in order of arrival;
 * a caller hangs up after an exponential patience (M/M/c+M when talk times
 * are exponential and calls Poisson).  Own calls follow the hotline's
 * arrival profile; a service failure (hotline_failure) makes the citizen
 * call with the trigger's probability.  An answered triggered call, and an
 * answered own call with probability appeal_share, becomes an appeal: it
 * queues for an officer of its department's back office (the same res_t
 * the cases use, its entity marked HOTLINE_APPEAL_BIT), its work runs in
 * office hours, and when it is done the citizen gets a callback and rates
 * it (bad with bad_rating_within in time, bad_rating_over when late).
 *
 * Random numbers: own calls arrive on a stream of their own
 * (HOTLINE_STREAM_BASE); each call (and its appeal) draws from a substream
 * of its own key: the n-th own call's, or the complaining case's (see
 * hotline_failure).  The cases' own substreams are never touched, so their
 * numbers are the same with or without a hotline; without a `hotline`
 * block none of this runs.
 */
#ifndef GOVSIM_HOTLINE_H
#define GOVSIM_HOTLINE_H

#include <stdint.h>

#include "flow_internal.h"

/* Event types (flow.c's are below; sim.h allows 32). */
#define HOTLINE_EV_BASE 24
#define HOTLINE_EV_N    5
/* Stream ids (flow.c's end below 3400; rng.h allows 4096). */
#define HOTLINE_STREAM_BASE 4064
/* A back-office line entity that is an appeal, not a task. */
#define HOTLINE_APPEAL_BIT 0x80000000u

/* Check what a run of this hotline would hold (calls per replication).
 * Returns 0, or -1 with a message. */
int hotline_check(const scn_t *s, char *err, size_t errlen);

/* Build m->hotline (NULL without a hotline) and register its events;
 * -1 when out of memory.  hotline_start schedules the first events. */
int hotline_setup(flow_model_t *m);
void hotline_start(flow_model_t *m);
void hotline_free(flow_model_t *m);

/* A service failure of kind `why` of case c at department `dept` (-1:
 * unknown): the citizen may call.  Whether they do, and everything their
 * call and appeal meet, comes from a substream of the case's own key (the
 * n-th failure of the n-th citizen of a stream: the same person in every
 * variant), so a reform changes who complains only through the failures. */
void hotline_failure(flow_model_t *m, scn_hl_trigger_t why, int dept, flow_case_t *c);

/* An officer has just taken appeal `entity` (with HOTLINE_APPEAL_BIT) from
 * a back-office line. */
void hotline_start_appeal(flow_model_t *m, uint32_t entity);

/* End of the warm-up: counts start again. */
void hotline_reset(flow_model_t *m);

/* The hotline's KPIs into k (the group "all" row of the results). */
void hotline_collect(const flow_model_t *m, double *k);

#endif
