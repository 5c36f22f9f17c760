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

int validate_erlang_a_scenario(scn_t *s, double lambda, double mu, unsigned c, double theta,
                               double days, char *err, size_t errlen) {
    char text[2048];
    snprintf(text, sizeof text, ERLANG_A_TEXT, (int)ceil(days), c, lambda * 1440.0, 1.0 / theta,
             1.0 / mu);
    config_t cfg;
    config_init(&cfg);
    int rc = -1;
    if (config_read_string(&cfg, text) != CONFIG_TRUE)
        snprintf(err, errlen, "validate: erlang_a scenario: line %d: %s", config_error_line(&cfg),
                 config_error_text(&cfg));
    else rc = scn_from_config(s, &cfg, "validate:erlang_a", err, errlen);
    config_destroy(&cfg);
    return rc;
}
