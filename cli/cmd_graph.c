/*
 * govsim graph SCENARIO [-o DIR] - the department data network.
 *
 * Loads the scenario, builds its network (models/net.h) and prints on
 * stdout: one row per department (region, island, betweenness, links in
 * and out), the islands, the data requests between departments (per pair,
 * then per working day by mode, the shares manual and none) and the mean
 * data delay.  Into DIR (default results/<scenario id>-graph/) it writes
 * network.dot, network.graphml, network.dat, network.gp and network.png,
 * the picture drawn by gnuplot.  Each file is written under a temporary
 * name and renamed into place (output/out_file.h), the PNG too: gnuplot
 * renders to the temporary name, which is then committed.
 *
 * Exit codes: 2 for a bad command line, a scenario that does not load or
 * an output folder that cannot be made; 1 when writing or gnuplot fails
 * (the files already written stay).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lang.h"
#include "graph_cities.h"
#include "i18n.h"
#include "dist.h"
#include "gnuplot.h"
#include "net.h"
#include "text.h"
#include "text_human.h"
#include "out_file.h"
#include "out_graph.h"
#include "out_table.h"
#include "scn.h"

#define CMD     "graph"
#define ERR_LEN 1024

typedef struct graph_options {
    const char *scenario;
    const char *out_dir; /* NULL: results/<id>-graph */
    bool quiet;          /* --quiet: only errors and the paths written */
} graph_options_t;

/* Returns 0, 1 after printing help, -1 after a usage error. */
static int parse_options(int argc, char **argv, graph_options_t *o) {
    cli_args_t a = {0};
    int rc = cli_args_parse(cli_command_find(CMD), argc, argv, &a);
    if (rc != 0) return rc;
    o->scenario = a.positional[0];
    o->out_dir = a.out_dir;
    o->quiet = a.given[CLI_OPT_QUIET];
    return 0;
}

/* ------------------------------------------------------------- printing */

static int department_table(const net_t *n, const net_report_t *r, const scn_t *s) {
    out_table_t t;
    out_table_init(&t);
    static const char *const titles[] = {N_("department"),  N_("region"),   N_("island"),
                                         N_("betweenness"), N_("links in"), N_("links out")};
    int rc = 0;
    for (size_t c = 0; c < 6 && rc == 0; c++)
        rc = out_table_add_column(&t, _(titles[c]), c < 2 ? OUT_ALIGN_LEFT : OUT_ALIGN_RIGHT,
                                  c == 0   ? 40
                                  : c == 1 ? 24
                                           : 0);
    for (size_t d = 0; d < n->n_departments && rc == 0; d++) {
        char island[24], btw[32], in[24], out[24];
        snprintf(island, sizeof island, "%d", r->island[d] + 1);
        snprintf(btw, sizeof btw, "%.2f", r->betweenness[d]);
        snprintf(in, sizeof in, "%d", r->links_in[d]);
        snprintf(out, sizeof out, "%d", r->links_out[d]);
        const char *row[] = {s->departments[d].name,
                             s->regions[s->departments[d].region].name,
                             island,
                             btw,
                             in,
                             out};
        rc = out_table_add_row(&t, row);
    }
    if (rc == 0 && n->hub) {
        char island[24], btw[32];
        snprintf(island, sizeof island, "%d", r->island[0] + 1);
        snprintf(btw, sizeof btw, "%.2f", r->hub_betweenness);
        const char *row[] = {_("(data hub)"), "", island, btw, "", ""};
        rc = out_table_add_row(&t, row);
    }
    if (rc == 0) out_table_print(&t, stdout);
    out_table_free(&t);
    return rc;
}

/* The islands: groups of departments with data links among them and none
 * to the rest; one island is a fully connected network, so say so. */
static void print_islands(const net_report_t *r, const scn_t *s) {
    putchar('\n');
    if (r->n_islands == 1)
        printf("%s\n", s->levers.data_hub
                           ? _("No information islands: every department is linked by data "
                               "(manual or api links, or through the data hub):")
                           : _("No information islands: every department is linked by data "
                               "(manual or api links):"));
    else
        printf(s->levers.data_hub
                   ? _("%zu information islands (groups of departments linked by manual or api "
                       "data links, or through the data hub, with no link between groups):\n")
                   : _("%zu information islands (groups of departments linked by manual or api "
                       "data links, with no link between groups):\n"),
               r->n_islands);
    for (size_t c = 0; c < r->n_islands; c++) {
        printf("  %zu: ", c + 1);
        const char *sep = "";
        for (size_t d = 0; d < r->n_departments; d++) {
            if ((size_t)r->island[d] != c) continue;
            fputs(sep, stdout);
            text_term_puts(stdout, s->departments[d].name);
            sep = ", ";
        }
        putchar('\n');
    }
}

/* How a need's data travels, for people (the ids api, manual, none are
 * the scenario's words; these are translated). */
static const char *mode_label(const net_need_t *need) {
    if (need->via_hub) return _("api (hub)");
    switch (need->mode) {
    case SCN_LINK_API:
        return _("api");
    case SCN_LINK_MANUAL:
        return _("manual");
    default:
        return _("none (trip)");
    }
}

static int needs_table(const net_report_t *r, const scn_t *s) {
    if (r->n_needs == 0) return 0;
    out_table_t t;
    out_table_init(&t);
    static const char *const titles[] = {N_("needed by"), N_("data of"), N_("per day"), N_("mode"),
                                         N_("delay (min)")};
    int rc = 0;
    for (size_t c = 0; c < 5 && rc == 0; c++)
        rc = out_table_add_column(
            &t, _(titles[c]), c < 2 || c == 3 ? OUT_ALIGN_LEFT : OUT_ALIGN_RIGHT, c < 2 ? 32 : 0);
    for (size_t i = 0; i < r->n_needs && rc == 0; i++) {
        const net_need_t *need = &r->needs[i];
        char per_day[32], mode[32], delay[32] = "";
        text_human_value(per_day, sizeof per_day, need->per_day, false);
        snprintf(mode, sizeof mode, "%s", mode_label(need));
        if (need->mode != SCN_LINK_NONE)
            text_human_value(delay, sizeof delay, need->delay_mean, false);
        const char *row[] = {s->departments[need->user].name, s->departments[need->owner].name,
                             per_day, mode, delay};
        rc = out_table_add_row(&t, row);
    }
    if (rc == 0) {
        printf("\n%s\n", _("Data requests between departments (per working day):"));
        out_table_print(&t, stdout);
    }
    out_table_free(&t);
    return rc;
}

static void print_summary(const net_report_t *r, const scn_t *s) {
    char total[32], api[32], manual[32], none[32], delay[32];
    text_human_value(total, sizeof total, r->requests_total, false);
    text_human_value(api, sizeof api, r->requests_per_day[SCN_LINK_API], false);
    text_human_value(manual, sizeof manual, r->requests_per_day[SCN_LINK_MANUAL], false);
    text_human_value(none, sizeof none, r->requests_per_day[SCN_LINK_NONE], false);
    printf(_("\nData requests per working day: %s (api %s, manual %s, none %s)\n"), total, api,
           manual, none);
    if (r->requests_total > 0.0)
        printf(_("Share manual: %.1f%%; share none (the citizen fetches the data: "
                 "an extra trip): %.1f%%\n"),
               100.0 * r->share_manual, 100.0 * r->share_none);
    if (isnan(r->mean_delay)) {
        printf("%s\n", _("Mean data delay: n/a (no api or manual requests)"));
        return;
    }
    text_human_value(delay, sizeof delay, r->mean_delay, false);
    printf(_("Mean data delay (api and manual requests): %s min = %.3g "
             "calendar days = %.3g working days\n"),
           delay, r->mean_delay / 1440.0, net_working_days(s, r->mean_delay));
}

/* -------------------------------------------------------------- drawing */

/* The drawing the writers get (output/out_graph.h): the scenario's names,
 * the report's figures, the graph's edges and the citizen's fetches. */
typedef struct drawing {
    out_graph_t g;
    out_graph_node_t *nodes;
    out_graph_edge_t *edges;
} drawing_t;

/* Free what d holds and forget it, so a second call is harmless (a failed
 * drawing_make frees, then cmd_graph's cleanup frees again). */
static void drawing_free(drawing_t *d) {
    free(d->nodes);
    free(d->edges);
    d->nodes = NULL;
    d->edges = NULL;
}

static void fill_nodes(out_graph_node_t *nodes, const net_t *n, const net_report_t *r,
                       const scn_t *s) {
    for (size_t v = 0; v < n->n_departments; v++) {
        const scn_department_t *dep = &s->departments[v];
        nodes[v] = (out_graph_node_t){dep->id, dep->name, s->regions[dep->region].name,
                                      r->island[v], r->betweenness[v]};
    }
    if (n->hub)
        nodes[n->n_departments] =
            (out_graph_node_t){"hub", _("Data hub"), "", r->island[0], r->hub_betweenness};
}

/* The graph's edges in its order, then one fetch per need of mode none. */
static size_t fill_edges(out_graph_edge_t *edges, const net_t *n, const net_report_t *r) {
    size_t k = 0;
    for (size_t e = 0; e < n->n_edges; e++, k++) {
        net_edge_ends(n, e, &edges[k].from, &edges[k].to);
        edges[k].kind = n->kind[e] == NET_EDGE_API      ? OUT_GRAPH_API
                        : n->kind[e] == NET_EDGE_MANUAL ? OUT_GRAPH_MANUAL
                                                        : OUT_GRAPH_HUB;
        edges[k].value = VECTOR(n->weight)[e];
    }
    for (size_t i = 0; i < r->n_needs; i++) {
        const net_need_t *need = &r->needs[i];
        if (need->mode != SCN_LINK_NONE) continue;
        edges[k++] = (out_graph_edge_t){(size_t)need->owner, (size_t)need->user, OUT_GRAPH_FETCH,
                                        need->per_day};
    }
    return k;
}

/* Returns 0, or -1 when out of memory. */
static int drawing_make(drawing_t *d, const net_t *n, const net_report_t *r, const scn_t *s,
                        double *xy) {
    d->nodes = malloc(n->n_vertices * sizeof *d->nodes);
    d->edges = malloc((n->n_edges + r->n_needs + 1) * sizeof *d->edges);
    if (d->nodes == NULL || d->edges == NULL) {
        drawing_free(d);
        return -1;
    }
    fill_nodes(d->nodes, n, r, s);
    d->g = (out_graph_t){
        .id = s->id,
        .title = s->name,
        .n_nodes = n->n_vertices,
        .nodes = d->nodes,
        .hub = n->hub,
        .hub_delay = n->hub ? dist_mean(&s->levers.hub_delay) : 0.0,
        .n_edges = fill_edges(d->edges, n, r),
        .edges = d->edges,
        .n_islands = r->n_islands,
        .requests_total = r->requests_total,
        .requests_api = r->requests_per_day[SCN_LINK_API],
        .share_manual = r->share_manual,
        .share_none = r->share_none,
        .xy = xy,
    };
    return 0;
}

/* ---------------------------------------------------------------- files */

typedef struct graph_job {
    const out_graph_t *g;
    const char *dir;
} graph_job_t;

typedef int (*file_writer_fn)(FILE *f, const graph_job_t *job);

static int write_dot(FILE *f, const graph_job_t *j) { return out_graph_write_dot(f, j->g); }
static int write_graphml(FILE *f, const graph_job_t *j) { return out_graph_write_graphml(f, j->g); }
static int write_data(FILE *f, const graph_job_t *j) { return out_graph_write_plot_data(f, j->g); }
static int write_script(FILE *f, const graph_job_t *j) {
    return out_graph_write_plot_script(f, j->g, "network.dat", "network.png");
}

/* DIR/name, whole or not at all. */
static int write_file(const graph_job_t *job, const char *name, file_writer_fn write, char *err,
                      size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, job->dir, name, err, errlen);
    if (fp == NULL) return -1;
    if (write(fp, job) != 0) {
        snprintf(err, errlen, "writing %s/%s failed", job->dir, name);
        out_file_abort(&f);
        return -1;
    }
    return out_file_commit(&f, err, errlen);
}

/* gnuplot renders into the temporary file out_file_open made, which is
 * then committed (renamed) like any other output. */
static int render_png(const graph_job_t *job, char *err, size_t errlen) {
    out_file_t f;
    if (out_file_open(&f, job->dir, "network.png", err, errlen) == NULL) return -1;
    const char *slash = strrchr(f.tmp_path, '/');
    const char *tmp_name = slash ? slash + 1 : f.tmp_path;
    if (out_gnuplot_run_to(job->dir, "network.gp", tmp_name, err, errlen) != 0) {
        out_file_abort(&f);
        return -1;
    }
    return out_file_commit(&f, err, errlen);
}

static int write_outputs(const graph_job_t *job, char *err, size_t errlen) {
    static const struct {
        const char *name;
        file_writer_fn write;
    } files[] = {{"network.dot", write_dot},
                 {"network.graphml", write_graphml},
                 {"network.dat", write_data},
                 {"network.gp", write_script}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (write_file(job, files[i].name, files[i].write, err, errlen) != 0) return -1;
    return render_png(job, err, errlen);
}

/* ------------------------------------------------------------- command */

/* The output folder exists (made if need be) and we may write in it. */
static int usable_dir(const char *dir, char *err, size_t errlen) {
    if (out_mkdir_p(dir, err, errlen) != 0) return -1;
    if (access(dir, W_OK | X_OK) != 0) {
        snprintf(err, errlen, "cannot write there: %s", strerror(errno));
        return -1;
    }
    /* a killed run's temporary files (all its files are rewritten) */
    static const char *const kinds[] = {"network.*", NULL};
    return out_file_remove_stale(dir, kinds, err, errlen) < 0 ? -1 : 0;
}

/* --quiet: every file written, one path a line (as run, compare, sweep and
 * plan do): the network's, then, with several cities, the cities' (those
 * graph_cities_write left in dir). */
static void print_paths(const scn_t *s, const char *dir) {
    static const char *const OWN[] = {"network.dot", "network.graphml", "network.dat", "network.gp",
                                      "network.png"};
    for (size_t i = 0; i < sizeof OWN / sizeof *OWN; i++) cli_print_path(dir, OWN[i]);
    if (s->n_regions <= 1) return;
    static const char *const EXTS[] = {"dat", "gp", "png"};
    char name[SCN_ID_MAX + 32], path[SCN_TEXT_MAX + 2 * SCN_ID_MAX + 64];
    for (size_t r = 0; r <= s->n_regions; r++)
        for (size_t e = 0; e < sizeof EXTS / sizeof *EXTS; e++) {
            if (r < s->n_regions)
                snprintf(name, sizeof name, "network_%s.%s", s->regions[r].id, EXTS[e]);
            else snprintf(name, sizeof name, "network_cities.%s", EXTS[e]);
            snprintf(path, sizeof path, "%s/%s", dir, name);
            if (access(path, F_OK) == 0) cli_print_path(dir, name);
        }
    cli_print_path(dir, "index.html");
}

/* Print and write everything for a loaded scenario; returns the exit code. */
static int graph_scenario(const scn_t *s, const char *dir, bool quiet) {
    char err[ERR_LEN];
    net_t n;
    net_report_t r;
    if (net_build(&n, s, err, sizeof err) != 0) {
        fprintf(stderr, "govsim " CMD ": %s\n", err);
        return CLI_FAILURE;
    }
    if (net_analyse(&r, &n, s, err, sizeof err) != 0) {
        fprintf(stderr, "govsim " CMD ": %s\n", err);
        net_free(&n);
        return CLI_FAILURE;
    }
    int rc = CLI_OK;
    drawing_t d = {0};
    double *xy = malloc(2 * n.n_vertices * sizeof *xy);
    if (xy == NULL) {
        snprintf(err, sizeof err, "out of memory");
        rc = CLI_FAILURE;
    } else if (net_layout(&n, xy, err, sizeof err) != 0) {
        rc = CLI_FAILURE;
    } else if (drawing_make(&d, &n, &r, s, xy) != 0 || out_graph_place(&d.g) != 0) {
        snprintf(err, sizeof err, "network: out of memory");
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK && !quiet) {
        /* TRANSLATORS: %s is the scenario's name, e.g. "Xuzhou, 2021 baseline". */
        char title[600];
        snprintf(title, sizeof title, _("Department data network of %s"), s->name);
        text_term_puts(stdout, title);
        printf(" (%s)\n\n", s->id);
        if (department_table(&n, &r, s) != 0 || needs_table(&r, s) != 0) {
            snprintf(err, sizeof err, "out of memory");
            rc = CLI_FAILURE;
        }
    }
    if (rc == CLI_OK) {
        if (!quiet) {
            print_islands(&r, s);
            print_summary(&r, s);
        }
        fflush(stdout);
        graph_job_t job = {&d.g, dir};
        if (write_outputs(&job, err, sizeof err) != 0 ||
            graph_cities_write(&d.g, s, dir, err, sizeof err) != 0)
            rc = CLI_FAILURE;
        else if (quiet) print_paths(s, dir);
        else
            printf(_("\nWrote network.dot, network.graphml, network.dat, "
                     "network.gp, network.png%s in %s/\n"),
                   s->n_regions > 1 ? _(", a picture per city (network_CITY.png), "
                                        "network_cities.png and index.html")
                                    : "",
                   dir);
    }
    if (rc != CLI_OK) fprintf(stderr, "govsim " CMD ": %s\n", err);
    drawing_free(&d);
    free(xy);
    net_report_free(&r);
    net_free(&n);
    return rc;
}

int cmd_graph(int argc, char **argv) {
    graph_options_t o;
    int parsed = parse_options(argc, argv, &o);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    scn_t s;
    char err[ERR_LEN];
    int loaded = scn_load(&s, o.scenario, err, sizeof err);
    if (loaded == 0) cli_lang_scn(&s);
    if (loaded != 0) {
        fprintf(stderr, "govsim " CMD ": %s\n", err);
        scn_free(&s);
        return CLI_USAGE;
    }
    for (size_t i = 0; i < s.n_warnings; i++)
        fprintf(stderr, "govsim " CMD ": warning: %s\n", s.warnings[i]);
    char dir[SCN_TEXT_MAX + SCN_ID_MAX + 32];
    if (o.out_dir != NULL && strlen(o.out_dir) >= sizeof dir) {
        fprintf(stderr, "govsim " CMD ": -o: path too long\n");
        scn_free(&s);
        return CLI_USAGE;
    }
    snprintf(dir, sizeof dir, o.out_dir ? "%s" : "results/%s-graph", o.out_dir ? o.out_dir : s.id);
    if (usable_dir(dir, err, sizeof err) != 0) {
        fprintf(stderr, "govsim " CMD ": -o %s: %s\n", dir, err);
        scn_free(&s);
        return CLI_USAGE;
    }
    int rc = graph_scenario(&s, dir, o.quiet);
    scn_free(&s);
    return rc;
}
