/*
 * reform.h - reforms as patches to a scenario's libconfig tree.
 *
 * A reform (docs/reforms.md) is a libconfig file: a `reform` group that
 * says what it is and what it costs, and a list of `changes`, each a path
 * into the scenario ("departments[region=harbin].windows") and one
 * operation (set, scale or add) with optional min/max clamps.  Reforms are
 * applied to the parsed scenario TREE, before scn_from_config builds the
 * model, so the scenario's own validation checks the patched result: a
 * reform cannot produce a scenario the loader would have refused.
 *
 *     config_t cfg;
 *     reform_load_scenario_tree(&cfg, "scenarios/x.cfg", err, len);
 *     reform_apply(&reform_a, &cfg, err, len);   // in order: A, then B
 *     reform_apply(&reform_b, &cfg, err, len);
 *     scn_from_config(&scn, &cfg, "scenarios/x.cfg", err, len);
 *     config_destroy(&cfg);
 *
 * reform_load checks everything that can be checked without a scenario
 * (unknown settings, types, exactly one operation, numeric clamps, path
 * syntax); reform_apply checks the rest (the path matches something, the
 * value's type fits the setting).  Every message is one line,
 *     REFORM_FILE:LINE: changes[N].SETTING: what is wrong
 * where LINE is the line of the change in the reform file.
 */
#ifndef GOVSIM_REFORM_H
#define GOVSIM_REFORM_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#define REFORM_ID_MAX       48
#define REFORM_NAME_MAX     128
#define REFORM_TEXT_MAX     1024
#define REFORM_PROPOSAL_MAX 256
#define REFORM_PATH_MAX     1024

typedef struct reform {
    char id[REFORM_ID_MAX];
    char name[REFORM_NAME_MAX];
    char name_zh[REFORM_NAME_MAX]; /* Chinese name, "" if none       */
    char description[REFORM_TEXT_MAX];
    char description_zh[REFORM_TEXT_MAX]; /* Chinese description, "" if none */
    char proposal[REFORM_PROPOSAL_MAX];   /* the seed proposal it implements */
    double cost_per_year, one_off_cost;   /* yuan                             */
    char path[REFORM_PATH_MAX];           /* file it came from                */
    config_t cfg;                         /* the parsed file, owned           */
} reform_t;

/* ------------------------------------------------------------ reforms */

/* Parse and validate the reform file `path`.  Returns 0 and fills *r (free
 * with reform_free), or -1 with a one-line "FILE:LINE: SETTING: ..."
 * message in err; on error *r is left empty (reform_free is then a no-op,
 * and safe). */
int reform_load(reform_t *r, const char *path, char *err, size_t errlen);

/* Apply r's changes, in order, to `scenario` (a tree from
 * reform_load_scenario_tree or any config_t read with auto-convert on).
 * Returns 0, or -1 with a message naming the reform file, the line of the
 * failing change and what is wrong.  On error the tree may be partly
 * changed (earlier changes, and earlier matches of the failing one, stay
 * applied): the caller must discard it.  Applying A then B is the same as
 * applying one reform whose changes are A's followed by B's. */
int reform_apply(const reform_t *r, config_t *scenario, char *err, size_t errlen);

/* reform_apply, and *moved set to how many settings its changes gave a new
 * value (a change to a setting that already has that value moves nothing). */
int reform_apply_counted(const reform_t *r, config_t *scenario, size_t *moved, char *err,
                         size_t errlen);

/* Whether r is already in place where reform_apply_counted found `moved`
 * settings to change: it has changes and none gave a setting a new value.
 * A reform with no changes (a control, or a cost with no modelled effect)
 * is not. */
bool reform_in_place(const reform_t *r, size_t moved);

/* Apply one change group { path = "..."; set|scale|add = VALUE; [min = ..;]
 * [max = ..;] } (as in a reform file, but possibly built in memory) to
 * `scenario`.  Messages read "FILE:LINE: WHERE: what is wrong", naming
 * where the change was written (a sweep file's factor).  The group must
 * have a string `path` and exactly one operation (asserted).  Returns 0 or
 * -1, with reform_apply's caveat on a partly changed tree. */
int reform_apply_change(const char *file, int line, const char *where,
                        const config_setting_t *change, config_t *scenario, char *err,
                        size_t errlen);

/* Release what reform_load allocated; safe on an empty (zeroed or failed)
 * reform and on NULL. */
void reform_free(reform_t *r);

/* ------------------------------------------------------------ scenarios */

/* config_init `cfg` and read the scenario `path` into it with auto-convert
 * on (and the checks of cfgr_read_file: syntax errors as FILE:LINE, 32-bit
 * integer wrap).  Returns 0, or -1 with a message; whatever the result the
 * caller must config_destroy(cfg). */
int reform_load_scenario_tree(config_t *cfg, const char *path, char *err, size_t errlen);

/* ------------------------------------------------ the command line */

/* Apply `expr`, "PATH=VALUE" (govsim --set; reform_set.c), to `scenario`
 * as a change { path = PATH; set = VALUE; } of a reform.  PATH ends at
 * the first '=' outside brackets (departments[id=tax].windows=4);
 * VALUE is read as libconfig reads a value (4, 0.5, true, "text"), and
 * as text when it is not one (--set name=Xuzhou).  Returns 0, or -1
 * with a one-line message in err, "--set 'EXPR': PATH: what is wrong"
 * (nothing matched, a type that does not fit, no '=', an empty path or
 * value, a list where a value belongs); on error the tree may be partly
 * changed (as reform_apply). */
int reform_set_apply(const char *expr, config_t *scenario, char *err, size_t errlen);

/* Append " (after --set 'A', --set 'B')" to err (cut to errlen): a
 * scenario the loader refuses once --set changed it says so.  Can't
 * fail; nothing is appended when n_sets is 0. */
void reform_set_blame(char *err, size_t errlen, const char *const *sets, size_t n_sets);

#endif
