/*
 * scn_platform.c - reading the platform's and the hub's servers (see
 * scn_platform.h).
 */
#include "scn_platform.h"

#include <string.h>

#define SERVERS_TEXT_MAX 255

static const cfgr_range_t R_SERVERS = {0, 1000000, false, false, true};
/* A day at most: a request that waits longer has not timed out, it failed. */
static const cfgr_range_t R_TIMEOUT = {0, 86400, false, false, false};
static const cfgr_range_t R_RETRY = {0, 43200, true, false, false};
static const cfgr_range_t R_RETRIES = {0, 100, false, false, true};
/* A response's mean at most an hour, in seconds. */
#define MAX_RESPONSE_MEAN_SECONDS 3600.0

/* response: seconds as a distribution, kept in minutes. */
static int read_response(const cfgr_t *r, const config_setting_t *g, const char *base_dir,
                         dist_t *out) {
    const char *text;
    config_setting_t *at;
    char msg[512];
    if (cfgr_string(r, g, "response", false, SERVERS_TEXT_MAX, "exp(1)", &text, &at) != 0)
        return -1;
    if (dist_parse(out, text, base_dir, msg, sizeof msg) != 0)
        return cfgr_fail(r, at, "%s (expected seconds as a distribution, e.g. \"lognormal(2, 1)\")",
                         msg);
    double mean = dist_mean(out);
    if (!(mean > 0 && mean <= MAX_RESPONSE_MEAN_SECONDS))
        return cfgr_fail(r, at, "mean %g seconds (expected a mean above 0 and at most %g seconds)",
                         mean, MAX_RESPONSE_MEAN_SECONDS);
    dist_scale(out, 1.0 / 60);
    return 0;
}

static int read_rule(const cfgr_t *r, const config_setting_t *g, scn_timeout_rule_t *out) {
    const char *v;
    config_setting_t *at;
    if (cfgr_string(r, g, "on_timeout", false, 64, "counter", &v, &at) != 0) return -1;
    if (strcmp(v, "counter") == 0) *out = SCN_TIMEOUT_COUNTER;
    else if (strcmp(v, "retry") == 0) *out = SCN_TIMEOUT_RETRY;
    else return cfgr_fail(r, at, "unknown rule '%s' (expected \"counter\" or \"retry\")", v);
    return 0;
}

int scn_servers_read(const cfgr_t *r, const config_setting_t *root, const char *name,
                     const char *base_dir, scn_servers_t *out) {
    static const char *const platform_keys[] = {
        "servers", "response", "timeout_seconds", "on_timeout", "retry_minutes", "retries", NULL};
    static const char *const hub_keys[] = {"servers", "response", "timeout_seconds", NULL};
    bool platform = strcmp(name, "platform") == 0;
    config_setting_t *g;
    double timeout_s = 0;
    memset(out, 0, sizeof *out);
    out->retry_minutes = 60;
    out->retries = 3;
    if (cfgr_group(r, root, name, false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(r, g, platform ? platform_keys : hub_keys) != 0 ||
        cfgr_int(r, g, "servers", &R_SERVERS, true, 0, &out->servers) != 0 ||
        read_response(r, g, base_dir, &out->response) != 0 ||
        cfgr_number(r, g, "timeout_seconds", &R_TIMEOUT, false, 0, &timeout_s, NULL) != 0)
        return -1;
    out->timeout = timeout_s / 60;
    if (!platform) return 0;
    if (read_rule(r, g, &out->on_timeout) != 0 ||
        cfgr_number(r, g, "retry_minutes", &R_RETRY, false, 60, &out->retry_minutes, NULL) != 0 ||
        cfgr_int(r, g, "retries", &R_RETRIES, false, 3, &out->retries) != 0)
        return -1;
    return 0;
}

void scn_servers_free(scn_servers_t *s) { dist_free(&s->response); }
