/*
 * options.h - the one option table of the govsim command line.
 *
 * Every option any command takes is described once, in options.c: its
 * short and long spelling, the value it takes and that value's range, and
 * a line of help.  A command is described by which of those options it
 * accepts, its positional arguments and a paragraph; cli_args_parse reads
 * argv against that description, so `-r`, `--seed` or `-o` mean the same
 * thing, with the same range and the same error message, in every command.
 * `govsim help CMD` and `govsim CMD --help` print the same per-command
 * text, made from the table (cli_command_help).
 *
 * Usage errors (unknown option, missing or bad value, too many or too few
 * arguments) print one line and the hint "Try 'govsim help CMD'." on
 * stderr; an unknown option close to a known one gets "did you mean".
 * Nothing here allocates: values point into argv.
 */
#ifndef GOVSIM_CLI_OPTIONS_H
#define GOVSIM_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The options, in the order help lists them. */
typedef enum cli_opt {
    CLI_OPT_REPS,      /* -r, --replications N                       */
    CLI_OPT_THREADS,   /* -j, --threads N                            */
    CLI_OPT_DAYS,      /* --days D                                   */
    CLI_OPT_SEED,      /* --seed S                                   */
    CLI_OPT_OUT,       /* -o, --output DIR                           */
    CLI_OPT_FORMAT,    /* --format F (the command lists the choices) */
    CLI_OPT_COMBINE,   /* --combine A,B (repeatable)                 */
    CLI_OPT_QUIET,     /* -q, --quiet                                */
    CLI_OPT_BRIEF,     /* --brief                                    */
    CLI_OPT_RESUME,    /* --resume                                   */
    CLI_OPT_QUICK,     /* --quick                                    */
    CLI_OPT_SIZE,      /* --size N        (bench hold)               */
    CLI_OPT_HOLDS,     /* --holds H       (bench hold)               */
    CLI_OPT_BASELINE,  /* --baseline      (bench hold)               */
    CLI_OPT_CUSTOMERS, /* --customers N   (bench mm1)                */
    CLI_OPT_RATE,      /* --rate R        (bench mm1)                */
    CLI_OPT_SERVICE,   /* --service DIST  (bench mm1)                */
    CLI_OPT_EVENT_LOG, /* --event-log FILE (run)                     */
    CLI_OPT_CASE_SVC,  /* --service ID  (trace, animate)             */
    CLI_OPT_REGION,    /* --region ID   (trace, animate)             */
    CLI_OPT_CASE,      /* --case N      (trace)                      */
    CLI_OPT_LANG,      /* --lang en|zh                               */
    CLI_OPT_HELP,      /* -h, --help (every command)                 */
    CLI_OPT_PROGRESS,  /* --progress bar|lines|none                  */
    CLI_OPT_SET,       /* --set PATH=VALUE (repeatable)              */
    CLI_OPT_REFORM,    /* --reform FILE (repeatable; run)            */
    CLI_OPT_DESIGN,    /* --design POINTS.csv (sweep)                */
    CLI_OPT_COUNT
} cli_opt_t;

#define CLI_ACCEPTS(o)     (1u << (o))
#define CLI_MAX_POSITIONAL 64
#define CLI_MAX_COMBINE    8
#define CLI_MAX_SET        32   /* --set options                         */
#define CLI_MAX_REFORM     32   /* --reform options                      */
#define CLI_PROGRESS_AUTO  (-1) /* progress: no --progress given        */

/* What a command accepts. */
typedef struct cli_command {
    const char *name;     /* "run", or "bench mm1" for a subcommand   */
    const char *synopsis; /* positionals, e.g. "SCENARIO [REFORM.cfg ...]" */
    const char *summary;  /* what it does, a few lines                */
    unsigned accepts;     /* CLI_ACCEPTS bits (help is always taken)  */
    const char *formats;  /* choices of --format: "table|csv|json"    */
    unsigned min_positional, max_positional;
    const char *missing; /* usage error when too few positionals     */
    const char *extra;   /* usage error when too many                */
} cli_command_t;

/* What the command line said.  Numbers keep their defaults (set by the
 * caller before parsing) unless given[]. */
typedef struct cli_args {
    bool given[CLI_OPT_COUNT];
    unsigned reps, threads, days;
    uint64_t seed, size, holds, customers;
    double rate;
    const char *out_dir, *format, *service;
    const char *event_log, *case_service, *region, *lang;
    uint64_t case_no;
    const char *combine[CLI_MAX_COMBINE];
    unsigned n_combine;
    const char *positional[CLI_MAX_POSITIONAL];
    unsigned n_positional;
    int progress;                 /* out_progress_mode_t, or CLI_PROGRESS_AUTO (set by
                                     cli_args_parse before reading argv)               */
    const char *set[CLI_MAX_SET]; /* --set PATH=VALUE, in order     */
    unsigned n_set;
    const char *reform[CLI_MAX_REFORM]; /* --reform FILE, in order */
    unsigned n_reform;
    const char *design; /* --design POINTS.csv                      */
} cli_args_t;

/* Parse argv[1..argc-1] (argv[0] is the command's name) against cmd.
 * Returns 0 when parsed, 1 when --help was asked for and printed (the
 * command should return CLI_OK), -1 after printing a usage error. */
int cli_args_parse(const cli_command_t *cmd, int argc, char **argv, cli_args_t *a);

/* The command's usage, options and summary, as `govsim help CMD` prints
 * them.  This function can't fail (write errors are the stream's). */
void cli_command_help(const cli_command_t *cmd, FILE *f);

/* The command named `name` ("bench" for the bench family), or NULL. */
const cli_command_t *cli_command_find(const char *name);

/* The default job (govsim with options and no command: --quiet,
 * --progress), not listed among the commands. */
extern const cli_command_t CLI_DEFAULT_JOB;

/* The commands, for `govsim help`, in the order it lists them. */
extern const cli_command_t *const CLI_COMMANDS[];

/* Edit distance between a and b, capped at 9 (for "did you mean"). */
unsigned cli_edit_distance(const char *a, const char *b);

#endif
