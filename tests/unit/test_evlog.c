/* The event-log writers (output/out_evlog.h): ISO 8601 timestamps from the
 * model's clock (dates across a leap day and a year end), XES and CSV
 * bytes for one case with names that need escaping, and the choice of
 * format by the file name. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "out_evlog.h"

START_TEST(test_timestamps) {
    char b[32];
    out_evlog_timestamp(b, 0, OUT_EVLOG_EPOCH_DAYS);
    ck_assert_str_eq(b, "2024-01-01T00:00:00.000");
    out_evlog_timestamp(b, 9 * 60 + 41 + 12.345 / 60, OUT_EVLOG_EPOCH_DAYS);
    ck_assert_str_eq(b, "2024-01-01T09:41:12.345");
    out_evlog_timestamp(b, 59 * 1440 + 1, OUT_EVLOG_EPOCH_DAYS); /* 2024 is a leap year */
    ck_assert_str_eq(b, "2024-02-29T00:01:00.000");
    out_evlog_timestamp(b, 60 * 1440, OUT_EVLOG_EPOCH_DAYS);
    ck_assert_str_eq(b, "2024-03-01T00:00:00.000");
    out_evlog_timestamp(b, 366 * 1440 + 17 * 60, OUT_EVLOG_EPOCH_DAYS);
    ck_assert_str_eq(b, "2025-01-01T17:00:00.000");
    out_evlog_timestamp(b, 0, 0);
    ck_assert_str_eq(b, "1970-01-01T00:00:00.000");
}
END_TEST

static char *write_case(out_evlog_format_t f) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    out_evlog_case_t c = {"0-1", "base<line>", "s&v", "r\"g", "counter", 3};
    out_evlog_event_t ev[] = {{"arrive", "", "", false, 600, 0},
                              {"a,b", "d'x", "w <1>", true, 601.5, 1}};
    out_evlog_begin(fp, f, "log & co");
    out_evlog_case(fp, f, &c, ev, 2, OUT_EVLOG_EPOCH_DAYS);
    out_evlog_end(fp, f);
    fclose(fp);
    return buf;
}

START_TEST(test_csv_bytes) {
    char *s = write_case(OUT_EVLOG_CSV);
    ck_assert_str_eq(s, "case_id,variant,replication,service,region,channel,activity,department,"
                        "resource,lifecycle,timestamp,trip\n"
                        "0-1,base<line>,3,s&v,\"r\"\"g\",counter,arrive,,,complete,"
                        "2024-01-01T10:00:00.000,0\n"
                        "0-1,base<line>,3,s&v,\"r\"\"g\",counter,\"a,b\",d'x,w <1>,start,"
                        "2024-01-01T10:01:30.000,1\n");
    free(s);
}
END_TEST

START_TEST(test_xes_escapes_everything) {
    char *s = write_case(OUT_EVLOG_XES);
    ck_assert_ptr_nonnull(strstr(s, "xes.version=\"1849-2016\""));
    ck_assert_ptr_nonnull(strstr(s, "<string key=\"concept:name\" value=\"log &amp; co\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<string key=\"variant\" value=\"base&lt;line&gt;\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<string key=\"region\" value=\"r&quot;g\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<string key=\"org:resource\" value=\"w &lt;1&gt;\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<string key=\"org:group\" value=\"d&#39;x\"/>"));
    ck_assert_ptr_nonnull(
        strstr(s, "<date key=\"time:timestamp\" value=\"2024-01-01T10:01:30.000\"/>"));
    ck_assert_ptr_nonnull(strstr(s, "<int key=\"replication\" value=\"3\"/>"));
    /* the first event has no resource: no empty org:resource */
    char *first = strstr(s, "<event>"), *second = strstr(first + 1, "<event>");
    ck_assert_ptr_nonnull(second);
    *second = '\0';
    ck_assert_ptr_null(strstr(first, "org:resource"));
    free(s);
}
END_TEST

START_TEST(test_format_by_name) {
    ck_assert_int_eq(out_evlog_format_for("a/log.xes"), OUT_EVLOG_XES);
    ck_assert_int_eq(out_evlog_format_for("LOG.XES"), OUT_EVLOG_XES);
    ck_assert_int_eq(out_evlog_format_for("log.csv"), OUT_EVLOG_CSV);
    ck_assert_int_eq(out_evlog_format_for("xes"), OUT_EVLOG_CSV);
}
END_TEST

extern Suite *suite_evlog(void);
Suite *suite_evlog(void) {
    Suite *s = suite_create("evlog");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_timestamps);
    tcase_add_test(tc, test_csv_bytes);
    tcase_add_test(tc, test_xes_escapes_everything);
    tcase_add_test(tc, test_format_by_name);
    suite_add_tcase(s, tc);
    return s;
}
