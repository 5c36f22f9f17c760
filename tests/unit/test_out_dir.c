/* Unit tests for the output folder (output/out_dir.h): ready makes the
 * folder or says why not; clear removes the named files and their
 * temporary files, and nothing else. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "checks.h"
#include "out_dir.h"
#include "tmpdir.h"

static void touch(const char *dir, const char *name) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fclose(f);
}

static bool exists(const char *dir, const char *name) {
    char path[1200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0;
}

START_TEST(test_ready_makes_and_refuses) {
    char dir[256], sub[400], err[512];
    make_tmpdir(dir, sizeof dir);
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    CHECK_EQ(out_dir_ready(sub, err, sizeof err), 0);
    touch(dir, "file");
    snprintf(sub, sizeof sub, "%s/file/out", dir);
    CHECK_EQ(out_dir_ready(sub, err, sizeof err), -1);
    CHECK(strstr(err, "file") != NULL);
    CHECK(strchr(err, '\n') == NULL);
    /* the probe leaves nothing behind */
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    DIR *d = opendir(sub);
    CHECK(d != NULL);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) != NULL) n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
    closedir(d);
    CHECK_EQ(n, 0);
    remove_tree(dir);
}
END_TEST

START_TEST(test_clear_only_own_files) {
    char dir[256], err[512];
    make_tmpdir(dir, sizeof dir);
    static const char *const mine[] = {"summary.csv", "report.html"};
    static const char *const charts[] = {"regions"};
    touch(dir, "summary.csv");
    touch(dir, ".summary.csv.tmp.Ab12Cd");
    touch(dir, "regions.png");
    touch(dir, "regions.gp");
    touch(dir, ".regions.svg.tmp.xxxxxx");
    touch(dir, "notes.txt");
    touch(dir, "summary.csv.bak");
    touch(dir, ".summary.csv.tmp.toolong1");
    touch(dir, ".other.csv.tmp.Ab12Cd");
    char sub[400];
    snprintf(sub, sizeof sub, "%s/report.html", dir);
    CHECK_EQ(mkdir(sub, 0777), 0); /* not a file: left alone */
    CHECK_EQ(out_dir_clear(dir, mine, 2, err, sizeof err), 0);
    CHECK_EQ(out_dir_clear_charts(dir, charts, 1, err, sizeof err), 0);
    CHECK(!exists(dir, "summary.csv"));
    CHECK(!exists(dir, ".summary.csv.tmp.Ab12Cd"));
    CHECK(!exists(dir, "regions.png"));
    CHECK(!exists(dir, "regions.gp"));
    CHECK(!exists(dir, ".regions.svg.tmp.xxxxxx"));
    CHECK(exists(dir, "notes.txt"));
    CHECK(exists(dir, "summary.csv.bak"));
    CHECK(exists(dir, ".summary.csv.tmp.toolong1"));
    CHECK(exists(dir, ".other.csv.tmp.Ab12Cd"));
    CHECK(exists(dir, "report.html"));
    /* nothing to remove is fine */
    CHECK_EQ(out_dir_clear(dir, mine, 2, err, sizeof err), 0);
    remove_tree(dir);
}
END_TEST

extern Suite *suite_out_dir(void);
Suite *suite_out_dir(void) {
    Suite *s = suite_create("out_dir");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_ready_makes_and_refuses);
    tcase_add_test(tc, test_clear_only_own_files);
    suite_add_tcase(s, tc);
    return s;
}
