/*
 * test_runner_mpi.c - runner_mpi_run under mpirun, checked byte for byte.
 *
 *   mpirun -np N build-mpi/test_runner_mpi           the checks (any N >= 1)
 *   mpirun -np N build-mpi/test_runner_mpi --bench P R WORK
 *                                                 timing only (docs/cluster.md)
 *
 * The task is a small queue: a Lindley recursion over a number of customers
 * that grows with the point (so points differ in cost, as in a sweep),
 * drawing from govsim's own streams seeded from (seed, rep, point).  Rank 0
 * collects the results through done() into an array indexed by task and
 * compares it with the same tasks computed locally, with memcmp.  Each rank
 * checks the status it got itself; any failure makes that rank exit 1,
 * which makes mpirun exit non-zero.  The program calls only the runner_mpi
 * API, so it also builds (and runs as one rank) without MPI.
 */
#include "runner_mpi.h"
#include "out_progress.h"
#include "rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WIDTH = 3 };

typedef struct tctx {
    size_t n_points, n_reps, width;
    long work;        /* customers at point 0                      */
    size_t fail_task; /* task number that fails; SIZE_MAX for none */
    double *got;      /* rank 0: [task * width + i]                */
    int *calls;       /* rank 0: done() calls per task             */
} tctx_t;

/* A replication of an M/M/1 queue at load 0.5 + 0.1 * (point % 4):
 * mean wait, max wait and the last interarrival time. */
static int task(void *vctx, size_t point, size_t rep, double *out) {
    const tctx_t *c = vctx;
    if (point * c->n_reps + rep == c->fail_task) return -1;
    gsl_rng *r = rng_stream_new(20240611u, (uint32_t)rep, (uint32_t)point);
    if (!r) return -1;
    long n = c->work * (long)(1 + point % 5);
    double rho = 0.5 + 0.1 * (double)(point % 4), w = 0, sum = 0, mx = 0, a = 0;
    for (long i = 0; i < n; i++) {
        a = rng_exponential(r, 1.0);
        double s = rng_exponential(r, rho);
        w = w + s - a;
        if (w < 0) w = 0;
        sum += w;
        if (w > mx) mx = w;
    }
    gsl_rng_free(r);
    double res[WIDTH] = {n ? sum / (double)n : 0, mx, a};
    for (size_t i = 0; i < c->width && i < WIDTH; i++) out[i] = res[i];
    return 0;
}

static void done(void *vctx, size_t point, size_t rep, const double *out) {
    tctx_t *c = vctx;
    size_t t = point * c->n_reps + rep;
    c->calls[t]++;
    if (c->width) memcpy(c->got + t * c->width, out, c->width * sizeof *out);
}

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "rank %d: %s:%d: ", runner_mpi_rank(), __FILE__, __LINE__);            \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            ok = false;                                                                            \
        }                                                                                          \
    } while (0)

/* One run; returns true when everything this rank can see is right. */
static bool one_case(const char *name, size_t n_points, size_t n_reps, size_t width,
                     const unsigned char *skip, size_t fail_task) {
    bool ok = true;
    size_t n = n_points * n_reps;
    tctx_t c = {n_points, n_reps, width, 2000, fail_task, NULL, NULL};
    c.got = calloc(n * width + 1, sizeof *c.got);
    c.calls = calloc(n + 1, sizeof *c.calls);
    if (!c.got || !c.calls) abort();
    runner_mpi_config_t cfg = {n_points, n_reps, width, skip, {NULL, NULL}};
    int rc = runner_mpi_run(&cfg, task, done, &c);
    bool want_fail = fail_task < n && !(skip && skip[fail_task]);
    CHECK(rc == (want_fail ? -1 : 0), "%s: status %d", name, rc);
    if (runner_mpi_rank() == 0) {
        double *want = malloc((width + 1) * sizeof *want);
        if (!want) abort();
        size_t delivered = 0;
        for (size_t t = 0; t < n; t++) {
            bool skipped = skip && skip[t];
            CHECK(c.calls[t] <= 1, "%s: task %zu delivered %d times", name, t, c.calls[t]);
            if (skipped || t == fail_task)
                CHECK(c.calls[t] == 0, "%s: task %zu should not run", name, t);
            else if (!want_fail) CHECK(c.calls[t] == 1, "%s: task %zu missing", name, t);
            if (c.calls[t] != 1) continue;
            delivered++;
            CHECK(task(&c, t / n_reps, t % n_reps, want) == 0, "local task");
            CHECK(width == 0 || memcmp(want, c.got + t * width, width * sizeof *want) == 0,
                  "%s: task %zu differs from the local computation", name, t);
        }
        if (want_fail) CHECK(delivered < n, "%s: nothing stopped", name);
        free(want);
    }
    free(c.got);
    free(c.calls);
    if (!ok) failures++;
    return ok;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int bench(size_t points, size_t reps, long work) {
    tctx_t c = {points, reps, WIDTH, work, SIZE_MAX, NULL, NULL};
    size_t n = points * reps;
    c.got = calloc(n * WIDTH, sizeof *c.got);
    c.calls = calloc(n, sizeof *c.calls);
    if (!c.got || !c.calls) abort();
    /* As `govsim sweep` does: log lines when several ranks write to a pipe. */
    out_progress_t prog;
    out_progress_init(
        &prog,
        out_progress_auto(false, runner_mpi_size() > 1 ? OUT_PROGRESS_LINES : OUT_PROGRESS_NONE),
        "bench");
    runner_mpi_config_t cfg = {points, reps, WIDTH, NULL, {out_progress_update, &prog}};
    double t0 = now();
    clock_t c0 = clock();
    int rc = runner_mpi_run(&cfg, task, done, &c);
    double dt = now() - t0;
    /* rank 0's own CPU time: what dispatching costs (it computes nothing
     * when there are workers). */
    double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
    /* A checksum of the raw bytes: equal across -np if bit-identical. */
    uint64_t h = 0;
    for (size_t i = 0; i < n * WIDTH; i++) {
        uint64_t b;
        memcpy(&b, &c.got[i], sizeof b);
        h = rng_mix64(h ^ b);
    }
    if (runner_mpi_rank() == 0)
        printf("bench: np=%d tasks=%zu seconds=%.3f rank0_cpu=%.3f "
               "checksum=%016llx\n",
               runner_mpi_size(), n, dt, cpu, (unsigned long long)h);
    free(c.got);
    free(c.calls);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    if (runner_mpi_init(&argc, &argv) != 0) return 1;
    if (argc == 5 && strcmp(argv[1], "--bench") == 0) {
        int rc = bench(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10),
                       strtol(argv[4], NULL, 10));
        runner_mpi_finalize();
        return rc;
    }

    size_t np = 7, nr = 5, n = np * nr;
    unsigned char skip[7 * 5], all[7 * 5];
    for (size_t t = 0; t < n; t++) {
        skip[t] = t % 3 == 0;
        all[t] = 1;
    }
    int cases = 0;
    cases++, one_case("full", np, nr, WIDTH, NULL, SIZE_MAX);
    cases++, one_case("skip", np, nr, WIDTH, skip, SIZE_MAX);
    cases++, one_case("all-skipped", np, nr, WIDTH, all, SIZE_MAX);
    cases++, one_case("fail", np, nr, WIDTH, NULL, 3 * nr + 2);
    cases++, one_case("fail-skipped", np, nr, WIDTH, skip, 0);
    cases++, one_case("one-task", 1, 1, WIDTH, NULL, SIZE_MAX);
    cases++, one_case("width-0", np, nr, 0, NULL, SIZE_MAX);
    cases++, one_case("many", 40, 50, 2, NULL, SIZE_MAX);

    /* Mismatched configs must fail on every rank, not hang. */
    if (runner_mpi_size() > 1) {
        bool ok = true;
        tctx_t c = {2, 2, WIDTH, 10, SIZE_MAX, NULL, NULL};
        double got[16];
        int calls[8] = {0};
        c.got = got;
        c.calls = calls;
        runner_mpi_config_t cfg = {2, runner_mpi_rank() == 1 ? 3 : 2, WIDTH, NULL, {NULL, NULL}};
        CHECK(runner_mpi_run(&cfg, task, done, &c) == -1, "mismatch accepted");
        cases++;
        if (!ok) failures++;
    }

    int rank = runner_mpi_rank(), size = runner_mpi_size();
    runner_mpi_finalize();
    if (rank == 0)
        printf("runner_mpi np=%d: %d passed, %d failed\n", size, cases - failures, failures);
    else if (failures) fprintf(stderr, "rank %d: %d failed\n", rank, failures);
    return failures ? 1 : 0;
}
