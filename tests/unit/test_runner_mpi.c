/* Unit tests for study/runner_mpi.h in one process (a normal build, or an MPI
 * build started without mpirun): rank 0 of 1, tasks run in order, the skip
 * mask, failure stops the run, degenerate sizes.  The multi-rank protocol
 * is tested under mpirun by tests/mpi/run.sh. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "runner_mpi.h"
#include "checks.h"

typedef struct order_ctx {
    size_t n_reps, calls, dones;
    size_t seen[64];    /* task numbers in done() order          */
    double got[64 * 2]; /* out[] received by done(), per task    */
    size_t fail_task;   /* SIZE_MAX: none                        */
} order_ctx_t;

static int order_task(void *vctx, size_t point, size_t rep, double *out) {
    order_ctx_t *c = vctx;
    size_t t = point * c->n_reps + rep;
    c->calls++;
    if (t == c->fail_task) return -1;
    out[0] = (double)point + 0.25;
    out[1] = (double)rep / 3.0;
    return 0;
}

static void order_done(void *vctx, size_t point, size_t rep, const double *out) {
    order_ctx_t *c = vctx;
    size_t t = point * c->n_reps + rep;
    c->seen[c->dones++] = t;
    memcpy(&c->got[2 * t], out, 2 * sizeof *out);
}

START_TEST(test_single_process) {
    CHECK_EQ(runner_mpi_rank(), 0);
    CHECK_EQ(runner_mpi_size(), 1);
}
END_TEST

START_TEST(test_in_order_with_skip) {
    order_ctx_t c;
    memset(&c, 0, sizeof c);
    c.n_reps = 4;
    c.fail_task = SIZE_MAX;
    unsigned char skip[5 * 4] = {0};
    skip[0] = skip[7] = skip[19] = 1;
    runner_mpi_config_t cfg = {5, 4, 2, skip, {NULL, NULL}};
    CHECK_EQ(runner_mpi_run(&cfg, order_task, order_done, &c), 0);
    CHECK_EQ(c.calls, 17);
    CHECK_EQ(c.dones, 17);
    size_t k = 0;
    for (size_t t = 0; t < 20; t++) {
        if (skip[t]) continue;
        CHECK_EQ(c.seen[k++], t);
        CHECK_EQ_D(c.got[2 * t], (double)(t / 4) + 0.25);
        CHECK_EQ_D(c.got[2 * t + 1], (double)(t % 4) / 3.0);
    }
}
END_TEST

START_TEST(test_failure_stops) {
    order_ctx_t c;
    memset(&c, 0, sizeof c);
    c.n_reps = 3;
    c.fail_task = 4;
    runner_mpi_config_t cfg = {3, 3, 2, NULL, {NULL, NULL}};
    CHECK_EQ(runner_mpi_run(&cfg, order_task, order_done, &c), -1);
    CHECK_EQ(c.calls, 5); /* tasks 0..4, nothing after the failure */
    CHECK_EQ(c.dones, 4);
}
END_TEST

START_TEST(test_degenerate) {
    order_ctx_t c;
    memset(&c, 0, sizeof c);
    c.n_reps = 3;
    c.fail_task = SIZE_MAX;
    runner_mpi_config_t empty = {0, 3, 2, NULL, {NULL, NULL}};
    CHECK_EQ(runner_mpi_run(&empty, order_task, order_done, &c), 0);
    CHECK_EQ(c.calls, 0);
    /* done may be NULL; width 0 is allowed (task writes nothing useful) */
    runner_mpi_config_t nodone = {2, 3, 2, NULL, {NULL, NULL}};
    CHECK_EQ(runner_mpi_run(&nodone, order_task, NULL, &c), 0);
    CHECK_EQ(c.calls, 6);
    CHECK_EQ(c.dones, 0);
    /* n_points * n_reps overflows: refused before any task runs */
    runner_mpi_config_t huge = {SIZE_MAX / 2, 3, 2, NULL, {NULL, NULL}};
    CHECK_EQ(runner_mpi_run(&huge, order_task, order_done, &c), -1);
    CHECK_EQ(c.calls, 6);
}
END_TEST

/* The runner's entry, declared for -Wmissing-prototypes. */
extern Suite *suite_runner_mpi(void);
Suite *suite_runner_mpi(void) {
    Suite *s = suite_create("runner_mpi");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_single_process);
    tcase_add_test(tc, test_in_order_with_skip);
    tcase_add_test(tc, test_failure_stops);
    tcase_add_test(tc, test_degenerate);
    suite_add_tcase(s, tc);
    return s;
}
