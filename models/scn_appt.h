/*
 * scn_appt.h - a service's `appointments` setting (docs/scenario-format.md):
 * a share of counter cases books a slot and comes near its start.
 */
#ifndef GOVSIM_SCN_APPT_H
#define GOVSIM_SCN_APPT_H

#include <libconfig.h>
#include <stdbool.h>

#include "cfgr.h"

/* Minutes after the slot start a booked citizen comes (negative: early).
 * Durations (sim/dist.h) cannot be negative, hence this small family:
 * const(v), normal(mean, sd) (not truncated), uniform(a, b). */
typedef enum { SCN_OFFSET_CONST, SCN_OFFSET_NORMAL, SCN_OFFSET_UNIFORM } scn_offset_kind_t;
typedef struct scn_offset {
    scn_offset_kind_t kind;
    double a, b; /* value; mean and sd; low and high */
} scn_offset_t;

/* What a citizen who wants a slot does when the slot is full. */
typedef enum { SCN_APPT_WALK_IN, SCN_APPT_NEXT_DAY } scn_appt_full_t;

typedef struct scn_appt {
    bool on;                 /* `appointments` given                         */
    double share;            /* share of counter cases that book (0..1)      */
    double slot_minutes;     /* length of a slot, minutes (1..1440)          */
    int slots_per_window;    /* bookings a window takes per slot (>= 0)      */
    scn_offset_t early_late; /* when the citizen comes, from the slot start */
    double no_show;          /* share of bookings never honoured (0..1)      */
    scn_appt_full_t when_full;
} scn_appt_t;

/* Read member "appointments" of the service group `group` into *out
 * (out->on = false when it is missing).  Returns 0, or -1 with a message
 * "file:line: ...: what is wrong (expected ...)". */
int scn_appt_read(const cfgr_t *r, const config_setting_t *group, scn_appt_t *out);

/* Parse "const(v)", "normal(mean, sd)" (sd > 0) or "uniform(a, b)" (a < b)
 * into *out; 0, or -1 with what is wrong in err. */
int scn_offset_parse(const char *text, scn_offset_t *out, char *err, size_t errlen);

#endif
