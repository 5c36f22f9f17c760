/*
 * govsim bench - speed of the kernel.
 *
 *   bench hold --size N [--holds H] [--baseline]
 *       The classic hold model: N pending events; each hold pops the
 *       earliest and pushes it back at t + Exp(1).  Increments come from a
 *       precomputed table (2^20 draws, cycled) so the figure measures the
 *       calendar, not the logarithm.  --baseline runs the same on a plain
 *       binary heap of the same event struct.
 *   bench mm1 --customers N [--rate R] [--service DIST]
 *       An M/M/1 at utilization 0.9 (by default) through study/qnet.c: the calendar,
 *       resource, streams, distributions and statistics the models use.
 *       An event is one pop of the calendar.
 *   bench scenario FILE [--days D]
 *       One replication of a scenario's workflow model on one thread
 *       (default: one simulated year after the warm-up); only the run is
 *       timed, not loading or writing.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "binheap.h"
#include "cli.h"
#include "clock.h"
#include "evq.h"
#include "runner.h"
#include "flow.h"
#include "qnet.h"
#include "rng.h"
#include "scn.h"

#define INCREMENTS (1u << 20)

static long peak_rss_kb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double *exp_table(uint64_t seed) {
    double *inc = malloc(INCREMENTS * sizeof *inc);
    gsl_rng *r = rng_stream_new(seed, 0, 0);
    if (!inc || !r) {
        free(inc);
        if (r) gsl_rng_free(r);
        return NULL;
    }
    for (size_t i = 0; i < INCREMENTS; i++) inc[i] = gsl_ran_exponential(r, 1.0);
    gsl_rng_free(r);
    return inc;
}

static int bench_hold(uint64_t size, uint64_t holds, int baseline) {
    double *inc = exp_table(1);
    if (!inc) return CLI_FAILURE;
    evq_t q;
    binheap_t b;
    int fail = baseline ? binheap_init(&b, 64) : evq_init(&q, 64);
    if (fail) {
        free(inc);
        return CLI_FAILURE;
    }
    size_t k = 0;
    for (uint64_t i = 0; i < size; i++) {
        double t = inc[k++ & (INCREMENTS - 1)];
        fail |= baseline ? binheap_push(&b, t, 0, (uint32_t)i)
                         : evq_push(&q, t, 0, (uint32_t)i, 0) == 0;
    }
    evq_event_t ev;
    double checksum = 0, t0 = clock_wall_seconds();
    if (baseline) {
        for (uint64_t h = 0; h < holds; h++) {
            binheap_pop(&b, &ev);
            checksum += ev.time;
            fail |= binheap_push(&b, ev.time + inc[k++ & (INCREMENTS - 1)], ev.type, ev.entity);
        }
    } else {
        for (uint64_t h = 0; h < holds; h++) {
            evq_pop(&q, &ev);
            checksum += ev.time;
            fail |= evq_push(&q, ev.time + inc[k++ & (INCREMENTS - 1)], ev.type, ev.entity,
                             ev.data) == 0;
        }
    }
    double secs = clock_wall_seconds() - t0;
    if (baseline) binheap_free(&b);
    else evq_free(&q);
    free(inc);
    if (fail) return CLI_FAILURE;
    printf("bench hold%s size=%llu holds=%llu ns_per_hold=%.2f checksum=%.6g "
           "peak_rss_kb=%ld\n",
           baseline ? "-binary" : "", (unsigned long long)size, (unsigned long long)holds,
           1e9 * secs / (double)holds, checksum, peak_rss_kb());
    return CLI_OK;
}

static int bench_mm1(uint64_t customers, double rate, const char *service) {
    char err[200];
    qnet_spec_t spec;
    memset(&spec, 0, sizeof spec);
    spec.k = 1;
    spec.station[0].servers = 1;
    spec.station[0].arrival_rate = rate;
    if (dist_parse(&spec.station[0].service, service, NULL, err, sizeof err))
        return cli_usage_error("bench", "--service: %s", err);
    double load = rate * dist_mean(&spec.station[0].service);
    if (load >= 1)
        fprintf(stderr,
                "govsim bench: warning: offered load %.3g >= 1: the "
                "queue grows without bound\n",
                load);
    spec.horizon = (double)customers / rate;
    qnet_result_t results;
    double t0 = clock_wall_seconds();
    int rc = qnet_run(&spec, 1, 0, NULL, &results);
    double secs = clock_wall_seconds() - t0;
    dist_free(&spec.station[0].service);
    if (rc != 0) return CLI_FAILURE;
    printf("bench mm1 customers=%.0f events=%llu seconds=%.3f events_per_s=%.0f "
           "customers_per_s=%.0f peak_rss_kb=%ld mean_wait=%.4f\n",
           results.completed, (unsigned long long)results.events, secs,
           (double)results.events / secs, results.completed / secs, peak_rss_kb(),
           results.station[0].wq);
    return CLI_OK;
}

static int bench_scenario(const char *path, unsigned days) {
    char err[1024];
    scn_t s;
    if (scn_load(&s, path, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return CLI_USAGE;
    }
    s.days = (int)days;
    if (flow_check(&s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        scn_free(&s);
        return CLI_USAGE;
    }
    flow_result_t r;
    double t0 = clock_wall_seconds();
    int rc = flow_run(&s, 0, NULL, &r);
    double secs = clock_wall_seconds() - t0;
    if (rc == 0)
        printf("bench scenario file=%s days=%u events=%llu seconds=%.3f events_per_s=%.0f "
               "cases=%.0f peak_open_cases=%.0f peak_rss_kb=%ld\n",
               path, days, (unsigned long long)r.events, secs, (double)r.events / secs,
               flow_kpi(&r, 0, FLOW_K_COMPLETED), r.peak_cases, peak_rss_kb());
    flow_result_free(&r);
    scn_free(&s);
    return rc == 0 ? CLI_OK : CLI_FAILURE;
}

int cmd_bench(int argc, char **argv) {
    const char *cmd = "bench";
    if (argc < 2) return cli_usage_error(cmd, "expected 'hold', 'mm1' or 'scenario'");
    char name[32];
    snprintf(name, sizeof name, "bench %.20s", argv[1]);
    const cli_command_t *sub = cli_command_find(name);
    if (!sub)
        return cli_usage_error(cmd, "unknown benchmark '%s' (expected hold, mm1 or scenario)",
                               argv[1]);
    cli_args_t a = {
        .days = 365, .size = 10000, .customers = 10000000, .rate = 0.9, .service = "exp(1)"};
    int parsed = cli_args_parse(sub, argc - 1, argv + 1, &a);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    if (strcmp(argv[1], "scenario") == 0) return bench_scenario(a.positional[0], a.days);
    bool is_hold = strcmp(argv[1], "hold") == 0;
    uint64_t size = a.size, holds = a.holds;
    int baseline = a.given[CLI_OPT_BASELINE];
    if (is_hold) {
        if (holds == 0) holds = size * 10 > 10000000 ? size * 10 : 10000000;
        return bench_hold(size, holds, baseline);
    }
    return bench_mm1(a.customers, a.rate, a.service);
}
