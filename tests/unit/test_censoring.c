/* Unit tests for what tells a reader how far a result can be trusted
 * (issue 9, item 4): share intervals clamped to [0, 1] without losing
 * coverage (sim/stats.h stats_ci_clamp, cli/kpi_rows.h kpi_ci), and the
 * censoring rule (kpi_censoring_of): many cases still open at the end, or
 * open cases growing over the run, flag a group; a stable, long run does
 * not. */
#include <check.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "kpi_rows.h"
#include "rng.h"
#include "stats.h"

#define TEST_SEED 20261206u

/* The interval `govsim run --days 1 -r 2` printed for the one-trip share
 * before the fix, [-0.995, 1.302], comes back inside [0, 1]; the mean and
 * the half-width are untouched. */
START_TEST(test_clamp_share) {
    double x[] = {0.0, 0.3};
    stats_ci_t raw = stats_ci(x, 2, 0.95);
    CHECK(raw.lo < 0 && raw.hi > 1);
    stats_ci_t ci = kpi_ci(x, 2, FLOW_K_ONE_TRIP);
    CHECK_EQ_D(ci.lo, 0.0);
    CHECK_EQ_D(ci.hi, 1.0);
    CHECK_EQ_D(ci.mean, raw.mean);
    CHECK_EQ_D(ci.half, raw.half);
    /* only the side past the bound moves */
    double y[] = {0.98, 0.9, 0.94};
    raw = stats_ci(y, 3, 0.95);
    ci = kpi_ci(y, 3, FLOW_K_WITHIN_LIMIT);
    CHECK(raw.hi > 1 && raw.lo > 0);
    CHECK_EQ_D(ci.hi, 1.0);
    CHECK_EQ_D(ci.lo, raw.lo);
}
END_TEST

/* Every KPI's range holds what the model can produce; non-shares are
 * clamped at their own bounds (a wait cannot be negative). */
START_TEST(test_ranges) {
    double lo, hi;
    kpi_range(FLOW_K_ONE_TRIP, &lo, &hi);
    CHECK_EQ_D(lo, 0.0);
    CHECK_EQ_D(hi, 1.0);
    kpi_range(FLOW_K_ABANDON, &lo, &hi);
    CHECK_EQ_D(hi, 1.0);
    kpi_range(FLOW_K_FRONT_UTIL, &lo, &hi);
    CHECK_EQ_D(hi, 1.0);
    kpi_range(FLOW_K_SATISFACTION, &lo, &hi);
    CHECK_EQ_D(lo, 0.0);
    CHECK_EQ_D(hi, 100.0);
    kpi_range(FLOW_K_REGION_GAP, &lo, &hi);
    CHECK_EQ_D(lo, 1.0);
    CHECK(isinf(hi));
    kpi_range(FLOW_K_WINDOW_WAIT, &lo, &hi);
    CHECK_EQ_D(lo, 0.0);
    CHECK(isinf(hi));
    double w[] = {0.5, 30.0};
    stats_ci_t ci = kpi_ci(w, 2, FLOW_K_WINDOW_WAIT);
    CHECK_EQ_D(ci.lo, 0.0);
    /* a NaN interval (one replication) stays NaN, not [0, 1] */
    ci = kpi_ci(w, 1, FLOW_K_ONE_TRIP);
    CHECK(isnan(ci.lo) && isnan(ci.hi));
    /* every KPI has a range with lo < hi */
    for (int k = 0; k < FLOW_K_COUNT; k++) {
        kpi_range((flow_kpi_t)k, &lo, &hi);
        CHECK(lo < hi);
    }
}
END_TEST

/* Clamping never changes whether the interval holds a true value inside
 * the range: the coverage of small-sample share intervals (3 replications
 * of a share near 1, where the raw interval often passes 1) is the same
 * clamped or not, experiment by experiment. */
START_TEST(test_clamp_keeps_coverage) {
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, 1);
    ck_assert_ptr_nonnull(g);
    const double p = 0.97;
    size_t raw_cover = 0, clamped_cover = 0, clamped = 0;
    for (int e = 0; e < 2000; e++) {
        double x[3];
        for (int i = 0; i < 3; i++) x[i] = gsl_ran_binomial(g, p, 40) / 40.0;
        stats_ci_t raw = stats_ci(x, 3, 0.95);
        stats_ci_t ci = kpi_ci(x, 3, FLOW_K_WITHIN_LIMIT);
        CHECK(isnan(ci.half) || (ci.lo >= 0 && ci.hi <= 1));
        raw_cover += stats_ci_contains(&raw, p);
        clamped_cover += stats_ci_contains(&ci, p);
        clamped += ci.hi != raw.hi;
    }
    gsl_rng_free(g);
    CHECK(clamped > 100); /* the case arises often enough to mean something */
    CHECK_EQ(raw_cover, clamped_cover);
}
END_TEST

START_TEST(test_ci_tally_matches_stats_ci) {
    double x[] = {3.0, 1.5, 2.25, 7.0};
    stats_tally_t t;
    stats_tally_init(&t);
    for (int i = 0; i < 4; i++) stats_tally_add(&t, x[i]);
    stats_ci_t a = stats_ci(x, 4, 0.95), b = stats_ci_tally(&t, 0.95);
    CHECK_EQ_D(a.mean, b.mean);
    CHECK_EQ_D(a.lo, b.lo);
    CHECK_EQ_D(a.hi, b.hi);
    CHECK_EQ(a.n, b.n);
}
END_TEST

/* ---- Censoring -------------------------------------------------------- */

/* n replications of a group: open cases, finished cases, and arrivals; the
 * rates are per day over `days`. */
typedef struct group_reps {
    double open[8], finished[8], arrival_rate[8], throughput[8];
} group_reps_t;

static void set_rep(group_reps_t *g, int r, double open, double finished, double arrivals) {
    const double days = 60;
    g->open[r] = open;
    g->finished[r] = finished;
    g->arrival_rate[r] = arrivals / days;
    g->throughput[r] = finished / days;
}

static kpi_censoring_t censoring(const group_reps_t *g, size_t n) {
    return kpi_censoring_of(g->open, g->finished, g->arrival_rate, g->throughput, n);
}

/* A stable, long run: 2% open at the end, open cases level (arrivals and
 * completions within noise of each other).  No flag, no note. */
START_TEST(test_stable_not_flagged) {
    group_reps_t g;
    set_rep(&g, 0, 20, 980, 985);
    set_rep(&g, 1, 21, 990, 984);
    set_rep(&g, 2, 19, 1001, 1003);
    set_rep(&g, 3, 22, 975, 979);
    kpi_censoring_t c = censoring(&g, 4);
    CHECK_EQ(c.n, 4);
    CHECK_NEAR(c.open_share, 0.0204, 0.001);
    CHECK(!c.censored && !c.unstable);
    CHECK_EQ(strlen(kpi_censoring_flag(&c)), 0);
    char note[200];
    CHECK_EQ(strlen(kpi_censoring_note(&c, note, sizeof note)), 0);
}
END_TEST

/* One office at 3x capacity: two thirds of its cases pile up.  Censored
 * and unstable, and the note says how many are open. */
START_TEST(test_overload_flagged) {
    group_reps_t g;
    set_rep(&g, 0, 400, 200, 600);
    set_rep(&g, 1, 420, 190, 610);
    set_rep(&g, 2, 380, 205, 585);
    kpi_censoring_t c = censoring(&g, 3);
    CHECK(c.censored && c.unstable);
    CHECK_NEAR(c.open_share, (400.0 / 600 + 420.0 / 610 + 380.0 / 585) / 3, 1e-12);
    CHECK(c.growth.lo > 0.5);
    CHECK(strcmp(kpi_censoring_flag(&c), "unstable") == 0);
    char note[300];
    kpi_censoring_note(&c, note, sizeof note);
    char want[80];
    snprintf(want, sizeof want, "%.0f%% of cases still open at the end", 100 * c.open_share);
    ck_assert_msg(strstr(note, want) != NULL, "note '%s' lacks '%s'", note, want);
    CHECK(strstr(note, "means are of finished cases only") != NULL);
    CHECK(strstr(note, "grew") != NULL);
}
END_TEST

/* A one-day run: most cases still open, but no growth beyond noise.
 * Censored, not unstable. */
START_TEST(test_short_run_censored) {
    group_reps_t g;
    set_rep(&g, 0, 700, 210, 215);
    set_rep(&g, 1, 690, 230, 220);
    kpi_censoring_t c = censoring(&g, 2);
    CHECK(c.censored);
    CHECK(!c.unstable);
    CHECK(strcmp(kpi_censoring_flag(&c), "censored") == 0);
}
END_TEST

/* The thresholds, at and past the edge. */
START_TEST(test_thresholds) {
    group_reps_t g;
    /* open share exactly KPI_OPEN_SHARE_MAX: not flagged; just above: flagged */
    set_rep(&g, 0, 50, 950, 950);
    set_rep(&g, 1, 50, 950, 950);
    CHECK(!censoring(&g, 2).censored);
    set_rep(&g, 1, 52, 948, 948);
    CHECK(censoring(&g, 2).censored);
    /* growth clearly above zero but below KPI_GROWTH_MAX: not unstable */
    for (int r = 0; r < 4; r++) set_rep(&g, r, 10, 1000, 1005 + r);
    kpi_censoring_t c = censoring(&g, 4);
    CHECK(c.growth.lo > 0 && c.growth.mean < KPI_GROWTH_MAX);
    CHECK(!c.unstable);
    /* large mean growth that the replications cannot tell from zero */
    set_rep(&g, 0, 10, 1000, 900);
    set_rep(&g, 1, 10, 1000, 2000);
    c = censoring(&g, 2);
    CHECK(c.growth.mean > KPI_GROWTH_MAX && c.growth.lo < 0);
    CHECK(!c.unstable);
}
END_TEST

/* A group with no case in any replication (a department, or a service
 * with no demand): nothing to flag, open share undefined. */
START_TEST(test_no_cases) {
    group_reps_t g;
    set_rep(&g, 0, 0, 0, 0);
    set_rep(&g, 1, 0, 0, 0);
    kpi_censoring_t c = censoring(&g, 2);
    CHECK_EQ(c.n, 0);
    CHECK(isnan(c.open_share));
    CHECK(!c.censored && !c.unstable);
    double nan2[2] = {NAN, NAN};
    c = kpi_censoring_of(nan2, nan2, nan2, nan2, 2);
    CHECK(!c.censored && !c.unstable);
}
END_TEST

START_TEST(test_few_note) {
    char note[200];
    CHECK(strlen(kpi_few_note(2, note, sizeof note)) > 0);
    CHECK(strstr(note, "2 replications") != NULL);
    CHECK(strlen(kpi_few_note(KPI_FEW_REPLICATIONS - 1, note, sizeof note)) > 0);
    CHECK_EQ(strlen(kpi_few_note(KPI_FEW_REPLICATIONS, note, sizeof note)), 0);
}
END_TEST

extern Suite *suite_censoring(void);
Suite *suite_censoring(void) {
    Suite *s = suite_create("censoring");
    TCase *ci = tcase_create("clamp");
    tcase_add_test(ci, test_clamp_share);
    tcase_add_test(ci, test_ranges);
    tcase_add_test(ci, test_clamp_keeps_coverage);
    tcase_add_test(ci, test_ci_tally_matches_stats_ci);
    suite_add_tcase(s, ci);
    TCase *cens = tcase_create("censoring");
    tcase_add_test(cens, test_stable_not_flagged);
    tcase_add_test(cens, test_overload_flagged);
    tcase_add_test(cens, test_short_run_censored);
    tcase_add_test(cens, test_thresholds);
    tcase_add_test(cens, test_no_cases);
    tcase_add_test(cens, test_few_note);
    suite_add_tcase(s, cens);
    return s;
}
