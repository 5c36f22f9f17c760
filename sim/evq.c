#include "evq.h"
#include "hot_assert.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EVQ_NIL         UINT32_MAX
#define EVQ_DEFAULT_CAP 64
/* Buckets are poured into `near` while it would hold at most NEAR_FILL
 * events; `near` is spilled back when pushes swell it to NEAR_LIMIT. */
#ifndef EVQ_NEAR_FILL
#define EVQ_NEAR_FILL 32
#endif
#ifndef EVQ_NEAR_LIMIT
#define EVQ_NEAR_LIMIT 64
#endif
/* A pour longer than this (many events at one instant) is sorted with
 * qsort rather than by insertion. */
#define INSERTION_SORT_MAX 64
/* Free chunks kept beyond one per EVQ_CHUNK events: the partly filled (or
 * empty, kept) tail of each bucket, and during a split the source's head
 * (kept for it) and the chunk being read, whose events are counted twice;
 * plus rounding.  See pool_reserve. */
#define SPARE_CHUNKS (EVQ_BUCKETS + 4)
#define KEY_ZERO     0x8000000000000000ull /* the key of +0.0 */
#if defined(__GNUC__)
#define EVQ_NOINLINE __attribute__((noinline))
#else
#define EVQ_NOINLINE
#endif

static void forget_cancels(evq_t *q);

/* ---- keys --------------------------------------------------------------- */

/* See evq_time_key (evq.h). */
static inline uint64_t time_key(double t) { return evq_time_key(t); }

static inline unsigned clz64(uint64_t x) {
#if defined(__GNUC__)
    return (unsigned)__builtin_clzll(x);
#else
    unsigned n = 0;
    while (!(x & 0x8000000000000000ull)) x <<= 1, n++;
    return n;
#endif
}

static inline unsigned ctz64(uint64_t x) {
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned n = 0;
    while (!(x & 1u)) x >>= 1, n++;
    return n;
#endif
}

#define DIGIT_VALUES (1u << EVQ_DIGIT)

/* The bucket of a key (>= last): 0 when key == last, else, at the highest
 * digit position p where they differ, p * DIGIT_VALUES + the key's digit
 * there.  Keys in higher buckets are larger. */
static inline unsigned bucket_of(uint64_t key, uint64_t last) {
    uint64_t x = key ^ last;
    if (x == 0) return 0;
    unsigned p = (63u - clz64(x)) / EVQ_DIGIT;
    return (p << EVQ_DIGIT) | (unsigned)((key >> (p * EVQ_DIGIT)) & (DIGIT_VALUES - 1));
}

/* The smallest key above bucket b's range: keys that agree with last
 * above b's digit position and have b's digit there (saturating: UINT64_MAX
 * is above every key of a time). */
static inline uint64_t bucket_end(uint64_t last, unsigned b) {
    if (b == 0) return last + 1;
    unsigned shift = (b >> EVQ_DIGIT) * EVQ_DIGIT;
    uint64_t digit = b & (DIGIT_VALUES - 1);
    uint64_t above = shift + EVQ_DIGIT >= 64 ? 0 : last >> (shift + EVQ_DIGIT);
    uint64_t top = (above << EVQ_DIGIT) + digit + 1;
    return top > UINT64_MAX >> shift ? UINT64_MAX : top << shift;
}

/* The start of bucket b's range (b beyond level 0). */
static inline uint64_t bucket_start(uint64_t last, unsigned b) {
    unsigned shift = (b >> EVQ_DIGIT) * EVQ_DIGIT;
    uint64_t above = shift + EVQ_DIGIT >= 64 ? 0 : last >> (shift + EVQ_DIGIT);
    return ((above << EVQ_DIGIT) | (b & (DIGIT_VALUES - 1))) << shift;
}

static inline void mark(evq_t *q, unsigned b) { q->nonempty[b >> 6] |= 1ull << (b & 63); }
static inline void unmark(evq_t *q, unsigned b) { q->nonempty[b >> 6] &= ~(1ull << (b & 63)); }

/* The lowest non-empty bucket, or EVQ_BUCKETS if none. */
static inline unsigned lowest_bucket(const evq_t *q) {
    for (unsigned w = 0; w < EVQ_MASK_WORDS; w++)
        if (q->nonempty[w]) return w * 64 + ctz64(q->nonempty[w]);
    return EVQ_BUCKETS;
}

/* ---- the near run ---------------------------------------------------------- */

/* (time, seq) order. */
static inline bool event_before(const evq_event_t *a, const evq_event_t *b) {
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static int cmp_events(const void *a, const void *b) {
    return event_before(a, b) ? -1 : event_before(b, a) ? 1 : 0;
}

static inline size_t near_count(const evq_t *q) { return q->near_end - q->near_head; }

/* A slot for a new event of this time in the run: its seq is the largest
 * yet, so it goes after every event at or before `time`.  With room before
 * the head (there is after any pop) the events before it shift down one;
 * otherwise those after it shift up.  New events are mostly due soon, so
 * this is usually a short shift at the front. */
static inline evq_event_t *near_slot(evq_t *q, double time) {
    evq_event_t *a = q->near;
    size_t i;
    if (q->near_head > 0) {
        i = --q->near_head;
        while (i + 1 < q->near_end && a[i + 1].time <= time) {
            a[i] = a[i + 1];
            i++;
        }
    } else {
        i = q->near_end++;
        while (i > 0 && time < a[i - 1].time) {
            a[i] = a[i - 1];
            i--;
        }
    }
    return &a[i];
}

/* Sort near[from .. near_end) in place. */
static void near_sort_tail(evq_t *q, size_t from) {
    evq_event_t *a = q->near;
    size_t end = q->near_end;
    if (end - from > INSERTION_SORT_MAX) {
        qsort(a + from, end - from, sizeof *a, cmp_events);
        return;
    }
    for (size_t j = from + 1; j < end; j++) {
        if (!event_before(&a[j], &a[j - 1])) continue;
        evq_event_t ev = a[j];
        size_t i = j;
        do {
            a[i] = a[i - 1];
            i--;
        } while (i > from && event_before(&ev, &a[i - 1]));
        a[i] = ev;
    }
}

/* ---- the chunk pool ------------------------------------------------------- */

static inline evq_event_t *chunk_at(const evq_t *q, uint32_t c) {
    return &q->pool[(size_t)c * EVQ_CHUNK];
}

static inline uint32_t chunk_take(evq_t *q) {
    uint32_t c = q->free_chunk;
    hot_assert(c != EVQ_NIL);
    q->free_chunk = q->chunk_next[c];
    return c;
}

static inline void chunk_give(evq_t *q, uint32_t c) {
    q->chunk_next[c] = q->free_chunk;
    q->free_chunk = c;
}

/* Free the chunks of a list from c to tail (inclusive). */
static void chunks_give(evq_t *q, uint32_t c, uint32_t tail) {
    for (;;) {
        uint32_t next = q->chunk_next[c];
        chunk_give(q, c);
        if (c == tail) return;
        c = next;
    }
}

/* How many events fit without reserving: `near` must take them all and
 * the pool needs events / EVQ_CHUNK + 1 + SPARE_CHUNKS chunks (see
 * reserve).  One comparison per push then covers both. */
static void set_room(evq_t *q) {
    size_t pool_events =
        q->n_chunks > 1 + SPARE_CHUNKS ? ((size_t)q->n_chunks - 1 - SPARE_CHUNKS) * EVQ_CHUNK : 0;
    q->room = q->near_cap < pool_events ? q->near_cap : pool_events;
}

/* Room for `events` events: `near` can take them all (a pour of bucket 0
 * may move any number, and the run starts at 0 whenever it grows at the
 * end), and the pool has at least events / EVQ_CHUNK +
 * SPARE_CHUNKS chunks, the most the buckets can use at once: each bucket
 * has one partial or kept chunk beyond its full ones (EVQ_BUCKETS), a
 * split keeps the source's head and reads one more chunk whose events are
 * also counted in their new buckets (2), plus rounding.  Reserved at push
 * time, so that pops, pours, splits and spills never allocate. */
static int reserve(evq_t *q, size_t events) {
    if (events > q->near_cap) {
        size_t cap = q->near_cap ? q->near_cap : 16;
        while (cap < events) cap *= 2;
        evq_event_t *a = realloc(q->near, cap * sizeof *a);
        if (!a) return -1;
        q->near = a;
        q->near_cap = cap;
    }
    size_t need = events / EVQ_CHUNK + 1 + SPARE_CHUNKS;
    if (need <= q->n_chunks) {
        set_room(q);
        return 0;
    }
    size_t n = q->n_chunks ? q->n_chunks : 1;
    while (n < need) n *= 2;
    if (n >= EVQ_NIL || n > SIZE_MAX / (EVQ_CHUNK * sizeof(evq_event_t))) return -1;
    evq_event_t *pool = realloc(q->pool, n * EVQ_CHUNK * sizeof *pool);
    if (!pool) return -1;
    q->pool = pool;
    uint32_t *next = realloc(q->chunk_next, n * sizeof *next);
    if (!next) return -1;
    q->chunk_next = next;
    for (size_t c = n; c-- > q->n_chunks;) chunk_give(q, (uint32_t)c);
    q->n_chunks = (uint32_t)n;
    q->cap = n * EVQ_CHUNK;
    set_room(q);
    return 0;
}

/* ---- buckets -------------------------------------------------------------- */

/* A never-used bucket: tail_len == EVQ_CHUNK sends the first append to the
 * (rare) branch that takes a chunk. */
static const evq_bucket_t UNUSED_BUCKET = {EVQ_NIL, EVQ_NIL, EVQ_CHUNK, 0};

/* A fresh slot at the end of bucket b (a chunk is always free: see
 * reserve). */
static inline evq_event_t *bucket_slot(evq_t *q, unsigned b) {
    evq_bucket_t *bk = &q->bucket[b];
    if (bk->tail_len == EVQ_CHUNK) {
        uint32_t c = chunk_take(q);
        if (bk->head == EVQ_NIL) {
            bk->head = c;
        } else {
            q->chunk_next[bk->tail] = c;
            bk->full += EVQ_CHUNK;
        }
        bk->tail = c;
        bk->tail_len = 0;
    }
    mark(q, b);
    return &chunk_at(q, bk->tail)[bk->tail_len++];
}

/* The events in bucket b (one with events: a never-used bucket's
 * tail_len is EVQ_CHUNK). */
static inline uint32_t bucket_count(const evq_t *q, unsigned b) {
    return q->bucket[b].full + q->bucket[b].tail_len;
}

/* Empty bucket b, keeping its head chunk. */
static void bucket_reset(evq_t *q, unsigned b) {
    evq_bucket_t *bk = &q->bucket[b];
    if (bk->head != bk->tail) chunks_give(q, q->chunk_next[bk->head], bk->tail);
    bk->tail = bk->head;
    bk->tail_len = 0;
    bk->full = 0;
    unmark(q, b);
}

/* ---- ranked pour ---------------------------------------------------------- */

/* A bucket beyond level 0 with 2 to RANK_MAX events (all in its head
 * chunk) is poured by rank instead of insertion: each event gets a 31-bit
 * word, the top RANK_KEY_BITS bits of its key's offset in the bucket's
 * range above its index in the bucket, and goes straight to the slot its
 * word's rank says (how many words are below it), counted four lanes at a
 * time with SIMD compares, without a branch on the data.  Words are
 * distinct (the index), so the ranks are a permutation.  Events whose key
 * bits are equal (a tie in time, or keys that differ only in the bits cut
 * off) come out in bucket order, which need not be (time, seq) order
 * (spills put run tails back): the words in rank order are compared with
 * their neighbours, and when two share their key bits the poured events
 * are put in order by insertion, which on a nearly sorted run costs about
 * a compare per event.  Sorting
 * by insertion moved 32-byte events and mispredicted about once per event
 * (docs/performance.md, "Calendar refill, session 5").  Needs GCC's
 * vector extension (GCC, Clang); elsewhere every pour is by insertion. */
#if defined(__GNUC__)
#define RANKED_POUR   1
#define RANK_KEY_BITS 25
#define RANK_IDX_BITS 6
#define RANK_MAX      32
#define RANK_BLOCKS   (RANK_MAX / 4)
#if RANK_MAX > EVQ_CHUNK || RANK_MAX > (1 << RANK_IDX_BITS)
#error "a ranked pour must fit one chunk and the index bits"
#endif
#if defined(__clang__)
#define RANK_UNROLL _Pragma("unroll")
#else
#define RANK_UNROLL _Pragma("GCC unroll 8")
#endif

typedef int32_t rank_v4_t __attribute__((vector_size(16)));
typedef union {
    int32_t s[RANK_MAX];
    rank_v4_t v[RANK_BLOCKS];
} rank_words_t;

/* The ranks of the words in w's first `blocks` blocks of four (lanes at
 * n and beyond hold INT32_MAX, and their ranks are not used) into rank.
 * For each word w[j], every block's four lanes are compared with it at
 * once, so no sum across lanes is needed.  `blocks` is a constant at each
 * call (the function is inlined), so the blocks stay in registers and the
 * loops unroll.  j runs over whole blocks (pads count nothing: INT32_MAX
 * is below no word). */
static inline __attribute__((always_inline)) void rank_all(const rank_words_t *w, unsigned blocks,
                                                           rank_words_t *rank) {
    rank_v4_t acc[RANK_BLOCKS];
    RANK_UNROLL
    for (unsigned k = 0; k < blocks; k++) acc[k] = (rank_v4_t){0, 0, 0, 0};
    RANK_UNROLL
    for (unsigned j = 0; j < 4 * blocks; j++) {
        int32_t x = w->s[j];
        rank_v4_t xv = {x, x, x, x};
        RANK_UNROLL
        for (unsigned k = 0; k < blocks; k++) acc[k] -= xv < w->v[k];
    }
    RANK_UNROLL
    for (unsigned k = 0; k < blocks; k++) rank->v[k] = acc[k];
}

/* The words in rank order, and pads after them whose key bits differ from
 * every word's and from each other's (negative, one key step apart). */
typedef union {
    int32_t s[RANK_MAX + 4];
    rank_v4_t v[RANK_BLOCKS + 1];
} rank_sorted_t;

/* Do two neighbours among the first `blocks` blocks of sorted words share
 * their key bits?  Each lane compared with the next, four at a time. */
static inline __attribute__((always_inline)) bool rank_tie(const rank_sorted_t *sorted,
                                                           unsigned blocks) {
    rank_v4_t same = {0, 0, 0, 0};
    RANK_UNROLL
    for (unsigned k = 0; k < blocks; k++) {
        rank_v4_t next;
        memcpy(&next, &sorted->s[4 * k + 1], sizeof next);
        same |= (sorted->v[k] >> RANK_IDX_BITS) == (next >> RANK_IDX_BITS);
    }
    return (same[0] | same[1] | same[2] | same[3]) != 0;
}

/* Pour bucket b (beyond level 0, 2 .. RANK_MAX events) by rank to the end
 * of `near`.  Returns true when the poured events still need sorting by
 * (time, seq).  `blocks` is a constant at each call. */
static inline __attribute__((always_inline)) bool pour_blocks(evq_t *q, unsigned b, unsigned n,
                                                              unsigned blocks) {
    assert(blocks >= 1 && n <= 4 * blocks); /* a constant test but for n */
    const evq_event_t *e = chunk_at(q, q->bucket[b].head);
    uint64_t start = bucket_start(q->last, b);
    unsigned width = (b >> EVQ_DIGIT) * EVQ_DIGIT; /* the key bits that vary in b */
    unsigned shift = width > RANK_KEY_BITS ? width - RANK_KEY_BITS : 0;
    rank_words_t w, rank;
    rank_sorted_t sorted;
    const rank_v4_t step = {0, 1 << RANK_IDX_BITS, 2 << RANK_IDX_BITS, 3 << RANK_IDX_BITS};
    RANK_UNROLL
    for (unsigned k = 0; k <= blocks; k++) {
        if (k < blocks) w.v[k] = (rank_v4_t){INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX};
        sorted.v[k] = INT32_MIN + (int32_t)(4 * k << RANK_IDX_BITS) + step;
    }
    for (unsigned i = 0; i < n; i++)
        w.s[i] = (int32_t)(((time_key(e[i].time) - start) >> shift) << RANK_IDX_BITS | i);
    rank_all(&w, blocks, &rank);
    evq_event_t *dst = &q->near[q->near_end];
    for (unsigned i = 0; i < n; i++) {
        dst[rank.s[i]] = e[i];
        sorted.s[rank.s[i]] = w.s[i];
    }
    q->near_end += n;
    return rank_tie(&sorted, blocks);
}

static bool pour_ranked(evq_t *q, unsigned b) {
    unsigned n = q->bucket[b].tail_len;
    hot_assert(q->bucket[b].full == 0 && b >= DIGIT_VALUES && n >= 2 && n <= RANK_MAX);
    if (n <= 4) return pour_blocks(q, b, n, 1);
    if (n <= 8) return pour_blocks(q, b, n, 2);
    if (n <= 16) return pour_blocks(q, b, n, 4);
    return pour_blocks(q, b, n, RANK_BLOCKS);
}
#else
#define RANKED_POUR 0
#define RANK_MAX    0
static bool pour_ranked(evq_t *q, unsigned b) {
    (void)q, (void)b;
    return true;
}
#endif

/* Move every event of bucket b to the end of `near` and sort them there:
 * their keys are above every key already in it. */
static void pour(evq_t *q, unsigned b) {
    const evq_bucket_t *bk = &q->bucket[b];
    size_t from = q->near_end;
    if (RANKED_POUR && b >= DIGIT_VALUES && bk->full == 0 && bk->tail_len >= 2 &&
        bk->tail_len <= RANK_MAX) {
        bool tie = pour_ranked(q, b);
        bucket_reset(q, b);
        if (tie) near_sort_tail(q, from);
        return;
    }
    for (uint32_t c = bk->head;; c = q->chunk_next[c]) {
        uint32_t n = c == bk->tail ? bk->tail_len : EVQ_CHUNK;
        memcpy(&q->near[q->near_end], chunk_at(q, c), n * sizeof(evq_event_t));
        q->near_end += n;
        if (c == bk->tail) break;
    }
    bucket_reset(q, b);
    near_sort_tail(q, from);
}

/* Split bucket b (beyond level 0, the lowest non-empty one) at the start
 * of its range: the keys that agree with `last` above b's digit position
 * and have b's digit there.  That key becomes `last` (and hi), and the
 * events fall into buckets of lower positions, all of them empty.  (A
 * radix heap proper splits at the bucket's minimum, which costs a pass to
 * find it.)  Each source chunk but the head (kept) is freed once read. */
static void split(evq_t *q, unsigned b) {
    evq_bucket_t src = q->bucket[b];
    uint64_t start = bucket_start(q->last, b);
    q->bucket[b].tail = src.head;
    q->bucket[b].tail_len = 0;
    q->bucket[b].full = 0;
    unmark(q, b);
    q->last = q->hi = start;
    for (uint32_t c = src.head;;) {
        const evq_event_t *e = chunk_at(q, c);
        bool at_tail = c == src.tail;
        uint32_t n = at_tail ? src.tail_len : EVQ_CHUNK;
        uint32_t next = q->chunk_next[c];
        for (uint32_t i = 0; i < n; i++)
            *bucket_slot(q, bucket_of(time_key(e[i].time), start)) = e[i];
        if (c != src.head) chunk_give(q, c);
        if (at_tail) break;
        c = next;
    }
}

/* `near` is empty: pour the lowest buckets into it while it stays within
 * NEAR_FILL (level 0 buckets, one key each, always go), splitting a lowest bucket
 * that is too large.  The spill limit is at least twice what was poured,
 * so that a big pour (many events at one instant) is not spilled back and
 * poured again on every push.  Returns false when there is no event. */
static bool refill(evq_t *q) {
    q->near_head = q->near_end = 0;
    for (unsigned b; (b = lowest_bucket(q)) < EVQ_BUCKETS;) {
        if (b < DIGIT_VALUES || q->near_end + bucket_count(q, b) <= EVQ_NEAR_FILL) {
            pour(q, b);
            q->hi = bucket_end(q->last, b);
        } else if (q->near_end > 0) {
            break;
        } else {
            split(q, b);
        }
    }
    q->near_limit = 2 * q->near_end > EVQ_NEAR_LIMIT ? 2 * q->near_end : EVQ_NEAR_LIMIT;
    return q->near_end > 0;
}

/* `near` has reached its limit: its events not before `last` (a tail of
 * the run) go back to the buckets and hi drops to last.  Events before
 * last (pushed back in time) stay; the limit grows with them so that
 * spills stay rare. */
static void spill(evq_t *q) {
    size_t keep = q->near_end;
    while (keep > q->near_head && time_key(q->near[keep - 1].time) >= q->last) keep--;
    for (size_t i = keep; i < q->near_end; i++)
        *bucket_slot(q, bucket_of(time_key(q->near[i].time), q->last)) = q->near[i];
    q->near_end = keep;
    q->hi = q->last;
    size_t kept = near_count(q);
    q->near_limit = 2 * kept > EVQ_NEAR_LIMIT ? 2 * kept : EVQ_NEAR_LIMIT;
}

/* ---- life cycle ------------------------------------------------------------ */

static void make_empty(evq_t *q) {
    q->size = 0;
    q->near_head = q->near_end = 0;
    q->near_limit = EVQ_NEAR_LIMIT;
    q->hi = q->last = KEY_ZERO;
    for (size_t w = 0; w < EVQ_MASK_WORDS; w++) q->nonempty[w] = 0;
    for (size_t b = 0; b < EVQ_BUCKETS; b++) q->bucket[b] = UNUSED_BUCKET;
    q->free_chunk = EVQ_NIL;
    for (size_t c = q->n_chunks; c-- > 0;) chunk_give(q, (uint32_t)c);
}

int evq_init(evq_t *q, size_t initial_cap) {
    memset(q, 0, sizeof *q);
    q->next_seq = 1;
    make_empty(q);
    return reserve(q, initial_cap ? initial_cap : EVQ_DEFAULT_CAP);
}

void evq_free(evq_t *q) {
    free(q->pool);
    free(q->chunk_next);
    free(q->near);
    free(q->cancel);
    free(q->cancel_hint);
    q->cancel_hint = NULL;
    q->pool = q->near = NULL;
    q->chunk_next = NULL;
    q->cancel = NULL;
    q->n_chunks = 0;
    q->near_cap = q->cap = q->room = 0;
    q->cancel_count = q->cancel_cap = 0;
    make_empty(q);
}

void evq_clear(evq_t *q) {
    make_empty(q);
    forget_cancels(q);
}

/* ---- push and pop ------------------------------------------------------------ */

/* Write a pushed event into its slot field by field (two instructions fewer
 * than the 16-byte halves of evq_event_write; these events are mostly read
 * much later) and count it.  Returns its seq. */
static inline uint64_t stamp(evq_t *q, evq_event_t *slot, double time, uint64_t seq, uint32_t type,
                             uint32_t entity, uint64_t data) {
    slot->time = time;
    slot->seq = seq;
    slot->type = type;
    slot->entity = entity;
    slot->data = data;
    q->size++;
    return seq;
}

/* evq_push's every case: room reserved first, a spill of the run when a
 * push below hi finds it full.  Kept out of evq_push (see there). */
static EVQ_NOINLINE uint64_t push_any(evq_t *q, double time, uint32_t type, uint32_t entity,
                                      uint64_t data) {
    if (q->size >= q->room && reserve(q, q->size + 1) != 0) return 0;
    uint64_t key = time_key(time);
    uint64_t seq = q->next_seq++;
    evq_event_t *slot;
    if (key < q->hi && near_count(q) >= q->near_limit) spill(q);
    if (key < q->hi) slot = near_slot(q, time);
    else slot = bucket_slot(q, bucket_of(key, q->last));
    return stamp(q, slot, time, seq, type, entity, data);
}

/* The common push of a large calendar (an event due at or after hi, into
 * a bucket whose tail chunk has room, no reserving) here; every other
 * case in push_any.  With all cases in one function, the compiler saved
 * and restored six registers around every push for the sake of the rare
 * paths (docs/performance.md, "Calendar refill, session 5"). */
uint64_t evq_push(evq_t *q, double time, uint32_t type, uint32_t entity, uint64_t data) {
    hot_assert(!isnan(time));
    uint64_t key = time_key(time);
    if (q->size < q->room && key >= q->hi) {
        unsigned b = bucket_of(key, q->last);
        evq_bucket_t *bk = &q->bucket[b];
        if (bk->tail_len < EVQ_CHUNK) {
            uint64_t seq = q->next_seq++;
            evq_event_t *slot = &chunk_at(q, bk->tail)[bk->tail_len++];
            mark(q, b);
            return stamp(q, slot, time, seq, type, entity, data);
        }
    }
    return push_any(q, time, type, entity, data);
}

/* Empty the cancelled set and its counts. */
static void forget_cancels(evq_t *q) {
    for (size_t i = 0; i < q->cancel_cap; i++) q->cancel[i] = 0;
    q->cancel_count = 0;
    if (q->cancel_hint) memset(q->cancel_hint, 0, EVQ_HINTS * sizeof *q->cancel_hint);
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
        bool between = hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!between) {
            q->cancel[hole] = q->cancel[j];
            hole = j;
        }
    }
    q->cancel[hole] = 0;
    q->cancel_count--;
    q->cancel_hint[seq % EVQ_HINTS]--;
    return true;
}

/* Was seq cancelled?  If so it is taken out of the set. */
static inline bool take_if_cancelled(evq_t *q, uint64_t seq) {
    return q->cancel_count > 0 && q->cancel_hint[seq % EVQ_HINTS] > 0 && cancel_take(q, seq);
}

/* Returns true when seq was not in the set before. */
static bool cancel_insert(uint64_t *set, size_t cap, uint64_t seq) {
    size_t i = cancel_slot(seq, cap);
    while (set[i] != 0 && set[i] != seq) i = (i + 1) & (cap - 1);
    bool added = set[i] == 0;
    set[i] = seq;
    return added;
}

/* Drop the cancelled events of bucket b in place and free the chunks left
 * over.  Returns the events kept. */
static size_t bucket_purge(evq_t *q, unsigned b) {
    evq_bucket_t *bk = &q->bucket[b];
    uint32_t wc = bk->head, wi = 0; /* write position */
    for (uint32_t c = bk->head;; c = q->chunk_next[c]) {
        uint32_t n = c == bk->tail ? bk->tail_len : EVQ_CHUNK;
        for (uint32_t i = 0; i < n; i++) {
            evq_event_t ev = chunk_at(q, c)[i];
            if (cancel_take(q, ev.seq)) continue;
            if (wi == EVQ_CHUNK) {
                wc = q->chunk_next[wc];
                wi = 0;
            }
            chunk_at(q, wc)[wi++] = ev;
        }
        if (c == bk->tail) break;
    }
    size_t kept = 0;
    for (uint32_t c = bk->head; c != wc; c = q->chunk_next[c]) kept += EVQ_CHUNK;
    kept += wi;
    if (kept == 0) {
        bucket_reset(q, b);
        return 0;
    }
    if (wc != bk->tail) chunks_give(q, q->chunk_next[wc], bk->tail);
    bk->tail = wc;
    bk->tail_len = wi;
    bk->full = (uint32_t)kept - wi;
    return kept;
}

/* Drop every cancelled event at once: `near` and the buckets compacted
 * in place.  Without this, events cancelled long before
 * their time (a served citizen's patience timer) would stay, each costing
 * moves and a pop when it surfaces.  Seqs left in the set afterwards
 * belong to events that already fired (a caller bug): they are forgotten
 * too. */
static void purge_cancelled(evq_t *q) {
    size_t end = q->near_head;
    for (size_t i = q->near_head; i < q->near_end; i++)
        if (!cancel_take(q, q->near[i].seq)) q->near[end++] = q->near[i];
    q->near_end = end;
    size_t kept = near_count(q);
    for (unsigned w = 0; w < EVQ_MASK_WORDS; w++)
        for (uint64_t m = q->nonempty[w]; m; m &= m - 1) kept += bucket_purge(q, w * 64 + ctz64(m));
    q->size = kept;
    forget_cancels(q);
}

int evq_cancel(evq_t *q, uint64_t seq) {
    assert(seq != 0 && seq < q->next_seq);
    if (!q->cancel_hint) {
        q->cancel_hint = calloc(EVQ_HINTS, sizeof *q->cancel_hint);
        if (!q->cancel_hint) return -1;
    }
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
    if (cancel_insert(q->cancel, q->cancel_cap, seq)) {
        q->cancel_count++;
        q->cancel_hint[seq % EVQ_HINTS]++;
    }
    if (q->cancel_count >= 64 && 2 * q->cancel_count >= q->size) purge_cancelled(q);
    return 0;
}

/* The earliest event (live or cancelled), left in place; NULL when none. */
static inline const evq_event_t *front(evq_t *q) {
    if (q->near_head == q->near_end && !refill(q)) return NULL;
    return &q->near[q->near_head];
}

static inline void drop_front(evq_t *q) {
    q->size--;
    q->near_head++;
}

bool evq_pop(evq_t *q, evq_event_t *out) {
    const evq_event_t *f;
    while ((f = front(q)) != NULL) {
        *out = *f;
        drop_front(q);
        if (!take_if_cancelled(q, out->seq)) return true;
    }
    return false;
}

bool evq_pop_until(evq_t *q, double until, evq_event_t *out) {
    const evq_event_t *f;
    while ((f = front(q)) != NULL && f->time <= until) {
        *out = *f;
        drop_front(q);
        if (!take_if_cancelled(q, out->seq)) return true;
    }
    return false;
}

double evq_next_time(evq_t *q) {
    const evq_event_t *f;
    while ((f = front(q)) != NULL && take_if_cancelled(q, f->seq)) drop_front(q);
    return f ? f->time : INFINITY;
}
