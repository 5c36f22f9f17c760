/*
 * govsim validate - the engine against queueing theory.
 *
 * Each case is a queueing system with a closed-form answer (sim/qtheory.h),
 * simulated through sim/qnet.c, i.e. through the same event calendar,
 * resource, random streams, distributions and statistics the government
 * models use.  For every metric we run R independent replications, form the
 * Student-t interval of the replication means, and compare with theory.
 *
 * The verdict has to survive multiplicity: with ~40 metrics, 95% intervals
 * would reject a perfect engine most of the time.  So a metric passes when
 * theory lies inside its simultaneous interval: Bonferroni over all M
 * metrics at family level 99% (per-metric level 1 - 0.01/M).  A check that
 * cannot fail is no check, so the simultaneous interval must also be narrow:
 * its half-width at most `precision` (5% full, 10% quick) of the theory
 * value, else the verdict is IMPRECISE, which fails too.  Run lengths are
 * chosen so that holds; the tolerance is never tuned to a seed.  The table
 * prints that simultaneous interval, the one the verdict uses, so a reader
 * sees FAIL exactly when theory lies outside the printed interval
 * (tests/e2e/t_validate_table.sh checks it on every row).
 *
 * The last check tests the statistics themselves: 1000 experiments of 10
 * short M/M/1 replications started in steady state (so the true mean is
 * known exactly for a short run); the share of 95% intervals that contain
 * it must lie in [0.92, 0.98], i.e. within COVERAGE_TOLERANCE of 0.95: the
 * row prints the share +- that tolerance, which holds 0.95 exactly when the
 * row passes.
 */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dist.h"
#include "flow.h"
#include "runner.h"
#include "nhpp.h"
#include "qnet.h"
#include "qtheory.h"
#include "rng.h"
#include "stats.h"
#include "validate_flow.h"
#include "verdict.h"

#define MAX_METRICS          12
#define MAX_CASES            20
#define FAMILY_LEVEL         0.99
#define COVERAGE_EXPERIMENTS 1000
#define COVERAGE_REPS        10
#define COVERAGE_TOLERANCE   0.03 /* the share must lie in 0.95 +- this */

/* SRC_FLOW: a KPI of the workflow model (index: group, offset: KPI). */
typedef enum { SRC_STATION, SRC_RESPONSE, SRC_WINDOW, SRC_FLOW } source_t;

typedef struct metric {
    char name[48];
    double theory;
    source_t source;
    size_t index;  /* station or window                         */
    size_t offset; /* field in qnet_station_result_t            */
} metric_t;

typedef struct vcase {
    char name[48];
    qnet_spec_t spec;
    nhpp_t profile; /* piecewise case only                     */
    scn_t *scn;     /* a scenario run by the workflow model, or NULL */
    size_t reps;
    uint64_t seed;
    size_t n_metrics;
    metric_t metric[MAX_METRICS];
    double *values; /* n_metrics x reps                         */
} vcase_t;

typedef struct validate_options {
    bool quick;
    unsigned reps; /* 0: the case's default                     */
    unsigned threads;
    uint64_t seed;
    bool csv;
} validate_options_t;

#define FIELD(f) offsetof(qnet_station_result_t, f)

static metric_t *add_metric(vcase_t *vc, const char *name, double theory, source_t src,
                            size_t index, size_t offset) {
    metric_t *m = &vc->metric[vc->n_metrics++];
    snprintf(m->name, sizeof m->name, "%s", name);
    m->theory = theory;
    m->source = src;
    m->index = index;
    m->offset = offset;
    return m;
}

/* A single station: arrivals `lambda`, `c` servers, service `service`. */
static void single_station(vcase_t *vc, double lambda, unsigned c, const char *service,
                           double customers, size_t reps) {
    char err[200];
    qnet_station_t *s = &vc->spec.station[0];
    vc->spec.k = 1;
    s->servers = c;
    s->arrival_rate = lambda;
    if (dist_parse(&s->service, service, NULL, err, sizeof err) != 0) abort();
    vc->spec.horizon = customers / lambda;
    vc->spec.warmup = vc->spec.horizon * 0.02;
    vc->reps = reps;
}

static void case_mmc(vcase_t *vc, double lambda, double mu, unsigned c, double customers,
                     size_t reps, bool quantile) {
    char service[64];
    snprintf(service, sizeof service, "exp(%.17g)", 1.0 / mu);
    single_station(vc, lambda, c, service, customers, reps);
    qt_mmc_t t = qt_mmc(lambda, mu, c);
    add_metric(vc, "Wq", t.wq, SRC_STATION, 0, FIELD(wq));
    add_metric(vc, "Lq", t.lq, SRC_STATION, 0, FIELD(lq));
    add_metric(vc, "W (R)", t.w, SRC_STATION, 0, FIELD(w));
    add_metric(vc, "U", t.rho, SRC_STATION, 0, FIELD(utilization));
    add_metric(vc, "P(wait)", t.p_wait, SRC_STATION, 0, FIELD(p_wait));
    if (quantile)
        add_metric(vc, "Wq p90", qt_mmc_wait_quantile(lambda, mu, c, 0.90), SRC_STATION, 0,
                   FIELD(wq_p90));
}

static void case_mg1(vcase_t *vc, double lambda, const char *service, double customers,
                     size_t reps) {
    single_station(vc, lambda, 1, service, customers, reps);
    const dist_t *d = &vc->spec.station[0].service;
    double es = dist_mean(d), cs2 = dist_variance(d) / (es * es);
    qt_mmc_t t = qt_mg1(lambda, es, cs2);
    add_metric(vc, "Wq", t.wq, SRC_STATION, 0, FIELD(wq));
    add_metric(vc, "Lq", t.lq, SRC_STATION, 0, FIELD(lq));
    add_metric(vc, "U", t.rho, SRC_STATION, 0, FIELD(utilization));
}

static void case_erlang_a(vcase_t *vc, double lambda, double mu, unsigned c, double theta,
                          double customers, size_t reps) {
    char service[64];
    snprintf(service, sizeof service, "exp(%.17g)", 1.0 / mu);
    single_station(vc, lambda, c, service, customers, reps);
    vc->spec.station[0].patience_mean = 1.0 / theta;
    qt_erlang_a_t t = qt_erlang_a(lambda, mu, c, theta);
    add_metric(vc, "P(abandon)", t.p_abandon, SRC_STATION, 0, FIELD(p_abandon));
    add_metric(vc, "Lq", t.lq, SRC_STATION, 0, FIELD(lq));
    add_metric(vc, "U", t.util, SRC_STATION, 0, FIELD(utilization));
}

/* Erlang A again, through the scenario language and the workflow model
 * (validate_flow.c): the share of citizens who give up, the line length
 * and the wait of those served against the exact birth-death chain. */
static void case_erlang_a_scenario(vcase_t *vc, double lambda, double mu, unsigned c, double theta,
                                   double customers, size_t reps) {
    char err[512];
    vc->scn = calloc(1, sizeof *vc->scn);
    if (!vc->scn || validate_erlang_a_scenario(vc->scn, lambda, mu, c, theta,
                                               customers / lambda / 1440.0, err, sizeof err) != 0) {
        fprintf(stderr, "govsim validate: %s\n", vc->scn ? err : "out of memory");
        abort(); /* a bug: the text is ours */
    }
    size_t dept = 1 + vc->scn->n_services + vc->scn->n_regions; /* flow_groups() order */
    qt_erlang_a_t t = qt_erlang_a(lambda, mu, c, theta);
    add_metric(vc, "P(abandon)", t.p_abandon, SRC_FLOW, 0, FLOW_K_ABANDON);
    add_metric(vc, "Lq", t.lq, SRC_FLOW, dept, FLOW_K_LINE_LENGTH);
    add_metric(vc, "Wq served", t.wq_served, SRC_FLOW, 0, FLOW_K_WINDOW_WAIT);
    add_metric(vc, "U", t.util, SRC_FLOW, dept, FLOW_K_FRONT_UTIL);
    vc->reps = reps;
}

/* The 12345 hotline's call centre (models/hotline.c) through a scenario's
 * `hotline` block: the share of calls that wait, the share that hang up
 * and the wait of those answered against the Erlang A chain. */
static void case_hotline(vcase_t *vc, double lambda, double mu, unsigned c, double theta,
                         double customers, size_t reps) {
    char err[512];
    vc->scn = calloc(1, sizeof *vc->scn);
    if (!vc->scn || validate_hotline_scenario(vc->scn, lambda, mu, c, theta,
                                              customers / lambda / 1440.0, err, sizeof err) != 0) {
        fprintf(stderr, "govsim validate: %s\n", vc->scn ? err : "out of memory");
        abort(); /* a bug: the text is ours */
    }
    qt_erlang_a_t t = qt_erlang_a(lambda, mu, c, theta);
    add_metric(vc, "P(wait)", t.p_wait, SRC_FLOW, 0, FLOW_K_CALLS_WAITED);
    add_metric(vc, "P(abandon)", t.p_abandon, SRC_FLOW, 0, FLOW_K_CALLS_ABANDONED);
    add_metric(vc, "Wq answered", t.wq_served, SRC_FLOW, 0, FLOW_K_CALL_WAIT);
    vc->reps = reps;
}

/* A hall with 2 windows on weekdays and 3 at weekends (a roster), through
 * the scenario language: line length, wait and utilization against the
 * piecewise-stationary answer, 5/7 of M/M/2 plus 2/7 of M/M/3 (each shift
 * lasts days; the queue relaxes within an hour). */
static void case_two_shift(vcase_t *vc, double lambda, double mu, double customers, size_t reps) {
    char err[512];
    int weeks = (int)ceil(customers / lambda / 1440.0 / 7.0);
    vc->scn = calloc(1, sizeof *vc->scn);
    if (!vc->scn ||
        validate_two_shift_scenario(vc->scn, lambda, mu, 2, 3, weeks, err, sizeof err) != 0) {
        fprintf(stderr, "govsim validate: %s\n", vc->scn ? err : "out of memory");
        abort(); /* a bug: the text is ours */
    }
    size_t dept = 1 + vc->scn->n_services + vc->scn->n_regions;
    qt_mmc_t two = qt_mmc(lambda, mu, 2), three = qt_mmc(lambda, mu, 3);
    add_metric(vc, "Lq", (5 * two.lq + 2 * three.lq) / 7, SRC_FLOW, dept, FLOW_K_LINE_LENGTH);
    add_metric(vc, "Wq", (5 * two.wq + 2 * three.wq) / 7, SRC_FLOW, dept, FLOW_K_WINDOW_WAIT);
    add_metric(vc, "U", lambda / mu / ((5 * 2 + 2 * 3) / 7.0), SRC_FLOW, dept, FLOW_K_FRONT_UTIL);
    vc->reps = reps;
}

/* An open Jackson network with exponential service: per-station
 * utilization and time per visit, and the mean response time. */
static void case_jackson(vcase_t *vc, size_t k, const double *ext, const double *route,
                         const double *mu, const unsigned *c, double customers, size_t reps) {
    char err[200], service[64], name[48];
    double lam[QNET_MAX_STATIONS], ext_total = 0, in_system = 0;
    qt_mmc_t st[QNET_MAX_STATIONS];
    if (qt_jackson(k, ext, route, mu, c, lam, st) != 0) abort();
    vc->spec.k = k;
    for (size_t i = 0; i < k; i++) {
        qnet_station_t *s = &vc->spec.station[i];
        s->servers = c[i];
        s->arrival_rate = ext[i];
        snprintf(service, sizeof service, "exp(%.17g)", 1.0 / mu[i]);
        if (dist_parse(&s->service, service, NULL, err, sizeof err) != 0) abort();
        for (size_t j = 0; j < k; j++) s->route[j] = route[i * k + j];
        ext_total += ext[i];
        in_system += st[i].l;
    }
    for (size_t i = 0; i < k; i++) {
        snprintf(name, sizeof name, "U[%zu]", i + 1);
        add_metric(vc, name, st[i].rho, SRC_STATION, i, FIELD(utilization));
    }
    for (size_t i = 0; i < k; i++) {
        snprintf(name, sizeof name, "R/visit[%zu]", i + 1);
        add_metric(vc, name, st[i].w, SRC_STATION, i, FIELD(w));
    }
    /* Little's law on the whole network */
    add_metric(vc, "response", in_system / ext_total, SRC_RESPONSE, 0, 0);
    vc->spec.horizon = customers / ext_total;
    vc->spec.warmup = vc->spec.horizon * 0.02;
    vc->reps = reps;
}

static void case_piecewise(vcase_t *vc, size_t reps) {
    static const double breaks[] = {0, 3.2, 7.9, 10};
    static const double rates[] = {5, 1.5, 3};
    char err[200], name[48];
    if (nhpp_init(&vc->profile, breaks, rates, 3, 0, err, sizeof err) != 0) abort();
    vc->spec.k = 1;
    qnet_station_t *s = &vc->spec.station[0];
    s->servers = 1000;
    s->arrival_profile = &vc->profile;
    if (dist_parse(&s->service, "const(0)", NULL, err, sizeof err) != 0) abort();
    vc->spec.horizon = 10;
    vc->spec.warmup = 0;
    vc->spec.n_windows = 3;
    for (size_t w = 0; w < 4; w++) vc->spec.window[w] = breaks[w];
    for (size_t w = 0; w < 3; w++) {
        snprintf(name, sizeof name, "count[%.1f,%.1f)", breaks[w], breaks[w + 1]);
        add_metric(vc, name, nhpp_expected(&vc->profile, breaks[w], breaks[w + 1]), SRC_WINDOW, w,
                   0);
    }
    vc->reps = reps;
}

static double metric_value(const metric_t *m, const qnet_result_t *r) {
    switch (m->source) {
    case SRC_STATION: {
        const char *base = (const char *)&r->station[m->index];
        double v;
        memcpy(&v, base + m->offset, sizeof v);
        return v;
    }
    case SRC_RESPONSE:
        return r->response;
    case SRC_WINDOW:
        return r->window_count[m->index];
    case SRC_FLOW:
        break;
    }
    return NAN;
}

/* A replication of a scenario case through the workflow model. */
static int run_flow_task(vcase_t *vc, size_t rep, const atomic_int *stop) {
    flow_result_t res;
    int rc = flow_run(vc->scn, (uint32_t)rep, stop, &res);
    if (rc == 0)
        for (size_t m = 0; m < vc->n_metrics; m++)
            vc->values[m * vc->reps + rep] =
                flow_kpi(&res, vc->metric[m].index, (flow_kpi_t)vc->metric[m].offset);
    flow_result_free(&res);
    return rc;
}

static int run_case_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    vcase_t *vc = ctx;
    (void)point;
    if (vc->scn) return run_flow_task(vc, rep, stop);
    qnet_result_t results;
    int rc = qnet_run(&vc->spec, vc->seed, (uint32_t)rep, stop, &results);
    if (rc != 0) return rc;
    for (size_t m = 0; m < vc->n_metrics; m++)
        vc->values[m * vc->reps + rep] = metric_value(&vc->metric[m], &results);
    return 0;
}

/* Steady-state M/M/1 short runs for the coverage check. */
typedef struct coverage {
    qnet_spec_t spec;
    uint64_t seed;
    double *l; /* time-average number in system, per run */
    double *u; /* utilization, per run                   */
} coverage_t;

static int coverage_task(void *ctx, size_t point, size_t rep, const atomic_int *stop) {
    coverage_t *cv = ctx;
    (void)point;
    qnet_result_t results;
    int rc = qnet_run(&cv->spec, cv->seed, (uint32_t)rep, stop, &results);
    if (rc != 0) return rc;
    cv->l[rep] = results.station[0].l;
    cv->u[rep] = results.station[0].utilization;
    return 0;
}

static void build_cases(vcase_t *cases, size_t *n, const validate_options_t *o) {
    /* customers per replication: full runs are 5x the quick ones */
    double f = o->quick ? 1.0 : 5.0;
    size_t r = o->quick ? 10 : 20;
    size_t i = 0;
#define NEXT(label) (snprintf(cases[i].name, sizeof cases[i].name, "%s", label), &cases[i++])
    case_mmc(NEXT("M/M/1 rho=0.5"), 0.5, 1, 1, f * 2e5, r, true);
    case_mmc(NEXT("M/M/1 rho=0.8"), 0.8, 1, 1, f * 5e5, r, true);
    case_mmc(NEXT("M/M/1 rho=0.9"), 0.9, 1, 1, f * 1e6, r, true);
    case_mmc(NEXT("M/M/2 lambda=9 mu=5"), 9, 5, 2, f * 1e6, r, false);
    case_mmc(NEXT("M/M/4 lambda=9 mu=5"), 9, 5, 4, f * 3e5, r, false);
    case_mmc(NEXT("M/M/3 lambda=2.4 mu=1"), 2.4, 1, 3, f * 3e5, r, false);
    case_mg1(NEXT("M/D/1 rho=0.7"), 0.7, "const(1)", f * 2e5, r);
    case_mg1(NEXT("M/G/1 lognormal cv=1.5"), 0.7, "lognormal(1, 1.5)", f * 1e6, r);
    case_erlang_a(NEXT("M/M/3+M lambda=2.7 theta=.5"), 2.7, 1, 3, 0.5, f * 3e5, r);
    case_erlang_a_scenario(NEXT("scenario M/M/3+M (Erlang A)"), 2.7, 1, 3, 0.5, f * 3e5, r);
    case_two_shift(NEXT("scenario two-shift M/M/2|3"), 1.5, 1, f * 3e5, r);
    { /* the published central-server network */
        static const double ext[] = {3, 0, 0};
        static const double route[] = {0, 7.0 / 16, 8.0 / 16, 1, 0, 0, 1, 0, 0};
        static const double mu[] = {100, 50, 1.0 / 0.03};
        static const unsigned c[] = {1, 1, 1};
        case_jackson(NEXT("open network V=[16 7 8]"), 3, ext, route, mu, c, f * 5e4, r);
    }
    { /* three M/M/1 in tandem */
        static const double ext[] = {1, 0, 0};
        static const double route[] = {0, 1, 0, 0, 0, 1, 0, 0, 0};
        static const double mu[] = {2, 1.5, 1.25};
        static const unsigned c[] = {1, 1, 1};
        case_jackson(NEXT("tandem M/M/1 x3"), 3, ext, route, mu, c, f * 2e5, r);
    }
    { /* feedback and multi-server stations */
        static const double ext[] = {0.6, 0, 0.2};
        static const double route[] = {0, 0.5, 0.5, 0.2, 0, 0, 0, 0.3, 0};
        static const double mu[] = {1.0, 2.0, 0.5};
        static const unsigned c[] = {2, 1, 3};
        case_jackson(NEXT("feedback network c=[2 1 3]"), 3, ext, route, mu, c, f * 2e5, r);
    }
    case_piecewise(NEXT("piecewise Poisson"), o->quick ? 2000 : 10000);
    case_hotline(NEXT("hotline M/M/8+M (Erlang A)"), 6.0, 0.8, 8, 1.0, f * 3e5, r);
#undef NEXT
    for (size_t k = 0; k < i; k++) {
        if (o->reps) cases[k].reps = o->reps;
        cases[k].seed = rng_mix64(o->seed + k);
    }
    *n = i;
}

static void print_row(const validate_options_t *o, const char *cse, const char *metric,
                      double theory, const stats_ci_t *ci, const char *verdict) {
    if (o->csv) {
        printf("\"%s\",\"%s\",%.10g,%.10g,%.10g,%.10g,%zu,%s\n", cse, metric, theory, ci->mean,
               ci->lo, ci->hi, ci->n, verdict);
        return;
    }
    char interval[48];
    snprintf(interval, sizeof interval, "[%.5g, %.5g]", ci->lo, ci->hi);
    printf("%-28s %-14s %10.5g %10.5g  %-24s %s\n", cse, metric, theory, ci->mean, interval,
           verdict);
}

/* Returns 0, 1 after printing help, -1 after a usage error. */
static int parse_options(int argc, char **argv, validate_options_t *o) {
    cli_args_t a = {.seed = 20261124};
    int rc = cli_args_parse(cli_command_find("validate"), argc, argv, &a);
    if (rc != 0) return rc;
    if (a.given[CLI_OPT_REPS] && a.reps < 2) { /* -r 1 means "means only" elsewhere */
        cli_usage_error("validate",
                        "-r '%u': expected at least 2 (every verdict is a "
                        "confidence interval)",
                        a.reps);
        return -1;
    }
    *o = (validate_options_t){.quick = a.given[CLI_OPT_QUICK],
                              .reps = a.reps,
                              .threads = a.threads,
                              .seed = a.seed,
                              .csv = a.format && strcmp(a.format, "csv") == 0};
    return 0;
}

/* Runs every case; fills pass/fail counts. Returns -1 if interrupted or a
 * run failed. */
static int run_cases(vcase_t *cases, size_t n_cases, const validate_options_t *o, size_t *passed,
                     size_t *failed) {
    size_t n_metrics = 0;
    for (size_t k = 0; k < n_cases; k++) n_metrics += cases[k].n_metrics;
    double level = verdict_level(FAMILY_LEVEL, n_metrics);
    double precision = o->quick ? 0.10 : 0.05;
    for (size_t k = 0; k < n_cases; k++) {
        vcase_t *vc = &cases[k];
        vc->values = malloc(vc->n_metrics * vc->reps * sizeof *vc->values);
        if (!vc->values) return -1;
        out_progress_t prog;
        runner_config_t cfg = {1, vc->reps, o->threads,
                               cli_progress(&prog, false, false, vc->name)};
        runner_status_t st = runner_run(&cfg, run_case_task, vc, NULL);
        if (st.interrupted || st.done != vc->reps) {
            fprintf(stderr, "govsim validate: %s: %s\n", vc->name,
                    st.interrupted ? "interrupted" : "a run failed (out of memory)");
            return -1;
        }
        for (size_t m = 0; m < vc->n_metrics; m++) {
            const metric_t *mt = &vc->metric[m];
            const double *x = vc->values + m * vc->reps;
            verdict_t v = verdict_judge(x, vc->reps, mt->theory, level, precision);
            if (v.kind == VERDICT_PASS) ++*passed;
            else ++*failed;
            print_row(o, vc->name, mt->name, mt->theory, &v.interval, verdict_name(v.kind));
        }
    }
    if (!o->csv)
        printf("\ninterval: simultaneous %.0f%% (Bonferroni over %zu metrics: Student-t at "
               "per-metric level %.5f).\nverdict: FAIL when theory lies outside it; PASS when "
               "inside and its half-width is at most %.0f%% of theory\n(else IMPRECISE, "
               "which fails too).\n",
               100 * FAMILY_LEVEL, n_metrics, level, 100 * precision);
    return 0;
}

static int run_coverage(const validate_options_t *o, size_t *passed, size_t *failed) {
    char err[200];
    coverage_t cv = {.seed = rng_mix64(o->seed + 1000)};
    const double rho = 0.5, horizon = 500;
    qnet_station_t *s = &cv.spec.station[0];
    cv.spec.k = 1;
    s->servers = 1;
    s->arrival_rate = rho;
    s->initial_geometric = rho; /* start in steady state */
    if (dist_parse(&s->service, "exp(1)", NULL, err, sizeof err) != 0) abort();
    cv.spec.horizon = horizon;
    size_t runs = (size_t)COVERAGE_EXPERIMENTS * COVERAGE_REPS;
    cv.l = malloc(runs * sizeof *cv.l);
    cv.u = malloc(runs * sizeof *cv.u);
    int rc = -1;
    if (cv.l && cv.u) {
        out_progress_t prog;
        runner_config_t cfg = {1, runs, o->threads,
                               cli_progress(&prog, false, false, "CI coverage")};
        runner_status_t st = runner_run(&cfg, coverage_task, &cv, NULL);
        if (!st.interrupted && st.done == runs) rc = 0;
        else
            fprintf(stderr, "govsim validate: CI coverage: %s\n",
                    st.interrupted ? "interrupted" : "a run failed");
    }
    if (rc == 0) {
        /* truths for a stationary M/M/1 over any horizon: E[L] = rho/(1-rho),
         * E[U] = rho */
        const double truth[2] = {rho / (1 - rho), rho};
        const double *data[2] = {cv.l, cv.u};
        const char *names[2] = {"covers E[L]", "covers E[U]"};
        for (int k = 0; k < 2; k++) {
            size_t covered = 0;
            for (size_t e = 0; e < COVERAGE_EXPERIMENTS; e++) {
                stats_ci_t ci = stats_ci(data[k] + e * COVERAGE_REPS, COVERAGE_REPS, 0.95);
                covered += stats_ci_contains(&ci, truth[k]);
            }
            double share = (double)covered / COVERAGE_EXPERIMENTS;
            double se = sqrt(share * (1 - share) / COVERAGE_EXPERIMENTS);
            /* the acceptance band around the share: holds 0.95 iff the
             * share lies in [0.92, 0.98] */
            stats_ci_t shown = {COVERAGE_EXPERIMENTS,
                                share,
                                se,
                                COVERAGE_TOLERANCE,
                                share - COVERAGE_TOLERANCE,
                                share + COVERAGE_TOLERANCE};
            bool ok = stats_ci_contains(&shown, 0.95);
            if (ok) ++*passed;
            else ++*failed;
            print_row(o, "CI coverage (1000 x 10 runs)", names[k], 0.95, &shown,
                      ok ? "PASS" : "FAIL");
        }
        if (!o->csv)
            printf("coverage: share of 95%% intervals (10 steady-state M/M/1 runs each) "
                   "containing the true mean;\ninterval: the share +- %.2f, so PASS when "
                   "it holds 0.95 (the share lies in [0.92, 0.98]).\n",
                   COVERAGE_TOLERANCE);
    }
    free(cv.l);
    free(cv.u);
    dist_free(&s->service);
    return rc;
}

int cmd_validate(int argc, char **argv) {
    validate_options_t o;
    int parsed = parse_options(argc, argv, &o);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    vcase_t *cases = calloc(MAX_CASES, sizeof *cases);
    if (!cases) return CLI_FAILURE;
    size_t n = 0, passed = 0, failed = 0;
    build_cases(cases, &n, &o);
    if (o.csv) printf("case,metric,theory,mean,ci_low,ci_high,n,verdict\n");
    else
        printf("govsim %s validate (%s, seed %llu)\n\n%-28s %-14s %10s %10s  %-24s %s\n",
               GOVSIM_VERSION, o.quick ? "quick" : "full", (unsigned long long)o.seed, "case",
               "metric", "theory", "mean", "interval of the verdict", "verdict");
    int rc = run_cases(cases, n, &o, &passed, &failed);
    if (rc == 0) rc = run_coverage(&o, &passed, &failed);
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < cases[k].spec.k; i++) dist_free(&cases[k].spec.station[i].service);
        nhpp_free(&cases[k].profile);
        if (cases[k].scn) scn_free(cases[k].scn);
        free(cases[k].scn);
        free(cases[k].values);
    }
    free(cases);
    if (rc != 0) return CLI_FAILURE;
    if (!o.csv) printf("\nvalidate: %zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? CLI_OK : CLI_FAILURE;
}
