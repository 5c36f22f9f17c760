/*
 * kpi_rows.h - the rows of govsim's result files.
 *
 * A result file (summary.csv, replications.csv, summary.json,
 * differences.csv) has one row per reported (group, KPI) pair: KPIs of
 * cases for all cases, each service and each region; utilization for each
 * department; costs and the regional gap for all cases only.  run and
 * compare build the list once with kpi_build_rows so every file agrees.
 */
#ifndef GOVSIM_KPI_ROWS_H
#define GOVSIM_KPI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "flow.h"
#include "scn.h"

typedef struct row {
    size_t group;                          /* flow_groups() index        */
    flow_kpi_t kpi;
    const char *service, *region, *dept;   /* labels, "all" if not set   */
} row_t;

/* Labels of group g: the service, region and department ids, or "all". */
void kpi_group_labels(const scn_t *s, flow_group_t g, const char **service,
                      const char **region, const char **dept);

/* Is KPI k reported for group g? */
bool kpi_applies(flow_group_t g, flow_kpi_t k);

/* Fill rows (room for n_groups x FLOW_K_COUNT) in output order; returns
 * how many. */
size_t kpi_build_rows(const scn_t *s, const flow_group_t *groups,
                      size_t n_groups, row_t *rows);

#endif
