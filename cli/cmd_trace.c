/*
 * govsim trace SCENARIO [REFORM.cfg ...] [--service ID] [--region ID]
 *                       [--case N] [--seed S] [--lang en|zh]
 *
 * One citizen's case told step by step (cli/trace.h): the n-th case of the
 * service in the region to arrive after the warm-up, in replication 0.
 * With reforms named (applied together), the same citizen (same arrival
 * stream, same place in it: common random numbers) is told again in the
 * reformed variant, side by side, and a last line says what changed.
 * Writes no file.  The case id is the event log's (run --event-log), so a
 * trace can be found in the log: tests/e2e/t_trace.sh checks they agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flow.h"
#include "i18n.h"
#include "scn.h"
#include "text.h"
#include "trace.h"

#define COLUMN 66 /* display width of one story beside another */

typedef struct trace_options {
    const char *scenario;
    const char *reforms[CLI_MAX_POSITIONAL];
    unsigned n_reforms;
    const char *service, *region;
    uint64_t nth;
    uint64_t seed;
    bool seed_set;
} trace_options_t;

static int parse(int argc, char **argv, trace_options_t *o) {
    cli_args_t a = {.case_no = 1};
    int rc = cli_args_parse(cli_command_find("trace"), argc, argv, &a);
    if (rc != 0) return rc;
    *o = (trace_options_t){.scenario = a.positional[0],
                           .service = a.case_service,
                           .region = a.region,
                           .nth = a.case_no,
                           .seed = a.seed,
                           .seed_set = a.given[CLI_OPT_SEED]};
    for (unsigned i = 1; i < a.n_positional; i++) o->reforms[o->n_reforms++] = a.positional[i];
    return 0;
}

/* Service and region by id (default: the first of each).  0, or -1 after
 * a usage error naming the choices. */
static int choose(const scn_t *s, const trace_options_t *o, int *sv, int *rg) {
    *sv = o->service ? scn_find_service(s, o->service) : 0;
    *rg = o->region ? scn_find_region(s, o->region) : 0;
    if (*sv < 0) {
        cli_print_error("govsim trace: --service '%s': no such service in %s (expected one of "
                        "its services' ids, e.g. '%s')",
                        o->service, o->scenario, s->services[0].id);
        return -1;
    }
    if (*rg < 0) {
        cli_print_error("govsim trace: --region '%s': no such region in %s (expected one of "
                        "its regions' ids, e.g. '%s')",
                        o->region, o->scenario, s->regions[0].id);
        return -1;
    }
    return 0;
}

/* Display width of a UTF-8 string. */
static size_t width_of(const char *p) {
    size_t w = 0, nb;
    while (*p) {
        int32_t cp = text_utf8_next(p, &nb);
        w += text_char_width(cp);
        p += nb ? nb : 1;
    }
    return w;
}

typedef char line_t[512];

/* Append a line to *out (grown as needed); false when out of memory. */
static bool add_line(line_t **out, size_t *n, size_t *cap, size_t indent, const char *p,
                     size_t cut) {
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        line_t *l = realloc(*out, c * sizeof *l);
        if (!l) return false;
        *out = l;
        *cap = c;
    }
    snprintf((*out)[(*n)++], sizeof(line_t), "%*s%.*s", (int)indent, "", (int)cut, p);
    return true;
}

/* A story as lines of at most `w` columns: "when  text", wrapped at
 * spaces, continuation lines indented, in *out (the caller frees it).
 * Returns the count; stops early when memory runs out. */
/* Punctuation a line must not start with (Chinese line breaking): closing
 * brackets and quotes, commas, stops, colons. */
static bool closing_mark(uint32_t c) {
    static const uint32_t MARKS[] = {0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF09, 0x3001,
                                     0x201D, 0xFF01, 0xFF1F, 0x300D, 0x300F};
    for (size_t i = 0; i < sizeof MARKS / sizeof *MARKS; i++)
        if (c == MARKS[i]) return true;
    return false;
}

static size_t story_lines(const scn_t *s, const trace_case_t *t, size_t w, line_t **out) {
    size_t n = 0, cap = 0;
    int col = s->dated ? 24 : 20; /* "2021-01-12 (Tue), 09:41" or "day 15 (Mon), 09:41" */
    *out = NULL;
    for (size_t i = 0; i < t->n; i++) {
        char when[64], text[768], line[1024];
        trace_sentence(s, t, i, when, sizeof when, text, sizeof text);
        if (!text[0]) continue;
        snprintf(line, sizeof line, "%-*s %s", col, when, text);
        char *p = line;
        bool first = true;
        size_t text_at = strlen(line) - strlen(text); /* no break inside the time */
        while (*p) {
            size_t indent = first ? 0 : (size_t)col + 1, cut = strlen(p);
            if (width_of(p) + indent > w) { /* the last break that fits */
                size_t cols = indent, b = 0, nb, last_break = 0;
                while (p[b] && cols < w) {
                    uint32_t c = text_utf8_next(p + b, &nb);
                    /* at a space, or between Chinese characters */
                    bool wide = b > 0 && text_char_width(c) == 2 && !closing_mark(c);
                    if ((!first || b > text_at) && (p[b] == ' ' || wide)) last_break = b;
                    cols += text_char_width(c);
                    b += nb ? nb : 1;
                }
                cut = last_break > 0 ? last_break : b;
            }
            if (!add_line(out, &n, &cap, indent, p, cut)) return n;
            p += cut;
            while (*p == ' ') p++;
            first = false;
        }
    }
    return n;
}

static void print_padded(const char *text, size_t w) {
    cli_print_text(text);
    for (size_t k = width_of(text); k < w; k++) putchar(' ');
}

/* "3 trips; finished day 19 (Fri), 11:02: 4.1 calendar days ..." */
static void summary_text(const scn_t *s, const trace_case_t *t, char *buf, size_t len) {
    trace_summary_t m;
    trace_summarize(t, &m);
    char when[64];
    if (isnan(m.finished)) {
        snprintf(buf, len, _("%d trip(s) so far; still open when the run ends."), m.trips);
        return;
    }
    trace_when(s, m.finished, when, sizeof when);
    snprintf(buf, len,
             _("%d trip(s); finished %s, %.1f calendar days after arriving; %.1f hours in lines "
               "and at windows; %d data request(s), %d document(s) fetched, %d rework(s)."),
             m.trips, when, (m.finished - m.arrived) / 1440, m.window_minutes / 60, m.data_requests,
             m.fetched, m.reworks);
}

static void print_header(const scn_t *s, const trace_case_t *t, const trace_options_t *o,
                         uint64_t case_id) {
    printf(_("govsim trace: "));
    cli_print_text(s->name);
    printf(" (");
    cli_print_text(o->scenario);
    printf(_("), replication 0, seed %llu\n"), (unsigned long long)s->seed);
    printf(_("Case 0-%llu: case %llu of \""), (unsigned long long)case_id,
           (unsigned long long)o->nth);
    cli_print_text(s->services[t->service].name);
    printf(_("\" in "));
    cli_print_text(s->regions[t->region].name);
    printf(_(" after the warm-up (%s, arrival %u of its stream)\n\n"),
           t->channel ? _("online") : _("counter"), t->arrival_index);
}

static void print_alone(const scn_t *s, const trace_case_t *t) {
    line_t *lines;
    size_t n = story_lines(s, t, 120, &lines);
    for (size_t i = 0; i < n; i++) {
        printf("  ");
        cli_print_text(lines[i]);
        putchar('\n');
    }
    free(lines);
    char sum[512];
    summary_text(s, t, sum, sizeof sum);
    printf(_("\nSummary: "));
    cli_print_text(sum);
    putchar('\n');
}

/* Baseline and reform side by side, then what changed. */
static void print_pair(const scn_t *a, const trace_case_t *ta, const scn_t *b,
                       const trace_case_t *tb, const trace_options_t *o) {
    line_t *la, *lb;
    size_t na = story_lines(a, ta, COLUMN, &la), nb = story_lines(b, tb, COLUMN, &lb);
    print_padded(_("Today"), COLUMN + 4);
    printf(_("With "));
    for (unsigned i = 0; i < o->n_reforms; i++) {
        if (i) printf(" + ");
        cli_print_text(o->reforms[i]);
    }
    printf("\n\n");
    for (size_t i = 0; i < na || i < nb; i++) {
        printf("  ");
        print_padded(i < na ? la[i] : "", COLUMN + 2);
        if (i < nb) cli_print_text(lb[i]);
        putchar('\n');
    }
    free(la);
    free(lb);
    char sa[512], sb[512];
    summary_text(a, ta, sa, sizeof sa);
    summary_text(b, tb, sb, sizeof sb);
    printf(_("\nSummary today: "));
    cli_print_text(sa);
    printf(_("\nSummary with the reform: "));
    cli_print_text(sb);
    putchar('\n');
    trace_summary_t x, y;
    trace_summarize(ta, &x);
    trace_summarize(tb, &y);
    if (y.trips < x.trips)
        printf(_("With the reform, %d of the citizen's %d trip(s) disappear.\n"), x.trips - y.trips,
               x.trips);
    else if (y.trips > x.trips)
        printf(_("With the reform, the citizen makes %d more trip(s).\n"), y.trips - x.trips);
    if (!isnan(x.finished) && !isnan(y.finished))
        printf(_("Days from arrival to finish: %.1f today, %.1f with the reform.\n"),
               (x.finished - x.arrived) / 1440, (y.finished - y.arrived) / 1440);
}

int cmd_trace(int argc, char **argv) {
    trace_options_t o;
    int parsed = parse(argc, argv, &o);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    char err[1024];
    scn_t base, reformed;
    if (cli_build_variant(o.scenario, o.reforms, 0, o.seed_set, o.seed, &base, err, sizeof err) !=
        0) {
        cli_print_error("%s", err);
        return CLI_USAGE;
    }
    int rc = CLI_USAGE, sv, rg;
    bool have_reformed = false;
    trace_case_t ta = {0}, tb = {0};
    if (choose(&base, &o, &sv, &rg) != 0) goto out;
    if (o.n_reforms) {
        if (cli_build_variant(o.scenario, o.reforms, o.n_reforms, o.seed_set, o.seed, &reformed,
                              err, sizeof err) != 0) {
            cli_print_error("%s", err);
            goto out;
        }
        have_reformed = true;
    }
    rc = CLI_FAILURE;
    if (trace_follow_nth(&base, sv, rg, o.nth, &ta) != 0) {
        cli_print_error("govsim trace: out of memory");
        goto out;
    }
    if (!ta.found) {
        cli_print_error("govsim trace: --case %llu: only %llu cases of '%s' in '%s' arrive "
                        "after the warm-up in this run (expected at most %llu)",
                        (unsigned long long)o.nth, (unsigned long long)ta.candidates,
                        base.services[sv].id, base.regions[rg].id,
                        (unsigned long long)ta.candidates);
        rc = CLI_USAGE;
        goto out;
    }
    print_header(&base, &ta, &o, ta.ev[0].case_id);
    if (!have_reformed) {
        print_alone(&base, &ta);
        rc = CLI_OK;
        goto out;
    }
    if (trace_follow_same(&reformed, &ta, &tb) != 0) {
        cli_print_error("govsim trace: out of memory");
        goto out;
    }
    if (!tb.found) {
        print_alone(&base, &ta);
        printf(_("\nWith the reform this citizen does not arrive (the reform changes the "
                 "service's demand or channels).\n"));
    } else {
        print_pair(&base, &ta, &reformed, &tb, &o);
    }
    rc = CLI_OK;
out:
    trace_case_free(&ta);
    trace_case_free(&tb);
    if (have_reformed) scn_free(&reformed);
    scn_free(&base);
    return rc;
}
