#include "scn_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define MAX_DATES   100000 /* a day list longer than any real calendar  */
#define ARR_EXAMPLE "{ holidays = [\"2021-01-01\"]; makeup_days = [\"2021-02-07\"]; }"

static const cfgr_range_t R_DAY = {0, 1000000, false, false, true};

bool scn_dates_is_text(const config_setting_t *list) {
    if (!list || config_setting_length(list) == 0) return false;
    return config_setting_type(config_setting_get_elem(list, 0)) == CONFIG_TYPE_STRING;
}

int scn_dates_day(const cfgr_t *r, const scn_t *s, const config_setting_t *at, long *day) {
    const char *text;
    char msg[200];
    long d;
    if (cfgr_string_value(r, at, DATE_TEXT + 40, &text) != 0) return -1;
    if (date_parse(text, &d, msg, sizeof msg) != 0) return cfgr_fail(r, at, "%s", msg);
    if (!s->dated)
        return cfgr_fail(r, at,
                         "a date needs calendar.start_date (expected e.g. start_date = "
                         "\"%s\"; in the calendar group, or day numbers from 0)",
                         text);
    *day = d - s->start_date;
    return 0;
}

/* One element of a day list: a date (text) or a day number.  *keep is
 * false for a date before the start (nothing to do). */
static int read_day(const cfgr_t *r, const scn_t *s, const config_setting_t *e, int *out,
                    bool *keep) {
    *keep = true;
    if (config_setting_type(e) != CONFIG_TYPE_STRING) {
        double v;
        if (cfgr_number_value(r, e, &R_DAY, &v) != 0) return -1;
        *out = (int)v;
        return 0;
    }
    long d = 0;
    if (scn_dates_day(r, s, e, &d) != 0) return -1;
    *keep = d >= 0;
    *out = (int)d; /* |d| < 4e6: years 1000..9999 */
    return 0;
}

/* The element of `list` holding day `day` (for a message), or the list. */
static const config_setting_t *element_of_day(const cfgr_t *r, const scn_t *s,
                                              const config_setting_t *list, int day) {
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        int d;
        bool keep;
        cfgr_t quiet = *r;
        quiet.err = NULL, quiet.errlen = 0;
        if (read_day(&quiet, s, e, &d, &keep) == 0 && keep && d == day) return e;
    }
    return list;
}

/* Member `name` of group g, a list of days (dates or day numbers), added
 * to the calendar as holidays or make-up days. */
static int read_day_list(const cfgr_t *r, scn_t *s, const config_setting_t *g, const char *name,
                         bool makeup) {
    config_setting_t *list;
    if (cfgr_sequence(r, g, name, false, 0, MAX_DATES, "dates (\"YYYY-MM-DD\")", &list) != 0)
        return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    if (n == 0) return 0;
    int *days = malloc(n * sizeof *days);
    if (!days) return cfgr_fail(r, list, "out of memory reading %zu days", n);
    size_t kept = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        bool keep;
        rc = read_day(r, s, config_setting_get_elem(list, (unsigned)i), &days[kept], &keep);
        kept += rc == 0 && keep;
    }
    char msg[256];
    if (rc == 0) {
        rc = makeup ? wcal_add_makeups(&s->calendar, days, kept, msg, sizeof msg)
                    : wcal_add_holidays(&s->calendar, days, kept, msg, sizeof msg);
        int day;
        /* the calendar's own message names the day: no user text here */
        if (rc != 0 && sscanf(msg, "day %d is both", &day) == 1) { // NOLINT(cert-err34-c)
            char date[DATE_TEXT];
            date_format(s->start_date + day, date);
            const char *rest = strstr(msg, " is both");
            if (s->dated) rc = cfgr_fail(r, element_of_day(r, s, list, day), "%s%s", date, rest);
            else rc = cfgr_fail(r, element_of_day(r, s, list, day), "%s", msg);
        } else if (rc != 0) rc = cfgr_fail(r, list, "%s", msg);
    }
    free(days);
    return rc;
}

/* calendar.arrangements: a group of named arrangements (one per
 * @include'd year file), each with holidays and make-up days. */
static int read_arrangements(const cfgr_t *r, scn_t *s, const config_setting_t *cal) {
    static const char *const keys[] = {"holidays", "makeup_days", "source", NULL};
    config_setting_t *g;
    if (cfgr_group(r, cal, "arrangements", false, &g) != 0) return -1;
    if (!g) return 0;
    for (int i = 0; i < config_setting_length(g); i++) {
        config_setting_t *a = config_setting_get_elem(g, (unsigned)i);
        const char *source;
        if (!config_setting_is_group(a)) return cfgr_fail(r, a, "expected a group %s", ARR_EXAMPLE);
        if (cfgr_check_keys(r, a, keys) != 0 ||
            cfgr_string(r, a, "source", false, 1000, "", &source, NULL) != 0 ||
            read_day_list(r, s, a, "holidays", false) != 0 ||
            read_day_list(r, s, a, "makeup_days", true) != 0)
            return -1;
    }
    return 0;
}

static int read_start_date(const cfgr_t *r, scn_t *s, const config_setting_t *cal) {
    const char *text;
    config_setting_t *at;
    char msg[200];
    long d;
    if (cfgr_string(r, cal, "start_date", false, DATE_TEXT + 40, NULL, &text, &at) != 0) return -1;
    if (!text) return 0;
    if (date_parse(text, &d, msg, sizeof msg) != 0) return cfgr_fail(r, at, "%s", msg);
    s->dated = true;
    s->start_date = d;
    wcal_set_first_weekday(&s->calendar, date_weekday(d));
    return 0;
}

int scn_dates_read(const cfgr_t *r, scn_t *s, const config_setting_t *calendar) {
    if (read_start_date(r, s, calendar) != 0) return -1;
    if (scn_dates_is_text(config_setting_get_member(calendar, "holidays")) &&
        read_day_list(r, s, calendar, "holidays", false) != 0)
        return -1;
    if (read_day_list(r, s, calendar, "makeup_days", true) != 0) return -1;
    return read_arrangements(r, s, calendar);
}
