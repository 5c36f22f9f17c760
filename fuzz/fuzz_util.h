/*
 * fuzz_util.h - what the libFuzzer targets in fuzz/ share.
 *
 * govsim's loaders read files (libconfig resolves @include and the scenario
 * resolves empirical(...) files against them), so each target writes the
 * fuzzed bytes to a file in a private temporary folder and loads that file
 * through the real entry point: nothing is stubbed or parsed differently.
 * The folder also holds fixed files the targets need (a base scenario for
 * reforms and sweeps, the bundled reforms a sweep may name), copied in once
 * from the source tree (see fz_init).
 *
 * Every input the loader accepts is then simulated for a short time under
 * the sanitizers (fz_run_short), within bounds the harness sets because the
 * engine has no event cap of its own (docs/fuzzing.md).
 */
#ifndef GOVSIM_FUZZ_UTIL_H
#define GOVSIM_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "scn.h"

/* libFuzzer's entry points (defined by each target). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The fixture pairs (source, copy) of the files a bundled baseline
 * @includes: its holiday arrangement and arrival profiles (Harbin's hall
 * stays open at lunch, Xuzhou's does not). */
#define FZ_BASELINE_INCLUDES                                                                       \
    "scenarios/calendars/china_2021.cfg", "calendars/china_2021.cfg",                              \
        "scenarios/profiles/hall_morning_peak.cfg", "profiles/hall_morning_peak.cfg",              \
        "scenarios/profiles/hall_lunch_service.cfg", "profiles/hall_lunch_service.cfg"

/* Create the private folder (under $TMPDIR, removed at exit) and copy the
 * fixture files into it: `pairs` is a NULL-terminated list of
 * "SOURCE", "DEST" paths, SOURCE relative to the source tree (the compiled-in
 * GOVSIM_FUZZ_ROOT, or $GOVSIM_FUZZ_ROOT), DEST relative to the folder.
 * Aborts with a message when anything fails: a harness that cannot set
 * itself up must not report clean runs. */
void fz_init(const char *const *pairs);

/* The private folder's path joined with `rel` (a static buffer). */
const char *fz_path(const char *rel);

/* Write data[0..size) to fz_path(rel), replacing it.  Aborts on failure. */
void fz_write(const char *rel, const uint8_t *data, size_t size);

/* Simulate `days` days (no warm-up) of one replication of *s, when the
 * harness's bounds allow it (see fz_within_bounds).  Returns 1 when it ran,
 * 0 when it was skipped (out of bounds or refused by flow_check).  A crash,
 * sanitizer report or hang inside is the finding. */
int fz_run_short(scn_t *s, int days);

#endif
