/* One case followed and told (trace.h). */
#include "trace.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "lang.h"
#include "reform.h"

/* What the observer looks for. */
typedef struct follow {
    trace_case_t *t;
    double warmup;
    int service, region;
    uint64_t want_nth; /* 0: match by key instead                  */
    uint64_t seen;     /* matching arrivals after the warm-up so far */
    int channel;
    uint32_t arrival_index;
    uint64_t case_id; /* the case followed, 0 before it arrives    */
    atomic_int stop;
} follow_t;

static void keep(trace_case_t *t, const flow_event_t *ev) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 32;
        flow_event_t *e = realloc(t->ev, cap * sizeof *e);
        if (!e) {
            t->nomem = 1;
            return;
        }
        t->ev = e;
        t->cap = cap;
    }
    t->ev[t->n++] = *ev;
}

/* Is this arrival the case we follow? */
static bool is_target(follow_t *f, const flow_event_t *ev) {
    if (ev->service != f->service || ev->region != f->region) return false;
    if (f->want_nth == 0) return ev->channel == f->channel && ev->arrival_index == f->arrival_index;
    if (ev->time < f->warmup) return false;
    f->t->candidates = ++f->seen;
    return f->seen == f->want_nth;
}

static void observe(void *ctx, const flow_event_t *ev) {
    follow_t *f = ctx;
    if (f->case_id == 0) {
        if (ev->kind != FLOW_EV_ARRIVE || !is_target(f, ev)) return;
        f->case_id = ev->case_id;
        f->t->found = true;
        f->t->channel = ev->channel;
        f->t->arrival_index = ev->arrival_index;
    }
    if (ev->case_id != f->case_id) return;
    keep(f->t, ev);
    if (ev->kind == FLOW_EV_FINISH || ev->kind == FLOW_EV_LOST) { /* the story ends */
        f->t->finished = ev->kind == FLOW_EV_FINISH;
        atomic_store(&f->stop, 1); /* nothing more to see */
    }
}

static int follow(const scn_t *s, follow_t *f, trace_case_t *t) {
    memset(t, 0, sizeof *t);
    t->service = f->service;
    t->region = f->region;
    f->t = t;
    f->warmup = s->warmup_days * 1440.0;
    atomic_init(&f->stop, 0);
    flow_observer_t obs = {observe, f};
    flow_result_t r;
    int rc = flow_run_observed(s, 0, &f->stop, &obs, &r);
    flow_result_free(&r);
    return rc < 0 || t->nomem ? -1 : 0;
}

int trace_follow_nth(const scn_t *s, int service, int region, uint64_t n, trace_case_t *t) {
    follow_t f = {.service = service, .region = region, .want_nth = n};
    return follow(s, &f, t);
}

int trace_follow_same(const scn_t *s, const trace_case_t *like, trace_case_t *t) {
    follow_t f = {.service = like->service,
                  .region = like->region,
                  .channel = like->channel,
                  .arrival_index = like->arrival_index};
    return follow(s, &f, t);
}

int cli_build_variant(const char *path, const char *const *reforms, unsigned n, bool seed_set,
                      uint64_t seed, scn_t *s, char *err, size_t errlen) {
    config_t cfg;
    if (reform_load_scenario_tree(&cfg, path, err, errlen) != 0) return -1;
    int rc = 0;
    for (unsigned i = 0; i < n && rc == 0; i++) {
        reform_t r;
        rc = reform_load(&r, reforms[i], err, errlen);
        if (rc == 0) rc = reform_apply(&r, &cfg, err, errlen);
        reform_free(&r);
    }
    if (rc == 0) rc = scn_from_config(s, &cfg, path, err, errlen);
    config_destroy(&cfg);
    if (rc != 0) return -1;
    cli_lang_scn(s); /* names in the chosen language */
    if (seed_set) s->seed = seed;
    if (flow_check(s, err, errlen) != 0) {
        scn_free(s);
        return -1;
    }
    return 0;
}

void trace_case_free(trace_case_t *t) {
    free(t->ev);
    memset(t, 0, sizeof *t);
}

/* Minutes at a window: from joining its line to leaving it (served,
 * given up or sent home). */
void trace_summarize(const trace_case_t *t, trace_summary_t *o) {
    memset(o, 0, sizeof *o);
    o->arrived = t->n ? t->ev[0].time : NAN;
    o->finished = NAN;
    double joined = NAN;
    for (size_t i = 0; i < t->n; i++) {
        const flow_event_t *e = &t->ev[i];
        bool window = e->place == FLOW_PLACE_WINDOWS || e->place == FLOW_PLACE_HALL;
        o->trips = e->trips;
        switch (e->kind) {
        case FLOW_EV_JOIN:
            if (window) joined = e->time;
            break;
        case FLOW_EV_COMPLETE:
        case FLOW_EV_GIVE_UP:
        case FLOW_EV_SENT_HOME:
            if (window && !isnan(joined)) o->window_minutes += e->time - joined;
            if (window) joined = NAN;
            break;
        case FLOW_EV_DATA_SENT:
            o->data_requests++;
            break;
        case FLOW_EV_FETCH_NEEDED:
            o->fetched++;
            break;
        case FLOW_EV_REWORK:
            o->reworks++;
            break;
        case FLOW_EV_FINISH:
            o->finished = e->time;
            break;
        default:
            break;
        }
    }
}

static const char *const WEEKDAY_ABBR[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                            N_("Fri"), N_("Sat"), N_("Sun")};

void trace_clock(double m, char *buf, size_t len) {
    long whole = (long)floor(m + 1e-9);
    long day = whole / 1440;
    int hh = (int)(whole % 1440 / 60), mm = (int)(whole % 60);
    snprintf(buf, len, _("day %ld (%s), %02d:%02d"), day + 1, _(WEEKDAY_ABBR[day % 7]), hh, mm);
}

/* A dated scenario's minute 0 is start_date at 00:00 (the warm-up
 * included, as the model's calendar counts it), so its days are named on
 * that calendar; the others keep the model's day numbers. */
void trace_day(const scn_t *s, double m, char *buf, size_t len) {
    long day = (long)floor(m + 1e-9) / 1440;
    if (!s->dated) {
        snprintf(buf, len, _("day %ld (%s)"), day + 1, _(WEEKDAY_ABBR[day % 7]));
        return;
    }
    char date[DATE_TEXT];
    date_format(s->start_date + day, date);
    snprintf(buf, len, _("%s (%s)"), date, _(WEEKDAY_ABBR[date_weekday(s->start_date + day)]));
}

void trace_when(const scn_t *s, double m, char *buf, size_t len) {
    if (!s->dated) {
        trace_clock(m, buf, len);
        return;
    }
    long whole = (long)floor(m + 1e-9);
    char day[64];
    trace_day(s, m, day, sizeof day);
    snprintf(buf, len, _("%s, %02d:%02d"), day, (int)(whole % 1440 / 60), (int)(whole % 60));
}

/* "the Market Supervision windows", "the one-stop hall of Xuzhou" */
static void place_text(const scn_t *s, const flow_event_t *e, char *buf, size_t len) {
    switch (e->place) {
    case FLOW_PLACE_HALL:
        snprintf(buf, len, _("the one-stop hall of %s"), s->regions[e->res_index].name);
        break;
    case FLOW_PLACE_OFFICERS:
        snprintf(buf, len, _("the back office of %s"), s->departments[e->res_index].name);
        break;
    default:
        snprintf(buf, len, _("the %s windows"),
                 e->res_index >= 0 ? s->departments[e->res_index].name : "?");
    }
}

/* "35 minutes", "2.5 hours", "3.1 days" */
static void duration_text(double minutes, char *buf, size_t len) {
    if (minutes < 90) snprintf(buf, len, _("%.0f minutes"), minutes);
    else if (minutes < 2 * 1440) snprintf(buf, len, _("%.1f hours"), minutes / 60);
    else snprintf(buf, len, _("%.1f days"), minutes / 1440);
}

/* When the case joined the line it leaves at event i. */
static double joined_at(const trace_case_t *t, size_t i) {
    for (size_t k = i; k-- > 0;)
        if (t->ev[k].kind == FLOW_EV_JOIN) return t->ev[k].time;
    return t->ev[i].time;
}

static void data_sentence(const scn_t *s, const flow_event_t *e, char *text, size_t tlen) {
    const char *item = s->items[e->item].id, *owner = s->departments[e->dept].name;
    char d[48];
    duration_text(e->amount, d, sizeof d);
    switch (e->mode) {
    case FLOW_MODE_API:
        snprintf(text, tlen, _("%s is asked for %s over the API: it arrives in %s."), owner, item,
                 d);
        break;
    case FLOW_MODE_HUB:
        snprintf(text, tlen, _("%s sends %s through the data hub: it arrives in %s."), owner, item,
                 d);
        break;
    case FLOW_MODE_FALLBACK:
        snprintf(text, tlen, _("The link to %s is down: %s goes on paper and takes %s."), owner,
                 item, d);
        break;
    default:
        snprintf(text, tlen, _("%s is asked for %s on paper: it arrives in %s."), owner, item, d);
    }
}

static void step_sentence(const scn_t *s, const trace_case_t *t, size_t i, char *text,
                          size_t tlen) {
    const flow_event_t *e = &t->ev[i];
    const char *step = e->step >= 0 ? s->services[t->service].steps[e->step].id : "";
    char where[256], d[48];
    place_text(s, e, where, sizeof where);
    if (e->kind == FLOW_EV_JOIN) {
        if (e->place == FLOW_PLACE_OFFICERS)
            snprintf(text, tlen, _("The file waits at %s: %d files ahead."), where, e->line);
        else snprintf(text, tlen, _("Joins the line at %s: %d people ahead."), where, e->line);
        return;
    }
    if (e->kind == FLOW_EV_START) {
        duration_text(e->amount, d, sizeof d);
        if (e->fetch)
            snprintf(text, tlen, _("Served at %s: picks up the document (%s)."), where, d);
        else if (e->place == FLOW_PLACE_OFFICERS && e->begins > e->time) {
            char from[96]; /* taken up while the office is shut */
            trace_when(s, e->begins, from, sizeof from);
            snprintf(text, tlen,
                     _("An officer at %s takes up \"%s\" (%s of work): the office is closed, the "
                       "work begins %s."),
                     where, step, d, from);
        } else if (e->place == FLOW_PLACE_OFFICERS)
            snprintf(text, tlen, _("An officer at %s works on \"%s\" (%s of work)."), where, step,
                     d);
        else snprintf(text, tlen, _("Served at %s: \"%s\" (%s)."), where, step, d);
        return;
    }
    duration_text(e->time - joined_at(t, i), d, sizeof d);
    if (e->kind == FLOW_EV_GIVE_UP)
        snprintf(text, tlen, _("Gives up after %s in line: will come back another day."), d);
    else
        snprintf(text, tlen, _("Still in line when %s closes: sent home, back another day."),
                 where);
}

void trace_sentence(const scn_t *s, const trace_case_t *t, size_t i, char *when, size_t wlen,
                    char *text, size_t tlen) {
    const flow_event_t *e = &t->ev[i];
    const scn_service_t *sv = &s->services[t->service];
    char where[256];
    trace_when(s, e->time, when, wlen);
    text[0] = '\0';
    switch (e->kind) {
    case FLOW_EV_ARRIVE:
        snprintf(text, tlen,
                 e->channel ? _("Applies online for \"%s\" in %s.")
                            : _("Sets out to apply for \"%s\" in %s, at the counter."),
                 sv->name, s->regions[t->region].name);
        break;
    case FLOW_EV_OUTAGE:
        snprintf(text, tlen, _("The online service is down: goes to the counter instead."));
        break;
    case FLOW_EV_CLOSED:
        place_text(s, e, where, sizeof where);
        snprintf(text, tlen, _("Would go to %s, but they are closed: comes back on a working day."),
                 where);
        break;
    case FLOW_EV_TRIP:
        place_text(s, e, where, sizeof where);
        snprintf(text, tlen, _("Trip %d: travels to %s."), e->trips, where);
        break;
    case FLOW_EV_JOIN:
    case FLOW_EV_START:
    case FLOW_EV_GIVE_UP:
    case FLOW_EV_SENT_HOME:
        step_sentence(s, t, i, text, tlen);
        break;
    case FLOW_EV_DATA_SENT:
        data_sentence(s, e, text, tlen);
        break;
    case FLOW_EV_FETCH_NEEDED:
        snprintf(text, tlen, _("No data link from %s: the citizen must fetch %s there in person."),
                 s->departments[e->dept].name, s->items[e->item].id);
        break;
    case FLOW_EV_DATA_ARRIVED:
        snprintf(text, tlen, _("The data is there."));
        break;
    case FLOW_EV_REWORK:
        snprintf(text, tlen, "%s",
                 e->why == FLOW_WHY_INCOMPLETE
                     ? _("Materials incomplete: sent home to complete them.")
                 : e->why == FLOW_WHY_OFFICER ? _("An officer's error: the work is done again.")
                                              : _("Wrong data: back to the last front step."));
        break;
    case FLOW_EV_RETURN:
        snprintf(text, tlen, _("Comes back."));
        break;
    case FLOW_EV_FINISH:
        snprintf(text, tlen, _("Done: the case is finished."));
        break;
    case FLOW_EV_LOST:
        snprintf(text, tlen, "%s",
                 e->why == FLOW_WHY_BALKED
                     ? _("The line is longer than the citizen accepts: goes away for good.")
                     : _("Gave up and never comes back: the case is lost."));
        break;
    default: /* COMPLETE: the next line says what follows */
        break;
    }
}
