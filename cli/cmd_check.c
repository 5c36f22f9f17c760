/*
 * govsim check SCENARIO - load and validate a scenario without running it.
 *
 * A bad scenario prints its one-line message ("file:line: setting: what is
 * wrong (what was expected)") on stderr and exits 2: the message already
 * says what to do, so there is no "Try 'govsim help'" line, and nothing
 * goes to stdout.  A good one prints a short summary on stdout: what the
 * scenario holds, each department's offered load against its capacity
 * (the same figures the model reports), and the loader's warnings.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "flow.h"
#include "i18n.h"
#include "scn.h"

#define ERR_MAX 2048

static size_t count_steps(const scn_t *s) {
    size_t n = 0;
    for (size_t i = 0; i < s->n_services; i++) n += s->services[i].n_steps;
    return n;
}

static const char *plural(size_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

static void print_counts(const scn_t *s) {
    size_t steps = count_steps(s);
    printf("  %zu %s, %zu %s, %zu %s with %zu %s, %zu data %s, %zu %s, %zu %s\n", s->n_regions,
           plural(s->n_regions, "region", "regions"), s->n_departments,
           plural(s->n_departments, "department", "departments"), s->n_services,
           plural(s->n_services, "service", "services"), steps, plural(steps, "step", "steps"),
           s->n_items, plural(s->n_items, "item", "items"), s->n_links,
           plural(s->n_links, "link", "links"), s->n_incidents,
           plural(s->n_incidents, "incident", "incidents"));
    printf("  %d days after %d warm-up days, %d replications, seed %llu; "
           "%.0f open minutes per working day\n",
           s->days, s->warmup_days, s->replications, (unsigned long long)s->seed,
           wcal_minutes_per_day(&s->calendar));
}

/* The calendar's service days (halls open, not working days), one line
 * each, e.g. "  service day Saturday (halls open, not a working day): 09:00-12:00; ...";
 * nothing without. */
static void print_service_days(const scn_t *s, const char *const weekday[7]) {
    const wcal_t *c = &s->calendar;
    for (int w = 0; w < 7; w++) {
        if (c->n_service[w] == 0) continue;
        printf(_("  service day %s (halls open, not a working day):"), _(weekday[w]));
        for (size_t i = 0; i < c->n_service[w]; i++) {
            int a = (int)c->service_open[w][i], b = (int)c->service_close[w][i];
            printf(" %02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
        }
        printf(_("; counter demand %g of a working day's hour\n"), c->service_demand[w]);
    }
}

/* For a dated scenario, the dates the run covers and its holidays; and
 * how many services have an arrival profile (nothing for a scenario with
 * neither, whose summary stays as it was). */
static void print_dates_and_profiles(const scn_t *s) {
    static const char *const WEEKDAY[7] = {N_("Monday"),   N_("Tuesday"), N_("Wednesday"),
                                           N_("Thursday"), N_("Friday"),  N_("Saturday"),
                                           N_("Sunday")};
    if (s->dated) {
        char from[DATE_TEXT], to[DATE_TEXT];
        long last = s->start_date + s->warmup_days + s->days - 1;
        date_format(s->start_date, from);
        date_format(last, to);
        printf(_("  dates %s (%s) to %s; %zu holiday dates, %zu make-up working days\n"), from,
               _(WEEKDAY[date_weekday(s->start_date)]), to, s->calendar.n_holidays,
               s->calendar.n_makeups);
    }
    print_service_days(s, WEEKDAY);
    size_t shaped = 0;
    for (size_t i = 0; i < s->n_services; i++) shaped += s->services[i].n_profiles > 0;
    if (shaped > 0)
        printf(_("  arrival profiles: %zu of %zu services (demand by time of day, weekday, "
                 "month, surges; total unchanged)\n"),
               shaped, s->n_services);
}

static void print_util(double u) {
    if (isinf(u)) printf(" %7s", "inf");
    else printf(" %7.2f", u);
}

static void print_loads(const scn_t *s) {
    printf("\noffered load per working day (work / capacity; 1 or more: queues grow "
           "without bound)\n");
    printf("  %-24s %7s %7s %7s %7s\n", "department", "windows", "front", "staff", "back");
    for (size_t d = 0; d < s->n_departments; d++) {
        const scn_department_t *dp = &s->departments[d];
        double front, back;
        scn_offered_load(s, (int)d, &front, &back);
        printf("  %-24s %7d", dp->id, dp->windows);
        print_util(front);
        printf(" %7d", dp->staff);
        print_util(back);
        putchar('\n');
    }
    if (!s->levers.one_stop) return;
    printf("  one-stop halls (lever on):\n");
    for (size_t r = 0; r < s->n_regions; r++) {
        printf("  %-24s %7s", s->regions[r].id, "");
        print_util(scn_hall_load(s, (int)r));
        putchar('\n');
    }
}

int cmd_check(int argc, char **argv) {
    cli_args_t a = {0};
    int parsed = cli_args_parse(cli_command_find("check"), argc, argv, &a);
    if (parsed != 0) return parsed > 0 ? CLI_OK : CLI_USAGE;
    scn_t s;
    char err[ERR_MAX];
    if (scn_load(&s, a.positional[0], err, sizeof err) != 0) {
        cli_print_error("%s", err);
        return CLI_USAGE;
    }
    /* the same checks as run, so that check never says ok where run refuses */
    if (flow_check(&s, err, sizeof err) != 0) {
        cli_print_error("%s", err);
        scn_free(&s);
        return CLI_USAGE;
    }
    printf("scenario %s: ", s.id);
    cli_print_text(s.name);
    printf(" (");
    cli_print_text(s.path);
    printf(")\n");
    print_counts(&s);
    print_dates_and_profiles(&s);
    flow_estimate_t e;
    flow_estimate(&s, &e);
    printf("  about %.3g cases per replication, at most about %.3g open at once "
           "(%.3g MB)\n",
           e.cases, e.open_cases, e.bytes / 1e6);
    print_loads(&s);
    printf("\n");
    for (size_t i = 0; i < s.n_warnings; i++) {
        printf("warning: ");
        cli_print_text(s.warnings[i]);
        putchar('\n');
    }
    printf("ok: %zu %s\n", s.n_warnings, plural(s.n_warnings, "warning", "warnings"));
    scn_free(&s);
    return CLI_OK;
}
