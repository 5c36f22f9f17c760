/*
 * dist.h - probability distributions written as strings in scenario files.
 *
 * A scenario says `work = "lognormal(20, 0.5)"`; dist_parse() turns that
 * into a small plain struct that dist_sample() draws from with a GSL
 * generator.  Parameters are chosen the way planners think: by mean (and
 * coefficient of variation) in minutes, not by the textbook parameters.
 *
 *   const(v)              always v                                  (v >= 0)
 *   exp(mean)             exponential with that mean                 (mean > 0)
 *   lognormal(mean, cv)   lognormal by mean and coefficient of variation
 *   gamma(mean, cv)       gamma by mean and coefficient of variation
 *   erlang(k, mean)       sum of k exponentials, total mean `mean`   (k int >= 1)
 *   triangular(a, m, b)   min a, mode m, max b                       (a <= m <= b, a < b)
 *   uniform(a, b)         uniform on [a, b)                          (a < b)
 *   weibull(shape, scale) P(X > x) = exp(-(x/scale)^shape)           (both > 0)
 *   normal(mean, sd)      normal truncated at 0 by resampling (sd < mean/2)
 *   empirical(file.csv)   resamples the values listed in the file
 *
 * All values must be >= 0 (they are durations).  Whitespace is allowed
 * anywhere between tokens; names are case-sensitive lower case.
 *
 * Sampling is on the simulation's hot path: dist_sample() is a switch over a
 * plain struct with the derived parameters precomputed at parse time, with
 * no allocation and no string handling.
 */
#ifndef GOVSIM_DIST_H
#define GOVSIM_DIST_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

typedef enum {
    DIST_CONST,
    DIST_EXP,
    DIST_LOGNORMAL,
    DIST_GAMMA,
    DIST_ERLANG,
    DIST_TRIANGULAR,
    DIST_UNIFORM,
    DIST_WEIBULL,
    DIST_NORMAL,
    DIST_EMPIRICAL
} dist_kind_t;

typedef struct dist {
    dist_kind_t kind;
    double p[3];     /* parameters as written (see table above)          */
    double q[3];     /* derived parameters used by dist_sample()         */
    double *values;  /* DIST_EMPIRICAL: the observations, owned          */
    size_t n_values; /* DIST_EMPIRICAL: how many                         */
} dist_t;

/* Parse `text` into *d.  `base_dir` is where a relative empirical file name
 * is looked up (NULL: the current directory).  On success returns 0.  On
 * error returns -1, leaves *d empty (safe to dist_free), and writes a
 * one-line message to err (at most errlen bytes, NUL-terminated) saying what
 * was wrong and what was expected, e.g.
 *   "lognormal(20): expects 2 parameters (mean, cv), got 1"
 *   "exp(-3): mean must be > 0"
 *   "foo(1): unknown distribution (expected one of const, exp, ...)"
 *   "empirical(x.csv): x.csv:7: 'abc' is not a number"            */
int dist_parse(dist_t *d, const char *text, const char *base_dir, char *err, size_t errlen);

/* One draw. Precondition: d was parsed successfully. Can't fail. */
double dist_sample(const dist_t *d, gsl_rng *r);

/* Exact mean and variance of the distribution as parsed. */
double dist_mean(const dist_t *d);
double dist_variance(const dist_t *d);

/* Multiply the distribution by a positive factor (X -> factor * X), e.g. a
 * department's skill multiplier; mean scales by factor, cv is unchanged. */
void dist_scale(dist_t *d, double factor);

/* Deep copy (empirical values are duplicated). Returns 0, or -1 when out of
 * memory (dst then empty). */
int dist_copy(dist_t *dst, const dist_t *src);

/* Canonical text, e.g. "lognormal(20, 0.5)"; always NUL-terminated. */
void dist_format(const dist_t *d, char *buf, size_t len);

/* Release what dist_parse allocated; leaves an empty const(0). */
void dist_free(dist_t *d);

#endif
