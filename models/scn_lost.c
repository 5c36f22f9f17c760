/*
 * scn_lost.c - reading a service's `balk` setting (see scn_lost.h).
 */
#include "scn_lost.h"

#include <math.h>
#include <stdio.h>

#define BALK_MAX 1e6 /* longer lines than any hall holds: no balking */

static const cfgr_range_t R_BALK = {0, BALK_MAX, false, false, false};

int scn_read_balk(const cfgr_t *r, const config_setting_t *group, const char *base_dir, bool *has,
                  dist_t *out) {
    *has = false;
    config_setting_t *at = config_setting_get_member(group, "balk");
    if (!at) return 0;
    int type = config_setting_type(at);
    if (type == CONFIG_TYPE_STRING) {
        const char *text;
        char msg[512];
        if (cfgr_string_value(r, at, 1024, &text) != 0) return -1;
        if (dist_parse(out, text, base_dir, msg, sizeof msg) != 0)
            return cfgr_fail(r, at,
                             "%s (expected a number of citizens >= 0, or a distribution "
                             "of the line length citizens accept, e.g. \"uniform(5, 20)\")",
                             msg);
        *has = true;
        return 0;
    }
    double n;
    if (cfgr_number_value(r, at, &R_BALK, &n) != 0) return -1;
    char text[64];
    snprintf(text, sizeof text, "const(%.17g)", n);
    if (dist_parse(out, text, NULL, NULL, 0) != 0) return cfgr_fail(r, at, "out of memory");
    *has = true;
    return 0;
}
