/*
 * govsim run SCENARIO [-r N] [-j N] [--days D] [--seed S] [-o DIR]
 *                     [--format table|csv|json] [--quiet] [--progress MODE]
 *                     [--set PATH=VALUE]... [--reform FILE]...
 *
 * --set changes the scenario first, then the reforms apply in order (as
 * compare builds a variant); the variant column then names the reforms.
 * --quiet prints only errors and the paths of the files written (with
 * --format csv or json, the data asked for instead of the paths).
 *
 * Replications of one scenario; a KPI table with 95% confidence intervals
 * on stdout; summary.csv (tidy), replications.csv and summary.json in the
 * output folder, with hourly.csv, bottleneck.csv and the day in the hall
 * chart (cli/run_bottleneck.h), each written to a temporary name and
 * renamed.  Nothing is written when the scenario is invalid (exit 2) or
 * the run is interrupted before any replication finished.  The folder is
 * checked writable before the simulation (exit 2 if not), and the files
 * (and their temporary files) an earlier run left there are removed
 * before writing.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "lang.h"
#include "text_human.h"
#include "event_log.h"
#include "kpi_label.h"
#include "kpi_rows.h"
#include "runner.h"
#include "flow.h"
#include "out_csv.h"
#include "out_dir.h"
#include "out_file.h"
#include "out_json.h"
#include "run_bottleneck.h"
#include "scn.h"
#include "stats.h"

/* The terminal table's columns: a KPI's name, its unit (kpi_label.h). */
#define RUN_LABEL_WIDTH 34
#define RUN_UNIT_WIDTH  18

typedef enum { FMT_TABLE, FMT_CSV, FMT_JSON } format_t;

typedef struct run_options {
    const char *scenario;
    unsigned reps, threads;
    unsigned days;
    uint64_t seed;
    bool seed_set, quiet;
    const char *out_dir;
    format_t format;
    int progress;            /* --progress, or CLI_PROGRESS_AUTO */
    const char *const *sets; /* --set, in order                  */
    size_t n_sets;
    const char *const *reform_files; /* --reform, in order               */
    size_t n_reforms;
    reform_t reforms[CLI_MAX_REFORM];    /* loaded                           */
    char variant[REFORM_ID_MAX * 4 + 8]; /* "baseline", or the reforms' ids  */
    const char *event_log;               /* --event-log FILE, or NULL        */
} run_options_t;

typedef struct run_ctx {
    const scn_t *s;
    const char *variant;    /* "baseline", or the --reform ids joined by + */
    flow_result_t *results; /* one per replication */
    FILE **log_parts;       /* --event-log: a temporary stream per replication, or NULL */
    FILE **log_objects;     /* ... and for OCEL one of the cases' objects               */
    out_evlog_format_t log_format;
    atomic_int log_failed;
} run_ctx_t;

/* Summary of one KPI of one group across replications, and how far its
 * group's numbers can be trusted (the same for every KPI of the group). */
typedef struct run_cell {
    stats_ci_t ci; /* clamped to the KPI's range (kpi_ci)     */
    kpi_censoring_t cens;
} run_cell_t;

/* The trailing columns of summary.csv: open_share, backlog_growth, flag
 * (empty for a department's rows, which are not means over cases). */
static void censoring_cells(const kpi_censoring_t *c, out_cell_t *out) {
    bool cases = c->n > 0;
    out[0] = out_cell_num(cases ? c->open_share : NAN);
    out[1] = out_cell_num(cases ? c->growth.mean : NAN);
    out[2] = out_cell_str(kpi_censoring_flag(c));
}

/* The same as fields of a summary.json result, with the note. */
static void censoring_json(out_json_t *j, const kpi_censoring_t *c) {
    char note[300];
    bool cases = c->n > 0;
    out_json_key(j, "open_share");
    out_json_number(j, cases ? c->open_share : NAN);
    out_json_key(j, "backlog_growth");
    out_json_number(j, cases ? c->growth.mean : NAN);
    out_json_key(j, "flag");
    out_json_str(j, kpi_censoring_flag(c));
    out_json_key(j, "note");
    out_json_str(j, kpi_censoring_note(c, note, sizeof note));
}

/* One replication; with --event-log, watched by a recorder that streams
 * its cases to this replication's own temporary file. */
static int run_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    run_ctx_t *c = ctx;
    (void)point;
    if (!c->log_parts) return flow_run(c->s, (uint32_t)rep, stop, &c->results[rep]);
    FILE *part = tmpfile(), *objects = c->log_format == OUT_EVLOG_OCEL ? tmpfile() : NULL;
    bool streams = part && (objects || c->log_format != OUT_EVLOG_OCEL);
    cli_evlog_t *l =
        streams ? cli_evlog_new(c->s, part, objects, c->log_format, c->variant, (unsigned)rep)
                : NULL;
    if (!l) {
        if (part) fclose(part);
        if (objects) fclose(objects);
        atomic_store(&c->log_failed, 1);
        return flow_run(c->s, (uint32_t)rep, stop, &c->results[rep]);
    }
    flow_observer_t obs = cli_evlog_observer(l);
    int rc = flow_run_observed(c->s, (uint32_t)rep, stop, &obs, &c->results[rep]);
    if (cli_evlog_finish(l) != 0) atomic_store(&c->log_failed, 1);
    c->log_parts[rep] = part;
    c->log_objects[rep] = objects;
    return rc;
}

static int parse(int argc, char **argv, run_options_t *o, cli_args_t *args) {
    cli_args_t a = {0};
    int rc = cli_args_parse(cli_command_find("run"), argc, argv, &a);
    if (rc != 0) return rc;
    *args = a;
    *o = (run_options_t){.format = FMT_TABLE};
    o->progress = a.progress;
    o->sets = args->set;
    o->n_sets = a.n_set;
    o->reform_files = args->reform;
    o->n_reforms = a.n_reform;
    o->scenario = a.positional[0];
    o->reps = a.reps;
    o->threads = a.threads;
    o->days = a.days;
    o->seed = a.seed;
    o->seed_set = a.given[CLI_OPT_SEED];
    o->quiet = a.given[CLI_OPT_QUIET];
    o->out_dir = a.out_dir;
    o->event_log = a.event_log;
    if (a.format && strcmp(a.format, "csv") == 0) o->format = FMT_CSV;
    else if (a.format && strcmp(a.format, "json") == 0) o->format = FMT_JSON;
    return 0;
}

static int write_summary_csv(const char *dir, const scn_t *s, const char *variant,
                             const kpi_row_t *rows, size_t n_rows, const run_cell_t *cells,
                             char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.csv", err, errlen);
    if (!fp) return -1;
    static const char *const cols[] = {
        "scenario", "variant", "group",   "service", "region",     "department",     "kpi", "unit",
        "mean",     "ci_low",  "ci_high", "n",       "open_share", "backlog_growth", "flag"};
    out_csv_header(fp, cols, sizeof cols / sizeof *cols);
    for (size_t i = 0; i < n_rows; i++) {
        const kpi_row_t *r = &rows[i];
        const run_cell_t *c = &cells[r->group * FLOW_K_COUNT + r->kpi];
        const stats_ci_t *ci = &c->ci;
        out_cell_t row[] = {out_cell_str(s->id),
                            out_cell_str(variant),
                            out_cell_str(r->grouping),
                            out_cell_str(r->service),
                            out_cell_str(r->region),
                            out_cell_str(r->dept),
                            out_cell_str(flow_kpi_name(r->kpi)),
                            out_cell_str(flow_kpi_unit(r->kpi)),
                            out_cell_num(ci->mean),
                            out_cell_num(ci->lo),
                            out_cell_num(ci->hi),
                            out_cell_num((double)ci->n),
                            out_cell_num(NAN),
                            out_cell_num(NAN),
                            out_cell_str("")};
        censoring_cells(&c->cens, row + 12);
        out_csv_row(fp, row, sizeof row / sizeof *row);
    }
    return out_file_commit(&f, err, errlen);
}

static int write_replications_csv(const char *dir, const scn_t *s, const char *variant,
                                  const kpi_row_t *rows, size_t n_rows, const run_ctx_t *ctx,
                                  const unsigned char *done, size_t reps, char *err,
                                  size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "replications.csv", err, errlen);
    if (!fp) return -1;
    static const char *const cols[] = {"scenario", "variant",    "replication", "group", "service",
                                       "region",   "department", "kpi",         "value"};
    out_csv_header(fp, cols, sizeof cols / sizeof *cols);
    for (size_t rep = 0; rep < reps; rep++) {
        if (!done[rep]) continue;
        for (size_t i = 0; i < n_rows; i++) {
            const kpi_row_t *r = &rows[i];
            out_cell_t row[] = {out_cell_str(s->id),
                                out_cell_str(variant),
                                out_cell_num((double)rep),
                                out_cell_str(r->grouping),
                                out_cell_str(r->service),
                                out_cell_str(r->region),
                                out_cell_str(r->dept),
                                out_cell_str(flow_kpi_name(r->kpi)),
                                out_cell_num(flow_kpi(&ctx->results[rep], r->group, r->kpi))};
            out_csv_row(fp, row, sizeof row / sizeof *row);
        }
    }
    return out_file_commit(&f, err, errlen);
}

/* A row's group and labels in summary.json: null where a dimension does
 * not apply (the empty cell of the CSV files). */
static void run_json_labels(out_json_t *j, const kpi_row_t *r) {
    const char *keys[] = {"group", "service", "region", "department"};
    const char *vals[] = {r->grouping, r->service, r->region, r->dept};
    for (size_t i = 0; i < 4; i++) {
        out_json_key(j, keys[i]);
        if (*vals[i]) out_json_str(j, vals[i]);
        else out_json_null(j);
    }
}

static void json_summary(FILE *fp, const scn_t *s, const run_options_t *o, const kpi_row_t *rows,
                         size_t n_rows, const run_cell_t *cells, size_t done, bool complete) {
    out_json_t j;
    out_json_init(&j, fp, 2);
    out_json_begin_object(&j);
    out_json_key(&j, "scenario");
    out_json_str(&j, s->id);
    out_json_key(&j, "name");
    out_json_str(&j, s->name);
    out_json_key(&j, "file");
    out_json_str(&j, o->scenario);
    out_json_key(&j, "variant");
    out_json_str(&j, o->variant);
    out_json_key(&j, "reforms");
    out_json_begin_array(&j);
    for (size_t i = 0; i < o->n_reforms; i++) out_json_str(&j, o->reforms[i].id);
    out_json_end_array(&j);
    out_json_key(&j, "set");
    out_json_begin_array(&j);
    for (size_t i = 0; i < o->n_sets; i++) out_json_str(&j, o->sets[i]);
    out_json_end_array(&j);
    out_json_key(&j, "version");
    out_json_str(&j, GOVSIM_VERSION);
    out_json_key(&j, "seed");
    out_json_number(&j, (double)s->seed);
    out_json_key(&j, "days");
    out_json_number(&j, s->days);
    out_json_key(&j, "warmup_days");
    out_json_number(&j, s->warmup_days);
    out_json_key(&j, "replications");
    out_json_number(&j, (double)done);
    out_json_key(&j, "complete");
    out_json_bool(&j, complete);
    out_json_key(&j, "warnings");
    out_json_begin_array(&j);
    for (size_t w = 0; w < s->n_warnings; w++) out_json_str(&j, s->warnings[w]);
    char few[200];
    if (kpi_few_note(done, few, sizeof few)[0]) out_json_str(&j, few);
    out_json_end_array(&j);
    out_json_key(&j, "results");
    out_json_begin_array(&j);
    for (size_t i = 0; i < n_rows; i++) {
        const kpi_row_t *r = &rows[i];
        const stats_ci_t *ci = &cells[r->group * FLOW_K_COUNT + r->kpi].ci;
        out_json_begin_object(&j);
        run_json_labels(&j, r);
        out_json_key(&j, "kpi");
        out_json_str(&j, flow_kpi_name(r->kpi));
        out_json_key(&j, "unit");
        out_json_str(&j, flow_kpi_unit(r->kpi));
        out_json_key(&j, "mean");
        out_json_number(&j, ci->mean);
        out_json_key(&j, "ci_low");
        out_json_number(&j, ci->lo);
        out_json_key(&j, "ci_high");
        out_json_number(&j, ci->hi);
        out_json_key(&j, "n");
        out_json_number(&j, (double)ci->n);
        censoring_json(&j, &cells[r->group * FLOW_K_COUNT + r->kpi].cens);
        out_json_end_object(&j);
    }
    out_json_end_array(&j);
    out_json_end_object(&j);
    out_json_finish(&j);
}

/* A KPI's row for people: its name and unit (kpi_label.h, not its id),
 * shares as percentages, large numbers with thousands separators, never
 * e-notation (text_human.h). */
static void print_ci_row(flow_kpi_t k, const stats_ci_t *ci) {
    bool share = cli_kpi_is_share(k);
    char interval[128], mean[48], lo[48], hi[48];
    text_human_value(mean, sizeof mean, ci->mean, share);
    text_human_value(lo, sizeof lo, ci->lo, share);
    text_human_value(hi, sizeof hi, ci->hi, share);
    if (isnan(ci->half)) snprintf(interval, sizeof interval, "-");
    else snprintf(interval, sizeof interval, "[%s, %s]", lo, hi);
    printf("  ");
    cli_lang_print_cell(cli_kpi_label(k), RUN_LABEL_WIDTH);
    putchar(' ');
    cli_lang_print_cell(cli_kpi_unit(k), RUN_UNIT_WIDTH);
    printf(" %12s  %s\n", mean, interval);
}

/* A number for the terminal, or "-" when it does not apply (NaN). */
static const char *cell_text(char *buf, size_t len, double v, int decimals) {
    if (isnan(v)) snprintf(buf, len, "-");
    else snprintf(buf, len, "%.*f", decimals, v);
    return buf;
}

/* Under the by-service and by-region table: why each row marked ! is. */
static void print_group_notes(const scn_t *s, const flow_group_t *groups, size_t n_groups,
                              const run_cell_t *cells) {
    for (size_t g = 0; g < n_groups; g++) {
        if (groups[g].kind != FLOW_G_SERVICE && groups[g].kind != FLOW_G_REGION) continue;
        if (groups[g].kind == FLOW_G_REGION && s->n_regions < 2) continue; /* = all */
        char note[300];
        if (!kpi_censoring_note(&cells[g * FLOW_K_COUNT].cens, note, sizeof note)[0]) continue;
        const char *label = groups[g].kind == FLOW_G_SERVICE ? s->services[groups[g].index].name
                                                             : s->regions[groups[g].index].name;
        printf("! ");
        cli_print_text(label);
        printf(": %s\n", note);
    }
}

/* "One-stop hall, REGION": region rg's hall in the utilization table (a
 * group of its own with the one-stop lever: windows only). */
static const char *hall_name(const scn_t *s, int rg, char *buf, size_t len) {
    snprintf(buf, len, _("One-stop hall, %s"), s->regions[rg].name);
    return buf;
}

static void print_table(const scn_t *s, const run_options_t *o, const flow_group_t *groups,
                        size_t n_groups, const run_cell_t *cells, size_t done,
                        const runner_status_t *st, double events) {
    printf("govsim run: ");
    cli_print_text(s->name);
    printf(" (");
    cli_print_text(o->scenario);
    printf(")\n");
    char n_events[48];
    text_thousands(n_events, sizeof n_events, events, 0);
    printf(ngettext("%zu replication x %d days (+%d warm-up), seed %llu, %.1f s, %s events\n\n",
                    "%zu replications x %d days (+%d warm-up), seed %llu, %.1f s, %s events\n\n",
                    done),
           done, s->days, s->warmup_days, (unsigned long long)s->seed, st->seconds, n_events);
    static const flow_kpi_t headline[] = {
        FLOW_K_ARRIVAL_RATE,      FLOW_K_CYCLE_WD,      FLOW_K_CYCLE_P90_WD,
        FLOW_K_WITHIN_LIMIT,      FLOW_K_WINDOW_WAIT,   FLOW_K_TRIPS,
        FLOW_K_ONE_TRIP,          FLOW_K_ZERO_TRIP,     FLOW_K_ONLINE,
        FLOW_K_ABANDON,           FLOW_K_REWORK,        FLOW_K_DATA_REQUESTS,
        FLOW_K_DATA_DELAY,        FLOW_K_DATA_MANUAL,   FLOW_K_DATA_FETCHED,
        FLOW_K_CITIZEN_HOURS,     FLOW_K_BACKLOG,       FLOW_K_COST_YEAR,
        FLOW_K_CITIZEN_COST_YEAR, FLOW_K_COST_PER_CASE, FLOW_K_SATISFACTION,
        FLOW_K_REGION_GAP};
    char note[300];
    if (kpi_few_note(done, note, sizeof note)[0]) printf(_("Note: %s.\n\n"), note);
    cli_lang_print_cell(_("All cases"), RUN_LABEL_WIDTH + 2); /* over print_ci_row's columns */
    putchar(' ');
    cli_lang_print_cell(_("unit"), RUN_UNIT_WIDTH);
    cli_lang_print_right(_("mean"), 13);
    /* xgettext:no-c-format */
    printf("  %s\n", _("95% CI"));
    if (kpi_censoring_note(&cells[0].cens, note, sizeof note)[0]) printf("  ! %s\n", note);
    for (size_t i = 0; i < sizeof headline / sizeof *headline; i++) {
        const stats_ci_t *ci = &cells[headline[i]].ci;
        if (ci->n == 0) continue;
        print_ci_row(headline[i], ci);
    }
    if (s->n_breaches > 0 || s->platform.servers > 0 || s->hub_servers.servers > 0) {
        /* breaches and the platform's and hub's servers (issue 16) */
        static const flow_kpi_t secure[] = {FLOW_K_BREACHES,     FLOW_K_SHARING_SUSPENDED,
                                            FLOW_K_BREACH_COST,  FLOW_K_PLATFORM_LATENCY,
                                            FLOW_K_PLATFORM_P95, FLOW_K_PLATFORM_TIMEOUTS,
                                            FLOW_K_HUB_P95,      FLOW_K_HUB_TIMEOUTS};
        putchar('\n');
        cli_lang_print_cell(_("Security and platform capacity"), RUN_LABEL_WIDTH);
        putchar('\n');
        for (size_t i = 0; i < sizeof secure / sizeof *secure; i++)
            if (cells[secure[i]].ci.n > 0 && !isnan(cells[secure[i]].ci.mean))
                print_ci_row(secure[i], &cells[secure[i]].ci);
    }
    if (s->hotline.on) { /* the 12345 hotline's KPIs (models/hotline.h) */
        putchar('\n');
        cli_lang_print_cell(_("The 12345 hotline"), RUN_LABEL_WIDTH);
        putchar('\n');
        for (int k = 0; k < FLOW_K_COUNT; k++)
            if (flow_kpi_is_hotline((flow_kpi_t)k) && cells[k].ci.n > 0)
                print_ci_row((flow_kpi_t)k, &cells[k].ci);
    }
    {
        /* "wd" was never defined for the reader: the unit is spelled out */
        const char *t[] = {_("cases/day"), _("cycle (work days)"), _("p90 (work days)"),
                           _("trips"),     _("1-trip%"),           _("limit%"),
                           _("wait (m)")};
        static const int w[] = {9, 17, 15, 7, 8, 8, 9};
        putchar('\n');
        cli_lang_print_header(_("By service (means)"), 38, t, w, 7);
    }
    for (size_t g = 0; g < n_groups; g++) {
        if (groups[g].kind != FLOW_G_SERVICE && groups[g].kind != FLOW_G_REGION) continue;
        if (groups[g].kind == FLOW_G_REGION && s->n_regions < 2) continue;
        if (groups[g].kind == FLOW_G_REGION && (g == 0 || groups[g - 1].kind != FLOW_G_REGION))
            printf("%s\n", _("By region (means)"));
        const run_cell_t *c = &cells[g * FLOW_K_COUNT];
        const char *label = groups[g].kind == FLOW_G_SERVICE ? s->services[groups[g].index].name
                                                             : s->regions[groups[g].index].name;
        char b[7][32];
        printf("  "); /* names, not ids; shares as percentages */
        cli_lang_print_cell(label, 36);
        printf(" %9s %17s %15s %7s %8s %8s %9s%s\n",
               cell_text(b[0], 32, c[FLOW_K_ARRIVAL_RATE].ci.mean, 1),
               cell_text(b[1], 32, c[FLOW_K_CYCLE_WD].ci.mean, 2),
               cell_text(b[2], 32, c[FLOW_K_CYCLE_P90_WD].ci.mean, 2),
               cell_text(b[3], 32, c[FLOW_K_TRIPS].ci.mean, 2),
               cell_text(b[4], 32, 100 * c[FLOW_K_ONE_TRIP].ci.mean, 0),
               cell_text(b[5], 32, 100 * c[FLOW_K_WITHIN_LIMIT].ci.mean, 0),
               cell_text(b[6], 32, c[FLOW_K_WINDOW_WAIT].ci.mean, 1),
               kpi_censoring_flag(&c->cens)[0] ? " !" : "");
    }
    print_group_notes(s, groups, n_groups, cells);
    {
        const char *t[] = {_("windows %"), _("officers %")};
        static const int w[] = {12, 12};
        putchar('\n');
        cli_lang_print_header(_("Utilization by department"), 42, t, w, 2);
    }
    for (size_t g = 0; g < n_groups; g++) {
        if (groups[g].kind != FLOW_G_DEPARTMENT && groups[g].kind != FLOW_G_HALL) continue;
        const run_cell_t *c = &cells[g * FLOW_K_COUNT];
        char win[32], off[32], hall[160];
        printf("  ");
        cli_lang_print_cell(groups[g].kind == FLOW_G_HALL
                                ? hall_name(s, groups[g].index, hall, sizeof hall)
                                : s->departments[groups[g].index].name,
                            40);
        printf(" %12s %12s\n", cell_text(win, sizeof win, 100 * c[FLOW_K_FRONT_UTIL].ci.mean, 0),
               cell_text(off, sizeof off, 100 * c[FLOW_K_BACK_UTIL].ci.mean, 0));
    }
}

/* The files run writes (and nothing else it removes from DIR). */
static const char *const OWN_FILES[] = {"summary.csv",    "replications.csv", "summary.json",
                                        "hourly.csv",     "bottleneck.csv",   "day_in_hall.dat",
                                        "day_in_hall.gp", "day_in_hall.png",  "day_in_hall.svg"};

/* hourly.csv, bottleneck.csv and the day in the hall (run_bottleneck.h). */
static int write_bottleneck(const char *dir, const scn_t *s, const run_ctx_t *ctx,
                            const unsigned char *done, size_t reps, char *err, size_t errlen) {
    bn_variant_t v = {ctx->variant, ctx->results, done, reps};
    if (bn_write_hourly(dir, s, &v, 1, err, errlen) != 0 ||
        bn_write_shares(dir, s, &v, 1, err, errlen) != 0)
        return -1;
    return bn_plot_day(dir, s, &v, err, errlen);
}

static int write_files(const run_options_t *o, const scn_t *s, const kpi_row_t *rows, size_t n_rows,
                       const run_cell_t *cells, const run_ctx_t *ctx,
                       const unsigned char *done_mask, size_t reps, size_t done, bool complete,
                       const char *dir) {
    char err[512];
    if (out_dir_ready(dir, err, sizeof err) != 0 ||
        out_dir_clear(dir, OWN_FILES, sizeof OWN_FILES / sizeof *OWN_FILES, err, sizeof err) != 0 ||
        write_summary_csv(dir, s, o->variant, rows, n_rows, cells, err, sizeof err) != 0 ||
        write_replications_csv(dir, s, o->variant, rows, n_rows, ctx, done_mask, reps, err,
                               sizeof err) != 0 ||
        write_bottleneck(dir, s, ctx, done_mask, reps, err, sizeof err) != 0) {
        cli_print_error("govsim run: %s", err);
        return -1;
    }
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.json", err, sizeof err);
    if (!fp) {
        cli_print_error("govsim run: %s", err);
        return -1;
    }
    json_summary(fp, s, o, rows, n_rows, cells, done, complete);
    if (out_file_commit(&f, err, sizeof err) != 0) {
        cli_print_error("govsim run: %s", err);
        return -1;
    }
    return 0;
}

/* Load the --reform files, in order, and name the variant after them.
 * Returns 0, or -1 with the message on stderr (o->n_reforms then counts
 * only those loaded, for release_reforms). */
static int load_reforms(run_options_t *o) {
    char err[1024];
    size_t n = o->n_reforms, used = 0;
    snprintf(o->variant, sizeof o->variant, "baseline");
    for (o->n_reforms = 0; o->n_reforms < n; o->n_reforms++) {
        reform_t *r = &o->reforms[o->n_reforms];
        if (reform_load(r, o->reform_files[o->n_reforms], err, sizeof err) != 0) {
            cli_print_error("%s", err);
            return -1;
        }
        int w =
            snprintf(o->variant + used, sizeof o->variant - used, "%s%s", used ? "+" : "", r->id);
        used += w > 0 ? (size_t)w : 0;
        if (used >= sizeof o->variant) used = sizeof o->variant - 1;
    }
    return 0;
}

/* The event log's folder exists and can be written: checked before the
 * simulation, so a typo costs nothing.  0, or -1 after the message. */
static int event_log_ready(const char *path) {
    char dir[1024];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path) snprintf(dir, sizeof dir, "/");
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) slash = path + strlen(path) - 1;
    if (!slash || slash[1] != '\0') {
        if (access(dir, W_OK | X_OK) == 0) return 0;
        cli_print_error("govsim run: --event-log '%s': cannot write in folder '%s': %s", path, dir,
                        strerror(errno));
        return -1;
    }
    cli_print_error("govsim run: --event-log '%s': expected a file name, not a folder", path);
    return -1;
}

/* A stream per replication, and the size the log will have (printed when
 * it is big, before anything runs). */
static int event_log_start(const scn_t *s, const run_options_t *o, run_ctx_t *ctx, size_t reps) {
    ctx->log_format = out_evlog_format_for(o->event_log);
    ctx->log_parts = calloc(reps, sizeof(FILE *));
    ctx->log_objects = calloc(reps, sizeof(FILE *));
    if (!ctx->log_parts || !ctx->log_objects) return -1;
    double events, bytes;
    cli_evlog_estimate(s, ctx->log_format, &events, &bytes);
    if (bytes > 50e6 && !o->quiet)
        cli_print_error("govsim run: the event log will take about %.0f MB (%.3g events): %s",
                        bytes / 1e6, events, o->event_log);
    return 0;
}

/* FILE from the replications' streams, in replication order. */
static int event_log_write(const run_options_t *o, const scn_t *s, const run_ctx_t *ctx,
                           const unsigned char *done, size_t reps) {
    char err[1024];
    if (atomic_load(&ctx->log_failed)) {
        cli_print_error("govsim run: %s: out of memory or disk space while logging; not written",
                        o->event_log);
        return -1;
    }
    for (size_t r = 0; r < reps; r++)
        if (!done[r] && ctx->log_parts[r]) {
            fclose(ctx->log_parts[r]); /* an interrupted replication: not logged */
            ctx->log_parts[r] = NULL;
            if (ctx->log_objects[r]) fclose(ctx->log_objects[r]);
            ctx->log_objects[r] = NULL;
        }
    if (cli_evlog_assemble(o->event_log, s, ctx->log_parts, ctx->log_objects, reps, err,
                           sizeof err) != 0) {
        cli_print_error("govsim run: %s", err);
        return -1;
    }
    return 0;
}

static void release_reforms(run_options_t *o) {
    for (size_t i = 0; i < o->n_reforms; i++) reform_free(&o->reforms[i]);
}

/* --quiet: the files written, one path a line. */
static void print_paths(const char *dir) {
    for (size_t i = 0; i < sizeof OWN_FILES / sizeof *OWN_FILES; i++)
        cli_print_path(dir, OWN_FILES[i]);
}

/* The run itself, the reforms loaded. */
static int run_patched(const run_options_t *o) {
    char err[1024];
    scn_t s;
    if (cli_load_patched(&s, o->scenario, o->sets, o->n_sets, o->reforms, o->n_reforms, err,
                         sizeof err) != 0) {
        cli_print_error("%s", err);
        return CLI_USAGE;
    }
    cli_lang_scn(&s);
    if (o->days) s.days = (int)o->days;
    if (o->seed_set) s.seed = o->seed;
    if (o->reps) s.replications = (int)o->reps;
    if (flow_check(&s, err, sizeof err) != 0) {
        cli_print_error("%s", err);
        scn_free(&s);
        return CLI_USAGE;
    }
    char dir[1024];
    if (o->out_dir) snprintf(dir, sizeof dir, "%s", o->out_dir);
    else snprintf(dir, sizeof dir, "results/%s-run", s.id);
    if (o->event_log && event_log_ready(o->event_log) != 0) {
        scn_free(&s);
        return CLI_USAGE;
    }
    /* a folder that cannot be written is found before the simulation */
    if (out_dir_ready(dir, err, sizeof err) != 0) {
        fprintf(stderr, "govsim run: %s\n", err);
        scn_free(&s);
        return CLI_USAGE;
    }
    for (size_t w = 0; w < s.n_warnings; w++)
        cli_print_error("govsim run: warning: %s", s.warnings[w]);
    size_t reps = (size_t)s.replications;
    size_t n_groups = flow_groups(&s, NULL, 0);
    flow_group_t *groups = malloc(n_groups * sizeof *groups);
    run_ctx_t ctx = {
        .s = &s, .variant = o->variant, .results = calloc(reps, sizeof(flow_result_t))};
    unsigned char *done_mask = calloc(reps, 1);
    run_cell_t *cells = calloc(n_groups * FLOW_K_COUNT, sizeof *cells);
    double *values = malloc(reps * sizeof *values);
    kpi_row_t *rows = malloc(n_groups * FLOW_K_COUNT * sizeof *rows);
    int rc = CLI_FAILURE;
    if (!groups || !ctx.results || !done_mask || !cells || !values || !rows) goto out;
    flow_groups(&s, groups, n_groups);
    if (o->event_log && event_log_start(&s, o, &ctx, reps) != 0) goto out;

    out_progress_t prog;
    runner_config_t cfg = {1, reps, o->threads,
                           cli_progress_as(&prog, o->quiet, o->progress, s.id)};
    runner_status_t st = runner_run(&cfg, run_task, &ctx, done_mask);
    if (st.failed) {
        fprintf(stderr, "govsim run: %zu replications ran out of memory\n", st.failed);
        goto out;
    }
    if (st.done == 0) {
        fprintf(stderr, "govsim run: interrupted before any replication finished; "
                        "nothing written\n");
        goto out;
    }
    double events = 0;
    for (size_t r = 0; r < reps; r++)
        if (done_mask[r]) events += (double)ctx.results[r].events;
    for (size_t g = 0; g < n_groups; g++) {
        kpi_censoring_t cens = kpi_censoring(ctx.results, done_mask, reps, g);
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            size_t n = 0;
            for (size_t r = 0; r < reps; r++)
                if (done_mask[r]) values[n++] = flow_kpi(&ctx.results[r], g, (flow_kpi_t)k);
            cells[g * FLOW_K_COUNT + k].ci = kpi_ci(values, n, (flow_kpi_t)k);
            cells[g * FLOW_K_COUNT + k].cens = cens;
        }
    }
    bool complete = st.done == reps;
    size_t n_rows = kpi_build_rows(&s, groups, n_groups, rows);
    if (write_files(o, &s, rows, n_rows, cells, &ctx, done_mask, reps, st.done, complete, dir) != 0)
        goto out;
    if (o->event_log && event_log_write(o, &s, &ctx, done_mask, reps) != 0) goto out;
    if (o->quiet && o->format == FMT_TABLE) { /* --format asks for the data itself */
        print_paths(dir);
    } else if (o->format == FMT_TABLE) {
        print_table(&s, o, groups, n_groups, cells, st.done, &st, events);
        bn_variant_t v = {o->variant, ctx.results, done_mask, reps};
        bn_print(&s, &v);
        if (s.n_warnings) printf("\n%zu warning(s) on stderr.\n", s.n_warnings);
        printf("\nFiles: %s/summary.csv, replications.csv, summary.json, hourly.csv, "
               "bottleneck.csv, day_in_hall.png\n",
               dir);
    } else if (o->format == FMT_JSON) {
        json_summary(stdout, &s, o, rows, n_rows, cells, st.done, complete);
    } else {
        char path[1100];
        snprintf(path, sizeof path, "%s/summary.csv", dir);
        FILE *in = fopen(path, "r");
        if (in) {
            int ch;
            while ((ch = fgetc(in)) != EOF) putchar(ch);
            fclose(in);
        }
    }
    if (!complete) {
        fprintf(stderr,
                "govsim run: interrupted: %zu of %zu replications; files "
                "marked incomplete\n",
                st.done, reps);
        rc = CLI_FAILURE;
    } else {
        rc = CLI_OK;
    }
out:
    if (ctx.log_parts)
        for (size_t r = 0; r < reps; r++)
            if (ctx.log_parts[r]) fclose(ctx.log_parts[r]);
    if (ctx.log_objects)
        for (size_t r = 0; r < reps; r++)
            if (ctx.log_objects[r]) fclose(ctx.log_objects[r]);
    free(ctx.log_parts);
    free(ctx.log_objects);
    if (ctx.results)
        for (size_t r = 0; r < reps; r++) flow_result_free(&ctx.results[r]);
    free(ctx.results);
    free(done_mask);
    free(cells);
    free(values);
    free(rows);
    free(groups);
    scn_free(&s);
    return rc;
}

int cmd_run(int argc, char **argv) {
    run_options_t *po = calloc(1, sizeof *po);
    if (!po) return CLI_FAILURE;
    cli_args_t args;
    int parsed = parse(argc, argv, po, &args);
    int rc = parsed > 0 ? CLI_OK : CLI_USAGE;
    if (parsed == 0) rc = load_reforms(po) == 0 ? run_patched(po) : CLI_USAGE;
    release_reforms(po);
    free(po);
    return rc;
}
