/*
 * run_bottleneck.c - a day in the hall and where the time goes
 * (run_bottleneck.h).
 */
#include "run_bottleneck.h"

#include "cli.h"
#include "lang.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "i18n.h"
#include "out_csv.h"
#include "out_file.h"
#include "plot_hourly.h"
#include "stats.h"

#define TOP_SHARES 3 /* shares shown per service on screen */

/* The 95% interval of the non-NaN values get(v, r) over done replications. */
typedef double (*bn_get_t)(const flow_result_t *r, const void *key);

static stats_ci_t over_reps(const bn_variant_t *v, bn_get_t get, const void *key, double *buf) {
    size_t n = 0;
    for (size_t r = 0; r < v->reps; r++) {
        if (!v->done[r] || !v->results[r].hourly) continue;
        double x = get(&v->results[r], key);
        if (!isnan(x)) buf[n++] = x;
    }
    if (n == 0) return (stats_ci_t){0, NAN, NAN, NAN, NAN, NAN};
    stats_ci_t ci = stats_ci(buf, n, 0.95);
    if (ci.lo < 0) ci.lo = 0; /* every figure here is a count, time or share */
    return ci;
}

typedef struct hour_key {
    size_t dept;
    int hour;
    flow_hourly_t k;
} hour_key_t;

static double get_hour(const flow_result_t *r, const void *key) {
    const hour_key_t *h = key;
    return flow_hourly(r, h->dept, h->hour, h->k);
}

typedef struct phase_key {
    size_t service, dept;
    flow_phase_t p;
} phase_key_t;

static double get_phase(const flow_result_t *r, const void *key) {
    const phase_key_t *p = key;
    return flow_phase(r, p->service, p->dept, p->p);
}

/* Was department d's hall open (sampled) at this hour in some replication? */
static bool hour_open(const bn_variant_t *v, size_t d, int hour) {
    for (size_t r = 0; r < v->reps; r++)
        if (v->done[r] && v->results[r].hourly &&
            !isnan(flow_hourly(&v->results[r], d, hour, FLOW_H_LINE)))
            return true;
    return false;
}

/* Room for one value per replication of any variant (at least 1). */
static size_t most_reps(const bn_variant_t *v, size_t n) {
    size_t most = 1;
    for (size_t i = 0; i < n; i++) most = v[i].reps > most ? v[i].reps : most;
    return most;
}

/* Window lines in hourly: the departments', then the one-stop halls' (by
 * region, flow.h), from the first replication that has them. */
static size_t n_halls(const bn_variant_t *v) {
    for (size_t r = 0; r < v->reps; r++)
        if (v->done[r] && v->results[r].hourly) return v->results[r].n_halls;
    return 0;
}

/* The id of line d in hourly.csv: a department's, or "hall:REGION" for a
 * one-stop hall (':' is not allowed in an id, so no department has it). */
static const char *line_id(const scn_t *s, size_t d, char *buf, size_t len) {
    if (d < s->n_departments) return s->departments[d].id;
    snprintf(buf, len, "hall:%s", s->regions[d - s->n_departments].id);
    return buf;
}

/* The name of line d in the chart: a department's, or "One-stop hall"
 * (with the region's name when there are several). */
static const char *line_name(const scn_t *s, size_t d, char *buf, size_t len) {
    if (d < s->n_departments) return s->departments[d].name;
    if (s->n_regions < 2) return _("One-stop hall");
    snprintf(buf, len, _("One-stop hall, %s"), s->regions[d - s->n_departments].name);
    return buf;
}

int bn_write_hourly(const char *dir, const scn_t *s, const bn_variant_t *v, size_t n_variants,
                    char *err, size_t errlen) {
    double *buf = malloc(most_reps(v, n_variants) * sizeof *buf);
    if (!buf) return errmsg_format(err, errlen, "out of memory"), -1;
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "hourly.csv", err, errlen);
    if (!fp) return free(buf), -1;
    static const char *const cols[] = {"scenario", "variant", "department", "hour", "kpi",
                                       "mean",     "ci_low",  "ci_high",    "n"};
    out_csv_header(fp, cols, sizeof cols / sizeof *cols);
    char id[64];
    for (size_t i = 0; i < n_variants; i++)
        for (size_t d = 0; d < s->n_departments + n_halls(&v[i]); d++)
            for (int h = 0; h < FLOW_HOURS; h++) {
                if (!hour_open(&v[i], d, h)) continue;
                for (int k = 0; k < FLOW_H_COUNT; k++) {
                    hour_key_t key = {d, h, (flow_hourly_t)k};
                    stats_ci_t ci = over_reps(&v[i], get_hour, &key, buf);
                    out_cell_t row[] = {out_cell_str(s->id),
                                        out_cell_str(v[i].name),
                                        out_cell_str(line_id(s, d, id, sizeof id)),
                                        out_cell_num(h),
                                        out_cell_str(flow_hourly_name((flow_hourly_t)k)),
                                        out_cell_num(ci.mean),
                                        out_cell_num(ci.lo),
                                        out_cell_num(ci.hi),
                                        out_cell_num((double)ci.n)};
                    out_csv_row(fp, row, sizeof row / sizeof *row);
                }
            }
    free(buf);
    return out_file_commit(&f, err, errlen);
}

int bn_write_shares(const char *dir, const scn_t *s, const bn_variant_t *v, size_t n_variants,
                    char *err, size_t errlen) {
    double *buf = malloc(most_reps(v, n_variants) * sizeof *buf);
    if (!buf) return errmsg_format(err, errlen, "out of memory"), -1;
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "bottleneck.csv", err, errlen);
    if (!fp) return free(buf), -1;
    static const char *const cols[] = {"scenario", "variant", "service", "department", "phase",
                                       "mean",     "ci_low",  "ci_high", "n"};
    out_csv_header(fp, cols, sizeof cols / sizeof *cols);
    for (size_t i = 0; i < n_variants; i++)
        for (size_t sv = 0; sv < s->n_services; sv++)
            for (size_t d = 0; d < s->n_departments; d++)
                for (int p = 0; p < FLOW_P_COUNT; p++) {
                    phase_key_t key = {sv, d, (flow_phase_t)p};
                    stats_ci_t ci = over_reps(&v[i], get_phase, &key, buf);
                    if (!(ci.mean > 0)) continue;
                    out_cell_t row[] = {out_cell_str(s->id),
                                        out_cell_str(v[i].name),
                                        out_cell_str(s->services[sv].id),
                                        out_cell_str(s->departments[d].id),
                                        out_cell_str(flow_phase_name((flow_phase_t)p)),
                                        out_cell_num(ci.mean),
                                        out_cell_num(ci.lo),
                                        out_cell_num(ci.hi),
                                        out_cell_num((double)ci.n)};
                    out_csv_row(fp, row, sizeof row / sizeof *row);
                }
    free(buf);
    return out_file_commit(&f, err, errlen);
}

/* With one-stop halls the chart draws the halls (every department of a
 * region would draw its hall's line again): lines [from, to) of hourly. */
int bn_plot_day(const char *dir, const scn_t *s, const bn_variant_t *v, char *err, size_t errlen) {
    size_t halls = n_halls(v), from = halls ? s->n_departments : 0;
    size_t to = s->n_departments + halls, nd = to - from, n_series = 0, n_x = 0;
    int hours[FLOW_HOURS];
    for (int h = 0; h < FLOW_HOURS; h++) {
        bool open = false;
        for (size_t d = from; d < to && !open; d++) open = hour_open(v, d, h);
        if (open) hours[n_x++] = h;
    }
    const char **series = malloc((nd ? nd : 1) * sizeof *series);
    char(*names)[160] = malloc((nd ? nd : 1) * sizeof *names);
    plot_ci_t *y = malloc((nd * FLOW_HOURS + 1) * sizeof *y);
    double *buf = malloc((v->reps ? v->reps : 1) * sizeof *buf);
    int rc = -1;
    if (!series || !names || !y || !buf) {
        errmsg_format(err, errlen, "out of memory");
        goto out;
    }
    for (size_t d = from; d < to; d++) {
        bool any = false;
        for (size_t i = 0; i < n_x && !any; i++) any = hour_open(v, d, hours[i]);
        if (!any) continue;
        for (size_t i = 0; i < n_x; i++) {
            hour_key_t key = {d, hours[i], FLOW_H_LINE};
            stats_ci_t ci = over_reps(v, get_hour, &key, buf);
            y[n_series * n_x + i] = (plot_ci_t){ci.mean, ci.lo, ci.hi};
        }
        series[n_series] = line_name(s, d, names[n_series], sizeof *names);
        n_series++;
    }
    if (n_series == 0 || n_x == 0) { /* no windows: no hall to draw */
        rc = 0;
        goto out;
    }
    plot_ctx_t ctx = {dir, s->name, NULL};
    rc = plot_hourly(&ctx, "day_in_hall", _("citizens waiting in line"), n_x, hours, n_series,
                     series, y, err, errlen);
out:
    free(series);
    free(names);
    free(y);
    free(buf);
    return rc;
}

typedef struct share {
    double mean;
    size_t dept;
    flow_phase_t p;
} share_t;

static int by_share(const void *a, const void *b) {
    double x = ((const share_t *)a)->mean, y = ((const share_t *)b)->mean;
    return (x < y) - (x > y);
}

/* "waiting for data at", "in work at", ... */
static const char *phase_text(flow_phase_t p) {
    switch (p) {
    case FLOW_P_WAIT:
        return _("waiting in line at");
    case FLOW_P_WORK:
        return _("in work at");
    case FLOW_P_DATA:
        return _("waiting for data at");
    case FLOW_P_AWAY:
        return _("sent home by");
    default:
        return "";
    }
}

bool bn_top_shares(const scn_t *s, const bn_variant_t *v, size_t service, char *buf, size_t len) {
    size_t nd = s->n_departments, n = 0;
    share_t *sh = malloc((nd * FLOW_P_COUNT + 1) * sizeof *sh);
    double *vals = malloc((v->reps ? v->reps : 1) * sizeof *vals);
    buf[0] = '\0';
    if (sh && vals)
        for (size_t d = 0; d < nd; d++)
            for (int p = 0; p < FLOW_P_COUNT; p++) {
                phase_key_t key = {service, d, (flow_phase_t)p};
                stats_ci_t ci = over_reps(v, get_phase, &key, vals);
                if (ci.mean > 0) sh[n++] = (share_t){ci.mean, d, (flow_phase_t)p};
            }
    if (n > 0) qsort(sh, n, sizeof *sh, by_share);
    size_t used = 0;
    for (size_t i = 0; i < n && i < TOP_SHARES && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%.0f%% %s %s", i ? "; " : "", 100 * sh[i].mean,
                         phase_text(sh[i].p), s->departments[sh[i].dept].name);
        if (w > 0) used += (size_t)w;
    }
    free(sh);
    free(vals);
    return n > 0;
}

void bn_print(const scn_t *s, const bn_variant_t *v) {
    char line[512];
    printf("\n%s\n", _("Where the time goes (share of each service's task time)"));
    for (size_t sv = 0; sv < s->n_services; sv++)
        if (bn_top_shares(s, v, sv, line, sizeof line)) {
            /* names come from the scenario file: printed escaped and by width */
            printf("  ");
            cli_lang_print_cell(s->services[sv].name, 36);
            putchar(' ');
            cli_print_text(line);
            putchar('\n');
        }
}
