/*
 * validate_flow.h - queueing systems written as scenarios, for `govsim
 * validate`: the check that the workflow model (models/flow.c) reached
 * through the scenario language, not only the kernel, agrees with theory.
 */
#ifndef GOVSIM_VALIDATE_FLOW_H
#define GOVSIM_VALIDATE_FLOW_H

#include "scn.h"

/* M/M/c+M (Erlang A) as a scenario: one department open around the clock
 * with c windows, arrivals lambda per minute, exponential work of mean
 * 1/mu minutes, exponential patience of mean 1/theta minutes, and every
 * citizen whose patience runs out lost for good (never_return = 1).
 * `days` measured after one day of warm-up.  Built through the scenario
 * path (libconfig text, scn_from_config).  Returns 0, or -1 with a
 * message. */
int validate_erlang_a_scenario(scn_t *s, double lambda, double mu, unsigned c, double theta,
                               double days, char *err, size_t errlen);

#endif
