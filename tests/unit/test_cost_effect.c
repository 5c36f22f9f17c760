/* Cost-effectiveness in compare (cli/compare_values.c, study/paired.h):
 * the one-off cost counts, annualised, and a ratio is shown only for a
 * saving whose interval excludes zero.
 *
 * A made-up comparison of 3 replications, all cases only.  Baseline:
 * citizen hours per case {2, 2, 2}, trips {1.5, 1.6, 1.4}, arrivals 100
 * a day (36,500 cases a year), government cost 1e6 a year.  Variant:
 * hours {1.9, 1.8, 1.9} (saved per case 0.1, 0.2, 0.1: mean 0.1333, sd
 * 0.0577, half-width 4.302653 x 0.0577 / sqrt 3 = 0.1434: the interval
 * contains zero) ... so the variant saves hours {1.5, 1.5, 1.6}: 0.5,
 * 0.5, 0.4: mean 0.4667 x 36,500 = 17,033 hours a year, sure.  Trips
 * {1.6, 1.4, 1.5}: no sure change.  Cost 1.1e6 a year (+1e5) and a
 * one-off of 1e6, annualised over 10 years at 5%: 129,504.57.  Yuan per
 * hour: (100,000 + 129,504.57) / 17,033.33 = 13.4739. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "checks.h"
#include "compare.h"
#include "paired.h"

START_TEST(test_sure_unit) {
    stats_ci_t b = {0};
    b.mean = 10, b.lo = 2, b.hi = 18;
    CHECK_NEAR(paired_cost_per_sure_unit(50, b), 5, 1e-12);
    b.lo = -1; /* the interval contains zero: no ratio */
    CHECK(isnan(paired_cost_per_sure_unit(50, b)));
    b.mean = -10, b.lo = -18, b.hi = -2; /* a sure loss: no ratio either */
    CHECK(isnan(paired_cost_per_sure_unit(50, b)));
    CHECK_NEAR(paired_yearly_cost(1e5, 1e6, 0.05, 10), 229504.57, 0.01);
}
END_TEST

static void fill(flow_result_t *r, double hours, double trips, double cost) {
    *r = (flow_result_t){0};
    r->n_groups = 1;
    r->kpi = calloc(FLOW_K_COUNT, sizeof *r->kpi);
    ck_assert_ptr_nonnull(r->kpi);
    r->kpi[FLOW_K_CITIZEN_HOURS] = hours;
    r->kpi[FLOW_K_TRIPS] = trips;
    r->kpi[FLOW_K_ARRIVAL_RATE] = 100;
    r->kpi[FLOW_K_COST_YEAR] = cost;
}

START_TEST(test_compare_rows) {
    compare_t *c = calloc(1, sizeof *c);
    ck_assert_ptr_nonnull(c);
    flow_result_t base[3], var[3];
    const double bh[] = {2, 2, 2}, bt[] = {1.5, 1.6, 1.4};
    const double vh[] = {1.5, 1.5, 1.6}, vt[] = {1.6, 1.4, 1.5};
    for (int r = 0; r < 3; r++) {
        fill(&base[r], bh[r], bt[r], 1e6);
        fill(&var[r], vh[r], vt[r], 1.1e6);
    }
    c->n_variants = 2;
    c->n_reps = 3;
    c->v[0].results = base;
    c->v[1].results = var;
    c->v[1].one_off = 1e6;
    compare_row_t rows[2];
    size_t order[1];
    bool ok;
    compare_summarize(c, rows, order, &ok);
    CHECK(ok);
    CHECK_NEAR(rows[1].hours_saved, 0.5 * 36500 - 0.0333333333 * 36500, 0.01);
    CHECK_NEAR(rows[1].yuan_per_hour, 229504.57 / 17033.3333, 1e-4);
    CHECK(isnan(rows[1].yuan_per_trip)); /* trips: no sure change */
    for (int r = 0; r < 3; r++) {
        flow_result_free(&base[r]);
        flow_result_free(&var[r]);
    }
    free(c);
}
END_TEST

extern Suite *suite_cost_effect(void);
Suite *suite_cost_effect(void) {
    Suite *s = suite_create("cost_effect");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_sure_unit);
    tcase_add_test(tc, test_compare_rows);
    suite_add_tcase(s, tc);
    return s;
}
