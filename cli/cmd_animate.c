/*
 * govsim animate SCENARIO [REFORM.cfg ...] [-o DIR] [--seed S]
 *
 * A day in the hall (output/out_anim.h): replication 0 is run up to the
 * end of the first working day after the warm-up, every event of that day
 * is recorded through the model's observer (with the lines as they stood
 * when the day began), and DIR/animation.html (default
 * results/<scenario>-animate/) replays it.  With reforms named (applied
 * together), the reformed variant is drawn beside on the same citizens
 * (common random numbers).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flow.h"
#include "i18n.h"
#include "out_anim.h"
#include "out_dir.h"
#include "out_file.h"
#include "scn.h"
#include "trace.h"

/* A start of work announced before the work begins (a file that reached an
 * officer outside opening hours): the officer takes it then. */
typedef struct anim_pending {
    double begins;
    unsigned box, lane;
    uint64_t who;
} anim_pending_t;

/* What the observer keeps of one variant's day. */
typedef struct anim_rec {
    const scn_t *s;
    size_t nd, n_boxes;
    double t0, t1;          /* the day, model minutes           */
    unsigned (*waiting)[2]; /* per box and lane, running        */
    unsigned (*busy)[2];
    out_anim_box_t *boxes;           /* names, counts at t0              */
    char (*ids)[2][SCN_ID_MAX + 16]; /* resource ids of the boxes       */
    char (*names)[SCN_NAME_MAX + 32];
    bool snapped;
    out_anim_event_t *ev;
    size_t n, cap;
    out_anim_link_t *links;
    size_t n_links;
    anim_pending_t *pending; /* by begins, then by announcement     */
    size_t pending_head, n_pending, pending_cap;
    atomic_int stop;
    int nomem;
} anim_rec_t;

/* The box and lane of a place; false for none. */
static bool box_of(const anim_rec_t *a, const flow_event_t *e, unsigned *box, unsigned *lane) {
    if (e->place == FLOW_PLACE_NONE || e->res_index < 0) return false;
    *box = (unsigned)e->res_index + (e->place == FLOW_PLACE_HALL ? (unsigned)a->nd : 0);
    *lane = e->place == FLOW_PLACE_OFFICERS;
    return *box < a->n_boxes;
}

static void snapshot(anim_rec_t *a) {
    for (size_t i = 0; i < a->n_boxes; i++)
        for (int l = 0; l < 2; l++) {
            a->boxes[i].waiting[l] = a->waiting[i][l];
            a->boxes[i].busy[l] = a->busy[i][l];
        }
    a->snapped = true;
}

/* `array` (holding n of *cap elements of `size` bytes) with room for one
 * more, doubling from `first`: the same or a moved array, or NULL (and
 * a->nomem; the array is then untouched) when out of memory. */
static void *room_for_one(anim_rec_t *a, void *array, size_t n, size_t *cap, size_t size,
                          size_t first) {
    if (n < *cap) return array;
    size_t grown = *cap ? 2 * *cap : first;
    void *p = realloc(array, grown * size);
    if (!p) {
        a->nomem = 1;
        return NULL;
    }
    *cap = grown;
    return p;
}

static void push(anim_rec_t *a, out_anim_event_t e) {
    out_anim_event_t *ev = room_for_one(a, a->ev, a->n, &a->cap, sizeof *ev, 1024);
    if (!ev) return;
    a->ev = ev;
    a->ev[a->n++] = e;
}

/* Keep a start whose work begins later, in begins order (ties in the order
 * announced; most share the next opening, so this appends). */
static void defer_start(anim_rec_t *a, anim_pending_t p) {
    if (a->pending_head > 0 && a->pending_head == a->n_pending) a->pending_head = a->n_pending = 0;
    anim_pending_t *pending =
        room_for_one(a, a->pending, a->n_pending, &a->pending_cap, sizeof *pending, 256);
    if (!pending) return;
    a->pending = pending;
    size_t i = a->n_pending++;
    while (i > a->pending_head && a->pending[i - 1].begins > p.begins) {
        a->pending[i] = a->pending[i - 1];
        i--;
    }
    a->pending[i] = p;
}

/* The deferred starts whose work has begun by `until` (and before the day's
 * end) move from the line to the servers, in time order, before the event
 * at `until` is counted. */
static void begin_due(anim_rec_t *a, double until) {
    while (a->pending_head < a->n_pending) {
        const anim_pending_t *p = &a->pending[a->pending_head];
        if (p->begins > until || p->begins >= a->t1) return;
        if (!a->snapped && p->begins >= a->t0) snapshot(a);
        a->waiting[p->box][p->lane]--;
        a->busy[p->box][p->lane]++;
        if (a->snapped)
            push(a, (out_anim_event_t){.t = p->begins - a->t0,
                                       .box = p->box,
                                       .lane = p->lane,
                                       .who = p->who,
                                       .kind = OUT_ANIM_START});
        a->pending_head++;
    }
}

/* Count lines and servers all along; record the day's events.  A file that
 * reaches an officer outside opening hours stays in the line until its work
 * begins (the event's `begins`), as in the event log and the trace. */
static void observe(void *ctx, const flow_event_t *e) {
    anim_rec_t *a = ctx;
    begin_due(a, e->time);
    if (e->time >= a->t1) {
        atomic_store(&a->stop, 1);
        return;
    }
    if (!a->snapped && e->time >= a->t0) snapshot(a);
    unsigned box = 0, lane = 0;
    bool at = box_of(a, e, &box, &lane);
    double t = e->time - a->t0;
    out_anim_event_t r = {.t = t, .box = box, .lane = lane, .who = e->case_id};
    switch (e->kind) {
    case FLOW_EV_JOIN:
        if (!at) return;
        a->waiting[box][lane]++;
        r.kind = OUT_ANIM_JOIN;
        break;
    case FLOW_EV_START:
        if (!at) return;
        if (e->begins > e->time) {
            defer_start(a, (anim_pending_t){e->begins, box, lane, e->case_id});
            return;
        }
        a->waiting[box][lane]--;
        a->busy[box][lane]++;
        r.kind = OUT_ANIM_START;
        break;
    case FLOW_EV_COMPLETE:
        if (!at) return;
        a->busy[box][lane]--;
        r.kind = OUT_ANIM_DONE;
        break;
    case FLOW_EV_GIVE_UP:
    case FLOW_EV_SENT_HOME:
        if (!at) return;
        a->waiting[box][lane]--;
        r.kind = OUT_ANIM_LEAVE;
        break;
    case FLOW_EV_TRIP:
        if (!at) return;
        r.kind = 'v';
        break;
    case FLOW_EV_DATA_SENT:
        r.kind = OUT_ANIM_DATA;
        r.from = (unsigned)e->dept;
        r.box = (unsigned)a->s->services[e->service].steps[e->step].dept;
        r.lane = 1;
        r.until = t + e->amount;
        break;
    default:
        return;
    }
    if (a->snapped) push(a, r);
}

static const char *mode_name(const scn_t *s, scn_link_mode_t m) {
    if (s->levers.data_hub) return "hub";
    return m == SCN_LINK_API ? "api" : m == SCN_LINK_MANUAL ? "manual" : "none";
}

/* Boxes (departments, then one-stop halls) and links of s. */
static int anim_init(anim_rec_t *a, const scn_t *s, double t0) {
    memset(a, 0, sizeof *a);
    a->s = s;
    a->nd = s->n_departments;
    a->n_boxes = a->nd + (s->levers.one_stop ? s->n_regions : 0);
    a->t0 = t0;
    a->t1 = t0 + 1440;
    a->waiting = calloc(a->n_boxes, sizeof *a->waiting);
    a->busy = calloc(a->n_boxes, sizeof *a->busy);
    a->boxes = calloc(a->n_boxes, sizeof *a->boxes);
    a->ids = calloc(a->n_boxes, sizeof *a->ids);
    a->names = calloc(a->n_boxes, sizeof *a->names);
    a->links = calloc(s->n_links ? s->n_links : 1, sizeof *a->links);
    if (!a->waiting || !a->busy || !a->boxes || !a->ids || !a->names || !a->links) return -1;
    for (size_t d = 0; d < a->nd; d++) {
        const scn_department_t *dp = &s->departments[d];
        snprintf(a->ids[d][0], sizeof a->ids[d][0], "%s windows", dp->id);
        snprintf(a->ids[d][1], sizeof a->ids[d][1], "%s officers", dp->id);
        snprintf(a->names[d], sizeof a->names[d], "%s", dp->name);
        a->boxes[d] = (out_anim_box_t){.name = a->names[d],
                                       .windows = a->ids[d][0],
                                       .officers = a->ids[d][1],
                                       .n_windows = s->levers.one_stop ? 0 : (unsigned)dp->windows,
                                       .n_officers = (unsigned)dp->staff};
    }
    for (size_t g = a->nd; g < a->n_boxes; g++) {
        const scn_region_t *r = &s->regions[g - a->nd];
        unsigned w = 0;
        for (size_t d = 0; d < a->nd; d++)
            if (s->departments[d].region == (int)(g - a->nd))
                w += (unsigned)s->departments[d].windows;
        if (s->levers.one_stop_windows > 0) w = (unsigned)s->levers.one_stop_windows;
        snprintf(a->ids[g][0], sizeof a->ids[g][0], "%s hall", r->id);
        snprintf(a->names[g], sizeof a->names[g], _("%s: one-stop hall"), r->name);
        a->boxes[g] = (out_anim_box_t){
            .name = a->names[g], .windows = a->ids[g][0], .officers = NULL, .n_windows = w};
    }
    for (size_t i = 0; i < s->n_links; i++)
        a->links[a->n_links++] = (out_anim_link_t){
            (unsigned)s->links[i].from, (unsigned)s->links[i].to, mode_name(s, s->links[i].mode)};
    return 0;
}

static void anim_free(anim_rec_t *a) {
    free(a->waiting);
    free(a->busy);
    free(a->boxes);
    free(a->ids);
    free(a->names);
    free(a->ev);
    free(a->links);
    free(a->pending);
}

/* Run replication 0 of s until the end of the day, recording it. */
static int anim_record(anim_rec_t *a) {
    flow_observer_t obs = {observe, a};
    flow_result_t r;
    atomic_init(&a->stop, 0);
    int rc = flow_run_observed(a->s, 0, &a->stop, &obs, &r);
    flow_result_free(&r);
    begin_due(a, a->t1); /* a run that ended before the day did */
    if (!a->snapped) snapshot(a);
    return rc < 0 || a->nomem ? -1 : 0;
}

/* The first working day on or after the warm-up, and its open hours
 * (minutes of the day, with half an hour before and after). */
static double pick_day(const scn_t *s, double *from, double *to) {
    const wcal_t *c = &s->calendar;
    double open = wcal_next_open(c, s->warmup_days * 1440.0);
    double day0 = floor(open / 1440.0) * 1440.0, close = wcal_next_close(c, open);
    for (int i = 0; i < 8; i++) { /* later intervals of the same day */
        double o = wcal_next_open(c, close);
        if (o >= day0 + 1440 || !(o < WCAL_FAR)) break;
        close = wcal_next_close(c, o);
    }
    *from = fmax(0, open - day0 - 30);
    *to = fmin(1440, (close < WCAL_FAR ? close - day0 : 1440) + 30);
    return day0;
}

int cmd_animate(int argc, char **argv) {
    cli_args_t a = {0};
    int parsed = cli_args_parse(cli_command_find("animate"), argc, argv, &a);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    const char *path = a.positional[0];
    const char *const *reforms = (const char *const *)a.positional + 1;
    unsigned n_reforms = a.n_positional - 1;
    char err[1024];
    scn_t s[2];
    size_t nv = 0;
    int rc = CLI_USAGE;
    anim_rec_t rec[2];
    memset(rec, 0, sizeof rec);
    for (nv = 0; nv < (n_reforms ? 2u : 1u); nv++)
        if (cli_build_variant(path, reforms, nv ? n_reforms : 0, a.given[CLI_OPT_SEED], a.seed,
                              &s[nv], err, sizeof err) != 0) {
            cli_print_error("%s", err);
            goto out;
        }
    char dir[1024];
    if (a.out_dir) snprintf(dir, sizeof dir, "%s", a.out_dir);
    else snprintf(dir, sizeof dir, "results/%s-animate", s[0].id);
    if (out_dir_ready(dir, err, sizeof err) != 0) {
        cli_print_error("govsim animate: %s", err);
        goto out;
    }
    rc = CLI_FAILURE;
    double from, to, day0 = pick_day(&s[0], &from, &to);
    out_anim_variant_t v[2];
    for (size_t i = 0; i < nv; i++) {
        if (anim_init(&rec[i], &s[i], day0) != 0 || anim_record(&rec[i]) != 0) {
            cli_print_error("govsim animate: out of memory");
            goto out;
        }
        v[i] = (out_anim_variant_t){i ? _("With the reform") : _("Today"),
                                    rec[i].n_boxes,
                                    rec[i].n_links,
                                    rec[i].n,
                                    rec[i].boxes,
                                    rec[i].links,
                                    rec[i].ev};
    }
    char title[SCN_NAME_MAX + 64], day[64];
    snprintf(title, sizeof title, _("A day in the hall: %s"), s[0].name);
    trace_day(&s[0], day0, day, sizeof day); /* "day 15 (Mon)", or "2021-01-12 (Tue)" */
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "animation.html", err, sizeof err);
    if (!fp) {
        cli_print_error("govsim animate: %s", err);
        goto out;
    }
    out_anim_write(fp, title, day, from, to, v, nv);
    if (out_file_commit(&f, err, sizeof err) != 0) {
        cli_print_error("govsim animate: %s", err);
        goto out;
    }
    bool quiet = a.given[CLI_OPT_QUIET]; /* only errors and the paths written */
    if (quiet) cli_print_path(dir, "animation.html");
    else
        printf(_("govsim animate: %s/animation.html (%s, %zu and %zu events)\n"), dir, day,
               rec[0].n, nv > 1 ? rec[1].n : (size_t)0);
    /* the GIF is for slides: without gnuplot the page is still there */
    if (out_anim_gif(dir, title, day, from, to, 5, v, nv, err, sizeof err) != 0)
        cli_print_error("govsim animate: no animation.gif: %s", err);
    else if (quiet) {
        cli_print_path(dir, "animation.gif");
        cli_print_path(dir, "animation.gp");
        cli_print_path(dir, "animation.dat");
    } else
        printf(_("govsim animate: %s/animation.gif (for slides; animation.gp beside it)\n"), dir);
    rc = CLI_OK;
out:
    for (size_t i = 0; i < 2; i++) anim_free(&rec[i]);
    for (size_t i = 0; i < nv && i < 2; i++) scn_free(&s[i]);
    return rc;
}
