/*
 * scn_hotline.h - a scenario's `hotline` block (docs/scenario-format.md):
 * the 12345 citizen hotline.  Calls arrive on their own (by an arrival
 * profile, around the clock or within `hours`) and after service failures
 * (each kind with its probability); operators on a roster answer them;
 * callers hang up after an exponential patience; a share of the answered
 * calls becomes an appeal, dispatched to a department whose back-office
 * officers work it within a working-day limit, then a callback and a
 * rating.  models/hotline.c runs it.
 */
#ifndef GOVSIM_SCN_HOTLINE_H
#define GOVSIM_SCN_HOTLINE_H

#include <libconfig.h>
#include <stdbool.h>

#include "cfgr.h"
#include "dist.h"
#include "roster.h"

/* The service failures that may make a citizen call (hotline.triggers). */
typedef enum {
    SCN_HL_OVER_LIMIT,  /* the case finished over its time limit            */
    SCN_HL_REPEAT_TRIP, /* a second, third ... trip to a hall              */
    SCN_HL_LOST,        /* gave up in a line, or refused it (balked)        */
    SCN_HL_REWORK,      /* sent home for materials, or work redone          */
    SCN_HL_TRIGGERS
} scn_hl_trigger_t;

struct scn;
struct scn_profile;

typedef struct scn_hotline {
    bool on;                          /* `hotline` given                          */
    double calls_per_day;             /* own calls per calendar day (average)     */
    struct scn_profile *profile;      /* NULL: flat demand                        */
    double open, close;               /* minutes of the day the centre takes calls */
    int operators;                    /* operators on duty (fixed count)          */
    roster_t roster;                  /* operators by day type (its `staff`)      */
    dist_t talk;                      /* minutes an operator spends on a call     */
    double patience;                  /* mean minutes a caller waits (exp); 0: never
                                         hangs up                                 */
    double trigger[SCN_HL_TRIGGERS];  /* chance a failure makes the citizen call  */
    double appeal_share;              /* share of answered own calls that become
                                         appeals (triggered calls always do)      */
    double complex_share;             /* share of appeals that are complex        */
    double simple_days, complex_days; /* limits, working days                     */
    dist_t simple_work, complex_work; /* officer minutes per appeal               */
    double *dept_share;               /* [n_departments]: where own-call appeals go */
    double bad_within, bad_over;      /* chance of a bad rating, in time / late   */
    bool listen;                      /* appeals steer demand-responsive staffing */
    double listen_minutes;            /* load a complaint adds there, minutes     */
} scn_hotline_t;

/* Read member "hotline" of the root group into *out (out->on = false when
 * it is missing); the calendar, run length and departments of s are read
 * already.  Returns 0, or -1 with a message "file:line: hotline.x: what is
 * wrong (expected ...)". */
int scn_hotline_read(const cfgr_t *r, const struct scn *s, const config_setting_t *root,
                     const char *base_dir, scn_hotline_t *out);

void scn_hotline_free(scn_hotline_t *h);

/* Names of the triggers as in the file ("over_limit", ...). */
const char *scn_hotline_trigger_name(scn_hl_trigger_t t);

#endif
