/* Unit tests for --set PATH=VALUE (models/reform.h, reform_set_apply):
 * where the path ends, how the value is read, what the messages say. */
#include <check.h>
#include <libconfig.h>
#include <string.h>

#include "checks.h"
#include "reform.h"

static const char *const TREE =
    "departments = ( { id = \"tax\"; staff = 2; windows = 1; skill = 1.0; open = true; },\n"
    "                { id = \"police\"; staff = 3; windows = 2; skill = 1.0; open = true; } );\n"
    "scenario = { id = \"t\"; name = \"T\"; };\n";

static void load(config_t *c) {
    config_init(c);
    config_set_auto_convert(c, CONFIG_TRUE);
    CHECK(config_read_string(c, TREE) == CONFIG_TRUE);
}

START_TEST(test_selector_with_equals) {
    config_t c;
    load(&c);
    char err[512] = "";
    CHECK(reform_set_apply("departments[id=tax].windows=4", &c, err, sizeof err) == 0);
    int v = 0;
    CHECK(config_lookup_int(&c, "departments.[0].windows", &v) == CONFIG_TRUE && v == 4);
    CHECK(config_lookup_int(&c, "departments.[1].windows", &v) == CONFIG_TRUE && v == 2);
    config_destroy(&c);
}
END_TEST

START_TEST(test_value_types) {
    config_t c;
    load(&c);
    char err[512] = "";
    double d = 0;
    int b = 1;
    const char *t = NULL;
    CHECK(reform_set_apply("departments.*.skill=0.75", &c, err, sizeof err) == 0);
    CHECK(config_lookup_float(&c, "departments.[1].skill", &d) == CONFIG_TRUE && d == 0.75);
    CHECK(reform_set_apply("departments[id=police].open=false", &c, err, sizeof err) == 0);
    CHECK(config_lookup_bool(&c, "departments.[1].open", &b) == CONFIG_TRUE && b == 0);
    CHECK(reform_set_apply("scenario.name=\"Quoted, with = and ;\"", &c, err, sizeof err) == 0);
    CHECK(config_lookup_string(&c, "scenario.name", &t) == CONFIG_TRUE &&
          strcmp(t, "Quoted, with = and ;") == 0);
    /* not a libconfig value: the text as written, never a second setting */
    CHECK(reform_set_apply("scenario.name=Harbin 2021; id = 1", &c, err, sizeof err) == 0);
    CHECK(config_lookup_string(&c, "scenario.name", &t) == CONFIG_TRUE &&
          strcmp(t, "Harbin 2021; id = 1") == 0);
    CHECK(config_lookup_string(&c, "scenario.id", &t) == CONFIG_TRUE && strcmp(t, "t") == 0);
    config_destroy(&c);
}
END_TEST

START_TEST(test_messages) {
    config_t c;
    load(&c);
    char err[512] = "";
    CHECK(reform_set_apply("departments[id=nope].staff=2", &c, err, sizeof err) == -1);
    CHECK(strncmp(err, "--set 'departments[id=nope].staff=2': departments[id=nope].staff: ", 65) ==
          0);
    CHECK(strstr(err, "matches nothing") != NULL);
    CHECK(reform_set_apply("departments.*.staff=many", &c, err, sizeof err) == -1);
    CHECK(strstr(err, "--set 'departments.*.staff=many': ") == err);
    CHECK(reform_set_apply("departments.*.staff=[1, 2]", &c, err, sizeof err) == -1);
    CHECK(strstr(err, "a list where a value belongs") != NULL);
    CHECK(reform_set_apply("staff", &c, err, sizeof err) == -1);
    CHECK(strstr(err, "no '=' outside brackets") != NULL);
    CHECK(reform_set_apply("=3", &c, err, sizeof err) == -1);
    CHECK(strstr(err, "no path") != NULL);
    CHECK(reform_set_apply("departments.*.staff=", &c, err, sizeof err) == -1);
    CHECK(strstr(err, "no value") != NULL);
    CHECK(reform_set_apply("departments[id=tax.staff", &c, err, sizeof err) == -1);
    config_destroy(&c);
}
END_TEST

START_TEST(test_blame) {
    char err[80] = "x.cfg:3: staff: below 1";
    const char *sets[] = {"a=1", "b=2"};
    reform_set_blame(err, sizeof err, sets, 2);
    CHECK(strcmp(err, "x.cfg:3: staff: below 1 (after --set 'a=1', --set 'b=2')") == 0);
    reform_set_blame(err, sizeof err, sets, 0);
    CHECK(strcmp(err, "x.cfg:3: staff: below 1 (after --set 'a=1', --set 'b=2')") == 0);
    char small[16] = "short";
    reform_set_blame(small, sizeof small, sets, 2); /* cut, never past the end */
    CHECK(strlen(small) == sizeof small - 1);
}
END_TEST

extern Suite *suite_reform_set(void);
Suite *suite_reform_set(void) {
    Suite *s = suite_create("reform_set");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_selector_with_equals);
    tcase_add_test(tc, test_value_types);
    tcase_add_test(tc, test_messages);
    tcase_add_test(tc, test_blame);
    suite_add_tcase(s, tc);
    return s;
}
