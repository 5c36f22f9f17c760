/* Unit tests for issue 16's across-regions and institutional settings
 * (models/scn_travel.h, models/scn_inst.h, docs/scenario-format.md):
 * tests/scenarios/good/travel.cfg lands in the struct as written (matrix
 * rows by home region, migrants per service, proxy windows per region),
 * and each bundled province-only reform changes exactly what its file
 * says on heilongjiang.cfg and nothing else of these settings. */
#include <check.h>
#include <libconfig.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "reform.h"
#include "scn.h"

#define ERR_LEN 1024
#define HL      "scenarios/heilongjiang.cfg"

static void load_ok(scn_t *s, const char *path) {
    char err[ERR_LEN] = "";
    if (scn_load(s, path, err, sizeof err) != 0) ck_abort_msg("%s rejected: %s", path, err);
}

START_TEST(test_travel_read) {
    scn_t s;
    load_ok(&s, "tests/scenarios/good/travel.cfg");
    CHECK(s.travel.minutes && s.travel.cost && s.travel.migrant && s.travel.proxy_at);
    CHECK_EQ_D(s.travel.minutes[0 * 3 + 2], 240.0); /* from a to c */
    CHECK_EQ_D(s.travel.minutes[2 * 3 + 1], 180.0); /* from c to b */
    CHECK_EQ_D(s.travel.cost[1 * 3 + 0], 80.0);
    CHECK_EQ_D(s.travel.migrant[scn_find_service(&s, "permit")], 0.1);
    CHECK_EQ_D(s.travel.migrant[scn_find_service(&s, "licence")], 0.4);
    CHECK(s.travel.proxy);
    CHECK_EQ(s.travel.proxy_at[0], scn_find_department(&s, "a_office"));
    CHECK(s.travel.proxy_at[1] == -1);
    CHECK_EQ(s.travel.proxy_at[2], scn_find_department(&s, "c_office"));
    CHECK_EQ_D(dist_mean(&s.travel.proxy_delay), 60.0);
    CHECK(s.items[scn_find_item(&s, "doc")].commitment);
    CHECK(!s.items[scn_find_item(&s, "rec")].commitment);
    CHECK(s.links[0].no_legal_basis && !s.links[1].no_legal_basis);
    CHECK_EQ_D(s.services[0].proactive_share, 0.25);
    CHECK_EQ_D(s.services[1].proactive_share, 0.0);
    CHECK_EQ_D(s.commitment.audit_share, 0.5);
    CHECK_EQ_D(s.commitment.revocation, 0.2);
    CHECK_EQ_D(s.commitment.revoked_lost, 0.25);
    scn_free(&s);
    /* without the sections: no matrix, no migrants, no proxy, nothing promised */
    load_ok(&s, "tests/scenarios/good/minimal.cfg");
    CHECK(!s.travel.minutes && !s.travel.cost && !s.travel.migrant && !s.travel.proxy_at);
    CHECK(!s.travel.proxy && s.commitment.audit_share == 0 && s.services[0].proactive_share == 0);
    scn_free(&s);
}
END_TEST

/* heilongjiang.cfg with the bundled reform `id` applied (or none: NULL). */
static void province(scn_t *s, const char *id) {
    char err[ERR_LEN] = "", path[256];
    config_t cfg;
    if (reform_load_scenario_tree(&cfg, HL, err, sizeof err) != 0) ck_abort_msg("%s", err);
    if (id) {
        reform_t r;
        snprintf(path, sizeof path, "scenarios/reforms/%s.cfg", id);
        if (reform_load(&r, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
        if (reform_apply(&r, &cfg, err, sizeof err) != 0) ck_abort_msg("%s", err);
        reform_free(&r);
    }
    if (scn_from_config(s, &cfg, HL, err, sizeof err) != 0) ck_abort_msg("%s", err);
    config_destroy(&cfg);
}

/* What differs between a and b among the settings these reforms touch,
 * as counts: [proxy, proxy delay, links' mode, links' legal basis, links'
 * delay, items' commitment, steps' incomplete, services' proactive share,
 * audit settings, staff and windows, travel matrix and migrants]. */
enum {
    D_PROXY,
    D_PDELAY,
    D_MODE,
    D_LAW,
    D_DELAY,
    D_ITEM,
    D_INCOMPLETE,
    D_PROACTIVE,
    D_AUDIT,
    D_STAFF,
    D_TRAVEL,
    D_N
};
static void differ(const scn_t *a, const scn_t *b, int d[D_N]) {
    memset(d, 0, D_N * sizeof *d);
    size_t n = a->n_regions;
    d[D_PROXY] = a->travel.proxy != b->travel.proxy;
    d[D_PDELAY] = dist_mean(&a->travel.proxy_delay) != dist_mean(&b->travel.proxy_delay);
    for (size_t i = 0; i < a->n_links; i++) {
        d[D_MODE] += a->links[i].mode != b->links[i].mode;
        d[D_LAW] += a->links[i].no_legal_basis != b->links[i].no_legal_basis;
        if (a->links[i].mode != SCN_LINK_NONE && b->links[i].mode != SCN_LINK_NONE)
            d[D_DELAY] += dist_mean(&a->links[i].delay) != dist_mean(&b->links[i].delay);
    }
    for (size_t i = 0; i < a->n_items; i++)
        d[D_ITEM] += a->items[i].commitment != b->items[i].commitment;
    for (size_t i = 0; i < a->n_services; i++) {
        d[D_PROACTIVE] += a->services[i].proactive_share != b->services[i].proactive_share;
        for (size_t k = 0; k < a->services[i].n_steps; k++)
            d[D_INCOMPLETE] +=
                a->services[i].steps[k].incomplete != b->services[i].steps[k].incomplete;
    }
    d[D_AUDIT] = (a->commitment.audit_share != b->commitment.audit_share) +
                 (a->commitment.revocation != b->commitment.revocation) +
                 (a->commitment.revoked_lost != b->commitment.revoked_lost);
    for (size_t i = 0; i < a->n_departments; i++)
        d[D_STAFF] += (a->departments[i].staff != b->departments[i].staff) +
                      (a->departments[i].windows != b->departments[i].windows);
    for (size_t i = 0; i < n * n; i++)
        d[D_TRAVEL] += (a->travel.minutes[i] != b->travel.minutes[i]) +
                       (a->travel.cost[i] != b->travel.cost[i]);
    for (size_t i = 0; i < a->n_services; i++)
        d[D_TRAVEL] += a->travel.migrant[i] != b->travel.migrant[i];
}

static void check_exactly(const char *id, const int want[D_N]) {
    scn_t base, var;
    province(&base, NULL);
    province(&var, id);
    int got[D_N];
    differ(&base, &var, got);
    for (int i = 0; i < D_N; i++)
        if (got[i] != want[i])
            ck_abort_msg("%s: facet %d changed %d times (expected %d)", id, i, got[i], want[i]);
    scn_free(&base);
    scn_free(&var);
}

/* Counts of the province's own settings these reforms name. */
static int steps_with_incomplete(void) {
    scn_t s;
    province(&s, NULL);
    int n = 0;
    for (size_t i = 0; i < s.n_services; i++)
        for (size_t k = 0; k < s.services[i].n_steps; k++)
            n += s.services[i].steps[k].incomplete > 0;
    int unlawful = 0;
    for (size_t i = 0; i < s.n_links; i++) unlawful += s.links[i].no_legal_basis;
    CHECK_EQ(unlawful, 12); /* heilongjiang.cfg: 2 register links x 6 cities */
    CHECK(!s.travel.proxy);
    scn_free(&s);
    return n;
}

START_TEST(test_reforms_change_what_they_say) {
    int incomplete = steps_with_incomplete();
    CHECK(incomplete > 0);
    check_exactly("cross_region", (int[D_N]){[D_PROXY] = 1});
    check_exactly("sharing_law", (int[D_N]){[D_MODE] = 12, [D_LAW] = 12});
    check_exactly("notification_commitment",
                  (int[D_N]){[D_ITEM] = 12, [D_INCOMPLETE] = incomplete, [D_AUDIT] = 3});
    check_exactly("proactive_services", (int[D_N]){[D_PROACTIVE] = 6});
}
END_TEST

extern Suite *suite_region(void);
Suite *suite_region(void) {
    Suite *s = suite_create("region");
    TCase *tc = tcase_create("settings");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_travel_read);
    tcase_add_test(tc, test_reforms_change_what_they_say);
    suite_add_tcase(s, tc);
    return s;
}
