/*
 * out_anim.h - "a day in the hall": one self-contained web page that
 * replays a simulated day (govsim animate).
 *
 * The page has no network access and no external library: the day's
 * events are embedded as JSON in a <script>, and a small player draws
 * each variant as an SVG: departments (and one-stop halls) as boxes with
 * their windows and their line of citizens (dots), the back office's
 * officers and its pile of files, the data links between boxes and the
 * data requests travelling along them, and citizens travelling to a hall
 * before they join its line.  A clock, play/pause, a speed choice and a
 * slider move time; with two variants (baseline and a reform) both are
 * drawn side by side at the same moment, on the same citizens.
 *
 * For tests the page exposes its state: window.govsimState(t) returns, at
 * minute t of the day (0 = midnight), the number of citizens (or files)
 * waiting in each line, per variant, keyed by resource as in the event
 * log ("market windows", "tax officers", "town hall"); a URL ending in
 * "#t=630" shows 10:30 on load and writes that state as JSON into
 * <pre id="govsim-state"> and the title "govsim state t=630", so
 * `chromium --headless --dump-dom` can read it.
 *
 * Every name is written into the JSON escaped for a <script> element
 * (no "</script>" can end it) and set as text, never as HTML.  Write
 * errors are the stream's (out_file_commit checks them).
 */
#ifndef GOVSIM_OUT_ANIM_H
#define GOVSIM_OUT_ANIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A place: a department (windows and officers) or a one-stop hall
 * (windows only: officers 0). */
typedef struct out_anim_box {
    const char *name;     /* shown                                        */
    const char *windows;  /* resource id of its windows ("market windows") */
    const char *officers; /* of its officers, or NULL                     */
    unsigned n_windows, n_officers;
    unsigned waiting[2]; /* waiting at the start of the day: windows, officers */
    unsigned busy[2];    /* being served then                            */
} out_anim_box_t;

typedef struct out_anim_link {
    unsigned from, to; /* boxes                                          */
    const char *mode;  /* "api", "manual", "hub", "none"                   */
} out_anim_link_t;

typedef enum out_anim_kind {
    OUT_ANIM_JOIN = 'j',  /* joins a line                                 */
    OUT_ANIM_START = 's', /* leaves it, served                            */
    OUT_ANIM_DONE = 'c',  /* service ends                                 */
    OUT_ANIM_LEAVE = 'g', /* leaves the line unserved (gives up, closing) */
    OUT_ANIM_DATA = 'd'   /* a data request from `from` to `box`, until   */
} out_anim_kind_t;

typedef struct out_anim_event {
    double t; /* minutes of the day (may pass 1440 for data)    */
    char kind;
    unsigned box, lane; /* lane 0 windows, 1 officers          */
    uint64_t who;       /* the case                            */
    unsigned from;      /* OUT_ANIM_DATA                       */
    double until;       /* OUT_ANIM_DATA: arrival              */
} out_anim_event_t;

typedef struct out_anim_variant {
    const char *label;
    size_t n_boxes, n_links, n_events;
    const out_anim_box_t *boxes;
    const out_anim_link_t *links;
    const out_anim_event_t *events; /* in time order */
} out_anim_variant_t;

/* The page: `title`, the day's label ("day 15 (Mon)"), the slider's range
 * in minutes of the day, one or two variants. */
void out_anim_write(FILE *fp, const char *title, const char *day_label, double t_from, double t_to,
                    const out_anim_variant_t *v, size_t n_variants);

/* For slides: DIR/animation.gif (gnuplot's `gif animate` terminal), one
 * frame every `step` minutes from t_from to t_to: the number of citizens
 * in each window line (bars per box, one colour per variant), the clock in
 * the title.  Its data and script are left beside it (animation.dat,
 * animation.gp) so a user can restyle it.  The GIF is drawn under a
 * temporary name, checked (GIF signature first, trailer last) and renamed.
 * Returns 0, or -1 with a one-line message (gnuplot missing or failing,
 * a write error). */
int out_anim_gif(const char *dir, const char *title, const char *day_label, double t_from,
                 double t_to, double step, const out_anim_variant_t *v, size_t n_variants,
                 char *err, size_t errlen);

#endif
