/*
 * scn_service_days.c - reading calendar.service_days (scn_service_days.h).
 */
#include "scn_service_days.h"

#include <stdio.h>
#include <string.h>

#include "roster.h"
#include "wcal.h"

#define EXAMPLE "{ days = \"saturday\"; hours = [\"09:00-12:00\"]; }"

/* One entry { days = ...; hours = [...]; }. */
static int read_entry(const cfgr_t *r, scn_t *s, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"days", "hours", "demand", NULL};
    static const cfgr_range_t R_DEMAND = {0, 1000, false, false, false};
    config_setting_t *g, *hours;
    bool day[7];
    double demand;
    if (cfgr_elem_group(r, list, i, EXAMPLE, &g) != 0 || cfgr_check_keys(r, g, keys) != 0 ||
        roster_read_days(r, g, day) != 0 ||
        cfgr_sequence(r, g, "hours", true, 1, WCAL_MAX_INTERVALS, "opening intervals", &hours) != 0)
        return -1;
    const char *text[WCAL_MAX_INTERVALS];
    size_t n = (size_t)config_setting_length(hours);
    for (size_t k = 0; k < n; k++)
        if (cfgr_string_value(r, config_setting_get_elem(hours, (unsigned)k), 32, &text[k]) != 0)
            return -1;
    char msg[256];
    if (wcal_add_service(&s->calendar, day, text, n, msg, sizeof msg) == 0) {
        if (cfgr_number(r, g, "demand", &R_DEMAND, false, 1, &demand, NULL) != 0) return -1;
        wcal_set_service_demand(&s->calendar, day, demand);
        return 0;
    }
    const config_setting_t *at = cfgr_blame_quoted(hours, text, n, msg);
    if (at == hours && msg[0] != '\'') at = config_setting_get_member(g, "days");
    return cfgr_fail(r, at, "%s", msg);
}

int scn_service_days_read(const cfgr_t *r, scn_t *s, const config_setting_t *calendar) {
    config_setting_t *list;
    if (cfgr_list(r, calendar, "service_days", false, 1, 7, "service days", &list) != 0) return -1;
    for (size_t i = 0; list && i < (size_t)config_setting_length(list); i++)
        if (read_entry(r, s, list, i) != 0) return -1;
    return 0;
}
