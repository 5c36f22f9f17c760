/*
 * scn_hotline.c - reading a scenario's `hotline` block (scn_hotline.h,
 * docs/scenario-format.md "hotline").
 */
#include "scn_hotline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demand.h"
#include "scn.h"
#include "scn_profile.h"

#define PROB_TOLERANCE 1e-9

static const cfgr_range_t R_CALLS = {0, 1e6, false, false, false};
static const cfgr_range_t R_OPERATORS = {0, 100000, false, false, true};
static const cfgr_range_t R_SHARE = {0, 1, false, false, false};
static const cfgr_range_t R_PATIENCE = {0, 1e6, false, false, false};
static const cfgr_range_t R_LIMIT = {0, 3660, true, false, false};
static const cfgr_range_t R_LISTEN = {0, 1e6, false, false, false};

static const char *const TRIGGER_NAMES[SCN_HL_TRIGGERS] = {"over_limit", "repeat_trip", "lost",
                                                           "rework"};

const char *scn_hotline_trigger_name(scn_hl_trigger_t t) { return TRIGGER_NAMES[t]; }

/* A distribution setting (minutes), with its default. */
static int read_dist(const cfgr_t *r, const config_setting_t *g, const char *name, const char *dflt,
                     const char *base_dir, dist_t *out) {
    const char *text;
    config_setting_t *at;
    char msg[512];
    if (cfgr_string(r, g, name, false, 256, dflt, &text, &at) != 0) return -1;
    if (dist_parse(out, text, base_dir, msg, sizeof msg) == 0) return 0;
    return cfgr_fail(r, at ? at : g, "%s", msg);
}

/* "HH:MM" within 00:00..24:00 at text, as minutes (and the characters
 * read), or -1. */
static double clock_minutes(const char *text, int *used) {
    int h, m, n = 0;
    /* %n checks that exactly "HH:MM" was read; the ranges are checked below */
    if (sscanf(text, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5) return -1; // NOLINT(cert-err34-c)
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m > 0)) return -1;
    *used = n;
    return h * 60.0 + m;
}

/* hours = "HH:MM-HH:MM" on quarter hours (the profile's resolution). */
static int read_hours(const cfgr_t *r, const config_setting_t *g, scn_hotline_t *h) {
    const char *text;
    config_setting_t *at;
    if (cfgr_string(r, g, "hours", false, 32, "00:00-24:00", &text, &at) != 0) return -1;
    int a = 0, b = 0;
    double from = clock_minutes(text, &a);
    double to = from >= 0 && text[a] == '-' ? clock_minutes(text + a + 1, &b) : -1;
    bool ok = from >= 0 && to >= 0 && text[a + 1 + b] == '\0' && to > from && fmod(from, 15) == 0 &&
              fmod(to, 15) == 0;
    if (!ok)
        return cfgr_fail(r, at,
                         "'%s' is not a block of the day (expected \"HH:MM-HH:MM\" on quarter "
                         "hours, start before end, e.g. \"08:00-20:00\" or \"00:00-24:00\")",
                         text);
    h->open = from;
    h->close = to;
    return 0;
}

/* roster = ( { days = ...; staff = ( ("08:00-20:00", 12) ); } ): operators
 * on duty (the roster's `staff`; a call centre has no windows). */
static int read_roster(const cfgr_t *r, const struct scn *s, const config_setting_t *g,
                       scn_hotline_t *h) {
    if (roster_read(r, g, &h->roster) != 0) return -1;
    h->roster.first_weekday = s->calendar.first_weekday; /* weekdays as the calendar's */
    for (size_t i = 0; i < h->roster.n_entries; i++)
        if (h->roster.entry[i].has_windows) {
            const config_setting_t *e =
                config_setting_get_elem(config_setting_get_member(g, "roster"), (unsigned)i);
            return cfgr_fail(r, config_setting_get_member(e, "windows"),
                             "a call centre has no windows (expected `staff` blocks: the "
                             "operators on duty)");
        }
    for (size_t i = 0; i < h->roster.n_entries; i++)
        if (h->roster.entry[i].service) {
            const config_setting_t *e =
                config_setting_get_elem(config_setting_get_member(g, "roster"), (unsigned)i);
            return cfgr_fail(r, config_setting_get_member(e, "days"),
                             "service_day is for the halls' rosters (expected weekday names: the "
                             "hotline keeps its own hours)");
        }
    return 0;
}

/* profile = { hour_of_day = ...; day_of_week = ...; ... }: some of it must
 * fall within `hours` and on some day of the run. */
static int read_profile(const cfgr_t *r, const struct scn *s, const config_setting_t *g,
                        scn_hotline_t *h) {
    static const char *const keys[] = {"hour_of_day", "day_of_week", "month_of_year", "surges",
                                       NULL};
    config_setting_t *p;
    if (cfgr_group(r, g, "profile", false, &p) != 0) return -1;
    if (!p) return 0;
    h->profile = calloc(1, sizeof *h->profile);
    if (!h->profile) return cfgr_fail(r, p, "out of memory");
    if (cfgr_check_keys(r, p, keys) != 0 || scn_profile_read_fields(r, s, p, h->profile) != 0)
        return -1;
    double in_hours = 0, days = 0;
    for (int q = (int)(h->open / 15); q < (int)(h->close / 15); q++)
        in_hours += h->profile->hour[q];
    for (long d = 0; d < (long)s->days + s->warmup_days && !(days > 0); d++)
        days += demand_day_weight(s, h->profile, d, true);
    if (!(in_hours > 0))
        return cfgr_fail(r, p,
                         "hour_of_day: no weight falls within hotline.hours (expected weights "
                         "> 0 within them)");
    if (!(days > 0))
        return cfgr_fail(r, p,
                         "no day of the run has demand (day_of_week and month_of_year weigh 0 "
                         "on all of them; expected some weight > 0)");
    return 0;
}

/* triggers = { over_limit = 0.1; repeat_trip = ...; lost = ...; rework = ...; } */
static int read_triggers(const cfgr_t *r, const config_setting_t *g, scn_hotline_t *h) {
    static const char *const keys[] = {"over_limit", "repeat_trip", "lost", "rework", NULL};
    config_setting_t *t;
    if (cfgr_group(r, g, "triggers", false, &t) != 0) return -1;
    if (!t) return 0;
    if (cfgr_check_keys(r, t, keys) != 0) return -1;
    for (int i = 0; i < SCN_HL_TRIGGERS; i++)
        if (cfgr_number(r, t, TRIGGER_NAMES[i], &R_SHARE, false, 0, &h->trigger[i], NULL) != 0)
            return -1;
    return 0;
}

/* Officers a department can put on appeals (fixed staff or a roster). */
static bool has_officers(const struct scn *s, size_t d) {
    const scn_department_t *dp = &s->departments[d];
    return roster_max(&dp->roster, ROSTER_STAFF, dp->staff) > 0;
}

/* departments = ( ("civil", 0.6), ("market", 0.4) ), or by staff. */
static int read_departments(const cfgr_t *r, const struct scn *s, const config_setting_t *g,
                            scn_hotline_t *h) {
    config_setting_t *list;
    h->dept_share = calloc(s->n_departments ? s->n_departments : 1, sizeof *h->dept_share);
    if (!h->dept_share) return cfgr_fail(r, g, "out of memory");
    if (cfgr_list(r, g, "departments", false, 1, s->n_departments, "departments", &list) != 0)
        return -1;
    double sum = 0;
    if (!list) {
        for (size_t d = 0; d < s->n_departments; d++)
            if (has_officers(s, d)) sum += h->dept_share[d] = s->departments[d].staff;
        for (size_t d = 0; d < s->n_departments && sum > 0; d++) h->dept_share[d] /= sum;
        return 0;
    }
    for (size_t i = 0; i < (size_t)config_setting_length(list); i++) {
        const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        bool pair = (config_setting_is_list(e) || config_setting_is_array(e)) &&
                    config_setting_length(e) == 2;
        const char *id;
        double v;
        if (!pair) return cfgr_fail(r, e, "is not a pair (expected (\"department\", share))");
        if (cfgr_id_value(r, config_setting_get_elem(e, 0), SCN_ID_MAX - 1, &id) != 0 ||
            cfgr_number_value(r, config_setting_get_elem(e, 1), &R_SHARE, &v) != 0)
            return -1;
        int d = scn_find_department(s, id);
        if (d < 0)
            return cfgr_fail(r, e, "unknown department '%s' (expected one of the departments)", id);
        if (h->dept_share[d] > 0)
            return cfgr_fail(r, e, "department '%s' named twice (expected each department once)",
                             id);
        if (v > 0 && !has_officers(s, (size_t)d))
            return cfgr_fail(r, e,
                             "department '%s' has no officers for appeals (expected a department "
                             "with staff)",
                             id);
        h->dept_share[d] = v;
        sum += v;
    }
    if (fabs(sum - 1) > PROB_TOLERANCE)
        return cfgr_fail(r, list, "shares sum to %.10g (expected 1)", sum);
    return 0;
}

/* What cannot work: calls with nobody ever on duty, appeals with no
 * officer anywhere. */
static int check(const cfgr_t *r, const struct scn *s, const config_setting_t *g,
                 const scn_hotline_t *h) {
    bool triggered = false;
    for (int i = 0; i < SCN_HL_TRIGGERS; i++) triggered |= h->trigger[i] > 0;
    if ((h->calls_per_day > 0 || triggered) &&
        roster_max(&h->roster, ROSTER_STAFF, h->operators) == 0)
        return cfgr_fail(r, g,
                         "no operator is ever on duty (expected operators > 0, or roster "
                         "`staff` blocks with a count > 0)");
    bool appeals = triggered || (h->calls_per_day > 0 && h->appeal_share > 0);
    double total = 0;
    for (size_t d = 0; d < s->n_departments; d++) total += h->dept_share[d];
    if (appeals && !(total > 0))
        return cfgr_fail(r, g,
                         "appeals need officers, and no department has staff (expected a "
                         "department with staff > 0)");
    return 0;
}

int scn_hotline_read(const cfgr_t *r, const struct scn *s, const config_setting_t *root,
                     const char *base_dir, scn_hotline_t *out) {
    static const char *const keys[] = {
        "calls_per_day",   "hours",         "profile",        "operators",
        "roster",          "talk",          "patience",       "triggers",
        "appeal_share",    "complex_share", "simple_days",    "complex_days",
        "simple_work",     "complex_work",  "departments",    "bad_rating_within",
        "bad_rating_over", "listen",        "listen_minutes", NULL};
    config_setting_t *g;
    memset(out, 0, sizeof *out);
    if (cfgr_group(r, root, "hotline", false, &g) != 0) return -1;
    if (!g) return 0;
    scn_hotline_t *h = out;
    h->on = true;
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_number(r, g, "calls_per_day", &R_CALLS, true, 0, &h->calls_per_day, NULL) != 0 ||
        read_hours(r, g, h) != 0 || read_profile(r, s, g, h) != 0 ||
        cfgr_int(r, g, "operators", &R_OPERATORS, true, 0, &h->operators) != 0 ||
        read_roster(r, s, g, h) != 0 ||
        read_dist(r, g, "talk", "exp(5)", base_dir, &h->talk) != 0 ||
        cfgr_number(r, g, "patience", &R_PATIENCE, false, 0, &h->patience, NULL) != 0 ||
        read_triggers(r, g, h) != 0 ||
        cfgr_number(r, g, "appeal_share", &R_SHARE, false, 0.47, &h->appeal_share, NULL) != 0 ||
        cfgr_number(r, g, "complex_share", &R_SHARE, false, 0.2, &h->complex_share, NULL) != 0 ||
        cfgr_number(r, g, "simple_days", &R_LIMIT, false, 5, &h->simple_days, NULL) != 0 ||
        cfgr_number(r, g, "complex_days", &R_LIMIT, false, 15, &h->complex_days, NULL) != 0 ||
        read_dist(r, g, "simple_work", "exp(30)", base_dir, &h->simple_work) != 0 ||
        read_dist(r, g, "complex_work", "exp(120)", base_dir, &h->complex_work) != 0 ||
        read_departments(r, s, g, h) != 0 ||
        cfgr_number(r, g, "bad_rating_within", &R_SHARE, false, 0.03, &h->bad_within, NULL) != 0 ||
        cfgr_number(r, g, "bad_rating_over", &R_SHARE, false, 0.3, &h->bad_over, NULL) != 0 ||
        cfgr_bool(r, g, "listen", false, false, &h->listen, NULL) != 0 ||
        cfgr_number(r, g, "listen_minutes", &R_LISTEN, false, 60, &h->listen_minutes, NULL) != 0)
        return -1;
    return check(r, s, g, h);
}

void scn_hotline_free(scn_hotline_t *h) {
    dist_free(&h->talk);
    dist_free(&h->simple_work);
    dist_free(&h->complex_work);
    free(h->profile);
    free(h->dept_share);
    memset(h, 0, sizeof *h);
}
