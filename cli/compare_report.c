/* report.html of a comparison (compare.h): one self-contained page a
 * planner can e-mail.  Every string from a scenario or reform file goes
 * through the escaping writers of output/out_html.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "compare.h"
#include "errmsg.h"
#include "out_file.h"
#include "out_html.h"

static void headline_table(FILE *fp, const compare_t *c, const compare_row_t *rows) {
    const char *header[COMPARE_N_HEADLINE + 2] = {"variant"};
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) header[h + 1] = COMPARE_HEADLINE_TITLE[h];
    out_html_table_begin(fp, header, COMPARE_N_HEADLINE + 2);
    /* the baseline's own values first, so changes can be read as shares */
    char base[COMPARE_N_HEADLINE + 1][48];
    const char *cells[COMPARE_N_HEADLINE + 2] = {"baseline (its values)"};
    double *x = malloc(c->n_reps * sizeof *x);
    if (!x) return;
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
        if (h < COMPARE_N_HEADLINE) compare_values(c, &c->v[0], 0, COMPARE_HEADLINE[h], x);
        else compare_cost_values(c, &c->v[0], x);
        stats_ci_t ci = stats_ci(x, c->n_reps, 0.95);
        double scale = h == COMPARE_N_HEADLINE ? 1e-6 : 1;
        snprintf(base[h], sizeof base[h], "%.*f", COMPARE_DECIMALS[h], ci.mean * scale);
        cells[h + 1] = base[h];
    }
    free(x);
    out_html_table_row(fp, cells, COMPARE_N_HEADLINE + 2);
    char t[COMPARE_N_HEADLINE + 1][48];
    for (size_t i = 1; i < c->n_variants; i++) {
        cells[0] = c->v[i].label;
        for (size_t h = 0; h < COMPARE_N_HEADLINE; h++) {
            compare_cell(t[h], sizeof t[h], &rows[i].headline[h], COMPARE_DECIMALS[h]);
            cells[h + 1] = t[h];
        }
        compare_cell(t[COMPARE_N_HEADLINE], sizeof t[0], &rows[i].cost,
                     COMPARE_DECIMALS[COMPARE_N_HEADLINE]);
        cells[COMPARE_N_HEADLINE + 1] = t[COMPARE_N_HEADLINE];
        out_html_table_row(fp, cells, COMPARE_N_HEADLINE + 2);
    }
    out_html_table_end(fp);
}

static void cost_table(FILE *fp, const compare_t *c, const compare_row_t *rows,
                       const size_t *order) {
    static const char *const header[] = {"rank",
                                         "variant",
                                         "cycle time change (wd)",
                                         "hours saved per year",
                                         "trips avoided per year",
                                         "yuan per hour saved",
                                         "yuan per trip avoided",
                                         "one-off cost (M yuan)",
                                         "note"};
    enum { N = sizeof header / sizeof *header };
    out_html_table_begin(fp, header, N);
    for (size_t k = 0; k + 1 < c->n_variants; k++) {
        const compare_row_t *r = &rows[order[k]];
        const variant_t *v = &c->v[order[k]];
        /* numbers in small cells; the label and the note whole (a label
         * is up to sizeof v->label bytes, and users read it) */
        char cell[N][48], note[sizeof v->label + 32];
        snprintf(cell[0], sizeof cell[0], "%zu", r->rank);
        snprintf(cell[2], sizeof cell[2], "%+.3f", r->cycle_change);
        snprintf(cell[3], sizeof cell[3], "%.0f", r->hours_saved);
        snprintf(cell[4], sizeof cell[4], "%.0f", r->trips_avoided);
        if (isnan(r->yuan_per_hour)) snprintf(cell[5], sizeof cell[5], "no hours saved");
        else snprintf(cell[5], sizeof cell[5], "%.1f", r->yuan_per_hour);
        if (isnan(r->yuan_per_trip)) snprintf(cell[6], sizeof cell[6], "no trips avoided");
        else snprintf(cell[6], sizeof cell[6], "%.1f", r->yuan_per_trip);
        snprintf(cell[7], sizeof cell[7], "%.2f", v->one_off / 1e6);
        if (r->tied_with_above)
            snprintf(note, sizeof note, "not distinguishable from %s", c->v[order[k - 1]].label);
        else note[0] = '\0';
        const char *cells[N];
        for (size_t i = 0; i < N; i++) cells[i] = cell[i];
        cells[1] = v->label;
        cells[8] = note;
        out_html_table_row(fp, cells, N);
    }
    out_html_table_end(fp);
}

/* The reforms of the folder not run here, each with its reason. */
static void skipped_note(FILE *fp, const compare_t *c) {
    if (c->n_skipped == 0) return;
    out_html_paragraph(fp, "Skipped: these reforms do not apply to this scenario and were not "
                           "run (no variant includes them).");
    out_html_raw(fp, "<ul>\n");
    for (size_t i = 0; i < c->n_skipped; i++) {
        const compare_skip_t *k = &c->skipped[i];
        char where[REFORM_PATH_MAX + 32];
        if (k->line) snprintf(where, sizeof where, " (%s:%d): ", k->file, k->line);
        else snprintf(where, sizeof where, " (%s): ", k->file);
        out_html_raw(fp, "<li><b>");
        out_html_text(fp, k->reform);
        out_html_raw(fp, "</b>");
        out_html_text(fp, where);
        out_html_text(fp, k->reason);
        out_html_raw(fp, "</li>\n");
    }
    out_html_raw(fp, "</ul>\n");
}

typedef struct figure {
    const char *name, *caption;
} figure_t;

static const figure_t FIGURES[] = {
    {"changes", "Change of each headline KPI against the baseline, per variant, with paired "
                "95% confidence intervals (green: better, red: worse, grey: cannot be told "
                "from zero)."},
    {"cost_benefit", "Cost against benefit: the change in government cost per year (reforms' "
                     "own cost included) and the citizens' hours saved per year, with 95% "
                     "confidence intervals."},
    {"cdf", "Distribution of cycle time (working days): the share of cases finished within "
            "x, per variant (quantiles averaged over replications)."},
    {"trips", "Trips to government offices per case: the mean with its 95% confidence "
              "interval, and the share of cases by number of trips."},
    {"utilization", "Utilization of windows and officers by department and variant (share of "
                    "opening hours busy; blank: the department has no windows)."},
    {"regions", "Regions compared: the baseline, the single reform that shortens cycle time "
                "most, and all reforms together, with 95% confidence intervals."},
    {"day_in_hall", "A day in the hall (baseline): citizens waiting in each department's "
                    "window line by hour of the day, with 95% confidence bands; hourly.csv "
                    "has every variant."},
};

static int figures(FILE *fp, const char *dir, char *err, size_t errlen) {
    for (size_t i = 0; i < sizeof FIGURES / sizeof *FIGURES; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.png", dir, FIGURES[i].name);
        FILE *probe = fopen(path, "rb");
        if (!probe) continue; /* a chart not drawn for this scenario (regions) */
        fclose(probe);
        if (out_html_figure_png(fp, path, FIGURES[i].caption, FIGURES[i].caption, err, errlen) != 0)
            return -1;
        fputs("<p class=\"note\">Also as ", fp);
        out_html_text(fp, FIGURES[i].name);
        fputs(".svg, with its data (", fp);
        out_html_text(fp, FIGURES[i].name);
        fputs(".dat) and gnuplot script (", fp);
        out_html_text(fp, FIGURES[i].name);
        fputs(".gp) beside this report.</p>\n", fp);
    }
    return 0;
}

static void scenario_inputs(FILE *fp, const scn_t *s) {
    static const char *const dh[] = {
        "department", "region", "officers", "windows", "skill (work-time multiplier)",
        "error rate"};
    out_html_table_begin(fp, dh, 6);
    for (size_t d = 0; d < s->n_departments; d++) {
        const scn_department_t *x = &s->departments[d];
        char st[16], w[16], sk[32], er[32];
        snprintf(st, sizeof st, "%d", x->staff);
        snprintf(w, sizeof w, "%d", x->windows);
        snprintf(sk, sizeof sk, "%.2f", x->skill);
        snprintf(er, sizeof er, "%.3f", x->error_rate);
        const char *cells[] = {x->name, s->regions[x->region].name, st, w, sk, er};
        out_html_table_row(fp, cells, 6);
    }
    out_html_table_end(fp);
    static const char *const sh[] = {"service", "cases per working day", "online share",
                                     "statutory limit (working days)", "steps"};
    out_html_table_begin(fp, sh, 5);
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *x = &s->services[i];
        char dem[32], on[32], lim[32], st[16];
        snprintf(dem, sizeof dem, "%.4g", x->per_day);
        snprintf(on, sizeof on, "%.2f", x->online_share);
        snprintf(lim, sizeof lim, "%.4g", x->limit_days);
        snprintf(st, sizeof st, "%zu", x->n_steps);
        const char *cells[] = {x->name, dem, on, lim, st};
        out_html_table_row(fp, cells, 5);
    }
    out_html_table_end(fp);
}

static void reforms_section(FILE *fp, const compare_t *c) {
    for (size_t i = 0; i < c->n_reforms; i++) {
        const reform_t *r = &c->reforms[i];
        char title[600];
        snprintf(title, sizeof title, "%s (%s)", r->name, r->id);
        out_html_heading(fp, 3, NULL, title);
        out_html_paragraph(fp, r->description);
        char facts[1400];
        snprintf(facts, sizeof facts,
                 "Seed proposal: %s. Cost: %.2f million yuan per year, %.2f million one-off.",
                 r->proposal, r->cost_per_year / 1e6, r->one_off_cost / 1e6);
        out_html_paragraph(fp, facts);
        char why[16];
        char *text = out_file_read(r->path, NULL, why, sizeof why);
        char summary[sizeof r->path + 64];
        snprintf(summary, sizeof summary, "The reform file, %s, with its assumptions", r->path);
        out_html_details_pre(fp, summary, text ? text : "(the file could not be read)");
        free(text);
    }
}

static void method(FILE *fp, const compare_t *c) {
    const scn_t *s = &c->v[0].s;
    char text[2000];
    snprintf(text, sizeof text,
             "Each variant is the baseline scenario with one or more reforms applied as "
             "patches. Every variant is simulated %zu times (replications), each over %d "
             "calendar days after a warm-up of %d days that is not measured. Replication r of "
             "every variant uses the same random numbers for the same purposes (arrivals, work "
             "times, outcomes): common random numbers. A difference is therefore computed "
             "replication by replication (paired), and its 95%% confidence interval, from "
             "Student's t over the %zu paired differences, reflects the reform rather than "
             "luck. A change marked * has an interval that excludes zero: the simulation "
             "shows a real change, under the model's assumptions. A change marked (exact) is "
             "the same in every replication. Variants are ranked by the reduction in mean "
             "cycle time; two neighbours whose paired interval contains zero cannot be told "
             "apart.",
             c->n_reps, s->days, s->warmup_days, c->n_reps);
    out_html_paragraph(fp, text);
    out_html_paragraph(fp, "Cost-effectiveness divides the change in government cost per year "
                           "(staff, windows, platform, data hub, and each reform's own cost per "
                           "year) by the citizens' hours saved or trips avoided per year (the "
                           "change per case times the baseline's cases per year). One-off costs "
                           "are listed separately, not spread over years.");
    out_html_paragraph(fp, "The numbers are what the model says given its inputs, and no more: "
                           "the scenario's parameters rest on the published facts cited in its "
                           "file, or on assumptions marked as such. Read the differences, not the "
                           "absolute levels, and check the assumptions below before quoting them.");
}

static void parameters(FILE *fp, const compare_t *c, const runner_status_t *st) {
    const scn_t *s = &c->v[0].s;
    char seed[32], reps[32], days[32], warm[32], secs[32], when[64];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)s->seed);
    snprintf(reps, sizeof reps, "%zu", c->n_reps);
    snprintf(days, sizeof days, "%d", s->days);
    snprintf(warm, sizeof warm, "%d", s->warmup_days);
    snprintf(secs, sizeof secs, "%.1f", st->seconds);
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    else snprintf(when, sizeof when, "unknown");
    static const char *const header[] = {"parameter", "value"};
    out_html_table_begin(fp, header, 2);
    const char *rows[][2] = {{"scenario file", c->scenario},
                             {"scenario id", s->id},
                             {"seed", seed},
                             {"replications per variant", reps},
                             {"simulated days (after warm-up)", days},
                             {"warm-up days", warm},
                             {"run time (seconds)", secs},
                             {"govsim version", GOVSIM_VERSION},
                             {"run at", when}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) out_html_table_row(fp, rows[i], 2);
    out_html_table_end(fp);
    /* sized for the whole path: a cut command would not reproduce */
    size_t len = strlen(c->scenario) + 96;
    char *cmd = malloc(len);
    if (!cmd) return;
    snprintf(cmd, len, "To reproduce: govsim compare %s -r %zu --seed %llu", c->scenario, c->n_reps,
             (unsigned long long)s->seed);
    out_html_paragraph(fp, cmd);
    free(cmd);
}

int compare_report(const compare_t *c, const char *dir, const runner_status_t *st, char *err,
                   size_t errlen) {
    compare_row_t rows[MAX_VARIANTS];
    size_t order[MAX_VARIANTS];
    bool ok;
    double crn = compare_summarize(c, rows, order, &ok);
    if (!ok) {
        errmsg_format(err, errlen, "report.html: out of memory");
        return -1;
    }
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "report.html", err, errlen);
    if (!fp) return -1;
    const scn_t *s = &c->v[0].s;
    char title[400];
    snprintf(title, sizeof title, "%s: what the reforms buy", s->name);
    out_html_begin(fp, title);
    out_html_heading(fp, 1, NULL, title);
    out_html_paragraph(fp, s->description);
    out_html_heading(fp, 2, "headline", "Headline: change against the baseline");
    char intro[600];
    snprintf(intro, sizeof intro,
             "Each cell: the mean change over %zu paired replications, ± the half-width of "
             "its 95%% confidence interval; * marks a change whose interval excludes zero. "
             "Cycle time and window wait: lower is better; one-trip and within-limit shares "
             "(0 to 1): higher is better.",
             c->n_reps);
    out_html_paragraph(fp, intro);
    compare_report_flags(fp, c);
    headline_table(fp, c, rows);
    skipped_note(fp, c);
    out_html_heading(fp, 2, "cost", "Ranking and cost-effectiveness");
    cost_table(fp, c, rows, order);
    if (!isnan(crn)) {
        char t[300];
        snprintf(t, sizeof t,
                 "Common random numbers made the intervals for cycle time %.1f times narrower "
                 "on average than independent runs would have.",
                 crn);
        out_html_paragraph(fp, t);
    }
    out_html_heading(fp, 2, "bottleneck", "Where the bottleneck is");
    compare_bottleneck_html(fp, c);
    out_html_heading(fp, 2, "charts", "Charts");
    if (figures(fp, dir, err, errlen) != 0) {
        out_file_abort(&f);
        return -1;
    }
    out_html_heading(fp, 2, "reforms", "The reforms");
    reforms_section(fp, c);
    out_html_heading(fp, 2, "method", "Method");
    method(fp, c);
    out_html_heading(fp, 2, "scenario", "The scenario's inputs and assumptions");
    scenario_inputs(fp, s);
    char why[16];
    char *text = out_file_read(c->scenario, NULL, why, sizeof why);
    size_t len = strlen(c->scenario) + 96;
    char *summary = malloc(len);
    if (summary)
        snprintf(summary, len,
                 "The scenario file, %s, each parameter with the fact or assumption it rests on",
                 c->scenario);
    out_html_details_pre(fp, summary ? summary : "The scenario file",
                         text ? text : "(the file could not be read)");
    free(summary);
    free(text);
    out_html_heading(fp, 2, "run", "This run");
    parameters(fp, c, st);
    out_html_end(fp);
    return out_file_commit(&f, err, errlen);
}
