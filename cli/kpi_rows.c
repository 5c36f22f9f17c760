/* kpi_rows.c - which (group, KPI) pairs govsim reports, and their labels. */
#include "kpi_rows.h"

/* The labels of group g for the tidy files. */
void kpi_group_labels(const scn_t *s, flow_group_t g, const char **service,
                         const char **region, const char **dept) {
    *service = *region = *dept = "all";
    if (g.kind == FLOW_G_SERVICE) *service = s->services[g.index].id;
    if (g.kind == FLOW_G_REGION) *region = s->regions[g.index].id;
    if (g.kind == FLOW_G_DEPARTMENT) {
        *dept = s->departments[g.index].id;
        *region = s->regions[s->departments[g.index].region].id;
    }
}

bool kpi_applies(flow_group_t g, flow_kpi_t k) {
    bool dept_kpi = k == FLOW_K_FRONT_UTIL || k == FLOW_K_BACK_UTIL;
    bool all_only = k == FLOW_K_COST_YEAR || k == FLOW_K_CITIZEN_COST_YEAR ||
                    k == FLOW_K_COST_PER_CASE || k == FLOW_K_REGION_GAP;
    if (g.kind == FLOW_G_DEPARTMENT) return dept_kpi;
    if (dept_kpi) return false;
    return !all_only || g.kind == FLOW_G_ALL;
}

size_t kpi_build_rows(const scn_t *s, const flow_group_t *groups, size_t n_groups,
                         row_t *rows) {
    size_t n = 0;
    for (size_t g = 0; g < n_groups; g++)
        for (int k = 0; k < FLOW_K_COUNT; k++) {
            if (!kpi_applies(groups[g], (flow_kpi_t)k)) continue;
            row_t *r = &rows[n++];
            r->group = g;
            r->kpi = (flow_kpi_t)k;
            kpi_group_labels(s, groups[g], &r->service, &r->region, &r->dept);
        }
    return n;
}

