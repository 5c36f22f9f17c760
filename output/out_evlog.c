/* Event logs as CSV and XES (out_evlog.h). */
#include "out_evlog.h"

#include <assert.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "text.h"

out_evlog_format_t out_evlog_format_for(const char *path) {
    size_t n = strlen(path);
    if (n >= 4 && strcasecmp(path + n - 4, ".xes") == 0) return OUT_EVLOG_XES;
    if (n >= 5 && strcasecmp(path + n - 5, ".json") == 0) return OUT_EVLOG_OCEL;
    return OUT_EVLOG_CSV;
}

/* Year, month, day of a count of days since 1970-01-01 (proleptic
 * Gregorian; H. Hinnant's civil_from_days). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned long doe = (unsigned long)(z - era * 146097);
    unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned long mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

void out_evlog_timestamp(char buf[32], double minutes, long epoch_days) {
    if (!(minutes >= 0) || minutes > 1e9) minutes = 0; /* the clock never goes there */
    unsigned long long ms = (unsigned long long)llround(minutes * 60000.0);
    long days = (long)(ms / 86400000ULL);
    unsigned rest = (unsigned)(ms % 86400000ULL);
    long y;
    unsigned mo, d;
    civil_from_days(epoch_days + days, &y, &mo, &d);
    snprintf(buf, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%03u", (unsigned)(y % 10000), mo % 13, d % 32,
             rest / 3600000 % 24, rest / 60000 % 60, rest / 1000 % 60, rest % 1000);
}

static const char *const CSV_HEADER =
    "case_id,variant,replication,service,region,channel,activity,department,resource,"
    "lifecycle,timestamp,trip\n";

void out_evlog_begin(FILE *fp, out_evlog_format_t f, const char *log_name) {
    assert(f != OUT_EVLOG_OCEL); /* out_evlog_ocel_begin */
    if (f == OUT_EVLOG_CSV) {
        fputs(CSV_HEADER, fp);
        return;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<log xes.version=\"1849-2016\" "
          "xmlns=\"http://www.xes-standard.org/\">\n"
          "  <extension name=\"Concept\" prefix=\"concept\" "
          "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
          "  <extension name=\"Time\" prefix=\"time\" "
          "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
          "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" "
          "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
          "  <extension name=\"Organizational\" prefix=\"org\" "
          "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
          "  <global scope=\"trace\">\n"
          "    <string key=\"concept:name\" value=\"\"/>\n"
          "  </global>\n"
          "  <global scope=\"event\">\n"
          "    <string key=\"concept:name\" value=\"\"/>\n"
          "    <string key=\"lifecycle:transition\" value=\"complete\"/>\n"
          "    <date key=\"time:timestamp\" value=\"1970-01-01T00:00:00.000\"/>\n"
          "  </global>\n"
          "  <classifier name=\"Activity\" keys=\"concept:name\"/>\n"
          "  <classifier name=\"Activity and transition\" "
          "keys=\"concept:name lifecycle:transition\"/>\n"
          "  <string key=\"concept:name\" value=\"",
          fp);
    text_html_escape(fp, log_name);
    fputs("\"/>\n", fp);
}

/* <string key="KEY" value="VALUE"/> with the value escaped. */
static void xes_string(FILE *fp, const char *indent, const char *key, const char *value) {
    fprintf(fp, "%s<string key=\"%s\" value=\"", indent, key);
    text_html_escape(fp, value ? value : "");
    fputs("\"/>\n", fp);
}

static void xes_case(FILE *fp, const out_evlog_case_t *c, const out_evlog_event_t *ev, size_t n,
                     long epoch_days) {
    fputs("  <trace>\n", fp);
    xes_string(fp, "    ", "concept:name", c->case_id);
    xes_string(fp, "    ", "variant", c->variant);
    fprintf(fp, "    <int key=\"replication\" value=\"%u\"/>\n", c->replication);
    xes_string(fp, "    ", "service", c->service);
    xes_string(fp, "    ", "region", c->region);
    xes_string(fp, "    ", "channel", c->channel);
    for (size_t i = 0; i < n; i++) {
        char ts[32];
        out_evlog_timestamp(ts, ev[i].minutes, epoch_days);
        fputs("    <event>\n", fp);
        xes_string(fp, "      ", "concept:name", ev[i].activity);
        xes_string(fp, "      ", "lifecycle:transition", ev[i].start ? "start" : "complete");
        fprintf(fp, "      <date key=\"time:timestamp\" value=\"%s\"/>\n", ts);
        if (ev[i].resource && *ev[i].resource)
            xes_string(fp, "      ", "org:resource", ev[i].resource);
        if (ev[i].department && *ev[i].department)
            xes_string(fp, "      ", "org:group", ev[i].department);
        fprintf(fp, "      <int key=\"trip\" value=\"%d\"/>\n", ev[i].trip);
        fputs("    </event>\n", fp);
    }
    fputs("  </trace>\n", fp);
}

static void csv_case(FILE *fp, const out_evlog_case_t *c, const out_evlog_event_t *ev, size_t n,
                     long epoch_days) {
    for (size_t i = 0; i < n; i++) {
        char ts[32];
        out_evlog_timestamp(ts, ev[i].minutes, epoch_days);
        const char *fields[] = {c->case_id, c->variant};
        for (size_t k = 0; k < 2; k++) {
            text_csv_field(fp, fields[k]);
            putc(',', fp);
        }
        fprintf(fp, "%u,", c->replication);
        const char *rest[] = {c->service,
                              c->region,
                              c->channel,
                              ev[i].activity,
                              ev[i].department,
                              ev[i].resource,
                              ev[i].start ? "start" : "complete"};
        for (size_t k = 0; k < sizeof rest / sizeof *rest; k++) {
            text_csv_field(fp, rest[k] ? rest[k] : "");
            putc(',', fp);
        }
        fprintf(fp, "%s,%d\n", ts, ev[i].trip);
    }
}

void out_evlog_case(FILE *fp, out_evlog_format_t f, const out_evlog_case_t *c,
                    const out_evlog_event_t *ev, size_t n, long epoch_days) {
    assert(f != OUT_EVLOG_OCEL); /* out_evlog_ocel_case: two streams */
    if (f == OUT_EVLOG_XES) xes_case(fp, c, ev, n, epoch_days);
    else csv_case(fp, c, ev, n, epoch_days);
}

/* {"name":"NAME","time":"T","value":"V"} */
static void ocel_attr(FILE *fp, const char *name, const char *time, const char *value) {
    fputs("{\"name\":", fp);
    text_json_string(fp, name);
    if (time) fprintf(fp, ",\"time\":\"%s\"", time);
    fputs(",\"value\":", fp);
    text_json_string(fp, value ? value : "");
    putc('}', fp);
}

static void ocel_rel(FILE *fp, bool comma, const char *id, const char *qualifier) {
    fputs(comma ? ",{\"objectId\":" : "{\"objectId\":", fp);
    text_json_string(fp, id);
    fprintf(fp, ",\"qualifier\":\"%s\"}", qualifier);
}

void out_evlog_ocel_case(FILE *events, FILE *objects, const out_evlog_case_t *c,
                         const out_evlog_event_t *ev, size_t n, long epoch_days) {
    char ts[32], rep[16];
    out_evlog_timestamp(ts, n ? ev[0].minutes : 0, epoch_days);
    snprintf(rep, sizeof rep, "%u", c->replication);
    fputs(",\n{\"id\":", objects);
    text_json_string(objects, c->case_id);
    fputs(",\"type\":\"case\",\"attributes\":[", objects);
    ocel_attr(objects, "service", ts, c->service);
    putc(',', objects);
    ocel_attr(objects, "region", ts, c->region);
    putc(',', objects);
    ocel_attr(objects, "channel", ts, c->channel);
    putc(',', objects);
    ocel_attr(objects, "variant", ts, c->variant);
    fprintf(objects,
            ",{\"name\":\"replication\",\"time\":\"%s\",\"value\":%u}],"
            "\"relationships\":[]}",
            ts, c->replication);
    for (size_t i = 0; i < n; i++) {
        char id[96];
        out_evlog_timestamp(ts, ev[i].minutes, epoch_days);
        snprintf(id, sizeof id, "%s:%zu", c->case_id, i + 1);
        fputs(",\n{\"id\":", events);
        text_json_string(events, id);
        fputs(",\"type\":", events);
        text_json_string(events, ev[i].activity);
        fprintf(events,
                ",\"time\":\"%s\",\"attributes\":[{\"name\":\"lifecycle\",\"value\":\"%s\"},"
                "{\"name\":\"trip\",\"value\":%d}],\"relationships\":[",
                ts, ev[i].start ? "start" : "complete", ev[i].trip);
        ocel_rel(events, false, c->case_id, "case");
        if (ev[i].department && *ev[i].department)
            ocel_rel(events, true, ev[i].department, "department");
        if (ev[i].resource && *ev[i].resource) ocel_rel(events, true, ev[i].resource, "resource");
        fputs("]}", events);
    }
}

/* {"id":ID,"type":TYPE,"attributes":[],"relationships":[]} */
static void ocel_plain_object(FILE *fp, bool comma, const char *id, const char *type) {
    fputs(comma ? ",\n{\"id\":" : "\n{\"id\":", fp);
    text_json_string(fp, id);
    fprintf(fp, ",\"type\":\"%s\",\"attributes\":[],\"relationships\":[]}", type);
}

void out_evlog_ocel_begin(FILE *fp, const char *const *activities, size_t n_activities,
                          const char *const *departments, size_t n_departments,
                          const char *const *resources, size_t n_resources) {
    fputs("{\"objectTypes\":[\n{\"name\":\"case\",\"attributes\":["
          "{\"name\":\"service\",\"type\":\"string\"},{\"name\":\"region\",\"type\":\"string\"},"
          "{\"name\":\"channel\",\"type\":\"string\"},{\"name\":\"variant\",\"type\":\"string\"},"
          "{\"name\":\"replication\",\"type\":\"integer\"}]},\n"
          "{\"name\":\"department\",\"attributes\":[]},\n"
          "{\"name\":\"resource\",\"attributes\":[]}],\n\"eventTypes\":[",
          fp);
    for (size_t i = 0; i < n_activities; i++) {
        fputs(i ? ",\n{\"name\":" : "\n{\"name\":", fp);
        text_json_string(fp, activities[i]);
        fputs(",\"attributes\":[{\"name\":\"lifecycle\",\"type\":\"string\"},"
              "{\"name\":\"trip\",\"type\":\"integer\"}]}",
              fp);
    }
    fputs("],\n\"objects\":[", fp);
    for (size_t i = 0; i < n_departments; i++)
        ocel_plain_object(fp, i > 0, departments[i], "department");
    for (size_t i = 0; i < n_resources; i++)
        ocel_plain_object(fp, n_departments + i > 0, resources[i], "resource");
}

void out_evlog_ocel_events(FILE *fp) { fputs("],\n\"events\":[", fp); }

void out_evlog_ocel_end(FILE *fp) { fputs("]}\n", fp); }

void out_evlog_end(FILE *fp, out_evlog_format_t f) {
    if (f == OUT_EVLOG_XES) fputs("</log>\n", fp);
}

double out_evlog_estimate_bytes(out_evlog_format_t f, double cases, double events) {
    /* measured on the bundled scenarios: about 110 bytes a CSV row; an
     * XES event about 330 bytes and a trace's own attributes about 300 */
    if (f == OUT_EVLOG_XES) return 330 * events + 300 * cases;
    if (f == OUT_EVLOG_OCEL) return 330 * events + 400 * cases;
    return 110 * events;
}
