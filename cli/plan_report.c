/* The charts and the report of a plan (plan_report.h). */
#include "plan_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "out_file.h"
#include "out_html.h"
#include "plan_cost.h"
#include "plan_names.h"
#include "plot.h"
#include "text_human.h"

/* Simulated, meeting the constraints, and a finalist if searched. */
static bool contender(const plan_portfolio_t *p) {
    return p->status != PLAN_ST_OVER_BUDGET && p->status != PLAN_ST_CONSTRAINT &&
           p->status != PLAN_ST_SEARCHED;
}

static const char *const OBJ_LABEL[PLAN_OBJ_COUNT][2] = {
    [PLAN_OBJ_HOURS] = {N_("citizens' hours saved"), N_("hours")},
    [PLAN_OBJ_TRIPS] = {N_("trips avoided"), N_("trips")},
    [PLAN_OBJ_WITHIN] = {N_("share finished within the statutory limit"), N_("share")},
    [PLAN_OBJ_SATISFACTION] = {N_("satisfaction"), N_("index 0-100")},
    [PLAN_OBJ_NET_BENEFIT] = {N_("net benefit"), N_("yuan")},
};

const char *plan_objective_label(plan_objective_t o) { return _(OBJ_LABEL[o][0]); }
const char *plan_objective_unit_label(plan_objective_t o) { return _(OBJ_LABEL[o][1]); }

size_t plan_runners_up(const plan_eval_t *ev, size_t *out, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < ev->n_portfolios; i++) {
        const plan_portfolio_t *p = &ev->p[i];
        if (i == ev->chosen || !contender(p)) continue;
        /* insertion into out[0 .. k-1], best mean first */
        size_t at = k < n ? k : n;
        while (at > 0 && ev->p[out[at - 1]].objective.mean < p->objective.mean) at--;
        if (at >= n) continue;
        size_t last = k < n ? k : n - 1;
        for (size_t j = last; j > at; j--) out[j] = out[j - 1];
        out[at] = i;
        if (k < n) k++;
    }
    return k;
}

void plan_benefit_cost(const plan_eval_t *ev, size_t i, double *bcr, int *payback) {
    const plan_t *pl = ev->plan;
    double saved[PLAN_MAX_YEARS];
    for (int t = 1; t <= pl->horizon; t++)
        saved[t - 1] = plan_eval_year_mean(ev, 0, t, 7) - plan_eval_year_mean(ev, i, t, 7);
    size_t h = (size_t)pl->horizon;
    double b = plan_cost_npv(saved, h, pl->discount_rate);
    double c = plan_cost_npv(ev->p[i].spend, h, pl->discount_rate);
    *bcr = c > 0 ? b / c : NAN;
    *payback = plan_cost_payback(saved, ev->p[i].spend, h, pl->discount_rate);
}

/* ------------------------------------------------------------ charts */

/* On the frontier: no contender costs less (NPV) and achieves more. */
static bool on_frontier(const plan_eval_t *ev, size_t i) {
    const plan_portfolio_t *p = &ev->p[i];
    for (size_t j = 0; j < ev->n_portfolios; j++) {
        const plan_portfolio_t *q = &ev->p[j];
        if (j == i || !contender(q)) continue;
        if (q->npv_cost <= p->npv_cost && q->objective.mean > p->objective.mean) return false;
    }
    return true;
}

#define MAX_POINTS 14

static int frontier_chart(const plan_eval_t *ev, const plot_ctx_t *ctx, char *err, size_t errlen) {
    size_t pick[MAX_POINTS], n = 0;
    pick[n++] = ev->chosen;
    if (ev->chosen != 0) pick[n++] = 0;
    n += plan_runners_up(ev, pick + n, 3);
    for (size_t i = 0; i < ev->n_portfolios && n < MAX_POINTS; i++) {
        bool have = false;
        for (size_t k = 0; k < n; k++) have = have || pick[k] == i;
        if (!have && contender(&ev->p[i]) && on_frontier(ev, i)) pick[n++] = i;
    }
    char names[MAX_POINTS][PLAN_NAME_MAX + 64], name[PLAN_NAME_MAX];
    const char *label[MAX_POINTS];
    plot_ci_t cost[MAX_POINTS], gain[MAX_POINTS];
    double scale = ev->plan->objective == PLAN_OBJ_NET_BENEFIT ? 1e-6 : 1;
    for (size_t k = 0; k < n; k++) {
        const plan_portfolio_t *p = &ev->p[pick[k]];
        plan_portfolio_name(ev->plan, p, name, sizeof name);
        snprintf(names[k], sizeof names[k], "%s%s", k == 0 ? _("CHOSEN: ") : "", name);
        label[k] = names[k];
        double c = p->npv_cost / 1e6;
        cost[k] = (plot_ci_t){c, c, c};
        gain[k] = (plot_ci_t){p->objective.mean * scale, p->objective.lo * scale,
                              p->objective.hi * scale};
    }
    char y[160];
    snprintf(y, sizeof y, _("objective: %s (%s%s)"), plan_objective_label(ev->plan->objective),
             scale != 1 ? _("million ") : "", plan_objective_unit_label(ev->plan->objective));
    return plot_cost_benefit(ctx, n, label, cost, gain,
                             _("NPV of spending above no reform (million yuan)"), y, err, errlen);
}

/* Mean and 95% CI over portfolio i's replications of field f in year t. */
static plot_ci_t year_ci(const plan_eval_t *ev, size_t i, int t, int f, double scale,
                         double shift) {
    const plan_config_t *c = &ev->c[ev->p[i].config[t - 1]];
    size_t n = ev->p[i].reps < c->n_obs ? ev->p[i].reps : c->n_obs;
    double *x = malloc((n ? n : 1) * sizeof *x);
    if (!x) return (plot_ci_t){NAN, NAN, NAN};
    for (size_t r = 0; r < n; r++) x[r] = (plan_obs_field(&c->obs[r], f) + shift) * scale;
    stats_ci_t ci = stats_ci(x, n, 0.95);
    free(x);
    return (plot_ci_t){ci.mean, ci.lo, ci.hi};
}

static int years_chart(const plan_eval_t *ev, const plot_ctx_t *ctx, char *err, size_t errlen) {
    static const struct {
        const char *title;
        int field;
        double scale;
    } K[] = {{N_("within the statutory limit (share)"), 3, 1},
             {N_("citizen hours per case"), 0, 1},
             {N_("trips per case"), 1, 1},
             {N_("satisfaction (index 0-100)"), 4, 1},
             {N_("government cost incl. reforms (million yuan per year)"), 6, 1e-6}};
    enum { NK = sizeof K / sizeof *K };
    int h = ev->plan->horizon;
    size_t series[2] = {0, ev->chosen}, ns = ev->chosen ? 2 : 1;
    const char *names[2] = {_("no reform"), _("the chosen plan")}; /* named in the title */
    const char *titles[NK];
    double x[PLAN_MAX_YEARS];
    plot_ci_t *y = calloc((size_t)NK * 2 * (size_t)h, sizeof *y);
    if (!y) return snprintf(err, errlen, "out of memory"), -1;
    for (int t = 0; t < h; t++) x[t] = t + 1;
    for (size_t k = 0; k < NK; k++) {
        titles[k] = _(K[k].title);
        for (size_t s = 0; s < ns; s++)
            for (int t = 1; t <= h; t++) {
                /* government cost: the model's, plus the reforms' own spending */
                double shift = 0;
                if (K[k].field == 6)
                    shift =
                        ev->p[series[s]].spend[t - 1] - (ev->c[ev->p[series[s]].config[t - 1]].gov -
                                                         ev->c[ev->p[0].config[t - 1]].gov);
                y[(k * ns + s) * (size_t)h + (size_t)(t - 1)] =
                    year_ci(ev, series[s], t, K[k].field, K[k].scale, shift);
            }
    }
    /* xgettext:no-c-format */
    const char *subtitle = _("year by year against no reform (95% confidence bands)");
    int rc = plot_response_titled(ctx, subtitle, "years", NK, titles, _("plan year"), (size_t)h, x,
                                  NULL, ns, names, y, err, errlen);
    free(y);
    return rc;
}

int plan_charts(const plan_eval_t *ev, const char *dir, char *err, size_t errlen) {
    plot_ctx_t ctx = {dir, ev->plan->name, NULL};
    if (frontier_chart(ev, &ctx, err, errlen) != 0) return -1;
    char title[PLAN_NAME_MAX + 400], name[PLAN_NAME_MAX];
    plan_portfolio_name(ev->plan, &ev->p[ev->chosen], name, sizeof name);
    snprintf(title, sizeof title, _("%s; the chosen plan: %s"), ev->plan->name, name);
    plot_ctx_t years = {dir, title, NULL};
    return years_chart(ev, &years, err, errlen);
}

/* ------------------------------------------------------------ report */

static void question(FILE *fp, const plan_eval_t *ev) {
    const plan_t *pl = ev->plan;
    char text[2048], budget[600] = "";
    size_t u = 0;
    if (isfinite(pl->budget_one_off))
        u += (size_t)snprintf(budget + u, sizeof budget - u,
                              _("%.4g million yuan of one-off costs; "), pl->budget_one_off / 1e6);
    if (isfinite(pl->budget_per_year) && u < sizeof budget)
        u += (size_t)snprintf(budget + u, sizeof budget - u, _("%.4g million yuan a year; "),
                              pl->budget_per_year / 1e6);
    if (isfinite(pl->budget_npv) && u < sizeof budget)
        snprintf(budget + u, sizeof budget - u, _("%.4g million yuan in present value; "),
                 pl->budget_npv / 1e6);
    if (!budget[0]) snprintf(budget, sizeof budget, _("no budget limit; "));
    snprintf(text, sizeof text,
             _("The question: with %sover %d years, which of these %zu reforms, starting when, "
               "give citizens the most, measured as %s (%s)?"),
             budget, pl->horizon, pl->n_reforms, plan_objective_label(pl->objective),
             plan_objective_unit_label(pl->objective));
    out_html_paragraph(fp, text);
}

static void answer(FILE *fp, const plan_eval_t *ev) {
    const plan_portfolio_t *c = &ev->p[ev->chosen];
    char text[PLAN_NAME_MAX + 1024], name[PLAN_NAME_MAX];
    plan_portfolio_name(ev->plan, c, name, sizeof name);
    double bcr;
    int payback;
    plan_benefit_cost(ev, ev->chosen, &bcr, &payback);
    if (ev->chosen == 0)
        snprintf(text, sizeof text,
                 _("The answer: no reform. No portfolio within the budget does better than "
                   "leaving things as they are by the objective (mean %.6g, 95%% CI %.6g to "
                   "%.6g)."),
                 c->objective.mean, c->objective.lo, c->objective.hi);
    else
        snprintf(text, sizeof text,
                 _("The answer: %s. Objective %.6g (95%% CI %.6g to %.6g); "
                   "one-off cost %.2f million yuan, NPV of spending %.2f million yuan; "
                   "benefit-cost ratio %.2f; %s."),
                 name, c->objective.mean, c->objective.lo, c->objective.hi, c->one_off / 1e6,
                 c->npv_cost / 1e6, bcr,
                 payback ? _("pays back within the plan") : _("does not pay back within the plan"));
    out_html_raw(fp, "<p><b>");
    out_html_text(fp, text);
    out_html_raw(fp, "</b></p>\n");
}

static void guarantee(FILE *fp, const plan_eval_t *ev) {
    const plan_t *pl = ev->plan;
    char text[2048], delta[64];
    text_human_value(delta, sizeof delta, pl->delta, false); /* never "1e+06" */
    snprintf(text, sizeof text,
             _("The guarantee: the choice was made with the fully sequential procedure of Kim "
               "and Nelson (2001, ACM TOMACS 11(3)), on common random numbers. If the best "
               "portfolio is at least %s %s better than every other, it is chosen with "
               "probability at least %.0f%%; if several are within %s of the best, one of them "
               "is chosen. It assumes that each replication's objective is roughly normal. "
               "Replications were spent where they decided something: the selection among "
               "the %zu portfolios in budget that meet the constraints took %zu portfolio-"
               "replications (one = every year of the plan), against %zu for equal allocation "
               "to every portfolio with the same guarantee."),
             delta, plan_objective_unit_label(pl->objective), 100 * (1 - pl->alpha), delta,
             ev->n_feasible, ev->kn_total, ev->naive_total);
    out_html_paragraph(fp, text);
    if (ev->search) {
        snprintf(text, sizeof text,
                 _("Searched, not enumerated: there are %.0f portfolios, more than "
                   "max_portfolios (%d), so a greedy search (adding the reform that buys the "
                   "most per yuan, then the most outright) simulated %zu portfolios in budget "
                   "with %d replications each, and kept the best %zu as finalists. The "
                   "guarantee above covers these finalists only: a portfolio the search did "
                   "not reach may be better."),
                 ev->n_possible, pl->max_portfolios, ev->n_searched, pl->search_reps,
                 ev->n_candidates);
        out_html_paragraph(fp, text);
    }
    if (ev->capped)
        out_html_paragraph(fp, _("Warning: max_replications was reached before the procedure "
                                 "finished, so the guarantee does not hold for this run."));
}

static void runners_table(FILE *fp, const plan_eval_t *ev) {
    static const char *head[] = {N_("portfolio"),         N_("objective mean"), N_("95% CI"),
                                 N_("NPV cost (M yuan)"), N_("replications"),   N_("why it lost")};
    enum { N = sizeof head / sizeof *head };
    const char *h[N];
    for (size_t k = 0; k < N; k++) h[k] = _(head[k]);
    out_html_table_begin_aligned(fp, h, N, "lrrrrl");
    size_t ru[10];
    size_t n = plan_runners_up(ev, ru, 10);
    for (size_t k = 0; k < n; k++) {
        const plan_portfolio_t *p = &ev->p[ru[k]];
        char c[N][160];
        snprintf(c[1], sizeof c[1], "%.6g", p->objective.mean);
        snprintf(c[2], sizeof c[2], "%.6g .. %.6g", p->objective.lo, p->objective.hi);
        snprintf(c[3], sizeof c[3], "%.2f", p->npv_cost / 1e6);
        snprintf(c[4], sizeof c[4], "%zu", p->reps);
        double best = ev->p[ev->chosen].objective.mean;
        if (p->status == PLAN_ST_INDISTINGUISHABLE && p->objective.mean > best - ev->plan->delta)
            snprintf(c[5], sizeof c[5], "%s",
                     _("within delta of the chosen: as good by the plan's own standard"));
        else if (p->status == PLAN_ST_INDISTINGUISHABLE)
            snprintf(c[5], sizeof c[5], "%s",
                     _("still in contention when the procedure stopped: not told apart"));
        else if (p->out_stage == (size_t)ev->plan->n0)
            snprintf(c[5], sizeof c[5],
                     _("clearly worse: eliminated at screening (%zu replications)"), p->out_stage);
        else snprintf(c[5], sizeof c[5], _("eliminated after %zu replications"), p->out_stage);
        char name[PLAN_NAME_MAX];
        plan_portfolio_name(ev->plan, p, name, sizeof name);
        const char *cells[N] = {name, c[1], c[2], c[3], c[4], c[5]};
        out_html_table_row_aligned(fp, cells, N, "lrrrrl");
    }
    out_html_table_end(fp);
}

static void assumptions(FILE *fp, const plan_eval_t *ev) {
    const plan_t *pl = ev->plan;
    char text[2048];
    snprintf(text, sizeof text,
             _("Assumptions: each plan year is simulated as %d days of the scenario %s with "
               "every reform of the portfolio at the share of its roll-out reached that year "
               "(numbers interpolated between before and after, staff hired in whole steps, "
               "switches on from half-way); the years are independent runs (queues are not "
               "carried from one year to the next). One-off costs fall in a reform's start "
               "year, its cost per year from then on, and the model's own government cost "
               "(staff, windows, platform, hub) changes with the scenario. Money is discounted "
               "at %g a year, year 1 undiscounted. Portfolios over the budget were not "
               "simulated; constraints were judged on the first %d replications' means. "
               "%zu portfolios, %zu in budget, %zu meeting the constraints; %zu runs of a "
               "plan year in %.0f s."),
             pl->days_per_year, pl->scenario, pl->discount_rate, pl->n0, ev->n_portfolios,
             ev->n_candidates, ev->n_feasible, ev->runs, ev->seconds);
    out_html_paragraph(fp, text);
}

static int figure(FILE *fp, const char *dir, const char *name, const char *caption, char *err,
                  size_t errlen) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    return out_html_figure_png(fp, path, caption, caption, err, errlen);
}

int plan_report(const plan_eval_t *ev, const char *dir, char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "plan.html", err, errlen);
    if (!fp) return -1;
    char title[400];
    snprintf(title, sizeof title, _("Plan: %s"), ev->plan->name);
    out_html_begin(fp, title);
    out_html_heading(fp, 1, "top", title);
    question(fp, ev);
    answer(fp, ev);
    guarantee(fp, ev);
    out_html_heading(fp, 2, "frontier", _("Cost and benefit"));
    if (figure(fp, dir, "cost_benefit",
               /* xgettext:no-c-format */
               _("NPV of spending against the objective (95% CI): the chosen portfolio, no "
                 "reform, the runners-up and the portfolios no other beats at a lower cost."),
               err, errlen) != 0)
        goto fail;
    out_html_heading(fp, 2, "years", _("Year by year"));
    if (figure(fp, dir, "years",
               /* xgettext:no-c-format */
               _("The chosen plan's KPIs and costs year by year against no reform (95% CI)."), err,
               errlen) != 0)
        goto fail;
    out_html_heading(fp, 2, "runners", _("The runners-up and why they lost"));
    runners_table(fp, ev);
    out_html_heading(fp, 2, "assumptions", _("Assumptions"));
    assumptions(fp, ev);
    out_html_end(fp);
    return out_file_commit(&f, err, errlen);
fail:
    out_file_abort(&f);
    return -1;
}
