/* kpi_rows.c - which (group, KPI) pairs govsim reports, their labels, and
 * how far each can be trusted (kpi_rows.h). */
#include "kpi_rows.h"

#include "i18n.h"

#include <math.h>
#include <stdio.h>

/* The labels of group g for the tidy files. */
void kpi_group_labels(const scn_t *s, flow_group_t g, const char **grouping, const char **service,
                      const char **region, const char **dept) {
    static const char *const NAMES[] = {"all", "service", "region", "department", "hall"};
    *grouping = NAMES[g.kind];
    *service = *region = *dept = "";
    if (g.kind == FLOW_G_SERVICE) *service = s->services[g.index].id;
    if (g.kind == FLOW_G_REGION || g.kind == FLOW_G_HALL) *region = s->regions[g.index].id;
    if (g.kind == FLOW_G_DEPARTMENT) {
        *dept = s->departments[g.index].id;
        *region = s->regions[s->departments[g.index].region].id;
    }
}

size_t kpi_build_rows(const scn_t *s, const flow_group_t *groups, size_t n_groups,
                      kpi_row_t *rows) {
    size_t n = 0;
    for (size_t g = 0; g < n_groups; g++)
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            if (!flow_kpi_applies(groups[g].kind, (flow_kpi_t)k)) continue;
            if (flow_kpi_is_hotline((flow_kpi_t)k) && !s->hotline.on) continue; /* no hotline */
            kpi_row_t *r = &rows[n++];
            r->group = g;
            r->kpi = (flow_kpi_t)k;
            kpi_group_labels(s, groups[g], &r->grouping, &r->service, &r->region, &r->dept);
        }
    return n;
}

/* ---- How far a row can be trusted ------------------------------------ */

void kpi_range(flow_kpi_t k, double *lo, double *hi) {
    *lo = 0;
    *hi = INFINITY;
    switch (k) {
    case FLOW_K_ONE_TRIP:
    case FLOW_K_ZERO_TRIP:
    case FLOW_K_WITHIN_LIMIT:
    case FLOW_K_ABANDON:
    case FLOW_K_REWORK:
    case FLOW_K_DATA_MANUAL:
    case FLOW_K_DATA_FETCHED:
    case FLOW_K_ONLINE:
    case FLOW_K_FRONT_UTIL: /* busy windows / open windows */
    case FLOW_K_CALLS_15S:
    case FLOW_K_CALLS_ABANDONED:
    case FLOW_K_CALLS_WAITED:
    case FLOW_K_APPEALS_WITHIN:
    case FLOW_K_BAD_RATING:
        *hi = 1;
        break;
    case FLOW_K_SATISFACTION:
        *hi = 100;
        break;
    case FLOW_K_REGION_GAP:
        *lo = 1;
        break;
    default:
        break; /* counts, times, rates, costs; officers' utilization
                  counts work started and can pass 1 */
    }
}

stats_ci_t kpi_ci(const double *x, size_t n, flow_kpi_t k) {
    double lo, hi;
    stats_ci_t ci = stats_ci(x, n, 0.95);
    kpi_range(k, &lo, &hi);
    stats_ci_clamp(&ci, lo, hi);
    return ci;
}

/* What one replication of a group adds: its open share and its growth.
 * NaN inputs (a group with no case) fail the comparisons and add nothing. */
typedef struct censoring_acc {
    stats_tally_t share, growth;
} censoring_acc_t;

static void censoring_add(censoring_acc_t *a, double open, double finished, double arrival_rate,
                          double throughput) {
    double in_window = open + finished; /* open at warm-up end + arrived */
    if (in_window > 0) stats_tally_add(&a->share, open / in_window);
    if (arrival_rate > 0 && throughput >= 0)
        stats_tally_add(&a->growth, 1 - throughput / arrival_rate);
}

static kpi_censoring_t censoring_result(const censoring_acc_t *a) {
    kpi_censoring_t c = {.n = (size_t)a->share.n,
                         .open_share = stats_tally_mean(&a->share),
                         .growth = stats_ci_tally(&a->growth, 0.95)};
    c.censored = c.open_share > KPI_OPEN_SHARE_MAX;
    c.unstable = c.growth.lo > 0 && c.growth.mean > KPI_GROWTH_MAX;
    return c;
}

kpi_censoring_t kpi_censoring_of(const double *open, const double *finished,
                                 const double *arrival_rate, const double *throughput, size_t n) {
    censoring_acc_t a;
    stats_tally_init(&a.share);
    stats_tally_init(&a.growth);
    for (size_t r = 0; r < n; r++)
        censoring_add(&a, open[r], finished[r], arrival_rate[r], throughput[r]);
    return censoring_result(&a);
}

kpi_censoring_t kpi_censoring(const flow_result_t *results, const unsigned char *done, size_t reps,
                              size_t g) {
    censoring_acc_t a;
    stats_tally_init(&a.share);
    stats_tally_init(&a.growth);
    for (size_t r = 0; r < reps; r++)
        if (!done || done[r])
            censoring_add(&a, flow_kpi(&results[r], g, FLOW_K_BACKLOG),
                          flow_kpi(&results[r], g, FLOW_K_COMPLETED),
                          flow_kpi(&results[r], g, FLOW_K_ARRIVAL_RATE),
                          flow_kpi(&results[r], g, FLOW_K_THROUGHPUT));
    return censoring_result(&a);
}

const char *kpi_censoring_flag(const kpi_censoring_t *c) {
    return c->unstable ? "unstable" : c->censored ? "censored" : "";
}

/* Whole percentages read best; below 10% one decimal, so 5.4% does not
 * read as the 5% threshold. */
static int pct_decimals(double share) { return share < 0.1 ? 1 : 0; }

char *kpi_censoring_note(const kpi_censoring_t *c, char *buf, size_t len) {
    buf[0] = '\0';
    if (!c->censored && !c->unstable) return buf;
    int n = snprintf(buf, len,
                     _("%.*f%% of cases still open at the end; means are of "
                       "finished cases only"),
                     pct_decimals(c->open_share), 100 * c->open_share);
    if (c->unstable && n >= 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n,
                 _("; open cases grew by %.*f%% of arrivals "
                   "(overload, or too short a warm-up)"),
                 pct_decimals(c->growth.mean), 100 * c->growth.mean);
    return buf;
}

char *kpi_few_note(size_t n, char *buf, size_t len) {
    buf[0] = '\0';
    if (n >= KPI_FEW_REPLICATIONS) return buf;
    if (n == 1) { /* -r 1: a quick look, or a class */
        snprintf(buf, len,
                 _("one replication: means only, without confidence intervals (use -r %d or more "
                   "for intervals)"),
                 KPI_FEW_REPLICATIONS * 2);
        return buf;
    }
    size_t df = n ? n - 1 : 0;
    snprintf(buf, len,
             ngettext("only %zu replications: the 95%% intervals rest on %zu degree of "
                      "freedom and are rough (use -r %d or more)",
                      "only %zu replications: the 95%% intervals rest on %zu degrees of "
                      "freedom and are rough (use -r %d or more)",
                      df),
             n, df, KPI_FEW_REPLICATIONS * 2);
    return buf;
}
