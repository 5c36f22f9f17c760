/* The observer of the workflow model (models/flow_events.h): watching
 * changes nothing (the KPIs are bit-identical with and without an
 * observer), and what it is told adds up to the KPIs: the trips, the
 * finished cases and the cycle times counted from the events are those of
 * flow_result_t, every case that finishes arrived first, and every START
 * at a resource follows a JOIN of that case there. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "flow.h"
#include "flow_events.h"
#include "scn.h"

static void load(scn_t *s, const char *path, int days) {
    char err[512];
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (days > 0) s->days = days;
    if (flow_check(s, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* What the test observer keeps per case slot. */
typedef struct slot_state {
    uint64_t case_id; /* 0: free */
    double arrived;
    int trip_events, joins_open;
} slot_state_t;

typedef struct watch {
    double warmup;
    size_t n_slots;
    slot_state_t *slots;
    uint64_t events, arrivals, finished, finished_measured;
    double trips_measured, cycle_minutes_measured;
    int bad_order; /* a START with no JOIN before it, a second ARRIVE... */
    int bad_trips; /* FINISH trips != TRIP events of the case */
    double last_time;
} watch_t;

static slot_state_t *slot(watch_t *w, uint32_t i) {
    if (i >= w->n_slots) {
        size_t n = (i + 1) * 2;
        w->slots = realloc(w->slots, n * sizeof *w->slots);
        ck_assert_ptr_nonnull(w->slots);
        memset(w->slots + w->n_slots, 0, (n - w->n_slots) * sizeof *w->slots);
        w->n_slots = n;
    }
    return &w->slots[i];
}

static void observe(void *ctx, const flow_event_t *ev) {
    watch_t *w = ctx;
    slot_state_t *st = slot(w, ev->slot);
    w->events++;
    if (ev->time < w->last_time) w->bad_order++; /* told in time order */
    w->last_time = ev->time;
    switch (ev->kind) {
    case FLOW_EV_ARRIVE:
        if (st->case_id != 0) w->bad_order++;
        *st = (slot_state_t){.case_id = ev->case_id, .arrived = ev->time};
        w->arrivals++;
        break;
    case FLOW_EV_TRIP:
        st->trip_events++;
        if (ev->trips != st->trip_events) w->bad_trips++;
        break;
    case FLOW_EV_JOIN:
        st->joins_open++;
        break;
    case FLOW_EV_START:
        if (st->joins_open-- <= 0) w->bad_order++;
        break;
    case FLOW_EV_GIVE_UP:
    case FLOW_EV_SENT_HOME:
        if (st->joins_open-- <= 0) w->bad_order++;
        break;
    case FLOW_EV_FINISH:
        if (st->case_id != ev->case_id) w->bad_order++;
        if (ev->trips != st->trip_events) w->bad_trips++;
        w->finished++;
        if (ev->time >= w->warmup) {
            w->finished_measured++;
            w->trips_measured += ev->trips;
            w->cycle_minutes_measured += ev->time - st->arrived;
        }
        st->case_id = 0;
        break;
    default:
        if (st->case_id != ev->case_id) w->bad_order++;
        break;
    }
}

/* Same KPIs, bit for bit, with and without an observer. */
static void check_identical(const char *path, int days) {
    scn_t s;
    load(&s, path, days);
    for (uint32_t rep = 0; rep < 2; rep++) {
        flow_result_t a, b;
        watch_t w = {.warmup = s.warmup_days * 1440.0};
        flow_observer_t obs = {observe, &w};
        ck_assert_int_eq(flow_run(&s, rep, NULL, &a), 0);
        ck_assert_int_eq(flow_run_observed(&s, rep, NULL, &obs, &b), 0);
        ck_assert_uint_eq(a.n_groups, b.n_groups);
        ck_assert_int_eq(memcmp(a.kpi, b.kpi, a.n_groups * FLOW_K_COUNT * sizeof *a.kpi), 0);
        ck_assert_uint_eq(a.events, b.events);
        ck_assert(w.events > a.events); /* told more than once per case */
        flow_result_free(&a);
        flow_result_free(&b);
        free(w.slots);
    }
    scn_free(&s);
}

START_TEST(test_observer_changes_nothing) {
    check_identical("tests/scenarios/good/full.cfg", 60);
    check_identical("tests/scenarios/good/fetch_load.cfg", 30);
    check_identical("scenarios/xuzhou.cfg", 30);
}
END_TEST

/* Trips, finished cases and cycle times from the events = the KPIs. */
static void check_adds_up(const char *path, int days) {
    scn_t s;
    load(&s, path, days);
    flow_result_t r;
    watch_t w = {.warmup = s.warmup_days * 1440.0};
    flow_observer_t obs = {observe, &w};
    ck_assert_int_eq(flow_run_observed(&s, 0, NULL, &obs, &r), 0);
    ck_assert_int_eq(w.bad_order, 0);
    ck_assert_int_eq(w.bad_trips, 0);
    ck_assert(w.finished_measured > 0);
    ck_assert(w.arrivals >= w.finished);
    double completed = flow_kpi(&r, 0, FLOW_K_COMPLETED);
    ck_assert_double_eq(completed, (double)w.finished_measured);
    double trips = flow_kpi(&r, 0, FLOW_K_TRIPS);
    ck_assert_double_eq_tol(trips, w.trips_measured / (double)w.finished_measured, 1e-9);
    double cycle = flow_kpi(&r, 0, FLOW_K_CYCLE_MIN);
    ck_assert_double_eq_tol(cycle, w.cycle_minutes_measured / (double)w.finished_measured,
                            1e-6 * cycle);
    flow_result_free(&r);
    free(w.slots);
    scn_free(&s);
}

START_TEST(test_events_add_up_to_kpis) {
    check_adds_up("tests/scenarios/good/full.cfg", 60);
    check_adds_up("tests/scenarios/good/fetch_load.cfg", 30);
    check_adds_up("scenarios/xuzhou.cfg", 30);
}
END_TEST

/* The key that finds the same citizen in two variants: the n-th arrival of
 * a stream arrives at the same time whatever the reform does downstream
 * (here: twice the staff everywhere). */
typedef struct arrivals {
    double t[4096];
    uint32_t idx[4096];
    size_t n;
} arrivals_t;

static void keep_arrivals(void *ctx, const flow_event_t *ev) {
    arrivals_t *a = ctx;
    if (ev->kind != FLOW_EV_ARRIVE || ev->service != 0 || ev->channel != 0 || ev->region != 0)
        return;
    if (a->n < 4096) {
        a->t[a->n] = ev->time;
        a->idx[a->n++] = ev->arrival_index;
    }
}

START_TEST(test_arrival_key_is_stable) {
    scn_t s;
    load(&s, "scenarios/xuzhou.cfg", 20);
    arrivals_t *a = calloc(2, sizeof *a);
    ck_assert_ptr_nonnull(a);
    flow_result_t r;
    flow_observer_t o1 = {keep_arrivals, &a[0]}, o2 = {keep_arrivals, &a[1]};
    ck_assert_int_eq(flow_run_observed(&s, 0, NULL, &o1, &r), 0);
    flow_result_free(&r);
    for (size_t d = 0; d < s.n_departments; d++) s.departments[d].staff *= 2;
    ck_assert_int_eq(flow_run_observed(&s, 0, NULL, &o2, &r), 0);
    flow_result_free(&r);
    ck_assert(a[0].n > 10);
    ck_assert_uint_eq(a[0].n, a[1].n);
    for (size_t i = 0; i < a[0].n; i++) {
        ck_assert_uint_eq(a[0].idx[i], i);
        ck_assert_uint_eq(a[1].idx[i], i);
        ck_assert_double_eq(a[0].t[i], a[1].t[i]);
    }
    free(a);
    scn_free(&s);
}
END_TEST

extern Suite *suite_flow_events(void);
Suite *suite_flow_events(void) {
    Suite *s = suite_create("flow_events");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_observer_changes_nothing);
    tcase_add_test(tc, test_events_add_up_to_kpis);
    tcase_add_test(tc, test_arrival_key_is_stable);
    suite_add_tcase(s, tc);
    return s;
}
