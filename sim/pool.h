/*
 * pool.h - a pool of fixed-size records addressed by 32-bit indices.
 *
 * Entities (cases, customers) live here; events carry their index, never a
 * pointer.  Released slots go on a free list and are reused first, so the
 * memory a run needs is set by the most entities alive at once, not by how
 * many passed through.  The array grows by doubling when full; a pointer
 * from pool_at() is valid only until the next pool_alloc().
 *
 * Locality.  The free list is a stack: the slot released last is handed
 * out first, while its cache lines are likely still warm.  The array
 * starts on a cache-line boundary (POOL_ALIGN), so records whose size is a
 * multiple of it (a struct with _Alignas(POOL_ALIGN)) each occupy whole
 * lines and an access to a record's first fields touches one line, not
 * two; with many entities alive (tens of thousands of open cases) that is
 * the difference between one and two cache misses per record.
 *
 * Large pools.  A data array of POOL_HUGE (2 MiB) or more starts on a
 * POOL_HUGE boundary, is a whole number of such pieces, and asks Linux for
 * transparent huge pages (madvise; elsewhere, or where they are off, it
 * gets ordinary pages and works the same).  At 16 times Heilongjiang's
 * demand the open cases and their tasks fill about 10 MB, more than the
 * processor's address-translation cache covers in 4 KiB pages, and each
 * first touch of a record also missed there; in 2 MiB pages the x16 run is
 * 3-5% faster (docs/performance.md, "Huge pages for large pools").  A
 * smaller pool (a normal-sized scenario's) is allocated as before.  Memory:
 * at most one POOL_HUGE piece more per large pool, touched whole.
 */
#ifndef GOVSIM_POOL_H
#define GOVSIM_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "hot_assert.h"

#define POOL_NONE  UINT32_MAX
#define POOL_ALIGN 64                /* bytes: the data array starts on a cache line */
#define POOL_HUGE  ((size_t)2 << 20) /* bytes: a large pool's data, see above */

typedef struct pool {
    unsigned char *data; /* cap records of elem_size bytes              */
    size_t elem_size;
    uint32_t cap;
    uint32_t used;       /* slots ever handed out (high-water mark)     */
    uint32_t live;       /* slots currently allocated                   */
    uint32_t *free_list; /* stack of released indices                   */
    uint32_t n_free;
} pool_t;

/* Returns 0, or -1 when out of memory. */
int pool_init(pool_t *p, size_t elem_size, uint32_t initial_cap);
void pool_free(pool_t *p);
/* Release every slot at once (keeps the memory). */
void pool_clear(pool_t *p);

/* Double the capacity (pool_alloc's rare path, out of line so that the
 * common one inlines).  Returns 0, or -1 when out of memory or at 2^31
 * slots (its slots and their contents are kept). */
int pool_grow(pool_t *p);

/* A slot whose contents are unspecified, or POOL_NONE when out of memory
 * or past 2^31 slots. */
static inline uint32_t pool_alloc(pool_t *p) {
    if (p->n_free > 0) {
        p->live++;
        return p->free_list[--p->n_free];
    }
    if (p->used == p->cap && pool_grow(p) != 0) return POOL_NONE;
    p->live++;
    return p->used++;
}

/* Give a slot back.  Releasing a slot twice is a caller bug. */
static inline void pool_release(pool_t *p, uint32_t index) {
    hot_assert(index < p->used && p->live > 0); /* a slot handed out */
    hot_assert(p->live + p->n_free == p->used); /* not released twice */
    p->free_list[p->n_free++] = index;
    p->live--;
}

static inline void *pool_at(const pool_t *p, uint32_t index) {
    return p->data + (size_t)index * p->elem_size;
}

#endif
