/*
 * flow_breach.c - breaches of the online platform, the data links and the
 * hub (scn_breach.h, docs/model.md "Breaches").
 *
 * Each breach process is a Poisson process of rate per_year / security.
 * A breach takes its target down for suspend_days / security (the links
 * or the hub: api requests fall back to manual exchange, as in an outage;
 * the platform: online arrivals go to the counter), makes a share of the
 * would-be online citizens go to the counter for dip_days, and costs
 * `cost` yuan.  Each process draws from a stream of its own, so variants
 * (a security level) meet the same breaches, scaled in time.
 */
#include <math.h>
#include <stdlib.h>

#include "flow_internal.h"

#define MINUTES_PER_YEAR (365.0 * 1440.0)

/* Event data: process index x 2 + kind. */
enum { BREACH_HAPPENS = 0, BREACH_RESTORED = 1 };

typedef struct flow_breach {
    gsl_rng *rng[SCN_MAX_BREACHES];
    double dip_end[SCN_MAX_BREACHES]; /* online use dips until then      */
    uint32_t ev_type;
    double count, cost;     /* breaches after the warm-up, their cost  */
    int sharing_down;       /* suspensions of links or hub under way   */
    double sharing_since;   /* the current suspended spell's start     */
    double sharing_minutes; /* suspended minutes after the warm-up     */
} flow_breach_t;

/* The next breach of process i after now. */
static void schedule_next(flow_model_t *m, size_t i) {
    const scn_t *s = m->s;
    double rate = scn_breach_rate(&s->breaches[i], s->levers.security);
    double gap = rng_exponential(m->breach->rng[i], MINUTES_PER_YEAR / rate);
    if (gap < WCAL_FAR) flow_schedule(m, m->sim.now + gap, m->breach->ev_type, 0, 2 * i);
}

/* Suspended sharing minutes from `since` to now within the measured period. */
static double measured_minutes(const flow_model_t *m, double since) {
    double from = fmax(since, m->warmup);
    return m->sim.now > from ? m->sim.now - from : 0;
}

/* One more (+1) or one fewer (-1) suspension of the data links or hub. */
static void sharing(flow_model_t *m, int delta) {
    flow_breach_t *b = m->breach;
    if (delta > 0 && b->sharing_down++ == 0) b->sharing_since = m->sim.now;
    if (delta < 0 && --b->sharing_down == 0)
        b->sharing_minutes += measured_minutes(m, b->sharing_since);
}

static void on_breach(void *model, sim_t *sim, const evq_event_t *ev) {
    flow_model_t *m = model;
    const scn_t *s = m->s;
    size_t i = (size_t)(ev->data >> 1);
    const scn_breach_t *br = &s->breaches[i];
    flow_breach_t *b = m->breach;
    hot_assert(i < s->n_breaches);
    bool shared = br->target != SCN_INC_ONLINE; /* links or hub */
    if (ev->data & 1) {                         /* the target is restored */
        flow_outage_toggle(m, (scn_incident_target_t)br->target, -1);
        if (shared) sharing(m, -1);
        return;
    }
    if (sim->now >= m->warmup) {
        b->count++;
        b->cost += br->cost;
    }
    double down = dist_sample(&br->suspend_days, b->rng[i]) * 1440 / s->levers.security;
    if (down > 0 && down < WCAL_FAR) {
        flow_outage_toggle(m, (scn_incident_target_t)br->target, +1);
        if (shared) sharing(m, +1);
        flow_schedule(m, sim->now + down, b->ev_type, 0, 2 * i + 1);
    }
    if (br->dip_days > 0 && br->dip_share > 0)
        b->dip_end[i] = fmax(b->dip_end[i], sim->now + br->dip_days * 1440);
    schedule_next(m, i);
}

int flow_breach_setup(flow_model_t *m, uint32_t ev_type) {
    const scn_t *s = m->s;
    if (s->n_breaches == 0) return 0;
    hot_assert(s->n_breaches <= SCN_MAX_BREACHES);
    m->breach = calloc(1, sizeof *m->breach);
    if (!m->breach) return -1;
    m->breach->ev_type = ev_type;
    for (size_t i = 0; i < s->n_breaches; i++) {
        m->breach->rng[i] = rng_stream_new(s->seed, m->rep, (uint32_t)(FLOW_STREAM_BREACH + i));
        if (!m->breach->rng[i]) return -1;
    }
    sim_on(&m->sim, ev_type, on_breach);
    for (size_t i = 0; i < s->n_breaches; i++) schedule_next(m, i);
    return 0;
}

void flow_breach_free(flow_model_t *m) {
    if (!m->breach) return;
    for (size_t i = 0; i < SCN_MAX_BREACHES; i++)
        if (m->breach->rng[i]) gsl_rng_free(m->breach->rng[i]);
    free(m->breach);
    m->breach = NULL;
}

/* The citizen is wary with the largest dip share under way: one number
 * per citizen, so a smaller share sends a subset of a larger one's. */
bool flow_breach_dip(const flow_model_t *m, const flow_case_t *c) {
    double share = 0;
    for (size_t i = 0; i < m->s->n_breaches; i++)
        if (m->sim.now < m->breach->dip_end[i]) share = fmax(share, m->s->breaches[i].dip_share);
    return share > 0 && flow_case_u(c, 0xB4EAC4) < share;
}

void flow_breach_collect(const flow_model_t *m, double *all) {
    double years = (m->horizon - m->warmup) / MINUTES_PER_YEAR;
    const flow_breach_t *b = m->breach;
    if (!b) {
        all[FLOW_K_BREACHES] = all[FLOW_K_SHARING_SUSPENDED] = all[FLOW_K_BREACH_COST] = 0;
        return;
    }
    double minutes = b->sharing_minutes;
    if (b->sharing_down > 0) minutes += measured_minutes(m, b->sharing_since);
    all[FLOW_K_BREACHES] = b->count / years;
    all[FLOW_K_SHARING_SUSPENDED] = minutes / 1440 / years;
    all[FLOW_K_BREACH_COST] = b->cost / years;
}
