/*
 * binheap.h - a plain textbook binary heap of evq_event_t, swap-based.
 *
 * Only for `govsim bench hold --baseline`: the yardstick the issue sets for
 * the event calendar ("no slower than a plain binary heap of the same event
 * struct").  Not used by any model.
 */
#ifndef GOVSIM_BINHEAP_H
#define GOVSIM_BINHEAP_H

#include <stdbool.h>
#include <stddef.h>

#include "evq.h"

typedef struct binheap {
    evq_event_t *a;
    size_t n, cap;
    uint64_t next_seq;
} binheap_t;

int binheap_init(binheap_t *h, size_t cap);
void binheap_free(binheap_t *h);
int binheap_push(binheap_t *h, double time, uint32_t type, uint32_t entity);
bool binheap_pop(binheap_t *h, evq_event_t *out);

#endif
