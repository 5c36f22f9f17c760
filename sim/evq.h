/*
 * evq.h - the event calendar: a priority queue of future events.
 *
 * Design.  Events are small plain structs (32 bytes) stored by value in one
 * growable array organised as a 4-ary min-heap on (time, seq).  `seq` is a
 * 64-bit counter stamped at insertion, so events at the same instant leave in
 * the order they were scheduled and a run is deterministic.  A 4-ary heap is
 * half as deep as a binary one and its four children share two cache lines,
 * which pays off for large calendars; sifting moves a "hole" instead of
 * swapping, so each level costs one copy.
 *
 * No allocation per event: the array grows by doubling and never shrinks
 * until evq_free, so after warm-up pushing and popping touch no allocator.
 *
 * Cancellation is lazy.  evq_cancel(seq) records the seq in a small
 * open-addressing hash set; evq_pop discards cancelled events when they
 * reach the top.  The set is only consulted when it is non-empty, so runs
 * that never cancel pay one predictable branch per pop.  When cancelled
 * events make up half the heap (and number at least 64), they are purged
 * in one pass and the heap rebuilt, so timers cancelled long before their
 * time (patience of citizens who got served) do not pile up.
 */
#ifndef GOVSIM_EVQ_H
#define GOVSIM_EVQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct evq_event {
    double time;      /* when it happens (minutes)                       */
    uint64_t seq;     /* insertion stamp: tie-break and cancel handle    */
    uint32_t type;    /* what happens: an index into the model's handlers */
    uint32_t entity;  /* to whom: an index into an entity pool           */
    uint64_t data;    /* one word of payload for the handler             */
} evq_event_t;

typedef struct evq {
    evq_event_t *heap;   /* heap[0] is the earliest event               */
    size_t size;         /* events in the heap (including cancelled)    */
    size_t cap;
    uint64_t next_seq;
    /* cancelled seqs: open addressing, linear probing, 0 = empty slot
     * (seqs start at 1 so 0 is never a real handle) */
    uint64_t *cancel;
    size_t cancel_count;
    size_t cancel_cap;   /* power of two, or 0 */
} evq_t;

/* An empty calendar with room for `initial_cap` events (0: a default).
 * Returns 0, or -1 when out of memory. */
int evq_init(evq_t *q, size_t initial_cap);
void evq_free(evq_t *q);
/* Drop every event (keeps the memory). */
void evq_clear(evq_t *q);

/* Schedule an event; returns its seq (a handle for evq_cancel), or 0 when
 * out of memory.  `time` must not be NaN (asserted). */
uint64_t evq_push(evq_t *q, double time, uint32_t type, uint32_t entity,
                  uint64_t data);

/* Remove the earliest live event into *out. Returns false when empty. */
bool evq_pop(evq_t *q, evq_event_t *out);

/* Remove the earliest live event into *out if its time is <= until.
 * Returns false (and removes nothing live) otherwise.  The run loop's one
 * call per event. */
bool evq_pop_until(evq_t *q, double until, evq_event_t *out);

/* Time of the earliest live event, INFINITY when none.  Discards cancelled
 * events that sit at the top, hence not const. */
double evq_next_time(evq_t *q);

/* Cancel a pending event by its seq.  Cancelling an event that already
 * fired or was already cancelled is a caller bug (it is not detected and
 * only costs memory).  Returns 0, or -1 when out of memory. */
int evq_cancel(evq_t *q, uint64_t seq);

/* Events in the heap, counting cancelled ones not yet discarded. */
static inline size_t evq_size(const evq_t *q) { return q->size; }

#endif
