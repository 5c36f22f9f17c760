/*
 * rng_zig.c - the rare paths of the ziggurat draws of sim/rng.h.
 *
 * The inline draws accept a word whose magnitude lies under the layer
 * above (about 98.9% of exponential and 98.8% of normal draws); here are
 * the other cases of Marsaglia and Tsang's efix/nfix: the wedge between a
 * layer's rectangle and the density (accept with probability given by
 * the density, by one uniform and an exp), and the tail beyond r of the
 * base strip (the exponential's by memorylessness, the normal's by
 * Marsaglia's 1964 method).  A rejected word is replaced by a fresh one.
 */
#include "rng.h"

uint64_t rng_zig_word_other(gsl_rng *r) {
    uint64_t hi = (uint64_t)(gsl_rng_uniform(r) * 4294967296.0);
    return hi << 32 | (uint64_t)(gsl_rng_uniform(r) * 4294967296.0);
}

/* Is x, in layer i (i >= 1) of a ziggurat with densities f, under the
 * density value fx at x?  A uniform point in the wedge's box decides. */
static int zig_wedge_accepts(gsl_rng *r, const double *f, unsigned i, double fx) {
    return f[i] + rng_uniform(r) * (f[i - 1] - f[i]) < fx;
}

double rng_exponential_slow(gsl_rng *r, uint64_t b) {
    for (;;) {
        unsigned i = (unsigned)(b & (ZIG_EXP_LAYERS - 1));
        uint64_t u = b >> 11;
        double x = (double)u * zig_exp_w[i];
        if (u < zig_exp_k[i]) return x;
        if (i == 0) return ZIG_EXP_R - log(rng_uniform_pos(r));
        if (zig_wedge_accepts(r, zig_exp_f, i, exp(-x))) return x;
        b = rng_zig_word(r);
    }
}

/* The normal's tail beyond r (Marsaglia 1964): x = r + E1 / r, accepted
 * when 2 E2 >= (E1 / r)^2, E1 and E2 standard exponential. */
static double zig_normal_tail(gsl_rng *r) {
    double x, y;
    do {
        x = -log(rng_uniform_pos(r)) / ZIG_NORM_R;
        y = -log(rng_uniform_pos(r));
    } while (y + y < x * x);
    return ZIG_NORM_R + x;
}

double rng_normal_slow(gsl_rng *r, uint64_t b) {
    for (;;) {
        unsigned i = (unsigned)(b & (ZIG_NORM_LAYERS - 1));
        uint64_t u = b >> 11;
        double x = (double)u * zig_norm_w[i];
        int neg = (b & ZIG_NORM_LAYERS) != 0;
        if (u < zig_norm_k[i]) return neg ? -x : x;
        if (i == 0) return neg ? -zig_normal_tail(r) : zig_normal_tail(r);
        if (zig_wedge_accepts(r, zig_norm_f, i, exp(-0.5 * x * x))) return neg ? -x : x;
        b = rng_zig_word(r);
    }
}
