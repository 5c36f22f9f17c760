/*
 * govsim with no arguments: the embedded default job.
 *
 * Compares every bundled baseline (Xuzhou, Harbin, Heilongjiang, Zhejiang)
 * with its bundled reforms (scenarios/reforms/: each alone, and all
 * together), at DEFAULT_REPLICATIONS replications: enough for the main
 * differences to stand out of their confidence intervals, few enough that
 * the whole job takes under a minute on a 2-core machine.  Each
 * comparison writes results/<scenario>/ (tables, charts, report.html);
 * results/index.html is the front page (front_page.h): per baseline the
 * reform that saves the most citizens' hours per yuan, and the links.  Every folder is checked
 * writable before the first simulation; each comparison replaces the
 * files of its folder that an earlier run left (cmd_compare.c).
 *
 * The scenarios are looked for in ./scenarios (a checkout), then in the
 * installed data folder beside the binary (make install), then in
 * GOVSIM_DATADIR/scenarios (the PREFIX of the build).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "runner.h"
#include "out_dir.h"
#include "out_file.h"
#include "out_html.h"
#include "front_page.h"

#ifndef GOVSIM_DATADIR
#define GOVSIM_DATADIR "/usr/local/share/govsim"
#endif

#define DEFAULT_REPLICATIONS "10"
#define RESULTS              "results"

static const char *const BASELINES[] = {"xuzhou", "harbin", "heilongjiang", "zhejiang"};
#define N_BASELINES (sizeof BASELINES / sizeof *BASELINES)

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether dir holds the bundled baselines. */
static bool has_baselines(const char *dir) {
    char path[1400];
    if (snprintf(path, sizeof path, "%s/%s.cfg", dir, BASELINES[0]) >= (int)sizeof path)
        return false;
    return is_file(path);
}

/* The folder holding the bundled baselines into buf, or NULL: ./scenarios
 * (a checkout), then beside the binary (BIN/../share/govsim/scenarios: an
 * installed tree, wherever PREFIX and DESTDIR put it), then the PREFIX
 * the binary was built for. */
static const char *scenario_dir(char *buf, size_t len) {
    if (has_baselines("scenarios")) return "scenarios";
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, len, "%s/../share/govsim/scenarios", exe);
            if (has_baselines(buf)) return buf;
        }
    }
    snprintf(buf, len, "%s/scenarios", GOVSIM_DATADIR);
    return has_baselines(buf) ? buf : NULL;
}

/* Every folder the job writes, ready before the first simulation: a
 * results/ that cannot be written is found at once, not after the first
 * comparison.  Returns 0, or -1 with the message on stderr. */
static int folders_ready(void) {
    char err[1024], out[256];
    if (out_dir_ready(RESULTS, err, sizeof err) != 0) {
        fprintf(stderr, "govsim: %s\n", err);
        return -1;
    }
    for (size_t i = 0; i < N_BASELINES; i++) {
        snprintf(out, sizeof out, "%s/%s", RESULTS, BASELINES[i]);
        if (out_dir_ready(out, err, sizeof err) != 0) {
            fprintf(stderr, "govsim: %s\n", err);
            return -1;
        }
    }
    return 0;
}

int cmd_default(int argc, char **args_v) {
    cli_args_t a = {0}; /* --quiet, --progress: handed to each comparison */
    int parsed = cli_args_parse(&CLI_DEFAULT_JOB, argc, args_v, &a);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    bool quiet = a.given[CLI_OPT_QUIET];
    static char *const MODES[] = {"none", "bar", "lines"}; /* out_progress_mode_t */
    char where[1200];
    const char *dir = scenario_dir(where, sizeof where);
    if (!dir) {
        fprintf(stderr,
                "govsim: the bundled scenarios are in neither ./scenarios, nor "
                "../share/govsim/scenarios beside this program, nor %s/scenarios; "
                "run govsim from its source folder, or `make install`.\n"
                "Try 'govsim help'.\n",
                GOVSIM_DATADIR);
        return CLI_USAGE;
    }
    if (folders_ready() != 0) return CLI_USAGE;
    double t0 = clock_wall_seconds();
    if (!quiet)
        printf("govsim %s: comparing the bundled baselines with their reforms "
               "(%s replications each; `govsim help` lists the commands)\n\n",
               GOVSIM_VERSION, DEFAULT_REPLICATIONS);
    fflush(stdout);
    compare_headline_t heads[N_BASELINES];
    for (size_t i = 0; i < N_BASELINES; i++) {
        char scenario[1400], out[256];
        if (snprintf(scenario, sizeof scenario, "%s/%s.cfg", dir, BASELINES[i]) >=
            (int)sizeof scenario)
            return CLI_FAILURE; /* cannot happen: dir fits in 1200 bytes */
        snprintf(out, sizeof out, "%s/%s", RESULTS, BASELINES[i]);
        char *argv[] = {"compare", scenario, "-r", DEFAULT_REPLICATIONS, "-o", out, "--brief", NULL,
                        NULL,      NULL,     NULL};
        int n = 7;
        if (quiet) argv[n++] = "--quiet";
        if (a.progress >= 0) argv[n++] = "--progress", argv[n++] = MODES[a.progress];
        int rc = compare_main(n, argv, &heads[i]);
        if (rc != CLI_OK) return rc;
        if (!quiet) printf("\n");
        fflush(stdout);
    }
    char err[1024];
    static const char *const INDEX[] = {"index.html"};
    if (out_dir_clear(RESULTS, INDEX, 1, err, sizeof err) != 0 ||
        front_page_write(RESULTS, BASELINES, heads, N_BASELINES, DEFAULT_REPLICATIONS, err,
                         sizeof err) != 0) {
        fprintf(stderr, "govsim: %s\n", err);
        return CLI_FAILURE;
    }
    double secs = clock_wall_seconds() - t0;
    if (quiet) {
        cli_print_path(RESULTS, "index.html");
        return CLI_OK;
    }
    printf("Done in %.0f s.  Open %s/index.html, or each report:\n", secs, RESULTS);
    for (size_t i = 0; i < N_BASELINES; i++) printf("  %s/%s/report.html\n", RESULTS, BASELINES[i]);
    return CLI_OK;
}
