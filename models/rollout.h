/*
 * rollout.h - a reform part-way in: its patch applied to a share of its
 * full effect, for plans whose reforms ramp in over years (docs/plan.md).
 *
 * A reform is a patch on the scenario tree (reform.h).  Applied with share
 * f (0 .. 1), every setting it changes moves the fraction f of the way
 * from its value before to its value after the patch:
 *
 *   - a number: before + f (after - before); an integer (staff, windows)
 *     is rounded to the nearest whole number, so officers are hired in
 *     whole steps as f grows;
 *   - anything else (a lever switched on, a link mode, a distribution's
 *     text): the new value from f >= 0.5 on, the old one before;
 *   - a setting the patch creates (absent before): present from f >= 0.5.
 *
 * f = 1 gives exactly reform_apply; f = 0 leaves the tree as it was.
 * Reforms compose in order: each one starts from the tree the earlier ones
 * (at their own shares) left.
 */
#ifndef GOVSIM_ROLLOUT_H
#define GOVSIM_ROLLOUT_H

#include <libconfig.h>
#include <stddef.h>

#include "reform.h"

/* Apply `r` with share f (0 .. 1) to `tree`, using `twin`, a second tree
 * with exactly the same content (both read from the same scenario with
 * reform_load_scenario_tree and patched alike so far).  On return both
 * trees hold the same, partly reformed, content.  Returns 0, or -1 with
 * reform_apply's message (the trees must then be discarded). */
int rollout_apply(const reform_t *r, double f, config_t *tree, config_t *twin, char *err,
                  size_t errlen);

#endif
