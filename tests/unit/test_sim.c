/* Unit tests for the run loop (sim/sim.h): dispatch, clock, the `until`
 * boundary, cancellation, the stop flag and event counting. */
#include <check.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "rng.h"
#include "sim.h"
#include "checks.h"

#define TEST_SEED 4242u

enum { T_LOG_A, T_LOG_B, T_CHAIN, T_TICK, T_CANCELLER, N_TYPES };

/* One handler call as the handler saw it. */
typedef struct call {
    double now;       /* s->now inside the handler */
    unsigned handler; /* which handler function ran */
    evq_event_t ev;
} call_t;

typedef struct model {
    call_t *log;
    size_t n, cap;
    atomic_int stop;
    uint64_t stop_after; /* T_TICK raises the flag on this call */
    uint64_t ticks;
} model_t;

static void model_init(model_t *m, size_t cap) {
    m->log = malloc(cap * sizeof *m->log);
    ck_assert_ptr_nonnull(m->log);
    m->n = 0;
    m->cap = cap;
    atomic_init(&m->stop, 0);
    m->stop_after = 0;
    m->ticks = 0;
}

static void record(model_t *m, const sim_t *s, unsigned handler, const evq_event_t *ev) {
    CHECK(m->n < m->cap);
    m->log[m->n++] = (call_t){s->now, handler, *ev};
}

static void on_log_a(void *model, sim_t *s, const evq_event_t *ev) {
    record(model, s, T_LOG_A, ev);
}

static void on_log_b(void *model, sim_t *s, const evq_event_t *ev) {
    record(model, s, T_LOG_B, ev);
}

/* data = how many more links; each link follows after `entity` minutes
 * (0 allowed: an event at the current instant). */
static void on_chain(void *model, sim_t *s, const evq_event_t *ev) {
    record(model, s, T_CHAIN, ev);
    if (ev->data > 0)
        CHECK(sim_after(s, (double)ev->entity, T_CHAIN, ev->entity, ev->data - 1) != 0);
}

/* An endless clock tick that raises the stop flag on a given call. */
static void on_tick(void *model, sim_t *s, const evq_event_t *ev) {
    model_t *m = model;
    m->ticks++;
    if (m->ticks == m->stop_after) atomic_store(&m->stop, 1);
    (void)ev;
    CHECK(sim_after(s, 1.0, T_TICK, 0, 0) != 0);
}

/* Cancels the event whose handle is in data. */
static void on_canceller(void *model, sim_t *s, const evq_event_t *ev) {
    record(model, s, T_CANCELLER, ev);
    CHECK_EQ(sim_cancel(s, ev->data), 0);
}

/* A fresh model logging up to log_cap calls, and a simulator wired to its
 * handlers (watching its stop flag when asked). */
static void sim_setup(sim_t *s, model_t *m, size_t log_cap, bool with_stop) {
    model_init(m, log_cap);
    CHECK_EQ(sim_init(s, m, with_stop ? &m->stop : NULL), 0);
    sim_on(s, T_LOG_A, on_log_a);
    sim_on(s, T_LOG_B, on_log_b);
    sim_on(s, T_CHAIN, on_chain);
    sim_on(s, T_TICK, on_tick);
    sim_on(s, T_CANCELLER, on_canceller);
}

static void sim_teardown(sim_t *s, model_t *m) {
    sim_free(s);
    free(m->log);
}

START_TEST(test_init_state) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 1, false);
    CHECK(s.now == 0.0);
    CHECK_EQ(s.events, 0);
    CHECK(s.model == &m);
    CHECK_EQ(sim_run(&s, 100.0), 0); /* nothing scheduled */
    CHECK(s.now == 100.0);
    CHECK_EQ(s.stopped, 0);
    sim_teardown(&s, &m);
}
END_TEST

/* 20k events at random times with many ties, two event types: every call
 * goes to its type's handler, in (time, seq) order, with the clock at the
 * event's time and the event's payload intact. */
START_TEST(test_time_order_and_dispatch) {
    enum { N = 20000 };
    sim_t s;
    model_t m;
    sim_setup(&s, &m, N, false);
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, 1);
    for (uint32_t i = 0; i < N; i++) {
        double t = (double)gsl_rng_uniform_int(g, 300);
        uint32_t type = gsl_rng_uniform(g) < 0.5 ? T_LOG_A : T_LOG_B;
        CHECK_EQ(sim_at(&s, t, type, i, (uint64_t)i * 3u), (uint64_t)i + 1);
    }
    CHECK_EQ(sim_run(&s, 1000.0), N);
    CHECK_EQ(m.n, N);
    for (size_t i = 0; i < N; i++) {
        const call_t *c = &m.log[i];
        CHECK(c->now == c->ev.time);
        CHECK_EQ(c->handler, c->ev.type);
        CHECK_EQ(c->ev.data, (uint64_t)c->ev.entity * 3u);
        CHECK_EQ(c->ev.seq, (uint64_t)c->ev.entity + 1);
        if (i > 0) {
            const call_t *p = &m.log[i - 1];
            CHECK(p->ev.time < c->ev.time || (p->ev.time == c->ev.time && p->ev.seq < c->ev.seq));
        }
    }
    CHECK(s.now == 1000.0);
    CHECK_EQ(s.events, N);
    gsl_rng_free(g);
    sim_teardown(&s, &m);
}
END_TEST

/* sim_run(until) handles events up to and including `until`, leaves the
 * later ones, and leaves the clock at `until`. */
START_TEST(test_until_boundary) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 16, false);
    sim_at(&s, 1.0, T_LOG_A, 1, 0);
    sim_at(&s, 5.0, T_LOG_A, 2, 0);
    sim_at(&s, 10.0, T_LOG_A, 3, 0);
    sim_at(&s, 10.0 + 1e-9, T_LOG_A, 4, 0);
    sim_at(&s, 15.0, T_LOG_A, 5, 0);
    CHECK_EQ(sim_run(&s, 10.0), 3);
    CHECK(s.now == 10.0);
    CHECK_EQ(m.log[2].ev.entity, 3); /* the event exactly at until ran */
    CHECK(m.log[2].now == 10.0);
    CHECK_EQ(sim_run(&s, 12.0), 1);
    CHECK(s.now == 12.0);
    CHECK_EQ(sim_run(&s, 14.0), 0); /* nothing in (12, 14] */
    CHECK(s.now == 14.0);
    /* an event scheduled relative to the advanced clock */
    sim_after(&s, 0.5, T_LOG_B, 6, 0);
    CHECK_EQ(sim_run(&s, 20.0), 2);
    CHECK_EQ(m.log[4].ev.entity, 6);
    CHECK(m.log[4].now == 14.5);
    CHECK_EQ(m.log[5].ev.entity, 5);
    CHECK(s.now == 20.0);
    CHECK_EQ(s.events, 6);
    sim_teardown(&s, &m);
}
END_TEST

/* Events that handlers schedule at exactly `until` (zero delays) are still
 * handled within the same run. */
START_TEST(test_zero_delay_at_until) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 16, false);
    /* a chain with step 0 starting at 10: four links all at t = 10 */
    sim_at(&s, 10.0, T_CHAIN, 0, 3);
    sim_at(&s, 10.0, T_LOG_A, 7, 0);
    CHECK_EQ(sim_run(&s, 10.0), 5);
    /* order: chain(3), log 7, chain(2), chain(1), chain(0) - the chain's
     * successors were scheduled after the log event, so they follow it */
    CHECK_EQ(m.log[0].handler, T_CHAIN);
    CHECK_EQ(m.log[1].handler, T_LOG_A);
    for (int i = 2; i < 5; i++) {
        CHECK_EQ(m.log[i].handler, T_CHAIN);
        CHECK_EQ(m.log[i].ev.data, (uint64_t)(4 - i));
        CHECK(m.log[i].now == 10.0);
    }
    CHECK(s.now == 10.0);
    sim_teardown(&s, &m);
}
END_TEST

/* A chain with step 2 from t=0: handlers schedule ahead, the run stops at
 * `until` and resumes from there. */
START_TEST(test_handlers_schedule_ahead) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 64, false);
    sim_at(&s, 0.0, T_CHAIN, 2, 20); /* links at 0, 2, ..., 40 */
    CHECK_EQ(sim_run(&s, 9.0), 5);   /* 0, 2, 4, 6, 8 */
    CHECK(s.now == 9.0);
    CHECK_EQ(sim_run(&s, 40.0), 16); /* 10 ... 40 */
    for (size_t i = 0; i < m.n; i++) CHECK(m.log[i].now == 2.0 * (double)i);
    CHECK(s.now == 40.0);
    CHECK_EQ(sim_run(&s, 1000.0), 0);
    sim_teardown(&s, &m);
}
END_TEST

/* A cancelled event never reaches its handler and is not counted, whether
 * cancelled before the run or by another handler during it. */
START_TEST(test_cancel) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 16, false);
    uint64_t a = sim_at(&s, 1.0, T_LOG_A, 1, 0);
    uint64_t b = sim_at(&s, 2.0, T_LOG_A, 2, 0);
    uint64_t c = sim_at(&s, 3.0, T_LOG_A, 3, 0);
    sim_at(&s, 2.5, T_CANCELLER, 4, c); /* cancels c at t = 2.5 */
    sim_at(&s, 4.0, T_LOG_B, 5, 0);
    CHECK(a && b && c);
    CHECK_EQ(sim_cancel(&s, b), 0);
    CHECK_EQ(sim_run(&s, 10.0), 3); /* a, the canceller, the B event */
    CHECK_EQ(m.n, 3);
    CHECK_EQ(m.log[0].ev.entity, 1);
    CHECK_EQ(m.log[1].ev.entity, 4);
    CHECK_EQ(m.log[2].ev.entity, 5);
    CHECK_EQ(s.events, 3);
    sim_teardown(&s, &m);
}
END_TEST

/* Event counts exclude cancelled events and accumulate across runs. */
START_TEST(test_event_count_excludes_cancelled) {
    enum { N = 10000 };
    sim_t s;
    model_t m;
    sim_setup(&s, &m, N, false);
    uint64_t h[N];
    for (uint32_t i = 0; i < N; i++) h[i] = sim_at(&s, (double)(i % 100), T_LOG_A, i, 0);
    size_t n_cancelled = 0;
    for (uint32_t i = 0; i < N; i += 3) {
        CHECK_EQ(sim_cancel(&s, h[i]), 0);
        n_cancelled++;
    }
    uint64_t first = sim_run(&s, 49.0);
    uint64_t second = sim_run(&s, 100.0);
    CHECK_EQ(first + second, N - n_cancelled);
    CHECK_EQ(s.events, N - n_cancelled);
    CHECK_EQ(m.n, N - n_cancelled);
    for (size_t i = 0; i < m.n; i++) CHECK(m.log[i].ev.entity % 3 != 0);
    sim_teardown(&s, &m);
}
END_TEST

/* A handler raises the stop flag: the run ends within 4096 events, marks
 * itself stopped, and leaves the clock at the last event handled. */
START_TEST(test_stop_flag) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 1, true);
    m.stop_after = 100;
    sim_at(&s, 0.0, T_TICK, 0, 0);
    uint64_t n = sim_run(&s, 1e12);
    CHECK_EQ(s.stopped, 1);
    CHECK_CMP(n, >=, 100);
    CHECK_CMP(n, <=, 100 + 4096);
    CHECK_EQ(n, m.ticks);
    CHECK(s.now == (double)(n - 1)); /* ticks at 0, 1, 2, ... */
    /* lowering the flag lets the next run go on to its end */
    atomic_store(&m.stop, 0);
    uint64_t more = sim_run(&s, (double)n + 99.5);
    CHECK_EQ(s.stopped, 0);
    CHECK_EQ(more, 100);
    CHECK(s.now == (double)n + 99.5);
    sim_teardown(&s, &m);
}
END_TEST

/* A flag raised late in a long run is also honoured within 4096 events,
 * and a run that ends before the flag is raised is not marked stopped. */
START_TEST(test_stop_flag_late) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 1, true);
    m.stop_after = 50000;
    sim_at(&s, 0.0, T_TICK, 0, 0);
    CHECK_EQ(sim_run(&s, 29999.0), 30000);
    CHECK_EQ(s.stopped, 0);
    uint64_t n = sim_run(&s, 1e12);
    CHECK_EQ(s.stopped, 1);
    CHECK_CMP(m.ticks, >=, 50000);
    CHECK_CMP(m.ticks, <=, 50000 + 4096);
    CHECK_EQ(n, m.ticks - 30000);
    sim_teardown(&s, &m);
}
END_TEST

/* The flag is ignored when none was given (a NULL stop pointer). */
START_TEST(test_no_stop_flag) {
    sim_t s;
    model_t m;
    sim_setup(&s, &m, 1, false);
    m.stop_after = 10; /* raises m.stop, which the sim does not watch */
    sim_at(&s, 0.0, T_TICK, 0, 0);
    CHECK_EQ(sim_run(&s, 9999.0), 10000);
    CHECK_EQ(s.stopped, 0);
    sim_teardown(&s, &m);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_sim(void);
Suite *suite_sim(void) {
    Suite *s = suite_create("sim");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_init_state);
    tcase_add_test(tc, test_time_order_and_dispatch);
    tcase_add_test(tc, test_until_boundary);
    tcase_add_test(tc, test_zero_delay_at_until);
    tcase_add_test(tc, test_handlers_schedule_ahead);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_event_count_excludes_cancelled);
    tcase_add_test(tc, test_stop_flag);
    tcase_add_test(tc, test_stop_flag_late);
    tcase_add_test(tc, test_no_stop_flag);
    suite_add_tcase(s, tc);
    return s;
}
