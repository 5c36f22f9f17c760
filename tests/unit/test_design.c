/* Unit tests for the experimental designs (study/design.h): the grid's count
 * and odometer order, the Latin hypercube's one-point-per-stratum property
 * (also under generators that push the jitter to its extremes), Sobol
 * points against GSL's own sequence, the Saltelli design's block layout
 * (SALib's order), and every input the designs must refuse. */
#include <check.h>
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "rng.h"
#include "checks.h"

#define TEST_SEED 20240611u
#define ERRLEN    256

static gsl_rng *test_rng(uint32_t stream) {
    gsl_rng *g = rng_stream_new(TEST_SEED, 0, stream);
    ck_assert_ptr_nonnull(g);
    return g;
}

/* ---- Storage ---------------------------------------------------------- */

START_TEST(test_alloc) {
    char err[ERRLEN];
    double *x = design_alloc(10, 3, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    x[29] = 1.0; /* the last cell exists (ASan would object otherwise) */
    free(x);
    err[0] = '\0';
    ck_assert_ptr_null(design_alloc(0, 3, err, sizeof err));
    CHECK(strstr(err, "no points") != NULL);
    ck_assert_ptr_null(design_alloc(3, 0, err, sizeof err));
    CHECK(strstr(err, "no factors") != NULL);
    ck_assert_ptr_null(design_alloc(SIZE_MAX / 4, 4, err, sizeof err));
    CHECK(strstr(err, "too large") != NULL);
    /* No message buffer is fine. */
    ck_assert_ptr_null(design_alloc(0, 3, NULL, 0));
}
END_TEST

/* ---- Full grid -------------------------------------------------------- */

START_TEST(test_grid_count) {
    char err[ERRLEN];
    size_t levels[] = {2, 3, 1, 4}, n = 0;
    CHECK(design_grid_count(4, levels, &n, err, sizeof err) == 0);
    CHECK_EQ(n, 24);
    size_t one[] = {1};
    CHECK(design_grid_count(1, one, &n, err, sizeof err) == 0);
    CHECK_EQ(n, 1);
}
END_TEST

/* Nested loops with factor 0 outermost visit the points in the grid's
 * order; each coordinate is the middle of its level's stratum. */
START_TEST(test_grid_order) {
    char err[ERRLEN];
    size_t levels[] = {2, 3, 1, 4};
    const size_t k = 4;
    double x[24 * 4];
    CHECK(design_grid(k, levels, x, err, sizeof err) == 0);
    size_t p = 0;
    for (size_t a = 0; a < 2; a++)
        for (size_t b = 0; b < 3; b++)
            for (size_t c = 0; c < 1; c++)
                for (size_t d = 0; d < 4; d++, p++) {
                    size_t want[4] = {a, b, c, d}, idx[4];
                    design_grid_point(k, levels, p, idx);
                    for (size_t j = 0; j < k; j++) {
                        CHECK_EQ(idx[j], want[j]);
                        double u = x[p * k + j];
                        CHECK_EQ_D(u, ((double)want[j] + 0.5) / (double)levels[j]);
                        CHECK(u >= 0.0 && u < 1.0);
                        CHECK_EQ((size_t)floor(u * (double)levels[j]), want[j]);
                    }
                }
    CHECK_EQ(p, 24);
    /* By hand: the first points of the 2 x 3 x 1 x 4 grid. */
    CHECK_EQ_D(x[0], 0.25);
    CHECK_EQ_D(x[1], 1.0 / 6.0);
    CHECK_EQ_D(x[2], 0.5);
    CHECK_EQ_D(x[3], 0.125);
    CHECK_EQ_D(x[4 + 3], 0.375);   /* point 1: last factor at level 1 */
    CHECK_EQ_D(x[4 * 4 + 1], 0.5); /* point 4: factor 1 at level 1 */
}
END_TEST

/* Level numbers recovered by floor(u L) on a larger grid, against the
 * mixed-radix decoding. */
START_TEST(test_grid_decode) {
    char err[ERRLEN];
    size_t levels[] = {7, 1, 5, 11, 3};
    const size_t k = 5;
    size_t n;
    CHECK(design_grid_count(k, levels, &n, err, sizeof err) == 0);
    CHECK_EQ(n, 7 * 5 * 11 * 3);
    double *x = design_alloc(n, k, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    CHECK(design_grid(k, levels, x, err, sizeof err) == 0);
    size_t idx[5];
    for (size_t p = 0; p < n; p++) {
        design_grid_point(k, levels, p, idx);
        size_t q = 0; /* p re-encoded from the coordinates */
        for (size_t j = 0; j < k; j++) {
            size_t l = (size_t)floor(x[p * k + j] * (double)levels[j]);
            CHECK_EQ(l, idx[j]);
            q = q * levels[j] + l;
        }
        CHECK_EQ(q, p);
    }
    free(x);
}
END_TEST

START_TEST(test_grid_errors) {
    char err[ERRLEN];
    size_t n = 99;
    size_t levels[] = {3, 0, 2};
    CHECK_REFUSED(design_grid_count(0, levels, &n, err, sizeof err), err, "no factors");
    CHECK_REFUSED(design_grid_count(3, levels, &n, err, sizeof err), err, "factor 1 has 0 levels");
    CHECK_EQ(n, 99); /* untouched */
    size_t huge[] = {SIZE_MAX / 2 + 1, 2};
    CHECK_REFUSED(design_grid_count(2, huge, &n, err, sizeof err), err, "overflows");
    /* The count fits, its bytes do not. */
    size_t big[] = {SIZE_MAX / 4};
    CHECK_REFUSED(design_grid_count(1, big, &n, err, sizeof err), err, "too large");
    double x[4] = {-1, -1, -1, -1};
    CHECK_REFUSED(design_grid(3, levels, x, err, sizeof err), err, "levels");
    for (size_t i = 0; i < 4; i++) CHECK_EQ_D(x[i], -1.0);
}
END_TEST

/* ---- Latin hypercube -------------------------------------------------- */

/* Each column of x (n x k) has exactly one point in each stratum
 * [s/n, (s+1)/n), and all coordinates lie in [0, 1). */
static void check_latin(const double *x, size_t n, size_t k) {
    unsigned char *hit = malloc(n); /* strata seen in this column */
    ck_assert_ptr_nonnull(hit);
    for (size_t j = 0; j < k; j++) {
        memset(hit, 0, n);
        for (size_t i = 0; i < n; i++) {
            double u = x[i * k + j];
            CHECK(u >= 0.0 && u < 1.0);
            size_t s = (size_t)floor(u * (double)n);
            CHECK(s < n);
            CHECK_EQ(hit[s], 0);
            hit[s] = 1;
        }
    }
    free(hit);
}

START_TEST(test_lhs_strata) {
    char err[ERRLEN];
    gsl_rng *g = test_rng(1);
    static const size_t sizes[] = {1, 2, 3, 10, 97, 1000, 4096};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        size_t n = sizes[t], k = 5;
        double *x = design_alloc(n, k, err, sizeof err);
        ck_assert_ptr_nonnull(x);
        CHECK(design_lhs(n, k, g, x, err, sizeof err) == 0);
        check_latin(x, n, k);
        free(x);
    }
    gsl_rng_free(g);
}
END_TEST

/* The same generator state gives the same design, another state another;
 * columns are shuffled independently (not all equal). */
START_TEST(test_lhs_deterministic) {
    char err[ERRLEN];
    enum { N = 200, K = 4 };
    static double x1[N * K], x2[N * K], x3[N * K];
    gsl_rng *g = test_rng(2), *h = test_rng(2), *other = test_rng(3);
    CHECK(design_lhs(N, K, g, x1, err, sizeof err) == 0);
    CHECK(design_lhs(N, K, h, x2, err, sizeof err) == 0);
    CHECK(design_lhs(N, K, other, x3, err, sizeof err) == 0);
    CHECK(memcmp(x1, x2, sizeof x1) == 0);
    CHECK(memcmp(x1, x3, sizeof x1) != 0);
    size_t same_stratum = 0; /* points with columns 0 and 1 in one stratum */
    for (size_t i = 0; i < N; i++) same_stratum += floor(x1[i * K] * N) == floor(x1[i * K + 1] * N);
    CHECK_CMP(same_stratum, <, 10); /* about 1 expected for independent */
    gsl_rng_free(g);
    gsl_rng_free(h);
    gsl_rng_free(other);
}
END_TEST

/* Within its stratum the jitter is uniform: the offsets x n - s of all
 * points, pooled, have mean 1/2 and variance 1/12. */
START_TEST(test_lhs_jitter_uniform) {
    char err[ERRLEN];
    enum { N = 5000, K = 4 };
    double *x = design_alloc(N, K, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    gsl_rng *g = test_rng(4);
    CHECK(design_lhs(N, K, g, x, err, sizeof err) == 0);
    double sum = 0, sum2 = 0;
    for (size_t i = 0; i < (size_t)N * K; i++) {
        double off = x[i] * N - floor(x[i] * N);
        sum += off;
        sum2 += off * off;
    }
    double m = (double)N * K, mean = sum / m, var = sum2 / m - mean * mean;
    CHECK_5SE(mean, 0.5, sqrt(1.0 / 12.0 / m));
    /* The variance estimate has se sqrt((mu4 - sigma^4) / m), with
     * mu4 = 1/80 and sigma^4 = 1/144 for U(0,1): mu4 - sigma^4 = 1/180. */
    CHECK_5SE(var, 1.0 / 12.0, sqrt(1.0 / 180.0 / m));
    free(x);
    gsl_rng_free(g);
}
END_TEST

/* Generators that put the jitter at its extremes: every integer draw 0
 * (gsl_ran_shuffle then swaps with the first element) and every uniform
 * either 0 or the largest double below 1.  (s + u) / n then lands on a
 * stratum edge, where rounding alone would put some points in the stratum
 * below ((s / n) n < s for some s, n) or above ((s + 1 - ulp) rounds to
 * s + 1); the design must still have one point per stratum. */
static void edge_set(void *state, unsigned long seed) {
    (void)state;
    (void)seed;
}
static unsigned long edge_get(void *state) {
    (void)state;
    return 0;
}
static double low_get_double(void *state) {
    (void)state;
    return 0.0;
}
static double high_get_double(void *state) {
    (void)state;
    return 0x1.fffffffffffffp-1;
}
static const gsl_rng_type low_type = {"edge-low", 0xffffffffUL,  0, 1, edge_set,
                                      edge_get,   low_get_double};
static const gsl_rng_type high_type = {"edge-high", 0xffffffffUL,   0, 1, edge_set,
                                       edge_get,    high_get_double};

START_TEST(test_lhs_stratum_edges) {
    char err[ERRLEN];
    const gsl_rng_type *types[] = {&low_type, &high_type};
    static const size_t sizes[] = {1, 3, 49, 97, 1000, 65537};
    for (size_t t = 0; t < 2; t++) {
        gsl_rng *g = gsl_rng_alloc(types[t]);
        ck_assert_ptr_nonnull(g);
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            size_t n = sizes[s];
            double *x = design_alloc(n, 1, err, sizeof err);
            ck_assert_ptr_nonnull(x);
            CHECK(design_lhs(n, 1, g, x, err, sizeof err) == 0);
            check_latin(x, n, 1);
            free(x);
        }
        gsl_rng_free(g);
    }
}
END_TEST

START_TEST(test_lhs_errors) {
    char err[ERRLEN];
    gsl_rng *g = test_rng(5);
    double x[6] = {-1, -1, -1, -1, -1, -1};
    CHECK_REFUSED(design_lhs(0, 3, g, x, err, sizeof err), err, "no points");
    CHECK_REFUSED(design_lhs(2, 0, g, x, err, sizeof err), err, "no factors");
    CHECK_REFUSED(design_lhs(2, 3, NULL, x, err, sizeof err), err, "generator");
    CHECK_REFUSED(design_lhs(SIZE_MAX / 2, 3, g, x, err, sizeof err), err, "too large");
    for (size_t i = 0; i < 6; i++) CHECK_EQ_D(x[i], -1.0);
    gsl_rng_free(g);
}
END_TEST

/* ---- Sobol sequence --------------------------------------------------- */

START_TEST(test_sobol_equals_gsl) {
    char err[ERRLEN];
    static const size_t dims[] = {1, 2, 7, 40};
    enum { N = 300, SKIP = 37 };
    for (size_t t = 0; t < sizeof dims / sizeof dims[0]; t++) {
        size_t k = dims[t];
        double *x = design_alloc(N, k, err, sizeof err);
        double *xs = design_alloc(N, k, err, sizeof err);
        double *ref = design_alloc(N + SKIP, k, err, sizeof err);
        ck_assert(x && xs && ref);
        CHECK(design_sobol(N, k, 0, x, err, sizeof err) == 0);
        CHECK(design_sobol(N, k, SKIP, xs, err, sizeof err) == 0);
        gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
        ck_assert_ptr_nonnull(q);
        for (size_t p = 0; p < N + SKIP; p++) CHECK(gsl_qrng_get(q, ref + p * k) == 0);
        gsl_qrng_free(q);
        CHECK(memcmp(x, ref, N * k * sizeof *x) == 0);
        CHECK(memcmp(xs, ref + SKIP * k, N * k * sizeof *x) == 0);
        /* GSL starts at the centre, not at the origin. */
        for (size_t j = 0; j < k; j++) CHECK_EQ_D(x[j], 0.5);
        for (size_t i = 0; i < N * k; i++) CHECK(x[i] >= 0.0 && x[i] < 1.0);
        free(x);
        free(xs);
        free(ref);
    }
}
END_TEST

/* The first 2^m - 1 points with the origin are a (0, m, 1)-net in each
 * coordinate: together they hit every interval [s/2^m, (s+1)/2^m) once. */
START_TEST(test_sobol_balance) {
    char err[ERRLEN];
    enum { M = 10, N = (1 << M) - 1, K = 6 };
    double *x = design_alloc(N, K, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    CHECK(design_sobol(N, K, 0, x, err, sizeof err) == 0);
    for (size_t j = 0; j < K; j++) {
        unsigned char hit[1 << M] = {0};
        hit[0] = 1; /* the origin GSL leaves out */
        for (size_t i = 0; i < N; i++) {
            size_t s = (size_t)(x[i * K + j] * (1 << M)); /* exact: dyadic */
            CHECK_EQ(hit[s], 0);
            hit[s] = 1;
        }
    }
    free(x);
}
END_TEST

START_TEST(test_sobol_errors) {
    char err[ERRLEN];
    double x[41] = {0};
    x[0] = -1;
    CHECK_REFUSED(design_sobol(1, 0, 0, x, err, sizeof err), err, "no factors");
    CHECK_REFUSED(design_sobol(0, 3, 0, x, err, sizeof err), err, "no points");
    CHECK_REFUSED(design_sobol(1, 41, 0, x, err, sizeof err), err, "at most 40");
    CHECK_REFUSED(design_sobol(1, 1, DESIGN_SOBOL_MAX_POINTS, x, err, sizeof err), err,
                  "GSL's Sobol sequence has");
    CHECK_REFUSED(design_sobol(DESIGN_SOBOL_MAX_POINTS + 1, 1, 0, x, err, sizeof err), err,
                  "GSL's Sobol sequence has");
    CHECK_EQ_D(x[0], -1.0);
    /* 40 dimensions are allowed. */
    CHECK(design_sobol(1, 40, 0, x, err, sizeof err) == 0);
}
END_TEST

/* ---- Saltelli design -------------------------------------------------- */

START_TEST(test_saltelli_count) {
    char err[ERRLEN];
    size_t rows = 0;
    CHECK(design_saltelli_count(8, 3, &rows, err, sizeof err) == 0);
    CHECK_EQ(rows, 8 * 5);
    CHECK(design_saltelli_count(1, 1, &rows, err, sizeof err) == 0);
    CHECK_EQ(rows, 3);
    /* The rows SALib's separate_output_values reads: with step D + 2,
     * A = Y[0::step], AB_j = Y[j+1::step], B = Y[step-1::step]. */
    for (size_t k = 1; k < 6; k++)
        for (size_t r = 0; r < 4; r++) {
            CHECK_EQ(design_saltelli_row_a(k, r), r * (k + 2));
            for (size_t i = 0; i < k; i++)
                CHECK_EQ(design_saltelli_row_ab(k, r, i), r * (k + 2) + i + 1);
            CHECK_EQ(design_saltelli_row_b(k, r), r * (k + 2) + k + 1);
        }
}
END_TEST

/* Block r of the design is A[r], then A[r] with one column from B[r] for
 * each factor in turn, then B[r]: SALib's calc_second_order=False layout. */
START_TEST(test_saltelli_layout) {
    char err[ERRLEN];
    enum { N = 5, K = 3, ROWS = N * (K + 2) };
    double base[N * 2 * K], x[ROWS * K];
    for (size_t i = 0; i < N * 2 * K; i++) base[i] = (double)i / 100.0;
    CHECK(design_saltelli_from_base(N, K, base, x, err, sizeof err) == 0);
    for (size_t r = 0; r < N; r++) {
        const double *a = base + r * 2 * K, *b = a + K;
        const double *blk = x + r * (K + 2) * K; /* block r */
        for (size_t j = 0; j < K; j++) {
            CHECK_EQ_D(blk[j], a[j]);               /* A[r]    */
            CHECK_EQ_D(blk[(K + 1) * K + j], b[j]); /* B[r]    */
            for (size_t i = 0; i < K; i++)          /* AB_i[r] */
                CHECK_EQ_D(blk[(1 + i) * K + j], i == j ? b[j] : a[j]);
        }
    }
    /* By hand, block 0 of base row (0, .01, .02 | .03, .04, .05). */
    static const double want[5][3] = {
        {0, .01, .02}, {.03, .01, .02}, {0, .04, .02}, {0, .01, .05}, {.03, .04, .05}};
    for (size_t p = 0; p < 5; p++)
        for (size_t j = 0; j < 3; j++) CHECK_EQ_D(x[p * 3 + j], want[p][j]);
}
END_TEST

/* design_saltelli is that layout over GSL's Sobol points in 2k dimensions,
 * after the first `skip`: the base points come from GSL here, not through
 * design_sobol and design_saltelli_from_base, which design_saltelli itself
 * calls (comparing with them would check the code against itself). */
START_TEST(test_saltelli_sobol) {
    char err[ERRLEN];
    enum { N = 64, K = 4, SKIP = 63 };
    size_t rows;
    CHECK(design_saltelli_count(N, K, &rows, err, sizeof err) == 0);
    CHECK_EQ(rows, N * (K + 2));
    double *x = design_alloc(rows, K, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    CHECK(design_saltelli(N, K, SKIP, x, err, sizeof err) == 0);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * K);
    ck_assert_ptr_nonnull(q);
    double pt[2 * K];
    for (size_t p = 0; p < SKIP; p++) CHECK(gsl_qrng_get(q, pt) == 0);
    for (size_t r = 0; r < N; r++) {
        CHECK(gsl_qrng_get(q, pt) == 0);
        const double *a = pt, *b = pt + K;       /* A[r] | B[r] */
        const double *blk = x + r * (K + 2) * K; /* block r */
        for (size_t j = 0; j < K; j++) {
            CHECK_EQ_D(blk[j], a[j]);
            CHECK_EQ_D(blk[(K + 1) * K + j], b[j]);
            for (size_t i = 0; i < K; i++) CHECK_EQ_D(blk[(1 + i) * K + j], i == j ? b[j] : a[j]);
        }
    }
    gsl_qrng_free(q);
    free(x);
    /* The largest Saltelli design GSL's 40 dimensions allow. */
    size_t k = DESIGN_SALTELLI_MAX_FACTORS;
    CHECK(design_saltelli_count(2, k, &rows, err, sizeof err) == 0);
    x = design_alloc(rows, k, err, sizeof err);
    ck_assert_ptr_nonnull(x);
    CHECK(design_saltelli(2, k, 0, x, err, sizeof err) == 0);
    free(x);
}
END_TEST

START_TEST(test_saltelli_errors) {
    char err[ERRLEN];
    size_t rows = 7;
    double base[2] = {0.1, 0.2}, x[3] = {-1, -1, -1};
    CHECK_REFUSED(design_saltelli_count(0, 3, &rows, err, sizeof err), err, "no points");
    CHECK_REFUSED(design_saltelli_count(4, 0, &rows, err, sizeof err), err, "no factors");
    CHECK_REFUSED(design_saltelli_count(SIZE_MAX / 4, 3, &rows, err, sizeof err), err, "too large");
    CHECK_EQ(rows, 7);
    CHECK_REFUSED(design_saltelli_from_base(0, 1, base, x, err, sizeof err), err, "no points");
    CHECK_REFUSED(design_saltelli(1, 21, 0, x, err, sizeof err), err, "at most 20");
    CHECK_REFUSED(design_saltelli(0, 2, 0, x, err, sizeof err), err, "no points");
    CHECK_REFUSED(design_saltelli(1, 1, DESIGN_SOBOL_MAX_POINTS, x, err, sizeof err), err,
                  "GSL's Sobol sequence has");
    for (size_t i = 0; i < 3; i++) CHECK_EQ_D(x[i], -1.0);
    /* A truncated message is still terminated. */
    char tiny[8];
    CHECK(design_saltelli(0, 2, 0, x, tiny, sizeof tiny) == -1);
    CHECK_EQ(strlen(tiny), sizeof tiny - 1);
}
END_TEST

extern Suite *suite_design(void);
Suite *suite_design(void) {
    Suite *s = suite_create("design");
    TCase *grid = tcase_create("grid");
    tcase_add_test(grid, test_alloc);
    tcase_add_test(grid, test_grid_count);
    tcase_add_test(grid, test_grid_order);
    tcase_add_test(grid, test_grid_decode);
    tcase_add_test(grid, test_grid_errors);
    suite_add_tcase(s, grid);
    TCase *lhs = tcase_create("lhs");
    tcase_set_timeout(lhs, 60);
    tcase_add_test(lhs, test_lhs_strata);
    tcase_add_test(lhs, test_lhs_deterministic);
    tcase_add_test(lhs, test_lhs_jitter_uniform);
    tcase_add_test(lhs, test_lhs_stratum_edges);
    tcase_add_test(lhs, test_lhs_errors);
    suite_add_tcase(s, lhs);
    TCase *sobol = tcase_create("sobol");
    tcase_add_test(sobol, test_sobol_equals_gsl);
    tcase_add_test(sobol, test_sobol_balance);
    tcase_add_test(sobol, test_sobol_errors);
    suite_add_tcase(s, sobol);
    TCase *saltelli = tcase_create("saltelli");
    tcase_add_test(saltelli, test_saltelli_count);
    tcase_add_test(saltelli, test_saltelli_layout);
    tcase_add_test(saltelli, test_saltelli_sobol);
    tcase_add_test(saltelli, test_saltelli_errors);
    suite_add_tcase(s, saltelli);
    return s;
}
