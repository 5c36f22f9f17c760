/*
 * flow_hourly.c - a day in the hall (line length, waits, arrivals and busy
 * windows by hour of the day) and where each service's time goes (phases
 * per department): the accounting behind hourly.csv and the bottleneck
 * table.  See flow.h for the definitions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow_internal.h"

static const char *const HOURLY[FLOW_H_COUNT] = {"arrivals", "line_length", "window_wait",
                                                 "busy_windows"};
static const char *const PHASE[FLOW_P_COUNT] = {"waiting", "in_work", "waiting_for_data", "away"};

const char *flow_hourly_name(flow_hourly_t k) { return HOURLY[k]; }
const char *flow_phase_name(flow_phase_t p) { return PHASE[p]; }

int flow_hourly_init(flow_model_t *m) {
    m->front_list = calloc(m->n_res + 1, sizeof *m->front_list);
    if (!m->front_list) return -1;
    for (size_t r = 0; r < m->n_res; r++)
        if (m->front_capacity[r]) m->front_list[m->n_front++] = r;
    /* + 1: never a zero-sized request (a scenario without resources) */
    m->hour_acc = calloc(m->n_res * FLOW_HOURS * FLOW_HA_COUNT + 1, sizeof *m->hour_acc);
    m->phase_min =
        calloc(m->s->n_services * m->s->n_departments * FLOW_P_COUNT + 1, sizeof *m->phase_min);
    return m->hour_acc && m->phase_min ? 0 : -1;
}

void flow_hourly_free(flow_model_t *m) {
    free(m->hour_acc);
    free(m->phase_min);
    free(m->front_list);
    m->front_list = NULL;
    m->hour_acc = m->phase_min = NULL;
}

void flow_hourly_reset(flow_model_t *m) {
    memset(m->hour_acc, 0, m->n_res * FLOW_HOURS * FLOW_HA_COUNT * sizeof *m->hour_acc);
    memset(m->phase_min, 0,
           m->s->n_services * m->s->n_departments * FLOW_P_COUNT * sizeof *m->phase_min);
}

/* The hour of the day of instant t >= 0 (integer arithmetic: this is on
 * the path of every window visit). */
static int hour_of(double t) { return (int)((uint64_t)(t * (1.0 / 60.0)) % FLOW_HOURS); }

static double *slot(flow_model_t *m, size_t r, int hour) {
    return m->hour_acc + (r * FLOW_HOURS + (size_t)hour) * FLOW_HA_COUNT;
}

void flow_hourly_sample(flow_model_t *m) {
    if (m->sim.now < m->warmup || !wcal_hall_is_open(&m->s->calendar, m->sim.now)) return;
    int h = hour_of(m->sim.now);
    for (size_t i = 0; i < m->n_front; i++) {
        size_t r = m->front_list[i];
        double *a = slot(m, r, h);
        a[FLOW_HA_SAMPLES]++;
        a[FLOW_HA_LINE] += (double)m->res[r].waiting;
        a[FLOW_HA_BUSY] += (double)m->res[r].busy;
    }
}

void flow_hourly_arrival(flow_model_t *m, int r) {
    if (m->sim.now >= m->warmup) slot(m, (size_t)r, hour_of(m->sim.now))[FLOW_HA_ARRIVALS]++;
}

void flow_hourly_served(flow_model_t *m, int r, double since) {
    if (since < m->warmup) return;
    double *a = slot(m, (size_t)r, hour_of(since));
    a[FLOW_HA_WAIT] += m->sim.now - since;
    a[FLOW_HA_SERVED]++;
}

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

/* The hour figures of window resource r into k[hour x FLOW_H_COUNT + ...]
 * (NaN where r has no windows). */
static void hours_of(const flow_model_t *m, size_t r, double *k) {
    for (int h = 0; h < FLOW_HOURS; h++, k += FLOW_H_COUNT) {
        const double *a = m->hour_acc + (r * FLOW_HOURS + (size_t)h) * FLOW_HA_COUNT;
        bool front = m->front_capacity[r] > 0;
        double open_hours = a[FLOW_HA_SAMPLES] * FLOW_SAMPLE_MINUTES / 60.0;
        k[FLOW_H_ARRIVALS] = front ? ratio(a[FLOW_HA_ARRIVALS], open_hours) : NAN;
        k[FLOW_H_LINE] = front ? ratio(a[FLOW_HA_LINE], a[FLOW_HA_SAMPLES]) : NAN;
        k[FLOW_H_WAIT] = front ? ratio(a[FLOW_HA_WAIT], a[FLOW_HA_SERVED]) : NAN;
        k[FLOW_H_BUSY] = front ? ratio(a[FLOW_HA_BUSY], a[FLOW_HA_SAMPLES]) : NAN;
    }
}

/* Each department's window line (its hall's with the one-stop lever), then
 * each one-stop hall: resource 2 x n_departments + region (flow.c). */
static void collect_hours(const flow_model_t *m, flow_result_t *out) {
    size_t nd = m->s->n_departments;
    for (size_t d = 0; d < nd; d++)
        hours_of(m, (size_t)m->front_res[d], out->hourly + d * FLOW_HOURS * FLOW_H_COUNT);
    for (size_t h = 0; h < out->n_halls; h++)
        hours_of(m, 2 * nd + h, out->hourly + (nd + h) * FLOW_HOURS * FLOW_H_COUNT);
}

static void collect_phases(const flow_model_t *m, flow_result_t *out) {
    size_t nd = m->s->n_departments, per = nd * FLOW_P_COUNT;
    for (size_t sv = 0; sv < m->s->n_services; sv++) {
        double total = 0;
        for (size_t i = 0; i < per; i++) total += m->phase_min[sv * per + i];
        for (size_t i = 0; i < per; i++)
            out->phase[sv * per + i] = ratio(m->phase_min[sv * per + i], total);
    }
}

void flow_hourly_collect(flow_model_t *m, flow_result_t *out) {
    size_t nd = m->s->n_departments, ns = m->s->n_services;
    out->n_services = ns;
    out->n_departments = nd;
    out->n_halls = m->s->levers.one_stop ? m->s->n_regions : 0;
    out->hourly = malloc((nd + out->n_halls) * FLOW_HOURS * FLOW_H_COUNT * sizeof *out->hourly);
    out->phase = malloc(ns * nd * FLOW_P_COUNT * sizeof *out->phase);
    if (!out->hourly || !out->phase) {
        m->nomem = 1;
        return;
    }
    collect_hours(m, out);
    collect_phases(m, out);
}
