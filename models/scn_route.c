#include "scn_route.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_PIVOT  1e-12 /* below: the chain is (numerically) closed    */
#define MAX_VISITS 1e6   /* above: a loop cases (almost) never leave     */

/* ------------------------------------------------------------ the graph */

/* Successors of step k (SCN_DONE for "done"): the next step in the list
 * (or done after the last) when it has no `next`, else its branches, those
 * of probability 0 only when `all`.  Returns the count. */
static size_t successors(const scn_service_t *sv, size_t k, bool all, int out[SCN_MAX_NEXT]) {
    const scn_step_t *st = &sv->steps[k];
    if (st->n_next == 0) {
        out[0] = k + 1 < sv->n_steps ? (int)(k + 1) : SCN_DONE;
        return 1;
    }
    size_t n = 0;
    for (size_t b = 0; b < st->n_next; b++)
        if (all || st->next[b].prob > 0) out[n++] = st->next[b].target;
    return n;
}

/* Marks in seen[] the steps reachable from the first one. */
static void mark_reachable(const scn_service_t *sv, bool all, bool *seen, size_t *stack) {
    size_t top = 0;
    seen[0] = true;
    stack[top++] = 0;
    while (top > 0) {
        size_t k = stack[--top];
        int succ[SCN_MAX_NEXT];
        size_t n = successors(sv, k, all, succ);
        for (size_t i = 0; i < n; i++) {
            if (succ[i] == SCN_DONE || seen[succ[i]]) continue;
            seen[succ[i]] = true;
            stack[top++] = (size_t)succ[i];
        }
    }
}

/* Marks in exits[] the steps from which "done" can be reached with positive
 * probability: a fixed point, at most n_steps sweeps of n_steps x 8. */
static void mark_exits(const scn_service_t *sv, bool *exits) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t k = 0; k < sv->n_steps; k++) {
            if (exits[k]) continue;
            int succ[SCN_MAX_NEXT];
            size_t n = successors(sv, k, false, succ);
            for (size_t i = 0; i < n && !exits[k]; i++)
                exits[k] = succ[i] == SCN_DONE || exits[succ[i]];
            changed |= exits[k];
        }
    }
}

/* Is step k on a cycle of positive-probability branches?  (Cases that
 * cannot finish end up circling in one; naming a step of the cycle points
 * at the loop rather than at the innocent steps that lead into it.) */
static bool on_cycle(const scn_service_t *sv, size_t k, bool *seen, size_t *stack) {
    memset(seen, 0, sv->n_steps * sizeof *seen);
    size_t top = 0;
    int succ[SCN_MAX_NEXT];
    size_t n = successors(sv, k, false, succ);
    for (size_t i = 0; i < n; i++)
        if (succ[i] != SCN_DONE && !seen[succ[i]])
            seen[succ[i]] = true, stack[top++] = (size_t)succ[i];
    while (top > 0) {
        size_t j = stack[--top];
        if (j == k) return true;
        n = successors(sv, j, false, succ);
        for (size_t i = 0; i < n; i++)
            if (succ[i] != SCN_DONE && !seen[succ[i]])
                seen[succ[i]] = true, stack[top++] = (size_t)succ[i];
    }
    return false;
}

scn_route_problem_t scn_route_check(const scn_service_t *sv, size_t *step) {
    size_t n = sv->n_steps;
    assert(n > 0);
    bool *listed = calloc(n, sizeof *listed);
    bool *reached = calloc(n, sizeof *reached);
    bool *exits = calloc(n, sizeof *exits);
    size_t *stack = malloc(n * sizeof *stack);
    scn_route_problem_t problem = SCN_ROUTE_OK;
    if (!listed || !reached || !exits || !stack) {
        /* Out of memory: nothing to report; the loader's next allocation
         * will fail and say so. */
        goto out;
    }
    mark_reachable(sv, true, listed, stack);
    mark_reachable(sv, false, reached, stack);
    mark_exits(sv, exits);
    for (size_t k = 0; k < n && problem == SCN_ROUTE_OK; k++)
        if (!listed[k]) problem = SCN_ROUTE_UNREACHABLE, *step = k;
    /* A reached step that cannot finish leads into a cycle that cannot
     * either: report the first step of such a cycle. */
    for (size_t k = 0; k < n && problem == SCN_ROUTE_OK; k++)
        if (reached[k] && !exits[k] && on_cycle(sv, k, listed, stack))
            problem = SCN_ROUTE_NO_EXIT, *step = k;
out:
    free(listed);
    free(reached);
    free(exits);
    free(stack);
    return problem;
}

/* ------------------------------------------------------------ visits */

/* Share of service sv's cases handled at the counter: a case goes online
 * with probability min(1, online_share x online_scale) x (1 - excluded) in
 * its region (as models/flow.c draws it), and falls back to the counter
 * while the channel is down. */
static double counter_share(const scn_t *s, const scn_service_t *sv) {
    double online = 0;
    for (size_t r = 0; r < s->n_regions; r++) {
        const scn_region_t *rg = &s->regions[r];
        double p = fmin(1.0, sv->online_share * rg->online_scale);
        online += sv->region_share[r] * p * (1 - rg->digital_excluded);
    }
    return 1 - online * s->online_uptime;
}

static bool at_window(const scn_step_t *st, bool online) {
    return st->in_person || (st->front && !online);
}

/* The step a data error sends step k back to: the last front step before
 * it in list order that cases reach (the model uses the last front step
 * the case actually finished, which this approximates), else k itself. */
static size_t data_error_target(const scn_service_t *sv, size_t k, const int *index) {
    for (size_t j = k; j-- > 0;)
        if ((sv->steps[j].front || sv->steps[j].in_person) && index[j] >= 0) return j;
    return k;
}

/* Fills a = I - P^T over the m reached steps (index[] maps a step to its
 * row, -1 when not reached), for a case on the given channel.  Outcomes as
 * models/flow.c draws them: incomplete materials (front steps) repeat the
 * step, then an officer's error (off the window) repeats it, then a data
 * error goes back; otherwise the case branches. */
static void fill_matrix(const scn_t *s, const scn_service_t *sv, const int *index, size_t m,
                        bool online, double *a) {
    for (size_t i = 0; i < m * m; i++) a[i] = 0;
    for (size_t i = 0; i < m; i++) a[i * m + i] = 1;
    for (size_t k = 0; k < sv->n_steps; k++) {
        if (index[k] < 0) continue;
        const scn_step_t *st = &sv->steps[k];
        bool front = st->front || st->in_person;
        double q = front ? st->incomplete : 0;
        double e = at_window(st, online) ? 0 : s->departments[st->dept].error_rate;
        double repeat = q + (1 - q) * e;
        double go_back = (1 - repeat) * st->data_error;
        double go_on = (1 - repeat) * (1 - st->data_error);
        size_t from = (size_t)index[k];
        size_t back = (size_t)index[data_error_target(sv, k, index)];
        /* a[to][from] -= P[from][to] */
        a[from * m + from] -= repeat;
        a[back * m + from] -= go_back;
        if (st->n_next == 0) {
            if (k + 1 < sv->n_steps) a[(size_t)index[k + 1] * m + from] -= go_on;
        } else {
            for (size_t b = 0; b < st->n_next; b++) {
                int t = st->next[b].target;
                if (t == SCN_DONE || st->next[b].prob <= 0) continue;
                a[(size_t)index[t] * m + from] -= go_on * st->next[b].prob;
            }
        }
    }
}

/* Solves a x = b in place (b becomes x) by Gaussian elimination with
 * partial pivoting.  Returns -1 if a pivot is below MIN_PIVOT. */
static int solve(double *a, double *b, size_t m) {
    for (size_t c = 0; c < m; c++) {
        size_t p = c;
        for (size_t i = c + 1; i < m; i++)
            if (fabs(a[i * m + c]) > fabs(a[p * m + c])) p = i;
        if (!(fabs(a[p * m + c]) > MIN_PIVOT)) return -1;
        if (p != c) {
            for (size_t j = 0; j < m; j++) {
                double t = a[c * m + j];
                a[c * m + j] = a[p * m + j];
                a[p * m + j] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
        }
        for (size_t i = c + 1; i < m; i++) {
            double f = a[i * m + c] / a[c * m + c];
            if (f == 0) continue;
            for (size_t j = c; j < m; j++) a[i * m + j] -= f * a[c * m + j];
            b[i] -= f * b[c];
        }
    }
    for (size_t c = m; c-- > 0;) {
        double sum = b[c];
        for (size_t j = c + 1; j < m; j++) sum -= a[c * m + j] * b[j];
        b[c] = sum / a[c * m + c];
    }
    return 0;
}

/* Visits per case on one channel into v[] (per reached step, by row). */
static int channel_visits(const scn_t *s, const scn_service_t *sv, const int *index, size_t m,
                          bool online, double *a, double *v) {
    fill_matrix(s, sv, index, m, online, a);
    for (size_t i = 0; i < m; i++) v[i] = 0;
    v[index[0]] = 1; /* every case starts at the first step */
    if (solve(a, v, m) != 0) return -2;
    for (size_t i = 0; i < m; i++)
        if (!(v[i] >= -1e-9 && v[i] <= MAX_VISITS)) return -2;
    return 0;
}

/* Work brought per working day by `cases` visits to step st (minutes),
 * into the department's window or back-office total. */
static void add_work(const scn_t *s, const scn_step_t *st, double cases, bool window,
                     double *front_work, double *back_work) {
    double minutes = cases * dist_mean(&st->work) * s->departments[st->dept].skill;
    if (window) front_work[st->dept] += minutes;
    else back_work[st->dept] += minutes;
}

/* Documents the citizen must fetch for step st (needed items owned by
 * another department with no link, and no data hub): each is a visit to
 * the owner's windows, once per visit to the step, as in models/flow.c. */
static void add_fetch_work(const scn_t *s, const scn_step_t *st, double cases, double *front_work) {
    for (size_t i = 0; i < st->n_needs; i++) {
        int owner = s->items[st->needs[i]].owner;
        if (owner == st->dept) continue;
        const scn_link_t *link = scn_find_link(s, owner, st->dept);
        bool lawful = !link || !link->no_legal_basis;    /* legal_basis: see scn.h */
        if (s->items[st->needs[i]].commitment) continue; /* promised, not fetched */
        if (s->levers.data_hub && lawful) continue;
        if (link && link->mode != SCN_LINK_NONE && lawful) continue;
        front_work[owner] += cases * SCN_FETCH_WORK_MINUTES;
    }
}

int scn_route_service(const scn_t *s, scn_service_t *sv, double *front_work, double *back_work) {
    size_t n = sv->n_steps;
    bool *reached = calloc(n, sizeof *reached);
    size_t *stack = malloc(n * sizeof *stack);
    int *index = malloc(n * sizeof *index);
    if (!reached || !stack || !index) {
        free(reached), free(stack), free(index);
        return -1;
    }
    mark_reachable(sv, false, reached, stack);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) index[k] = reached[k] ? (int)m++ : -1;
    assert(m >= 1); /* the first step */
    double *a = malloc(m * m * sizeof *a);
    double *v_counter = malloc(m * sizeof *v_counter);
    double *v_online = malloc(m * sizeof *v_online);
    int rc = a && v_counter && v_online ? 0 : -1;
    if (rc == 0) rc = channel_visits(s, sv, index, m, false, a, v_counter);
    if (rc == 0) rc = channel_visits(s, sv, index, m, true, a, v_online);
    if (rc == 0) {
        double c = counter_share(s, sv);
        for (size_t k = 0; k < n; k++) {
            scn_step_t *st = &sv->steps[k];
            st->visits = 0;
            if (index[k] < 0) continue;
            double vc = fmax(0, v_counter[index[k]]), vo = fmax(0, v_online[index[k]]);
            st->visits = c * vc + (1 - c) * vo;
            add_work(s, st, sv->per_day * c * vc, at_window(st, false), front_work, back_work);
            add_work(s, st, sv->per_day * (1 - c) * vo, at_window(st, true), front_work, back_work);
            add_fetch_work(s, st, sv->per_day * st->visits, front_work);
        }
    }
    free(a), free(v_counter), free(v_online);
    free(reached), free(stack), free(index);
    return rc;
}

/* ------------------------------------------------------------ loads */

static double utilization(double work, double servers, double minutes) {
    if (work <= 0) return 0;
    return servers > 0 ? work / (servers * minutes) : INFINITY;
}

static void warn(scn_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(scn_t *s, const char *fmt, ...) {
    if (s->n_warnings >= SCN_MAX_WARNINGS) return;
    char *w = s->warnings[s->n_warnings++];
    if (s->n_warnings == SCN_MAX_WARNINGS) {
        snprintf(w, sizeof s->warnings[0], "further warnings omitted");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w, sizeof s->warnings[0], fmt, ap);
    va_end(ap);
}

/* "front offered load 1.35 of capacity (windows 4)", or the same for a
 * queue with work and no server at all. */
static void warn_queue(scn_t *s, const char *who, const char *queue, double util,
                       const char *servers, int n_servers) {
    if (util < 1) return;
    if (isinf(util))
        warn(s, "%s: %s work but %s 0: cases will pile up without end", who, queue, servers);
    else
        warn(s,
             "%s: %s offered load %.2f of capacity (%s %d): queues will grow "
             "without bound",
             who, queue, util, servers, n_servers);
}

/* Servers of a department on duty, on average over the calendar's open
 * minutes: its roster's (models/roster.h), or the fixed count. */
static double on_duty(const scn_t *s, const scn_department_t *dp, roster_kind_t kind) {
    int fixed = kind == ROSTER_WINDOWS ? dp->windows : dp->staff;
    if (dp->roster.n_entries == 0) return fixed;
    const wcal_t *c = &s->calendar;
    bool all[7] = {true, true, true, true, true, true, true};
    return roster_mean_open(&dp->roster, kind, fixed, c->n_intervals ? c->workday : all, c->open,
                            c->close, c->n_intervals);
}

/* Windows for the front offered load, per working day: with service days
 * (sim/wcal.h) the window minutes of a week's working and service hours
 * over the week's working minutes, since a week's counter demand spreads
 * over both (`fixed` > 0: that many windows whenever the hall is open,
 * the one-stop lever's count). */
static double hall_windows(const scn_t *s, const scn_department_t *dp, int fixed) {
    const wcal_t *c = &s->calendar;
    double windows = dp ? on_duty(s, dp, ROSTER_WINDOWS) : fixed;
    if (!wcal_has_service(c) || !(c->minutes_per_week > 0)) return windows;
    double area = windows * c->minutes_per_week;
    for (int w = 0; w < 7; w++) {
        if (c->n_service[w] == 0) continue;
        bool only[7] = {false};
        only[w] = true;
        double minutes = 0;
        for (size_t i = 0; i < c->n_service[w]; i++)
            minutes += c->service_close[w][i] - c->service_open[w][i];
        double mean =
            dp ? roster_mean_open(&dp->roster, ROSTER_WINDOWS, dp->windows, only,
                                  c->service_open[w], c->service_close[w], c->n_service[w])
               : fixed;
        area += mean * minutes;
    }
    return area / c->minutes_per_week;
}

void scn_route_loads(scn_t *s, const double *front_work, const double *back_work) {
    double minutes = wcal_minutes_per_day(&s->calendar);
    if (minutes <= 0) minutes = WCAL_DAY; /* always open */
    for (size_t r = 0; r < s->n_regions; r++) {
        double work = 0, windows = 0;
        for (size_t d = 0; d < s->n_departments; d++) {
            if (s->departments[d].region != (int)r) continue;
            work += front_work[d];
            windows += hall_windows(s, &s->departments[d], 0);
        }
        if (s->levers.one_stop_windows > 0)
            windows = hall_windows(s, NULL, s->levers.one_stop_windows);
        s->regions[r].hall_util = utilization(work * s->levers.one_stop_slowdown, windows, minutes);
        char who[SCN_ID_MAX + 16];
        snprintf(who, sizeof who, "region '%s'", s->regions[r].id);
        if (s->levers.one_stop)
            warn_queue(s, who, "one-stop hall", s->regions[r].hall_util, "windows",
                       (int)lround(windows));
    }
    for (size_t d = 0; d < s->n_departments; d++) {
        scn_department_t *dp = &s->departments[d];
        double windows = hall_windows(s, dp, 0), staff = on_duty(s, dp, ROSTER_STAFF);
        dp->front_util = utilization(front_work[d], windows, minutes);
        dp->back_util = utilization(back_work[d], staff, minutes);
        char who[SCN_ID_MAX + 16];
        snprintf(who, sizeof who, "department '%s'", dp->id);
        if (!s->levers.one_stop)
            warn_queue(s, who, "front", dp->front_util, "windows", (int)lround(windows));
        warn_queue(s, who, "back-office", dp->back_util, "staff", (int)lround(staff));
    }
}

void scn_offered_load(const scn_t *s, int dept, double *front_util, double *back_util) {
    assert(dept >= 0 && (size_t)dept < s->n_departments);
    if (front_util) *front_util = s->departments[dept].front_util;
    if (back_util) *back_util = s->departments[dept].back_util;
}

double scn_hall_load(const scn_t *s, int region) {
    assert(region >= 0 && (size_t)region < s->n_regions);
    return s->regions[region].hall_util;
}
