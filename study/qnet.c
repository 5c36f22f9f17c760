#include "qnet.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pool.h"
#include "res.h"
#include "rng.h"
#include "sim.h"
#include "stats.h"

enum { EV_ARRIVAL, EV_DEPART, EV_RENEGE, EV_WARMUP };

typedef struct customer {
    double entered;  /* entered the network     */
    double arrived;  /* arrived at its station  */
    uint64_t renege; /* pending abandonment event, 0 if none */
    uint32_t station;
} customer_t;

typedef struct station_state {
    res_t res;
    gsl_rng *arrival_rng, *service_rng, *route_rng, *patience_rng;
    double arrival_mean; /* 1 / rate, or 0 when no Poisson arrivals */
    double service_exp;  /* the mean when service is exp(mean), else 0 */
    double gap, work;    /* the next inter-arrival time (Poisson arrivals)
                            and the next service time, drawn one ahead */
    size_t n_targets;    /* stations reachable after service        */
    uint32_t target[QNET_MAX_STATIONS];
    double cumulative[QNET_MAX_STATIONS];
    stats_tally_t visit; /* time per visit                           */
    double arrivals;     /* after warm-up                            */
} station_state_t;

typedef struct qnet_model {
    const qnet_spec_t *spec;
    sim_t sim;
    pool_t customers;
    station_state_t st[QNET_MAX_STATIONS];
    gsl_rng *init_rng;
    stats_tally_t response;
    double window_count[QNET_MAX_WINDOWS];
    uint64_t in_system, peak;
    int nomem;
} qnet_model_t;

int qnet_check(const qnet_spec_t *spec, char *err, size_t errlen) {
    if (spec->k == 0 || spec->k > QNET_MAX_STATIONS) {
        snprintf(err, errlen, "stations: %zu (expected 1 to %d)", spec->k, QNET_MAX_STATIONS);
        return -1;
    }
    if (!(spec->horizon > spec->warmup) || spec->warmup < 0) {
        snprintf(err, errlen, "horizon %g must exceed warm-up %g >= 0", spec->horizon,
                 spec->warmup);
        return -1;
    }
    if (spec->n_windows > QNET_MAX_WINDOWS) {
        snprintf(err, errlen, "at most %d count windows", QNET_MAX_WINDOWS);
        return -1;
    }
    for (size_t i = 0; i < spec->k; i++) {
        const qnet_station_t *s = &spec->station[i];
        double sum = 0;
        for (size_t j = 0; j < spec->k; j++) {
            if (s->route[j] < 0) {
                snprintf(err, errlen, "station %zu: route to %zu is negative", i, j);
                return -1;
            }
            sum += s->route[j];
        }
        if (sum > 1 + 1e-12) {
            snprintf(err, errlen, "station %zu: routing probabilities sum to %g > 1", i, sum);
            return -1;
        }
        if (s->servers == 0 || s->arrival_rate < 0 || s->patience_mean < 0 ||
            s->initial_geometric < 0 || s->initial_geometric >= 1) {
            snprintf(err, errlen,
                     "station %zu: servers >= 1, rates and "
                     "patience >= 0, 0 <= initial_geometric < 1",
                     i);
            return -1;
        }
    }
    return 0;
}

/* The next service time of station s, drawn as dist_sample would (for an
 * exponential without its call and switch: the same number). */
static double draw_work(const qnet_model_t *m, const station_state_t *st, uint32_t s) {
    return st->service_exp > 0 ? rng_exponential(st->service_rng, st->service_exp)
                               : dist_sample(&m->spec->station[s].service, st->service_rng);
}

/* Service times and Poisson inter-arrival times are drawn one ahead: the
 * k-th service started (or arrival) gets the stream's k-th number as
 * before, but the event's time, which decides whether it comes before the
 * other pending event (a branch the processor guesses wrong about half
 * the time in an M/M/1), is then known as soon as the clock is, not after
 * the draw's chain of dependent steps. */
static void schedule_service(qnet_model_t *m, uint32_t c, uint32_t s) {
    station_state_t *st = &m->st[s];
    if (sim_after_small(&m->sim, st->work, EV_DEPART, c, s) == 0) m->nomem = 1;
    st->work = draw_work(m, st, s);
}

/* Customer c arrives at station s: service at once or join the line. */
static void enter(qnet_model_t *m, uint32_t c, uint32_t s) {
    customer_t *cu = pool_at(&m->customers, c);
    station_state_t *st = &m->st[s];
    double now = m->sim.now;
    cu->arrived = now;
    cu->station = s;
    cu->renege = 0;
    if (now >= m->spec->warmup) st->arrivals++;
    uint64_t ticket = 0;
    int r = res_request(&st->res, c, 0, now, &ticket);
    if (r == RES_GRANTED) {
        schedule_service(m, c, s);
    } else if (r == RES_QUEUED) {
        double patience_mean = m->spec->station[s].patience_mean;
        if (patience_mean > 0) {
            double p = rng_exponential(st->patience_rng, patience_mean);
            cu->renege = sim_after_small(&m->sim, p, EV_RENEGE, c, ticket);
            if (cu->renege == 0) m->nomem = 1;
        }
    } else {
        m->nomem = 1;
    }
}

static void leave(qnet_model_t *m, uint32_t c) {
    customer_t *cu = pool_at(&m->customers, c);
    if (m->sim.now >= m->spec->warmup) stats_tally_add(&m->response, m->sim.now - cu->entered);
    m->in_system--;
    pool_release(&m->customers, c);
}

static uint32_t new_customer(qnet_model_t *m) {
    uint32_t c = pool_alloc(&m->customers);
    if (c == POOL_NONE) {
        m->nomem = 1;
        return c;
    }
    customer_t *cu = pool_at(&m->customers, c);
    cu->entered = m->sim.now;
    if (++m->in_system > m->peak) m->peak = m->in_system;
    return c;
}

static void on_arrival(void *model, sim_t *sim, const evq_event_t *ev) {
    qnet_model_t *m = model;
    uint32_t s = (uint32_t)ev->data;
    station_state_t *st = &m->st[s];
    const qnet_station_t *sp = &m->spec->station[s];
    double next = sp->arrival_profile ? nhpp_next(sp->arrival_profile, sim->now, st->arrival_rng)
                                      : sim->now + st->gap;
    if (next <= m->spec->horizon && sim_at_small(sim, next, EV_ARRIVAL, 0, s) == 0) m->nomem = 1;
    if (!sp->arrival_profile) st->gap = rng_exponential(st->arrival_rng, st->arrival_mean);
    for (size_t w = 0; w < m->spec->n_windows; w++)
        if (sim->now >= m->spec->window[w] && sim->now < m->spec->window[w + 1])
            m->window_count[w]++;
    uint32_t c = new_customer(m);
    if (c != POOL_NONE) enter(m, c, s);
}

static void on_depart(void *model, sim_t *sim, const evq_event_t *ev) {
    qnet_model_t *m = model;
    uint32_t c = ev->entity;
    uint32_t s = (uint32_t)ev->data;
    station_state_t *st = &m->st[s];
    customer_t *cu = pool_at(&m->customers, c);
    if (sim->now >= m->spec->warmup) stats_tally_add(&st->visit, sim->now - cu->arrived);
    res_release(&st->res, sim->now);
    uint32_t next = res_next(&st->res, sim->now);
    if (next != RES_NONE) {
        customer_t *nc = pool_at(&m->customers, next);
        if (nc->renege && sim_cancel(sim, nc->renege) != 0) m->nomem = 1;
        nc->renege = 0;
        schedule_service(m, next, s);
    }
    /* route: one uniform draw, only when the customer can go somewhere */
    if (st->n_targets > 0) {
        double u = rng_uniform(st->route_rng);
        for (size_t i = 0; i < st->n_targets; i++)
            if (u < st->cumulative[i]) {
                enter(m, c, st->target[i]);
                return;
            }
    }
    leave(m, c);
}

static void on_renege(void *model, sim_t *sim, const evq_event_t *ev) {
    qnet_model_t *m = model;
    uint32_t c = ev->entity;
    customer_t *cu = pool_at(&m->customers, c);
    cu->renege = 0;
    if (res_cancel(&m->st[cu->station].res, ev->data, sim->now)) leave(m, c);
}

static void on_warmup(void *model, sim_t *sim, const evq_event_t *ev) {
    qnet_model_t *m = model;
    (void)ev;
    for (size_t i = 0; i < m->spec->k; i++) res_reset_stats(&m->st[i].res, sim->now);
}

static void model_free(qnet_model_t *m) {
    for (size_t i = 0; i < m->spec->k; i++) {
        station_state_t *st = &m->st[i];
        res_free(&st->res);
        if (st->arrival_rng) gsl_rng_free(st->arrival_rng);
        if (st->service_rng) gsl_rng_free(st->service_rng);
        if (st->route_rng) gsl_rng_free(st->route_rng);
        if (st->patience_rng) gsl_rng_free(st->patience_rng);
    }
    if (m->init_rng) gsl_rng_free(m->init_rng);
    pool_free(&m->customers);
    sim_free(&m->sim);
}

static int model_init(qnet_model_t *m, const qnet_spec_t *spec, uint64_t seed, uint32_t rep,
                      const atomic_int *stop) {
    *m = (qnet_model_t){0};
    m->spec = spec;
    int fail = sim_init(&m->sim, m, stop) != 0;
    fail |= pool_init(&m->customers, sizeof(customer_t), 1024) != 0;
    m->init_rng = rng_stream_new(seed, rep, (uint32_t)(4 * spec->k));
    fail |= m->init_rng == NULL;
    stats_tally_init(&m->response);
    for (size_t i = 0; i < spec->k; i++) {
        station_state_t *st = &m->st[i];
        const qnet_station_t *sp = &spec->station[i];
        uint32_t base = (uint32_t)(4 * i);
        st->arrival_rng = rng_stream_new(seed, rep, base);
        st->service_rng = rng_stream_new(seed, rep, base + 1);
        st->route_rng = rng_stream_new(seed, rep, base + 2);
        st->patience_rng = rng_stream_new(seed, rep, base + 3);
        fail |= !st->arrival_rng || !st->service_rng || !st->route_rng || !st->patience_rng;
        fail |= res_init(&st->res, sp->servers, 1, 0.0) != 0;
        st->arrival_mean = sp->arrival_rate > 0 ? 1.0 / sp->arrival_rate : 0;
        st->service_exp = sp->service.kind == DIST_EXP ? sp->service.q[0] : 0;
        double cum = 0;
        for (size_t j = 0; j < spec->k; j++)
            if (sp->route[j] > 0) {
                cum += sp->route[j];
                st->target[st->n_targets] = (uint32_t)j;
                st->cumulative[st->n_targets++] = cum;
            }
        stats_tally_init(&st->visit);
    }
    if (fail) {
        model_free(m);
        return -1;
    }
    sim_on(&m->sim, EV_ARRIVAL, on_arrival);
    sim_on(&m->sim, EV_DEPART, on_depart);
    sim_on(&m->sim, EV_RENEGE, on_renege);
    sim_on(&m->sim, EV_WARMUP, on_warmup);
    return 0;
}

/* First arrivals, the warm-up event and the customers present at time 0. */
static void model_start(qnet_model_t *m) {
    const qnet_spec_t *spec = m->spec;
    for (size_t i = 0; i < spec->k; i++) {
        const qnet_station_t *sp = &spec->station[i];
        station_state_t *st = &m->st[i];
        double first = INFINITY;
        if (sp->arrival_profile) first = nhpp_next(sp->arrival_profile, 0.0, st->arrival_rng);
        else if (sp->arrival_rate > 0) first = rng_exponential(st->arrival_rng, st->arrival_mean);
        if (first <= spec->horizon) sim_at(&m->sim, first, EV_ARRIVAL, 0, i);
        if (!sp->arrival_profile && sp->arrival_rate > 0)
            st->gap = rng_exponential(st->arrival_rng, st->arrival_mean);
        st->work = draw_work(m, st, (uint32_t)i);
    }
    if (spec->warmup > 0) sim_at(&m->sim, spec->warmup, EV_WARMUP, 0, 0);
    for (size_t i = 0; i < spec->k; i++) {
        const qnet_station_t *sp = &spec->station[i];
        unsigned n = sp->initial;
        if (sp->initial_geometric > 0)
            n = gsl_ran_geometric(m->init_rng, 1.0 - sp->initial_geometric) - 1;
        for (unsigned j = 0; j < n; j++) {
            uint32_t c = new_customer(m);
            if (c != POOL_NONE) enter(m, c, (uint32_t)i);
        }
    }
}

static void collect(const qnet_model_t *m, qnet_result_t *out) {
    const qnet_spec_t *spec = m->spec;
    double now = m->sim.now;
    out->k = spec->k;
    for (size_t i = 0; i < spec->k; i++) {
        const station_state_t *st = &m->st[i];
        const res_t *r = &st->res;
        qnet_station_result_t *o = &out->station[i];
        double lq = stats_timeavg_mean(&r->queue_avg, now);
        o->arrivals = st->arrivals;
        o->served = (double)r->served;
        o->utilization = res_utilization(r, now);
        o->lq = lq;
        o->l = lq + stats_timeavg_mean(&r->busy_avg, now);
        o->wq = stats_tally_mean(&r->wait);
        o->w = stats_tally_mean(&st->visit);
        o->p_wait = r->served ? (double)r->waited / (double)r->served : NAN;
        double left = (double)(r->served + r->abandoned);
        o->p_abandon = left > 0 ? (double)r->abandoned / left : NAN;
        o->wq_p50 = stats_hist_quantile(&r->wait_hist, 0.50);
        o->wq_p90 = stats_hist_quantile(&r->wait_hist, 0.90);
        o->wq_p95 = stats_hist_quantile(&r->wait_hist, 0.95);
    }
    out->response = stats_tally_mean(&m->response);
    out->completed = (double)m->response.n;
    out->throughput = out->completed / (spec->horizon - spec->warmup);
    for (size_t w = 0; w < QNET_MAX_WINDOWS; w++) out->window_count[w] = m->window_count[w];
    out->events = m->sim.events;
    out->peak_in_system = (double)m->peak;
}

int qnet_run(const qnet_spec_t *spec, uint64_t seed, uint32_t replication, const atomic_int *stop,
             qnet_result_t *out) {
    qnet_model_t m;
    if (model_init(&m, spec, seed, replication, stop) != 0) return -1;
    model_start(&m);
    sim_run(&m.sim, spec->horizon);
    collect(&m, out);
    out->interrupted = m.sim.stopped;
    int rc = m.nomem ? -1 : m.sim.stopped ? 1 : 0;
    model_free(&m);
    return rc;
}
