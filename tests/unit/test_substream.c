/* The per-entity substreams of sim/rng.h (SplitMix64): the reference
 * numbers of splitmix64, the GSL view draws what the inline draw does,
 * keys are distinct per entity, and the first draws of many entities'
 * substreams (the draws common random numbers per case rely on) are
 * uniform and uncorrelated across entities and purposes. */
#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

#include "checks.h"
#include "rng.h"

/* splitmix64 from state 0 (Vigna's reference splitmix64.c): these are
 * the first three outputs every implementation gives. */
START_TEST(test_splitmix_reference_values) {
    uint64_t s = 0;
    CHECK(rng_splitmix_next(&s) == 0xE220A8397B1DCDAFull);
    CHECK(rng_splitmix_next(&s) == 0x6E789E6AA1B965F4ull);
    CHECK(rng_splitmix_next(&s) == 0x06C45D188009454Full);
}
END_TEST

/* The inline rng_uniform and GSL's own calls through the type agree, and
 * the GSL view advances the state the record holds. */
START_TEST(test_gsl_view_is_the_same_stream) {
    uint64_t a = 12345, b = 12345;
    gsl_rng ga = rng_substream(&a), gb = rng_substream(&b);
    for (int i = 0; i < 1000; i++) CHECK_EQ_D(rng_uniform(&ga), gsl_rng_uniform(&gb));
    CHECK(a == b && a == 12345 + 1000 * RNG_SPLITMIX_GAMMA);
    CHECK_EQ(gsl_rng_max(&ga), 0xffffffffUL);
    for (int i = 0; i < 1000; i++) {
        unsigned long x = gsl_rng_get(&ga);
        CHECK(x <= 0xffffffffUL);
        double u = rng_uniform(&gb);
        CHECK(u >= 0 && u < 1);
    }
    gsl_rng_set(&ga, 7);
    CHECK(a == 7);
}
END_TEST

static int cmp_u64(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Distinct entities of one replication get distinct keys, and so do
 * the same entities in another replication or under another seed; and
 * the purposes of one key start at distinct positions. */
START_TEST(test_keys_distinct) {
    enum { N = 100000 };
    uint64_t *k = malloc(4 * N * sizeof *k);
    ck_assert_ptr_nonnull(k);
    for (uint64_t e = 0; e < N; e++) {
        k[e] = rng_substream_key(1, 0, e);
        k[N + e] = rng_substream_key(1, 1, e);
        k[2 * N + e] = rng_substream_key(2, 0, e);
        k[3 * N + e] = rng_substream_start(k[e], 1); /* another purpose */
    }
    qsort(k, 4 * N, sizeof *k, cmp_u64);
    size_t dup = 0;
    for (size_t i = 1; i < 4 * N; i++) dup += k[i] == k[i - 1];
    CHECK_EQ(dup, 0);
    free(k);
}
END_TEST

/* The first draw of each of 100,000 consecutive entities' substreams is
 * uniform (chi-square over 100 bins below its 99.9% point, 148.2 for 99
 * degrees of freedom), for each purpose; neighbouring entities and two
 * purposes of one entity are uncorrelated (|r| below 4 standard errors). */
START_TEST(test_first_draws_uniform_and_uncorrelated) {
    enum { N = 100000, BINS = 100, PURPOSES = 5 };
    static double first[PURPOSES][N];
    for (unsigned p = 0; p < PURPOSES; p++) {
        double count[BINS] = {0};
        for (uint64_t e = 0; e < N; e++) {
            uint64_t s = rng_substream_start(rng_substream_key(42, 3, e), p);
            gsl_rng g = rng_substream(&s);
            first[p][e] = rng_uniform(&g);
            count[(int)(first[p][e] * BINS)]++;
        }
        double chi2 = 0, expect = (double)N / BINS;
        for (int b = 0; b < BINS; b++) chi2 += (count[b] - expect) * (count[b] - expect) / expect;
        if (!(chi2 < 148.2)) ck_abort_msg("purpose %u: chi-square %.1f", p, chi2);
    }
    double limit = 4 / sqrt((double)N);
    for (unsigned p = 0; p < PURPOSES; p++) {
        double r_next = gsl_stats_correlation(first[p], 1, first[p] + 1, 1, N - 1);
        double r_purpose = gsl_stats_correlation(first[p], 1, first[(p + 1) % PURPOSES], 1, N);
        if (!(fabs(r_next) < limit && fabs(r_purpose) < limit))
            ck_abort_msg("purpose %u: correlation with the next entity %.4f, with purpose %u %.4f",
                         p, r_next, (p + 1) % PURPOSES, r_purpose);
    }
}
END_TEST

/* A substream is a good stream on its own too: mean and variance of an
 * exponential drawn through gsl_ran_exponential from one substream. */
START_TEST(test_exponential_moments) {
    enum { N = 400000 };
    uint64_t s = rng_substream_start(rng_substream_key(9, 0, 0), 0);
    gsl_rng g = rng_substream(&s);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < N; i++) {
        double x = gsl_ran_exponential(&g, 2.0);
        sum += x;
        sum2 += x * x;
    }
    double mean = sum / N, var = sum2 / N - mean * mean;
    CHECK_5SE(mean, 2.0, 2.0 / sqrt((double)N));
    CHECK_5SE(var, 4.0, sqrt(8.0 * 4.0 * 4.0 / N)); /* central 4th moment 9 sigma^4 */
}
END_TEST

/* The key made in two parts (the model's per-replication base, then one
 * hash per entity) is the key of the documented construction, which every
 * reference output depends on: mix(mix(mix(seed) ^ (2 rep + 1)) ^ entity). */
START_TEST(test_key_in_two_parts_is_the_key) {
    const uint64_t seeds[] = {0, 1, 42, UINT64_MAX};
    const uint32_t reps[] = {0, 1, 999, UINT32_MAX};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++) {
            uint64_t base = rng_substream_base(seeds[i], reps[j]);
            for (uint64_t e = 0; e < 1000; e += 7) {
                uint64_t whole =
                    rng_mix64(rng_mix64(rng_mix64(seeds[i]) ^ ((uint64_t)reps[j] << 1 | 1u)) ^ e);
                ck_assert_uint_eq(rng_substream_key(seeds[i], reps[j], e), whole);
                ck_assert_uint_eq(rng_substream_key_of(base, e), whole);
            }
        }
}
END_TEST

extern Suite *suite_substream(void);
Suite *suite_substream(void) {
    Suite *s = suite_create("substream");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_splitmix_reference_values);
    tcase_add_test(tc, test_gsl_view_is_the_same_stream);
    tcase_add_test(tc, test_keys_distinct);
    tcase_add_test(tc, test_key_in_two_parts_is_the_key);
    tcase_add_test(tc, test_first_draws_uniform_and_uncorrelated);
    tcase_add_test(tc, test_exponential_moments);
    suite_add_tcase(s, tc);
    return s;
}
