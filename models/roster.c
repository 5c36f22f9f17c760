/*
 * roster.c - shift plans (roster.h): reading them and asking them who is
 * on duty.
 */
#include "roster.h"

#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cfgr.h"

#define DAY 1440.0

static const cfgr_range_t R_COUNT = {0, 100000, false, false, true};

/* ------------------------------------------------------------ reading */

/* The calendar's service days (sim/wcal.h), whatever their weekday. */
#define SERVICE_BIT 0x80u

/* Day-type names and the weekdays they stand for (bit 0 = Monday). */
static const struct {
    const char *name;
    unsigned days;
} DAY_TYPES[] = {
    {"weekday", 0x1f},  {"weekend", 0x60}, {"all", 0x7f},
    {"monday", 0x01},   {"tuesday", 0x02}, {"wednesday", 0x04},
    {"thursday", 0x08}, {"friday", 0x10},  {"saturday", 0x20},
    {"sunday", 0x40},   {"mon", 0x01},     {"tue", 0x02},
    {"wed", 0x04},      {"thu", 0x08},     {"fri", 0x10},
    {"sat", 0x20},      {"sun", 0x40},     {"service_day", SERVICE_BIT},
};

static int day_type(const cfgr_t *r, const config_setting_t *at, unsigned *days) {
    const char *text;
    if (cfgr_string_value(r, at, 32, &text) != 0) return -1;
    for (size_t i = 0; i < sizeof DAY_TYPES / sizeof *DAY_TYPES; i++)
        if (strcmp(text, DAY_TYPES[i].name) == 0) return *days |= DAY_TYPES[i].days, 0;
    return cfgr_fail(r, at,
                     "unknown day type '%s' (expected weekday, weekend, all, or a weekday name: "
                     "monday ... sunday, mon ... sun; or service_day)",
                     text);
}

/* `days`: one day type, or a list of them, as bits (SERVICE_BIT for
 * service_day). */
static int read_day_bits(const cfgr_t *r, const config_setting_t *g, unsigned *out) {
    config_setting_t *at = config_setting_get_member(g, "days");
    if (!at)
        return cfgr_fail_missing(r, g, "days",
                                 "a day type such as \"weekday\" or \"saturday\", or a list");
    unsigned days = 0;
    if (config_setting_is_aggregate(at)) {
        int n = config_setting_length(at);
        if (n == 0) return cfgr_fail(r, at, "is empty (expected at least one day type)");
        for (int i = 0; i < n; i++)
            if (day_type(r, config_setting_get_elem(at, (unsigned)i), &days) != 0) return -1;
    } else if (day_type(r, at, &days) != 0) {
        return -1;
    }
    *out = days;
    return 0;
}

int roster_read_days(const cfgr_t *r, const config_setting_t *g, bool day[7]) {
    unsigned days = 0; /* set by read_day_bits; 0 keeps the analyzer sure */
    if (read_day_bits(r, g, &days) != 0) return -1;
    if (days & SERVICE_BIT)
        return cfgr_fail(r, config_setting_get_member(g, "days"),
                         "service_day plans a roster, it is no weekday (expected weekday names "
                         "such as saturday)");
    for (int d = 0; d < 7; d++) day[d] = days >> d & 1u;
    return 0;
}

/* "HH:MM" within 00:00..24:00 as minutes, or -1. */
static double clock_minutes(const char *s, int *used) {
    int h, m, n = 0;
    /* %n checks that exactly "HH:MM" was read; the ranges are checked below */
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5) return -1; // NOLINT(cert-err34-c)
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m > 0)) return -1;
    *used = n;
    return h * 60.0 + m;
}

/* A block ("HH:MM-HH:MM", count) of a plan, after the blocks before it. */
static int read_block(const cfgr_t *r, const config_setting_t *e, roster_plan_t *p) {
    bool pair =
        (config_setting_is_list(e) || config_setting_is_array(e)) && config_setting_length(e) == 2;
    if (!pair)
        return cfgr_fail(r, e,
                         "is not a pair (expected (\"HH:MM-HH:MM\", count), e.g. "
                         "(\"08:30-12:00\", 4))");
    const config_setting_t *t = config_setting_get_elem(e, 0);
    const char *text;
    double count;
    if (cfgr_string_value(r, t, 32, &text) != 0 ||
        cfgr_number_value(r, config_setting_get_elem(e, 1), &R_COUNT, &count) != 0)
        return -1;
    int a = 0, b = 0;
    double from = clock_minutes(text, &a);
    double to = from >= 0 && text[a] == '-' ? clock_minutes(text + a + 1, &b) : -1;
    if (from < 0 || to < 0 || text[a + 1 + b] != '\0')
        return cfgr_fail(r, t,
                         "'%s' is not a time block (expected \"HH:MM-HH:MM\" within "
                         "00:00-24:00)",
                         text);
    if (!(to > from))
        return cfgr_fail(r, t, "'%s' ends before it starts (expected a block within one day)",
                         text);
    if (p->n > 0 && from < p->block[p->n - 1].to)
        return cfgr_fail(r, t,
                         "'%s' starts before the block above it ends (expected blocks "
                         "in order, not overlapping)",
                         text);
    p->block[p->n++] = (roster_block_t){from, to, (int)count};
    return 0;
}

static int read_plan(const cfgr_t *r, const config_setting_t *g, const char *name, bool *has,
                     roster_plan_t *p) {
    config_setting_t *list;
    *has = false;
    p->n = 0;
    if (cfgr_list(r, g, name, false, 1, ROSTER_MAX_BLOCKS, "time blocks", &list) != 0) return -1;
    if (!list) return 0;
    *has = true;
    for (int i = 0; i < config_setting_length(list); i++)
        if (read_block(r, config_setting_get_elem(list, (unsigned)i), p) != 0) return -1;
    return 0;
}

static int read_entry_days(const cfgr_t *r, const config_setting_t *g, roster_entry_t *e) {
    unsigned days = 0; /* set by read_day_bits; 0 keeps the analyzer sure */
    if (read_day_bits(r, g, &days) != 0) return -1;
    for (int d = 0; d < 7; d++) e->day[d] = days >> d & 1u;
    e->service = days & SERVICE_BIT;
    return 0;
}

int roster_read(const cfgr_t *r, const config_setting_t *group, roster_t *out) {
    static const char *const keys[] = {"days", "windows", "staff", NULL};
    memset(out, 0, sizeof *out);
    config_setting_t *list;
    if (cfgr_list(r, group, "roster", false, 1, ROSTER_MAX_ENTRIES, "day types", &list) != 0)
        return -1;
    if (!list) return 0;
    bool taken[7] = {false}, service_taken = false;
    for (size_t i = 0; i < (size_t)config_setting_length(list); i++) {
        config_setting_t *g;
        roster_entry_t *e = &out->entry[i];
        if (cfgr_elem_group(r, list, i,
                            "{ days = \"weekday\"; windows = ( (\"08:30-12:00\", 4), ... ); }",
                            &g) != 0 ||
            cfgr_check_keys(r, g, keys) != 0 || read_entry_days(r, g, e) != 0 ||
            read_plan(r, g, "windows", &e->has_windows, &e->windows) != 0 ||
            read_plan(r, g, "staff", &e->has_staff, &e->staff) != 0)
            return -1;
        if (!e->has_windows && !e->has_staff)
            return cfgr_fail_missing(r, g, "windows",
                                     "windows or staff: a list of (\"HH:MM-HH:MM\", count)");
        for (int d = 0; d < 7; d++) {
            if (e->day[d] && taken[d])
                return cfgr_fail(r, config_setting_get_member(g, "days"),
                                 "names a weekday an entry above already plans (expected each "
                                 "weekday in at most one entry)");
            taken[d] |= e->day[d];
        }
        if (e->service && service_taken)
            return cfgr_fail(r, config_setting_get_member(g, "days"),
                             "names service_day, which an entry above already plans (expected it "
                             "in at most one entry)");
        service_taken |= e->service;
        out->n_entries = i + 1;
    }
    return 0;
}

/* ------------------------------------------------------------ queries */

/* (int)fmod(day, 7.0) for a whole number of days, by integer division
 * where the day fits one (always, in a run): fmod was 1% of Heilongjiang's
 * instructions (docs/performance.md, "Workflow model, session 4"). */
static int weekday_of(double day) {
    if (fabs(day) < 0x1p52) return (int)((long long)day % 7);
    return (int)fmod(day, 7.0);
}

/* The plan of `kind` on a day of `weekday` (a service day: the
 * service_day entry if there is one), NULL for the fixed count. */
static const roster_plan_t *plan_on(const roster_t *ro, roster_kind_t kind, int weekday,
                                    bool service) {
    for (size_t i = 0; service && i < ro->n_entries; i++) {
        const roster_entry_t *e = &ro->entry[i];
        if (!e->service) continue;
        if (kind == ROSTER_WINDOWS) return e->has_windows ? &e->windows : NULL;
        return e->has_staff ? &e->staff : NULL;
    }
    for (size_t i = 0; i < ro->n_entries; i++) {
        const roster_entry_t *e = &ro->entry[i];
        if (!e->day[weekday]) continue;
        if (kind == ROSTER_WINDOWS) return e->has_windows ? &e->windows : NULL;
        return e->has_staff ? &e->staff : NULL;
    }
    return NULL;
}

static const roster_plan_t *plan_of(const roster_t *ro, roster_kind_t kind, int weekday) {
    return plan_on(ro, kind, weekday, false);
}

/* The service_day entry's plan of `kind` (NULL: none). */
static const roster_plan_t *service_plan(const roster_t *ro, roster_kind_t kind) {
    for (size_t i = 0; i < ro->n_entries; i++)
        if (ro->entry[i].service) return plan_on(ro, kind, 0, true);
    return NULL;
}

bool roster_has(const roster_t *ro, roster_kind_t kind) {
    for (int d = 0; d < 7; d++)
        if (plan_of(ro, kind, d)) return true;
    return service_plan(ro, kind) != NULL;
}

static int plan_count(const roster_plan_t *p, double minute) {
    for (size_t i = 0; i < p->n; i++)
        if (minute >= p->block[i].from && minute < p->block[i].to) return p->block[i].count;
    return 0;
}

int roster_count_on(const roster_t *ro, roster_kind_t kind, int fixed, double t, bool service) {
    if (ro->n_entries == 0) return fixed;
    double day = floor(t / DAY);
    const roster_plan_t *p = plan_on(ro, kind, weekday_of(day + ro->first_weekday), service);
    return p ? plan_count(p, t - day * DAY) : fixed;
}

int roster_count(const roster_t *ro, roster_kind_t kind, int fixed, double t) {
    return roster_count_on(ro, kind, fixed, t, false);
}

int roster_max(const roster_t *ro, roster_kind_t kind, int fixed) {
    int top = 0;
    for (int d = 0; d < 7; d++) {
        const roster_plan_t *p = plan_of(ro, kind, d);
        if (!p) top = fixed > top ? fixed : top;
        else
            for (size_t i = 0; i < p->n; i++)
                if (p->block[i].count > top) top = p->block[i].count;
    }
    const roster_plan_t *p = service_plan(ro, kind);
    for (size_t i = 0; p && i < p->n; i++)
        if (p->block[i].count > top) top = p->block[i].count;
    return top;
}

/* Minutes of [a, b) that lie in block-count-weighted plan p: sum of
 * count x overlap. */
static double plan_area(const roster_plan_t *p, double a, double b) {
    double sum = 0;
    for (size_t i = 0; i < p->n; i++) {
        double lo = fmax(a, p->block[i].from), hi = fmin(b, p->block[i].to);
        if (hi > lo) sum += p->block[i].count * (hi - lo);
    }
    return sum;
}

double roster_mean_open(const roster_t *ro, roster_kind_t kind, int fixed, const bool workday[7],
                        const double *open, const double *close, size_t n_intervals) {
    double area = 0, minutes = 0;
    for (int d = 0; d < 7; d++) {
        if (!workday[d]) continue;
        const roster_plan_t *p = plan_of(ro, kind, d);
        for (size_t i = 0; i < n_intervals; i++) {
            double len = close[i] - open[i];
            minutes += len;
            area += p ? plan_area(p, open[i], close[i]) : fixed * len;
        }
        if (n_intervals == 0) { /* always open */
            minutes += DAY;
            area += p ? plan_area(p, 0, DAY) : fixed * DAY;
        }
    }
    return minutes > 0 ? area / minutes : fixed;
}

double roster_mean_service(const roster_t *ro, roster_kind_t kind, int fixed, int weekday,
                           const double *open, const double *close, size_t n_intervals) {
    const roster_plan_t *p = plan_on(ro, kind, weekday, true);
    double area = 0, minutes = 0;
    for (size_t i = 0; i < n_intervals; i++) {
        double len = close[i] - open[i];
        minutes += len;
        area += p ? plan_area(p, open[i], close[i]) : fixed * len;
    }
    return minutes > 0 ? area / minutes : fixed;
}

double roster_next_change(const roster_t *ro, double t) {
    if (ro->n_entries == 0) return INFINITY;
    double day = floor(t / DAY);
    for (int k = 0; k <= 8; k++, day++) {
        double start = day * DAY, best = INFINITY;
        if (start > t) return start;           /* midnight: a new day type */
        for (int kind = 0; kind < 4; kind++) { /* and the service_day plans, every day */
            roster_kind_t what = (roster_kind_t)(kind & 1);
            int weekday = weekday_of(day + ro->first_weekday);
            const roster_plan_t *p = kind < 2 ? plan_of(ro, what, weekday) : service_plan(ro, what);
            for (size_t i = 0; p && i < p->n; i++) {
                double a = start + p->block[i].from, b = start + p->block[i].to;
                if (a > t && a < best) best = a;
                if (b > t && b < best) best = b;
            }
        }
        if (best < INFINITY) return best;
    }
    return INFINITY;
}
