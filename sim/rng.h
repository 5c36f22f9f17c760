/*
 * rng.h - independent random-number streams for common random numbers.
 *
 * Every source of randomness in a model (arrivals of one service, work at one
 * step, the outage process, ...) draws from its own stream.  A stream is a
 * GSL generator (gsl_rng_mt19937) seeded from the triple
 * (base seed, replication, stream id) by rng_stream_seed().  Two variants of
 * a model that use the same stream ids therefore see the same arrivals and
 * the same work times: common random numbers.
 *
 * The mixing function.  GSL seeds MT19937 with 32 bits only, so a hash of
 * the triple into 32 bits could make two streams of one experiment collide.
 * Instead the replication and stream id are packed into a 32-bit key
 *     key = (replication << RNG_STREAM_BITS) | stream
 * which is unique for replication < 2^(32-RNG_STREAM_BITS) and
 * stream < 2^RNG_STREAM_BITS; the key is XORed with a 32-bit digest of the
 * base seed (splitmix64 folded to 32 bits) and passed through murmur3's
 * fmix32, a bijection on 32-bit integers.  Distinct (replication, stream)
 * pairs under one base seed therefore always get distinct generator seeds.
 * Seed 0 (which GSL would replace by its default 4357) is passed as 2^32,
 * which GSL truncates to the state word 0 that no other seed reaches.
 */
#ifndef GOVSIM_RNG_H
#define GOVSIM_RNG_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

#define RNG_STREAM_BITS 12u                       /* up to 4096 streams     */
#define RNG_MAX_STREAMS (1u << RNG_STREAM_BITS)
#define RNG_MAX_REPLICATIONS (1u << (32u - RNG_STREAM_BITS)) /* 1,048,576 */

/* The 32-bit GSL seed of stream `stream` in replication `replication`.
 * Preconditions (asserted): stream < RNG_MAX_STREAMS,
 * replication < RNG_MAX_REPLICATIONS. Never returns 0. Can't fail. */
unsigned long rng_stream_seed(uint64_t base_seed, uint32_t replication,
                              uint32_t stream);

/* A new generator for that stream. Returns NULL if out of memory. */
gsl_rng *rng_stream_new(uint64_t base_seed, uint32_t replication,
                        uint32_t stream);

/* Re-seed an existing generator in place for another (replication, stream). */
void rng_stream_reset(gsl_rng *r, uint64_t base_seed, uint32_t replication,
                      uint32_t stream);

/* An exponential draw with the given mean, by inversion: -mean * log(U)
 * with U uniform on (0, 1).  Same distribution as gsl_ran_exponential,
 * which computes -mean * log1p(-U); glibc's log is about three times
 * faster than log1p, and exponential draws dominate a queueing model's
 * run time. */
static inline double rng_exponential(gsl_rng *r, double mean) {
    return -mean * log(gsl_rng_uniform_pos(r));
}

/* splitmix64 finaliser: a well-mixed 64-bit hash, also used elsewhere. */
uint64_t rng_mix64(uint64_t x);

#endif
