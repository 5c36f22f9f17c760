/*
 * sens.h - sensitivity analysis: which factors move a KPI, and by how much.
 *
 * Two families of estimators, both pure functions of arrays the caller
 * owns (one KPI at a time; a sweep calls them once per KPI column).
 *
 * Variance-based (Sobol) indices, from the outputs y of a Saltelli design
 * (design.h) of n base rows and k factors, in its order: y has n (k + 2)
 * values, base row r giving A[r], AB_1[r], ..., AB_k[r], B[r].
 *   first order  S1_i = V_i / V,  V_i = mean_r( B[r] (AB_i[r] - A[r]) )
 *                (Saltelli et al. 2010): the share of the variance
 *                explained by factor i alone;
 *   total        ST_i = E_i / V,  E_i = mean_r( (A[r] - AB_i[r])^2 ) / 2
 *                (Jansen 1999): the share that involves factor i,
 *                interactions included;
 * where V is the variance (1/2n denominator) of the 2n outputs of A and B
 * together.  The outputs are first centred on the mean of all n (k + 2)
 * values.  This changes nothing in exact expectation but makes S1 invariant
 * to a shift of y (the uncentred estimator picks up c mean(AB_i - A) from a
 * constant c) and lowers its variance; it is what SALib's sobol.analyze
 * does, and with it our S1 and ST equal SALib's on the same Y (SALib's
 * scaling by the standard deviation cancels in the ratios).  Estimates
 * are not clipped to [0, 1]: a small negative S1 means "zero within the
 * noise", and hiding that would hide the noise.
 *
 * Bootstrap: B resamples of the n base rows (with replacement, each row
 * keeping its k + 2 outputs together, since they share A[r] and B[r]), the
 * indices recomputed on each; the interval is the percentile interval of
 * the B values and se their standard deviation (SALib reports
 * conf = z * se instead, a normal interval).  For a Sobol (quasi-random)
 * base, resampling treats the points as independent and so overstates the
 * error: the interval is conservative there.
 *
 * Standardized regression coefficients (SRC), for a Latin hypercube or
 * any design with independent factors: regress y on the factors, both
 * standardized (mean 0, standard deviation 1), by least squares
 * (gsl_multifit_linear).  SRC_i = b_i sd(x_i) / sd(y); when R^2 is near 1
 * the model is nearly linear and SRC_i^2 is the share of the variance due
 * to factor i (then SRC_i^2 ~ S1_i); a low R^2 says the SRCs miss most of
 * what happens and the Sobol indices are needed.
 *
 * Errors: bad input (n or k zero, a non-finite output, an output that does
 * not vary so no index is defined, too few points for a regression,
 * collinear factors) returns -1 with a one-line message in (err, errlen)
 * (see errmsg.h); nothing aborts on input.  Out of memory is an error too,
 * except inside gsl_multifit_linear_alloc, which reports through GSL's
 * error handler.  No global state: safe on several threads at once, each
 * with its own gsl_rng.
 *
 * References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto,
 * S. Tarantola (2010), Variance based sensitivity analysis of model output.
 * Design and estimator for the total sensitivity index, Computer Physics
 * Communications 181(2), 259-270.  M. J. W. Jansen (1999), Analysis of
 * variance designs for model output, Computer Physics Communications
 * 117(1-2), 35-43.
 */
#ifndef GOVSIM_SENS_H
#define GOVSIM_SENS_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

/* ---- Sobol indices ---------------------------------------------------- */

/* First-order indices into s1[0..k-1] and total indices into st[0..k-1]
 * (either may be NULL if not wanted) from y, the n (k + 2) outputs of a
 * Saltelli design in design.h's order.  Returns 0, or -1 with a message if
 * n or k is 0, a value of y is not finite, or the outputs of A and B do not
 * vary (V is zero up to rounding: V <= (64 eps max|y|)^2), in which case
 * s1 and st are untouched. */
int sens_sobol(const double *y, size_t n, size_t k, double *s1, double *st, char *err,
               size_t errlen);

typedef struct sens_interval {
    double est;    /* estimate on all n base rows (as sens_sobol)          */
    double lo, hi; /* percentile bootstrap interval                        */
    double se;     /* bootstrap standard error: sd of the resampled values */
} sens_interval_t;

/* sens_sobol with bootstrap intervals at confidence `level` (e.g. 0.95)
 * into s1[0..k-1] and st[0..k-1] (either may be NULL).  Each of the
 * `resamples` resamples draws n base rows with gsl_rng_uniform_int(r, n),
 * in order, so the same generator state gives the same intervals.  The
 * quantiles interpolate linearly between order statistics (numpy's
 * default).  A resample whose A and B outputs do not vary is left out (its
 * indices are undefined); if fewer than two remain, lo, hi and se are
 * NaN.  Returns 0,
 * or -1 with a message on sens_sobol's errors, if resamples < 2, level is
 * not in (0, 1), r is NULL or draws from fewer than n values, or out of
 * memory (s1 and st are then untouched). */
int sens_sobol_boot(const double *y, size_t n, size_t k, size_t resamples, double level, gsl_rng *r,
                    sens_interval_t *s1, sens_interval_t *st, char *err, size_t errlen);

/* ---- Standardized regression coefficients ----------------------------- */

/* SRC of the k factors into src[0..k-1] and the coefficient of
 * determination of the linear fit into *r2 (r2 may be NULL), from m points:
 * x is m x k row-major (any scale: each column is standardized here), y has
 * m outputs.  Returns 0, or -1 with a message if k is 0, m < k + 2 (no
 * degree of freedom left for the residual), a value is not finite, a
 * factor or y does not vary, the factors are collinear (the standardized
 * design has rank < k), or out of memory (src and r2 are then
 * untouched). */
int sens_src(const double *x, size_t m, size_t k, const double *y, double *src, double *r2,
             char *err, size_t errlen);

#endif
