/*
 * test_out_graph.c - the network's writers (output/out_graph.h) on
 * drawings made up by hand, and the escapers they use (base/text.h:
 * text_dot_string, text_html_escape for XML).
 *
 * The drawing has four departments A, B, C, D in region "City": A -> B
 * api 5 min, B -> C manual 2880 min, and the citizen fetches A's data
 * for C (10/day) and C's for D (30/day).  Islands: {A, B, C} and {D}.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "gnuplot.h"
#include "text.h"
#include "out_graph.h"
#include "tmpdir.h"

typedef void (*escape_fn)(FILE *, const char *);

/* What escape wrote for text, as a string (caller frees). */
static char *escaped(escape_fn escape, const char *text) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert(f != NULL);
    escape(f, text);
    fclose(f);
    return buf;
}

#define CHECK_ESCAPED(escape, input, expected)                                                     \
    do {                                                                                           \
        char *got_ = escaped(escape, input);                                                       \
        CHECK_STR(got_, expected);                                                                 \
        free(got_);                                                                                \
    } while (0)

/* ------------------------------------------------------------- escaping */

START_TEST(test_dot_string) {
    CHECK_ESCAPED(text_dot_string, "Say \"hi\" \\ now", "Say \\\"hi\\\" \\\\ now");
    CHECK_ESCAPED(text_dot_string, "line\nbreak\x7f", "line break ");
    CHECK_ESCAPED(text_dot_string, "\xe5\xbe\x90\xe5\xb7\x9e", "\xe5\xbe\x90\xe5\xb7\x9e");
    CHECK_ESCAPED(text_dot_string, "a\xff", "a" TEXT_UTF8_REPLACEMENT);
    CHECK_ESCAPED(text_dot_string, "", "");
}
END_TEST

/* GraphML is XML 1.0: C0 controls other than TAB, LF, CR cannot be written
 * at all, not even as a character reference; they become spaces. */
START_TEST(test_xml_text) {
    CHECK_ESCAPED(text_html_escape, "R&D <Bureau> \"x\" 'y'",
                  "R&amp;D &lt;Bureau&gt; &quot;x&quot; &#39;y&#39;");
    CHECK_ESCAPED(text_html_escape,
                  "a\x01"
                  "b\x1b"
                  "c\x7f",
                  "a b c ");
    CHECK_ESCAPED(text_html_escape, "tab\there\nline\r", "tab\there\nline\r");
    CHECK_ESCAPED(text_html_escape, "bad\xC3", "bad" TEXT_UTF8_REPLACEMENT);
}
END_TEST

/* ------------------------------------------------------------- drawing */

typedef struct fixture {
    out_graph_t g;
    out_graph_node_t node[5];
    out_graph_edge_t edge[16];
    double xy[10];
} fixture_t;

/* The drawing above; with `hub`, a data hub (node 4, 10 min) joined to
 * every department both ways, in one island, as models/net.c builds it. */
static void fx_init(fixture_t *fx, bool hub) {
    memset(fx, 0, sizeof *fx);
    static const char *const ids[] = {"a", "b", "c", "d"};
    static const char *const names[] = {"Bureau A", "Bureau B", "Bureau C", "Bureau D"};
    for (size_t d = 0; d < 4; d++)
        fx->node[d] =
            (out_graph_node_t){ids[d], names[d], "City", hub ? 0 : d == 3, (double)d / 2.0};
    size_t k = 0;
    fx->edge[k++] = (out_graph_edge_t){0, 1, OUT_GRAPH_API, 5.0};
    fx->edge[k++] = (out_graph_edge_t){1, 2, OUT_GRAPH_MANUAL, 2880.0};
    if (hub) {
        fx->node[4] = (out_graph_node_t){"hub", "Data hub", "", 0, 9.5};
        for (size_t d = 0; d < 4; d++) {
            fx->edge[k++] = (out_graph_edge_t){d, 4, OUT_GRAPH_HUB, 10.0};
            fx->edge[k++] = (out_graph_edge_t){4, d, OUT_GRAPH_HUB, 10.0};
        }
    } else {
        fx->edge[k++] = (out_graph_edge_t){0, 2, OUT_GRAPH_FETCH, 10.0};
        fx->edge[k++] = (out_graph_edge_t){2, 3, OUT_GRAPH_FETCH, 30.0};
    }
    /* a square (and its centre), as a layout might give it */
    static const double xy[] = {0, 0, 3, 0, 3, 3, 0, 3, 1.5, 1.5};
    memcpy(fx->xy, xy, sizeof xy);
    fx->g = (out_graph_t){.id = "fixture",
                          .title = "Fixture city",
                          .n_nodes = hub ? 5 : 4,
                          .nodes = fx->node,
                          .hub = hub,
                          .hub_delay = 10.0,
                          .n_edges = k,
                          .edges = fx->edge,
                          .n_islands = hub ? 1 : 2,
                          .requests_total = 90.0,
                          .requests_api = 10.0,
                          .share_manual = 40.0 / 90.0,
                          .share_none = 40.0 / 90.0,
                          .xy = fx->xy};
}

typedef int (*writer_fn)(FILE *, const out_graph_t *);

/* Everything a writer printed, as a string (caller frees). */
/* (noinline: gcc 12 inlines it and then takes the memstream's buffer for
 * a dangling pointer to the local that receives it.) */
__attribute__((noinline)) static char *written(writer_fn write, const out_graph_t *g) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert(f != NULL);
    CHECK(write(f, g) == 0);
    fclose(f);
    return text;
}

static int write_script(FILE *f, const out_graph_t *g) {
    return out_graph_write_plot_script(f, g, "network.dat", "network.png");
}

static size_t count_substr(const char *text, const char *pat) {
    size_t k = 0, at = 0;
    for (const char *p; (p = strstr(text + at, pat)) != NULL; k++) at = (size_t)(p - text) + 1;
    return k;
}

/* -------------------------------------------------------------- writers */

START_TEST(test_dot_output) {
    fixture_t fx;
    fx_init(&fx, false);
    fx.node[1].name = "The \"Best\" \\ Bureau";
    char *dot = written(out_graph_write_dot, &fx.g);
    CHECK(strstr(dot, "digraph \"fixture\" {") != NULL);
    CHECK(strstr(dot, "label=\"Fixture city: 2 information islands\"") != NULL);
    CHECK(strstr(dot, "d1 [label=\"The \\\"Best\\\" \\\\ Bureau\\nCity\"") != NULL);
    CHECK(strstr(dot, "The \"Best\"") == NULL);
    CHECK(strstr(dot, "subgraph cluster_island1") != NULL);
    CHECK(strstr(dot, "subgraph cluster_island2 {\n"
                      "    label=\"island 2 (1 department)\";") != NULL);
    CHECK(strstr(dot, "subgraph cluster_island3") == NULL);
    CHECK(strstr(dot, "d0 -> d1 [color=\"#1b9e77\", label=\"api 5 min\"]") != NULL);
    CHECK(strstr(dot, "d1 -> d2 [color=\"#d95f02\", label=\"manual 2880 min\"]") != NULL);
    CHECK(strstr(dot, "d2 -> d3 [color=\"#e7298a\", style=dashed") != NULL);
    CHECK(strstr(dot, "citizen fetches 30/day") != NULL);
    CHECK(strstr(dot, "-> hub") == NULL && strstr(dot, "    hub [") == NULL);
    free(dot);
}
END_TEST

/* The hub: one node in the first department's island, one double-headed
 * edge per department. */
START_TEST(test_dot_hub) {
    fixture_t fx;
    fx_init(&fx, true);
    char *dot = written(out_graph_write_dot, &fx.g);
    CHECK(strstr(dot, "hub [label=\"Data hub\\napi 10 min\"") != NULL);
    CHECK_EQ(count_substr(dot, "-> hub [dir=both"), 4);
    CHECK(strstr(dot, "hub -> d") == NULL);
    free(dot);
}
END_TEST

START_TEST(test_graphml_output) {
    fixture_t fx;
    fx_init(&fx, true);
    fx.node[2].name = "R&D <Bureau>";
    char *xml = written(out_graph_write_graphml, &fx.g);
    CHECK(strstr(xml, "<data key=\"v_name\">R&amp;D &lt;Bureau&gt;</data>") != NULL);
    CHECK(strstr(xml, "R&D") == NULL);
    CHECK(strstr(xml, "<Bureau>") == NULL);
    CHECK(strstr(xml, "<edge id=\"e1\" source=\"n1\" target=\"n2\">\n"
                      "      <data key=\"e_mode\">manual</data>\n"
                      "      <data key=\"e_delay\">2880</data>") != NULL);
    CHECK(strstr(xml, "<data key=\"v_id\">hub</data>") != NULL);
    CHECK(strstr(xml, "<data key=\"v_betweenness\">9.5</data>\n"
                      "      <data key=\"v_hub\">true</data>") != NULL);
    CHECK_EQ(count_substr(xml, "<data key=\"v_hub\">false</data>"), 4);
    CHECK(strstr(xml, "<edge id=\"e9\"") != NULL);
    CHECK(strstr(xml, "<edge id=\"e10\"") == NULL);
    CHECK(strstr(xml, "</graphml>\n") != NULL);
    free(xml);
}
END_TEST

/* The citizen's fetches are no edges of the graph. */
START_TEST(test_graphml_no_fetches) {
    fixture_t fx;
    fx_init(&fx, false);
    char *xml = written(out_graph_write_graphml, &fx.g);
    CHECK_EQ(count_substr(xml, "<edge id="), 2);
    free(xml);
}
END_TEST

/* --------------------------------------------------------------- picture */

/* Placed: inside [-1, 1], and the nodes apart (labels of "Bureau X" are
 * wider than the square's side once it is scaled to the picture). */
START_TEST(test_place_fits_and_spreads) {
    fixture_t fx;
    fx_init(&fx, true);
    CHECK(out_graph_place(&fx.g) == 0);
    for (size_t i = 0; i < 5; i++) {
        CHECK(fabs(fx.xy[2 * i]) <= 1.0 + 1e-9);
        CHECK(fabs(fx.xy[2 * i + 1]) <= 1.0 + 1e-9);
        for (size_t j = i + 1; j < 5; j++)
            CHECK(hypot(fx.xy[2 * i] - fx.xy[2 * j], fx.xy[2 * i + 1] - fx.xy[2 * j + 1]) > 0.2);
    }
    double again[10];
    memcpy(again, fx.xy, sizeof again);
    fx_init(&fx, true);
    CHECK(out_graph_place(&fx.g) == 0);
    for (size_t i = 0; i < 10; i++) CHECK_EQ_D(fx.xy[i], again[i]);
}
END_TEST

START_TEST(test_plot_files) {
    fixture_t fx;
    fx_init(&fx, false);
    fx.g.title = "Q\"uote\\d `rm -rf` x_{2}";
    fx.node[3].id = "d \"x\"";
    CHECK(out_graph_place(&fx.g) == 0);
    char *data = written(out_graph_write_plot_data, &fx.g);
    char *script = written(write_script, &fx.g);
    /* Blocks: vertices, api, manual, fetch (no hub): 3 separators. */
    CHECK_EQ(count_substr(data, "\n\n\n#"), 3);
    CHECK(strstr(data, " d__x_\n") != NULL); /* no quotes in a data file */
    CHECK(strstr(script, "index 1 using 1:2:3:4 with vectors arrowstyle 1") != NULL);
    CHECK(strstr(script, "index 2 using 1:2:3:4 with vectors arrowstyle 2") != NULL);
    CHECK(strstr(script, "index 3 using 1:2:3:4 with vectors arrowstyle 4") != NULL);
    CHECK(strstr(script, "arrowstyle 3") == NULL); /* no hub, no hub entry */
    CHECK(strstr(script, "set label 1 \"Q\\\"uote\\\\d \\140rm -rf\\140 x_{2}\"") != NULL);
    CHECK(strstr(script, "noenhanced") != NULL);
    CHECK(strstr(script,
                 "2 information islands (groups with no data link between them); 90 data "
                 "requests per day: 11% api, 44% manual, 44% fetched by the citizen") != NULL);
    CHECK_EQ(count_substr(script, "\"Bureau "), 4);
    free(data);
    free(script);
}
END_TEST

/* Labels are wrapped by display width, the one rule of text_char_width:
 * CJK counts 2 columns, and may break anywhere; every other character 1,
 * so a word of 12 euro signs (3 bytes each, narrow) fits a line of 18
 * columns whole, where 12 ideographs (24 columns) take two lines. */
START_TEST(test_labels_wrap_by_display_width) {
    fixture_t fx;
    fx_init(&fx, false);
    char euros[64] = "", han[64] = "";
    for (int i = 0; i < 12; i++) {
        strcat(euros, "\xe2\x82\xac");                        /* U+20AC, narrow */
        strcat(han, i % 2 ? "\xe5\xb7\x9e" : "\xe5\xbe\x90"); /* 徐州 */
    }
    fx.node[0].name = euros;
    fx.node[1].name = han;
    CHECK(out_graph_place(&fx.g) == 0);
    char *script = written(write_script, &fx.g);
    char want[128];
    snprintf(want, sizeof want, "set label 3 \"%s\" at", euros);
    CHECK(strstr(script, want) != NULL);
    /* 9 ideographs (18 columns), then the other 3 */
    snprintf(want, sizeof want, "set label 4 \"%.27s\\n%s\" at", han, han + 27);
    CHECK(strstr(script, want) != NULL);
    free(script);
}
END_TEST

/* Above OUT_GRAPH_NAMES_MAX nodes the picture names none and says where
 * the names are. */
START_TEST(test_plot_too_many_names) {
    size_t nn = OUT_GRAPH_NAMES_MAX + 1;
    out_graph_node_t *nodes = calloc(nn, sizeof *nodes);
    double *xy = calloc(2 * nn, sizeof *xy);
    ck_assert(nodes != NULL && xy != NULL);
    for (size_t v = 0; v < nn; v++) {
        nodes[v] = (out_graph_node_t){"x", "Bureau X", "City", 0, 0.0};
        xy[2 * v] = (double)v;
    }
    out_graph_t g = {
        .id = "big", .title = "Big", .n_nodes = nn, .nodes = nodes, .n_islands = 1, .xy = xy};
    CHECK(out_graph_place(&g) == 0);
    char *script = written(write_script, &g);
    CHECK(strstr(script, "301 departments: too many to name here") != NULL);
    CHECK(strstr(script, "Bureau X") == NULL);
    free(script);
    free(nodes);
    free(xy);
}
END_TEST

static void write_to(const char *dir, const char *name, writer_fn write, const out_graph_t *g) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    CHECK(write(f, g) == 0);
    CHECK(fclose(f) == 0);
}

/* The whole picture through gnuplot, with names that need escaping;
 * GOVSIM_TEST_KEEP_PNG=DIR keeps the files in DIR (to look at). */
START_TEST(test_picture) {
    fixture_t fx;
    fx_init(&fx, true);
    fx.node[0].name = "Market Supervision Administration Bureau";
    fx.node[1].name = "Tax \"Service\" & Co_{1}";
    fx.node[2].name = "\xe5\xbe\x90\xe5\xb7\x9e\xe5\xb8\x82\xe5\x85\xac\xe5\xae\x89"
                      "\xe5\xb1\x80"; /* 徐州市公安局 */
    char dir[64], err[512] = "", path[600];
    const char *keep = getenv("GOVSIM_TEST_KEEP_PNG");
    if (keep) snprintf(dir, sizeof dir, "%s", keep);
    else make_tmpdir(dir, sizeof dir);
    CHECK(out_graph_place(&fx.g) == 0);
    write_to(dir, "network.dat", out_graph_write_plot_data, &fx.g);
    write_to(dir, "network.gp", write_script, &fx.g);
    if (out_gnuplot_run(dir, "network.gp", err, sizeof err) != 0) ck_abort_msg("gnuplot: %s", err);
    snprintf(path, sizeof path, "%s/network.png", dir);
    CHECK(file_is_png(path));
    if (!keep) remove_tree(dir);
}
END_TEST

extern Suite *suite_out_graph(void);
Suite *suite_out_graph(void) {
    Suite *s = suite_create("out_graph");
    TCase *esc = tcase_create("escaping");
    tcase_add_test(esc, test_dot_string);
    tcase_add_test(esc, test_xml_text);
    suite_add_tcase(s, esc);
    TCase *writers = tcase_create("writers");
    tcase_add_test(writers, test_dot_output);
    tcase_add_test(writers, test_dot_hub);
    tcase_add_test(writers, test_graphml_output);
    tcase_add_test(writers, test_graphml_no_fetches);
    suite_add_tcase(s, writers);
    TCase *picture = tcase_create("picture");
    tcase_set_timeout(picture, 30);
    tcase_add_test(picture, test_place_fits_and_spreads);
    tcase_add_test(picture, test_plot_files);
    tcase_add_test(picture, test_plot_too_many_names);
    tcase_add_test(picture, test_labels_wrap_by_display_width);
    tcase_add_test(picture, test_picture);
    suite_add_tcase(s, picture);
    return s;
}
