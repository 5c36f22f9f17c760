/*
 * net.h - the department network: who can get data from whom, and how.
 *
 * A scenario's data links form a directed graph (igraph): one vertex per
 * department, in the scenario's order, and an edge owner -> user for every
 * link whose mode is `manual` or `api`, weighted by the link's mean delay in
 * minutes.  A link of mode `none` is no edge at all: the citizen carries the
 * data, and the two departments are separated by an information-island
 * boundary.  The weakly connected components of this graph are the
 * information islands; directed betweenness says which departments sit
 * between others.
 *
 * The data-hub lever adds one more vertex (index n_departments) joined to
 * every department in both directions (department -> hub and hub ->
 * department, each an `api` edge weighted by the hub's mean delay), so the
 * whole scenario becomes one island.  The direct links stay in the graph.
 * (A path owner -> hub -> user thus weighs two hub delays, while a request
 * through the hub costs one: the data-need figures below use one.)
 *
 * Next to the structure, the report has the demand side ("data needs"): each
 * visit to a step that needs an item owned by another department makes one
 * request, so a service with per_day cases whose cases visit the step
 * `visits` times on average (rework included, scn_step_t.visits) makes
 * per_day x visits requests a day for that (user, owner) pair, as the
 * workflow model asks once per visit.  A request takes
 * the direct link between the pair (api or manual); with none, the mode is
 * `none` (an extra trip for the citizen).  With the hub lever every request
 * goes through the hub (api, one hub delay per request), even where a
 * faster direct link exists, as the workflow model (models/flow.c) does
 * while the hub is up.
 *
 * igraph (0.10.2 on Debian 12) is built without thread-local state
 * (IGRAPH_THREAD_SAFE 0): its error handler and its cleanup stack are
 * process-wide.  The net_ functions that call igraph swap in a non-aborting
 * error handler for their duration and restore the previous one, so they
 * must not run while another thread uses igraph.  They are meant for the
 * single-threaded `govsim graph` command, never for replications.
 */
#ifndef GOVSIM_NET_H
#define GOVSIM_NET_H

#include <igraph/igraph.h>
#include <stdbool.h>
#include <stddef.h>

#include "scn.h"

/* --- The graph -------------------------------------------------------- */

typedef enum {
    NET_EDGE_MANUAL, /* a scenario link of mode manual            */
    NET_EDGE_API,    /* a scenario link of mode api               */
    NET_EDGE_HUB     /* department <-> hub (data-hub lever)       */
} net_edge_kind_t;

typedef struct net {
    igraph_t graph;         /* directed; vertex i < n_departments is
                               department i, then the hub if any       */
    igraph_vector_t weight; /* per edge: mean delay, minutes            */
    net_edge_kind_t *kind;  /* per edge                                 */
    size_t n_departments;
    size_t n_vertices; /* n_departments, + 1 with the hub          */
    size_t n_edges;
    bool hub;   /* vertex n_departments is the data hub     */
    bool built; /* graph and weight hold igraph memory      */
} net_t;

/* Build the graph of `s`.  Returns 0, or -1 with a one-line message in err
 * (igraph failure, out of memory); on error *n is left empty (safe to
 * net_free).  Precondition: s is valid (as scn_load leaves it). */
int net_build(net_t *n, const scn_t *s, char *err, size_t errlen);

/* Release the graph; safe on an empty (zeroed or failed) net. */
void net_free(net_t *n);

/* --- The report ------------------------------------------------------- */

/* All data requests between one ordered pair of departments. */
typedef struct net_need {
    int user, owner;      /* department indices (user needs owner's
                             data)                                    */
    double per_day;       /* requests per working day, all services
                             (cases per day x visits to the step)    */
    scn_link_mode_t mode; /* channel that serves them (see above)    */
    bool via_hub;         /* served through the data hub             */
    double delay_mean;    /* minutes per request; 0 for mode none    */
} net_need_t;

typedef struct net_report {
    size_t n_departments;
    size_t n_islands;          /* weakly connected components             */
    int *island;               /* per department: 0 .. n_islands-1, in
                                  order of first appearance               */
    double *betweenness;       /* per department: directed, unweighted    */
    double hub_betweenness;    /* the hub vertex's (0 without a hub)      */
    int *links_in, *links_out; /* per department: manual+api links (hub
                                  edges not counted)                      */
    size_t n_needs;
    net_need_t *needs;          /* one per (user, owner) pair, in order of
                                   first need in the scenario              */
    double requests_per_day[3]; /* indexed by scn_link_mode_t             */
    double requests_total;      /* per working day                         */
    double share_manual;        /* of all requests; NaN when there are none */
    double share_none;          /* of all requests; NaN when there are none */
    double mean_delay;          /* minutes, request-weighted over api and
                                   manual requests; NaN when there are none */
} net_report_t;

/* Islands, centrality and data needs of `s`, whose graph is `n` (built by
 * net_build from the same s).  Returns 0, or -1 with a one-line message in
 * err; on error *r is left empty (safe to net_report_free). */
int net_analyse(net_report_t *r, const net_t *n, const scn_t *s, char *err, size_t errlen);

void net_report_free(net_report_t *r);

/* Working days that `minutes` of data delay span on average.  The workflow
 * model lets a request's delay run on the clock, nights and weekends
 * included (models/flow.c schedules it at now + delay), so a delay of
 * 2880 minutes is 2 calendar days; of those, the share of working weekdays
 * counts (5/7 with a Monday-Friday calendar: 1.43 working days), which is
 * what a working-day cycle time sees on average.  Holidays are ignored. */
double net_working_days(const scn_t *s, double minutes);

/* Static name of a link mode: "none", "manual", "api". */
const char *net_mode_name(scn_link_mode_t mode);

/* The ends of edge e (< n->n_edges): vertex indices, owner -> user. */
void net_edge_ends(const net_t *n, size_t e, size_t *from, size_t *to);

/* --- Layout ----------------------------------------------------------- */

/* Up to this many vertices the layout is Kamada-Kawai (n^2 distances);
 * above it, one linear in the size of the graph.  The same limit as the
 * picture's names (output/out_graph.h, OUT_GRAPH_NAMES_MAX). */
#define NET_LAYOUT_KK_MAX 300

/* Deterministic layout (the same graph always gives the same positions),
 * as plain numbers for a writer to scale: xy receives 2 * n->n_vertices
 * numbers (x0, y0, x1, y1, ...).  Up to NET_LAYOUT_KK_MAX vertices:
 * Kamada-Kawai started from a circle (no random numbers).  Above it:
 * Fruchterman-Reingold on a grid from the same circle, with igraph's
 * random numbers seeded with a constant (time and memory linear in the
 * size of the graph, where Kamada-Kawai needs n^2 distances: 2,000
 * departments took 30 s).  One vertex sits at (0, 0).  Returns 0, or -1
 * with a message in err. */
int net_layout(const net_t *n, double *xy, char *err, size_t errlen);

#endif
