/*
 * govsim plan PLAN.cfg [-j N] [-o DIR] [--seed S] [--quiet] [--progress MODE]
 *
 * Progress as run, compare and sweep give it (--progress bar|lines|none;
 * by default a bar on a terminal, else a log line every 10%); --quiet
 * prints only errors and the paths of the files written.
 * Which reforms, starting when, buy the most within a budget over a plan
 * period, chosen with a probability guarantee (docs/plan.md).  The plan
 * file (models/plan.h) is read and checked, the portfolios enumerated and
 * costed (study/plan_eval.h) before anything is simulated: a bad plan is
 * one line "PLAN:LINE: setting: what is wrong", exit 2, nothing written.
 * Then every portfolio in budget is simulated year by year on common
 * random numbers and KN picks the best (study/rns.h).  More portfolios
 * than max_portfolios: said on stderr, searched, and KN picks among the
 * search's finalists (docs/plan.md, "Search").
 *
 * Files in DIR (default results/<plan id>-plan/): portfolios.csv (every
 * portfolio: reforms and start years, costs, objective with CI,
 * replications, status), years.csv (year by year: no reform, the chosen
 * and the runners-up), the charts cost_benefit.* and years.*, plan.html.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "lang.h"
#include "options.h"
#include "out_csv.h"
#include "out_dir.h"
#include "out_file.h"
#include "plan.h"
#include "plan_cost.h"
#include "plan_eval.h"
#include "plan_names.h"
#include "plan_report.h"
#include "text_human.h"

static const char *const OWN_FILES[] = {"portfolios.csv", "years.csv", "plan.html"};
static const char *const OWN_CHARTS[] = {"cost_benefit", "years"};

typedef struct plan_cmd {
    const char *file, *out_dir;
    plan_eval_opts_t opts;
    bool quiet;
    int progress; /* --progress, or CLI_PROGRESS_AUTO */
} plan_cmd_t;

/* Returns 0, 1 after printing help, -1 after a usage error. */
static int parse(int argc, char **argv, plan_cmd_t *c) {
    cli_args_t a = {0};
    int rc = cli_args_parse(cli_command_find("plan"), argc, argv, &a);
    if (rc != 0) return rc;
    c->file = a.positional[0];
    c->out_dir = a.out_dir;
    c->opts.threads = a.threads;
    c->opts.seed = a.seed;
    c->opts.seed_set = a.given[CLI_OPT_SEED];
    c->quiet = a.given[CLI_OPT_QUIET];
    c->progress = a.progress;
    return 0;
}

/* One row of portfolios.csv. */
static void portfolio_row(FILE *fp, const plan_eval_t *ev, size_t i) {
    const plan_t *pl = ev->plan;
    const plan_portfolio_t *p = &ev->p[i];
    out_cell_t cell[12 + PLAN_MAX_REFORMS];
    size_t n = 0;
    cell[n++] = out_cell_str(p->label);
    for (size_t j = 0; j < pl->n_reforms; j++)
        cell[n++] = out_cell_num(p->start[j] ? p->start[j] : NAN);
    bool sim = p->status != PLAN_ST_OVER_BUDGET;
    cell[n++] = out_cell_num(p->one_off);
    cell[n++] = out_cell_num(p->recurring_max);
    cell[n++] = out_cell_num(p->npv_cost);
    cell[n++] = out_cell_num(sim ? p->objective.mean : NAN);
    cell[n++] = out_cell_num(sim ? p->objective.lo : NAN);
    cell[n++] = out_cell_num(sim ? p->objective.hi : NAN);
    cell[n++] = out_cell_num((double)p->reps);
    cell[n++] = out_cell_num(sim && p->status != PLAN_ST_CONSTRAINT ? 1 : 0);
    cell[n++] = out_cell_str(plan_status_name(p->status));
    const char *stage = "";
    if (p->out_stage) stage = p->out_stage == (size_t)pl->n0 ? "screening" : "sequential";
    else if (p->status == PLAN_ST_CONSTRAINT) stage = "first_stage";
    else if (p->status == PLAN_ST_SEARCHED) stage = "search";
    cell[n++] = out_cell_str(stage);
    cell[n++] = out_cell_num(p->out_stage ? (double)p->out_stage : NAN);
    out_csv_row(fp, cell, n);
}

static int write_portfolios(const plan_eval_t *ev, const char *dir, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "portfolios.csv", err, errlen);
    if (!fp) return -1;
    char names[PLAN_MAX_REFORMS][REFORM_ID_MAX + 8];
    const char *head[12 + PLAN_MAX_REFORMS];
    size_t n = 0;
    head[n++] = "portfolio";
    for (size_t j = 0; j < pl->n_reforms; j++) {
        snprintf(names[j], sizeof names[j], "start_%s", pl->reforms[j].reform.id);
        head[n++] = names[j];
    }
    static const char *const tail[] = {"one_off_cost",   "cost_per_year",    "npv_cost",
                                       "objective_mean", "objective_ci_low", "objective_ci_high",
                                       "replications",   "feasible",         "status",
                                       "stage",          "eliminated_after"};
    for (size_t k = 0; k < sizeof tail / sizeof *tail; k++) head[n++] = tail[k];
    out_csv_header(fp, head, n);
    for (size_t i = 0; i < ev->n_portfolios; i++) portfolio_row(fp, ev, i);
    return out_file_commit(&f, err, errlen);
}

/* years.csv: no reform, the chosen and the runners-up, year by year. */
static int write_years(const plan_eval_t *ev, const char *dir, char *err, size_t errlen) {
    const plan_t *pl = ev->plan;
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "years.csv", err, errlen);
    if (!fp) return -1;
    const char *head[4 + PLAN_OBS_FIELDS + 3];
    size_t n = 0;
    head[n++] = "portfolio";
    head[n++] = "status";
    head[n++] = "year";
    for (int k = 0; k < PLAN_OBS_FIELDS; k++) head[n++] = plan_obs_name(k);
    head[n++] = "spending_above_baseline";
    head[n++] = "citizen_cost_saved";
    head[n++] = "replications";
    out_csv_header(fp, head, n);
    /* no reform first, then the chosen, then up to three runners-up */
    size_t show[8] = {0}, ru[4], n_show = 1;
    if (ev->chosen != 0) show[n_show++] = ev->chosen;
    size_t n_ru = plan_runners_up(ev, ru, 4);
    for (size_t k = 0; k < n_ru && n_show < 5; k++)
        if (ru[k] != 0) show[n_show++] = ru[k];
    for (size_t s = 0; s < n_show; s++) {
        const plan_portfolio_t *p = &ev->p[show[s]];
        for (int t = 1; t <= pl->horizon; t++) {
            out_cell_t cell[4 + PLAN_OBS_FIELDS + 3];
            size_t m = 0;
            cell[m++] = out_cell_str(p->label);
            cell[m++] = out_cell_str(plan_status_name(p->status));
            cell[m++] = out_cell_num(t);
            for (int k = 0; k < PLAN_OBS_FIELDS; k++)
                cell[m++] = out_cell_num(plan_eval_year_mean(ev, show[s], t, k));
            cell[m++] = out_cell_num(p->spend[t - 1]);
            cell[m++] = out_cell_num(plan_eval_year_mean(ev, 0, t, 7) -
                                     plan_eval_year_mean(ev, show[s], t, 7));
            cell[m++] = out_cell_num((double)p->reps);
            out_csv_row(fp, cell, m);
        }
    }
    return out_file_commit(&f, err, errlen);
}

/* A portfolio's status for people (portfolios.csv keeps the ids of
 * plan_status_name), translated. */
static const char *status_label(plan_status_t st) {
    static const char *const LABEL[] = {
        [PLAN_ST_CHOSEN] = N_("chosen"),
        [PLAN_ST_INDISTINGUISHABLE] = N_("not told apart"),
        [PLAN_ST_ELIMINATED] = N_("eliminated"),
        [PLAN_ST_CONSTRAINT] = N_("breaks a constraint"),
        [PLAN_ST_OVER_BUDGET] = N_("over budget"),
        [PLAN_ST_SEARCHED] = N_("searched, not a finalist"),
    };
    size_t i = (size_t)st;
    return i < sizeof LABEL / sizeof *LABEL && LABEL[i] ? _(LABEL[i]) : plan_status_name(st);
}

static void print_summary(const plan_eval_t *ev) {
    const plan_t *pl = ev->plan;
    const plan_portfolio_t *c = &ev->p[ev->chosen];
    printf(_("Plan %s: %s\n"), pl->id, pl->name);
    char delta[48];
    text_human_value(delta, sizeof delta, pl->delta, false);
    printf(_("  scenario %s, %d years, discount rate %g, objective %s (%s), delta %s, "
             "alpha %g\n"),
           pl->scenario, pl->horizon, pl->discount_rate, plan_objective_label(pl->objective),
           plan_objective_unit_label(pl->objective), delta, pl->alpha);
    printf(_("  portfolios: %zu, in budget %zu, meeting the constraints %zu\n"), ev->n_portfolios,
           ev->n_candidates, ev->n_feasible);
    double bcr;
    int payback;
    plan_benefit_cost(ev, ev->chosen, &bcr, &payback);
    char chosen[PLAN_NAME_MAX];
    plan_portfolio_name(pl, c, chosen, sizeof chosen);
    printf(_("\nChosen: %s\n"), chosen);
    char mean[48], lo[48], hi[48], one_off[48], per_year[48], npv[48];
    text_human_value(mean, sizeof mean, c->objective.mean, false);
    text_human_value(lo, sizeof lo, c->objective.lo, false);
    text_human_value(hi, sizeof hi, c->objective.hi, false);
    printf(_("  objective %s [%s, %s] (95%% CI, %zu replications)\n"), mean, lo, hi, c->reps);
    text_thousands(one_off, sizeof one_off, c->one_off, 0);
    text_thousands(per_year, sizeof per_year, c->recurring_max, 0);
    text_thousands(npv, sizeof npv, c->npv_cost, 0);
    printf(_("  one-off cost %s yuan, cost per year up to %s yuan, NPV cost %s yuan\n"), one_off,
           per_year, npv);
    if (!isnan(bcr)) {
        printf(_("  benefit-cost ratio %.2f, "), bcr);
        if (payback) printf(_("pays back in year %d\n"), payback);
        else printf(_("does not pay back within the plan\n"));
    }
    size_t ru[5];
    size_t n = plan_runners_up(ev, ru, 5);
    if (n) printf(_("\nRunners-up\n"));
    for (size_t k = 0; k < n; k++) {
        const plan_portfolio_t *p = &ev->p[ru[k]];
        plan_print_name_cell(pl, p, 2, 48);
        char value[48];
        text_human_value(value, sizeof value, p->objective.mean, false);
        printf(" %14s  %s", value, status_label(p->status));
        if (p->out_stage) printf(_(" after %zu replications"), p->out_stage);
        printf("\n");
    }
    printf(_("\nReplications (one = every year of a portfolio): first stage %zu (every "
             "portfolio in budget); selection among the %zu feasible: %zu by KN, %zu for equal "
             "allocation with the same guarantee; %zu runs of a plan year in %.0f s\n"),
           ev->first_total, ev->n_feasible, ev->kn_total, ev->naive_total, ev->runs, ev->seconds);
    if (ev->search)
        printf(_("Search: %.0f portfolios, too many to enumerate; %zu in budget simulated by "
                 "the search (%zu portfolio-replications); the guarantee covers the %zu "
                 "finalists only\n"),
               ev->n_possible, ev->n_searched, ev->search_total, ev->n_candidates);
    if (ev->capped)
        printf(_("! max_replications reached before KN finished: the guarantee does not hold; "
                 "the best mean so far is shown\n"));
}

/* Write every file.  Returns 0 or -1. */
static int write_all(const plan_eval_t *ev, const char *dir, char *err, size_t errlen) {
    if (out_dir_clear(dir, OWN_FILES, sizeof OWN_FILES / sizeof *OWN_FILES, err, errlen) != 0 ||
        out_dir_clear_charts(dir, OWN_CHARTS, sizeof OWN_CHARTS / sizeof *OWN_CHARTS, err,
                             errlen) != 0 ||
        write_portfolios(ev, dir, err, errlen) != 0 || write_years(ev, dir, err, errlen) != 0 ||
        plan_charts(ev, dir, err, errlen) != 0)
        return -1;
    return plan_report(ev, dir, err, errlen);
}

/* --quiet: every file written, one path a line (as run, compare and
 * sweep do; the charts: those in DIR now). */
static void print_paths(const char *dir) {
    cli_print_output_paths(dir, OWN_FILES, sizeof OWN_FILES / sizeof *OWN_FILES, OWN_CHARTS,
                           sizeof OWN_CHARTS / sizeof *OWN_CHARTS);
}

int cmd_plan(int argc, char **argv) {
    plan_cmd_t c = {0};
    int rc = parse(argc, argv, &c);
    if (rc != 0) return rc > 0 ? CLI_OK : CLI_USAGE;
    char err[2048] = "", dir[1200] = "";
    plan_t pl;
    if (plan_load(&pl, c.file, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return CLI_USAGE;
    }
    for (size_t j = 0; j < pl.n_reforms; j++) cli_lang_reform(&pl.reforms[j].reform);
    plan_eval_t ev;
    out_progress_t prog;
    c.opts.progress = cli_progress_as(&prog, c.quiet, c.progress, "plan");
    rc = plan_eval_setup(&ev, &pl, &c.opts, err, sizeof err);
    if (rc == 0 && ev.search)
        fprintf(stderr,
                _("govsim plan: %.0f portfolios, more than max_portfolios %d: too many to "
                  "enumerate; searching (greedy, at most %d portfolios, %d replications each), "
                  "then KN on the best %d: the guarantee covers those finalists only\n"),
                ev.n_possible, pl.max_portfolios, pl.max_portfolios, pl.search_reps, pl.finalists);
    if (rc == 0) {
        if (c.out_dir) snprintf(dir, sizeof dir, "%s", c.out_dir);
        else snprintf(dir, sizeof dir, "results/%s-plan", pl.id);
        bool existed = access(dir, F_OK) == 0;
        if (out_dir_ready(dir, err, sizeof err) != 0) rc = -2;
        else {
            rc = plan_eval_run(&ev, err, sizeof err);
            if (rc != 0 && !existed) rmdir(dir); /* nothing written: leave nothing */
        }
    }
    if (rc == 0) {
        if (!c.quiet) print_summary(&ev);
        if (write_all(&ev, dir, err, sizeof err) != 0) rc = -1;
        else if (c.quiet) print_paths(dir);
        else printf(_("\nFiles: %s/portfolios.csv, years.csv, plan.html, charts\n"), dir);
    }
    if (rc != 0)
        fprintf(stderr, "%s\n",
                err[0] ? err : _("govsim plan: interrupted, or out of memory: nothing written"));
    plan_eval_free(&ev);
    plan_free(&pl);
    return rc == 0 ? CLI_OK : rc == -2 ? CLI_USAGE : CLI_FAILURE;
}
