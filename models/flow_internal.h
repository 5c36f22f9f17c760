/*
 * flow_internal.h - the state of one replication of the workflow model,
 * shared by models/flow.c (events) and models/flow_kpi.c (accounting).
 * Not part of the public contract (see flow.h).
 */
#ifndef GOVSIM_FLOW_INTERNAL_H
#define GOVSIM_FLOW_INTERNAL_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>

#include "flow.h"
#include "flow_events.h"
#include "hot_assert.h"
#include "pool.h"
#include "res.h"
#include "sim.h"
#include "stats.h"

#define FLOW_MAX_DEPTS_PER_REGION 64

/* Where a task is in its step. */
typedef enum {
    TASK_DATA,    /* waiting for data over a link                      */
    TASK_FETCH,   /* citizen fetching a document at another window     */
    TASK_QUEUED,  /* in a resource's line                              */
    TASK_WORKING, /* being served                                      */
    TASK_AWAY,    /* citizen gone home, coming back                    */
    TASK_FREE     /* released to the pool (set in debug builds only)   */
} task_state_t;

typedef struct task {
    uint32_t case_id;
    int step;
    int res; /* resource index while queued or working      */
    task_state_t state;
    int fetch_left;  /* documents still to fetch (mode none)        */
    int fetch_owner; /* department of the document being fetched    */
    uint64_t ticket; /* place in the line                           */
    uint64_t renege; /* pending patience event, 0 if none           */
    double since;    /* joined the line                             */
    bool at_window;  /* this turn is a front visit (counts waits)   */
} task_t;

typedef struct flow_case {
    int service, region;
    bool online;
    int hall; /* window resource the citizen is at, -1 away:
                 another window of the same hall is the same
                 trip, another department's is a new one    */
    bool reworked;
    bool channel;           /* stream it arrived on: online (flow_events.h) */
    uint32_t arrival_index; /* among arrivals of its stream                */
    double arrived;
    int trips;
    int last_front; /* step index of the last front step, or -1    */
    int pending;    /* parallel tasks still running                */
    int join_next;  /* step after a parallel run (or SCN_DONE)      */
    int data_requests, data_manual, data_fetched;
    uint32_t serial;        /* 1, 2, ... in order of arrival (fills a hole) */
    double data_delay;      /* summed request delays, minutes              */
    double citizen_minutes; /* travel + lines + desk                       */
} flow_case_t;

/* Per-group accumulators (groups as in flow_groups()). */
typedef struct flow_acc {
    double arrivals, completed, online;
    stats_tally_t cycle_wd, cycle_cd, cycle_min, window_wait;
    stats_hist_t cycle_hist;
    double trips, one_trip, zero_trip, within, reworked;
    double trip_count[FLOW_TRIP_BINS]; /* cases by trips made (last: or more) */
    double window_visits, abandoned;
    double data_requests, data_manual, data_fetched, data_delay;
    double citizen_minutes;
    stats_timeavg_t wip;
    double open_cases;     /* current cases open in this group            */
    double open_since_sum; /* sum over open cases of max(arrival, warm-up)  */
    double window_minutes; /* finished cases' minutes inside the window    */
} flow_acc_t;

typedef struct flow_model {
    const scn_t *s;
    uint32_t rep;
    sim_t sim;
    pool_t cases, tasks;
    size_t n_res;
    res_t *res;
    int *front_res, *back_res; /* per department                          */
    const scn_link_t **link;   /* [owner * n_departments + user], or NULL  */
    double *back_work;         /* officer work minutes started after warm-up,
                                  per department                          */
    double *period_work;       /* ... and since the last rebalancing       */
    double *period_tasks;      /* tasks started since the last rebalancing */
    unsigned *new_staff;       /* rebalancing scratch, per department      */
    unsigned *front_capacity;  /* per resource, while open                 */
    double warmup, horizon;
    double minutes_per_day; /* open minutes in a working day            */
    gsl_rng **rng;          /* per stream                               */
    size_t n_rng;
    bool online_up, links_up, hub_up;
    int online_down_count; /* overlapping outages of the channel       */
    int links_down_count, hub_down_count;
    /* accounting */
    size_t n_groups;
    flow_group_t *groups;
    flow_acc_t *acc;
    uint64_t open_cases, peak_cases;
    int nomem;
    /* who watches the cases (flow_events.h), and the arrival counts that
     * name them */
    flow_observer_t obs;
    uint64_t arrived;
    uint32_t stream_arrivals[2 * FLOW_MAX_SERVICES * FLOW_MAX_REGIONS];
} flow_model_t;

/* ---- invariants of the state machine, checked by hot_assert in debug
 * and ASan builds (hot_assert.h) and compiled out otherwise.  A released
 * task or case is poisoned (state TASK_FREE, service -1) in those builds,
 * so an event for it, or a case finished twice, trips an assertion as long
 * as its slot has not been reused. */
#ifdef GOVSIM_DEBUG
#define FLOW_POISON_TASK(tk) ((tk)->state = TASK_FREE)
#define FLOW_POISON_CASE(c)  ((c)->service = -1)
#else
#define FLOW_POISON_TASK(tk) ((void)0)
#define FLOW_POISON_CASE(c)  ((void)0)
#endif

/* r names one of the model's resources. */
static inline bool flow_res_ok(const flow_model_t *m, int r) {
    return r >= 0 && (size_t)r < m->n_res;
}

/* c is an open case: a real service, no negative count of parallel tasks. */
static inline bool flow_case_open(const flow_model_t *m, const flow_case_t *c) {
    return c->service >= 0 && (size_t)c->service < m->s->n_services && c->pending >= 0 &&
           c->pending <= FLOW_MAX_STEPS;
}

/* tk is a live task of an open case, at a real step of its service. */
static inline bool flow_task_live(const flow_model_t *m, const task_t *tk, const flow_case_t *c) {
    return tk->state != TASK_FREE && flow_case_open(m, c) && tk->step >= 0 &&
           (size_t)tk->step < m->s->services[c->service].n_steps;
}

/* Tell the observer, if any, about task tk's case (flow_events.c): `ev`
 * gives the kind and the fields of that kind (line, mode, item, why,
 * amount); the rest is filled from the case, the task and resource r (-1:
 * none).  FLOW_NOTE costs one branch when nobody watches. */
void flow_note(const flow_model_t *m, const task_t *tk, int r, flow_event_t *ev);
#define FLOW_NOTE(m, tk, r, ...)                                                                   \
    do {                                                                                           \
        if ((m)->obs.fn) flow_note((m), (tk), (r), &(flow_event_t){__VA_ARGS__});                  \
    } while (0)

/* Accounting hooks (flow_kpi.c). */
int flow_acc_init(flow_model_t *m);
void flow_acc_free(flow_model_t *m);
void flow_acc_arrival(flow_model_t *m, const flow_case_t *c);
void flow_acc_window_visit(flow_model_t *m, const flow_case_t *c, double wait, bool abandoned);
void flow_acc_complete(flow_model_t *m, const flow_case_t *c);
void flow_acc_reset(flow_model_t *m);
void flow_acc_collect(flow_model_t *m, flow_result_t *out);

#endif
