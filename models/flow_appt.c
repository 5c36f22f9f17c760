/*
 * flow_appt.c - appointments (docs/model.md, "Appointments").
 *
 * A counter citizen comes by the service's arrival profile at time t.  With
 * probability `share` they book instead of walking in: the first slot that
 * starts at or after t (the hall open then) if it has room, else, by
 * `when_full`, they walk in at t or take the same time on a later open day
 * with room.  A booking is kept with probability 1 - no_show; the citizen
 * then comes at the slot start plus an early/late draw (not before t; one
 * early for a slot at opening time waits at the door till it opens).  The
 * draws come from the citizen's own luck (LUCK_APPT), which a booking
 * carries to the later arrival: the booked citizen is the same person, with
 * the same luck, as the walk-in they would have been.  Booked and walk-in
 * citizens join the same line.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"

#define APPT_LATER_DAYS 366 /* days searched for a free slot (next_day) */

typedef struct booking {
    int code;
    uint64_t luck[FLOW_LUCK_N];
    uint32_t arrival_index; /* the citizen's place in its arrival stream */
} booking_t;

/* The booked counts are kept per day, [service][slot], a day's row made
 * when its first slot is looked at and freed once the day is past (no
 * booking looks back), so memory follows the days bookings reach ahead,
 * not the length of the run: a decade of Heilongjiang held 2.4 KB more per
 * simulated day when the whole run's table was one array. */
typedef struct flow_appt {
    size_t days, slots; /* days of the run, slots per day             */
    size_t row_len;     /* counts per day: services x slots           */
    unsigned **row;     /* [days]: the day's counts, NULL if not made
                           yet or freed                              */
    size_t first_live;  /* rows before this day are past and freed    */
    unsigned cap[FLOW_MAX_SERVICES];
    pool_t pending; /* booking_t of citizens yet to come          */
} flow_appt_t;

/* Windows that serve the service's first counter step: a slot holds
 * slots_per_window bookings per window. */
static unsigned service_capacity(const scn_t *s, const scn_service_t *sv) {
    for (size_t k = 0; k < sv->n_steps; k++) {
        const scn_step_t *st = &sv->steps[k];
        if (st->front || st->in_person)
            return (unsigned)sv->appt.slots_per_window * (unsigned)s->departments[st->dept].windows;
    }
    return 0;
}

int flow_appt_setup(flow_model_t *m) {
    const scn_t *s = m->s;
    double shortest = 0;
    for (size_t i = 0; i < s->n_services; i++)
        if (s->services[i].appt.on &&
            (shortest == 0 || s->services[i].appt.slot_minutes < shortest))
            shortest = s->services[i].appt.slot_minutes;
    if (shortest == 0) return 0;
    flow_appt_t *a = calloc(1, sizeof *a);
    if (!a) return -1;
    m->appt = a;
    a->days = (size_t)ceil(m->horizon / 1440) + 1;
    a->slots = (size_t)ceil(1440 / shortest);
    a->row_len = s->n_services * a->slots;
    a->row = calloc(a->days, sizeof *a->row);
    if (!a->row || pool_init(&a->pending, sizeof(booking_t), 256) != 0) return -1;
    for (size_t i = 0; i < s->n_services; i++)
        if (s->services[i].appt.on) a->cap[i] = service_capacity(s, &s->services[i]);
    return 0;
}

void flow_appt_free(flow_model_t *m) {
    if (!m->appt) return;
    flow_appt_t *a = m->appt;
    if (a->row)
        for (size_t d = a->first_live; d < a->days; d++) free(a->row[d]);
    free(a->row);
    pool_free(&m->appt->pending);
    free(m->appt);
    m->appt = NULL;
}

/* The booking count of the slot of service sv starting at t, or NULL when
 * t is outside the run. */
static unsigned *slot_count(flow_model_t *m, const scn_appt_t *ap, int sv, double t) {
    flow_appt_t *a = m->appt;
    double day = floor(t / 1440);
    size_t slot = (size_t)floor((t - day * 1440) / ap->slot_minutes);
    if (day < 0 || day >= (double)a->days || slot >= a->slots) return NULL;
    size_t d = (size_t)day;
    hot_assert(d >= a->first_live); /* bookings look ahead only */
    if (!a->row[d] && !(a->row[d] = calloc(a->row_len, sizeof *a->row[d]))) {
        m->nomem = 1; /* the run fails; meanwhile the slot has room */
        return NULL;
    }
    return &a->row[d][(size_t)sv * a->slots + slot];
}

/* Free the rows of the days before `today`. */
static void forget_past(flow_appt_t *a, double today) {
    while ((double)a->first_live < today && a->first_live < a->days) {
        free(a->row[a->first_live]);
        a->row[a->first_live++] = NULL;
    }
}

/* The first slot start at or after t. */
static double slot_start(const scn_appt_t *ap, double t) {
    double day = floor(t / 1440);
    return day * 1440 + ceil((t - day * 1440) / ap->slot_minutes - 1e-9) * ap->slot_minutes;
}

/* A slot with room for service sv wanted at time t: its start, or -1.  A
 * slot after the end of the run always has room (the citizen is not seen
 * again). */
static double find_slot(flow_model_t *m, int sv, double t) {
    const scn_t *s = m->s;
    const scn_appt_t *ap = &s->services[sv].appt;
    double start = slot_start(ap, t);
    if (s->calendar.n_intervals > 0 && !wcal_is_open(&s->calendar, start))
        start = slot_start(ap, wcal_next_open(&s->calendar, start));
    int tries = ap->when_full == SCN_APPT_NEXT_DAY ? APPT_LATER_DAYS : 1;
    for (int d = 0; d < tries; d++, start += 1440) {
        if (s->calendar.n_intervals > 0 && !wcal_is_open(&s->calendar, start)) continue;
        unsigned *n = slot_count(m, ap, sv, start);
        if (!n) return start;
        if (*n < m->appt->cap[sv]) {
            (*n)++;
            return start;
        }
    }
    return -1;
}

/* Minutes from the slot start: one or two numbers of g, whatever the form. */
static double offset_sample(const scn_offset_t *o, gsl_rng *g) {
    switch (o->kind) {
    case SCN_OFFSET_NORMAL:
        return o->a + gsl_ran_gaussian(g, o->b);
    case SCN_OFFSET_UNIFORM:
        return o->a + (o->b - o->a) * gsl_rng_uniform(g);
    default:
        return o->a;
    }
}

bool flow_appt_take(flow_model_t *m, int code, const flow_case_t *who, int ev_type) {
    int sv = (code >> 1) / FLOW_MAX_REGIONS, rg = (code >> 1) % FLOW_MAX_REGIONS;
    const scn_appt_t *ap = &m->s->services[sv].appt;
    if (!m->appt || !ap->on || (code & 1)) return false;
    uint64_t word = who->luck[LUCK_APPT];
    gsl_rng g = rng_substream(&word);
    /* every draw made, used or not, so a changed share moves no other */
    double u_book = gsl_rng_uniform(&g), u_show = gsl_rng_uniform(&g);
    double offset = offset_sample(&ap->early_late, &g);
    if (u_book >= ap->share) return false;
    forget_past(m->appt, floor(m->sim.now / 1440));
    double start = find_slot(m, sv, m->sim.now);
    if (start < 0) return false; /* no slot: walks in */
    if (u_show < ap->no_show) {
        flow_acc_no_show(m, sv, rg);
        return true;
    }
    uint32_t b = pool_alloc(&m->appt->pending);
    if (b == POOL_NONE) {
        m->nomem = 1;
        return true;
    }
    booking_t *bk = pool_at(&m->appt->pending, b);
    bk->code = code;
    memcpy(bk->luck, who->luck, sizeof bk->luck);
    bk->arrival_index = who->arrival_index;
    double when = start + offset;
    const wcal_t *cal = &m->s->calendar;
    if (when < start && cal->n_intervals > 0 && !wcal_is_open(cal, when))
        when = wcal_next_open(cal, when); /* early before opening: waits at the door */
    if (when < m->sim.now) when = m->sim.now;
    if (when > m->horizon) pool_release(&m->appt->pending, b); /* after the run */
    else if (sim_at(&m->sim, when, (uint32_t)ev_type, b, 0) == 0) m->nomem = 1;
    return true;
}

void flow_appt_arrive(flow_model_t *m, uint32_t booking, int *code, flow_case_t *who) {
    booking_t *bk = pool_at(&m->appt->pending, booking);
    *code = bk->code;
    memcpy(who->luck, bk->luck, sizeof bk->luck);
    who->arrival_index = bk->arrival_index;
    pool_release(&m->appt->pending, booking);
}
