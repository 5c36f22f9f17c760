/*
 * flow_internal.h - the state of one replication of the workflow model,
 * shared by models/flow.c (events) and models/flow_kpi.c (accounting).
 * Not part of the public contract (see flow.h).
 */
#ifndef GOVSIM_FLOW_INTERNAL_H
#define GOVSIM_FLOW_INTERNAL_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stddef.h>

#include "flow.h"
#include "flow_events.h"
#include "hot_assert.h"
#include "pool.h"
#include "res.h"
#include "rng.h"
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

/* One cache line (64 bytes, on a line of its own: sim/pool.h), since
 * every event of a case reads or writes its task: docs/performance.md,
 * "Compact records".  A field added here makes it two lines. */
typedef struct task {
    _Alignas(POOL_ALIGN) uint32_t case_id;
    int step;
    int res;             /* resource index while queued or working      */
    uint8_t state;       /* a task_state_t (one byte, not an enum's four) */
    bool at_window;      /* this turn is a front visit (counts waits)   */
    bool own_luck;       /* in a parallel run: work and outcome draws
                            from the slots below (flow_luck.c)          */
    bool proxied;        /* this window turn was at another region's proxy
                            window: the file then travels (flow_region.c) */
    int16_t fetch_left;  /* documents still to fetch (mode none)        */
    int16_t fetch_owner; /* department of the document being fetched    */
    uint8_t tries;       /* online submissions that timed out so far
                            (flow_platform.c)                           */
    uint8_t hub_pending; /* hub requests not answered yet (flow_hub.c) */
    bool data_timer;     /* its EV_DATA (the other requests) is pending */
    uint64_t ticket;     /* place in the line                           */
    uint64_t renege;     /* seq of the patience event while in a line,
                            0 if none (a timer whose seq the task no
                            longer holds fires and is ignored)         */
    double since;        /* joined the line                             */
    uint64_t luck_work, luck_outcome;
} task_t;
_Static_assert(sizeof(task_t) == 64, "task_t is one cache line (docs/performance.md)");
_Static_assert(SCN_MAX_NEEDS <= INT16_MAX, "task_t's fetch_left must hold a step's needs");

/* A case's own random substreams, one per purpose (flow_luck.c): the same
 * citizen meets the same luck in every variant. */
typedef enum {
    LUCK_WORK,     /* work times, at every step and visit              */
    LUCK_OUTCOME,  /* incomplete, officer error, data error, branch    */
    LUCK_DATA,     /* data request delays                              */
    LUCK_PATIENCE, /* patience at each window visit                    */
    LUCK_RETURN,   /* when the citizen comes back, time to prepare     */
    LUCK_APPT,     /* books or not, no-show, early/late (flow_appt.c)  */
    LUCK_EXTRA,    /* migrant, proactive, courier, audit (flow_region.c) */
    FLOW_LUCK_N
} flow_luck_t;

/* Three cache lines (sim/pool.h): the first holds what most events of the
 * case read or write (its service, where it is in its steps, the luck of
 * its work, outcomes, data, patience and returns; whether the case is
 * proactive), the second what only the accounting, trips (and where the
 * citizen lives), the hotline's count and appointments use, the third what
 * only the observer and promises use.  Indices that the
 * limits of flow.h bound (services, regions, steps, resources) are 16
 * bits: docs/performance.md, "Compact records". */
typedef struct flow_case {
    /* first line */
    _Alignas(POOL_ALIGN) int16_t service;
    int16_t region;
    int16_t hall;       /* window resource the citizen is at, -1 away:
                           another window of the same hall is the same
                           trip, another department's is a new one    */
    int16_t last_front; /* step index of the last front step, or -1    */
    int16_t pending;    /* parallel tasks still running                */
    int16_t join_next;  /* step after a parallel run (or SCN_DONE)      */
    bool online;
    bool reworked;
    bool channel;               /* stream it arrived on: online (flow_events.h) */
    bool proactive;             /* opened by the government: front steps skipped
                                   (read at every step: first line)     */
    double citizen_minutes;     /* travel + lines + desk                       */
    uint64_t luck[FLOW_LUCK_N]; /* substream states (sim/rng.h splitmix);
                                   all but the last two (LUCK_APPT,
                                   LUCK_EXTRA) in the first line       */
    /* second line */
    double arrived;
    double data_delay; /* summed request delays, minutes              */
    int data_requests, data_manual, data_fetched;
    uint32_t arrival_index; /* among arrivals of its stream                */
    int16_t home;           /* region the citizen lives in (travel: read at
                               every trip, with trips)                      */
    uint16_t complaints;    /* failures the hotline heard of (hotline.c)  */
    int trips;
    double trip_yuan; /* travel cost of the trips (travel.cost only)  */
    /* third line: the observer and promises only (flow_events.c,
       flow_region.c) */
    uint32_t serial; /* 1, 2, ... in order of arrival (fills a hole) */
    bool promised;   /* a document was replaced by a promise        */
    bool revoked;    /* ... and the audit revoked it: no promise now */
} flow_case_t;
/* What every scenario's events touch stays on the first two lines
 * (docs/performance.md, "Workflow model, session 4"). */
_Static_assert(offsetof(flow_case_t, proactive) < 64 && offsetof(flow_case_t, luck[4]) < 64 &&
                   offsetof(flow_case_t, trip_yuan) + sizeof(double) <= 128 &&
                   offsetof(flow_case_t, home) >= 64 && offsetof(flow_case_t, serial) >= 128,
               "flow_case_t's lines as docs/performance.md describes them");
/* The 16-bit fields hold every value flow_check admits: resources (2 per
 * department, 1 per region's hall), steps, services, regions. */
_Static_assert(2 * FLOW_MAX_DEPTS_PER_REGION * FLOW_MAX_REGIONS + FLOW_MAX_REGIONS <= INT16_MAX &&
                   FLOW_MAX_STEPS <= INT16_MAX && FLOW_MAX_SERVICES <= INT16_MAX,
               "flow_case_t's 16-bit indices must hold the limits of flow.h");

/* Why a case was lost (it ends unfinished). */
typedef enum { FLOW_LOST_BALKED, FLOW_LOST_ABANDONED } flow_lost_t;

/* Per-department figures of the measured period (flow_kpi.c reads them). */
typedef struct flow_dept_acc {
    double back_wait;  /* summed minutes waited for an officer         */
    double back_tasks; /* back-office tasks started                    */
} flow_dept_acc_t;

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
    double lost[2];        /* cases lost, by flow_lost_t                   */
    double no_show;        /* booked slots never honoured                  */
    double trip_yuan;      /* finished cases' travel cost (travel.cost)   */
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
    uint64_t *luck_seq; /* arrivals so far per arrival stream (flow_luck.c) */
    uint64_t luck_base; /* rng_substream_base of the seed and replication */
    wcal_memo_t cal;    /* the calendar's current opening (sim/wcal.h)  */
    uint64_t stale;     /* patience events of citizens served before them */
    double day_end;     /* the hall's next closing that sends the lines
                           home (on_close), once known; 0 before       */
    bool online_up, links_up, hub_up;
    int online_down_count; /* overlapping outages of the channel       */
    int links_down_count, hub_down_count;
    /* accounting */
    size_t n_groups;
    flow_group_t *groups;
    flow_acc_t *acc;
    uint64_t open_cases, peak_cases;
    int nomem;
    flow_dept_acc_t *dept_acc; /* per department                         */
    double *line_max;          /* per resource: longest line measured     */
    double *hour_acc;          /* per resource x hour: FLOW_HA_* sums     */
    double *phase_min;         /* per service x department x phase        */
    size_t *front_list;        /* the window resources, n_front of them   */
    size_t n_front;
    struct demand *demand; /* arrival profiles (models/demand.h), NULL:
                              every service has flat demand           */
    /* who watches the cases (flow_events.h), and the arrival counts that
     * name them */
    flow_observer_t obs;
    uint64_t arrived;
    struct flow_appt *appt; /* slots booked (flow_appt.c), NULL: none   */

    /* breaches (flow_breach.c) and the online platform's servers
     * (flow_platform.c); NULL: none, unlimited */
    struct flow_breach *breach;
    struct flow_servers *platform;
    struct flow_hub *hub;         /* the data hub's servers (flow_hub.c) */
    struct flow_hotline *hotline; /* the 12345 hotline (hotline.c), NULL: none */

    /* with service days (flow_service.c): the hall minutes that carry one
     * working day's flat counter demand; minutes_per_day without */
    double hall_minutes_per_day;
} flow_model_t;

typedef struct flow_hotline flow_hotline_t;

/* Sums kept per resource and hour of the day (flow_hourly.c). */
enum {
    FLOW_HA_SAMPLES,
    FLOW_HA_LINE,
    FLOW_HA_BUSY,
    FLOW_HA_ARRIVALS,
    FLOW_HA_WAIT,
    FLOW_HA_SERVED,
    FLOW_HA_COUNT
};

/* A day in the hall and where the time goes (flow_hourly.c). */
int flow_hourly_init(flow_model_t *m);
void flow_hourly_free(flow_model_t *m);
void flow_hourly_reset(flow_model_t *m);
/* Every FLOW_SAMPLE_MINUTES: the lines and busy windows while open. */
void flow_hourly_sample(flow_model_t *m);
/* A citizen arrives at window resource r. */
void flow_hourly_arrival(flow_model_t *m, int r);
/* A citizen who joined window resource r at `since` is served now. */
void flow_hourly_served(flow_model_t *m, int r, double since);
/* A task of case c at step k spent `minutes` in phase p (counted when
 * measured: now after the warm-up).  Inline: on every task's path. */
static inline void flow_phase_add(flow_model_t *m, const flow_case_t *c, int k, flow_phase_t p,
                                  double minutes) {
    if (m->sim.now < m->warmup || !(minutes > 0) || !(minutes < WCAL_FAR)) return;
    size_t d = (size_t)m->s->services[c->service].steps[k].dept;
    m->phase_min[((size_t)c->service * m->s->n_departments + d) * FLOW_P_COUNT + p] += minutes;
}
void flow_hourly_collect(flow_model_t *m, flow_result_t *out);

/* ---- service days (flow_service.c, sim/wcal.h) */

/* Hall minutes (working and service hours, the latter weighted by their
 * relative demand: wcal_demand_time) that carry one working day's flat
 * counter demand over a run of [0, horizon], so that opening on service
 * days spreads the demand without changing its total: the working day's
 * open minutes times (demand minutes / working minutes of the run);
 * minutes_per_day itself without service days. */
double flow_hall_minutes_per_day(const scn_t *s, double horizon, double minutes_per_day);

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

/* Each case's substreams (flow_luck.c).  flow_luck_setup allocates the
 * arrival counters (-1 when out of memory); flow_luck_init gives the case
 * that has just arrived on arrival stream `source` (its service, region
 * and channel) the luck of the n-th arrival of that stream. */
int flow_luck_setup(flow_model_t *m);
void flow_luck_free(flow_model_t *m);
void flow_luck_init(flow_model_t *m, flow_case_t *c, unsigned source);
/* (It also sets c->arrival_index: the citizen's place in the stream, the
 * identity the observer reports and the trace matches across variants.) */

/* A work time for task tk of case c drawn from distribution d: each work
 * time takes the next slot of the case's work substream (or the task's
 * own slot in a parallel run), however many numbers the distribution
 * uses, so later work times keep their slots. */
double flow_luck_work(flow_case_t *c, task_t *tk, const dist_t *d);

/* The three outcome numbers of a completion (incomplete, officer error,
 * data error) of task tk of case c, drawn whether or not they are used. */
void flow_luck_outcomes(flow_case_t *c, task_t *tk, double u[3]);

/* A slot of case c's data substream: one per data request of a step. */
static inline uint64_t flow_luck_data_slot(flow_case_t *c) {
    return rng_splitmix_next(&c->luck[LUCK_DATA]);
}

/* A parallel run of n steps of case c: task tk, which works the run's
 * step number `offset` (0 .. n-1), gets the work and outcome slots that
 * step would have had if the run were worked in sequence; flow_luck_run_end
 * then moves the case's substreams past the run.  So the same citizen
 * meets the same luck at each step with or without parallel approval. */
void flow_luck_run_task(const flow_case_t *c, task_t *tk, int offset);
void flow_luck_run_end(flow_case_t *c, int n);

/* A GSL view of case c's substream for `purpose`. */
static inline gsl_rng flow_luck(flow_case_t *c, flow_luck_t purpose) {
    return rng_substream(&c->luck[purpose]);
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

/* Appointments (flow_appt.c, docs/model.md).  flow_appt_setup returns -1
 * when out of memory (m->appt stays NULL when no service books).
 * flow_appt_take: a counter citizen of arrival stream `code` (`who`: their
 * luck and place in the stream, flow_luck_init) has just come by the arrival profile; returns false
 * when they walk in now, true when they booked a slot (an arrival of kind `ev_type` is scheduled,
 * its entity naming the booking) or booked and will not show (counted).  flow_appt_arrive gives
 * back the booking's stream, luck and place in the stream, and forgets it. */
int flow_appt_setup(flow_model_t *m);
void flow_appt_free(flow_model_t *m);
bool flow_appt_take(flow_model_t *m, int code, const flow_case_t *who, int ev_type);
void flow_appt_arrive(flow_model_t *m, uint32_t booking, int *code, flow_case_t *who);

/* Across regions and institutional levers (flow_region.c, docs/model.md).
 * flow_region_admit: where the citizen of a new case lives and whether
 * the government opened the case (draws from LUCK_EXTRA, always three, so
 * one share changing leaves the other draws alone).  flow_region_trip: a
 * trip of case c to window resource r: adds its cost to c->trip_yuan,
 * returns its minutes.  flow_region_window: the window resource for case
 * c's turn at step st (proxy acceptance may name another region's),
 * setting tk->proxied.  flow_region_courier: minutes for a proxied file to
 * reach the owner.  flow_region_audit: a promised case is finishing: 0 it
 * passes, 1 it is revoked and applies again, 2 revoked and given up. */
void flow_region_admit(flow_model_t *m, flow_case_t *c);
double flow_region_trip(const flow_model_t *m, flow_case_t *c, int r);
int flow_region_window(const flow_model_t *m, const flow_case_t *c, task_t *tk,
                       const scn_step_t *st);
double flow_region_courier(flow_case_t *c, const scn_t *s);
int flow_region_audit(const flow_model_t *m, flow_case_t *c);

/* Serve whoever is next at resource r while servers are free (flow.c):
 * cases' tasks, and appeals (hotline.c) in a back-office line. */
void flow_grant_waiting(flow_model_t *m, int r);

/* Accounting hooks (flow_kpi.c). */
/* A booked citizen of service sv, region rg did not come. */
void flow_acc_no_show(flow_model_t *m, int sv, int rg);
int flow_acc_init(flow_model_t *m);
void flow_acc_free(flow_model_t *m);
void flow_acc_arrival(flow_model_t *m, const flow_case_t *c);
void flow_acc_window_visit(flow_model_t *m, const flow_case_t *c, double wait, bool abandoned);
/* Case c completes now, after wd working days (flow.c computes them once
 * for the hotline and for this). */
void flow_acc_complete(flow_model_t *m, const flow_case_t *c, double wd);
/* The case leaves unfinished (a balk also counts as a window visit). */
void flow_acc_lost(flow_model_t *m, const flow_case_t *c, flow_lost_t why);
void flow_acc_reset(flow_model_t *m);
void flow_acc_collect(flow_model_t *m, flow_result_t *out);

/* ---- breaches and servers (flow_breach.c, flow_platform.c) ---------- */

/* Streams of the breach processes: the top of rng.h's range, clear of
 * flow.c's (checked there). */
#define FLOW_STREAM_BREACH (RNG_MAX_STREAMS - SCN_MAX_BREACHES)

/* What flow.c lends the modules that live beside it: an event at t (not
 * beyond the run), the first step of task t's case, and one more (+1) or
 * one fewer (-1) outage of a target (the model's up/down flags). */
void flow_schedule(flow_model_t *m, double t, uint32_t type, uint32_t entity, uint64_t data);
void flow_begin_case(flow_model_t *m, uint32_t t);
void flow_outage_toggle(flow_model_t *m, scn_incident_target_t target, int delta);

/* A number in [0, 1) that belongs to case c and `purpose` (any constant)
 * without drawing from its substreams: the same citizen gets the same
 * number in every variant, and nothing else the citizen meets moves. */
static inline double flow_case_u(const flow_case_t *c, uint64_t purpose) {
    uint64_t z = c->luck[LUCK_PATIENCE] ^ (purpose * 0xD1B54A32D192ED03ull);
    return (double)(rng_splitmix_next(&z) >> 11) * 0x1.0p-53;
}

/* Breaches (flow_breach.c): set up the processes (0, or -1 when out of
 * memory; m->breach stays NULL without any) and their first events of
 * kind `ev_type`; does the online citizen c go to the counter because a
 * breach made people wary; collect the KPIs into group "all". */
int flow_breach_setup(flow_model_t *m, uint32_t ev_type);
void flow_breach_free(flow_model_t *m);
bool flow_breach_dip(const flow_model_t *m, const flow_case_t *c);
void flow_breach_collect(const flow_model_t *m, double *all);

/* The platform's and the hub's servers (flow_platform.c): set up (0, or -1
 * when out of memory; NULL pointers when unlimited), with events of kind
 * `ev_type`.  flow_platform_submit: task t of an online case that has just
 * arrived sends its submission (its first step begins once answered, or at
 * the counter after a timeout). */
int flow_platform_setup(flow_model_t *m, uint32_t ev_type);
void flow_platform_free(flow_model_t *m);
void flow_platform_submit(flow_model_t *m, uint32_t t);
void flow_platform_collect(const flow_model_t *m, double *all);

/* The data hub's servers (flow_hub.c): set up (0, or -1 when out of
 * memory; m->hub stays NULL without the hub lever or with unlimited
 * servers).  flow_hub_request: task t asks the hub for one item, drawing
 * its response from `luck` (the request's data slot); when its last hub
 * request and its other requests are answered, flow.c's flow_data_ready
 * lets the task go on. */
int flow_hub_setup(flow_model_t *m, uint32_t ev_type);
void flow_hub_free(flow_model_t *m);
void flow_hub_request(flow_model_t *m, uint32_t t, gsl_rng *luck);
void flow_hub_collect(const flow_model_t *m, double *all);
void flow_data_ready(flow_model_t *m, uint32_t t);

#endif
