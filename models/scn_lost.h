/*
 * scn_lost.h - the scenario settings of citizens lost at a window line.
 *
 * A service's `balk` (docs/scenario-format.md): the line length at which a
 * citizen goes away instead of joining.  Written as a number (everyone has
 * the same threshold) or as a distribution string (each citizen draws
 * their own); read into a dist_t either way (a number n is const(n)).
 */
#ifndef GOVSIM_SCN_LOST_H
#define GOVSIM_SCN_LOST_H

#include <libconfig.h>
#include <stdbool.h>

#include "cfgr.h"
#include "dist.h"

/* Read member "balk" of `group`: *has = false when it is missing.  Returns
 * 0, or -1 with a message "file:line: ...balk: what is wrong (expected
 * ...)". */
int scn_read_balk(const cfgr_t *r, const config_setting_t *group, const char *base_dir, bool *has,
                  dist_t *out);

#endif
