#include "res.h"
#include "hot_assert.h"

#include <assert.h>
#include <stdlib.h>

#define RES_INITIAL_RING 16u

/* A ticket packs the absolute position and the level. */
static inline uint64_t ticket_make(uint64_t pos, unsigned level) { return (pos << 4) | level; }

int res_init(res_t *r, unsigned capacity, unsigned n_levels, double now) {
    assert(n_levels >= 1 && n_levels <= RES_MAX_LEVELS);
    r->capacity = capacity;
    r->busy = 0;
    r->n_levels = n_levels;
    r->waiting = 0;
    r->wait_hist.count = NULL; /* before any res_free on a failure path */
    for (unsigned i = 0; i < RES_MAX_LEVELS; i++) r->line[i] = (res_line_t){NULL, 0, 0, 0};
    for (unsigned i = 0; i < n_levels; i++) {
        r->line[i].ring = malloc(RES_INITIAL_RING * sizeof(res_entry_t));
        if (!r->line[i].ring) {
            res_free(r);
            return -1;
        }
        r->line[i].mask = RES_INITIAL_RING - 1;
    }
    if (stats_hist_init(&r->wait_hist) != 0) {
        res_free(r);
        return -1;
    }
    r->track_waits = true;
    res_reset_stats(r, now);
    return 0;
}

void res_free(res_t *r) {
    for (unsigned i = 0; i < RES_MAX_LEVELS; i++) {
        free(r->line[i].ring);
        r->line[i].ring = NULL;
    }
    stats_hist_free(&r->wait_hist);
}

void res_reset_stats(res_t *r, double now) {
    stats_timeavg_init(&r->busy_avg, now, r->busy);
    stats_timeavg_init(&r->capacity_avg, now, r->capacity);
    stats_timeavg_init(&r->queue_avg, now, (double)r->waiting);
    if (r->track_waits) {
        stats_tally_init(&r->wait);
        stats_hist_clear(&r->wait_hist);
    }
    r->served = r->waited = r->abandoned = 0;
}

void res_track_waits(res_t *r, bool on) { r->track_waits = on; }

static inline void record_wait(res_t *r, double wait) {
    if (r->track_waits) {
        stats_tally_add(&r->wait, wait);
        stats_hist_add(&r->wait_hist, wait);
    }
    r->served++;
    if (wait > 0) r->waited++;
}

/* Double a full ring, re-placing each entry at its position's new slot. */
static int line_grow(res_line_t *l) {
    uint64_t cap = (l->mask + 1) * 2;
    res_entry_t *ring = malloc(cap * sizeof *ring);
    if (!ring) return -1;
    for (uint64_t p = l->head; p < l->tail; p++) ring[p & (cap - 1)] = l->ring[p & l->mask];
    free(l->ring);
    l->ring = ring;
    l->mask = cap - 1;
    return 0;
}

int res_request(res_t *r, uint32_t entity, unsigned level, double now, uint64_t *ticket) {
    hot_assert(level < r->n_levels);
    if (r->busy < r->capacity && r->waiting == 0) {
        r->busy++;
        stats_timeavg_set(&r->busy_avg, now, r->busy);
        record_wait(r, 0.0);
        return RES_GRANTED;
    }
    res_line_t *l = &r->line[level];
    if (l->tail - l->head > l->mask && line_grow(l) != 0) return RES_NOMEM;
    uint64_t pos = l->tail++;
    l->ring[pos & l->mask] = (res_entry_t){now, pos, entity, 1};
    r->waiting++;
    stats_timeavg_set(&r->queue_avg, now, (double)r->waiting);
    *ticket = ticket_make(pos, level);
    return RES_QUEUED;
}

void res_release(res_t *r, double now) {
    hot_assert(r->busy > 0);
    r->busy--;
    stats_timeavg_set(&r->busy_avg, now, r->busy);
}

/* The first live entry of the highest-priority non-empty level, removed
 * from its line; dead entries met on the way are dropped. */
static res_entry_t *line_take(res_t *r) {
    for (unsigned lv = 0; lv < r->n_levels; lv++) {
        res_line_t *l = &r->line[lv];
        while (l->head < l->tail) {
            res_entry_t *e = &l->ring[l->head & l->mask];
            l->head++;
            if (e->live) {
                hot_assert(r->waiting > 0 && e->pos + 1 == l->head);
                e->live = 0;
                r->waiting--;
                return e;
            }
        }
    }
    return NULL;
}

uint32_t res_next(res_t *r, double now) {
    if (r->busy >= r->capacity || r->waiting == 0) return RES_NONE;
    res_entry_t *e = line_take(r);
    hot_assert(e);
    hot_assert(e->entity != RES_NONE);
    r->busy++;
    stats_timeavg_set(&r->busy_avg, now, r->busy);
    stats_timeavg_set(&r->queue_avg, now, (double)r->waiting);
    record_wait(r, now - e->since);
    return e->entity;
}

bool res_cancel(res_t *r, uint64_t ticket, double now) {
    unsigned level = (unsigned)(ticket & 15u);
    uint64_t pos = ticket >> 4;
    assert(level < r->n_levels);
    res_line_t *l = &r->line[level];
    if (pos < l->head || pos >= l->tail) return false;
    res_entry_t *e = &l->ring[pos & l->mask];
    if (e->pos != pos || !e->live) return false;
    hot_assert(r->waiting > 0);
    e->live = 0;
    r->waiting--;
    r->abandoned++;
    stats_timeavg_set(&r->queue_avg, now, (double)r->waiting);
    return true;
}

uint32_t res_pop_waiting(res_t *r, double now) {
    if (r->waiting == 0) return RES_NONE;
    res_entry_t *e = line_take(r);
    hot_assert(e); /* waiting counts live entries */
    stats_timeavg_set(&r->queue_avg, now, (double)r->waiting);
    return e->entity;
}

void res_set_capacity(res_t *r, unsigned capacity, double now) {
    r->capacity = capacity;
    stats_timeavg_set(&r->capacity_avg, now, capacity);
}

double res_utilization(const res_t *r, double now) {
    double cap = stats_timeavg_mean(&r->capacity_avg, now);
    return cap > 0 ? stats_timeavg_mean(&r->busy_avg, now) / cap : 0.0;
}
