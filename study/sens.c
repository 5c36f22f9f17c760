/* sens.c - see sens.h. */
#include "sens.h"

#include <float.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "design.h"
#include "errmsg.h"

/* A spread below this many ulps of the largest magnitude is rounding, not
 * variation: an output or a factor with it "does not vary". */
#define SENS_TINY_ULPS 64.0
/* Relative singular value below which the standardized factors count as
 * collinear (condition number 1e10: the SRCs would be noise). */
#define SENS_RANK_TOL 1e-10

/* a * b into *out; false if it overflows size_t. */
static int mul_ok(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > SIZE_MAX / a) return 0;
    *out = a * b;
    return 1;
}

/* Is a variance var2 distinguishable from the rounding of values of
 * magnitude up to maxabs? */
static int varies(double var2, double maxabs) {
    double tiny = SENS_TINY_ULPS * DBL_EPSILON * maxabs;
    return var2 > tiny * tiny;
}

/* ---- Sobol indices ---------------------------------------------------- */

/* Validate the outputs of a Saltelli design; *rows = n (k + 2), *centre =
 * their mean, *maxabs = the largest |y| over the rows of A and B. */
static int sobol_check(const double *y, size_t n, size_t k, size_t *rows, double *centre,
                       double *maxabs, char *err, size_t errlen) {
    if (design_saltelli_count(n, k, rows, err, errlen) != 0) return -1;
    double sum = 0.0, big = 0.0;
    for (size_t p = 0; p < *rows; p++) {
        if (!isfinite(y[p])) {
            errmsg_format(err, errlen,
                          "sobol indices: output %zu is %g "
                          "(expected a finite number)",
                          p, y[p]);
            return -1;
        }
        sum += y[p];
    }
    for (size_t r = 0; r < n; r++) {
        big = fmax(big, fabs(y[design_saltelli_row_a(k, r)]));
        big = fmax(big, fabs(y[design_saltelli_row_b(k, r)]));
    }
    *centre = sum / (double)*rows;
    *maxabs = big;
    return 0;
}

/* The indices from base rows pick[0..n-1] (all rows in order if pick is
 * NULL) of the outputs y less `centre`.  Returns 0, or -1 (s1, st
 * untouched) if the A and B outputs of those rows do not vary. */
static int sobol_rows(const double *y, size_t n, size_t k, const size_t *pick, double centre,
                      double maxabs, double *s1, double *st) {
    double dn = (double)n;
    double mean = 0.0; /* of the 2n centred outputs of A and B */
    for (size_t b = 0; b < n; b++) {
        size_t r = pick ? pick[b] : b;
        mean +=
            (y[design_saltelli_row_a(k, r)] - centre) + (y[design_saltelli_row_b(k, r)] - centre);
    }
    mean /= 2.0 * dn;
    double var = 0.0; /* their variance, 1/(2n) denominator */
    for (size_t b = 0; b < n; b++) {
        size_t r = pick ? pick[b] : b;
        double da = y[design_saltelli_row_a(k, r)] - centre - mean;
        double db = y[design_saltelli_row_b(k, r)] - centre - mean;
        var += da * da + db * db;
    }
    var /= 2.0 * dn;
    if (!varies(var, maxabs)) return -1;
    for (size_t i = 0; i < k; i++) {
        double first = 0.0, total = 0.0; /* sums of V_i and E_i terms */
        for (size_t b = 0; b < n; b++) {
            size_t r = pick ? pick[b] : b;
            double fa = y[design_saltelli_row_a(k, r)] - centre;
            double fb = y[design_saltelli_row_b(k, r)] - centre;
            double fab = y[design_saltelli_row_ab(k, r, i)] - centre;
            first += fb * (fab - fa);
            total += (fa - fab) * (fa - fab);
        }
        if (s1) s1[i] = first / dn / var;
        if (st) st[i] = total / (2.0 * dn) / var;
    }
    return 0;
}

int sens_sobol(const double *y, size_t n, size_t k, double *s1, double *st, char *err,
               size_t errlen) {
    size_t rows;
    double centre, maxabs;
    if (sobol_check(y, n, k, &rows, &centre, &maxabs, err, errlen) != 0) return -1;
    if (sobol_rows(y, n, k, NULL, centre, maxabs, s1, st) != 0) {
        errmsg_format(err, errlen,
                      "sobol indices: the outputs of A and B do "
                      "not vary, so no index is defined");
        return -1;
    }
    return 0;
}

/* Percentile interval and standard error of the m values v (NaN for a
 * resample left out), sorted in place. */
static void boot_summary(double *v, size_t m, double level, sens_interval_t *out) {
    size_t kept = 0; /* finite values, moved to the front */
    for (size_t b = 0; b < m; b++)
        if (!isnan(v[b])) v[kept++] = v[b];
    if (kept < 2) {
        out->lo = out->hi = out->se = NAN;
        return;
    }
    gsl_sort(v, 1, kept);
    out->lo = gsl_stats_quantile_from_sorted_data(v, 1, kept, (1.0 - level) / 2.0);
    out->hi = gsl_stats_quantile_from_sorted_data(v, 1, kept, (1.0 + level) / 2.0);
    out->se = gsl_stats_sd(v, 1, kept);
}

int sens_sobol_boot(const double *y, size_t n, size_t k, size_t resamples, double level, gsl_rng *r,
                    sens_interval_t *s1, sens_interval_t *st, char *err, size_t errlen) {
    size_t rows, cells;
    double centre, maxabs;
    if (sobol_check(y, n, k, &rows, &centre, &maxabs, err, errlen) != 0) return -1;
    if (resamples < 2) {
        errmsg_format(err, errlen,
                      "sobol bootstrap: %zu resamples (expected "
                      "at least 2)",
                      resamples);
        return -1;
    }
    if (!(level > 0.0 && level < 1.0)) {
        errmsg_format(err, errlen,
                      "sobol bootstrap: confidence level %g "
                      "(expected between 0 and 1)",
                      level);
        return -1;
    }
    if (r == NULL) {
        errmsg_format(err, errlen, "sobol bootstrap: no random generator");
        return -1;
    }
    if (n > gsl_rng_max(r) - gsl_rng_min(r)) {
        errmsg_format(err, errlen,
                      "sobol bootstrap: %zu base rows is more "
                      "than generator %s can draw from",
                      n, gsl_rng_name(r));
        return -1;
    }
    if (!mul_ok(resamples, k, &cells) || !mul_ok(cells, 2, &cells) ||
        !mul_ok(cells, sizeof(double), &cells)) {
        errmsg_format(err, errlen, "sobol bootstrap: too many resamples");
        return -1;
    }
    double *full = malloc(2 * k * sizeof *full); /* S1 then ST, all rows */
    double *boot = malloc(cells);                /* factor i's S1 at [i * resamples] */
    size_t *pick = malloc(n * sizeof *pick);     /* base rows of a resample */
    double *one = malloc(2 * k * sizeof *one);   /* S1, ST of one resample */
    int rc = -1;
    if (full == NULL || boot == NULL || pick == NULL || one == NULL) {
        errmsg_format(err, errlen, "sobol bootstrap: out of memory");
        goto out;
    }
    if (sobol_rows(y, n, k, NULL, centre, maxabs, full, full + k) != 0) {
        errmsg_format(err, errlen,
                      "sobol indices: the outputs of A and B do "
                      "not vary, so no index is defined");
        goto out;
    }
    double *boot_st = boot + k * resamples; /* factor i's ST */
    for (size_t b = 0; b < resamples; b++) {
        for (size_t j = 0; j < n; j++) pick[j] = gsl_rng_uniform_int(r, n);
        int ok = sobol_rows(y, n, k, pick, centre, maxabs, one, one + k) == 0;
        for (size_t i = 0; i < k; i++) {
            boot[i * resamples + b] = ok ? one[i] : NAN;
            boot_st[i * resamples + b] = ok ? one[k + i] : NAN;
        }
    }
    for (size_t i = 0; i < k; i++) {
        if (s1) {
            s1[i].est = full[i];
            boot_summary(boot + i * resamples, resamples, level, &s1[i]);
        }
        if (st) {
            st[i].est = full[k + i];
            boot_summary(boot_st + i * resamples, resamples, level, &st[i]);
        }
    }
    rc = 0;
out:
    free(full);
    free(boot);
    free(pick);
    free(one);
    return rc;
}

/* ---- Standardized regression coefficients ----------------------------- */

/* Standardize the m values v[0], v[stride], ... into z[0], z[stride], ...
 * (mean 0, sample standard deviation 1).  Returns 0, or -1 (z untouched)
 * if they do not vary. */
static int standardize(const double *v, size_t m, size_t stride, double *z) {
    double mean = 0.0, maxabs = 0.0;
    for (size_t p = 0; p < m; p++) {
        mean += v[p * stride];
        maxabs = fmax(maxabs, fabs(v[p * stride]));
    }
    mean /= (double)m;
    double ss = 0.0; /* sum of squared deviations */
    for (size_t p = 0; p < m; p++) ss += (v[p * stride] - mean) * (v[p * stride] - mean);
    double var = ss / (double)(m - 1);
    if (!varies(var, maxabs)) return -1;
    double sd = sqrt(var);
    for (size_t p = 0; p < m; p++) z[p * stride] = (v[p * stride] - mean) / sd;
    return 0;
}

/* With both sides centred the fit needs no intercept column; the residual
 * sum of squares over the total sum of squares of the standardized y gives
 * R^2 as for the fit with intercept. */
int sens_src(const double *x, size_t m, size_t k, const double *y, double *src, double *r2,
             char *err, size_t errlen) {
    size_t cells, kk;
    if (k == 0) {
        errmsg_format(err, errlen, "regression: no factors (expected k >= 1)");
        return -1;
    }
    if (k > SIZE_MAX - 2 || m < k + 2) {
        errmsg_format(err, errlen,
                      "regression: %zu points for %zu factors "
                      "(expected at least k + 2 = %zu)",
                      m, k, k + 2);
        return -1;
    }
    if (!mul_ok(m, k, &cells) || !mul_ok(cells, sizeof(double), &cells) || !mul_ok(k, k, &kk) ||
        !mul_ok(kk, sizeof(double), &kk)) {
        errmsg_format(err, errlen,
                      "regression: %zu points x %zu factors is "
                      "too large",
                      m, k);
        return -1;
    }
    for (size_t p = 0; p < m; p++) {
        if (!isfinite(y[p])) {
            errmsg_format(err, errlen,
                          "regression: output %zu is %g (expected "
                          "a finite number)",
                          p, y[p]);
            return -1;
        }
        for (size_t j = 0; j < k; j++)
            if (!isfinite(x[p * k + j])) {
                errmsg_format(err, errlen,
                              "regression: point %zu, factor %zu "
                              "is %g (expected a finite number)",
                              p, j, x[p * k + j]);
                return -1;
            }
    }
    /* Sizes checked above; m > k > 0. */
    double *zx = malloc(m * k * sizeof *zx);   /* standardized x, m x k */
    double *zy = malloc(m * sizeof *zy);       /* standardized y        */
    double *coef = malloc(k * sizeof *coef);   /* fitted coefficients   */
    double *cov = malloc(k * k * sizeof *cov); /* their covariance      */
    gsl_multifit_linear_workspace *work = NULL;
    int rc = -1;
    if (zx == NULL || zy == NULL || coef == NULL || cov == NULL) {
        errmsg_format(err, errlen, "regression: out of memory");
        goto out;
    }
    for (size_t j = 0; j < k; j++)
        if (standardize(x + j, m, k, zx + j) != 0) {
            errmsg_format(err, errlen, "regression: factor %zu does not vary", j);
            goto out;
        }
    if (standardize(y, m, 1, zy) != 0) {
        errmsg_format(err, errlen,
                      "regression: the output does not vary, so "
                      "no coefficient is defined");
        goto out;
    }
    work = gsl_multifit_linear_alloc(m, k);
    if (work == NULL) {
        errmsg_format(err, errlen, "regression: out of memory");
        goto out;
    }
    gsl_matrix_view X = gsl_matrix_view_array(zx, m, k);
    gsl_vector_view Y = gsl_vector_view_array(zy, m);
    gsl_vector_view C = gsl_vector_view_array(coef, k);
    gsl_matrix_view COV = gsl_matrix_view_array(cov, k, k);
    double chisq; /* residual sum of squares */
    if (gsl_multifit_linear(&X.matrix, &Y.vector, &C.vector, &COV.matrix, &chisq, work) != 0) {
        errmsg_format(err, errlen, "regression: least squares failed");
        goto out;
    }
    if (gsl_multifit_linear_rank(SENS_RANK_TOL, work) < k) {
        errmsg_format(err, errlen,
                      "regression: the factors are collinear "
                      "(rank %zu of %zu), so their effects cannot be told apart",
                      gsl_multifit_linear_rank(SENS_RANK_TOL, work), k);
        goto out;
    }
    double sst = 0.0; /* total sum of squares, m - 1 up to rounding */
    for (size_t p = 0; p < m; p++) sst += zy[p] * zy[p];
    for (size_t j = 0; j < k; j++) src[j] = coef[j];
    if (r2) *r2 = 1.0 - chisq / sst;
    rc = 0;
out:
    if (work != NULL) gsl_multifit_linear_free(work);
    free(zx);
    free(zy);
    free(coef);
    free(cov);
    return rc;
}
