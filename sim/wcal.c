#include "wcal.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"

#define QUOTE_MAX 40 /* chars of an interval string echoed in a message */

static const char *const WEEKDAY_NAME[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};

/* ------------------------------------------------------------------ */
/* Days                                                                 */
/* ------------------------------------------------------------------ */

/* floor(t / 1440) as an integer, corrected for rounding so that
 * day * 1440.0 <= t < (day + 1) * 1440.0 holds exactly: the minute-of-day
 * t - day * 1440.0 is then always in [0, 1440).  The estimate multiplies
 * by the reciprocal (a division costs several times more on every query);
 * it is off by at most one day, which the correction repairs, so the day
 * is the same as floor of the exact quotient. */
static inline long long day_of(double t) {
    long long d = (long long)(t * (1.0 / WCAL_DAY)); /* floor for t >= 0; else repaired below */
    if ((double)d * WCAL_DAY > t) d--;
    else if ((double)(d + 1) * WCAL_DAY <= t) d++;
    return d;
}

static double day_start(long long d) { return (double)d * WCAL_DAY; }

/* Days are never negative (times are >= 0, holidays >= 0): an unsigned
 * remainder skips the sign fix-up of a signed one.  Shifted by the weekday
 * of day 0 (0 unless the scenario has a start date). */
static inline int weekday_of_in(const wcal_t *c, long long d) {
    return (int)((unsigned long long)(d + c->first_weekday) % 7u);
}
#define weekday_of(d) weekday_of_in(c, (d))

static bool always_open(const wcal_t *c) { return c->n_intervals == 0; }

static size_t count_workdays(const wcal_t *c) {
    size_t n = 0;
    for (int w = 0; w < 7; w++) n += c->workday[w];
    return n;
}

/* Index of the first holiday >= d (n_holidays if none): the holidays are
 * sorted, so this is what both the membership test and the "holidays inside
 * a span" count start from. */
static size_t holiday_lower_bound(const wcal_t *c, long long d) {
    size_t lo = 0, hi = c->n_holidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((long long)c->holidays[mid] < d) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool is_holiday(const wcal_t *c, long long d) {
    size_t i = holiday_lower_bound(c, d);
    return i < c->n_holidays && (long long)c->holidays[i] == d;
}

/* The same for make-up days. */
static size_t makeup_lower_bound(const wcal_t *c, long long d) {
    size_t lo = 0, hi = c->n_makeups;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((long long)c->makeups[mid] < d) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bool is_makeup(const wcal_t *c, long long d) {
    size_t i = makeup_lower_bound(c, d);
    return i < c->n_makeups && (long long)c->makeups[i] == d;
}

/* From the definition, with a search of each list.  A make-up day is
 * never a holiday. */
static bool is_working_day_slow(const wcal_t *c, long long d) {
    if (c->workday[weekday_of(d)]) return c->n_holidays == 0 || !is_holiday(c, d);
    return c->n_makeups > 0 && is_makeup(c, d);
}

/* Asked on most queries, so inline: the near days' bit, then a bit for
 * days up to the last holiday or make-up day, the weekday rule after
 * them. */
static inline bool is_working_day(const wcal_t *c, long long d) {
    if ((unsigned long long)d < WCAL_NEAR_DAYS) return (c->near[d >> 6] >> (d & 63)) & 1u;
    if ((unsigned long long)d < c->n_known) return (c->known[d >> 6] >> (d & 63)) & 1u;
    if (c->known || (c->n_holidays == 0 && c->n_makeups == 0)) return c->workday[weekday_of(d)];
    return is_working_day_slow(c, d);
}

/* Rebuilds the bits after a change of the lists or of the first weekday.
 * Out of memory leaves none (the queries then search). */
static void derive_known(wcal_t *c) {
    free(c->known);
    c->known = NULL;
    c->n_known = 0;
    long long last = -1;
    if (c->n_holidays > 0) last = c->holidays[c->n_holidays - 1];
    if (c->n_makeups > 0 && c->makeups[c->n_makeups - 1] > last)
        last = c->makeups[c->n_makeups - 1];
    if (last < 0) return;
    size_t n = (size_t)last + 1;
    unsigned long long *bits = calloc((n + 63) / 64, sizeof *bits);
    if (!bits) return;
    for (size_t d = 0; d < n; d++)
        if (is_working_day_slow(c, (long long)d)) bits[d >> 6] |= 1ull << (d & 63);
    c->known = bits;
    c->n_known = n;
}

/* The near days' bits and counts (wcal.h), from the definition; after any
 * change of the weekdays, the lists or the first weekday. */
static void derive_near(wcal_t *c) {
    memset(c->near, 0, sizeof c->near);
    c->near_before[0] = 0;
    for (long long d = 0; d < WCAL_NEAR_DAYS; d++) {
        bool works = is_working_day_slow(c, d);
        if (works) c->near[d >> 6] |= 1ull << (d & 63);
        c->near_before[d + 1] = (unsigned short)(c->near_before[d] + works);
    }
    c->near_lists = (c->n_holidays == 0 || c->holidays[c->n_holidays - 1] < WCAL_NEAR_DAYS) &&
                    (c->n_makeups == 0 || c->makeups[c->n_makeups - 1] < WCAL_NEAR_DAYS);
}

/* Open minutes of one working day that fall in [x0, x1] (minutes after
 * midnight, 0 <= x0 <= x1 <= 1440).  No NaN can occur here, so plain
 * comparisons give what fmax/fmin give, without their library calls. */
static double open_within(const wcal_t *c, double x0, double x1) {
    double sum = 0.0;
    for (size_t i = 0; i < c->n_intervals; i++) {
        double from = c->open[i] > x0 ? c->open[i] : x0;
        double to = c->close[i] < x1 ? c->close[i] : x1;
        if (to > from) sum += to - from;
    }
    return sum;
}

/* The derived fields, computed as the queries used to compute them on
 * every call (same operations, so the same doubles). */
static void derive(wcal_t *c) {
    for (int w = 0; w < 7; w++) {
        c->week_part[w][0] = 0;
        for (int k = 0; k < 7; k++)
            c->week_part[w][k + 1] = c->week_part[w][k] + c->workday[(w + k) % 7];
    }
    c->n_workdays = count_workdays(c);
    c->minutes_per_day = open_within(c, 0.0, WCAL_DAY);
    c->minutes_per_week = c->minutes_per_day * (double)c->n_workdays;
    derive_near(c);
}

/* Working days in the day range [a, b] (a <= b) by searching the lists:
 * whole weeks by arithmetic, the remainder weekday by weekday, minus the holidays inside the range
 * that fall on a working weekday (a holiday on a day that is closed anyway removes nothing), plus
 * the make-up days on closed weekdays.  Costs O(log holidays + holidays and make-up days in the
 * range).  What working_days_in falls back on when the derived counts are missing. */
static long long working_days_in_slow(const wcal_t *c, long long a, long long b) {
    long long n = b - a + 1;
    long long count = (n / 7) * (long long)c->n_workdays;
    for (long long i = 0; i < n % 7; i++) count += c->workday[weekday_of(a + i)];
    for (size_t h = holiday_lower_bound(c, a); h < c->n_holidays && c->holidays[h] <= b; h++)
        count -= c->workday[weekday_of(c->holidays[h])];
    for (size_t k = makeup_lower_bound(c, a); k < c->n_makeups && c->makeups[k] <= b; k++)
        count += !c->workday[weekday_of(c->makeups[k])];
    return count;
}

/* Working days among the n >= 0 days from day a by the weekday rule alone
 * (no holiday or make-up day among them). */
static inline long long weekly_days(const wcal_t *c, long long a, long long n) {
    return (n / 7) * (long long)c->n_workdays + c->week_part[weekday_of(a)][n % 7];
}

/* The same count as working_days_in_slow (an integer, so the very same
 * number): by the near days' counts, then by the weekday rule after them
 * unless a holiday or make-up day lies that far (then by search). */
static long long working_days_in(const wcal_t *c, long long a, long long b) {
    if (a > b) return 0;
    if (b < WCAL_NEAR_DAYS) return c->near_before[b + 1] - c->near_before[a];
    if (!c->near_lists) return working_days_in_slow(c, a, b);
    if (a >= WCAL_NEAR_DAYS) return weekly_days(c, a, b - a + 1);
    return (c->near_before[WCAL_NEAR_DAYS] - c->near_before[a]) +
           weekly_days(c, WCAL_NEAR_DAYS, b + 1 - WCAL_NEAR_DAYS);
}

/* The first working day >= d.  Terminates because the caller has checked
 * that some weekday works and there are finitely many holidays. */
static long long next_working_day(const wcal_t *c, long long d) {
    while (!is_working_day(c, d)) d++;
    return d;
}

/* ------------------------------------------------------------------ */
/* Construction                                                         */
/* ------------------------------------------------------------------ */

void wcal_init_always(wcal_t *c) {
    memset(c, 0, sizeof *c);
    for (int w = 0; w < 7; w++) c->workday[w] = true;
    c->holidays = NULL;
    c->makeups = NULL;
    c->known = NULL;
    derive(c);
}

/* "H:MM" or "HH:MM" at *s: the hour as 1 or 2 digits (scenario files write
 * both 7:00 and 07:00), the minutes as exactly 2.  Ranges are checked by the
 * caller so that it can say which part is wrong.  Returns 0 and advances *s,
 * or -1 if the text does not have that shape. */
static int scan_clock(const char **s, int *hour, int *minute) {
    const char *p = *s;
    int h = 0, digits = 0;
    while (digits < 2 && p[0] >= '0' && p[0] <= '9') h = h * 10 + (*p++ - '0'), digits++;
    if (digits == 0 || *p != ':') return -1;
    p++;
    if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')) return -1;
    *minute = (p[0] - '0') * 10 + (p[1] - '0');
    *hour = h;
    *s = p + 2;
    return 0;
}

static const char *skip_blanks(const char *p) {
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

/* Range of one clock reading; 24:00 is allowed here and refused as an
 * opening time by the caller. */
static int check_clock(const char *text, int hour, int minute, char *err, size_t errlen) {
    if (hour > 24) {
        errmsg_format(err, errlen, "'%.*s': hour %d out of range (expected 00 to 24)", QUOTE_MAX,
                      text, hour);
        return -1;
    }
    if (minute > 59) {
        errmsg_format(err, errlen, "'%.*s': minute %02d out of range (expected 00 to 59)",
                      QUOTE_MAX, text, minute);
        return -1;
    }
    if (hour == 24 && minute > 0) {
        errmsg_format(err, errlen, "'%.*s': %02d:%02d is after 24:00", QUOTE_MAX, text, hour,
                      minute);
        return -1;
    }
    return 0;
}

/* One "HH:MM-HH:MM" string into [open, close) in minutes after midnight. */
static int parse_interval(const char *text, double *open, double *close, char *err, size_t errlen) {
    const char *p = text;
    int h0, m0, h1, m1;
    int shape_ok = scan_clock(&p, &h0, &m0) == 0;
    if (shape_ok) {
        p = skip_blanks(p);
        shape_ok = *p++ == '-';
    }
    if (shape_ok) {
        p = skip_blanks(p);
        shape_ok = scan_clock(&p, &h1, &m1) == 0 && *p == '\0';
    }
    if (!shape_ok) {
        errmsg_format(err, errlen, "'%.*s': expected HH:MM-HH:MM (e.g. 08:30-12:00)", QUOTE_MAX,
                      text);
        return -1;
    }
    if (check_clock(text, h0, m0, err, errlen) != 0 || check_clock(text, h1, m1, err, errlen) != 0)
        return -1;
    *open = h0 * 60 + m0;
    *close = h1 * 60 + m1;
    if (*open == WCAL_DAY) {
        errmsg_format(err, errlen, "'%.*s': 24:00 is only allowed as a closing time", QUOTE_MAX,
                      text);
        return -1;
    }
    if (*close < *open) {
        errmsg_format(err, errlen, "'%.*s': closing time before opening time", QUOTE_MAX, text);
        return -1;
    }
    if (*close == *open) {
        errmsg_format(err, errlen, "'%.*s': empty interval (closing time equals opening time)",
                      QUOTE_MAX, text);
        return -1;
    }
    return 0;
}

/* Parses the daily intervals into c, checking order and overlap against the
 * previous string (enough, since those before it are already in order).
 * Touching intervals (12:00 then 12:00) are merged, so that the end of an
 * opening is always a real closing. */
static int parse_hours(wcal_t *c, const char *const *hours, size_t n_hours, char *err,
                       size_t errlen) {
    if (n_hours > WCAL_MAX_INTERVALS) {
        errmsg_format(err, errlen, "too many opening intervals (%zu, at most %d)", n_hours,
                      WCAL_MAX_INTERVALS);
        return -1;
    }
    double prev_open = 0, prev_close = 0;
    for (size_t i = 0; i < n_hours; i++) {
        assert(hours[i] != NULL);
        double open, close;
        if (parse_interval(hours[i], &open, &close, err, errlen) != 0) return -1;
        if (i > 0 && open < prev_close && close > prev_open) {
            errmsg_format(err, errlen, "'%.*s' overlaps '%.*s'", QUOTE_MAX, hours[i], QUOTE_MAX,
                          hours[i - 1]);
            return -1;
        }
        if (i > 0 && open < prev_open) {
            errmsg_format(err, errlen,
                          "'%.*s' comes before '%.*s' (list intervals in "
                          "increasing order)",
                          QUOTE_MAX, hours[i], QUOTE_MAX, hours[i - 1]);
            return -1;
        }
        if (c->n_intervals > 0 && open == c->close[c->n_intervals - 1]) {
            c->close[c->n_intervals - 1] = close;
        } else {
            c->open[c->n_intervals] = open;
            c->close[c->n_intervals] = close;
            c->n_intervals++;
        }
        prev_open = open;
        prev_close = close;
    }
    return 0;
}

static int parse_workdays(wcal_t *c, const int *workdays, size_t n_workdays, char *err,
                          size_t errlen) {
    for (int w = 0; w < 7; w++) c->workday[w] = false;
    for (size_t i = 0; i < n_workdays; i++) {
        int w = workdays[i];
        if (w < 1 || w > 7) {
            errmsg_format(err, errlen, "workday %d: expected 1 (Monday) to 7 (Sunday)", w);
            return -1;
        }
        if (c->workday[w - 1]) {
            errmsg_format(err, errlen, "workday %d (%s) listed twice", w, WEEKDAY_NAME[w - 1]);
            return -1;
        }
        c->workday[w - 1] = true;
    }
    return 0;
}

/* No hours means open all day.  With no workdays, or all seven, that is the
 * always-open calendar (n_intervals = 0; like wcal_init_always it ignores
 * holidays, as the header's "t + work" for always-open requires).  With only
 * some workdays it is open 00:00-24:00 on those days, so that
 * "workdays = [1..5]" without hours is not silently ignored.  On error *c is
 * left always-open with no holidays, so wcal_free is safe either way. */
int wcal_init(wcal_t *c, const char *const *hours, size_t n_hours, const int *workdays,
              size_t n_workdays, char *err, size_t errlen) {
    wcal_t tmp;
    wcal_init_always(c);
    wcal_init_always(&tmp);
    if (parse_hours(&tmp, hours, n_hours, err, errlen) != 0) return -1;
    if (parse_workdays(&tmp, workdays, n_workdays, err, errlen) != 0) return -1;
    size_t nwd = count_workdays(&tmp);
    if (n_hours == 0) {
        if (nwd == 0 || nwd == 7) {
            wcal_init_always(c);
            return 0;
        }
        tmp.n_intervals = 1;
        tmp.open[0] = 0.0;
        tmp.close[0] = WCAL_DAY;
    } else if (nwd == 0) {
        errmsg_format(err, errlen, "no working days");
        return -1;
    }
    *c = tmp;
    derive(c);
    return 0;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Merges `days` into the sorted, duplicate-free array *list of *n (what
 * says which list, for messages); a day found in `other` (the other list,
 * sorted, of n_other days) is refused, as is a negative day.  On any error
 * the list is left as it was. */
static int merge_days(int **list, size_t *n, const int *other, size_t n_other, const int *days,
                      size_t n_days, const char *what, const char *other_what, char *err,
                      size_t errlen) {
    for (size_t i = 0; i < n_days; i++) {
        if (days[i] < 0) {
            errmsg_format(err, errlen, "%s %d: day numbers start at 0 (the first day)", what,
                          days[i]);
            return -1;
        }
        if (n_other > 0 && bsearch(&days[i], other, n_other, sizeof *other, cmp_int)) {
            errmsg_format(err, errlen, "day %d is both a %s and a %s (expected one or the other)",
                          days[i], other_what, what);
            return -1;
        }
    }
    if (n_days == 0) return 0;
    if (n_days > SIZE_MAX / sizeof(int) - *n) {
        errmsg_format(err, errlen, "out of memory adding %zu %ss", n_days, what);
        return -1;
    }
    size_t total = *n + n_days;
    int *all = malloc(total * sizeof *all);
    if (!all) {
        errmsg_format(err, errlen, "out of memory adding %zu %ss", n_days, what);
        return -1;
    }
    if (*n > 0) memcpy(all, *list, *n * sizeof *all);
    memcpy(all + *n, days, n_days * sizeof *all);
    qsort(all, total, sizeof *all, cmp_int);
    size_t kept = 0;
    for (size_t i = 0; i < total; i++)
        if (kept == 0 || all[i] != all[kept - 1]) all[kept++] = all[i];
    free(*list);
    *list = all;
    *n = kept;
    return 0;
}

int wcal_add_holidays(wcal_t *c, const int *days, size_t n, char *err, size_t errlen) {
    if (merge_days(&c->holidays, &c->n_holidays, c->makeups, c->n_makeups, days, n, "holiday",
                   "make-up working day", err, errlen) != 0)
        return -1;
    derive_known(c);
    derive_near(c);
    return 0;
}

int wcal_add_makeups(wcal_t *c, const int *days, size_t n, char *err, size_t errlen) {
    if (merge_days(&c->makeups, &c->n_makeups, c->holidays, c->n_holidays, days, n,
                   "make-up working day", "holiday", err, errlen) != 0)
        return -1;
    derive_known(c);
    derive_near(c);
    return 0;
}

void wcal_set_first_weekday(wcal_t *c, int w) {
    assert(w >= 0 && w < 7);
    c->first_weekday = w;
    derive_known(c);
    derive_near(c);
}

bool wcal_is_working_day(const wcal_t *c, long long d) {
    assert(d >= 0);
    return always_open(c) || is_working_day(c, d);
}

void wcal_free(wcal_t *c) {
    free(c->holidays);
    c->holidays = NULL;
    c->n_holidays = 0;
    free(c->makeups);
    c->makeups = NULL;
    c->n_makeups = 0;
    free(c->known);
    c->known = NULL;
    c->n_known = 0;
}

/* ------------------------------------------------------------------ */
/* Queries                                                              */
/* ------------------------------------------------------------------ */

double wcal_minutes_per_day(const wcal_t *c) { return c->minutes_per_day; }

bool wcal_is_open(const wcal_t *c, double t) {
    assert(t >= 0);
    if (always_open(c)) return true;
    if (t >= WCAL_FAR) return false;
    long long d = day_of(t);
    if (!is_working_day(c, d)) return false;
    double x = t - day_start(d);
    for (size_t i = 0; i < c->n_intervals; i++)
        if (x >= c->open[i] && x < c->close[i]) return true;
    return false;
}

double wcal_next_open(const wcal_t *c, double t) {
    assert(t >= 0);
    if (always_open(c) || isinf(t)) return t;
    if (c->n_workdays == 0 || t >= WCAL_FAR) return INFINITY;
    long long d = day_of(t);
    if (is_working_day(c, d)) {
        double x = t - day_start(d);
        for (size_t i = 0; i < c->n_intervals; i++) {
            if (x < c->open[i]) return day_start(d) + c->open[i];
            if (x < c->close[i]) return t;
        }
    }
    d = next_working_day(c, d + 1);
    return day_start(d) + c->open[0];
}

/* An opening that reaches midnight goes on into the next day if that day
 * works and opens at 00:00 (night shifts, 00:00-24:00 calendars): the end
 * of the opening is where the calendar really closes.  A chain of whole
 * open days ends at the first non-working day; when every weekday is open
 * all day only a holiday can end it. */
static double close_after_midnight(const wcal_t *c, long long d) {
    if (c->open[0] > 0.0 || !is_working_day(c, d + 1)) return day_start(d + 1);
    bool whole_days = c->n_intervals == 1 && c->close[0] == WCAL_DAY;
    if (!whole_days) return day_start(d + 1) + c->close[0];
    if (c->n_workdays == 7) {
        size_t h = holiday_lower_bound(c, d + 1);
        return h < c->n_holidays ? day_start(c->holidays[h]) : INFINITY;
    }
    long long e = d + 1;
    while (is_working_day(c, e)) e++;
    return day_start(e);
}

double wcal_next_close(const wcal_t *c, double t) {
    assert(t >= 0);
    if (always_open(c)) return INFINITY;
    double s = wcal_next_open(c, t);
    if (s >= WCAL_FAR) return INFINITY;
    long long d = day_of(s);
    double x = s - day_start(d);
    size_t i = 0;
    while (i < c->n_intervals && !(x >= c->open[i] && x < c->close[i])) i++;
    assert(i < c->n_intervals); /* s is open by construction */
    if (c->close[i] < WCAL_DAY) return day_start(d) + c->close[i];
    return close_after_midnight(c, d);
}

/* Partial first day, whole days in between by week arithmetic (minus
 * holidays), partial last day: exact, and O(log holidays) plus the holidays
 * inside the span. */
double wcal_working_time(const wcal_t *c, double t0, double t1) {
    assert(t0 >= 0 && !isnan(t1));
    if (t1 <= t0) return 0.0;
    if (always_open(c)) return t1 - t0;
    if (c->n_workdays == 0) return 0.0;
    if (t1 >= WCAL_FAR) return INFINITY;
    long long d0 = day_of(t0), d1 = day_of(t1);
    double x0 = t0 - day_start(d0), x1 = t1 - day_start(d1);
    if (d0 == d1) return is_working_day(c, d0) ? open_within(c, x0, x1) : 0.0;
    double first = is_working_day(c, d0) ? open_within(c, x0, WCAL_DAY) : 0.0;
    double last = is_working_day(c, d1) ? open_within(c, 0.0, x1) : 0.0;
    double middle = c->minutes_per_day * (double)working_days_in(c, d0 + 1, d1 - 1);
    return first + middle + last;
}

/* Jumps over whole weeks of work starting at day d while more than a week
 * of work remains, but never over a week that holds a holiday or a make-up
 * day (those are walked day by day).  Leaves *work > 0 so that the finishing day is still
 * ahead.  Returns the new day. */
static long long skip_whole_weeks(const wcal_t *c, long long d, double *work) {
    double weekly = c->minutes_per_week;
    if (*work <= weekly) return d;
    double weeks = floor(*work / weekly);
    if (weeks * weekly >= *work) weeks -= 1.0;
    size_t h = holiday_lower_bound(c, d);
    if (h < c->n_holidays) {
        long long whole_weeks_before_holiday = (c->holidays[h] - d) / 7;
        weeks = fmin(weeks, (double)whole_weeks_before_holiday);
    }
    size_t k = makeup_lower_bound(c, d);
    if (k < c->n_makeups) {
        long long whole = (c->makeups[k] - d) / 7; /* whole weeks before the make-up day */
        weeks = fmin(weeks, (double)whole);
    }
    *work -= weeks * weekly;
    return d + 7 * (long long)weeks;
}

/* The first day D >= d (d among the near days) by which n >= 1 working
 * days from d have passed: the near days' counts searched for the n-th. */
static long long nth_near_working_day(const wcal_t *c, long long d, long long n) {
    long long want = c->near_before[d] + n, lo = d, hi = WCAL_NEAR_DAYS - 1;
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        if (c->near_before[mid + 1] >= want) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* From day d (a near day), with *work > 0 still to do at its start: the
 * day the work ends on, with *work what is left at that day's start, or
 * the first day after the near days with what is left there.  The work
 * outlasts q = ceil(work / open minutes a day) - 1 whole working days (the
 * division's rounding corrected exactly as for whole weeks).  The same
 * numbers as the day-by-day walk: opening times are whole minutes, so a
 * day's open minutes are a whole number and every subtraction of them
 * from a work below WCAL_FAR is exact, in one step or one a day. */
static long long skip_near_days(const wcal_t *c, long long d, double *work) {
    double daily = c->minutes_per_day;
    if (*work <= daily) return d; /* ends on the next working day: walk to it */
    double q = floor(*work / daily);
    if (q * daily >= *work) q -= 1.0;
    long long left = c->near_before[WCAL_NEAR_DAYS] - c->near_before[d];
    if (q >= (double)left) {
        *work -= (double)left * daily;
        return WCAL_NEAR_DAYS;
    }
    *work -= q * daily;
    return nth_near_working_day(c, d, (long long)q + 1);
}

/* wcal_add_working_time for t and work below WCAL_FAR, work > 0, and a
 * calendar with working days. */
static double add_working_time(const wcal_t *c, double t, double work) {
    long long d = day_of(t);
    double x = t - day_start(d);
    if (is_working_day(c, d)) {
        for (size_t i = 0; i < c->n_intervals; i++) {
            if (c->close[i] <= x) continue;
            double from = c->open[i] > x ? c->open[i] : x;
            double avail = c->close[i] - from;
            if (work <= avail) return day_start(d) + from + work;
            work -= avail;
        }
    }
    for (d++;; d++) {
        d = d < WCAL_NEAR_DAYS ? skip_near_days(c, d, &work) : skip_whole_weeks(c, d, &work);
        if (!is_working_day(c, d)) continue;
        for (size_t i = 0; i < c->n_intervals; i++) {
            double avail = c->close[i] - c->open[i];
            if (work <= avail) return day_start(d) + c->open[i] + work;
            work -= avail;
        }
    }
}

/* Work beyond WCAL_FAR minutes cannot end before WCAL_FAR (an instant
 * gains at most one minute of work per minute), so that is "never" before
 * any day is computed; the week arithmetic then stays far inside 64 bits. */
double wcal_add_working_time(const wcal_t *c, double t, double work) {
    assert(t >= 0 && work >= 0);
    if (always_open(c)) return t + work;
    if (t >= WCAL_FAR || work >= WCAL_FAR || c->n_workdays == 0) return INFINITY;
    if (work == 0.0) return t;
    double end = add_working_time(c, t, work);
    return end >= WCAL_FAR ? INFINITY : end;
}

/* ------------------------------------------------------------------ */
/* The memo of the current opening (wcal.h)                           */
/* ------------------------------------------------------------------ */

void wcal_memo_init(wcal_memo_t *m) { *m = (wcal_memo_t){0}; }

/* The length of the opening that starts at instant s (0 if none does). */
static double opening_from(const wcal_t *c, double s) {
    if (!(s >= 0 && s < WCAL_FAR)) return 0.0;
    long long d = day_of(s);
    double x = s - day_start(d);
    for (size_t i = 0; i < c->n_intervals; i++)
        if (c->open[i] == x) return c->close[i] - c->open[i];
    return 0.0;
}

/* wcal_next_open answers the first open instant at or after t, so every
 * instant from t up to it is closed (wcal_is_open's day and minute-of-day
 * are exact there: day starts and opening times are whole minutes). */
double wcal_memo_shut(const wcal_t *c, wcal_memo_t *m, double t) {
    double next = wcal_next_open(c, t);
    if (next > t) {
        m->shut_from = t;
        m->shut_until = next;
        m->shut_len = opening_from(c, next);
    }
    return next;
}

/* Finds the opening as wcal_is_open does (same day, same minute-of-day),
 * so an instant the memo calls open is one the full query calls open. */
void wcal_memo_fill(const wcal_t *c, wcal_memo_t *m, double t) {
    if (always_open(c)) {
        *m = (wcal_memo_t){.open = -INFINITY, .close = INFINITY};
        return;
    }
    if (!(t >= 0 && t < WCAL_FAR)) return;
    long long d = day_of(t);
    if (!is_working_day(c, d)) return;
    double x = t - day_start(d);
    for (size_t i = 0; i < c->n_intervals; i++)
        if (x >= c->open[i] && x < c->close[i]) {
            m->day_start = day_start(d), m->open = c->open[i], m->close = c->close[i];
            m->day = d;
            m->before = open_within(c, 0.0, c->open[i]); /* the intervals before i */
            return;
        }
}

/* wcal_working_time's sum with the last day from the memo: t1 is open
 * in the memo's opening i of working day d1, so open_within(c, 0, x1)
 * adds the whole intervals before i (the memo's `before`, the same
 * additions in the same order) and then x1 - open[i] (nothing when that
 * is 0), and nothing after i. */
double wcal_memo_working_time(const wcal_t *c, const wcal_memo_t *m, double t0, double t1) {
    double x1 = t1 - m->day_start;
    if (!(x1 >= m->open && x1 < m->close) || !(t0 >= 0 && t0 < m->day_start))
        return wcal_working_time(c, t0, t1);
    long long d0 = day_of(t0);
    double x0 = t0 - day_start(d0);
    double first = is_working_day(c, d0) ? open_within(c, x0, WCAL_DAY) : 0.0;
    double last = x1 > m->open ? m->before + (x1 - m->open) : m->before;
    double middle = c->minutes_per_day * (double)working_days_in(c, d0 + 1, m->day - 1);
    return first + middle + last;
}

/* ------------------------------------------------------------------ */
/* Service days (wcal.h): the halls' own calendar                      */
/* ------------------------------------------------------------------ */

int wcal_add_service(wcal_t *c, const bool day[7], const char *const *hours, size_t n_hours,
                     char *err, size_t errlen) {
    if (always_open(c)) {
        errmsg_format(err, errlen,
                      "an always-open calendar has no service days (expected opening hours)");
        return -1;
    }
    if (n_hours == 0) {
        errmsg_format(err, errlen, "a service day needs its opening hours (expected HH:MM-HH:MM)");
        return -1;
    }
    wcal_t tmp;
    wcal_init_always(&tmp);
    if (parse_hours(&tmp, hours, n_hours, err, errlen) != 0) return -1;
    bool any = false;
    for (int w = 0; w < 7; w++) {
        if (!day[w]) continue;
        any = true;
        if (c->workday[w]) {
            errmsg_format(err, errlen,
                          "%s is a working day (in workdays), not a service day (expected a "
                          "weekday outside workdays)",
                          WEEKDAY_NAME[w]);
            return -1;
        }
        if (c->n_service[w] > 0) {
            errmsg_format(err, errlen,
                          "%s is already a service day (expected each weekday in at most one "
                          "entry)",
                          WEEKDAY_NAME[w]);
            return -1;
        }
    }
    if (!any) {
        errmsg_format(err, errlen, "no weekday given (expected a day type such as saturday)");
        return -1;
    }
    for (int w = 0; w < 7; w++) {
        if (!day[w]) continue;
        c->n_service[w] = tmp.n_intervals;
        memcpy(c->service_open[w], tmp.open, sizeof tmp.open);
        memcpy(c->service_close[w], tmp.close, sizeof tmp.close);
        c->service_demand[w] = 1.0;
        c->n_service_days++;
    }
    return 0;
}

void wcal_set_service_demand(wcal_t *c, const bool day[7], double weight) {
    assert(weight >= 0);
    for (int w = 0; w < 7; w++)
        if (day[w]) c->service_demand[w] = weight;
}

/* A service day: its weekday has a service, it is no working day (a
 * make-up day works with the working hours) and no holiday. */
static bool is_service_day(const wcal_t *c, long long d) {
    if (c->n_service_days == 0 || c->n_service[weekday_of(d)] == 0) return false;
    if (is_working_day(c, d)) return false;
    return c->n_holidays == 0 || !is_holiday(c, d);
}

bool wcal_is_service_day(const wcal_t *c, long long d) {
    assert(d >= 0);
    return !always_open(c) && is_service_day(c, d);
}

size_t wcal_hall_intervals(const wcal_t *c, long long d, const double **open,
                           const double **close) {
    static const double WHOLE_OPEN[1] = {0.0}, WHOLE_CLOSE[1] = {WCAL_DAY};
    assert(d >= 0);
    if (always_open(c)) {
        *open = WHOLE_OPEN, *close = WHOLE_CLOSE;
        return 1;
    }
    if (is_working_day(c, d)) {
        *open = c->open, *close = c->close;
        return c->n_intervals;
    }
    if (is_service_day(c, d)) {
        int w = weekday_of(d);
        *open = c->service_open[w], *close = c->service_close[w];
        return c->n_service[w];
    }
    *open = *close = NULL;
    return 0;
}

bool wcal_hall_is_open(const wcal_t *c, double t) {
    if (!wcal_has_service(c)) return wcal_is_open(c, t);
    assert(t >= 0);
    if (t >= WCAL_FAR) return false;
    long long d = day_of(t);
    const double *open, *close;
    size_t n = wcal_hall_intervals(c, d, &open, &close);
    double x = t - day_start(d);
    for (size_t i = 0; i < n; i++)
        if (x >= open[i] && x < close[i]) return true;
    return false;
}

/* Day by day: a calendar with service days has working days (it is not
 * always open), and finitely many holidays, so some day ahead opens. */
double wcal_hall_next_open(const wcal_t *c, double t) {
    if (!wcal_has_service(c)) return wcal_next_open(c, t);
    assert(t >= 0);
    if (isinf(t)) return t;
    if (t >= WCAL_FAR) return INFINITY;
    long long d0 = day_of(t);
    double x = t - day_start(d0);
    for (long long d = d0;; d++, x = 0.0) {
        if (day_start(d) >= WCAL_FAR) return INFINITY;
        const double *open, *close;
        size_t n = wcal_hall_intervals(c, d, &open, &close);
        for (size_t i = 0; i < n; i++) {
            if (x < open[i]) return day_start(d) + open[i];
            if (x < close[i]) return d == d0 ? t : day_start(d); /* a day open from 00:00 */
        }
    }
}

/* The last day a list names (holidays, make-up days), -1 if none: after
 * it the calendar repeats week by week. */
static long long last_listed_day(const wcal_t *c) {
    long long last = c->n_holidays > 0 ? c->holidays[c->n_holidays - 1] : -1;
    if (c->n_makeups > 0 && c->makeups[c->n_makeups - 1] > last)
        last = c->makeups[c->n_makeups - 1];
    return last;
}

/* An opening that reaches midnight goes on into the next day when that
 * day's halls open at 00:00 (a night service), as wcal_next_close does;
 * more than a week of whole open days after the last listed day is open
 * for ever. */
double wcal_hall_next_close(const wcal_t *c, double t) {
    if (!wcal_has_service(c)) return wcal_next_close(c, t);
    double s = wcal_hall_next_open(c, t);
    if (s >= WCAL_FAR) return INFINITY;
    long long d = day_of(s);
    double x = s - day_start(d);
    const double *open, *close;
    size_t n = wcal_hall_intervals(c, d, &open, &close), i = 0;
    while (i < n && !(x >= open[i] && x < close[i])) i++;
    assert(i < n); /* s is open by construction */
    if (close[i] < WCAL_DAY) return day_start(d) + close[i];
    long long last = last_listed_day(c);
    for (long long e = d + 1;; e++) {
        if (day_start(e) >= WCAL_FAR || (e - d > 8 && e > last)) return INFINITY;
        n = wcal_hall_intervals(c, e, &open, &close);
        if (n == 0 || open[0] > 0.0) return day_start(e);
        if (close[0] < WCAL_DAY) return day_start(e) + close[0];
    }
}

/* Open minutes of intervals [open, close) in [x0, x1]. */
static double within_intervals(const double *open, const double *close, size_t n, double x0,
                               double x1) {
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double from = open[i] > x0 ? open[i] : x0;
        double to = close[i] < x1 ? close[i] : x1;
        if (to > from) sum += to - from;
    }
    return sum;
}

/* The working time, plus the service days' minutes (times their demand
 * weight when `weighted`) walked day by day (O(days in the span): for
 * totals over a run, not for every event). */
static double hall_time(const wcal_t *c, double t0, double t1, bool weighted) {
    double sum = wcal_working_time(c, t0, t1);
    if (!(t1 > t0) || isinf(sum)) return sum;
    long long d0 = day_of(t0), d1 = day_of(t1);
    for (long long d = d0; d <= d1; d++) {
        if (!is_service_day(c, d)) continue;
        int w = weekday_of(d);
        double x0 = d == d0 ? t0 - day_start(d) : 0.0;
        double x1 = d == d1 ? t1 - day_start(d) : WCAL_DAY;
        double m =
            within_intervals(c->service_open[w], c->service_close[w], c->n_service[w], x0, x1);
        sum += weighted ? m * c->service_demand[w] : m;
    }
    return sum;
}

double wcal_hall_time(const wcal_t *c, double t0, double t1) {
    if (!wcal_has_service(c)) return wcal_working_time(c, t0, t1);
    return hall_time(c, t0, t1, false);
}

double wcal_demand_time(const wcal_t *c, double t0, double t1) {
    if (!wcal_has_service(c)) return wcal_working_time(c, t0, t1);
    return hall_time(c, t0, t1, true);
}

/* Day by day from t (O(days crossed)): for arrivals and returns, which
 * cross a few days at most.  `weighted`: a service-day minute counts its
 * day's demand weight (a weight of 0 skips the day). */
static double hall_add(const wcal_t *c, double t, double work, bool weighted) {
    assert(t >= 0 && work >= 0);
    if (t >= WCAL_FAR || work >= WCAL_FAR) return INFINITY;
    if (work == 0.0) return t;
    long long d = day_of(t);
    double x = t - day_start(d);
    for (;; d++, x = 0.0) {
        if (day_start(d) >= WCAL_FAR) return INFINITY;
        const double *open, *close;
        size_t n = wcal_hall_intervals(c, d, &open, &close);
        double rate = 1.0;
        if (weighted && n > 0 && !is_working_day(c, d)) rate = c->service_demand[weekday_of(d)];
        if (!(rate > 0)) continue;
        for (size_t i = 0; i < n; i++) {
            if (close[i] <= x) continue;
            double from = open[i] > x ? open[i] : x;
            double avail = close[i] - from;
            if (rate == 1.0) {
                if (work <= avail) return day_start(d) + from + work;
                work -= avail;
            } else {
                double end = from + work / rate; /* kept inside the opening */
                if (work <= avail * rate) return day_start(d) + (end < close[i] ? end : from);
                work -= avail * rate;
            }
        }
    }
}

double wcal_hall_add_time(const wcal_t *c, double t, double work) {
    if (!wcal_has_service(c)) return wcal_add_working_time(c, t, work);
    return hall_add(c, t, work, false);
}

double wcal_demand_add_time(const wcal_t *c, double t, double work) {
    if (!wcal_has_service(c)) return wcal_add_working_time(c, t, work);
    return hall_add(c, t, work, true);
}
