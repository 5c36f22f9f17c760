/*
 * scn_breach.h - the scenario's `breaches` (docs/scenario-format.md): the
 * online platform, the data links or the hub broken into, with the
 * consequences the model already knows how to feel: sharing suspended
 * (api links fall back to manual exchange), online use dipping for a
 * while, and a cost per breach.
 */
#ifndef GOVSIM_SCN_BREACH_H
#define GOVSIM_SCN_BREACH_H

#include <libconfig.h>
#include <stddef.h>

#include "cfgr.h"
#include "dist.h"

#define SCN_MAX_BREACHES 16 /* breach processes per scenario */

typedef struct scn_breach {
    int target;          /* scn_incident_target_t: online, links, hub     */
    double per_year;     /* breaches a year at security 1 (> 0)         */
    dist_t suspend_days; /* days the target is taken down (calendar)     */
    double dip_days;     /* days online use dips afterwards (>= 0)      */
    double dip_share;    /* share of would-be online citizens who go to
                            the counter meanwhile (0..1)                */
    double cost;         /* yuan per breach (>= 0)                      */
} scn_breach_t;

/* Read the top-level list `breaches` of `root` (missing: none) into a
 * calloc'ed array *out of *n elements.  `base_dir` resolves empirical(...)
 * files.  Returns 0, or -1 with "file:line: setting: what is wrong
 * (expected ...)" (*out then holds what was read, for scn_breach_free). */
int scn_breach_read(const cfgr_t *r, const config_setting_t *root, const char *base_dir,
                    scn_breach_t **out, size_t *n);

/* Release what scn_breach_read allocated; safe on NULL. */
void scn_breach_free(scn_breach_t *b, size_t n);

/* Expected breaches per year of breach b under `security` (rate divided by
 * it), and their expected cost per year summed over n breach processes. */
double scn_breach_rate(const scn_breach_t *b, double security);
double scn_breach_cost_year(const scn_breach_t *b, size_t n, double security);

#endif
