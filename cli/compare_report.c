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
#include "text_human.h"

static void headline_table(FILE *fp, const compare_t *c, const compare_row_t *rows) {
    const char *header[COMPARE_N_HEADLINE + 2] = {_("variant")};
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) header[h + 1] = _(COMPARE_HEADLINE_TITLE[h]);
    out_html_table_begin(fp, header, COMPARE_N_HEADLINE + 2);
    /* the baseline's own values first, so changes can be read as shares */
    char base[COMPARE_N_HEADLINE + 1][48];
    const char *cells[COMPARE_N_HEADLINE + 2] = {_("baseline (its values)")};
    double *x = malloc(c->n_reps * sizeof *x);
    if (!x) return;
    for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
        if (h < COMPARE_N_HEADLINE) compare_values(c, &c->v[0], 0, COMPARE_HEADLINE[h], x);
        else compare_cost_values(c, &c->v[0], x);
        stats_ci_t ci = stats_ci(x, c->n_reps, 0.95);
        text_thousands(base[h], sizeof base[h], ci.mean * COMPARE_SCALE[h], COMPARE_DECIMALS[h]);
        if (COMPARE_SCALE[h] == 100) strncat(base[h], "%", sizeof base[h] - strlen(base[h]) - 1);
        cells[h + 1] = base[h];
    }
    free(x);
    out_html_table_row(fp, cells, COMPARE_N_HEADLINE + 2);
    char t[COMPARE_N_HEADLINE + 1][64];
    for (size_t i = 1; i < c->n_variants; i++) {
        cells[0] = c->v[i].name;
        for (size_t h = 0; h <= COMPARE_N_HEADLINE; h++) {
            compare_headline_cell(t[h], sizeof t[h], &rows[i], h);
            cells[h + 1] = t[h];
        }
        out_html_table_row(fp, cells, COMPARE_N_HEADLINE + 2);
    }
    out_html_table_end(fp);
}

static void cost_table(FILE *fp, const compare_t *c, const compare_row_t *rows,
                       const size_t *order) {
    const char *const header[] = {_("rank"),
                                  _("variant"),
                                  _("cycle time change (working days)"),
                                  _("citizens' hours saved per year"),
                                  _("trips avoided per year"),
                                  _("yuan per hour saved"),
                                  _("yuan per trip avoided"),
                                  _("one-off cost (million yuan)"),
                                  _("note")};
    enum { N = 9 };
    out_html_table_begin(fp, header, N);
    for (size_t k = 0; k + 1 < c->n_variants; k++) {
        const compare_row_t *r = &rows[order[k]];
        const variant_t *v = &c->v[order[k]];
        /* numbers in small cells; the label and the note whole (a label
         * is up to sizeof v->label bytes, and users read it) */
        char cell[N][48], note[sizeof v->name + 64];
        snprintf(cell[0], sizeof cell[0], "%zu", r->rank);
        snprintf(cell[2], sizeof cell[2], "%+.3f", r->cycle_change);
        text_thousands(cell[3], sizeof cell[3], r->hours_saved, 0);
        text_thousands(cell[4], sizeof cell[4], r->trips_avoided, 0);
        if (isnan(r->yuan_per_hour)) snprintf(cell[5], sizeof cell[5], "%s", _("no sure saving"));
        else text_thousands(cell[5], sizeof cell[5], r->yuan_per_hour, 1);
        if (isnan(r->yuan_per_trip)) snprintf(cell[6], sizeof cell[6], "%s", _("no sure saving"));
        else text_thousands(cell[6], sizeof cell[6], r->yuan_per_trip, 1);
        text_thousands(cell[7], sizeof cell[7], v->one_off / 1e6, 2);
        if (r->tied_with_above)
            snprintf(note, sizeof note, _("not distinguishable from %s"), c->v[order[k - 1]].name);
        else note[0] = '\0';
        const char *cells[N];
        for (size_t i = 0; i < N; i++) cells[i] = cell[i];
        cells[1] = v->name;
        cells[8] = note;
        out_html_table_row(fp, cells, N);
    }
    out_html_table_end(fp);
}

/* The reforms of the folder not run here, each with its reason. */
static void skipped_note(FILE *fp, const compare_t *c) {
    if (c->n_skipped == 0) return;
    out_html_paragraph(fp, _("Skipped: these reforms do not apply to this scenario, or it "
                             "already has them, and were not run (no variant includes them, "
                             "nor their costs)."));
    out_html_raw(fp, "<ul>\n");
    for (size_t i = 0; i < c->n_skipped; i++) {
        const compare_skip_t *k = &c->skipped[i];
        char where[REFORM_PATH_MAX + 32];
        if (k->line) snprintf(where, sizeof where, " (%s:%d): ", k->file, k->line);
        else snprintf(where, sizeof where, " (%s): ", k->file);
        out_html_raw(fp, "<li><b>");
        out_html_text(fp, k->name[0] ? k->name : k->reform);
        out_html_raw(fp, "</b>");
        char why[COMPARE_REASON_MAX + 64];
        compare_skip_people(k, why, sizeof why);
        out_html_text(fp, where);
        out_html_text(fp, why);
        out_html_raw(fp, "</li>\n");
    }
    out_html_raw(fp, "</ul>\n");
}

typedef struct figure {
    const char *name, *caption;
} figure_t;

static const figure_t FIGURES[] = {
    /* xgettext:no-c-format */
    {"changes", N_("Change of each headline KPI against the baseline, per variant, with paired "
                   "95% confidence intervals (green: better, red: worse, grey: cannot be told "
                   "from zero).")},
    /* xgettext:no-c-format */
    {"cost_benefit", N_("Cost against benefit: the change in government cost per year (reforms' "
                        "own cost included) and the citizens' hours saved per year, with 95% "
                        "confidence intervals. Each reform keeps its colour and marker in every "
                        "chart.")},
    {"cdf", N_("Distribution of cycle time (working days): the share of cases finished within "
               "x, per variant (quantiles averaged over replications).")},
    /* xgettext:no-c-format */
    {"trips", N_("Trips to government offices per case: the mean with its 95% confidence "
                 "interval, and the share of cases by number of trips.")},
    {"utilization", N_("Utilization of windows and officers by department and variant (share of "
                       "opening hours busy; blank: the department has no windows).")},
    {"utilization_cities",
     N_("Utilization of each kind of department, city by city: windows and officers, for the "
        "baseline and all reforms together (share of opening hours busy; blank: none there).")},
    /* xgettext:no-c-format */
    {"regions", N_("Regions compared: the baseline, the single reform that shortens cycle time "
                   "most, and all reforms together, with 95% confidence intervals.")},
    /* xgettext:no-c-format */
    {"day_in_hall", N_("A day in the hall (baseline): citizens waiting in each department's "
                       "window line by hour of the day, with 95% confidence bands; hourly.csv "
                       "has every variant.")},
};

static int figures(FILE *fp, const char *dir, char *err, size_t errlen) {
    for (size_t i = 0; i < sizeof FIGURES / sizeof *FIGURES; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.png", dir, FIGURES[i].name);
        FILE *probe = fopen(path, "rb");
        if (!probe) continue; /* a chart not drawn for this scenario (regions) */
        fclose(probe);
        const char *caption = _(FIGURES[i].caption);
        if (out_html_figure_png(fp, path, caption, caption, err, errlen) != 0) return -1;
        char also[400];
        snprintf(also, sizeof also,
                 _("Also as %s.svg, with its data (%s.dat) and gnuplot script (%s.gp) beside "
                   "this report."),
                 FIGURES[i].name, FIGURES[i].name, FIGURES[i].name);
        fputs("<p class=\"note\">", fp);
        out_html_text(fp, also);
        fputs("</p>\n", fp);
    }
    return 0;
}

static void scenario_inputs(FILE *fp, const scn_t *s) {
    const char *const dh[] = {_("department"),
                              _("region"),
                              _("officers"),
                              _("windows"),
                              _("skill (work-time multiplier)"),
                              _("error rate (%)")};
    out_html_table_begin_aligned(fp, dh, 6, "llrrrr");
    for (size_t d = 0; d < s->n_departments; d++) {
        const scn_department_t *x = &s->departments[d];
        char st[16], w[16], sk[32], er[32];
        snprintf(st, sizeof st, "%d", x->staff);
        snprintf(w, sizeof w, "%d", x->windows);
        snprintf(sk, sizeof sk, "%.2f", x->skill);
        text_thousands(er, sizeof er, 100 * x->error_rate, 1);
        const char *cells[] = {x->name, s->regions[x->region].name, st, w, sk, er};
        out_html_table_row_aligned(fp, cells, 6, "llrrrr");
    }
    out_html_table_end(fp);
    const char *const sh[] = {_("service"), _("cases per working day"), _("started online (%)"),
                              _("statutory limit (working days)"), _("steps")};
    out_html_table_begin(fp, sh, 5);
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *x = &s->services[i];
        char dem[32], on[32], lim[32], st[16];
        text_thousands(dem, sizeof dem, x->per_day, x->per_day < 10 ? 2 : 1);
        text_thousands(on, sizeof on, 100 * x->online_share, 0);
        text_thousands(lim, sizeof lim, x->limit_days,
                       x->limit_days == floor(x->limit_days) ? 0 : 1);
        snprintf(st, sizeof st, "%zu", x->n_steps);
        const char *cells[] = {x->name, dem, on, lim, st};
        out_html_table_row(fp, cells, 5);
    }
    out_html_table_end(fp);
}

static void reforms_section(FILE *fp, const compare_t *c) {
    for (size_t i = 0; i < c->n_reforms; i++) {
        const reform_t *r = &c->reforms[i];
        out_html_heading(fp, 3, NULL, r->name);
        out_html_paragraph(fp, r->description);
        char facts[1400], per_year[64], one_off[64];
        text_money(per_year, sizeof per_year, r->cost_per_year, _("yuan"), _("million"));
        text_money(one_off, sizeof one_off, r->one_off_cost, _("yuan"), _("million"));
        snprintf(facts, sizeof facts, _("Proposed in: %s. Cost: %s per year, %s one-off."),
                 r->proposal, per_year, one_off);
        out_html_paragraph(fp, facts);
        char why[16];
        char *text = out_file_read(r->path, NULL, why, sizeof why);
        char summary[sizeof r->path + 128];
        snprintf(summary, sizeof summary, _("The reform file, %s, with its assumptions"), r->path);
        out_html_details_pre(fp, summary, text ? text : _("(the file could not be read)"));
        free(text);
    }
}

static void method(FILE *fp, const compare_t *c) {
    const scn_t *s = &c->v[0].s;
    char text[2000];
    snprintf(text, sizeof text,
             _("Each variant is the baseline scenario with one or more reforms applied as "
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
               "apart."),
             c->n_reps, s->days, s->warmup_days, c->n_reps);
    out_html_paragraph(fp, text);
    snprintf(text, sizeof text,
             _("Cost-effectiveness divides the yearly cost, that is the change in government cost "
               "per year (staff, windows, platform, data hub, and each reform's own cost per year) "
               "plus the one-off cost spread over %.0f years at %.0f%% (an annuity), by the "
               "citizens' hours saved or trips avoided per year (the change per case times the "
               "baseline's cases per year). It is shown only where the saving's 95%% interval "
               "excludes zero (\"no sure saving\" otherwise)."),
             COMPARE_LIFE_YEARS, COMPARE_DISCOUNT_RATE * 100);
    out_html_paragraph(fp, text);
    out_html_paragraph(fp,
                       _("The numbers are what the model says given its inputs, and no more: "
                         "the scenario's parameters rest on the published facts cited in its "
                         "file, or on assumptions marked as such. Read the differences, not the "
                         "absolute levels, and check the assumptions below before quoting them."));
}

/* The words of this report a reader may not know, each in one sentence. */
static const char *const GLOSSARY[][2] = {
    {N_("working day"), N_("a day the offices are open (Monday to Friday here, holidays excepted); "
                           "cycle times and statutory limits count working days, as the "
                           "regulations do.")},
    {N_("trip"), N_("one visit of a citizen to a government office: to hand in papers, to fetch "
                    "a document another department holds, or to come back when the materials "
                    "were incomplete. \"One-trip share\": the cases finished with at most one "
                    "visit.")},
    {N_("cycle time"), N_("from the day a case is started to the day it is finished, in working "
                          "days.")},
    {N_("within limit"), N_("the share of cases finished within the service's statutory time "
                            "limit.")},
    {N_("replication"), N_("one independent simulated run of the whole period; the report averages "
                           "several.")},
    {N_("common random numbers"), N_("every variant is simulated with the same citizens, the "
                                     "same arrivals and the same chance events, so a difference "
                                     "between two variants comes from the reform, not from "
                                     "luck.")},
    /* xgettext:no-c-format */
    {N_("paired 95% confidence interval"),
     /* xgettext:no-c-format */
     N_("the range that holds the true change with 95% "
        "confidence, computed from the differences "
        "replication by replication; \"±0.05\" is its "
        "half-width, * marks one that excludes zero.")},
    {N_("12345 hotline"),
     N_("the citizens' government hotline: calls answered (the standard is within 15 seconds), "
        "appeals sent to the departments with 5 or 15 working days to resolve them, a callback "
        "and the citizen's rating; appeals take the same officers' time as the cases.")},
    {N_("percentage points (pp)"),
     /* xgettext:no-c-format */
     N_("the difference between two percentages: from 20% to 35% "
        "is +15 pp.")},
};

static void glossary(FILE *fp) {
    out_html_raw(fp, "<dl>\n");
    for (size_t i = 0; i < sizeof GLOSSARY / sizeof *GLOSSARY; i++) {
        out_html_raw(fp, "<dt><b>");
        out_html_text(fp, _(GLOSSARY[i][0]));
        out_html_raw(fp, "</b></dt><dd>");
        out_html_text(fp, _(GLOSSARY[i][1]));
        out_html_raw(fp, "</dd>\n");
    }
    out_html_raw(fp, "</dl>\n");
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
    const char *const header[] = {_("parameter"), _("value")};
    out_html_table_begin_aligned(fp, header, 2, "ll");
    const char *rows[][2] = {{_("scenario file"), c->scenario},
                             {_("scenario id"), s->id},
                             {_("random seed"), seed},
                             {_("replications per variant"), reps},
                             {_("simulated days (after warm-up)"), days},
                             {_("warm-up days"), warm},
                             {_("run time (seconds)"), secs},
                             {_("govsim version"), GOVSIM_VERSION},
                             {_("run at"), when}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        out_html_table_row_aligned(fp, rows[i], 2, "ll");
    out_html_table_end(fp);
    /* sized for the whole path: a cut command would not reproduce */
    size_t len = strlen(c->scenario) + 160;
    char *cmd = malloc(len);
    if (!cmd) return;
    snprintf(cmd, len, _("To reproduce: govsim compare %s -r %zu --seed %llu"), c->scenario,
             c->n_reps, (unsigned long long)s->seed);
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
    snprintf(title, sizeof title, _("%s: what the reforms buy"), s->name);
    out_html_begin(fp, title);
    out_html_heading(fp, 1, NULL, title);
    out_html_paragraph(fp, s->description);
    out_html_heading(fp, 2, "headline", _("Headline: change against the baseline"));
    char intro[1000];
    snprintf(intro, sizeof intro,
             _("Each cell: the mean change over %zu paired replications, ± the half-width of "
               "its 95%% confidence interval; * marks a change whose interval excludes zero. "
               "Cycle time and window wait: lower is better; one-trip and within-limit shares "
               "(percentages; their changes in percentage points, pp): higher is better. The "
               "glossary at the end explains the terms."),
             c->n_reps);
    out_html_paragraph(fp, intro);
    compare_report_flags(fp, c);
    headline_table(fp, c, rows);
    skipped_note(fp, c);
    out_html_heading(fp, 2, "cost", _("Ranking and cost-effectiveness"));
    cost_table(fp, c, rows, order);
    if (!isnan(crn)) {
        char t[300];
        snprintf(t, sizeof t,
                 _("Common random numbers made the intervals for cycle time %.1f times narrower "
                   "on average than independent runs would have."),
                 crn);
        out_html_paragraph(fp, t);
    }
    out_html_heading(fp, 2, "bottleneck", _("Where the bottleneck is"));
    compare_bottleneck_html(fp, c);
    out_html_heading(fp, 2, "charts", _("Charts"));
    if (figures(fp, dir, err, errlen) != 0) {
        out_file_abort(&f);
        return -1;
    }
    out_html_heading(fp, 2, "reforms", _("The reforms"));
    reforms_section(fp, c);
    out_html_heading(fp, 2, "method", _("Method"));
    method(fp, c);
    out_html_heading(fp, 2, "glossary", _("Glossary"));
    glossary(fp);
    out_html_heading(fp, 2, "scenario", _("The scenario's inputs and assumptions"));
    scenario_inputs(fp, s);
    char why[16];
    char *text = out_file_read(c->scenario, NULL, why, sizeof why);
    size_t len = strlen(c->scenario) + 256;
    char *summary = malloc(len);
    if (summary)
        snprintf(summary, len,
                 _("The scenario file, %s, each parameter with the fact or assumption it rests on"),
                 c->scenario);
    out_html_details_pre(fp, summary ? summary : _("The scenario file"),
                         text ? text : _("(the file could not be read)"));
    free(summary);
    free(text);
    out_html_heading(fp, 2, "run", _("This run"));
    parameters(fp, c, st);
    out_html_end(fp);
    return out_file_commit(&f, err, errlen);
}
