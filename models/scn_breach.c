/*
 * scn_breach.c - reading the scenario's `breaches` (see scn_breach.h).
 */
#include "scn_breach.h"

#include <stdlib.h>
#include <string.h>

#include "scn.h"

#define BREACH_TEXT_MAX 255

/* At most one breach a day on average: more would not be a breach
 * process but a permanent state; 0 is written by leaving the entry out. */
static const cfgr_range_t R_PER_YEAR = {0, 365, true, false, false};
static const cfgr_range_t R_DIP_DAYS = {0, 3660, false, false, false};
static const cfgr_range_t R_SHARE = {0, 1, false, false, false};
static const cfgr_range_t R_COST = {0, 1e12, false, false, false};
/* A suspension's mean at most ten years: longer is no longer an episode. */
#define MAX_SUSPEND_MEAN_DAYS 3660.0

static int read_target(const cfgr_t *r, const config_setting_t *g, int *out) {
    static const char *const names[] = {"online", "links", "hub"};
    static const int kinds[] = {SCN_INC_ONLINE, SCN_INC_LINKS, SCN_INC_HUB};
    const char *v;
    config_setting_t *at;
    if (cfgr_string(r, g, "target", true, 64, NULL, &v, &at) != 0) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i]) == 0) return *out = kinds[i], 0;
    return cfgr_fail(r, at, "'%s' is not a target (expected \"online\", \"links\" or \"hub\")", v);
}

/* suspend_days: a duration in days (sim/dist.h), "const(0)" when absent. */
static int read_suspend(const cfgr_t *r, const config_setting_t *g, const char *base_dir,
                        dist_t *out) {
    const char *text;
    config_setting_t *at;
    char msg[512];
    if (cfgr_string(r, g, "suspend_days", false, BREACH_TEXT_MAX, "const(0)", &text, &at) != 0)
        return -1;
    if (dist_parse(out, text, base_dir, msg, sizeof msg) != 0)
        return cfgr_fail(r, at, "%s (expected days as a distribution, e.g. \"uniform(3, 10)\")",
                         msg);
    if (!(dist_mean(out) <= MAX_SUSPEND_MEAN_DAYS))
        return cfgr_fail(r, at, "mean %g days is too long (expected at most %g days)",
                         dist_mean(out), MAX_SUSPEND_MEAN_DAYS);
    return 0;
}

static int read_one(const cfgr_t *r, const config_setting_t *list, size_t i, const char *base_dir,
                    scn_breach_t *b) {
    static const char *const keys[] = {
        "target", "per_year", "suspend_days", "dip_days", "dip_share", "cost", NULL};
    config_setting_t *g;
    if (cfgr_elem_group(
            r, list, i,
            "{ target = \"links\"; per_year = 0.5; suspend_days = \"uniform(3, 10)\"; }",
            &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || read_target(r, g, &b->target) != 0 ||
        cfgr_number(r, g, "per_year", &R_PER_YEAR, true, 0, &b->per_year, NULL) != 0 ||
        read_suspend(r, g, base_dir, &b->suspend_days) != 0 ||
        cfgr_number(r, g, "dip_days", &R_DIP_DAYS, false, 0, &b->dip_days, NULL) != 0 ||
        cfgr_number(r, g, "dip_share", &R_SHARE, false, 0, &b->dip_share, NULL) != 0 ||
        cfgr_number(r, g, "cost", &R_COST, false, 0, &b->cost, NULL) != 0)
        return -1;
    return 0;
}

int scn_breach_read(const cfgr_t *r, const config_setting_t *root, const char *base_dir,
                    scn_breach_t **out, size_t *n) {
    config_setting_t *list;
    *out = NULL;
    *n = 0;
    if (cfgr_list(r, root, "breaches", false, 0, SCN_MAX_BREACHES, "breaches", &list) != 0)
        return -1;
    size_t len = list ? (size_t)config_setting_length(list) : 0;
    if (len == 0) return 0;
    *out = calloc(len, sizeof **out);
    if (!*out) return cfgr_fail(r, list, "out of memory");
    *n = len;
    for (size_t i = 0; i < len; i++)
        if (read_one(r, list, i, base_dir, &(*out)[i]) != 0) return -1;
    return 0;
}

void scn_breach_free(scn_breach_t *b, size_t n) {
    if (!b) return;
    for (size_t i = 0; i < n; i++) dist_free(&b[i].suspend_days);
    free(b);
}

double scn_breach_rate(const scn_breach_t *b, double security) { return b->per_year / security; }

double scn_breach_cost_year(const scn_breach_t *b, size_t n, double security) {
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += scn_breach_rate(&b[i], security) * b[i].cost;
    return sum;
}
