#include "evq.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#define EVQ_ARITY 4
#define EVQ_DEFAULT_CAP 64

static void drop_top(evq_t *q);

/* (time, seq) order.  Bitwise operators instead of || and && so the
 * compiler can evaluate it without branches (the outcome is unpredictable
 * inside a heap, so branches would mispredict half the time). */
static inline bool event_before(const evq_event_t *a, const evq_event_t *b) {
    return (a->time < b->time) | ((a->time == b->time) & (a->seq < b->seq));
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

/* Move the hole at `i` up until `ev` fits, then drop `ev` into it. */
static void sift_up(evq_event_t *heap, size_t i, const evq_event_t *ev) {
    while (i > 0) {
        size_t parent = (i - 1) / EVQ_ARITY;
        if (!event_before(ev, &heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = *ev;
}

/* Index of the earliest of the four children starting at c, by a
 * tournament the compiler turns into conditional moves (no unpredictable
 * branches: which child is earliest is a coin toss in a random heap). */
static inline size_t earliest_of_four(const evq_event_t *heap, size_t c) {
    size_t a = event_before(&heap[c + 1], &heap[c]) ? c + 1 : c;
    size_t b = event_before(&heap[c + 3], &heap[c + 2]) ? c + 3 : c + 2;
    return event_before(&heap[b], &heap[a]) ? b : a;
}

/* Remove the root: Floyd's bottom-up deletion.  The hole left at the root
 * walks down to a leaf, always into the earliest child, without comparing
 * against the element being placed; then the former last element `ev`
 * sifts up from there.  The last element usually belongs near the bottom,
 * so this does about half the comparisons of the textbook sift-down. */
static void sift_down(evq_event_t *heap, size_t size, const evq_event_t *ev) {
    size_t i = 0;
    for (;;) {
        size_t first = i * EVQ_ARITY + 1;
        size_t best;
        if (first + EVQ_ARITY <= size) {
            best = earliest_of_four(heap, first);
        } else {
            if (first >= size) break;
            best = first;
            for (size_t c = first + 1; c < size; c++)
                if (event_before(&heap[c], &heap[best])) best = c;
        }
        heap[i] = heap[best];
        i = best;
    }
    sift_up(heap, i, ev);
}

uint64_t evq_push(evq_t *q, double time, uint32_t type, uint32_t entity,
                  uint64_t data) {
    assert(!isnan(time));
    if (q->size == q->cap) {
        size_t cap = q->cap * 2;
        evq_event_t *heap = realloc(q->heap, cap * sizeof *heap);
        if (!heap) return 0;
        q->heap = heap;
        q->cap = cap;
    }
    evq_event_t ev = {time, q->next_seq++, type, entity, data};
    sift_up(q->heap, q->size++, &ev);
    return ev.seq;
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

double evq_next_time(evq_t *q) {
    while (q->size > 0 && q->cancel_count > 0 && cancel_take(q, q->heap[0].seq))
        drop_top(q);
    return q->size ? q->heap[0].time : INFINITY;
}
