#include "scn_profile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demand.h"
#include "scn_dates.h"

#define QUARTER 15

/* Weights are 0 or at least MIN_WEIGHT, factors at least 0.001: products of
 * the smallest (three weights, 64 surges) stay far above underflow, so the
 * integrated rate keeps its precision and the inversion its exactness. */
#define MIN_WEIGHT 1e-6
static const cfgr_range_t R_WEIGHT = {0, 1e6, false, false, false};
static const cfgr_range_t R_FACTOR = {0.001, 1000, false, false, false};
static const cfgr_range_t R_BIN = {15, 60, false, false, true};
static const cfgr_range_t R_DAYNUM = {0, 1000000, false, false, true};

static const char *const PROFILE_KEYS[] = {"hour_of_day", "day_of_week", "month_of_year", "surges",
                                           NULL};
static const char *const REGION_KEYS[] = {"region",        "hour_of_day", "day_of_week",
                                          "month_of_year", "surges",      NULL};

/* The weights of array `name` in g: exactly n of them if n > 0, else 1..max
 * (count in *got); each a number >= 0, and not all 0. */
static int read_weights(const cfgr_t *r, const config_setting_t *g, const char *name, size_t n,
                        size_t max, double *w, size_t *got) {
    config_setting_t *list;
    const char *what = "weights (numbers >= 0)";
    if (cfgr_sequence(r, g, name, true, n ? n : 1, n ? n : max, what, &list) != 0) return -1;
    size_t len = (size_t)config_setting_length(list);
    double sum = 0;
    for (size_t i = 0; i < len; i++) {
        const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (cfgr_number_value(r, e, &R_WEIGHT, &w[i]) != 0) return -1;
        if (w[i] > 0 && w[i] < MIN_WEIGHT)
            return cfgr_fail(r, e, "%g is too small (expected 0, or %g to 1e+06)", w[i],
                             MIN_WEIGHT);
        sum += w[i];
    }
    if (!(sum > 0)) return cfgr_fail(r, list, "all weights are 0 (expected at least one > 0)");
    if (got) *got = len;
    return 0;
}

/* "HH:MM" on a quarter hour, as a quarter-hour index. */
static int read_from(const cfgr_t *r, const config_setting_t *g, int *quarter) {
    const char *text;
    config_setting_t *at;
    *quarter = 0;
    if (cfgr_string(r, g, "from", false, 16, "00:00", &text, &at) != 0) return -1;
    int h, m, used = 0;
    /* %n and text[used] check the whole text was "HH:MM" */
    if (sscanf(text, "%2d:%2d%n", &h, &m, &used) != 2 || // NOLINT(cert-err34-c)
        text[used] != '\0' || h < 0 || h > 23 || m < 0 || m > 59 || m % QUARTER != 0)
        return cfgr_fail(r, at ? at : g,
                         "'%s' is not a start time (expected HH:MM on a quarter hour, e.g. "
                         "\"08:00\" or \"08:30\")",
                         text);
    *quarter = (h * 60 + m) / QUARTER;
    return 0;
}

/* hour_of_day = { bin = 60; from = "08:00"; weights = [...]; }: bins of
 * 15, 30 or 60 minutes from `from`; quarters outside them weigh 0. */
static int read_hours(const cfgr_t *r, const config_setting_t *p, scn_profile_t *out) {
    static const char *const keys[] = {"bin", "from", "weights", NULL};
    config_setting_t *g;
    if (cfgr_group(r, p, "hour_of_day", false, &g) != 0) return -1;
    for (int q = 0; q < SCN_HOUR_SLOTS; q++) out->hour[q] = g ? 0.0 : 1.0;
    if (!g) return 0;
    int bin, from;
    config_setting_t *bin_at;
    if (cfgr_check_keys(r, g, keys) != 0 || cfgr_int(r, g, "bin", &R_BIN, false, 60, &bin) != 0 ||
        read_from(r, g, &from) != 0)
        return -1;
    bin_at = config_setting_get_member(g, "bin");
    if (bin != 15 && bin != 30 && bin != 60)
        return cfgr_fail(r, bin_at ? bin_at : g, "%d minutes (expected 15, 30 or 60)", bin);
    int per_bin = bin / QUARTER;
    size_t max = (size_t)((SCN_HOUR_SLOTS - from) / per_bin), n;
    double w[SCN_HOUR_SLOTS];
    if (max == 0)
        return cfgr_fail(r, g,
                         "a %d-minute bin does not fit after 'from' (expected an earlier "
                         "start)",
                         bin);
    if (read_weights(r, g, "weights", 0, max, w, &n) != 0) return -1;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < per_bin; k++) out->hour[from + (int)i * per_bin + k] = w[i];
    return 0;
}

/* One surge { name = "..."; from = "YYYY-MM-DD"; to = "..."; factor = x; };
 * from and to may also be day numbers. */
static int read_surge_day(const cfgr_t *r, const scn_t *s, const config_setting_t *g,
                          const char *name, long *day) {
    config_setting_t *at = config_setting_get_member(g, name);
    if (!at) return cfgr_fail_missing(r, g, name, "a date \"YYYY-MM-DD\" or a day number");
    if (config_setting_type(at) == CONFIG_TYPE_STRING) return scn_dates_day(r, s, at, day);
    double v;
    if (cfgr_number_value(r, at, &R_DAYNUM, &v) != 0) return -1;
    *day = (long)v;
    return 0;
}

static int read_surges(const cfgr_t *r, const scn_t *s, const config_setting_t *p,
                       scn_profile_t *out) {
    static const char *const keys[] = {"name", "from", "to", "factor", NULL};
    config_setting_t *list;
    out->n_surges = 0;
    if (cfgr_list(r, p, "surges", false, 0, SCN_MAX_SURGES, "surge periods", &list) != 0) return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    for (size_t i = 0; i < n; i++) {
        config_setting_t *g;
        scn_surge_t *u = &out->surges[i];
        const char *name;
        if (cfgr_elem_group(r, list, i,
                            "{ name = \"...\"; from = \"YYYY-MM-DD\"; to = \"YYYY-MM-DD\"; "
                            "factor = 1.5; }",
                            &g) != 0 ||
            cfgr_check_keys(r, g, keys) != 0 ||
            cfgr_string(r, g, "name", false, SCN_ID_MAX - 1, "", &name, NULL) != 0 ||
            read_surge_day(r, s, g, "from", &u->from) != 0 ||
            read_surge_day(r, s, g, "to", &u->to) != 0 ||
            cfgr_number(r, g, "factor", &R_FACTOR, true, 1, &u->factor, NULL) != 0)
            return -1;
        snprintf(u->name, sizeof u->name, "%s", name);
        if (u->to < u->from)
            return cfgr_fail(r, config_setting_get_member(g, "to"),
                             "ends before it starts (expected 'to' on or after 'from')");
    }
    out->n_surges = n;
    return 0;
}

/* Some demand must fall in the run, for counter cases (on the opening
 * hours of working days) and for online ones. */
static int check_mass(const cfgr_t *r, const scn_t *s, const config_setting_t *p,
                      const scn_profile_t *out) {
    if (!(demand_day_shape_mass(s, out) > 0))
        return cfgr_fail(r, p,
                         "hour_of_day: no weight falls in the opening hours (expected "
                         "weights > 0 within calendar.hours)");
    long n_days = (long)s->days + s->warmup_days;
    for (int on = 0; on < 2; on++) {
        double mass = 0;
        for (long d = 0; d < n_days && !(mass > 0); d++) mass += demand_day_weight(s, out, d, on);
        if (!(mass > 0))
            return cfgr_fail(r, p,
                             "no %s demand falls in the %ld simulated days (day_of_week and "
                             "month_of_year weigh 0 on all of them; expected some weight > 0)",
                             on ? "online" : "counter", n_days);
    }
    return 0;
}

/* The profile settings of group p (a service's profile or a region's). */
static int read_one(const cfgr_t *r, const scn_t *s, const config_setting_t *p,
                    scn_profile_t *out) {
    if (scn_profile_read_fields(r, s, p, out) != 0) return -1;
    return check_mass(r, s, p, out);
}

int scn_profile_read_fields(const cfgr_t *r, const scn_t *s, const config_setting_t *p,
                            scn_profile_t *out) {
    config_setting_t *at;
    if (read_hours(r, p, out) != 0) return -1;
    for (int i = 0; i < 7; i++) out->weekday[i] = 1.0;
    for (int i = 0; i < 12; i++) out->month[i] = 1.0;
    if (config_setting_get_member(p, "day_of_week") &&
        read_weights(r, p, "day_of_week", 7, 7, out->weekday, NULL) != 0)
        return -1;
    if ((at = config_setting_get_member(p, "month_of_year")) != NULL) {
        if (!s->dated)
            return cfgr_fail(r, at,
                             "months need calendar.start_date (expected e.g. start_date = "
                             "\"2024-01-02\"; in the calendar group)");
        if (read_weights(r, p, "month_of_year", 12, 12, out->month, NULL) != 0) return -1;
    }
    return read_surges(r, s, p, out);
}

static int find_region(const cfgr_t *r, const scn_t *s, const config_setting_t *g, int *rg) {
    const char *id;
    config_setting_t *at;
    if (cfgr_id(r, g, "region", SCN_ID_MAX - 1, &id, &at) != 0) return -1;
    *rg = scn_find_region(s, id);
    if (*rg < 0) return cfgr_fail(r, at, "unknown region '%s'", id);
    return 0;
}

/* region_profiles = ( { region = "x"; hour_of_day = ...; }, ... ): the
 * region's own profile replaces the service's there (the whole profile:
 * what it leaves out is flat). */
static int read_regions(const cfgr_t *r, const scn_t *s, const config_setting_t *list,
                        scn_service_t *sv, size_t first) {
    size_t n = (size_t)config_setting_length(list);
    for (size_t i = 0; i < n; i++) {
        config_setting_t *g;
        int rg;
        if (cfgr_elem_group(r, list, i, "{ region = \"...\"; hour_of_day = { ... }; }", &g) != 0 ||
            cfgr_check_keys(r, g, REGION_KEYS) != 0 || find_region(r, s, g, &rg) != 0)
            return -1;
        for (size_t k = first; k < first + i; k++)
            if (sv->region_profile[rg] == (int)k)
                return cfgr_fail(r, config_setting_get_member(g, "region"),
                                 "region '%s' has a profile already (expected each region once)",
                                 s->regions[rg].id);
        if (read_one(r, s, g, &sv->profiles[first + i]) != 0) return -1;
        sv->region_profile[rg] = (int)(first + i);
    }
    return 0;
}

int scn_profile_read(const cfgr_t *r, const scn_t *s, const config_setting_t *g,
                     scn_service_t *sv) {
    config_setting_t *p, *list;
    if (cfgr_group(r, g, "profile", false, &p) != 0 ||
        cfgr_list(r, g, "region_profiles", false, 0, s->n_regions, "region profiles", &list) != 0)
        return -1;
    size_t n_regions = list ? (size_t)config_setting_length(list) : 0;
    size_t n = (p ? 1 : 0) + n_regions;
    if (n == 0) return 0;
    sv->profiles = calloc(n, sizeof *sv->profiles);
    sv->region_profile = malloc(s->n_regions * sizeof *sv->region_profile);
    if (!sv->profiles || !sv->region_profile)
        return cfgr_fail(r, g, "out of memory for %zu arrival profiles", n);
    sv->n_profiles = n;
    for (size_t rg = 0; rg < s->n_regions; rg++) sv->region_profile[rg] = p ? 0 : -1;
    if (p && (cfgr_check_keys(r, p, PROFILE_KEYS) != 0 || read_one(r, s, p, &sv->profiles[0])))
        return -1;
    return list ? read_regions(r, s, list, sv, p ? 1 : 0) : 0;
}
