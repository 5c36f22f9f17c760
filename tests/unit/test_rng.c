/* Unit tests for the stream seeding (sim/rng.h): distinct seeds for
 * distinct (replication, stream) pairs, determinism, the seeds GSL's taus2
 * seeding would merge, and generators that reproduce and differ as they
 * should. */
#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "checks.h"

static int cmp_ulong(const void *pa, const void *pb) {
    unsigned long a = *(const unsigned long *)pa, b = *(const unsigned long *)pb;
    return (a > b) - (a < b);
}

/* Number of adjacent equal values after sorting (0 iff all distinct). */
static size_t count_duplicates(unsigned long *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_ulong);
    size_t dup = 0;
    for (size_t i = 1; i < n; i++) dup += v[i] == v[i - 1];
    return dup;
}

/* Multiplicative inverse of an odd number modulo 2^32 (Newton's method:
 * each step doubles the number of correct low bits). */
static uint32_t inverse_odd(uint32_t a) {
    uint32_t x = a; /* correct to 3 bits for odd a */
    for (int i = 0; i < 5; i++) x *= 2u - a * x;
    return x;
}

/* The seeds whose GSL taus2 seeding goes through a fix-up, found by
 * running its LCG (x -> 69069 x mod 2^32) backwards from the small state
 * words it bumps: s1 < 2, s2 < 8, s3 < 16, and the seed 0 it replaces.
 * Returns how many were written (at most 27). */
static size_t fixed_up_seeds(uint32_t *out) {
    uint32_t inv = inverse_odd(69069u);
    size_t n = 0;
    out[n++] = 0;
    for (uint32_t v = 0; v < 2; v++) out[n++] = v * inv;
    for (uint32_t v = 0; v < 8; v++) out[n++] = v * inv * inv;
    for (uint32_t v = 0; v < 16; v++) out[n++] = v * inv * inv * inv;
    return n;
}

static bool is_fixed_up(uint32_t s) {
    uint32_t bad[32];
    size_t n = fixed_up_seeds(bad);
    for (size_t i = 0; i < n; i++)
        if (bad[i] == s) return true;
    return false;
}

/* A valid seed: a 32-bit value GSL's taus2 seeds without a fix-up. */
static bool seed_valid(unsigned long s) { return s <= 0xFFFFFFFFul && !is_fixed_up((uint32_t)s); }

/* Seeds of every (rep < n_reps, stream < n_streams) under `base`, all
 * checked valid; returns the number of duplicates. */
static size_t duplicates_over(uint64_t base, uint32_t n_reps, uint32_t n_streams) {
    size_t n = (size_t)n_reps * n_streams;
    unsigned long *v = malloc(n * sizeof *v);
    ck_assert_ptr_nonnull(v);
    size_t k = 0;
    for (uint32_t rep = 0; rep < n_reps; rep++)
        for (uint32_t st = 0; st < n_streams; st++) {
            v[k] = rng_stream_seed(base, rep, st);
            CHECK(seed_valid(v[k]));
            k++;
        }
    size_t dup = count_duplicates(v, n);
    free(v);
    return dup;
}

START_TEST(test_duplicate_counter_works) {
    /* the injectivity tests rest on this helper: it must see a collision */
    unsigned long v[6] = {9, 3, 7, 3, 1, 9};
    CHECK_EQ(count_duplicates(v, 6), 2);
    unsigned long w[4] = {4, 3, 2, 1};
    CHECK_EQ(count_duplicates(w, 4), 0);
}
END_TEST

START_TEST(test_injective_2000_reps_64_streams) {
    const uint64_t bases[] = {0, 1, 20240611, UINT64_MAX};
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++)
        CHECK_EQ(duplicates_over(bases[i], 2000, 64), 0);
}
END_TEST

START_TEST(test_injective_256_reps_4096_streams) {
    CHECK_EQ(duplicates_over(123456789u, 256, RNG_MAX_STREAMS), 0);
}
END_TEST

/* The top of the ranges: the packing must not fold high replications onto
 * low ones (e.g. by dropping bits). */
START_TEST(test_injective_at_range_top) {
    enum { R = 64, S = 64 };
    unsigned long v[2 * R * S];
    size_t k = 0;
    for (uint32_t rep = 0; rep < R; rep++)
        for (uint32_t st = 0; st < S; st++) {
            v[k++] = rng_stream_seed(99, rep, st);
            v[k++] = rng_stream_seed(99, RNG_MAX_REPLICATIONS - 1 - rep, RNG_MAX_STREAMS - 1 - st);
        }
    for (size_t i = 0; i < k; i++) CHECK(seed_valid(v[i]));
    CHECK_EQ(count_duplicates(v, k), 0);
}
END_TEST

/* Seeds worked out apart from the library, by this Python transcription
 * of the construction rng.h documents (splitmix64 and murmur3's fmix32,
 * with GSL's taus_set, gsl/rng/taus.c, deciding which seeds it bumps):
 *
 *   M32, M64 = 2**32 - 1, 2**64 - 1
 *   def splitmix64(x):
 *       z = (x + 0x9E3779B97F4A7C15) & M64
 *       z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
 *       z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
 *       return z ^ (z >> 31)
 *   def fmix32(h):
 *       h ^= h >> 16; h = (h * 0x85EBCA6B) & M32
 *       h ^= h >> 13; h = (h * 0xC2B2AE35) & M32
 *       return h ^ (h >> 16)
 *   def bumped(s):                  # taus_set: s1, s2, s3 by the LCG
 *       if s == 0: return True
 *       lcg = lambda n: (69069 * n) & M32
 *       s1 = lcg(s); s2 = lcg(s1); s3 = lcg(s2)
 *       return s1 < 2 or s2 < 8 or s3 < 16
 *   def seed(base, rep, st):
 *       d = splitmix64(base)
 *       h = fmix32(((rep << 12) | st) ^ ((d ^ (d >> 32)) & M32))
 *       while bumped(h): h = fmix32(h ^ 0x9E3779B9)
 *       return h
 *
 * Its two primitives reproduce published values: splitmix64(0) =
 * 0xE220A8397B1DCDAF, and murmur3_32 of the empty string with seed 1 and
 * 0xFFFFFFFF, which is fmix32 of the seed, 0x514E28B7 and 0x81F16F39.  A
 * seed that changes here changes every number govsim prints for a seed. */
START_TEST(test_known_seeds) {
    CHECK_EQ(rng_stream_seed(0, 0, 0), 0x353BB3DAul);
    CHECK_EQ(rng_stream_seed(1, 0, 0), 0xBC3E8AA0ul);
    CHECK_EQ(rng_stream_seed(20240611, 7, 11), 0xDAF33503ul);
    CHECK_EQ(rng_stream_seed(UINT64_MAX, RNG_MAX_REPLICATIONS - 1, RNG_MAX_STREAMS - 1),
             0xF94A05A3ul);
    /* base 1, rep 98439, stream 301: the key equals the base's digest, so
     * the first hash is fmix32(0) = 0, which taus2 would turn into 1; the
     * re-hash gives fmix32(0 ^ 0x9E3779B9) */
    CHECK_EQ(rng_stream_seed(1, 98439, 301), 0x92CA2F0Eul);
}
END_TEST

/* Another base seed moves every (rep, stream) to another seed. */
START_TEST(test_base_seed_matters) {
    size_t same = 0, total = 0;
    for (uint64_t b = 0; b < 20; b++)
        for (uint32_t rep = 0; rep < 100; rep++)
            for (uint32_t st = 0; st < 16; st++) {
                same += rng_stream_seed(b, rep, st) == rng_stream_seed(b + 1, rep, st);
                total++;
            }
    /* by chance about total / 2^32 ~ 0 would coincide */
    CHECK_CMP(same * 1000, <=, total);
    /* large and adjacent 64-bit base seeds differ too (bits above 32 are
     * not dropped) */
    CHECK(rng_stream_seed(1ull << 40, 0, 0) != rng_stream_seed(0, 0, 0));
    CHECK(rng_stream_seed(1ull << 63, 3, 3) != rng_stream_seed(0, 3, 3));
}
END_TEST

START_TEST(test_mix64_is_splitmix64) {
    /* the first output of splitmix64 seeded with 0, a published value */
    CHECK_EQ(rng_mix64(0), 0xE220A8397B1DCDAFull);
    CHECK(rng_mix64(1) != rng_mix64(2));
}
END_TEST

/* ---- seeds GSL would merge ----------------------------------------------
 * rng.h spells out the construction: key = (rep << 12) | stream, XORed with
 * the base seed's splitmix64 digest folded to 32 bits, through murmur3's
 * fmix32, a bijection.  GSL's taus2 seeding merges a few seeds (0 and 1
 * give the same generator, and so do seeds whose state words get bumped);
 * rng_stream_seed re-hashes those.  The tests below build, for each such
 * seed, the key that hashes to it, and check it is steered away. */

static uint32_t fmix32(uint32_t h) {
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static uint32_t unxorshift(uint32_t h, unsigned s) {
    uint32_t x = h;
    for (unsigned k = s; k < 32; k += s) x = h ^ (x >> s);
    return x;
}

static uint32_t fmix32_inverse(uint32_t h) {
    h = unxorshift(h, 16);
    h *= inverse_odd(0xC2B2AE35u);
    h = unxorshift(h, 13);
    h *= inverse_odd(0x85EBCA6Bu);
    return unxorshift(h, 16);
}

static uint32_t base_digest(uint64_t base) {
    uint64_t d = rng_mix64(base);
    return (uint32_t)(d ^ (d >> 32));
}

START_TEST(test_fmix32_inverse_roundtrip) {
    /* the copy above is murmur3's fmix32: murmur3_32("", seed) is
     * fmix32(seed), published as 0x514E28B7 for seed 1 and 0x81F16F39 for
     * seed 0xFFFFFFFF */
    CHECK_EQ(fmix32(1), 0x514E28B7u);
    CHECK_EQ(fmix32(0xFFFFFFFFu), 0x81F16F39u);
    gsl_rng *g = rng_stream_new(5, 0, 0);
    for (int i = 0; i < 10000; i++) {
        uint32_t x = (uint32_t)gsl_rng_get(g);
        CHECK_EQ(fmix32_inverse(fmix32(x)), x);
    }
    CHECK_EQ(fmix32(0), 0);
    gsl_rng_free(g);
}
END_TEST

/* The reconstruction agrees with rng_stream_seed on ordinary triples, so
 * the special triples below are really the ones the library produces. */
START_TEST(test_construction_matches_header) {
    for (uint64_t b = 0; b < 50; b++)
        for (uint32_t rep = 0; rep < 30; rep++) {
            uint32_t st = (uint32_t)(b * 31 + rep) % RNG_MAX_STREAMS;
            uint32_t key = (rep << RNG_STREAM_BITS) | st;
            uint32_t h = fmix32(key ^ base_digest(b));
            if (!is_fixed_up(h)) CHECK_EQ(rng_stream_seed(b, rep, st), h);
        }
}
END_TEST

static size_t equal_draws(gsl_rng *a, gsl_rng *b, int n) {
    size_t same = 0;
    for (int i = 0; i < n; i++) same += gsl_rng_get(a) == gsl_rng_get(b);
    return same;
}

/* The premise: GSL's taus2 really does merge these seeds (0 with 1, and
 * each bumped seed with the seed that reaches the bumped value directly). */
START_TEST(test_gsl_taus2_merges_fixed_up_seeds) {
    gsl_rng *a = gsl_rng_alloc(gsl_rng_taus2), *b = gsl_rng_alloc(gsl_rng_taus2);
    CHECK(a && b);
    gsl_rng_set(a, 0);
    gsl_rng_set(b, 1);
    CHECK_EQ(equal_draws(a, b, 100), 100);
    uint32_t inv = inverse_odd(69069u);
    gsl_rng_set(a, 1u * inv); /* s1 = 1, bumped to 3 */
    gsl_rng_set(b, 3u * inv); /* s1 = 3 directly */
    CHECK_EQ(equal_draws(a, b, 100), 100);
    gsl_rng_set(b, 5u * inv); /* an ordinary seed differs */
    CHECK_CMP(equal_draws(a, b, 100), <=, 1);
    gsl_rng_free(a);
    gsl_rng_free(b);
}
END_TEST

START_TEST(test_fixed_up_seeds_are_steered_away) {
    uint32_t bad[32];
    size_t n = fixed_up_seeds(bad);
    CHECK_CMP(n, <=, 27);
    for (uint64_t base = 1; base <= 3; base++) {
        uint32_t d = base_digest(base);
        for (size_t i = 0; i < n; i++) {
            uint32_t key = fmix32_inverse(bad[i]) ^ d; /* hashes to bad[i] */
            uint32_t rep = key >> RNG_STREAM_BITS;
            uint32_t st = key & (RNG_MAX_STREAMS - 1);
            unsigned long s = rng_stream_seed(base, rep, st);
            CHECK(s != bad[i]);
            CHECK(seed_valid(s));
        }
    }
}
END_TEST

/* ---- generators ---------------------------------------------------------- */

START_TEST(test_generator_type) {
    gsl_rng *g = rng_stream_new(1, 2, 3);
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(gsl_rng_name(g), "taus2");
    gsl_rng_free(g);
}
END_TEST

/* govsim's own taus2 type is GSL's taus2, number for number: the same
 * seeding (zero, fix-ups, seeds above 32 bits) and the same sequence, and
 * the inline draws give GSL's doubles bit for bit (and the ziggurats'
 * words are its numbers). */
START_TEST(test_own_taus2_is_gsl_taus2) {
    uint32_t inv = inverse_odd(69069u);
    const unsigned long seeds[] = {0,
                                   1,
                                   2,
                                   3,
                                   1u * inv,
                                   3u * inv,
                                   7u * inv,
                                   12345,
                                   0xFFFFFFFFul,
                                   0x100000000ul,
                                   0x100000005ul,
                                   20210003ul};
    gsl_rng *ours = gsl_rng_alloc(RNG_TYPE), *gsl = gsl_rng_alloc(gsl_rng_taus2);
    CHECK(ours && gsl);
    ck_assert_str_eq(gsl_rng_name(ours), "taus2");
    CHECK_EQ(gsl_rng_max(ours), gsl_rng_max(gsl));
    CHECK_EQ(gsl_rng_min(ours), gsl_rng_min(gsl));
    for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        gsl_rng_set(ours, seeds[k]);
        gsl_rng_set(gsl, seeds[k]);
        CHECK_EQ(equal_draws(ours, gsl, 1000), 1000);
        for (int i = 0; i < 20000; i++) {
            double a = rng_uniform(ours), b = gsl_rng_uniform(gsl);
            if (a != b) ck_abort_msg("seed %lu draw %d: %.17g vs %.17g", seeds[k], i, a, b);
            CHECK(rng_uniform_pos(ours) == gsl_rng_uniform_pos(gsl));
            CHECK(gsl_rng_uniform(ours) == gsl_rng_uniform(gsl));
            /* the ziggurats' words: one step, its top 24 bits on top */
            uint64_t w = gsl_rng_get(gsl);
            CHECK(rng_zig_word(ours) == ((w >> 8) << 40 | (w & 255u)));
        }
    }
    gsl_rng_free(ours);
    gsl_rng_free(gsl);
}
END_TEST

/* A generator of another type still works through the inline draws (they
 * fall back to GSL's calls). */
START_TEST(test_inline_draws_on_other_types) {
    gsl_rng *a = gsl_rng_alloc(gsl_rng_mt19937), *b = gsl_rng_alloc(gsl_rng_mt19937);
    CHECK(a && b);
    gsl_rng_set(a, 99);
    gsl_rng_set(b, 99);
    for (int i = 0; i < 1000; i++) {
        CHECK(rng_uniform(a) == gsl_rng_uniform(b));
        CHECK(rng_uniform_pos(a) == gsl_rng_uniform_pos(b));
        uint64_t hi = (uint64_t)(gsl_rng_uniform(b) * 4294967296.0);
        uint64_t lo = (uint64_t)(gsl_rng_uniform(b) * 4294967296.0);
        CHECK(rng_zig_word(a) == (hi << 32 | lo));
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}
END_TEST

/* A stream is GSL's taus2 seeded with its seed: (2024, 7, 11) has seed
 * 0x82E59EEB by the Python transcription above test_known_seeds. */
START_TEST(test_same_triple_same_sequence) {
    gsl_rng *a = rng_stream_new(2024, 7, 11);
    gsl_rng *b = gsl_rng_alloc(gsl_rng_taus2);
    CHECK(a && b);
    gsl_rng_set(b, 0x82E59EEBul);
    CHECK_EQ(equal_draws(a, b, 1000), 1000);
    /* reset re-seeds in place to the same sequence as a new generator */
    gsl_rng *c = rng_stream_new(2024, 3, 5);
    rng_stream_reset(a, 2024, 3, 5);
    CHECK_EQ(equal_draws(a, c, 1000), 1000);
    gsl_rng_free(c);
    gsl_rng_free(b);
    gsl_rng_free(a);
}
END_TEST

/* Different streams, replications or base seeds give unrelated sequences:
 * two independent 32-bit draws agree with probability 2^-32, so more than
 * one agreement in 1000 draws means the sequences are related. */
START_TEST(test_different_triples_differ) {
    const uint32_t triples[][3] = {{1, 0, 0}, {1, 0, 1},    {1, 1, 0},
                                   {2, 0, 0}, {1, 0, 4095}, {1, 999, 0}};
    enum { T = sizeof triples / sizeof triples[0] };
    for (int i = 0; i < T; i++)
        for (int j = i + 1; j < T; j++) {
            gsl_rng *a = rng_stream_new(triples[i][0], triples[i][1], triples[i][2]);
            gsl_rng *b = rng_stream_new(triples[j][0], triples[j][1], triples[j][2]);
            CHECK(a && b);
            CHECK_CMP(equal_draws(a, b, 1000), <=, 1);
            gsl_rng_free(b);
            gsl_rng_free(a);
        }
    /* and a stream is not a shifted copy of its neighbour: the first draw
     * of stream 1 does not appear among the first 10000 of stream 0 */
    gsl_rng *a = rng_stream_new(1, 0, 0), *b = rng_stream_new(1, 0, 1);
    unsigned long first = gsl_rng_get(b);
    int found = 0;
    for (int i = 0; i < 10000; i++) found += gsl_rng_get(a) == first;
    CHECK_CMP(found, <=, 1);
    gsl_rng_free(b);
    gsl_rng_free(a);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_rng(void);
Suite *suite_rng(void) {
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_duplicate_counter_works);
    tcase_add_test(tc, test_injective_2000_reps_64_streams);
    tcase_add_test(tc, test_injective_256_reps_4096_streams);
    tcase_add_test(tc, test_injective_at_range_top);
    tcase_add_test(tc, test_known_seeds);
    tcase_add_test(tc, test_base_seed_matters);
    tcase_add_test(tc, test_mix64_is_splitmix64);
    tcase_add_test(tc, test_fmix32_inverse_roundtrip);
    tcase_add_test(tc, test_construction_matches_header);
    tcase_add_test(tc, test_gsl_taus2_merges_fixed_up_seeds);
    tcase_add_test(tc, test_fixed_up_seeds_are_steered_away);
    tcase_add_test(tc, test_generator_type);
    tcase_add_test(tc, test_own_taus2_is_gsl_taus2);
    tcase_add_test(tc, test_inline_draws_on_other_types);
    tcase_add_test(tc, test_same_triple_same_sequence);
    tcase_add_test(tc, test_different_triples_differ);
    suite_add_tcase(s, tc);
    return s;
}
