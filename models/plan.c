/* Reading and checking a plan file (plan.h). */
#include "plan.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cfgr.h"
#include "scn.h"

static const char *const OBJ_NAME[PLAN_OBJ_COUNT] = {
    "citizen_hours_saved", "trips_avoided", "within_limit_share", "satisfaction", "net_benefit"};
static const char *const OBJ_UNIT[PLAN_OBJ_COUNT] = {"hours", "trips", "share", "index 0-100",
                                                     "yuan"};

const char *plan_objective_name(plan_objective_t o) { return OBJ_NAME[o]; }
const char *plan_objective_unit(plan_objective_t o) { return OBJ_UNIT[o]; }

static void copy_text(char *dst, size_t len, const char *src) {
    snprintf(dst, len, "%s", src ? src : "");
}

static const cfgr_range_t ANY_POS = {0, HUGE_VAL, true, false, false};
static const cfgr_range_t NONNEG = {0, HUGE_VAL, false, false, false};

/* The `plan` group: what, where, how long, what to maximise, how sure. */
static int read_head(const cfgr_t *r, config_setting_t *root, plan_t *p) {
    static const char *const keys[] = {"id",
                                       "name",
                                       "scenario",
                                       "horizon_years",
                                       "discount_rate",
                                       "objective",
                                       "delta",
                                       "alpha",
                                       "first_replications",
                                       "max_replications",
                                       "days_per_year",
                                       "max_portfolios",
                                       "life_years",
                                       "finalists",
                                       "search_replications",
                                       NULL};
    const cfgr_range_t years = {1, PLAN_MAX_YEARS, false, false, true};
    const cfgr_range_t rate = {0, 1, false, false, false};
    const cfgr_range_t alpha = {0, 0.5, true, true, false};
    const cfgr_range_t n0 = {2, 1000, false, false, true};
    const cfgr_range_t reps = {2, 100000, false, false, true};
    const cfgr_range_t days = {1, 3660, false, false, true};
    const cfgr_range_t ports = {1, 100000, false, false, true};
    const cfgr_range_t life = {1, 100, false, false, false};
    const cfgr_range_t fin = {2, 1000, false, false, true};
    config_setting_t *g, *at, *scenario_at = NULL;
    const char *id, *name, *scenario, *objective;
    if (cfgr_group(r, root, "plan", true, &g) != 0 || cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_id(r, g, "id", REFORM_ID_MAX - 1, &id, NULL) != 0 ||
        cfgr_string(r, g, "name", false, REFORM_NAME_MAX - 1, id, &name, NULL) != 0 ||
        cfgr_string(r, g, "scenario", true, PLAN_PATH_MAX / 2, NULL, &scenario, &scenario_at) !=
            0 ||
        cfgr_int(r, g, "horizon_years", &years, false, 5, &p->horizon) != 0 ||
        cfgr_number(r, g, "discount_rate", &rate, false, 0.05, &p->discount_rate, NULL) != 0 ||
        cfgr_string(r, g, "objective", true, 64, NULL, &objective, &at) != 0 ||
        cfgr_number(r, g, "delta", &ANY_POS, true, 0, &p->delta, NULL) != 0 ||
        cfgr_number(r, g, "alpha", &alpha, false, 0.05, &p->alpha, NULL) != 0 ||
        cfgr_int(r, g, "first_replications", &n0, false, 10, &p->n0) != 0 ||
        cfgr_int(r, g, "max_replications", &reps, false, 200, &p->max_reps) != 0 ||
        cfgr_int(r, g, "days_per_year", &days, false, 365, &p->days_per_year) != 0 ||
        cfgr_int(r, g, "max_portfolios", &ports, false, 2048, &p->max_portfolios) != 0 ||
        cfgr_number(r, g, "life_years", &life, false, 10, &p->life_years, NULL) != 0 ||
        cfgr_int(r, g, "finalists", &fin, false, 10, &p->finalists) != 0 ||
        cfgr_int(r, g, "search_replications", &n0, false, 3, &p->search_reps) != 0)
        return -1;
    copy_text(p->id, sizeof p->id, id);
    copy_text(p->name, sizeof p->name, name);
    if (cfgr_resolve_path(r, scenario_at, p->path, scenario, p->scenario, sizeof p->scenario) != 0)
        return -1;
    p->objective = PLAN_OBJ_COUNT;
    for (int o = 0; o < PLAN_OBJ_COUNT; o++)
        if (strcmp(objective, OBJ_NAME[o]) == 0) p->objective = (plan_objective_t)o;
    if (p->objective == PLAN_OBJ_COUNT)
        return cfgr_fail(r, at,
                         "'%s' is not an objective (expected one of: citizen_hours_saved, "
                         "trips_avoided, within_limit_share, satisfaction, net_benefit)",
                         objective);
    if (p->max_reps < p->n0)
        return cfgr_fail(r, g, "max_replications %d is below first_replications %d", p->max_reps,
                         p->n0);
    if (p->search_reps > p->max_reps)
        return cfgr_fail(r, g, "search_replications %d is above max_replications %d",
                         p->search_reps, p->max_reps);
    return 0;
}

/* The optional `budget` group: limits on one-off, yearly and NPV spending. */
static int read_budget(const cfgr_t *r, config_setting_t *root, plan_t *p) {
    static const char *const keys[] = {"one_off", "per_year", "npv", NULL};
    config_setting_t *g;
    p->budget_one_off = p->budget_per_year = p->budget_npv = HUGE_VAL;
    if (cfgr_group(r, root, "budget", false, &g) != 0) return -1;
    if (!g) return 0;
    p->budget_line = cfgr_line(g);
    return cfgr_check_keys(r, g, keys) != 0 ||
                   cfgr_number(r, g, "one_off", &NONNEG, false, HUGE_VAL, &p->budget_one_off,
                               NULL) != 0 ||
                   cfgr_number(r, g, "per_year", &NONNEG, false, HUGE_VAL, &p->budget_per_year,
                               NULL) != 0 ||
                   cfgr_number(r, g, "npv", &NONNEG, false, HUGE_VAL, &p->budget_npv, NULL) != 0
               ? -1
               : 0;
}

/* The KPIs a constraint may bound (those a plan keeps of each run, in
 * study/plan_eval.h), by their summary.csv names; -1 for others. */
static const flow_kpi_t CONSTRAINT_KPI[] = {
    FLOW_K_WITHIN_LIMIT,  FLOW_K_SATISFACTION, FLOW_K_CYCLE_WD,         FLOW_K_TRIPS,
    FLOW_K_CITIZEN_HOURS, FLOW_K_COST_YEAR,    FLOW_K_CITIZEN_COST_YEAR};
#define N_CONSTRAINT_KPI (sizeof CONSTRAINT_KPI / sizeof *CONSTRAINT_KPI)

static int kpi_by_name(const char *name) {
    for (size_t i = 0; i < N_CONSTRAINT_KPI; i++)
        if (strcmp(flow_kpi_name(CONSTRAINT_KPI[i]), name) == 0) return (int)CONSTRAINT_KPI[i];
    return -1;
}

static int read_constraint(const cfgr_t *r, config_setting_t *list, size_t i, plan_t *p) {
    static const char *const keys[] = {"kpi", "min", "max", "year", NULL};
    const cfgr_range_t any = {-HUGE_VAL, HUGE_VAL, false, false, false};
    const cfgr_range_t year = {0, p->horizon, false, false, true};
    plan_constraint_t *c = &p->constraints[p->n_constraints];
    config_setting_t *g, *at, *mn, *mx;
    const char *kpi;
    if (cfgr_elem_group(r, list, i, "{ kpi = \"within_limit_share\"; min = 0.95; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_string(r, g, "kpi", true, 64, NULL, &kpi, &at) != 0 ||
        cfgr_number(r, g, "min", &any, false, -HUGE_VAL, &c->min, &mn) != 0 ||
        cfgr_number(r, g, "max", &any, false, HUGE_VAL, &c->max, &mx) != 0 ||
        cfgr_int(r, g, "year", &year, false, p->horizon, &c->year) != 0)
        return -1;
    int k = kpi_by_name(kpi);
    if (k < 0)
        return cfgr_fail(r, at,
                         "'%s' is not a KPI a plan can bound (expected within_limit_share, "
                         "satisfaction, cycle_time, trips_per_case, citizen_hours_per_case, "
                         "government_cost or citizen_cost)",
                         kpi);
    if (!mn && !mx) return cfgr_fail(r, g, "neither min nor max (expected at least one bound)");
    if (c->min > c->max) return cfgr_fail(r, mx, "max %g is below min %g", c->max, c->min);
    c->kpi = (flow_kpi_t)k;
    c->line = cfgr_line(g);
    p->n_constraints++;
    return 0;
}

static int read_constraints(const cfgr_t *r, config_setting_t *root, plan_t *p) {
    config_setting_t *list;
    if (cfgr_list(r, root, "constraints", false, 0, PLAN_MAX_CONSTRAINTS, "constraints", &list) !=
        0)
        return -1;
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    for (size_t i = 0; i < n; i++)
        if (read_constraint(r, list, i, p) != 0) return -1;
    return 0;
}

/* A reform must change something in this scenario: applied to a fresh
 * tree, every path must match. */
static int check_applies(const cfgr_t *r, config_setting_t *g, const plan_t *p,
                         const plan_reform_t *pr) {
    config_t tree;
    char why[1024];
    size_t moved = 0;
    int rc = reform_load_scenario_tree(&tree, p->scenario, why, sizeof why);
    if (rc == 0) rc = reform_apply_counted(&pr->reform, &tree, &moved, why, sizeof why);
    config_destroy(&tree);
    if (rc == 0 && reform_in_place(&pr->reform, moved))
        return cfgr_fail(r, config_setting_get_member(g, "file"),
                         "reform '%s' changes nothing in scenario %s (already in place: every "
                         "setting it changes already has that value there; funding it would buy "
                         "nothing)",
                         pr->reform.id, p->scenario);
    if (rc == 0) return 0;
    return cfgr_fail(r, config_setting_get_member(g, "file"),
                     "reform '%s' does not apply to scenario %s (%s)", pr->reform.id, p->scenario,
                     why);
}

static int read_starts(const cfgr_t *r, config_setting_t *g, const plan_t *p, plan_reform_t *pr) {
    const cfgr_range_t year = {1, p->horizon, false, false, true};
    config_setting_t *seq;
    if (cfgr_sequence(r, g, "start", false, 1, PLAN_MAX_STARTS, "start years", &seq) != 0)
        return -1;
    if (!seq) {
        pr->n_starts = 1;
        pr->starts[0] = 1;
        return 0;
    }
    pr->n_starts = (size_t)config_setting_length(seq);
    for (size_t i = 0; i < pr->n_starts; i++) {
        double y;
        config_setting_t *e = config_setting_get_elem(seq, (unsigned)i);
        if (cfgr_number_value(r, e, &year, &y) != 0) return -1;
        pr->starts[i] = (int)y;
        for (size_t j = 0; j < i; j++)
            if (pr->starts[j] == pr->starts[i])
                return cfgr_fail(r, e, "year %d given twice", pr->starts[i]);
    }
    return 0;
}

static int read_reform(const cfgr_t *r, config_setting_t *list, size_t i, plan_t *p, char *err,
                       size_t errlen) {
    static const char *const keys[] = {"file", "start", "rollout", "ramp_years", NULL};
    const cfgr_range_t ramp = {1, PLAN_MAX_YEARS, false, false, true};
    plan_reform_t *pr = &p->reforms[p->n_reforms];
    config_setting_t *g, *at;
    const char *file, *rollout;
    if (cfgr_elem_group(r, list, i, "{ file = \"../reforms/data_hub.cfg\"; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_string(r, g, "file", true, PLAN_PATH_MAX / 2, NULL, &file, NULL) != 0 ||
        cfgr_string(r, g, "rollout", false, 32, "step", &rollout, &at) != 0 ||
        cfgr_int(r, g, "ramp_years", &ramp, false, 1, &pr->ramp_years) != 0 ||
        read_starts(r, g, p, pr) != 0)
        return -1;
    if (strcmp(rollout, "step") == 0) pr->rollout = PLAN_ROLLOUT_STEP;
    else if (strcmp(rollout, "linear") == 0) pr->rollout = PLAN_ROLLOUT_LINEAR;
    else if (strcmp(rollout, "s_curve") == 0) pr->rollout = PLAN_ROLLOUT_SCURVE;
    else
        return cfgr_fail(r, at, "'%s' is not a roll-out (expected step, linear or s_curve)",
                         rollout);
    char full[PLAN_PATH_MAX];
    if (cfgr_resolve_path(r, config_setting_get_member(g, "file"), p->path, file, full,
                          sizeof full) != 0)
        return -1;
    if (reform_load(&pr->reform, full, err, errlen) != 0) return -1;
    p->n_reforms++; /* from here plan_free frees it */
    pr->line = cfgr_line(g);
    for (size_t j = 0; j + 1 < p->n_reforms; j++)
        if (strcmp(p->reforms[j].reform.id, pr->reform.id) == 0)
            return cfgr_fail(r, config_setting_get_member(g, "file"),
                             "reform '%s' is already in the plan", pr->reform.id);
    return check_applies(r, g, p, pr);
}

static int read_reforms(const cfgr_t *r, config_setting_t *root, plan_t *p, char *err,
                        size_t errlen) {
    config_setting_t *list;
    if (cfgr_list(r, root, "reforms", true, 1, PLAN_MAX_REFORMS, "reforms", &list) != 0) return -1;
    size_t n = (size_t)config_setting_length(list);
    for (size_t i = 0; i < n; i++)
        if (read_reform(r, list, i, p, err, errlen) != 0) return -1;
    return 0;
}

/* The scenario must load (its own messages name its file). */
static int check_scenario(const plan_t *p, char *err, size_t errlen) {
    scn_t s;
    int rc = scn_load(&s, p->scenario, err, errlen);
    if (rc == 0) rc = flow_check(&s, err, errlen);
    scn_free(&s);
    return rc;
}

static int read_plan(const cfgr_t *r, config_t *cfg, plan_t *p, char *err, size_t errlen) {
    static const char *const keys[] = {"plan", "budget", "constraints", "reforms", NULL};
    if (cfgr_read_file(r, cfg, p->path) != 0) return -1;
    config_setting_t *root = config_root_setting(cfg);
    if (cfgr_check_keys(r, root, keys) != 0 || read_head(r, root, p) != 0 ||
        read_budget(r, root, p) != 0 || read_constraints(r, root, p) != 0)
        return -1;
    if (!p->budget_line) p->budget_line = cfgr_line(config_setting_get_member(root, "plan"));
    if (check_scenario(p, err, errlen) != 0) return -1;
    return read_reforms(r, root, p, err, errlen);
}

int plan_load(plan_t *p, const char *path, char *err, size_t errlen) {
    memset(p, 0, sizeof *p);
    if (strlen(path) >= sizeof p->path / 2) {
        snprintf(err, errlen, "%.64s...: file name too long", path);
        return -1;
    }
    copy_text(p->path, sizeof p->path, path);
    cfgr_t r = {path, err, errlen, 0, NULL};
    config_t cfg;
    config_init(&cfg);
    int rc = read_plan(&r, &cfg, p, err, errlen);
    config_destroy(&cfg);
    if (rc != 0) plan_free(p);
    return rc;
}

void plan_free(plan_t *p) {
    for (size_t i = 0; i < p->n_reforms; i++) reform_free(&p->reforms[i].reform);
    memset(p, 0, sizeof *p);
}
