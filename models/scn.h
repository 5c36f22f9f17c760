/*
 * scn.h - a scenario: a city or province's government services, as data.
 *
 * This is the in-memory form of a scenario file (docs/scenario-format.md).
 * scn_load() reads a libconfig file, validates every setting (types, ranges,
 * references between departments, data items and steps, probabilities that
 * sum to 1, workflows from which a case can finish, offered load against
 * capacity) and builds this plain structure, with every name resolved to an
 * index.  Nothing downstream parses strings or looks names up: the model
 * (models/flow.h) runs on indices.
 *
 * Errors name the file, the line and the setting, in one line:
 *     scenarios/x.cfg:42: services[1].steps[2].at: unknown department 'taxx'
 *         (known: market, tax, police)
 * and the loader stops at the first error (exit code 2 at the CLI).
 * Warnings (e.g. an unstable department) go to a caller-supplied buffer
 * list and do not stop the load.
 *
 * Time units: durations in the file are minutes unless the setting's name
 * says otherwise (`_days`, `_hours`, `per_day`, `per_year`).
 */
#ifndef GOVSIM_SCN_H
#define GOVSIM_SCN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dist.h"
#include "roster.h"
#include "scn_appt.h"
#include "scn_inst.h"
#include "scn_travel.h"
#include "scn_breach.h"
#include "scn_platform.h"
#include "scn_hotline.h"
#include "wcal.h"

#define SCN_ID_MAX       48
#define SCN_NAME_MAX     128
#define SCN_TEXT_MAX     1024
#define SCN_MAX_NEXT     8 /* branches after a step                 */
#define SCN_MAX_NEEDS    8 /* data items a step needs               */
#define SCN_MAX_WARNINGS 32
#define SCN_DONE         (-1) /* `next` target: the case is finished    */
#define SCN_FETCH_WORK_MINUTES                                                                     \
    10.0 /* window work to issue a document the                                                    \
            citizen must fetch (no data link):                                                     \
            an assumption, docs/model.md      */

typedef enum { SCN_LINK_NONE, SCN_LINK_MANUAL, SCN_LINK_API } scn_link_mode_t;
typedef enum { SCN_INC_ONLINE, SCN_INC_LINKS, SCN_INC_HUB } scn_incident_target_t;

typedef struct scn_region {
    char id[SCN_ID_MAX];
    char name[SCN_NAME_MAX];
    char name_zh[SCN_NAME_MAX]; /* Chinese name, "" if none (ids stay ASCII) */
    double demand_scale;        /* multiplies every service's demand here   */
    double online_scale;        /* multiplies online share here (capped 1)  */
    double digital_excluded;    /* share of citizens who cannot go online   */
    double hall_util;           /* offered load of its one-stop hall (see
                                   scn_hall_load)                           */
} scn_region_t;

typedef struct scn_department {
    char id[SCN_ID_MAX];
    char name[SCN_NAME_MAX];
    char name_zh[SCN_NAME_MAX]; /* Chinese name, "" if none (ids stay ASCII) */
    int region;                 /* index into regions                       */
    int staff;                  /* back-office officers                     */
    int windows;                /* front counters (each staffed)            */
    double skill;               /* work-time multiplier (1 = reference,
                                   < 1 faster)                              */
    double error_rate;          /* chance a back-office step must be redone */
    int line;                   /* line in the file (for messages)          */
    double front_util;          /* offered load / capacity of its windows   */
    double back_util;           /* ... and of its back-office staff (see
                                   scn_offered_load)                        */
    roster_t roster;            /* windows and staff by day type and time
                                   block (models/roster.h); none: fixed     */
} scn_department_t;

typedef struct scn_data_item {
    char id[SCN_ID_MAX];
    int owner; /* department index                         */
    /* notification-commitment: the applicant's promise replaces this
     * document (no request, no fetch) */
    bool commitment;
} scn_data_item_t;

typedef struct scn_link {
    int from, to; /* department indices (from owns the data)  */
    scn_link_mode_t mode;
    dist_t delay; /* minutes, for manual and api              */
    /* legal_basis = false: no data may pass between the two (link or
     * hub) until a law allows it: the citizen fetches */
    bool no_legal_basis;
} scn_link_t;

typedef struct scn_branch {
    int target; /* step index, or SCN_DONE                  */
    double prob;
} scn_branch_t;

typedef struct scn_step {
    char id[SCN_ID_MAX];
    int dept;          /* where it happens                         */
    dist_t work;       /* minutes of work (before skill)           */
    bool front;        /* citizen present at a window: a trip      */
    bool in_person;    /* front even for online cases              */
    double incomplete; /* chance materials are incomplete: the
                          citizen is sent home, comes back (front
                          steps only)                              */
    double data_error; /* chance a data-quality error sends the
                          case back to the previous front step     */
    bool parallel;     /* may run alongside the next parallel steps
                          (parallel approval reform)              */
    size_t n_needs;
    int needs[SCN_MAX_NEEDS]; /* data item indices                        */
    size_t n_next;            /* 0: go on to the next step in the list    */
    scn_branch_t next[SCN_MAX_NEXT];
    double visits; /* expected visits per case, rework included
                      (traffic equations; 0: never reached)    */
} scn_step_t;

/* Arrival profiles (models/scn_profile.c reads them, models/demand.h turns
 * them into arrival rates; docs/model.md says how they are normalised). */
#define SCN_HOUR_SLOTS 96 /* quarter hours of a day                    */
#define SCN_MAX_SURGES 64 /* named surge periods per profile           */

typedef struct scn_surge {
    char name[SCN_ID_MAX];
    long from, to; /* day numbers (day 0 = first day), inclusive */
    double factor; /* demand multiplier on those days (> 0)      */
} scn_surge_t;

typedef struct scn_profile {
    double hour[SCN_HOUR_SLOTS]; /* relative demand per quarter hour of a
                                    day (counter cases; all 1 if not given) */
    double weekday[7];           /* [0] = Monday; all 1 if not given        */
    double month[12];            /* [0] = January; all 1 if not given       */
    size_t n_surges;
    scn_surge_t surges[SCN_MAX_SURGES]; /* factors multiply where they overlap */
} scn_profile_t;

typedef struct scn_service {
    char id[SCN_ID_MAX];
    char name[SCN_NAME_MAX];
    char name_zh[SCN_NAME_MAX]; /* Chinese name, "" if none (ids stay ASCII) */
    double per_day;             /* cases per working day, whole scenario    */
    double *region_share;       /* n_regions shares summing to 1            */
    double online_share;        /* share of cases started online            */
    double limit_days;          /* statutory time limit (working days)      */
    double patience_mean;       /* minutes a citizen waits in a window line
                                   before leaving (0: never leaves)         */
    double never_return;        /* share of those whose patience runs out who
                                   never come back: the case is lost        */
    bool balks;                 /* `balk` given: citizens may refuse a line */
    dist_t balk;                /* citizens waiting in the line that a
                                   citizen still joins: one who finds more
                                   goes away (the case is lost)             */
    size_t n_steps;
    scn_step_t *steps;
    size_t n_profiles; /* arrival profiles (0: flat demand)         */
    scn_profile_t *profiles;
    int *region_profile; /* [n_regions] index into profiles, -1: flat;
                            NULL when n_profiles is 0                 */
    scn_appt_t appt;     /* appointments (appt.on false: none)       */
    /* share of cases the government opens itself (免申即享): no front
     * step, no trip */
    double proactive_share;
} scn_service_t;

typedef struct scn_incident {
    scn_incident_target_t target;
    double mtbf_days; /* mean time between failures (exp)        */
    dist_t repair;    /* minutes down                            */
} scn_incident_t;

typedef struct scn_levers {
    bool one_stop;            /* front steps pooled in one hall          */
    double one_stop_slowdown; /* generalist work-time multiplier (>= 1)  */
    int one_stop_windows;     /* windows in the pooled hall per region
                                 (0: sum of the departments' windows)     */
    bool data_hub;            /* every department linked api via a hub   */
    dist_t hub_delay;         /* minutes per request through the hub     */
    bool parallel_approval;   /* consecutive `parallel` steps run at once */
    int rebalance_days;       /* move staff to the longest queues every N
                                 working days (0: off)                    */
    double security;          /* 1 = baseline; divides incident rate and
                                 repair time                              */
    double rebalance_hours;   /* ... or every this many open hours, within
                                 the day too (0: off; wins over days)     */
} scn_levers_t;

typedef struct scn_costs {
    double staff_year;    /* yuan per officer per year                */
    double window_year;   /* yuan per window per year                 */
    double platform_year; /* online platform, yuan per year           */
    double hub_year;      /* data hub, yuan per year (if on)          */
    double citizen_hour;  /* value of a citizen's hour, yuan          */
    double trip_cost;     /* a citizen's cost per trip, yuan          */
} scn_costs_t;

typedef struct scn {
    char path[SCN_TEXT_MAX]; /* file it came from                        */
    char id[SCN_ID_MAX];
    char name[SCN_NAME_MAX];
    char name_zh[SCN_NAME_MAX]; /* Chinese name, "" if none (ids stay ASCII) */
    char description[SCN_TEXT_MAX];
    char description_zh[SCN_TEXT_MAX]; /* Chinese description, "" if none */
    int days;                          /* simulated calendar days after warm-up    */
    int warmup_days;
    int replications;
    uint64_t seed;
    wcal_t calendar;      /* office hours of halls and back offices   */
    double online_uptime; /* long-run share of time online is up      */
    size_t n_regions;
    scn_region_t *regions;
    size_t n_departments;
    scn_department_t *departments;
    size_t n_items;
    scn_data_item_t *items;
    size_t n_links;
    scn_link_t *links;
    size_t n_services;
    scn_service_t *services;
    size_t n_incidents;
    scn_incident_t *incidents;
    scn_levers_t levers;
    scn_costs_t costs;
    size_t n_warnings;
    char warnings[SCN_MAX_WARNINGS][256];
    bool dated;      /* calendar.start_date given                 */
    long start_date; /* its day number (base/date.h): day 0       */
    /* trips between regions, migrants, proxy acceptance (scn_travel.h) */
    scn_travel_t travel;
    /* audits of promised cases, 告知承诺 (scn_inst.h) */
    scn_commit_t commitment;

    /* breaches and the platform's servers (scn_breach.h, scn_platform.h) */
    size_t n_breaches;
    scn_breach_t *breaches;
    scn_servers_t platform;    /* online submissions (servers 0: unlimited) */
    scn_servers_t hub_servers; /* data hub's requests (servers 0: unlimited) */
    scn_hotline_t hotline;     /* the 12345 hotline (hotline.on false: none) */
} scn_t;

/* Load and validate `path`.  Returns 0 and fills *s, or -1 with a one-line
 * message "file:line: setting: what is wrong (what was expected)" in err.
 * On error *s is left empty (safe to scn_free). */
int scn_load(scn_t *s, const char *path, char *err, size_t errlen);

/* Build from a parsed libconfig tree (reforms patch the tree first, then
 * build; see issue "reforms as patches").  `path` is used in messages and
 * to resolve empirical(...) files relative to the scenario.  Same contract
 * as scn_load. */
struct config_t;
int scn_from_config(scn_t *s, const struct config_t *cfg, const char *path, char *err,
                    size_t errlen);

void scn_free(scn_t *s);

/* Index of a department / item / service / region by id, or -1. */
int scn_find_department(const scn_t *s, const char *id);
int scn_find_item(const scn_t *s, const char *id);
int scn_find_service(const scn_t *s, const char *id);
int scn_find_region(const scn_t *s, const char *id);

/* The link carrying data from department `owner` to `user`, or NULL (no
 * link: the citizen must fetch it). */
const scn_link_t *scn_find_link(const scn_t *s, int owner, int user);

/* Offered load, computed when the scenario is loaded: the work a working
 * day brings to department `dept` over what it can do in a working day
 * (servers x open minutes of the calendar).  *front_util is for its windows,
 * *back_util for its back-office staff; >= 1 means queues grow without bound
 * (the loader then adds a warning); INFINITY when there is work and no
 * server.  Work = sum over the services' steps at the department of
 * per_day x expected visits per case (the routing's traffic equations, with
 * incomplete materials, officers' errors and data errors as rework) x mean
 * work x skill.  A front step's work goes to the windows for counter cases
 * and in_person steps, to the back office for online cases (online share
 * from the regions' online_scale and digital_excluded, times online_uptime).
 * Not counted: documents citizens fetch at owners' windows, and outages
 * beyond online_uptime.  Either pointer may be NULL. */
void scn_offered_load(const scn_t *s, int dept, double *front_util, double *back_util);

/* The offered load of region `region`'s one-stop hall if the one-stop lever
 * pools the front work of its departments (slowed by one_stop_slowdown)
 * into one_stop_windows windows (0: the sum of their windows).  Computed
 * whether or not the lever is on; the loader warns about it instead of the
 * departments' windows when it is. */
double scn_hall_load(const scn_t *s, int region);

#endif
