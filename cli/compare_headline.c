/* The headline of a comparison for the front page (compare.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* Whether variant v saves citizens' hours for sure (paired interval of the
 * change in hours per case below zero). */
static bool saves_hours(const compare_t *c, const variant_t *v, double *b, double *x) {
    compare_values(c, &c->v[0], 0, FLOW_K_CITIZEN_HOURS, b);
    compare_values(c, v, 0, FLOW_K_CITIZEN_HOURS, x);
    compare_diff_t d = compare_difference(b, x, c->n_reps);
    return paired_is_sure(&d) && d.paired.mean < 0;
}

/* Hours per yuan of row r, for ranking: a reform that saves money too
 * comes first (infinite). */
static double hours_per_yuan(const compare_row_t *r) {
    if (isnan(r->yuan_per_hour)) return -INFINITY;
    return r->yuan_per_hour <= 0 ? INFINITY : 1 / r->yuan_per_hour;
}

void compare_headline(const compare_t *c, compare_headline_t *h) {
    memset(h, 0, sizeof *h);
    const scn_t *s = &c->v[0].s;
    snprintf(h->scenario, sizeof h->scenario, "%s", s->name);
    snprintf(h->description, sizeof h->description, "%s", s->description);
    h->n_variants = c->n_variants;
    compare_row_t rows[MAX_VARIANTS];
    size_t order[MAX_VARIANTS];
    bool ok;
    compare_summarize(c, rows, order, &ok);
    double *b = malloc(c->n_reps * sizeof *b), *x = malloc(c->n_reps * sizeof *x);
    if (!ok || !b || !x) goto out;
    compare_values(c, &c->v[0], 0, FLOW_K_WITHIN_LIMIT, b);
    h->within_base = stats_ci(b, c->n_reps, 0.95).mean;
    size_t best = 0;
    for (size_t i = 1; i < c->n_variants; i++) {
        if (c->v[i].n != 1 || !saves_hours(c, &c->v[i], b, x)) continue;
        if (!best || hours_per_yuan(&rows[i]) > hours_per_yuan(&rows[best])) best = i;
    }
    if (best) {
        h->found = true;
        snprintf(h->best, sizeof h->best, "%s", c->v[best].name);
        h->hours_saved = rows[best].hours_saved;
        h->yuan_per_hour = rows[best].yuan_per_hour;
        h->trips_avoided = rows[best].trips_avoided;
        h->within_best = h->within_base + rows[best].headline[3].paired.mean;
    }
    h->done = true;
out:
    free(b);
    free(x);
}
