#include "runner_mpi.h"
#include "runner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef GOVSIM_MPI
#include <mpi.h>
#endif

/* ------------------------------------------------------------------ */
/* Progress (rank 0): the caller's sink counts finished tasks.         */

typedef struct progress {
    const progress_sink_t *sink;
    size_t total, finished;
} progress_t;

static void progress_draw(const progress_t *p, bool final) {
    progress_report(p->sink, p->finished, p->total, final);
}

static void progress_init(progress_t *p, const runner_mpi_config_t *cfg, size_t total) {
    p->sink = &cfg->progress;
    p->total = total;
    p->finished = 0;
}

/* Number of tasks to run; SIZE_MAX when n_points * n_reps overflows. */
static size_t count_tasks(const runner_mpi_config_t *cfg) {
    if (cfg->n_reps && cfg->n_points > SIZE_MAX / cfg->n_reps) return SIZE_MAX;
    return cfg->n_points * cfg->n_reps;
}

/* ------------------------------------------------------------------ */
/* One process: run the tasks in order (size 1, or a non-MPI build).   */

static int run_local(const runner_mpi_config_t *cfg, runner_mpi_task_fn task,
                     runner_mpi_done_fn done, void *ctx) {
    size_t n = count_tasks(cfg);
    if (n == SIZE_MAX || !task) return -1;
    size_t todo = 0;
    for (size_t t = 0; t < n; t++) todo += !(cfg->skip && cfg->skip[t]);
    /* +1: width may be 0 and malloc(0) may return NULL. */
    double *out = malloc((cfg->width + 1) * sizeof *out);
    if (!out) return -1;
    progress_t prog;
    progress_init(&prog, cfg, todo);
    int status = 0;
    for (size_t t = 0; t < n; t++) {
        if (cfg->skip && cfg->skip[t]) continue;
        size_t point = t / cfg->n_reps, rep = t % cfg->n_reps;
        if (task(ctx, point, rep, out) != 0) {
            status = -1; /* as under MPI: no new task after a failure */
            break;
        }
        if (done) done(ctx, point, rep, out);
        prog.finished++;
        progress_draw(&prog, false);
    }
    progress_draw(&prog, true);
    free(out);
    return status;
}

#ifndef GOVSIM_MPI

/* ------------------------------------------------------------------ */
/* Built without MPI: one process, no MPI headers needed.              */

int runner_mpi_init(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    return 0;
}
void runner_mpi_finalize(void) {}
int runner_mpi_rank(void) { return 0; }
int runner_mpi_size(void) { return 1; }
bool runner_mpi_built(void) { return false; }
bool runner_mpi_all_ok(bool local_ok) { return local_ok; }

int runner_mpi_run(const runner_mpi_config_t *cfg, runner_mpi_task_fn task, runner_mpi_done_fn done,
                   void *ctx) {
    return run_local(cfg, task, done, ctx);
}

#else /* GOVSIM_MPI */

/* ------------------------------------------------------------------ */
/* MPI build.                                                          */

/* Whether runner_mpi_init called MPI_Init, so runner_mpi_finalize calls
 * MPI_Finalize exactly when it should (the one static flag, see .h). */
static bool runner_mpi_we_initialized;

enum {
    TAG_REQUEST = 1, /* worker -> master: empty, "give me work"          */
    TAG_TASK,        /* master -> worker: uint64 task numbers (a batch)  */
    TAG_RESULT,      /* worker -> master: uint64 t, int64 rc, width dbl
                        (one per task handed out, run or not)          */
    TAG_STOP,        /* master -> worker: empty, no more tasks           */
    TAG_FINAL        /* master -> worker: int status of the whole run    */
};

enum { BATCH_MAX = 16 };

/* A RESULT's status word. */
enum { RC_OK = 0, RC_FAILED = -1, RC_NOT_RUN = 1 };

static bool mpi_live(void) {
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    return init && !fin;
}

int runner_mpi_rank(void) {
    int r = 0;
    if (mpi_live()) MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int runner_mpi_size(void) {
    int s = 1;
    if (mpi_live()) MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

bool runner_mpi_built(void) { return true; }

int runner_mpi_init(int *argc, char ***argv) {
    if (mpi_live()) return 0;
    /* FUNNELED: rank 0 may use threads elsewhere (runner_run), but only the
     * main thread calls MPI. */
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "govsim: MPI_Init failed\n");
        return -1;
    }
    runner_mpi_we_initialized = true;
    /* srun without an MPI plugin starts N singletons that would each run
     * the whole sweep and write the same files: say so. */
    const char *nt = getenv("SLURM_NTASKS");
    if (nt && strtol(nt, NULL, 10) > 1 && runner_mpi_size() == 1)
        fprintf(stderr,
                "govsim: warning: Slurm started %s tasks but MPI sees one "
                "rank; try `srun --mpi=pmix` (or pmi2) or mpirun\n",
                nt);
    return 0;
}

/* Sleep a little longer each time nothing happened: a few spins first
 * (a reply is often microseconds away), then 20 us doubling to 320 us.
 * The cap bounds the latency a waiting rank adds; at 320 us an idle rank
 * wakes ~3000 times a second, about 1% of a core. */
typedef struct backoff {
    int spins;
    long ns;
} backoff_t;

static void backoff_reset(backoff_t *b) {
    b->spins = 0;
    b->ns = 20000;
}

static void backoff_pause(backoff_t *b) {
    if (b->spins < 64) {
        b->spins++;
        return;
    }
    struct timespec ts = {0, b->ns};
    nanosleep(&ts, NULL);
    if (b->ns < 320000) b->ns *= 2;
}

/* Poll until *rq completes without spinning a core (Open MPI's MPI_Wait
 * busy-polls).  Callers then MPI_Wait, which returns at once (and pairs
 * the request for clang-tidy's MPI checker). */
static void wait_polite(MPI_Request *rq) {
    backoff_t b;
    backoff_reset(&b);
    for (;;) {
        int flag = 0;
        MPI_Test(rq, &flag, MPI_STATUS_IGNORE);
        if (flag) return; /* *rq is now MPI_REQUEST_NULL */
        backoff_pause(&b);
    }
}

void runner_mpi_finalize(void) {
    if (!runner_mpi_we_initialized || !mpi_live()) return;
    /* Ranks that finish early would otherwise spin inside MPI_Finalize
     * while rank 0 still writes files. */
    MPI_Request rq;
    MPI_Ibarrier(MPI_COMM_WORLD, &rq);
    wait_polite(&rq); /* no MPI_Wait: the MPI checker ignores Ibarrier */
    MPI_Finalize();
    runner_mpi_we_initialized = false;
}

/* Every rank: check that the configs agree and that each rank is ready
 * (local_ok); false on every rank otherwise.  One allreduce of MAX over
 * (x, ~x) gives both the maximum and the minimum of each field. */
static bool agree(const runner_mpi_config_t *cfg, bool local_ok) {
    uint64_t v[8] = {cfg->n_points, cfg->n_reps, cfg->width, !local_ok};
    for (int i = 0; i < 3; i++) v[4 + i] = ~v[i];
    uint64_t r[8];
    MPI_Request rq;
    MPI_Iallreduce(v, r, 8, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &rq);
    wait_polite(&rq);
    MPI_Wait(&rq, MPI_STATUS_IGNORE);
    bool ok = r[3] == 0;
    for (int i = 0; i < 3; i++) ok = ok && r[i] == ~r[4 + i];
    return ok;
}

bool runner_mpi_all_ok(bool local_ok) {
    if (!mpi_live() || runner_mpi_size() == 1) return local_ok;
    int mine = !local_ok, any = 0;
    MPI_Request rq;
    MPI_Iallreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &rq);
    wait_polite(&rq);
    MPI_Wait(&rq, MPI_STATUS_IGNORE);
    return any == 0;
}

static size_t result_bytes(size_t width) { return 2 * sizeof(uint64_t) + width * sizeof(double); }

static int run_master(const runner_mpi_config_t *cfg, runner_mpi_done_fn done, void *ctx, int size,
                      unsigned char *buf) {
    size_t n = count_tasks(cfg), nb = result_bytes(cfg->width);
    size_t todo = 0;
    for (size_t t = 0; t < n; t++) todo += !(cfg->skip && cfg->skip[t]);
    double *out = (double *)(void *)(buf + nb); /* aligned copy area */
    progress_t prog;
    progress_init(&prog, cfg, todo);

    size_t next = 0, unassigned = todo;
    size_t outstanding = 0; /* handed out, result not yet back */
    const size_t workers = (size_t)size - 1;
    int active = size - 1; /* workers not yet told to stop */
    bool failed = false;
    backoff_t b;
    backoff_reset(&b);
    /* Workers ask for their next batch before computing the current one,
     * so a STOP can overtake results still to come: wait for both. */
    while (active > 0 || outstanding > 0) {
        int flag = 0;
        MPI_Message msg;
        MPI_Status st;
        MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &msg, &st);
        if (!flag) {
            progress_draw(&prog, false);
            backoff_pause(&b);
            continue;
        }
        backoff_reset(&b);
        int src = st.MPI_SOURCE;
        if (st.MPI_TAG == TAG_RESULT) {
            MPI_Mrecv(buf, (int)nb, MPI_BYTE, &msg, MPI_STATUS_IGNORE);
            uint64_t t;
            int64_t rc;
            memcpy(&t, buf, sizeof t);
            memcpy(&rc, buf + sizeof t, sizeof rc);
            outstanding--;
            if (rc == RC_OK) {
                memcpy(out, buf + 2 * sizeof t, cfg->width * sizeof *out);
                if (done) done(ctx, (size_t)t / cfg->n_reps, (size_t)t % cfg->n_reps, out);
                prog.finished++;
            } else if (rc == RC_FAILED) {
                failed = true;
            } /* RC_NOT_RUN: dropped after a failure on that worker */
            progress_draw(&prog, false);
        } else if (st.MPI_TAG == TAG_REQUEST) {
            MPI_Mrecv(NULL, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);
            if (failed || unassigned == 0) {
                MPI_Send(NULL, 0, MPI_BYTE, src, TAG_STOP, MPI_COMM_WORLD);
                active--;
                continue;
            }
            /* Guided batches: big enough to save round trips while much
             * is left, down to single tasks at the end for balance. */
            size_t k = unassigned / (4 * workers);
            if (k > BATCH_MAX) k = BATCH_MAX;
            if (k < 1) k = 1;
            uint64_t batch[BATCH_MAX];
            int m = 0;
            while ((size_t)m < k && next < n) {
                if (!(cfg->skip && cfg->skip[next])) batch[m++] = next;
                next++;
            }
            unassigned -= (size_t)m;
            outstanding += (size_t)m;
            MPI_Send(batch, m, MPI_UINT64_T, src, TAG_TASK, MPI_COMM_WORLD);
        } else { /* cannot happen with a consistent program; drain it */
            MPI_Mrecv(NULL, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);
        }
    }
    int status = failed || prog.finished != todo ? -1 : 0;
    for (int w = 1; w < size; w++) MPI_Send(&status, 1, MPI_INT, w, TAG_FINAL, MPI_COMM_WORLD);
    progress_draw(&prog, true);
    return status;
}

/* Wait (politely) for the master's answer to a REQUEST and receive it:
 * the number of task numbers put in batch, or -1 for STOP. */
static int worker_receive(uint64_t batch[BATCH_MAX]) {
    int flag = 0;
    MPI_Message msg;
    MPI_Status st;
    backoff_t b;
    backoff_reset(&b);
    for (;;) {
        MPI_Improbe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &msg, &st);
        if (flag) break;
        backoff_pause(&b);
    }
    if (st.MPI_TAG != TAG_TASK) { /* TAG_STOP */
        MPI_Mrecv(NULL, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);
        return -1;
    }
    int m = 0;
    MPI_Get_count(&st, MPI_UINT64_T, &m);
    MPI_Mrecv(batch, BATCH_MAX, MPI_UINT64_T, &msg, MPI_STATUS_IGNORE);
    return m;
}

static int run_worker(const runner_mpi_config_t *cfg, runner_mpi_task_fn task, void *ctx,
                      unsigned char *buf) {
    size_t nb = result_bytes(cfg->width);
    double *out = (double *)(void *)(buf + nb);
    uint64_t batch[BATCH_MAX];
    MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_REQUEST, MPI_COMM_WORLD);
    int m = worker_receive(batch);
    while (m >= 0) {
        /* Ask for the next batch now, so the answer is here when this one
         * is done: rank 0 sleeps between polls, and this hides that. */
        MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_REQUEST, MPI_COMM_WORLD);
        bool failed = false;
        for (int i = 0; i < m; i++) {
            uint64_t t = batch[i];
            int64_t rc = RC_NOT_RUN;
            if (!failed)
                rc = task(ctx, (size_t)t / cfg->n_reps, (size_t)t % cfg->n_reps, out) == 0
                         ? RC_OK
                         : RC_FAILED;
            failed = failed || rc == RC_FAILED;
            memcpy(buf, &t, sizeof t);
            memcpy(buf + sizeof t, &rc, sizeof rc);
            if (rc == RC_OK) memcpy(buf + 2 * sizeof t, out, cfg->width * sizeof *out);
            /* Every task handed out gets an answer, run or not, so the
             * master knows when all are accounted for. */
            MPI_Send(buf, (int)nb, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD);
        }
        m = worker_receive(batch);
    }
    int status = -1;
    MPI_Request rq;
    MPI_Irecv(&status, 1, MPI_INT, 0, TAG_FINAL, MPI_COMM_WORLD, &rq);
    wait_polite(&rq);
    MPI_Wait(&rq, MPI_STATUS_IGNORE);
    return status;
}

int runner_mpi_run(const runner_mpi_config_t *cfg, runner_mpi_task_fn task, runner_mpi_done_fn done,
                   void *ctx) {
    int size = runner_mpi_size(), rank = runner_mpi_rank();
    if (size <= 1) return run_local(cfg, task, done, ctx);

    /* MPI counts are ints: a result must fit in one message. */
    bool ok = count_tasks(cfg) != SIZE_MAX && (rank == 0 || task) &&
              cfg->width < (size_t)INT32_MAX / sizeof(double) - 2;
    size_t nb = result_bytes(cfg->width);
    /* One message buffer, then an aligned out[] for task() and done()
     * (nb is a multiple of 8, so buf + nb is aligned for doubles). */
    unsigned char *buf = ok ? malloc(nb + (cfg->width + 1) * sizeof(double)) : NULL;
    if (!agree(cfg, buf != NULL) || !buf) {
        free(buf);
        return -1;
    }
    int status =
        rank == 0 ? run_master(cfg, done, ctx, size, buf) : run_worker(cfg, task, ctx, buf);
    free(buf);
    return status;
}

#endif /* GOVSIM_MPI */
