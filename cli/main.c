/* govsim - discrete-event simulation of government service workflows. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "errmsg.h"
#include "exp_mpi.h"

void cli_print_usage(void) {
    fputs(
        "usage: govsim <command> [options]\n"
        "       govsim            (no command: compare every bundled baseline with\n"
        "                          its bundled reforms; writes results/)\n"
        "\n"
        "govsim simulates how citizens' and enterprises' cases flow through\n"
        "government departments, to measure what reforms buy: how much faster\n"
        "cases finish, how many trips citizens save, and at what cost.\n"
        "\n"
        "commands:\n"
        "  run SCENARIO [-r N] [-j N] [--days D] [--seed S] [-o DIR]\n"
        "      [--format table|csv|json] [--quiet]\n"
        "        replications of a scenario: KPI table with 95% CIs, and\n"
        "        summary.csv, replications.csv, summary.json in DIR\n"
        "        (default results/<scenario>-run/)\n"
        "  compare SCENARIO [REFORM.cfg ...] [--combine A,B] [-r N] [-j N] [-o DIR]\n"
        "      [--days D] [--seed S] [--quiet] [--brief]\n"
        "        baseline vs reforms on common random numbers: paired 95% CIs of\n"
        "        the changes, cost-effectiveness, ranking; with no reform named,\n"
        "        the reforms/ folder beside the scenario.  Writes tables, charts\n"
        "        (PNG, SVG, data, gnuplot script) and report.html in DIR\n"
        "        (default results/<scenario>-compare/)\n"
        "  sweep SWEEP.cfg [-j N] [-o DIR] [--resume] [--quiet]\n"
        "        a design (grid, Latin hypercube, Sobol, Saltelli) over factors\n"
        "        patched into a scenario; design.csv, results.csv, summary.csv,\n"
        "        sensitivity.csv (Sobol indices or regression coefficients) and\n"
        "        charts in DIR (default results/<sweep>-sweep/); --resume finishes\n"
        "        an interrupted sweep\n"
        "  check SCENARIO\n"
        "        load and validate a scenario file: its errors (file:line:\n"
        "        setting), or a summary with each department's offered load\n"
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
        "  graph SCENARIO [-o DIR]\n"
        "        the department data network: information islands,\n"
        "        betweenness, data requests by mode, mean data delay; writes\n"
        "        network.dot, network.graphml and a picture (network.png, via\n"
        "        gnuplot) in DIR (default results/<scenario>-graph/)\n"
        "  bench scenario FILE [--days D]\n"
        "        one replication of a scenario on one thread (default 365 days)\n"
        "  help     this text\n"
        "  version  the version\n"
        "\n"
        "common options: -j N threads (default: all cores), -r N replications,\n"
        "--seed S base seed.  Exit codes: 0 ok, 1 run-time failure, 2 bad usage.\n",
        stdout);
}

static int dispatch(int argc, char **argv) {
    if (argc < 2) return cmd_default();
    const char *cmd = argv[1];
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0) return cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0) return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0) return cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "graph") == 0) return cmd_graph(argc - 1, argv + 1);
    if (strcmp(cmd, "sweep") == 0) return cmd_sweep(argc - 1, argv + 1);
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

/* Under MPI (make MPI=1, started by mpirun or srun) every rank runs main;
 * only `sweep` knows how to share its work, so the other commands refuse
 * to run N times over. */
int main(int argc, char **argv) {
    sim_errors_init(); /* GSL errors become govsim errors, never abort() */
    if (exp_mpi_init(&argc, &argv) != 0) return CLI_FAILURE;
    int rc;
    if (exp_mpi_size() > 1 && (argc < 2 || strcmp(argv[1], "sweep") != 0)) {
        rc = CLI_USAGE;
        if (exp_mpi_rank() == 0)
            cli_usage_error(NULL, "under MPI (%d ranks) only `govsim sweep` runs; start other "
                                  "commands without mpirun", exp_mpi_size());
    } else {
        rc = dispatch(argc, argv);
    }
    exp_mpi_finalize();
    return rc;
}
