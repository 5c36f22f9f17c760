/*
 * fuzz_scn.c - libFuzzer target: the scenario loader with all its checks
 * (scn_load), then a short simulation of every scenario it accepts.
 *
 * The input is written to in/scn.cfg in the harness's folder; data/ holds
 * the test suite's empirical files so a seed's empirical(...) reference
 * (tests/scenarios/good/full.cfg: ../../data/empirical_ok.csv from
 * tests/scenarios/good/) resolves the same way: in/ sits two levels down.
 */
#include <string.h>

#include "fuzz_util.h"
#include "scn.h"

#define FZ_SCN "a/b/scn.cfg"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    static const char *const fixtures[] = {"tests/data/empirical_ok.csv",
                                           "data/empirical_ok.csv",
                                           "tests/data/empirical_bad.csv",
                                           "data/empirical_bad.csv",
                                           "tests/data/empirical_ok.csv",
                                           "a/b/empirical_ok.csv",
                                           NULL};
    fz_init(fixtures);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_write(FZ_SCN, data, size);
    scn_t s;
    char err[2048];
    if (scn_load(&s, fz_path(FZ_SCN), err, sizeof err) == 0) {
        /* The message contract: one line.  Warnings, too. */
        for (size_t i = 0; i < s.n_warnings; i++)
            if (strchr(s.warnings[i], '\n')) __builtin_trap();
        fz_run_short(&s, 2);
        scn_free(&s);
    } else if (strchr(err, '\n') || err[0] == '\0') {
        __builtin_trap(); /* an error must be one non-empty line */
    }
    return 0;
}
