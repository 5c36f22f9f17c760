/*
 * hotline.c - the 12345 hotline in a replication (hotline.h).
 */
#include "hotline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demand.h"
#include "rng.h"

#define QUARTER        15.0
#define ANSWER_SECONDS 15.0 /* the national standard (2017): answered within 15 s */
#define BYTES_PER_CALL 96.0 /* a call waiting: its slot, its line entry, its timer */

enum { EV_CALL = HOTLINE_EV_BASE, EV_TALKED, EV_HANGUP, EV_APPEAL_DONE, EV_SHIFT };
enum { ST_ARRIVAL, ST_COUNT };
/* Keys: a case's is flow_luck.c's (its place in its arrival stream); an own
 * call's entity is tagged above any case's. */
#define CASE_SOURCES  ((uint64_t)2 * FLOW_MAX_SERVICES * FLOW_MAX_REGIONS)
#define OWN_CALL_TAG  (1ull << 62)
#define PURPOSE_FIRST 16u /* after the cases' own purposes (flow_luck_t) */
_Static_assert(EV_SHIFT < SIM_MAX_TYPES, "hotline events must fit sim.h");
_Static_assert(HOTLINE_STREAM_BASE + ST_COUNT <= RNG_MAX_STREAMS, "streams must fit rng.h");

typedef struct hl_call {
    uint64_t luck;   /* the call's substream (splitmix state)    */
    double since;    /* called                                   */
    uint64_t ticket; /* place in the operators' line             */
    uint64_t hangup; /* handle of the hang-up timer, 0: none     */
    int dept;        /* the department a complaint is about, -1  */
    bool triggered;  /* after a service failure (a complaint)    */
} hl_call_t;

typedef struct hl_appeal {
    double created, deadline, work;
    double u_rating; /* the rating's draw, made at dispatch */
    int dept;
} hl_appeal_t;

/* Counts of the measured period. */
typedef struct hl_acc {
    double offered, answered, within_15s, waited, abandoned, wait_sum;
    double appeals, resolved, resolved_in_time, bad;
} hl_acc_t;

struct flow_hotline {
    const scn_hotline_t *h;
    res_t centre;
    pool_t calls, appeals;
    gsl_rng *rng[ST_COUNT];
    long n_days;
    double *day_rate;   /* [n_days] own calls per day on day d        */
    double quarter[96]; /* share of a day's calls in each quarter hour */
    hl_acc_t acc;
    uint64_t own_calls; /* own calls so far: the next one's entity */
};

static inline hl_call_t *call_at(flow_hotline_t *hl, uint32_t i) { return pool_at(&hl->calls, i); }
static inline hl_appeal_t *appeal_at(flow_hotline_t *hl, uint32_t i) {
    return pool_at(&hl->appeals, i);
}

static void at(flow_model_t *m, double t, uint32_t type, uint32_t entity, uint64_t data) {
    if (t > m->horizon) return; /* beyond the run: never happens */
    if (sim_at(&m->sim, t < m->sim.now ? m->sim.now : t, type, entity, data) == 0) m->nomem = 1;
}

/* ---- own calls: a piecewise-constant rate by quarter hour ------------------ */

/* The weight of a day relative to an ordinary one: day of week and month
 * (dated scenarios) over their means, times the surges that cover it; 1
 * without a profile.  It depends on the day alone, not on the run's
 * length, so a shorter run is the start of a longer one. */
static double day_weight(const scn_t *s, const scn_profile_t *p, long d) {
    if (!p) return 1.0;
    double week = 0, year = 0;
    for (int i = 0; i < 7; i++) week += p->weekday[i] / 7.0;
    for (int i = 0; i < 12; i++) year += p->month[i] / 12.0;
    return demand_day_weight(s, p, d, true) / (week * (s->dated ? year : 1.0));
}

/* The day weights summed: surges add calls. */
double flow_hotline_calls(const scn_t *s) {
    const scn_hotline_t *h = &s->hotline;
    if (!h->on) return 0;
    double calls = 0;
    for (long d = 0; d < (long)s->days + s->warmup_days; d++)
        calls += h->calls_per_day * day_weight(s, h->profile, d);
    return calls;
}

/* Own calls a run expects must stay within what a replication may hold. */
int hotline_check(const scn_t *s, char *err, size_t errlen) {
    double calls = flow_hotline_calls(s), most = FLOW_MAX_BYTES / BYTES_PER_CALL;
    if (!(calls <= most)) {
        snprintf(err, errlen,
                 "%s: hotline: about %.3g calls per replication (calls_per_day x days, "
                 "surges included; expected at most %.3g: lower calls_per_day, the surges or "
                 "days)",
                 s->path, calls, most);
        return -1;
    }
    return 0;
}

/* Own calls per day on each day of the run (calls_per_day on an ordinary
 * day), and the quarter-hour shares of a day within the hours. */
static int build_rates(flow_model_t *m, flow_hotline_t *hl) {
    const scn_hotline_t *h = hl->h;
    double qsum = 0;
    hl->n_days = (long)m->s->warmup_days + m->s->days;
    hl->day_rate = calloc((size_t)hl->n_days, sizeof *hl->day_rate);
    if (!hl->day_rate) return -1;
    for (long d = 0; d < hl->n_days; d++)
        hl->day_rate[d] = h->calls_per_day * day_weight(m->s, h->profile, d);
    for (int q = 0; q < 96; q++) {
        bool in = q * QUARTER >= h->open && (q + 1) * QUARTER <= h->close;
        qsum += hl->quarter[q] = in ? (h->profile ? h->profile->hour[q] : 1.0) : 0.0;
    }
    for (int q = 0; q < 96; q++) hl->quarter[q] = qsum > 0 ? hl->quarter[q] / qsum : 0;
    return 0;
}

/* The next own call after `now`: walk the quarter hours, spending one
 * Exp(1) draw of integrated rate; INFINITY when the run ends first. */
static double next_own_call(const flow_hotline_t *hl, double now, gsl_rng *r) {
    double need = rng_exp1(r), t = now;
    while (t < (double)hl->n_days * 1440.0) {
        long d = (long)floor(t / 1440.0);
        int q = (int)floor((t - d * 1440.0) / QUARTER);
        if (q > 95) q = 95;
        double end = d * 1440.0 + (q + 1) * QUARTER;
        double rate = hl->day_rate[d] * hl->quarter[q] / QUARTER; /* calls per minute */
        if (rate > 0 && rate * (end - t) >= need) return t + need / rate;
        need -= rate * (end - t);
        t = end;
    }
    return INFINITY;
}

static void schedule_own_call(flow_model_t *m) {
    flow_hotline_t *hl = m->hotline;
    if (!(hl->h->calls_per_day > 0)) return;
    double t = next_own_call(hl, m->sim.now, hl->rng[ST_ARRIVAL]);
    if (t < WCAL_FAR) at(m, t, EV_CALL, 0, 0);
}

/* ---- operators on duty ------------------------------------------------------ */

static bool in_hours(const scn_hotline_t *h, double t) {
    double minute = t - floor(t / 1440.0) * 1440.0;
    return minute >= h->open && minute < h->close;
}

static unsigned on_duty(const scn_hotline_t *h, double t) {
    return in_hours(h, t) ? (unsigned)roster_count(&h->roster, ROSTER_STAFF, h->operators, t) : 0;
}

/* The next instant after t at which the hours or the roster change. */
static double next_shift(const scn_hotline_t *h, double t) {
    double day = floor(t / 1440.0), next = roster_next_change(&h->roster, t);
    for (int k = 0; k < 2; k++, day++) {
        double a = day * 1440.0 + h->open, b = day * 1440.0 + h->close;
        if (a > t) return fmin(next, a);
        if (b > t) return fmin(next, b);
    }
    return next;
}

/* ---- calls -------------------------------------------------------------------- */

static void answer(flow_model_t *m, uint32_t id) {
    flow_hotline_t *hl = m->hotline;
    hl_call_t *c = call_at(hl, id);
    double wait = m->sim.now - c->since;
    if (c->hangup) sim_cancel(&m->sim, c->hangup);
    c->hangup = 0;
    if (c->since >= m->warmup) {
        hl->acc.answered++;
        hl->acc.wait_sum += wait;
        hl->acc.within_15s += wait <= ANSWER_SECONDS / 60.0;
    }
    gsl_rng g = rng_substream(&c->luck);
    double talk = dist_sample(&hl->h->talk, &g);
    at(m, m->sim.now + talk, EV_TALKED, id, 0);
}

/* A call record (a complaint about `dept` if triggered) with its
 * substream; POOL_NONE when out of memory. */
static uint32_t new_call(flow_model_t *m, bool triggered, int dept, uint64_t luck) {
    flow_hotline_t *hl = m->hotline;
    uint32_t id = pool_alloc(&hl->calls);
    if (id == POOL_NONE) {
        m->nomem = 1;
        return id;
    }
    *call_at(hl, id) = (hl_call_t){.luck = luck, .dept = dept, .triggered = triggered};
    return id;
}

/* Call `id` reaches the centre now: answered at once, or in line with its
 * patience running. */
static void call(flow_model_t *m, uint32_t id) {
    flow_hotline_t *hl = m->hotline;
    hl_call_t *c = call_at(hl, id);
    c->since = m->sim.now;
    bool measured = m->sim.now >= m->warmup;
    if (measured) hl->acc.offered++;
    int rc = res_request(&hl->centre, id, 0, m->sim.now, &c->ticket);
    if (rc == RES_GRANTED) {
        answer(m, id);
        return;
    }
    if (rc != RES_QUEUED) {
        m->nomem = 1;
        return;
    }
    if (measured) hl->acc.waited++;
    if (hl->h->patience > 0) {
        gsl_rng g = rng_substream(&c->luck);
        double p = rng_exponential(&g, hl->h->patience);
        c->hangup = sim_after(&m->sim, p, EV_HANGUP, id, c->ticket);
        if (c->hangup == 0) m->nomem = 1;
    }
}

static void on_call(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    flow_hotline_t *hl = m->hotline;
    if (ev->data == 0) { /* an own call: the next one too */
        schedule_own_call(m);
        uint64_t key = rng_substream_key_of(m->luck_base, OWN_CALL_TAG | hl->own_calls++);
        uint32_t id = new_call(m, false, -1, rng_substream_start(key, 0));
        if (id != POOL_NONE) call(m, id);
    } else {
        call(m, ev->entity); /* a complaint made while the centre was closed */
    }
}

/* The case's key (flow_luck.c), hashed again at each failure: keeping it
 * in the case's third cache line cost a miss per failure with tens of
 * thousands of open cases (docs/performance.md, "Workflow model, session
 * 4"), more than the hash. */
static uint64_t case_key(const flow_model_t *m, const flow_case_t *cs) {
    uint64_t source = 2 * ((uint64_t)cs->service * FLOW_MAX_REGIONS + (uint64_t)cs->region) +
                      (uint64_t)cs->channel;
    return rng_substream_key_of(m->luck_base, cs->arrival_index * CASE_SOURCES + source);
}

void hotline_failure(flow_model_t *m, scn_hl_trigger_t why, int dept, flow_case_t *cs) {
    flow_hotline_t *hl = m->hotline;
    double p = hl->h->trigger[why];
    /* its n-th failure heard, counted whether or not it can make a call */
    unsigned n = cs->complaints++;
    if (!(p > 0)) return;
    uint64_t key = case_key(m, cs);
    uint64_t luck = rng_substream_start(key, PURPOSE_FIRST + (unsigned)why * 65536u + n);
    gsl_rng g = rng_substream(&luck);
    if (!(rng_uniform(&g) < p)) return;
    uint32_t id = new_call(m, true, dept, luck);
    if (id == POOL_NONE) return;
    double t = m->sim.now;
    if (!in_hours(hl->h, t)) { /* at the next opening of the centre */
        double day = floor(t / 1440.0);
        t = day * 1440.0 + hl->h->open;
        if (t < m->sim.now) t += 1440.0;
    }
    if (t > m->sim.now) at(m, t, EV_CALL, id, 1);
    else call(m, id);
}

static void on_hangup(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    flow_hotline_t *hl = m->hotline;
    hl_call_t *c = call_at(hl, ev->entity);
    c->hangup = 0;
    if (!res_cancel(&hl->centre, ev->data, sim->now)) return;
    if (c->since >= m->warmup) hl->acc.abandoned++;
    pool_release(&hl->calls, ev->entity);
}

/* ---- appeals ------------------------------------------------------------------ */

/* The department an own call's appeal goes to, by the shares. */
static int draw_department(const flow_model_t *m, double u) {
    const double *share = m->hotline->h->dept_share;
    int last = -1;
    double cum = 0;
    for (size_t d = 0; d < m->s->n_departments; d++) {
        if (!(share[d] > 0)) continue;
        cum += share[d];
        last = (int)d;
        if (u < cum) return last;
    }
    return last;
}

/* An appeal from answered call c: dispatched, queued for an officer. */
static void appeal(flow_model_t *m, hl_call_t *c) {
    flow_hotline_t *hl = m->hotline;
    const scn_hotline_t *h = hl->h;
    int dept = c->dept;
    bool complaint = c->triggered;
    gsl_rng g = rng_substream(&c->luck), *r = &g;
    /* four draws, used or not: complex, department, rating, work */
    bool complex = rng_uniform(r) < h->complex_share;
    double u = rng_uniform(r), u_rating = rng_uniform(r);
    double work = dist_sample(complex ? &h->complex_work : &h->simple_work, r);
    if (dept < 0 || !(h->dept_share[dept] > 0 || complaint)) dept = draw_department(m, u);
    const scn_department_t *dp = &m->s->departments[dept];
    if (roster_max(&dp->roster, ROSTER_STAFF, dp->staff) == 0) dept = draw_department(m, u);
    if (dept < 0) return; /* no officer anywhere: the loader refuses that */
    uint32_t id = pool_alloc(&hl->appeals);
    if (id == POOL_NONE) {
        m->nomem = 1;
        return;
    }
    double limit = (complex ? h->complex_days : h->simple_days) * m->minutes_per_day;
    *appeal_at(hl, id) =
        (hl_appeal_t){.created = m->sim.now,
                      .deadline = wcal_add_working_time(&m->s->calendar, m->sim.now, limit),
                      .work = work,
                      .dept = dept,
                      .u_rating = u_rating};
    if (m->sim.now >= m->warmup) hl->acc.appeals++;
    if (h->listen && complaint) m->period_work[dept] += h->listen_minutes;
    uint64_t ticket;
    int b = m->back_res[dept];
    int rc = res_request(&m->res[b], id | HOTLINE_APPEAL_BIT, 0, m->sim.now, &ticket);
    if (rc == RES_GRANTED) hotline_start_appeal(m, id | HOTLINE_APPEAL_BIT);
    else if (rc != RES_QUEUED) m->nomem = 1;
}

static void on_talked(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    flow_hotline_t *hl = m->hotline;
    res_release(&hl->centre, sim->now);
    uint32_t next;
    while ((next = res_next(&hl->centre, sim->now)) != RES_NONE) answer(m, next);
    hl_call_t c = *call_at(hl, ev->entity);
    pool_release(&hl->calls, ev->entity);
    /* one draw per answered call, used or not */
    gsl_rng g = rng_substream(&c.luck);
    bool appeals = rng_uniform(&g) < hl->h->appeal_share;
    if (c.triggered || appeals) appeal(m, &c);
}

void hotline_start_appeal(flow_model_t *m, uint32_t entity) {
    flow_hotline_t *hl = m->hotline;
    uint32_t id = entity & ~HOTLINE_APPEAL_BIT;
    const hl_appeal_t *a = appeal_at(hl, id);
    double now = m->sim.now;
    double end = wcal_memo_add_working_time(&m->s->calendar, &m->cal, now, a->work);
    if (now >= m->warmup) m->back_work[a->dept] += a->work;
    m->period_work[a->dept] += a->work; /* demand-responsive staffing sees it */
    m->period_tasks[a->dept] += 1;
    at(m, end, EV_APPEAL_DONE, id, 0);
}

/* The appeal is resolved: the officer is free, the citizen is called back
 * and rates it. */
static void on_appeal_done(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    flow_hotline_t *hl = m->hotline;
    hl_appeal_t a = *appeal_at(hl, ev->entity);
    pool_release(&hl->appeals, ev->entity);
    int b = m->back_res[a.dept];
    res_release(&m->res[b], sim->now);
    flow_grant_waiting(m, b);
    bool late = sim->now > a.deadline;
    bool bad = a.u_rating < (late ? hl->h->bad_over : hl->h->bad_within);
    if (sim->now < m->warmup) return;
    hl->acc.resolved++;
    hl->acc.resolved_in_time += !late;
    hl->acc.bad += bad;
}

/* ---- shifts ------------------------------------------------------------------- */

static void on_shift(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    flow_hotline_t *hl = m->hotline;
    (void)ev;
    res_set_capacity(&hl->centre, on_duty(hl->h, sim->now), sim->now);
    uint32_t next;
    while ((next = res_next(&hl->centre, sim->now)) != RES_NONE) answer(m, next);
    double t = next_shift(hl->h, sim->now);
    if (t < WCAL_FAR) at(m, t, EV_SHIFT, 0, 0);
}

/* ---- set-up and results --------------------------------------------------------- */

int hotline_setup(flow_model_t *m) {
    const scn_t *s = m->s;
    m->hotline = NULL;
    if (!s->hotline.on) return 0;
    flow_hotline_t *hl = calloc(1, sizeof *hl);
    if (!hl) return -1;
    m->hotline = hl;
    hl->h = &s->hotline;
    int fail = res_init(&hl->centre, on_duty(hl->h, 0), 1, 0.0);
    fail |= pool_init(&hl->calls, sizeof(hl_call_t), 256);
    fail |= pool_init(&hl->appeals, sizeof(hl_appeal_t), 256);
    for (int i = 0; i < ST_COUNT; i++) {
        hl->rng[i] = rng_stream_new(s->seed, m->rep, (uint32_t)(HOTLINE_STREAM_BASE + i));
        fail |= !hl->rng[i];
    }
    fail |= build_rates(m, hl);
    if (fail) return -1;
    sim_on(&m->sim, EV_CALL, on_call);
    sim_on(&m->sim, EV_TALKED, on_talked);
    sim_on(&m->sim, EV_HANGUP, on_hangup);
    sim_on(&m->sim, EV_APPEAL_DONE, on_appeal_done);
    sim_on(&m->sim, EV_SHIFT, on_shift);
    return 0;
}

void hotline_start(flow_model_t *m) {
    if (!m->hotline) return;
    schedule_own_call(m);
    double t = next_shift(m->hotline->h, 0);
    if (t < WCAL_FAR) at(m, t, EV_SHIFT, 0, 0);
}

void hotline_free(flow_model_t *m) {
    flow_hotline_t *hl = m->hotline;
    if (!hl) return;
    res_free(&hl->centre);
    pool_free(&hl->calls);
    pool_free(&hl->appeals);
    for (int i = 0; i < ST_COUNT; i++)
        if (hl->rng[i]) gsl_rng_free(hl->rng[i]);
    free(hl->day_rate);
    free(hl);
    m->hotline = NULL;
}

void hotline_reset(flow_model_t *m) {
    if (!m->hotline) return;
    memset(&m->hotline->acc, 0, sizeof m->hotline->acc);
    res_reset_stats(&m->hotline->centre, m->sim.now);
}

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

void hotline_collect(const flow_model_t *m, double *k) {
    const flow_hotline_t *hl = m->hotline;
    if (!hl) return;
    const hl_acc_t *a = &hl->acc;
    double days = (m->horizon - m->warmup) / 1440.0;
    k[FLOW_K_CALLS_ANSWERED] = a->answered / days;
    k[FLOW_K_CALLS_15S] = ratio(a->within_15s, a->offered);
    k[FLOW_K_CALLS_ABANDONED] = ratio(a->abandoned, a->offered);
    k[FLOW_K_CALL_WAIT] = ratio(a->wait_sum, a->answered);
    k[FLOW_K_CALLS_WAITED] = ratio(a->waited, a->offered);
    k[FLOW_K_APPEALS_WITHIN] = ratio(a->resolved_in_time, a->resolved);
    k[FLOW_K_APPEALS_PER_1000] = ratio(1000 * a->appeals, m->acc[0].arrivals);
    k[FLOW_K_BAD_RATING] = ratio(a->bad, a->resolved);
}
