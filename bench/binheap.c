#include "binheap.h"

#include <stdlib.h>

static inline bool before(const evq_event_t *x, const evq_event_t *y) {
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static inline void swap(evq_event_t *x, evq_event_t *y) {
    evq_event_t t = *x;
    *x = *y;
    *y = t;
}

int binheap_init(binheap_t *h, size_t cap) {
    h->a = malloc(cap * sizeof *h->a);
    h->n = 0;
    h->cap = cap;
    h->next_seq = 1;
    return h->a ? 0 : -1;
}

void binheap_free(binheap_t *h) {
    free(h->a);
    h->a = NULL;
}

int binheap_push(binheap_t *h, double time, uint32_t type, uint32_t entity) {
    if (h->n == h->cap) {
        evq_event_t *a = realloc(h->a, 2 * h->cap * sizeof *a);
        if (!a) return -1;
        h->a = a;
        h->cap *= 2;
    }
    size_t i = h->n++;
    h->a[i] = (evq_event_t){time, h->next_seq++, type, entity, 0};
    while (i > 0 && before(&h->a[i], &h->a[(i - 1) / 2])) {
        swap(&h->a[i], &h->a[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    return 0;
}

bool binheap_pop(binheap_t *h, evq_event_t *out) {
    if (h->n == 0) return false;
    *out = h->a[0];
    h->a[0] = h->a[--h->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && before(&h->a[l], &h->a[m])) m = l;
        if (r < h->n && before(&h->a[r], &h->a[m])) m = r;
        if (m == i) break;
        swap(&h->a[i], &h->a[m]);
        i = m;
    }
    return true;
}
