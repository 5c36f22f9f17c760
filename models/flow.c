#include "flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demand.h"
#include "flow_internal.h"
#include "hotline.h"
#include "rng.h"

enum {
    EV_ARRIVAL,
    EV_OPEN,
    EV_CLOSE,
    EV_DONE,
    EV_DATA,
    EV_RETURN,
    EV_RENEGE,
    EV_OUTAGE,
    EV_REBALANCE,
    EV_WARMUP,
    EV_ROSTER,
    EV_SAMPLE,
    EV_APPT,
    EV_PROXY,
    EV_BREACH,   /* flow_breach.c   */
    EV_PLATFORM, /* flow_platform.c */
    EV_HUB       /* flow_hub.c      */
};

/* Assumptions of the model (docs/model.md says why). */
/* a citizen's trip to a hall and back: SCN_TRAVEL_MINUTES, or the
 * scenario's travel matrix (flow_region.c) */
#define PREPARE_MEAN         1440.0 /* time to complete missing materials       */
#define RETURN_SPREAD        0.9    /* returns spread over 90% of the open day */
#define OUTAGE_DOWN_MEAN     120.0  /* mean outage of the online-uptime process */
#define FALLBACK_MANUAL_MEAN 2880.0 /* api request while links/hub are down  */
#define FALLBACK_MANUAL_CV   0.5
#define PROACTIVE_MAX_SKIPS  10000 /* front steps a proactive case skips in a row */

/* ---- streams: fixed ids, so variants share them (common random numbers).
 * Arrivals and outages have a stream each; everything a case meets (work,
 * outcomes, data delays, patience, returns) comes from the case's own
 * substreams (flow_luck.c).  The ids of the per-step streams these
 * replaced stay unused, so arrivals and outages keep their numbers. */

enum {
    STREAM_ARRIVAL = 0,
    STREAM_MISC = 2 * FLOW_MAX_SERVICES * FLOW_MAX_REGIONS + 3 * FLOW_MAX_SERVICES * FLOW_MAX_STEPS,
    STREAM_COUNT = STREAM_MISC + 64
};
_Static_assert(STREAM_COUNT <= RNG_MAX_STREAMS, "stream ids must fit rng.h");
_Static_assert(STREAM_COUNT <= FLOW_STREAM_BREACH, "breach streams must not overlap");
_Static_assert(EV_HUB < HOTLINE_EV_BASE, "the hotline's event types follow flow.c's");
_Static_assert(STREAM_COUNT <= HOTLINE_STREAM_BASE && HOTLINE_STREAM_BASE + 1 <= FLOW_STREAM_BREACH,
               "the hotline's stream lies between flow.c's and the breaches'");

enum { MISC_UPTIME = 1, MISC_INCIDENT = 2 }; /* 0 was the shared returns stream */

static inline gsl_rng *rng_arrival(flow_model_t *m, int sv, int rg, int online) {
    return m->rng[STREAM_ARRIVAL + 2 * (sv * FLOW_MAX_REGIONS + rg) + online];
}
static inline gsl_rng *rng_misc(flow_model_t *m, int which) { return m->rng[STREAM_MISC + which]; }

/* ---- small helpers ----------------------------------------------------- */

/* pool_at with the record size known here (the pools hold exactly these
 * records: flow_run_observed): a shift instead of a load and a multiply on
 * every access, and the compiler may keep the address across stores. */
static inline flow_case_t *case_at(flow_model_t *m, uint32_t c) {
    return (flow_case_t *)(void *)m->cases.data + c;
}
static inline task_t *task_at(flow_model_t *m, uint32_t t) {
    return (task_t *)(void *)m->tasks.data + t;
}
static inline const scn_step_t *step_of(const flow_model_t *m, const flow_case_t *c, int k) {
    return &m->s->services[c->service].steps[k];
}

static void schedule(flow_model_t *m, double t, uint32_t type, uint32_t entity, uint64_t data) {
    if (t > m->horizon) return; /* beyond the run: never happens */
    if (sim_at(&m->sim, t < m->sim.now ? m->sim.now : t, type, entity, data) == 0) m->nomem = 1;
}

/* Probability that a case of service sv in region rg goes online. */
static double online_probability(const scn_t *s, int sv, int rg) {
    const scn_region_t *r = &s->regions[rg];
    double p = s->services[sv].online_share * r->online_scale;
    if (p > 1) p = 1;
    return p * (1 - r->digital_excluded);
}

/* A window turn: front step of a counter case, or an in-person step. */
static bool at_window(const flow_case_t *c, const scn_step_t *st) {
    return st->in_person || (st->front && !c->online);
}

/* When a citizen sent home comes back: at a uniformly random moment of
 * the halls' next opening hours (a working day's, or a service day's:
 * sim/wcal.h), not all at opening time, which would make an artificial
 * morning rush. */
static double return_time(flow_model_t *m, flow_case_t *c, double after) {
    const wcal_t *cal = &m->s->calendar;
    bool halls = wcal_has_service(cal); /* service days: the halls' own calendar */
    double open =
        halls ? wcal_hall_next_open(cal, after) : wcal_memo_next_open(cal, &m->cal, after);
    gsl_rng r = flow_luck(c, LUCK_RETURN);
    double offset = RETURN_SPREAD * m->minutes_per_day * rng_uniform(&r);
    return halls ? wcal_hall_add_time(cal, open, offset)
                 : wcal_memo_peek_add_working_time(cal, &m->cal, open, offset);
}

/* Are the halls open at t (service days too, sim/wcal.h)?  Without
 * service days the working calendar's answer, through its memo. */
static inline bool hall_open(flow_model_t *m, double t) {
    const wcal_t *c = &m->s->calendar;
    return wcal_has_service(c) ? wcal_hall_is_open(c, t) : wcal_memo_is_open(c, &m->cal, t);
}

/* Does the hall's closing at `close`, reopening at `reopen`, end the day
 * (on_close sends the lines home), rather than a break within it (lunch:
 * the lines wait for the afternoon)? */
static bool closing_ends_day(double close, double reopen) {
    return floor(reopen / 1440.0) != floor(close / 1440.0);
}

/* The hall's closing that ends the day after `close`, or WCAL_FAR. */
static double day_end_from(const wcal_t *cal, double close) {
    for (int i = 0; i < 64 && close < WCAL_FAR; i++) {
        double reopen = wcal_hall_next_open(cal, close);
        if (closing_ends_day(close, reopen)) return close;
        close = wcal_hall_next_close(cal, reopen);
    }
    return WCAL_FAR; /* not found: no patience is cut short */
}

/* The hall closes next at `close`: its event, and the day's end it
 * brings (outlasts_day). */
static void schedule_close(flow_model_t *m, double close) {
    schedule(m, close, EV_CLOSE, 0, 0);
    m->day_end = day_end_from(&m->s->calendar, close);
}

/* Would a patience that runs out at `at` in window resource r's line come
 * too late to matter?  The day's last closing, before it, sends the whole
 * line home and forgets every patience in it (on_close): such a deadline
 * need not be kept, and a quarter of them in the Heilongjiang baseline
 * are (docs/performance.md, "Patience beside the calendar"). */
static inline bool outlasts_day(const flow_model_t *m, int r, double at) {
    return m->sim.now < m->day_end && at >= m->day_end && m->front_capacity[r] > 0;
}

static int choose_next(flow_model_t *m, flow_case_t *c, int k) {
    const scn_service_t *sv = &m->s->services[c->service];
    const scn_step_t *st = &sv->steps[k];
    if (st->n_next == 0) return k + 1 < (int)sv->n_steps ? k + 1 : SCN_DONE;
    gsl_rng r = flow_luck(c, LUCK_OUTCOME);
    double u = rng_uniform(&r);
    double cum = 0;
    for (size_t i = 0; i < st->n_next; i++) {
        cum += st->next[i].prob;
        if (u < cum) return st->next[i].target;
    }
    return st->next[st->n_next - 1].target;
}

static void begin_step(flow_model_t *m, uint32_t t, int k);
static void enter_service(flow_model_t *m, uint32_t t);

/* The hotline hears of a failure of task tk's case (models/hotline.h): the
 * citizen may call about the department of the step, or of the document
 * being fetched. */
static void complain_now(flow_model_t *m, const task_t *tk, scn_hl_trigger_t why) {
    int dept = tk->state == TASK_FETCH ? tk->fetch_owner
                                       : step_of(m, case_at(m, tk->case_id), tk->step)->dept;
    hotline_failure(m, why, dept, case_at(m, tk->case_id));
}

/* Without a hotline (most scenarios) a failure costs one test at the call
 * site, not a call: every repeat trip and rework is one. */
static inline void complain(flow_model_t *m, const task_t *tk, scn_hl_trigger_t why) {
    if (m->hotline) complain_now(m, tk, why);
}

/* ---- finishing ----------------------------------------------------------- */

static void complete_case(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    uint32_t c = tk->case_id;
    hot_assert(flow_task_live(m, tk, case_at(m, c)));
    hot_assert(case_at(m, c)->pending == 0); /* no parallel task still out */
    hot_assert(m->open_cases > 0);
    hot_assert(m->nomem || m->cases.live == m->open_cases);
    FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_FINISH);
    /* the cycle time in working days, once for the hotline and the KPIs */
    const flow_case_t *cs = case_at(m, c);
    double wd = wcal_memo_working_time(&m->s->calendar, &m->cal, cs->arrived, m->sim.now) /
                m->minutes_per_day;
    if (m->hotline && wd > m->s->services[cs->service].limit_days) /* the citizen may call */
        complain(m, tk, SCN_HL_OVER_LIMIT);
    flow_acc_complete(m, case_at(m, c), wd);
    FLOW_POISON_CASE(case_at(m, c)); /* a second completion trips above */
    FLOW_POISON_TASK(tk);
    pool_release(&m->tasks, t);
    pool_release(&m->cases, c);
    m->open_cases--;
}

static void lose_case(flow_model_t *m, uint32_t t, flow_lost_t why);

/* The last step is done: a promised case may be audited (告知承诺) and
 * revoked, then applies again from the first step with its documents or
 * gives up (counted as lost by abandoning); the others complete. */
static void finish_case(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    int audit = flow_region_audit(m, c);
    if (audit == 0) {
        complete_case(m, t);
    } else if (audit == 2) {
        lose_case(m, t, FLOW_LOST_ABANDONED);
    } else {
        c->reworked = true;
        FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_REWORK, .why = FLOW_WHY_INCOMPLETE);
        begin_step(m, t, 0);
    }
}

/* Step k of task t is done: go on (or join a parallel run). */
static void step_finished(flow_model_t *m, uint32_t t, int k) {
    flow_case_t *c = case_at(m, task_at(m, t)->case_id);
    hot_assert(flow_task_live(m, task_at(m, t), c));
    hot_assert(task_at(m, t)->state == TASK_WORKING);
    hot_assert(c->pending >= 0);
    if (c->pending > 0) {
        if (--c->pending > 0) { /* others still working: this task ends */
            /* the others are still out */
            hot_assert(m->nomem || m->tasks.live > m->cases.live);
            FLOW_POISON_TASK(task_at(m, t));
            pool_release(&m->tasks, t);
            return;
        }
        k = c->join_next;                /* the last step of the run decides where next */
        task_at(m, t)->own_luck = false; /* back on the case's substreams */
    }
    int next = choose_next(m, c, k);
    if (next == SCN_DONE) finish_case(m, t);
    else begin_step(m, t, next);
}

/* ---- resources ------------------------------------------------------------ */

/* flow_phase_add(p, a) then flow_phase_add(q, b), the same sums in the same
 * order, with the step's row looked up once: every start of work adds its
 * wait and its work. */
static inline void phase_add_pair(flow_model_t *m, const flow_case_t *c, int k, flow_phase_t p,
                                  double a, flow_phase_t q, double b) {
    if (m->sim.now < m->warmup) return;
    size_t d = (size_t)m->s->services[c->service].steps[k].dept;
    double *row = m->phase_min + ((size_t)c->service * m->s->n_departments + d) * FLOW_P_COUNT;
    if (a > 0 && a < WCAL_FAR) row[p] += a;
    if (b > 0 && b < WCAL_FAR) row[q] += b;
}

static void start_work(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    hot_assert(flow_task_live(m, tk, c));
    hot_assert(tk->state == TASK_QUEUED || tk->state == TASK_FETCH);
    hot_assert(flow_res_ok(m, tk->res));
    double now = m->sim.now, work;
    if (tk->state == TASK_FETCH) {
        work = SCN_FETCH_WORK_MINUTES;
    } else {
        const scn_step_t *st = step_of(m, c, tk->step);
        work = flow_luck_work(c, tk, &st->work) * m->s->departments[st->dept].skill;
        if (tk->at_window && m->s->levers.one_stop) work *= m->s->levers.one_stop_slowdown;
    }
    double end;
    if (!tk->at_window && now >= m->warmup) {
        int dept = m->s->services[c->service].steps[tk->step].dept;
        m->dept_acc[dept].back_wait += now - tk->since;
        m->dept_acc[dept].back_tasks += 1;
    }
    if (tk->at_window) {
        flow_acc_window_visit(m, c, now - tk->since, false);
        c->citizen_minutes += now - tk->since + work;
        end = now + work;
    } else {
        end = wcal_memo_add_working_time(&m->s->calendar, &m->cal, now, work);
        int dept = m->s->services[c->service].steps[tk->step].dept;
        if (now >= m->warmup && tk->state != TASK_FETCH) m->back_work[dept] += work;
        m->period_work[dept] += work; /* for demand-responsive staffing */
        m->period_tasks[dept] += 1;
    }
    tk->renege = 0;                          /* its patience event, if any, fires and is ignored */
    bool fetching = tk->state == TASK_FETCH; /* a document for this step's data */
    phase_add_pair(m, c, tk->step, fetching ? FLOW_P_DATA : FLOW_P_WAIT, now - tk->since,
                   fetching ? FLOW_P_DATA : FLOW_P_WORK, end - now);
    if (tk->at_window) flow_hourly_served(m, tk->res, tk->since);
    if (tk->state != TASK_FETCH) tk->state = TASK_WORKING;
    hot_assert(end >= now);
    /* an officer given a file while the office is shut starts at its
     * next opening: observers see when the work begins, not when the
     * file reached the officer (computed only when someone watches) */
    FLOW_NOTE(m, tk, tk->res, .kind = FLOW_EV_START, .amount = work,
              .begins = tk->at_window ? now : fmin(wcal_next_open(&m->s->calendar, now), end));
    schedule(m, end, EV_DONE, t, (uint64_t)tk->res);
}

/* Serve whoever is next at resource r while servers are free. */
static void grant_waiting(flow_model_t *m, int r) {
    uint32_t next;
    hot_assert(flow_res_ok(m, r));
    while ((next = res_next(&m->res[r], m->sim.now)) != RES_NONE) {
        if (next & HOTLINE_APPEAL_BIT) hotline_start_appeal(m, next); /* an appeal, not a task */
        else start_work(m, next);
    }
}

void flow_grant_waiting(flow_model_t *m, int r) { grant_waiting(m, r); }

/* The citizen goes away for good (balked, or gave up and never comes
 * back): the case ends unfinished.  Only a case with no parallel task out
 * is lost this way (the others still hold it): see balks(). */
static void lose_case(flow_model_t *m, uint32_t t, flow_lost_t why) {
    task_t *tk = task_at(m, t);
    uint32_t c = tk->case_id;
    hot_assert(flow_task_live(m, tk, case_at(m, c)) && case_at(m, c)->pending == 0);
    hot_assert(m->open_cases > 0);
    flow_acc_lost(m, case_at(m, c), why);
    FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_LOST,
              .why = why == FLOW_LOST_BALKED ? FLOW_WHY_BALKED : FLOW_WHY_NEVER_BACK);
    FLOW_POISON_CASE(case_at(m, c));
    FLOW_POISON_TASK(tk);
    pool_release(&m->tasks, t);
    pool_release(&m->cases, c);
    m->open_cases--;
}

/* Would the citizen of task t refuse the line of window resource r?  Only
 * when they cannot be served at once and the line holds at least the
 * length they accept (the service's `balk`, drawn per visit). */
static bool balks(flow_model_t *m, const task_t *tk, flow_case_t *c, int r) {
    const scn_service_t *sv = &m->s->services[c->service];
    const res_t *w = &m->res[r];
    if (!sv->balks || !tk->at_window) return false;
    /* drawn at every window visit of a balking service, served at once or
     * not, so that the citizen's n-th visit has the same tolerance in
     * every variant (common random numbers) */
    gsl_rng g = flow_luck(c, LUCK_PATIENCE);
    double tolerance = dist_sample(&sv->balk, &g);
    if (c->pending != 0) return false;
    if (w->busy < w->capacity && w->waiting == 0) return false;
    return (double)w->waiting >= tolerance;
}

/* Join the line of resource r (a window if tk->at_window). */
static void request(flow_model_t *m, uint32_t t, int r) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    hot_assert(flow_task_live(m, tk, c));
    hot_assert(flow_res_ok(m, r));
    hot_assert(tk->state != TASK_QUEUED); /* in one line at a time */
    if (tk->at_window) flow_hourly_arrival(m, r);
    if (balks(m, tk, c, r)) {
        complain(m, tk, SCN_HL_LOST);
        lose_case(m, t, FLOW_LOST_BALKED);
        return;
    }
    tk->res = r;
    tk->since = m->sim.now;
    if (tk->state != TASK_FETCH) tk->state = TASK_QUEUED;
    /* drawn at every window visit, served at once or not, so that the
     * citizen's n-th visit has the same patience in every variant */
    double patience = tk->at_window ? m->s->services[c->service].patience_mean : 0, p = 0;
    if (patience > 0) {
        gsl_rng g = flow_luck(c, LUCK_PATIENCE);
        p = rng_exponential(&g, patience);
    }
    FLOW_NOTE(m, tk, r, .kind = FLOW_EV_JOIN, .line = (int)m->res[r].waiting);
    int rc = res_request(&m->res[r], t, 0, m->sim.now, &tk->ticket);
    if (rc == RES_GRANTED) {
        start_work(m, t);
    } else if (rc == RES_QUEUED) {
        double waiting = (double)m->res[r].waiting;
        if (waiting > m->line_max[r] && m->sim.now >= m->warmup) m->line_max[r] = waiting;
        hot_assert(tk->renege == 0); /* in no other line: no timer of its own */
        if (patience > 0 && !outlasts_day(m, r, m->sim.now + p)) {
            tk->renege = sim_after(&m->sim, p, EV_RENEGE, t, tk->ticket);
            if (tk->renege == 0) m->nomem = 1;
        }
    } else {
        m->nomem = 1;
    }
}

/* The citizen goes to a window of resource r (travelling if not there). */
static void go_to_window(flow_model_t *m, uint32_t t, int r) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    if (!hall_open(m, m->sim.now)) {
        c->hall = -1;
        FLOW_NOTE(m, tk, r, .kind = FLOW_EV_CLOSED);
        if (tk->state != TASK_FETCH) tk->state = TASK_AWAY;
        double back = return_time(m, c, m->sim.now);
        flow_phase_add(m, c, tk->step, FLOW_P_AWAY, back - m->sim.now);
        schedule(m, back, EV_RETURN, t, 0);
        return;
    }
    if (c->hall != r) {
        c->trips++;
        c->citizen_minutes += flow_region_trip(m, c, r);
        c->hall = r;
        FLOW_NOTE(m, tk, r, .kind = FLOW_EV_TRIP);
        if (c->trips >= 2) complain(m, tk, SCN_HL_REPEAT_TRIP);
    }
    tk->at_window = true;
    request(m, t, r);
}

/* Documents the citizen must fetch (no link): one window visit each. */
static void fetch_next(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    hot_assert(tk->fetch_left > 0 && tk->state != TASK_FREE);
    hot_assert(tk->fetch_owner >= 0 && (size_t)tk->fetch_owner < m->s->n_departments);
    tk->state = TASK_FETCH;
    go_to_window(m, t, m->front_res[tk->fetch_owner]);
}

/* The step's own work, once its data is there. */
static void enter_service(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    const scn_step_t *st = step_of(m, c, tk->step);
    if (at_window(c, st)) {
        go_to_window(m, t, flow_region_window(m, c, tk, st));
    } else {
        c->hall = -1;
        tk->at_window = false;
        tk->proxied = false;
        request(m, t, m->back_res[st->dept]);
    }
}

/* ---- data --------------------------------------------------------------- */

/* A paper request standing in for an api one (links or hub down), or
 * made by the department for a proactive case. */
static double fallback_delay(gsl_rng *r) {
    double sg2 = log(1 + FALLBACK_MANUAL_CV * FALLBACK_MANUAL_CV);
    return rng_lognormal(r, log(FALLBACK_MANUAL_MEAN) - sg2 / 2, sqrt(sg2));
}

/* Request the data step k needs; returns the delay until the last item
 * arrives by link, and sets tk->fetch_left / fetch_owner for documents the
 * citizen must fetch. */
static double request_data(flow_model_t *m, uint32_t t, task_t *tk, flow_case_t *c, int k) {
    const scn_t *s = m->s;
    const scn_step_t *st = step_of(m, c, k);
    uint64_t slot = flow_luck_data_slot(c); /* one per request, used or not */
    gsl_rng luck = rng_substream(&slot), *r = &luck;
    double delay = 0;
    tk->fetch_left = 0;
    for (size_t i = 0; i < st->n_needs; i++) {
        int owner = s->items[st->needs[i]].owner;
        if (owner == st->dept) continue;
        if (s->items[st->needs[i]].commitment && !c->revoked) {
            c->promised = true; /* the applicant's promise instead (告知承诺) */
            continue;
        }
        const scn_link_t *link = m->link[(size_t)owner * s->n_departments + (size_t)st->dept];
        bool lawful = !link || !link->no_legal_basis; /* no law: no sharing at all */
        double d;
        bool manual = false;
        flow_ev_mode_t mode = FLOW_MODE_HUB; /* for the observer */
        /* the hub's finite servers answer later (flow_hub.c) */
        if (s->levers.data_hub && m->hub_up && m->links_up && lawful && m->hub) {
            c->data_requests++;
            FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_DATA_SENT, .mode = FLOW_MODE_HUB,
                      .item = (int)st->needs[i], .amount = 0);
            flow_hub_request(m, t, r);
            continue;
        } else if (s->levers.data_hub && m->hub_up && m->links_up && lawful) {
            d = dist_sample(&s->levers.hub_delay, r);
        } else if (link && link->mode != SCN_LINK_NONE && lawful) {
            if (link->mode == SCN_LINK_API && m->links_up && m->hub_up) {
                d = dist_sample(&link->delay, r);
                mode = FLOW_MODE_API;
            } else if (link->mode == SCN_LINK_API) {
                d = fallback_delay(r);
                manual = true;
                mode = FLOW_MODE_FALLBACK;
            } else {
                d = dist_sample(&link->delay, r);
                manual = true;
                mode = FLOW_MODE_MANUAL;
            }
        } else if (c->proactive) { /* the government asks the owner itself, on paper */
            d = fallback_delay(r);
            manual = true;
            mode = FLOW_MODE_MANUAL;
        } else {
            c->data_fetched++;
            c->data_requests++;
            tk->fetch_left++;
            tk->fetch_owner = owner;
            FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_FETCH_NEEDED, .mode = FLOW_MODE_FETCH,
                      .item = (int)st->needs[i]);
            continue;
        }
        FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_DATA_SENT, .mode = mode, .item = (int)st->needs[i],
                  .amount = d);
        c->data_requests++;
        c->data_manual += manual;
        c->data_delay += d;
        if (d > delay) delay = d;
    }
    return delay;
}

static void after_data(flow_model_t *m, uint32_t t) {
    task_t *tk = task_at(m, t);
    if (tk->fetch_left > 0) fetch_next(m, t);
    else enter_service(m, t);
}

/* From step k, the first step a proactive case (免申即享) works: front
 * steps are skipped (nobody applies, nothing is collected), their routing
 * followed; SCN_DONE if none is left.  Bounded, for loops of front steps. */
static int skip_front(flow_model_t *m, flow_case_t *c, int k) {
    const scn_service_t *sv = &m->s->services[c->service];
    for (int n = 0; k != SCN_DONE && n < PROACTIVE_MAX_SKIPS; n++) {
        if (!sv->steps[k].front && !sv->steps[k].in_person) return k;
        k = choose_next(m, c, k);
    }
    return k;
}

/* Start step k for task t: parallel run, data, then service. */
static void begin_step(flow_model_t *m, uint32_t t, int k) {
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    const scn_service_t *sv = &m->s->services[c->service];
    hot_assert(flow_case_open(m, c) && tk->state != TASK_FREE);
    hot_assert(k >= 0 && (size_t)k < sv->n_steps);
    tk->step = k;
    if (c->proactive && c->pending == 0) { /* opened by the government: no front step */
        int to = skip_front(m, c, k);
        if (to == SCN_DONE) {
            finish_case(m, t);
            return;
        }
        tk->step = k = to;
    }
    int run = 0; /* steps in a parallel run started here */
    uint64_t data0 = c->luck[LUCK_DATA];
    if (m->s->levers.parallel_approval && c->pending == 0 && sv->steps[k].parallel) {
        int e = k; /* the run: consecutive parallel steps in sequence */
        while (e + 1 < (int)sv->n_steps && sv->steps[e].n_next == 0 && sv->steps[e + 1].parallel)
            e++;
        if (e > k) {
            hot_assert(e - k + 1 <= FLOW_MAX_STEPS);
            c->pending = e - k + 1;
            c->join_next = e;
            run = e - k + 1;
            flow_luck_run_task(c, tk, 0);
            for (int j = k + 1; j <= e; j++) {
                uint32_t nt = pool_alloc(&m->tasks);
                if (nt == POOL_NONE) {
                    m->nomem = 1;
                    return;
                }
                tk = task_at(m, t); /* the pool may have moved */
                *task_at(m, nt) = (task_t){.case_id = tk->case_id, .step = j};
                flow_luck_run_task(c, task_at(m, nt), j - k);
                c->luck[LUCK_DATA] = data0 + (uint64_t)(j - k) * RNG_SPLITMIX_GAMMA;
                begin_step(m, nt, j);
            }
            tk = task_at(m, t);
            c = case_at(m, tk->case_id);
            flow_luck_run_end(c, run);
            c->luck[LUCK_DATA] = data0; /* step k's data slot is the run's first */
        }
    }
    double delay = request_data(m, t, tk, c, k);
    if (run > 0) c->luck[LUCK_DATA] = data0 + (uint64_t)run * RNG_SPLITMIX_GAMMA;
    flow_phase_add(m, c, k, FLOW_P_DATA, delay);
    if (delay > 0) {
        tk->state = TASK_DATA;
        tk->data_timer = true;
        schedule(m, m->sim.now + delay, EV_DATA, t, 0);
    } else if (tk->hub_pending > 0) { /* waits for the hub (flow_hub.c) */
        tk->state = TASK_DATA;
    } else {
        after_data(m, t);
    }
}

/* ---- events -------------------------------------------------------------- */

static void schedule_arrival(flow_model_t *m, int sv, int rg, int online) {
    const scn_t *s = m->s;
    double share = s->services[sv].region_share[rg];
    double p = online_probability(s, sv, rg);
    double per_day = s->services[sv].per_day * share * (online ? p : 1 - p);
    if (per_day <= 0) return;
    gsl_rng *r = rng_arrival(m, sv, rg, online);
    uint64_t data = 2 * ((uint64_t)sv * FLOW_MAX_REGIONS + (uint64_t)rg) + (uint64_t)online;
    double t;
    if (demand_shaped(m->demand, sv, rg)) { /* a profile: the exact NHPP */
        t = demand_next(m->demand, sv, rg, online, per_day, m->sim.now, r);
    } else if (online) { /* around the clock, every day: the week's demand spread */
        double workdays = 0;
        for (int d = 0; d < 7; d++) workdays += s->calendar.workday[d];
        if (s->calendar.n_intervals == 0) workdays = 7;
        double mean = 1 / (per_day * workdays / (7 * 1440.0));
        if (!(mean < WCAL_FAR)) return; /* a vanishing rate: no arrival */
        t = m->sim.now + rng_exponential(r, mean);
    } else if (wcal_has_service(&s->calendar)) { /* in the halls' hours, service days too */
        double mean = 1 / (per_day / m->hall_minutes_per_day);
        if (!(mean < WCAL_FAR)) return;
        t = wcal_demand_add_time(&s->calendar, m->sim.now, rng_exponential(r, mean));
    } else { /* during office hours: exponential in open minutes */
        double mean = 1 / (per_day / m->minutes_per_day);
        if (!(mean < WCAL_FAR)) return;
        t = wcal_memo_add_working_time(&s->calendar, &m->cal, m->sim.now, rng_exponential(r, mean));
    }
    schedule(m, t, EV_ARRIVAL, 0, data);
}

/* A case of arrival stream `code` starts; `who` holds its citizen's luck
 * and place in the stream (flow_luck_init). */
static void admit(flow_model_t *m, int code, const flow_case_t *who) {
    int online = code & 1;
    int sv = (code >> 1) / FLOW_MAX_REGIONS, rg = (code >> 1) % FLOW_MAX_REGIONS;
    uint32_t c = pool_alloc(&m->cases), t = pool_alloc(&m->tasks);
    if (c == POOL_NONE || t == POOL_NONE) {
        m->nomem = 1;
        return;
    }
    flow_case_t *cs = case_at(m, c);
    *cs = (flow_case_t){.service = sv,
                        .region = rg,
                        .online = online,
                        .arrived = m->sim.now,
                        .last_front = -1,
                        .hall = -1,
                        .serial = (uint32_t)++m->arrived,
                        .arrival_index = who->arrival_index,
                        .channel = online};
    if (online && !m->online_up) cs->online = false; /* falls back */
    memcpy(cs->luck, who->luck, sizeof cs->luck);
    flow_region_admit(m, cs);
    if (cs->online && m->breach && flow_breach_dip(m, cs)) cs->online = false; /* wary */
    if (++m->open_cases > m->peak_cases) m->peak_cases = m->open_cases;
    flow_acc_arrival(m, cs);
    hot_assert(m->nomem || m->cases.live == m->open_cases);
    *task_at(m, t) = (task_t){.case_id = c};
    FLOW_NOTE(m, task_at(m, t), -1, .kind = FLOW_EV_ARRIVE);
    if (online && !cs->online) FLOW_NOTE(m, task_at(m, t), -1, .kind = FLOW_EV_OUTAGE);
    if (cs->online && m->platform) flow_platform_submit(m, t); /* first the servers */
    else begin_step(m, t, 0);
}

static void on_arrival(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    int code = (int)ev->data, online = code & 1;
    int sv = (code >> 1) / FLOW_MAX_REGIONS, rg = (code >> 1) % FLOW_MAX_REGIONS;
    schedule_arrival(m, sv, rg, online);
    flow_case_t who; /* the citizen's luck: the n-th of the stream */
    flow_luck_init(m, &who, (unsigned)code);
    if (m->appt && flow_appt_take(m, code, &who, EV_APPT)) return; /* booked */
    admit(m, code, &who);
}

/* A booked citizen comes for their slot. */
static void on_appt(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    int code;
    flow_case_t who;
    flow_appt_arrive(m, ev->entity, &code, &who);
    admit(m, code, &who);
}

static void on_done(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    uint32_t t = ev->entity;
    int r = (int)ev->data;
    hot_assert(flow_res_ok(m, r) && task_at(m, t)->res == r);
    hot_assert(task_at(m, t)->state == TASK_WORKING || task_at(m, t)->state == TASK_FETCH);
    hot_assert(flow_task_live(m, task_at(m, t), case_at(m, task_at(m, t)->case_id)));
    FLOW_NOTE(m, task_at(m, t), r, .kind = FLOW_EV_COMPLETE);
    res_release(&m->res[r], sim->now);
    grant_waiting(m, r);
    task_t *tk = task_at(m, t);
    flow_case_t *c = case_at(m, tk->case_id);
    if (tk->state == TASK_FETCH) { /* a document fetched */
        if (--tk->fetch_left > 0) fetch_next(m, t);
        else {
            tk->state = TASK_DATA;
            enter_service(m, t);
        }
        return;
    }
    const scn_step_t *st = step_of(m, c, tk->step);
    /* three outcome draws at every completion, used or not, so that a
     * reform changing one rate leaves the citizen's other outcomes alone */
    double u[3];
    flow_luck_outcomes(c, tk, u);
    double u_incomplete = u[0], u_error = u[1], u_data = u[2];
    bool front = st->front || st->in_person;
    if (front && u_incomplete < st->incomplete) {
        c->reworked = true; /* sent home to complete the materials */
        FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_REWORK, .why = FLOW_WHY_INCOMPLETE);
        complain(m, tk, SCN_HL_REWORK);
        gsl_rng ret = flow_luck(c, LUCK_RETURN);
        double back = sim->now + rng_exponential(&ret, PREPARE_MEAN);
        c->hall = -1;
        tk->state = TASK_AWAY;
        if (tk->at_window) back = return_time(m, c, back);
        flow_phase_add(m, c, tk->step, FLOW_P_AWAY, back - sim->now);
        schedule(m, back, EV_RETURN, t, 0);
        return;
    }
    double err = m->s->departments[st->dept].error_rate;
    if (!tk->at_window && u_error < err) {
        c->reworked = true; /* the officer's work must be redone */
        FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_REWORK, .why = FLOW_WHY_OFFICER);
        complain(m, tk, SCN_HL_REWORK);
        enter_service(m, t);
        return;
    }
    if (u_data < st->data_error) {
        c->reworked = true; /* wrong data: back to the last front step */
        FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_REWORK, .why = FLOW_WHY_DATA);
        complain(m, tk, SCN_HL_REWORK);
        if (c->last_front >= 0 && c->pending == 0) begin_step(m, t, c->last_front);
        else enter_service(m, t);
        return;
    }
    if (front) c->last_front = tk->step;
    if (tk->proxied) { /* accepted at a proxy window: the file travels first */
        tk->proxied = false;
        c->hall = -1; /* the citizen goes home; a later turn is a new trip */
        double d = flow_region_courier(c, m->s);
        flow_phase_add(m, c, tk->step, FLOW_P_DATA, d);
        schedule(m, sim->now + d, EV_PROXY, t, 0);
        return;
    }
    step_finished(m, t, tk->step);
}

/* A file accepted at a proxy window reaches its department. */
static void on_proxy(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    step_finished(m, ev->entity, task_at(m, ev->entity)->step);
}

static void on_data(void *model, sim_t *sim, const evq_event_t *ev) {
    (void)sim;
    hot_assert(task_at(model, ev->entity)->state == TASK_DATA);
    task_at(model, ev->entity)->data_timer = false;
    if (task_at(model, ev->entity)->hub_pending > 0) return; /* the hub answers last */
    FLOW_NOTE((flow_model_t *)model, task_at(model, ev->entity), -1, .kind = FLOW_EV_DATA_ARRIVED);
    after_data(model, ev->entity);
}

static void on_return(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    uint32_t t = ev->entity;
    hot_assert(task_at(m, t)->state == TASK_AWAY || task_at(m, t)->state == TASK_FETCH);
    FLOW_NOTE(m, task_at(m, t), -1, .kind = FLOW_EV_RETURN);
    if (task_at(m, t)->state == TASK_FETCH) fetch_next(m, t);
    else enter_service(m, t);
}

static void on_renege(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    uint32_t t = ev->entity;
    task_t *tk = task_at(m, t);
    if (tk->renege != ev->seq) { /* served or sent home since: not an event */
        m->stale++;
        return;
    }
    hot_assert(m->nomem || tk->ticket == ev->data);
    hot_assert(m->nomem || tk->state == TASK_QUEUED || tk->state == TASK_FETCH);
    hot_assert(flow_res_ok(m, tk->res));
    tk->renege = 0;
    if (!res_cancel(&m->res[tk->res], ev->data, sim->now)) return;
    flow_case_t *c = case_at(m, tk->case_id);
    FLOW_NOTE(m, tk, tk->res, .kind = FLOW_EV_GIVE_UP);
    flow_acc_window_visit(m, c, sim->now - tk->since, true);
    complain(m, tk, SCN_HL_LOST);
    flow_phase_add(m, c, tk->step, tk->state == TASK_FETCH ? FLOW_P_DATA : FLOW_P_WAIT,
                   sim->now - tk->since);
    c->citizen_minutes += sim->now - tk->since;
    double never = m->s->services[c->service].never_return;
    gsl_rng ret = flow_luck(c, LUCK_RETURN);
    if (never > 0 && c->pending == 0 && rng_uniform(&ret) < never) {
        lose_case(m, t, FLOW_LOST_ABANDONED); /* gives up for good */
        return;
    }
    c->hall = -1; /* gives up today, comes back another day */
    if (tk->state != TASK_FETCH) tk->state = TASK_AWAY;
    double back = return_time(m, c, sim->now + 720);
    flow_phase_add(m, c, tk->step, FLOW_P_AWAY, back - sim->now);
    schedule(m, back, EV_RETURN, t, 0);
}

/* ---- prefetching (sim.h, sim_prefetch_fn) ---------------------------------- */

/* The events whose entity is a task (the others name none). */
static bool names_task(uint32_t type) {
    return type == EV_DONE || type == EV_DATA || type == EV_RETURN || type == EV_RENEGE;
}

static void prefetch_task(const flow_model_t *m, uint32_t t) {
    SIM_PREFETCH((const task_t *)(const void *)m->tasks.data + t);
}

/* The first line of the case of task t, whose own line should be in
 * cache by now (it was asked for one event earlier).  Its second line as
 * well made x16 Heilongjiang 20% slower (docs/performance.md). */
static void prefetch_case_of(const flow_model_t *m, uint32_t t) {
    const task_t *tk = (const task_t *)(const void *)m->tasks.data + t;
    SIM_PREFETCH((const flow_case_t *)(const void *)m->cases.data + tk->case_id);
}

/* The task a DONE event's resource will likely serve next: none when it
 * is a hotline appeal (its entity is no task: HOTLINE_APPEAL_BIT). */
static uint32_t next_served(const flow_model_t *m, const evq_event_t *ev) {
    if (ev->type != EV_DONE) return RES_NONE;
    uint32_t t = res_peek(&m->res[ev->data]);
    return (t & HOTLINE_APPEAL_BIT) ? RES_NONE : t;
}

/* With tens of thousands of open cases their records live beyond the
 * caches, and the first touch of a task and of its case was most of the
 * time of an event (docs/performance.md, "Compact records").  The tasks
 * of the event after next (and of whoever its resource serves next, for a
 * completion) start loading now; so do the cases of the next event's,
 * whose tasks were asked for one event ago and give their index. */
static void prefetch_next(const void *model, const evq_event_t *next, const evq_event_t *after) {
    const flow_model_t *m = model;
    if (after && names_task(after->type)) {
        prefetch_task(m, after->entity);
        uint32_t t = next_served(m, after);
        if (t != RES_NONE) prefetch_task(m, t);
    }
    if (next && names_task(next->type)) {
        prefetch_case_of(m, next->entity);
        uint32_t t = next_served(m, next);
        if (t != RES_NONE) prefetch_case_of(m, t);
    }
}

/* ---- rosters (models/roster.h) ------------------------------------------ */

/* Is t's day a service day of the calendar (sim/wcal.h)?  Rosters may
 * plan those apart (roster_count_on). */
static bool service_day(const flow_model_t *m, double t) {
    const wcal_t *c = &m->s->calendar;
    return wcal_has_service(c) && wcal_is_service_day(c, (long long)floor(t / WCAL_DAY));
}

/* Windows on duty at front resource r at instant t while the hall is
 * open: the department's roster (or fixed windows); a pooled hall has
 * one_stop_windows, or the sum of its departments' windows on duty. */
static unsigned windows_on_duty(const flow_model_t *m, size_t r, double t) {
    const scn_t *s = m->s;
    size_t nd = s->n_departments;
    bool svc = service_day(m, t);
    if (r < 2 * nd) {
        const scn_department_t *dp = &s->departments[r / 2];
        return (unsigned)roster_count_on(&dp->roster, ROSTER_WINDOWS, dp->windows, t, svc);
    }
    if (s->levers.one_stop_windows > 0) return (unsigned)s->levers.one_stop_windows;
    unsigned sum = 0;
    for (size_t d = 0; d < nd; d++) {
        const scn_department_t *dp = &s->departments[d];
        if (dp->region == (int)(r - 2 * nd))
            sum += (unsigned)roster_count_on(&dp->roster, ROSTER_WINDOWS, dp->windows, t, svc);
    }
    return sum;
}

/* The next instant after t at which any roster changes. */
static double next_roster_change(const flow_model_t *m, double t) {
    double next = INFINITY;
    for (size_t d = 0; d < m->s->n_departments; d++)
        next = fmin(next, roster_next_change(&m->s->departments[d].roster, t));
    return next;
}

/* A shift changes: windows (while the hall is open) and officers take the
 * roster's counts.  Servers going off duty finish their current citizen
 * or task (res_set_capacity never interrupts); those coming on duty take
 * the next in line at once. */
static void on_roster(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    const scn_t *s = m->s;
    (void)ev;
    bool open = wcal_hall_is_open(&s->calendar, sim->now);
    for (size_t r = 0; r < m->n_res; r++) {
        if (!m->front_capacity[r] || !open) continue;
        res_set_capacity(&m->res[r], windows_on_duty(m, r, sim->now), sim->now);
        grant_waiting(m, (int)r);
    }
    for (size_t d = 0; d < s->n_departments; d++) {
        const scn_department_t *dp = &s->departments[d];
        if (!roster_has(&dp->roster, ROSTER_STAFF)) continue;
        unsigned n = (unsigned)roster_count_on(&dp->roster, ROSTER_STAFF, dp->staff, sim->now,
                                               service_day(m, sim->now));
        res_set_capacity(&m->res[m->back_res[d]], n, sim->now);
        grant_waiting(m, m->back_res[d]);
    }
    double next = next_roster_change(m, sim->now);
    if (next < WCAL_FAR) schedule(m, next, EV_ROSTER, 0, 0);
}

static void on_close(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)ev;
    double reopen = wcal_hall_next_open(&m->s->calendar, sim->now);
    bool day_ends = closing_ends_day(sim->now, reopen);
    /* the closing that outlasts_day counted on, or one before it */
    hot_assert(day_ends ? sim->now == m->day_end : sim->now < m->day_end);
    for (size_t r = 0; r < m->n_res; r++) {
        if (!m->front_capacity[r]) continue;
        res_set_capacity(&m->res[r], 0, sim->now);
        if (!day_ends) continue;
        uint32_t t;
        while ((t = res_pop_waiting(&m->res[r], sim->now)) != RES_NONE) {
            task_t *tk = task_at(m, t);
            flow_case_t *c = case_at(m, tk->case_id);
            hot_assert(tk->res == (int)r && flow_task_live(m, tk, c));
            hot_assert(tk->state == TASK_QUEUED || tk->state == TASK_FETCH);
            tk->renege = 0;
            c->citizen_minutes += sim->now - tk->since;
            FLOW_NOTE(m, tk, (int)r, .kind = FLOW_EV_SENT_HOME);
            c->hall = -1; /* the hall closes for the day: back another day */
            flow_phase_add(m, c, tk->step, tk->state == TASK_FETCH ? FLOW_P_DATA : FLOW_P_WAIT,
                           sim->now - tk->since);
            if (tk->state != TASK_FETCH) tk->state = TASK_AWAY;
            double back = return_time(m, c, sim->now);
            flow_phase_add(m, c, tk->step, FLOW_P_AWAY, back - sim->now);
            schedule(m, back, EV_RETURN, t, 0);
        }
    }
    schedule(m, reopen, EV_OPEN, 0, 0);
}

static void on_open(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)ev;
    for (size_t r = 0; r < m->n_res; r++) {
        if (!m->front_capacity[r]) continue;
        res_set_capacity(&m->res[r], windows_on_duty(m, r, sim->now), sim->now);
        grant_waiting(m, (int)r);
    }
    schedule_close(m, wcal_hall_next_close(&m->s->calendar, sim->now));
}

/* Outages: data = 2 * process + (1 if it is a repair). Process n_incidents
 * is the online channel's uptime process. */
static void toggle(flow_model_t *m, scn_incident_target_t target, int delta) {
    int *count = target == SCN_INC_ONLINE  ? &m->online_down_count
                 : target == SCN_INC_LINKS ? &m->links_down_count
                                           : &m->hub_down_count;
    *count += delta;
    hot_assert(*count >= 0); /* a repair for every outage, none extra */
    m->online_up = m->online_down_count == 0;
    m->links_up = m->links_down_count == 0;
    m->hub_up = m->hub_down_count == 0;
}

static void on_outage(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    const scn_t *s = m->s;
    size_t proc = ev->data >> 1;
    bool repair = ev->data & 1;
    double sec = s->levers.security;
    if (proc == s->n_incidents) { /* uptime process of the online channel */
        gsl_rng *r = rng_misc(m, MISC_UPTIME);
        double u = s->online_uptime;
        toggle(m, SCN_INC_ONLINE, repair ? -1 : 1);
        double next = repair ? rng_exponential(r, OUTAGE_DOWN_MEAN * u / (1 - u))
                             : rng_exponential(r, OUTAGE_DOWN_MEAN);
        schedule(m, sim->now + next, EV_OUTAGE, 0, (proc << 1) | !repair);
        return;
    }
    const scn_incident_t *inc = &s->incidents[proc];
    gsl_rng *r = rng_misc(m, MISC_INCIDENT + (int)proc);
    toggle(m, inc->target, repair ? -1 : 1);
    double next = repair ? rng_exponential(r, inc->mtbf_days * 1440 * sec)
                         : dist_sample(&inc->repair, r) / sec;
    if (!(next >= 0 && next < WCAL_FAR)) return; /* never again */
    schedule(m, sim->now + next, EV_OUTAGE, 0, (proc << 1) | !repair);
}

/* Open minutes between two rebalancings (0: off): rebalance_hours when
 * set (within the day), else rebalance_days working days. */
static double rebalance_period(const flow_model_t *m) {
    const scn_levers_t *lv = &m->s->levers;
    if (lv->rebalance_hours > 0) return lv->rebalance_hours * 60.0;
    return lv->rebalance_days * m->minutes_per_day;
}

/* Does demand-responsive staffing move this department's officers?  Not
 * when it has none, nor when a roster plans them (the shift plan rules). */
static bool rebalanced(const scn_department_t *dp, int region) {
    return dp->region == region && dp->staff > 0 && !roster_has(&dp->roster, ROSTER_STAFF);
}

/* Demand-responsive staffing: within each region, officers follow the
 * back-office work that arrived over the last period (work started plus
 * the backlog still waiting, valued at the period's mean task), above a
 * floor of half each department's own staff.  A snapshot of the lines
 * alone would strip departments that happen to be quiet at that instant. */
static void on_rebalance(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    const scn_t *s = m->s;
    size_t nd = s->n_departments;
    (void)ev;
    for (size_t rg = 0; rg < s->n_regions; rg++) {
        double load_sum = 0;
        unsigned total = 0, floors = 0;
        for (size_t d = 0; d < nd; d++) {
            const scn_department_t *dp = &s->departments[d];
            if (!rebalanced(dp, (int)rg)) continue;
            const res_t *r = &m->res[m->back_res[d]];
            double mean_task = m->period_tasks[d] > 0 ? m->period_work[d] / m->period_tasks[d] : 0;
            m->period_work[d] += (double)r->waiting * mean_task; /* the load */
            load_sum += m->period_work[d];
            total += (unsigned)dp->staff;
            floors += (unsigned)(dp->staff + 1) / 2;
        }
        if (load_sum <= 0) continue;
        /* largest remainder: floors first, then the rest by load */
        unsigned spare = total - floors, given = 0;
        double rest[FLOW_MAX_DEPTS_PER_REGION];
        size_t idx[FLOW_MAX_DEPTS_PER_REGION], n = 0;
        for (size_t d = 0; d < nd && n < FLOW_MAX_DEPTS_PER_REGION; d++) {
            const scn_department_t *dp = &s->departments[d];
            if (!rebalanced(dp, (int)rg)) continue;
            double exact = spare * m->period_work[d] / load_sum;
            unsigned whole = (unsigned)floor(exact);
            m->new_staff[d] = (unsigned)(dp->staff + 1) / 2 + whole;
            given += whole;
            rest[n] = exact - whole;
            idx[n++] = d;
        }
        for (; given < spare && n > 0; given++) { /* hand out the remainder */
            size_t best = 0;
            for (size_t i = 1; i < n; i++)
                if (rest[i] > rest[best]) best = i;
            m->new_staff[idx[best]]++;
            rest[best] = -1;
        }
        for (size_t i = 0; i < n; i++) {
            int b = m->back_res[idx[i]];
            res_set_capacity(&m->res[b], m->new_staff[idx[i]], sim->now);
            grant_waiting(m, b);
        }
    }
    for (size_t d = 0; d < nd; d++) m->period_work[d] = m->period_tasks[d] = 0;
    double next = wcal_add_working_time(&s->calendar, sim->now, rebalance_period(m));
    schedule(m, next, EV_REBALANCE, 0, 0);
}

static void on_warmup(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)ev;
    for (size_t r = 0; r < m->n_res; r++) res_reset_stats(&m->res[r], sim->now);
    flow_acc_reset(m);
    flow_hourly_reset(m);
    hotline_reset(m);
}

/* A look at the window lines for the day in the hall (flow_hourly.c). */
static void on_sample(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)ev;
    flow_hourly_sample(m);
    /* the next look on the 5-minute grid, skipping closed hours */
    double next = sim->now + FLOW_SAMPLE_MINUTES;
    double open = wcal_hall_next_open(&m->s->calendar, next);
    if (open > next)
        next = m->warmup + ceil((open - m->warmup) / FLOW_SAMPLE_MINUTES) * FLOW_SAMPLE_MINUTES;
    if (next < WCAL_FAR) schedule(m, next, EV_SAMPLE, 0, 0);
}

/* ---- set-up -------------------------------------------------------------- */

/* Bytes an open case holds: the case, a task, an event and a place in a
 * line, twice over because pools and queues grow by doubling. */
#define BYTES_PER_OPEN_CASE                                                                        \
    (2.0 * (sizeof(flow_case_t) + sizeof(task_t) + sizeof(evq_event_t) + 32))

static double highest_load(const scn_t *s) {
    double top = 0;
    for (size_t d = 0; d < s->n_departments; d++) {
        double front, back;
        scn_offered_load(s, (int)d, &front, &back);
        top = fmax(top, fmax(isnan(front) ? 0 : front, isnan(back) ? 0 : back));
    }
    if (s->levers.one_stop)
        for (size_t r = 0; r < s->n_regions; r++) top = fmax(top, scn_hall_load(s, (int)r));
    return top;
}

void flow_estimate(const scn_t *s, flow_estimate_t *e) {
    double workdays = 0;
    for (int d = 0; d < 7; d++) workdays += s->calendar.workday[d];
    if (s->calendar.n_intervals == 0) workdays = 7;
    double days = (s->warmup_days + s->days) * workdays / 7.0;
    e->cases = e->open_cases = 0;
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *sv = &s->services[i];
        e->cases += sv->per_day * days;
        e->open_cases += sv->per_day * fmin(days, fmax(1.0, sv->limit_days));
    }
    e->max_load = highest_load(s);
    if (e->max_load > 1) e->open_cases += e->cases * (1 - 1 / e->max_load);
    e->open_cases = fmin(e->open_cases, e->cases);
    e->bytes = e->open_cases * BYTES_PER_OPEN_CASE;
}

/* "1.4 GB", "350 MB" */
static void bytes_text(double b, char *buf, size_t len) {
    if (b >= 1e9) snprintf(buf, len, "%.3g GB", b / 1e9);
    else snprintf(buf, len, "%.3g MB", b / 1e6);
}

static int check_volume(const scn_t *s, char *err, size_t errlen) {
    flow_estimate_t e;
    flow_estimate(s, &e);
    char need[32], most[32];
    bytes_text(e.bytes, need, sizeof need);
    bytes_text(FLOW_MAX_BYTES, most, sizeof most);
    if (e.cases > FLOW_MAX_CASES) {
        snprintf(err, errlen,
                 "%s: about %.3g cases per replication (per_day x "
                 "working days; expected at most %.3g: lower per_day or days)",
                 s->path, e.cases, FLOW_MAX_CASES);
        return -1;
    }
    if (e.bytes > FLOW_MAX_BYTES) {
        snprintf(err, errlen,
                 "%s: about %.3g cases open at once (highest offered "
                 "load %.3g) need about %s per replication (expected at most %s: "
                 "add staff or windows, or lower per_day or days)",
                 s->path, e.open_cases, e.max_load, need, most);
        return -1;
    }
    return 0;
}

int flow_check(const scn_t *s, char *err, size_t errlen) {
    if (s->n_services > FLOW_MAX_SERVICES || s->n_regions > FLOW_MAX_REGIONS) {
        snprintf(err, errlen, "%s: at most %d services and %d regions", s->path, FLOW_MAX_SERVICES,
                 FLOW_MAX_REGIONS);
        return -1;
    }
    for (size_t rg = 0; rg < s->n_regions; rg++) {
        size_t n = 0;
        for (size_t d = 0; d < s->n_departments; d++) n += s->departments[d].region == (int)rg;
        if (n > FLOW_MAX_DEPTS_PER_REGION) {
            snprintf(err, errlen, "%s: region '%s': at most %d departments", s->path,
                     s->regions[rg].id, FLOW_MAX_DEPTS_PER_REGION);
            return -1;
        }
    }
    for (size_t i = 0; i < s->n_incidents; i++) {
        double mtbf = s->incidents[i].mtbf_days * s->levers.security;
        if (!(mtbf >= FLOW_MIN_MTBF_DAYS && mtbf <= FLOW_MAX_MTBF_DAYS)) {
            snprintf(err, errlen,
                     "%s: incidents[%zu]: mtbf_days x security = %g "
                     "(expected %g to %g days: outages that never let time advance)",
                     s->path, i, mtbf, FLOW_MIN_MTBF_DAYS, FLOW_MAX_MTBF_DAYS);
            return -1;
        }
    }
    if (s->n_incidents + 1 > 64 - MISC_INCIDENT) {
        snprintf(err, errlen, "%s: at most %d incidents", s->path, 64 - MISC_INCIDENT - 1);
        return -1;
    }
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *sv = &s->services[i];
        if (sv->n_steps > FLOW_MAX_STEPS) {
            snprintf(err, errlen, "%s: service '%s': at most %d steps", s->path, sv->id,
                     FLOW_MAX_STEPS);
            return -1;
        }
        for (size_t k = 0; k < sv->n_steps; k++) {
            const scn_step_t *st = &sv->steps[k];
            const scn_department_t *d = &s->departments[st->dept];
            bool remote = st->front && !st->in_person && sv->online_share > 0;
            if ((!st->front || remote) && !st->in_person &&
                roster_max(&d->roster, ROSTER_STAFF, d->staff) == 0) {
                snprintf(err, errlen,
                         "%s: service '%s' step '%s': department '%s' "
                         "has no staff for back-office or online work",
                         s->path, sv->id, st->id, d->id);
                return -1;
            }
        }
    }
    if (hotline_check(s, err, errlen) != 0) return -1;
    return check_volume(s, err, errlen);
}

static int setup_resources(flow_model_t *m) {
    const scn_t *s = m->s;
    size_t nd = s->n_departments;
    bool pooled = s->levers.one_stop;
    m->n_res = 2 * nd + (pooled ? s->n_regions : 0);
    m->res = calloc(m->n_res, sizeof *m->res);
    m->front_capacity = calloc(m->n_res, sizeof *m->front_capacity);
    m->front_res = calloc(nd, sizeof *m->front_res);
    m->back_res = calloc(nd, sizeof *m->back_res);
    m->link = calloc(nd * nd, sizeof(const scn_link_t *));
    m->back_work = calloc(nd, sizeof *m->back_work);
    m->period_work = calloc(nd, sizeof *m->period_work);
    m->period_tasks = calloc(nd, sizeof *m->period_tasks);
    m->new_staff = calloc(nd, sizeof *m->new_staff);
    if (!m->back_work || !m->period_work || !m->period_tasks || !m->new_staff) return -1;
    if (!m->res || !m->front_capacity || !m->front_res || !m->back_res || !m->link) return -1;
    for (size_t a = 0; a < nd; a++) /* looked up on every data need */
        for (size_t b = 0; b < nd; b++) m->link[a * nd + b] = scn_find_link(s, (int)a, (int)b);
    unsigned *hall = calloc(s->n_regions, sizeof *hall);
    if (!hall) return -1;
    for (size_t d = 0; d < nd; d++) {
        const scn_department_t *dp = &s->departments[d];
        m->back_res[d] = (int)(2 * d + 1);
        m->front_res[d] = pooled ? (int)(2 * nd + (size_t)dp->region) : (int)(2 * d);
        unsigned most = (unsigned)roster_max(&dp->roster, ROSTER_WINDOWS, dp->windows);
        m->front_capacity[2 * d] = pooled ? 0 : most; /* > 0: a front resource */
        hall[dp->region] += most;
    }
    if (pooled)
        for (size_t r = 0; r < s->n_regions; r++)
            m->front_capacity[2 * nd + r] =
                s->levers.one_stop_windows > 0 ? (unsigned)s->levers.one_stop_windows : hall[r];
    free(hall);
    bool open0 = wcal_hall_is_open(&s->calendar, 0);
    int fail = 0;
    for (size_t r = 0; r < m->n_res; r++) {
        const scn_department_t *dp = r < 2 * nd ? &s->departments[r / 2] : NULL;
        unsigned cap = dp && (r & 1) ? (unsigned)roster_count_on(&dp->roster, ROSTER_STAFF,
                                                                 dp->staff, 0, service_day(m, 0))
                       : m->front_capacity[r] && open0 ? windows_on_duty(m, r, 0)
                                                       : 0;
        fail |= res_init(&m->res[r], cap, 1, 0.0);
        /* window lines keep their waits (the departments' rows); officers'
         * waits are summed per department in start_work */
        res_track_waits(&m->res[r], m->front_capacity[r] > 0);
    }
    return fail ? -1 : 0;
}

static int setup_streams(flow_model_t *m) {
    m->n_rng = STREAM_COUNT;
    m->rng = calloc(m->n_rng, sizeof(gsl_rng *));
    if (!m->rng) return -1;
    const scn_t *s = m->s;
    for (size_t sv = 0; sv < s->n_services; sv++) {
        for (size_t rg = 0; rg < s->n_regions; rg++)
            for (int on = 0; on < 2; on++) {
                size_t id = STREAM_ARRIVAL + 2 * (sv * FLOW_MAX_REGIONS + rg) + (size_t)on;
                m->rng[id] = rng_stream_new(s->seed, m->rep, (uint32_t)id);
            }
    }
    for (size_t i = 0; i < MISC_INCIDENT + s->n_incidents; i++)
        m->rng[STREAM_MISC + i] = rng_stream_new(s->seed, m->rep, (uint32_t)(STREAM_MISC + i));
    /* any allocation that failed left a NULL where a stream is needed */
    for (size_t sv = 0; sv < s->n_services; sv++)
        for (size_t rg = 0; rg < s->n_regions; rg++)
            for (int on = 0; on < 2; on++)
                if (!m->rng[STREAM_ARRIVAL + 2 * (sv * FLOW_MAX_REGIONS + rg) + (size_t)on])
                    return -1;
    if (flow_luck_setup(m) != 0) return -1;
    for (size_t i = 0; i < MISC_INCIDENT + s->n_incidents; i++)
        if (!m->rng[STREAM_MISC + i]) return -1;
    return 0;
}

static void model_free(flow_model_t *m) {
    if (m->res)
        for (size_t r = 0; r < m->n_res; r++) res_free(&m->res[r]);
    free(m->res);
    free(m->front_capacity);
    free(m->front_res);
    free(m->back_res);
    free(m->link);
    free(m->back_work);
    free(m->period_work);
    free(m->period_tasks);
    free(m->new_staff);
    if (m->rng)
        for (size_t i = 0; i < m->n_rng; i++)
            if (m->rng[i]) gsl_rng_free(m->rng[i]);
    free(m->rng);
    flow_luck_free(m);
    flow_appt_free(m);
    flow_breach_free(m);
    flow_platform_free(m);
    flow_hub_free(m);
    hotline_free(m);
    flow_acc_free(m);
    flow_hourly_free(m);
    demand_free(m->demand);
    pool_free(&m->cases);
    pool_free(&m->tasks);
    sim_free(&m->sim);
}

static void start(flow_model_t *m) {
    const scn_t *s = m->s;
    for (size_t sv = 0; sv < s->n_services; sv++)
        for (size_t rg = 0; rg < s->n_regions; rg++)
            for (int on = 0; on < 2; on++) schedule_arrival(m, (int)sv, (int)rg, on);
    if (s->calendar.n_intervals > 0) {
        if (wcal_hall_is_open(&s->calendar, 0))
            schedule_close(m, wcal_hall_next_close(&s->calendar, 0));
        else schedule(m, wcal_hall_next_open(&s->calendar, 0), EV_OPEN, 0, 0);
    }
    if (s->online_uptime < 1)
        schedule(m,
                 rng_exponential(rng_misc(m, MISC_UPTIME),
                                 OUTAGE_DOWN_MEAN * s->online_uptime / (1 - s->online_uptime)),
                 EV_OUTAGE, 0, (uint64_t)s->n_incidents << 1);
    for (size_t i = 0; i < s->n_incidents; i++)
        schedule(m,
                 rng_exponential(rng_misc(m, MISC_INCIDENT + (int)i),
                                 s->incidents[i].mtbf_days * 1440 * s->levers.security),
                 EV_OUTAGE, 0, (uint64_t)i << 1);
    if (rebalance_period(m) > 0)
        schedule(m, wcal_add_working_time(&s->calendar, 0, rebalance_period(m)), EV_REBALANCE, 0,
                 0);
    if (m->warmup > 0) schedule(m, m->warmup, EV_WARMUP, 0, 0);
    double shift = next_roster_change(m, 0);
    if (shift < WCAL_FAR) schedule(m, shift, EV_ROSTER, 0, 0);
    bool front = false;
    for (size_t r = 0; r < m->n_res; r++) front |= m->front_capacity[r] > 0;
    if (front) schedule(m, m->warmup, EV_SAMPLE, 0, 0);
    hotline_start(m);
}

/* Room for the cases the scenario may hold open at once (flow_estimate:
 * about three times the peak of the baselines), between 1024 and 65536
 * records: growing by doubling copies the records and leaves the copies
 * cold in the caches, 7% of the last-level misses of x16 Heilongjiang
 * (docs/performance.md, "Workflow model, session 4").  Pages the run
 * never reaches are never touched, so memory stays as it was. */
static uint32_t initial_capacity(const scn_t *s) {
    flow_estimate_t e;
    flow_estimate(s, &e);
    double n = e.open_cases;
    return !(n > 1024) ? 1024 : n < 65536 ? (uint32_t)n : 65536;
}

int flow_run(const scn_t *s, uint32_t rep, const atomic_int *stop, flow_result_t *out) {
    return flow_run_observed(s, rep, stop, NULL, out);
}

int flow_run_observed(const scn_t *s, uint32_t rep, const atomic_int *stop,
                      const flow_observer_t *obs, flow_result_t *out) {
    flow_model_t m;
    memset(&m, 0, sizeof m);
    memset(out, 0, sizeof *out);
    if (obs) m.obs = *obs;
    m.s = s;
    m.rep = rep;
    m.online_up = m.links_up = m.hub_up = true;
    m.warmup = s->warmup_days * 1440.0;
    m.horizon = m.warmup + s->days * 1440.0;
    m.minutes_per_day = wcal_minutes_per_day(&s->calendar);
    wcal_memo_init(&m.cal);
    if (m.minutes_per_day <= 0) m.minutes_per_day = 1440;
    m.hall_minutes_per_day = flow_hall_minutes_per_day(s, m.horizon, m.minutes_per_day);
    int fail = sim_init(&m.sim, &m, stop) != 0;
    uint32_t cap = initial_capacity(s);
    fail |= pool_init(&m.cases, sizeof(flow_case_t), cap) != 0;
    fail |= pool_init(&m.tasks, sizeof(task_t), cap) != 0;
    fail |= setup_resources(&m) != 0;
    fail |= setup_streams(&m) != 0;
    fail |= flow_acc_init(&m) != 0;
    fail |= flow_hourly_init(&m) != 0;
    fail |= demand_build(s, (long)s->warmup_days + s->days, &m.demand) != 0;
    fail |= flow_appt_setup(&m) != 0;
    fail |= flow_breach_setup(&m, EV_BREACH) != 0;
    fail |= flow_platform_setup(&m, EV_PLATFORM) != 0;
    fail |= flow_hub_setup(&m, EV_HUB) != 0;
    fail |= hotline_setup(&m) != 0;
    if (fail) {
        model_free(&m);
        return -1;
    }
    sim_on(&m.sim, EV_ARRIVAL, on_arrival);
    sim_on(&m.sim, EV_OPEN, on_open);
    sim_on(&m.sim, EV_CLOSE, on_close);
    sim_on(&m.sim, EV_DONE, on_done);
    sim_on(&m.sim, EV_DATA, on_data);
    sim_on(&m.sim, EV_RETURN, on_return);
    sim_on(&m.sim, EV_RENEGE, on_renege);
    sim_on(&m.sim, EV_OUTAGE, on_outage);
    sim_on(&m.sim, EV_REBALANCE, on_rebalance);
    sim_on(&m.sim, EV_WARMUP, on_warmup);
    sim_on(&m.sim, EV_ROSTER, on_roster);
    sim_on(&m.sim, EV_SAMPLE, on_sample);
    sim_on(&m.sim, EV_APPT, on_appt);
    sim_on(&m.sim, EV_PROXY, on_proxy);
    sim_on_prefetch(&m.sim, prefetch_next);
    start(&m);
    sim_run(&m.sim, m.horizon);
    /* every open case is in the pool, with at least one task out */
    hot_assert(m.nomem || m.cases.live == m.open_cases);
    hot_assert(m.nomem || m.tasks.live >= m.cases.live);
    flow_acc_collect(&m, out);
    if (out->kpi) hotline_collect(&m, out->kpi);
    flow_hourly_collect(&m, out);
    out->events = m.sim.events - m.stale;
    out->peak_cases = (double)m.peak_cases;
    out->interrupted = m.sim.stopped;
    int rc = m.nomem ? -1 : m.sim.stopped ? 1 : 0;
    model_free(&m);
    return rc;
}

/* ---- lent to flow_breach.c and flow_platform.c (flow_internal.h) -------- */

void flow_schedule(flow_model_t *m, double t, uint32_t type, uint32_t entity, uint64_t data) {
    schedule(m, t, type, entity, data);
}

void flow_begin_case(flow_model_t *m, uint32_t t) { begin_step(m, t, 0); }

void flow_data_ready(flow_model_t *m, uint32_t t) {
    hot_assert(task_at(m, t)->state == TASK_DATA);
    FLOW_NOTE(m, task_at(m, t), -1, .kind = FLOW_EV_DATA_ARRIVED);
    after_data(m, t);
}

void flow_outage_toggle(flow_model_t *m, scn_incident_target_t target, int delta) {
    toggle(m, target, delta);
}
