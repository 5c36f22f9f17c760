/*
 * progress.h - how the experiment runners (runner.h, runner_mpi.h) say how far
 * they are, without drawing anything themselves.
 *
 * A runner calls the callback after each finished task with the number of
 * tasks done so far and the total, and once more at the end with `final`
 * set.  What is shown (a bar on a terminal, log lines in a batch job,
 * nothing) is the caller's choice: cli/ passes output/out_progress.h's
 * reporter.  Calls are serialised by the runner (never two at once), so a
 * callback needs no lock of its own.  A NULL callback means silence.
 */
#ifndef GOVSIM_PROGRESS_H
#define GOVSIM_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*progress_fn)(void *arg, size_t done, size_t total, bool final);

/* A callback and its argument, as the runners' configs carry them. */
typedef struct progress_sink {
    progress_fn fn; /* NULL: report nothing */
    void *arg;
} progress_sink_t;

/* Call the sink if it has a callback.  This function can't fail. */
static inline void progress_report(const progress_sink_t *s, size_t done, size_t total,
                                   bool final) {
    if (s && s->fn) s->fn(s->arg, done, total, final);
}

#endif
