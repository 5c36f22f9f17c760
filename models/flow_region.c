/*
 * flow_region.c - services across regions and institutional levers in the
 * workflow model (docs/model.md): where a citizen lives and what a trip
 * from there costs, proxy acceptance (a window of the home region takes
 * another region's matter; the file then travels), proactive services
 * (免申即享) and the audit of promised cases (告知承诺).
 *
 * Every draw comes from the case's own LUCK_EXTRA substream, so a citizen
 * is the same migrant, proactive or not, audited or not, in every variant,
 * and the other substreams (work, outcomes, data ...) do not move: a
 * scenario without these settings gives the same numbers as before.
 */
#include <math.h>

#include "flow_internal.h"
#include "rng.h"

/* The region of window resource r: a department's, or a pooled hall's. */
static int resource_region(const flow_model_t *m, int r) {
    size_t nd = m->s->n_departments;
    if ((size_t)r < 2 * nd) return m->s->departments[(size_t)r / 2].region;
    return (int)((size_t)r - 2 * nd);
}

/* A region other than `own`, drawn in proportion to demand_scale (u in
 * [0, 1)): where a migrant lives. */
static int other_region(const scn_t *s, int own, double u) {
    double total = 0;
    for (size_t i = 0; i < s->n_regions; i++)
        if ((int)i != own) total += s->regions[i].demand_scale;
    double cum = 0, target = u * total;
    int last = own;
    for (size_t i = 0; i < s->n_regions; i++) {
        if ((int)i == own) continue;
        last = (int)i;
        cum += s->regions[i].demand_scale;
        if (target < cum) return (int)i;
    }
    return last;
}

/* Without migrants or a proactive share for the service (most scenarios)
 * the three numbers are stepped over, not drawn: one addition on each
 * arrival, and LUCK_EXTRA's later numbers (courier, audit) stay the same. */
void flow_region_admit(flow_model_t *m, flow_case_t *c) {
    const scn_t *s = m->s;
    if (!s->travel.migrant && !(s->services[c->service].proactive_share > 0)) {
        c->home = c->region;
        c->luck[LUCK_EXTRA] += 3 * RNG_SPLITMIX_GAMMA; /* one step per uniform (sim/rng.h) */
        return;
    }
    gsl_rng g = flow_luck(c, LUCK_EXTRA);
    double u_migrant = rng_uniform(&g), u_home = rng_uniform(&g), u_proactive = rng_uniform(&g);
    c->home = c->region;
    if (s->travel.migrant && u_migrant < s->travel.migrant[c->service] && s->n_regions > 1)
        c->home = other_region(s, c->region, u_home);
    c->proactive = u_proactive < s->services[c->service].proactive_share;
}

/* Without travel matrices (most scenarios) a trip is the same for every
 * citizen, and where the citizen lives does not matter. */
double flow_region_trip(const flow_model_t *m, flow_case_t *c, int r) {
    const scn_t *s = m->s;
    if (!s->travel.cost && !s->travel.minutes) {
        c->trip_yuan += s->costs.trip_cost;
        return SCN_TRAVEL_MINUTES;
    }
    size_t at = (size_t)c->home * s->n_regions + (size_t)resource_region(m, r);
    c->trip_yuan += s->travel.cost ? s->travel.cost[at] : s->costs.trip_cost;
    return s->travel.minutes ? s->travel.minutes[at] : SCN_TRAVEL_MINUTES;
}

int flow_region_window(const flow_model_t *m, const flow_case_t *c, task_t *tk,
                       const scn_step_t *st) {
    const scn_travel_t *t = &m->s->travel;
    tk->proxied = false;
    if (t->proxy && t->proxy_at && c->home != m->s->departments[st->dept].region &&
        t->proxy_at[c->home] >= 0) {
        tk->proxied = true;
        return m->front_res[t->proxy_at[c->home]];
    }
    return m->front_res[st->dept];
}

double flow_region_courier(flow_case_t *c, const scn_t *s) {
    gsl_rng g = flow_luck(c, LUCK_EXTRA);
    return dist_sample(&s->travel.proxy_delay, &g);
}

int flow_region_audit(const flow_model_t *m, flow_case_t *c) {
    const scn_commit_t *k = &m->s->commitment;
    if (!(k->audit_share > 0) || !c->promised || c->revoked) return 0; /* the scenario's first */
    gsl_rng g = flow_luck(c, LUCK_EXTRA);
    double u_audit = rng_uniform(&g), u_false = rng_uniform(&g), u_lost = rng_uniform(&g);
    if (u_audit >= k->audit_share || u_false >= k->revocation) return 0;
    c->revoked = true; /* applies again with the documents, or gives up */
    return u_lost < k->revoked_lost ? 2 : 1;
}
