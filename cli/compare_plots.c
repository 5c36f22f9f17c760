/* The charts of a comparison (compare.h): the numbers behind each chart,
 * taken from the replications, handed to output/plot.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "plot.h"

/* Mean and 95% CI of x[0..n-1] as a plot estimate, scaled. */
static plot_ci_t estimate(const double *x, size_t n, double scale) {
    stats_ci_t ci = stats_ci(x, n, 0.95);
    plot_ci_t p = {ci.mean * scale, ci.lo * scale, ci.hi * scale};
    if (scale < 0) p = (plot_ci_t){ci.mean * scale, ci.hi * scale, ci.lo * scale};
    return p;
}

/* The paired change of KPI k (group g) from the baseline to v, scaled. */
static plot_ci_t change(const compare_t *c, const variant_t *v, size_t g, flow_kpi_t k,
                        double scale, double *b, double *x) {
    if (k == FLOW_K_COST_YEAR) {
        compare_cost_values(c, &c->v[0], b);
        compare_cost_values(c, v, x);
    } else {
        compare_values(c, &c->v[0], g, k, b);
        compare_values(c, v, g, k, x);
    }
    compare_diff_t d = compare_difference(b, x, c->n_reps);
    plot_ci_t p = {d.paired.mean * scale, d.paired.lo * scale, d.paired.hi * scale};
    if (scale < 0) p = (plot_ci_t){d.paired.mean * scale, d.paired.hi * scale, d.paired.lo * scale};
    if (d.paired.half == 0) p.lo = p.hi = p.mean; /* exact (CRN, nothing changed) */
    return p;
}

/* Mean over replications of a per-replication array entry, NaN skipped. */
static double mean_over_reps(const compare_t *c, const variant_t *v, size_t offset, bool quantile) {
    double sum = 0;
    size_t n = 0;
    for (size_t r = 0; r < c->n_reps; r++) {
        double y =
            quantile ? v->results[r].cycle_quantile[offset] : v->results[r].trip_share[offset];
        if (isnan(y)) continue;
        sum += y;
        n++;
    }
    return n ? sum / (double)n : NAN;
}

/* Bounds of the department-by-city matrix (plot_by_city_of). */
#define SCN_MAX_KINDS      24
#define SCN_MAX_KIND_DEPTS 512

/* The bundled reforms' styles, chosen once so that no two share a colour
 * (a hash of the id cannot promise that for nine reforms and eleven
 * colours); any other variant's style comes from a hash of its label
 * (plot_style_for_key).  Either way a variant looks the same in every
 * chart of every report. */
static const struct {
    const char *id;
    plot_style_t style;
} BUNDLED_STYLE[] = {
    {"baseline", {0x000000, 7}},         {"data_hub", {0x0072b2, 7}},
    {"unified_platform", {0xe69f00, 5}}, {"talent_investment", {0x009e73, 9}},
    {"data_quality", {0xcc79a7, 11}},    {"demand_responsive", {0x56b4e9, 13}},
    {"infrastructure", {0x8c564b, 15}},  {"parallel_approval", {0xd55e00, 5}},
    {"security", {0x7f7f7f, 9}},         {"regional_balance", {0x17becf, 11}},
    {"all_reforms", {0x9467bd, 13}},     {"listening", {0xbcbd22, 7}},
};

/* The style of the variant labelled `label` (its reform ids). */
static plot_style_t variant_style(const char *label) {
    for (size_t i = 0; i < sizeof BUNDLED_STYLE / sizeof *BUNDLED_STYLE; i++)
        if (strcmp(BUNDLED_STYLE[i].id, label) == 0) return BUNDLED_STYLE[i].style;
    return plot_style_for_key(label);
}

typedef struct scratch {
    const char *labels[MAX_VARIANTS]; /* the variants' names, for people */
    plot_style_t styles[MAX_VARIANTS];
    double *b, *x;
    plot_ci_t *ci, *ci2;
    double *num, *num2;
} scratch_t;

static int plot_changes_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                           size_t errlen) {
    static const struct {
        const char *title;
        double scale;
        flow_kpi_t k;
        bool lower_better;
    } kpi[] = {
        {N_("cycle time (working days)"), 1, FLOW_K_CYCLE_WD, true},
        {N_("trips per case"), 1, FLOW_K_TRIPS, true},
        {N_("one-trip share (percentage points)"), 100, FLOW_K_ONE_TRIP, false},
        {N_("within statutory limit (percentage points)"), 100, FLOW_K_WITHIN_LIMIT, false},
        {N_("window wait (minutes)"), 1, FLOW_K_WINDOW_WAIT, true},
        {N_("government cost (million yuan per year)"), 1e-6, FLOW_K_COST_YEAR, true},
    };
    enum { N = sizeof kpi / sizeof *kpi };
    size_t nv = c->n_variants - 1;
    plot_kpi_t panels[N];
    for (size_t k = 0; k < N; k++) {
        plot_ci_t *col = w->ci + k * nv;
        for (size_t i = 0; i < nv; i++)
            col[i] = change(c, &c->v[i + 1], 0, kpi[k].k, kpi[k].scale, w->b, w->x);
        panels[k] = (plot_kpi_t){_(kpi[k].title), kpi[k].lower_better, col};
    }
    plot_ctx_t shifted = *ctx; /* the baseline is not a bar */
    shifted.styles = w->styles + 1;
    return plot_changes(&shifted, nv, w->labels + 1, N, panels, err, errlen);
}

static int plot_cdf_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                       size_t errlen) {
    enum { NP = FLOW_CDF_POINTS - 1 };
    double p[NP];
    for (size_t i = 0; i < NP; i++) p[i] = (double)(i + 1) / FLOW_CDF_POINTS;
    for (size_t v = 0; v < c->n_variants; v++)
        for (size_t i = 0; i < NP; i++) w->num[v * NP + i] = mean_over_reps(c, &c->v[v], i, true);
    return plot_cdf(ctx, c->n_variants, w->labels, NP, p, w->num, err, errlen);
}

static int plot_trips_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                         size_t errlen) {
    for (size_t v = 0; v < c->n_variants; v++) {
        compare_values(c, &c->v[v], 0, FLOW_K_TRIPS, w->x);
        w->ci[v] = estimate(w->x, c->n_reps, 1);
        for (size_t b = 0; b < FLOW_TRIP_BINS; b++)
            w->num[v * FLOW_TRIP_BINS + b] = mean_over_reps(c, &c->v[v], b, false);
    }
    return plot_trips(ctx, c->n_variants, w->labels, w->ci, FLOW_TRIP_BINS, w->num, err, errlen);
}

static int plot_utilization_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                               size_t errlen) {
    const scn_t *s = &c->v[0].s;
    size_t nd = s->n_departments, first = 1 + s->n_services + s->n_regions;
    const char **names = malloc(nd * sizeof *names);
    if (!names) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t d = 0; d < nd; d++) {
        names[d] = s->departments[d].name;
        for (size_t v = 0; v < c->n_variants; v++) {
            compare_values(c, &c->v[v], first + d, FLOW_K_FRONT_UTIL, w->x);
            w->num[v * nd + d] = stats_ci(w->x, c->n_reps, 0.95).mean;
            compare_values(c, &c->v[v], first + d, FLOW_K_BACK_UTIL, w->x);
            w->num2[v * nd + d] = stats_ci(w->x, c->n_reps, 0.95).mean;
        }
    }
    int rc =
        plot_utilization(ctx, c->n_variants, w->labels, nd, names, w->num, w->num2, err, errlen);
    free(names);
    return rc;
}

static int plot_cost_benefit_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                                size_t errlen) {
    compare_values(c, &c->v[0], 0, FLOW_K_ARRIVAL_RATE, w->b);
    double cases_per_year = stats_ci(w->b, c->n_reps, 0.95).mean * 365;
    size_t nv = c->n_variants - 1;
    for (size_t i = 0; i < nv; i++) {
        const variant_t *v = &c->v[i + 1];
        w->ci[i] = change(c, v, 0, FLOW_K_COST_YEAR, 1e-6, w->b, w->x);
        /* hours saved = minus the change in hours per case, times cases */
        w->ci2[i] = change(c, v, 0, FLOW_K_CITIZEN_HOURS, -cases_per_year / 1000, w->b, w->x);
    }
    plot_ctx_t shifted = *ctx; /* the baseline is not a point */
    shifted.styles = w->styles + 1;
    return plot_cost_benefit(&shifted, nv, w->labels + 1, w->ci, w->ci2,
                             _("change in government cost (million yuan per year, "
                               "reforms' own cost included)"),
                             _("citizens' time saved (thousand hours per year)"), err, errlen);
}

/* Per-region bars for the baseline, the single reform that shortens the
 * cycle time most, and all reforms together. */
static int plot_regions_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                           size_t errlen) {
    const scn_t *s = &c->v[0].s;
    size_t series[3], n_series = 0;
    series[n_series++] = 0;
    size_t best = 0, all = 0;
    double best_mean = INFINITY;
    compare_values(c, &c->v[0], 0, FLOW_K_CYCLE_WD, w->b);
    for (size_t i = 1; i < c->n_variants; i++) {
        if (strcmp(c->v[i].label, "all_reforms") == 0) all = i;
        if (c->v[i].n != 1) continue;
        compare_values(c, &c->v[i], 0, FLOW_K_CYCLE_WD, w->x);
        double m = compare_difference(w->b, w->x, c->n_reps).paired.mean;
        if (m < best_mean) best_mean = m, best = i;
    }
    if (best) series[n_series++] = best;
    if (all) series[n_series++] = all;
    const char *labels[3], **regions = malloc(s->n_regions * sizeof *regions);
    plot_style_t styles[3];
    if (!regions) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char best_label[300];
    for (size_t k = 0; k < n_series; k++) {
        labels[k] = c->v[series[k]].name;
        styles[k] = w->styles[series[k]];
        if (series[k] == best && best) {
            snprintf(best_label, sizeof best_label, _("%s (best single reform)"), labels[k]);
            labels[k] = best_label;
        }
        for (size_t r = 0; r < s->n_regions; r++) {
            size_t g = 1 + s->n_services + r;
            compare_values(c, &c->v[series[k]], g, FLOW_K_CYCLE_WD, w->x);
            w->ci[k * s->n_regions + r] = estimate(w->x, c->n_reps, 1);
            compare_values(c, &c->v[series[k]], g, FLOW_K_TRIPS, w->x);
            w->ci2[k * s->n_regions + r] = estimate(w->x, c->n_reps, 1);
        }
    }
    for (size_t r = 0; r < s->n_regions; r++) regions[r] = s->regions[r].name;
    plot_ctx_t own = *ctx;
    own.styles = styles;
    int rc = plot_regions(&own, n_series, labels, s->n_regions, regions,
                          _("mean cycle time (working days)"), w->ci, _("trips per case"), w->ci2,
                          err, errlen);
    free(regions);
    return rc;
}

/* The kind of department d ("tax" of "harbin_tax"): its id without its
 * region's id as prefix; and the kind's name without " (REGION NAME)",
 * or without REGION NAME in front (Chinese). */
static void department_kind(const scn_t *s, size_t d, char *kind, size_t klen, char *name,
                            size_t nlen) {
    const scn_department_t *x = &s->departments[d];
    const scn_region_t *r = &s->regions[x->region];
    size_t n = strlen(r->id);
    const char *k = strncmp(x->id, r->id, n) == 0 && x->id[n] == '_' ? x->id + n + 1 : x->id;
    snprintf(kind, klen, "%s", k);
    snprintf(name, nlen, "%s", x->name);
    char suffix[SCN_NAME_MAX + 8];
    snprintf(suffix, sizeof suffix, " (%s)", r->name);
    size_t ln = strlen(name), ls = strlen(suffix), lr = strlen(r->name);
    if (ln > ls && strcmp(name + ln - ls, suffix) == 0) name[ln - ls] = '\0';
    /* Chinese names put the city first: 哈尔滨市税务局 */
    else if (ln > lr && strncmp(name, r->name, lr) == 0) memmove(name, name + lr, ln - lr + 1);
}

typedef struct kinds {
    size_t n;
    char id[SCN_MAX_KINDS][SCN_ID_MAX];
    char name[SCN_MAX_KINDS][SCN_NAME_MAX];
    int of_dept[SCN_MAX_KIND_DEPTS]; /* kind of each department */
} kinds_t;

/* The kinds of department of s, in order of first appearance; false when
 * there are too many to draw a matrix of. */
static bool department_kinds(const scn_t *s, kinds_t *k) {
    k->n = 0;
    if (s->n_departments > SCN_MAX_KIND_DEPTS) return false;
    for (size_t d = 0; d < s->n_departments; d++) {
        char id[SCN_ID_MAX], name[SCN_NAME_MAX];
        department_kind(s, d, id, sizeof id, name, sizeof name);
        size_t i = 0;
        while (i < k->n && strcmp(k->id[i], id) != 0) i++;
        if (i == k->n) {
            if (k->n == SCN_MAX_KINDS) return false;
            memcpy(k->id[i], id, sizeof id);
            memcpy(k->name[i], name, sizeof name);
            k->n++;
        }
        k->of_dept[d] = (int)i;
    }
    return true;
}

/* utilization_cities.*: for a province, each kind of department by city,
 * windows and officers, for the baseline and all reforms together (or the
 * last variant): 36 departments read as two 6 x 6 matrices. */
static int plot_by_city_of(const compare_t *c, const plot_ctx_t *ctx, scratch_t *w, char *err,
                           size_t errlen) {
    const scn_t *s = &c->v[0].s;
    kinds_t *k = calloc(1, sizeof *k);
    size_t nr = s->n_regions, first = 1 + s->n_services + s->n_regions;
    size_t sel[2] = {0, c->n_variants - 1};
    for (size_t i = 1; i < c->n_variants; i++)
        if (strcmp(c->v[i].label, "all_reforms") == 0) sel[1] = i;
    size_t n_panels = sel[1] ? 4 : 2;
    double *val = k ? malloc(n_panels * SCN_MAX_KINDS * nr * sizeof *val) : NULL;
    const char **regions = malloc(nr * sizeof *regions);
    int rc = 0;
    if (!k || !val || !regions) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    } else if (department_kinds(s, k) && k->n < s->n_departments) {
        for (size_t i = 0; i < n_panels * k->n * nr; i++) val[i] = NAN;
        char titles[4][300];
        const char *panels[4], *rows[SCN_MAX_KINDS];
        for (size_t p = 0; p < n_panels; p++) {
            const variant_t *v = &c->v[sel[p / 2]];
            snprintf(titles[p], sizeof titles[p], "%s: %s", v->name,
                     p % 2 ? _("officers (back office)") : _("windows (front desk)"));
            panels[p] = titles[p];
            for (size_t d = 0; d < s->n_departments; d++) {
                compare_values(c, v, first + d, p % 2 ? FLOW_K_BACK_UTIL : FLOW_K_FRONT_UTIL, w->x);
                double m = stats_ci(w->x, c->n_reps, 0.95).mean;
                val[(p * k->n + (size_t)k->of_dept[d]) * nr + (size_t)s->departments[d].region] = m;
            }
        }
        for (size_t i = 0; i < k->n; i++) rows[i] = k->name[i];
        for (size_t r = 0; r < nr; r++) regions[r] = s->regions[r].name;
        rc = plot_matrix(ctx, "utilization_cities",
                         _("utilization of each kind of department, city by city"), n_panels,
                         panels, k->n, rows, nr, regions, val, err, errlen);
    }
    free(k);
    free(val);
    free(regions);
    return rc;
}

int compare_plots(const compare_t *c, const char *dir, char *err, size_t errlen) {
    const scn_t *s = &c->v[0].s;
    size_t nv = c->n_variants;
    size_t wide = FLOW_CDF_POINTS * nv;
    if (s->n_departments * nv > wide) wide = s->n_departments * nv;
    size_t cis = 8 * nv;
    if (3 * s->n_regions > cis) cis = 3 * s->n_regions;
    scratch_t w = {.b = malloc(c->n_reps * sizeof(double)),
                   .x = malloc(c->n_reps * sizeof(double)),
                   .ci = malloc(cis * sizeof(plot_ci_t)),
                   .ci2 = malloc(cis * sizeof(plot_ci_t)),
                   .num = malloc(wide * sizeof(double)),
                   .num2 = malloc(wide * sizeof(double))};
    int rc = -1;
    if (!w.b || !w.x || !w.ci || !w.ci2 || !w.num || !w.num2) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t v = 0; v < nv; v++) {
        w.labels[v] = c->v[v].name;
        w.styles[v] = variant_style(c->v[v].label);
    }
    plot_ctx_t ctx = {dir, s->name, w.styles};
    if (nv >= 2 && (plot_changes_of(c, &ctx, &w, err, errlen) != 0 ||
                    plot_cost_benefit_of(c, &ctx, &w, err, errlen) != 0))
        goto out;
    if (plot_cdf_of(c, &ctx, &w, err, errlen) != 0 ||
        plot_trips_of(c, &ctx, &w, err, errlen) != 0 ||
        plot_utilization_of(c, &ctx, &w, err, errlen) != 0)
        goto out;
    if (s->n_regions > 1 && (plot_regions_of(c, &ctx, &w, err, errlen) != 0 ||
                             plot_by_city_of(c, &ctx, &w, err, errlen) != 0))
        goto out;
    rc = 0;
out:
    free(w.b);
    free(w.x);
    free(w.ci);
    free(w.ci2);
    free(w.num);
    free(w.num2);
    return rc;
}
