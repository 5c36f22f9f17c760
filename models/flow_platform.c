/*
 * flow_platform.c - the online platform's servers (scn_platform.h,
 * docs/model.md "Platform capacity").
 *
 * With `platform.servers` set, an online case's submission first waits for
 * one of the servers (first come, first served) and holds it for a
 * response time; its latency is that wait plus the response.  A
 * submission that waits longer than the timeout gives up: the citizen
 * goes to the counter, or (on_timeout = "retry") tries again after an
 * exponential pause, up to `retries` times, then goes to the counter.
 * Response times and pauses come from numbers that belong to the citizen
 * (flow_case_u), so variants with other capacities meet the same
 * citizens with the same luck.
 */
#include <math.h>
#include <stdlib.h>

#include "flow_internal.h"

/* Event data: (ticket << 2) | kind; the entity is the case's task. */
enum { SRV_DONE = 0, SRV_TIMEOUT = 1, SRV_RETRY = 2 };

/* Purposes of the citizen's own numbers (flow_case_u), per attempt. */
#define PURPOSE_RESPONSE 0x5E5B0000u
#define PURPOSE_RETRY    0x5E5C0000u

typedef struct flow_servers {
    const scn_servers_t *cfg;
    res_t res;
    uint32_t ev_type;
    stats_hist_t latency; /* answered submissions after the warm-up, s */
    stats_tally_t latency_mean;
    double requests, timeouts; /* submissions after the warm-up            */
} flow_servers_t;

static inline task_t *task_of(flow_model_t *m, uint32_t t) { return pool_at(&m->tasks, t); }
static inline flow_case_t *case_of(flow_model_t *m, const task_t *tk) {
    return pool_at(&m->cases, tk->case_id);
}

/* The submission of task t holds a server from now. */
static void serve(flow_model_t *m, uint32_t t) {
    flow_servers_t *p = m->platform;
    task_t *tk = task_of(m, t);
    const flow_case_t *c = case_of(m, tk);
    tk->renege = 0; /* its timeout, if any, fires and is ignored */
    uint64_t z = (uint64_t)rng_mix64(PURPOSE_RESPONSE + tk->tries) ^ c->luck[LUCK_WORK];
    gsl_rng g = rng_substream(&z);
    double response = dist_sample(&p->cfg->response, &g);
    flow_schedule(m, m->sim.now + response, p->ev_type, t, SRV_DONE);
}

void flow_platform_submit(flow_model_t *m, uint32_t t) {
    flow_servers_t *p = m->platform;
    task_t *tk = task_of(m, t);
    tk->state = TASK_DATA; /* waiting for the platform's answer */
    tk->since = m->sim.now;
    if (m->sim.now >= m->warmup) p->requests++;
    int rc = res_request(&p->res, t, 0, m->sim.now, &tk->ticket);
    if (rc == RES_GRANTED) {
        serve(m, t);
    } else if (rc == RES_QUEUED) {
        if (p->cfg->timeout > 0) {
            tk->renege =
                sim_after(&m->sim, p->cfg->timeout, p->ev_type, t, (tk->ticket << 2) | SRV_TIMEOUT);
            if (tk->renege == 0) m->nomem = 1;
        }
    } else {
        m->nomem = 1;
    }
}

/* Answered: the server takes the next submission, the case begins. */
static void done(flow_model_t *m, uint32_t t) {
    flow_servers_t *p = m->platform;
    double now = m->sim.now;
    double latency = now - task_of(m, t)->since;
    if (now >= m->warmup) {
        stats_hist_add(&p->latency, latency * 60);
        stats_tally_add(&p->latency_mean, latency * 60);
    }
    res_release(&p->res, now);
    uint32_t next;
    while ((next = res_next(&p->res, now)) != RES_NONE) serve(m, next);
    flow_begin_case(m, t);
}

/* Waited past the timeout: retry later, or go to the counter. */
static void timed_out(flow_model_t *m, uint32_t t, const evq_event_t *ev) {
    flow_servers_t *p = m->platform;
    task_t *tk = task_of(m, t);
    if (tk->renege != ev->seq) { /* answered since: not an event */
        m->stale++;
        return;
    }
    tk->renege = 0;
    if (!res_cancel(&p->res, ev->data >> 2, m->sim.now)) return;
    if (m->sim.now >= m->warmup) p->timeouts++;
    flow_case_t *c = case_of(m, tk);
    if (p->cfg->on_timeout == SCN_TIMEOUT_RETRY && tk->tries < p->cfg->retries) {
        tk->tries++;
        double pause = -p->cfg->retry_minutes * log1p(-flow_case_u(c, PURPOSE_RETRY + tk->tries));
        flow_schedule(m, m->sim.now + pause, p->ev_type, t, SRV_RETRY);
        return;
    }
    c->online = false; /* to the counter */
    FLOW_NOTE(m, tk, -1, .kind = FLOW_EV_OUTAGE);
    flow_begin_case(m, t);
}

static void on_platform(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    (void)sim;
    uint32_t t = ev->entity;
    switch (ev->data & 3) {
    case SRV_DONE:
        done(m, t);
        break;
    case SRV_TIMEOUT:
        timed_out(m, t, ev);
        break;
    default: /* a retry: the channel may have gone down meanwhile */
        if (m->online_up) {
            flow_platform_submit(m, t);
        } else {
            case_of(m, task_of(m, t))->online = false;
            flow_begin_case(m, t);
        }
    }
}

int flow_platform_setup(flow_model_t *m, uint32_t ev_type) {
    const scn_servers_t *cfg = &m->s->platform;
    if (!scn_servers_finite(cfg)) return 0;
    flow_servers_t *p = calloc(1, sizeof *p);
    if (!p) return -1;
    m->platform = p;
    p->cfg = cfg;
    p->ev_type = ev_type;
    stats_tally_init(&p->latency_mean);
    if (res_init(&p->res, (unsigned)cfg->servers, 1, 0.0) != 0 || stats_hist_init(&p->latency) != 0)
        return -1;
    res_track_waits(&p->res, false);
    sim_on(&m->sim, ev_type, on_platform);
    return 0;
}

void flow_platform_free(flow_model_t *m) {
    flow_servers_t *p = m->platform;
    if (!p) return;
    res_free(&p->res);
    stats_hist_free(&p->latency);
    free(p);
    m->platform = NULL;
}

void flow_platform_collect(const flow_model_t *m, double *all) {
    const flow_servers_t *p = m->platform;
    if (!p) return; /* unlimited: no latency, no timeout (NaN) */
    all[FLOW_K_PLATFORM_LATENCY] = stats_tally_mean(&p->latency_mean);
    all[FLOW_K_PLATFORM_P95] = p->latency.n > 0 ? stats_hist_quantile(&p->latency, 0.95) : NAN;
    all[FLOW_K_PLATFORM_TIMEOUTS] = p->requests > 0 ? p->timeouts / p->requests : NAN;
}
