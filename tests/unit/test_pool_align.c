/* Unit tests for the pool's cache-line alignment (sim/pool.h, "Locality"):
 * the data array starts on a POOL_ALIGN boundary, before and after it
 * grows, so records of a multiple of that size each sit on whole lines. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "pool.h"
#include "checks.h"

/* A record of exactly two cache lines, as the workflow model's cases. */
typedef struct line_rec {
    _Alignas(POOL_ALIGN) uint64_t id;
    char fill[POOL_ALIGN + 8];
} line_rec_t;

static int on_line(const void *p) { return (uintptr_t)p % POOL_ALIGN == 0; }

START_TEST(test_aligned_from_the_start) {
    pool_t p;
    CHECK_EQ(sizeof(line_rec_t) % POOL_ALIGN, 0);
    CHECK_EQ(pool_init(&p, sizeof(line_rec_t), 3), 0);
    CHECK(on_line(p.data));
    for (int i = 0; i < 3; i++) CHECK(on_line(pool_at(&p, pool_alloc(&p))));
    pool_free(&p);
}
END_TEST

/* Growth (which realloc would not keep aligned) keeps the alignment and
 * every live record's contents. */
START_TEST(test_aligned_after_growth) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(line_rec_t), 2), 0);
    for (uint32_t i = 0; i < 1000; i++) {
        uint32_t k = pool_alloc(&p);
        CHECK_EQ(k, i);
        line_rec_t *r = pool_at(&p, k);
        CHECK(on_line(r));
        r->id = 7u * i + 1;
        memset(r->fill, (int)(i & 0x7f), sizeof r->fill);
    }
    CHECK(p.cap >= 1000);
    CHECK(on_line(p.data));
    for (uint32_t i = 0; i < 1000; i++) {
        const line_rec_t *r = pool_at(&p, i);
        CHECK_EQ(r->id, 7u * i + 1);
        CHECK(r->fill[0] == (char)(i & 0x7f) && r->fill[POOL_ALIGN + 7] == (char)(i & 0x7f));
    }
    pool_free(&p);
}
END_TEST

/* An odd record size still gets an aligned array (the records themselves
 * then straddle lines: the caller's choice). */
START_TEST(test_odd_sizes_allocate) {
    for (size_t size = 1; size < 200; size += 13) {
        pool_t p;
        CHECK_EQ(pool_init(&p, size, 1), 0);
        CHECK(on_line(p.data));
        for (int i = 0; i < 5; i++) CHECK(pool_alloc(&p) != POOL_NONE);
        CHECK(on_line(p.data));
        memset(p.data, 0xab, (size_t)p.used * size); /* ASan: all of it is ours */
        pool_free(&p);
    }
}
END_TEST

/* A pool that grows past POOL_HUGE bytes moves to an array on a
 * POOL_HUGE boundary (pool.h, "Large pools"), keeping every record's
 * contents; one initialised that large starts there. */
START_TEST(test_large_pool_on_huge_boundary) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(line_rec_t), 64), 0);
    uint32_t n = (uint32_t)(2 * POOL_HUGE / sizeof(line_rec_t)) + 5;
    for (uint32_t i = 0; i < n; i++) {
        line_rec_t *r = pool_at(&p, pool_alloc(&p));
        r->id = 3u * i + 2;
    }
    CHECK((size_t)p.cap * sizeof(line_rec_t) >= POOL_HUGE);
    CHECK_EQ((uintptr_t)p.data % POOL_HUGE, 0);
    for (uint32_t i = 0; i < n; i++) CHECK_EQ(((line_rec_t *)pool_at(&p, i))->id, 3u * i + 2);
    pool_free(&p);
    CHECK_EQ(pool_init(&p, sizeof(line_rec_t), (uint32_t)(POOL_HUGE / sizeof(line_rec_t))), 0);
    CHECK_EQ((uintptr_t)p.data % POOL_HUGE, 0);
    pool_free(&p);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_pool_align(void);
Suite *suite_pool_align(void) {
    Suite *s = suite_create("pool_align");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_aligned_from_the_start);
    tcase_add_test(tc, test_aligned_after_growth);
    tcase_add_test(tc, test_odd_sizes_allocate);
    tcase_add_test(tc, test_large_pool_on_huge_boundary);
    suite_add_tcase(s, tc);
    return s;
}
