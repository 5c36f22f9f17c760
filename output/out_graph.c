/* out_graph.c - the network as Graphviz DOT and GraphML (see out_graph.h);
 * the picture is in out_graph_picture.c. */
#include "out_graph.h"

#include "text.h"

static int finish(FILE *f) { return ferror(f) ? -1 : 0; }

static size_t n_departments(const out_graph_t *g) { return g->n_nodes - (g->hub ? 1 : 0); }

/* --- DOT ----------------------------------------------------------------- */

static void dot_node(FILE *f, const out_graph_t *g, size_t d) {
    const out_graph_node_t *nd = &g->nodes[d];
    fprintf(f, "    d%zu [label=\"", d);
    text_dot_string(f, nd->name);
    fputs("\\n", f);
    text_dot_string(f, nd->region);
    fprintf(f, "\", tooltip=\"betweenness %g\"];\n", nd->betweenness);
}

/* One dashed cluster per island; the hub sits in the first department's
 * island (the hub joins every department into it). */
static void dot_clusters(FILE *f, const out_graph_t *g) {
    size_t nd = n_departments(g);
    for (size_t c = 0; c < g->n_islands; c++) {
        size_t members = 0;
        for (size_t d = 0; d < nd; d++) members += (size_t)g->nodes[d].island == c;
        fprintf(f,
                "  subgraph cluster_island%zu {\n"
                "    label=\"island %zu (%zu department%s)\";\n"
                "    style=dashed; color=grey50;\n",
                c + 1, c + 1, members, members == 1 ? "" : "s");
        for (size_t d = 0; d < nd; d++)
            if ((size_t)g->nodes[d].island == c) dot_node(f, g, d);
        if (g->hub && c == (size_t)g->nodes[0].island) {
            fputs("    hub [label=\"", f);
            text_dot_string(f, g->nodes[g->n_nodes - 1].name);
            fprintf(f,
                    "\\napi %g min\", shape=ellipse, "
                    "fillcolor=\"" OUT_GRAPH_COLOR_HUB_FILL "\"];\n",
                    g->hub_delay);
        }
        fputs("  }\n", f);
    }
}

static void dot_edges(FILE *f, const out_graph_t *g) {
    size_t hub = n_departments(g);
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        switch (ed->kind) {
        case OUT_GRAPH_HUB:
            /* One double-headed edge per department, not two. */
            if (ed->to == hub)
                fprintf(f, "  d%zu -> hub [dir=both, color=\"" OUT_GRAPH_COLOR_HUB "\"];\n",
                        ed->from);
            break;
        case OUT_GRAPH_API:
        case OUT_GRAPH_MANUAL: {
            bool api = ed->kind == OUT_GRAPH_API;
            fprintf(f, "  d%zu -> d%zu [color=\"%s\", label=\"%s %g min\"];\n", ed->from, ed->to,
                    api ? OUT_GRAPH_COLOR_API : OUT_GRAPH_COLOR_MANUAL, api ? "api" : "manual",
                    ed->value);
            break;
        }
        default:
            break;
        }
    }
    /* The citizen's fetches after all the links. */
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        if (ed->kind != OUT_GRAPH_FETCH) continue;
        fprintf(f,
                "  d%zu -> d%zu [color=\"" OUT_GRAPH_COLOR_FETCH "\", style=dashed, "
                "constraint=false, label=\"citizen fetches %g/day\"];\n",
                ed->from, ed->to, ed->value);
    }
}

int out_graph_write_dot(FILE *f, const out_graph_t *g) {
    fprintf(f,
            "// Department data network of scenario %s, by govsim graph.\n"
            "// Edges owner -> user: green api, orange manual, blue data "
            "hub,\n// dashed red: data the citizen must fetch (no link).\n",
            g->id);
    fputs("digraph \"", f);
    text_dot_string(f, g->id);
    fputs("\" {\n  graph [label=\"", f);
    text_dot_string(f, g->title);
    fprintf(f,
            ": %zu information island%s\", labelloc=t, "
            "fontsize=18, fontname=\"Helvetica\", rankdir=LR];\n"
            "  node [shape=box, style=\"rounded,filled\", "
            "fillcolor=\"#f2f2f2\", fontname=\"Helvetica\"];\n"
            "  edge [fontname=\"Helvetica\", fontsize=10];\n",
            g->n_islands, g->n_islands == 1 ? "" : "s");
    dot_clusters(f, g);
    dot_edges(f, g);
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
        fprintf(f,
                "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" "
                "attr.type=\"%s\"/>\n",
                keys[i][0], keys[i][1], keys[i][2], keys[i][3]);
}

static void graphml_node(FILE *f, const out_graph_t *g, size_t v) {
    const out_graph_node_t *nd = &g->nodes[v];
    bool hub = g->hub && v == g->n_nodes - 1;
    fprintf(f, "    <node id=\"n%zu\">\n      <data key=\"v_id\">", v);
    text_html_escape(f, nd->id);
    fputs("</data>\n      <data key=\"v_name\">", f);
    text_html_escape(f, nd->name);
    fputs("</data>\n      <data key=\"v_region\">", f);
    text_html_escape(f, nd->region);
    fprintf(f,
            "</data>\n"
            "      <data key=\"v_island\">%d</data>\n"
            "      <data key=\"v_betweenness\">%.15g</data>\n"
            "      <data key=\"v_hub\">%s</data>\n"
            "    </node>\n",
            nd->island, nd->betweenness, hub ? "true" : "false");
}

int out_graph_write_graphml(FILE *f, const out_graph_t *g) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          f);
    graphml_keys(f);
    fputs("  <graph id=\"", f);
    text_html_escape(f, g->id);
    fputs("\" edgedefault=\"directed\">\n", f);
    for (size_t v = 0; v < g->n_nodes; v++) graphml_node(f, g, v);
    size_t id = 0; /* the graph's edges are numbered; fetches are not edges */
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        if (ed->kind == OUT_GRAPH_FETCH) continue;
        fprintf(f,
                "    <edge id=\"e%zu\" source=\"n%zu\" target=\"n%zu\">\n"
                "      <data key=\"e_mode\">%s</data>\n"
                "      <data key=\"e_delay\">%.15g</data>\n"
                "    </edge>\n",
                id++, ed->from, ed->to, ed->kind == OUT_GRAPH_MANUAL ? "manual" : "api", ed->value);
    }
    fputs("  </graph>\n</graphml>\n", f);
    return finish(f);
}
