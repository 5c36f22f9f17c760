/*
 * flow_hub.c - the data hub's servers (scn_platform.h `hub_servers`,
 * docs/model.md "Platform capacity").
 *
 * With the data-hub lever on and `hub_servers.servers` set, every request
 * through the hub is a job that waits for one of the hub's servers (first
 * come, first served) and holds it for a response time drawn from the
 * request's own data slot (common random numbers).  A job still waiting
 * after the timeout falls back to manual exchange (as while the hub is
 * down).  The task whose step asked goes on when its hub jobs and its
 * other requests are all answered.
 */
#include <math.h>
#include <stdlib.h>

#include "flow_internal.h"

/* As flow.c's fallback while the hub or the links are down. */
#define FALLBACK_MANUAL_MEAN 2880.0
#define FALLBACK_MANUAL_CV   0.5

/* Event data: (ticket << 2) | kind; the entity is the job. */
enum { HUB_DONE = 0, HUB_TIMEOUT = 1, HUB_MANUAL_DONE = 2 };

typedef struct hub_job {
    uint32_t task;
    double since;    /* asked                                   */
    double response; /* server time, drawn when asked           */
    double fallback; /* manual delay if it times out            */
    uint64_t ticket, renege;
} hub_job_t;

typedef struct flow_hub {
    const scn_servers_t *cfg;
    res_t res;
    pool_t jobs;
    uint32_t ev_type;
    stats_hist_t latency; /* answered requests after the warm-up, s */
    double requests, timeouts;
} flow_hub_t;

static inline hub_job_t *job_at(const flow_hub_t *h, uint32_t j) { return pool_at(&h->jobs, j); }

/* Job j holds a server from now. */
static void serve(flow_model_t *m, uint32_t j) {
    flow_hub_t *h = m->hub;
    hub_job_t *job = job_at(h, j);
    job->renege = 0; /* its timeout, if any, fires and is ignored */
    flow_schedule(m, m->sim.now + job->response, h->ev_type, j, HUB_DONE);
}

void flow_hub_request(flow_model_t *m, uint32_t t, gsl_rng *luck) {
    flow_hub_t *h = m->hub;
    uint32_t j = pool_alloc(&h->jobs);
    if (j == POOL_NONE) {
        m->nomem = 1;
        return;
    }
    hub_job_t *job = job_at(h, j);
    double sg2 = log(1 + FALLBACK_MANUAL_CV * FALLBACK_MANUAL_CV);
    *job = (hub_job_t){.task = t, .since = m->sim.now};
    job->response = dist_sample(&h->cfg->response, luck);
    job->fallback = rng_lognormal(luck, log(FALLBACK_MANUAL_MEAN) - sg2 / 2, sqrt(sg2));
    task_t *tk = pool_at(&m->tasks, t);
    tk->hub_pending++;
    if (m->sim.now >= m->warmup) h->requests++;
    int rc = res_request(&h->res, j, 0, m->sim.now, &job->ticket);
    if (rc == RES_GRANTED) {
        serve(m, j);
    } else if (rc == RES_QUEUED) {
        if (h->cfg->timeout > 0) {
            job->renege = sim_after(&m->sim, h->cfg->timeout, h->ev_type, j,
                                    (job->ticket << 2) | HUB_TIMEOUT);
            if (job->renege == 0) m->nomem = 1;
        }
    } else {
        m->nomem = 1;
    }
}

/* Job j's answer is in (minutes after it was asked); its task may go on. */
static void answered(flow_model_t *m, uint32_t j, bool manual) {
    flow_hub_t *h = m->hub;
    hub_job_t *job = job_at(h, j);
    uint32_t t = job->task;
    task_t *tk = pool_at(&m->tasks, t);
    flow_case_t *c = pool_at(&m->cases, tk->case_id);
    double minutes = m->sim.now - job->since;
    c->data_delay += minutes;
    c->data_manual += manual;
    if (!manual && m->sim.now >= m->warmup) stats_hist_add(&h->latency, minutes * 60);
    pool_release(&h->jobs, j);
    hot_assert(tk->hub_pending > 0);
    if (--tk->hub_pending == 0 && !tk->data_timer) flow_data_ready(m, t);
}

static void on_hub(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    flow_hub_t *h = m->hub;
    uint32_t j = ev->entity;
    switch (ev->data & 3) {
    case HUB_DONE: {
        res_release(&h->res, sim->now);
        uint32_t next;
        while ((next = res_next(&h->res, sim->now)) != RES_NONE) serve(m, next);
        answered(m, j, false);
        break;
    }
    case HUB_TIMEOUT: {
        hub_job_t *job = job_at(h, j);
        if (job->renege != ev->seq) { /* served since: not an event */
            m->stale++;
            return;
        }
        job->renege = 0;
        if (!res_cancel(&h->res, ev->data >> 2, sim->now)) return;
        if (sim->now >= m->warmup) h->timeouts++;
        flow_schedule(m, sim->now + job->fallback, h->ev_type, j, HUB_MANUAL_DONE);
        break;
    }
    default:
        answered(m, j, true);
    }
}

int flow_hub_setup(flow_model_t *m, uint32_t ev_type) {
    const scn_t *s = m->s;
    if (!s->levers.data_hub || !scn_servers_finite(&s->hub_servers)) return 0;
    flow_hub_t *h = calloc(1, sizeof *h);
    if (!h) return -1;
    m->hub = h;
    h->cfg = &s->hub_servers;
    h->ev_type = ev_type;
    if (res_init(&h->res, (unsigned)h->cfg->servers, 1, 0.0) != 0 ||
        pool_init(&h->jobs, sizeof(hub_job_t), 256) != 0 || stats_hist_init(&h->latency) != 0)
        return -1;
    res_track_waits(&h->res, false);
    sim_on(&m->sim, ev_type, on_hub);
    return 0;
}

void flow_hub_free(flow_model_t *m) {
    flow_hub_t *h = m->hub;
    if (!h) return;
    res_free(&h->res);
    pool_free(&h->jobs);
    stats_hist_free(&h->latency);
    free(h);
    m->hub = NULL;
}

void flow_hub_collect(const flow_model_t *m, double *all) {
    const flow_hub_t *h = m->hub;
    if (!h) return; /* no hub, or unlimited: NaN */
    all[FLOW_K_HUB_P95] = h->latency.n > 0 ? stats_hist_quantile(&h->latency, 0.95) : NAN;
    all[FLOW_K_HUB_TIMEOUTS] = h->requests > 0 ? h->timeouts / h->requests : NAN;
}
