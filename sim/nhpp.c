#include "nhpp.h"
#include "errmsg.h"
#include "rng.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#define NUM_TEXT 32 /* room for one number formatted by fmt_num */

/* %g, but a whole number keeps a ".0" so that a message reads as a time or
 * rate ("3.2 then 3.0"), not as an index. */
static const char *fmt_num(char buf[NUM_TEXT], double v) {
    snprintf(buf, NUM_TEXT, "%g", v);
    if (isfinite(v) && !strpbrk(buf, ".e")) strncat(buf, ".0", NUM_TEXT - strlen(buf) - 1);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Construction                                                         */
/* ------------------------------------------------------------------ */

/* All input checks, in the order a reader of the scenario would fix them.
 * Rates are numbered from 1, as they are listed in scenario files. */
static int check_profile(const double *breaks, const double *rates, size_t n, double period,
                         char *err, size_t errlen) {
    char a[NUM_TEXT], b[NUM_TEXT];
    if (n == 0) {
        errmsg_format(err, errlen, "a rate profile needs at least one segment");
        return -1;
    }
    if (!isfinite(period) || period < 0) {
        errmsg_format(err, errlen, "period must be 0 (no repetition) or positive (got %s)",
                      fmt_num(a, period));
        return -1;
    }
    for (size_t i = 0; i <= n; i++) {
        if (!isfinite(breaks[i])) {
            errmsg_format(err, errlen, "break %zu is not a finite number (%s)", i + 1,
                          fmt_num(a, breaks[i]));
            return -1;
        }
    }
    if (breaks[0] < 0) {
        errmsg_format(err, errlen, "first break is negative (%s)", fmt_num(a, breaks[0]));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(breaks[i + 1] > breaks[i])) {
            errmsg_format(err, errlen, "breaks must increase (%s then %s)", fmt_num(a, breaks[i]),
                          fmt_num(b, breaks[i + 1]));
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(rates[i])) {
            errmsg_format(err, errlen, "rate %zu is not a finite number (%s)", i + 1,
                          fmt_num(a, rates[i]));
            return -1;
        }
        if (rates[i] < 0) {
            errmsg_format(err, errlen, "rate %zu is negative (%s)", i + 1, fmt_num(a, rates[i]));
            return -1;
        }
    }
    if (period > 0 && breaks[n] - breaks[0] > period) {
        errmsg_format(err, errlen, "the profile spans %s but the period is %s",
                      fmt_num(a, breaks[n] - breaks[0]), fmt_num(b, period));
        return -1;
    }
    return 0;
}

int nhpp_init(nhpp_t *p, const double *breaks, const double *rates, size_t n, double period,
              char *err, size_t errlen) {
    memset(p, 0, sizeof *p);
    if (check_profile(breaks, rates, n, period, err, errlen) != 0) return -1;
    p->start = malloc(n * sizeof *p->start);
    p->rate = malloc(n * sizeof *p->rate);
    if (!p->start || !p->rate) {
        nhpp_free(p);
        errmsg_format(err, errlen, "out of memory for a rate profile of %zu segments", n);
        return -1;
    }
    p->n = n;
    memcpy(p->start, breaks, n * sizeof *p->start);
    memcpy(p->rate, rates, n * sizeof *p->rate);
    p->end = breaks[n];
    p->period = period;
    for (size_t i = 0; i < n; i++) p->per_period += rates[i] * (breaks[i + 1] - breaks[i]);
    return 0;
}

void nhpp_free(nhpp_t *p) {
    free(p->start);
    free(p->rate);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ */
/* Profile coordinates                                                  */
/* ------------------------------------------------------------------ */
/* A finite profile is read at t itself.  A periodic one is read at the
 * phase x = t - k * period taken in [start[0], start[0] + period), so breaks
 * are relative to each period and a profile may run past the period's
 * nominal end into the next one (e.g. a night shift 23:00-01:00). */

static double seg_end(const nhpp_t *p, size_t i) { return i + 1 < p->n ? p->start[i + 1] : p->end; }

/* The last segment starting at or before x (x >= start[0]). */
static size_t segment_at(const nhpp_t *p, double x) {
    size_t lo = 0, hi = p->n; /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->start[mid] <= x) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* The phase of t and the number k of whole periods before it, with
 * t = phase + k * period up to rounding; the phase is kept in
 * [start[0], start[0] + period) whatever the division rounded to. */
static double phase_of(const nhpp_t *p, double t, double *k) {
    double base = p->start[0];
    double u = t - base;
    double kk = floor(u / p->period);
    double off = u - kk * p->period;
    if (off < 0) off += p->period, kk -= 1;
    else if (off >= p->period) off -= p->period, kk += 1;
    *k = kk;
    return base + off;
}

/* Integrated rate over [x0, x1] in profile coordinates. */
static double profile_integral(const nhpp_t *p, double x0, double x1) {
    x0 = fmax(x0, p->start[0]);
    x1 = fmin(x1, p->end);
    if (x1 <= x0) return 0.0;
    double sum = 0.0;
    for (size_t i = segment_at(p, x0); i < p->n && p->start[i] < x1; i++) {
        double from = fmax(x0, p->start[i]), to = fmin(x1, seg_end(p, i));
        if (to > from) sum += p->rate[i] * (to - from);
    }
    return sum;
}

/* Walks the profile from x to its end spending *e of integrated rate.
 * Returns true with the instant where *e is used up in *at, or false with
 * *e reduced by all the profile offered after x. */
static bool profile_consume(const nhpp_t *p, double x, double *e, double *at) {
    if (x >= p->end) return false;
    size_t i = x < p->start[0] ? 0 : segment_at(p, x);
    for (; i < p->n; i++) {
        if (p->rate[i] <= 0) continue;
        double from = fmax(x, p->start[i]), to = seg_end(p, i);
        double mass = p->rate[i] * (to - from);
        if (*e <= mass) {
            *at = fmin(from + *e / p->rate[i], to);
            return true;
        }
        *e -= mass;
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Queries                                                              */
/* ------------------------------------------------------------------ */

double nhpp_rate(const nhpp_t *p, double t) {
    assert(p->n > 0 && !isnan(t));
    double k, x = t;
    if (p->period > 0) {
        if (isinf(t)) return 0.0;
        x = phase_of(p, t, &k);
    }
    if (x < p->start[0] || x >= p->end) return 0.0;
    return p->rate[segment_at(p, x)];
}

/* Across periods: the rest of t0's period, whole periods in between by
 * multiplication, the start of t1's period; no difference of two large
 * cumulative values, so no cancellation far into a run. */
double nhpp_expected(const nhpp_t *p, double t0, double t1) {
    assert(p->n > 0 && !isnan(t0) && !isnan(t1));
    if (!(t1 > t0)) return 0.0;
    if (p->period <= 0) return profile_integral(p, t0, t1);
    if (isinf(t1) || isinf(t0)) return p->per_period > 0 ? INFINITY : 0.0;
    double k0, k1;
    double x0 = phase_of(p, t0, &k0), x1 = phase_of(p, t1, &k1);
    if (k0 == k1) return profile_integral(p, x0, x1);
    double first = profile_integral(p, x0, p->end);
    double last = profile_integral(p, p->start[0], x1);
    return first + (k1 - k0 - 1) * p->per_period + last;
}

/* Rounding (t + tiny E / rate == now) or an Exp(1) draw of exactly 0 must
 * not give an arrival at `now` itself: the contract says strictly after. */
static double strictly_after(double now, double t) {
    return t > now ? t : nextafter(now, INFINITY);
}

/* Inversion: the arrival is where the integrated rate from `now` reaches an
 * Exp(1) draw.  In a periodic profile, the rest of the current period is
 * walked, then whole periods are skipped by division (leaving a positive
 * remainder so that the arrival falls in the next period walked). */
double nhpp_next(const nhpp_t *p, double now, gsl_rng *r) {
    assert(p->n > 0 && !isnan(now));
    if (!(p->per_period > 0) || isinf(now)) return INFINITY;
    double e = rng_exponential(r, 1.0);
    double at;
    if (p->period <= 0)
        return profile_consume(p, now, &e, &at) ? strictly_after(now, at) : INFINITY;
    double k;
    double x = phase_of(p, now, &k);
    if (profile_consume(p, x, &e, &at)) return strictly_after(now, at + k * p->period);
    double skip = floor(e / p->per_period);
    if (skip > 0 && skip * p->per_period >= e) skip -= 1.0;
    e -= skip * p->per_period;
    for (k += 1.0 + skip;; k += 1.0) {
        /* e <= per_period up to rounding: at most a second period is needed */
        if (profile_consume(p, p->start[0], &e, &at))
            return strictly_after(now, at + k * p->period);
    }
}
