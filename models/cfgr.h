/*
 * cfgr.h - reading a libconfig tree with messages people can act on.
 *
 * libconfig parses; it does not tell a user that `staf = 12;` is a typo, that
 * `days = "180";` is text where a number belongs, or that `5000000000` was
 * silently wrapped to 705032704 by libconfig 1.5.  This module does, for
 * every kind of govsim input file (scenarios now; reforms and sweeps later).
 *
 * Every message is one line,
 *     FILE:LINE: SETTING: what is wrong (what was expected)
 * where LINE is the line of the offending setting (of its group when the
 * setting is missing) and SETTING its path from the root, list indices in
 * brackets: `services[0].steps[1].at`.  Each reader returns 0, or -1 after
 * writing such a message into the caller's buffer, so callers chain them
 * with `if (cfgr_...(...) != 0) return -1;` and stop at the first error.
 *
 * Numbers are checked against a range written as data (cfgr_range_t), and
 * the same range produces the "(expected ...)" text, so a message can never
 * disagree with the check it reports.
 */
#ifndef GOVSIM_CFGR_H
#define GOVSIM_CFGR_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CFGR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CFGR_PRINTF(f, a)
#endif

/* Where messages go.  `file` names the input in messages (a setting read
 * from an @include'd file is named by that file instead). */
typedef struct cfgr {
    const char *file;
    char *err;
    size_t errlen;
    int line;          /* > 0: cfgr_fail reports this line, and        */
    const char *where; /* non-NULL: this setting name, instead of the
                          setting's own (for trees built in memory
                          from a change written elsewhere: sweeps)     */
} cfgr_t;

/* A closed or half-open interval of allowed values; `whole` also requires
 * an integer.  Use -HUGE_VAL / HUGE_VAL for "no bound". */
typedef struct cfgr_range {
    double lo, hi;
    bool lo_open, hi_open; /* exclude the bound itself                  */
    bool whole;            /* integers only                             */
} cfgr_range_t;

/* ------------------------------------------------------------ files */

/* Parse `path` into cfg (which the caller has config_init'ed and will
 * config_destroy whatever happens), with auto-convert on, then look for
 * integer literals that libconfig 1.5 silently wraps (above 2^31 without
 * the L suffix, or beyond 64 bits with it).  Returns 0, or -1 with
 * "FILE: cannot read: ...", "FILE:LINE: syntax error: ..." or a message on
 * the wrapped setting. */
int cfgr_read_file(const cfgr_t *r, config_t *cfg, const char *path);

/* ------------------------------------------------------------ messages */

/* "FILE:LINE: SETTING: <fmt>" about setting `at`; returns -1. */
int cfgr_fail(const cfgr_t *r, const config_setting_t *at, const char *fmt, ...) CFGR_PRINTF(3, 4);

/* "FILE:LINE: GROUP.NAME: missing (expected ...)" where LINE is the line
 * of `group`; returns -1. */
int cfgr_fail_missing(const cfgr_t *r, const config_setting_t *group, const char *name,
                      const char *expected);

/* The file name `rel`, the value of setting `at`, resolved against the
 * folder of the file `base` into out[0 .. len) (base/path.h).  Returns 0,
 * or -1 with "FILE:LINE: SETTING: '...' is too long once resolved ..."
 * when it does not fit: refused by the setting's name, never cut short
 * into another file's name. */
int cfgr_resolve_path(const cfgr_t *r, const config_setting_t *at, const char *base,
                      const char *rel, char *out, size_t len);

/* The path of `s` from the root ("services[0].steps[1].at"; "" for the
 * root), always NUL-terminated. */
void cfgr_path(const config_setting_t *s, char *buf, size_t len);

/* The line of `s`, or of its nearest ancestor that has one (settings added
 * by a patch have none); 1 if none has. */
int cfgr_line(const config_setting_t *s);

/* "expected" text for a range: "a whole number from 1 to 3660",
 * "a number > 0", "a number >= 0 and < 1". */
void cfgr_describe_range(const cfgr_range_t *rg, char *buf, size_t len);

/* ------------------------------------------------------------ structure */

/* Every member of `group` must be named in `allowed` (NULL-terminated);
 * otherwise "unknown setting (did you mean 'staff'? allowed here: ...)".
 * `group` must be a group. */
int cfgr_check_keys(const cfgr_t *r, const config_setting_t *group, const char *const *allowed);

/* Member `name` of `group` that must be a group { }.  Missing: *out = NULL
 * and 0 when optional, an error when required. */
int cfgr_group(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
               config_setting_t **out);

/* Member `name` of `group` that must be a list ( ) with min..max elements
 * (an empty array [] counts as an empty list); `what` names the elements
 * in messages ("departments").  Missing: as cfgr_group. */
int cfgr_list(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
              size_t min, size_t max, const char *what, config_setting_t **out);

/* Like cfgr_list, for a sequence of scalars: an array [ ] or a list ( ). */
int cfgr_sequence(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
                  size_t min, size_t max, const char *what, config_setting_t **out);

/* Element i of a list that must itself be a group (e.g. one department). */
int cfgr_elem_group(const cfgr_t *r, const config_setting_t *list, size_t i, const char *example,
                    config_setting_t **out);

/* ------------------------------------------------------------ values */

/* The value of setting `s` as a number within `rg`. */
int cfgr_number_value(const cfgr_t *r, const config_setting_t *s, const cfgr_range_t *rg,
                      double *out);

/* The value of setting `s` as text of at most `max_len` bytes. */
int cfgr_string_value(const cfgr_t *r, const config_setting_t *s, size_t max_len, const char **out);

/* The value of setting `s` as an identifier: 1..max_len characters from
 * a-z, 0-9 and _. */
int cfgr_id_value(const cfgr_t *r, const config_setting_t *s, size_t max_len, const char **out);

/* Member `name` of `group` as a number within `rg` (*out = dflt when
 * missing and not required).  *at (may be NULL) receives the setting, or
 * NULL when it was missing. */
int cfgr_number(const cfgr_t *r, const config_setting_t *group, const char *name,
                const cfgr_range_t *rg, bool required, double dflt, double *out,
                config_setting_t **at);

/* Same for an int (rg must be whole and within int). */
int cfgr_int(const cfgr_t *r, const config_setting_t *group, const char *name,
             const cfgr_range_t *rg, bool required, int dflt, int *out);

/* Same for a 64-bit integer from lo to INT64_MAX (an integer written with
 * or without L, or a whole float below 2^53). */
int cfgr_int64(const cfgr_t *r, const config_setting_t *group, const char *name, int64_t lo,
               bool required, int64_t dflt, int64_t *out);

/* true or false. */
int cfgr_bool(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
              bool dflt, bool *out, config_setting_t **at);

/* Text of at most `max_len` bytes (*out = dflt, which may be NULL, when
 * missing and not required; then *at = NULL). */
int cfgr_string(const cfgr_t *r, const config_setting_t *group, const char *name, bool required,
                size_t max_len, const char *dflt, const char **out, config_setting_t **at);

/* An identifier (see cfgr_id_value); always required. */
int cfgr_id(const cfgr_t *r, const config_setting_t *group, const char *name, size_t max_len,
            const char **out, config_setting_t **at);

/* One-line list of `names` (n of them, `stride` bytes apart) for "known:"
 * texts: "a, b, c", cut with ", ... (N in all)" when long. */
void cfgr_join_names(const char *names, size_t n, size_t stride, char *buf, size_t len);

/* The element of `list` (whose texts are text[0..n)) that `msg` quotes
 * first, as 'TEXT', or `list` itself: a checker that names the bad
 * interval ("'12:00-09:00' ends before it starts") then points the
 * message at that element's line. */
const config_setting_t *cfgr_blame_quoted(const config_setting_t *list, const char *const *text,
                                          size_t n, const char *msg);

#endif
