/*
 * govsim compare SCENARIO [REFORM.cfg ...] [--combine A,B]... [-r N] [-j N]
 *                [--days D] [--seed S] [-o DIR] [--quiet] [--brief]
 *                [--progress MODE] [--set PATH=VALUE]...
 *
 * The baseline and each reform (alone, all together, and any --combine)
 * run on the same replication streams: common random numbers.  Each
 * variant is compared with the baseline replication by replication, so
 * the difference's confidence interval reflects the reform, not luck; the
 * unpaired interval is reported too, to show how much pairing narrowed it.
 *
 * With no reform named, every file in the reforms/ folder beside the
 * scenario is tried; one that does not apply to this scenario (a path
 * that matches nothing) is skipped, and said so with its reason in one
 * line: on stderr, under the table, in report.html and in summary.json
 * ("skipped").  Every variant is built from a fresh copy of the scenario
 * with exactly the reforms it names.  A named reform that does
 * not apply is an error (exit 2).
 *
 * Files in DIR (default results/<scenario>-compare/): differences.csv,
 * summary.csv, replications.csv (all groups, every variant), summary.json,
 * the charts (compare_plots.c) and report.html (compare_report.c).  DIR is
 * checked writable before simulating (exit 2 if not); before writing, the
 * files of these kinds an earlier run left in DIR are removed (OWN_FILES,
 * OWN_CHARTS), so the report embeds only this run's charts.
 * --brief prints only the headline table (the embedded default uses it);
 * --quiet only errors and the paths of the files written.  --set changes
 * the scenario of every variant, the baseline's too, before its reforms.
 */
#include <dirent.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lang.h"
#include "compare.h"
#include "runner.h"
#include "flow.h"
#include "kpi_rows.h"
#include "out_csv.h"
#include "out_dir.h"
#include "out_file.h"
#include "out_json.h"
#include "out_table.h"
#include "reform.h"
#include "scn.h"
#include "stats.h"
#include "text.h"
#include "text_human.h"

/* Returns 0, 1 after printing help, -1 after a usage error. */
static int parse(int argc, char **argv, compare_t *c) {
    cli_args_t a = {0};
    int rc = cli_args_parse(cli_command_find("compare"), argc, argv, &a);
    if (rc != 0) return rc;
    if (a.n_positional - 1 > MAX_REFORMS)
        return cli_usage_error("compare", "at most %d reforms", MAX_REFORMS), -1;
    c->scenario = a.positional[0];
    for (unsigned i = 1; i < a.n_positional; i++) c->named[c->n_named++] = a.positional[i];
    for (unsigned i = 0; i < a.n_combine && i < MAX_COMBINES; i++)
        c->combine[c->n_combine++] = a.combine[i];
    c->reps = a.reps;
    c->threads = a.threads;
    c->days = a.days;
    c->seed = a.seed;
    c->seed_set = a.given[CLI_OPT_SEED];
    c->quiet = a.given[CLI_OPT_QUIET];
    c->brief = a.given[CLI_OPT_BRIEF];
    c->out_dir = a.out_dir;
    c->progress = a.progress;
    for (unsigned i = 0; i < a.n_set; i++) c->sets[c->n_sets++] = a.set[i];
    return 0;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .cfg files of the reforms/ folder beside the scenario, sorted.
 * Returns how many (paths malloc'd into out). */
static size_t bundled_reforms(const char *scenario, char **out, size_t cap) {
    char dir[1024];
    const char *slash = strrchr(scenario, '/');
    if (slash) snprintf(dir, sizeof dir, "%.*s/reforms", (int)(slash - scenario), scenario);
    else snprintf(dir, sizeof dir, "reforms");
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < cap) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0 || e->d_name[0] == '.') continue;
        size_t need = strlen(dir) + len + 2;
        out[n] = malloc(need);
        if (!out[n]) break;
        snprintf(out[n], need, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(out, n, sizeof *out, cmp_str);
    return n;
}

/* Build variant v: the scenario tree, its reforms applied in order, the
 * model checked; *moved (when not NULL) counts the settings the reforms
 * gave a new value.  Returns 0, or -1 with the message in err. */
static int build_variant(compare_t *c, variant_t *v, size_t *moved, char *err, size_t errlen) {
    config_t cfg;
    if (reform_load_scenario_tree(&cfg, c->scenario, err, errlen) != 0 ||
        cli_apply_sets(&cfg, c->sets, c->n_sets, err, errlen) != 0) {
        config_destroy(&cfg);
        return -1;
    }
    size_t total = 0;
    for (size_t i = 0; i < v->n; i++) {
        size_t n = 0;
        if (reform_apply_counted(&c->reforms[v->reform[i]], &cfg, &n, err, errlen) != 0) {
            config_destroy(&cfg);
            return -1;
        }
        total += n;
    }
    if (moved) *moved = total;
    int rc = scn_from_config(&v->s, &cfg, c->scenario, err, errlen);
    config_destroy(&cfg);
    if (rc != 0 && v->n == 0) reform_set_blame(err, errlen, c->sets, c->n_sets);
    if (rc != 0) return -1;
    cli_lang_scn(&v->s);
    v->built = true;
    if (c->days) v->s.days = (int)c->days;
    if (c->seed_set) v->s.seed = c->seed;
    if (c->reps) v->s.replications = (int)c->reps;
    return flow_check(&v->s, err, errlen);
}

/* A new, empty variant: a slot given back by a skipped reform is cleared,
 * so the next variant starts with no reforms, no costs and no model. */
static variant_t *add_variant(compare_t *c, const char *label) {
    if (c->n_variants == MAX_VARIANTS) return NULL;
    variant_t *v = &c->v[c->n_variants++];
    memset(v, 0, sizeof *v);
    size_t n = strlen(label);
    if (n >= sizeof v->label) n = sizeof v->label - 1;
    memmove(v->label, label, n);
    v->label[n] = '\0';
    return v;
}

/* The variant's name people read: its reforms' names joined by " + "
 * (compare.h), set as each reform is added. */
static void add_reform_name(variant_t *v, const char *name) {
    size_t used = strlen(v->name);
    if (used) snprintf(v->name + used, sizeof v->name - used, " + ");
    used = strlen(v->name);
    snprintf(v->name + used, sizeof v->name - used, "%s", name);
    v->name[text_utf8_boundary(v->name, strlen(v->name))] = '\0';
}

static void add_reform_to(compare_t *c, variant_t *v, int r) {
    if (!v) return;
    add_reform_name(v, c->reforms[r].name);
    v->reform[v->n++] = r;
    v->reform_cost += c->reforms[r].cost_per_year;
    v->one_off += c->reforms[r].one_off_cost;
}

static int find_reform(const compare_t *c, const char *name, size_t len) {
    for (size_t i = 0; i < c->n_reforms; i++)
        if (strlen(c->reforms[i].id) == len && strncmp(c->reforms[i].id, name, len) == 0)
            return (int)i;
    return -1;
}

/* Load the reforms and set up the variants.  Returns 0, or a CLI code. */
static int setup(compare_t *c) {
    char err[1024];
    char *paths[MAX_REFORMS];
    size_t n_paths = c->n_named;
    bool bundled = c->n_named == 0;
    if (bundled) n_paths = bundled_reforms(c->scenario, paths, MAX_REFORMS);
    else
        for (size_t i = 0; i < n_paths; i++) paths[i] = (char *)c->named[i];
    variant_t *base = add_variant(c, "baseline");
    snprintf(base->name, sizeof base->name, "%s", _("baseline"));
    if (build_variant(c, base, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        goto fail;
    }
    for (size_t i = 0; i < n_paths; i++) {
        reform_t *r = &c->reforms[c->n_reforms];
        if (reform_load(r, paths[i], err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            goto fail;
        }
        cli_lang_reform(r);
        c->n_reforms++;
        variant_t *v = add_variant(c, r->id);
        add_reform_to(c, v, (int)c->n_reforms - 1);
        size_t moved = 0;
        bool built = build_variant(c, v, &moved, err, sizeof err) == 0;
        bool in_place = built && reform_in_place(r, moved);
        if (in_place && !bundled)
            fprintf(stderr,
                    _("govsim compare: note: %s changes nothing in this scenario (every "
                      "setting it changes already has that value): its row shows its cost "
                      "and no effect\n"),
                    r->id);
        if (!built || (in_place && bundled)) {
            if (!bundled) {
                fprintf(stderr, "%s\n", err);
                goto fail;
            }
            /* a bundled reform written for another kind of place, or one
             * this scenario has already: said in one line here, in the
             * table, the report and summary.json */
            compare_skip_t *k = &c->skipped[c->n_skipped++];
            if (built) compare_skip_in_place(k, r->id, r->path);
            else compare_skip_reason(k, r->id, r->path, err);
            memcpy(k->name, r->name, sizeof k->name); /* same size, terminated */
            char why[COMPARE_REASON_MAX + 64];
            compare_skip_people(k, why, sizeof why);
            fprintf(stderr, _("govsim compare: skipping %s (%s"), k->reform, k->file);
            if (k->line) fprintf(stderr, ":%d", k->line);
            fprintf(stderr, "): %s\n", why);
            if (v->built) scn_free(&v->s);
            memset(v, 0, sizeof *v);
            c->n_variants--;
            reform_free(r);
            c->n_reforms--;
        }
    }
    if (c->n_reforms >= 2) {
        variant_t *all = add_variant(c, "all_reforms");
        for (size_t i = 0; i < c->n_reforms; i++) add_reform_to(c, all, (int)i);
        snprintf(all->name, sizeof all->name, "%s", _("all reforms together"));
        if (build_variant(c, all, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "govsim compare: all reforms together: %s\n", err);
            goto fail;
        }
    }
    for (size_t k = 0; k < c->n_combine; k++) {
        variant_t *v = add_variant(c, "");
        if (!v) break;
        const char *p = c->combine[k];
        size_t used = 0;
        while (*p) {
            size_t len = strcspn(p, ",");
            int r = find_reform(c, p, len);
            if (r < 0) {
                cli_usage_error("compare", "--combine '%s': no reform '%.*s' among those run",
                                c->combine[k], (int)len, p);
                c->n_variants--;
                goto fail_usage;
            }
            add_reform_to(c, v, r);
            used += (size_t)snprintf(v->label + used, sizeof v->label - used, "%s%.*s",
                                     used ? "+" : "", (int)len, p);
            if (used >= sizeof v->label) used = sizeof v->label - 1;
            p += len + (p[len] == ',');
        }
        if (build_variant(c, v, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "govsim compare: %s: %s\n", v->label, err);
            goto fail;
        }
    }
    if (bundled)
        for (size_t i = 0; i < n_paths; i++) free(paths[i]);
    return 0;
fail:
    if (bundled)
        for (size_t i = 0; i < n_paths; i++) free(paths[i]);
    return CLI_USAGE;
fail_usage:
    if (bundled)
        for (size_t i = 0; i < n_paths; i++) free(paths[i]);
    return CLI_USAGE;
}

/* The files compare writes (and nothing else it removes from DIR). */
static const char *const OWN_FILES[] = {"differences.csv", "summary.csv", "replications.csv",
                                        "summary.json",    "report.html", "hourly.csv",
                                        "bottleneck.csv"};
static const char *const OWN_CHARTS[] = {
    "changes", "cost_benefit",       "cdf",        "trips", "utilization",
    "regions", "utilization_cities", "day_in_hall"};

/* DIR: -o, or results/<scenario id>-compare. */
static void output_dir(const compare_t *c, char *dir, size_t len) {
    if (c->out_dir) snprintf(dir, len, "%s", c->out_dir);
    else snprintf(dir, len, "results/%s-compare", c->v[0].s.id);
}

static int task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    compare_t *c = ctx;
    return flow_run(&c->v[point].s, (uint32_t)rep, stop, &c->v[point].results[rep]);
}

/* The reforms of the folder that were not run, one line each. */
static void print_skipped(const compare_t *c) {
    if (c->n_skipped == 0) return;
    printf("\n%s\n", _("Skipped (does not apply to this scenario, or is already in place):"));
    for (size_t i = 0; i < c->n_skipped; i++) {
        const compare_skip_t *k = &c->skipped[i];
        char why[COMPARE_REASON_MAX + 64];
        compare_skip_people(k, why, sizeof why);
        printf("  %s (%s", k->reform, k->file);
        if (k->line) printf(":%d", k->line);
        printf("): %s\n", why);
    }
}

/* Width of the variant column on the terminal, in columns. */
#define NAME_COLUMNS 32

/* text right-aligned in `width` terminal columns (text is ours: numbers
 * and translated titles, two columns per Chinese character). */
static void print_right(const char *text, size_t width) {
    size_t w = out_text_width(text);
    for (; w < width; w++) putchar(' ');
    fputs(text, stdout);
}

static int print_tables(const compare_t *c, const runner_status_t *st) {
    compare_row_t rows[MAX_VARIANTS];
    size_t order[MAX_VARIANTS];
    bool ok;
    double crn = compare_summarize(c, rows, order, &ok);
    if (!ok) return -1;
    const variant_t *base = &c->v[0];
    printf("govsim compare: ");
    cli_print_text(base->s.name); /* names may hold terminal controls */
    printf(" (");
    cli_print_text(c->scenario);
    printf(")\n");
    printf(_("%zu variants x %zu replications x %d days (+%d warm-up), common random numbers, "
             "seed %llu, %.1f s\n\n"),
           c->n_variants, c->n_reps, base->s.days, base->s.warmup_days,
           (unsigned long long)base->s.seed, st->seconds);
    /* xgettext:no-c-format */
    printf("%s\n", _("Change against the baseline (paired 95% CI; * = the interval excludes "
                     "zero; pp = percentage points)"));
    cli_lang_print_cell(_("variant"), NAME_COLUMNS);
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
        putchar(' ');
        print_right(_(COMPARE_HEADLINE_TITLE[h]), h == COMPARE_N_HEADLINE ? 20 : 19);
    }
    printf("\n");
    for (size_t i = 1; i < c->n_variants; i++) {
        char t[64];
        cli_lang_print_cell(c->v[i].name, NAME_COLUMNS);
        for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
            compare_headline_cell(t, sizeof t, &rows[i], h);
            putchar(' ');
            print_right(t, h == COMPARE_N_HEADLINE ? 20 : 19);
        }
        printf("%s\n", compare_flagged(c, &c->v[i]) ? " !" : "");
    }
    compare_print_flags(c);
    print_skipped(c);
    if (c->brief) return 0;
    printf("\n");
    printf(_("Cost-effectiveness (yearly cost: each reform's cost per year plus its one-off cost\n"
             "spread over %.0f years at %.0f%%; only where the saving's 95%% CI excludes zero)"),
           COMPARE_LIFE_YEARS, COMPARE_DISCOUNT_RATE * 100);
    printf("\n");
    cli_lang_print_cell(_("variant"), NAME_COLUMNS);
    const char *titles[] = {_("hours saved/yr"), _("trips avoided/yr"), _("yuan per hour saved"),
                            _("yuan per trip avoided")};
    for (size_t k = 0; k < 4; k++) {
        putchar(' ');
        print_right(titles[k], 22);
    }
    printf("\n");
    for (size_t i = 1; i < c->n_variants; i++) {
        const compare_row_t *r = &rows[i];
        char cell[4][48];
        text_thousands(cell[0], sizeof cell[0], r->hours_saved, 0);
        text_thousands(cell[1], sizeof cell[1], r->trips_avoided, 0);
        if (!isnan(r->yuan_per_hour)) text_thousands(cell[2], sizeof cell[2], r->yuan_per_hour, 1);
        else snprintf(cell[2], sizeof cell[2], "%s", _("no sure saving"));
        if (!isnan(r->yuan_per_trip)) text_thousands(cell[3], sizeof cell[3], r->yuan_per_trip, 1);
        else snprintf(cell[3], sizeof cell[3], "%s", _("no sure saving"));
        cli_lang_print_cell(c->v[i].name, NAME_COLUMNS);
        for (size_t k = 0; k < 4; k++) {
            putchar(' ');
            print_right(cell[k], 22);
        }
        printf("\n");
    }
    printf("\n%s\n", _("Ranking by cycle-time reduction (paired comparison with the variant "
                       "above)"));
    for (size_t k = 0; k + 1 < c->n_variants; k++) {
        const compare_row_t *r = &rows[order[k]];
        printf("  %2zu. ", k + 1);
        cli_lang_print_cell(c->v[order[k]].name, NAME_COLUMNS);
        printf(" %+.3f %s", r->cycle_change, _("working days"));
        if (r->tied_with_above) {
            printf("   %s ", _("not distinguishable from"));
            cli_print_text(c->v[order[k - 1]].name);
        }
        printf("\n");
    }
    if (!isnan(crn))
        printf(_("\nCommon random numbers: the paired intervals for cycle time are on average "
                 "%.1fx narrower than unpaired ones would be.\n"),
               crn);
    return 0;
}

static int write_differences(const compare_t *c, const char *dir, double *b, double *x, char *err,
                             size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "differences.csv", err, errlen);
    if (!fp) return -1;
    static const char *const cols[] = {
        "scenario",         "variant", "group",   "service",         "region",
        "department",       "kpi",     "unit",    "baseline_mean",   "variant_mean",
        "difference",       "ci_low",  "ci_high", "relative_change", "unpaired_ci_low",
        "unpaired_ci_high", "n"};
    out_csv_header(fp, cols, sizeof cols / sizeof *cols);
    flow_group_t all = {FLOW_G_ALL, -1};
    for (size_t i = 1; i < c->n_variants; i++)
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            if (!flow_kpi_applies(all.kind, (flow_kpi_t)k)) continue;
            if (flow_kpi_is_hotline((flow_kpi_t)k) && !c->v[0].s.hotline.on &&
                !c->v[i].s.hotline.on)
                continue; /* neither has a hotline */
            if (k == FLOW_K_COST_YEAR) {
                compare_cost_values(c, &c->v[0], b);
                compare_cost_values(c, &c->v[i], x);
            } else {
                compare_values(c, &c->v[0], 0, (flow_kpi_t)k, b);
                compare_values(c, &c->v[i], 0, (flow_kpi_t)k, x);
            }
            compare_diff_t d = compare_difference(b, x, c->n_reps);
            /* all cases: the tidy files' group "all", no dimension */
            out_cell_t row[] = {out_cell_str(c->v[0].s.id),
                                out_cell_str(c->v[i].label),
                                out_cell_str("all"),
                                out_cell_str(""),
                                out_cell_str(""),
                                out_cell_str(""),
                                out_cell_str(flow_kpi_name((flow_kpi_t)k)),
                                out_cell_str(flow_kpi_unit((flow_kpi_t)k)),
                                out_cell_num(d.base_mean),
                                out_cell_num(d.var_mean),
                                out_cell_num(d.paired.mean),
                                out_cell_num(d.paired.lo),
                                out_cell_num(d.paired.hi),
                                out_cell_num(d.rel),
                                out_cell_num(d.unpaired.lo),
                                out_cell_num(d.unpaired.hi),
                                out_cell_num((double)d.paired.n)};
            out_csv_row(fp, row, sizeof row / sizeof *row);
        }
    return out_file_commit(&f, err, errlen);
}

static int write_summaries(const compare_t *c, const char *dir, const kpi_row_t *rows,
                           size_t n_rows, double *x, char *err, size_t errlen) {
    out_file_t fs, fr;
    FILE *s = out_file_open(&fs, dir, "summary.csv", err, errlen);
    if (!s) return -1;
    FILE *r = out_file_open(&fr, dir, "replications.csv", err, errlen);
    if (!r) {
        out_file_abort(&fs);
        return -1;
    }
    static const char *const scols[] = {
        "scenario", "variant", "group",   "service", "region",     "department",     "kpi", "unit",
        "mean",     "ci_low",  "ci_high", "n",       "open_share", "backlog_growth", "flag"};
    static const char *const rcols[] = {"scenario", "variant",    "replication", "group", "service",
                                        "region",   "department", "kpi",         "value"};
    out_csv_header(s, scols, sizeof scols / sizeof *scols);
    out_csv_header(r, rcols, sizeof rcols / sizeof *rcols);
    for (size_t i = 0; i < c->n_variants; i++) {
        const variant_t *v = &c->v[i];
        for (size_t k = 0; k < n_rows; k++) {
            const kpi_row_t *w = &rows[k];
            compare_values(c, v, w->group, w->kpi, x);
            stats_ci_t ci = kpi_ci(x, c->n_reps, w->kpi);
            kpi_censoring_t cens = compare_censoring(c, v, w->group);
            bool cases = cens.n > 0; /* not a department's row */
            out_cell_t row[] = {out_cell_str(v->s.id),
                                out_cell_str(v->label),
                                out_cell_str(w->grouping),
                                out_cell_str(w->service),
                                out_cell_str(w->region),
                                out_cell_str(w->dept),
                                out_cell_str(flow_kpi_name(w->kpi)),
                                out_cell_str(flow_kpi_unit(w->kpi)),
                                out_cell_num(ci.mean),
                                out_cell_num(ci.lo),
                                out_cell_num(ci.hi),
                                out_cell_num((double)ci.n),
                                out_cell_num(cases ? cens.open_share : NAN),
                                out_cell_num(cases ? cens.growth.mean : NAN),
                                out_cell_str(kpi_censoring_flag(&cens))};
            out_csv_row(s, row, sizeof row / sizeof *row);
            for (size_t rep = 0; rep < c->n_reps; rep++) {
                out_cell_t rr[] = {out_cell_str(v->s.id),     out_cell_str(v->label),
                                   out_cell_num((double)rep), out_cell_str(w->grouping),
                                   out_cell_str(w->service),  out_cell_str(w->region),
                                   out_cell_str(w->dept),     out_cell_str(flow_kpi_name(w->kpi)),
                                   out_cell_num(x[rep])};
                out_csv_row(r, rr, sizeof rr / sizeof *rr);
            }
        }
    }
    if (out_file_commit(&fs, err, errlen) != 0) {
        out_file_abort(&fr);
        return -1;
    }
    return out_file_commit(&fr, err, errlen);
}

/* "baseline": the baseline's own values of the headline KPIs and of the
 * government cost (all cases; mean and 95% CI over the replications),
 * what the differences of each variant are taken from.  b: room for
 * n_reps values. */
static void json_baseline(out_json_t *j, const compare_t *c, double *b) {
    out_json_key(j, "baseline");
    out_json_begin_object(j);
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
        flow_kpi_t k = h < COMPARE_N_HEADLINE ? COMPARE_HEADLINE[h] : FLOW_K_COST_YEAR;
        if (k == FLOW_K_COST_YEAR) compare_cost_values(c, &c->v[0], b);
        else compare_values(c, &c->v[0], 0, k, b);
        stats_ci_t ci = kpi_ci(b, c->n_reps, k);
        out_json_key(j, flow_kpi_name(k));
        out_json_begin_object(j);
        out_json_key(j, "unit");
        out_json_str(j, flow_kpi_unit(k));
        out_json_key(j, "mean");
        out_json_number(j, ci.mean);
        out_json_key(j, "ci_low");
        out_json_number(j, ci.lo);
        out_json_key(j, "ci_high");
        out_json_number(j, ci.hi);
        out_json_key(j, "n");
        out_json_number(j, (double)ci.n);
        out_json_end_object(j);
    }
    out_json_end_object(j);
}

static int write_json(const compare_t *c, const char *dir, double *b, double *x, char *err,
                      size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.json", err, errlen);
    if (!fp) return -1;
    out_json_t j;
    out_json_init(&j, fp, 2);
    out_json_begin_object(&j);
    out_json_key(&j, "scenario");
    out_json_str(&j, c->v[0].s.id);
    out_json_key(&j, "file");
    out_json_str(&j, c->scenario);
    out_json_key(&j, "version");
    out_json_str(&j, GOVSIM_VERSION);
    out_json_key(&j, "seed");
    out_json_number(&j, (double)c->v[0].s.seed);
    out_json_key(&j, "replications");
    out_json_number(&j, (double)c->n_reps);
    out_json_key(&j, "set");
    out_json_begin_array(&j);
    for (size_t i = 0; i < c->n_sets; i++) out_json_str(&j, c->sets[i]);
    out_json_end_array(&j);
    compare_json_censoring(&j, c, &c->v[0]); /* the baseline's */
    json_baseline(&j, c, b);
    out_json_key(&j, "variants");
    out_json_begin_array(&j);
    for (size_t i = 1; i < c->n_variants; i++) {
        const variant_t *v = &c->v[i];
        out_json_begin_object(&j);
        out_json_key(&j, "variant");
        out_json_str(&j, v->label);
        out_json_key(&j, "reforms");
        out_json_begin_array(&j);
        for (size_t k = 0; k < v->n; k++) out_json_str(&j, c->reforms[v->reform[k]].id);
        out_json_end_array(&j);
        out_json_key(&j, "reform_cost_per_year");
        out_json_number(&j, v->reform_cost);
        out_json_key(&j, "one_off_cost");
        out_json_number(&j, v->one_off);
        compare_json_censoring(&j, c, v);
        out_json_key(&j, "differences");
        out_json_begin_object(&j);
        for (size_t h = 0; h < COMPARE_N_HEADLINE; h++) {
            compare_values(c, &c->v[0], 0, COMPARE_HEADLINE[h], b);
            compare_values(c, v, 0, COMPARE_HEADLINE[h], x);
            compare_diff_t d = compare_difference(b, x, c->n_reps);
            out_json_key(&j, flow_kpi_name(COMPARE_HEADLINE[h]));
            out_json_begin_object(&j);
            out_json_key(&j, "baseline_mean");
            out_json_number(&j, d.base_mean);
            out_json_key(&j, "variant_mean");
            out_json_number(&j, d.var_mean);
            out_json_key(&j, "mean");
            out_json_number(&j, d.paired.mean);
            out_json_key(&j, "ci_low");
            out_json_number(&j, d.paired.lo);
            out_json_key(&j, "ci_high");
            out_json_number(&j, d.paired.hi);
            out_json_key(&j, "relative");
            out_json_number(&j, d.rel);
            out_json_end_object(&j);
        }
        out_json_end_object(&j);
        out_json_end_object(&j);
    }
    out_json_end_array(&j);
    out_json_key(&j, "skipped");
    out_json_begin_array(&j);
    for (size_t i = 0; i < c->n_skipped; i++) {
        const compare_skip_t *k = &c->skipped[i];
        out_json_begin_object(&j);
        out_json_key(&j, "reform");
        out_json_str(&j, k->reform);
        out_json_key(&j, "file");
        out_json_str(&j, k->file);
        out_json_key(&j, "line");
        out_json_number(&j, (double)k->line);
        out_json_key(&j, "reason");
        out_json_str(&j, k->reason);
        out_json_end_object(&j);
    }
    out_json_end_array(&j);
    out_json_end_object(&j);
    out_json_finish(&j);
    return out_file_commit(&f, err, errlen);
}

/* --quiet: every file written, one path a line (charts: those in DIR
 * now, since which are drawn depends on the scenario). */
static void print_paths(const char *dir) {
    cli_print_output_paths(dir, OWN_FILES, sizeof OWN_FILES / sizeof *OWN_FILES, OWN_CHARTS,
                           sizeof OWN_CHARTS / sizeof *OWN_CHARTS);
}

static void cleanup(compare_t *c) {
    for (size_t i = 0; i < c->n_variants; i++) {
        variant_t *v = &c->v[i];
        if (v->results)
            for (size_t r = 0; r < c->n_reps; r++) flow_result_free(&v->results[r]);
        free(v->results);
        if (v->built) scn_free(&v->s);
    }
    for (size_t i = 0; i < c->n_reforms; i++) reform_free(&c->reforms[i]);
}

int cmd_compare(int argc, char **argv) { return compare_main(argc, argv, NULL); }

int compare_main(int argc, char **argv, compare_headline_t *head) {
    compare_t *c = calloc(1, sizeof *c);
    if (!c) return CLI_FAILURE;
    int rc = CLI_USAGE;
    double *b = NULL, *x = NULL;
    kpi_row_t *rows = NULL;
    flow_group_t *groups = NULL;
    int parsed = parse(argc, argv, c);
    if (parsed > 0) rc = CLI_OK;
    if (parsed != 0 || (rc = setup(c)) != 0) goto out;
    char dir[1024], err[1024];
    output_dir(c, dir, sizeof dir);
    /* a folder that cannot be written is found before the simulation */
    if (out_dir_ready(dir, err, sizeof err) != 0) {
        fprintf(stderr, "govsim compare: %s\n", err);
        rc = CLI_USAGE;
        goto out;
    }
    rc = CLI_FAILURE;
    c->n_reps = (size_t)c->v[0].s.replications;
    for (size_t i = 0; i < c->n_variants; i++)
        if (!(c->v[i].results = calloc(c->n_reps, sizeof(flow_result_t)))) goto out;
    b = calloc(c->n_reps, sizeof *b);
    x = calloc(c->n_reps, sizeof *x);
    size_t n_groups = flow_groups(&c->v[0].s, NULL, 0);
    groups = malloc(n_groups * sizeof *groups);
    rows = malloc(n_groups * FLOW_K_COUNT * sizeof *rows);
    if (!b || !x || !groups || !rows) goto out;
    flow_groups(&c->v[0].s, groups, n_groups);
    out_progress_t prog;
    runner_config_t cfg = {c->n_variants, c->n_reps, c->threads,
                           cli_progress_as(&prog, c->quiet, c->progress, "compare")};
    runner_status_t st = runner_run(&cfg, task, c, NULL);
    if (st.interrupted || st.done != c->n_variants * c->n_reps) {
        fprintf(stderr, "govsim compare: %s; nothing written\n",
                st.interrupted ? "interrupted" : "a replication ran out of memory");
        goto out;
    }
    /* variants may differ in departments (a reform cannot add any), so the
     * group rows of the baseline serve every variant */
    size_t n_rows = kpi_build_rows(&c->v[0].s, groups, n_groups, rows);
    /* this run's files only: a chart not drawn now (regions) must not be
     * left from an earlier run, to be embedded in this report */
    if (out_dir_ready(dir, err, sizeof err) != 0 ||
        out_dir_clear(dir, OWN_FILES, sizeof OWN_FILES / sizeof *OWN_FILES, err, sizeof err) != 0 ||
        out_dir_clear_charts(dir, OWN_CHARTS, sizeof OWN_CHARTS / sizeof *OWN_CHARTS, err,
                             sizeof err) != 0 ||
        write_differences(c, dir, b, x, err, sizeof err) != 0 ||
        write_summaries(c, dir, rows, n_rows, x, err, sizeof err) != 0 ||
        write_json(c, dir, b, x, err, sizeof err) != 0 ||
        compare_bottleneck(c, dir, err, sizeof err) != 0 ||
        compare_plots(c, dir, err, sizeof err) != 0 ||
        compare_report(c, dir, &st, err, sizeof err) != 0) {
        fprintf(stderr, "govsim compare: %s\n", err);
        goto out;
    }
    if (head) compare_headline(c, head);
    if (c->quiet) {
        print_paths(dir);
        rc = CLI_OK;
        goto out;
    }
    if (print_tables(c, &st) != 0) goto out;
    printf("\nReport: %s/report.html\n"
           "Files:  differences.csv, summary.csv, replications.csv, summary.json, hourly.csv, "
           "bottleneck.csv, and the charts (.png, .svg, .dat, .gp) in %s/\n",
           dir, dir);
    rc = CLI_OK;
out:
    free(b);
    free(x);
    free(rows);
    free(groups);
    cleanup(c);
    free(c);
    return rc;
}
