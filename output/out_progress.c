/* Progress on stderr (out_progress.h). */
#include "out_progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"

out_progress_mode_t out_progress_auto(bool quiet, out_progress_mode_t otherwise) {
    if (quiet) return OUT_PROGRESS_NONE;
    return isatty(STDERR_FILENO) ? OUT_PROGRESS_BAR : otherwise;
}

void out_progress_init(out_progress_t *p, out_progress_mode_t mode, const char *label) {
    p->mode = mode;
    p->label = label;
    p->started = clock_wall_seconds();
    p->last_draw = -1;
    p->last_tenth = 0;
    p->stream = stderr;
}

/* Seconds left, extrapolated from the share done so far. */
static double seconds_left(double elapsed, double share) {
    return share > 0 ? elapsed * (1 - share) / share : 0;
}

static void draw_bar(out_progress_t *p, size_t done, size_t total, bool final, double now) {
    if (!final && now - p->last_draw < 0.1) return;
    p->last_draw = now;
    double share = total ? (double)done / (double)total : 1.0;
    int width = 30, filled = (int)(share * width);
    char bar[32];
    for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(p->stream, "\r%s [%s] %3.0f%% %zu/%zu  %.0fs left   ", p->label ? p->label : "running",
            bar, 100 * share, done, total, seconds_left(now - p->started, share));
    if (final) fputc('\n', p->stream);
    fflush(p->stream);
}

/* A log line at each tenth done, at least every OUT_PROGRESS_LINE_SECONDS
 * while something is still running (a slow run is not silent for
 * minutes), and at the end when the run stopped short (so the log says
 * where). */
static void draw_line(out_progress_t *p, size_t done, size_t total, bool final, double now) {
    size_t tenth = total ? done * 10 / total : 10;
    bool stopped = final && done < total;
    double since = now - (p->last_draw < 0 ? p->started : p->last_draw);
    bool due = !final && done < total && since >= OUT_PROGRESS_LINE_SECONDS;
    if (tenth <= p->last_tenth && !stopped && !due) return;
    if (tenth > p->last_tenth) p->last_tenth = tenth;
    p->last_draw = now;
    double share = total ? (double)done / (double)total : 1;
    double elapsed = now - p->started;
    fprintf(p->stream, "%s: %3.0f%% %zu/%zu  %.0fs elapsed, %.0fs left\n",
            p->label ? p->label : "running", 100 * share, done, total, elapsed,
            seconds_left(elapsed, share));
    fflush(p->stream);
}

void out_progress_update(void *arg, size_t done, size_t total, bool final) {
    out_progress_t *p = arg;
    if (p->mode == OUT_PROGRESS_NONE) return;
    out_progress_update_at(p, done, total, final, clock_wall_seconds());
}

void out_progress_update_at(out_progress_t *p, size_t done, size_t total, bool final, double now) {
    if (p->mode == OUT_PROGRESS_NONE) return;
    if (p->mode == OUT_PROGRESS_BAR) draw_bar(p, done, total, final, now);
    else draw_line(p, done, total, final, now);
}

int out_progress_mode_parse(const char *text, out_progress_mode_t *mode) {
    static const char *const NAMES[] = {"none", "bar", "lines"};
    for (int m = 0; m < 3; m++)
        if (strcmp(text, NAMES[m]) == 0) {
            *mode = (out_progress_mode_t)m;
            return 0;
        }
    return -1;
}
