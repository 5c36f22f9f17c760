/*
 * sim.h - the run loop: a clock, an event calendar and handlers.
 *
 * A model registers one handler per event type, schedules events, and calls
 * sim_run(); the loop pops the earliest event, advances the clock, and calls
 * the handler for its type through a table (no switch in the kernel, no
 * knowledge of the model).  Handlers schedule further events.  The loop
 * counts events (a cancelled event is not an event) and polls an optional
 * stop flag every 4096 events so Ctrl-C ends a long run promptly.
 */
#ifndef GOVSIM_SIM_H
#define GOVSIM_SIM_H

#include <stdatomic.h>
#include <stdint.h>

#include "evq.h"
#include "hot_assert.h"

#define SIM_MAX_TYPES 32

typedef struct sim sim_t;
typedef void (*sim_handler_fn)(void *model, sim_t *sim, const evq_event_t *ev);
/* Told, before each event is handled, the next two in the calendar's
 * sorted run (NULL when it holds fewer; sim/evq.h, evq_peek_run): a model
 * whose entities outgrow the caches starts loading their records here,
 * so a miss overlaps the current event's work instead of stalling the
 * next.  A hint only: it must not change the model's state. */
typedef void (*sim_prefetch_fn)(const void *model, const evq_event_t *next,
                                const evq_event_t *after);

struct sim {
    double now;      /* the clock (minutes)      */
    uint64_t events; /* events handled so far    */
    evq_t calendar;
    void *model; /* passed to every handler  */
    sim_handler_fn handler[SIM_MAX_TYPES];
    const atomic_int *stop;   /* non-zero: stop soon      */
    int stopped;              /* the last run was stopped */
    sim_prefetch_fn prefetch; /* NULL: none               */
};

/* Returns 0, or -1 when out of memory. */
int sim_init(sim_t *s, void *model, const atomic_int *stop);
void sim_free(sim_t *s);

/* Handle events of `type` (< SIM_MAX_TYPES) with fn. */
void sim_on(sim_t *s, uint32_t type, sim_handler_fn fn);

/* Ask the cache for the line at p (no fault if p is not mapped). */
#if defined(__GNUC__) || defined(__clang__)
#define SIM_PREFETCH(p) __builtin_prefetch(p)
#else
#define SIM_PREFETCH(p) ((void)(p))
#endif

/* Call fn (NULL: nothing) before each event with the two that follow it. */
void sim_on_prefetch(sim_t *s, sim_prefetch_fn fn);

/* Schedule at absolute time t (>= now, asserted) or after a delay (>= 0).
 * Return the event's handle for sim_cancel, 0 when out of memory. */
static inline uint64_t sim_at(sim_t *s, double t, uint32_t type, uint32_t entity, uint64_t data) {
    hot_assert(t >= s->now);
    return evq_push(&s->calendar, t, type, entity, data);
}
static inline uint64_t sim_after(sim_t *s, double delay, uint32_t type, uint32_t entity,
                                 uint64_t data) {
    hot_assert(delay >= 0);
    return evq_push(&s->calendar, s->now + delay, type, entity, data);
}
/* sim_at and sim_after through evq_push_small: for a model whose calendar
 * stays small (study/qnet.c); see evq_push_small for why not for all. */
static inline uint64_t sim_at_small(sim_t *s, double t, uint32_t type, uint32_t entity,
                                    uint64_t data) {
    hot_assert(t >= s->now);
    return evq_push_small(&s->calendar, t, type, entity, data);
}
static inline uint64_t sim_after_small(sim_t *s, double delay, uint32_t type, uint32_t entity,
                                       uint64_t data) {
    hot_assert(delay >= 0);
    return evq_push_small(&s->calendar, s->now + delay, type, entity, data);
}
static inline int sim_cancel(sim_t *s, uint64_t handle) { return evq_cancel(&s->calendar, handle); }

/* Handle every event with time <= until, in (time, seq) order; the clock
 * ends at `until` (at the last event if `until` is INFINITY, or if the stop
 * flag was raised, with s->stopped set).  Returns the number of events handled in this call. */
uint64_t sim_run(sim_t *s, double until);

#endif
