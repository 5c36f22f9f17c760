#include "rng.h"

#include <assert.h>
#include <stdbool.h>

/* ---- the generator type --------------------------------------------- */

/* GSL's taus2_set: seed 0 means 1; the three words come from an LCG and
 * are bumped above 1, 7 and 15 (the recurrences need bits there); six
 * steps warm it up.  The zero test is on the full seed, as GSL's is. */
static void taus2_set(void *vstate, unsigned long int seed) {
    rng_taus2_state_t *st = vstate;
    if (seed == 0) seed = 1;
    st->s1 = 69069u * (uint32_t)seed;
    if (st->s1 < 2) st->s1 += 2u;
    st->s2 = 69069u * st->s1;
    if (st->s2 < 8) st->s2 += 8u;
    st->s3 = 69069u * st->s2;
    if (st->s3 < 16) st->s3 += 16u;
    for (int i = 0; i < 6; i++) rng_taus2_next(st);
}

static unsigned long int taus2_get(void *vstate) { return rng_taus2_next(vstate); }

static double taus2_get_double(void *vstate) { return rng_taus2_next(vstate) / 4294967296.0; }

const gsl_rng_type rng_taus2 = {"taus2",   0xffffffffUL,    0, sizeof(rng_taus2_state_t), taus2_set,
                                taus2_get, taus2_get_double};

/* ---- SplitMix64 substreams (rng.h) ----------------------------------- */

static void splitmix_set(void *vstate, unsigned long int seed) { *(uint64_t *)vstate = seed; }

/* GSL's contract: get() returns integers in [min, max]: the top 32 bits. */
static unsigned long int splitmix_get(void *vstate) { return rng_splitmix_next(vstate) >> 32; }

static double splitmix_get_double(void *vstate) {
    return (rng_splitmix_next(vstate) >> 11) * 0x1.0p-53;
}

const gsl_rng_type rng_splitmix = {"splitmix64",       0xffffffffUL, 0,
                                   sizeof(uint64_t),   splitmix_set, splitmix_get,
                                   splitmix_get_double};

uint64_t rng_substream_base(uint64_t base_seed, uint32_t replication) {
    return rng_mix64(rng_mix64(base_seed) ^ ((uint64_t)replication << 1 | 1u));
}

/* Two rounds of the bijective finaliser: for a fixed (seed, replication)
 * the map from entity to key is a bijection, so entities never share a
 * key. */
uint64_t rng_substream_key(uint64_t base_seed, uint32_t replication, uint64_t entity) {
    return rng_substream_key_of(rng_substream_base(base_seed, replication), entity);
}

uint64_t rng_mix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* murmur3 fmix32: every step is invertible, so the whole map is a bijection
 * on 32-bit integers; this is what makes distinct keys give distinct seeds. */
static uint32_t fmix32(uint32_t h) {
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

/* Would GSL's taus2 seeding of s pass through one of its fix-ups (seed 0
 * replaced by 1; s1 < 2, s2 < 8 or s3 < 16 bumped up)?  Those are the only
 * places where two 32-bit seeds can give the same generator state; 27 of
 * the 2^32 seeds do.  Mirrors taus2_set in GSL's rng/taus.c. */
static bool taus2_seed_is_fixed_up(uint32_t s) {
    if (s == 0) return true;
    uint32_t s1 = 69069u * s;
    if (s1 < 2) return true;
    uint32_t s2 = 69069u * s1;
    if (s2 < 8) return true;
    uint32_t s3 = 69069u * s2;
    return s3 < 16;
}

unsigned long rng_stream_seed(uint64_t base_seed, uint32_t replication, uint32_t stream) {
    assert(stream < RNG_MAX_STREAMS);
    assert(replication < RNG_MAX_REPLICATIONS);
    uint64_t d = rng_mix64(base_seed);
    uint32_t digest = (uint32_t)(d ^ (d >> 32));
    uint32_t key = (replication << RNG_STREAM_BITS) | stream;
    uint32_t s = fmix32(key ^ digest);
    while (taus2_seed_is_fixed_up(s)) s = fmix32(s ^ 0x9E3779B9u);
    return s;
}

gsl_rng *rng_stream_new(uint64_t base_seed, uint32_t replication, uint32_t stream) {
    gsl_rng *r = gsl_rng_alloc(RNG_TYPE);
    if (r) gsl_rng_set(r, rng_stream_seed(base_seed, replication, stream));
    return r;
}

void rng_stream_reset(gsl_rng *r, uint64_t base_seed, uint32_t replication, uint32_t stream) {
    gsl_rng_set(r, rng_stream_seed(base_seed, replication, stream));
}
