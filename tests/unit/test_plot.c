/* The charts (output/plot.h) and the HTML page (output/out_html.h): the
 * numbers land in the data files as given, colours follow the meaning of
 * a change, gnuplot draws PNG and SVG from the scripts (it must be
 * installed: make deps), data with nothing to draw still gives a picture,
 * and base64 and HTML escaping are exact. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "out_html.h"
#include "plot.h"
#include "tmpdir.h"

/* The whole file, NUL-terminated, malloc'd. */
static char *slurp(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) ck_abort_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    CHECK(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static bool is_png(const char *dir, const char *name) {
    char *s = slurp(dir, name);
    bool ok = memcmp(s, "\x89PNG\r\n\x1a\n", 8) == 0;
    free(s);
    return ok;
}

/* Everything a chart writes, and no temporary file left. */
static void check_chart_files(const char *dir, const char *name) {
    static const char *const ext[] = {"dat", "gp", "png", "svg"};
    for (size_t i = 0; i < 4; i++) {
        char file[128];
        snprintf(file, sizeof file, "%s.%s", name, ext[i]);
        char *s = slurp(dir, file);
        if (i == 3) CHECK(strstr(s, "<svg") != NULL);
        free(s);
    }
    char png[128];
    snprintf(png, sizeof png, "%s.png", name);
    CHECK(is_png(dir, png));
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) CHECK(strstr(e->d_name, ".tmp.") == NULL);
    closedir(d);
}

START_TEST(test_changes_data_and_colours) {
    char dir[64];
    make_tmpdir(dir, sizeof dir);
    const char *variants[] = {"better", "worse", "unsure"};
    plot_ci_t wait[] = {{-1, -1.5, -0.5}, {1, 0.5, 1.5}, {0.1, -0.2, 0.4}};
    plot_ci_t share[] = {{-1, -1.5, -0.5}, {1, 0.5, 1.5}, {0.1, -0.2, 0.4}};
    plot_kpi_t kpis[] = {{"wait (minutes)", true, wait}, {"share (points)", false, share}};
    plot_ctx_t ctx = {dir, "Test city", NULL};
    char err[512] = "";
    if (plot_changes(&ctx, 3, variants, 2, kpis, err, sizeof err) != 0) ck_abort_msg("%s", err);
    check_chart_files(dir, "changes");
    char *dat = slurp(dir, "changes.dat");
    /* lower is better: a fall is green (0x2e8b57), a rise red (0xc0392b) */
    CHECK(strstr(dat, "0 -1 -1.5 -0.5 3050327  # better\n") != NULL);
    CHECK(strstr(dat, "1 1 0.5 1.5 12597547  # worse\n") != NULL);
    CHECK(strstr(dat, "2 0.1 -0.2 0.4 10395294  # unsure\n") != NULL); /* grey */
    /* higher is better: the same numbers, the colours swapped */
    char *second = strstr(dat, "# block 1");
    CHECK(second != NULL);
    CHECK(strstr(second, "0 -1 -1.5 -0.5 12597547  # better\n") != NULL);
    CHECK(strstr(second, "1 1 0.5 1.5 3050327  # worse\n") != NULL);
    free(dat);
    char *gp = slurp(dir, "changes.gp");
    CHECK(strstr(gp, "noenhanced") != NULL);
    CHECK(strstr(gp, "\"better\" 0, \"worse\" 1, \"unsure\" 2") != NULL);
    free(gp);
    remove_tree(dir);
}
END_TEST

/* Nothing to draw (a KPI that does not apply, a variant without cases)
 * still gives every file, with a panel that says so. */
START_TEST(test_all_missing_still_draws) {
    char dir[64];
    make_tmpdir(dir, sizeof dir);
    const char *variants[] = {"a", "b"};
    plot_ci_t none[] = {{NAN, NAN, NAN}, {NAN, NAN, NAN}};
    plot_kpi_t kpis[] = {{"wait", true, none}};
    plot_ctx_t ctx = {dir, "Empty", NULL};
    char err[512] = "";
    double q[2 * 3], p[3] = {0.25, 0.5, 0.75}, shares[2 * 2], util[2];
    for (size_t i = 0; i < 6; i++) q[i] = NAN;
    for (size_t i = 0; i < 4; i++) shares[i] = NAN;
    util[0] = util[1] = NAN;
    const char *depts[] = {"office"};
    CHECK(plot_changes(&ctx, 2, variants, 1, kpis, err, sizeof err) == 0);
    CHECK(plot_cdf(&ctx, 2, variants, 3, p, q, err, sizeof err) == 0);
    CHECK(plot_trips(&ctx, 2, variants, none, 2, shares, err, sizeof err) == 0);
    CHECK(plot_utilization(&ctx, 2, variants, 1, depts, util, util, err, sizeof err) == 0);
    CHECK(plot_cost_benefit(&ctx, 2, variants, none, none, "x", "y", err, sizeof err) == 0);
    CHECK(plot_regions(&ctx, 2, variants, 1, depts, "top", none, "bottom", none, err, sizeof err) ==
          0);
    static const char *const names[] = {"changes",     "cdf",          "trips",
                                        "utilization", "cost_benefit", "regions"};
    for (size_t i = 0; i < 6; i++) check_chart_files(dir, names[i]);
    char *gp = slurp(dir, "changes.gp");
    CHECK(strstr(gp, "not applicable here") != NULL);
    free(gp);
    remove_tree(dir);
}
END_TEST

/* A folder that does not exist: an error naming it, no crash. */
START_TEST(test_missing_folder_is_an_error) {
    const char *variants[] = {"a"};
    plot_ci_t one[] = {{1, 0, 2}};
    plot_ctx_t ctx = {"/nonexistent/govsim-plots", "x", NULL};
    char err[512] = "";
    CHECK(plot_cost_benefit(&ctx, 1, variants, one, one, "x", "y", err, sizeof err) == -1);
    CHECK(strstr(err, "/nonexistent/govsim-plots") != NULL);
}
END_TEST

static char *capture(void (*write)(FILE *, const void *), const void *arg) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    write(f, arg);
    fclose(f);
    return buf;
}

static void write_b64(FILE *f, const void *arg) {
    const char *s = arg;
    out_base64(f, (const unsigned char *)s, strlen(s));
}

/* RFC 4648, section 10. */
START_TEST(test_base64_vectors) {
    static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const out[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                      "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char *got = capture(write_b64, in[i]);
        if (strcmp(got, out[i]) != 0) ck_abort_msg("base64(%s) = %s, not %s", in[i], got, out[i]);
        free(got);
    }
}
END_TEST

static void write_row(FILE *f, const void *arg) {
    (void)arg;
    const char *cells[] = {"<b>x</b> & \"y\" 'z'", "-1.2 ±0.1 *", "+0.3 ±0.5"};
    out_html_table_row(f, cells, 3);
}

START_TEST(test_html_row_escapes_and_marks) {
    char *got = capture(write_row, NULL);
    CHECK_STR(got, "<tr><td>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; &#39;z&#39;</td>"
                   "<td class=\"sure\">-1.2 ±0.1 *</td><td>+0.3 ±0.5</td></tr>\n");
    free(got);
}
END_TEST

extern Suite *suite_plot(void);
Suite *suite_plot(void) {
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("charts");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_changes_data_and_colours);
    tcase_add_test(tc, test_all_missing_still_draws);
    tcase_add_test(tc, test_missing_folder_is_an_error);
    tcase_add_test(tc, test_base64_vectors);
    tcase_add_test(tc, test_html_row_escapes_and_marks);
    suite_add_tcase(s, tc);
    return s;
}
