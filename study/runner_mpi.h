/*
 * runner_mpi.h - design points x replications spread over MPI ranks.
 *
 * The same task model as runner.h (n_points x n_reps independent tasks, task
 * number t = point * n_reps + rep), but the tasks run in separate processes,
 * possibly on separate machines, started by mpirun or srun.
 *
 * Build: only `make MPI=1` (CC=mpicc, -DGOVSIM_MPI) talks to MPI.  A normal
 * build compiles this module without MPI headers: init/finalize do nothing,
 * rank is 0, size is 1 and runner_mpi_run runs the tasks itself, in order, so
 * callers need no #ifdef.  runner_mpi_built() says which build this is.
 *
 * Distribution (size > 1): rank 0 is the master and computes nothing.  It
 * hands the next task numbers to whichever worker asks first (dynamic, as
 * points differ in cost), in small batches that shrink towards the end
 * (about remaining / (4 * workers), at most 16, at least 1), receives each
 * result as soon as its task finishes and calls done() with it.  A worker
 * asks for its next batch before it computes the current one (so it never
 * waits for rank 0) and thus holds at most two batches.  Results
 * travel as raw bytes, so done() sees exactly the doubles task() wrote:
 * bit-identical to running the task locally (ranks must run the same binary
 * on the same kind of machine, as MPI jobs do).  done() is called on rank 0
 * only, once per finished task, in arrival order; task() is called on ranks
 * >= 1 only (size 1: on rank 0).
 *
 * Waiting: Open MPI's blocking calls spin on a core.  Rank 0 and idle
 * workers instead poll with short sleeps (at most 0.32 ms), so rank 0 costs
 * almost no CPU and one may start one rank more than there are cores.
 * runner_mpi_finalize waits the same way before MPI_Finalize, so ranks that
 * are done do not spin while rank 0 writes its files.
 *
 * Failure: a task returning -1 stops the handing out of new tasks; results
 * of tasks already running still reach done().  runner_mpi_run then returns -1
 * on every rank.  Inconsistent configs across ranks (n_points, n_reps, width
 * differ) or out of memory on any rank also give -1 on every rank, before
 * any task runs.  A crashed rank or an MPI error aborts the whole job (MPI's
 * default error handler): there is no partial recovery inside one run;
 * resume with `skip` instead.
 *
 * Interruption: no SIGINT handling under MPI; mpirun forwards Ctrl-C and
 * the job ends.  What rank 0 had already written (done() callbacks) stays.
 *
 * Progress: rank 0 tells the config's progress sink (study/progress.h)
 * after each finished task.  The caller chooses the look: cli/ passes a
 * bar on a terminal and, with several ranks and stderr not a terminal
 * (mpirun passes rank 0 a pipe, a batch job a file), log lines.
 *
 * State: one static flag records whether runner_mpi_init called MPI_Init (so
 * finalize matches it); there is no other mutable global state.
 */
#ifndef GOVSIM_RUNNER_MPI_H
#define GOVSIM_RUNNER_MPI_H

#include <stdbool.h>
#include <stddef.h>

#include "progress.h"

/* Call at the very start / end of main().  init returns 0, or -1 if MPI
 * could not start (message on stderr).  No-ops in a non-MPI build.
 * Starting the MPI build without mpirun gives a single rank (size 1). */
int runner_mpi_init(int *argc, char ***argv);
void runner_mpi_finalize(void);

int runner_mpi_rank(void);   /* 0 when not under MPI (or before init) */
int runner_mpi_size(void);   /* 1 when not under MPI (or before init) */
bool runner_mpi_built(void); /* true in a `make MPI=1` build           */

/* Every rank says whether it is ready (local_ok); true on every rank only
 * when all are.  Lets a command whose rank 0 failed to set up (an output
 * folder it cannot write) stop the workers instead of leaving them waiting
 * in runner_mpi_run.  Without MPI (or with one rank): local_ok. */
bool runner_mpi_all_ok(bool local_ok);

/* Compute one task (point, rep) into out[0..width-1]; 0 ok, -1 failure. */
typedef int (*runner_mpi_task_fn)(void *ctx, size_t point, size_t rep, double *out);
/* Called on rank 0 only, once per finished task, in arrival order. */
typedef void (*runner_mpi_done_fn)(void *ctx, size_t point, size_t rep, const double *out);

typedef struct runner_mpi_config {
    size_t n_points, n_reps, width;
    /* n_points * n_reps bytes, 1 = already done (resume): never run, no
     * done() call.  May be NULL.  Read on rank 0 only. */
    const unsigned char *skip;
    progress_sink_t progress; /* rank 0: told after each task; {0}: silent */
} runner_mpi_config_t;

/* Run every task not skipped.  All ranks must call it with the same
 * n_points, n_reps and width (checked), and the same task/done semantics.
 * Returns 0 on every rank on success, -1 on every rank if any task failed
 * or the run could not start. */
int runner_mpi_run(const runner_mpi_config_t *cfg, runner_mpi_task_fn task, runner_mpi_done_fn done,
                   void *ctx);

#endif
