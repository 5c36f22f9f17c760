#include "demand.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rng.h"

#define QUARTER      15.0
#define MAX_SEGMENTS (SCN_HOUR_SLOTS + WCAL_MAX_INTERVALS) /* quarter hours meet intervals */

/* One (service, profile, channel): the day weights and their prefix sums
 * over the run, and the within-day shape g as segments with their
 * cumulative share G at each segment's start. */
typedef struct shape {
    double *w;    /* [n_days] D(d)                                   */
    double *cum;  /* [n_days + 1] sum of D before day d              */
    double units; /* U: working days of the run / cum[n_days]      */
    size_t n_seg;
    double from[MAX_SEGMENTS], to[MAX_SEGMENTS]; /* minutes of the day */
    double g0[MAX_SEGMENTS];                     /* G at from[k]       */
    double slope[MAX_SEGMENTS];                  /* g on [from, to)    */
    unsigned char first[SCN_HOUR_SLOTS];         /* first segment ending
                                                    after each quarter's start */
    /* service days (sim/wcal.h), counter shapes only: the within-day
     * shape of each service weekday (NULL: none), and which days use it
     * (kind[d] = weekday + 1; 0: the working-day shape above); NULL
     * without service days */
    struct shape *service[7];
    unsigned char *kind;
    /* w, cum and kind are an earlier shape's (equal to the last bit):
     * services that share a profile share its day tables, so memory per
     * simulated day is per distinct profile, not per service */
    bool borrowed;
    uint64_t days_hash; /* of cum, to find such an earlier shape */
} shape_t;

struct demand {
    long n_days;
    size_t n_regions;
    size_t n_shapes;
    shape_t *shapes;
    int *of; /* [sv * n_regions + rg]: base shape (counter; +1 online), -1 flat */
};

/* ---- day and within-day weights -------------------------------------- */

double demand_day_weight(const scn_t *s, const scn_profile_t *p, long d, bool online) {
    if (!online && !wcal_is_working_day(&s->calendar, d) && !wcal_is_service_day(&s->calendar, d))
        return 0.0;
    double w = p->weekday[(d + s->calendar.first_weekday) % 7];
    if (s->dated) {
        int y, m, day;
        date_from_days(s->start_date + d, &y, &m, &day);
        w *= p->month[m - 1];
    }
    for (size_t i = 0; i < p->n_surges; i++)
        if (d >= p->surges[i].from && d <= p->surges[i].to) w *= p->surges[i].factor;
    return w;
}

/* The opening intervals of a working day (the whole day when always open). */
static size_t open_intervals(const scn_t *s, double *open, double *close) {
    const wcal_t *c = &s->calendar;
    if (c->n_intervals == 0) {
        open[0] = 0, close[0] = WCAL_DAY;
        return 1;
    }
    for (size_t i = 0; i < c->n_intervals; i++) open[i] = c->open[i], close[i] = c->close[i];
    return c->n_intervals;
}

/* g for counter cases before scaling: the hour weights on the opening
 * hours, one segment per (quarter hour, opening interval) that meet with a
 * positive weight, neighbours of equal weight merged.  Returns the
 * integral. */
static double segments_in(const scn_profile_t *p, const double *open, const double *close,
                          size_t n_int, shape_t *sh) {
    double total = 0;
    sh->n_seg = 0;
    for (size_t i = 0; i < n_int; i++)
        for (int q = 0; q < SCN_HOUR_SLOTS; q++) {
            double from = fmax(open[i], q * QUARTER), to = fmin(close[i], (q + 1) * QUARTER);
            if (!(to > from) || !(p->hour[q] > 0)) continue;
            total += p->hour[q] * (to - from);
            size_t last = sh->n_seg - 1;
            if (sh->n_seg > 0 && sh->to[last] == from && sh->slope[last] == p->hour[q]) {
                sh->to[last] = to; /* same weight on: one segment, fewer to walk */
                continue;
            }
            assert(sh->n_seg < MAX_SEGMENTS); /* sum over intervals of quarters met <= 95 + 8 */
            size_t k = sh->n_seg++;
            sh->from[k] = from, sh->to[k] = to, sh->slope[k] = p->hour[q];
        }
    return total;
}

/* The segments of a working day (segments_in on the opening hours). */
static double counter_segments(const scn_t *s, const scn_profile_t *p, shape_t *sh) {
    double open[WCAL_MAX_INTERVALS], close[WCAL_MAX_INTERVALS];
    size_t n_int = open_intervals(s, open, close);
    return segments_in(p, open, close, n_int, sh);
}

double demand_day_shape_mass(const scn_t *s, const scn_profile_t *p) {
    shape_t *sh = malloc(sizeof *sh);
    if (!sh) return 0.0;
    double mass = counter_segments(s, p, sh);
    free(sh);
    return mass;
}

/* Scales the segments' slopes so that g integrates to 1, fills G, and
 * indexes the segments by quarter hour (so that G(x) costs O(1)). */
static void normalise_segments(shape_t *sh, double total) {
    double g = 0;
    for (size_t k = 0; k < sh->n_seg; k++) {
        sh->slope[k] /= total;
        sh->g0[k] = g;
        g += sh->slope[k] * (sh->to[k] - sh->from[k]);
    }
    size_t k = 0;
    for (int q = 0; q < SCN_HOUR_SLOTS; q++) {
        while (k < sh->n_seg && sh->to[k] <= q * QUARTER) k++;
        sh->first[q] = (unsigned char)k; /* <= MAX_SEGMENTS = 104 */
    }
}

/* Expected days of demand over the run, as flat demand gives them:
 * working days (in open minutes) for counter cases, the weekly average
 * times the days for online ones. */
static double target_days(const scn_t *s, long n_days, bool online) {
    const wcal_t *c = &s->calendar;
    if (online) {
        double workdays = c->n_intervals == 0 ? 7.0 : (double)c->n_workdays;
        return (double)n_days * workdays / 7.0;
    }
    double per_day = wcal_minutes_per_day(c);
    if (per_day <= 0) per_day = WCAL_DAY;
    return wcal_working_time(c, 0.0, (double)n_days * WCAL_DAY) / per_day;
}

/* Service days' shapes: each service weekday's segments in its own hours,
 * normalised on their own; a service day weighs D(d) times its hours'
 * mass relative to a working day's (`total`) times its relative demand
 * (service_demand), so that an hour of a Saturday service draws that
 * share of the same hour of a working day of the same day weight.  The
 * caller's U then keeps the run's total. */
static int build_service(const scn_t *s, const scn_profile_t *p, long n_days, double total,
                         shape_t *sh) {
    const wcal_t *c = &s->calendar;
    double ratio[7] = {0};
    for (int w = 0; w < 7; w++) {
        if (c->n_service[w] == 0) continue;
        sh->service[w] = calloc(1, sizeof *sh->service[w]);
        if (!sh->service[w]) return -1;
        double mass = segments_in(p, c->service_open[w], c->service_close[w], c->n_service[w],
                                  sh->service[w]);
        if (mass > 0) normalise_segments(sh->service[w], mass);
        ratio[w] = total > 0 ? mass / total * c->service_demand[w] : 0.0;
    }
    sh->kind = calloc((size_t)n_days, sizeof *sh->kind);
    if (!sh->kind) return -1;
    for (long d = 0; d < n_days; d++) {
        if (!wcal_is_service_day(c, d)) continue;
        int w = (int)((d + c->first_weekday) % 7);
        sh->kind[d] = (unsigned char)(w + 1);
        sh->w[d] *= ratio[w];
    }
    return 0;
}

static int build_shape(const scn_t *s, const scn_profile_t *p, long n_days, bool online,
                       shape_t *sh) {
    sh->w = malloc((size_t)n_days * sizeof *sh->w);
    sh->cum = malloc(((size_t)n_days + 1) * sizeof *sh->cum);
    if (!sh->w || !sh->cum) return -1;
    sh->cum[0] = 0;
    for (long d = 0; d < n_days; d++) {
        sh->w[d] = demand_day_weight(s, p, d, online);
        sh->cum[d + 1] = sh->cum[d] + sh->w[d];
    }
    double total;
    if (online) {
        sh->n_seg = 1;
        sh->from[0] = 0, sh->to[0] = WCAL_DAY, sh->slope[0] = 1.0;
        total = WCAL_DAY;
    } else total = counter_segments(s, p, sh);
    if (total > 0) normalise_segments(sh, total);
    if (!online && wcal_has_service(&s->calendar)) {
        if (build_service(s, p, n_days, total, sh) != 0) return -1;
        for (long d = 0; d < n_days; d++) sh->cum[d + 1] = sh->cum[d] + sh->w[d];
    }
    double mass = sh->cum[n_days];
    sh->units = mass > 0 && total > 0 ? target_days(s, n_days, online) / mass : 0.0;
    return 0;
}

/* ---- building ---------------------------------------------------------- */

/* A hash of the shape's prefix sums (which hold its day weights). */
static uint64_t days_hash(const shape_t *sh, long n_days) {
    uint64_t h = (uint64_t)n_days;
    for (long d = 0; d <= n_days; d++) {
        uint64_t bits;
        memcpy(&bits, &sh->cum[d], sizeof bits);
        h = rng_mix64(h ^ bits);
    }
    return h;
}

static bool same_days(const shape_t *a, const shape_t *b, long n_days) {
    size_t n = (size_t)n_days;
    if (a->days_hash != b->days_hash || !a->kind != !b->kind) return false;
    if (memcmp(a->w, b->w, n * sizeof *a->w) != 0) return false;
    if (memcmp(a->cum, b->cum, (n + 1) * sizeof *a->cum) != 0) return false;
    return !a->kind || memcmp(a->kind, b->kind, n) == 0;
}

/* Shape i borrows the day tables of the first earlier shape whose tables
 * are equal to its own, bit for bit, and frees its own: a run of a
 * decade with a hundred services on one profile then holds one table, not
 * a hundred (0.8 KB per simulated day saved in the Heilongjiang baseline:
 * 10 tables of 16 bytes a day instead of 60). */
static void share_days(shape_t *shapes, size_t i, long n_days) {
    shape_t *sh = &shapes[i];
    sh->days_hash = days_hash(sh, n_days);
    for (size_t j = 0; j < i; j++) {
        const shape_t *earlier = &shapes[j];
        if (earlier->borrowed || !same_days(sh, earlier, n_days)) continue;
        free(sh->w);
        free(sh->cum);
        free(sh->kind);
        sh->w = earlier->w, sh->cum = earlier->cum, sh->kind = earlier->kind;
        sh->borrowed = true;
        return;
    }
}

void demand_free(demand_t *d) {
    if (!d) return;
    for (size_t i = 0; i < d->n_shapes; i++) {
        if (!d->shapes[i].borrowed) {
            free(d->shapes[i].w);
            free(d->shapes[i].cum);
            free(d->shapes[i].kind);
        }
        for (int w = 0; w < 7; w++) free(d->shapes[i].service[w]);
    }
    free(d->shapes);
    free(d->of);
    free(d);
}

int demand_build(const scn_t *s, long n_days, demand_t **out) {
    *out = NULL;
    size_t n_shapes = 0;
    for (size_t i = 0; i < s->n_services; i++) n_shapes += 2 * s->services[i].n_profiles;
    if (n_shapes == 0) return 0;
    demand_t *d = calloc(1, sizeof *d);
    if (!d) return -1;
    d->n_days = n_days;
    d->n_regions = s->n_regions;
    d->shapes = calloc(n_shapes, sizeof *d->shapes);
    d->of = malloc(s->n_services * s->n_regions * sizeof *d->of);
    if (!d->shapes || !d->of) return demand_free(d), -1;
    d->n_shapes = n_shapes;
    size_t base = 0;
    for (size_t i = 0; i < s->n_services; i++) {
        const scn_service_t *sv = &s->services[i];
        for (size_t rg = 0; rg < s->n_regions; rg++) {
            int k = sv->n_profiles ? sv->region_profile[rg] : -1;
            d->of[i * s->n_regions + rg] = k < 0 ? -1 : (int)(base + 2 * (size_t)k);
        }
        for (size_t k = 0; k < sv->n_profiles; k++)
            for (int on = 0; on < 2; on++) {
                size_t at = base + 2 * k + (size_t)on;
                if (build_shape(s, &sv->profiles[k], n_days, on, &d->shapes[at]))
                    return demand_free(d), -1;
                share_days(d->shapes, at, n_days);
            }
        base += 2 * sv->n_profiles;
    }
    *out = d;
    return 0;
}

/* ---- queries ------------------------------------------------------------ */

size_t demand_day_tables(const demand_t *d) {
    size_t n = 0;
    for (size_t i = 0; d && i < d->n_shapes; i++) n += !d->shapes[i].borrowed;
    return n;
}

bool demand_shaped(const demand_t *d, int sv, int rg) {
    return d && d->of[(size_t)sv * d->n_regions + (size_t)rg] >= 0;
}

static const shape_t *shape_of(const demand_t *d, int sv, int rg, int online) {
    return &d->shapes[d->of[(size_t)sv * d->n_regions + (size_t)rg] + online];
}

/* The within-day shape of day k: a service day's own, else sh's. */
static inline const shape_t *day_shape(const shape_t *sh, long k) {
    return sh->kind && sh->kind[k] ? sh->service[sh->kind[k] - 1] : sh;
}

/* G(x): the share of a day's demand that comes before minute x
 * (0 <= x < 1440): from the first segment that ends after x's quarter
 * starts, past those that end before x. */
static double within_day(const shape_t *sh, double x) {
    int q = (int)(x / QUARTER);
    size_t k = sh->first[q < SCN_HOUR_SLOTS ? q : SCN_HOUR_SLOTS - 1];
    while (k < sh->n_seg && sh->to[k] <= x) k++;
    if (k == sh->n_seg) return 1.0;
    if (sh->from[k] >= x) return sh->g0[k];
    return sh->g0[k] + sh->slope[k] * (x - sh->from[k]);
}

/* Lambda(t) / (per_day x U): the day weights before t's day, plus t's
 * day's weight times the share G of it before t.  Clamped to the run. */
static double integrated(const demand_t *d, const shape_t *sh, double t) {
    if (!(t > 0)) return 0.0;
    double day = floor(t / WCAL_DAY);
    if (day >= (double)d->n_days) return sh->cum[d->n_days];
    long k = (long)day;
    return sh->cum[k] + sh->w[k] * within_day(day_shape(sh, k), t - day * WCAL_DAY);
}

/* The minute of the day where G reaches f (0 <= f < 1), inside a segment
 * with positive rate. */
static double invert_within_day(const shape_t *sh, double f) {
    size_t k = 0, hi = sh->n_seg; /* the last k with g0[k] <= f, by bisection */
    while (hi - k > 1) {
        size_t mid = k + (hi - k) / 2;
        if (sh->g0[mid] <= f) k = mid;
        else hi = mid;
    }
    double x = sh->from[k] + (f - sh->g0[k]) / sh->slope[k];
    return x < sh->to[k] ? x : nextafter(sh->to[k], 0.0);
}

/* The first day k >= lo with cum[k + 1] > target (cum increases). */
static long day_holding(const demand_t *d, const shape_t *sh, long lo, double target) {
    if (sh->cum[lo + 1] > target) return lo;
    long hi = d->n_days - 1; /* cum[n_days] > target: checked by the caller */
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (sh->cum[mid + 1] > target) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

double demand_next(const demand_t *d, int sv, int rg, int online, double per_day, double now,
                   gsl_rng *r) {
    const shape_t *sh = shape_of(d, sv, rg, online);
    double scale = per_day * sh->units;
    if (!(scale > 0)) return INFINITY;
    double now_day = floor(now / WCAL_DAY);
    if (now_day >= (double)d->n_days) return INFINITY;
    double target = integrated(d, sh, now) + rng_exponential(r, 1.0) / scale;
    if (!(target < sh->cum[d->n_days])) return INFINITY;
    long k = day_holding(d, sh, now_day > 0 ? (long)now_day : 0, target);
    double f = (target - sh->cum[k]) / sh->w[k];
    double t =
        (double)k * WCAL_DAY + invert_within_day(day_shape(sh, k), f < 1 ? f : nextafter(1.0, 0.0));
    return t > now ? t : nextafter(now, INFINITY);
}

double demand_expected(const demand_t *d, int sv, int rg, int online, double per_day, double t0,
                       double t1) {
    const shape_t *sh = shape_of(d, sv, rg, online);
    if (!(t1 > t0)) return 0.0;
    return per_day * sh->units * (integrated(d, sh, t1) - integrated(d, sh, t0));
}

double demand_rate(const demand_t *d, int sv, int rg, int online, double per_day, double t) {
    const shape_t *sh = shape_of(d, sv, rg, online);
    double day = floor(t / WCAL_DAY);
    if (t < 0 || day >= (double)d->n_days) return 0.0;
    double x = t - day * WCAL_DAY, g = 0;
    const shape_t *in = day_shape(sh, (long)day);
    for (size_t k = 0; k < in->n_seg; k++)
        if (x >= in->from[k] && x < in->to[k]) g = in->slope[k];
    return per_day * sh->units * sh->w[(long)day] * g;
}
