/* Unit tests for reforms as patches (models/reform.h): every operation
 * (set, scale, add) on every scalar type, rounding of whole numbers, the
 * clamps, wildcards, filters (text, number, several), indices, creating a
 * leaf with set, composition in order, an empty reform leaving the tree
 * byte-for-byte identical, every error with its file:line and the failing
 * path segment, and an end-to-end run: full.cfg with its staff doubled,
 * built by scn_from_config.  Fixtures in tests/reforms/; the bad change of
 * each err_*.cfg made by the same template is changes[1] on line 5. */
#include <check.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reform.h"
#include "scn.h"
#include "checks.h"

#define DIR     "tests/reforms/"
#define ERR_LEN 1024

/* ------------------------------------------------------------ helpers */

static void load_reform(reform_t *r, const char *file) {
    char err[ERR_LEN] = "";
    if (reform_load(r, file, err, sizeof err) != 0) ck_abort_msg("%s rejected: %s", file, err);
}

static void load_tree(config_t *cfg, const char *file) {
    char err[ERR_LEN] = "";
    if (reform_load_scenario_tree(cfg, file, err, sizeof err) != 0)
        ck_abort_msg("%s rejected: %s", file, err);
}

static void apply_ok(const reform_t *r, config_t *cfg) {
    char err[ERR_LEN] = "";
    if (reform_apply(r, cfg, err, sizeof err) != 0)
        ck_abort_msg("%s did not apply: %s", r->path, err);
}

/* Loads reform `file` and applies it to a fresh tree.cfg. */
static void patched_tree(config_t *cfg, const char *file) {
    reform_t r;
    load_reform(&r, file);
    load_tree(cfg, DIR "tree.cfg");
    apply_ok(&r, cfg);
    reform_free(&r);
}

/* Member `key` of element i of the list at `list` (a libconfig path). */
static const config_setting_t *elem(const config_t *cfg, const char *list, unsigned i,
                                    const char *key) {
    const config_setting_t *l = config_lookup(cfg, list);
    ck_assert_ptr_nonnull(l);
    const config_setting_t *e = config_setting_get_elem(l, i);
    ck_assert_ptr_nonnull(e);
    return key ? config_setting_get_member(e, key) : e;
}

static int dept_int(const config_t *cfg, unsigned i, const char *key) {
    const config_setting_t *s = elem(cfg, "departments", i, key);
    ck_assert_ptr_nonnull(s);
    CHECK_EQ(config_setting_type(s), CONFIG_TYPE_INT);
    return config_setting_get_int(s);
}

static double dept_float(const config_t *cfg, unsigned i, const char *key) {
    const config_setting_t *s = elem(cfg, "departments", i, key);
    ck_assert_ptr_nonnull(s);
    CHECK_EQ(config_setting_type(s), CONFIG_TYPE_FLOAT);
    return config_setting_get_float(s);
}

static double incomplete(const config_setting_t *steps, unsigned i) {
    const config_setting_t *v =
        config_setting_get_member(config_setting_get_elem(steps, i), "incomplete");
    ck_assert_ptr_nonnull(v);
    return config_setting_get_float(v);
}

static const char *text_at(const config_t *cfg, const char *path) {
    const char *v = NULL;
    if (config_lookup_string(cfg, path, &v) != CONFIG_TRUE) ck_abort_msg("no text at %s", path);
    return v;
}

/* The whole tree as libconfig writes it: equal texts, equal trees. */
static char *tree_text(const config_t *cfg) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    config_write(cfg, f);
    fclose(f);
    return buf;
}

/* ------------------------------------------------------------ loading */

START_TEST(header_fields) {
    reform_t r;
    load_reform(&r, DIR "ops.cfg");
    CHECK_STR(r.id, "ops");
    CHECK_STR(r.name, "All operations");
    CHECK_STR(r.description, "Test reform.");
    CHECK_STR(r.proposal, "seed 001: invest in capital, technology, talent");
    CHECK_EQ_D(r.cost_per_year, 2.4e6);
    CHECK_EQ_D(r.one_off_cost, 5e5);
    CHECK_STR(r.path, DIR "ops.cfg");
    reform_free(&r);
    CHECK(r.cfg.root == NULL);
    reform_free(&r); /* twice is harmless */
    reform_free(NULL);

    load_reform(&r, DIR "scale2.cfg"); /* optional fields default */
    CHECK_STR(r.description, "");
    CHECK_STR(r.proposal, "");
    CHECK_EQ_D(r.cost_per_year, 0);
    CHECK_EQ_D(r.one_off_cost, 0);
    reform_free(&r);
}
END_TEST

/* ------------------------------------------------------------ operations */

START_TEST(ops_on_every_type) {
    config_t cfg;
    patched_tree(&cfg, DIR "ops.cfg");
    /* scale on int: 12.5 -> 13 (tie away from zero), 8.75 -> 9, 6.25 -> 6 */
    CHECK_EQ(dept_int(&cfg, 0, "staff"), 13);
    CHECK_EQ(dept_int(&cfg, 1, "staff"), 9);
    CHECK_EQ(dept_int(&cfg, 2, "staff"), 6);
    /* scale on float with min: 0.72; 0.54 clamped up to 0.6; police has none */
    CHECK_APPROX(dept_float(&cfg, 0, "skill"), 0.8 * 0.9);
    CHECK_EQ_D(dept_float(&cfg, 1, "skill"), 0.6);
    CHECK(elem(&cfg, "departments", 2, "skill") == NULL);
    /* set on float in every service */
    CHECK_EQ_D(config_setting_get_float(elem(&cfg, "services", 0, "online_share")), 0.6);
    CHECK_EQ_D(config_setting_get_float(elem(&cfg, "services", 1, "online_share")), 0.6);
    /* filter by id, then a wildcard over that service's steps only */
    const config_setting_t *steps0 = elem(&cfg, "services", 0, "steps");
    const config_setting_t *steps1 = elem(&cfg, "services", 1, "steps");
    CHECK_APPROX(incomplete(steps0, 0), 0.15);
    CHECK_APPROX(incomplete(steps0, 1), 0.05);
    CHECK_EQ_D(incomplete(steps1, 0), 0.4);
    /* add with max, filter by region: 7; 41 clamped to 40; police (daqing) 2 */
    CHECK_EQ(dept_int(&cfg, 0, "windows"), 7);
    CHECK_EQ(dept_int(&cfg, 1, "windows"), 40);
    CHECK_EQ(dept_int(&cfg, 2, "windows"), 2);
    /* add a fraction to an int: 1 - 2.5 = -1.5 -> -2; the others untouched */
    CHECK_EQ(dept_int(&cfg, 1, "kind"), -2);
    CHECK_EQ(dept_int(&cfg, 0, "kind"), 2);
    /* bool, strings */
    int b = 0;
    CHECK(config_lookup_bool(&cfg, "levers.one_stop", &b) == CONFIG_TRUE && b == 1);
    CHECK_STR(config_setting_get_string(elem(&cfg, "data.links", 0, "mode")), "api");
    CHECK_STR(config_setting_get_string(elem(&cfg, "data.links", 1, "mode")), "api");
    CHECK_STR(text_at(&cfg, "levers.hub_delay"), "exp(5)");
    /* int64 stays exact beyond 2^53 arithmetic range checks; int set by 20.0 */
    long long seed = 0;
    CHECK(config_lookup_int64(&cfg, "scenario.seed", &seed) == CONFIG_TRUE);
    CHECK_EQ(seed, 5000000001ll);
    CHECK_EQ(config_setting_type(config_lookup(&cfg, "scenario.seed")), CONFIG_TYPE_INT64);
    int days = 0;
    CHECK(config_lookup_int(&cfg, "scenario.days", &days) == CONFIG_TRUE && days == 20);
    CHECK_EQ(config_setting_type(config_lookup(&cfg, "scenario.days")), CONFIG_TYPE_INT);
    config_destroy(&cfg);
}
END_TEST

START_TEST(selections_and_creation) {
    config_t cfg;
    patched_tree(&cfg, DIR "select.cfg");
    /* [kind=2] by number: market and police, not tax */
    CHECK_EQ(dept_int(&cfg, 0, "windows"), 1);
    CHECK_EQ(dept_int(&cfg, 1, "windows"), 39);
    /* [region=harbin][kind=2] then police's own add -100 with min 1 */
    CHECK_EQ(dept_int(&cfg, 0, "staff"), 99);
    CHECK_EQ(dept_int(&cfg, 1, "staff"), 7);
    CHECK_EQ(dept_int(&cfg, 2, "staff"), 1);
    /* index 1 only */
    CHECK_EQ_D(dept_float(&cfg, 0, "skill"), 0.8);
    CHECK_EQ_D(dept_float(&cfg, 1, "skill"), 0.5);
    /* index into an array of scalars */
    const config_setting_t *wd = config_lookup(&cfg, "calendar.workdays");
    CHECK_EQ(config_setting_get_int_elem(wd, 0), 7);
    CHECK_EQ(config_setting_get_int_elem(wd, 1), 2);
    /* min with scale 1: 0.4 raised to 0.45 */
    const config_setting_t *steps1 = elem(&cfg, "services", 1, "steps");
    CHECK_EQ_D(incomplete(steps1, 0), 0.45);
    /* created: a lever, and a setting in every department */
    int b = 0;
    CHECK(config_lookup_bool(&cfg, "levers.data_hub", &b) == CONFIG_TRUE && b == 1);
    for (unsigned i = 0; i < 3; i++) CHECK_EQ_D(dept_float(&cfg, i, "error_rate"), 0.01);
    config_destroy(&cfg);
}
END_TEST

/* scale 2 then add 3 gives 2x + 3; add then scale gives 2x + 6. */
START_TEST(composition_in_order) {
    reform_t scale2, add3, both;
    load_reform(&scale2, DIR "scale2.cfg");
    load_reform(&add3, DIR "add3.cfg");
    load_reform(&both, DIR "scale2_add3.cfg");
    config_t ab, ba, one;
    load_tree(&ab, DIR "tree.cfg");
    load_tree(&ba, DIR "tree.cfg");
    load_tree(&one, DIR "tree.cfg");
    apply_ok(&scale2, &ab);
    apply_ok(&add3, &ab);
    apply_ok(&add3, &ba);
    apply_ok(&scale2, &ba);
    apply_ok(&both, &one);
    const int base[3] = {10, 7, 5};
    for (unsigned i = 0; i < 3; i++) {
        CHECK_EQ(dept_int(&ab, i, "staff"), 2 * base[i] + 3);
        CHECK_EQ(dept_int(&ba, i, "staff"), 2 * (base[i] + 3));
        CHECK(dept_int(&ab, i, "staff") != dept_int(&ba, i, "staff"));
    }
    /* A then B is the reform listing A's changes then B's */
    char *t_ab = tree_text(&ab), *t_one = tree_text(&one), *t_ba = tree_text(&ba);
    CHECK_STR(t_ab, t_one);
    CHECK(strcmp(t_ab, t_ba) != 0);
    free(t_ab);
    free(t_one);
    free(t_ba);
    config_destroy(&ab);
    config_destroy(&ba);
    config_destroy(&one);
    reform_free(&scale2);
    reform_free(&add3);
    reform_free(&both);
}
END_TEST

START_TEST(empty_reform_changes_nothing) {
    reform_t empty, scale2;
    load_reform(&empty, DIR "empty.cfg");
    load_reform(&scale2, DIR "scale2.cfg");
    config_t cfg;
    load_tree(&cfg, DIR "tree.cfg");
    char *before = tree_text(&cfg);
    apply_ok(&empty, &cfg);
    char *after = tree_text(&cfg);
    CHECK_STR(after, before);
    /* the comparison would see a change */
    apply_ok(&scale2, &cfg);
    char *changed = tree_text(&cfg);
    CHECK(strcmp(changed, before) != 0);
    free(before);
    free(after);
    free(changed);
    config_destroy(&cfg);
    reform_free(&empty);
    reform_free(&scale2);
}
END_TEST

/* ------------------------------------------------------------ errors */

typedef struct bad_case {
    const char *file;    /* in tests/reforms/                          */
    bool at_load;        /* rejected by reform_load, else by apply      */
    const char *where;   /* what follows "FILE:5: "                     */
    const char *says[3]; /* texts the message must contain              */
} bad_case_t;

static const bad_case_t BAD[] = {
    {"err_unknown_key", true, "changes[1].scal: ", {"unknown setting", "did you mean 'scale'"}},
    {"err_two_ops",
     true,
     "changes[1].add: ",
     {"a second operation after 'scale'", "exactly one of set, scale, add"}},
    {"err_no_op", true, "changes[1]: ", {"no operation", "exactly one of set, scale, add"}},
    {"err_path_dots",
     true,
     "changes[1].path: ",
     {"malformed path 'departments..staff'", "empty name at character 13"}},
    {"err_path_bracket",
     true,
     "changes[1].path: ",
     {"malformed path", "unterminated '[' "
                        "at character 12"}},
    {"err_path_nokey",
     true,
     "changes[1].path: ",
     {"malformed path 'departments[=3].staff'", "expected key=value after '['"}},
    {"err_path_star_top", true, "changes[1].path: ", {"starts with the name of a top-level"}},
    {"err_clamp_text",
     true,
     "changes[1].max: ",
     {"min and max clamp numbers", "this change sets text"}},
    {"err_clamp_order", true, "changes[1].max: ", {"max 3 is below min 5"}},
    {"err_scale_text_op", true, "changes[1].scale: ", {"text where a number belongs"}},
    {"err_clamp_type", true, "changes[1].min: ", {"text where a number belongs"}},
    {"err_no_region",
     false,
     "changes[1].path: ",
     {"'departments[region=harbn].staff' matches nothing at 'departments[region=harbn]'",
      "no department has region = harbn", "region values there: harbin, daqing"}},
    {"err_no_later_filter",
     false,
     "changes[1].path: ",
     {"at 'departments[region=harbin][kind=3]'",
      "no department left by the filters before it has kind = 3", "kind values there: 2, 1"}},
    {"err_no_key", false, "changes[1].path: ", {"no department has a setting 'regon'"}},
    {"err_no_member",
     false,
     "changes[1].path: ",
     {"matches nothing at 'departments.*.stafff'",
      "none of the 3 settings matched by 'departments.*' has a setting 'stafff'",
      "the first has: id, region, staff"}},
    {"err_no_top",
     false,
     "changes[1].path: ",
     {"matches nothing at 'departmentz'", "no top-level setting 'departmentz'",
      "scenario, regions, departments"}},
    {"err_no_lever",
     false,
     "changes[1].path: ",
     {"'levers' (tests/reforms/tree.cfg:21) has no setting 'one_stp'",
      "it has: one_stop, hub_delay"}},
    {"err_no_index",
     false,
     "changes[1].path: ",
     {"matches nothing at 'departments.7'", "'departments' (tests/reforms/tree.cfg:5) has 3 "
                                            "elements (index 7 is out of range"}},
    {"err_no_elements",
     false,
     "changes[1].path: ",
     {"matches nothing at 'empty.*'", "'empty' (tests/reforms/tree.cfg:22) is empty"}},
    {"err_scale_string",
     false,
     "changes[1].scale: ",
     {"cannot scale 'departments[0].id' (tests/reforms/tree.cfg:6)", "it is text",
      "scale and add need a number"}},
    {"err_set_text_num",
     false,
     "changes[1].set: ",
     {"cannot set 'departments[0].staff' (tests/reforms/tree.cfg:6)", "a whole number",
      "the new value \"abc\" is text"}},
    {"err_set_num_bool",
     false,
     "changes[1].set: ",
     {"cannot set 'levers.one_stop'", "it is true or false", "the new value 1 is a whole number"}},
    {"err_set_frac_int",
     false,
     "changes[1].set: ",
     {"cannot set 'departments[0].staff' (tests/reforms/tree.cfg:6) to 2.5",
      "it is a whole number"}},
    {"err_frac_clamp_int",
     false,
     "changes[1].max: ",
     {"7.5 cannot bound 'departments[0].staff'", "a whole number"}},
    {"err_not_group",
     false,
     "changes[1].path: ",
     {"'departments.staff': 'departments' (tests/reforms/tree.cfg:5) is a list, not a group",
      "select its elements with '*', '[key=value]' or an index"}},
    {"err_scalar_parent",
     false,
     "changes[1].path: ",
     {"'levers.one_stop.x.y' at 'levers.one_stop.x': 'levers.one_stop'",
      "is true or false, not a group"}},
    {"err_not_list",
     false,
     "changes[1].path: ",
     {"'levers.*': 'levers' (tests/reforms/tree.cfg:21)",
      "is a group, not a list (name one of its settings)"}},
    {"err_set_group",
     false,
     "changes[1].set: ",
     {"cannot set 'departments[0]'", "it is a group", "change single values"}},
    {"err_int_overflow",
     false,
     "changes[1].scale: ",
     {"the new value of 'departments[0].staff'", "does not fit a whole number", "5000000000L"}},
};

START_TEST(every_error) {
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const bad_case_t *c = &BAD[i];
        char file[256], want[512], err[ERR_LEN] = "";
        snprintf(file, sizeof file, DIR "%s.cfg", c->file);
        snprintf(want, sizeof want, "%s:5: %s", file, c->where);
        reform_t r;
        int rc = reform_load(&r, file, err, sizeof err);
        if (c->at_load) {
            if (rc == 0) ck_abort_msg("%s: loaded", file);
            CHECK(r.cfg.root == NULL && r.id[0] == '\0'); /* left empty */
        } else {
            if (rc != 0) ck_abort_msg("%s: should load: %s", file, err);
            config_t cfg;
            load_tree(&cfg, DIR "tree.cfg");
            rc = reform_apply(&r, &cfg, err, sizeof err);
            config_destroy(&cfg);
            if (rc == 0) ck_abort_msg("%s: applied", file);
        }
        reform_free(&r);
        if (strncmp(err, want, strlen(want)) != 0)
            ck_abort_msg("%s: message \"%s\" does not start with \"%s\"", file, err, want);
        for (size_t k = 0; k < 3 && c->says[k]; k++)
            if (!strstr(err, c->says[k]))
                ck_abort_msg("%s: message \"%s\" lacks \"%s\"", file, err, c->says[k]);
        CHECK(strchr(err, '\n') == NULL);
    }
}
END_TEST

START_TEST(file_level_errors) {
    reform_t r;
    char err[ERR_LEN] = "";
    CHECK_EQ(reform_load(&r, DIR "err_syntax.cfg", err, sizeof err), -1);
    CHECK(strncmp(err, DIR "err_syntax.cfg:1: syntax error", 38) == 0);
    reform_free(&r);
    CHECK_EQ(reform_load(&r, DIR "err_header_key.cfg", err, sizeof err), -1);
    CHECK(strncmp(err, DIR "err_header_key.cfg:2: reform.cost_per_yaer: unknown setting",
                  strlen(DIR "err_header_key.cfg:2: reform.cost_per_yaer: unknown setting")) == 0);
    CHECK(strstr(err, "did you mean 'cost_per_year'"));
    CHECK_EQ(reform_load(&r, DIR "no_such_reform.cfg", err, sizeof err), -1);
    CHECK(strstr(err, DIR "no_such_reform.cfg: cannot read"));
    reform_free(&r);
    /* a scenario missing a required group is not a reform */
    CHECK_EQ(reform_load(&r, DIR "tree.cfg", err, sizeof err), -1);
    CHECK(strstr(err, DIR "tree.cfg:3: scenario: unknown setting"));
    reform_free(&r);
    /* the scenario-tree helper reports file:line */
    config_t cfg;
    CHECK_EQ(
        reform_load_scenario_tree(&cfg, "tests/scenarios/bad/01_syntax_error.cfg", err, sizeof err),
        -1);
    CHECK(strncmp(err, "tests/scenarios/bad/01_syntax_error.cfg:", 40) == 0);
    config_destroy(&cfg);
}
END_TEST

/* A change that fails after earlier ones applied leaves them applied (the
 * documented contract: the caller discards the tree). */
START_TEST(error_leaves_earlier_changes) {
    reform_t r;
    load_reform(&r, DIR "err_no_region.cfg");
    config_t cfg;
    load_tree(&cfg, DIR "tree.cfg");
    char err[ERR_LEN];
    CHECK_EQ(reform_apply(&r, &cfg, err, sizeof err), -1);
    CHECK_EQ(dept_int(&cfg, 0, "windows"), 5); /* add 0: applied, no change */
    config_destroy(&cfg);
    reform_free(&r);
}
END_TEST

/* ------------------------------------------------------------ end to end */

START_TEST(full_scenario_staff_doubled) {
    const char *path = "tests/scenarios/good/full.cfg";
    char err[ERR_LEN] = "";
    scn_t base, patched;
    if (scn_load(&base, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    reform_t r;
    load_reform(&r, DIR "double_staff.cfg");
    config_t cfg;
    load_tree(&cfg, path);
    apply_ok(&r, &cfg);
    if (scn_from_config(&patched, &cfg, path, err, sizeof err) != 0)
        ck_abort_msg("patched full.cfg rejected: %s", err);
    CHECK_EQ(base.n_departments, 3);
    CHECK_EQ(patched.n_departments, 3);
    const int want[3] = {24, 16, 10};
    for (size_t i = 0; i < 3; i++) {
        CHECK_EQ(base.departments[i].staff * 2, patched.departments[i].staff);
        CHECK_EQ(patched.departments[i].staff, want[i]);
        CHECK_EQ(base.departments[i].windows, patched.departments[i].windows);
        CHECK_EQ_D(base.departments[i].skill, patched.departments[i].skill);
    }
    CHECK_EQ(base.seed, patched.seed);
    /* doubled staff halves the back-office load */
    CHECK_APPROX(patched.departments[0].back_util, base.departments[0].back_util / 2);
    scn_free(&base);
    scn_free(&patched);
    config_destroy(&cfg);
    reform_free(&r);
}
END_TEST

/* The empty reform on full.cfg builds the same scenario as scn_load. */
START_TEST(full_scenario_empty_reform) {
    const char *path = "tests/scenarios/good/full.cfg";
    char err[ERR_LEN] = "";
    scn_t base, patched;
    if (scn_load(&base, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    reform_t r;
    load_reform(&r, DIR "empty.cfg");
    config_t cfg;
    load_tree(&cfg, path);
    apply_ok(&r, &cfg);
    if (scn_from_config(&patched, &cfg, path, err, sizeof err) != 0) ck_abort_msg("%s", err);
    for (size_t i = 0; i < base.n_departments; i++) {
        CHECK_EQ(base.departments[i].staff, patched.departments[i].staff);
        CHECK_EQ_D(base.departments[i].back_util, patched.departments[i].back_util);
    }
    CHECK_EQ_D(base.services[0].online_share, patched.services[0].online_share);
    scn_free(&base);
    scn_free(&patched);
    config_destroy(&cfg);
    reform_free(&r);
}
END_TEST

extern Suite *suite_reform(void);
Suite *suite_reform(void) {
    Suite *s = suite_create("reform");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, header_fields);
    tcase_add_test(tc, ops_on_every_type);
    tcase_add_test(tc, selections_and_creation);
    tcase_add_test(tc, composition_in_order);
    tcase_add_test(tc, empty_reform_changes_nothing);
    tcase_add_test(tc, every_error);
    tcase_add_test(tc, file_level_errors);
    tcase_add_test(tc, error_leaves_earlier_changes);
    tcase_add_test(tc, full_scenario_staff_doubled);
    tcase_add_test(tc, full_scenario_empty_reform);
    suite_add_tcase(s, tc);
    return s;
}
