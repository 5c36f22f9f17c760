/* Unit tests for the scenario loader (models/scn.h): every setting of
 * tests/scenarios/good/full.cfg lands in the struct with its names
 * resolved to indices; the defaults of minimal.cfg; the expected visits
 * and offered loads against an independent computation (value iteration
 * on the routing written out by hand from the format's semantics); error
 * messages for trees built in memory or patched the way reforms will patch
 * them; and every broken scenario in tests/scenarios/bad failing with the
 * message its first line promises, leaving the struct empty (under ASan
 * this checks that no error path leaks). */
#include <check.h>
#include <dirent.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "scn.h"
#include "scn_text.h"
#include "checks.h"

#define GOOD_DIR "tests/scenarios/good/"
#define BAD_DIR  "tests/scenarios/bad/"
#define ERR_LEN  1024

static void load_ok(scn_t *s, const char *path) {
    char err[ERR_LEN] = "";
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s rejected: %s", path, err);
}

/* Builds from text with scn_from_config, as reforms will after patching. */
/* A scenario held in a string; `service` is the services list body. */
#define MINI_HEAD                                                                                  \
    "scenario = { id = \"t\"; name = \"T\"; };\n"                                                  \
    "calendar = { hours = [\"09:00-17:00\"]; workdays = [1, 2, 3, 4, 5]; };\n"                     \
    "regions = ( { id = \"r\"; } );\n"                                                             \
    "departments = ( { id = \"d\"; staff = 10; windows = 10; } );\n"

static bool empty(const scn_t *s) {
    return s->n_regions == 0 && s->n_departments == 0 && s->n_services == 0 && s->n_items == 0 &&
           s->n_links == 0 && s->n_incidents == 0 && s->regions == NULL && s->services == NULL &&
           s->calendar.holidays == NULL;
}

/* ------------------------------------------------------------------ */
/* full.cfg: every setting                                              */
/* ------------------------------------------------------------------ */

START_TEST(full_scenario_and_calendar) {
    scn_t s;
    load_ok(&s, GOOD_DIR "full.cfg");
    CHECK_STR(s.path, GOOD_DIR "full.cfg");
    CHECK_STR(s.id, "full_test");
    CHECK_STR(s.name, "Every setting");
    CHECK_STR(s.description, "A scenario that uses every setting of the format.");
    CHECK_EQ(s.days, 90);
    CHECK_EQ(s.warmup_days, 7);
    CHECK_EQ(s.replications, 20);
    CHECK_EQ(s.seed, 5000000000ull);
    CHECK_EQ(s.calendar.n_intervals, 2);
    CHECK_EQ_D(s.calendar.open[0], 8 * 60 + 30);
    CHECK_EQ_D(s.calendar.close[0], 12 * 60);
    CHECK_EQ_D(s.calendar.open[1], 14 * 60);
    CHECK_EQ_D(s.calendar.close[1], 17 * 60 + 30);
    for (int w = 0; w < 6; w++) CHECK(s.calendar.workday[w]);
    CHECK(!s.calendar.workday[6]);
    CHECK_EQ(s.calendar.n_holidays, 2);
    CHECK_EQ(s.calendar.holidays[0], 3);
    CHECK_EQ(s.calendar.holidays[1], 40);
    CHECK_EQ_D(s.online_uptime, 0.98);
    scn_free(&s);
    CHECK(empty(&s));
}
END_TEST

START_TEST(full_regions_departments_data) {
    scn_t s;
    load_ok(&s, GOOD_DIR "full.cfg");
    CHECK_EQ(s.n_regions, 2);
    CHECK_STR(s.regions[1].id, "south");
    CHECK_STR(s.regions[1].name, "South County");
    CHECK_EQ_D(s.regions[0].demand_scale, 3.0);
    CHECK_EQ_D(s.regions[0].online_scale, 1.2);
    CHECK_EQ_D(s.regions[0].digital_excluded, 0.1);
    CHECK_EQ_D(s.regions[1].demand_scale, 1.0);
    CHECK_EQ_D(s.regions[1].online_scale, 0.5);
    CHECK_EQ_D(s.regions[1].digital_excluded, 0.3);

    CHECK_EQ(s.n_departments, 3);
    const scn_department_t *tax = &s.departments[1], *police = &s.departments[2];
    CHECK_STR(tax->id, "tax");
    CHECK_STR(tax->name, "Taxation Bureau");
    CHECK_EQ(tax->region, 0);
    CHECK_EQ(police->region, 1);
    CHECK_EQ(tax->staff, 8);
    CHECK_EQ(tax->windows, 4);
    CHECK_EQ_D(tax->skill, 1.2);
    CHECK_EQ_D(tax->error_rate, 0.02);
    CHECK_EQ_D(police->skill, 1.0);      /* default */
    CHECK_EQ_D(police->error_rate, 0.0); /* default */
    CHECK_EQ(s.departments[0].line, 27); /* where its group opens */

    CHECK_EQ(s.n_items, 3);
    CHECK_STR(s.items[2].id, "id_card");
    CHECK_EQ(s.items[0].owner, 0);
    CHECK_EQ(s.items[1].owner, 1);
    CHECK_EQ(s.items[2].owner, 2);

    CHECK_EQ(s.n_links, 3);
    const scn_link_t *manual = scn_find_link(&s, 0, 1);
    CHECK(manual == &s.links[0]);
    CHECK_EQ(manual->mode, SCN_LINK_MANUAL);
    CHECK_EQ(manual->delay.kind, DIST_LOGNORMAL);
    CHECK_APPROX(dist_mean(&manual->delay), 2880);
    const scn_link_t *api = scn_find_link(&s, 1, 0);
    CHECK(api == &s.links[1]);
    CHECK_EQ(api->mode, SCN_LINK_API);
    CHECK_APPROX(dist_mean(&api->delay), 3);
    CHECK_EQ(scn_find_link(&s, 2, 0)->mode, SCN_LINK_NONE);
    CHECK(scn_find_link(&s, 0, 2) == NULL); /* links are directed */
    CHECK(scn_find_link(&s, 1, 2) == NULL);

    CHECK_EQ(scn_find_region(&s, "south"), 1);
    CHECK_EQ(scn_find_department(&s, "police"), 2);
    CHECK_EQ(scn_find_item(&s, "tax_record"), 1);
    CHECK_EQ(scn_find_service(&s, "licence_pickup"), 1);
    CHECK_EQ(scn_find_department(&s, "nobody"), -1);
    CHECK_EQ(scn_find_item(&s, ""), -1);
    scn_free(&s);
}
END_TEST

START_TEST(full_services_and_steps) {
    scn_t s;
    load_ok(&s, GOOD_DIR "full.cfg");
    CHECK_EQ(s.n_services, 2);
    const scn_service_t *ee = &s.services[0], *pick = &s.services[1];
    CHECK_STR(ee->name, "Enterprise establishment");
    CHECK_EQ_D(ee->per_day, 40);
    CHECK_EQ_D(ee->region_share[0], 0.75);
    CHECK_EQ_D(ee->region_share[1], 0.25);
    CHECK_EQ_D(ee->online_share, 0.3);
    CHECK_EQ_D(ee->limit_days, 5);
    CHECK_EQ_D(ee->patience_mean, 60);
    CHECK_EQ(ee->n_steps, 3);

    const scn_step_t *intake = &ee->steps[0], *review = &ee->steps[1], *tax_reg = &ee->steps[2];
    CHECK_STR(intake->id, "intake");
    CHECK_EQ(intake->dept, 0);
    CHECK_EQ(intake->work.kind, DIST_LOGNORMAL);
    CHECK_APPROX(dist_mean(&intake->work), 20);
    CHECK(intake->front && !intake->in_person && !intake->parallel);
    CHECK_EQ_D(intake->incomplete, 0.25);
    CHECK_EQ_D(intake->data_error, 0);
    CHECK_EQ(intake->n_needs, 1);
    CHECK_EQ(intake->needs[0], 2);
    CHECK_EQ(intake->n_next, 0); /* default: on to the next step */

    CHECK(!review->front && review->parallel);
    CHECK_EQ_D(review->data_error, 0.1);
    CHECK_EQ(review->n_next, 2);
    CHECK_EQ(review->next[0].target, 2);
    CHECK_EQ_D(review->next[0].prob, 0.9);
    CHECK_EQ(review->next[1].target, SCN_DONE);
    CHECK_EQ_D(review->next[1].prob, 0.1);

    CHECK_EQ(tax_reg->dept, 1);
    CHECK_EQ(tax_reg->work.kind, DIST_EMPIRICAL); /* found beside the scenario */
    CHECK_EQ(tax_reg->work.n_values, 6);
    CHECK_APPROX(dist_mean(&tax_reg->work), (12.5 + 7 + 3.25 + 0 + 20 + 10) / 6);
    CHECK_EQ(tax_reg->n_needs, 2);
    CHECK_EQ(tax_reg->needs[0], 0);
    CHECK_EQ(tax_reg->needs[1], 2);
    CHECK_EQ(tax_reg->next[1].target, 1);
    CHECK_EQ_D(tax_reg->next[1].prob, 0.2);

    CHECK_STR(pick->name, "licence_pickup"); /* default: the id */
    CHECK_EQ_D(pick->patience_mean, 0);
    /* no region_share: by demand_scale, 3 : 1 */
    CHECK_APPROX(pick->region_share[0], 0.75);
    CHECK_APPROX(pick->region_share[1], 0.25);
    CHECK(pick->steps[0].front && pick->steps[0].in_person);
    CHECK_EQ(pick->steps[0].work.kind, DIST_TRIANGULAR);
    scn_free(&s);
}
END_TEST

START_TEST(full_incidents_levers_costs) {
    scn_t s;
    load_ok(&s, GOOD_DIR "full.cfg");
    CHECK_EQ(s.n_incidents, 3);
    CHECK_EQ(s.incidents[0].target, SCN_INC_ONLINE);
    CHECK_EQ(s.incidents[1].target, SCN_INC_LINKS);
    CHECK_EQ(s.incidents[2].target, SCN_INC_HUB);
    CHECK_EQ_D(s.incidents[0].mtbf_days, 30);
    CHECK_EQ_D(s.incidents[1].mtbf_days, 60);
    CHECK_APPROX(dist_mean(&s.incidents[0].repair), 240);
    CHECK_EQ(s.incidents[2].repair.kind, DIST_CONST);

    const scn_levers_t *lv = &s.levers;
    CHECK(lv->one_stop && lv->data_hub && lv->parallel_approval);
    CHECK_EQ_D(lv->one_stop_slowdown, 1.2);
    CHECK_EQ(lv->one_stop_windows, 5);
    CHECK_APPROX(dist_mean(&lv->hub_delay), 4);
    CHECK_EQ(lv->rebalance_days, 10);
    CHECK_EQ_D(lv->security, 2.0);

    CHECK_EQ_D(s.costs.staff_year, 130000);
    CHECK_EQ_D(s.costs.window_year, 35000);
    CHECK_EQ_D(s.costs.platform_year, 2000000);
    CHECK_EQ_D(s.costs.hub_year, 500000);
    CHECK_EQ_D(s.costs.citizen_hour, 45);
    CHECK_EQ_D(s.costs.trip_cost, 25);
    CHECK_EQ(s.n_warnings, 0);
    scn_free(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* minimal.cfg: defaults                                                */
/* ------------------------------------------------------------------ */

START_TEST(minimal_defaults) {
    scn_t s;
    load_ok(&s, GOOD_DIR "minimal.cfg");
    CHECK_STR(s.description, "");
    CHECK_EQ(s.days, 180);
    CHECK_EQ(s.warmup_days, 14);
    CHECK_EQ(s.replications, 10);
    CHECK_EQ(s.seed, 1);
    CHECK_EQ(s.calendar.n_holidays, 0);
    CHECK_EQ_D(s.online_uptime, 1);
    CHECK_STR(s.regions[0].name, "city");
    CHECK_EQ_D(s.regions[0].demand_scale, 1);
    CHECK_EQ_D(s.regions[0].online_scale, 1);
    CHECK_EQ_D(s.regions[0].digital_excluded, 0);
    CHECK_EQ(s.departments[0].region, 0); /* the only region */
    CHECK_STR(s.departments[0].name, "office");
    CHECK_EQ_D(s.departments[0].skill, 1);
    CHECK_EQ_D(s.departments[0].error_rate, 0);
    CHECK_EQ(s.n_items + s.n_links + s.n_incidents, 0);
    CHECK_EQ_D(s.services[0].region_share[0], 1);
    CHECK_EQ_D(s.services[0].patience_mean, 0);
    const scn_step_t *st = &s.services[0].steps[0];
    CHECK(!st->front && !st->in_person && !st->parallel);
    CHECK_EQ(st->n_needs + st->n_next, 0);
    CHECK_EQ_D(st->incomplete + st->data_error, 0);
    CHECK(!s.levers.one_stop && !s.levers.data_hub && !s.levers.parallel_approval);
    CHECK_EQ_D(s.levers.one_stop_slowdown, 1);
    CHECK_EQ(s.levers.one_stop_windows + s.levers.rebalance_days, 0);
    CHECK_EQ_D(s.levers.security, 1);
    CHECK_EQ(s.levers.hub_delay.kind, DIST_EXP);
    CHECK_APPROX(dist_mean(&s.levers.hub_delay), 5);
    CHECK_EQ_D(s.costs.staff_year, 120000);
    CHECK_EQ_D(s.costs.window_year, 30000);
    CHECK_EQ_D(s.costs.platform_year + s.costs.hub_year, 0);
    CHECK_EQ_D(s.costs.citizen_hour, 40);
    CHECK_EQ_D(s.costs.trip_cost, 20);
    scn_free(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* visits and offered load                                              */
/* ------------------------------------------------------------------ */

/* Expected visits by value iteration v <- e + P^T v on a 3-step chain
 * (P row-major, P[i][j] = probability of going from i to j). */
static void iterate_visits(double p[3][3], double v[3]) {
    double cur[3] = {1, 0, 0};
    for (int it = 0; it < 20000; it++) {
        double next[3] = {1, 0, 0};
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 3; i++) next[j] += p[i][j] * cur[i];
        memcpy(cur, next, sizeof cur);
    }
    memcpy(v, cur, sizeof cur);
}

/* The routing of full.cfg's enterprise_establishment written out from the
 * format's semantics: intake (front: 1/4 incomplete, and for online cases
 * also the market's 5% officer errors) then review (5% errors; 10% data
 * errors back to intake; then 90% tax_reg, 10% done) then tax_reg (2%
 * errors; 80% done, 20% review). */
static void enterprise_visits(bool online, double v[3]) {
    double q = 0.25, e_m = 0.05, e_t = 0.02;
    double intake_repeat = online ? q + (1 - q) * e_m : q;
    double p[3][3] = {{intake_repeat, 1 - intake_repeat, 0},
                      {(1 - e_m) * 0.1, e_m, (1 - e_m) * 0.9 * 0.9},
                      {0, (1 - e_t) * 0.2, e_t}};
    iterate_visits(p, v);
}

START_TEST(visits_and_offered_load_full) {
    scn_t s;
    load_ok(&s, GOOD_DIR "full.cfg");
    double vc[3], vo[3];
    enterprise_visits(false, vc);
    enterprise_visits(true, vo);
    /* counter share: online = uptime x sum_r share_r (1 - excl_r) min(1, os scale_r) */
    double online = 0.98 * (0.75 * 0.9 * 0.36 + 0.25 * 0.7 * 0.15);
    double c = 1 - online;
    const scn_service_t *ee = &s.services[0];
    for (int k = 0; k < 3; k++) CHECK_REL(ee->steps[k].visits, c * vc[k] + (1 - c) * vo[k], 1e-9);
    CHECK_EQ_D(s.services[1].steps[0].visits, 1);

    double minutes = 7 * 60; /* 08:30-12:00, 14:00-17:30 */
    double m_skill = 0.8, t_skill = 1.2;
    double intake = 20, review = dist_mean(&ee->steps[1].work);
    double tax_reg = (12.5 + 7 + 3.25 + 0 + 20 + 10) / 6, pickup = (5 + 8 + 20) / 3.0;
    CHECK_APPROX(review, 45);
    double market_front = 40 * c * vc[0] * intake * m_skill;
    double market_back =
        40 * ((1 - c) * vo[0] * intake + (c * vc[1] + (1 - c) * vo[1]) * review) * m_skill;
    double tax_front = 12 * pickup * t_skill; /* in person: every case */
    double tax_back = 40 * (c * vc[2] + (1 - c) * vo[2]) * tax_reg * t_skill;
    double front, back;
    scn_offered_load(&s, 0, &front, &back);
    CHECK_REL(front, market_front / (6 * minutes), 1e-9);
    CHECK_REL(back, market_back / (12 * minutes), 1e-9);
    scn_offered_load(&s, 1, &front, NULL);
    CHECK_REL(front, tax_front / (4 * minutes), 1e-9);
    scn_offered_load(&s, 1, NULL, &back);
    CHECK_REL(back, tax_back / (8 * minutes), 1e-9);
    scn_offered_load(&s, 2, &front, &back);
    CHECK_EQ_D(front, 0);
    CHECK_EQ_D(back, 0);
    /* one-stop hall of the north: both north departments' front work,
     * slowed by 1.2, over the lever's 5 windows */
    CHECK_REL(scn_hall_load(&s, 0), (market_front + tax_front) * 1.2 / (5 * minutes), 1e-9);
    CHECK_EQ_D(scn_hall_load(&s, 1), 0);
    scn_free(&s);
}
END_TEST

/* Loops: visits 1/(1 - p) for a step that repeats itself with p, and a
 * two-step feedback loop; a wrong solver (or no rework) would miss. */
START_TEST(visits_with_loops) {
    scn_t s;
    char err[ERR_LEN] = "";
    const char *text =
        MINI_HEAD "services = ( { id = \"x\"; per_day = 10; online_share = 0; limit_days = 1;\n"
                  "  steps = ( { id = \"a\"; at = \"d\"; work = \"const(6)\"; next = ( (\"a\", "
                  "0.75), (\"b\", 0.25) ); },\n"
                  "            { id = \"b\"; at = \"d\"; work = \"const(3)\"; next = ( (\"a\", "
                  "0.5), (\"done\", 0.5) ); } ); } );\n";
    if (load_text(&s, text, err, sizeof err) != 0) ck_abort_msg("%s", err);
    /* v_a = 1 + 0.75 v_a + 0.5 v_b, v_b = 0.25 v_a  =>  v_a = 8, v_b = 2 */
    CHECK_REL(s.services[0].steps[0].visits, 8, 1e-12);
    CHECK_REL(s.services[0].steps[1].visits, 2, 1e-12);
    double back;
    scn_offered_load(&s, 0, NULL, &back);
    CHECK_REL(back, 10 * (8 * 6 + 2 * 3) / (10 * 480.0), 1e-12);
    scn_free(&s);
}
END_TEST

START_TEST(overload_warns) {
    scn_t s;
    load_ok(&s, GOOD_DIR "overloaded.cfg");
    CHECK_EQ(s.n_warnings, 1);
    CHECK(strstr(s.warnings[0], "department 'office': front offered load 1.25") != NULL);
    double front;
    scn_offered_load(&s, 0, &front, NULL);
    CHECK_REL(front, 1.25, 1e-12);
    scn_free(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* errors                                                               */
/* ------------------------------------------------------------------ */

START_TEST(error_message_form) {
    scn_t s;
    char err[ERR_LEN] = "";
    const char *text =
        MINI_HEAD "services = ( { id = \"x\"; per_day = 10; online_share = 0; limit_days = 1;\n"
                  "  steps = ( { id = \"a\"; at = \"dd\"; work = \"exp(1)\"; } ); } );\n";
    CHECK_EQ(load_text(&s, text, err, sizeof err), -1);
    CHECK_STR(err, "mem.cfg:6: services[0].steps[0].at: unknown department 'dd' (known: d)");
    CHECK(empty(&s));
    scn_free(&s); /* safe on an empty scenario */
    /* a short buffer gets a truncated, terminated message */
    char small[16];
    CHECK_EQ(load_text(&s, text, small, sizeof small), -1);
    CHECK_STR(small, "mem.cfg:6: serv");
    CHECK_EQ(load_text(&s, text, NULL, 0), -1);
}
END_TEST

/* A tree patched in memory, as a reform does: settings added by the patch
 * have no line, so messages use their group's. */
START_TEST(error_in_patched_tree) {
    config_t cfg;
    config_init(&cfg);
    config_set_auto_convert(&cfg, CONFIG_TRUE);
    const char *text =
        MINI_HEAD "services = ( { id = \"x\"; per_day = 10; online_share = 0; limit_days = 1;\n"
                  "  steps = ( { id = \"a\"; at = \"d\"; work = \"exp(1)\"; } ); } );\n";
    CHECK(config_read_string(&cfg, text) == CONFIG_TRUE);
    config_setting_t *dept = config_lookup(&cfg, "departments.[0]");
    CHECK(dept != NULL);
    /* staff replaced by a float, as `scale = 1.25` on an int would give */
    CHECK(config_setting_remove(dept, "staff") == CONFIG_TRUE);
    config_setting_t *staff = config_setting_add(dept, "staff", CONFIG_TYPE_FLOAT);
    CHECK(staff != NULL && config_setting_set_float(staff, 12.5) == CONFIG_TRUE);
    scn_t s;
    char err[ERR_LEN] = "";
    CHECK_EQ(scn_from_config(&s, &cfg, "x.cfg", err, sizeof err), -1);
    CHECK_STR(err, "x.cfg:4: departments[0].staff: 12.5 is not a whole number (expected a "
                   "whole number from 0 to 100000)");
    config_setting_t *added = config_setting_add(dept, "windowz", CONFIG_TYPE_INT);
    CHECK(added != NULL);
    CHECK(config_setting_set_float(staff, 12) == CONFIG_TRUE); /* whole: fine */
    CHECK_EQ(scn_from_config(&s, &cfg, "x.cfg", err, sizeof err), -1);
    CHECK(strstr(err, "x.cfg:4: departments[0].windowz: unknown setting (did you mean "
                      "'windows'?") == err);
    CHECK(config_setting_remove(dept, "windowz") == CONFIG_TRUE);
    CHECK_EQ(scn_from_config(&s, &cfg, "x.cfg", err, sizeof err), 0);
    CHECK_EQ(s.departments[0].staff, 12);
    scn_free(&s);
    config_destroy(&cfg);
}
END_TEST

/* Every broken scenario fails with the message its first line promises,
 * starting with the path, leaving *s empty: in scn_load, or for limits of
 * the engine (region count, memory estimate) in flow_check. */
START_TEST(every_bad_file) {
    DIR *dir = opendir(BAD_DIR);
    if (!dir) ck_abort_msg("cannot open %s (run from the repository root)", BAD_DIR);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0) continue;
        char path[512], line[1024] = "", err[ERR_LEN] = "";
        snprintf(path, sizeof path, "%s%s", BAD_DIR, e->d_name);
        FILE *f = fopen(path, "r");
        CHECK(f != NULL);
        if (!fgets(line, sizeof line, f)) line[0] = '\0';
        fclose(f);
        line[strcspn(line, "\n")] = '\0';
        const char *prefix = "# expect: ";
        if (strncmp(line, prefix, strlen(prefix)) != 0)
            ck_abort_msg("%s: first line is not '# expect: ...'", path);
        scn_t s;
        if (scn_load(&s, path, err, sizeof err) == 0) {
            /* what `check` and `run` refuse after loading (flow_check) */
            int rc = flow_check(&s, err, sizeof err);
            scn_free(&s);
            if (rc == 0) ck_abort_msg("%s was accepted", path);
        }
        if (strncmp(err, path, strlen(path)) != 0 || !strstr(err, line + strlen(prefix)))
            ck_abort_msg("%s: got \"%s\", expected \"%s\"", path, err, line + strlen(prefix));
        if (strchr(err, '\n')) ck_abort_msg("%s: message has a newline", path);
        CHECK(empty(&s));
        n++;
    }
    closedir(dir);
    CHECK_CMP(n, >=, 35);
}
END_TEST

/* Documents the citizen must fetch (no data link) load the owner's
 * windows: 42 cases/day x 10 minutes on 2 x 420 open minutes = 0.5; with
 * the data hub there is nothing to fetch. */
START_TEST(fetched_documents_load_owner_windows) {
    scn_t s;
    char err[512];
    ck_assert_msg(scn_load(&s, "tests/scenarios/good/fetch_load.cfg", err, sizeof err) == 0, "%s",
                  err);
    double front, back;
    scn_offered_load(&s, scn_find_department(&s, "registry"), &front, &back);
    CHECK_NEAR(front, 0.5, 1e-12);
    scn_offered_load(&s, scn_find_department(&s, "permits"), &front, &back);
    CHECK_NEAR(back, 42.0 * 20 / (4 * 420), 1e-12);
    scn_free(&s);
}
END_TEST

START_TEST(missing_file) {
    scn_t s;
    char err[ERR_LEN] = "";
    CHECK_EQ(scn_load(&s, BAD_DIR "no_such_file.cfg", err, sizeof err), -1);
    CHECK_STR(err, BAD_DIR "no_such_file.cfg: cannot read: No such file or directory");
    CHECK(empty(&s));
}
END_TEST

extern Suite *suite_scn(void);
Suite *suite_scn(void) {
    Suite *s = suite_create("scn");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, full_scenario_and_calendar);
    tcase_add_test(tc, full_regions_departments_data);
    tcase_add_test(tc, full_services_and_steps);
    tcase_add_test(tc, full_incidents_levers_costs);
    tcase_add_test(tc, minimal_defaults);
    tcase_add_test(tc, visits_and_offered_load_full);
    tcase_add_test(tc, visits_with_loops);
    tcase_add_test(tc, overload_warns);
    tcase_add_test(tc, error_message_form);
    tcase_add_test(tc, error_in_patched_tree);
    tcase_add_test(tc, every_bad_file);
    tcase_add_test(tc, missing_file);
    tcase_add_test(tc, fetched_documents_load_owner_windows);
    suite_add_tcase(s, tc);
    return s;
}
