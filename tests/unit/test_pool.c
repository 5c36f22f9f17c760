/* Unit tests for the entity pool (sim/pool.h): allocation, LIFO reuse of
 * released slots, growth that keeps live contents, bounded memory. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "checks.h"

/* A record of an awkward size (not a power of two) with a recognisable
 * pattern derived from its owner. */
typedef struct rec {
    uint64_t id;
    double value;
    char tag[7];
} rec_t;

static void rec_fill(rec_t *r, uint64_t id) {
    r->id = id;
    r->value = (double)id * 0.5 + 1.0;
    for (int i = 0; i < 7; i++) r->tag[i] = (char)('a' + (id + (uint64_t)i) % 26);
}

static bool rec_ok(const rec_t *r, uint64_t id) {
    rec_t want;
    memset(&want, 0, sizeof want);
    rec_fill(&want, id);
    return r->id == want.id && r->value == want.value &&
           memcmp(r->tag, want.tag, sizeof want.tag) == 0;
}

START_TEST(test_init_defaults) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 0), 0);
    CHECK_EQ(p.cap, 64); /* documented in pool.c: 0 means a default */
    CHECK_EQ(p.live, 0);
    CHECK_EQ(p.used, 0);
    CHECK_EQ(p.elem_size, sizeof(rec_t));
    pool_free(&p);
    CHECK(p.data == NULL && p.free_list == NULL);
    CHECK_EQ(p.cap, 0);
}
END_TEST

START_TEST(test_alloc_fresh_indices) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 8), 0);
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t k = pool_alloc(&p);
        CHECK_EQ(k, i); /* fresh slots are handed out in order */
        rec_fill(pool_at(&p, k), k);
    }
    CHECK_EQ(p.live, 8);
    CHECK_EQ(p.used, 8);
    CHECK_EQ(p.cap, 8); /* exactly full, no growth yet */
    for (uint32_t i = 0; i < 8; i++) CHECK(rec_ok(pool_at(&p, i), i));
    /* distinct slots do not overlap */
    for (uint32_t i = 1; i < 8; i++)
        CHECK_EQ((size_t)((char *)pool_at(&p, i) - (char *)pool_at(&p, i - 1)), sizeof(rec_t));
    pool_free(&p);
}
END_TEST

/* Released slots come back last-in first-out, before any fresh slot. */
START_TEST(test_release_reuse_lifo) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 16), 0);
    for (int i = 0; i < 10; i++) pool_alloc(&p);
    pool_release(&p, 3);
    pool_release(&p, 7);
    pool_release(&p, 1);
    CHECK_EQ(p.live, 7);
    CHECK_EQ(p.used, 10);
    CHECK_EQ(pool_alloc(&p), 1);
    CHECK_EQ(pool_alloc(&p), 7);
    CHECK_EQ(pool_alloc(&p), 3);
    CHECK_EQ(pool_alloc(&p), 10); /* free list empty: a fresh slot */
    CHECK_EQ(p.live, 11);
    CHECK_EQ(p.used, 11);
    pool_free(&p);
}
END_TEST

/* Growing from a tiny capacity keeps every live record intact, including
 * records in slots that were released and reused before the growth. */
START_TEST(test_growth_keeps_live_contents) {
    enum { N = 5000 };
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 1), 0);
    uint32_t *idx = malloc(N * sizeof *idx);
    unsigned char *alive = calloc(N, 1);
    CHECK(idx && alive);
    uint32_t owner_of[N]; /* owner_of[slot] = id stored there */
    for (uint32_t id = 0; id < N; id++) {
        idx[id] = pool_alloc(&p);
        CHECK_CMP(idx[id], !=, POOL_NONE);
        CHECK_CMP(idx[id], <, p.cap);
        rec_fill(pool_at(&p, idx[id]), id);
        owner_of[idx[id]] = id;
        alive[id] = 1;
        /* now and then free an older one so reuse mixes with growth */
        if (id % 5 == 4) {
            uint32_t victim = id - 3;
            pool_release(&p, idx[victim]);
            alive[victim] = 0;
        }
    }
    uint32_t n_alive = 0;
    for (uint32_t id = 0; id < N; id++) {
        if (!alive[id]) continue;
        n_alive++;
        CHECK(owner_of[idx[id]] == id);
        CHECK(rec_ok(pool_at(&p, idx[id]), id));
    }
    CHECK_EQ(p.live, n_alive);
    CHECK_EQ(n_alive, N - N / 5);
    /* slots are unique among the live ones */
    unsigned char *seen = calloc(p.cap, 1);
    CHECK(seen != NULL);
    for (uint32_t id = 0; id < N; id++) {
        if (!alive[id]) continue;
        CHECK(!seen[idx[id]]);
        seen[idx[id]] = 1;
    }
    CHECK_CMP(p.used, <=, p.cap);
    free(seen);
    free(alive);
    free(idx);
    pool_free(&p);
}
END_TEST

/* A million alloc/release pairs with a few entities alive: the pool never
 * grows past what was alive at once. */
START_TEST(test_memory_bounded_when_alternating) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 4), 0);
    uint32_t keep[3];
    for (uint32_t i = 0; i < 3; i++) {
        keep[i] = pool_alloc(&p);
        CHECK_EQ(keep[i], i);
    }
    for (uint32_t i = 0; i < 1000000; i++) {
        uint32_t k = pool_alloc(&p);
        CHECK_EQ(k, 3); /* always the same slot back */
        ((rec_t *)pool_at(&p, k))->id = i;
        pool_release(&p, k);
    }
    CHECK_EQ(p.cap, 4);
    CHECK_EQ(p.used, 4);
    CHECK_EQ(p.live, 3);
    /* and with two in flight at once, alternating order */
    for (uint32_t i = 0; i < 500000; i++) {
        uint32_t a = pool_alloc(&p), b = pool_alloc(&p);
        CHECK(a != b);
        pool_release(&p, i % 2 ? a : b);
        pool_release(&p, i % 2 ? b : a);
    }
    CHECK_EQ(p.cap, 8); /* 5 alive at most: one doubling */
    CHECK_EQ(p.used, 5);
    CHECK_EQ(p.live, 3);
    pool_free(&p);
}
END_TEST

START_TEST(test_clear) {
    pool_t p;
    CHECK_EQ(pool_init(&p, sizeof(rec_t), 4), 0);
    for (int i = 0; i < 20; i++) pool_alloc(&p);
    pool_release(&p, 5);
    uint32_t cap = p.cap;
    pool_clear(&p);
    CHECK_EQ(p.live, 0);
    CHECK_EQ(p.used, 0);
    CHECK_EQ(p.n_free, 0);
    CHECK_EQ(p.cap, cap); /* memory kept */
    /* the stale free list entry (5) is forgotten: slots restart at 0 */
    for (uint32_t i = 0; i < 20; i++) CHECK_EQ(pool_alloc(&p), i);
    CHECK_EQ(p.cap, cap);
    pool_free(&p);
}
END_TEST

/* Small records (1 byte) and large ones (1 KiB) address correctly. */
START_TEST(test_element_sizes) {
    pool_t small, big;
    CHECK_EQ(pool_init(&small, 1, 2), 0);
    CHECK_EQ(pool_init(&big, 1024, 2), 0);
    for (uint32_t i = 0; i < 300; i++) {
        uint32_t a = pool_alloc(&small), b = pool_alloc(&big);
        CHECK(a == i && b == i);
        *(unsigned char *)pool_at(&small, a) = (unsigned char)i;
        memset(pool_at(&big, b), (int)(i & 0xff), 1024);
    }
    for (uint32_t i = 0; i < 300; i++) {
        CHECK_EQ(*(unsigned char *)pool_at(&small, i), i & 0xff);
        const unsigned char *blk = pool_at(&big, i);
        CHECK(blk[0] == (i & 0xff) && blk[1023] == (i & 0xff));
    }
    pool_free(&small);
    pool_free(&big);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_pool(void);
Suite *suite_pool(void) {
    Suite *s = suite_create("pool");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_init_defaults);
    tcase_add_test(tc, test_alloc_fresh_indices);
    tcase_add_test(tc, test_release_reuse_lifo);
    tcase_add_test(tc, test_growth_keeps_live_contents);
    tcase_add_test(tc, test_memory_bounded_when_alternating);
    tcase_add_test(tc, test_clear);
    tcase_add_test(tc, test_element_sizes);
    suite_add_tcase(s, tc);
    return s;
}
