/* govsim - discrete-event simulation of government service workflows. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "errmsg.h"
#include "lang.h"
#include "runner_mpi.h"

void cli_print_usage(void) {
    fputs("usage: govsim <command> [options]\n"
          "       govsim            (no command: compare every bundled baseline with\n"
          "                          its bundled reforms; writes results/)\n"
          "\n"
          "govsim simulates how citizens' and enterprises' cases flow through\n"
          "government departments, to measure what reforms buy: how much faster\n"
          "cases finish, how many trips citizens save, and at what cost.\n"
          "\n"
          "commands:\n",
          stdout);
    for (size_t i = 0; CLI_COMMANDS[i]; i++) {
        const cli_command_t *c = CLI_COMMANDS[i];
        printf("  %s%s%s\n      ", c->name, *c->synopsis ? " " : "", c->synopsis);
        for (const char *p = c->summary; *p; p++) {
            putchar(*p);
            if (*p == '\n') fputs("      ", stdout);
        }
        putchar('\n');
    }
    fputs("  help [COMMAND]   this text, or one command's options\n"
          "  version          the version, and those of GSL, igraph and libconfig\n"
          "\n"
          "Options shared by commands mean the same everywhere: -r N replications,\n"
          "-j N threads (results do not depend on it), --days D, --seed S, -o DIR,\n"
          "--quiet, --lang en|zh (or LANG=zh_CN.UTF-8: tables, charts and reports\n"
          "in Chinese).  'govsim help COMMAND' or 'govsim COMMAND --help' lists a\n"
          "command's options.  Exit codes: 0 ok, 1 run-time failure, 2 bad usage.\n",
          stdout);
}

/* The command names `help` and "did you mean" know. */
static const char *const COMMAND_NAMES[] = {"run",      "compare", "sweep",  "check",
                                            "validate", "graph",   "bench",  "help",
                                            "version",  "trace",   "animate"};

/* govsim help [COMMAND [SUB]] */
static int help(int argc, char **argv) {
    if (argc < 2) {
        cli_print_usage();
        return CLI_OK;
    }
    char name[64];
    snprintf(name, sizeof name, "%.30s%s%.30s", argv[1], argc > 2 ? " " : "",
             argc > 2 ? argv[2] : "");
    const cli_command_t *c = cli_command_find(name);
    if (c) {
        cli_command_help(c, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "bench") == 0) {
        for (size_t i = 0; CLI_COMMANDS[i]; i++)
            if (strncmp(CLI_COMMANDS[i]->name, "bench ", 6) == 0) {
                cli_command_help(CLI_COMMANDS[i], stdout);
                putchar('\n');
            }
        return CLI_OK;
    }
    return cli_usage_error(NULL, "no command '%s' to explain", name);
}

/* "unknown command", with the closest command when it is close. */
static int unknown_command(const char *cmd) {
    const char *best = NULL;
    unsigned best_d = 3;
    for (size_t i = 0; i < sizeof COMMAND_NAMES / sizeof *COMMAND_NAMES; i++) {
        unsigned d = cli_edit_distance(cmd, COMMAND_NAMES[i]);
        if (d < best_d) best_d = d, best = COMMAND_NAMES[i];
    }
    if (best) return cli_usage_error(NULL, "unknown command '%s' (did you mean '%s'?)", cmd, best);
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}

static int dispatch(int argc, char **argv) {
    if (argc < 2) return cmd_default(argc, argv);
    const char *cmd = argv[1];
    /* options and no command: the default job's (--quiet, --progress) */
    if (cmd[0] == '-' && strcmp(cmd, "--help") != 0 && strcmp(cmd, "-h") != 0 &&
        strcmp(cmd, "--version") != 0)
        return cmd_default(argc, argv);
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0) return cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0) return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0) return cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "graph") == 0) return cmd_graph(argc - 1, argv + 1);
    if (strcmp(cmd, "sweep") == 0) return cmd_sweep(argc - 1, argv + 1);
    if (strcmp(cmd, "plan") == 0) return cmd_plan(argc - 1, argv + 1);
    if (strcmp(cmd, "trace") == 0) return cmd_trace(argc - 1, argv + 1);
    if (strcmp(cmd, "animate") == 0) return cmd_animate(argc - 1, argv + 1);
    if (strcmp(cmd, "help") == 0) return help(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        cli_print_usage();
        return CLI_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        cli_print_version(stdout);
        return CLI_OK;
    }
    return unknown_command(cmd);
}

/* Under MPI (make MPI=1, started by mpirun or srun) every rank runs main;
 * only `sweep` knows how to share its work, so the other commands refuse
 * to run N times over. */
int main(int argc, char **argv) {
    errmsg_init(); /* GSL errors become govsim errors, never abort() */
    if (runner_mpi_init(&argc, &argv) != 0) return CLI_FAILURE;
    int rc = cli_lang_init(&argc, argv); /* --lang anywhere, or LANG */
    if (rc != CLI_OK) {
        runner_mpi_finalize();
        return rc;
    }
    if (runner_mpi_size() > 1 && (argc < 2 || strcmp(argv[1], "sweep") != 0)) {
        rc = CLI_USAGE;
        if (runner_mpi_rank() == 0)
            cli_usage_error(NULL,
                            "under MPI (%d ranks) only `govsim sweep` runs; start other "
                            "commands without mpirun",
                            runner_mpi_size());
    } else {
        rc = dispatch(argc, argv);
    }
    runner_mpi_finalize();
    return rc;
}
