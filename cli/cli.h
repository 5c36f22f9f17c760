/*
 * cli.h - the govsim command line: one function per command (cmd_*.c),
 * the option table (options.h), usage errors and escaped printing
 * (messages.c), the progress reporter handed to runners (progress_sink.c).
 *
 * Every command returns the process exit code: 0 ok, 1 run-time failure,
 * 2 bad usage or bad input.  Usage errors print one line on stderr,
 * "govsim CMD: what is wrong", then a hint line "Try 'govsim help'.".
 */
#ifndef GOVSIM_CLI_H
#define GOVSIM_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "options.h"
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
int cmd_trace(int argc, char **argv);
int cmd_animate(int argc, char **argv);
/* govsim with no arguments (cmd_default.c). */
int cmd_default(void);
void cli_print_usage(void);

/* Report a usage error for command `cmd` (printf-style) and return
 * CLI_USAGE, so callers can `return cli_usage_error(...)`. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Start reporter p for a run labelled `label` and return the sink to put
 * in a runner's config: a bar when stderr is a terminal; otherwise log
 * lines when `lines` (mpirun, batch jobs) or nothing; nothing when
 * quiet.  p must outlive the run. */
progress_sink_t cli_progress(out_progress_t *p, bool quiet, bool lines, const char *label);

/* One line on stderr (printf-style, a newline added), with control
 * characters and ill-formed UTF-8 made harmless for the terminal
 * (text_term_puts): messages quote names and paths from input files. */
void cli_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Text from an input file (a name, a warning) printed on stdout the same
 * way. */
void cli_print_text(const char *text);

#endif
