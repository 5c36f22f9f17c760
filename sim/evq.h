/*
 * evq.h - the event calendar: a priority queue of future events.
 *
 * Order.  Events are small plain structs (32 bytes) that leave in (time,
 * seq) order.  `seq` is a 64-bit counter stamped at insertion, so events at
 * the same instant leave in the order they were scheduled and a run is
 * deterministic.  Times may be any double but NaN, infinities included.
 *
 * Design: a short sorted run in front of a radix heap.  A time is mapped
 * to a 64-bit key whose unsigned order is the order of the doubles (its
 * IEEE bits, sign-adjusted), and the calendar keeps a bound `hi`:
 *   - events with keys below hi are in `near`, an array sorted by (time,
 *     seq), short (tens of events): a pop takes its first element;
 *   - the others are in the unsorted buckets of a radix heap with 5-bit
 *     digits: relative to a reference key `last` (<= hi), bucket
 *     (p, d) holds the keys whose highest digit differing from last is at
 *     position p and is d there; bucket 0 the keys equal to last.  Lower
 *     buckets hold earlier keys, and each bucket is a range of keys.
 * When `near` runs dry, the lowest buckets are poured into it and sorted
 * (each a range of keys just above hi, a few dozen events in all; a small
 * bucket by the rank of its keys' top bits, counted with SIMD compares,
 * then by insertion only where two events share those bits), and hi
 * rises to the end of the last one poured.  A lowest bucket too large to
 * pour is split at the start of its range, which becomes `last`: its
 * events fall into buckets of lower digit positions.  (With one-bit
 * digits, a plain radix heap, events moved 2.7 times each in the
 * Heilongjiang model; with 5-bit digits, 0.95 times.)  A push below hi is
 * inserted into the run (it usually lands near the front, which is the
 * cheap end); if such pushes swell it past a limit, its events go back to
 * the buckets and hi drops to `last`.  So an event is copied a few times
 * in its life, without data-dependent branches, and compared only while
 * sorting a few dozen; a heap of every pending event (thousands in a
 * workflow model, most of them days ahead) compares and mispredicts on
 * every level of every pop.  Ties leave by seq as the run is sorted by
 * (time, seq).  A calendar that stays small (an M/M/1 holds two events)
 * lives in the run alone.
 *
 * Memory.  Buckets are linked lists of 32-event chunks from one pool; the
 * pool and `near` grow by doubling at push time and always keep room for
 * every event, so popping never allocates and cannot fail.  Nothing is
 * allocated per event after warm-up, and memory stays proportional to the
 * largest number of pending events, plus spare chunks for a split (512 KB
 * of address space at the least, touched only as used).
 *
 * Cancellation is lazy.  evq_cancel(seq) records the seq in a small
 * open-addressing hash set; evq_pop discards cancelled events when they
 * reach the front.  The set is only consulted when it is non-empty, so runs
 * that never cancel pay one predictable branch per pop, and then only for
 * events whose seq shares its value modulo 4096 with a cancelled one (a
 * table of counts says), so most pops of a model with a few hundred
 * cancelled timers pending skip the lookup.  When cancelled
 * events make up half the calendar (and number at least 64), they are
 * purged in one pass, so timers cancelled long before their time (patience
 * of citizens who got served) do not pile up.
 */
#ifndef GOVSIM_EVQ_H
#define GOVSIM_EVQ_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hot_assert.h"

typedef struct evq_event {
    double time;     /* when it happens (minutes)                       */
    uint64_t seq;    /* insertion stamp: tie-break and cancel handle    */
    uint32_t type;   /* what happens: an index into the model's handlers */
    uint32_t entity; /* to whom: an index into an entity pool           */
    uint64_t data;   /* one word of payload for the handler             */
} evq_event_t;

/* Radix digits of EVQ_DIGIT bits: keys at or above `last` differ below
 * bit 63, so 63 bits make EVQ_LEVELS digit positions, each with a bucket
 * per digit value. */
#ifndef EVQ_DIGIT
#define EVQ_DIGIT 5
#endif
#define EVQ_LEVELS     ((63 + EVQ_DIGIT - 1) / EVQ_DIGIT)
#define EVQ_BUCKETS    (EVQ_LEVELS << EVQ_DIGIT)
#define EVQ_MASK_WORDS ((EVQ_BUCKETS + 63) / 64)
#define EVQ_CHUNK      32 /* events per chunk of a bucket's list          */

/* One bucket: a list of chunks, all full but the tail.  An emptied bucket
 * keeps its head chunk for the next event. */
typedef struct evq_bucket {
    uint32_t head, tail; /* chunk indices; head is EVQ_NIL if never used */
    uint32_t tail_len;   /* events in the tail chunk                     */
    uint32_t full;       /* events in the chunks before the tail (a push
                          * into the tail counts nothing else)          */
} evq_bucket_t;

typedef struct evq {
    size_t size; /* events held (including cancelled ones)       */
    uint64_t next_seq;
    /* the near run: every event with a key below hi, sorted, in
     * near[near_head .. near_end) */
    evq_event_t *near;
    size_t near_head, near_end, near_cap, near_limit;
    uint64_t hi;
    /* the radix heap: every other event */
    uint64_t last;                     /* reference key of the buckets (last <= hi)    */
    uint64_t nonempty[EVQ_MASK_WORDS]; /* bit b set: bucket b has events */
    evq_bucket_t bucket[EVQ_BUCKETS];
    evq_event_t *pool;    /* n_chunks * EVQ_CHUNK event slots             */
    uint32_t *chunk_next; /* next chunk of a bucket, or of the free list  */
    uint32_t n_chunks;
    uint32_t free_chunk; /* head of the free list                        */
    size_t cap;          /* event slots in the pool                      */
    size_t room;         /* events held before a push must reserve       */
    /* cancelled seqs: open addressing, linear probing, 0 = empty slot
     * (seqs start at 1 so 0 is never a real handle) */
    uint64_t *cancel;
    size_t cancel_count;
    size_t cancel_cap; /* power of two, or 0 */
    /* how many cancelled seqs fall on each value of seq % EVQ_HINTS: a pop
     * whose count is 0 is surely live, and skips the hash lookup */
    uint32_t *cancel_hint;
} evq_t;

#define EVQ_HINTS 4096

/* An empty calendar with room for `initial_cap` events (0: a default).
 * Returns 0, or -1 when out of memory. */
int evq_init(evq_t *q, size_t initial_cap);
void evq_free(evq_t *q);
/* Drop every event (keeps the memory). */
void evq_clear(evq_t *q);

/* The calendar's key of a time: its unsigned order is the order of the
 * doubles (non-negative times get the sign bit set, negative ones all
 * bits flipped; -0.0 is first made +0.0, so equal times have equal keys). */
static inline uint64_t evq_time_key(double t) {
    double x = t + 0.0;
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    uint64_t negative = 0 - (u >> 63);
    return u ^ (negative | 0x8000000000000000ull);
}

/* Write an event into *slot (evq_push_small's write).  Every other move
 * of an event (a pop, a shift in the run, a pour) copies it as two
 * 16-byte halves; written field by field (8, 8, 4, 4, 8 bytes), an event
 * read soon after, while its stores are still in the store buffer (an
 * M/M/1 pops the event it just pushed about half the time), cannot be
 * forwarded from them and waits for them to reach the cache.  So it is
 * written as the same two halves where the compiler allows (GCC and
 * Clang on a little-endian machine: type and entity share the third
 * word).  evq_push, whose events mostly go to buckets and are read much
 * later, stores the fields: two instructions fewer, the same time in
 * the hold model. */
static inline void evq_event_write(evq_event_t *slot, double time, uint64_t seq, uint32_t type,
                                   uint32_t entity, uint64_t data) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    typedef uint64_t evq_half_t __attribute__((vector_size(16)));
    uint64_t t;
    memcpy(&t, &time, sizeof t);
    evq_half_t first = {t, seq}, second = {(uint64_t)type | (uint64_t)entity << 32, data};
    memcpy(slot, &first, sizeof first);
    memcpy((unsigned char *)slot + sizeof first, &second, sizeof second);
#else
    *slot = (evq_event_t){time, seq, type, entity, data};
#endif
}

/* Schedule an event; returns its seq (a handle for evq_cancel), or 0 when
 * out of memory.  `time` must not be NaN (asserted). */
uint64_t evq_push(evq_t *q, double time, uint32_t type, uint32_t entity, uint64_t data);

/* evq_push, with the common case of a calendar that stays small inline
 * (an M/M/1 holds two events, all in the run): room without reserving,
 * an event due before hi, a run below its spill limit with a free slot
 * before its head.  The event is placed exactly as evq_push would place
 * it (after every event at or before its time, those shifted down one);
 * any other case calls evq_push.  Out of line, such a push spent about 35
 * instructions on the call, saved registers and argument moves around
 * 30 of work.  Not for a calendar of thousands (a workflow model's),
 * whose pushes mostly go to the buckets: there the inline test at every
 * call site cost 1.7% more instructions and no time gained
 * (docs/performance.md, "Kernel, session 4"). */
static inline uint64_t evq_push_small(evq_t *q, double time, uint32_t type, uint32_t entity,
                                      uint64_t data) {
    hot_assert(!isnan(time));
    if (q->size < q->room && q->near_head > 0 && evq_time_key(time) < q->hi &&
        q->near_end - q->near_head < q->near_limit) {
        evq_event_t *a = q->near;
        size_t i = --q->near_head;
        while (i + 1 < q->near_end && a[i + 1].time <= time) {
            a[i] = a[i + 1];
            i++;
        }
        uint64_t seq = q->next_seq++;
        evq_event_write(&a[i], time, seq, type, entity, data);
        q->size++;
        return seq;
    }
    return evq_push(q, time, type, entity, data);
}

/* Remove the earliest live event into *out. Returns false when empty. */
bool evq_pop(evq_t *q, evq_event_t *out);

/* Remove the earliest live event into *out if its time is <= until.
 * Returns false (and removes nothing live) otherwise.  The run loop's one
 * call per event. */
bool evq_pop_until(evq_t *q, double until, evq_event_t *out);

/* Time of the earliest live event, INFINITY when none.  Discards cancelled
 * events that sit at the front, hence not const. */
double evq_next_time(evq_t *q);

/* Cancel a pending event by its seq.  Cancelling an event that already
 * fired or was already cancelled is a caller bug (it is not detected and
 * only costs memory).  Returns 0, or -1 when out of memory. */
int evq_cancel(evq_t *q, uint64_t seq);

/* The k-th event after the front of the sorted run (k = 0: the next to
 * leave), or NULL when the run holds no more.  A hint, for prefetching
 * what the next events will touch: an event pushed later may come first,
 * a cancelled one may be among these, and the pointer is valid only until
 * the next push or pop. */
static inline const evq_event_t *evq_peek_run(const evq_t *q, size_t k) {
    return q->near_head + k < q->near_end ? &q->near[q->near_head + k] : NULL;
}

/* Events held, counting cancelled ones not yet discarded. */
static inline size_t evq_size(const evq_t *q) { return q->size; }

#endif
