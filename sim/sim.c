#include "sim.h"
#include "hot_assert.h"

#include <assert.h>
#include <math.h>

int sim_init(sim_t *s, void *model, const atomic_int *stop) {
    s->now = 0.0;
    s->events = 0;
    s->model = model;
    s->stop = stop;
    s->stopped = 0;
    s->prefetch = 0;
    for (int i = 0; i < SIM_MAX_TYPES; i++) s->handler[i] = 0;
    return evq_init(&s->calendar, 0);
}

void sim_free(sim_t *s) { evq_free(&s->calendar); }

void sim_on(sim_t *s, uint32_t type, sim_handler_fn fn) {
    assert(type < SIM_MAX_TYPES);
    s->handler[type] = fn;
}

void sim_on_prefetch(sim_t *s, sim_prefetch_fn fn) { s->prefetch = fn; }

uint64_t sim_run(sim_t *s, double until) {
    uint64_t start = s->events;
    evq_event_t ev;
    s->stopped = 0;
    while (evq_pop_until(&s->calendar, until, &ev)) {
        hot_assert(ev.time >= s->now);
        s->now = ev.time;
        s->events++;
        hot_assert(ev.type < SIM_MAX_TYPES && s->handler[ev.type]);
        if (s->prefetch)
            s->prefetch(s->model, evq_peek_run(&s->calendar, 0), evq_peek_run(&s->calendar, 1));
        s->handler[ev.type](s->model, s, &ev);
        if ((s->events & 4095u) == 0 && s->stop &&
            atomic_load_explicit(s->stop, memory_order_relaxed)) {
            s->stopped = 1;
            return s->events - start;
        }
    }
    if (s->now < until && until < INFINITY) s->now = until;
    return s->events - start;
}
