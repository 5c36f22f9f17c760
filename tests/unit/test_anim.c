/* The animation page (output/out_anim.h): self-contained (no http), names
 * that could end the <script> or inject markup are escaped in the JSON and
 * in the title, and the events are all written, in order. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "gnuplot.h"
#include "out_anim.h"

static char *page(void) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    out_anim_box_t boxes[2] = {{.name = "</script><b>x</b>",
                                .windows = "a windows",
                                .officers = "a officers",
                                .n_windows = 2,
                                .n_officers = 1,
                                .waiting = {0, 3}},
                               {.name = "Hall \"B\" & co", .windows = "b hall", .n_windows = 4}};
    out_anim_link_t links[1] = {{0, 1, "manual"}};
    out_anim_event_t ev[3] = {{.t = 600, .kind = OUT_ANIM_JOIN, .box = 0, .who = 7},
                              {.t = 601.25, .kind = OUT_ANIM_START, .box = 0, .who = 7},
                              {.t = 602, .kind = OUT_ANIM_DATA, .box = 1, .from = 0, .until = 700}};
    out_anim_variant_t v = {"Today <1>", 2, 1, 3, boxes, links, ev};
    out_anim_write(fp, "A <day>", "day 3 (Wed)", 500, 1100, &v, 1);
    fclose(fp);
    return buf;
}

START_TEST(test_escapes_and_self_contained) {
    char *s = page();
    /* the only </script> are the page's own two */
    size_t n = 0;
    for (char *p = s; (p = strstr(p, "</script>")); p++) n++;
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_nonnull(strstr(s, "\\u003c/script\\u003e\\u003cb\\u003ex"));
    ck_assert_ptr_nonnull(strstr(s, "Hall \\\"B\\\" \\u0026 co"));
    ck_assert_ptr_nonnull(strstr(s, "<title>A &lt;day&gt;</title>"));
    /* nothing loaded from elsewhere (the SVG namespace is a name, not a load) */
    ck_assert_ptr_null(strstr(s, "src="));
    ck_assert_ptr_null(strstr(s, "href="));
    ck_assert_ptr_null(strstr(s, "https://"));
    ck_assert_ptr_null(strstr(s, "fetch("));
    ck_assert_ptr_null(strstr(s, "XMLHttpRequest"));
    ck_assert_ptr_nonnull(strstr(s, "window.govsimState"));
    ck_assert_ptr_nonnull(strstr(s, "[600.000,\"j\",0,0,7,0,0.000]"));
    ck_assert_ptr_nonnull(strstr(s, "[601.250,\"s\",0,0,7,0,0.000]"));
    ck_assert_ptr_nonnull(strstr(s, "[602.000,\"d\",1,0,0,0,700.000]"));
    ck_assert_ptr_nonnull(strstr(s, "\"waiting\":[0,3]"));
    ck_assert_ptr_nonnull(strstr(s, "\"officers\":null"));
    free(s);
}
END_TEST

/* The GIF for slides is checked whole before it is renamed into place. */
START_TEST(test_gif_checked_whole) {
    char path[] = "/tmp/govsim-gif-XXXXXX", err[256];
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "wb");
    fputs("GIF89a\x01\x02rest of the picture;", fp);
    fclose(fp);
    ck_assert_int_eq(out_gnuplot_check_picture(path, "gif", err, sizeof err), 0);
    ck_assert_int_eq(out_gnuplot_check_picture(path, NULL, err, sizeof err), -1); /* not SVG */
    fp = fopen(path, "wb");
    fputs("GIF89a\x01\x02cut short", fp);
    fclose(fp);
    ck_assert_int_eq(out_gnuplot_check_picture(path, "gif", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "GIF picture"));
    remove(path);
}
END_TEST

extern Suite *suite_anim(void);
Suite *suite_anim(void) {
    Suite *s = suite_create("anim");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_escapes_and_self_contained);
    tcase_add_test(tc, test_gif_checked_whole);
    suite_add_tcase(s, tc);
    return s;
}
