/*
 * out_progress.h - progress on stderr: a redrawn bar on a terminal, or
 * log lines for pipes, batch jobs and mpirun.
 *
 * One reporter serves every long command.  Bar: "label [####......]  40%
 * 4/10  3s left", redrawn at most 10 times a second, finished with a
 * newline.  Lines: "label:  40% 4/10  2s elapsed, 3s left", one at each
 * tenth done and at least every OUT_PROGRESS_LINE_SECONDS while the run
 * goes on (and at the end if the run stopped early): what a log file, a
 * notebook or a CI job shows when stderr is not a terminal.  Silent:
 * nothing.
 *
 * out_progress_update matches study/progress.h's callback, so a command
 * passes it and a reporter to the runner.  The reporter owns no memory;
 * the label must outlive it.  Writing to stderr is the only effect; a
 * failed write is ignored (progress is never worth failing a run for).
 */
#ifndef GOVSIM_OUT_PROGRESS_H
#define GOVSIM_OUT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum out_progress_mode {
    OUT_PROGRESS_NONE,
    OUT_PROGRESS_BAR,
    OUT_PROGRESS_LINES
} out_progress_mode_t;

typedef struct out_progress {
    out_progress_mode_t mode;
    const char *label;         /* shown first; NULL: "running"          */
    double started, last_draw; /* monotonic seconds                    */
    size_t last_tenth;         /* lines mode: the last tenth printed     */
    FILE *stream;              /* stderr (set by init; tests change it) */
} out_progress_t;

/* Lines mode: the longest silence between two lines of a running job. */
#define OUT_PROGRESS_LINE_SECONDS 10.0

/* The mode a command uses when not told: a bar when stderr is a
 * terminal, else `otherwise`; NONE when quiet. */
out_progress_mode_t out_progress_auto(bool quiet, out_progress_mode_t otherwise);

/* Start a reporter now (the clock for "time left" starts here). */
void out_progress_init(out_progress_t *p, out_progress_mode_t mode, const char *label);

/* Report `done` of `total` tasks; `final` at the end (the bar gets its
 * newline).  `arg` is an out_progress_t *. */
void out_progress_update(void *arg, size_t done, size_t total, bool final);

/* The same with the monotonic time `now` given (seconds, as
 * clock_wall_seconds; for tests of the 10-second rule). */
void out_progress_update_at(out_progress_t *p, size_t done, size_t total, bool final, double now);

/* "bar", "lines" or "none" (--progress) into *mode; -1 for any other
 * text.  Can't fail otherwise. */
int out_progress_mode_parse(const char *text, out_progress_mode_t *mode);

#endif
