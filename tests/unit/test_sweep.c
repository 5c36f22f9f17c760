/* Scenario sweeps (study/sweep.h): how a design point becomes factor
 * values and a patched scenario.  The sweep files are in tests/sweeps/;
 * their bad counterparts are checked through the command line
 * (tests/sweeps/run.sh). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "checks.h"
#include "sweep.h"

static void load(sweep_t *s, const char *path) {
    char err[1024];
    if (sweep_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
}

/* A grid spreads a range's levels from lo to hi, both ends included, in
 * odometer order (last factor fastest); discrete levels are used as
 * written. */
START_TEST(test_grid_values) {
    sweep_t s;
    load(&s, "tests/sweeps/small_grid.cfg");
    CHECK_EQ(s.n_points, 6);
    CHECK_EQ(s.n_factors, 2);
    static const double staff[] = {1, 1, 1.5, 1.5, 2, 2}, windows[] = {1, 2, 1, 2, 1, 2};
    for (size_t p = 0; p < 6; p++) {
        CHECK_EQ_D(sweep_value(&s, p, 0), staff[p]);
        CHECK_EQ_D(sweep_value(&s, p, 1), windows[p]);
    }
    char buf[32];
    sweep_value_text(&s, 2, 0, buf, sizeof buf);
    CHECK_STR(buf, "1.5");
    sweep_free(&s);
}
END_TEST

/* Point p's scenario carries its factor values: the minimal scenario has
 * 2 officers and 1 window; x2 officers and 2 windows at the last point. */
START_TEST(test_points_are_patched) {
    sweep_t s;
    load(&s, "tests/sweeps/small_grid.cfg");
    char err[1024];
    scn_t a, b;
    double cost;
    if (sweep_build_point(&s, 0, &a, &cost, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (sweep_build_point(&s, 5, &b, &cost, err, sizeof err) != 0) ck_abort_msg("%s", err);
    CHECK_EQ(a.departments[0].staff, 2);
    CHECK_EQ(a.departments[0].windows, 1);
    CHECK_EQ(b.departments[0].staff, 4);
    CHECK_EQ(b.departments[0].windows, 2);
    CHECK_EQ(a.days, 20); /* the sweep's days */
    CHECK_EQ(a.replications, 3);
    CHECK_EQ(a.seed, b.seed); /* common random numbers across points */
    CHECK_EQ_D(cost, 0);
    scn_free(&a);
    scn_free(&b);
    sweep_free(&s);
}
END_TEST

/* Sampled designs map u in [0,1) onto [lo, hi); a Saltelli design has
 * n (k + 2) points whose B rows differ from their A rows. */
START_TEST(test_sampled_values_in_range) {
    sweep_t s;
    load(&s, "tests/sweeps/small_saltelli.cfg");
    CHECK_EQ(s.n_points, 8 * (2 + 2));
    for (size_t p = 0; p < s.n_points; p++) {
        double staff = sweep_value(&s, p, 0), demand = sweep_value(&s, p, 1);
        CHECK(staff >= 1.0 && staff < 3.0);
        CHECK(demand >= 0.5 && demand < 1.5);
    }
    /* AB_1 of row 0 (point 1) takes factor 0 from B (point 3), factor 1
     * from A (point 0) */
    CHECK_EQ_D(sweep_value(&s, 1, 0), sweep_value(&s, 3, 0));
    CHECK_EQ_D(sweep_value(&s, 1, 1), sweep_value(&s, 0, 1));
    sweep_free(&s);
    load(&s, "tests/sweeps/small_lhs.cfg");
    /* Latin hypercube: each twelfth of each range holds one point */
    for (size_t j = 0; j < 2; j++) {
        int hits[12] = {0};
        double lo = j == 0 ? 1.0 : 0.5, width = j == 0 ? 2.0 : 1.0;
        for (size_t p = 0; p < 12; p++) {
            int stratum = (int)floor((sweep_value(&s, p, j) - lo) / width * 12);
            CHECK(stratum >= 0 && stratum < 12);
            hits[stratum]++;
        }
        for (int i = 0; i < 12; i++) CHECK_EQ(hits[i], 1);
    }
    sweep_free(&s);
}
END_TEST

/* A reforms factor applies the level's reform (and counts its cost per
 * year); "none" applies nothing.  design.csv shows the level as written. */
START_TEST(test_reforms_factor) {
    sweep_t s;
    load(&s, "tests/sweeps/small_reforms.cfg");
    CHECK_EQ(s.n_points, 4);
    char err[1024], buf[128];
    scn_t none, doubled;
    double cost_none, cost_doubled;
    if (sweep_build_point(&s, 0, &none, &cost_none, err, sizeof err) != 0 ||
        sweep_build_point(&s, 2, &doubled, &cost_doubled, err, sizeof err) != 0)
        ck_abort_msg("%s", err);
    CHECK_EQ(none.departments[0].staff, 2);
    CHECK_EQ(doubled.departments[0].staff, 4);
    CHECK_EQ_D(cost_none, 0);
    CHECK_EQ_D(cost_doubled, 1e6);
    sweep_value_text(&s, 2, 0, buf, sizeof buf);
    CHECK_STR(buf, "../reforms/double_staff.cfg");
    sweep_value_text(&s, 1, 0, buf, sizeof buf);
    CHECK_STR(buf, "none");
    CHECK_EQ_D(sweep_value(&s, 3, 0), 1); /* the level number, for regression */
    CHECK_EQ_D(sweep_value(&s, 3, 1), 1.5);
    scn_free(&none);
    scn_free(&doubled);
    sweep_free(&s);
}
END_TEST

extern Suite *suite_sweep(void);
Suite *suite_sweep(void) {
    Suite *s = suite_create("sweep");
    TCase *tc = tcase_create("points");
    tcase_add_test(tc, test_grid_values);
    tcase_add_test(tc, test_points_are_patched);
    tcase_add_test(tc, test_sampled_values_in_range);
    tcase_add_test(tc, test_reforms_factor);
    suite_add_tcase(s, tc);
    return s;
}
