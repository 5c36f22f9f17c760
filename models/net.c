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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "errmsg.h"
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
static int igraph_failed(const char *what, igraph_error_t code, char *err, size_t errlen) {
    errmsg_format(err, errlen, "network: %s failed: %s", what, igraph_strerror(code));
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
static void fill_edges(const scn_t *s, bool hub, igraph_vector_int_t *ends, igraph_vector_t *weight,
                       net_edge_kind_t *kind) {
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
        errmsg_format(err, errlen, "network: out of memory");
        return -1;
    }
    guard_t g = guard_begin();
    igraph_vector_int_t ends;
    igraph_error_t rc = igraph_vector_int_init(&ends, 2 * (igraph_integer_t)n->n_edges);
    if (rc != IGRAPH_SUCCESS) goto fail_ends;
    rc = igraph_vector_init(&n->weight, (igraph_integer_t)n->n_edges);
    if (rc != IGRAPH_SUCCESS) goto fail_weight;
    fill_edges(s, n->hub, &ends, &n->weight, n->kind);
    rc = igraph_create(&n->graph, &ends, (igraph_integer_t)n->n_vertices, IGRAPH_DIRECTED);
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
static int find_islands(net_report_t *r, const net_t *n, char *err, size_t errlen) {
    igraph_vector_int_t membership;
    igraph_integer_t n_comp = 0;
    igraph_error_t rc = igraph_vector_int_init(&membership, 0);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("components", rc, err, errlen);
    rc = igraph_connected_components(&n->graph, &membership, NULL, &n_comp, IGRAPH_WEAK);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&membership);
        return igraph_failed("igraph_connected_components", rc, err, errlen);
    }
    int *renumber = malloc((size_t)n_comp * sizeof *renumber);
    if (renumber == NULL) {
        igraph_vector_int_destroy(&membership);
        errmsg_format(err, errlen, "network: out of memory");
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
static int find_betweenness(net_report_t *r, const net_t *n, char *err, size_t errlen) {
    igraph_vector_t b;
    igraph_error_t rc = igraph_vector_init(&b, 0);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("betweenness", rc, err, errlen);
    rc = igraph_betweenness(&n->graph, &b, igraph_vss_all(), IGRAPH_DIRECTED, NULL);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&b);
        return igraph_failed("igraph_betweenness", rc, err, errlen);
    }
    for (size_t d = 0; d < n->n_departments; d++) r->betweenness[d] = VECTOR(b)[d];
    r->hub_betweenness = n->hub ? VECTOR(b)[n->n_departments] : 0.0;
    igraph_vector_destroy(&b);
    return 0;
}

static int count_links(net_report_t *r, const net_t *n, char *err, size_t errlen) {
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
static void add_need(net_report_t *r, int *slot, const scn_t *s, int user, int owner,
                     double per_day) {
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
        for (size_t j = 0; j < s->services[v].n_steps; j++) k += s->services[v].steps[j].n_needs;
    return k;
}

static int find_needs(net_report_t *r, const scn_t *s, char *err, size_t errlen) {
    size_t nd = s->n_departments;
    int *slot = malloc(nd * nd * sizeof *slot);
    r->needs = calloc(count_listed_needs(s) + 1, sizeof *r->needs);
    if (slot == NULL || r->needs == NULL) {
        free(slot);
        errmsg_format(err, errlen, "network: out of memory");
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
                add_need(r, slot, s, step->dept, owner, svc->per_day * step->visits);
            }
        }
    }
    free(slot);
    summarise_needs(r);
    return 0;
}

int net_analyse(net_report_t *r, const net_t *n, const scn_t *s, char *err, size_t errlen) {
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
        errmsg_format(err, errlen, "network: out of memory");
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
    case SCN_LINK_NONE:
        return "none";
    case SCN_LINK_MANUAL:
        return "manual";
    case SCN_LINK_API:
        return "api";
    }
    return "?";
}

void net_edge_ends(const net_t *n, size_t e, size_t *from, size_t *to) {
    assert(n->built && e < n->n_edges);
    igraph_integer_t a, b;
    /* Cannot fail for an edge id below the edge count. */
    igraph_error_t rc = igraph_edge(&n->graph, (igraph_integer_t)e, &a, &b);
    assert(rc == IGRAPH_SUCCESS);
    (void)rc;
    *from = (size_t)a;
    *to = (size_t)b;
}

/* --- Layout -------------------------------------------------------------- */

/* One layout algorithm, run on m, which holds a circle of the vertices. */
typedef igraph_error_t (*layout_fn)(const igraph_t *graph, igraph_matrix_t *m);

/* Kamada-Kawai: deterministic (no RNG), and it places the vertices of a
 * small sparse graph evenly, hub in the middle. */
static igraph_error_t kamada_kawai(const igraph_t *graph, igraph_matrix_t *m) {
    igraph_integer_t nv = igraph_vcount(graph);
    return igraph_layout_kamada_kawai(graph, m, true, 50 * nv, 0.0, (igraph_real_t)nv, NULL, NULL,
                                      NULL, NULL, NULL);
}

/* Fruchterman-Reingold on a grid: for graphs too large for Kamada-Kawai's
 * n^2 distance matrix.  igraph draws random numbers only to part two
 * vertices that land on one spot; its generator is seeded with a constant
 * so that the picture does not depend on the time of day. */
static igraph_error_t fruchterman_reingold(const igraph_t *graph, igraph_matrix_t *m) {
    igraph_integer_t nv = igraph_vcount(graph);
    /* a circle as wide as igraph's own random start (sqrt(n)): the grid's
     * cells are 2 units, and a unit circle would put everyone in one */
    igraph_matrix_scale(m, sqrt((double)nv) / 2.0);
    igraph_error_t rc = igraph_rng_seed(igraph_rng_default(), 20211);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_layout_fruchterman_reingold(graph, m, true, 500, sqrt((double)nv),
                                                IGRAPH_LAYOUT_GRID, NULL, NULL, NULL, NULL, NULL);
    return rc;
}

/* `layout` (named `name` in a message) started from a circle, into xy. */
static int layout_from_circle(const net_t *n, layout_fn layout, const char *name, double *xy,
                              char *err, size_t errlen) {
    igraph_matrix_t m;
    igraph_integer_t nv = (igraph_integer_t)n->n_vertices;
    igraph_error_t rc = igraph_matrix_init(&m, nv, 2);
    if (rc != IGRAPH_SUCCESS) return igraph_failed("layout", rc, err, errlen);
    rc = igraph_layout_circle(&n->graph, &m, igraph_vss_all());
    if (rc == IGRAPH_SUCCESS) rc = layout(&n->graph, &m);
    if (rc != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(&m);
        return igraph_failed(name, rc, err, errlen);
    }
    for (igraph_integer_t v = 0; v < nv; v++) {
        xy[2 * v] = MATRIX(m, v, 0);
        xy[2 * v + 1] = MATRIX(m, v, 1);
    }
    igraph_matrix_destroy(&m);
    return 0;
}

int net_layout(const net_t *n, double *xy, char *err, size_t errlen) {
    assert(n->built);
    if (n->n_vertices == 1) {
        xy[0] = xy[1] = 0.0;
        return 0;
    }
    guard_t g = guard_begin();
    int rc =
        n->n_vertices > NET_LAYOUT_KK_MAX
            ? layout_from_circle(n, fruchterman_reingold, "igraph_layout_fruchterman_reingold", xy,
                                 err, errlen)
            : layout_from_circle(n, kamada_kawai, "igraph_layout_kamada_kawai", xy, err, errlen);
    guard_end(g);
    return rc;
}
