/*
 * scn_appt.c - reading a service's `appointments` setting (see scn_appt.h).
 */
#include "scn_appt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const cfgr_range_t R_SHARE = {0, 1, false, false, false};
static const cfgr_range_t R_SLOT = {1, 1440, false, false, false};
static const cfgr_range_t R_SLOTS = {0, 1000000, false, false, true};

int scn_offset_parse(const char *text, scn_offset_t *out, char *err, size_t errlen) {
    static const struct {
        const char *name;
        scn_offset_kind_t kind;
        int n;
    } forms[] = {{"const", SCN_OFFSET_CONST, 1},
                 {"normal", SCN_OFFSET_NORMAL, 2},
                 {"uniform", SCN_OFFSET_UNIFORM, 2}};
    char name[16], tail[2];
    double a = 0, b = 0;
    /* a trailing character is caught by %1s, non-finite values below */
    int got =
        sscanf(text, " %15[a-z] ( %lf , %lf ) %1s", name, &a, &b, tail); // NOLINT(cert-err34-c)
    if (got < 2)
        got = sscanf(text, " %15[a-z] ( %lf ) %1s", name, &a, tail) == 2 // NOLINT(cert-err34-c)
                  ? 2
                  : 0;
    for (size_t i = 0; got >= 2 && i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(name, forms[i].name) != 0) continue;
        if (got != forms[i].n + 1 || !isfinite(a) || !isfinite(b)) break;
        if (forms[i].kind == SCN_OFFSET_NORMAL && !(b > 0)) break;
        if (forms[i].kind == SCN_OFFSET_UNIFORM && !(a < b)) break;
        *out = (scn_offset_t){forms[i].kind, a, b};
        return 0;
    }
    snprintf(err, errlen, "'%s' is not an offset", text);
    return -1;
}

/* The early/late distribution: minutes from the slot start, any sign. */
static int read_early_late(const cfgr_t *r, const config_setting_t *g, scn_offset_t *out) {
    const char *text;
    config_setting_t *at;
    char msg[512];
    if (cfgr_string(r, g, "early_late", false, 256, "const(0)", &text, &at) != 0) return -1;
    if (scn_offset_parse(text, out, msg, sizeof msg) != 0)
        return cfgr_fail(r, at,
                         "%s (expected minutes after the slot start, negative for early: "
                         "\"const(v)\", \"normal(mean, sd)\" with sd > 0 or "
                         "\"uniform(a, b)\" with a < b, e.g. \"normal(-5, 10)\")",
                         msg);
    return 0;
}

/* "walk_in" or "next_day". */
static int read_when_full(const cfgr_t *r, const config_setting_t *g, scn_appt_full_t *out) {
    const char *text;
    config_setting_t *at;
    if (cfgr_string(r, g, "when_full", false, 64, "walk_in", &text, &at) != 0) return -1;
    if (strcmp(text, "walk_in") == 0) *out = SCN_APPT_WALK_IN;
    else if (strcmp(text, "next_day") == 0) *out = SCN_APPT_NEXT_DAY;
    else return cfgr_fail(r, at, "unknown rule '%s' (expected \"walk_in\" or \"next_day\")", text);
    return 0;
}

int scn_appt_read(const cfgr_t *r, const config_setting_t *group, scn_appt_t *out) {
    static const char *const keys[] = {
        "share", "slot_minutes", "slots_per_window", "early_late", "no_show", "when_full", NULL};
    config_setting_t *g;
    memset(out, 0, sizeof *out);
    if (cfgr_group(r, group, "appointments", false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_number(r, g, "share", &R_SHARE, true, 0, &out->share, NULL) != 0 ||
        cfgr_number(r, g, "slot_minutes", &R_SLOT, false, 30, &out->slot_minutes, NULL) != 0 ||
        cfgr_int(r, g, "slots_per_window", &R_SLOTS, false, 2, &out->slots_per_window) != 0 ||
        cfgr_number(r, g, "no_show", &R_SHARE, false, 0, &out->no_show, NULL) != 0 ||
        read_when_full(r, g, &out->when_full) != 0 || read_early_late(r, g, &out->early_late) != 0)
        return -1;
    out->on = true;
    return 0;
}
