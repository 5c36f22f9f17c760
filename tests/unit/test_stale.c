/*
 * test_stale.c - temporary files a killed run left behind
 * (output/out_file.h, out_file_remove_stale): removed by kind when no
 * process holds them; files still being written, other kinds and other
 * files are left alone.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"
#include "out_file.h"
#include "tmpdir.h"

static void touch(const char *dir, const char *name) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "x\n", 2) == 2);
    CHECK(close(fd) == 0);
}

static bool exists(const char *dir, const char *name) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* Only ".NAME.tmp.XXXXXX" of the kinds asked for, nothing else. */
START_TEST(test_removes_only_stale_temporaries_of_its_kinds) {
    char dir[64], err[512] = "";
    make_tmpdir(dir, sizeof dir);
    touch(dir, ".summary.csv.tmp.Ab12Cd");
    touch(dir, ".changes.png.tmp.Zz99zz");
    touch(dir, ".notes.txt.tmp.Ab12Cd");     /* another kind */
    touch(dir, "summary.csv");               /* a final file */
    touch(dir, ".summary.csv.tmp.toolong1"); /* not our pattern */
    touch(dir, ".tmp.Ab12Cd");               /* no NAME */
    const char *const kinds[] = {"summary.csv", "*.png", NULL};
    CHECK(out_file_remove_stale(dir, kinds, err, sizeof err) == 2);
    CHECK(!exists(dir, ".summary.csv.tmp.Ab12Cd"));
    CHECK(!exists(dir, ".changes.png.tmp.Zz99zz"));
    CHECK(exists(dir, ".notes.txt.tmp.Ab12Cd"));
    CHECK(exists(dir, "summary.csv"));
    CHECK(exists(dir, ".summary.csv.tmp.toolong1"));
    CHECK(exists(dir, ".tmp.Ab12Cd"));
    CHECK(out_file_remove_stale(dir, NULL, err, sizeof err) == 1); /* any kind */
    CHECK(!exists(dir, ".notes.txt.tmp.Ab12Cd"));
    remove_tree(dir);
}
END_TEST

/* A file being written (open, not committed) is held: left alone, and its
 * commit still works. */
START_TEST(test_leaves_files_being_written) {
    char dir[64], err[512] = "";
    make_tmpdir(dir, sizeof dir);
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.csv", err, sizeof err);
    CHECK(fp != NULL);
    fputs("a,b\n", fp);
    CHECK(out_file_remove_stale(dir, NULL, err, sizeof err) == 0);
    CHECK(access(f.tmp_path, F_OK) == 0);
    CHECK(out_file_commit(&f, err, sizeof err) == 0);
    CHECK(exists(dir, "summary.csv"));
    remove_tree(dir);
}
END_TEST

/* A process that dies between open and commit (as under SIGKILL) leaves
 * its temporary file; the kernel drops its lock, so the next call removes
 * it. */
START_TEST(test_removes_a_dead_writers_file) {
    char dir[64], err[512] = "";
    make_tmpdir(dir, sizeof dir);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        out_file_t f;
        char e[256];
        _exit(out_file_open(&f, dir, "report.html", e, sizeof e) != NULL ? 0 : 1);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const char *const kinds[] = {"report.html", NULL};
    CHECK(out_file_remove_stale(dir, kinds, err, sizeof err) == 1);
    CHECK(out_file_remove_stale(dir, kinds, err, sizeof err) == 0);
    CHECK(rmdir(dir) == 0); /* nothing left */
}
END_TEST

START_TEST(test_missing_folder_is_no_error) {
    char err[512] = "";
    CHECK(out_file_remove_stale("/nonexistent-govsim/x", NULL, err, sizeof err) == 0);
}
END_TEST

extern Suite *suite_stale(void);
Suite *suite_stale(void) {
    Suite *s = suite_create("stale");
    TCase *tc = tcase_create("remove");
    tcase_add_test(tc, test_removes_only_stale_temporaries_of_its_kinds);
    tcase_add_test(tc, test_leaves_files_being_written);
    tcase_add_test(tc, test_removes_a_dead_writers_file);
    tcase_add_test(tc, test_missing_folder_is_no_error);
    suite_add_tcase(s, tc);
    return s;
}
