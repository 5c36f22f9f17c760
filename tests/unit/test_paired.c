/* Unit tests for comparisons on common random numbers (study/paired.h),
 * on numbers worked by hand.
 *
 * base = {10, 12, 14}, x = {9, 11.5, 12.5}: differences {-1, -0.5, -1.5},
 * mean -1, sd 0.5, standard error 0.5 / sqrt(3) = 0.2886751; t(0.975, 2)
 * = 4.302653 (printed t tables: 4.303), so the paired half-width is
 * 1.242069 and the interval [-2.242069, 0.242069].  Unpaired: means 12 and
 * 11, variances 4 and 3.25; Welch's standard error sqrt(4/3 + 3.25/3) =
 * 1.554563 and df = 2.416667^2 / ((4/3)^2/2 + (3.25/3)^2/2) = 3.957650. */
#include <check.h>
#include <math.h>

#include "checks.h"
#include "paired.h"

START_TEST(test_difference_by_hand) {
    const double base[] = {10, 12, 14}, x[] = {9, 11.5, 12.5};
    paired_diff_t d = paired_difference(base, x, 3);
    CHECK_NEAR(d.paired.mean, -1, 1e-12);
    CHECK_NEAR(d.paired.half, 1.242069, 1e-6);
    CHECK_NEAR(d.paired.lo, -2.242069, 1e-6);
    CHECK_NEAR(d.paired.hi, 0.242069, 1e-6);
    CHECK_NEAR(d.base_mean, 12, 1e-12);
    CHECK_NEAR(d.var_mean, 11, 1e-12);
    CHECK_NEAR(d.rel, -1.0 / 12, 1e-12);
    CHECK_NEAR(d.unpaired.mean, -1, 1e-12);
    /* Welch: t(0.975, 3.957650) lies between t(0.975, 3) = 3.182446 and
     * t(0.975, 4) = 2.776445, times 1.554563 */
    CHECK(d.unpaired.half > 2.776445 * 1.554563 && d.unpaired.half < 3.182446 * 1.554563);
    /* the interval contains zero: not a change we are sure of */
    CHECK(!paired_is_sure(&d));
}
END_TEST

START_TEST(test_sure_and_exact) {
    const double base[] = {10, 12, 14}, x[] = {8, 10.5, 11.5}; /* d = {-2, -1.5, -2.5} */
    paired_diff_t d = paired_difference(base, x, 3);
    CHECK_NEAR(d.paired.hi, -2 + 1.242069, 1e-6);
    CHECK(paired_is_sure(&d));
    /* the same values: exactly no change, an interval of width zero */
    d = paired_difference(base, base, 3);
    CHECK_EQ_D(d.paired.mean, 0);
    CHECK_EQ_D(d.paired.half, 0);
    CHECK(!paired_is_sure(&d));
    /* one replication: no interval, never sure */
    d = paired_difference(base, x, 1);
    CHECK(isnan(d.paired.half));
    CHECK(!paired_is_sure(&d));
}
END_TEST

/* Variants (rows) x 3 replications; variant 0 is the baseline. */
START_TEST(test_rank_and_ties) {
    const double v[] = {
        10,  12,   14, /* baseline                                      */
        9,   11,   13, /* 1: -1 exactly                                  */
        7,   9,    11, /* 2: -3 exactly: the best                        */
        9.1, 10.9, 13, /* 3: -1 on average, jittered against 1: tied     */
        11,  13,   15, /* 4: +1: the worst                               */
    };
    size_t order[4];
    bool tied[4];
    paired_rank(v, 5, 3, order, tied);
    CHECK_EQ(order[0], 2);
    CHECK_EQ(order[1], 1); /* equal means keep variant order: 1 before 3 */
    CHECK_EQ(order[2], 3);
    CHECK_EQ(order[3], 4);
    CHECK(!tied[0]);
    /* 2 vs 1: exactly 2 apart in every replication (half-width 0) */
    CHECK(!tied[1]);
    /* 1 vs 3: differences {0.1, -0.1, 0}: the interval contains zero */
    CHECK(tied[2]);
    /* 3 vs 4: {1.9, 2.1, 2}: sure */
    CHECK(!tied[3]);
}
END_TEST

START_TEST(test_cost_per_unit) {
    CHECK_NEAR(paired_cost_per_unit(1e6, 2e4), 50, 1e-12);
    CHECK_NEAR(paired_cost_per_unit(-1e6, 2e4), -50, 1e-12); /* saves money too */
    CHECK(isnan(paired_cost_per_unit(1e6, 0)));
    CHECK(isnan(paired_cost_per_unit(1e6, -5)));
}
END_TEST

extern Suite *suite_paired(void);
Suite *suite_paired(void) {
    Suite *s = suite_create("paired");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_difference_by_hand);
    tcase_add_test(tc, test_sure_and_exact);
    tcase_add_test(tc, test_rank_and_ties);
    tcase_add_test(tc, test_cost_per_unit);
    suite_add_tcase(s, tc);
    return s;
}
