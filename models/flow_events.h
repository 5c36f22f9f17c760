/*
 * flow_events.h - what happens to each case, told to an observer.
 *
 * A replication of the workflow model (flow.h) can report every event of
 * every case to an observer: a function and its context, called
 * synchronously from the simulation loop, in simulated-time order, with a
 * flow_event_t that lives only for the duration of the call.  The trace
 * command tells one citizen's story from these records, the event log
 * writes them as CSV or XES, the animation replays a day from them.
 *
 * The observer only reads: the model's random draws, its state and its
 * results are the same with and without one (tests/unit/test_flow_events.c
 * checks the KPIs bit for bit).  Without an observer each site costs one
 * predictable branch (FLOW_NOTE in flow_internal.h).
 *
 * Identity of a case.  `case_id` numbers the cases of a replication in
 * order of arrival (1, 2, ...).  `channel` and `arrival_index` say which
 * arrival stream the case came from and the how-manieth it is, counting
 * from 0: two variants of a scenario with the same services (common random
 * numbers) see the same (service, region, channel, arrival_index) arrive at
 * the same time, so this key finds "the same citizen" in a reform.  `slot`
 * is unique among the cases open at once and reused after a case
 * finishes: an observer can keep per-case state in an array indexed by it.
 *
 * Times are minutes since Monday 00:00 of week 1 (the kernel's clock).
 */
#ifndef GOVSIM_FLOW_EVENTS_H
#define GOVSIM_FLOW_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum flow_ev_kind {
    FLOW_EV_ARRIVE,       /* the case starts (counter or online)             */
    FLOW_EV_OUTAGE,       /* online channel down at arrival: counter instead  */
    FLOW_EV_CLOSED,       /* wanted a window while the hall was shut          */
    FLOW_EV_TRIP,         /* travels to a hall: `trips` is this trip's number */
    FLOW_EV_JOIN,         /* joins a line; `line` people were waiting ahead   */
    FLOW_EV_START,        /* served at a window / by an officer; `amount` =
                             work minutes (working time for officers), from
                             `begins`                                         */
    FLOW_EV_COMPLETE,     /* that service is done                             */
    FLOW_EV_DATA_SENT,    /* a data item requested over a link; `amount` =
                             its delay in minutes, `mode` how it travels     */
    FLOW_EV_FETCH_NEEDED, /* no link: the citizen must fetch `item` at the
                             owner's window (`dept`)                         */
    FLOW_EV_DATA_ARRIVED, /* every item the step waited for is there          */
    FLOW_EV_REWORK,       /* `why` the step must be done again                */
    FLOW_EV_GIVE_UP,      /* lost patience in the line: comes back another day */
    FLOW_EV_SENT_HOME,    /* still in line at closing time                    */
    FLOW_EV_RETURN,       /* comes back (after going home for any reason)     */
    FLOW_EV_FINISH,       /* the case is done                                 */
    FLOW_EV_LOST,         /* the citizen goes away for good (`why`: balked or
                             never came back after giving up)                */
    FLOW_EV_KIND_COUNT
} flow_ev_kind_t;

/* Where a service happens. */
typedef enum flow_ev_place {
    FLOW_PLACE_NONE,
    FLOW_PLACE_WINDOWS,  /* a department's front windows (res_index: dept) */
    FLOW_PLACE_OFFICERS, /* a department's back office (res_index: dept)   */
    FLOW_PLACE_HALL      /* a region's one-stop hall (res_index: region)   */
} flow_ev_place_t;

/* How a data item travels. */
typedef enum flow_ev_mode {
    FLOW_MODE_NONE,
    FLOW_MODE_API,      /* over an api link: minutes                        */
    FLOW_MODE_MANUAL,   /* paper over a manual link: days                   */
    FLOW_MODE_HUB,      /* through the data hub                             */
    FLOW_MODE_FALLBACK, /* an api link or the hub is down: manual instead   */
    FLOW_MODE_FETCH     /* no link: the citizen fetches it                  */
} flow_ev_mode_t;

/* Why a step is done again. */
typedef enum flow_ev_why {
    FLOW_WHY_NONE,
    FLOW_WHY_INCOMPLETE, /* incomplete materials: sent home to complete them */
    FLOW_WHY_OFFICER,    /* an officer's error: the work is redone          */
    FLOW_WHY_DATA,       /* a data-quality error: back to the last front step */
    FLOW_WHY_BALKED,     /* FLOW_EV_LOST: the line was longer than accepted  */
    FLOW_WHY_NEVER_BACK  /* FLOW_EV_LOST: gave up and never came back        */
} flow_ev_why_t;

typedef struct flow_event {
    flow_ev_kind_t kind;
    double time;            /* minutes since Monday 00:00 of week 1          */
    uint64_t case_id;       /* 1, 2, ... in order of arrival                 */
    uint32_t slot;          /* unique among open cases (see above)           */
    uint32_t arrival_index; /* among arrivals of (service, region, channel)  */
    uint32_t rep;           /* replication                                   */
    int service, region;
    int channel; /* 0 counter, 1 online: the stream it arrived on  */
    bool online; /* handled online (false after an outage fallback) */
    int step;    /* step of the service, or -1                     */
    int dept;    /* department of the step (data: the owner), or -1 */
    flow_ev_place_t place;
    int res_index; /* department or region of `place`, or -1        */
    int trips;     /* trips made so far                             */
    int line;      /* FLOW_EV_JOIN: waiting ahead; otherwise -1     */
    flow_ev_mode_t mode;
    int item; /* data item, or -1                              */
    flow_ev_why_t why;
    double amount; /* see the kinds above; otherwise 0             */
    double begins; /* FLOW_EV_START: when the work begins: `time` at a
                      window; for an officer the first open instant at or
                      after it (a file taken up at 17:40 is worked on from
                      the next morning); otherwise 0                   */
    bool fetch;    /* a window visit to fetch a document            */
} flow_event_t;

typedef void (*flow_observer_fn)(void *ctx, const flow_event_t *ev);

typedef struct flow_observer {
    flow_observer_fn fn; /* NULL: nobody is watching                       */
    void *ctx;
} flow_observer_t;

/* Stable lower-case names, for files and tests ("arrive", "join", ...). */
const char *flow_ev_kind_name(flow_ev_kind_t k);
const char *flow_ev_mode_name(flow_ev_mode_t m);
const char *flow_ev_why_name(flow_ev_why_t w);

#endif
