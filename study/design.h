/*
 * design.h - experimental designs for scenario sweeps: where in factor
 * space to run the model.
 *
 * A design over k factors is a list of points in the unit hypercube
 * [0,1)^k, stored row-major: coordinate j of point p is x[p * k + j].  The
 * caller maps each coordinate to its factor (lo + u (hi - lo) for a range,
 * level floor(u L) for L discrete levels); this module knows nothing of
 * scenarios.  Four designs:
 *
 *   grid      every combination of levels, factor j with levels[j] levels.
 *             Level l of a factor with L levels has coordinate
 *             (l + 1/2) / L, the middle of its stratum, so floor(u L) = l
 *             gives the level back; design_grid_point() decodes a point
 *             number into level numbers for callers that want the end
 *             points of a range instead.  Order: last factor fastest
 *             (odometer order, like nested loops with factor 0 outermost).
 *   lhs       Latin hypercube of n points: each column is a random
 *             permutation of the n strata [s/n, (s+1)/n) with a uniform
 *             jitter inside the stratum, so every factor is sampled once in
 *             each stratum.  Deterministic given the generator's state.
 *   sobol     the Sobol low-discrepancy sequence of GSL (gsl_qrng_sobol,
 *             Bratley-Fox direction numbers, at most 40 dimensions and
 *             2^30 - 1 points).  GSL's sequence never returns the origin:
 *             its first point is (1/2, ..., 1/2), which is the second point
 *             of the textbook Sobol sequence.  We keep GSL's sequence as it
 *             is (the points are exactly what gsl_qrng_get returns) and
 *             skip nothing more by default: the origin would put every
 *             factor at its lower bound and, in a Saltelli design, make
 *             A and B equal in that row, so its k + 2 runs would carry no
 *             information on any index.  A caller who wants to start later
 *             in the sequence (SALib skips a power of two) passes `skip`.
 *   saltelli  the design of Saltelli et al. (2010) for first-order and
 *             total Sobol indices: n base points of dimension 2k give the
 *             n x k matrices A (the first k columns) and B (the last k),
 *             and for each factor i the matrix AB_i, A with column i taken
 *             from B.  That is n (k + 2) points, ordered as SALib's
 *             saltelli.sample(..., calc_second_order=False) orders them:
 *             base row r contributes k + 2 consecutive points
 *                 A[r], AB_1[r], ..., AB_k[r], B[r]
 *             (see design_saltelli_row_*), so a design file written in this
 *             order, with one output per row, is read correctly by
 *             SALib.analyze.sobol.analyze(problem, Y, calc_second_order=
 *             False).  Any prefix of whole blocks is itself a Saltelli
 *             design of fewer base points.
 *
 * Memory: every generator fills an array the caller owns, of rows * k
 * doubles; design_*_count() says how many rows, and design_alloc() gets an
 * array of that size with the multiplication checked.  Errors: bad input
 * (no factors, no points, too many dimensions, a count that overflows
 * size_t) returns -1 with a one-line message in (err, errlen) (see
 * errmsg.h) and leaves the output untouched; nothing aborts on input.
 * There is no global state: designs may be built on several threads at
 * once (each with its own gsl_rng).
 */
#ifndef GOVSIM_DESIGN_H
#define GOVSIM_DESIGN_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#define DESIGN_SOBOL_MAX_DIM    40                /* GSL's limit            */
#define DESIGN_SOBOL_MAX_POINTS ((1ul << 30) - 1) /* GSL's 30-bit counter   */
/* A Saltelli base point has 2k coordinates from one Sobol point. */
#define DESIGN_SALTELLI_MAX_FACTORS (DESIGN_SOBOL_MAX_DIM / 2)

/* ---- Storage ---------------------------------------------------------- */

/* A new array of rows * k doubles (uninitialized), to be freed with free().
 * Returns NULL with a message if rows or k is 0, if the size overflows, or
 * if out of memory. */
double *design_alloc(size_t rows, size_t k, char *err, size_t errlen);

/* ---- Full grid -------------------------------------------------------- */

/* Number of grid points, the product of levels[0..k-1], into *count.
 * Returns 0, or -1 with a message if k is 0, a level count is 0, or the
 * product overflows size_t. */
int design_grid_count(size_t k, const size_t *levels, size_t *count, char *err, size_t errlen);

/* Fill x (count * k doubles, count from design_grid_count) with the grid
 * in odometer order: point p has level numbers given by design_grid_point
 * and coordinates (l_j + 1/2) / levels[j].  Returns 0, or -1 with a
 * message on the inputs design_grid_count refuses (x is then untouched). */
int design_grid(size_t k, const size_t *levels, double *x, char *err, size_t errlen);

/* Level numbers of grid point p (0 <= p < count) into idx[0..k-1]: p
 * written in the mixed radix levels[], last factor the least significant
 * digit.  Preconditions (asserted): levels valid, p < count.  Can't fail. */
void design_grid_point(size_t k, const size_t *levels, size_t p, size_t *idx);

/* ---- Latin hypercube -------------------------------------------------- */

/* Fill x (n * k doubles) with a Latin hypercube of n points drawn from r.
 * Column by column (factor 0 first): a permutation of the strata
 * 0..n-1 by gsl_ran_shuffle, then one gsl_rng_uniform per point for the
 * jitter, x = (stratum + U) / n, so floor(x n) is the stratum exactly
 * (guarded against rounding) and x < 1.  The same generator state gives
 * the same design.  Returns 0, or -1 with a message if n or k is 0, r is
 * NULL, or n * k overflows, or out of memory (x is then untouched). */
int design_lhs(size_t n, size_t k, gsl_rng *r, double *x, char *err, size_t errlen);

/* ---- Sobol sequence --------------------------------------------------- */

/* Fill x (n * k doubles) with points skip .. skip + n - 1 of GSL's Sobol
 * sequence in k dimensions (point 0 being the first gsl_qrng_get, which is
 * (1/2, ..., 1/2)).  Returns 0, or -1 with a message if n or k is 0, k >
 * DESIGN_SOBOL_MAX_DIM, skip + n > DESIGN_SOBOL_MAX_POINTS, or out of
 * memory (x is then untouched). */
int design_sobol(size_t n, size_t k, size_t skip, double *x, char *err, size_t errlen);

/* ---- Saltelli design -------------------------------------------------- */

/* Number of points of a Saltelli design, n (k + 2), into *count.  Returns
 * 0, or -1 with a message if n or k is 0 or the count (times k) overflows
 * size_t. */
int design_saltelli_count(size_t n, size_t k, size_t *count, char *err, size_t errlen);

/* Rows of base row r (0 <= r < n) in a Saltelli design of k factors:
 * A[r], AB_i[r] (factor i counted from 0 here, 0 <= i < k), and B[r]. */
static inline size_t design_saltelli_row_a(size_t k, size_t r) { return r * (k + 2); }
static inline size_t design_saltelli_row_ab(size_t k, size_t r, size_t i) {
    return r * (k + 2) + 1 + i;
}
static inline size_t design_saltelli_row_b(size_t k, size_t r) { return r * (k + 2) + k + 1; }

/* Fill x (n (k + 2) * k doubles) with the Saltelli design built from the
 * caller's base points: base is n x 2k row-major, A[r] = base[r][0..k-1],
 * B[r] = base[r][k..2k-1].  Any base in [0,1)^2k will do (Sobol points,
 * pseudo-random points for a plain Monte Carlo design, ...).  Returns 0, or
 * -1 with a message if n or k is 0 or the size overflows (x untouched). */
int design_saltelli_from_base(size_t n, size_t k, const double *base, double *x, char *err,
                              size_t errlen);

/* The Saltelli design on GSL's Sobol points skip .. skip + n - 1 in 2k
 * dimensions: design_sobol then design_saltelli_from_base.  Returns 0, or
 * -1 with a message if n or k is 0, k > DESIGN_SALTELLI_MAX_FACTORS,
 * skip + n > DESIGN_SOBOL_MAX_POINTS, the size overflows, or out of memory
 * (x untouched). */
int design_saltelli(size_t n, size_t k, size_t skip, double *x, char *err, size_t errlen);

#endif
