/*
 * runner.h - the experiment runner: design points x replications on threads.
 *
 * An experiment is n_points x n_reps independent tasks.  Worker threads take
 * the next task number from an atomic counter (dynamic scheduling: points
 * may differ in cost) and call the task function, which writes its results
 * into caller-owned storage at [point][rep].  Because every task seeds its
 * own random streams from (seed, rep, stream) and writes to its own slot,
 * the results are bit-identical whatever the number of threads or the order
 * tasks happen to run in.
 *
 * Interruption: while runner_run runs, the first SIGINT (Ctrl-C) raises a stop
 * flag instead of killing the process (a second one kills it; an ignored
 * SIGINT stays ignored).  No new task starts; running tasks see
 * the flag (passed to them) and return early; runner_run reports which tasks
 * finished so the caller can write what it has and mark it incomplete.
 * The flag is the only process-wide mutable state in govsim (a signal
 * handler has no other way to speak), and it is an atomic.
 *
 * Progress: after each task the runner calls the config's progress sink
 * (study/progress.h) with the count done, serialised under a lock; what
 * is drawn is the caller's business (cli/ passes output/out_progress.h).
 */
#ifndef GOVSIM_RUNNER_H
#define GOVSIM_RUNNER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "progress.h"

/* Run one task.  Return 0 when done, 1 when it stopped early because *stop
 * became non-zero, -1 on failure (out of memory). */
typedef int (*runner_task_fn)(void *ctx, size_t point, size_t rep, const atomic_int *stop);

typedef struct runner_config {
    size_t n_points;
    size_t n_reps;
    unsigned threads;         /* 0: all cores                                */
    progress_sink_t progress; /* told after each task; {0}: silent        */
} runner_config_t;

typedef struct runner_status {
    size_t done;      /* tasks that returned 0                        */
    size_t failed;    /* tasks that returned -1                       */
    bool interrupted; /* SIGINT arrived; some tasks did not finish    */
    double seconds;   /* wall-clock time                              */
} runner_status_t;

/* Run all tasks.  `done_mask`, when not NULL, has n_points * n_reps bytes
 * and receives 1 for each task that finished (index point * n_reps + rep).
 * Returns the status; never fails itself (if threads cannot be created it
 * runs the tasks on the calling thread). */
runner_status_t runner_run(const runner_config_t *cfg, runner_task_fn fn, void *ctx,
                           unsigned char *done_mask);

/* Number of online processors (at least 1). */
unsigned runner_default_threads(void);

#endif
