/* `--event-log FILE`: the observer that turns model events into log
 * traces (event_log.h). */
#include "event_log.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out_file.h"

typedef enum row_kind {
    R_ARRIVE,
    R_FINISH,
    R_STEP,
    R_WAIT,
    R_FETCH,
    R_WAIT_FETCH,
    R_DATA,
    R_NO_LINK,
    R_REWORK,
    R_GIVE_UP,
    R_SENT_HOME,
    R_CLOSED,
    R_OUTAGE,
    R_LOST
} row_kind_t;

/* One event of a case, kept until the case is written. */
typedef struct row {
    double t;
    uint32_t seq; /* order of recording: ties keep it              */
    uint8_t kind, start;
    int16_t step, dept, item, place, res_index, aux; /* aux: mode or why */
    int trip;
} row_t;

typedef struct open_case {
    uint64_t case_id; /* 0: the slot is free                         */
    int service, region, channel;
    row_t *rows;
    size_t n, cap;
} open_case_t;

struct cli_evlog {
    const scn_t *s;
    FILE *fp, *objects; /* objects: OCEL only                         */
    out_evlog_format_t format;
    const char *variant;
    unsigned rep;
    open_case_t *cases; /* by slot                                      */
    size_t n_cases;
    uint32_t seq;
    out_evlog_event_t *out; /* scratch for writing a case               */
    char (*names)[2][96];   /* activity and resource text per row       */
    size_t out_cap;
    int nomem;
};

cli_evlog_t *cli_evlog_new(const scn_t *s, FILE *fp, FILE *objects, out_evlog_format_t f,
                           const char *variant, unsigned rep) {
    cli_evlog_t *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    *l = (cli_evlog_t){
        .s = s, .fp = fp, .objects = objects, .format = f, .variant = variant, .rep = rep};
    return l;
}

static open_case_t *slot(cli_evlog_t *l, uint32_t i) {
    if (i >= l->n_cases) {
        size_t n = l->n_cases ? l->n_cases : 64;
        while (n <= i) n *= 2;
        open_case_t *c = realloc(l->cases, n * sizeof *c);
        if (!c) return NULL;
        memset(c + l->n_cases, 0, (n - l->n_cases) * sizeof *c);
        l->cases = c;
        l->n_cases = n;
    }
    return &l->cases[i];
}

static void add(cli_evlog_t *l, open_case_t *c, const flow_event_t *ev, row_kind_t kind, bool start,
                double t) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        row_t *r = realloc(c->rows, cap * sizeof *r);
        if (!r) {
            l->nomem = 1;
            return;
        }
        c->rows = r;
        c->cap = cap;
    }
    c->rows[c->n++] = (row_t){
        .t = t,
        .seq = l->seq++,
        .kind = (uint8_t)kind,
        .start = start,
        .step = (int16_t)ev->step,
        .dept = (int16_t)ev->dept,
        .item = (int16_t)ev->item,
        .place = (int16_t)ev->place,
        .res_index = (int16_t)ev->res_index,
        .aux = (int16_t)(ev->kind == FLOW_EV_REWORK || ev->kind == FLOW_EV_LOST ? (int)ev->why
                                                                                : (int)ev->mode),
        .trip = ev->trips};
}

/* "market windows", "tax officers", "xuzhou hall" */
static void resource_text(const scn_t *s, const row_t *r, char *buf, size_t len) {
    switch ((flow_ev_place_t)r->place) {
    case FLOW_PLACE_WINDOWS:
        snprintf(buf, len, "%s windows", s->departments[r->res_index].id);
        break;
    case FLOW_PLACE_OFFICERS:
        snprintf(buf, len, "%s officers", s->departments[r->res_index].id);
        break;
    case FLOW_PLACE_HALL:
        snprintf(buf, len, "%s hall", s->regions[r->res_index].id);
        break;
    default:
        buf[0] = '\0';
    }
}

static void activity_text(const scn_t *s, int service, const row_t *r, char *act, size_t len) {
    const char *step = r->step >= 0 ? s->services[service].steps[r->step].id : "";
    const char *item = r->item >= 0 ? s->items[r->item].id : "";
    switch ((row_kind_t)r->kind) {
    case R_ARRIVE:
        snprintf(act, len, "arrive");
        break;
    case R_FINISH:
        snprintf(act, len, "finish");
        break;
    case R_STEP:
        snprintf(act, len, "%s", step);
        break;
    case R_WAIT:
        snprintf(act, len, "wait %s", step);
        break;
    case R_FETCH:
        snprintf(act, len, "fetch document");
        break;
    case R_WAIT_FETCH:
        snprintf(act, len, "wait fetch document");
        break;
    case R_DATA:
        snprintf(act, len, "data %s", item);
        break;
    case R_NO_LINK:
        snprintf(act, len, "no link %s", item);
        break;
    case R_REWORK:
        snprintf(act, len, "rework %s", flow_ev_why_name((flow_ev_why_t)r->aux));
        break;
    case R_GIVE_UP:
        snprintf(act, len, "give up");
        break;
    case R_SENT_HOME:
        snprintf(act, len, "sent home");
        break;
    case R_CLOSED:
        snprintf(act, len, "hall closed");
        break;
    case R_OUTAGE:
        snprintf(act, len, "online down");
        break;
    case R_LOST:
        snprintf(act, len, "lost %s", flow_ev_why_name((flow_ev_why_t)r->aux));
        break;
    }
}

/* Rows in time order, ties in order of recording (insertion sort: the
 * rows come nearly sorted, only data arrivals are recorded early). */
static void sort_rows(row_t *r, size_t n) {
    for (size_t i = 1; i < n; i++) {
        row_t x = r[i];
        size_t j = i;
        while (j > 0 && (r[j - 1].t > x.t || (r[j - 1].t == x.t && r[j - 1].seq > x.seq))) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }
}

/* The date of model day 0: the scenario's start_date when it has one
 * (timestamps on the real calendar), else Monday 2024-01-01. */
static long epoch_days(const scn_t *s) { return s->dated ? s->start_date : OUT_EVLOG_EPOCH_DAYS; }

/* Write case c's trace and free its slot (keeping the rows' memory). */
static void write_case(cli_evlog_t *l, open_case_t *c) {
    const scn_t *s = l->s;
    if (c->n > l->out_cap) {
        size_t cap = c->n * 2;
        out_evlog_event_t *o = realloc(l->out, cap * sizeof *o);
        if (o) l->out = o;
        char(*nm)[2][96] = o ? realloc(l->names, cap * sizeof *nm) : NULL;
        if (nm) l->names = nm;
        if (!o || !nm) {
            l->nomem = 1;
            c->case_id = 0;
            return;
        }
        l->out_cap = cap;
    }
    sort_rows(c->rows, c->n);
    for (size_t i = 0; i < c->n; i++) {
        const row_t *r = &c->rows[i];
        activity_text(s, c->service, r, l->names[i][0], sizeof l->names[i][0]);
        if (r->kind == R_DATA)
            snprintf(l->names[i][1], sizeof l->names[i][1], "%s",
                     flow_ev_mode_name((flow_ev_mode_t)r->aux));
        else resource_text(s, r, l->names[i][1], sizeof l->names[i][1]);
        l->out[i] =
            (out_evlog_event_t){.activity = l->names[i][0],
                                .department = r->dept >= 0 ? s->departments[r->dept].id : "",
                                .resource = l->names[i][1],
                                .start = r->start,
                                .minutes = r->t,
                                .trip = r->trip};
    }
    char id[48];
    snprintf(id, sizeof id, "%u-%llu", l->rep, (unsigned long long)c->case_id);
    out_evlog_case_t oc = {.case_id = id,
                           .variant = l->variant,
                           .service = s->services[c->service].id,
                           .region = s->regions[c->region].id,
                           .channel = c->channel ? "online" : "counter",
                           .replication = l->rep};
    if (l->format == OUT_EVLOG_OCEL)
        out_evlog_ocel_case(l->fp, l->objects, &oc, l->out, c->n, epoch_days(s));
    else out_evlog_case(l->fp, l->format, &oc, l->out, c->n, epoch_days(s));
    c->case_id = 0;
    c->n = 0;
}

static void observe(void *ctx, const flow_event_t *ev) {
    cli_evlog_t *l = ctx;
    open_case_t *c = slot(l, ev->slot);
    if (!c) {
        l->nomem = 1;
        return;
    }
    double t = ev->time;
    switch (ev->kind) {
    case FLOW_EV_ARRIVE:
        c->case_id = ev->case_id;
        c->service = ev->service;
        c->region = ev->region;
        c->channel = ev->channel;
        c->n = 0;
        add(l, c, ev, R_ARRIVE, false, t);
        break;
    case FLOW_EV_OUTAGE:
        add(l, c, ev, R_OUTAGE, false, t);
        break;
    case FLOW_EV_CLOSED:
        add(l, c, ev, R_CLOSED, false, t);
        break;
    case FLOW_EV_JOIN:
        add(l, c, ev, ev->fetch ? R_WAIT_FETCH : R_WAIT, true, t);
        break;
    case FLOW_EV_START: /* the wait lasts until the work begins */
        add(l, c, ev, ev->fetch ? R_WAIT_FETCH : R_WAIT, false, ev->begins);
        add(l, c, ev, ev->fetch ? R_FETCH : R_STEP, true, ev->begins);
        break;
    case FLOW_EV_COMPLETE:
        add(l, c, ev, ev->fetch ? R_FETCH : R_STEP, false, t);
        break;
    case FLOW_EV_GIVE_UP:
    case FLOW_EV_SENT_HOME:
        add(l, c, ev, ev->fetch ? R_WAIT_FETCH : R_WAIT, false, t);
        add(l, c, ev, ev->kind == FLOW_EV_GIVE_UP ? R_GIVE_UP : R_SENT_HOME, false, t);
        break;
    case FLOW_EV_DATA_SENT:
        add(l, c, ev, R_DATA, true, t);
        add(l, c, ev, R_DATA, false, t + ev->amount);
        break;
    case FLOW_EV_FETCH_NEEDED:
        add(l, c, ev, R_NO_LINK, false, t);
        break;
    case FLOW_EV_REWORK:
        add(l, c, ev, R_REWORK, false, t);
        break;
    case FLOW_EV_FINISH:
        add(l, c, ev, R_FINISH, false, t);
        write_case(l, c);
        break;
    case FLOW_EV_LOST: /* the case ends here, unfinished */
        add(l, c, ev, R_LOST, false, t);
        write_case(l, c);
        break;
    default: /* trips are on every row; returns and data arrivals are implied */
        break;
    }
}

flow_observer_t cli_evlog_observer(cli_evlog_t *l) { return (flow_observer_t){observe, l}; }

static int by_case_id(const void *a, const void *b) {
    uint64_t x = (*(open_case_t *const *)a)->case_id, y = (*(open_case_t *const *)b)->case_id;
    return x < y ? -1 : x > y;
}

int cli_evlog_finish(cli_evlog_t *l) {
    size_t n = 0;
    open_case_t **open = malloc((l->n_cases ? l->n_cases : 1) * sizeof(open_case_t *));
    if (!open) l->nomem = 1;
    for (size_t i = 0; open && i < l->n_cases; i++)
        if (l->cases[i].case_id) open[n++] = &l->cases[i];
    if (open) qsort(open, n, sizeof(open_case_t *), by_case_id);
    for (size_t i = 0; i < n; i++) write_case(l, open[i]);
    free(open);
    for (size_t i = 0; i < l->n_cases; i++) free(l->cases[i].rows);
    free(l->cases);
    free(l->out);
    free(l->names);
    int rc = l->nomem || ferror(l->fp) || (l->objects && ferror(l->objects)) ? -1 : 0;
    free(l);
    return rc;
}

/* Copy the parts in order to fp; with skip_first_comma, the first byte of
 * the first non-empty part (an OCEL entry's leading comma) is dropped.
 * Returns the index of a part that cannot be read, or n. */
static size_t copy_parts(FILE *fp, FILE *const *parts, size_t n, bool skip_first_comma) {
    char buf[65536];
    bool first = skip_first_comma;
    for (size_t i = 0; i < n; i++) {
        if (!parts || !parts[i]) continue;
        rewind(parts[i]);
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, parts[i])) > 0) {
            size_t skip = first && buf[0] == ',' ? 1 : 0;
            first = false;
            fwrite(buf + skip, 1, got - skip, fp);
        }
        if (ferror(parts[i])) return i;
    }
    return n;
}

/* "x" is already in names[0..n)? */
static bool listed(char (*names)[SCN_ID_MAX + 24], size_t n, const char *x) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], x) == 0) return true;
    return false;
}

/* Every activity the log can hold (event_log.h), without repeats. */
static size_t activities(const scn_t *s, char (*names)[SCN_ID_MAX + 24], size_t cap) {
    static const char *const fixed[] = {"arrive",
                                        "finish",
                                        "fetch document",
                                        "wait fetch document",
                                        "rework incomplete",
                                        "rework officer_error",
                                        "rework data_error",
                                        "give up",
                                        "sent home",
                                        "hall closed",
                                        "online down"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < cap; i++)
        snprintf(names[n++], sizeof names[0], "%s", fixed[i]);
    char x[SCN_ID_MAX + 24];
    for (size_t v = 0; v < s->n_services; v++)
        for (size_t k = 0; k < s->services[v].n_steps; k++)
            for (int w = 0; w < 2; w++) {
                snprintf(x, sizeof x, "%s%s", w ? "wait " : "", s->services[v].steps[k].id);
                if (n < cap && !listed(names, n, x)) snprintf(names[n++], sizeof x, "%s", x);
            }
    for (size_t i = 0; i < s->n_items; i++)
        for (int w = 0; w < 2; w++) {
            snprintf(x, sizeof x, "%s%s", w ? "no link " : "data ", s->items[i].id);
            if (n < cap && !listed(names, n, x)) snprintf(names[n++], sizeof x, "%s", x);
        }
    return n;
}

/* The OCEL head: types, departments and resources as objects. */
static int ocel_begin(FILE *fp, const scn_t *s) {
    size_t cap = 16 + 2 * s->n_items;
    for (size_t v = 0; v < s->n_services; v++) cap += 2 * s->services[v].n_steps;
    static const char *const modes[] = {"api", "manual", "hub", "fallback"}; /* data's ways */
    size_t nm = sizeof modes / sizeof *modes, nr = 2 * s->n_departments + s->n_regions + nm;
    char(*act)[SCN_ID_MAX + 24] = calloc(cap, sizeof *act);
    char(*res)[SCN_ID_MAX + 24] = calloc(nr, sizeof *res);
    const char **ap = calloc(cap, sizeof *ap), **dp = calloc(s->n_departments, sizeof *dp),
               **rp = calloc(nr, sizeof *rp);
    int rc = -1;
    if (act && res && ap && dp && rp) {
        size_t na = activities(s, act, cap);
        for (size_t i = 0; i < na; i++) ap[i] = act[i];
        for (size_t d = 0; d < s->n_departments; d++) {
            dp[d] = s->departments[d].id;
            snprintf(res[2 * d], sizeof res[0], "%s windows", s->departments[d].id);
            snprintf(res[2 * d + 1], sizeof res[0], "%s officers", s->departments[d].id);
        }
        for (size_t g = 0; g < s->n_regions; g++)
            snprintf(res[2 * s->n_departments + g], sizeof res[0], "%s hall", s->regions[g].id);
        for (size_t m = 0; m < nm; m++)
            snprintf(res[2 * s->n_departments + s->n_regions + m], sizeof res[0], "%s", modes[m]);
        for (size_t i = 0; i < nr; i++) rp[i] = res[i];
        out_evlog_ocel_begin(fp, ap, na, dp, s->n_departments, rp, nr);
        rc = 0;
    }
    free(act);
    free(res);
    free(ap);
    free(dp);
    free(rp);
    return rc;
}

int cli_evlog_assemble(const char *path, const scn_t *s, FILE *const *parts,
                       FILE *const *object_parts, size_t n, char *err, size_t errlen) {
    char dir[1024];
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 0, path);
    if (slash == path) snprintf(dir, sizeof dir, "/");
    out_evlog_format_t f = out_evlog_format_for(path);
    out_file_t of;
    FILE *fp = out_file_open(&of, dir, name, err, errlen);
    if (!fp) return -1;
    size_t bad = n;
    if (f == OUT_EVLOG_OCEL) {
        if (ocel_begin(fp, s) != 0) {
            snprintf(err, errlen, "%s: out of memory", path);
            out_file_abort(&of);
            return -1;
        }
        bad = copy_parts(fp, object_parts, n, false);
        out_evlog_ocel_events(fp);
        if (bad == n) bad = copy_parts(fp, parts, n, true);
        out_evlog_ocel_end(fp);
    } else {
        out_evlog_begin(fp, f, s->id);
        bad = copy_parts(fp, parts, n, false);
        out_evlog_end(fp, f);
    }
    if (bad < n) {
        snprintf(err, errlen, "%s: cannot read back the event log of replication %zu", path, bad);
        out_file_abort(&of);
        return -1;
    }
    return out_file_commit(&of, err, errlen);
}

void cli_evlog_estimate(const scn_t *s, out_evlog_format_t f, double *events, double *bytes) {
    flow_estimate_t e;
    flow_estimate(s, &e);
    double per_day = 0, rows = 0;
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *sv = &s->services[i];
        double r = 2; /* arrive, finish */
        for (size_t k = 0; k < sv->n_steps; k++) r += 4 + 2.0 * (double)sv->steps[k].n_needs;
        per_day += sv->per_day;
        rows += sv->per_day * r;
    }
    double per_case = per_day > 0 ? rows / per_day : 0;
    *events = e.cases * per_case * (double)s->replications;
    *bytes = out_evlog_estimate_bytes(f, e.cases * (double)s->replications, *events);
}
