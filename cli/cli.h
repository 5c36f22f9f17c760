/*
 * cli.h - the govsim command line: one function per command (cmd_*.c),
 * the option table (options.h), usage errors and escaped printing
 * (messages.c), the progress reporter handed to runners (progress_sink.c),
 * the command line's --set and --reform applied to a scenario
 * (scenario_patch.c), --version (version.c).
 *
 * Every command returns the process exit code: 0 ok, 1 run-time failure,
 * 2 bad usage or bad input.  Usage errors print one line on stderr,
 * "govsim CMD: what is wrong", then a hint line "Try 'govsim help'.".
 */
#ifndef GOVSIM_CLI_H
#define GOVSIM_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "options.h"
#include "reform.h"
#include "scn.h"
#include "out_progress.h"
#include "progress.h"

#define CLI_OK      0
#define CLI_FAILURE 1
#define CLI_USAGE   2

#define GOVSIM_VERSION "0.1.0"

int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_plan(int argc, char **argv);
/* govsim with no command (cmd_default.c); argv[1..] may hold --quiet and
 * --progress MODE, handed to each comparison. */
int cmd_default(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_animate(int argc, char **argv);
void cli_print_usage(void);

/* Report a usage error for command `cmd` (printf-style) and return
 * CLI_USAGE, so callers can `return cli_usage_error(...)`. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Start reporter p for a run labelled `label` and return the sink to put
 * in a runner's config: a bar when stderr is a terminal; otherwise log
 * lines when `lines` (mpirun, batch jobs) or nothing; nothing when
 * quiet.  p must outlive the run. */
progress_sink_t cli_progress(out_progress_t *p, bool quiet, bool lines, const char *label);

/* The same for the long commands (run, compare, sweep, the default job),
 * which take --progress: `mode` is what the user asked for (an
 * out_progress_mode_t, whatever else), or CLI_PROGRESS_AUTO: a bar when
 * stderr is a terminal, otherwise log lines (a log file, a notebook, CI:
 * a line every 10% or 10 s), nothing when quiet. */
progress_sink_t cli_progress_as(out_progress_t *p, bool quiet, int mode, const char *label);

/* --quiet: the path of a file written, one per line on stdout (what a
 * script needs), dir/name. */
void cli_print_path(const char *dir, const char *name);

/* --quiet for charts, whose set depends on the input: dir/NAME.EXT for
 * every NAME of `names` and EXT of `exts` (in that order) that exists in
 * dir now. */
void cli_print_chart_paths(const char *dir, const char *const *names, size_t n_names,
                           const char *const *exts, size_t n_exts);

/* --quiet for a command's output folder: every one of `files`, then each
 * chart of `charts` that exists, as NAME.png, .svg, .dat, .gp. */
void cli_print_output_paths(const char *dir, const char *const *files, size_t n_files,
                            const char *const *charts, size_t n_charts);

/* govsim --version (version.c): govsim's version, then GSL's, igraph's
 * and libconfig's, one a line, on fp.  Can't fail (write errors are the
 * stream's). */
void cli_print_version(FILE *fp);

/* One line on stderr (printf-style, a newline added), with control
 * characters and ill-formed UTF-8 made harmless for the terminal
 * (text_term_puts): messages quote names and paths from input files. */
void cli_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Text from an input file (a name, a warning) printed on stdout the same
 * way. */
void cli_print_text(const char *text);

/* ---- The command line's changes to a scenario (scenario_patch.c) ---- */

/* Apply --set PATH=VALUE expressions, in order, to a scenario tree
 * (reform_set_apply).  Returns 0, or -1 with a message naming --set and
 * the path; the tree must then be discarded. */
int cli_apply_sets(config_t *tree, const char *const *sets, size_t n_sets, char *err,
                   size_t errlen);

/* Load the scenario `path` into *s with the --set expressions, then the
 * reforms, applied in that order (scn_load when there is neither).
 * Returns 0 (free with scn_free), or -1 with a one-line message. */
int cli_load_patched(scn_t *s, const char *path, const char *const *sets, size_t n_sets,
                     const reform_t *reforms, size_t n_reforms, char *err, size_t errlen);

#endif
