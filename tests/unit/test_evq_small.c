/* evq_push_small (sim/evq.h) must leave a calendar exactly as evq_push
 * does: the same seqs, and the same events popped in the same order with
 * every field intact, whether the push takes the inline path (a small
 * calendar) or falls back (buckets, spills, growth, ties).  Two calendars
 * fed the same operations, one through each, are compared pop by pop. */
#include <check.h>
#include <stdint.h>

#include "evq.h"
#include "checks.h"

/* A small deterministic generator (xorshift64*), so the test does not
 * depend on the random streams it is not about. */
static uint64_t next_u64(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static double next_unit(uint64_t *s) { return (double)(next_u64(s) >> 11) * 0x1.0p-53; }

/* Push into both the same event; their seqs must agree. */
static void push_both(evq_t *a, evq_t *b, double t, uint32_t type, uint32_t entity, uint64_t data) {
    uint64_t sa = evq_push(a, t, type, entity, data);
    uint64_t sb = evq_push_small(b, t, type, entity, data);
    CHECK(sa != 0);
    CHECK_EQ(sa, sb);
}

/* Pop from both; the events must agree field by field. */
static bool pop_both(evq_t *a, evq_t *b, double *now) {
    evq_event_t ea, eb;
    bool ha = evq_pop(a, &ea), hb = evq_pop(b, &eb);
    CHECK_EQ(ha, hb);
    if (!ha) return false;
    CHECK_EQ_D(ea.time, eb.time);
    CHECK_EQ(ea.seq, eb.seq);
    CHECK_EQ(ea.type, eb.type);
    CHECK_EQ(ea.entity, eb.entity);
    CHECK_EQ(ea.data, eb.data);
    CHECK(ea.time >= *now);
    *now = ea.time;
    return true;
}

/* A hold model of `size` events on a grid of whole minutes, so that many
 * events share a time (ties must leave by seq), with increments that
 * sometimes jump far ahead (buckets), bursts that swell the run past its
 * spill limit, then draining. */
static void run_mixed(size_t size, uint64_t seed) {
    evq_t a, b;
    CHECK_EQ(evq_init(&a, 0), 0);
    CHECK_EQ(evq_init(&b, 0), 0);
    uint64_t s = seed;
    double now = 0;
    for (size_t i = 0; i < size; i++)
        push_both(&a, &b, (double)(next_u64(&s) % 4), (uint32_t)(i % 7), (uint32_t)i, next_u64(&s));
    for (int k = 0; k < 20000; k++) {
        CHECK(pop_both(&a, &b, &now));
        double u = next_unit(&s);
        double inc = u < 0.95 ? (double)(next_u64(&s) % 3) : (double)(next_u64(&s) % 1000);
        push_both(&a, &b, now + inc, (uint32_t)k & 31u, (uint32_t)k, (uint64_t)k * 3u);
        if (k % 5000 == 4999) /* a burst just ahead: spills the run */
            for (int j = 0; j < 200; j++)
                push_both(&a, &b, now + (double)(j % 2), 1, (uint32_t)j, (uint64_t)j);
    }
    while (pop_both(&a, &b, &now)) {
    }
    CHECK_EQ(evq_size(&a), 0);
    CHECK_EQ(evq_size(&b), 0);
    evq_free(&a);
    evq_free(&b);
}

START_TEST(test_small_as_push_mm1_size) { run_mixed(2, 1); }
END_TEST

START_TEST(test_small_as_push_one) { run_mixed(1, 2); }
END_TEST

START_TEST(test_small_as_push_larger) {
    run_mixed(50, 3);
    run_mixed(3000, 4);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_evq_small(void);
Suite *suite_evq_small(void) {
    Suite *s = suite_create("evq_small");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_small_as_push_mm1_size);
    tcase_add_test(tc, test_small_as_push_one);
    tcase_add_test(tc, test_small_as_push_larger);
    suite_add_tcase(s, tc);
    return s;
}
