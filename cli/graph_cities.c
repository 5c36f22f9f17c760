/* One network picture per city, one of the cities, and a page (graph_cities.h). */
#include "graph_cities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "i18n.h"
#include "out_file.h"
#include "out_html.h"

#define NAME_LEN 160

typedef struct sub {
    out_graph_t g;
    out_graph_node_t *nodes;
    out_graph_edge_t *edges;
    char (*names)[NAME_LEN];
    double *xy;
    char title[400], subtitle[256];
} sub_t;

static void sub_free(sub_t *x) {
    free(x->nodes);
    free(x->edges);
    free(x->names);
    free(x->xy);
}

static int sub_alloc(sub_t *x, size_t n_nodes, size_t n_edges) {
    memset(x, 0, sizeof *x);
    x->nodes = calloc(n_nodes + 1, sizeof *x->nodes);
    x->edges = calloc(n_edges + 1, sizeof *x->edges);
    x->names = calloc(n_nodes + 1, sizeof *x->names);
    x->xy = calloc(2 * (n_nodes + 1), sizeof *x->xy);
    return x->nodes && x->edges && x->names && x->xy ? 0 : -1;
}

/* n points on a circle: a layout where no name hides another for the
 * handful of departments of one city (out_graph_place then keeps the
 * labels apart). */
static void circle(double *xy, size_t n) {
    for (size_t i = 0; i < n; i++) {
        double a = 2 * M_PI * (double)i / (double)(n ? n : 1) + M_PI / 2;
        xy[2 * i] = cos(a);
        xy[2 * i + 1] = sin(a);
    }
}

/* name without " (REGION)" at its end: inside a city's picture the city
 * goes without saying. */
static void strip_region(char *dst, const char *name, const char *region) {
    snprintf(dst, NAME_LEN, "%s", name);
    char suffix[NAME_LEN];
    snprintf(suffix, sizeof suffix, " (%s)", region);
    size_t ln = strlen(dst), ls = strlen(suffix), lr = strlen(region);
    if (ln > ls && strcmp(dst + ln - ls, suffix) == 0) dst[ln - ls] = '\0';
    /* Chinese names put the city first: 哈尔滨市税务局 */
    else if (ln > lr && strncmp(dst, region, lr) == 0) memmove(dst, dst + lr, ln - lr + 1);
}

/* Region r's departments and the links between them. */
static int city_drawing(sub_t *x, const out_graph_t *g, const scn_t *s, size_t r) {
    if (sub_alloc(x, s->n_departments, g->n_edges) != 0) return -1;
    size_t *at = malloc(s->n_departments * sizeof *at), n = 0, k = 0, out_links = 0;
    if (!at) return -1;
    bool seen[64] = {false};
    size_t islands = 0;
    for (size_t d = 0; d < s->n_departments; d++) {
        at[d] = SIZE_MAX;
        if ((size_t)s->departments[d].region != r) continue;
        at[d] = n;
        x->nodes[n] = g->nodes[d];
        strip_region(x->names[n], g->nodes[d].name, s->regions[r].name);
        x->nodes[n].name = x->names[n];
        int isl = g->nodes[d].island;
        if (isl >= 0 && isl < 64 && !seen[isl]) seen[isl] = true, islands++;
        n++;
    }
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        if (ed->from >= s->n_departments || ed->to >= s->n_departments) continue; /* the hub */
        bool in_from = at[ed->from] != SIZE_MAX, in_to = at[ed->to] != SIZE_MAX;
        if (in_from && in_to) {
            x->edges[k] = *ed;
            x->edges[k].from = at[ed->from];
            x->edges[k].to = at[ed->to];
            k++;
        } else if (in_from || in_to) {
            out_links++;
        }
    }
    free(at);
    circle(x->xy, n);
    snprintf(x->title, sizeof x->title, "%s: %s", s->name, s->regions[r].name);
    snprintf(x->subtitle, sizeof x->subtitle,
             _("%zu departments, %zu data flows inside the city, %zu to or from other cities"), n,
             k, out_links);
    x->g = (out_graph_t){.id = s->regions[r].id,
                         .title = x->title,
                         .n_nodes = n,
                         .nodes = x->nodes,
                         .n_edges = k,
                         .edges = x->edges,
                         .n_islands = islands ? islands : 1,
                         .xy = x->xy,
                         .subtitle = x->subtitle};
    return 0;
}

/* The cities, and one arrow per (from, to, kind) of the links between
 * them. */
static int cities_drawing(sub_t *x, const out_graph_t *g, const scn_t *s) {
    size_t nr = s->n_regions;
    if (sub_alloc(x, nr, nr * nr * OUT_GRAPH_KINDS) != 0) return -1;
    double *count = calloc(nr * nr * OUT_GRAPH_KINDS, sizeof *count);
    if (!count) return -1;
    size_t total = 0;
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        if (ed->from >= s->n_departments || ed->to >= s->n_departments) continue;
        size_t a = (size_t)s->departments[ed->from].region,
               b = (size_t)s->departments[ed->to].region;
        if (a == b) continue;
        count[(a * nr + b) * OUT_GRAPH_KINDS + ed->kind]++;
        total++;
    }
    size_t k = 0;
    for (size_t i = 0; i < nr * nr * OUT_GRAPH_KINDS; i++)
        if (count[i] > 0)
            x->edges[k++] = (out_graph_edge_t){i / OUT_GRAPH_KINDS / nr, i / OUT_GRAPH_KINDS % nr,
                                               (out_graph_kind_t)(i % OUT_GRAPH_KINDS), count[i]};
    free(count);
    for (size_t r = 0; r < nr; r++) {
        snprintf(x->names[r], NAME_LEN, "%s", s->regions[r].name);
        x->nodes[r] = (out_graph_node_t){s->regions[r].id, x->names[r], x->names[r], 0, 0};
    }
    circle(x->xy, nr);
    snprintf(x->title, sizeof x->title, "%s: %s", s->name, _("data flows between cities"));
    snprintf(x->subtitle, sizeof x->subtitle,
             _("%zu data flows between departments of different cities (an arrow per pair of "
               "cities and kind)"),
             total);
    x->g = (out_graph_t){.id = "cities",
                         .title = x->title,
                         .n_nodes = nr,
                         .nodes = x->nodes,
                         .n_edges = k,
                         .edges = x->edges,
                         .n_islands = 1,
                         .xy = x->xy,
                         .subtitle = x->subtitle};
    return 0;
}

/* DIR/NAME.dat, DIR/NAME.gp and DIR/NAME.png of drawing g. */
static int write_picture(out_graph_t *g, const char *dir, const char *name, char *err,
                         size_t errlen) {
    char dat[128], gp[128], png[128];
    snprintf(dat, sizeof dat, "%s.dat", name);
    snprintf(gp, sizeof gp, "%s.gp", name);
    snprintf(png, sizeof png, "%s.png", name);
    if (out_graph_place(g) != 0) {
        snprintf(err, errlen, "network: out of memory");
        return -1;
    }
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, dat, err, errlen);
    if (!fp) return -1;
    if (out_graph_write_plot_data(fp, g) != 0) {
        out_file_abort(&f);
        snprintf(err, errlen, "writing %s/%s failed", dir, dat);
        return -1;
    }
    if (out_file_commit(&f, err, errlen) != 0) return -1;
    if (!(fp = out_file_open(&f, dir, gp, err, errlen))) return -1;
    if (out_graph_write_plot_script(fp, g, dat, png) != 0) {
        out_file_abort(&f);
        snprintf(err, errlen, "writing %s/%s failed", dir, gp);
        return -1;
    }
    if (out_file_commit(&f, err, errlen) != 0) return -1;
    if (!out_file_open(&f, dir, png, err, errlen)) return -1;
    const char *slash = strrchr(f.tmp_path, '/');
    if (out_gnuplot_run_to(dir, gp, slash ? slash + 1 : f.tmp_path, err, errlen) != 0) {
        out_file_abort(&f);
        return -1;
    }
    return out_file_commit(&f, err, errlen);
}

static int figure(FILE *fp, const char *dir, const char *name, const char *caption, char *err,
                  size_t errlen) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    return out_html_figure_png(fp, path, caption, caption, err, errlen);
}

/* DIR/index.html: the cities, each city, then the whole network. */
static int write_page(const scn_t *s, const char *dir, char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "index.html", err, errlen);
    if (!fp) return -1;
    char title[400];
    snprintf(title, sizeof title, _("%s: the departments' data network"), s->name);
    out_html_begin(fp, title);
    out_html_heading(fp, 1, NULL, title);
    out_html_paragraph(fp, _("Who needs data from whom, and how it travels: through an api "
                             "(minutes), a paper request between offices (days), or the "
                             "citizen, who fetches the document. An information island is a "
                             "group of departments with no data link to the others."));
    int rc = figure(fp, dir, "network_cities", _("The data flows between cities."), err, errlen);
    for (size_t r = 0; rc == 0 && r < s->n_regions; r++) {
        char name[SCN_ID_MAX + 16];
        snprintf(name, sizeof name, "network_%s", s->regions[r].id);
        rc = figure(fp, dir, name, s->regions[r].name, err, errlen);
    }
    if (rc == 0)
        rc = figure(fp, dir, "network", _("The whole network (names in network.dot and .graphml)."),
                    err, errlen);
    out_html_end(fp);
    if (rc != 0) {
        out_file_abort(&f);
        return -1;
    }
    return out_file_commit(&f, err, errlen);
}

int graph_cities_write(const out_graph_t *g, const scn_t *s, const char *dir, char *err,
                       size_t errlen) {
    if (s->n_regions < 2) return 0;
    sub_t x;
    int rc = cities_drawing(&x, g, s) != 0
                 ? (snprintf(err, errlen, "out of memory"), -1)
                 : write_picture(&x.g, dir, "network_cities", err, errlen);
    sub_free(&x);
    for (size_t r = 0; rc == 0 && r < s->n_regions; r++) {
        char name[SCN_ID_MAX + 16];
        snprintf(name, sizeof name, "network_%s", s->regions[r].id);
        rc = city_drawing(&x, g, s, r) != 0 ? (snprintf(err, errlen, "out of memory"), -1)
                                            : write_picture(&x.g, dir, name, err, errlen);
        sub_free(&x);
    }
    return rc == 0 ? write_page(s, dir, err, errlen) : -1;
}
