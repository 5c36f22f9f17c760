/*
 * fuzz_sweep.c - libFuzzer target: the sweep loader (sweep_load, which
 * also builds and checks the first, middle and last points), then point 0
 * built again and simulated for a short time.
 *
 * The input is written to sweeps/fuzz.cfg in a small tree laid out like
 * the repository's, so the seed files' relative paths resolve: harbin.cfg
 * and xuzhou.cfg with the bundled reforms in reforms/ ("../harbin.cfg"
 * from scenarios/sweeps/), and scenarios/good/minimal.cfg with
 * reforms/double_staff.cfg (the test sweeps' "../scenarios/good/minimal.cfg"
 * and "../reforms/double_staff.cfg" from tests/sweeps/).
 */
#include <string.h>

#include "fuzz_util.h"
#include "sweep.h"

#define FZ_SWEEP "sweeps/fuzz.cfg"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    static const char *const fixtures[] = {"scenarios/harbin.cfg",
                                           "harbin.cfg",
                                           FZ_BASELINE_INCLUDES,
                                           "scenarios/xuzhou.cfg",
                                           "xuzhou.cfg",
                                           "scenarios/reforms/data_hub.cfg",
                                           "reforms/data_hub.cfg",
                                           "scenarios/reforms/talent_investment.cfg",
                                           "reforms/talent_investment.cfg",
                                           "scenarios/reforms/security.cfg",
                                           "reforms/security.cfg",
                                           "scenarios/reforms/parallel_approval.cfg",
                                           "reforms/parallel_approval.cfg",
                                           "tests/reforms/double_staff.cfg",
                                           "reforms/double_staff.cfg",
                                           "tests/scenarios/good/minimal.cfg",
                                           "scenarios/good/minimal.cfg",
                                           NULL};
    fz_init(fixtures);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_write(FZ_SWEEP, data, size);
    sweep_t sw;
    char err[2048];
    if (sweep_load(&sw, fz_path(FZ_SWEEP), err, sizeof err) != 0) {
        if (strchr(err, '\n') || err[0] == '\0') __builtin_trap();
        return 0;
    }
    /* Every point's design value and text, as design.csv writes them. */
    for (size_t p = 0; p < sw.n_points && p < 64; p++)
        for (size_t j = 0; j < sw.n_factors; j++) {
            char buf[256];
            sweep_value_text(&sw, p, j, buf, sizeof buf);
            volatile double v = sweep_value(&sw, p, j);
            (void)v;
        }
    scn_t s;
    double cost = 0;
    if (sweep_build_point(&sw, 0, &s, &cost, err, sizeof err) == 0) {
        fz_run_short(&s, 1);
        scn_free(&s);
    }
    sweep_free(&sw);
    return 0;
}
