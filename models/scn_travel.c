/*
 * scn_travel.c - reading the `travel` section (see scn_travel.h and
 * docs/scenario-format.md).
 */
#include "scn_travel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roster.h"
#include "scn.h"

#define TRAVEL_ID_LEN (SCN_ID_MAX - 1)

static const cfgr_range_t R_MINUTES = {0, 10080, false, false, false}; /* at most a week */
static const cfgr_range_t R_YUAN = {0, 1e6, false, false, false};
static const cfgr_range_t R_SHARE = {0, 1, false, false, false};

static int oom(const cfgr_t *r) {
    if (r->err && r->errlen > 0) snprintf(r->err, r->errlen, "%s: out of memory", r->file);
    return -1;
}

/* A matrix: one row per region (home, in the order of `regions`), each
 * with one number per region (the hall's); *out stays NULL when missing. */
static int read_matrix(const cfgr_t *r, const config_setting_t *g, const char *name,
                       const cfgr_range_t *rg, size_t n, double **out) {
    config_setting_t *rows;
    *out = NULL;
    if (cfgr_list(r, g, name, false, 0, 100000, "rows", &rows) != 0) return -1;
    if (!rows) return 0;
    if ((size_t)config_setting_length(rows) != n)
        return cfgr_fail(r, rows,
                         "holds %d row%s (expected %zu: one per region, in the order of "
                         "`regions`, each [to region 1, to region 2, ...])",
                         config_setting_length(rows), config_setting_length(rows) == 1 ? "" : "s",
                         n);
    *out = calloc(n * n, sizeof **out);
    if (!*out) return oom(r);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *row = config_setting_get_elem(rows, (unsigned)i);
        if (!(config_setting_is_array(row) || config_setting_is_list(row)) ||
            (size_t)config_setting_length(row) != n)
            return cfgr_fail(
                r, row,
                "holds %d value%s (expected an array of %zu numbers: one per "
                "region the trip goes to)",
                config_setting_is_aggregate(row) ? config_setting_length(row) : 1,
                config_setting_is_aggregate(row) && config_setting_length(row) == 1 ? "" : "s", n);
        for (size_t j = 0; j < n; j++)
            if (cfgr_number_value(r, config_setting_get_elem(row, (unsigned)j), rg,
                                  &(*out)[i * n + j]) != 0)
                return -1;
    }
    return 0;
}

/* Element i of `list` as a pair ("id", second), with `second` a setting. */
static int read_pair_at(const cfgr_t *r, const config_setting_t *list, size_t i,
                        const char *example, const char **id, const config_setting_t **second) {
    const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
    if (!((config_setting_is_list(e) || config_setting_is_array(e)) &&
          config_setting_length(e) == 2)) {
        int n = config_setting_is_aggregate(e) ? config_setting_length(e) : 1;
        return cfgr_fail(r, e, "holds %d value%s (expected a pair %s)", n, n == 1 ? "" : "s",
                         example);
    }
    *second = config_setting_get_elem(e, 1);
    return cfgr_id_value(r, config_setting_get_elem(e, 0), TRAVEL_ID_LEN, id);
}

/* Per-service migrant shares: migrant_share for all, `migrants` pairs
 * for some.  Shares above 0 need another region to live in. */
static int read_migrants(const cfgr_t *r, const config_setting_t *g, struct scn *s) {
    double all;
    config_setting_t *all_at, *list;
    if (cfgr_number(r, g, "migrant_share", &R_SHARE, false, 0, &all, &all_at) != 0 ||
        cfgr_list(r, g, "migrants", false, 0, 100000, "services", &list) != 0)
        return -1;
    if (!all_at && !list) return 0;
    s->travel.migrant = calloc(s->n_services, sizeof *s->travel.migrant);
    if (!s->travel.migrant) return oom(r);
    for (size_t i = 0; i < s->n_services; i++) s->travel.migrant[i] = all;
    if (all > 0 && s->n_regions < 2)
        return cfgr_fail(r, all_at,
                         "migrants live in another region, and the scenario has only one "
                         "(expected 0, or at least two regions)");
    bool *given = calloc(s->n_services, sizeof *given);
    if (!given) return oom(r);
    int rc = 0;
    for (size_t i = 0; rc == 0 && list && i < (size_t)config_setting_length(list); i++) {
        const char *id = "";
        const config_setting_t *v = NULL; /* set by read_pair_at when it succeeds */
        double share = 0;
        int sv = -1;
        rc = read_pair_at(r, list, i, "(\"service id\", share)", &id, &v);
        if (rc == 0) rc = cfgr_number_value(r, v, &R_SHARE, &share);
        if (rc == 0 && (sv = scn_find_service(s, id)) < 0)
            rc = cfgr_fail(r, config_setting_get_elem(list, (unsigned)i),
                           "unknown service '%s' (expected a service id)", id);
        if (rc == 0 && given[sv])
            rc = cfgr_fail(r, config_setting_get_elem(list, (unsigned)i),
                           "service '%s' is listed twice (expected each service at most once)", id);
        if (rc == 0 && share > 0 && s->n_regions < 2)
            rc = cfgr_fail(r, v,
                           "migrants live in another region, and the scenario has only one "
                           "(expected 0, or at least two regions)");
        if (rc == 0) given[sv] = true, s->travel.migrant[sv] = share;
    }
    free(given);
    return rc;
}

/* One proxy_at pair: ("region", "department of that region with windows"). */
static int read_proxy_pair(const cfgr_t *r, const config_setting_t *list, size_t i, struct scn *s) {
    const config_setting_t *e = config_setting_get_elem(list, (unsigned)i), *v = NULL;
    const char *rid = "", *did = "";
    if (read_pair_at(r, list, i, "(\"region id\", \"department id\")", &rid, &v) != 0 ||
        cfgr_id_value(r, v, TRAVEL_ID_LEN, &did) != 0)
        return -1;
    int rg = scn_find_region(s, rid), d = scn_find_department(s, did);
    if (rg < 0) return cfgr_fail(r, e, "unknown region '%s' (expected a region id)", rid);
    if (d < 0) return cfgr_fail(r, v, "unknown department '%s' (expected a department id)", did);
    const scn_department_t *dp = &s->departments[d];
    if (dp->region != rg)
        return cfgr_fail(r, v,
                         "department '%s' is in region '%s' (expected a department of region "
                         "'%s', whose windows accept the other regions' matters)",
                         did, s->regions[dp->region].id, rid);
    if (roster_max(&dp->roster, ROSTER_WINDOWS, dp->windows) == 0)
        return cfgr_fail(r, v, "department '%s' has 0 windows (expected windows >= 1)", did);
    if (s->travel.proxy_at[rg] >= 0)
        return cfgr_fail(r, e, "region '%s' is listed twice (expected each region at most once)",
                         rid);
    s->travel.proxy_at[rg] = d;
    return 0;
}

static int read_proxy(const cfgr_t *r, const config_setting_t *g, struct scn *s,
                      const char *base_dir) {
    config_setting_t *on_at, *list, *delay_at;
    const char *text;
    char msg[512];
    if (cfgr_bool(r, g, "proxy", false, false, &s->travel.proxy, &on_at) != 0 ||
        cfgr_list(r, g, "proxy_at", false, 0, 100000, "regions", &list) != 0 ||
        cfgr_string(r, g, "proxy_delay", false, SCN_TEXT_MAX - 1, SCN_PROXY_DELAY, &text,
                    &delay_at) != 0)
        return -1;
    if (dist_parse(&s->travel.proxy_delay, text, base_dir, msg, sizeof msg) != 0)
        return cfgr_fail(r, delay_at ? delay_at : g, "%s", msg);
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    if (s->travel.proxy && n == 0)
        return cfgr_fail(r, on_at,
                         "proxy acceptance needs windows that accept other regions' matters "
                         "(expected proxy_at = ( (\"region id\", \"department id\"), ... ))");
    if (n == 0) return 0;
    s->travel.proxy_at = malloc(s->n_regions * sizeof *s->travel.proxy_at);
    if (!s->travel.proxy_at) return oom(r);
    for (size_t i = 0; i < s->n_regions; i++) s->travel.proxy_at[i] = -1;
    for (size_t i = 0; i < n; i++)
        if (read_proxy_pair(r, list, i, s) != 0) return -1;
    return 0;
}

int scn_travel_read(const cfgr_t *r, const config_setting_t *root, struct scn *s,
                    const char *base_dir) {
    static const char *const keys[] = {"minutes", "cost",     "migrant_share", "migrants",
                                       "proxy",   "proxy_at", "proxy_delay",   NULL};
    config_setting_t *g;
    if (cfgr_group(r, root, "travel", false, &g) != 0) return -1;
    if (!g) {
        char msg[256];
        int rc = dist_parse(&s->travel.proxy_delay, SCN_PROXY_DELAY, NULL, msg, sizeof msg);
        return rc == 0 ? 0 : cfgr_fail(r, root, "%s", msg);
    }
    if (cfgr_check_keys(r, g, keys) != 0 ||
        read_matrix(r, g, "minutes", &R_MINUTES, s->n_regions, &s->travel.minutes) != 0 ||
        read_matrix(r, g, "cost", &R_YUAN, s->n_regions, &s->travel.cost) != 0 ||
        read_migrants(r, g, s) != 0)
        return -1;
    return read_proxy(r, g, s, base_dir);
}

void scn_travel_free(scn_travel_t *t) {
    free(t->minutes);
    free(t->cost);
    free(t->migrant);
    free(t->proxy_at);
    dist_free(&t->proxy_delay);
    memset(t, 0, sizeof *t);
}
