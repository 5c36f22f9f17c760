/* The money and time arithmetic of a plan (plan_cost.h). */
#include "plan_cost.h"

#include <math.h>

double plan_cost_discount(int year, double rate) { return pow(1.0 + rate, -(double)(year - 1)); }

double plan_cost_npv(const double *flows, size_t n, double rate) {
    double sum = 0;
    for (size_t t = 0; t < n; t++) sum += flows[t] * plan_cost_discount((int)t + 1, rate);
    return sum;
}

double plan_cost_annualise(double one_off, double rate, double life) {
    if (life < 1) life = 1;
    if (rate <= 0) return one_off / life;
    return one_off * rate / (1.0 - pow(1.0 + rate, -life));
}

double plan_cost_rollout(plan_rollout_t kind, int start, int ramp, int year) {
    if (year < start) return 0;
    if (kind == PLAN_ROLLOUT_STEP || ramp <= 1) return 1;
    double x = (double)(year - start + 1) / ramp;
    if (x > 1) x = 1;
    if (kind == PLAN_ROLLOUT_SCURVE) return x * x * (3 - 2 * x);
    return x;
}

int plan_cost_payback(const double *benefit, const double *cost, size_t n, double rate) {
    double sum = 0;
    for (size_t t = 0; t < n; t++) {
        sum += (benefit[t] - cost[t]) * plan_cost_discount((int)t + 1, rate);
        if (sum >= 0) return (int)t + 1;
    }
    return 0;
}
