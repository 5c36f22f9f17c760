/*
 * scn_travel.h - services across regions (跨省通办, docs/scenario-format.md,
 * section `travel`): what a trip costs from where a citizen lives to the
 * hall of another region, the citizens whose matter belongs to another
 * region (migrants), and proxy acceptance, under which a window of the
 * citizen's home region accepts the matter and the file travels instead.
 */
#ifndef GOVSIM_SCN_TRAVEL_H
#define GOVSIM_SCN_TRAVEL_H

#include <libconfig.h>
#include <stdbool.h>

#include "cfgr.h"
#include "dist.h"

/* A trip to a hall and back when the scenario gives no travel matrix:
 * an assumption of the model (docs/model.md), the same for every trip. */
#define SCN_TRAVEL_MINUTES 30.0
/* The file's journey under proxy acceptance when `proxy_delay` is not
 * given: assumption, a courier taking about two days. */
#define SCN_PROXY_DELAY "lognormal(2880, 0.5)"

typedef struct scn_travel {
    double *minutes;    /* [home * n_regions + hall]: minutes of a trip there and
                           back; NULL: SCN_TRAVEL_MINUTES for every trip      */
    double *cost;       /* the same for yuan per trip; NULL: costs.trip_cost   */
    double *migrant;    /* per service: share of its cases whose citizen lives
                           in another region; NULL: none                       */
    bool proxy;         /* proxy acceptance lever                              */
    int *proxy_at;      /* per region: the department whose windows accept
                           other regions' matters, -1: none; NULL: none at all */
    dist_t proxy_delay; /* minutes for the file to reach the owning dept    */
} scn_travel_t;

struct scn;

/* Read the optional top-level group `travel` of `root` into s->travel
 * (regions, departments and services already read).  Returns 0, or -1
 * with a one-line "file:line: travel.x: what is wrong (expected ...)". */
int scn_travel_read(const cfgr_t *r, const config_setting_t *root, struct scn *s,
                    const char *base_dir);

/* Release what scn_travel_read allocated; leaves an empty travel. */
void scn_travel_free(scn_travel_t *t);

#endif
