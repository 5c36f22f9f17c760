/* Unit tests for the prefetch hints (docs/performance.md, "Prefetching"):
 * evq_peek_run names the events that leave next, sim_run tells a model's
 * prefetch hook the two events after the one it is about to handle, and
 * res_peek names who a resource would serve next. */
#include <check.h>
#include <stdint.h>

#include "res.h"
#include "sim.h"
#include "checks.h"

/* The run's next events, in order, without removing them. */
START_TEST(test_peek_run_order) {
    evq_t q;
    CHECK_EQ(evq_init(&q, 0), 0);
    CHECK(evq_peek_run(&q, 0) == NULL); /* empty */
    for (uint32_t i = 0; i < 5; i++) CHECK(evq_push(&q, 10.0 - i, 0, i, 0) != 0);
    evq_event_t e;
    CHECK(evq_pop(&q, &e)); /* pours the run */
    CHECK_EQ(e.entity, 4);
    for (size_t k = 0; k < 4; k++) {
        const evq_event_t *p = evq_peek_run(&q, k);
        CHECK(p != NULL);
        CHECK_EQ(p->entity, 3 - k); /* times 7, 8, 9, 10 */
    }
    CHECK(evq_peek_run(&q, 4) == NULL);
    CHECK_EQ(evq_size(&q), 4); /* nothing taken */
    evq_free(&q);
}
END_TEST

typedef struct seen {
    uint32_t handled[8], next[8], after[8]; /* entity, or UINT32_MAX for NULL */
    int n_handled, n_hints;
} seen_t;

static void on_event(void *model, sim_t *s, const evq_event_t *ev) {
    seen_t *m = model;
    (void)s;
    m->handled[m->n_handled++] = ev->entity;
}

static void hint(const void *model, const evq_event_t *next, const evq_event_t *after) {
    seen_t *m = (seen_t *)(uintptr_t)model; /* the test's own log */
    CHECK(m->n_hints == m->n_handled);      /* told before the event is handled */
    m->next[m->n_hints] = next ? next->entity : UINT32_MAX;
    m->after[m->n_hints] = after ? after->entity : UINT32_MAX;
    m->n_hints++;
}

/* Before each event the hook hears of the two that follow it. */
START_TEST(test_sim_tells_next_two) {
    seen_t m = {0};
    sim_t s;
    CHECK_EQ(sim_init(&s, &m, NULL), 0);
    sim_on(&s, 0, on_event);
    sim_on_prefetch(&s, hint);
    for (uint32_t i = 0; i < 4; i++) CHECK(sim_at(&s, 1.0 + i, 0, 10 + i, 0) != 0);
    CHECK_EQ(sim_run(&s, 100), 4);
    CHECK_EQ(m.n_hints, 4);
    uint32_t want_next[4] = {11, 12, 13, UINT32_MAX};
    uint32_t want_after[4] = {12, 13, UINT32_MAX, UINT32_MAX};
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(m.handled[i], 10u + (unsigned)i);
        CHECK_EQ(m.next[i], want_next[i]);
        CHECK_EQ(m.after[i], want_after[i]);
    }
    sim_free(&s);
}
END_TEST

/* Without a hook nothing is called (sim_init leaves it NULL). */
START_TEST(test_sim_no_hook) {
    seen_t m = {0};
    sim_t s;
    CHECK_EQ(sim_init(&s, &m, NULL), 0);
    CHECK(s.prefetch == NULL);
    sim_on(&s, 0, on_event);
    CHECK(sim_at(&s, 1.0, 0, 1, 0) != 0);
    CHECK_EQ(sim_run(&s, 100), 1);
    CHECK_EQ(m.n_hints, 0);
    sim_free(&s);
}
END_TEST

/* res_peek: the head of the line, which res_next then serves. */
START_TEST(test_res_peek) {
    res_t r;
    uint64_t ticket[3];
    CHECK_EQ(res_init(&r, 1, 2, 0.0), 0);
    CHECK_EQ(res_peek(&r), RES_NONE);
    CHECK_EQ(res_request(&r, 1, 0, 0.0, &ticket[0]), RES_GRANTED);
    CHECK_EQ(res_peek(&r), RES_NONE); /* served at once: nobody waits */
    CHECK_EQ(res_request(&r, 2, 1, 1.0, &ticket[1]), RES_QUEUED);
    CHECK_EQ(res_peek(&r), 2);
    CHECK_EQ(res_request(&r, 3, 0, 2.0, &ticket[2]), RES_QUEUED);
    CHECK_EQ(res_peek(&r), 3); /* the higher priority comes first */
    res_release(&r, 3.0);
    CHECK_EQ(res_next(&r, 3.0), 3);
    CHECK_EQ(res_peek(&r), 2);
    CHECK(res_cancel(&r, ticket[1], 4.0));
    CHECK_EQ(res_peek(&r), RES_NONE);
    res_free(&r);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_prefetch(void);
Suite *suite_prefetch(void) {
    Suite *s = suite_create("prefetch");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_peek_run_order);
    tcase_add_test(tc, test_sim_tells_next_two);
    tcase_add_test(tc, test_sim_no_hook);
    tcase_add_test(tc, test_res_peek);
    suite_add_tcase(s, tc);
    return s;
}
