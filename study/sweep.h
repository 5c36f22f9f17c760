/*
 * sweep.h - scenario sweeps: one scenario, many variations of it.
 *
 * A sweep file (docs/sweeps.md) names a scenario, optional reforms applied
 * first, a design (grid, lhs, sobol, saltelli) and a list of factors.  A
 * factor is a change in the reform language (models/reform.h) whose value
 * varies: a range `scale = [0.8, 1.6]` (any of set, scale, add), a list
 * of discrete levels (`set = [true, false]`, or numbers with `discrete =
 * true`), or `path = "reforms"` with `levels = ["none", "data_hub"]`
 * (reforms found beside the scenario).
 *
 * A design file (`design = { file = "points.csv"; }`, or --design) gives
 * the points themselves, one CSV row each (sweep_design_read): designs
 * made by SALib or EMA Workbench drive govsim.
 *
 * The design (study/design.h) places points in [0,1)^k; point p's
 * coordinate u of a range factor gives the value lo + u (hi - lo) (a grid
 * spreads `levels` values from lo to hi, both ends included), and of a
 * discrete factor the level floor(u L).  Point p's scenario is the
 * scenario tree with the sweep's reforms, then each factor's change in
 * factor order, applied; it is built and checked like any scenario, so a
 * factor cannot produce a scenario the loader would refuse.
 *
 * Loading checks everything it can before anything runs: unknown settings,
 * types, ranges, the design's limits, and the first, middle and last
 * points built (a factor whose path matches nothing fails there).  Messages are one line,
 * "SWEEP_FILE:LINE: SETTING: what is wrong"; a message from the scenario or
 * a reform names that file instead.
 */
#ifndef GOVSIM_SWEEP_H
#define GOVSIM_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flow.h"
#include "reform.h"
#include "scn.h"

#define SWEEP_MAX_FACTORS 20
#define SWEEP_MAX_LEVELS  64
#define SWEEP_MAX_KPIS    16
#define SWEEP_MAX_REFORMS 16
#define SWEEP_MAX_POINTS  100000
#define SWEEP_MAX_ALSO    8
#define SWEEP_MAX_SETS    32

typedef enum { SWEEP_GRID, SWEEP_LHS, SWEEP_SOBOL, SWEEP_SALTELLI, SWEEP_FILE } sweep_design_t;

typedef enum {
    SWEEP_RANGE,    /* lo .. hi, continuous                                 */
    SWEEP_DISCRETE, /* a list of values                                     */
    SWEEP_REFORMS   /* a list of reforms ("none": no reform)                */
} sweep_factor_kind_t;

typedef struct sweep_factor {
    char name[64];
    char path[REFORM_PATH_MAX];
    size_t n_also; /* more paths given the same change           */
    char *also[SWEEP_MAX_ALSO];
    int line; /* in the sweep file                          */
    sweep_factor_kind_t kind;
    const char *op; /* "set", "scale" or "add" (not reforms)      */
    double lo, hi;  /* range                                      */
    bool whole;     /* round values to whole numbers              */
    bool has_min, has_max;
    double min, max; /* clamps passed on to the change             */
    size_t n_levels; /* grid levels of a range; discrete count     */
    int level_type;  /* CONFIG_TYPE_* of discrete values           */
    double num[SWEEP_MAX_LEVELS];
    bool flag[SWEEP_MAX_LEVELS];
    char *text[SWEEP_MAX_LEVELS]; /* strings (discrete text, reform ids)     */
    int reform[SWEEP_MAX_LEVELS]; /* index into sweep.level_reforms, -1: none */
} sweep_factor_t;

typedef struct sweep {
    char path[1024]; /* the sweep file                             */
    char id[SCN_ID_MAX];
    char name[SCN_NAME_MAX];
    char description[SCN_TEXT_MAX];
    char scenario[1024]; /* resolved against the sweep file's folder   */
    size_t n_reforms;    /* applied to every point first               */
    reform_t reforms[SWEEP_MAX_REFORMS];
    size_t n_level_reforms; /* reforms a `reforms` factor chooses from    */
    reform_t level_reforms[SWEEP_MAX_LEVELS];
    sweep_design_t design;
    size_t base_points; /* lhs, sobol: points; saltelli: base rows    */
    size_t replications;
    int days; /* 0: the scenario's                          */
    uint64_t seed;
    bool seed_set;
    size_t n_kpis;
    flow_kpi_t kpis[SWEEP_MAX_KPIS];
    size_t n_factors;
    sweep_factor_t factors[SWEEP_MAX_FACTORS];
    size_t n_points;            /* rows of the design                         */
    double *u;                  /* n_points x n_factors coordinates in [0,1)  */
    char *sets[SWEEP_MAX_SETS]; /* --set PATH=VALUE, before the reforms */
    size_t n_sets;
    char design_file[1024]; /* SWEEP_FILE: the CSV of points          */
    double *x;              /* SWEEP_FILE: n_points x n_factors values as read (range
                               factors take them as they are)                     */
} sweep_t;

/* What the command line changes (govsim sweep -r, --days, --seed, --set,
 * --design), as if the sweep file said it: replications, days and seed
 * replace the file's (the seed also seeds an lhs design); each --set
 * changes the scenario before the sweep's reforms and factors; design_csv
 * replaces the file's design by the points of a CSV file (relative to the
 * working folder, as any command-line path).  Zero/NULL: the file's. */
typedef struct sweep_overrides {
    size_t replications;
    int days;
    bool seed_set;
    uint64_t seed;
    const char *const *sets;
    size_t n_sets;
    const char *design_csv;
} sweep_overrides_t;

/* Read, check and lay out the sweep file `path`.  Returns 0 (free with
 * sweep_free), or -1 with a one-line message (s is then empty). */
int sweep_load(sweep_t *s, const char *path, char *err, size_t errlen);
/* The same with the command line's overrides (ov NULL: none).  An --set
 * that fails names --set and its path. */
int sweep_load_with(sweep_t *s, const char *path, const sweep_overrides_t *ov, char *err,
                    size_t errlen);
void sweep_free(sweep_t *s);

/* Read the points of s->design_file (SWEEP_FILE; sweep_csv.c), the
 * factors already read: a CSV file whose header names columns, one per
 * factor (by the factor's name; other columns, such as EMA Workbench's
 * index, scenario, policy and model, are ignored), a row per point.  A
 * range factor takes the number as written, which must lie within its
 * [lo, hi] (rounded when `whole`); a discrete or reforms factor takes one
 * of its levels, written as design.csv writes it.  Fills n_points, x and
 * u (a level's coordinate is its middle: (l + 0.5) / L).  Returns 0, or
 * -1 with "FILE:LINE: column 'NAME': what is wrong (what was expected)". */
int sweep_design_read(sweep_t *s, char *err, size_t errlen);

/* The name of a design ("grid", ...). */
const char *sweep_design_name(sweep_design_t d);

/* Level number (discrete and reforms factors, and ranges on a grid) of
 * factor j at point p. */
size_t sweep_level(const sweep_t *s, size_t p, size_t j);

/* The numeric value of factor j at point p: the range value, a discrete
 * number (booleans as 0/1), or the level number for text levels and
 * reforms (what regression and Sobol indices see). */
double sweep_value(const sweep_t *s, size_t p, size_t j);

/* The value as design.csv writes it: the number (shortest exact form), or
 * the text level / reform id. */
void sweep_value_text(const sweep_t *s, size_t p, size_t j, char *buf, size_t len);

/* Build point p's scenario into *out (free with scn_free), with the
 * sweep's days and seed.  *reform_cost receives the cost per year of the
 * reforms applied (the sweep's and a reforms factor's).  Returns 0, or -1
 * with a message. */
int sweep_build_point(const sweep_t *s, size_t p, scn_t *out, double *reform_cost, char *err,
                      size_t errlen);

#endif
