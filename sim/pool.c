#include "pool.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* n records of elem_size bytes on a POOL_ALIGN boundary (aligned_alloc
 * wants a size that is a multiple of the alignment), or NULL.  From
 * POOL_HUGE bytes on, on a POOL_HUGE boundary and in whole POOL_HUGE
 * pieces, with a request for transparent huge pages (pool.h, "Large
 * pools"); madvise is a hint, and its failure (no such pages here) costs
 * nothing but the speed-up. */
static unsigned char *data_alloc(size_t n, size_t elem_size) {
    size_t bytes = n * elem_size;
    size_t align = bytes >= POOL_HUGE ? POOL_HUGE : POOL_ALIGN;
    bytes = bytes ? (bytes + align - 1) / align * align : align;
    unsigned char *data = aligned_alloc(align, bytes);
#ifdef MADV_HUGEPAGE
    if (data && align == POOL_HUGE) (void)madvise(data, bytes, MADV_HUGEPAGE);
#endif
    return data;
}

int pool_init(pool_t *p, size_t elem_size, uint32_t initial_cap) {
    p->elem_size = elem_size;
    p->cap = initial_cap ? initial_cap : 64;
    p->used = p->live = p->n_free = 0;
    p->data = data_alloc(p->cap, elem_size);
    p->free_list = malloc((size_t)p->cap * sizeof *p->free_list);
    if (!p->data || !p->free_list) {
        pool_free(p);
        return -1;
    }
    return 0;
}

void pool_free(pool_t *p) {
    free(p->data);
    free(p->free_list);
    p->data = NULL;
    p->free_list = NULL;
    p->cap = p->used = p->live = p->n_free = 0;
}

void pool_clear(pool_t *p) { p->used = p->live = p->n_free = 0; }

int pool_grow(pool_t *p) {
    if (p->cap >= UINT32_MAX / 2) return -1;
    uint32_t cap = p->cap * 2;
    /* realloc would not keep the alignment */
    unsigned char *data = data_alloc(cap, p->elem_size);
    if (!data) return -1;
    memcpy(data, p->data, (size_t)p->used * p->elem_size);
    free(p->data);
    p->data = data;
    uint32_t *fl = realloc(p->free_list, (size_t)cap * sizeof *fl);
    if (!fl) return -1;
    p->free_list = fl;
    p->cap = cap;
    return 0;
}
