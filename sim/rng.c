#include "rng.h"

#include <assert.h>

_Static_assert(sizeof(unsigned long) >= 8,
               "rng_stream_seed maps seed 0 to 2^32: needs 64-bit long");

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

unsigned long rng_stream_seed(uint64_t base_seed, uint32_t replication,
                              uint32_t stream) {
    assert(stream < RNG_MAX_STREAMS);
    assert(replication < RNG_MAX_REPLICATIONS);
    uint64_t d = rng_mix64(base_seed);
    uint32_t digest = (uint32_t)(d ^ (d >> 32));
    uint32_t key = (replication << RNG_STREAM_BITS) | stream;
    uint32_t s = fmix32(key ^ digest);
    /* GSL's mt19937 replaces seed 0 by 4357, which another key may also
     * produce.  It keeps only the low 32 bits of a non-zero seed, so 2^32
     * reaches the state mt[0] = 0 that no other 32-bit seed gives. */
    return s == 0 ? (1ul << 32) : (unsigned long)s;
}

gsl_rng *rng_stream_new(uint64_t base_seed, uint32_t replication,
                        uint32_t stream) {
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r)
        gsl_rng_set(r, rng_stream_seed(base_seed, replication, stream));
    return r;
}

void rng_stream_reset(gsl_rng *r, uint64_t base_seed, uint32_t replication,
                      uint32_t stream) {
    gsl_rng_set(r, rng_stream_seed(base_seed, replication, stream));
}
