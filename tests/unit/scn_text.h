/*
 * scn_text.h - a scenario read from text, for the unit tests that build
 * small scenarios inline (the file name in messages is "mem.cfg").
 */
#ifndef GOVSIM_TESTS_SCN_TEXT_H
#define GOVSIM_TESTS_SCN_TEXT_H

#include <check.h>
#include <libconfig.h>
#include <stddef.h>

#include "scn.h"

/* scn_from_config on `text`: 0, or -1 with the message in err; a text
 * libconfig cannot parse fails the test. */
static inline int load_text(scn_t *s, const char *text, char *err, size_t len) {
    config_t cfg;
    config_init(&cfg);
    config_set_auto_convert(&cfg, CONFIG_TRUE);
    if (config_read_string(&cfg, text) != CONFIG_TRUE)
        ck_abort_msg("test text does not parse: line %d: %s", config_error_line(&cfg),
                     config_error_text(&cfg));
    int rc = scn_from_config(s, &cfg, "mem.cfg", err, len);
    config_destroy(&cfg);
    return rc;
}

#endif
