/* The calendar's refill (sim/evq.c, "ranked pour"): a bucket poured into
 * the run is ordered by the rank of a word made of the top bits of each
 * key's offset in the bucket, and put in (time, seq) order by insertion
 * only when two words share their key bits.  These tests feed times that
 * make that shortcut go wrong if any part of it is: keys that differ only
 * in the bits a wide bucket cuts off (one ulp apart), exact ties, bursts
 * that spill the run back into the buckets, cancellations, pushes back in
 * time; every pop is checked against a reference priority queue. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "evq.h"
#include "checks.h"

/* xorshift64*: the test does not depend on the random streams it is not
 * about. */
static uint64_t fill_next(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static double fill_unit(uint64_t *s) { return (double)(fill_next(s) >> 11) * 0x1.0p-53; }

static size_t fill_below(uint64_t *s, size_t n) { return (size_t)(fill_next(s) % n); }

/* (time, seq) order. */
static int fill_cmp(const evq_event_t *a, const evq_event_t *b) {
    if (a->time != b->time) return a->time < b->time ? -1 : 1;
    if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
    return 0;
}

/* The reference: live events sorted by (time, seq) descending (the
 * earliest last). */
typedef struct fill_ref {
    evq_event_t *ev;
    size_t n, cap;
} fill_ref_t;

static void ref_add(fill_ref_t *r, const evq_event_t *ev) {
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->ev = realloc(r->ev, r->cap * sizeof *r->ev);
        CHECK(r->ev != NULL);
    }
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fill_cmp(&r->ev[mid], ev) > 0) lo = mid + 1;
        else hi = mid;
    }
    memmove(&r->ev[lo + 1], &r->ev[lo], (r->n - lo) * sizeof *r->ev);
    r->ev[lo] = *ev;
    r->n++;
}

static void ref_drop(fill_ref_t *r, size_t at) {
    memmove(&r->ev[at], &r->ev[at + 1], (r->n - at - 1) * sizeof *r->ev);
    r->n--;
}

static void push_ref(evq_t *q, fill_ref_t *r, double t, uint32_t tag) {
    evq_event_t ev = {t, 0, tag % 7u, tag, (uint64_t)tag * 0x9E3779B97F4A7C15ull};
    ev.seq = evq_push(q, t, ev.type, ev.entity, ev.data);
    CHECK(ev.seq != 0);
    ref_add(r, &ev);
}

/* Pop one event; it must be the reference's earliest, every field. */
static void pop_ref(evq_t *q, fill_ref_t *r, size_t op) {
    evq_event_t ev;
    const evq_event_t *want = &r->ev[r->n - 1];
    CHECK(evq_next_time(q) == want->time);
    CHECK(evq_pop(q, &ev));
    if (ev.time != want->time || ev.seq != want->seq || ev.type != want->type ||
        ev.entity != want->entity || ev.data != want->data)
        ck_abort_msg("op %zu: popped (%.17g, %llu), want (%.17g, %llu)", op, ev.time,
                     (unsigned long long)ev.seq, want->time, (unsigned long long)want->seq);
    r->n--;
}

static void drain_ref(evq_t *q, fill_ref_t *r) {
    size_t op = 0;
    while (r->n > 0) pop_ref(q, r, op++);
    evq_event_t ev;
    CHECK(!evq_pop(q, &ev));
    CHECK_EQ(evq_size(q), 0);
}

/* A time a little after `now`, drawn so that pours meet every case: one
 * ulp steps from a point (keys equal but for their last bits), exact
 * ties, spreads of minutes and of days, and round times ahead. */
static double fill_time(uint64_t *s, double now, const double *spots, size_t n_spots) {
    double u = fill_unit(s);
    if (u < 0.25) { /* a few ulps after one of a few points ahead */
        double t = spots[fill_below(s, n_spots)];
        for (size_t k = fill_below(s, 4); k > 0; k--) t = nextafter(t, INFINITY);
        return t < now ? now : t;
    }
    if (u < 0.35) return now;                         /* a tie with the clock */
    if (u < 0.65) return now + 30.0 * fill_unit(s);   /* soon */
    if (u < 0.85) return now + 5000.0 * fill_unit(s); /* days */
    if (u < 0.95) return floor(now / 60.0) * 60.0 + 60.0 * (double)fill_below(s, 48); /* hours */
    return now + ldexp(fill_unit(s), -(int)fill_below(s, 40)); /* tiny steps */
}

/* Interleaved pushes, pops and cancels from a simulation-like clock, with
 * bursts of pushes just ahead (the run spills) and points that many
 * events land on within an ulp or two; every pop against the reference. */
START_TEST(test_fill_mix_against_reference) {
    enum { OPS = 200000, SPOTS = 6 };
    evq_t q;
    CHECK_EQ(evq_init(&q, 0), 0);
    fill_ref_t r = {NULL, 0, 0};
    uint64_t s = 0x5EED0F111ull;
    double now = 100000.0, spots[SPOTS];
    size_t pops = 0, cancels = 0;
    for (size_t op = 0; op < OPS; op++) {
        if (op % 5000 == 0)
            for (size_t k = 0; k < SPOTS; k++) spots[k] = now + 2000.0 * fill_unit(&s);
        bool burst = op % 3000 < 200;
        double u = burst ? 0.0 : fill_unit(&s);
        if (u < 0.45 || r.n == 0) {
            double t = burst ? now + 0.01 * fill_unit(&s) : fill_time(&s, now, spots, SPOTS);
            push_ref(&q, &r, t, (uint32_t)op);
        } else if (u < 0.9) {
            now = r.ev[r.n - 1].time;
            pop_ref(&q, &r, op);
            pops++;
        } else {
            size_t at = fill_below(&s, r.n);
            CHECK_EQ(evq_cancel(&q, r.ev[at].seq), 0);
            ref_drop(&r, at);
            cancels++;
        }
    }
    CHECK_CMP(pops, >, OPS / 4);
    CHECK_CMP(cancels, >, OPS / 50);
    drain_ref(&q, &r);
    free(r.ev);
    evq_free(&q);
}
END_TEST

/* A pour from a bucket whose range is wide (the first pour of a calendar
 * whose events are all near 1e5 minutes: their keys differ from the key of
 * time 0 in the top digit), events one ulp apart pushed in scrambled
 * order, with ties among them: the ranks of cut-off key bits cannot tell
 * them apart, so the fallback must order them; and the same again after
 * earlier events have left (buckets split, narrower ranges). */
START_TEST(test_fill_ulps_in_a_wide_bucket) {
    enum { N = 24 };
    static const unsigned order[N] = {17, 3, 9, 0,  22, 5,  11, 1, 20, 14, 7,  2,
                                      19, 4, 9, 13, 0,  23, 8,  6, 21, 3,  16, 10};
    for (int round = 0; round < 2; round++) {
        evq_t q;
        CHECK_EQ(evq_init(&q, 0), 0);
        fill_ref_t r = {NULL, 0, 0};
        double base = 100000.0;
        if (round == 1) { /* events before them, popped first: buckets split, `last` moves up */
            for (unsigned i = 0; i < 100; i++) push_ref(&q, &r, base - 50.0 + 0.49 * i, 1000 + i);
            for (unsigned i = 0; i < 100; i++) pop_ref(&q, &r, i);
        }
        for (unsigned i = 0; i < N; i++) {
            double t = base;
            for (unsigned k = 0; k < order[i]; k++) t = nextafter(t, INFINITY);
            push_ref(&q, &r, t, i);
        }
        drain_ref(&q, &r);
        free(r.ev);
        evq_free(&q);
    }
}
END_TEST

/* Ties that reach a bucket out of seq order, if anything can put them so:
 * events at a few instants pushed, the run filled, then pushes below its
 * bound until it spills its tail back, more pushes at the same instants,
 * and pops; all in (time, seq) order. */
START_TEST(test_fill_ties_after_spills) {
    evq_t q;
    CHECK_EQ(evq_init(&q, 0), 0);
    fill_ref_t r = {NULL, 0, 0};
    uint64_t s = 42;
    static const double at[] = {10.0, 10.5, 11.0, 11.0 + 0x1p-40, 12.0};
    size_t op = 0;
    for (int round = 0; round < 200; round++) {
        for (int i = 0; i < 40; i++)
            push_ref(&q, &r, 100.0 * round + at[fill_below(&s, 5)], (uint32_t)op++);
        pop_ref(&q, &r, op++);        /* fills the run */
        for (int i = 0; i < 150; i++) /* below its bound: the run spills */
            push_ref(&q, &r, 100.0 * round + at[fill_below(&s, 5)], (uint32_t)op++);
        while (r.n > 60) pop_ref(&q, &r, op++);
    }
    drain_ref(&q, &r);
    free(r.ev);
    evq_free(&q);
}
END_TEST

extern Suite *suite_evq_fill(void);
Suite *suite_evq_fill(void) {
    Suite *s = suite_create("evq_fill");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fill_mix_against_reference);
    tcase_add_test(tc, test_fill_ulps_in_a_wide_bucket);
    tcase_add_test(tc, test_fill_ties_after_spills);
    suite_add_tcase(s, tc);
    return s;
}
