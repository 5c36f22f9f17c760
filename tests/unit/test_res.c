/* Unit tests for the multi-server resource (sim/res.h): grants, FIFO and
 * priority order, reneging through tickets, ring growth, capacity changes,
 * closing-time draining and the statistics on hand-worked timelines. */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "res.h"
#include "rng.h"
#include "checks.h"

#define TEST_SEED 777001u

/* Serve whoever is next after one server frees up at `now`. */
static uint32_t release_and_next(res_t *r, double now) {
    res_release(r, now);
    return res_next(r, now);
}

START_TEST(test_capacity_three_grants_then_queue) {
    res_t r;
    CHECK_EQ(res_init(&r, 3, 1, 0.0), 0);
    uint64_t ticket = 12345;
    for (uint32_t e = 0; e < 3; e++) {
        CHECK_EQ(res_request(&r, e, 0, 0.0, &ticket), RES_GRANTED);
        CHECK_EQ(r.busy, e + 1);
    }
    CHECK_EQ(ticket, 12345); /* a grant does not touch the ticket */
    CHECK_EQ(res_request(&r, 3, 0, 1.0, &ticket), RES_QUEUED);
    CHECK_EQ(r.busy, 3);
    CHECK_EQ(r.waiting, 1);
    CHECK_EQ(res_next(&r, 1.5), RES_NONE); /* nobody free yet */
    CHECK_EQ(release_and_next(&r, 2.0), 3);
    CHECK_EQ(r.busy, 3);
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(res_next(&r, 2.0), RES_NONE); /* nobody waits */
    res_release(&r, 3.0);
    CHECK_EQ(res_next(&r, 3.0), RES_NONE);
    CHECK_EQ(r.busy, 2);
    /* a free server and an empty line: granted at once again */
    CHECK_EQ(res_request(&r, 4, 0, 3.0, &ticket), RES_GRANTED);
    CHECK_EQ(r.served, 5);
    CHECK_EQ(r.waited, 1);
    res_free(&r);
}
END_TEST

START_TEST(test_fifo_within_level) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t;
    CHECK_EQ(res_request(&r, 100, 0, 0.0, &t), RES_GRANTED);
    for (uint32_t e = 0; e < 40; e++) CHECK_EQ(res_request(&r, e, 0, 1.0 + e, &t), RES_QUEUED);
    for (uint32_t e = 0; e < 40; e++) CHECK_EQ(release_and_next(&r, 50.0 + e), e);
    CHECK_EQ(release_and_next(&r, 100.0), RES_NONE);
    CHECK_EQ(r.busy, 0);
    res_free(&r);
}
END_TEST

/* Level 0 before level 1 whatever the arrival order; FIFO inside each. */
START_TEST(test_priority_levels) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 2, 0.0), 0);
    uint64_t t;
    CHECK_EQ(res_request(&r, 99, 1, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 1, 1, 1.0, &t), RES_QUEUED); /* B */
    CHECK_EQ(res_request(&r, 2, 1, 2.0, &t), RES_QUEUED); /* C */
    CHECK_EQ(res_request(&r, 3, 0, 3.0, &t), RES_QUEUED); /* D */
    CHECK_EQ(res_request(&r, 4, 0, 4.0, &t), RES_QUEUED); /* E */
    CHECK_EQ(res_request(&r, 5, 1, 5.0, &t), RES_QUEUED); /* F */
    const uint32_t want[] = {3, 4, 1, 2, 5};
    for (int i = 0; i < 5; i++) CHECK_EQ(release_and_next(&r, 10.0 + i), want[i]);
    /* a level-0 arrival while level 1 waits still goes first */
    CHECK_EQ(res_request(&r, 6, 1, 20.0, &t), RES_QUEUED);
    CHECK_EQ(res_request(&r, 7, 1, 20.0, &t), RES_QUEUED);
    CHECK_EQ(release_and_next(&r, 21.0), 6);
    CHECK_EQ(res_request(&r, 8, 0, 22.0, &t), RES_QUEUED);
    CHECK_EQ(release_and_next(&r, 23.0), 8);
    CHECK_EQ(release_and_next(&r, 24.0), 7);
    res_free(&r);
}
END_TEST

/* All RES_MAX_LEVELS levels: the ticket packs the level into 4 bits, so
 * the highest level must round-trip through cancel too. */
START_TEST(test_all_levels) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, RES_MAX_LEVELS, 0.0), 0);
    uint64_t t, tickets[RES_MAX_LEVELS];
    CHECK_EQ(res_request(&r, 1000, 0, 0.0, &t), RES_GRANTED);
    for (unsigned lv = RES_MAX_LEVELS; lv-- > 0;)
        CHECK_EQ(res_request(&r, lv, lv, 1.0, &tickets[lv]), RES_QUEUED);
    CHECK(res_cancel(&r, tickets[RES_MAX_LEVELS - 1], 2.0));
    CHECK(res_cancel(&r, tickets[7], 2.0));
    for (uint32_t lv = 0; lv < RES_MAX_LEVELS; lv++) {
        if (lv == 7 || lv == RES_MAX_LEVELS - 1) continue;
        CHECK_EQ(release_and_next(&r, 3.0 + lv), lv);
    }
    CHECK_EQ(release_and_next(&r, 30.0), RES_NONE);
    CHECK_EQ(r.abandoned, 2);
    res_free(&r);
}
END_TEST

START_TEST(test_cancel_waiting_ticket) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t, ta, tb, tc;
    CHECK_EQ(res_request(&r, 9, 0, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 1, 0, 1.0, &ta), RES_QUEUED);
    CHECK_EQ(res_request(&r, 2, 0, 1.0, &tb), RES_QUEUED);
    CHECK_EQ(res_request(&r, 3, 0, 1.0, &tc), RES_QUEUED);
    CHECK(ta != tb && tb != tc && ta != tc);
    CHECK(res_cancel(&r, tb, 2.0));
    CHECK_EQ(r.waiting, 2);
    CHECK_EQ(r.abandoned, 1);
    CHECK(!res_cancel(&r, tb, 2.5)); /* only once */
    CHECK_EQ(r.abandoned, 1);
    CHECK_EQ(r.waiting, 2);
    /* the cancelled entity is never served */
    CHECK_EQ(release_and_next(&r, 3.0), 1);
    CHECK_EQ(release_and_next(&r, 4.0), 3);
    CHECK_EQ(release_and_next(&r, 5.0), RES_NONE);
    /* tickets of served entities cannot be cancelled */
    CHECK(!res_cancel(&r, ta, 6.0));
    CHECK(!res_cancel(&r, tc, 6.0));
    CHECK_EQ(r.abandoned, 1);
    CHECK_EQ(r.served, 3);
    res_free(&r);
}
END_TEST

/* Cancelling the head of the line and the last one in it. */
START_TEST(test_cancel_head_and_tail) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t, tk[5];
    CHECK_EQ(res_request(&r, 99, 0, 0.0, &t), RES_GRANTED);
    for (uint32_t e = 0; e < 5; e++) CHECK_EQ(res_request(&r, e, 0, 1.0, &tk[e]), RES_QUEUED);
    CHECK(res_cancel(&r, tk[0], 2.0));
    CHECK(res_cancel(&r, tk[4], 2.0));
    CHECK_EQ(release_and_next(&r, 3.0), 1);
    CHECK_EQ(release_and_next(&r, 3.0), 2);
    CHECK(res_cancel(&r, tk[3], 3.5)); /* now the only one waiting */
    CHECK_EQ(r.waiting, 0);
    /* all waiting entries are dead: a newcomer is granted at once */
    res_release(&r, 4.0);
    CHECK_EQ(res_request(&r, 7, 0, 4.0, &t), RES_GRANTED);
    CHECK_EQ(release_and_next(&r, 5.0), RES_NONE);
    CHECK_EQ(r.abandoned, 3);
    res_free(&r);
}
END_TEST

/* 10k waiting (rings start at 16 entries, so ~10 doublings), with the head
 * moved first so that the ring is wrapped when it grows, and cancellations
 * interleaved with the arrivals: FIFO order of the survivors is kept and
 * every ticket still finds its entry after growth. */
START_TEST(test_ring_growth_with_cancellations) {
    enum { N = 10000 };
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t;
    uint64_t *tk = malloc(N * sizeof *tk);
    unsigned char *gone = calloc(N, 1);
    CHECK(tk && gone);
    CHECK_EQ(res_request(&r, N + 1, 0, 0.0, &t), RES_GRANTED);
    /* move the head 11 positions so the ring wraps before it is full */
    for (uint32_t e = 0; e < 11; e++) {
        CHECK_EQ(res_request(&r, N + 10 + e, 0, 0.0, &t), RES_QUEUED);
        CHECK_EQ(release_and_next(&r, 0.0), N + 10 + e);
    }
    double now = 1.0;
    size_t n_gone = 0;
    for (uint32_t e = 0; e < N; e++, now += 0.01) {
        CHECK_EQ(res_request(&r, e, 0, now, &tk[e]), RES_QUEUED);
        /* five arrivals later, entity e-5 abandons if e-5 is 3 mod 7 */
        if (e >= 5 && (e - 5) % 7 == 3) {
            CHECK(res_cancel(&r, tk[e - 5], now));
            gone[e - 5] = 1;
            n_gone++;
        }
    }
    /* cancel a few very old ones after all the growth */
    for (uint32_t e = 1; e < 200; e += 50)
        if (!gone[e]) {
            CHECK(res_cancel(&r, tk[e], now));
            gone[e] = 1;
            n_gone++;
        }
    CHECK_EQ(r.waiting, N - n_gone);
    CHECK_CMP(r.line[0].mask + 1, >=, N);
    for (uint32_t e = 0; e < N; e++) {
        if (gone[e]) continue;
        uint32_t got = release_and_next(&r, now);
        if (got != e) ck_abort_msg("served %u, want %u", got, e);
    }
    CHECK_EQ(release_and_next(&r, now), RES_NONE);
    CHECK_EQ(r.abandoned, n_gone);
    /* a ticket that was served cannot be cancelled afterwards */
    CHECK(!res_cancel(&r, tk[0], now));
    free(gone);
    free(tk);
    res_free(&r);
}
END_TEST

/* Raising the capacity lets as many start as there are new servers. */
START_TEST(test_capacity_increase) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t;
    CHECK_EQ(res_request(&r, 0, 0, 0.0, &t), RES_GRANTED);
    for (uint32_t e = 1; e <= 5; e++) CHECK_EQ(res_request(&r, e, 0, 0.0, &t), RES_QUEUED);
    res_set_capacity(&r, 4, 1.0);
    /* a newcomer must not jump the line while servers are free but
     * res_next has not been called yet */
    CHECK_EQ(res_request(&r, 6, 0, 1.0, &t), RES_QUEUED);
    uint32_t started[8];
    int n = 0;
    for (uint32_t e; (e = res_next(&r, 1.0)) != RES_NONE;) started[n++] = e;
    CHECK_EQ(n, 3);
    CHECK(started[0] == 1 && started[1] == 2 && started[2] == 3);
    CHECK_EQ(r.busy, 4);
    CHECK_EQ(r.waiting, 3);
    res_free(&r);
}
END_TEST

/* Lowering the capacity never interrupts: busy may exceed capacity until
 * enough servers finish. */
START_TEST(test_capacity_decrease_no_preemption) {
    res_t r;
    CHECK_EQ(res_init(&r, 3, 1, 0.0), 0);
    uint64_t t;
    for (uint32_t e = 0; e < 3; e++) CHECK_EQ(res_request(&r, e, 0, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 10, 0, 0.0, &t), RES_QUEUED);
    CHECK_EQ(res_request(&r, 11, 0, 0.0, &t), RES_QUEUED);
    res_set_capacity(&r, 1, 1.0);
    CHECK_EQ(r.busy, 3);
    CHECK_EQ(r.capacity, 1);
    CHECK_EQ(res_next(&r, 1.0), RES_NONE);
    CHECK_EQ(release_and_next(&r, 2.0), RES_NONE); /* busy 2 > 1 */
    CHECK_EQ(release_and_next(&r, 3.0), RES_NONE); /* busy 1 = 1 */
    CHECK_EQ(r.busy, 1);
    CHECK_EQ(release_and_next(&r, 4.0), 10);
    CHECK_EQ(release_and_next(&r, 5.0), 11);
    /* capacity 0 (closed): everyone queues, nobody starts */
    res_set_capacity(&r, 0, 6.0);
    res_release(&r, 6.0);
    CHECK_EQ(res_request(&r, 12, 0, 6.0, &t), RES_QUEUED);
    CHECK_EQ(res_next(&r, 6.0), RES_NONE);
    res_set_capacity(&r, 2, 7.0);
    CHECK_EQ(res_next(&r, 7.0), 12);
    res_free(&r);
}
END_TEST

/* Closing time: the line goes home in service order, not counted as
 * abandoned nor as served. */
START_TEST(test_pop_waiting_drains_in_order) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 3, 0.0), 0);
    uint64_t t, tk[9];
    CHECK_EQ(res_request(&r, 100, 0, 0.0, &t), RES_GRANTED);
    const unsigned level[9] = {2, 1, 0, 2, 1, 0, 0, 2, 1};
    for (uint32_t e = 0; e < 9; e++)
        CHECK_EQ(res_request(&r, e, level[e], 1.0, &tk[e]), RES_QUEUED);
    CHECK(res_cancel(&r, tk[5], 2.0));
    CHECK(res_cancel(&r, tk[4], 2.0));
    const uint32_t want[] = {2, 6, 1, 8, 0, 3, 7};
    for (int i = 0; i < 7; i++) CHECK_EQ(res_pop_waiting(&r, 3.0), want[i]);
    CHECK_EQ(res_pop_waiting(&r, 3.0), RES_NONE);
    CHECK_EQ(r.waiting, 0);
    CHECK_EQ(r.abandoned, 2);
    CHECK_EQ(r.served, 1);
    CHECK_EQ(r.busy, 1);
    /* a popped entity's ticket is no longer cancellable */
    CHECK(!res_cancel(&r, tk[2], 4.0));
    CHECK(!res_cancel(&r, tk[7], 4.0));
    CHECK_EQ(r.abandoned, 2);
    CHECK_EQ(release_and_next(&r, 5.0), RES_NONE);
    res_free(&r);
}
END_TEST

/* ---- statistics on hand-worked timelines ------------------------------- */

/* Capacity 1; arrivals A, B, C at t = 0, 1, 2; each service takes 2.
 *   t=0  A arrives, starts at once (wait 0)            busy 1, queue 0
 *   t=1  B arrives, waits                              busy 1, queue 1
 *   t=2  C arrives, waits (queue 2); A ends, B starts (wait 1): queue 1
 *   t=4  B ends, C starts (wait 2)                     busy 1, queue 0
 *   t=6  C ends                                        busy 0
 * Observed at t = 8:
 *   waits 0, 1, 2: mean 1, sample variance 1, min 0, max 2;
 *   served 3, waited 2 (waits > 0), abandoned 0;
 *   queue area = 1 * (2-1) + 1 * (4-2) = 3 (the instant at 2 has no
 *   length), time-average queue = 3 / 8 = 0.375;
 *   busy area = 6, mean busy 0.75, mean capacity 1: utilization 0.75. */
START_TEST(test_stats_hand_timeline) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t;
    CHECK_EQ(res_request(&r, 0, 0, 0.0, &t), RES_GRANTED); /* A */
    CHECK_EQ(res_request(&r, 1, 0, 1.0, &t), RES_QUEUED);  /* B */
    CHECK_EQ(res_request(&r, 2, 0, 2.0, &t), RES_QUEUED);  /* C */
    CHECK_EQ(release_and_next(&r, 2.0), 1);                /* A ends */
    CHECK_EQ(release_and_next(&r, 4.0), 2);                /* B ends */
    CHECK_EQ(release_and_next(&r, 6.0), RES_NONE);         /* C ends */
    CHECK_APPROX(stats_tally_mean(&r.wait), 1.0);
    CHECK_APPROX(stats_tally_variance(&r.wait), 1.0);
    CHECK_EQ(r.wait.n, 3);
    CHECK(r.wait.min == 0.0 && r.wait.max == 2.0);
    CHECK_EQ(r.served, 3);
    CHECK_EQ(r.waited, 2);
    CHECK_EQ(r.abandoned, 0);
    CHECK_APPROX(stats_timeavg_mean(&r.queue_avg, 8.0), 0.375);
    CHECK_APPROX(stats_timeavg_mean(&r.busy_avg, 8.0), 0.75);
    CHECK_APPROX(stats_timeavg_mean(&r.capacity_avg, 8.0), 1.0);
    CHECK_APPROX(res_utilization(&r, 8.0), 0.75);
    /* the histogram saw the same three waits, one of them exactly 0 */
    CHECK_EQ(r.wait_hist.n, 3);
    CHECK_EQ(r.wait_hist.zero, 1);
    /* a wrong answer would be caught: the tolerance is far below the gap
     * to plausible wrong values (e.g. counting the instant queue of 2) */
    CHECK(fabs(stats_timeavg_mean(&r.queue_avg, 8.0) - 0.5) > 0.1);
    res_free(&r);
}
END_TEST

/* Capacity changes and an abandonment.  Capacity 2 from t=0:
 *   t=0  A, B start (waits 0, 0)                  busy 2, cap 2
 *   t=1  C, D arrive and wait                     queue 2
 *   t=3  D abandons                               queue 1
 *   t=4  capacity -> 3; C starts (wait 3)         busy 3, cap 3, queue 0
 *   t=5  A ends                                   busy 2
 *   t=6  capacity -> 1 (no preemption)            busy 2, cap 1
 *   t=7  B ends                                   busy 1
 *   t=9  C ends                                   busy 0
 * Observed at t = 10:
 *   capacity area = 2*4 + 3*2 + 1*4 = 18        -> mean 1.8
 *   busy area = 2*4 + 3*1 + 2*2 + 1*2 + 0*1 = 17 -> mean 1.7
 *   utilization = 1.7 / 1.8 = 17/18
 *   queue area = 2*2 + 1*1 = 5                  -> mean 0.5
 *   waits 0, 0, 3: mean 1; served 3, waited 1, abandoned 1. */
START_TEST(test_stats_capacity_changes) {
    res_t r;
    CHECK_EQ(res_init(&r, 2, 1, 0.0), 0);
    uint64_t t, td;
    CHECK_EQ(res_request(&r, 0, 0, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 1, 0, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 2, 0, 1.0, &t), RES_QUEUED);
    CHECK_EQ(res_request(&r, 3, 0, 1.0, &td), RES_QUEUED);
    CHECK(res_cancel(&r, td, 3.0));
    res_set_capacity(&r, 3, 4.0);
    CHECK_EQ(res_next(&r, 4.0), 2);
    CHECK_EQ(res_next(&r, 4.0), RES_NONE);
    CHECK_EQ(release_and_next(&r, 5.0), RES_NONE);
    res_set_capacity(&r, 1, 6.0);
    CHECK_EQ(release_and_next(&r, 7.0), RES_NONE);
    CHECK_EQ(release_and_next(&r, 9.0), RES_NONE);
    CHECK_APPROX(stats_timeavg_mean(&r.capacity_avg, 10.0), 1.8);
    CHECK_APPROX(stats_timeavg_mean(&r.busy_avg, 10.0), 1.7);
    CHECK_APPROX(res_utilization(&r, 10.0), 17.0 / 18.0);
    CHECK_APPROX(stats_timeavg_mean(&r.queue_avg, 10.0), 0.5);
    CHECK_APPROX(stats_tally_mean(&r.wait), 1.0);
    CHECK_EQ(r.served, 3);
    CHECK_EQ(r.waited, 1);
    CHECK_EQ(r.abandoned, 1);
    res_free(&r);
}
END_TEST

/* Warm-up reset in the middle of a busy period.  Capacity 1:
 *   t=0 A starts; t=1 B waits; t=2 C waits;       busy 1, queue 2
 *   t=3 reset (counts and waits forgotten; averages restart from busy 1,
 *       queue 2, capacity 1)
 *   t=4 A ends, B starts (wait 4 - 1 = 3)         queue 1
 *   t=5 C abandons                                queue 0
 *   t=7 B ends                                    busy 0
 * Observed at t = 9, over [3, 9] (length 6):
 *   busy area 4 -> mean 2/3, utilization 2/3;  queue area 2 + 1 = 3 ->
 *   mean 0.5;  waits: one, of 3;  served 1, waited 1, abandoned 1. */
START_TEST(test_reset_stats) {
    res_t r;
    CHECK_EQ(res_init(&r, 1, 1, 0.0), 0);
    uint64_t t, tc;
    CHECK_EQ(res_request(&r, 0, 0, 0.0, &t), RES_GRANTED);
    CHECK_EQ(res_request(&r, 1, 0, 1.0, &t), RES_QUEUED);
    CHECK_EQ(res_request(&r, 2, 0, 2.0, &tc), RES_QUEUED);
    res_reset_stats(&r, 3.0);
    CHECK_EQ(r.served, 0);
    CHECK_EQ(r.waited, 0);
    CHECK_EQ(r.abandoned, 0);
    CHECK_EQ(r.wait.n, 0);
    CHECK_EQ(r.wait_hist.n, 0);
    CHECK_APPROX(res_utilization(&r, 3.0), 1.0); /* current value at start */
    CHECK_APPROX(stats_timeavg_mean(&r.queue_avg, 3.0), 2.0);
    /* the line itself is untouched by a statistics reset */
    CHECK_EQ(r.waiting, 2);
    CHECK_EQ(r.busy, 1);
    CHECK_EQ(release_and_next(&r, 4.0), 1);
    CHECK(res_cancel(&r, tc, 5.0));
    CHECK_EQ(release_and_next(&r, 7.0), RES_NONE);
    CHECK_APPROX(stats_timeavg_mean(&r.busy_avg, 9.0), 4.0 / 6.0);
    CHECK_APPROX(res_utilization(&r, 9.0), 4.0 / 6.0);
    CHECK_APPROX(stats_timeavg_mean(&r.queue_avg, 9.0), 0.5);
    CHECK_EQ(r.wait.n, 1);
    CHECK_APPROX(stats_tally_mean(&r.wait), 3.0);
    CHECK_EQ(r.served, 1);
    CHECK_EQ(r.waited, 1);
    CHECK_EQ(r.abandoned, 1);
    res_free(&r);
}
END_TEST

/* With waits untracked the same timeline gives the same service order,
 * counts and utilization, and the wait tally and histogram stay empty. */
START_TEST(test_untracked_waits) {
    res_t a, b;
    CHECK_EQ(res_init(&a, 2, 1, 0.0), 0);
    CHECK_EQ(res_init(&b, 2, 1, 0.0), 0);
    res_track_waits(&b, false);
    uint64_t t;
    for (uint32_t e = 0; e < 6; e++) {
        CHECK_EQ(res_request(&a, e, 0, 1.0 * e, &t), res_request(&b, e, 0, 1.0 * e, &t));
    }
    for (int k = 0; k < 6; k++) {
        double now = 10.0 + 3.0 * k;
        CHECK_EQ(release_and_next(&a, now), release_and_next(&b, now));
    }
    CHECK_EQ(a.served, b.served);
    CHECK_EQ(a.waited, b.waited);
    CHECK_CMP(a.wait.n, >, 0);
    CHECK_EQ(b.wait.n, 0);
    CHECK_EQ(b.wait_hist.n, 0);
    CHECK_EQ_D(res_utilization(&a, 40.0), res_utilization(&b, 40.0));
    res_reset_stats(&b, 40.0);
    CHECK_EQ(b.served, 0);
    res_track_waits(&b, true); /* back on: recorded again */
    CHECK_EQ(res_request(&b, 9, 0, 41.0, &t), RES_GRANTED);
    CHECK_EQ(b.wait.n, 1);
    CHECK_EQ(b.wait_hist.n, 1);
    res_free(&a);
    res_free(&b);
}
END_TEST

START_TEST(test_utilization_without_capacity) {
    res_t r;
    CHECK_EQ(res_init(&r, 0, 1, 0.0), 0);
    uint64_t t;
    CHECK_EQ(res_request(&r, 0, 0, 0.0, &t), RES_QUEUED);
    CHECK(res_utilization(&r, 5.0) == 0.0); /* documented: 0, not NaN */
    res_free(&r);
}
END_TEST

/* ---- random operations against a reference model ---------------------- */

enum { M_WAITING, M_SERVED, M_CANCELLED, M_POPPED };

typedef struct m_entry {
    uint64_t ticket;
    double since;
    unsigned level;
    int state;
    bool queued; /* it got a ticket (was not granted at once) */
} m_entry_t;

typedef struct model {
    m_entry_t *e;       /* by entity id */
    size_t n;           /* entities created */
    uint32_t *order[4]; /* per level: entity ids in arrival order */
    size_t len[4], head[4];
    unsigned levels, capacity, busy;
    uint64_t waiting, served, waited, abandoned;
    double wait_sum;
} model_t;

/* The entity the model would serve next, or RES_NONE. */
static uint32_t model_first(model_t *m) {
    for (unsigned lv = 0; lv < m->levels; lv++) {
        while (m->head[lv] < m->len[lv] && m->e[m->order[lv][m->head[lv]]].state != M_WAITING)
            m->head[lv]++;
        if (m->head[lv] < m->len[lv]) return m->order[lv][m->head[lv]];
    }
    return RES_NONE;
}

/* Serve from the line while servers are free, in both, and compare. */
static void drain_both(res_t *r, model_t *m, double now) {
    for (;;) {
        uint32_t want = m->busy < m->capacity ? model_first(m) : RES_NONE;
        uint32_t got = res_next(r, now);
        if (got != want) ck_abort_msg("res_next %u, model %u", got, want);
        if (got == RES_NONE) return;
        m->e[got].state = M_SERVED;
        m->busy++;
        m->waiting--;
        m->served++;
        double w = now - m->e[got].since;
        m->waited += w > 0;
        m->wait_sum += w;
    }
}

START_TEST(test_random_against_model) {
    enum { OPS = 100000, LEVELS = 3 };
    res_t r;
    CHECK_EQ(res_init(&r, 2, LEVELS, 0.0), 0);
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, 1);
    model_t m = {0};
    m.e = malloc(OPS * sizeof *m.e);
    CHECK(g != NULL && m.e != NULL);
    for (unsigned lv = 0; lv < LEVELS; lv++) {
        m.order[lv] = malloc(OPS * sizeof *m.order[lv]);
        CHECK(m.order[lv] != NULL);
    }
    m.levels = LEVELS;
    m.capacity = 2;
    double now = 0.0;
    size_t n_cancel_true = 0, n_cancel_false = 0, n_pop = 0;
    for (size_t op = 0; op < OPS; op++) {
        now += gsl_rng_uniform(g);
        double u = gsl_rng_uniform(g);
        if (u < 0.36) { /* arrival */
            uint32_t id = (uint32_t)m.n++;
            unsigned lv = (unsigned)gsl_rng_uniform_int(g, LEVELS);
            m.e[id] = (m_entry_t){0, now, lv, M_WAITING, false};
            int rc = res_request(&r, id, lv, now, &m.e[id].ticket);
            if (m.busy < m.capacity && m.waiting == 0) {
                CHECK_EQ(rc, RES_GRANTED);
                m.e[id].state = M_SERVED;
                m.busy++;
                m.served++;
            } else {
                CHECK_EQ(rc, RES_QUEUED);
                m.e[id].queued = true;
                m.order[lv][m.len[lv]++] = id;
                m.waiting++;
            }
        } else if (u < 0.66) { /* a service ends */
            if (m.busy == 0) continue;
            res_release(&r, now);
            m.busy--;
            drain_both(&r, &m, now);
        } else if (u < 0.84) { /* someone (maybe already gone) abandons */
            if (m.n == 0) continue;
            /* mostly a recent arrival (likely still waiting), else anyone */
            size_t span = gsl_rng_uniform(g) < 0.7 && m.n > 64 ? 64 : m.n;
            uint32_t id = (uint32_t)(m.n - 1 - gsl_rng_uniform_int(g, (unsigned long)span));
            if (!m.e[id].queued) continue; /* granted at once: no ticket */
            bool want = m.e[id].state == M_WAITING;
            bool got = res_cancel(&r, m.e[id].ticket, now);
            CHECK_EQ(got, want);
            if (want) {
                m.e[id].state = M_CANCELLED;
                m.waiting--;
                m.abandoned++;
                n_cancel_true++;
            } else {
                n_cancel_false++;
            }
        } else if (u < 0.94) { /* staffing changes */
            m.capacity = (unsigned)gsl_rng_uniform_int(g, 5);
            res_set_capacity(&r, m.capacity, now);
            drain_both(&r, &m, now);
        } else { /* one waiting entity is sent home */
            uint32_t want = model_first(&m);
            uint32_t got = res_pop_waiting(&r, now);
            CHECK_EQ(got, want);
            if (want != RES_NONE) {
                m.e[want].state = M_POPPED;
                m.waiting--;
                n_pop++;
            }
        }
        CHECK_EQ(r.busy, m.busy);
        CHECK_EQ(r.waiting, m.waiting);
        CHECK_EQ(r.capacity, m.capacity);
    }
    CHECK_EQ(r.served, m.served);
    CHECK_EQ(r.waited, m.waited);
    CHECK_EQ(r.abandoned, m.abandoned);
    CHECK_EQ(r.wait.n, m.served);
    CHECK(fabs(stats_tally_mean(&r.wait) * (double)m.served - m.wait_sum) <= 1e-9 * m.wait_sum);
    /* the run exercised every path many times */
    CHECK_CMP(n_cancel_true, >, 1000);
    CHECK_CMP(n_cancel_false, >, 1000);
    CHECK_CMP(n_pop, >, 500);
    CHECK_CMP(m.waited, >, 1000);
    for (unsigned lv = 0; lv < LEVELS; lv++) free(m.order[lv]);
    free(m.e);
    gsl_rng_free(g);
    res_free(&r);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_res(void);
Suite *suite_res(void) {
    Suite *s = suite_create("res");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_capacity_three_grants_then_queue);
    tcase_add_test(tc, test_fifo_within_level);
    tcase_add_test(tc, test_priority_levels);
    tcase_add_test(tc, test_all_levels);
    tcase_add_test(tc, test_cancel_waiting_ticket);
    tcase_add_test(tc, test_cancel_head_and_tail);
    tcase_add_test(tc, test_ring_growth_with_cancellations);
    tcase_add_test(tc, test_capacity_increase);
    tcase_add_test(tc, test_capacity_decrease_no_preemption);
    tcase_add_test(tc, test_pop_waiting_drains_in_order);
    tcase_add_test(tc, test_stats_hand_timeline);
    tcase_add_test(tc, test_stats_capacity_changes);
    tcase_add_test(tc, test_reset_stats);
    tcase_add_test(tc, test_utilization_without_capacity);
    tcase_add_test(tc, test_untracked_waits);
    tcase_add_test(tc, test_random_against_model);
    suite_add_tcase(s, tc);
    return s;
}
