/* Unit tests for the output layer (output/): atomic files and mkdir -p,
 * the escapers (CSV, JSON, HTML, gnuplot), tidy CSV rows, the streaming
 * JSON writer and terminal tables.  Expected texts are written out in full:
 * a writer is right when its bytes are. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks.h"
#include "out_csv.h"
#include "text.h"
#include "out_file.h"
#include "out_json.h"
#include "out_table.h"
#include "tmpdir.h"

#define REPL TEXT_UTF8_REPLACEMENT

/* ---------------------------------------------------------------- helpers */

/* Entries of a directory other than . and .. (-1 if it cannot be read). */
static int count_entries(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

/* The whole content of a file (malloc'ed), or NULL if it cannot be read. */
static char *slurp(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int c;
    while ((c = getc(fp)) != EOF) putc(c, mem);
    fclose(fp);
    fclose(mem);
    return buf;
}

static bool exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* What an escaper writes for s. */
static char *render(void (*escape)(FILE *, const char *), const char *s) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    CHECK(fp != NULL);
    escape(fp, s);
    CHECK(fclose(fp) == 0);
    return buf;
}

#define CHECK_RENDER(escape, input, expected)                                                      \
    do {                                                                                           \
        char *got_ = render(escape, input);                                                        \
        CHECK_STR(got_, expected);                                                                 \
        free(got_);                                                                                \
    } while (0)

/* ------------------------------------------------------------- out_file */

START_TEST(test_file_appears_only_after_commit) {
    char dir[64], path[128], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    mode_t old_mask = umask(027);

    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.csv", err, sizeof err);
    CHECK(fp != NULL);
    fputs("kpi,mean\nwait,12.5\n", fp);
    CHECK(!exists(path));            /* not under its name yet */
    CHECK_EQ(count_entries(dir), 1); /* only the hidden temporary */
    const char *base = strrchr(f.tmp_path, '/') + 1;
    CHECK(strncmp(base, ".summary.csv.tmp.", 17) == 0);
    CHECK(exists(f.tmp_path));

    CHECK_EQ(out_file_commit(&f, err, sizeof err), 0);
    umask(old_mask);
    CHECK(f.fp == NULL && f.tmp_path == NULL);
    CHECK_EQ(count_entries(dir), 1); /* the temporary became the file */
    char *text = slurp(path);
    CHECK_STR(text, "kpi,mean\nwait,12.5\n");
    free(text);
    struct stat st;
    CHECK(stat(path, &st) == 0);
    CHECK_EQ(st.st_mode & 0777, 0640); /* 0666 minus umask, not 0600 */
    out_file_abort(&f);                /* closed handle: nothing */
    CHECK_EQ(count_entries(dir), 1);
    remove_tree(dir);
}
END_TEST

START_TEST(test_file_commit_replaces_old_file) {
    char dir[64], path[128], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/report.html", dir);
    write_text(path, "old");
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "report.html", err, sizeof err);
    CHECK(fp != NULL);
    fputs("new", fp);
    char *text = slurp(path);
    CHECK_STR(text, "old"); /* readers still see the old one */
    free(text);
    CHECK_EQ(out_file_commit(&f, err, sizeof err), 0);
    text = slurp(path);
    CHECK_STR(text, "new");
    free(text);
    CHECK_EQ(count_entries(dir), 1);
    remove_tree(dir);
}
END_TEST

START_TEST(test_file_abort_leaves_nothing) {
    char dir[64], path[128], err[256];
    make_tmpdir(dir, sizeof dir);
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "a.json", err, sizeof err);
    CHECK(fp != NULL);
    fputs("{\"half\": ", fp);
    out_file_abort(&f);
    CHECK_EQ(count_entries(dir), 0);
    out_file_abort(&f); /* twice is harmless */

    /* An existing file survives an aborted rewrite. */
    snprintf(path, sizeof path, "%s/a.json", dir);
    write_text(path, "{}\n");
    fp = out_file_open(&f, dir, "a.json", err, sizeof err);
    CHECK(fp != NULL);
    fputs("[1, 2", fp);
    out_file_abort(&f);
    char *text = slurp(path);
    CHECK_STR(text, "{}\n");
    free(text);
    CHECK_EQ(count_entries(dir), 1);
    remove_tree(dir);
}
END_TEST

START_TEST(test_file_missing_dir) {
    char dir[64], missing[128], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(missing, sizeof missing, "%s/no/such", dir);
    out_file_t f;
    err[0] = '\0';
    CHECK(out_file_open(&f, missing, "x.csv", err, sizeof err) == NULL);
    CHECK(strstr(err, missing) != NULL);
    CHECK(strstr(err, "No such file or directory") != NULL);
    out_file_abort(&f); /* a failed open leaves f closed */

    /* The directory disappears between open and commit: commit fails,
     * says why, and nothing appears under the final name. */
    char sub[128], moved[128], final_path[160];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(moved, sizeof moved, "%s/moved", dir);
    snprintf(final_path, sizeof final_path, "%s/x.csv", sub);
    CHECK_EQ(out_mkdir_p(sub, err, sizeof err), 0);
    FILE *fp = out_file_open(&f, sub, "x.csv", err, sizeof err);
    CHECK(fp != NULL);
    fputs("a,b\n", fp);
    CHECK(rename(sub, moved) == 0);
    CHECK_EQ(out_file_commit(&f, err, sizeof err), -1);
    CHECK(strstr(err, "cannot rename") != NULL);
    CHECK(strstr(err, final_path) != NULL);
    CHECK(f.fp == NULL && f.tmp_path == NULL);
    CHECK(!exists(final_path));
    remove_tree(dir);
}
END_TEST

START_TEST(test_file_bad_names) {
    char dir[64], err[256];
    make_tmpdir(dir, sizeof dir);
    const char *bad[] = {"", ".", "..", "a/b", "/etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        out_file_t f;
        err[0] = '\0';
        CHECK(out_file_open(&f, dir, bad[i], err, sizeof err) == NULL);
        CHECK(strstr(err, "plain file name") != NULL);
    }
    CHECK_EQ(count_entries(dir), 0);
    /* "" is the current directory; a trailing '/' is not doubled. */
    out_file_t f;
    char with_slash[80];
    snprintf(with_slash, sizeof with_slash, "%s/", dir);
    CHECK(out_file_open(&f, with_slash, "ok.txt", err, sizeof err) != NULL);
    CHECK(strncmp(f.final_path, dir, strlen(dir)) == 0);
    CHECK_STR(f.final_path + strlen(dir), "/ok.txt");
    out_file_abort(&f);
    remove_tree(dir);
}
END_TEST

/* In a child process (the limit and signal disposition must not leak into
 * the other tests): write past RLIMIT_FSIZE, the disk-full failure one can
 * provoke without a full disk, and check that commit fails and the old
 * file is untouched.  Returns an exit code, 0 when all is as it should be. */
static int child_write_past_limit(const char *dir) {
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/big.csv", dir);
    signal(SIGXFSZ, SIG_IGN); /* write() fails with EFBIG */
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) != 0) return 10;
    lim.rlim_cur = 8192;
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) return 11;
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "big.csv", err, sizeof err);
    if (fp == NULL) return 12;
    for (int i = 0; i < 20000; i++) fputs("0123456789\n", fp);
    if (out_file_commit(&f, err, sizeof err) != -1) return 13;
    if (strstr(err, "cannot write") == NULL || strstr(err, path) == NULL) return 14;
    if (count_entries(dir) != 1) return 15; /* temporary removed */
    char *text = slurp(path);
    int rc = text != NULL && strcmp(text, "old\n") == 0 ? 0 : 16;
    free(text);
    return rc;
}

START_TEST(test_file_write_failure_keeps_old_file) {
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/big.csv", dir);
    write_text(path, "old\n");
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) _exit(child_write_past_limit(dir));
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 0);
    remove_tree(dir);
}
END_TEST

/* A write that failed earlier, whose data stdio dropped, is known only by
 * the stream's error flag; commit must not take the flushed rest for the
 * whole file.  (Reading a write-only stream is the portable way to raise
 * the flag without a failing disk.) */
START_TEST(test_file_commit_checks_error_flag) {
    char dir[64], path[128], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "summary.csv", err, sizeof err);
    CHECK(fp != NULL);
    fputs("kpi,mean\n", fp);
    CHECK(fflush(fp) == 0); /* C11 7.21.5.3: before input */
    CHECK(getc(fp) == EOF && ferror(fp));
    CHECK_EQ(out_file_commit(&f, err, sizeof err), -1);
    CHECK(strstr(err, "cannot write") != NULL && strstr(err, path) != NULL);
    CHECK(!exists(path));
    CHECK_EQ(count_entries(dir), 0);
    remove_tree(dir);
}
END_TEST

START_TEST(test_mkdir_p_nested) {
    char dir[64], path[160], err[256];
    make_tmpdir(dir, sizeof dir);
    mode_t old_mask = umask(027);
    snprintf(path, sizeof path, "%s/results/xuzhou-compare/plots", dir);
    CHECK_EQ(out_mkdir_p(path, err, sizeof err), 0);
    umask(old_mask);
    struct stat st;
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_mode & 0777, 0750);
    CHECK_EQ(out_mkdir_p(path, err, sizeof err), 0); /* exists: fine */
    snprintf(path, sizeof path, "%s//a///b/", dir);  /* odd slashes */
    CHECK_EQ(out_mkdir_p(path, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/a/b", dir);
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_EQ(out_mkdir_p("/", err, sizeof err), 0);
    CHECK_EQ(out_mkdir_p("/tmp", err, sizeof err), 0);
    CHECK_EQ(out_mkdir_p("", err, sizeof err), -1);
    remove_tree(dir);
}
END_TEST

START_TEST(test_mkdir_p_file_in_the_way) {
    char dir[64], file[128], path[160], err[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(file, sizeof file, "%s/results", dir);
    write_text(file, "I am a file\n");
    snprintf(path, sizeof path, "%s/results/run/plots", dir);
    err[0] = '\0';
    CHECK_EQ(out_mkdir_p(path, err, sizeof err), -1);
    CHECK(strstr(err, path) != NULL);
    CHECK(strstr(err, "'") != NULL && strstr(err, file) != NULL);
    CHECK(strstr(err, "not a directory") != NULL);
    err[0] = '\0';
    CHECK_EQ(out_mkdir_p(file, err, sizeof err), -1); /* the target itself */
    CHECK(strstr(err, "not a directory") != NULL);
    char *text = slurp(file);
    CHECK_STR(text, "I am a file\n"); /* untouched */
    free(text);
    remove_tree(dir);
}
END_TEST

/* ------------------------------------------------------------ base/text */

START_TEST(test_utf8_decode) {
    size_t n;
    CHECK_EQ(text_utf8_next("A", &n), 0x41);
    CHECK_EQ(n, 1);
    CHECK_EQ(text_utf8_next("\xC3\xA9", &n), 0xE9); /* é */
    CHECK_EQ(n, 2);
    CHECK_EQ(text_utf8_next("\xE4\xB8\xAD", &n), 0x4E2D); /* 中 */
    CHECK_EQ(n, 3);
    CHECK_EQ(text_utf8_next("\xF0\x9F\x98\x80", &n), 0x1F600);
    CHECK_EQ(n, 4);
    CHECK_EQ(text_utf8_next("\xF4\x8F\xBF\xBF", &n), 0x10FFFF);
    CHECK_EQ(n, 4);
    /* Ill-formed: the maximal subpart is consumed. */
    CHECK(text_utf8_next("\x80", &n) < 0 && n == 1);             /* stray */
    CHECK(text_utf8_next("\xC0\xAF", &n) < 0 && n == 1);         /* overlong */
    CHECK(text_utf8_next("\xE0\x80\x80", &n) < 0 && n == 1);     /* overlong */
    CHECK(text_utf8_next("\xED\xA0\x80", &n) < 0 && n == 1);     /* surrogate */
    CHECK(text_utf8_next("\xF4\x90\x80\x80", &n) < 0 && n == 1); /* >10FFFF */
    CHECK(text_utf8_next("\xE4\xB8", &n) < 0 && n == 2);         /* truncated */
    CHECK(text_utf8_next("\xF0\x9F\x98x", &n) < 0 && n == 3);
    CHECK(text_utf8_next("\xFF", &n) < 0 && n == 1);
}
END_TEST

START_TEST(test_csv_field_quoting) {
    CHECK_RENDER(text_csv_field, "plain", "plain");
    CHECK_RENDER(text_csv_field, "", "");
    CHECK_RENDER(text_csv_field, NULL, "");
    CHECK_RENDER(text_csv_field, "a,b", "\"a,b\"");
    CHECK_RENDER(text_csv_field, "say \"hi\"", "\"say \"\"hi\"\"\"");
    CHECK_RENDER(text_csv_field, "\"", "\"\"\"\"");
    CHECK_RENDER(text_csv_field, "two\nlines", "\"two\nlines\"");
    CHECK_RENDER(text_csv_field, "cr\r", "\"cr\r\"");
    CHECK_RENDER(text_csv_field, "a b;c'd", "a b;c'd");
    /* Formula starters are quoted, nothing is prefixed. */
    CHECK_RENDER(text_csv_field, "=HYPERLINK(\"x\")", "\"=HYPERLINK(\"\"x\"\")\"");
    CHECK_RENDER(text_csv_field, "+1", "\"+1\"");
    CHECK_RENDER(text_csv_field, "-3 dB", "\"-3 dB\"");
    CHECK_RENDER(text_csv_field, "@SUM(A1)", "\"@SUM(A1)\"");
    CHECK_RENDER(text_csv_field, "\tx", "\"\tx\"");
    CHECK_RENDER(text_csv_field, "a=b-c", "a=b-c"); /* only when leading */
    CHECK_RENDER(text_csv_field, "市场监管局", "市场监管局");
    CHECK_RENDER(text_csv_field, "a\xFF,b", "\"a" REPL ",b\"");
}
END_TEST

START_TEST(test_csv_rows) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    const char *names[] = {"scenario", "kpi", "mean", "ci_low", "n"};
    out_csv_header(fp, names, 5);
    out_csv_row(fp,
                (out_cell_t[]){out_cell_str("xuzhou"), out_cell_str("wait, window"),
                               out_cell_num(0.1), out_cell_num(1.0 / 3), out_cell_num(10)},
                5);
    out_csv_row(fp,
                (out_cell_t[]){out_cell_str("哈尔滨"), out_cell_str(NULL), out_cell_num(NAN),
                               out_cell_num(-INFINITY), out_cell_num(-0.0)},
                5);
    out_csv_row(fp,
                (out_cell_t[]){out_cell_str("x"), out_cell_str("y"),
                               out_cell_num(123456789012345680.0), out_cell_num(2.5e-7),
                               out_cell_num(INFINITY)},
                5);
    out_csv_row(fp, (out_cell_t[]){out_cell_num(NAN)}, 1); /* not blank */
    out_csv_header(fp, (const char *[]){""}, 1);
    CHECK(fclose(fp) == 0);
    CHECK_STR(buf, "scenario,kpi,mean,ci_low,n\n"
                   "xuzhou,\"wait, window\",0.1,0.3333333333333333,10\n"
                   "哈尔滨,,,-Inf,-0\n"
                   "x,y,1.2345678901234568e+17,2.5e-07,Inf\n"
                   "\"\"\n"
                   "\"\"\n");
    free(buf);
}
END_TEST

/* Every finite double, printed, reads back bit for bit. */
START_TEST(test_number_round_trip) {
    uint64_t state = 0x9E3779B97F4A7C15u; /* xorshift64 over bit patterns */
    char buf[TEXT_NUMBER_LEN];
    int checked = 0;
    for (int i = 0; i < 200000; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double x;
        memcpy(&x, &state, sizeof x);
        if (!isfinite(x)) continue;
        size_t n = text_format_number(buf, x);
        CHECK_EQ(n, strlen(buf));
        double back = strtod(buf, NULL);
        if (memcmp(&back, &x, sizeof x) != 0) ck_abort_msg("%.17g printed as %s", x, buf);
        checked++;
    }
    CHECK(checked > 190000);
    /* Shortest form when it exists: not 0.10000000000000001. */
    text_format_number(buf, 0.1);
    CHECK_STR(buf, "0.1");
    text_format_number(buf, 0.1 + 0.2);
    CHECK_STR(buf, "0.30000000000000004");
    text_format_number(buf, 1.7976931348623157e308);
    CHECK_STR(buf, "1.7976931348623157e+308");
}
END_TEST

START_TEST(test_json_string_escaping) {
    CHECK_RENDER(text_json_string, "", "\"\"");
    CHECK_RENDER(text_json_string, "plain / text", "\"plain / text\"");
    CHECK_RENDER(text_json_string, "a\"b\\c", "\"a\\\"b\\\\c\"");
    CHECK_RENDER(text_json_string, "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
    CHECK_RENDER(text_json_string, "\x01\x1B[31m\x1F\x7F", "\"\\u0001\\u001b[31m\\u001f\x7F\"");
    CHECK_RENDER(text_json_string, "税务局 😀", "\"税务局 😀\"");
    /* Invalid UTF-8: one U+FFFD per maximal ill-formed subpart. */
    CHECK_RENDER(text_json_string,
                 "a\xFF"
                 "b",
                 "\"a" REPL "b\"");
    CHECK_RENDER(text_json_string, "\xC3", "\"" REPL "\"");
    CHECK_RENDER(text_json_string, "\xC3(", "\"" REPL "(\"");
    CHECK_RENDER(text_json_string, "\xC0\xAF", "\"" REPL REPL "\"");
    CHECK_RENDER(text_json_string, "\xED\xA0\x80", "\"" REPL REPL REPL "\"");
    CHECK_RENDER(text_json_string, "\xE4\xB8x", "\"" REPL "x\"");
    CHECK_RENDER(text_json_string, "\xF4\x90\x80\x80", "\"" REPL REPL REPL REPL "\"");
    CHECK_RENDER(text_json_string, "\xE4\xB8\xAD\x80", "\"\xE4\xB8\xAD" REPL "\"");
}
END_TEST

/* A document with every kind of value and nesting, for both layouts. */
static void write_summary(out_json_t *j) {
    out_json_begin_object(j);
    out_json_key(j, "scenario");
    out_json_str(j, "xuzhou \"2021\"");
    out_json_key(j, "replications");
    out_json_number(j, 10);
    out_json_key(j, "complete");
    out_json_bool(j, true);
    out_json_key(j, "note");
    out_json_null(j);
    out_json_key(j, "kpis");
    out_json_begin_array(j);
    out_json_begin_object(j);
    out_json_key(j, "name");
    out_json_str(j, "窗口等待");
    out_json_key(j, "ci");
    out_json_begin_array(j);
    out_json_number(j, 11.25);
    out_json_number(j, 0.1);
    out_json_end_array(j);
    out_json_end_object(j);
    out_json_begin_object(j);
    out_json_key(j, "mean");
    out_json_number(j, NAN);
    out_json_key(j, "max");
    out_json_number(j, INFINITY);
    out_json_key(j, "ci");
    out_json_begin_array(j);
    out_json_end_array(j);
    out_json_key(j, "flags");
    out_json_begin_array(j);
    out_json_bool(j, false);
    out_json_begin_array(j);
    out_json_number(j, -1e-300);
    out_json_end_array(j);
    out_json_end_array(j);
    out_json_end_object(j);
    out_json_end_array(j);
    out_json_key(j, "meta");
    out_json_begin_object(j);
    out_json_end_object(j);
    out_json_end_object(j);
    out_json_finish(j);
}

START_TEST(test_json_document) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    out_json_t j;
    out_json_init(&j, fp, 2);
    write_summary(&j);
    CHECK(fclose(fp) == 0);
    CHECK_STR(buf, "{\n"
                   "  \"scenario\": \"xuzhou \\\"2021\\\"\",\n"
                   "  \"replications\": 10,\n"
                   "  \"complete\": true,\n"
                   "  \"note\": null,\n"
                   "  \"kpis\": [\n"
                   "    {\n"
                   "      \"name\": \"窗口等待\",\n"
                   "      \"ci\": [\n"
                   "        11.25,\n"
                   "        0.1\n"
                   "      ]\n"
                   "    },\n"
                   "    {\n"
                   "      \"mean\": null,\n"
                   "      \"max\": null,\n"
                   "      \"ci\": [],\n"
                   "      \"flags\": [\n"
                   "        false,\n"
                   "        [\n"
                   "          -1e-300\n"
                   "        ]\n"
                   "      ]\n"
                   "    }\n"
                   "  ],\n"
                   "  \"meta\": {}\n"
                   "}\n");
    free(buf);

    buf = NULL;
    fp = open_memstream(&buf, &len);
    out_json_init(&j, fp, 0);
    write_summary(&j);
    out_json_str(&j, "next"); /* JSON Lines: another document */
    out_json_finish(&j);
    CHECK(fclose(fp) == 0);
    CHECK_STR(buf, "{\"scenario\":\"xuzhou \\\"2021\\\"\",\"replications\":10,"
                   "\"complete\":true,\"note\":null,\"kpis\":[{\"name\":"
                   "\"窗口等待\",\"ci\":[11.25,0.1]},{\"mean\":null,\"max\":"
                   "null,\"ci\":[],\"flags\":[false,[-1e-300]]}],\"meta\":{}}\n"
                   "\"next\"\n");
    free(buf);
}
END_TEST

/* Misuse of the writer is a caller bug: each of these must fail an
 * assert.  Run in a child, which must die of SIGABRT. */
static void misuse_key_at_top(out_json_t *j) { out_json_key(j, "k"); }
static void misuse_key_in_array(out_json_t *j) {
    out_json_begin_array(j);
    out_json_key(j, "k");
}
static void misuse_value_without_key(out_json_t *j) {
    out_json_begin_object(j);
    out_json_number(j, 1);
}
static void misuse_two_keys(out_json_t *j) {
    out_json_begin_object(j);
    out_json_key(j, "a");
    out_json_key(j, "b");
}
static void misuse_dangling_key(out_json_t *j) {
    out_json_begin_object(j);
    out_json_key(j, "a");
    out_json_end_object(j);
}
static void misuse_mismatched_end(out_json_t *j) {
    out_json_begin_array(j);
    out_json_end_object(j);
}
static void misuse_end_without_begin(out_json_t *j) { out_json_end_array(j); }
static void misuse_second_document(out_json_t *j) {
    out_json_null(j);
    out_json_null(j);
}
static void misuse_finish_early(out_json_t *j) {
    out_json_begin_object(j);
    out_json_finish(j);
}
static void misuse_too_deep(out_json_t *j) {
    for (int i = 0; i <= OUT_JSON_MAX_DEPTH; i++) out_json_begin_array(j);
}
static void correct_use(out_json_t *j) {
    out_json_begin_object(j);
    out_json_key(j, "a");
    out_json_null(j);
    out_json_end_object(j);
    out_json_finish(j);
}

/* Does fn abort?  Its assert message goes to /dev/null. */
static bool aborts(void (*fn)(out_json_t *)) {
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        FILE *fp = fdopen(devnull, "w");
        out_json_t j;
        out_json_init(&j, fp, 2);
        fn(&j);
        _exit(0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

START_TEST(test_json_misuse_asserts) {
#ifdef NDEBUG
    return; /* asserts compiled out */
#endif
    CHECK(!aborts(correct_use)); /* the harness can say no */
    CHECK(aborts(misuse_key_at_top));
    CHECK(aborts(misuse_key_in_array));
    CHECK(aborts(misuse_value_without_key));
    CHECK(aborts(misuse_two_keys));
    CHECK(aborts(misuse_dangling_key));
    CHECK(aborts(misuse_mismatched_end));
    CHECK(aborts(misuse_end_without_begin));
    CHECK(aborts(misuse_second_document));
    CHECK(aborts(misuse_finish_early));
    CHECK(aborts(misuse_too_deep));
}
END_TEST

START_TEST(test_html_escaping) {
    CHECK_RENDER(text_html_escape, "<a href=\"x\">Tom & Jerry's</a>",
                 "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK_RENDER(text_html_escape, "&amp;", "&amp;amp;"); /* not idempotent */
    CHECK_RENDER(text_html_escape, "<script>alert(1)</script>",
                 "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK_RENDER(text_html_escape, "徐州 一窗受理", "徐州 一窗受理");
    CHECK_RENDER(text_html_escape, "bad\xC3", "bad" REPL);
    CHECK_RENDER(text_html_escape, "", "");
}
END_TEST

/* --------------------------------------------------------------- gnuplot */

START_TEST(test_gnuplot_escaping) {
    const char *hostile = "a\"b\\c ^_{}@&~ $(rm -rf /)";
    char dst[128];
    CHECK(text_gnuplot_string(dst, sizeof dst, hostile));
    CHECK_STR(dst, "a\\\"b\\\\\\\\c \\\\^\\\\_\\\\{\\\\}\\\\@\\\\&\\\\~ $(rm -rf /)");
    CHECK(text_gnuplot_string_plain(dst, sizeof dst, hostile));
    CHECK_STR(dst, "a\\\"b\\\\c ^_{}@&~ $(rm -rf /)");

    /* Backquotes run commands even in double quotes: octal escape. */
    CHECK(text_gnuplot_string(dst, sizeof dst, "x`id`y"));
    CHECK_STR(dst, "x\\140id\\140y");
    /* Control characters would end the command line: dropped. */
    CHECK(text_gnuplot_string(dst, sizeof dst,
                              "a\nb\r\tc\x7F"
                              "d"));
    CHECK_STR(dst, "abcd");
    CHECK(text_gnuplot_string(dst, sizeof dst, "市场 a\xFF"));
    CHECK_STR(dst, "市场 a" REPL);

    /* Truncation never splits an escape or a character. */
    CHECK(text_gnuplot_string(dst, 4, "abc")); /* exactly fits */
    CHECK_STR(dst, "abc");
    CHECK(!text_gnuplot_string(dst, 4, "abcd"));
    CHECK_STR(dst, "abc");
    CHECK(!text_gnuplot_string(dst, 4, "ab\"")); /* \" needs 2 */
    CHECK_STR(dst, "ab");
    CHECK(!text_gnuplot_string(dst, 4, "a^")); /* \\^ needs 3 */
    CHECK_STR(dst, "a");
    CHECK(!text_gnuplot_string(dst, 5, "a\\")); /* \\\\ needs 4 */
    CHECK_STR(dst, "a");
    CHECK(!text_gnuplot_string(dst, 6, "中文")); /* 3 + 3 bytes */
    CHECK_STR(dst, "中");
    CHECK(!text_gnuplot_string(dst, 1, "x"));
    CHECK_STR(dst, "");
    CHECK(text_gnuplot_string(dst, 1, ""));
    CHECK_STR(dst, "");
}
END_TEST

/* Run gnuplot on a script with stdout and stderr into out; the exit status,
 * or 127 when gnuplot cannot be started. */
static int run_gnuplot(const char *script, const char *out) {
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) _exit(126);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        execlp("gnuplot", "gnuplot", script, (char *)NULL);
        _exit(127);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The real reader: gnuplot prints the plain string back exactly and draws
 * the enhanced one literally, and the backquoted command never runs. */
START_TEST(test_gnuplot_reads_it_back) {
    char dir[64], pwned[128], title[256], script[128], out[128], svg[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(pwned, sizeof pwned, "%s/pwned", dir);
    snprintf(title, sizeof title, "a\"b\\c ^_{}@&~ $(rm -rf /) `touch %s`", pwned);
    snprintf(script, sizeof script, "%s/t.gp", dir);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    snprintf(svg, sizeof svg, "%s/t.svg", dir);

    char plain[512], enhanced[512];
    CHECK(text_gnuplot_string_plain(plain, sizeof plain, title));
    CHECK(text_gnuplot_string(enhanced, sizeof enhanced, title));
    FILE *fp = fopen(script, "w");
    CHECK(fp != NULL);
    fprintf(fp, "set print \"-\"\nprint \"%s\"\n", plain);
    fprintf(fp, "set term svg enhanced\nset output \"%s\"\n", svg);
    fprintf(fp, "set title \"%s\"\nplot x\n", enhanced);
    CHECK(fclose(fp) == 0);

    int rc = run_gnuplot(script, out);
    if (rc == 127) { /* no gnuplot on this machine: nothing to check */
        remove_tree(dir);
        return;
    }
    CHECK_EQ(rc, 0);
    CHECK(!exists(pwned));
    char *printed = slurp(out);
    char want[300];
    snprintf(want, sizeof want, "%s\n", title);
    CHECK_STR(printed, want);
    free(printed);
    char *picture = slurp(svg);
    CHECK(picture != NULL);
    snprintf(want, sizeof want, ">%s</tspan>", title);
    if (strstr(picture, want) == NULL) ck_abort_msg("title not drawn literally: want %s", want);
    free(picture);
    remove_tree(dir);
}
END_TEST

/* ----------------------------------------------------------------- table */

/* The printed table as a string. */
static char *print_table(const out_table_t *t) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    out_table_print(t, fp);
    CHECK(fclose(fp) == 0);
    return buf;
}

START_TEST(test_text_width) {
    CHECK_EQ(out_text_width(""), 0);
    CHECK_EQ(out_text_width("abc"), 3);
    CHECK_EQ(out_text_width("café"), 4);             /* 5 bytes */
    CHECK_EQ(out_text_width("营业执照"), 8);         /* 12 bytes */
    CHECK_EQ(out_text_width("한국"), 4);             /* Hangul syllables */
    CHECK_EQ(out_text_width("\xE1\x84\x80"), 2);     /* U+1100 jamo */
    CHECK_EQ(out_text_width("ＡＢ"), 4);             /* fullwidth forms */
    CHECK_EQ(out_text_width("ｱ"), 1);                /* halfwidth katakana */
    CHECK_EQ(out_text_width("￥"), 2);               /* U+FFE5 */
    CHECK_EQ(out_text_width("\xF0\xA0\x80\x80"), 2); /* U+20000, Ext B */
    CHECK_EQ(out_text_width("\xEA\x93\x8F"), 2);     /* U+A4CF, last wide */
    CHECK_EQ(out_text_width("\xEA\x93\x90"), 1);     /* U+A4D0 */
    CHECK_EQ(out_text_width("a\xFF"
                            "b"),
             3);                           /* U+FFFD */
    CHECK_EQ(out_text_width("\t\x1B"), 2); /* shown as ?? */
}
END_TEST

START_TEST(test_table_ascii) {
    out_table_t t;
    out_table_init(&t);
    CHECK_EQ(out_table_add_column(&t, "service", OUT_ALIGN_LEFT, 0), 0);
    CHECK_EQ(out_table_add_column(&t, "dept", OUT_ALIGN_LEFT, 0), 0);
    CHECK_EQ(out_table_add_column(&t, "cases", OUT_ALIGN_RIGHT, 0), 0);
    CHECK_EQ(out_table_add_column(&t, "wait_min", OUT_ALIGN_RIGHT, 0), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"licence", "market", "12", "3.5"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"tax registration", "tax", "7", "120.25"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"seal", "police", "1040", "0"}), 0);
    char *text = print_table(&t);
    CHECK_STR(text, "service           dept    cases  wait_min\n"
                    "----------------  ------  -----  --------\n"
                    "licence           market     12       3.5\n"
                    "tax registration  tax         7    120.25\n"
                    "seal              police   1040         0\n");
    free(text);
    out_table_free(&t);
}
END_TEST

START_TEST(test_table_chinese) {
    out_table_t t;
    out_table_init(&t);
    CHECK_EQ(out_table_add_column(&t, "服务", OUT_ALIGN_LEFT, 0), 0);
    CHECK_EQ(out_table_add_column(&t, "部门", OUT_ALIGN_LEFT, 0), 0);
    CHECK_EQ(out_table_add_column(&t, "办件量", OUT_ALIGN_RIGHT, 0), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"企业开办", "市场监管局", "120"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"税务登记 tax", "税务局", "7"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"ID card", "公安", "1040"}), 0);
    char *text = print_table(&t);
    /* Widths 12, 10, 6 display columns (a Chinese character is 2). */
    CHECK_STR(text, "服务"
                    "          "
                    "部门"
                    "        "
                    "办件量\n"
                    "------------  ----------  ------\n"
                    "企业开办"
                    "      "
                    "市场监管局"
                    "     "
                    "120\n"
                    "税务登记 tax"
                    "  "
                    "税务局"
                    "           "
                    "7\n"
                    "ID card"
                    "       "
                    "公安"
                    "          "
                    "1040\n");
    free(text);
    out_table_free(&t);
}
END_TEST

/* Cutting UTF-8 text: never inside a character.  "a中b" is 61 E4 B8 AD 62. */
START_TEST(test_utf8_boundary) {
    const char *s = "a\xE4\xB8\xAD"
                    "b";
    CHECK_EQ(text_utf8_boundary(s, 0), 0);
    CHECK_EQ(text_utf8_boundary(s, 1), 1); /* before 中 */
    CHECK_EQ(text_utf8_boundary(s, 2), 1); /* inside 中: back to its start */
    CHECK_EQ(text_utf8_boundary(s, 3), 1);
    CHECK_EQ(text_utf8_boundary(s, 4), 4); /* after 中 */
    CHECK_EQ(text_utf8_boundary(s, 5), 5); /* the NUL */
}
END_TEST

START_TEST(test_table_truncation_and_sanitising) {
    out_table_t t;
    out_table_init(&t);
    CHECK_EQ(out_table_add_column(&t, "name", OUT_ALIGN_LEFT, 6), 0);
    CHECK_EQ(out_table_add_column(&t, "remarks", OUT_ALIGN_RIGHT, 4), 0);
    CHECK_EQ(out_table_add_column(&t, "x", OUT_ALIGN_LEFT, 0), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"abcdefghij", "ok", "1"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"营业执照办理", "long note", "22"}), 0);
    CHECK_EQ(out_table_add_row(&t, (const char *[]){"a\tb\x1B[31m", "中文字", NULL}), 0);
    char *text = print_table(&t);
    /* The wide 执 would straddle the limit: "营业~" is 5 wide, padded. */
    CHECK_STR(text, "name    rem~  x\n"
                    "------  ----  --\n"
                    "abcde~    ok  1\n"
                    "营业~"
                    "   "
                    "lon~  22\n"
                    "a?b?[~   "
                    "中~\n");
    free(text);
    out_table_free(&t);
}
END_TEST

/* The runner's entry (declared here for -Wmissing-prototypes; the line does
 * not start with `Suite *` so the suite is listed once). */
extern Suite *suite_output(void);
Suite *suite_output(void) {
    Suite *s = suite_create("output");
    TCase *files = tcase_create("files");
    tcase_set_timeout(files, 60);
    tcase_add_test(files, test_file_appears_only_after_commit);
    tcase_add_test(files, test_file_commit_replaces_old_file);
    tcase_add_test(files, test_file_abort_leaves_nothing);
    tcase_add_test(files, test_file_missing_dir);
    tcase_add_test(files, test_file_bad_names);
    tcase_add_test(files, test_file_write_failure_keeps_old_file);
    tcase_add_test(files, test_file_commit_checks_error_flag);
    tcase_add_test(files, test_mkdir_p_nested);
    tcase_add_test(files, test_mkdir_p_file_in_the_way);
    suite_add_tcase(s, files);

    TCase *formats = tcase_create("formats");
    tcase_set_timeout(formats, 60);
    tcase_add_test(formats, test_utf8_decode);
    tcase_add_test(formats, test_csv_field_quoting);
    tcase_add_test(formats, test_csv_rows);
    tcase_add_test(formats, test_number_round_trip);
    tcase_add_test(formats, test_json_string_escaping);
    tcase_add_test(formats, test_json_document);
    tcase_add_test(formats, test_json_misuse_asserts);
    tcase_add_test(formats, test_html_escaping);
    tcase_add_test(formats, test_gnuplot_escaping);
    tcase_add_test(formats, test_gnuplot_reads_it_back);
    suite_add_tcase(s, formats);

    TCase *tables = tcase_create("tables");
    tcase_set_timeout(tables, 60);
    tcase_add_test(tables, test_text_width);
    tcase_add_test(tables, test_table_ascii);
    tcase_add_test(tables, test_table_chinese);
    tcase_add_test(tables, test_table_truncation_and_sanitising);
    tcase_add_test(tables, test_utf8_boundary);
    suite_add_tcase(s, tables);
    return s;
}
