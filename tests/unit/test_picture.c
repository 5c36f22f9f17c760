/*
 * test_picture.c - what gnuplot wrote is checked, not only its exit status
 * (output/gnuplot.h, out_gnuplot_check_picture): a full disk leaves a PNG
 * or SVG cut short while gnuplot exits 0.  Whole pictures, pictures cut at
 * every length, empty and missing files.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "gnuplot.h"
#include "tmpdir.h"

/* A small PNG as gnuplot's terminals end one: signature, a chunk, IEND. */
static const unsigned char PNG[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', /* signature */
    0,    0,   0,   13,  'I',  'H',  'D',  'R',  0,    0,    0,    1,    0,
    0,    0,   1,   8,   2,    0,    0,    0,    0x90, 0x77, 0x53, 0xde,  /* IHDR      */
    0,    0,   0,   0,   'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82}; /* IEND */

static const char SVG[] = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\">\n"
                          "<g></g>\n</svg>\n\n";

START_TEST(test_whole_pictures_pass) {
    char dir[64], path[128], err[512] = "";
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/a.png", dir);
    write_bytes(path, PNG, sizeof PNG);
    CHECK(out_gnuplot_check_picture(path, "png", err, sizeof err) == 0);
    CHECK(out_gnuplot_check_picture(path, NULL, err, sizeof err) == 0);
    snprintf(path, sizeof path, "%s/a.svg", dir);
    write_bytes(path, SVG, strlen(SVG));
    CHECK(out_gnuplot_check_picture(path, "svg", err, sizeof err) == 0);
    CHECK(out_gnuplot_check_picture(path, NULL, err, sizeof err) == 0);
    remove_tree(dir);
}
END_TEST

/* Every proper prefix of a picture (a write cut at any byte) is refused,
 * with a message naming the file. */
START_TEST(test_cut_pictures_fail) {
    char dir[64], path[128], err[512];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cut.png", dir);
    for (size_t n = 0; n < sizeof PNG; n++) {
        write_bytes(path, PNG, n);
        err[0] = '\0';
        CHECK(out_gnuplot_check_picture(path, "png", err, sizeof err) == -1);
        CHECK(strstr(err, path) != NULL);
        CHECK(out_gnuplot_check_picture(path, NULL, err, sizeof err) == -1);
    }
    size_t whole = strlen(SVG) - 2; /* up to "</svg>"; the blank lines may go */
    for (size_t n = 0; n < whole; n++) {
        write_bytes(path, SVG, n);
        err[0] = '\0';
        CHECK(out_gnuplot_check_picture(path, "svg", err, sizeof err) == -1);
        CHECK(strstr(err, "cut short") != NULL || strstr(err, "empty") != NULL);
    }
    remove_tree(dir);
}
END_TEST

START_TEST(test_missing_picture_fails) {
    char err[512] = "";
    CHECK(out_gnuplot_check_picture("/nonexistent-govsim/x.png", "png", err, sizeof err) == -1);
    CHECK(strstr(err, "/nonexistent-govsim/x.png") != NULL);
}
END_TEST

/* A real gnuplot run whose picture is then cut: the run itself passes, the
 * check of the cut file does not (what a full disk does to a chart). */
START_TEST(test_gnuplot_render_checks_its_picture) {
    char dir[64], path[160], err[512] = "";
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/p.gp", dir);
    const char *script = "if (!exists(\"fmt\")) fmt = \"png\"\n"
                         "if (fmt eq \"svg\") { set terminal svg size 200,100 } "
                         "else { set terminal pngcairo size 200,100 }\n"
                         "set output outfile\nplot x\n";
    write_bytes(path, script, strlen(script));
    CHECK(out_gnuplot_render(dir, "p.gp", "p.png", "png", err, sizeof err) == 0);
    CHECK(out_gnuplot_render(dir, "p.gp", "p.svg", "svg", err, sizeof err) == 0);
    /* a script that writes nothing: gnuplot exits 0, the check fails */
    snprintf(path, sizeof path, "%s/none.gp", dir);
    write_bytes(path, "print 1\n", 8);
    CHECK(out_gnuplot_render(dir, "none.gp", "none.png", "png", err, sizeof err) == -1);
    CHECK(strstr(err, "none.png") != NULL);
    remove_tree(dir);
}
END_TEST

extern Suite *suite_picture(void);
Suite *suite_picture(void) {
    Suite *s = suite_create("picture");
    TCase *tc = tcase_create("check");
    tcase_add_test(tc, test_whole_pictures_pass);
    tcase_add_test(tc, test_cut_pictures_fail);
    tcase_add_test(tc, test_missing_picture_fails);
    tcase_add_test(tc, test_gnuplot_render_checks_its_picture);
    suite_add_tcase(s, tc);
    return s;
}
