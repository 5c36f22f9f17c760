#include "evq.h"
#include "hot_assert.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#define EVQ_ARITY 4
#define EVQ_DEFAULT_CAP 64

static void drop_top(evq_t *q);

/* (time, seq) order.  Short-circuit form on purpose: measured on the hold
 * model, branch-free variants (bitwise &/|, conditional-move tournaments)
 * were 5-15% slower here, since a predicted branch lets the CPU start the
 * next level's loads early. */
static inline bool event_before(const evq_event_t *a, const evq_event_t *b) {
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

int evq_init(evq_t *q, size_t initial_cap) {
    q->cap = initial_cap ? initial_cap : EVQ_DEFAULT_CAP;
    q->heap = malloc(q->cap * sizeof *q->heap);
    q->size = 0;
    q->next_seq = 1;
    q->cancel = NULL;
    q->cancel_count = 0;
    q->cancel_cap = 0;
    return q->heap ? 0 : -1;
}

void evq_free(evq_t *q) {
    free(q->heap);
    free(q->cancel);
    q->heap = NULL;
    q->cancel = NULL;
    q->size = q->cap = q->cancel_count = q->cancel_cap = 0;
}

void evq_clear(evq_t *q) {
    q->size = 0;
    q->cancel_count = 0;
    for (size_t i = 0; i < q->cancel_cap; i++) q->cancel[i] = 0;
}

/* Move the hole at `i` up while (time, seq) is earlier than the parent;
 * returns where the hole stopped.  The key travels in registers: copying a
 * freshly built struct instead stalls on store-to-load forwarding. */
static inline size_t hole_up(evq_event_t *heap, size_t i, double time,
                             uint64_t seq) {
    while (i > 0) {
        size_t parent = (i - 1) / EVQ_ARITY;
        const evq_event_t *p = &heap[parent];
        if (!(time < p->time || (time == p->time && seq < p->seq))) break;
        heap[i] = *p;
        i = parent;
    }
    return i;
}

/* Move the hole at the root down, into the earliest child, until `ev`
 * (the former last element) is no later than that child.  (Floyd's
 * bottom-up variant, hole to a leaf first, measured slower here.) */
static void sift_down(evq_event_t *heap, size_t size, const evq_event_t *ev) {
    size_t i = 0;
    for (;;) {
        size_t first = i * EVQ_ARITY + 1;
        if (first >= size) break;
        size_t end = first + EVQ_ARITY < size ? first + EVQ_ARITY : size;
        size_t best = first;
        for (size_t c = first + 1; c < end; c++)
            if (event_before(&heap[c], &heap[best])) best = c;
        if (!event_before(&heap[best], ev)) break;
        heap[i] = heap[best];
        i = best;
    }
    heap[i] = *ev;
}

/* Double the heap array. */
static int evq_grow(evq_t *q) {
    size_t cap = q->cap * 2;
    evq_event_t *heap = realloc(q->heap, cap * sizeof *heap);
    if (!heap) return -1;
    q->heap = heap;
    q->cap = cap;
    return 0;
}

uint64_t evq_push(evq_t *q, double time, uint32_t type, uint32_t entity,
                  uint64_t data) {
    hot_assert(!isnan(time));
    if (q->size == q->cap && evq_grow(q) != 0) return 0;
    uint64_t seq = q->next_seq++;
    evq_event_t *slot = &q->heap[hole_up(q->heap, q->size++, time, seq)];
    slot->time = time;
    slot->seq = seq;
    slot->type = type;
    slot->entity = entity;
    slot->data = data;
    return seq;
}

static size_t cancel_slot(uint64_t seq, size_t cap) {
    /* Fibonacci hashing: seqs are consecutive integers */
    return (size_t)((seq * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* Remove seq from the set if present (backward-shift deletion keeps probe
 * chains intact without tombstones). */
static bool cancel_take(evq_t *q, uint64_t seq) {
    size_t mask = q->cancel_cap - 1;
    size_t i = cancel_slot(seq, q->cancel_cap);
    while (q->cancel[i] != seq) {
        if (q->cancel[i] == 0) return false;
        i = (i + 1) & mask;
    }
    size_t hole = i;
    for (size_t j = (hole + 1) & mask; q->cancel[j] != 0; j = (j + 1) & mask) {
        size_t home = cancel_slot(q->cancel[j], q->cancel_cap);
        /* move j into the hole if its home is not in (hole, j] cyclically */
        bool between = hole < j ? (home > hole && home <= j)
                                : (home > hole || home <= j);
        if (!between) {
            q->cancel[hole] = q->cancel[j];
            hole = j;
        }
    }
    q->cancel[hole] = 0;
    q->cancel_count--;
    return true;
}

/* Returns true when seq was not in the set before. */
static bool cancel_insert(uint64_t *set, size_t cap, uint64_t seq) {
    size_t i = cancel_slot(seq, cap);
    while (set[i] != 0 && set[i] != seq) i = (i + 1) & (cap - 1);
    bool added = set[i] == 0;
    set[i] = seq;
    return added;
}

/* Drop every cancelled event from the array at once and rebuild the heap
 * bottom-up (Floyd, O(n)).  Without this, events cancelled long before
 * their time (a served citizen's patience timer) would stay in the heap,
 * deepening it and each costing a full pop when it surfaces.  Seqs left in
 * the set afterwards belong to events that already fired (a caller bug):
 * they are forgotten too. */
static void purge_cancelled(evq_t *q) {
    size_t kept = 0;
    for (size_t i = 0; i < q->size; i++)
        if (!cancel_take(q, q->heap[i].seq)) q->heap[kept++] = q->heap[i];
    q->size = kept;
    for (size_t i = 0; i < q->cancel_cap; i++) q->cancel[i] = 0;
    q->cancel_count = 0;
    if (kept < 2) return;
    for (size_t i = (kept - 2) / EVQ_ARITY + 1; i-- > 0;) {
        evq_event_t ev = q->heap[i];
        size_t hole = i;
        for (;;) {
            size_t first = hole * EVQ_ARITY + 1;
            if (first >= kept) break;
            size_t end = first + EVQ_ARITY < kept ? first + EVQ_ARITY : kept;
            size_t best = first;
            for (size_t c = first + 1; c < end; c++)
                if (event_before(&q->heap[c], &q->heap[best])) best = c;
            if (!event_before(&q->heap[best], &ev)) break;
            q->heap[hole] = q->heap[best];
            hole = best;
        }
        q->heap[hole] = ev;
    }
}

int evq_cancel(evq_t *q, uint64_t seq) {
    assert(seq != 0 && seq < q->next_seq);
    if ((q->cancel_count + 1) * 2 > q->cancel_cap) {
        size_t cap = q->cancel_cap ? q->cancel_cap * 2 : 16;
        uint64_t *set = calloc(cap, sizeof *set);
        if (!set) return -1;
        for (size_t i = 0; i < q->cancel_cap; i++)
            if (q->cancel[i]) cancel_insert(set, cap, q->cancel[i]);
        free(q->cancel);
        q->cancel = set;
        q->cancel_cap = cap;
    }
    if (cancel_insert(q->cancel, q->cancel_cap, seq)) q->cancel_count++;
    if (q->cancel_count >= 64 && 2 * q->cancel_count >= q->size) purge_cancelled(q);
    return 0;
}

bool evq_pop(evq_t *q, evq_event_t *out) {
    while (q->size > 0) {
        *out = q->heap[0];
        drop_top(q);
        if (q->cancel_count == 0 || !cancel_take(q, out->seq)) return true;
    }
    return false;
}

static void drop_top(evq_t *q) {
    q->size--;
    if (q->size > 0) sift_down(q->heap, q->size, &q->heap[q->size]);
}

bool evq_pop_until(evq_t *q, double until, evq_event_t *out) {
    while (q->size > 0 && q->heap[0].time <= until) {
        *out = q->heap[0];
        drop_top(q);
        if (q->cancel_count == 0 || !cancel_take(q, out->seq)) return true;
    }
    return false;
}

double evq_next_time(evq_t *q) {
    while (q->size > 0 && q->cancel_count > 0 && cancel_take(q, q->heap[0].seq))
        drop_top(q);
    return q->size ? q->heap[0].time : INFINITY;
}
