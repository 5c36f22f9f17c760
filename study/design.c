/* design.c - see design.h. */
#include "design.h"

#include <assert.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "errmsg.h"

/* a * b into *out; false if it overflows size_t. */
static int mul_ok(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > SIZE_MAX / a) return 0;
    *out = a * b;
    return 1;
}

/* Checks shared by every generator: at least one factor and one point, and
 * room for rows * k doubles. */
static int check_shape(const char *what, size_t rows, size_t k, char *err, size_t errlen) {
    size_t cells;
    if (k == 0) {
        errmsg_format(err, errlen, "%s: no factors (expected k >= 1)", what);
        return -1;
    }
    if (rows == 0) {
        errmsg_format(err, errlen, "%s: no points (expected n >= 1)", what);
        return -1;
    }
    if (!mul_ok(rows, k, &cells) || !mul_ok(cells, sizeof(double), &cells)) {
        errmsg_format(err, errlen, "%s: %zu points x %zu factors is too large", what, rows, k);
        return -1;
    }
    return 0;
}

/* ---- Storage ---------------------------------------------------------- */

double *design_alloc(size_t rows, size_t k, char *err, size_t errlen) {
    if (check_shape("design", rows, k, err, errlen) != 0) return NULL;
    double *x = malloc(rows * k * sizeof *x);
    if (x == NULL) errmsg_format(err, errlen, "design: out of memory (%zu x %zu doubles)", rows, k);
    return x;
}

/* ---- Full grid -------------------------------------------------------- */

int design_grid_count(size_t k, const size_t *levels, size_t *count, char *err, size_t errlen) {
    if (k == 0) {
        errmsg_format(err, errlen, "grid: no factors (expected k >= 1)");
        return -1;
    }
    size_t n = 1;
    for (size_t j = 0; j < k; j++) {
        if (levels[j] == 0) {
            errmsg_format(err, errlen, "grid: factor %zu has 0 levels (expected >= 1)", j);
            return -1;
        }
        if (!mul_ok(n, levels[j], &n)) {
            errmsg_format(err, errlen, "grid: the number of points overflows");
            return -1;
        }
    }
    if (check_shape("grid", n, k, err, errlen) != 0) return -1;
    *count = n;
    return 0;
}

void design_grid_point(size_t k, const size_t *levels, size_t p, size_t *idx) {
    for (size_t j = k; j-- > 0;) {
        assert(levels[j] > 0);
        idx[j] = p % levels[j];
        p /= levels[j];
    }
    assert(p == 0); /* p < count */
}

/* The odometer is advanced in place rather than decoded per point: the
 * last factor turns fastest and carries into the one before it. */
int design_grid(size_t k, const size_t *levels, double *x, char *err, size_t errlen) {
    size_t n;
    if (design_grid_count(k, levels, &n, err, errlen) != 0) return -1;
    size_t *idx = calloc(k, sizeof *idx); /* level numbers of point p */
    if (idx == NULL) {
        errmsg_format(err, errlen, "grid: out of memory");
        return -1;
    }
    for (size_t p = 0; p < n; p++) {
        for (size_t j = 0; j < k; j++) x[p * k + j] = ((double)idx[j] + 0.5) / (double)levels[j];
        for (size_t j = k; j-- > 0;) {
            if (++idx[j] < levels[j]) break;
            idx[j] = 0;
        }
    }
    free(idx);
    return 0;
}

/* ---- Latin hypercube -------------------------------------------------- */

/* (s + u) / n, nudged by an ulp or two if rounding put it outside stratum
 * s; floor(x n) is then s exactly, hence x < 1. */
static double lhs_coord(size_t s, size_t n, double u) {
    double dn = (double)n, ds = (double)s;
    double x = (ds + u) / dn;
    while (floor(x * dn) > ds) x = nextafter(x, 0.0);
    while (floor(x * dn) < ds) x = nextafter(x, 1.0);
    return x;
}

int design_lhs(size_t n, size_t k, gsl_rng *r, double *x, char *err, size_t errlen) {
    if (check_shape("latin hypercube", n, k, err, errlen) != 0) return -1;
    if (r == NULL) {
        errmsg_format(err, errlen, "latin hypercube: no random generator");
        return -1;
    }
    size_t *perm = malloc(n * sizeof *perm); /* stratum of each point */
    if (perm == NULL) {
        errmsg_format(err, errlen, "latin hypercube: out of memory");
        return -1;
    }
    for (size_t j = 0; j < k; j++) {
        for (size_t i = 0; i < n; i++) perm[i] = i;
        gsl_ran_shuffle(r, perm, n, sizeof *perm);
        for (size_t i = 0; i < n; i++) x[i * k + j] = lhs_coord(perm[i], n, gsl_rng_uniform(r));
    }
    free(perm);
    return 0;
}

/* ---- Sobol sequence --------------------------------------------------- */

/* GSL refuses dimensions past 40 only through its error handler (which
 * aborts by default) and fails silently after 2^30 - 1 points, so both
 * limits are checked here before GSL is called. */
int design_sobol(size_t n, size_t k, size_t skip, double *x, char *err, size_t errlen) {
    if (check_shape("sobol", n, k, err, errlen) != 0) return -1;
    if (k > DESIGN_SOBOL_MAX_DIM) {
        errmsg_format(err, errlen,
                      "sobol: %zu dimensions (GSL's Sobol sequence has at most "
                      "%d)",
                      k, DESIGN_SOBOL_MAX_DIM);
        return -1;
    }
    if (n > DESIGN_SOBOL_MAX_POINTS || skip > DESIGN_SOBOL_MAX_POINTS - n) {
        errmsg_format(err, errlen,
                      "sobol: points %zu to %zu requested (GSL's Sobol sequence "
                      "has %lu)",
                      skip, skip + n - 1, DESIGN_SOBOL_MAX_POINTS);
        return -1;
    }
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
    if (q == NULL) {
        errmsg_format(err, errlen, "sobol: out of memory");
        return -1;
    }
    double scratch[DESIGN_SOBOL_MAX_DIM]; /* skipped points */
    int rc = 0;
    for (size_t i = 0; i < skip && rc == 0; i++) rc = gsl_qrng_get(q, scratch);
    for (size_t p = 0; p < n && rc == 0; p++) rc = gsl_qrng_get(q, x + p * k);
    gsl_qrng_free(q);
    if (rc != 0) { /* unreachable within the limits checked above */
        errmsg_format(err, errlen, "sobol: GSL's sequence failed (status %d)", rc);
        return -1;
    }
    return 0;
}

/* ---- Saltelli design -------------------------------------------------- */

int design_saltelli_count(size_t n, size_t k, size_t *count, char *err, size_t errlen) {
    size_t rows;
    if (check_shape("saltelli", n, k, err, errlen) != 0) return -1;
    if (k > SIZE_MAX - 2 || !mul_ok(n, k + 2, &rows) ||
        check_shape("saltelli", rows, k, err, errlen) != 0) {
        errmsg_format(err, errlen,
                      "saltelli: %zu base points x %zu factors is "
                      "too large",
                      n, k);
        return -1;
    }
    *count = rows;
    return 0;
}

int design_saltelli_from_base(size_t n, size_t k, const double *base, double *x, char *err,
                              size_t errlen) {
    size_t rows;
    if (design_saltelli_count(n, k, &rows, err, errlen) != 0) return -1;
    assert(base != NULL && x != NULL);
    for (size_t r = 0; r < n; r++) {
        const double *a = base + r * 2 * k; /* A_r */
        const double *b = a + k;            /* B_r */
        for (size_t j = 0; j < k; j++) {
            x[design_saltelli_row_a(k, r) * k + j] = a[j];
            x[design_saltelli_row_b(k, r) * k + j] = b[j];
            for (size_t i = 0; i < k; i++)
                x[design_saltelli_row_ab(k, r, i) * k + j] = i == j ? b[j] : a[j];
        }
    }
    return 0;
}

int design_saltelli(size_t n, size_t k, size_t skip, double *x, char *err, size_t errlen) {
    size_t rows;
    if (design_saltelli_count(n, k, &rows, err, errlen) != 0) return -1;
    if (k > DESIGN_SALTELLI_MAX_FACTORS) {
        errmsg_format(err, errlen,
                      "saltelli: %zu factors (at most %d: the base points have "
                      "2k dimensions, GSL's Sobol sequence at most %d)",
                      k, DESIGN_SALTELLI_MAX_FACTORS, DESIGN_SOBOL_MAX_DIM);
        return -1;
    }
    double *base = design_alloc(n, 2 * k, err, errlen); /* n x 2k */
    if (base == NULL) return -1;
    int rc = design_sobol(n, 2 * k, skip, base, err, errlen);
    if (rc == 0) rc = design_saltelli_from_base(n, k, base, x, err, errlen);
    free(base);
    return rc;
}
