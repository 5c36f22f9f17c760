/*
 * fuzz_reform.c - libFuzzer target: the reform loader (reform_load) and
 * its application (reform_apply) to a fixed scenario, the bundled Harbin
 * baseline, which the bundled reforms (the seed corpus) are written for;
 * then the patched scenario is built and checked (scn_from_config) and, if
 * accepted, simulated for a short time.
 */
#include <string.h>

#include "fuzz_util.h"
#include "reform.h"
#include "scn.h"

#define FZ_BASE   "harbin.cfg"
#define FZ_REFORM "reforms/fuzz.cfg"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    /* the base and the files it @includes (holiday arrangement, profile) */
    static const char *const fixtures[] = {"scenarios/harbin.cfg", FZ_BASE, FZ_BASELINE_INCLUDES,
                                           NULL};
    fz_init(fixtures);
    return 0;
}

/* Apply the loaded reform to a fresh tree of the base and build it. */
static void apply_and_build(const reform_t *r) {
    char base[1024], err[2048];
    snprintf(base, sizeof base, "%s", fz_path(FZ_BASE));
    config_t tree;
    int rc = reform_load_scenario_tree(&tree, base, err, sizeof err);
    if (rc != 0) __builtin_trap(); /* the fixed base must load */
    rc = reform_apply(r, &tree, err, sizeof err);
    if (rc == 0) {
        scn_t s;
        rc = scn_from_config(&s, &tree, base, err, sizeof err);
        if (rc == 0) {
            fz_run_short(&s, 1);
            scn_free(&s);
        }
    }
    if (rc != 0 && (strchr(err, '\n') || err[0] == '\0')) __builtin_trap();
    config_destroy(&tree);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_write(FZ_REFORM, data, size);
    reform_t r;
    char err[2048];
    if (reform_load(&r, fz_path(FZ_REFORM), err, sizeof err) == 0) {
        apply_and_build(&r);
        reform_free(&r);
    } else if (strchr(err, '\n') || err[0] == '\0') {
        __builtin_trap();
    }
    return 0;
}
