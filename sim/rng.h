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
 * The generator is taus2, L'Ecuyer's maximally equidistributed combined
 * Tausworthe generator (period 2^88, 12 bytes of state), which GSL lists
 * among its simulation-quality generators.  It replaced MT19937 because it
 * is faster where it matters: measured on `govsim bench mm1`, 23 million
 * events/s against 19 million (MT19937's 2.5 KB state per stream costs
 * cache traffic on every draw).
 *
 * The streams are GSL generators (gsl_ran_* draws from them) of our own
 * type `rng_taus2`, a copy of gsl_rng_taus2 (same seeding, same numbers:
 * tests/unit/test_rng.c compares the two) whose state layout we own.  That
 * lets the hot draws, rng_uniform and rng_uniform_pos, step the generator
 * inline instead of through two calls and a function pointer per number
 * (a fifth of a workflow model's instructions went there); a generator of
 * any other type falls back to GSL's calls.
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

#include "zig_tables.h"

/* The generator type of every stream (a copy of gsl_rng_taus2, "taus2"). */
extern const gsl_rng_type rng_taus2;
#define RNG_TYPE             (&rng_taus2)
#define RNG_STREAM_BITS      12u /* up to 4096 streams     */
#define RNG_MAX_STREAMS      (1u << RNG_STREAM_BITS)
#define RNG_MAX_REPLICATIONS (1u << (32u - RNG_STREAM_BITS)) /* 1,048,576 */

/* The 32-bit GSL seed of stream `stream` in replication `replication`.
 * Preconditions (asserted): stream < RNG_MAX_STREAMS,
 * replication < RNG_MAX_REPLICATIONS.  Never returns 0 nor a seed that
 * GSL's taus2 seeding would fix up.  Can't fail. */
unsigned long rng_stream_seed(uint64_t base_seed, uint32_t replication, uint32_t stream);

/* A new generator for that stream. Returns NULL if out of memory. */
gsl_rng *rng_stream_new(uint64_t base_seed, uint32_t replication, uint32_t stream);

/* Re-seed an existing generator in place for another (replication, stream). */
void rng_stream_reset(gsl_rng *r, uint64_t base_seed, uint32_t replication, uint32_t stream);

/* The state of an rng_taus2 generator: three 32-bit words. */
typedef struct rng_taus2_state {
    uint32_t s1, s2, s3;
} rng_taus2_state_t;

/* One step of taus2 (GSL's taus_get: the same recurrences, with the
 * masking to 32 bits done by the type). */
static inline uint32_t rng_taus2_next(rng_taus2_state_t *st) {
    st->s1 = ((st->s1 & 4294967294u) << 12) ^ (((st->s1 << 13) ^ st->s1) >> 19);
    st->s2 = ((st->s2 & 4294967288u) << 4) ^ (((st->s2 << 2) ^ st->s2) >> 25);
    st->s3 = ((st->s3 & 4294967280u) << 17) ^ (((st->s3 << 3) ^ st->s3) >> 11);
    return st->s1 ^ st->s2 ^ st->s3;
}

/* ---- per-entity substreams: SplitMix64 ------------------------------
 *
 * A model that gives every citizen (case) their own luck needs a stream
 * per case and purpose: hundreds of thousands of streams, each seeded at
 * an arrival and used for a handful of draws.  A taus2 stream costs a
 * seeding with six warm-up steps and 12 bytes; SplitMix64 (Steele, Lea
 * and Flood 2014; the generator of Java's SplittableRandom) costs one
 * 64-bit word, and a draw is an add and the splitmix64 finaliser, so it
 * is seeded from a hash for free.  Its output passes BigCrush; streams
 * are windows of one Weyl sequence (period 2^64) starting at hashed,
 * independent positions, so two streams of an experiment with N streams
 * of at most L draws each overlap with probability below N^2 L / 2^64.
 *
 * `rng_splitmix` is a GSL generator type over that word, so gsl_ran_* and
 * dist_sample draw from it; rng_uniform steps it inline.  To draw from a
 * word w held in a record:  gsl_rng g = rng_substream(&w);            */
extern const gsl_rng_type rng_splitmix;
#define RNG_SPLITMIX_GAMMA 0x9E3779B97F4A7C15ull

/* The next 64 bits of the substream whose state is *s. */
static inline uint64_t rng_splitmix_next(uint64_t *s) {
    uint64_t z = (*s += RNG_SPLITMIX_GAMMA);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A GSL view of the substream state *s (no allocation; valid while *s
 * stays where it is). */
static inline gsl_rng rng_substream(uint64_t *s) { return (gsl_rng){&rng_splitmix, s}; }

/* The start of substream `purpose` of entity `key` (a key from
 * rng_substream_key): a hashed position, distinct for distinct purposes. */
static inline uint64_t rng_substream_start(uint64_t key, unsigned purpose) {
    uint64_t z = key + (purpose + 1u) * 0xD1B54A32D192ED03ull;
    return rng_splitmix_next(&z);
}

/* A 64-bit key for entity `entity` of replication `replication` under
 * `base_seed`: injective in `entity` for a fixed (seed, replication), and
 * independent-looking across replications and seeds. */
uint64_t rng_substream_key(uint64_t base_seed, uint32_t replication, uint64_t entity);

/* rng_substream_key in two parts, for a model that makes a key at every
 * arrival: the part that depends on (base_seed, replication) alone,
 * computed once per replication, and the key of an entity from it, which
 * is rng_substream_key(base_seed, replication, entity). */
uint64_t rng_substream_base(uint64_t base_seed, uint32_t replication);
static inline uint64_t rng_substream_key_of(uint64_t base, uint64_t entity) {
    uint64_t z = base ^ entity; /* rng_mix64(base ^ entity) */
    return rng_splitmix_next(&z);
}

/* gsl_rng_uniform(r), the same number, inline for rng_taus2 and
 * rng_splitmix streams (53 bits for the latter). */
static inline double rng_uniform(gsl_rng *r) {
    if (r->type == &rng_splitmix) return (rng_splitmix_next(r->state) >> 11) * 0x1.0p-53;
    if (r->type == &rng_taus2) return rng_taus2_next(r->state) / 4294967296.0;
    return gsl_rng_uniform(r);
}

/* gsl_rng_uniform_pos(r): uniform on (0, 1), zero skipped, the same way. */
static inline double rng_uniform_pos(gsl_rng *r) {
    double x;
    do x = rng_uniform(r);
    while (x == 0);
    return x;
}

/* ---- ziggurat draws ---------------------------------------------------
 *
 * Exponential and normal numbers come from the ziggurat method (Marsaglia
 * and Tsang 2000; tables in zig_tables.h): one word (rng_zig_word) gives a
 * layer index (its low 8 bits; the normal: 7 bits and a sign bit) and a
 * 53-bit magnitude (its high bits, disjoint from those); about 99% of the
 * draws end there with a comparison and a multiplication, the rest go to
 * an out-of-line path (the wedge test with exp, or the tail).  This
 * replaced -mean log(U) and the polar method in random-number version 3
 * (RNG_RESULTS_VERSION, docs/kernel.md): the same distributions, other
 * numbers.  tests/unit/test_ziggurat.c checks moments, the KS distance to
 * the exact CDF and tail frequencies. */

/* The version of the random numbers: it changes whenever a draw method
 * changes what a given seed gives (`govsim --version` prints it).
 *   1  GSL draws;  2  per-case SplitMix64 substreams;  3  ziggurat. */
#define RNG_RESULTS_VERSION 3
#define RNG_RESULTS_METHOD  "ziggurat"

/* A word for the ziggurats: its low 8 bits and its high 53 bits random.
 * SplitMix64: one step, all 64 bits.  taus2: one 32-bit step, its low 8
 * bits as the low 8 and its high 24 as the top 24 of the 53 (the rest
 * zero): the magnitude has 24 random bits, as in GSL's
 * gsl_ran_gaussian_ziggurat, a grain of 2^-24 of a layer's width; a
 * second step for 53 bits cost 6% of an M/M/1's instructions and 1.23
 * times its time (docs/performance.md).  Other generator types: 64 bits
 * from two uniforms (rng_zig_word_other). */
uint64_t rng_zig_word_other(gsl_rng *r);
static inline uint64_t rng_zig_word(gsl_rng *r) {
    if (r->type == &rng_splitmix) return rng_splitmix_next(r->state);
    if (r->type == &rng_taus2) {
        uint64_t w = rng_taus2_next(r->state);
        return (w >> 8) << 40 | (w & 255u);
    }
    return rng_zig_word_other(r);
}

/* The rare paths of the ziggurats (sim/rng_zig.c), for the word b that
 * missed the fast test. */
double rng_exponential_slow(gsl_rng *r, uint64_t b);
double rng_normal_slow(gsl_rng *r, uint64_t b);

/* A standard exponential number (mean 1). */
static inline double rng_exp1(gsl_rng *r) {
    uint64_t b = rng_zig_word(r);
    unsigned i = (unsigned)(b & (ZIG_EXP_LAYERS - 1));
    uint64_t u = b >> 11;
    if (u < zig_exp_k[i]) return (double)u * zig_exp_w[i];
    return rng_exponential_slow(r, b);
}

/* An exponential number with the given mean. */
static inline double rng_exponential(gsl_rng *r, double mean) { return mean * rng_exp1(r); }

/* A standard normal number (mean 0, sd 1). */
static inline double rng_normal(gsl_rng *r) {
    uint64_t b = rng_zig_word(r);
    unsigned i = (unsigned)(b & (ZIG_NORM_LAYERS - 1));
    uint64_t u = b >> 11;
    if (u < zig_norm_k[i]) {
        double x = (double)u * zig_norm_w[i];
        return (b & ZIG_NORM_LAYERS) ? -x : x;
    }
    return rng_normal_slow(r, b);
}

/* A lognormal number: exp(zeta + sigma Z), Z from rng_normal. */
static inline double rng_lognormal(gsl_rng *r, double zeta, double sigma) {
    return exp(zeta + sigma * rng_normal(r));
}

/* splitmix64 finaliser: a well-mixed 64-bit hash, also used elsewhere. */
uint64_t rng_mix64(uint64_t x);

#endif
