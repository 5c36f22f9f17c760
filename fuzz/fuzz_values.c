/*
 * fuzz_values.c - libFuzzer target: extreme numbers in a valid scenario.
 *
 * Random mutation of scenario text rarely yields a file that still passes
 * every check yet holds an extreme number (a per_day of 1e-300, a share of
 * 1e-200): most mutations break the syntax.  This target starts from a
 * valid scenario that uses every setting (tests/scenarios/good/full.cfg)
 * and reads the input as edits of its numbers: each record picks one
 * numeric setting (in the tree's order) and a value, either from a table
 * of edge values or 8 raw bytes (finite doubles only: a file cannot write
 * NaN or infinity), or rewrites one distribution text with such a value.
 * The edited tree then goes through scn_from_config (every check) and, if
 * accepted, a short run, as in fuzz_scn.c.  GOVSIM_FUZZ_VERBOSE=1 prints
 * the edits an input makes (to read a finding).
 */
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgr.h"
#include "fuzz_util.h"
#include "reform.h"
#include "scn.h"

#define FZ_BASE         "a/b/full.cfg"
#define FZ_MAX_SETTINGS 512

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    static const char *const fixtures[] = {"tests/scenarios/good/full.cfg", FZ_BASE,
                                           "tests/data/empirical_ok.csv", "data/empirical_ok.csv",
                                           NULL};
    fz_init(fixtures);
    return 0;
}

static const double EDGE[] = {
    0,    1e-300,    1e-200, 1e-100,    1e-20,  1e-9, 1e-6,       0.001,        0.1,
    0.5,  0.9999999, 1,      1.0000001, 2,      7,    24,         60,           365,
    1440, 3660,      10000,  1e5,       1e6,    1e9,  2147483647, 2147483648.0, 9007199254740992.0,
    1e18, 1e100,     1e300,  -1,        -1e-300};
#define N_EDGE (sizeof EDGE / sizeof *EDGE)

typedef struct settings {
    size_t n;
    config_setting_t *num[FZ_MAX_SETTINGS]; /* int, int64, float       */
    size_t n_text;
    config_setting_t *text[FZ_MAX_SETTINGS]; /* strings (distributions) */
} settings_t;

/* Every numeric and text scalar under s, depth first. */
static void collect(config_setting_t *s, settings_t *out) {
    int t = config_setting_type(s);
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT) {
        if (out->n < FZ_MAX_SETTINGS) out->num[out->n++] = s;
    } else if (t == CONFIG_TYPE_STRING) {
        const char *v = config_setting_get_string(s);
        if (v && strchr(v, '(') && out->n_text < FZ_MAX_SETTINGS) out->text[out->n_text++] = s;
    } else if (t == CONFIG_TYPE_GROUP || t == CONFIG_TYPE_LIST || t == CONFIG_TYPE_ARRAY) {
        for (int i = 0; i < config_setting_length(s); i++)
            collect(config_setting_get_elem(s, (unsigned)i), out);
    }
}

/* Set a numeric setting to v, keeping its type (skipped if it cannot hold
 * v: libconfig's own types, not govsim's checks, limit what a file says). */
static void set_number(config_setting_t *s, double v) {
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        if (v == floor(v) && v >= -2147483648.0 && v <= 2147483647.0)
            config_setting_set_int(s, (int)v);
        break;
    case CONFIG_TYPE_INT64:
        if (v == floor(v) && fabs(v) < 9.2e18) config_setting_set_int64(s, (long long)v);
        break;
    default:
        config_setting_set_float(s, v);
    }
}

/* Rewrite a distribution text with value v (form chosen by `form`). */
static void set_text(config_setting_t *s, unsigned form, double v) {
    char buf[128];
    switch (form % 6) {
    case 0:
        snprintf(buf, sizeof buf, "exp(%.17g)", v);
        break;
    case 1:
        snprintf(buf, sizeof buf, "const(%.17g)", v);
        break;
    case 2:
        snprintf(buf, sizeof buf, "lognormal(%.17g, %.17g)", v, v);
        break;
    case 3:
        snprintf(buf, sizeof buf, "gamma(30, %.17g)", v);
        break;
    case 4:
        snprintf(buf, sizeof buf, "triangular(0, %.17g, %.17g)", v, v * 2);
        break;
    default:
        snprintf(buf, sizeof buf, "weibull(%.17g, 30)", v);
        break;
    }
    config_setting_set_string(s, buf);
}

/* Record: [which setting][value selector]; selector >= 0xF0 takes the next
 * 8 bytes as a double; bit 0x80 of the first byte edits a distribution
 * text instead of a number. */
static void apply_edits(const uint8_t *d, size_t size, settings_t *st) {
    const char *verbose = getenv("GOVSIM_FUZZ_VERBOSE");
    size_t i = 0;
    while (i + 2 <= size) {
        uint8_t which = d[i], sel = d[i + 1];
        i += 2;
        double v;
        if (sel >= 0xF0) {
            if (i + 8 > size) return;
            memcpy(&v, d + i, 8);
            i += 8;
            if (!isfinite(v)) continue;
        } else {
            v = EDGE[sel % N_EDGE];
        }
        config_setting_t *at = NULL;
        if ((which & 0x80) && st->n_text > 0)
            set_text(at = st->text[(which & 0x7F) % st->n_text], sel, v);
        else if (st->n > 0) set_number(at = st->num[(which & 0x7F) % st->n], v);
        if (at && verbose && *verbose == '1') { /* to read a finding */
            char path[256];
            cfgr_path(at, path, sizeof path);
            fprintf(stderr, "edit: %s = %.17g\n", path, v);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char base[1024], err[2048];
    snprintf(base, sizeof base, "%s", fz_path(FZ_BASE));
    config_t tree;
    if (reform_load_scenario_tree(&tree, base, err, sizeof err) != 0)
        __builtin_trap(); /* the fixed base must load */
    static settings_t st;
    memset(&st, 0, sizeof st);
    collect(config_root_setting(&tree), &st);
    apply_edits(data, size, &st);
    scn_t s;
    if (scn_from_config(&s, &tree, base, err, sizeof err) == 0) {
        fz_run_short(&s, 2);
        scn_free(&s);
    } else if (strchr(err, '\n') || err[0] == '\0') {
        __builtin_trap();
    }
    config_destroy(&tree);
    return 0;
}
