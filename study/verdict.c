/* Simulation against theory (verdict.h). */
#include "verdict.h"

#include <math.h>
#include <stdbool.h>

double verdict_level(double family_level, size_t n_metrics) {
    return 1.0 - (1.0 - family_level) / (double)(n_metrics ? n_metrics : 1);
}

verdict_t verdict_judge(const double *x, size_t n, double theory, double level, double precision) {
    verdict_t v;
    v.interval = stats_ci(x, n, level);
    bool inside = stats_ci_contains(&v.interval, theory);
    bool precise = v.interval.half <= precision * fabs(theory);
    v.kind = !inside ? VERDICT_FAIL : !precise ? VERDICT_IMPRECISE : VERDICT_PASS;
    return v;
}

const char *verdict_name(verdict_kind_t kind) {
    switch (kind) {
    case VERDICT_PASS:
        return "PASS";
    case VERDICT_IMPRECISE:
        return "IMPRECISE";
    case VERDICT_FAIL:
        break;
    }
    return "FAIL";
}
