/*
 * flow_kpi.c - what the workflow model measures, per group of cases.
 *
 * Cases count when they finish after the warm-up; arrivals and window
 * visits when they happen after it.  The work in the system (open cases) is
 * time-averaged over the measured period, so Little's law can be checked:
 * WIP = arrival rate x mean cycle time (calendar).
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"

static const struct {
    const char *name, *unit;
} KPI[FLOW_K_COUNT] = {
    [FLOW_K_COMPLETED] = {"cases_completed", "cases"},
    [FLOW_K_THROUGHPUT] = {"throughput", "cases/day"},
    [FLOW_K_CYCLE_WD] = {"cycle_time", "working days"},
    [FLOW_K_CYCLE_P50_WD] = {"cycle_time_p50", "working days"},
    [FLOW_K_CYCLE_P90_WD] = {"cycle_time_p90", "working days"},
    [FLOW_K_CYCLE_P95_WD] = {"cycle_time_p95", "working days"},
    [FLOW_K_CYCLE_CD] = {"cycle_time_calendar", "days"},
    [FLOW_K_WINDOW_WAIT] = {"window_wait", "minutes"},
    [FLOW_K_TRIPS] = {"trips_per_case", "trips"},
    [FLOW_K_ONE_TRIP] = {"one_trip_share", "share"},
    [FLOW_K_ZERO_TRIP] = {"zero_trip_share", "share"},
    [FLOW_K_WITHIN_LIMIT] = {"within_limit_share", "share"},
    [FLOW_K_ABANDON] = {"abandonment", "share of window visits"},
    [FLOW_K_REWORK] = {"rework_share", "share"},
    [FLOW_K_DATA_REQUESTS] = {"data_requests_per_case", "requests"},
    [FLOW_K_DATA_DELAY] = {"data_delay", "minutes"},
    [FLOW_K_DATA_MANUAL] = {"data_manual_share", "share"},
    [FLOW_K_DATA_FETCHED] = {"data_fetched_share", "share"},
    [FLOW_K_ONLINE] = {"online_share", "share"},
    [FLOW_K_CITIZEN_HOURS] = {"citizen_hours_per_case", "hours"},
    [FLOW_K_WIP] = {"work_in_system", "cases"},
    [FLOW_K_WIP_CASES] = {"work_in_system_by_cases", "cases"},
    [FLOW_K_CYCLE_MIN] = {"cycle_time_minutes", "minutes"},
    [FLOW_K_ARRIVAL_RATE] = {"arrival_rate", "cases/day"},
    [FLOW_K_BACKLOG] = {"backlog", "cases"},
    [FLOW_K_FRONT_UTIL] = {"window_utilization", "share"},
    [FLOW_K_BACK_UTIL] = {"staff_utilization", "share"},
    [FLOW_K_COST_YEAR] = {"government_cost", "yuan/year"},
    [FLOW_K_CITIZEN_COST_YEAR] = {"citizen_cost", "yuan/year"},
    [FLOW_K_COST_PER_CASE] = {"cost_per_case", "yuan"},
    [FLOW_K_SATISFACTION] = {"satisfaction", "index 0-100"},
    [FLOW_K_REGION_GAP] = {"regional_gap", "ratio"},
    [FLOW_K_LOST_BALKED] = {"cases_lost_balking", "cases/day"},
    [FLOW_K_LOST_ABANDONED] = {"cases_lost_abandoning", "cases/day"},
    [FLOW_K_WINDOW_WAIT_P90] = {"window_wait_p90", "minutes"},
    [FLOW_K_LINE_LENGTH] = {"line_length", "citizens"},
    [FLOW_K_LINE_MAX] = {"line_length_max", "citizens"},
    [FLOW_K_BACK_WAIT] = {"back_office_wait", "minutes"},
    [FLOW_K_WINDOW_SERVED] = {"window_served", "turns/day"},
    [FLOW_K_BACK_SERVED] = {"back_office_tasks", "tasks/day"},
    [FLOW_K_NO_SHOW] = {"appointment_no_shows", "cases/day"},
    [FLOW_K_BREACHES] = {"breaches", "breaches/year"},
    [FLOW_K_SHARING_SUSPENDED] = {"sharing_suspended", "days/year"},
    [FLOW_K_BREACH_COST] = {"breach_cost", "yuan/year"},
    [FLOW_K_PLATFORM_LATENCY] = {"platform_latency", "seconds"},
    [FLOW_K_PLATFORM_P95] = {"platform_latency_p95", "seconds"},
    [FLOW_K_PLATFORM_TIMEOUTS] = {"platform_timeouts", "share of submissions"},
    [FLOW_K_HUB_P95] = {"hub_latency_p95", "seconds"},
    [FLOW_K_HUB_TIMEOUTS] = {"hub_timeouts", "share of hub requests"},
    [FLOW_K_CALLS_ANSWERED] = {"hotline_calls_answered", "calls/day"},
    [FLOW_K_CALLS_15S] = {"hotline_answered_15s", "share of calls"},
    [FLOW_K_CALLS_ABANDONED] = {"hotline_abandoned", "share of calls"},
    [FLOW_K_CALL_WAIT] = {"hotline_wait", "minutes"},
    [FLOW_K_CALLS_WAITED] = {"hotline_waited", "share of calls"},
    [FLOW_K_APPEALS_WITHIN] = {"appeals_within_limit", "share"},
    [FLOW_K_APPEALS_PER_1000] = {"appeals_per_1000_cases", "appeals"},
    [FLOW_K_BAD_RATING] = {"appeal_bad_rating", "share"},
};

const char *flow_kpi_name(flow_kpi_t k) { return KPI[k].name; }
const char *flow_kpi_unit(flow_kpi_t k) { return KPI[k].unit; }

size_t flow_groups(const scn_t *s, flow_group_t *out, size_t cap) {
    size_t n = 0;
#define ADD(kind_, idx_)                                                                           \
    do {                                                                                           \
        if (n < cap) out[n] = (flow_group_t){kind_, (int)(idx_)};                                  \
        n++;                                                                                       \
    } while (0)
    ADD(FLOW_G_ALL, -1);
    for (size_t i = 0; i < s->n_services; i++) ADD(FLOW_G_SERVICE, i);
    for (size_t i = 0; i < s->n_regions; i++) ADD(FLOW_G_REGION, i);
    for (size_t i = 0; i < s->n_departments; i++) ADD(FLOW_G_DEPARTMENT, i);
    if (s->levers.one_stop)
        for (size_t i = 0; i < s->n_regions; i++) ADD(FLOW_G_HALL, i);
#undef ADD
    return n;
}

/* The three case groups a case belongs to: all, its service, its region. */
static void case_groups(const flow_model_t *m, const flow_case_t *c, size_t g[3]) {
    g[0] = 0;
    g[1] = 1 + (size_t)c->service;
    g[2] = 1 + m->s->n_services + (size_t)c->region;
}

int flow_acc_init(flow_model_t *m) {
    m->n_groups = flow_groups(m->s, NULL, 0);
    m->groups = malloc(m->n_groups * sizeof *m->groups);
    m->acc = calloc(m->n_groups, sizeof *m->acc);
    if (!m->groups || !m->acc) return -1;
    flow_groups(m->s, m->groups, m->n_groups);
    m->dept_acc = calloc(m->s->n_departments, sizeof *m->dept_acc);
    m->line_max = calloc(m->n_res, sizeof *m->line_max);
    if (!m->dept_acc || !m->line_max) return -1;
    for (size_t g = 0; g < m->n_groups; g++)
        if (stats_hist_init(&m->acc[g].cycle_hist) != 0) return -1;
    flow_acc_reset(m);
    return 0;
}

void flow_acc_free(flow_model_t *m) {
    if (m->acc)
        for (size_t g = 0; g < m->n_groups; g++) stats_hist_free(&m->acc[g].cycle_hist);
    free(m->acc);
    free(m->groups);
    free(m->dept_acc);
    free(m->line_max);
    m->acc = NULL;
    m->groups = NULL;
    m->dept_acc = NULL;
    m->line_max = NULL;
}

void flow_acc_reset(flow_model_t *m) {
    double now = m->sim.now;
    memset(m->dept_acc, 0, m->s->n_departments * sizeof *m->dept_acc);
    for (size_t r = 0; r < m->n_res; r++) m->line_max[r] = (double)m->res[r].waiting;
    for (size_t g = 0; g < m->n_groups; g++) {
        flow_acc_t *a = &m->acc[g];
        stats_hist_t hist = a->cycle_hist;
        double open = a->open_cases;
        memset(a, 0, sizeof *a);
        a->cycle_hist = hist;
        stats_hist_clear(&a->cycle_hist);
        stats_tally_init(&a->cycle_wd);
        stats_tally_init(&a->cycle_cd);
        stats_tally_init(&a->cycle_min);
        stats_tally_init(&a->window_wait);
        a->open_cases = open;
        a->open_since_sum = open * now; /* open cases enter the window now */
        stats_timeavg_init(&a->wip, now, open);
    }
}

void flow_acc_arrival(flow_model_t *m, const flow_case_t *c) {
    size_t g[3];
    case_groups(m, c, g);
    bool measured = m->sim.now >= m->warmup;
    for (int i = 0; i < 3; i++) {
        flow_acc_t *a = &m->acc[g[i]];
        a->open_cases++;
        a->open_since_sum += m->sim.now;
        stats_timeavg_set(&a->wip, m->sim.now, a->open_cases);
        if (measured) a->arrivals++;
    }
}

void flow_acc_window_visit(flow_model_t *m, const flow_case_t *c, double wait, bool abandoned) {
    if (m->sim.now < m->warmup) return;
    hot_assert(wait >= 0);
    size_t g[3];
    case_groups(m, c, g);
    for (int i = 0; i < 3; i++) {
        flow_acc_t *a = &m->acc[g[i]];
        a->window_visits++;
        if (abandoned) a->abandoned++;
        else stats_tally_add(&a->window_wait, wait);
    }
}

void flow_acc_complete(flow_model_t *m, const flow_case_t *c, double wd) {
    size_t g[3];
    case_groups(m, c, g);
    double now = m->sim.now;
    bool measured = now >= m->warmup;
    double minutes = now - c->arrived;
    hot_assert(minutes >= 0);
    double limit = m->s->services[c->service].limit_days;
    for (int i = 0; i < 3; i++) {
        flow_acc_t *a = &m->acc[g[i]];
        double since = c->arrived > m->warmup ? c->arrived : m->warmup;
        if (!measured) since = c->arrived;
        hot_assert(a->open_cases >= 1); /* each case leaves its groups once */
        a->open_cases--;
        a->open_since_sum -= since;
        stats_timeavg_set(&a->wip, now, a->open_cases);
        if (!measured) continue;
        a->window_minutes += now - since;
        a->completed++;
        stats_tally_add(&a->cycle_wd, wd);
        stats_tally_add(&a->cycle_cd, minutes / 1440.0);
        stats_tally_add(&a->cycle_min, minutes);
        stats_hist_add(&a->cycle_hist, wd);
        a->trips += c->trips;
        a->one_trip += c->trips <= 1;
        a->zero_trip += c->trips == 0;
        a->trip_count[c->trips < FLOW_TRIP_BINS ? c->trips : FLOW_TRIP_BINS - 1]++;
        a->within += wd <= limit;
        a->reworked += c->reworked;
        a->online += c->online;
        a->data_requests += c->data_requests;
        a->data_manual += c->data_manual;
        a->data_fetched += c->data_fetched;
        a->data_delay += c->data_delay;
        a->citizen_minutes += c->citizen_minutes;
        a->trip_yuan += c->trip_yuan;
    }
}

/* A lost case leaves its groups as a finished one does (so both sides of
 * Little's law on the window see it), but is not counted as finished. */
void flow_acc_lost(flow_model_t *m, const flow_case_t *c, flow_lost_t why) {
    size_t g[3];
    case_groups(m, c, g);
    double now = m->sim.now;
    bool measured = now >= m->warmup;
    for (int i = 0; i < 3; i++) {
        flow_acc_t *a = &m->acc[g[i]];
        double since = measured && c->arrived < m->warmup ? m->warmup : c->arrived;
        hot_assert(a->open_cases >= 1);
        a->open_cases--;
        a->open_since_sum -= since;
        stats_timeavg_set(&a->wip, now, a->open_cases);
        if (!measured) continue;
        a->window_minutes += now - since;
        a->lost[why]++;
        if (why == FLOW_LOST_BALKED) a->window_visits++;
    }
}

void flow_acc_no_show(flow_model_t *m, int sv, int rg) {
    if (m->sim.now < m->warmup) return;
    size_t g[3];
    case_groups(m, &(flow_case_t){.service = sv, .region = rg}, g);
    for (int i = 0; i < 3; i++) m->acc[g[i]].no_show++;
}

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

/* Government cost per year: staff, windows, platform, hub, and the
 * expected cost of breaches (rate x cost: known without running). */
double flow_government_cost(const scn_t *s) {
    double staff = 0, windows = 0;
    for (size_t d = 0; d < s->n_departments; d++) {
        staff += s->departments[d].staff;
        windows += s->departments[d].windows;
    }
    if (s->levers.one_stop && s->levers.one_stop_windows > 0)
        windows = (double)s->levers.one_stop_windows * (double)s->n_regions;
    return staff * s->costs.staff_year + windows * s->costs.window_year + s->costs.platform_year +
           (s->levers.data_hub ? s->costs.hub_year : 0) +
           scn_breach_cost_year(s->breaches, s->n_breaches, s->levers.security);
}

static void collect_cases(const flow_model_t *m, const flow_acc_t *a, double *k, double now) {
    double days = (m->horizon - m->warmup) / 1440.0;
    double n = a->completed;
    double link_requests = a->data_requests - a->data_fetched;
    k[FLOW_K_COMPLETED] = n;
    k[FLOW_K_THROUGHPUT] = n / days;
    k[FLOW_K_CYCLE_WD] = stats_tally_mean(&a->cycle_wd);
    k[FLOW_K_CYCLE_P50_WD] = stats_hist_quantile(&a->cycle_hist, 0.50);
    k[FLOW_K_CYCLE_P90_WD] = stats_hist_quantile(&a->cycle_hist, 0.90);
    k[FLOW_K_CYCLE_P95_WD] = stats_hist_quantile(&a->cycle_hist, 0.95);
    k[FLOW_K_CYCLE_CD] = stats_tally_mean(&a->cycle_cd);
    k[FLOW_K_WINDOW_WAIT] = stats_tally_mean(&a->window_wait);
    k[FLOW_K_TRIPS] = ratio(a->trips, n);
    k[FLOW_K_ONE_TRIP] = ratio(a->one_trip, n);
    k[FLOW_K_ZERO_TRIP] = ratio(a->zero_trip, n);
    k[FLOW_K_WITHIN_LIMIT] = ratio(a->within, n);
    k[FLOW_K_ABANDON] = ratio(a->abandoned, a->window_visits);
    k[FLOW_K_REWORK] = ratio(a->reworked, n);
    k[FLOW_K_DATA_REQUESTS] = ratio(a->data_requests, n);
    k[FLOW_K_DATA_DELAY] = ratio(a->data_delay, link_requests);
    k[FLOW_K_DATA_MANUAL] = ratio(a->data_manual, a->data_requests);
    k[FLOW_K_DATA_FETCHED] = ratio(a->data_fetched, a->data_requests);
    k[FLOW_K_ONLINE] = ratio(a->online, n);
    k[FLOW_K_CITIZEN_HOURS] = ratio(a->citizen_minutes / 60.0, n);
    k[FLOW_K_WIP] = stats_timeavg_mean(&a->wip, now);
    /* Little's law on the measured window, case by case: finished cases'
     * minutes inside it plus the open cases' minutes up to the end */
    double censored = a->open_cases * now - a->open_since_sum;
    k[FLOW_K_WIP_CASES] = (a->window_minutes + censored) / (now - m->warmup);
    k[FLOW_K_CYCLE_MIN] = stats_tally_mean(&a->cycle_min);
    k[FLOW_K_ARRIVAL_RATE] = a->arrivals / days;
    k[FLOW_K_BACKLOG] = a->open_cases;
    k[FLOW_K_LOST_BALKED] = a->lost[FLOW_LOST_BALKED] / days;
    k[FLOW_K_LOST_ABANDONED] = a->lost[FLOW_LOST_ABANDONED] / days;
    k[FLOW_K_NO_SHOW] = a->no_show / days;
    /* satisfaction (docs/model.md): timeliness, trips, waiting */
    double wait = isnan(k[FLOW_K_WINDOW_WAIT]) ? 0 : k[FLOW_K_WINDOW_WAIT];
    k[FLOW_K_SATISFACTION] =
        100 * (0.4 * k[FLOW_K_WITHIN_LIMIT] + 0.3 * k[FLOW_K_ONE_TRIP] + 0.3 * exp(-wait / 30));
}

/* A department's window line (its own, or its one-stop hall's): waits of
 * the turns served, line length over opening hours (a line that waits
 * through a lunch break counts there too), turns served per day. */
static void collect_windows(const flow_model_t *m, int r, double *k, double now) {
    const res_t *w = &m->res[r];
    double days = (m->horizon - m->warmup) / 1440.0;
    double open = wcal_hall_time(&m->s->calendar, m->warmup, now); /* service days too */
    double area = stats_timeavg_mean(&w->queue_avg, now) * (now - w->queue_avg.start);
    k[FLOW_K_WINDOW_WAIT] = stats_tally_mean(&w->wait);
    k[FLOW_K_WINDOW_WAIT_P90] = w->wait.n > 0 ? stats_hist_quantile(&w->wait_hist, 0.90) : NAN;
    k[FLOW_K_LINE_LENGTH] = ratio(area, open);
    k[FLOW_K_LINE_MAX] = m->line_max[r];
    k[FLOW_K_WINDOW_SERVED] = (double)w->served / days;
}

/* Region rg's one-stop hall (resource 2 x n_departments + rg, see
 * setup_resources in flow.c): its windows, as a department's. */
static void collect_hall(const flow_model_t *m, int rg, double *k, double now) {
    int r = (int)(2 * m->s->n_departments) + rg;
    if (!flow_res_ok(m, r) || m->front_capacity[r] == 0) return;
    k[FLOW_K_FRONT_UTIL] = res_utilization(&m->res[r], now);
    collect_windows(m, r, k, now);
}

/* A department's back office: mean wait for an officer, tasks started per
 * day, and tasks waiting or in work at the end. */
static void collect_back_office(const flow_model_t *m, int d, double *k) {
    const flow_dept_acc_t *a = &m->dept_acc[d];
    const res_t *b = &m->res[m->back_res[d]];
    double days = (m->horizon - m->warmup) / 1440.0;
    if (m->s->departments[d].staff == 0 && a->back_tasks == 0) return;
    k[FLOW_K_BACK_WAIT] = ratio(a->back_wait, a->back_tasks);
    k[FLOW_K_BACK_SERVED] = a->back_tasks / days;
    k[FLOW_K_BACKLOG] = (double)(b->waiting + b->busy);
}

void flow_acc_collect(flow_model_t *m, flow_result_t *out) {
    const scn_t *s = m->s;
    double now = m->sim.now;
    assert(m->n_groups >= 1); /* group 0 is "all cases" */
    out->n_groups = m->n_groups;
    out->kpi = malloc(m->n_groups * FLOW_K_COUNT * sizeof *out->kpi);
    if (!out->kpi) {
        m->nomem = 1;
        return;
    }
    for (size_t i = 0; i < m->n_groups * FLOW_K_COUNT; i++) out->kpi[i] = NAN;
    for (size_t g = 0; g < m->n_groups; g++) {
        double *k = out->kpi + g * FLOW_K_COUNT;
        const flow_group_t *gr = &m->groups[g];
        if (gr->kind == FLOW_G_HALL) {
            collect_hall(m, gr->index, k, now);
            continue;
        }
        if (gr->kind == FLOW_G_DEPARTMENT) {
            const scn_department_t *d = &s->departments[gr->index];
            if (m->front_capacity[m->front_res[gr->index]] > 0) {
                k[FLOW_K_FRONT_UTIL] = res_utilization(&m->res[m->front_res[gr->index]], now);
                collect_windows(m, m->front_res[gr->index], k, now);
            }
            collect_back_office(m, gr->index, k);
            /* officers: work started / officer minutes in opening hours
             * (back-office work spans nights, so time-averaged busy
             * officers would count files held overnight) */
            const res_t *b = &m->res[m->back_res[gr->index]];
            double open = wcal_working_time(&s->calendar, m->warmup, m->horizon);
            double officers = stats_timeavg_mean(&b->capacity_avg, now);
            if (roster_has(&d->roster, ROSTER_STAFF)) /* on duty in opening hours */
                officers =
                    roster_mean_open(&d->roster, ROSTER_STAFF, d->staff, s->calendar.workday,
                                     s->calendar.open, s->calendar.close, s->calendar.n_intervals);
            if (roster_max(&d->roster, ROSTER_STAFF, d->staff) > 0 && open > 0 && officers > 0)
                k[FLOW_K_BACK_UTIL] = m->back_work[gr->index] / (officers * open);
            continue;
        }
        collect_cases(m, &m->acc[g], k, now);
    }
    const flow_acc_t *a = &m->acc[0];
    for (int i = 1; i < FLOW_CDF_POINTS; i++)
        out->cycle_quantile[i - 1] =
            stats_hist_quantile(&a->cycle_hist, (double)i / FLOW_CDF_POINTS);
    for (int i = 0; i < FLOW_TRIP_BINS; i++)
        out->trip_share[i] = ratio(a->trip_count[i], a->completed);
    double *all = out->kpi;
    /* every entry was set (NaN at least) above and group 0 exists */
    double per_year =
        all[FLOW_K_ARRIVAL_RATE] * 365; // NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult)
    double gov = flow_government_cost(s);
    /* a trip costs costs.trip_cost, or what the travel matrix says */
    double trip_yuan = s->travel.cost ? ratio(m->acc[0].trip_yuan, m->acc[0].completed)
                                      : all[FLOW_K_TRIPS] * s->costs.trip_cost;
    double citizen = (all[FLOW_K_CITIZEN_HOURS] * s->costs.citizen_hour + trip_yuan) * per_year;
    all[FLOW_K_COST_YEAR] = gov;
    all[FLOW_K_CITIZEN_COST_YEAR] = citizen;
    all[FLOW_K_COST_PER_CASE] = ratio(gov + citizen, per_year);
    double lo = INFINITY, hi = 0;
    for (size_t r = 0; r < s->n_regions; r++) {
        double v = out->kpi[(1 + s->n_services + r) * FLOW_K_COUNT + FLOW_K_CYCLE_WD];
        if (isnan(v) || v <= 0) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
    }
    if (hi > 0 && s->n_regions > 1) all[FLOW_K_REGION_GAP] = hi / lo;
    flow_breach_collect(m, all);
    flow_platform_collect(m, all);
    flow_hub_collect(m, all);
}

void flow_result_free(flow_result_t *r) {
    free(r->kpi);
    free(r->hourly);
    free(r->phase);
    r->kpi = r->hourly = r->phase = NULL;
}

bool flow_kpi_applies(flow_group_kind_t kind, flow_kpi_t k) {
    bool dept_kpi = k == FLOW_K_FRONT_UTIL || k == FLOW_K_BACK_UTIL ||
                    k == FLOW_K_WINDOW_WAIT_P90 || k == FLOW_K_LINE_LENGTH ||
                    k == FLOW_K_LINE_MAX || k == FLOW_K_BACK_WAIT || k == FLOW_K_WINDOW_SERVED ||
                    k == FLOW_K_BACK_SERVED;
    bool both = k == FLOW_K_WINDOW_WAIT || k == FLOW_K_BACKLOG;
    bool all_only = k == FLOW_K_COST_YEAR || k == FLOW_K_CITIZEN_COST_YEAR ||
                    k == FLOW_K_COST_PER_CASE || k == FLOW_K_REGION_GAP ||
                    (k >= FLOW_K_BREACHES && k <= FLOW_K_HUB_TIMEOUTS) || flow_kpi_is_hotline(k);
    if (kind == FLOW_G_DEPARTMENT) return dept_kpi || both;
    if (kind == FLOW_G_HALL)
        return k == FLOW_K_FRONT_UTIL || k == FLOW_K_WINDOW_WAIT || k == FLOW_K_WINDOW_WAIT_P90 ||
               k == FLOW_K_LINE_LENGTH || k == FLOW_K_LINE_MAX || k == FLOW_K_WINDOW_SERVED;
    if (dept_kpi) return false;
    return !all_only || kind == FLOW_G_ALL;
}

bool flow_kpi_is_hotline(flow_kpi_t k) {
    return k >= FLOW_K_CALLS_ANSWERED && k <= FLOW_K_BAD_RATING;
}
