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

/* A two-shift M/M/c hall as a scenario: arrivals lambda per minute around
 * the clock, exponential work of mean 1/mu, c_weekday windows Monday to
 * Friday (the fixed count) and c_weekend at weekends (a roster), `weeks`
 * measured after one week of warm-up.  Each shift lasts days, far longer
 * than the queue's relaxation time, so time averages are 5/7 of M/M/c
 * with c_weekday plus 2/7 with c_weekend.  Returns 0, or -1 with a
 * message. */
int validate_two_shift_scenario(scn_t *s, double lambda, double mu, unsigned c_weekday,
                                unsigned c_weekend, int weeks, char *err, size_t errlen);

/* The 12345 hotline's call centre as M/M/c+M: own calls lambda per minute
 * around the clock (no triggers, no appeals), c operators, exponential
 * talk of mean 1/mu minutes, callers who hang up after an exponential
 * patience of mean 1/theta minutes; a token service beside it.  `days`
 * measured after one day of warm-up.  Returns 0, or -1 with a message. */
int validate_hotline_scenario(scn_t *s, double lambda, double mu, unsigned c, double theta,
                              double days, char *err, size_t errlen);

#endif
