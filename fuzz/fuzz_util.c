/* nftw() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "fuzz_util.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flow.h"

#ifndef GOVSIM_FUZZ_ROOT
#define GOVSIM_FUZZ_ROOT "."
#endif

/* Bounds on a short run (the engine has none: docs/fuzzing.md).  Expected
 * events are estimated from the demand and the routing's expected visits;
 * incident cycles from the mean time between failures. */
#define FZ_MAX_EVENTS          60000.0
#define FZ_MAX_INCIDENT_CYCLES 5000.0

/* The private folder; set once by fz_init, then only read.  libFuzzer runs
 * one input at a time per process, so one buffer for paths is enough. */
static char fz_dir[512];
static char fz_buf[1024];

/* What happened to the inputs' short runs, reported at exit. */
static unsigned long fz_ran, fz_out_of_bounds, fz_refused;

static void fz_report(void) {
    fprintf(stderr,
            "fuzz harness: %lu short runs, %lu skipped by the "
            "harness's bounds, %lu refused by flow_check\n",
            fz_ran, fz_out_of_bounds, fz_refused);
}

static void fz_die(const char *what, const char *path) {
    fprintf(stderr, "fuzz harness: %s: %s\n", what, path);
    abort();
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* rm -r of the private folder at exit, so a clean run leaves nothing. */
static void fz_cleanup(void) {
    if (fz_dir[0] != '\0') nftw(fz_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* mkdir -p of the folders leading to `path` (a file). */
static void make_parents(const char *path) {
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + strlen(fz_dir) + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && access(tmp, F_OK) != 0) fz_die("cannot create", tmp);
        *p = '/';
    }
}

static void copy_file(const char *src, const char *dst) {
    FILE *in = fopen(src, "rb");
    if (!in) fz_die("cannot read fixture (set GOVSIM_FUZZ_ROOT)", src);
    make_parents(dst);
    FILE *out = fopen(dst, "wb");
    if (!out) fz_die("cannot write", dst);
    char block[8192];
    size_t n;
    while ((n = fread(block, 1, sizeof block, in)) > 0)
        if (fwrite(block, 1, n, out) != n) fz_die("cannot write", dst);
    fclose(in);
    if (fclose(out) != 0) fz_die("cannot write", dst);
}

void fz_init(const char *const *pairs) {
    const char *tmp = getenv("TMPDIR");
    snprintf(fz_dir, sizeof fz_dir, "%s/govsim-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fz_dir)) fz_die("cannot create a folder", fz_dir);
    atexit(fz_cleanup);
    atexit(fz_report);
    const char *root = getenv("GOVSIM_FUZZ_ROOT");
    if (!root || !*root) root = GOVSIM_FUZZ_ROOT;
    for (size_t i = 0; pairs && pairs[i]; i += 2) {
        char src[1024], dst[1024];
        snprintf(src, sizeof src, "%s/%s", root, pairs[i]);
        snprintf(dst, sizeof dst, "%s/%s", fz_dir, pairs[i + 1]);
        copy_file(src, dst);
    }
}

const char *fz_path(const char *rel) {
    snprintf(fz_buf, sizeof fz_buf, "%s/%s", fz_dir, rel);
    return fz_buf;
}

void fz_write(const char *rel, const uint8_t *data, size_t size) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", fz_dir, rel);
    make_parents(path);
    FILE *f = fopen(path, "wb");
    if (!f) fz_die("cannot write", path);
    if (size > 0 && fwrite(data, 1, size, f) != size) fz_die("cannot write", path);
    if (fclose(f) != 0) fz_die("cannot write", path);
}

/* Expected events of `days` days: arrivals (per_day counts whole-scenario
 * cases per working day) times the steps a case visits, each a handful of
 * events (queue, start, end, data requests, trips), and the hotline's own
 * calls (arrival, answer or abandonment, end: a 1000-fold surge once let
 * a 2-day run through with 2e7 calls, 5 s and 2 GB under ASan). */
static double expected_events(const scn_t *s, int days) {
    double total = 3 * flow_hotline_calls(s);
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *sv = &s->services[i];
        double per_case = 4;
        for (size_t k = 0; k < sv->n_steps; k++)
            per_case += sv->steps[k].visits * (4.0 + 2.0 * (double)sv->steps[k].n_needs);
        total += sv->per_day * (double)days * per_case;
    }
    return total;
}

/* Whether a short run of *s stays within the harness's bounds (always,
 * with GOVSIM_FUZZ_NO_BOUNDS=1: for when the engine bounds itself). */
static int fz_within_bounds(const scn_t *s, int days) {
    const char *off = getenv("GOVSIM_FUZZ_NO_BOUNDS");
    if (off && strcmp(off, "1") == 0) return 1;
    double ev = expected_events(s, days);
    if (!(ev <= FZ_MAX_EVENTS)) return 0;
    for (size_t i = 0; i < s->n_incidents; i++) {
        double up_days = s->incidents[i].mtbf_days * s->levers.security;
        if (!(days / up_days <= FZ_MAX_INCIDENT_CYCLES)) return 0;
    }
    return 1;
}

int fz_run_short(scn_t *s, int days) {
    s->days = days;
    s->warmup_days = 0;
    s->replications = 2;
    if (!fz_within_bounds(s, days)) return fz_out_of_bounds++, 0;
    char err[1024];
    if (flow_check(s, err, sizeof err) != 0) return fz_refused++, 0;
    fz_ran++;
    flow_result_t res;
    memset(&res, 0, sizeof res);
    int rc = flow_run(s, 0, NULL, &res);
    if (rc == 0) {
        /* Read every KPI so a NaN or garbage result passes through UBSan's
         * float checks at least once (and the result is not dead code). */
        volatile double sink = 0;
        for (size_t i = 0; i < res.n_groups * FLOW_K_COUNT; i++) sink += res.kpi[i];
        (void)sink;
    }
    flow_result_free(&res);
    return 1;
}
