/* Unit tests for the loaders' building blocks: the id table behind the
 * duplicate checks (models/idtab.h) and the expanded text of a file with
 * @include lines and its map back to file:line (models/cfgr_src.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgr_src.h"
#include "checks.h"
#include "idtab.h"

/* Many ids, each found again with its own index; a second add of any of
 * them reports the first index; an absent one is absent. */
START_TEST(test_idtab_many) {
    enum { N = 50000 };
    static char ids[N][16];
    idtab_t t;
    CHECK(idtab_init(&t, N) == 0);
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "d%d", i);
        CHECK(idtab_add(&t, ids[i], (uint32_t)i, NULL) == 0);
    }
    for (int i = 0; i < N; i += 997) CHECK_EQ(idtab_find(&t, ids[i]), (long)i);
    uint32_t first = 0;
    CHECK(idtab_add(&t, "d17", 99, &first) == 1);
    CHECK_EQ(first, 17u);
    CHECK_EQ(idtab_find(&t, "d17"), 17L);
    CHECK_EQ(idtab_find(&t, "nowhere"), -1L);
    idtab_free(&t);
}
END_TEST

/* Number keys (link pairs) live beside text keys and never match them. */
START_TEST(test_idtab_numbers) {
    idtab_t t;
    CHECK(idtab_init(&t, 4) == 0);
    uint32_t first = 0;
    CHECK(idtab_add_u64(&t, 7, 0, NULL) == 0);
    CHECK(idtab_add_u64(&t, 8, 1, NULL) == 0);
    CHECK(idtab_add_u64(&t, 7, 2, &first) == 1);
    CHECK_EQ(first, 0u);
    CHECK(idtab_add(&t, "a", 3, NULL) == 0);
    CHECK(idtab_add(&t, "b", 4, NULL) == 0);
    CHECK_EQ(idtab_find(&t, "b"), 4L);
    idtab_free(&t);
}
END_TEST

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* main.cfg (3 lines) includes sub/a.cfg (2 lines) on its line 2, which
 * includes b.cfg (beside it, 1 line): the expanded text's lines map back
 * to each file and line, worked out by hand. */
START_TEST(test_src_map) {
    char dir[] = "/tmp/govsim_src_XXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char sub[64], main_cfg[96], a[96], b[96];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    ck_assert(mkdir(sub, 0700) == 0);
    snprintf(main_cfg, sizeof main_cfg, "%s/main.cfg", dir);
    snprintf(a, sizeof a, "%s/a.cfg", sub);
    snprintf(b, sizeof b, "%s/b.cfg", sub);
    write_file(main_cfg, "x = 1;\n@include \"sub/a.cfg\"\nz = 3;\n");
    write_file(a, "y = 2;\n  @include \"b.cfg\" # b\n");
    write_file(b, "w = 4;");
    cfgr_src_t s;
    char err[256] = "";
    if (cfgr_src_load(&s, main_cfg, err, sizeof err) != 0) ck_abort_msg("%s", err);
    /* x, y, w, the rest of a's line 2, the rest of main's line 2, z */
    CHECK_EQ(s.n_lines, (size_t)6);
    CHECK(strstr(s.text, "@include") == NULL);
    static const struct {
        int file;
        int line;
    } want[] = {{0, 1}, {1, 1}, {2, 1}, {1, 2}, {0, 2}, {0, 3}};
    const char *files[3] = {main_cfg, a, b};
    for (long n = 1; n <= 6; n++) {
        int line;
        const char *f = cfgr_src_where(&s, n, &line);
        CHECK(strcmp(f, files[want[n - 1].file]) == 0);
        CHECK_EQ(line, want[n - 1].line);
    }
    cfgr_src_free(&s);
    unlink(b);
    unlink(a);
    unlink(main_cfg);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

extern Suite *suite_loaders(void);
Suite *suite_loaders(void) {
    Suite *s = suite_create("loaders");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_idtab_many);
    tcase_add_test(tc, test_idtab_numbers);
    tcase_add_test(tc, test_src_map);
    suite_add_tcase(s, tc);
    return s;
}
