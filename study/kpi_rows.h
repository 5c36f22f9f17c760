/*
 * kpi_rows.h - the rows of govsim's result files.
 *
 * A result file (summary.csv, replications.csv, summary.json,
 * differences.csv) has one row per reported (group, KPI) pair: KPIs of
 * cases for all cases, each service and each region; utilization for each
 * department; costs and the regional gap for all cases only.  run and
 * compare build the list once with kpi_build_rows so every file agrees.
 *
 * One convention for "all" (docs/output-files.md): a row names its
 * grouping in `group` ("all", "service", "region" or "department") and
 * leaves EMPTY the dimensions that do not apply: an all-cases row has no
 * service, region or department; a service's row only its service; a
 * region's only its region; a department's its department and the region
 * it belongs to.  So (group, service, region, department, kpi) is a key:
 * a filter on one column never returns another grouping's rows, and a
 * pivot finds no duplicates.
 *
 * How far a row can be trusted travels with it (docs/model.md, "When the
 * numbers mislead"):
 *   - kpi_ci: the 95% Student-t interval across replications, clamped to
 *     the values the KPI can take (kpi_range: a share to [0, 1]), which
 *     never removes the true value, so coverage is unchanged;
 *   - kpi_censoring: KPIs of cases are means over the cases finished in
 *     the measured window.  A group is CENSORED when, on average over the
 *     replications, more than KPI_OPEN_SHARE_MAX of the cases in the window
 *     (open at the warm-up's end or arrived after it) are still open at the
 *     end: any share over all those cases could then differ from the
 *     finished cases' share by up to that much, and the open ones are the
 *     slow ones.  It is UNSTABLE when its open cases grow over the window:
 *     (arrivals - finished) / arrivals, per replication, has a 95%
 *     interval above zero and a mean above KPI_GROWTH_MAX (an overloaded
 *     office, or a warm-up too short for the slowest service): then the
 *     means depend on the run length and are not steady-state values;
 *   - fewer than KPI_FEW_REPLICATIONS replications: the intervals are
 *     flagged as rough (kpi_few_note).
 */
#ifndef GOVSIM_KPI_ROWS_H
#define GOVSIM_KPI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "flow.h"
#include "scn.h"
#include "stats.h"

typedef struct kpi_row {
    size_t group; /* flow_groups() index        */
    flow_kpi_t kpi;
    const char *service, *region, *dept; /* ids, "" where not applicable */
    const char *grouping;                /* "all", "service", ...        */
} kpi_row_t;

/* Labels of group g: its grouping's name, and the service, region and
 * department ids, "" where they do not apply. */
void kpi_group_labels(const scn_t *s, flow_group_t g, const char **grouping, const char **service,
                      const char **region, const char **dept);

/* Fill rows (room for n_groups x FLOW_K_COUNT) in output order; returns
 * how many. */
size_t kpi_build_rows(const scn_t *s, const flow_group_t *groups, size_t n_groups, kpi_row_t *rows);

/* ---- How far a row can be trusted ---------------------------------- */

/* The values KPI k can take in any replication: shares [0, 1], the
 * satisfaction index [0, 100], the regional gap [1, inf), others
 * [0, inf).  Can't fail. */
void kpi_range(flow_kpi_t k, double *lo, double *hi);

/* The 95% Student-t interval of n replication values of KPI k (NaN values
 * skipped), clamped to kpi_range(k). */
stats_ci_t kpi_ci(const double *x, size_t n, flow_kpi_t k);

#define KPI_OPEN_SHARE_MAX   0.05 /* censored above this open share     */
#define KPI_GROWTH_MAX       0.01 /* unstable: growth above this ...    */
#define KPI_FEW_REPLICATIONS 5    /* intervals from fewer are rough     */

typedef struct kpi_censoring {
    size_t n;          /* replications with cases in the group         */
    double open_share; /* mean of open / (open + finished) at the end;
                          NaN if the group had no case                 */
    stats_ci_t growth; /* of (arrivals - finished) / arrivals          */
    bool censored;     /* open_share > KPI_OPEN_SHARE_MAX              */
    bool unstable;     /* growth.lo > 0 and growth.mean > KPI_GROWTH_MAX */
} kpi_censoring_t;

/* The censoring of one group from its per-replication KPIs: open cases at
 * the end (backlog), cases finished, arrival rate and throughput (both per
 * day, so their ratio is arrivals / finished).  Replications with no case
 * (or no arrival, for the growth) are skipped.  Can't fail. */
kpi_censoring_t kpi_censoring_of(const double *open, const double *finished,
                                 const double *arrival_rate, const double *throughput, size_t n);

/* The same for group g of reps replication results, those with done[r]
 * set (done NULL: all).  A department group (no cases) gives n = 0 and no
 * flag.  Can't fail (allocates nothing). */
kpi_censoring_t kpi_censoring(const flow_result_t *results, const unsigned char *done, size_t reps,
                              size_t g);

/* "unstable" (open cases grew), "censored" (many still open) or "": the
 * flag column of the result files. */
const char *kpi_censoring_flag(const kpi_censoring_t *c);

/* The sentence for a reader, "x% of cases still open at the end; means
 * are of finished cases only", plus the growth when unstable, into buf;
 * an empty string when the group is not flagged.  Returns buf. */
char *kpi_censoring_note(const kpi_censoring_t *c, char *buf, size_t len);

/* For n < KPI_FEW_REPLICATIONS replications, a note that the intervals
 * are rough (for n = 1, that there are none: means only), into buf; else
 * an empty string.  Returns buf. */
char *kpi_few_note(size_t n, char *buf, size_t len);

#endif
