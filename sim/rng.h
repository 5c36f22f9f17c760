/*
 * rng.h - independent random-number streams for common random numbers.
 *
 * Every source of randomness in a model (arrivals of one service, work at one
 * step, the outage process, ...) draws from its own stream.  A stream is a
 * GSL generator seeded from the triple (base seed, replication, stream id)
 * by rng_stream_seed().  Two variants of a model that use the same stream
 * ids therefore see the same arrivals and the same work times: common
 * random numbers.
 *
 * The generator is gsl_rng_taus2, L'Ecuyer's maximally equidistributed
 * combined Tausworthe generator (period 2^88, 12 bytes of state), which GSL
 * lists among its simulation-quality generators.  It replaced MT19937
 * because it is faster where it matters: measured on `govsim bench mm1`,
 * 23 million events/s against 19 million (MT19937's 2.5 KB state per
 * stream costs cache traffic on every draw).
 *
 * The mixing function.  GSL seeds taus2 from 32 bits only, so a hash of
 * the triple into 32 bits could make two streams of one experiment collide.
 * Instead the replication and stream id are packed into a 32-bit key
 *     key = (replication << RNG_STREAM_BITS) | stream
 * which is unique for replication < 2^(32-RNG_STREAM_BITS) and
 * stream < 2^RNG_STREAM_BITS; the key is XORed with a 32-bit digest of the
 * base seed (splitmix64 folded to 32 bits) and passed through murmur3's
 * fmix32, a bijection on 32-bit integers.  Distinct (replication, stream)
 * pairs under one base seed therefore get distinct 32-bit seeds.  GSL's
 * taus2 seeding is itself injective except on 27 seeds where it applies a
 * fix-up (seed 0 becomes 1, small state words are bumped); such a seed is
 * re-hashed.  Two streams of an experiment with N streams in all can then
 * share a state only if one lands on those 27 values and its re-hash meets
 * another stream's seed: probability below 27 N^2 / 2^64 (1.5e-6 for a
 * million streams).
 */
#ifndef GOVSIM_RNG_H
#define GOVSIM_RNG_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

#define RNG_TYPE gsl_rng_taus2
#define RNG_STREAM_BITS 12u                       /* up to 4096 streams     */
#define RNG_MAX_STREAMS (1u << RNG_STREAM_BITS)
#define RNG_MAX_REPLICATIONS (1u << (32u - RNG_STREAM_BITS)) /* 1,048,576 */

/* The 32-bit GSL seed of stream `stream` in replication `replication`.
 * Preconditions (asserted): stream < RNG_MAX_STREAMS,
 * replication < RNG_MAX_REPLICATIONS.  Never returns 0 nor a seed that
 * GSL's taus2 seeding would fix up.  Can't fail. */
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
