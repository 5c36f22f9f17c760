/* Every bundled plan (scenarios/plans/) loads: its reforms exist, apply to
 * its scenario, and each changes something there (a reform the scenario
 * already has would be a candidate that costs money and buys nothing). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "plan.h"

START_TEST(test_bundled_plans_load) {
    DIR *d = opendir("scenarios/plans");
    ck_assert_msg(d != NULL, "no scenarios/plans");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0) continue;
        char path[512], err[2048];
        snprintf(path, sizeof path, "scenarios/plans/%s", e->d_name);
        plan_t p;
        int rc = plan_load(&p, path, err, sizeof err);
        ck_assert_msg(rc == 0, "%s: %s", path, err);
        plan_free(&p);
        n++;
    }
    closedir(d);
    CHECK(n >= 4);
}
END_TEST

extern Suite *suite_plan_bundled(void);
Suite *suite_plan_bundled(void) {
    Suite *s = suite_create("plan_bundled");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_bundled_plans_load);
    suite_add_tcase(s, tc);
    return s;
}
