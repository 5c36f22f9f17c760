/*
 * test_net.c - the department network's analysis (models/net.h) and the
 * gnuplot runner (output/gnuplot.h), on scenarios filled in by hand (no
 * loader).  Its files (DOT, GraphML, picture) are tested in
 * test_out_graph.c.
 *
 * The base fixture has four departments A, B, C, D (one region, office
 * hours 08:30-12:00 and 14:00-17:30, Monday to Friday) and
 * two links: A -> B api const(5) and B -> C manual lognormal(2880, 0.5);
 * D stands alone.  Expected values are worked out by hand in each test.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "tmpdir.h"
#include "dist.h"
#include "gnuplot.h"
#include "net.h"
#include "text.h"
#include "scn.h"
#include "wcal.h"

enum { A, B, C, D };

#define MAX_DEPTS    8
#define MAX_LINKS    8
#define MAX_SERVICES 4
#define MAX_STEPS    6

/* A hand-built scenario: scn_t plus the storage it points into. */
typedef struct fixture {
    scn_t s;
    scn_region_t region;
    scn_department_t dept[MAX_DEPTS];
    scn_data_item_t item[MAX_DEPTS]; /* item i is owned by dept i */
    scn_link_t link[MAX_LINKS];
    scn_service_t service[MAX_SERVICES];
    scn_step_t step[MAX_SERVICES][MAX_STEPS];
    double share[MAX_SERVICES];
} fixture_t;

static void parse_dist(dist_t *d, const char *text) {
    char err[256];
    if (dist_parse(d, text, NULL, err, sizeof err) != 0)
        ck_abort_msg("dist_parse(%s): %s", text, err);
}

static void fx_init(fixture_t *fx, size_t n_depts) {
    memset(fx, 0, sizeof *fx);
    scn_t *s = &fx->s;
    snprintf(s->id, sizeof s->id, "fixture");
    snprintf(s->name, sizeof s->name, "Fixture city");
    const char *hours[] = {"08:30-12:00", "14:00-17:30"};
    const int workdays[] = {1, 2, 3, 4, 5};
    char err[256];
    if (wcal_init(&s->calendar, hours, 2, workdays, 5, err, sizeof err) != 0)
        ck_abort_msg("wcal_init: %s", err);
    snprintf(fx->region.id, sizeof fx->region.id, "city");
    snprintf(fx->region.name, sizeof fx->region.name, "City");
    s->n_regions = 1;
    s->regions = &fx->region;
    for (size_t d = 0; d < n_depts; d++) {
        snprintf(fx->dept[d].id, sizeof fx->dept[d].id, "%c", (char)('a' + d));
        snprintf(fx->dept[d].name, sizeof fx->dept[d].name, "Bureau %c", (char)('A' + d));
        snprintf(fx->item[d].id, sizeof fx->item[d].id, "%c_data", (char)('a' + d));
        fx->item[d].owner = (int)d;
    }
    s->n_departments = n_depts;
    s->departments = fx->dept;
    s->n_items = n_depts;
    s->items = fx->item;
    s->links = fx->link;
    s->services = fx->service;
    parse_dist(&s->levers.hub_delay, "exp(10)");
}

static void fx_link(fixture_t *fx, int from, int to, scn_link_mode_t mode, const char *delay) {
    ck_assert(fx->s.n_links < MAX_LINKS);
    scn_link_t *l = &fx->link[fx->s.n_links++];
    l->from = from;
    l->to = to;
    l->mode = mode;
    if (delay) parse_dist(&l->delay, delay);
}

static scn_service_t *fx_service(fixture_t *fx, double per_day) {
    ck_assert(fx->s.n_services < MAX_SERVICES);
    size_t v = fx->s.n_services++;
    scn_service_t *svc = &fx->service[v];
    snprintf(svc->id, sizeof svc->id, "svc%zu", v);
    snprintf(svc->name, sizeof svc->name, "Service %zu", v);
    svc->per_day = per_day;
    fx->share[v] = 1.0;
    svc->region_share = &fx->share[v];
    svc->limit_days = 5;
    svc->steps = fx->step[v];
    return svc;
}

/* A back-office step at `dept` needing the data of `owner` (-1: none). */
static void fx_step(scn_service_t *svc, int dept, int owner) {
    ck_assert(svc->n_steps < MAX_STEPS);
    scn_step_t *st = &svc->steps[svc->n_steps];
    snprintf(st->id, sizeof st->id, "step%zu", svc->n_steps);
    svc->n_steps++;
    st->dept = dept;
    st->visits = 1.0;
    parse_dist(&st->work, "exp(10)");
    if (owner >= 0) st->needs[st->n_needs++] = owner;
}

static void fx_free(fixture_t *fx) {
    for (size_t i = 0; i < fx->s.n_links; i++) dist_free(&fx->link[i].delay);
    for (size_t v = 0; v < fx->s.n_services; v++)
        for (size_t k = 0; k < fx->service[v].n_steps; k++) dist_free(&fx->step[v][k].work);
    dist_free(&fx->s.levers.hub_delay);
    wcal_free(&fx->s.calendar);
}

/* The base fixture: A -> B api, B -> C manual, D alone. */
static void fx_base(fixture_t *fx) {
    fx_init(fx, 4);
    fx_link(fx, A, B, SCN_LINK_API, "const(5)");
    fx_link(fx, B, C, SCN_LINK_MANUAL, "lognormal(2880, 0.5)");
}

/* Build and analyse, failing the test on error. */
static void analyse(const fixture_t *fx, net_t *n, net_report_t *r) {
    char err[256] = "";
    if (net_build(n, &fx->s, err, sizeof err) != 0) ck_abort_msg("net_build: %s", err);
    if (net_analyse(r, n, &fx->s, err, sizeof err) != 0) ck_abort_msg("net_analyse: %s", err);
}

/* ---------------------------------------------------------------- graph */

START_TEST(test_graph_edges) {
    fixture_t fx;
    fx_base(&fx);
    fx_link(&fx, C, D, SCN_LINK_NONE, NULL); /* none: no edge */
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(n.n_vertices, 4);
    CHECK_EQ(n.n_edges, 2);
    CHECK(!n.hub);
    CHECK_EQ(igraph_vcount(&n.graph), 4);
    CHECK_EQ(igraph_ecount(&n.graph), 2);
    CHECK(igraph_is_directed(&n.graph));
    igraph_integer_t from, to;
    igraph_edge(&n.graph, 0, &from, &to);
    CHECK_EQ(from, A);
    CHECK_EQ(to, B);
    CHECK(n.kind[0] == NET_EDGE_API);
    CHECK_EQ_D(VECTOR(n.weight)[0], 5.0);
    igraph_edge(&n.graph, 1, &from, &to);
    CHECK_EQ(from, B);
    CHECK_EQ(to, C);
    CHECK(n.kind[1] == NET_EDGE_MANUAL);
    CHECK_APPROX(VECTOR(n.weight)[1], 2880.0);
    const int in[] = {0, 1, 1, 0}, out[] = {1, 1, 0, 0};
    for (int d = 0; d < 4; d++) {
        CHECK_EQ(r.links_in[d], in[d]);
        CHECK_EQ(r.links_out[d], out[d]);
    }
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_islands) {
    fixture_t fx;
    fx_base(&fx);
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_islands, 2);
    CHECK_EQ(r.island[A], 0);
    CHECK_EQ(r.island[B], 0);
    CHECK_EQ(r.island[C], 0);
    CHECK_EQ(r.island[D], 1);
    net_report_free(&r);
    net_free(&n);

    /* Islands are weak components: C -> D joins D whatever the direction. */
    fx_link(&fx, D, C, SCN_LINK_MANUAL, "const(100)");
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_islands, 1);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_islands_numbered_by_first_department) {
    fixture_t fx;
    fx_init(&fx, 5); /* C - E linked; A, B, D alone */
    fx_link(&fx, 4, C, SCN_LINK_API, "const(1)");
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_islands, 4);
    const int want[] = {0, 1, 2, 3, 2};
    for (int d = 0; d < 5; d++) CHECK_EQ(r.island[d], want[d]);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_betweenness_path) {
    fixture_t fx;
    fx_base(&fx);
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    /* A -> B -> C: B lies on the only shortest path A to C. */
    CHECK_EQ_D(r.betweenness[A], 0.0);
    CHECK_EQ_D(r.betweenness[B], 1.0);
    CHECK_EQ_D(r.betweenness[C], 0.0);
    CHECK_EQ_D(r.betweenness[D], 0.0);
    CHECK_EQ_D(r.hub_betweenness, 0.0);
    net_report_free(&r);
    net_free(&n);

    /* A direct A -> C (however slow: hop count) bypasses B. */
    fx_link(&fx, A, C, SCN_LINK_MANUAL, "const(99999)");
    analyse(&fx, &n, &r);
    CHECK_EQ_D(r.betweenness[B], 0.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_betweenness_directed) {
    /* A -> B <- C: undirected, B would be between A and C (1); directed,
     * no path runs through B. */
    fixture_t fx;
    fx_init(&fx, 3);
    fx_link(&fx, A, B, SCN_LINK_API, "const(5)");
    fx_link(&fx, C, B, SCN_LINK_API, "const(5)");
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ_D(r.betweenness[B], 0.0);
    CHECK_EQ(r.n_islands, 1);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_hub_joins_islands) {
    fixture_t fx;
    fx_base(&fx);
    fx.s.levers.data_hub = true;
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK(n.hub);
    CHECK_EQ(n.n_vertices, 5);
    CHECK_EQ(n.n_edges, 2 + 2 * 4);
    CHECK_EQ(r.n_islands, 1);
    for (int d = 0; d < 4; d++) CHECK_EQ(r.island[d], 0);
    /* Hub edges weigh the hub's mean delay and are not counted as links. */
    for (size_t e = 2; e < n.n_edges; e++) {
        CHECK(n.kind[e] == NET_EDGE_HUB);
        CHECK_EQ_D(VECTOR(n.weight)[e], 10.0);
    }
    CHECK_EQ(r.links_out[A], 1);
    CHECK_EQ(r.links_in[D], 0);
    /* Of the 12 ordered department pairs, A -> B and B -> C are direct;
     * the other 10 go through the hub in 2 hops, and A -> C also through
     * B in 2 hops (half each): hub 9.5, B 0.5. */
    CHECK_APPROX(r.hub_betweenness, 9.5);
    CHECK_APPROX(r.betweenness[B], 0.5);
    CHECK_EQ_D(r.betweenness[A], 0.0);
    CHECK_EQ_D(r.betweenness[D], 0.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_single_department) {
    fixture_t fx;
    fx_init(&fx, 1);
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_islands, 1);
    CHECK_EQ(n.n_edges, 0);
    double xy[2];
    char err[256];
    CHECK(net_layout(&n, xy, err, sizeof err) == 0);
    CHECK_EQ_D(xy[0], 0.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

/* ----------------------------------------------------------- data needs */

/* Service 0 (10/day): B needs A's data (api), C needs B's (manual), C
 * needs A's (no link: none), A needs its own (not a request).  Service 1
 * (30/day): D needs C's (none), C needs B's (manual, merges with service
 * 0's pair), and a step needing nothing. */
static void fx_needs(fixture_t *fx) {
    fx_base(fx);
    scn_service_t *s0 = fx_service(fx, 10.0);
    fx_step(s0, B, A);
    fx_step(s0, C, B);
    fx_step(s0, C, A);
    fx_step(s0, A, A);
    scn_service_t *s1 = fx_service(fx, 30.0);
    fx_step(s1, D, C);
    fx_step(s1, C, B);
    fx_step(s1, B, -1);
}

static void check_need(const net_need_t *need, int user, int owner, double per_day,
                       scn_link_mode_t mode, bool via_hub, double delay) {
    CHECK_EQ(need->user, user);
    CHECK_EQ(need->owner, owner);
    CHECK_EQ_D(need->per_day, per_day);
    CHECK_EQ(need->mode, mode);
    CHECK_EQ(need->via_hub, via_hub);
    CHECK_APPROX(need->delay_mean, delay);
}

START_TEST(test_needs_aggregated) {
    fixture_t fx;
    fx_needs(&fx);
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_needs, 4);
    check_need(&r.needs[0], B, A, 10.0, SCN_LINK_API, false, 5.0);
    check_need(&r.needs[1], C, B, 40.0, SCN_LINK_MANUAL, false, 2880.0);
    check_need(&r.needs[2], C, A, 10.0, SCN_LINK_NONE, false, 0.0);
    check_need(&r.needs[3], D, C, 30.0, SCN_LINK_NONE, false, 0.0);
    CHECK_EQ_D(r.requests_per_day[SCN_LINK_API], 10.0);
    CHECK_EQ_D(r.requests_per_day[SCN_LINK_MANUAL], 40.0);
    CHECK_EQ_D(r.requests_per_day[SCN_LINK_NONE], 40.0);
    CHECK_EQ_D(r.requests_total, 90.0);
    CHECK_APPROX(r.share_manual, 40.0 / 90.0);
    CHECK_APPROX(r.share_none, 40.0 / 90.0);
    /* (10 * 5 + 40 * 2880) / 50: request-weighted, none excluded. */
    CHECK_APPROX(r.mean_delay, 2305.0);
    /* 2305 minutes on the clock: 2305 / 1440 days, 5 of 7 of them worked. */
    CHECK_APPROX(net_working_days(&fx.s, r.mean_delay), 2305.0 / 1440.0 * 5.0 / 7.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_needs_with_hub) {
    fixture_t fx;
    fx_needs(&fx);
    fx.s.levers.data_hub = true; /* hub exp(10): mean 10 minutes */
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_needs, 4);
    /* Every request through the hub, even the one a faster api link
     * (5 minutes) could serve, as the workflow model does. */
    check_need(&r.needs[0], B, A, 10.0, SCN_LINK_API, true, 10.0);
    check_need(&r.needs[1], C, B, 40.0, SCN_LINK_API, true, 10.0);
    check_need(&r.needs[2], C, A, 10.0, SCN_LINK_API, true, 10.0);
    check_need(&r.needs[3], D, C, 30.0, SCN_LINK_API, true, 10.0);
    CHECK_EQ_D(r.requests_per_day[SCN_LINK_API], 90.0);
    CHECK_EQ_D(r.share_manual, 0.0);
    CHECK_EQ_D(r.share_none, 0.0);
    CHECK_APPROX(r.mean_delay, 10.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

/* Requests are per visit: a step that rework brings back 1.5 times per
 * case asks 1.5 times as often; a step no case reaches asks nothing. */
START_TEST(test_needs_weighted_by_visits) {
    fixture_t fx;
    fx_base(&fx);
    scn_service_t *svc = fx_service(&fx, 20.0);
    fx_step(svc, B, A);
    svc->steps[0].visits = 1.5;
    fx_step(svc, C, B);
    svc->steps[1].visits = 0.0;
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_needs, 1);
    check_need(&r.needs[0], B, A, 30.0, SCN_LINK_API, false, 5.0);
    CHECK_EQ_D(r.requests_total, 30.0);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_needs_none) {
    fixture_t fx;
    fx_base(&fx);
    scn_service_t *svc = fx_service(&fx, 7.0);
    fx_step(svc, A, A);
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    CHECK_EQ(r.n_needs, 0);
    CHECK_EQ_D(r.requests_total, 0.0);
    CHECK(isnan(r.share_manual));
    CHECK(isnan(r.share_none));
    CHECK(isnan(r.mean_delay));
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

START_TEST(test_working_days_always_open) {
    fixture_t fx;
    fx_init(&fx, 1);
    wcal_free(&fx.s.calendar);
    wcal_init_always(&fx.s.calendar);
    CHECK_APPROX(net_working_days(&fx.s, 2880.0), 2.0);
    fx_free(&fx);
}
END_TEST

/* --------------------------------------------------------------- layout */

/* The layout is plain numbers: the same graph gives the same positions,
 * and no two vertices share a spot (the picture scales them; see
 * tests/unit/test_out_graph.c). */
START_TEST(test_layout_deterministic_and_spread) {
    fixture_t fx;
    fx_base(&fx);
    fx.s.levers.data_hub = true;
    net_t n;
    net_report_t r;
    analyse(&fx, &n, &r);
    double xy1[10], xy2[10];
    char err[256];
    CHECK(net_layout(&n, xy1, err, sizeof err) == 0);
    CHECK(net_layout(&n, xy2, err, sizeof err) == 0);
    double span = 0.0;
    for (size_t i = 0; i < 10; i++) {
        CHECK_EQ_D(xy1[i], xy2[i]);
        CHECK(isfinite(xy1[i]));
        span = fmax(span, fabs(xy1[i]));
    }
    CHECK(span > 0.0);
    for (size_t i = 0; i < 5; i++)
        for (size_t j = i + 1; j < 5; j++)
            CHECK(hypot(xy1[2 * i] - xy1[2 * j], xy1[2 * i + 1] - xy1[2 * j + 1]) > 0.05 * span);
    net_report_free(&r);
    net_free(&n);
    fx_free(&fx);
}
END_TEST

/* ---------------------------------------------------------------- gnuplot */

static void make_temp_dir(char *dir, size_t len) {
    snprintf(dir, len, "/tmp/govsim-test-net-XXXXXX");
    ck_assert(mkdtemp(dir) != NULL);
}

static void write_file(const char *dir, const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static bool is_png(const char *dir, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return file_is_png(path);
}

START_TEST(test_gnuplot_run) {
    char dir[64], err[512] = "";
    make_temp_dir(dir, sizeof dir);
    write_file(dir, "ok.gp",
               "if (!exists(\"outfile\")) outfile = \"ok.png\"\n"
               "set terminal pngcairo size 200,100\nset output outfile\n"
               "plot x\n");
    CHECK(out_gnuplot_run(dir, "ok.gp", err, sizeof err) == 0);
    CHECK(is_png(dir, "ok.png"));
    CHECK(out_gnuplot_run_to(dir, "ok.gp", "other \"name\".png", err, sizeof err) == 0);
    CHECK(is_png(dir, "other \"name\".png"));
    CHECK(out_gnuplot_run_to(dir, "ok.gp", "bad\nname", err, sizeof err) == -1);

    write_file(dir, "bad.gp", "set terminal pngcairo\nplot no_such_function(x)\n");
    CHECK(out_gnuplot_run(dir, "bad.gp", err, sizeof err) == -1);
    CHECK(strstr(err, "gnuplot failed (exit status") != NULL);
    CHECK(strstr(err, "bad.gp") != NULL); /* gnuplot's own line */

    CHECK(out_gnuplot_run("/nonexistent-govsim", "ok.gp", err, sizeof err) == -1);
    CHECK(strstr(err, "cannot enter /nonexistent-govsim") != NULL);

    remove_file(dir, "ok.gp");
    remove_file(dir, "bad.gp");
    remove_file(dir, "ok.png");
    remove_file(dir, "other \"name\".png");
    CHECK(rmdir(dir) == 0);
}
END_TEST

START_TEST(test_gnuplot_missing) {
    /* PATH without gnuplot: the message says it is not installed. */
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", "/nonexistent-govsim-bin", 1);
    char err[256] = "";
    int rc = out_gnuplot_run("/tmp", "x.gp", err, sizeof err);
    if (saved) setenv("PATH", saved, 1);
    else unsetenv("PATH");
    free(saved);
    CHECK(rc == -1);
    CHECK(strstr(err, "gnuplot is not installed") != NULL);
}
END_TEST

extern Suite *suite_net(void);
Suite *suite_net(void) {
    Suite *s = suite_create("net");
    TCase *graph = tcase_create("graph");
    tcase_add_test(graph, test_graph_edges);
    tcase_add_test(graph, test_islands);
    tcase_add_test(graph, test_islands_numbered_by_first_department);
    tcase_add_test(graph, test_betweenness_path);
    tcase_add_test(graph, test_betweenness_directed);
    tcase_add_test(graph, test_hub_joins_islands);
    tcase_add_test(graph, test_single_department);
    suite_add_tcase(s, graph);
    TCase *needs = tcase_create("needs");
    tcase_add_test(needs, test_needs_aggregated);
    tcase_add_test(needs, test_needs_with_hub);
    tcase_add_test(needs, test_needs_weighted_by_visits);
    tcase_add_test(needs, test_needs_none);
    tcase_add_test(needs, test_working_days_always_open);
    suite_add_tcase(s, needs);
    TCase *picture = tcase_create("picture");
    tcase_set_timeout(picture, 30);
    tcase_add_test(picture, test_layout_deterministic_and_spread);
    tcase_add_test(picture, test_gnuplot_run);
    tcase_add_test(picture, test_gnuplot_missing);
    suite_add_tcase(s, picture);
    return s;
}
