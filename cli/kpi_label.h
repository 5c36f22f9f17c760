/*
 * kpi_label.h - what a KPI is called where a person reads it.
 *
 * The ids of models/flow.h (flow_kpi_name: "cycle_time") name the KPIs in
 * files for programs; a terminal table shows the KPI's name ("cycle
 * time") and its unit ("working days"), both translated (base/i18n.h).
 * Shares are shown as percentages, so their unit is "%".
 */
#ifndef GOVSIM_CLI_KPI_LABEL_H
#define GOVSIM_CLI_KPI_LABEL_H

#include <stdbool.h>

#include "flow.h"

/* The KPI's name for people, translated; never NULL or empty. */
const char *cli_kpi_label(flow_kpi_t k);

/* The KPI's unit for people, translated ("%" for a share, "% of window
 * visits" for the abandonment share); never NULL or empty. */
const char *cli_kpi_unit(flow_kpi_t k);

/* Whether the KPI is a share (0-1 in files, shown x100 as a percentage). */
bool cli_kpi_is_share(flow_kpi_t k);

#endif
