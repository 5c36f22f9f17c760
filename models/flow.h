/*
 * flow.h - the government workflow model: cases through departments.
 *
 * One replication of a scenario (models/scn.h) on the kernel (sim/).  A case
 * (a citizen's or enterprise's matter) arrives for a service in a region,
 * online or at the counter, and walks the service's steps:
 *
 *   - data needs first: each item owned by another department comes over
 *     the link (api: minutes, manual: days), or, with no link, the citizen
 *     fetches it at the owner's window (a trip and a turn in that line);
 *     with the data-hub lever every request goes through the hub (api),
 *     falling back to manual while the hub or the links are down;
 *   - a front step for a counter case (or an in_person step for anyone) is
 *     served at a window: the citizen travels (a trip, unless already at
 *     that hall: each department's windows are a place of their own unless
 *     the one-stop lever pools them), queues, may give up after their
 *     patience (and come back another working day: another trip), and is
 *     sent home at closing time if still waiting (another trip);
 *     with the one-stop lever all front steps of a region share one hall of
 *     generalist windows, slower by one_stop_slowdown;
 *   - a front step for an online case is reviewed remotely by back-office
 *     staff; a back-office step waits for an officer and its work runs in
 *     office hours only (wcal_add_working_time);
 *   - incomplete materials send the citizen home to come back (counter: a
 *     trip; online: a resubmission); an officer's error redoes the step; a
 *     data-quality error sends the case back to its last front step;
 *   - then the case branches (`next`), loops, or finishes; with the
 *     parallel-approval lever a run of consecutive `parallel` steps is
 *     worked at once and joined.
 *
 * Online arrivals fall back to the counter while the online channel is
 * down (its uptime and the incidents).  Demand-responsive rebalancing moves
 * back-office staff within a region toward the longest queues every N
 * working days.
 *
 * Common random numbers: arrivals come from a stream per service, region
 * and channel, and outages from one per process; everything a case meets
 * (work, outcomes, data delays, patience, returns) from the case's own
 * substreams, seeded from its place in its arrival stream, so the same
 * citizen meets the same luck in every variant (docs/model.md).
 *
 * KPIs are measured on cases that finish after the warm-up, per group:
 * all cases, each service, each region; utilization per department.
 */
#ifndef GOVSIM_FLOW_H
#define GOVSIM_FLOW_H

#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "flow_events.h"
#include "scn.h"

/* Limits that keep stream ids unique (sim/rng.h allows 4096 streams). */
#define FLOW_MAX_SERVICES 32
#define FLOW_MAX_REGIONS  16
#define FLOW_MAX_STEPS    24
/* An incident's mean time between failures, times the security lever, in
 * days: shorter cycles would only burn events (a vanishing one never lets
 * time advance), longer ones overflow the clock.  The scenario loader
 * keeps mtbf_days within 0.001..1e9 and security within 0.1..10. */
#define FLOW_MIN_MTBF_DAYS 1e-4
#define FLOW_MAX_MTBF_DAYS 1e10

typedef enum {
    FLOW_K_COMPLETED,  /* cases finished after warm-up                 */
    FLOW_K_THROUGHPUT, /* cases finished per calendar day              */
    FLOW_K_CYCLE_WD,   /* mean cycle time, working days                */
    FLOW_K_CYCLE_P50_WD,
    FLOW_K_CYCLE_P90_WD,
    FLOW_K_CYCLE_P95_WD,
    FLOW_K_CYCLE_CD,          /* mean cycle time, calendar days               */
    FLOW_K_WINDOW_WAIT,       /* mean wait in a window line, minutes          */
    FLOW_K_TRIPS,             /* trips per case                               */
    FLOW_K_ONE_TRIP,          /* share of cases with at most one trip         */
    FLOW_K_ZERO_TRIP,         /* share with no trip at all                    */
    FLOW_K_WITHIN_LIMIT,      /* share finished within the statutory limit    */
    FLOW_K_ABANDON,           /* share of window visits given up              */
    FLOW_K_REWORK,            /* share of cases with any rework or return     */
    FLOW_K_DATA_REQUESTS,     /* data requests per case                       */
    FLOW_K_DATA_DELAY,        /* mean data request delay, minutes             */
    FLOW_K_DATA_MANUAL,       /* share of data requests handled manually      */
    FLOW_K_DATA_FETCHED,      /* share of data the citizen had to fetch       */
    FLOW_K_ONLINE,            /* share of cases handled online                */
    FLOW_K_CITIZEN_HOURS,     /* citizen hours per case (travel, lines, desk) */
    FLOW_K_WIP,               /* time-averaged cases in the system            */
    FLOW_K_WIP_CASES,         /* the same from each case's time in the window
                                 (Little's law on the window: equal to WIP)  */
    FLOW_K_CYCLE_MIN,         /* mean cycle time, calendar minutes (Little)   */
    FLOW_K_ARRIVAL_RATE,      /* cases arriving per calendar day              */
    FLOW_K_BACKLOG,           /* cases still open at the end                  */
    FLOW_K_FRONT_UTIL,        /* window utilization (department groups)       */
    FLOW_K_BACK_UTIL,         /* officer utilization (department groups)      */
    FLOW_K_COST_YEAR,         /* government cost per year, yuan (all)         */
    FLOW_K_CITIZEN_COST_YEAR, /* citizens' time and trips per year, yuan      */
    FLOW_K_COST_PER_CASE,     /* (government + citizen) cost per case, yuan   */
    FLOW_K_SATISFACTION,      /* index 0-100, see docs/model.md               */
    FLOW_K_REGION_GAP,        /* max/min of regions' mean cycle time (all)    */
    FLOW_K_LOST_BALKED,       /* cases lost: the line was too long, per day   */
    FLOW_K_LOST_ABANDONED,    /* cases lost: gave up, never came back, per day */
    FLOW_K_WINDOW_WAIT_P90,   /* p90 wait at the department's windows, min    */
    FLOW_K_LINE_LENGTH,       /* citizens in its window line, time-averaged
                                 over opening hours (department groups)     */
    FLOW_K_LINE_MAX,          /* longest window line (department groups)      */
    FLOW_K_BACK_WAIT,         /* mean wait for an officer, calendar minutes   */
    FLOW_K_WINDOW_SERVED,     /* window turns served per calendar day         */
    FLOW_K_BACK_SERVED,       /* back-office tasks started per calendar day   */
    FLOW_K_NO_SHOW,           /* booked slots not honoured, per calendar day  */
    FLOW_K_BREACHES,          /* breaches per year (all)                      */
    FLOW_K_SHARING_SUSPENDED, /* days a year links or hub suspended by breaches (all) */
    FLOW_K_BREACH_COST,       /* breaches' cost per year, yuan (all)          */
    FLOW_K_PLATFORM_LATENCY,  /* mean wait + response of an online submission,
                                 seconds (all; NaN: unlimited servers)      */
    FLOW_K_PLATFORM_P95,      /* its 95th percentile, seconds (all)           */
    FLOW_K_PLATFORM_TIMEOUTS, /* share of submissions that timed out (all)    */
    FLOW_K_HUB_P95,           /* p95 of a hub request's wait + response, seconds
                                 (all; NaN: no hub or unlimited servers)    */
    FLOW_K_HUB_TIMEOUTS,      /* share of hub requests that timed out (all)   */
    /* the hotline (models/hotline.h; all cases only, rows only with one) */
    FLOW_K_CALLS_ANSWERED,   /* hotline calls answered per calendar day       */
    FLOW_K_CALLS_15S,        /* share of calls answered within 15 seconds     */
    FLOW_K_CALLS_ABANDONED,  /* share of calls whose caller hung up           */
    FLOW_K_CALL_WAIT,        /* mean wait of answered calls, minutes          */
    FLOW_K_CALLS_WAITED,     /* share of calls that found every operator busy */
    FLOW_K_APPEALS_WITHIN,   /* share of appeals resolved within their limit  */
    FLOW_K_APPEALS_PER_1000, /* appeals per 1,000 cases arriving             */
    FLOW_K_BAD_RATING,       /* share of rated appeals rated bad              */
    FLOW_K_COUNT
} flow_kpi_t;

/* Name (as in summary.csv) and unit of each KPI. */
const char *flow_kpi_name(flow_kpi_t k);
const char *flow_kpi_unit(flow_kpi_t k);

typedef enum {
    FLOW_G_ALL,
    FLOW_G_SERVICE,
    FLOW_G_REGION,
    FLOW_G_DEPARTMENT,
    FLOW_G_HALL /* a region's one-stop hall (the one_stop lever): its windows */
} flow_group_kind_t;

typedef struct flow_group {
    flow_group_kind_t kind;
    int index; /* service, region or department; -1 for all; a hall: its region */
} flow_group_t;

/* The groups of a scenario in output order: all, services, regions,
 * departments, then, with the one-stop lever, each region's hall.
 * Returns the count; fills up to `cap` entries. */
size_t flow_groups(const scn_t *s, flow_group_t *out, size_t cap);

/* Does KPI k exist for groups of this kind?  Utilization, line lengths,
 * back-office waits and served counts only for departments; window_wait
 * and backlog for departments (their windows; their back office) and for
 * cases; a one-stop hall has the window KPIs (window_utilization,
 * window_wait and its p90, line_length and its max, window_served); costs
 * and the regional gap only for all cases; the other KPIs for all cases,
 * services and regions.  (Elsewhere the value is NaN.) */
bool flow_kpi_applies(flow_group_kind_t kind, flow_kpi_t k);

/* Is KPI k one of the hotline's (reported only for a scenario with a
 * `hotline` block)? */
bool flow_kpi_is_hotline(flow_kpi_t k);

/* Distributions of all cases (group "all") kept beside the KPIs, for
 * plots: cycle-time quantiles at p = 1/FLOW_CDF_POINTS ... 1 - 1/...
 * (averaged over replications they give the quantile-averaged CDF), and
 * the share of cases by trips made: 0, 1, ..., FLOW_TRIP_BINS - 2, and
 * FLOW_TRIP_BINS - 1 or more. */
#define FLOW_CDF_POINTS 100
#define FLOW_TRIP_BINS  5

/* A day in the hall: per department's window line (its one-stop hall's
 * with the lever), then per one-stop hall (one per region, with the
 * lever), and hour of the day, over the measured period, while the hall
 * is open (sampled every FLOW_SAMPLE_MINUTES): */
#define FLOW_HOURS          24
#define FLOW_SAMPLE_MINUTES 5.0
typedef enum {
    FLOW_H_ARRIVALS, /* citizens joining (or refusing) the line, per open hour */
    FLOW_H_LINE,     /* citizens waiting, mean of the samples                  */
    FLOW_H_WAIT,     /* mean wait of those served who joined in that hour, min */
    FLOW_H_BUSY,     /* busy windows, mean of the samples                      */
    FLOW_H_COUNT
} flow_hourly_t;

/* Where a service's time goes, per department: the minutes its cases'
 * tasks spend in each phase at each department (parallel tasks each
 * count), as a share of all of the service's task minutes. */
typedef enum {
    FLOW_P_WAIT, /* in a line: a window's or an officer's                 */
    FLOW_P_WORK, /* in work (back-office work in calendar time)           */
    FLOW_P_DATA, /* waiting for data: a link, or fetching it in person     */
    FLOW_P_AWAY, /* the citizen sent home, coming back                     */
    FLOW_P_COUNT
} flow_phase_t;

/* Names as in hourly.csv and bottleneck.csv. */
const char *flow_hourly_name(flow_hourly_t k);
const char *flow_phase_name(flow_phase_t p);

typedef struct flow_result {
    size_t n_groups;
    double *kpi;                                /* n_groups x FLOW_K_COUNT, NaN = n/a        */
    double cycle_quantile[FLOW_CDF_POINTS - 1]; /* working days; NaN if no case */
    double trip_share[FLOW_TRIP_BINS];          /* sums to 1; NaN if no case   */
    uint64_t events;
    double peak_cases; /* most cases open at once                  */
    int interrupted;
    size_t n_services, n_departments;
    double *hourly; /* [(dept x FLOW_HOURS + hour) x FLOW_H_COUNT + k],
                       NaN: no sample or no case; dept from
                       n_departments on: the hall of region
                       dept - n_departments (n_halls of them)     */
    double *phase;  /* [(service x n_departments + dept) x FLOW_P_COUNT
                       + p]: share of the service's task minutes  */
    size_t n_halls; /* one-stop halls in hourly: n_regions with the
                       lever, else 0                              */
} flow_result_t;

static inline double flow_hourly(const flow_result_t *r, size_t dept, int hour, flow_hourly_t k) {
    return r->hourly[(dept * FLOW_HOURS + (size_t)hour) * FLOW_H_COUNT + k];
}
static inline double flow_phase(const flow_result_t *r, size_t service, size_t dept,
                                flow_phase_t p) {
    return r->phase[(service * r->n_departments + dept) * FLOW_P_COUNT + p];
}

/* What one replication of a scenario will hold, estimated before running
 * so that an input that would exhaust memory or run for days is refused
 * with a message instead (docs/scenario-format.md, "How big a run may
 * be").  Cases still open at the end are, at worst, those an overloaded
 * department cannot serve, A x (1 - 1 / load), plus those in flight
 * (per_day x limit_days per service). */
typedef struct flow_estimate {
    double cases;      /* arrivals in one replication, warm-up too     */
    double open_cases; /* cases open at once, at worst                 */
    double bytes;      /* memory they take                             */
    double max_load;   /* highest offered load of any queue            */
} flow_estimate_t;

#define FLOW_MAX_CASES 1e8 /* arrivals per replication   */
#define FLOW_MAX_BYTES 2e9 /* per replication, bytes     */

void flow_estimate(const scn_t *s, flow_estimate_t *e);

/* Government cost per year of a scenario, yuan: staff, windows, platform
 * and hub (what FLOW_K_COST_YEAR reports; known without running). */
double flow_government_cost(const scn_t *s);

/* Check that the model can run this scenario (limits above, and the
 * estimate within FLOW_MAX_CASES and FLOW_MAX_BYTES).  Returns 0, or -1
 * with a message. */
int flow_check(const scn_t *s, char *err, size_t errlen);

/* The 12345 hotline's own calls a run of s expects over its warm-up and
 * days, surges included (0 without a hotline): what flow_check holds
 * within FLOW_MAX_BYTES, and what a caller keeping runs short (the fuzz
 * harness) must count besides the cases. */
double flow_hotline_calls(const scn_t *s);

/* Run replication `rep`.  out->kpi is allocated here (free with
 * flow_result_free).  Returns 0, 1 if stopped by *stop, -1 when out of
 * memory. */
int flow_run(const scn_t *s, uint32_t rep, const atomic_int *stop, flow_result_t *out);
void flow_result_free(flow_result_t *r);

/* The same, telling `obs` (may be NULL) about every event of every case
 * (flow_events.h); the results are the same as flow_run's. */
int flow_run_observed(const scn_t *s, uint32_t rep, const atomic_int *stop,
                      const flow_observer_t *obs, flow_result_t *out);

/* NaN for a group the result does not have: compare indexes every
 * variant by the baseline's groups, and a variant without the one-stop
 * lever has no hall groups (they come last, flow_groups). */
static inline double flow_kpi(const flow_result_t *r, size_t group, flow_kpi_t k) {
    return group < r->n_groups ? r->kpi[group * FLOW_K_COUNT + k] : NAN;
}

#endif
