/* govsim - discrete-event simulation of government service workflows. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_print_usage(void) {
    fputs(
        "usage: govsim <command> [options]\n"
        "\n"
        "govsim simulates how citizens' and enterprises' cases flow through\n"
        "government departments, to measure what reforms buy.  This build has\n"
        "the simulation kernel and its proof against queueing theory.\n"
        "\n"
        "commands:\n"
        "  validate [--quick] [-r N] [-j N] [--seed S] [--format table|csv]\n"
        "        run the engine against queueing theory (M/M/1, M/M/c, M/G/1,\n"
        "        Erlang A, Jackson networks, piecewise Poisson, CI coverage);\n"
        "        exit 0 only when every check passes\n"
        "  bench hold [--size N] [--holds H] [--baseline]\n"
        "        the hold model on the event calendar (--baseline: a plain\n"
        "        binary heap of the same event struct, for comparison)\n"
        "  bench mm1 [--customers N] [--rate R] [--service DIST]\n"
        "        an M/M/1 (default rate 0.9, service exp(1)) through the model\n"
        "        code paths; DIST as in scenarios, e.g. \"lognormal(1, 1.5)\"\n"
        "  help     this text\n"
        "  version  the version\n"
        "\n"
        "common options: -j N threads (default: all cores), -r N replications,\n"
        "--seed S base seed.  Exit codes: 0 ok, 1 run-time failure, 2 bad usage.\n",
        stdout);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        cli_print_usage();
        return CLI_OK;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "validate") == 0) return cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0) return cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        cli_print_usage();
        return CLI_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("govsim %s\n", GOVSIM_VERSION);
        return CLI_OK;
    }
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
