/*
 * test_out_graph.c - the network's writers and the escapers they use
 * (base/out_escape.h: out_dot_string, out_html_escape for XML).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "out_escape.h"

typedef void (*escape_fn)(FILE *, const char *);

/* What escape wrote for text, as a string (caller frees). */
static char *escaped(escape_fn escape, const char *text) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert(f != NULL);
    escape(f, text);
    fclose(f);
    return buf;
}

#define CHECK_ESCAPED(escape, input, expected)                                 \
    do {                                                                       \
        char *got_ = escaped(escape, input);                                   \
        CHECK_STR(got_, expected);                                             \
        free(got_);                                                            \
    } while (0)

/* ------------------------------------------------------------- escaping */

START_TEST(test_dot_string) {
    CHECK_ESCAPED(out_dot_string, "Say \"hi\" \\ now", "Say \\\"hi\\\" \\\\ now");
    CHECK_ESCAPED(out_dot_string, "line\nbreak\x7f", "line break ");
    CHECK_ESCAPED(out_dot_string, "\xe5\xbe\x90\xe5\xb7\x9e", "\xe5\xbe\x90\xe5\xb7\x9e");
    CHECK_ESCAPED(out_dot_string, "a\xff", "a" OUT_UTF8_REPLACEMENT);
    CHECK_ESCAPED(out_dot_string, "", "");
}
END_TEST

/* GraphML is XML 1.0: C0 controls other than TAB, LF, CR cannot be written
 * at all, not even as a character reference; they become spaces. */
START_TEST(test_xml_text) {
    CHECK_ESCAPED(out_html_escape, "R&D <Bureau> \"x\" 'y'",
                  "R&amp;D &lt;Bureau&gt; &quot;x&quot; &#39;y&#39;");
    CHECK_ESCAPED(out_html_escape, "a\x01" "b\x1b" "c\x7f", "a b c ");
    CHECK_ESCAPED(out_html_escape, "tab\there\nline\r", "tab\there\nline\r");
    CHECK_ESCAPED(out_html_escape, "bad\xC3", "bad" OUT_UTF8_REPLACEMENT);
}
END_TEST

extern Suite *suite_out_graph(void);
Suite *suite_out_graph(void) {
    Suite *s = suite_create("out_graph");
    TCase *esc = tcase_create("escaping");
    tcase_add_test(esc, test_dot_string);
    tcase_add_test(esc, test_xml_text);
    suite_add_tcase(s, esc);
    return s;
}
