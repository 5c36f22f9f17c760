#include "runner.h"

#include "clock.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Raised by SIGINT while an experiment runs (see runner.h). */
static atomic_int runner_sigint_flag;

static void on_sigint(int sig) {
    (void)sig;
    atomic_store(&runner_sigint_flag, 1);
}

typedef struct runner {
    const runner_config_t *cfg;
    runner_task_fn fn;
    void *ctx;
    unsigned char *done_mask;
    size_t n_tasks;
    atomic_size_t next; /* next task number to hand out   */
    atomic_size_t done;
    atomic_size_t failed;
    pthread_mutex_t progress_lock;
    double started;
} runner_t;

/* Tell the progress sink how many tasks are done (under the lock, so
 * the sink sees one call at a time and counts that never go back). */
static void report_progress(runner_t *r, bool final) {
    if (!r->cfg->progress.fn) return;
    pthread_mutex_lock(&r->progress_lock);
    size_t done = atomic_load(&r->done) + atomic_load(&r->failed);
    progress_report(&r->cfg->progress, done, r->n_tasks, final);
    pthread_mutex_unlock(&r->progress_lock);
}

static void *worker(void *arg) {
    runner_t *r = arg;
    size_t reps = r->cfg->n_reps;
    for (;;) {
        if (atomic_load(&runner_sigint_flag)) break;
        size_t t = atomic_fetch_add(&r->next, 1);
        if (t >= r->n_tasks) break;
        int rc = r->fn(r->ctx, t / reps, t % reps, &runner_sigint_flag);
        if (rc == 0) {
            atomic_fetch_add(&r->done, 1);
            if (r->done_mask) r->done_mask[t] = 1;
        } else if (rc < 0) {
            atomic_fetch_add(&r->failed, 1);
        }
        report_progress(r, false);
    }
    return NULL;
}

unsigned runner_default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

runner_status_t runner_run(const runner_config_t *cfg, runner_task_fn fn, void *ctx,
                           unsigned char *done_mask) {
    runner_t r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.fn = fn;
    r.ctx = ctx;
    r.done_mask = done_mask;
    r.n_tasks = cfg->n_points * cfg->n_reps;
    atomic_init(&r.next, 0);
    atomic_init(&r.done, 0);
    atomic_init(&r.failed, 0);
    pthread_mutex_init(&r.progress_lock, NULL);
    r.started = clock_wall_seconds();
    if (done_mask) memset(done_mask, 0, r.n_tasks);

    /* Catch the first Ctrl-C (SA_RESETHAND: a second one kills as usual),
     * unless SIGINT was ignored on entry (nohup, background jobs). */
    atomic_store(&runner_sigint_flag, 0);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sigaction(SIGINT, NULL, &old);
    bool catch_sigint = old.sa_handler != SIG_IGN;
    if (catch_sigint) {
        sa.sa_handler = on_sigint;
        sa.sa_flags = SA_RESETHAND | SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
    }

    unsigned n = cfg->threads ? cfg->threads : runner_default_threads();
    if (n > r.n_tasks) n = r.n_tasks ? (unsigned)r.n_tasks : 1;
    pthread_t tid[256];
    if (n > 256) n = 256;
    unsigned started = 0;
    for (unsigned i = 1; i < n; i++)
        if (pthread_create(&tid[started], NULL, worker, &r) == 0) started++;
    worker(&r); /* the calling thread works too */
    for (unsigned i = 0; i < started; i++) pthread_join(tid[i], NULL);

    if (catch_sigint) sigaction(SIGINT, &old, NULL);
    runner_status_t st;
    st.done = atomic_load(&r.done);
    st.failed = atomic_load(&r.failed);
    st.interrupted = atomic_load(&runner_sigint_flag) != 0;
    st.seconds = clock_wall_seconds() - r.started;
    report_progress(&r, true);
    pthread_mutex_destroy(&r.progress_lock);
    return st;
}
