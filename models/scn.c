/*
 * scn.c - scenario files into scn_t: every setting checked, every name
 * resolved to an index (see scn.h and docs/scenario-format.md).
 *
 * One function per section, in the order the format describes them; each
 * reads its settings through cfgr (models/cfgr.h), which writes the
 * "FILE:LINE: SETTING: what is wrong (what was expected)" message and
 * returns -1, so a section stops at its first error and so does the load.
 * The structure is built as it is read (arrays calloc'ed and counted at
 * once, so scn_free can release a half-built scenario), and handed to the
 * caller only when everything, cross-checks and routing included, passed.
 */
#include "scn.h"

#include <assert.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgr.h"
#include "idtab.h"
#include "scn_lost.h"
#include "scn_appt.h"
#include "scn_dates.h"
#include "scn_service_days.h"
#include "scn_profile.h"
#include "scn_route.h"

#define ID_LEN            (SCN_ID_MAX - 1)
#define NAME_LEN          (SCN_NAME_MAX - 1)
#define TEXT_LEN          (SCN_TEXT_MAX - 1)
#define MAX_STEPS         1000   /* per service: the load solve is O(n^3)   */
#define MAX_ITEMS         100000 /* list lengths beyond any real scenario   */
#define PROB_TOLERANCE    1e-9   /* branch and share sums: |sum - 1|        */
#define DONE_ID           "done"
#define DEFAULT_HUB_DELAY "exp(5)"

/* The loader's state: where messages go, what is being built, where
 * empirical(...) files are looked up. */
typedef struct loader {
    cfgr_t r;
    scn_t *s;
    char *base_dir;     /* the scenario's folder, NULL: current    */
    double *front_work; /* per department: window minutes per
                           working day, summed over services       */
    double *back_work;  /* ... and back-office minutes             */
    idtab_t regions, departments, items, services, links, steps;
    /* ids (links: from/to pairs) read so far,
       for duplicate checks and lookups        */
} loader_t;

/* ------------------------------------------------------------ ranges */

#define NO_BOUND HUGE_VAL
static const cfgr_range_t R_DAYS = {1, 3660, false, false, true};
static const cfgr_range_t R_WARMUP = {0, 365, false, false, true};
static const cfgr_range_t R_REPLICATIONS = {2, 10000, false, false, true};
static const cfgr_range_t R_WORKDAY = {1, 7, false, false, true};
static const cfgr_range_t R_HOLIDAY = {0, 1000000, false, false, true};
static const cfgr_range_t R_SHARE = {0, 1, false, false, false};
static const cfgr_range_t R_BELOW_ONE = {0, 1, false, true, false};
static const cfgr_range_t R_POSITIVE = {0, NO_BOUND, true, false, false};
static const cfgr_range_t R_NONNEGATIVE = {0, NO_BOUND, false, false, false};
static const cfgr_range_t R_STAFF = {0, 100000, false, false, true};
static const cfgr_range_t R_WINDOWS = {0, 10000, false, false, true};
static const cfgr_range_t R_SKILL = {0.1, 10, false, false, false};
static const cfgr_range_t R_PER_DAY = {0, 1e6, true, false, false};
static const cfgr_range_t R_LIMIT_DAYS = {0, 3660, true, false, false};
static const cfgr_range_t R_SLOWDOWN = {1, 10, false, false, false};
static const cfgr_range_t R_HALL_WINDOWS = {0, 1000000, false, false, true};
static const cfgr_range_t R_REBALANCE = {0, 3660, false, false, true};
/* 0 (off), or at least a quarter of an hour (checked in read_levers):
 * shorter periods would move officers on noise and cost events */
static const cfgr_range_t R_REBALANCE_HOURS = {0, 87840, false, false, false};
static const cfgr_range_t R_SECURITY = {0.1, 10, false, false, false};
/* An outage cycle shorter than a minute or two would only burn events (and
 * one of a vanishing length never lets time advance); 1e9 days keeps
 * mtbf * 1440 * security finite and far inside the work calendar. */
static const cfgr_range_t R_MTBF = {0.001, 1e9, false, false, false};

/* ------------------------------------------------------------ helpers */

/* An id's characters, known to fit (cfgr_id checked the length). */
static void copy_text(char *dst, size_t size, const char *src) { snprintf(dst, size, "%s", src); }

static int out_of_memory(const loader_t *L) {
    if (L->r.err && L->r.errlen > 0)
        snprintf(L->r.err, L->r.errlen, "%s: out of memory", L->r.file);
    return -1;
}

/* calloc'ed array of n elements of `size`, or an out-of-memory error. */
static int alloc_array(const loader_t *L, void **out, size_t n, size_t size) {
    *out = n > 0 ? calloc(n, size) : NULL;
    return n > 0 && !*out ? out_of_memory(L) : 0;
}

/* "a, b, c" from the ids of an array of structs. */
#define JOIN_IDS(arr, n, type, buf)                                                                \
    ((arr) ? cfgr_join_names((const char *)(arr) + offsetof(type, id), (n), sizeof(type), (buf),   \
                             sizeof(buf))                                                          \
           : (void)snprintf((buf), sizeof(buf), "none"))

/* An index table for n ids (n + 1: never empty). */
static int init_table(const loader_t *L, idtab_t *t, size_t n) {
    return idtab_init(t, n + 1) == 0 ? 0 : out_of_memory(L);
}

/* Adds `id` (element i of `list`, set by `id_at`) to t, failing with
 * "duplicate ... (first defined at line N)" when an earlier element has it.
 * O(1) on average: 40,000 departments took 86 s with a scan of the
 * earlier ones. */
static int add_unique(const loader_t *L, idtab_t *t, const config_setting_t *list, size_t i,
                      const char *id, const config_setting_t *id_at, const char *what);

static int fail_duplicate(const loader_t *L, const config_setting_t *at, const char *what,
                          const char *id, int first_line) {
    return cfgr_fail(&L->r, at,
                     "duplicate %s id '%s' (expected each id once; "
                     "first defined at line %d)",
                     what, id, first_line);
}

static int add_unique(const loader_t *L, idtab_t *t, const config_setting_t *list, size_t i,
                      const char *id, const config_setting_t *id_at, const char *what) {
    uint32_t first = 0;
    int rc = idtab_add(t, id, (uint32_t)i, &first);
    if (rc < 0) return out_of_memory(L);
    if (rc == 0) return 0;
    const config_setting_t *e = config_setting_get_elem(list, first);
    const config_setting_t *k = e ? config_setting_get_member(e, "id") : NULL;
    return fail_duplicate(L, id_at, what, id, k ? cfgr_line(k) : cfgr_line(e));
}

/* A distribution string: dist_parse's message after the setting. */
static int read_dist(const loader_t *L, const config_setting_t *group, const char *name,
                     bool required, const char *dflt, dist_t *out) {
    const char *text;
    config_setting_t *at;
    if (cfgr_string(&L->r, group, name, required, TEXT_LEN, dflt, &text, &at) != 0) return -1;
    char msg[512];
    if (dist_parse(out, text, L->base_dir, msg, sizeof msg) != 0) {
        if (at) return cfgr_fail(&L->r, at, "%s", msg);
        return cfgr_fail(&L->r, group, "default %s = \"%s\": %s", name, text, msg);
    }
    return 0;
}

/* A department named by setting `at`, as an index. */
static int read_department_ref(const loader_t *L, const config_setting_t *at, int *out) {
    const char *id;
    if (cfgr_id_value(&L->r, at, ID_LEN, &id) != 0) return -1;
    *out = (int)idtab_find(&L->departments, id);
    if (*out >= 0) return 0;
    char known[512];
    JOIN_IDS(L->s->departments, L->s->n_departments, scn_department_t, known);
    return cfgr_fail(&L->r, at, "unknown department '%s' (known: %s)", id, known);
}

/* A required member naming a department. */
static int read_department_member(const loader_t *L, const config_setting_t *g, const char *name,
                                  int *out) {
    const config_setting_t *at = config_setting_get_member(g, name);
    if (!at) return cfgr_fail_missing(&L->r, g, name, "a department id");
    return read_department_ref(L, at, out);
}

static int read_region_ref(const loader_t *L, const config_setting_t *at, int *out) {
    const char *id;
    if (cfgr_id_value(&L->r, at, ID_LEN, &id) != 0) return -1;
    *out = (int)idtab_find(&L->regions, id);
    if (*out >= 0) return 0;
    char known[512];
    JOIN_IDS(L->s->regions, L->s->n_regions, scn_region_t, known);
    return cfgr_fail(&L->r, at, "unknown region '%s' (known: %s)", id, known);
}

/* One of `names` (NULL-terminated) as its index. */
static int read_choice(const loader_t *L, const config_setting_t *g, const char *name,
                       const char *const *names, const char *expected, int *out) {
    const char *v;
    config_setting_t *at;
    if (cfgr_string(&L->r, g, name, true, ID_LEN, NULL, &v, &at) != 0) return -1;
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0) return *out = i, 0;
    return cfgr_fail(&L->r, at, "'%s' is not a %s (expected %s)", v, name, expected);
}

/* ------------------------------------------------------------ sections */

static const char *const TOP_KEYS[] = {
    "scenario",    "calendar",  "channels",   "regions", "departments", "data",
    "services",    "incidents", "levers",     "costs",   "breaches",    "platform",
    "hub_servers", "travel",    "commitment", "hotline", NULL};

/* The optional Chinese name of g (name_zh), shown instead of `name` under
 * --lang zh (cli/lang.c); "" when absent. */
static int read_name_zh(loader_t *L, const config_setting_t *g, char *dst, size_t len) {
    const char *v;
    if (cfgr_string(&L->r, g, "name_zh", false, NAME_LEN, "", &v, NULL) != 0) return -1;
    copy_text(dst, len, v);
    return 0;
}

static int read_scenario(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {
        "id",           "name", "description", "days",           "warmup_days",
        "replications", "seed", "name_zh",     "description_zh", NULL};
    scn_t *s = L->s;
    const cfgr_t *r = &L->r;
    config_setting_t *g;
    const char *id, *name, *description, *description_zh;
    int64_t seed = 1; /* set by cfgr_int64 before use; initialised for LTO */
    if (cfgr_group(r, root, "scenario", true, &g) != 0 || cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_id(r, g, "id", ID_LEN, &id, NULL) != 0 ||
        cfgr_string(r, g, "name", true, NAME_LEN, NULL, &name, NULL) != 0 ||
        read_name_zh(L, g, s->name_zh, sizeof s->name_zh) != 0 ||
        cfgr_string(r, g, "description", false, TEXT_LEN, "", &description, NULL) != 0 ||
        cfgr_string(r, g, "description_zh", false, TEXT_LEN, "", &description_zh, NULL) != 0 ||
        cfgr_int(r, g, "days", &R_DAYS, false, 180, &s->days) != 0 ||
        cfgr_int(r, g, "warmup_days", &R_WARMUP, false, 14, &s->warmup_days) != 0 ||
        cfgr_int(r, g, "replications", &R_REPLICATIONS, false, 10, &s->replications) != 0 ||
        cfgr_int64(r, g, "seed", 0, false, 1, &seed) != 0)
        return -1;
    copy_text(s->id, sizeof s->id, id);
    copy_text(s->name, sizeof s->name, name);
    copy_text(s->description, sizeof s->description, description);
    copy_text(s->description_zh, sizeof s->description_zh, description_zh);
    s->seed = (uint64_t)seed;
    return 0;
}

static int read_hours_and_days(loader_t *L, const config_setting_t *g) {
    const cfgr_t *r = &L->r;
    config_setting_t *hours, *days;
    if (cfgr_sequence(r, g, "hours", true, 1, WCAL_MAX_INTERVALS, "opening intervals", &hours) !=
            0 ||
        cfgr_sequence(r, g, "workdays", true, 1, 7, "working days", &days) != 0)
        return -1;
    const char *text[WCAL_MAX_INTERVALS];
    size_t n_hours = (size_t)config_setting_length(hours);
    for (size_t i = 0; i < n_hours; i++)
        if (cfgr_string_value(r, config_setting_get_elem(hours, (unsigned)i), 32, &text[i]) != 0)
            return -1;
    int workday[7];
    bool seen[8] = {false};
    size_t n_days = (size_t)config_setting_length(days);
    for (size_t i = 0; i < n_days; i++) {
        const config_setting_t *e = config_setting_get_elem(days, (unsigned)i);
        double v;
        if (cfgr_number_value(r, e, &R_WORKDAY, &v) != 0) return -1;
        workday[i] = (int)v;
        if (seen[workday[i]])
            return cfgr_fail(r, e,
                             "day %d is listed twice (expected each weekday "
                             "once, 1 = Monday to 7 = Sunday)",
                             workday[i]);
        seen[workday[i]] = true;
    }
    char msg[256];
    if (wcal_init(&L->s->calendar, text, n_hours, workday, n_days, msg, sizeof msg) != 0)
        return cfgr_fail(r, cfgr_blame_quoted(hours, text, n_hours, msg), "%s", msg);
    return 0;
}

static int read_holidays(loader_t *L, const config_setting_t *g) {
    const cfgr_t *r = &L->r;
    config_setting_t *list;
    if (cfgr_sequence(r, g, "holidays", false, 0, MAX_ITEMS, "day numbers", &list) != 0) return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    if (n == 0 || scn_dates_is_text(list)) return 0; /* dates: scn_dates_read */
    int *days = malloc(n * sizeof *days);
    if (!days) return out_of_memory(L);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        double v;
        rc = cfgr_number_value(r, config_setting_get_elem(list, (unsigned)i), &R_HOLIDAY, &v);
        if (rc == 0) days[i] = (int)v; /* in range only once checked (1e300) */
    }
    char msg[256];
    if (rc == 0 && wcal_add_holidays(&L->s->calendar, days, n, msg, sizeof msg) != 0)
        rc = cfgr_fail(r, list, "%s", msg);
    free(days);
    return rc;
}

static int read_calendar(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {"hours",       "workdays",     "holidays",     "start_date",
                                       "makeup_days", "arrangements", "service_days", NULL};
    config_setting_t *g;
    if (cfgr_group(&L->r, root, "calendar", true, &g) != 0 ||
        cfgr_check_keys(&L->r, g, keys) != 0 || read_hours_and_days(L, g) != 0 ||
        scn_dates_read(&L->r, L->s, g) != 0)
        return -1;
    if (read_holidays(L, g) != 0) return -1;
    return scn_service_days_read(&L->r, L->s, g);
}

static int read_channels(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {"online_uptime", NULL};
    config_setting_t *g;
    L->s->online_uptime = 1;
    if (cfgr_group(&L->r, root, "channels", false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(&L->r, g, keys) != 0) return -1;
    return cfgr_number(&L->r, g, "online_uptime", &R_SHARE, false, 1, &L->s->online_uptime, NULL);
}

static int read_region(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {
        "id", "name", "demand_scale", "online_scale", "digital_excluded", "name_zh", NULL};
    const cfgr_t *r = &L->r;
    scn_region_t *rg = &L->s->regions[i];
    config_setting_t *g, *id_at;
    const char *id, *name;
    if (cfgr_elem_group(r, list, i, "{ id = \"...\"; name = \"...\"; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || cfgr_id(r, g, "id", ID_LEN, &id, &id_at) != 0)
        return -1;
    copy_text(rg->id, sizeof rg->id, id);
    if (add_unique(L, &L->regions, list, i, rg->id, id_at, "region") != 0) return -1;
    if (cfgr_string(r, g, "name", false, NAME_LEN, id, &name, NULL) != 0 ||
        read_name_zh(L, g, rg->name_zh, sizeof rg->name_zh) != 0 ||
        cfgr_number(r, g, "demand_scale", &R_POSITIVE, false, 1, &rg->demand_scale, NULL) != 0 ||
        cfgr_number(r, g, "online_scale", &R_POSITIVE, false, 1, &rg->online_scale, NULL) != 0 ||
        cfgr_number(r, g, "digital_excluded", &R_SHARE, false, 0, &rg->digital_excluded, NULL) != 0)
        return -1;
    copy_text(rg->id, sizeof rg->id, id);
    copy_text(rg->name, sizeof rg->name, name);
    return 0;
}

static int read_regions(loader_t *L, const config_setting_t *root) {
    config_setting_t *list;
    if (cfgr_list(&L->r, root, "regions", true, 1, MAX_ITEMS, "regions", &list) != 0) return -1;
    size_t n = (size_t)config_setting_length(list);
    if (alloc_array(L, (void **)&L->s->regions, n, sizeof *L->s->regions) != 0 ||
        init_table(L, &L->regions, n) != 0)
        return -1;
    L->s->n_regions = n;
    for (size_t i = 0; i < n; i++)
        if (read_region(L, list, i) != 0) return -1;
    return 0;
}

/* A department's region: optional when there is only one. */
static int read_department_region(loader_t *L, const config_setting_t *g, int *out) {
    const config_setting_t *at = config_setting_get_member(g, "region");
    if (at) return read_region_ref(L, at, out);
    if (L->s->n_regions == 1) return *out = 0, 0;
    char known[512], expected[600];
    JOIN_IDS(L->s->regions, L->s->n_regions, scn_region_t, known);
    snprintf(expected, sizeof expected,
             "a region id, required when there are "
             "several regions: one of %s",
             known);
    return cfgr_fail_missing(&L->r, g, "region", expected);
}

static int read_department(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"id",    "name",       "region",  "staff",  "windows",
                                       "skill", "error_rate", "name_zh", "roster", NULL};
    const cfgr_t *r = &L->r;
    scn_department_t *d = &L->s->departments[i];
    config_setting_t *g, *id_at;
    const char *id, *name;
    if (cfgr_elem_group(r, list, i, "{ id = \"...\"; staff = ...; windows = ...; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || cfgr_id(r, g, "id", ID_LEN, &id, &id_at) != 0)
        return -1;
    copy_text(d->id, sizeof d->id, id);
    if (add_unique(L, &L->departments, list, i, d->id, id_at, "department") != 0) return -1;
    if (cfgr_string(r, g, "name", false, NAME_LEN, id, &name, NULL) != 0 ||
        read_name_zh(L, g, d->name_zh, sizeof d->name_zh) != 0 ||
        read_department_region(L, g, &d->region) != 0 ||
        cfgr_int(r, g, "staff", &R_STAFF, true, 0, &d->staff) != 0 ||
        cfgr_int(r, g, "windows", &R_WINDOWS, true, 0, &d->windows) != 0 ||
        cfgr_number(r, g, "skill", &R_SKILL, false, 1, &d->skill, NULL) != 0 ||
        cfgr_number(r, g, "error_rate", &R_BELOW_ONE, false, 0, &d->error_rate, NULL) != 0 ||
        roster_read(r, g, &d->roster) != 0)
        return -1;
    d->roster.first_weekday = L->s->calendar.first_weekday; /* weekdays as the calendar's */
    copy_text(d->id, sizeof d->id, id);
    copy_text(d->name, sizeof d->name, name);
    d->line = cfgr_line(g);
    return 0;
}

static int read_departments(loader_t *L, const config_setting_t *root) {
    config_setting_t *list;
    if (cfgr_list(&L->r, root, "departments", true, 1, MAX_ITEMS, "departments", &list) != 0)
        return -1;
    size_t n = (size_t)config_setting_length(list);
    if (alloc_array(L, (void **)&L->s->departments, n, sizeof *L->s->departments) != 0 ||
        init_table(L, &L->departments, n) != 0)
        return -1;
    L->s->n_departments = n;
    for (size_t i = 0; i < n; i++)
        if (read_department(L, list, i) != 0) return -1;
    return 0;
}

static int read_item(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"id", "owner", "commitment", NULL};
    const cfgr_t *r = &L->r;
    scn_data_item_t *it = &L->s->items[i];
    config_setting_t *g, *id_at;
    const char *id;
    if (cfgr_elem_group(r, list, i, "{ id = \"...\"; owner = \"...\"; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || cfgr_id(r, g, "id", ID_LEN, &id, &id_at) != 0)
        return -1;
    copy_text(it->id, sizeof it->id, id);
    if (add_unique(L, &L->items, list, i, it->id, id_at, "data item") != 0 ||
        read_department_member(L, g, "owner", &it->owner) != 0 ||
        cfgr_bool(r, g, "commitment", false, false, &it->commitment, NULL) != 0)
        return -1;
    return 0;
}

static int read_link(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"from", "to", "mode", "delay", "legal_basis", NULL};
    static const char *const modes[] = {"none", "manual", "api", NULL};
    const cfgr_t *r = &L->r;
    scn_link_t *ln = &L->s->links[i];
    config_setting_t *g;
    int mode = 0;
    if (cfgr_elem_group(r, list, i, "{ from = \"...\"; to = \"...\"; mode = \"api\"; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || read_department_member(L, g, "from", &ln->from) != 0 ||
        read_department_member(L, g, "to", &ln->to) != 0)
        return -1;
    const config_setting_t *to_at = config_setting_get_member(g, "to");
    if (ln->from == ln->to)
        return cfgr_fail(r, to_at,
                         "a link from department '%s' to itself (expected "
                         "two different departments)",
                         L->s->departments[ln->to].id);
    uint64_t pair = (uint64_t)ln->from * L->s->n_departments + (uint64_t)ln->to;
    int seen = idtab_add_u64(&L->links, pair, (uint32_t)i, NULL);
    if (seen < 0) return out_of_memory(L);
    if (seen)
        return cfgr_fail(r, g,
                         "a second link from '%s' to '%s' (expected at most "
                         "one link per direction)",
                         L->s->departments[ln->from].id, L->s->departments[ln->to].id);
    if (read_choice(L, g, "mode", modes, "\"none\", \"manual\" or \"api\"", &mode) != 0) return -1;
    ln->mode = mode == 0 ? SCN_LINK_NONE : mode == 1 ? SCN_LINK_MANUAL : SCN_LINK_API;
    bool legal;
    if (cfgr_bool(r, g, "legal_basis", false, true, &legal, NULL) != 0) return -1;
    ln->no_legal_basis = !legal;
    const config_setting_t *delay = config_setting_get_member(g, "delay");
    if (ln->mode == SCN_LINK_NONE && delay)
        return cfgr_fail(r, delay,
                         "a 'none' link carries no data, so it has no delay "
                         "(expected no delay, or mode \"manual\" or \"api\")");
    if (ln->mode == SCN_LINK_NONE) return 0;
    if (!delay)
        return cfgr_fail_missing(r, g, "delay",
                                 "a distribution in minutes, e.g. "
                                 "\"lognormal(2880, 0.5)\", required for manual and "
                                 "api links");
    return read_dist(L, g, "delay", true, NULL, &ln->delay);
}

static int read_data(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {"items", "links", NULL};
    const cfgr_t *r = &L->r;
    scn_t *s = L->s;
    config_setting_t *g, *items, *links;
    if (cfgr_group(r, root, "data", false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_list(r, g, "items", false, 0, MAX_ITEMS, "data items", &items) != 0)
        return -1;
    size_t n = items ? (size_t)config_setting_length(items) : 0;
    if (alloc_array(L, (void **)&s->items, n, sizeof *s->items) != 0 ||
        init_table(L, &L->items, n) != 0)
        return -1;
    s->n_items = n;
    for (size_t i = 0; i < n; i++)
        if (read_item(L, items, i) != 0) return -1;
    if (cfgr_list(r, g, "links", false, 0, MAX_ITEMS, "links", &links) != 0) return -1;
    n = links ? (size_t)config_setting_length(links) : 0;
    if (alloc_array(L, (void **)&s->links, n, sizeof *s->links) != 0 ||
        init_table(L, &L->links, n) != 0)
        return -1;
    s->n_links = n;
    for (size_t i = 0; i < n; i++)
        if (read_link(L, links, i) != 0) return -1;
    return 0;
}

static int read_levers(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {"one_stop",         "one_stop_slowdown",
                                       "one_stop_windows", "data_hub",
                                       "hub_delay",        "parallel_approval",
                                       "rebalance_days",   "security",
                                       "rebalance_hours",  NULL};
    const cfgr_t *r = &L->r;
    scn_levers_t *lv = &L->s->levers;
    config_setting_t *g, *hours_at = NULL;
    if (cfgr_group(r, root, "levers", false, &g) != 0) return -1;
    if (!g) { /* all off */
        *lv = (scn_levers_t){.one_stop_slowdown = 1, .security = 1};
        int rc = dist_parse(&lv->hub_delay, DEFAULT_HUB_DELAY, NULL, NULL, 0);
        assert(rc == 0);
        return rc;
    }
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_bool(r, g, "one_stop", false, false, &lv->one_stop, NULL) != 0 ||
        cfgr_number(r, g, "one_stop_slowdown", &R_SLOWDOWN, false, 1, &lv->one_stop_slowdown,
                    NULL) != 0 ||
        cfgr_int(r, g, "one_stop_windows", &R_HALL_WINDOWS, false, 0, &lv->one_stop_windows) != 0 ||
        cfgr_bool(r, g, "data_hub", false, false, &lv->data_hub, NULL) != 0 ||
        read_dist(L, g, "hub_delay", false, DEFAULT_HUB_DELAY, &lv->hub_delay) != 0 ||
        cfgr_bool(r, g, "parallel_approval", false, false, &lv->parallel_approval, NULL) != 0 ||
        cfgr_int(r, g, "rebalance_days", &R_REBALANCE, false, 0, &lv->rebalance_days) != 0 ||
        cfgr_number(r, g, "security", &R_SECURITY, false, 1, &lv->security, NULL) != 0 ||
        cfgr_number(r, g, "rebalance_hours", &R_REBALANCE_HOURS, false, 0, &lv->rebalance_hours,
                    &hours_at) != 0)
        return -1;
    if (lv->rebalance_hours > 0 && lv->rebalance_hours < 0.25)
        return cfgr_fail(r, hours_at, "%g is too short (expected 0 for off, or 0.25 hours or more)",
                         lv->rebalance_hours);
    return 0;
}

static int read_costs(loader_t *L, const config_setting_t *root) {
    static const char *const keys[] = {"staff_year", "window_year",  "platform_year",
                                       "hub_year",   "citizen_hour", "trip_cost",
                                       NULL};
    static const scn_costs_t defaults = {120000, 30000, 0, 0, 40, 20};
    const cfgr_t *r = &L->r;
    scn_costs_t *c = &L->s->costs;
    config_setting_t *g;
    *c = defaults;
    if (cfgr_group(r, root, "costs", false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_number(r, g, "staff_year", &R_NONNEGATIVE, false, defaults.staff_year, &c->staff_year,
                    NULL) != 0 ||
        cfgr_number(r, g, "window_year", &R_NONNEGATIVE, false, defaults.window_year,
                    &c->window_year, NULL) != 0 ||
        cfgr_number(r, g, "platform_year", &R_NONNEGATIVE, false, defaults.platform_year,
                    &c->platform_year, NULL) != 0 ||
        cfgr_number(r, g, "hub_year", &R_NONNEGATIVE, false, defaults.hub_year, &c->hub_year,
                    NULL) != 0 ||
        cfgr_number(r, g, "citizen_hour", &R_NONNEGATIVE, false, defaults.citizen_hour,
                    &c->citizen_hour, NULL) != 0 ||
        cfgr_number(r, g, "trip_cost", &R_NONNEGATIVE, false, defaults.trip_cost, &c->trip_cost,
                    NULL) != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------ services */

/* Element i of `list` as a pair ("id", number): the pair's setting (for
 * messages about what the id refers to), the id, the number within rg. */
static int read_pair(const loader_t *L, const config_setting_t *list, size_t i, const char *example,
                     const cfgr_range_t *rg, const config_setting_t **pair_at, const char **id,
                     double *value) {
    const cfgr_t *r = &L->r;
    const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
    *pair_at = e;
    bool pair =
        (config_setting_is_list(e) || config_setting_is_array(e)) && config_setting_length(e) == 2;
    if (!pair) {
        int n = config_setting_is_aggregate(e) ? config_setting_length(e) : 1;
        return cfgr_fail(r, e, "holds %d value%s (expected a pair %s)", n, n == 1 ? "" : "s",
                         example);
    }
    return cfgr_id_value(r, config_setting_get_elem(e, 0), ID_LEN, id) != 0 ||
                   cfgr_number_value(r, config_setting_get_elem(e, 1), rg, value) != 0
               ? -1
               : 0;
}

/* |sum - 1| within PROB_TOLERANCE, else a message on `at`. */
static int check_sum_one(const loader_t *L, const config_setting_t *at, double sum,
                         const char *what) {
    if (fabs(sum - 1) <= PROB_TOLERANCE) return 0;
    return cfgr_fail(&L->r, at, "%s sum to %.10g (expected 1)", what, sum);
}

/* region_share = ( ("xuzhou", 0.6), ... ), or by the regions' demand_scale. */
static int read_region_share(loader_t *L, const config_setting_t *g, scn_service_t *sv) {
    scn_t *s = L->s;
    config_setting_t *list;
    if (alloc_array(L, (void **)&sv->region_share, s->n_regions, sizeof(double)) != 0 ||
        cfgr_list(&L->r, g, "region_share", false, 1, s->n_regions, "regions", &list) != 0)
        return -1;
    if (!list) {
        double total = 0;
        for (size_t i = 0; i < s->n_regions; i++) total += s->regions[i].demand_scale;
        for (size_t i = 0; i < s->n_regions; i++)
            sv->region_share[i] = s->regions[i].demand_scale / total;
        return 0;
    }
    double sum = 0;
    bool *given = calloc(s->n_regions, sizeof *given);
    if (!given) return out_of_memory(L);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < (size_t)config_setting_length(list); i++) {
        const config_setting_t *id_at;
        const char *id = "";
        double share = 0;
        int region = -1;
        rc = read_pair(L, list, i, "(\"region id\", share)", &R_SHARE, &id_at, &id, &share);
        if (rc == 0 && (region = (int)idtab_find(&L->regions, id)) < 0) {
            char known[512];
            JOIN_IDS(s->regions, s->n_regions, scn_region_t, known);
            rc = cfgr_fail(&L->r, id_at, "unknown region '%s' (known: %s)", id, known);
        }
        if (rc == 0 && given[region])
            rc = cfgr_fail(&L->r, id_at,
                           "region '%s' is listed twice (expected each "
                           "region at most once)",
                           id);
        if (rc == 0) {
            given[region] = true;
            sv->region_share[region] = share;
            sum += share;
        }
    }
    free(given);
    return rc == 0 ? check_sum_one(L, list, sum, "the shares") : -1;
}

/* Pass 1 over the steps: each a group with known settings and a unique
 * id, so that `next` can name steps further down. */
static int read_step_ids(loader_t *L, const config_setting_t *list, scn_service_t *sv) {
    static const char *const keys[] = {"id",        "at",         "work",       "front",
                                       "in_person", "incomplete", "data_error", "parallel",
                                       "needs",     "next",       NULL};
    const cfgr_t *r = &L->r;
    idtab_free(&L->steps);
    if (init_table(L, &L->steps, sv->n_steps) != 0) return -1;
    for (size_t k = 0; k < sv->n_steps; k++) {
        config_setting_t *g, *id_at;
        const char *id;
        if (cfgr_elem_group(r, list, k, "{ id = \"...\"; at = \"...\"; work = \"...\"; }", &g) !=
                0 ||
            cfgr_check_keys(r, g, keys) != 0 || cfgr_id(r, g, "id", ID_LEN, &id, &id_at) != 0)
            return -1;
        if (strcmp(id, DONE_ID) == 0)
            return cfgr_fail(r, id_at,
                             "'done' is reserved for the end of a case "
                             "(expected another step id)");
        copy_text(sv->steps[k].id, sizeof sv->steps[k].id, id);
        if (add_unique(L, &L->steps, list, k, sv->steps[k].id, id_at, "step") != 0) return -1;
    }
    return 0;
}

static int read_needs(loader_t *L, const config_setting_t *g, scn_step_t *st) {
    const cfgr_t *r = &L->r;
    config_setting_t *list;
    if (cfgr_sequence(r, g, "needs", false, 0, SCN_MAX_NEEDS, "data items", &list) != 0) return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        const char *id;
        if (cfgr_id_value(r, e, ID_LEN, &id) != 0) return -1;
        int item = (int)idtab_find(&L->items, id);
        if (item < 0) {
            char known[512];
            JOIN_IDS(L->s->items, L->s->n_items, scn_data_item_t, known);
            return cfgr_fail(r, e, "unknown data item '%s' (known: %s)", id,
                             L->s->n_items ? known : "none; declare it in data.items");
        }
        for (size_t j = 0; j < st->n_needs; j++)
            if (st->needs[j] == item)
                return cfgr_fail(r, e,
                                 "data item '%s' is listed twice (expected each "
                                 "item once)",
                                 id);
        st->needs[st->n_needs++] = item;
    }
    return 0;
}

static int read_next(loader_t *L, const config_setting_t *g, const scn_service_t *sv,
                     scn_step_t *st) {
    const cfgr_t *r = &L->r;
    config_setting_t *list;
    if (cfgr_list(r, g, "next", false, 1, SCN_MAX_NEXT, "branches", &list) != 0) return -1;
    if (!list) return 0;
    double sum = 0;
    for (size_t i = 0; i < (size_t)config_setting_length(list); i++) {
        const config_setting_t *id_at;
        const char *id = "";
        double p = 0;
        if (read_pair(L, list, i, "(\"step id\" or \"done\", probability)", &R_SHARE, &id_at, &id,
                      &p) != 0)
            return -1;
        int target = strcmp(id, DONE_ID) == 0 ? SCN_DONE : (int)idtab_find(&L->steps, id);
        if (target == -1 && strcmp(id, DONE_ID) != 0) {
            char known[512];
            JOIN_IDS(sv->steps, sv->n_steps, scn_step_t, known);
            return cfgr_fail(r, id_at, "unknown step '%s' (known: %s, or \"done\")", id, known);
        }
        for (size_t j = 0; j < st->n_next; j++)
            if (st->next[j].target == target)
                return cfgr_fail(r, id_at,
                                 "'%s' is listed twice (expected each "
                                 "target once)",
                                 id);
        st->next[st->n_next++] = (scn_branch_t){target, p};
        sum += p;
    }
    return check_sum_one(L, list, sum, "the probabilities");
}

/* Windows for a front step and officers for back-office work: without
 * them no case could finish. */
static int check_servers(const loader_t *L, const config_setting_t *g, const scn_service_t *sv,
                         const scn_step_t *st) {
    const cfgr_t *r = &L->r;
    const scn_t *s = L->s;
    const scn_department_t *d = &s->departments[st->dept];
    const config_setting_t *at = config_setting_get_member(g, "at");
    const config_setting_t *front = config_setting_get_member(g, "front");
    /* with a roster: the most it ever has on duty */
    int staff = roster_max(&d->roster, ROSTER_STAFF, d->staff);
    if (!st->front) {
        if (staff > 0) return 0;
        return cfgr_fail(r, at,
                         "back-office step at department '%s', which has 0 staff "
                         "(expected a department with staff >= 1, or front = true)",
                         d->id);
    }
    int windows = roster_max(&d->roster, ROSTER_WINDOWS, d->windows);
    if (s->levers.one_stop) {
        windows = s->levers.one_stop_windows;
        for (size_t i = 0; windows == 0 && i < s->n_departments; i++)
            if (s->departments[i].region == d->region)
                windows += roster_max(&s->departments[i].roster, ROSTER_WINDOWS,
                                      s->departments[i].windows);
    }
    if (windows == 0 && s->levers.one_stop)
        return cfgr_fail(r, front,
                         "front step at department '%s', and the one-stop hall "
                         "of region '%s' has 0 windows (expected windows >= 1)",
                         d->id, s->regions[d->region].id);
    if (windows == 0)
        return cfgr_fail(r, front,
                         "front step at department '%s', which has 0 windows "
                         "(expected a department with windows >= 1, or front = false)",
                         d->id);
    if (!st->in_person && sv->online_share > 0 && staff == 0)
        return cfgr_fail(r, front,
                         "online cases' front steps are reviewed by back-office "
                         "staff, and department '%s' has 0 staff (expected staff >= 1, "
                         "in_person = true, or online_share = 0)",
                         d->id);
    return 0;
}

/* Pass 2: everything else about step k. */
static int read_step(loader_t *L, const config_setting_t *list, size_t k, scn_service_t *sv) {
    const cfgr_t *r = &L->r;
    scn_step_t *st = &sv->steps[k];
    const config_setting_t *g = config_setting_get_elem(list, (unsigned)k);
    config_setting_t *in_person_at, *incomplete_at;
    if (read_department_member(L, g, "at", &st->dept) != 0 ||
        read_dist(L, g, "work", true, NULL, &st->work) != 0 ||
        cfgr_bool(r, g, "front", false, false, &st->front, NULL) != 0 ||
        cfgr_bool(r, g, "in_person", false, false, &st->in_person, &in_person_at) != 0 ||
        cfgr_number(r, g, "incomplete", &R_BELOW_ONE, false, 0, &st->incomplete, &incomplete_at) !=
            0 ||
        cfgr_number(r, g, "data_error", &R_BELOW_ONE, false, 0, &st->data_error, NULL) != 0 ||
        cfgr_bool(r, g, "parallel", false, false, &st->parallel, NULL) != 0)
        return -1;
    if (st->in_person && !st->front)
        return cfgr_fail(r, in_person_at,
                         "in_person applies to front steps (expected "
                         "front = true as well, or no in_person)");
    if (st->incomplete > 0 && !st->front)
        return cfgr_fail(r, incomplete_at,
                         "only front steps receive materials that can "
                         "be incomplete (expected 0, or front = true)");
    if (read_needs(L, g, st) != 0 || read_next(L, g, sv, st) != 0) return -1;
    return check_servers(L, g, sv, st);
}

/* Every step reachable, every reached step able to finish, visits finite. */
static int check_routing(loader_t *L, const config_setting_t *g, const config_setting_t *list,
                         scn_service_t *sv) {
    const cfgr_t *r = &L->r;
    size_t k;
    switch (scn_route_check(sv, &k)) {
    case SCN_ROUTE_UNREACHABLE:
        return cfgr_fail(r, config_setting_get_elem(list, (unsigned)k),
                         "step '%s' can never be reached from the first step '%s' "
                         "(expected a 'next' branch that leads to it, or a step "
                         "without 'next' just before it)",
                         sv->steps[k].id, sv->steps[0].id);
    case SCN_ROUTE_NO_EXIT:
        return cfgr_fail(r, config_setting_get_elem(list, (unsigned)k),
                         "no case that reaches step '%s' can ever finish: every path "
                         "from it loops without reaching \"done\" (expected a path to "
                         "\"done\" with probability > 0)",
                         sv->steps[k].id);
    case SCN_ROUTE_OK:
        break;
    }
    int rc = scn_route_service(L->s, sv, L->front_work, L->back_work);
    if (rc == -1) return out_of_memory(L);
    if (rc != 0)
        return cfgr_fail(r, g,
                         "cases would loop almost forever: a step is visited more "
                         "than 1000000 times per case (expected rework and branch "
                         "probabilities that let cases finish)");
    return 0;
}

static int read_service(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {
        "id",         "name",     "per_day",         "region_share", "online_share",
        "limit_days", "patience", "steps",           "name_zh",      "never_return",
        "balk",       "profile",  "region_profiles", "appointments", "proactive_share",
        NULL};
    const cfgr_t *r = &L->r;
    scn_service_t *sv = &L->s->services[i];
    config_setting_t *g, *id_at, *steps;
    const char *id, *name;
    if (cfgr_elem_group(r, list, i, "{ id = \"...\"; per_day = ...; steps = ( ... ); }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 || cfgr_id(r, g, "id", ID_LEN, &id, &id_at) != 0)
        return -1;
    copy_text(sv->id, sizeof sv->id, id);
    if (add_unique(L, &L->services, list, i, sv->id, id_at, "service") != 0) return -1;
    if (cfgr_string(r, g, "name", false, NAME_LEN, id, &name, NULL) != 0 ||
        read_name_zh(L, g, sv->name_zh, sizeof sv->name_zh) != 0)
        return -1;
    copy_text(sv->name, sizeof sv->name, name);
    if (cfgr_number(r, g, "per_day", &R_PER_DAY, true, 0, &sv->per_day, NULL) != 0 ||
        read_region_share(L, g, sv) != 0 ||
        cfgr_number(r, g, "online_share", &R_SHARE, true, 0, &sv->online_share, NULL) != 0 ||
        cfgr_number(r, g, "limit_days", &R_LIMIT_DAYS, true, 0, &sv->limit_days, NULL) != 0 ||
        cfgr_number(r, g, "patience", &R_NONNEGATIVE, false, 0, &sv->patience_mean, NULL) != 0 ||
        cfgr_number(r, g, "never_return", &R_SHARE, false, 0, &sv->never_return, NULL) != 0 ||
        scn_read_balk(&L->r, g, L->base_dir, &sv->balks, &sv->balk) != 0 ||
        cfgr_list(r, g, "steps", true, 1, MAX_STEPS, "steps", &steps) != 0 ||
        scn_profile_read(r, L->s, g, sv) != 0 || scn_appt_read(r, g, &sv->appt) != 0 ||
        cfgr_number(r, g, "proactive_share", &R_SHARE, false, 0, &sv->proactive_share, NULL) != 0)
        return -1;
    size_t n = (size_t)config_setting_length(steps);
    if (alloc_array(L, (void **)&sv->steps, n, sizeof *sv->steps) != 0) return -1;
    sv->n_steps = n;
    if (read_step_ids(L, steps, sv) != 0) return -1;
    for (size_t k = 0; k < n; k++)
        if (read_step(L, steps, k, sv) != 0) return -1;
    return check_routing(L, g, steps, sv);
}

static int read_services(loader_t *L, const config_setting_t *root) {
    config_setting_t *list;
    if (cfgr_list(&L->r, root, "services", true, 1, MAX_ITEMS, "services", &list) != 0) return -1;
    size_t n = (size_t)config_setting_length(list);
    if (alloc_array(L, (void **)&L->s->services, n, sizeof *L->s->services) != 0 ||
        init_table(L, &L->services, n) != 0)
        return -1;
    L->s->n_services = n;
    for (size_t i = 0; i < n; i++)
        if (read_service(L, list, i) != 0) return -1;
    return 0;
}

static int read_incident(loader_t *L, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"target", "mtbf_days", "repair", NULL};
    static const char *const targets[] = {"online", "links", "hub", NULL};
    static const scn_incident_target_t kinds[] = {SCN_INC_ONLINE, SCN_INC_LINKS, SCN_INC_HUB};
    const cfgr_t *r = &L->r;
    scn_incident_t *inc = &L->s->incidents[i];
    config_setting_t *g;
    int target = 0;
    if (cfgr_elem_group(r, list, i,
                        "{ target = \"online\"; mtbf_days = ...; repair = "
                        "\"...\"; }",
                        &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 ||
        read_choice(L, g, "target", targets, "\"online\", \"links\" or \"hub\"", &target) != 0 ||
        cfgr_number(r, g, "mtbf_days", &R_MTBF, true, 0, &inc->mtbf_days, NULL) != 0 ||
        read_dist(L, g, "repair", true, NULL, &inc->repair) != 0)
        return -1;
    inc->target = kinds[target];
    return 0;
}

static int read_incidents(loader_t *L, const config_setting_t *root) {
    config_setting_t *list;
    if (cfgr_list(&L->r, root, "incidents", false, 0, MAX_ITEMS, "incidents", &list) != 0)
        return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    if (alloc_array(L, (void **)&L->s->incidents, n, sizeof *L->s->incidents) != 0) return -1;
    L->s->n_incidents = n;
    for (size_t i = 0; i < n; i++)
        if (read_incident(L, list, i) != 0) return -1;
    return 0;
}

/* ------------------------------------------------------------ the whole */

/* The folder of `path` (for empirical files), NULL for the current one. */
static char *folder_of(const char *path, bool *oom) {
    *oom = false;
    const char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (!dir) return *oom = true, NULL;
    memcpy(dir, path, n);
    dir[n] = '\0';
    return dir;
}

static int read_all(loader_t *L, const config_setting_t *root) {
    scn_t *s = L->s;
    if (cfgr_check_keys(&L->r, root, TOP_KEYS) != 0 || read_scenario(L, root) != 0 ||
        read_calendar(L, root) != 0 || read_channels(L, root) != 0 || read_regions(L, root) != 0 ||
        read_departments(L, root) != 0 || read_data(L, root) != 0 || read_levers(L, root) != 0 ||
        read_costs(L, root) != 0)
        return -1;
    L->front_work = calloc(s->n_departments, sizeof *L->front_work);
    L->back_work = calloc(s->n_departments, sizeof *L->back_work);
    if (!L->front_work || !L->back_work) return out_of_memory(L);
    if (read_services(L, root) != 0 || read_incidents(L, root) != 0 ||
        scn_travel_read(&L->r, root, s, L->base_dir) != 0 ||
        scn_commit_read(&L->r, root, &s->commitment) != 0)
        return -1;
    if (scn_breach_read(&L->r, root, L->base_dir, &s->breaches, &s->n_breaches) != 0 ||
        scn_servers_read(&L->r, root, "platform", L->base_dir, &s->platform) != 0 ||
        scn_servers_read(&L->r, root, "hub_servers", L->base_dir, &s->hub_servers) != 0)
        return -1;
    if (scn_hotline_read(&L->r, s, root, L->base_dir, &s->hotline) != 0) return -1;
    scn_route_loads(s, L->front_work, L->back_work);
    return 0;
}

int scn_from_config(scn_t *s, const struct config_t *cfg, const char *path, char *err,
                    size_t errlen) {
    assert(s && cfg && path);
    memset(s, 0, sizeof *s);
    loader_t L = {.r = {path, err, errlen, 0, NULL}, .s = s};
    bool oom;
    L.base_dir = folder_of(path, &oom);
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = oom ? out_of_memory(&L) : read_all(&L, config_root_setting(cfg));
    free(L.base_dir);
    free(L.front_work);
    free(L.back_work);
    idtab_t *tables[] = {&L.regions, &L.departments, &L.items, &L.services, &L.links, &L.steps};
    // NOLINTNEXTLINE(bugprone-sizeof-expression): counts the pointers of an array of pointers
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) idtab_free(tables[i]);
    if (rc != 0) scn_free(s);
    return rc;
}

int scn_load(scn_t *s, const char *path, char *err, size_t errlen) {
    assert(s && path);
    memset(s, 0, sizeof *s);
    config_t cfg;
    config_init(&cfg);
    cfgr_t r = {path, err, errlen, 0, NULL};
    int rc = cfgr_read_file(&r, &cfg, path);
    if (rc == 0) rc = scn_from_config(s, &cfg, path, err, errlen);
    config_destroy(&cfg);
    return rc;
}

void scn_free(scn_t *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n_services; i++) {
        scn_service_t *sv = &s->services[i];
        for (size_t k = 0; k < sv->n_steps; k++) dist_free(&sv->steps[k].work);
        free(sv->steps);
        free(sv->region_share);
        dist_free(&sv->balk);
        free(sv->profiles);
        free(sv->region_profile);
    }
    for (size_t i = 0; i < s->n_links; i++) dist_free(&s->links[i].delay);
    for (size_t i = 0; i < s->n_incidents; i++) dist_free(&s->incidents[i].repair);
    dist_free(&s->levers.hub_delay);
    scn_travel_free(&s->travel);
    scn_breach_free(s->breaches, s->n_breaches);
    scn_servers_free(&s->platform);
    scn_servers_free(&s->hub_servers);
    scn_hotline_free(&s->hotline);
    wcal_free(&s->calendar);
    free(s->services);
    free(s->links);
    free(s->incidents);
    free(s->items);
    free(s->departments);
    free(s->regions);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------ lookups */

int scn_find_department(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_departments; i++)
        if (strcmp(s->departments[i].id, id) == 0) return (int)i;
    return -1;
}

int scn_find_item(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_items; i++)
        if (strcmp(s->items[i].id, id) == 0) return (int)i;
    return -1;
}

int scn_find_service(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_services; i++)
        if (strcmp(s->services[i].id, id) == 0) return (int)i;
    return -1;
}

int scn_find_region(const scn_t *s, const char *id) {
    for (size_t i = 0; i < s->n_regions; i++)
        if (strcmp(s->regions[i].id, id) == 0) return (int)i;
    return -1;
}

const scn_link_t *scn_find_link(const scn_t *s, int owner, int user) {
    for (size_t i = 0; i < s->n_links; i++)
        if (s->links[i].from == owner && s->links[i].to == user) return &s->links[i];
    return NULL;
}
