/*
 * flow_luck.c - each case's own random substreams.
 *
 * A case is the n-th arrival of its arrival stream (service, region,
 * channel); its key is a hash of (seed, replication, stream, n), and each
 * purpose (flow_luck_t) is a SplitMix64 substream started from that key
 * (sim/rng.h).  Arrivals are the same in every variant that keeps the
 * demand, so the n-th citizen of a stream is the same person in each, and
 * meets the same work times, outcomes, data delays, patience and returns
 * whatever a reform does to other citizens: the draws of one case no
 * longer depend on how many draws other cases made before it.
 */
#include <stdlib.h>

#include "dist.h"
#include "flow_internal.h"
#include "rng.h"

/* One counter per arrival stream id (the EV_ARRIVAL data code). */
#define LUCK_SOURCES ((size_t)2 * FLOW_MAX_SERVICES * FLOW_MAX_REGIONS)

int flow_luck_setup(flow_model_t *m) {
    m->luck_base = rng_substream_base(m->s->seed, m->rep);
    m->luck_seq = calloc(LUCK_SOURCES, sizeof *m->luck_seq);
    return m->luck_seq ? 0 : -1;
}

void flow_luck_free(flow_model_t *m) {
    free(m->luck_seq);
    m->luck_seq = NULL;
}

void flow_luck_init(flow_model_t *m, flow_case_t *c, unsigned source) {
    hot_assert(source < LUCK_SOURCES);
    c->arrival_index = (uint32_t)m->luck_seq[source]; /* who the citizen is, in every variant */
    uint64_t entity = (uint64_t)m->luck_seq[source]++ * LUCK_SOURCES + source;
    uint64_t key = rng_substream_key_of(m->luck_base, entity);
    for (unsigned p = 0; p < FLOW_LUCK_N; p++) c->luck[p] = rng_substream_start(key, p);
}

/* After a task has used its own slot it moves to a hashed position, so a
 * second work time or completion of that step (rework) cannot reuse the
 * slot of the run's next step. */
double flow_luck_work(flow_case_t *c, task_t *tk, const dist_t *d) {
    uint64_t *word = tk->own_luck ? &tk->luck_work : &c->luck[LUCK_WORK];
    uint64_t slot = rng_splitmix_next(word);
    if (tk->own_luck) *word = rng_substream_start(slot, LUCK_WORK);
    gsl_rng g = rng_substream(&slot);
    return dist_sample(d, &g);
}

/* The numbers rng_uniform would give from the substream, stepped here
 * directly: this runs at every completion. */
void flow_luck_outcomes(flow_case_t *c, task_t *tk, double u[3]) {
    uint64_t *word = tk->own_luck ? &tk->luck_outcome : &c->luck[LUCK_OUTCOME];
    for (int i = 0; i < 3; i++) u[i] = (rng_splitmix_next(word) >> 11) * 0x1.0p-53;
    if (tk->own_luck) *word = rng_substream_start(*word, LUCK_OUTCOME);
}

void flow_luck_run_task(const flow_case_t *c, task_t *tk, int offset) {
    tk->own_luck = true;
    tk->luck_work = c->luck[LUCK_WORK] + (uint64_t)offset * RNG_SPLITMIX_GAMMA;
    tk->luck_outcome = c->luck[LUCK_OUTCOME] + 3u * (uint64_t)offset * RNG_SPLITMIX_GAMMA;
}

void flow_luck_run_end(flow_case_t *c, int n) {
    c->luck[LUCK_WORK] += (uint64_t)n * RNG_SPLITMIX_GAMMA;
    c->luck[LUCK_OUTCOME] += 3u * (uint64_t)n * RNG_SPLITMIX_GAMMA;
}
