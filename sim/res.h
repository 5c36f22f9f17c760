/*
 * res.h - a multi-server resource: staff at windows, officers at desks.
 *
 * A resource has `capacity` servers and a waiting line split into priority
 * levels (level 0 is served first; FIFO within a level).  It is passive: it
 * never schedules events.  The model asks for a server (res_request), and
 * when one frees up (res_release) asks who is next (res_next), then
 * schedules that entity's service itself.  This keeps the resource free of
 * callbacks and the event loop in one place.
 *
 * Each level is a ring buffer of entries with absolute positions; an entry's
 * ticket is its position (and level), so a waiting entity can be removed in
 * O(1) when it abandons (res_cancel) by marking its entry dead; dead entries
 * are skipped when they reach the head.  The ring grows by doubling, so its
 * memory follows the longest queue (counting abandoned entries not yet
 * passed by the head), not the number of entities served.  Utilization is
 * mean busy / mean capacity, and can exceed 1 just after capacity falls.
 *
 * Capacity may change at any time (office hours, rebalancing).  Lowering it
 * never interrupts a service: busy servers above the new capacity finish
 * their current entity and are then withdrawn.
 *
 * Statistics kept inside (reset with res_reset_stats at the warm-up end):
 * time-averaged busy servers, capacity and queue length; the waiting time of
 * every entity that was served (0 for those served at once), with quantiles;
 * counts served, waited (> 0) and abandoned.
 */
#ifndef GOVSIM_RES_H
#define GOVSIM_RES_H

#include <stdbool.h>
#include <stdint.h>

#include "stats.h"

#define RES_NONE       UINT32_MAX
#define RES_MAX_LEVELS 16

typedef struct res_entry {
    double since; /* when it joined the line                   */
    uint64_t pos; /* absolute position in its level's ring      */
    uint32_t entity;
    uint32_t live; /* 0 once served, cancelled or removed        */
} res_entry_t;

typedef struct res_line {
    res_entry_t *ring; /* capacity mask + 1 entries                 */
    uint64_t mask;
    uint64_t head; /* position of the oldest entry (maybe dead)  */
    uint64_t tail; /* position the next entry will take          */
} res_line_t;

typedef struct res {
    unsigned capacity;
    unsigned busy;
    unsigned n_levels;
    uint64_t waiting; /* live entries over all levels     */
    res_line_t line[RES_MAX_LEVELS];
    /* statistics */
    stats_timeavg_t busy_avg, capacity_avg, queue_avg;
    stats_tally_t wait; /* waits of served entities         */
    stats_hist_t wait_hist;
    uint64_t served, waited, abandoned;
    bool track_waits; /* keep `wait` and `wait_hist`      */
} res_t;

/* Returns 0, or -1 when out of memory.  1 <= n_levels <= RES_MAX_LEVELS. */
int res_init(res_t *r, unsigned capacity, unsigned n_levels, double now);
void res_free(res_t *r);

enum { RES_QUEUED = 0, RES_GRANTED = 1, RES_NOMEM = -1 };

/* Ask for a server for `entity` at priority `level` (< n_levels).
 * RES_GRANTED: a server was free; the entity holds it from now and a wait
 * of 0 is recorded.  RES_QUEUED: the entity joined the line and *ticket
 * identifies its place (for res_cancel).  RES_NOMEM: the line could not
 * grow; nothing changed. */
int res_request(res_t *r, uint32_t entity, unsigned level, double now, uint64_t *ticket);

/* One server finishes its entity. */
void res_release(res_t *r, double now);

/* If a server is free and someone waits: that entity (earliest of the
 * highest-priority level) now holds a server; its wait is recorded.
 * Otherwise RES_NONE.  Call in a loop after release or a capacity rise. */
uint32_t res_next(res_t *r, double now);

/* Who res_next would most likely serve next: the entity at the head of
 * the highest-priority non-empty line (it may have left already: a hint,
 * for prefetching its records), or RES_NONE when nobody waits. */
static inline uint32_t res_peek(const res_t *r) {
    if (r->waiting == 0) return RES_NONE;
    for (unsigned lv = 0; lv < r->n_levels; lv++) {
        const res_line_t *l = &r->line[lv];
        if (l->head < l->tail) return l->ring[l->head & l->mask].entity;
    }
    return RES_NONE;
}

/* Remove a waiting entity (it abandons).  Returns true if it was still
 * waiting (counted as abandoned), false if it had already left the line. */
bool res_cancel(res_t *r, uint64_t ticket, double now);

/* Remove the next waiting entity without serving it (closing time: the
 * line goes home).  Returns RES_NONE when nobody waits.  Not counted as
 * abandoned: the caller decides what it means. */
uint32_t res_pop_waiting(res_t *r, double now);

/* Change the number of servers (see the header comment). */
void res_set_capacity(res_t *r, unsigned capacity, double now);

/* Keep the tally and histogram of waits (on after res_init), or not: a
 * model that never reads them turns them off, since each served entity
 * would otherwise touch a 30 KB histogram at a random place, a cache miss
 * on most events of a model with a hundred resources.  While off they
 * stay as they were; counts served and waited are kept either way. */
void res_track_waits(res_t *r, bool on);

/* Start the statistics afresh at `now` (warm-up end). */
void res_reset_stats(res_t *r, double now);

/* Mean busy servers / mean capacity since the last reset (0 if no capacity). */
double res_utilization(const res_t *r, double now);

#endif
