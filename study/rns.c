/* KN fully sequential ranking and selection (rns.h). */
#include "rns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double rns_h2(size_t k, size_t n0, double alpha) {
    double km1 = k > 1 ? (double)(k - 1) : 1.0;
    double eta = 0.5 * (pow(2.0 * alpha / km1, -2.0 / ((double)n0 - 1.0)) - 1.0);
    return 2.0 * eta * ((double)n0 - 1.0);
}

int rns_init(rns_t *p, size_t k, size_t n0, double alpha, double delta, size_t max_n) {
    memset(p, 0, sizeof *p);
    p->k = k;
    p->n0 = n0;
    p->max_n = max_n;
    p->alpha = alpha;
    p->delta = delta;
    p->h2 = rns_h2(k, n0, alpha);
    p->n_alive = k;
    p->alive = malloc(k * sizeof *p->alive);
    p->n_obs = calloc(k, sizeof *p->n_obs);
    p->out_at = calloc(k, sizeof *p->out_at);
    p->sum = calloc(k, sizeof *p->sum);
    p->first = calloc(k * n0, sizeof *p->first);
    p->s2 = calloc(k * k, sizeof *p->s2);
    if (!p->alive || !p->n_obs || !p->out_at || !p->sum || !p->first || !p->s2) {
        rns_free(p);
        return -1;
    }
    for (size_t i = 0; i < k; i++) p->alive[i] = true;
    if (k == 1) p->done = true;
    return 0;
}

void rns_free(rns_t *p) {
    free(p->alive);
    free(p->n_obs);
    free(p->out_at);
    free(p->sum);
    free(p->first);
    free(p->s2);
    p->alive = NULL;
    p->n_obs = p->out_at = NULL;
    p->sum = p->first = p->s2 = NULL;
}

bool rns_wants(const rns_t *p, size_t i) { return !p->done && p->alive[i]; }

double rns_mean(const rns_t *p, size_t i) {
    return p->n_obs[i] ? p->sum[i] / (double)p->n_obs[i] : NAN;
}

/* S^2_il from the first stage, and the stage N + 1 at which the
 * continuation region of every pair has closed. */
static void first_stage_variances(rns_t *p) {
    size_t n0 = p->n0, nmax = 0;
    for (size_t i = 0; i < p->k; i++)
        for (size_t l = i + 1; l < p->k; l++) {
            double mean = 0, ss = 0;
            for (size_t j = 0; j < n0; j++) mean += p->first[i * n0 + j] - p->first[l * n0 + j];
            mean /= (double)n0;
            for (size_t j = 0; j < n0; j++) {
                double d = p->first[i * n0 + j] - p->first[l * n0 + j] - mean;
                ss += d * d;
            }
            double s2 = ss / ((double)n0 - 1.0);
            p->s2[i * p->k + l] = p->s2[l * p->k + i] = s2;
            double n = floor(p->h2 * s2 / (p->delta * p->delta));
            if (n > 1e9) n = 1e9;
            if ((size_t)n > nmax) nmax = (size_t)n;
        }
    p->n_bound = nmax + 1;
}

/* The half-width of the continuation region of pair (i, l) at stage r. */
static double region(const rns_t *p, size_t i, size_t l) {
    double r = (double)p->r;
    double w = p->delta / (2.0 * r) * (p->h2 * p->s2[i * p->k + l] / (p->delta * p->delta) - r);
    return w > 0 ? w : 0;
}

/* The surviving system with the largest mean (lowest index on ties). */
static size_t leader(const rns_t *p) {
    size_t b = p->k;
    for (size_t i = 0; i < p->k; i++)
        if (p->alive[i] && (b == p->k || rns_mean(p, i) > rns_mean(p, b))) b = i;
    return b;
}

/* Eliminate, against the survivors of the previous stage, every system
 * whose mean falls below another's minus the region's half-width. */
static void screen(rns_t *p) {
    bool *out = calloc(p->k ? p->k : 1, sizeof *out);
    if (!out) return; /* keep everyone: more observations, same guarantee */
    for (size_t i = 0; i < p->k; i++) {
        if (!p->alive[i]) continue;
        for (size_t l = 0; l < p->k && !out[i]; l++)
            if (l != i && p->alive[l] && rns_mean(p, i) < rns_mean(p, l) - region(p, i, l))
                out[i] = true;
    }
    for (size_t i = 0; i < p->k; i++)
        if (out[i]) {
            p->alive[i] = false;
            p->out_at[i] = p->r;
            p->n_alive--;
        }
    free(out);
}

void rns_observe(rns_t *p, const double *x) {
    if (p->done) return;
    for (size_t i = 0; i < p->k; i++) {
        if (!p->alive[i]) continue;
        if (p->r < p->n0) p->first[i * p->n0 + p->r] = x[i];
        p->sum[i] += x[i];
        p->n_obs[i]++;
    }
    p->r++;
    if (p->r < p->n0) return;
    if (p->r == p->n0) first_stage_variances(p);
    if (p->n_alive > 1) screen(p);
    if (p->n_alive <= 1 || p->r >= p->n_bound) p->done = true;
    else if (p->max_n && p->r >= p->max_n) p->done = p->capped = true;
    if (p->done) p->best = leader(p);
}

size_t rns_naive_total(const rns_t *p) {
    size_t n = p->n_bound > p->n0 ? p->n_bound : p->n0;
    return p->k * n;
}

size_t rns_total(const rns_t *p) {
    size_t t = 0;
    for (size_t i = 0; i < p->k; i++) t += p->n_obs[i];
    return t;
}
