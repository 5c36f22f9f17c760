/*
 * net.c - the department network (see net.h).
 *
 * igraph calls are bracketed by guard_begin()/guard_end(): igraph's default
 * error handler aborts the process, which a command must never do on an
 * input-dependent failure (out of memory on a huge scenario, say).  igraph
 * 0.10 has no per-call error handling, only the process-wide handler, and
 * Debian builds it without thread-local state, so installing a handler at
 * program start would change behaviour for every other igraph user in the
 * process; swapping it in for the duration of each net_ call and putting the
 * old one back is the least global option.  With the `ignore` handler igraph
 * frees its own temporaries and returns the error code, which we turn into
 * a message.  We never use IGRAPH_FINALLY ourselves (the handler would free
 * our objects behind our back); our cleanup is explicit.
 */
#include "net.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "errmsg.h"
#include "out_escape.h"
#include "wcal.h"

/* --- igraph error handling ------------------------------------------- */

typedef struct guard {
    igraph_error_handler_t *old_error;
    igraph_warning_handler_t *old_warning;
} guard_t;

/* Non-aborting, silent igraph for the duration of one net_ call (see the
 * top of this file for why this is process-wide and why we restore it). */
static guard_t guard_begin(void) {
    guard_t g;
    g.old_error = igraph_set_error_handler(igraph_error_handler_ignore);
    g.old_warning = igraph_set_warning_handler(igraph_warning_handler_ignore);
    return g;
}

static void guard_end(guard_t g) {
    igraph_set_error_handler(g.old_error);
    igraph_set_warning_handler(g.old_warning);
}

/* One-line message for a failed igraph call; returns -1. */
static int igraph_failed(const char *what, igraph_error_t code, char *err,
                         size_t errlen) {
    sim_errorf(err, errlen, "network: %s failed: %s", what,
               igraph_strerror(code));
    return -1;
}

/* --- The graph -------------------------------------------------------- */

static size_t count_graph_links(const scn_t *s) {
    size_t k = 0;
    for (size_t i = 0; i < s->n_links; i++)
        if (s->links[i].mode != SCN_LINK_NONE) k++;
    return k;
}

/* Edge list, weights and kinds into the caller's arrays (sized by
 * net_build): scenario links first, in file order, then the hub edges
 * department -> hub, hub -> department for each department in turn. */
static void fill_edges(const scn_t *s, bool hub, igraph_vector_int_t *ends,
                       igraph_vector_t *weight, net_edge_kind_t *kind) {
    size_t e = 0;
    for (size_t i = 0; i < s->n_links; i++) {
        const scn_link_t *l = &s->links[i];
        if (l->mode == SCN_LINK_NONE) continue;
        assert(l->from >= 0 && (size_t)l->from < s->n_departments);
        assert(l->to >= 0 && (size_t)l->to < s->n_departments);
        VECTOR(*ends)[2 * e] = l->from;
        VECTOR(*ends)[2 * e + 1] = l->to;
        VECTOR(*weight)[e] = dist_mean(&l->delay);
        kind[e] = l->mode == SCN_LINK_API ? NET_EDGE_API : NET_EDGE_MANUAL;
        e++;
    }
    if (!hub) return;
    igraph_integer_t h = (igraph_integer_t)s->n_departments;
    double hub_mean = dist_mean(&s->levers.hub_delay);
    for (size_t d = 0; d < s->n_departments; d++) {
        for (int way = 0; way < 2; way++) {
            VECTOR(*ends)[2 * e] = way == 0 ? (igraph_integer_t)d : h;
            VECTOR(*ends)[2 * e + 1] = way == 0 ? h : (igraph_integer_t)d;
            VECTOR(*weight)[e] = hub_mean;
            kind[e] = NET_EDGE_HUB;
            e++;
        }
    }
}

int net_build(net_t *n, const scn_t *s, char *err, size_t errlen) {
    memset(n, 0, sizeof *n);
    assert(s->n_departments >= 1);
    n->n_departments = s->n_departments;
    n->hub = s->levers.data_hub;
    n->n_vertices = s->n_departments + (n->hub ? 1 : 0);
    n->n_edges = count_graph_links(s) + (n->hub ? 2 * s->n_departments : 0);

    n->kind = malloc((n->n_edges ? n->n_edges : 1) * sizeof *n->kind);
    if (n->kind == NULL) {
        sim_errorf(err, errlen, "network: out of memory");
        return -1;
    }
    guard_t g = guard_begin();
    igraph_vector_int_t ends;
    igraph_error_t rc = igraph_vector_int_init(&ends, 2 * (igraph_integer_t)n->n_edges);
    if (rc != IGRAPH_SUCCESS) goto fail_ends;
    rc = igraph_vector_init(&n->weight, (igraph_integer_t)n->n_edges);
    if (rc != IGRAPH_SUCCESS) goto fail_weight;
    fill_edges(s, n->hub, &ends, &n->weight, n->kind);
    rc = igraph_create(&n->graph, &ends, (igraph_integer_t)n->n_vertices,
                       IGRAPH_DIRECTED);
    if (rc != IGRAPH_SUCCESS) goto fail_graph;
    igraph_vector_int_destroy(&ends);
    guard_end(g);
    n->built = true;
    return 0;

fail_graph:
    igraph_vector_destroy(&n->weight);
fail_weight:
    igraph_vector_int_destroy(&ends);
fail_ends:
    guard_end(g);
    free(n->kind);
    memset(n, 0, sizeof *n);
    return igraph_failed("building the graph", rc, err, errlen);
}

void net_free(net_t *n) {
    if (n->built) {
        igraph_destroy(&n->graph);
        igraph_vector_destroy(&n->weight);
    }
    free(n->kind);
    memset(n, 0, sizeof *n);
}

/* --- Islands and centrality ------------------------------------------- */

/* Weak components, renumbered in order of first appearance among the
 * departments (igraph's numbering is an implementation detail). */
static int find_islands(net_report_t *r, const net_t *n, char *err,
                        size_t errlen) {
    igraph_vector_int_t membership;
    igraph_integer_t n_comp = 0;
    igraph_error_t rc = igraph_vector_int_init(&membership, 0);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("components", rc, err, errlen);
    rc = igraph_connected_components(&n->graph, &membership, NULL, &n_comp,
                                     IGRAPH_WEAK);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&membership);
        return igraph_failed("igraph_connected_components", rc, err, errlen);
    }
    int *renumber = malloc((size_t)n_comp * sizeof *renumber);
    if (renumber == NULL) {
        igraph_vector_int_destroy(&membership);
        sim_errorf(err, errlen, "network: out of memory");
        return -1;
    }
    for (igraph_integer_t c = 0; c < n_comp; c++) renumber[c] = -1;
    r->n_islands = 0;
    for (size_t d = 0; d < n->n_departments; d++) {
        igraph_integer_t c = VECTOR(membership)[d];
        if (renumber[c] < 0) renumber[c] = (int)r->n_islands++;
        r->island[d] = renumber[c];
    }
    free(renumber);
    igraph_vector_int_destroy(&membership);
    return 0;
}

/* Directed betweenness by hop count, not by delay: it describes the
 * structure (who stands between whom), and delays of 0 minutes are valid
 * but igraph requires strictly positive weights. */
static int find_betweenness(net_report_t *r, const net_t *n, char *err,
                            size_t errlen) {
    igraph_vector_t b;
    igraph_error_t rc = igraph_vector_init(&b, 0);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("betweenness", rc, err, errlen);
    rc = igraph_betweenness(&n->graph, &b, igraph_vss_all(), IGRAPH_DIRECTED,
                            NULL);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&b);
        return igraph_failed("igraph_betweenness", rc, err, errlen);
    }
    for (size_t d = 0; d < n->n_departments; d++)
        r->betweenness[d] = VECTOR(b)[d];
    r->hub_betweenness = n->hub ? VECTOR(b)[n->n_departments] : 0.0;
    igraph_vector_destroy(&b);
    return 0;
}

static int count_links(net_report_t *r, const net_t *n, char *err,
                       size_t errlen) {
    for (size_t e = 0; e < n->n_edges; e++) {
        if (n->kind[e] == NET_EDGE_HUB) continue;
        igraph_integer_t from, to;
        igraph_error_t rc = igraph_edge(&n->graph, (igraph_integer_t)e, &from, &to);
        if (rc != IGRAPH_SUCCESS) return igraph_failed("igraph_edge", rc, err, errlen);
        r->links_out[from]++;
        r->links_in[to]++;
    }
    return 0;
}

/* --- Data needs -------------------------------------------------------- */

/* The channel a request from `user` for `owner`'s data takes.  As in the
 * workflow model (models/flow.c), with the hub lever every request goes
 * through the hub (api, one hub delay), even where a direct link exists;
 * otherwise the direct link, or none. */
static void choose_channel(net_need_t *need, const scn_t *s) {
    need->mode = SCN_LINK_NONE;
    need->via_hub = false;
    need->delay_mean = 0.0;
    if (s->levers.data_hub) {
        need->mode = SCN_LINK_API;
        need->via_hub = true;
        need->delay_mean = dist_mean(&s->levers.hub_delay);
        return;
    }
    const scn_link_t *l = scn_find_link(s, need->owner, need->user);
    if (l != NULL && l->mode != SCN_LINK_NONE) {
        need->mode = l->mode;
        need->delay_mean = dist_mean(&l->delay);
    }
}

/* Add per_day requests from user to owner, merging with the pair's entry
 * (slot[user * nd + owner] remembers where it is, -1 when none yet). */
static void add_need(net_report_t *r, int *slot, const scn_t *s, int user,
                     int owner, double per_day) {
    size_t key = (size_t)user * s->n_departments + (size_t)owner;
    if (slot[key] < 0) {
        net_need_t *need = &r->needs[r->n_needs];
        need->user = user;
        need->owner = owner;
        need->per_day = 0.0;
        choose_channel(need, s);
        slot[key] = (int)r->n_needs++;
    }
    r->needs[slot[key]].per_day += per_day;
}

static void summarise_needs(net_report_t *r) {
    double delay_sum = 0.0, served = 0.0;
    for (size_t i = 0; i < r->n_needs; i++) {
        const net_need_t *need = &r->needs[i];
        r->requests_per_day[need->mode] += need->per_day;
        r->requests_total += need->per_day;
        if (need->mode == SCN_LINK_NONE) continue;
        delay_sum += need->per_day * need->delay_mean;
        served += need->per_day;
    }
    bool any = r->requests_total > 0.0;
    r->share_manual = any ? r->requests_per_day[SCN_LINK_MANUAL] / r->requests_total : NAN;
    r->share_none = any ? r->requests_per_day[SCN_LINK_NONE] / r->requests_total : NAN;
    r->mean_delay = served > 0.0 ? delay_sum / served : NAN;
}

/* Upper bound on the number of (user, owner) pairs: every need listed. */
static size_t count_listed_needs(const scn_t *s) {
    size_t k = 0;
    for (size_t v = 0; v < s->n_services; v++)
        for (size_t j = 0; j < s->services[v].n_steps; j++)
            k += s->services[v].steps[j].n_needs;
    return k;
}

static int find_needs(net_report_t *r, const scn_t *s, char *err,
                      size_t errlen) {
    size_t nd = s->n_departments;
    int *slot = malloc(nd * nd * sizeof *slot);
    r->needs = calloc(count_listed_needs(s) + 1, sizeof *r->needs);
    if (slot == NULL || r->needs == NULL) {
        free(slot);
        sim_errorf(err, errlen, "network: out of memory");
        return -1;
    }
    for (size_t i = 0; i < nd * nd; i++) slot[i] = -1;
    for (size_t v = 0; v < s->n_services; v++) {
        const scn_service_t *svc = &s->services[v];
        for (size_t k = 0; k < svc->n_steps; k++) {
            const scn_step_t *step = &svc->steps[k];
            for (size_t j = 0; j < step->n_needs; j++) {
                assert(step->needs[j] >= 0 && (size_t)step->needs[j] < s->n_items);
                int owner = s->items[step->needs[j]].owner;
                if (owner == step->dept || step->visits <= 0.0) continue;
                add_need(r, slot, s, step->dept, owner,
                         svc->per_day * step->visits);
            }
        }
    }
    free(slot);
    summarise_needs(r);
    return 0;
}

int net_analyse(net_report_t *r, const net_t *n, const scn_t *s, char *err,
                size_t errlen) {
    memset(r, 0, sizeof *r);
    assert(n->built && n->n_departments == s->n_departments);
    size_t nd = n->n_departments;
    r->n_departments = nd;
    r->island = calloc(nd, sizeof *r->island);
    r->betweenness = calloc(nd, sizeof *r->betweenness);
    r->links_in = calloc(nd, sizeof *r->links_in);
    r->links_out = calloc(nd, sizeof *r->links_out);
    if (!r->island || !r->betweenness || !r->links_in || !r->links_out) {
        net_report_free(r);
        sim_errorf(err, errlen, "network: out of memory");
        return -1;
    }
    guard_t g = guard_begin();
    int rc = find_islands(r, n, err, errlen);
    if (rc == 0) rc = find_betweenness(r, n, err, errlen);
    if (rc == 0) rc = count_links(r, n, err, errlen);
    guard_end(g);
    if (rc == 0) rc = find_needs(r, s, err, errlen);
    if (rc != 0) net_report_free(r);
    return rc;
}

void net_report_free(net_report_t *r) {
    free(r->island);
    free(r->betweenness);
    free(r->links_in);
    free(r->links_out);
    free(r->needs);
    memset(r, 0, sizeof *r);
}

double net_working_days(const scn_t *s, double minutes) {
    int workdays = 0;
    for (int w = 0; w < 7; w++) workdays += s->calendar.workday[w];
    return minutes / WCAL_DAY * workdays / 7.0;
}

const char *net_mode_name(scn_link_mode_t mode) {
    switch (mode) {
    case SCN_LINK_NONE: return "none";
    case SCN_LINK_MANUAL: return "manual";
    case SCN_LINK_API: return "api";
    }
    return "?";
}

/* Room for a file name escaped for gnuplot (at most 6 bytes per byte). */
#define ESC_MAX (6 * SCN_NAME_MAX)

/* --- Shared by the writers ---------------------------------------------- */

#define COLOR_API "#1b9e77"
#define COLOR_MANUAL "#d95f02"
#define COLOR_HUB "#7570b3"
#define COLOR_FETCH "#e7298a"
#define COLOR_HUB_FILL "#cbc9e2"
#define HUB_NAME "Data hub"

static const char *vertex_name(const net_t *n, const scn_t *s, size_t v) {
    return v < n->n_departments ? s->departments[v].name : HUB_NAME;
}

static void edge_ends(const net_t *n, size_t e, size_t *from, size_t *to) {
    igraph_integer_t a, b;
    /* Cannot fail for an edge id below the edge count. */
    igraph_error_t rc = igraph_edge(&n->graph, (igraph_integer_t)e, &a, &b);
    assert(rc == IGRAPH_SUCCESS);
    (void)rc;
    *from = (size_t)a;
    *to = (size_t)b;
}

static int finish(FILE *f) { return ferror(f) ? -1 : 0; }

/* --- DOT ----------------------------------------------------------------- */

static void dot_node(FILE *f, const scn_t *s, const net_report_t *r,
                     size_t d) {
    const scn_department_t *dep = &s->departments[d];
    fprintf(f, "    d%zu [label=\"", d);
    out_dot_string(f, dep->name);
    fputs("\\n", f);
    out_dot_string(f, s->regions[dep->region].name);
    fprintf(f, "\", tooltip=\"betweenness %g\"];\n", r->betweenness[d]);
}

static void dot_clusters(FILE *f, const net_t *n, const net_report_t *r,
                         const scn_t *s) {
    for (size_t c = 0; c < r->n_islands; c++) {
        size_t members = 0;
        for (size_t d = 0; d < n->n_departments; d++)
            members += (size_t)r->island[d] == c;
        fprintf(f, "  subgraph cluster_island%zu {\n"
                   "    label=\"island %zu (%zu department%s)\";\n"
                   "    style=dashed; color=grey50;\n",
                c + 1, c + 1, members, members == 1 ? "" : "s");
        for (size_t d = 0; d < n->n_departments; d++)
            if ((size_t)r->island[d] == c) dot_node(f, s, r, d);
        if (n->hub && c == (size_t)r->island[0])
            fprintf(f, "    hub [label=\"" HUB_NAME "\\napi %g min\", "
                       "shape=ellipse, fillcolor=\"" COLOR_HUB_FILL "\"];\n",
                    dist_mean(&s->levers.hub_delay));
        fputs("  }\n", f);
    }
}

static void dot_edges(FILE *f, const net_t *n, const net_report_t *r) {
    for (size_t e = 0; e < n->n_edges; e++) {
        size_t from, to;
        edge_ends(n, e, &from, &to);
        if (n->kind[e] == NET_EDGE_HUB) {
            /* One double-headed edge per department, not two. */
            if (to == n->n_departments)
                fprintf(f, "  d%zu -> hub [dir=both, color=\"" COLOR_HUB "\"];\n",
                        from);
            continue;
        }
        bool api = n->kind[e] == NET_EDGE_API;
        fprintf(f, "  d%zu -> d%zu [color=\"%s\", label=\"%s %g min\"];\n",
                from, to, api ? COLOR_API : COLOR_MANUAL,
                api ? "api" : "manual", VECTOR(n->weight)[e]);
    }
    for (size_t i = 0; i < r->n_needs; i++) {
        const net_need_t *need = &r->needs[i];
        if (need->mode != SCN_LINK_NONE) continue;
        fprintf(f, "  d%d -> d%d [color=\"" COLOR_FETCH "\", style=dashed, "
                   "constraint=false, label=\"citizen fetches %g/day\"];\n",
                need->owner, need->user, need->per_day);
    }
}

int net_write_dot(FILE *f, const net_t *n, const net_report_t *r,
                  const scn_t *s) {
    fprintf(f, "// Department data network of scenario %s, by govsim graph.\n"
               "// Edges owner -> user: green api, orange manual, blue data "
               "hub,\n// dashed red: data the citizen must fetch (no link).\n",
            s->id);
    fputs("digraph \"", f);
    out_dot_string(f, s->id);
    fputs("\" {\n  graph [label=\"", f);
    out_dot_string(f, s->name);
    fprintf(f, ": %zu information island%s\", labelloc=t, "
               "fontsize=18, fontname=\"Helvetica\", rankdir=LR];\n"
               "  node [shape=box, style=\"rounded,filled\", "
               "fillcolor=\"#f2f2f2\", fontname=\"Helvetica\"];\n"
               "  edge [fontname=\"Helvetica\", fontsize=10];\n",
            r->n_islands, r->n_islands == 1 ? "" : "s");
    dot_clusters(f, n, r, s);
    dot_edges(f, n, r);
    fputs("}\n", f);
    return finish(f);
}

/* --- GraphML -------------------------------------------------------------- */

static void graphml_keys(FILE *f) {
    static const char *const keys[][4] = {
        {"v_id", "node", "id", "string"},
        {"v_name", "node", "name", "string"},
        {"v_region", "node", "region", "string"},
        {"v_island", "node", "island", "int"},
        {"v_betweenness", "node", "betweenness", "double"},
        {"v_hub", "node", "hub", "boolean"},
        {"e_mode", "edge", "mode", "string"},
        {"e_delay", "edge", "delay", "double"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        fprintf(f, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" "
                   "attr.type=\"%s\"/>\n",
                keys[i][0], keys[i][1], keys[i][2], keys[i][3]);
}

static void graphml_node(FILE *f, const net_t *n, const net_report_t *r,
                         const scn_t *s, size_t v) {
    bool hub = v >= n->n_departments;
    fprintf(f, "    <node id=\"n%zu\">\n      <data key=\"v_id\">", v);
    out_html_escape(f, hub ? "hub" : s->departments[v].id);
    fputs("</data>\n      <data key=\"v_name\">", f);
    out_html_escape(f, vertex_name(n, s, v));
    fputs("</data>\n      <data key=\"v_region\">", f);
    out_html_escape(f, hub ? "" : s->regions[s->departments[v].region].name);
    fprintf(f, "</data>\n"
               "      <data key=\"v_island\">%d</data>\n"
               "      <data key=\"v_betweenness\">%.15g</data>\n"
               "      <data key=\"v_hub\">%s</data>\n"
               "    </node>\n",
            hub ? r->island[0] : r->island[v],
            hub ? r->hub_betweenness : r->betweenness[v],
            hub ? "true" : "false");
}

int net_write_graphml(FILE *f, const net_t *n, const net_report_t *r,
                      const scn_t *s) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          f);
    graphml_keys(f);
    fputs("  <graph id=\"", f);
    out_html_escape(f, s->id);
    fputs("\" edgedefault=\"directed\">\n", f);
    for (size_t v = 0; v < n->n_vertices; v++) graphml_node(f, n, r, s, v);
    for (size_t e = 0; e < n->n_edges; e++) {
        size_t from, to;
        edge_ends(n, e, &from, &to);
        const char *mode = n->kind[e] == NET_EDGE_MANUAL ? "manual" : "api";
        fprintf(f, "    <edge id=\"e%zu\" source=\"n%zu\" target=\"n%zu\">\n"
                   "      <data key=\"e_mode\">%s</data>\n"
                   "      <data key=\"e_delay\">%.15g</data>\n"
                   "    </edge>\n",
                e, from, to, mode, VECTOR(n->weight)[e]);
    }
    fputs("  </graph>\n</graphml>\n", f);
    return finish(f);
}

/* --- Picture: labels -------------------------------------------------------- */

/* Vertex labels are names wrapped at word boundaries (CJK characters may
 * break anywhere) into at most LABEL_LINES lines of LABEL_COLS columns,
 * counting a 3- or 4-byte UTF-8 character as two columns (CJK is wide).
 * The layout sizes label boxes with the same wrapping the script draws. */
#define LABEL_COLS 18
#define LABEL_LINES 3
#define LABEL_BYTES (4 * LABEL_COLS + 8)

typedef struct label {
    size_t n_lines;
    size_t cols;                          /* widest line, columns          */
    size_t line_cols[LABEL_LINES];
    char line[LABEL_LINES][LABEL_BYTES];
} label_t;

/* Bytes of the UTF-8 character at p (a malformed one counts as far as
 * its continuation bytes go, so we never run past the NUL). */
static size_t utf8_len(const char *p) {
    unsigned char c = (unsigned char)*p;
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    size_t len = 1;
    while (len < want && ((unsigned char)p[len] & 0xC0) == 0x80) len++;
    return len;
}

static size_t utf8_cols(size_t len) { return len >= 3 ? 2 : 1; }

static bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

static bool is_blank(char c) { return c == ' ' || is_control((unsigned char)c); }

/* Append len bytes (cols columns) to the current line, starting a new
 * line first when `fresh`; false when the label is full. */
static bool label_put(label_t *lb, bool fresh, const char *text, size_t len,
                      size_t cols) {
    if (fresh) {
        if (lb->n_lines == LABEL_LINES) return false;
        lb->n_lines++;
    }
    size_t i = lb->n_lines - 1;
    size_t used = strlen(lb->line[i]);
    assert(used + len < LABEL_BYTES);
    memcpy(lb->line[i] + used, text, len);
    lb->line[i][used + len] = '\0';
    lb->line_cols[i] += cols;
    return true;
}

/* A word longer than a line, broken by characters. */
static bool label_put_long(label_t *lb, const char *word, size_t len) {
    bool fresh = lb->line_cols[lb->n_lines - 1] > 0;
    for (size_t k = 0; k < len;) {
        size_t cl = utf8_len(word + k), cc = utf8_cols(cl);
        if (lb->line_cols[lb->n_lines - 1] + cc > LABEL_COLS) fresh = true;
        if (!label_put(lb, fresh, word + k, cl, cc)) return false;
        fresh = false;
        k += cl;
    }
    return true;
}

/* Replace the end of the last line by "..." (the name did not fit). */
static void label_ellipsis(label_t *lb) {
    size_t i = lb->n_lines - 1;
    char *line = lb->line[i];
    size_t used = strlen(line);
    while (used > 0 && lb->line_cols[i] + 3 > LABEL_COLS) {
        size_t start = used - 1;
        while (start > 0 && ((unsigned char)line[start] & 0xC0) == 0x80) start--;
        lb->line_cols[i] -= utf8_cols(used - start);
        used = start;
    }
    memcpy(line + used, "...", 4);
    lb->line_cols[i] += 3;
}

static void wrap_label(const char *name, label_t *lb) {
    memset(lb, 0, sizeof *lb);
    lb->n_lines = 1;
    const char *p = name;
    bool full = false;
    while (!full) {
        bool space_before = false;
        while (*p && is_blank(*p)) {
            p++;
            space_before = true;
        }
        if (*p == '\0') break;
        const char *word = p;          /* a run of narrow characters, or one
                                          wide character                  */
        size_t cols = 0;
        if (utf8_len(p) >= 3) {
            cols = 2;
            p += utf8_len(p);
        } else {
            while (*p && !is_blank(*p) && utf8_len(p) < 3) p += utf8_len(p), cols++;
        }
        size_t len = (size_t)(p - word), cur = lb->line_cols[lb->n_lines - 1];
        size_t sep = space_before && cur > 0 ? 1 : 0;
        if (cur + sep + cols <= LABEL_COLS) {
            if (sep) label_put(lb, false, " ", 1, 1);
            label_put(lb, false, word, len, cols);
        } else if (cols <= LABEL_COLS) {
            full = !label_put(lb, true, word, len, cols);
        } else {
            full = !label_put_long(lb, word, len);
        }
    }
    if (full) label_ellipsis(lb);
    for (size_t i = 0; i < lb->n_lines; i++)
        if (lb->line_cols[i] > lb->cols) lb->cols = lb->line_cols[i];
}

/* --- Picture: geometry ------------------------------------------------------ */

/* The script fixes the plot area in screen fractions and the ranges, so one
 * data unit is a known number of pixels and label boxes (estimated from the
 * font: sans 10 pt) can be kept apart in data units. */
#define PIC_WIDTH 1000.0
#define PIC_HEIGHT 800.0
#define PIC_LEFT 0.02
#define PIC_RIGHT 0.70
#define PIC_BOTTOM 0.02
#define PIC_TOP 0.88
#define PIC_XHALF 1.3          /* x range; the layout fills [-1, 1]       */
#define PIC_YTOP 1.25         /* room above the top row for side labels */
#define CHAR_PX 8.0            /* mean glyph advance, measured ~7.8       */
#define LINE_PX 15.5           /* line height, measured                   */
#define POINT_PX 16.0          /* vertex marker diameter (pt 7, ps 2)     */
#define LABEL_GAP_PX 4.0       /* marker to label                         */
#define PAD_PX 3.0             /* around each label box                   */
#define PAIR_OFFSET_PX 5.0     /* sideways shift of two opposite arrows   */
#define ARROW_HALF_PX 6.0      /* half an arrowhead's width, plus offset  */
#define NUDGE_ROUNDS 400

static double px_per_unit(void) {
    return (PIC_RIGHT - PIC_LEFT) * PIC_WIDTH / (2.0 * PIC_XHALF);
}

static double pic_ymin(void) {
    return PIC_YTOP - (PIC_TOP - PIC_BOTTOM) * PIC_HEIGHT / px_per_unit();
}

typedef struct box {
    double x0, x1, y0, y1;
} box_t;

/* The marker and the label below it, padded. */
static box_t label_box(const label_t *lb, double x, double y) {
    double u = px_per_unit();
    double half = fmax(lb->cols * CHAR_PX, POINT_PX) / 2.0 + PAD_PX;
    double below = POINT_PX / 2.0 + LABEL_GAP_PX + lb->n_lines * LINE_PX + PAD_PX;
    box_t b = {x - half / u, x + half / u, y - below / u,
               y + (POINT_PX / 2.0 + PAD_PX) / u};
    return b;
}

/* Scale and shift the points so they fill [-1, 1] in their longer
 * direction, centred, keeping the aspect ratio. */
static void normalise(double *xy, size_t nv) {
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t v = 0; v < nv; v++)
        for (int a = 0; a < 2; a++) {
            lo[a] = fmin(lo[a], xy[2 * v + a]);
            hi[a] = fmax(hi[a], xy[2 * v + a]);
        }
    double half = fmax(hi[0] - lo[0], hi[1] - lo[1]) / 2.0;
    for (size_t v = 0; v < nv; v++)
        for (int a = 0; a < 2; a++) {
            double mid = (lo[a] + hi[a]) / 2.0;
            xy[2 * v + a] = half > 0.0 ? (xy[2 * v + a] - mid) / half : 0.0;
        }
}

/* Push two overlapping boxes apart along the axis where they overlap
 * least, each by half.  Returns whether they overlapped. */
static bool separate(double *pi, double *pj, box_t bi, box_t bj) {
    double ox = fmin(bi.x1, bj.x1) - fmax(bi.x0, bj.x0);
    double oy = fmin(bi.y1, bj.y1) - fmax(bi.y0, bj.y0);
    if (ox <= 0.0 || oy <= 0.0) return false;
    int axis = ox < oy ? 0 : 1;
    double shift = (axis == 0 ? ox : oy) / 2.0 + 1e-6;
    double dir = pj[axis] >= pi[axis] ? 1.0 : -1.0;
    pi[axis] -= dir * shift;
    pj[axis] += dir * shift;
    return true;
}

/* Nudge until no two label boxes overlap (or the rounds run out: too many
 * departments for the picture; it is then drawn as well as it goes). */
static void declutter(double *xy, const label_t *labels, size_t nv) {
    for (int round = 0; round < NUDGE_ROUNDS; round++) {
        bool moved = false;
        for (size_t i = 0; i < nv; i++)
            for (size_t j = i + 1; j < nv; j++) {
                box_t bi = label_box(&labels[i], xy[2 * i], xy[2 * i + 1]);
                box_t bj = label_box(&labels[j], xy[2 * j], xy[2 * j + 1]);
                moved |= separate(&xy[2 * i], &xy[2 * j], bi, bj);
            }
        normalise(xy, nv);
        if (!moved) return;
    }
}

static label_t *make_labels(const net_t *n, const scn_t *s) {
    label_t *labels = malloc(n->n_vertices * sizeof *labels);
    if (labels == NULL) return NULL;
    for (size_t v = 0; v < n->n_vertices; v++)
        wrap_label(vertex_name(n, s, v), &labels[v]);
    return labels;
}

/* Kamada-Kawai from a circle: deterministic (no RNG), and it places
 * the vertices of a small sparse graph evenly, hub in the middle. */
static int kamada_kawai(const net_t *n, double *xy, char *err, size_t errlen) {
    igraph_matrix_t m;
    igraph_integer_t nv = (igraph_integer_t)n->n_vertices;
    igraph_error_t rc = igraph_matrix_init(&m, nv, 2);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("layout", rc, err, errlen);
    rc = igraph_layout_circle(&n->graph, &m, igraph_vss_all());
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_layout_kamada_kawai(&n->graph, &m, true, 50 * nv, 0.0,
                                        (igraph_real_t)nv, NULL, NULL, NULL,
                                        NULL, NULL);
    if (rc != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(&m);
        return igraph_failed("igraph_layout_kamada_kawai", rc, err, errlen);
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        xy[2 * v] = MATRIX(m, v, 0);
        xy[2 * v + 1] = MATRIX(m, v, 1);
    }
    igraph_matrix_destroy(&m);
    return 0;
}

/* Fruchterman-Reingold on a grid, from a circle: for graphs too large for
 * Kamada-Kawai's n^2 distance matrix.  igraph draws random numbers only to
 * part two vertices that land on one spot; its generator is seeded with a
 * constant so that the picture does not depend on the time of day. */
static int fruchterman_reingold(const net_t *n, double *xy, char *err, size_t errlen) {
    igraph_matrix_t m;
    igraph_integer_t nv = (igraph_integer_t)n->n_vertices;
    igraph_error_t rc = igraph_matrix_init(&m, nv, 2);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("layout", rc, err, errlen);
    rc = igraph_layout_circle(&n->graph, &m, igraph_vss_all());
    /* a circle as wide as igraph's own random start (sqrt(n)): the grid's
     * cells are 2 units, and a unit circle would put everyone in one */
    if (rc == IGRAPH_SUCCESS) igraph_matrix_scale(&m, sqrt((double)nv) / 2.0);
    if (rc == IGRAPH_SUCCESS) rc = igraph_rng_seed(igraph_rng_default(), 20211);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_layout_fruchterman_reingold(&n->graph, &m, true, 500,
                                                sqrt((double)nv), IGRAPH_LAYOUT_GRID,
                                                NULL, NULL, NULL, NULL, NULL);
    if (rc != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(&m);
        return igraph_failed("igraph_layout_fruchterman_reingold", rc, err, errlen);
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        xy[2 * v] = MATRIX(m, v, 0);
        xy[2 * v + 1] = MATRIX(m, v, 1);
    }
    igraph_matrix_destroy(&m);
    return 0;
}

/* The large layout: positions only, no names to keep apart. */
static int layout_large(const net_t *n, double *xy, char *err, size_t errlen) {
    guard_t g = guard_begin();
    int rc = fruchterman_reingold(n, xy, err, errlen);
    guard_end(g);
    if (rc == 0) normalise(xy, n->n_vertices);
    return rc;
}

int net_layout(const net_t *n, const scn_t *s, double *xy, char *err,
               size_t errlen) {
    assert(n->built);
    if (n->n_vertices > NET_PICTURE_NAMES_MAX) return layout_large(n, xy, err, errlen);
    label_t *labels = make_labels(n, s);
    if (labels == NULL) {
        sim_errorf(err, errlen, "network: out of memory");
        return -1;
    }
    int rc = 0;
    if (n->n_vertices == 1) {
        xy[0] = xy[1] = 0.0;
    } else {
        guard_t g = guard_begin();
        rc = kamada_kawai(n, xy, err, errlen);
        guard_end(g);
    }
    if (rc == 0) {
        normalise(xy, n->n_vertices);
        declutter(xy, labels, n->n_vertices);
    }
    free(labels);
    return rc;
}

/* --- Picture: data file -------------------------------------------------------- */

enum { SEG_API, SEG_MANUAL, SEG_HUB, SEG_FETCH, SEG_KINDS };

static const char *const seg_title[SEG_KINDS] = {
    "api (minutes)", "manual (paper request, days)",
    "data hub (api, both ways)", "no link: citizen fetches"};
static const char *const seg_color[SEG_KINDS] = {COLOR_API, COLOR_MANUAL,
                                                 COLOR_HUB, COLOR_FETCH};

/* Island fill colours (pastel, cycled). */
static const char *const island_color[] = {
    "#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#fb9a99",
    "#ffff99", "#8dd3c7", "#bebada", "#d9d9d9", "#ccebc5"};
#define N_ISLAND_COLORS (sizeof island_color / sizeof island_color[0])

typedef struct segment {
    size_t from, to;
} segment_t;

/* The segments of one kind, into seg (room for n_edges + n_needs); hub
 * edges once per department (department -> hub), drawn double-headed. */
static size_t segments_of(const net_t *n, const net_report_t *r, int kind,
                          segment_t *seg) {
    size_t k = 0;
    if (kind == SEG_FETCH) {
        for (size_t i = 0; i < r->n_needs; i++)
            if (r->needs[i].mode == SCN_LINK_NONE)
                seg[k++] = (segment_t){(size_t)r->needs[i].owner,
                                       (size_t)r->needs[i].user};
        return k;
    }
    static const net_edge_kind_t edge_kind[] = {NET_EDGE_API, NET_EDGE_MANUAL,
                                                NET_EDGE_HUB};
    for (size_t e = 0; e < n->n_edges; e++) {
        if (n->kind[e] != edge_kind[kind]) continue;
        size_t from, to;
        edge_ends(n, e, &from, &to);
        if (kind == SEG_HUB && to != n->n_departments) continue;
        seg[k++] = (segment_t){from, to};
    }
    return k;
}

static int compare_segments(const void *a, const void *b) {
    const segment_t *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

/* The drawn non-hub segments (edges and citizen fetches), sorted, into
 * pairs (room for n_edges + n_needs); returns how many. */
static size_t directed_pairs(const net_t *n, const net_report_t *r, segment_t *pairs) {
    size_t k = 0;
    for (size_t e = 0; e < n->n_edges; e++) {
        if (n->kind[e] == NET_EDGE_HUB) continue;
        edge_ends(n, e, &pairs[k].from, &pairs[k].to);
        k++;
    }
    for (size_t i = 0; i < r->n_needs; i++)
        if (r->needs[i].mode == SCN_LINK_NONE)
            pairs[k++] = (segment_t){(size_t)r->needs[i].owner, (size_t)r->needs[i].user};
    qsort(pairs, k, sizeof *pairs, compare_segments);
    return k;
}

/* Is there a directed segment to -> from among the drawn non-hub ones
 * (pairs, from directed_pairs)?  Then the two are drawn side by side
 * instead of on top of each other. */
static bool has_reverse(const segment_t *pairs, size_t n_pairs, size_t from, size_t to) {
    segment_t key = {to, from};
    return n_pairs > 0 && bsearch(&key, pairs, n_pairs, sizeof key, compare_segments) != NULL;
}

/* "x y dx dy" from marker edge to marker edge. */
static void write_segment(FILE *f, const segment_t *pairs, size_t n_pairs,
                          const double *xy, segment_t sg, bool hub) {
    double x0 = xy[2 * sg.from], y0 = xy[2 * sg.from + 1];
    double x1 = xy[2 * sg.to], y1 = xy[2 * sg.to + 1];
    double len = hypot(x1 - x0, y1 - y0);
    if (len <= 0.0) return;
    double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    double gap = (POINT_PX / 2.0 + 2.0) / px_per_unit();
    if (len <= 2.0 * gap) gap = 0.0;
    double side = !hub && has_reverse(pairs, n_pairs, sg.from, sg.to)
                      ? PAIR_OFFSET_PX / px_per_unit()
                      : 0.0;
    double sx = x0 + ux * gap + uy * side, sy = y0 + uy * gap - ux * side;
    double ex = x1 - ux * gap + uy * side, ey = y1 - uy * gap - ux * side;
    fprintf(f, "%.6f %.6f %.6f %.6f\n", sx, sy, ex - sx, ey - sy);
}

/* Characters gnuplot data files can hold unquoted. */
static void data_key(const char *id, char *out, size_t outlen) {
    size_t i = 0;
    for (; id[i] && i + 1 < outlen; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        out[i] = ok ? c : '_';
    }
    out[i] = '\0';
    if (i == 0) snprintf(out, outlen, "_");
}

int net_write_plot_data(FILE *f, const net_t *n, const net_report_t *r,
                        const scn_t *s, const double *xy) {
    segment_t *seg = malloc((n->n_edges + r->n_needs + 1) * sizeof *seg);
    segment_t *pairs = malloc((n->n_edges + r->n_needs + 1) * sizeof *pairs);
    if (seg == NULL || pairs == NULL) {
        free(seg);
        free(pairs);
        errno = ENOMEM;
        return -1;
    }
    size_t n_pairs = directed_pairs(n, r, pairs);
    fprintf(f, "# network.dat - department data network of scenario %s "
               "(govsim graph)\n# block 0: vertices: x y island rgb key\n",
            s->id);
    for (size_t v = 0; v < n->n_vertices; v++) {
        char key[SCN_ID_MAX];
        int island = v < n->n_departments ? r->island[v] : r->island[0];
        data_key(v < n->n_departments ? s->departments[v].id : "hub", key,
                 sizeof key);
        const char *fill = v < n->n_departments
                               ? island_color[(size_t)island % N_ISLAND_COLORS]
                               : COLOR_HUB_FILL;
        unsigned rgb = (unsigned)strtoul(fill + 1, NULL, 16);
        fprintf(f, "%.6f %.6f %d %u %s\n", xy[2 * v], xy[2 * v + 1], island,
                rgb, key);
    }
    for (int kind = 0; kind < SEG_KINDS; kind++) {
        size_t k = segments_of(n, r, kind, seg);
        if (k == 0) continue; /* empty blocks are not written (see script) */
        fprintf(f, "\n\n# %s: x y dx dy\n", seg_title[kind]);
        for (size_t i = 0; i < k; i++)
            write_segment(f, pairs, n_pairs, xy, seg[i], kind == SEG_HUB);
    }
    free(seg);
    free(pairs);
    return finish(f);
}

/* --- Picture: script ----------------------------------------------------------- */

static void script_header(FILE *f, const net_report_t *r, const scn_t *s,
                          const char *png_name) {
    char name[ESC_MAX], png[ESC_MAX];
    out_gnuplot_string_plain(name, sizeof name, s->name);
    out_gnuplot_string_plain(png, sizeof png, png_name);
    fprintf(f, "# network.gp - department data network of scenario %s, by "
               "govsim graph.\n"
               "# Run in this folder: gnuplot network.gp  (or gnuplot -e "
               "'outfile=\"x.png\"' network.gp)\n"
               "# Enhanced text is off, so names print literally; strings are "
               "double-quoted with \\ \" escaped and ` as \\140.\n"
               "if (!exists(\"outfile\")) outfile = \"%s\"\n"
               "set terminal pngcairo size %g,%g noenhanced font \"sans,10\"\n"
               "set output outfile\n"
               "set label 1 \"%s\" at screen 0.5, screen 0.965 center "
               "font \"sans,15\"\n",
            s->id, png, PIC_WIDTH, PIC_HEIGHT, name);
    char sub[256];
    if (r->requests_total > 0.0)
        snprintf(sub, sizeof sub,
                 "%zu information island%s; %.4g data requests per day: "
                 "%.0f%% api, %.0f%% manual, %.0f%% fetched by the citizen",
                 r->n_islands, r->n_islands == 1 ? "" : "s", r->requests_total,
                 100.0 * r->requests_per_day[SCN_LINK_API] / r->requests_total,
                 100.0 * r->share_manual, 100.0 * r->share_none);
    else
        snprintf(sub, sizeof sub, "%zu information island%s; no data requests",
                 r->n_islands, r->n_islands == 1 ? "" : "s");
    fprintf(f, "set label 2 \"%s\" at screen 0.5, screen 0.925 center\n", sub);
    fprintf(f, "unset border\nunset xtics\nunset ytics\n"
               "set lmargin at screen %g\nset rmargin at screen %g\n"
               "set bmargin at screen %g\nset tmargin at screen %g\n"
               "set xrange [%g:%g]\nset yrange [%.6f:%g]\n",
            PIC_LEFT, PIC_RIGHT, PIC_BOTTOM, PIC_TOP, -PIC_XHALF, PIC_XHALF,
            pic_ymin(), PIC_YTOP);
    fputs("set key at screen 0.985, screen 0.86 right top box opaque "
          "spacing 1.6 width 1 samplen 3\n"
          "set key title \"Data links, owner -> user\"\n",
          f);
    /* Labels sit on white: an arrow that must cross a name passes under
     * it instead of through the letters. */
    fputs("set style textbox opaque fillcolor \"white\" noborder margins 1,1\n", f);
    for (int kind = 0; kind < SEG_KINDS; kind++)
        fprintf(f, "set style arrow %d %s filled size screen 0.011,20 lw 2 "
                   "lc rgb \"%s\"%s\n",
                kind + 1, kind == SEG_HUB ? "heads" : "head", seg_color[kind],
                kind == SEG_FETCH ? " dt 2" : "");
}

/* Where a label goes around its marker.  The layout keeps room below
 * every marker; the script moves a label to another side when that side
 * is crossed by fewer arrows, so arrows do not run through names. */
typedef enum { PLACE_BELOW, PLACE_ABOVE, PLACE_RIGHT, PLACE_LEFT, PLACES } place_t;

/* The text of a label placed at `where` around the marker at (x, y). */
static box_t text_box(const label_t *lb, double x, double y, place_t where) {
    double u = px_per_unit();
    double w = lb->cols * CHAR_PX / u, h = lb->n_lines * LINE_PX / u;
    double near = (POINT_PX / 2.0 + LABEL_GAP_PX) / u;
    switch (where) {
    case PLACE_BELOW: return (box_t){x - w / 2, x + w / 2, y - near - h, y - near};
    case PLACE_ABOVE: return (box_t){x - w / 2, x + w / 2, y + near, y + near + h};
    case PLACE_RIGHT: return (box_t){x + near, x + near + w, y - h / 2, y + h / 2};
    default: return (box_t){x - near - w, x - near, y - h / 2, y + h / 2};
    }
}

static box_t marker_box(double x, double y) {
    double r = POINT_PX / 2.0 / px_per_unit();
    return (box_t){x - r, x + r, y - r, y + r};
}

static bool boxes_overlap(box_t a, box_t b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* Liang-Barsky: the share (0 to 1) of the segment (x0, y0) + t (dx, dy),
 * t in [0, 1], that lies inside the box; -1 when it misses. */
static double segment_in_box(double x0, double y0, double dx, double dy,
                             box_t b) {
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {x0 - b.x0, b.x1 - x0, y0 - b.y0, b.y1 - y0};
    double t0 = 0.0, t1 = 1.0;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0) return -1.0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0.0) t0 = fmax(t0, t);
        else t1 = fmin(t1, t);
        if (t0 > t1) return -1.0;
    }
    return t1 - t0;
}

/* Is the arrowhead of g (at its target's marker) inside the box? */
static bool head_in_box(const double *xy, const segment_t *g, box_t b) {
    double x1 = xy[2 * g->to], y1 = xy[2 * g->to + 1];
    double dx = x1 - xy[2 * g->from], dy = y1 - xy[2 * g->from + 1];
    double len = hypot(dx, dy);
    if (len <= 0.0) return false;
    double back = (POINT_PX / 2.0 + 6.0) / px_per_unit(); /* mid-head */
    double hx = x1 - dx / len * back, hy = y1 - dy / len * back;
    return hx > b.x0 && hx < b.x1 && hy > b.y0 && hy < b.y1;
}

typedef struct scene {
    const double *xy;
    size_t n_vertices;
    const label_t *labels;
    const segment_t *seg;        /* every arrow drawn                     */
    size_t n_seg;
    const place_t *where;        /* chosen so far (vertices < current)    */
    bool hub;                    /* the last vertex is the hub            */
} scene_t;

/* Badness of putting vertex v's label at `where`: leaving the plot or
 * covering a marker or a placed label is ruled out (1000), covering a
 * label not yet placed (at its default, below) is bad (100), an arrow
 * through the text costs 5 plus its length inside in pixels (grazing a
 * corner is better than running through the words); the order of
 * place_t breaks ties. */
static double place_cost(const scene_t *sc, size_t v, place_t where) {
    const double *xy = sc->xy;
    double pad = PAD_PX / px_per_unit();
    box_t b = text_box(&sc->labels[v], xy[2 * v], xy[2 * v + 1], where);
    b = (box_t){b.x0 - pad, b.x1 + pad, b.y0 - pad, b.y1 + pad};
    double cost = (double)where;
    if (b.x0 < -PIC_XHALF || b.x1 > PIC_XHALF || b.y0 < pic_ymin() || b.y1 > PIC_YTOP)
        cost += 1000.0;
    for (size_t u = 0; u < sc->n_vertices; u++) {
        if (u == v) continue;
        if (boxes_overlap(b, marker_box(xy[2 * u], xy[2 * u + 1]))) cost += 1000.0;
        place_t other = u < v ? sc->where[u] : PLACE_BELOW;
        if (boxes_overlap(b, text_box(&sc->labels[u], xy[2 * u], xy[2 * u + 1], other)))
            cost += u < v ? 1000.0 : 100.0;
    }
    double wide = ARROW_HALF_PX / px_per_unit(); /* arrows are not lines */
    b = (box_t){b.x0 - wide, b.x1 + wide, b.y0 - wide, b.y1 + wide};
    for (size_t i = 0; i < sc->n_seg; i++) {
        const segment_t *g = &sc->seg[i];
        double x0 = xy[2 * g->from], y0 = xy[2 * g->from + 1];
        double dx = xy[2 * g->to] - x0, dy = xy[2 * g->to + 1] - y0;
        double share = segment_in_box(x0, y0, dx, dy, b);
        if (share < 0.0) continue;
        cost += 5.0 + share * hypot(dx, dy) * px_per_unit();
        if (head_in_box(xy, g, b)) cost += 50.0; /* hides the direction */
        if (g->to == sc->n_vertices - 1 && sc->hub) {
            segment_t back = {g->to, g->from};  /* hub arrows: two heads */
            if (head_in_box(xy, &back, b)) cost += 50.0;
        }
    }
    return cost;
}

static place_t best_place(const scene_t *sc, size_t v) {
    place_t best = PLACE_BELOW;
    double best_cost = INFINITY;
    for (int p = 0; p < PLACES; p++) {
        double c = place_cost(sc, v, (place_t)p);
        if (c < best_cost) {
            best_cost = c;
            best = (place_t)p;
        }
    }
    return best;
}

static void print_label(FILE *f, size_t tag, const label_t *lb, box_t b,
                        place_t where) {
    fprintf(f, "set label %zu \"", tag);
    for (size_t i = 0; i < lb->n_lines; i++) {
        char esc[4 * LABEL_BYTES];
        out_gnuplot_string_plain(esc, sizeof esc, lb->line[i]);
        fprintf(f, "%s%s", i ? "\\n" : "", esc);
    }
    /* pngcairo puts the first line of a multi-line label at the anchor's
     * height and the others below it (measured), whatever the
     * justification. */
    double y = b.y1 - LINE_PX / 2.0 / px_per_unit();
    if (where == PLACE_RIGHT)
        fprintf(f, "\" at %.6f, %.6f left front boxed\n", b.x0, y);
    else if (where == PLACE_LEFT)
        fprintf(f, "\" at %.6f, %.6f right front boxed\n", b.x1, y);
    else
        fprintf(f, "\" at %.6f, %.6f center front boxed\n", (b.x0 + b.x1) / 2.0, y);
}

/* Every arrow of the picture, into seg (room for n_edges + n_needs). */
static size_t all_segments(const net_t *n, const net_report_t *r, segment_t *seg) {
    size_t k = 0;
    for (int kind = 0; kind < SEG_KINDS; kind++) k += segments_of(n, r, kind, seg + k);
    return k;
}

/* Labels 3, 4, ... (1 and 2 are the titles), one per vertex, each on the
 * side of its marker that the fewest arrows cross. */
static int script_labels(FILE *f, const net_t *n, const net_report_t *r,
                         const scn_t *s, const double *xy) {
    label_t *labels = make_labels(n, s);
    place_t *where = malloc(n->n_vertices * sizeof *where);
    segment_t *seg = malloc((n->n_edges + r->n_needs + 1) * sizeof *seg);
    if (labels == NULL || where == NULL || seg == NULL) {
        free(labels);
        free(where);
        free(seg);
        errno = ENOMEM;
        return -1;
    }
    scene_t sc = {xy, n->n_vertices, labels, seg, all_segments(n, r, seg), where,
                  n->hub};
    for (size_t v = 0; v < n->n_vertices; v++) {
        where[v] = best_place(&sc, v);
        box_t b = text_box(&labels[v], xy[2 * v], xy[2 * v + 1], where[v]);
        print_label(f, v + 3, &labels[v], b, where[v]);
    }
    free(labels);
    free(where);
    free(seg);
    return 0;
}

int net_write_plot_script(FILE *f, const net_t *n, const net_report_t *r,
                          const scn_t *s, const double *xy,
                          const char *data_name, const char *png_name) {
    segment_t *seg = malloc((n->n_edges + r->n_needs + 1) * sizeof *seg);
    if (seg == NULL) {
        errno = ENOMEM;
        return -1;
    }
    script_header(f, r, s, png_name);
    if (n->n_vertices > NET_PICTURE_NAMES_MAX)
        fprintf(f, "set label 3 \"%zu departments: too many to name here; names in "
                   "network.dot and network.graphml\" at screen 0.5, screen 0.895 center\n",
                n->n_departments);
    else if (script_labels(f, n, r, s, xy) != 0) {
        free(seg);
        return -1;
    }
    char data[ESC_MAX];
    out_gnuplot_string_plain(data, sizeof data, data_name);
    fputs("plot \\\n", f);
    int block = 1; /* block 0 holds the vertices */
    for (int kind = 0; kind < SEG_KINDS; kind++) {
        if (kind == SEG_HUB && !n->hub) continue;
        if (segments_of(n, r, kind, seg) > 0)
            fprintf(f, "  \"%s\" index %d using 1:2:3:4 with vectors "
                       "arrowstyle %d title \"%s\", \\\n",
                    data, block++, kind + 1, seg_title[kind]);
        else /* keep the legend complete */
            fprintf(f, "  keyentry with vectors arrowstyle %d title \"%s\", \\\n",
                    kind + 1, seg_title[kind]);
    }
    fprintf(f, "  keyentry with points pt 7 ps 2 lc rgb \"%s\" "
               "title \"department (fill: island)\", \\\n"
               "  \"%s\" index 0 using 1:2:4 with points pt 7 ps 2 "
               "lc rgb variable notitle, \\\n"
               "  \"%s\" index 0 using 1:2 with points pt 6 ps 2 "
               "lc rgb \"#404040\" notitle\n",
            island_color[0], data, data);
    free(seg);
    return finish(f);
}
