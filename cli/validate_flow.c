/*
 * validate_flow.c - scenarios for `govsim validate` (validate_flow.h).
 */
#include "validate_flow.h"

#include <libconfig.h>
#include <math.h>
#include <stdio.h>

#define ERLANG_A_TEXT                                                                              \
    "scenario = { id = \"erlang_a\"; name = \"M/M/c+M\"; days = %d; warmup_days = 1;\n"            \
    "             replications = 10; seed = 1L; };\n"                                              \
    "calendar = { hours = [\"00:00-24:00\"]; workdays = [1, 2, 3, 4, 5, 6, 7]; };\n"               \
    "regions = ( { id = \"city\"; } );\n"                                                          \
    "departments = ( { id = \"hall\"; staff = 0; windows = %u; } );\n"                             \
    "services = ( { id = \"visit\"; per_day = %.17g; online_share = 0.0; limit_days = 1.0;\n"      \
    "               patience = %.17g; never_return = 1.0;\n"                                       \
    "               steps = ( { id = \"serve\"; at = \"hall\"; front = true;\n"                    \
    "                           work = \"exp(%.17g)\"; } ); } );\n"

#define TWO_SHIFT_TEXT                                                                             \
    "scenario = { id = \"two_shift\"; name = \"two-shift M/M/c\"; days = %d; warmup_days = 7;\n"   \
    "             replications = 10; seed = 1L; };\n"                                              \
    "calendar = { hours = [\"00:00-24:00\"]; workdays = [1, 2, 3, 4, 5, 6, 7]; };\n"               \
    "regions = ( { id = \"city\"; } );\n"                                                          \
    "departments = ( { id = \"hall\"; staff = 0; windows = %u;\n"                                  \
    "    roster = ( { days = \"weekend\"; windows = ( (\"00:00-24:00\", %u) ); } ); } );\n"        \
    "services = ( { id = \"visit\"; per_day = %.17g; online_share = 0.0; limit_days = 1.0;\n"      \
    "               steps = ( { id = \"serve\"; at = \"hall\"; front = true;\n"                    \
    "                           work = \"exp(%.17g)\"; } ); } );\n"

/* Parse scenario text built here into *s (path names it in messages). */
static int from_text(scn_t *s, const char *text, const char *path, char *err, size_t errlen) {
    config_t cfg;
    config_init(&cfg);
    int rc = -1;
    if (config_read_string(&cfg, text) != CONFIG_TRUE)
        snprintf(err, errlen, "%s: line %d: %s", path, config_error_line(&cfg),
                 config_error_text(&cfg));
    else rc = scn_from_config(s, &cfg, path, err, errlen);
    config_destroy(&cfg);
    return rc;
}

int validate_two_shift_scenario(scn_t *s, double lambda, double mu, unsigned c_weekday,
                                unsigned c_weekend, int weeks, char *err, size_t errlen) {
    char text[2048];
    snprintf(text, sizeof text, TWO_SHIFT_TEXT, 7 * weeks, c_weekday, c_weekend, lambda * 1440.0,
             1.0 / mu);
    return from_text(s, text, "validate:two_shift", err, errlen);
}

int validate_erlang_a_scenario(scn_t *s, double lambda, double mu, unsigned c, double theta,
                               double days, char *err, size_t errlen) {
    char text[2048];
    snprintf(text, sizeof text, ERLANG_A_TEXT, (int)ceil(days), c, lambda * 1440.0, 1.0 / theta,
             1.0 / mu);
    return from_text(s, text, "validate:erlang_a", err, errlen);
}

#define HOTLINE_TEXT                                                                               \
    "scenario = { id = \"hotline_erlang_a\"; name = \"12345 hotline as M/M/c+M\"; days = %d;\n"    \
    "             warmup_days = 1; replications = 10; seed = 1L; };\n"                             \
    "calendar = { hours = [\"00:00-24:00\"]; workdays = [1, 2, 3, 4, 5, 6, 7]; };\n"               \
    "regions = ( { id = \"city\"; } );\n"                                                          \
    "departments = ( { id = \"hall\"; staff = 1; windows = 1; } );\n"                              \
    "services = ( { id = \"visit\"; per_day = 1.0; online_share = 0.0; limit_days = 1.0;\n"        \
    "               steps = ( { id = \"serve\"; at = \"hall\"; front = true;\n"                    \
    "                           work = \"exp(1)\"; } ); } );\n"                                    \
    "hotline = { calls_per_day = %.17g; hours = \"00:00-24:00\"; operators = %u;\n"                \
    "            talk = \"exp(%.17g)\"; patience = %.17g; appeal_share = 0.0; };\n"

int validate_hotline_scenario(scn_t *s, double lambda, double mu, unsigned c, double theta,
                              double days, char *err, size_t errlen) {
    char text[2048];
    snprintf(text, sizeof text, HOTLINE_TEXT, (int)ceil(days), lambda * 1440.0, c, 1.0 / mu,
             1.0 / theta);
    return from_text(s, text, "validate:hotline", err, errlen);
}
