/* Unit tests of what people read instead of ids and raw layout: every
 * KPI's name and unit for the terminal (cli/kpi_label.h), and HTML tables
 * that left-align text columns and right-align numbers (out_html.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "kpi_label.h"
#include "out_html.h"

/* Every KPI has a name and a unit, the name is not an id (people read
 * it: no '_'), and a share (flow_kpi_unit "share...") is shown as a percentage. */
START_TEST(test_every_kpi_has_a_label) {
    for (int k = 0; k < FLOW_K_COUNT; k++) {
        const char *label = cli_kpi_label((flow_kpi_t)k), *unit = cli_kpi_unit((flow_kpi_t)k);
        ck_assert_msg(label && *label, "KPI %s has no label", flow_kpi_name((flow_kpi_t)k));
        ck_assert_msg(unit && *unit, "KPI %s has no unit", flow_kpi_name((flow_kpi_t)k));
        ck_assert_msg(!strchr(label, '_'), "KPI label '%s' looks like an id", label);
        bool share = strncmp(flow_kpi_unit((flow_kpi_t)k), "share", 5) == 0;
        ck_assert_int_eq(cli_kpi_is_share((flow_kpi_t)k), share);
        if (share) ck_assert_msg(unit[0] == '%', "share %s in '%s'", label, unit);
    }
}
END_TEST

/* The table's HTML for an alignment string. */
static char *table_html(const char *align) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    const char *head[] = {"service", "where the time goes", "cases"};
    const char *row[] = {"Enterprise", "37% waiting for data", "-0.5 *"};
    out_html_table_begin_aligned(fp, head, 3, align);
    out_html_table_row_aligned(fp, row, 3, align);
    out_html_table_end(fp);
    fclose(fp);
    return buf;
}

START_TEST(test_html_text_columns_left) {
    char *html = table_html("llr");
    ck_assert_ptr_nonnull(strstr(html, "<th class=\"l\">service</th>"
                                       "<th class=\"l\">where the time goes</th><th>cases</th>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"l\">Enterprise</td>"
                                       "<td class=\"l\">37% waiting for data</td>"
                                       "<td class=\"sure\">-0.5 *</td>"));
    free(html);
    html = table_html(NULL); /* the old tables: CSS aligns the first column */
    ck_assert_ptr_nonnull(strstr(html, "<tr><td>Enterprise</td><td>37% waiting for data</td>"));
    free(html);
    /* and the page's style has the class */
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    out_html_begin(fp, "t");
    fclose(fp);
    ck_assert_ptr_nonnull(strstr(buf, "td.l,th.l{text-align:left}"));
    free(buf);
}
END_TEST

extern Suite *suite_labels(void);
Suite *suite_labels(void) {
    Suite *s = suite_create("labels");
    TCase *t = tcase_create("labels");
    tcase_add_test(t, test_every_kpi_has_a_label);
    tcase_add_test(t, test_html_text_columns_left);
    suite_add_tcase(s, t);
    return s;
}
