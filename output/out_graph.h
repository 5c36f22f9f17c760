/*
 * out_graph.h - the department network's files: Graphviz DOT, GraphML and
 * a gnuplot picture (network.dat + network.gp).
 *
 * The writers are handed a plain drawing (out_graph_t): nodes with their
 * names and figures, edges with their kind, and the layout as numbers.
 * They know nothing of scenarios or igraph; cli/cmd_graph.c fills the
 * drawing from the models' analysis (models/net.h).  Every string is
 * escaped for its format by base/text.h.
 *
 * Each writer returns 0, or -1 when writing to f failed (errno from stdio,
 * ENOMEM when the picture's working memory could not be had).
 */
#ifndef GOVSIM_OUT_GRAPH_H
#define GOVSIM_OUT_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A picture 1000 pixels wide cannot show more names than this: above it
 * the picture draws markers and arrows only (the names are in network.dot
 * and network.graphml), and labels are not kept apart (n^2 pairs per
 * round).  models/net.h picks its layout with the same limit. */
#define OUT_GRAPH_NAMES_MAX 300

/* Colours of the edge kinds (ColorBrewer Dark2) and of the hub's fill. */
#define OUT_GRAPH_COLOR_API      "#1b9e77"
#define OUT_GRAPH_COLOR_MANUAL   "#d95f02"
#define OUT_GRAPH_COLOR_HUB      "#7570b3"
#define OUT_GRAPH_COLOR_FETCH    "#e7298a"
#define OUT_GRAPH_COLOR_HUB_FILL "#cbc9e2"

typedef enum {
    OUT_GRAPH_API,    /* a data link of mode api                         */
    OUT_GRAPH_MANUAL, /* a data link of mode manual                      */
    OUT_GRAPH_HUB,    /* department <-> data hub                         */
    OUT_GRAPH_FETCH,  /* no link: the citizen fetches the data           */
    OUT_GRAPH_KINDS
} out_graph_kind_t;

typedef struct out_graph_node {
    const char *id;     /* department id; "hub" for the hub              */
    const char *name;   /* display name                                  */
    const char *region; /* region name; "" for the hub                   */
    int island;         /* 0 .. n_islands-1                              */
    double betweenness;
} out_graph_node_t;

typedef struct out_graph_edge {
    size_t from, to; /* node indices (data owner -> user)          */
    out_graph_kind_t kind;
    double value; /* minutes of delay (api, manual, hub);
                     requests per day (fetch)                   */
} out_graph_edge_t;

typedef struct out_graph {
    const char *id;    /* scenario id: comments, the graph's name    */
    const char *title; /* scenario name                              */
    size_t n_nodes;    /* departments, then the hub if `hub`         */
    const out_graph_node_t *nodes;
    bool hub;         /* the last node is the data hub              */
    double hub_delay; /* its mean delay, minutes                    */
    size_t n_edges;   /* the graph's edges (both directions of each
                         hub edge), then the citizen's fetches      */
    const out_graph_edge_t *edges;
    size_t n_islands;
    /* The picture's subtitle: data requests per working day. */
    double requests_total, requests_api, share_manual, share_none;
    double *xy;           /* 2 * n_nodes: x0, y0, x1, y1, ...           */
    const char *subtitle; /* the picture's subtitle instead of the
                             islands and requests; NULL: those      */
} out_graph_t;

/* Graphviz DOT: departments as nodes labelled with their names, grouped by
 * island into clusters; edges coloured by kind (api green, manual orange,
 * hub blue, one double-headed edge per department); the citizen's fetches
 * as dashed red edges. */
int out_graph_write_dot(FILE *f, const out_graph_t *g);

/* GraphML, written directly.  Node attributes id, name, region, island,
 * betweenness, hub; edge attributes mode (hub edges: api) and delay
 * (minutes).  The citizen's fetches are not edges of the graph. */
int out_graph_write_graphml(FILE *f, const out_graph_t *g);

/* Fit g->xy (any layout) into the picture's [-1, 1] and, up to
 * OUT_GRAPH_NAMES_MAX nodes, nudge the nodes apart until no two label
 * boxes (names wrapped as network.gp draws them) overlap, as far as a
 * bounded number of rounds allows.  Returns 0, or -1 (ENOMEM). */
int out_graph_place(out_graph_t *g);

/* network.dat for gnuplot: block 0 nodes "x y island rgb key" (key: the id
 * with characters other than [A-Za-z0-9_.-] replaced by _, since gnuplot
 * data files cannot escape quotes; the readable names are in the script),
 * then one block per edge kind "x y dx dy" (api, manual, hub, citizen
 * fetches), blocks separated by two blank lines, each headed by a comment;
 * empty blocks are left out.  g->xy as placed by out_graph_place. */
int out_graph_write_plot_data(FILE *f, const out_graph_t *g);

/* network.gp: a pngcairo 1000x800 picture of network.dat (`data_name`),
 * written to the file named by the gnuplot variable `outfile` (default
 * `png_name`): points coloured by island, labels with the names (up to
 * OUT_GRAPH_NAMES_MAX nodes, each on the side of its marker that arrows
 * cross least; above, a note saying where the names are), arrows coloured
 * by kind with a legend, the title and a subtitle with the requests. */
int out_graph_write_plot_script(FILE *f, const out_graph_t *g, const char *data_name,
                                const char *png_name);

#endif
