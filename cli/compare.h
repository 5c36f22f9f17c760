/*
 * compare.h - what `govsim compare` holds while it works, shared by its
 * parts: the command (cmd_compare.c: options, variants, runs, tables and
 * result files), the charts (compare_plots.c) and the report
 * (compare_report.c).
 *
 * A variant is the baseline scenario with some reforms applied in order;
 * variant 0 is the baseline itself.  Every variant runs the same
 * replications (the same streams: common random numbers), so variant i's
 * replication r is paired with the baseline's replication r.
 */
#ifndef GOVSIM_CLI_COMPARE_H
#define GOVSIM_CLI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "runner.h"
#include "flow.h"
#include "i18n.h"
#include "kpi_rows.h"
#include "options.h"
#include "out_json.h"
#include "paired.h"
#include "reform.h"
#include "scn.h"
#include "stats.h"

#define MAX_REFORMS  32
#define MAX_VARIANTS 48
#define MAX_COMBINES 8

/* Longest name of a variant people read: its reforms' names joined by " + ". */
#define COMPARE_NAME_MAX 256

typedef struct variant {
    char label[256];             /* ids ("data_hub", "a+b"): for files programs read */
    char name[COMPARE_NAME_MAX]; /* names ("Central data-sharing hub"): for people */
    size_t n;                    /* reforms applied, in order          */
    int reform[MAX_REFORMS];
    double reform_cost; /* their cost per year, yuan          */
    double one_off;
    scn_t s;
    bool built;
    flow_result_t *results; /* one per replication                */
} variant_t;

/* A reform of the reforms/ folder that does not apply to this scenario (a
 * path that matches nothing, a patched model the loader refuses): not run,
 * but reported in the table, report.html and summary.json. */
#define COMPARE_REASON_MAX 160
typedef struct compare_skip {
    char reform[REFORM_ID_MAX];
    char name[REFORM_NAME_MAX]; /* the reform's name, for people         */
    char file[REFORM_PATH_MAX];
    int line;                        /* of the failing setting, 0: unknown */
    char reason[COMPARE_REASON_MAX]; /* one short line                     */
} compare_skip_t;

typedef struct compare {
    const char *scenario;
    const char *named[MAX_REFORMS];
    size_t n_named;
    const char *combine[MAX_COMBINES];
    size_t n_combine;
    unsigned reps, threads, days;
    uint64_t seed;
    bool seed_set, quiet, brief;
    const char *out_dir;
    reform_t reforms[MAX_REFORMS];
    size_t n_reforms;
    compare_skip_t skipped[MAX_REFORMS];
    size_t n_skipped;
    variant_t v[MAX_VARIANTS];
    size_t n_variants;
    size_t n_reps;
    int progress;                  /* --progress, or CLI_PROGRESS_AUTO    */
    const char *sets[CLI_MAX_SET]; /* --set, applied before any reform */
    size_t n_sets;
} compare_t;

/* A change against the baseline (study/paired.h). */
typedef paired_diff_t compare_diff_t;

/* Per-replication values (n_reps of them) of KPI k in group g for v. */
void compare_values(const compare_t *c, const variant_t *v, size_t g, flow_kpi_t k, double *x);

/* Government cost per year of v, per replication: the model's staff,
 * windows, platform and hub, plus its reforms' cost per year. */
void compare_cost_values(const compare_t *c, const variant_t *v, double *x);

/* The change from b (baseline) to x (variant), n paired replications. */
compare_diff_t compare_difference(const double *b, const double *x, size_t n);

/* The headline KPIs (all cases), in table order. */
#define COMPARE_N_HEADLINE 5
extern const flow_kpi_t COMPARE_HEADLINE[COMPARE_N_HEADLINE];

/* Cost-effectiveness counts a one-off cost as the equal yearly payment
 * over this life at this rate (study/plan_cost.h); the tables say so. */
#define COMPARE_LIFE_YEARS    10.0
#define COMPARE_DISCOUNT_RATE 0.05

/* What the tables say about variant i (i >= 1) against the baseline. */
typedef struct compare_row {
    compare_diff_t headline[COMPARE_N_HEADLINE];
    compare_diff_t cost;  /* government cost, million yuan per year */
    double hours_saved;   /* citizens' hours saved per year (mean)  */
    double trips_avoided; /* trips avoided per year (mean)          */
    double yuan_per_hour; /* yearly cost change (one-off annualised,
                             COMPARE_LIFE_YEARS) per hour saved; NaN
                             unless the saving's CI excludes zero   */
    double yuan_per_trip; /* ... per trip avoided; NaN likewise     */
    double cycle_change;  /* mean change in cycle time, wd          */
    size_t rank;          /* 1: largest cycle-time reduction        */
    bool tied_with_above; /* the paired CI against the variant
                             ranked just above contains zero      */
} compare_row_t;

/* Fill rows[1 .. n_variants-1] (rows[0], the baseline, is left alone) and
 * order[0 .. n_variants-2] (variant indices by rank).  Returns the mean
 * ratio of unpaired to paired CI half-widths of cycle time (how much the
 * common random numbers narrowed the intervals), NaN if undefined.  Out
 * of memory: returns NaN with rows unset and *ok false. */
double compare_summarize(const compare_t *c, compare_row_t *rows, size_t *order, bool *ok);

/* A table cell for a change: "+1.23 ±0.05 *" (* when the interval excludes
 * zero), "+0.00 (exact)" for a zero-width interval, "-" when undefined. */
void compare_cell(char *buf, size_t len, const compare_diff_t *d, int decimals);

/* Column titles of the headline table (COMPARE_N_HEADLINE + cost),
 * marked N_(): translate with _() where shown. */
extern const char *const COMPARE_HEADLINE_TITLE[COMPARE_N_HEADLINE + 1];
/* ... the decimals each shows, and the factor from the KPI's unit to the
 * shown one (shares x 100: percentages; cost x 1e-6: million yuan). */
extern const int COMPARE_DECIMALS[COMPARE_N_HEADLINE + 1];
extern const double COMPARE_SCALE[COMPARE_N_HEADLINE + 1];

/* compare_cell with the change and interval multiplied by scale and unit
 * after the change ("+14.1 pp ±0.3 *"). */
void compare_cell_scaled(char *buf, size_t len, const compare_diff_t *d, int decimals, double scale,
                         const char *unit);

/* The cell of headline column h (0 .. COMPARE_N_HEADLINE, the last is
 * cost) of row r, in the shown unit: shares in percentage points. */
void compare_headline_cell(char *buf, size_t len, const compare_row_t *r, size_t h);

/* Fill *k from the one-line error err of building a variant from reform
 * file `file` (reform_apply's "FILE:LINE: WHERE: what is wrong", or the
 * loader's): the line when err starts with "FILE:LINE: ", and as reason
 * the last clause (what is wrong, with its parenthesis), control
 * characters replaced, cut at a word with "..." past
 * COMPARE_REASON_MAX - 1 bytes. */
void compare_skip_reason(compare_skip_t *k, const char *id, const char *file, const char *err);
/* The reason COMPARE_IN_PLACE for a reform whose every change finds its
 * setting already at the new value: the scenario has it, so it would
 * add its cost and nothing else. */
#define COMPARE_IN_PLACE "already in place (every setting it changes already has that value here)"
void compare_skip_in_place(compare_skip_t *k, const char *id, const char *file);
/* k's reason as people read it, in the language chosen (cli/lang.h): the
 * reason itself in English; translated where its form is known ("no
 * department has region = x (region values there: y)"), else as is.
 * summary.json keeps k->reason. */
void compare_skip_people(const compare_skip_t *k, char *buf, size_t len);

/* Write the charts (output/plot.h) of a finished comparison into dir.
 * Returns 0, or -1 with a message in err. */
int compare_plots(const compare_t *c, const char *dir, char *err, size_t errlen);

/* Write dir/report.html (embedding the charts' PNGs, which must exist).
 * Returns 0, or -1 with a message in err. */
int compare_report(const compare_t *c, const char *dir, const runner_status_t *st, char *err,
                   size_t errlen);

/* How far the numbers can be trusted (compare_flags.c, kpi_rows.h): the
 * censoring of group g of variant v's cases; whether v's cases as a whole
 * (group 0) are flagged; a "! variant: note" line per flagged variant and
 * the few-replications note, on stdout (under the headline table) or as
 * red paragraphs of the report (above it). */
kpi_censoring_t compare_censoring(const compare_t *c, const variant_t *v, size_t g);
bool compare_flagged(const compare_t *c, const variant_t *v);
void compare_print_flags(const compare_t *c);
void compare_report_flags(FILE *fp, const compare_t *c);
/* In summary.json: "censoring": {open_share, backlog_growth, flag, note}
 * of v's cases; for the baseline (c->v[0]) also "notes": [the
 * few-replications note, if any]. */
void compare_json_censoring(out_json_t *j, const compare_t *c, const variant_t *v);

/* What the front page (results/index.html) says of one comparison: the
 * single reform that saves the most citizens' hours per yuan (among
 * those whose saving of hours is sure: its paired interval excludes
 * zero), its hours saved and trips avoided per year, and the share of
 * cases within the statutory limit before and after it. */
typedef struct compare_headline {
    bool done; /* the comparison ran and wrote its files */
    char scenario[SCN_NAME_MAX];
    char description[SCN_TEXT_MAX];
    bool found;                  /* a reform saves hours for sure          */
    char best[COMPARE_NAME_MAX]; /* a variant's name (variant_t.name) */
    double hours_saved, yuan_per_hour, trips_avoided;
    double within_base, within_best; /* shares, 0 to 1                 */
    size_t n_variants;
} compare_headline_t;

/* Fill *h from a finished comparison (compare_headline.c). */
void compare_headline(const compare_t *c, compare_headline_t *h);

/* `govsim compare` (cmd_compare): with h not NULL, also what the front
 * page needs, when it succeeds. */
int compare_main(int argc, char **argv, compare_headline_t *h);

/* hourly.csv and bottleneck.csv of every variant, and the baseline's day
 * in the hall chart (compare_bottleneck.c).  Returns 0, or -1 with a
 * message in err. */
int compare_bottleneck(const compare_t *c, const char *dir, char *err, size_t errlen);

/* The report's table of where each service's time goes (baseline). */
void compare_bottleneck_html(FILE *fp, const compare_t *c);

#endif
