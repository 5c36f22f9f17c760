/* A reform part-way in (models/rollout.h), on a tiny scenario tree:
 * staff 2 -> 6 (scale 3) at shares 0.25 (3), 0.5 (4), 1 (6); a float
 * 0.2 -> 0.8 at 0.25: 0.35; a lever switched on (true from 0.5 on); a
 * setting the patch creates (present from 0.5 on); two reforms in order
 * at different shares. */
#include <check.h>
#include <libconfig.h>
#include <stdio.h>

#include "checks.h"
#include "reform.h"
#include "rollout.h"
#include "tmpdir.h"

static const char *SCN = "scenario = { id = \"t\"; };\n"
                         "levers = { one_stop = false; };\n"
                         "departments = ( { id = \"a\"; staff = 2; skill = 1.0; },\n"
                         "                { id = \"b\"; staff = 4; skill = 1.0; } );\n"
                         "services = ( { id = \"s\"; online_share = 0.2; } );\n";

static const char *REF = "reform = { id = \"r\"; name = \"R\"; };\n"
                         "changes = ( { path = \"departments.*.staff\"; scale = 3; },\n"
                         "  { path = \"services.*.online_share\"; set = 0.8; },\n"
                         "  { path = \"levers.one_stop\"; set = true; },\n"
                         "  { path = \"levers.one_stop_slowdown\"; set = 1.2; } );\n";

static const char *REF2 = "reform = { id = \"q\"; name = \"Q\"; };\n"
                          "changes = ( { path = \"departments.*.staff\"; add = 4; } );\n";

typedef struct {
    char dir[256], scn[300], ref[300], ref2[300];
} files_t;

static void setup_files(files_t *f) {
    make_tmpdir(f->dir, sizeof f->dir);
    snprintf(f->scn, sizeof f->scn, "%s/s.cfg", f->dir);
    snprintf(f->ref, sizeof f->ref, "%s/r.cfg", f->dir);
    snprintf(f->ref2, sizeof f->ref2, "%s/q.cfg", f->dir);
    write_text(f->scn, SCN);
    write_text(f->ref, REF);
    write_text(f->ref2, REF2);
}

static int get_int(config_t *c, const char *p) {
    int v = -1;
    config_lookup_int(c, p, &v);
    return v;
}

static double get_float(config_t *c, const char *p) {
    double v = -1;
    config_lookup_float(c, p, &v);
    return v;
}

/* Apply reform r at share f to fresh trees; check both trees agree. */
static void at_share(const files_t *fl, const reform_t *r, double f, config_t *a) {
    config_t b;
    char err[512];
    ck_assert_int_eq(reform_load_scenario_tree(a, fl->scn, err, sizeof err), 0);
    ck_assert_int_eq(reform_load_scenario_tree(&b, fl->scn, err, sizeof err), 0);
    ck_assert_int_eq(rollout_apply(r, f, a, &b, err, sizeof err), 0);
    CHECK_EQ(get_int(a, "departments.[0].staff"), get_int(&b, "departments.[0].staff"));
    CHECK_EQ_D(get_float(a, "services.[0].online_share"),
               get_float(&b, "services.[0].online_share"));
    CHECK_EQ(config_lookup(a, "levers.one_stop_slowdown") != NULL,
             config_lookup(&b, "levers.one_stop_slowdown") != NULL);
    config_destroy(&b);
}

START_TEST(test_shares) {
    files_t fl;
    setup_files(&fl);
    reform_t r;
    char err[512];
    ck_assert_int_eq(reform_load(&r, fl.ref, err, sizeof err), 0);
    const double share[] = {0, 0.25, 0.5, 1};
    const int staff_a[] = {2, 3, 4, 6}, staff_b[] = {4, 6, 8, 12};
    const double online[] = {0.2, 0.35, 0.5, 0.8};
    for (int i = 0; i < 4; i++) {
        config_t a;
        at_share(&fl, &r, share[i], &a);
        CHECK_EQ(get_int(&a, "departments.[0].staff"), staff_a[i]);
        CHECK_EQ(get_int(&a, "departments.[1].staff"), staff_b[i]);
        CHECK_NEAR(get_float(&a, "services.[0].online_share"), online[i], 1e-12);
        int on = -1;
        config_lookup_bool(&a, "levers.one_stop", &on);
        CHECK_EQ(on, share[i] >= 0.5);
        CHECK_EQ(config_lookup(&a, "levers.one_stop_slowdown") != NULL, share[i] >= 0.5);
        config_destroy(&a);
    }
    reform_free(&r);
    remove_tree(fl.dir);
}
END_TEST

START_TEST(test_two_in_order) {
    files_t fl;
    setup_files(&fl);
    reform_t r, q;
    char err[512];
    ck_assert_int_eq(reform_load(&r, fl.ref, err, sizeof err), 0);
    ck_assert_int_eq(reform_load(&q, fl.ref2, err, sizeof err), 0);
    config_t a, b;
    ck_assert_int_eq(reform_load_scenario_tree(&a, fl.scn, err, sizeof err), 0);
    ck_assert_int_eq(reform_load_scenario_tree(&b, fl.scn, err, sizeof err), 0);
    /* r at 0.5: staff 2 -> 4; then q at 0.25: 4 -> 4 + 1 = 5 */
    ck_assert_int_eq(rollout_apply(&r, 0.5, &a, &b, err, sizeof err), 0);
    ck_assert_int_eq(rollout_apply(&q, 0.25, &a, &b, err, sizeof err), 0);
    CHECK_EQ(get_int(&a, "departments.[0].staff"), 5);
    CHECK_EQ(get_int(&b, "departments.[0].staff"), 5);
    config_destroy(&a);
    config_destroy(&b);
    reform_free(&r);
    reform_free(&q);
    remove_tree(fl.dir);
}
END_TEST

extern Suite *suite_rollout(void);
Suite *suite_rollout(void) {
    Suite *s = suite_create("rollout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_shares);
    tcase_add_test(tc, test_two_in_order);
    suite_add_tcase(s, tc);
    return s;
}
