/* --set PATH=VALUE on the command line: one `set` change of the reform
 * language, built in memory and applied like a reform's (reform.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "reform.h"

/* Where PATH ends: the first '=' outside brackets, or NULL. */
static const char *path_end(const char *expr) {
    int depth = 0;
    for (const char *p = expr; *p; p++) {
        if (*p == '[') depth++;
        else if (*p == ']' && depth > 0) depth--;
        else if (*p == '=' && depth == 0) return p;
    }
    return NULL;
}

/* The value text read as libconfig reads a value into `set` of group g:
 * a number, true/false or "text" as written; any other text as text.
 * Returns 0, or -1 when the value is not a single scalar. */
static int read_value(config_setting_t *g, const char *text) {
    config_t c;
    config_init(&c);
    config_set_auto_convert(&c, CONFIG_TRUE);
    size_t len = strlen(text) + 16;
    char *doc = malloc(len);
    int rc = -1;
    if (!doc) goto out;
    snprintf(doc, len, "set = %s;", text);
    config_setting_t *v = NULL;
    /* exactly one setting named set: "1; path = x" is text, not two */
    if (config_read_string(&c, doc) == CONFIG_TRUE &&
        config_setting_length(config_root_setting(&c)) == 1)
        v = config_setting_get_member(config_root_setting(&c), "set");
    int type = v ? config_setting_type(v) : CONFIG_TYPE_STRING;
    config_setting_t *out = config_setting_add(g, "set", type);
    if (!out) goto out;
    switch (type) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        rc = config_setting_set_int64(out, config_setting_get_int64(v)) == CONFIG_TRUE ? 0 : -1;
        break;
    case CONFIG_TYPE_FLOAT:
        rc = config_setting_set_float(out, config_setting_get_float(v)) == CONFIG_TRUE ? 0 : -1;
        break;
    case CONFIG_TYPE_BOOL:
        rc = config_setting_set_bool(out, config_setting_get_bool(v)) == CONFIG_TRUE ? 0 : -1;
        break;
    case CONFIG_TYPE_STRING:
        rc = config_setting_set_string(out, v ? config_setting_get_string(v) : text) == CONFIG_TRUE
                 ? 0
                 : -1;
        break;
    default:
        rc = -2; /* a list, array or group */
    }
out:
    free(doc);
    config_destroy(&c);
    return rc;
}

/* Make reform_apply_change's "--set:1: PATH: what" read
 * "--set 'EXPR': PATH: what". */
static void rename_source(const char *expr, char *err, size_t errlen) {
    static const char mark[] = "--set:1: ";
    if (strncmp(err, mark, sizeof mark - 1) != 0) return;
    char *rest = strdup(err + sizeof mark - 1);
    if (!rest) return;
    errmsg_format(err, errlen, "--set '%s': %s", expr, rest);
    free(rest);
}

int reform_set_apply(const char *expr, config_t *scenario, char *err, size_t errlen) {
    const char *eq = path_end(expr);
    if (!eq || eq == expr || eq[1] == '\0') {
        errmsg_format(err, errlen,
                      "--set '%s': %s (expected PATH=VALUE, e.g. "
                      "--set 'departments[id=tax].windows=4')",
                      expr,
                      !eq          ? "no '=' outside brackets"
                      : eq == expr ? "no path"
                                   : "no value");
        return -1;
    }
    size_t plen = (size_t)(eq - expr);
    if (plen >= REFORM_PATH_MAX) {
        errmsg_format(err, errlen, "--set '%.40s...': the path is too long (at most %d bytes)",
                      expr, REFORM_PATH_MAX - 1);
        return -1;
    }
    char path[REFORM_PATH_MAX];
    memcpy(path, expr, plen);
    path[plen] = '\0';
    config_t c;
    config_init(&c);
    config_setting_t *g = config_setting_add(config_root_setting(&c), "change", CONFIG_TYPE_GROUP);
    config_setting_t *p = g ? config_setting_add(g, "path", CONFIG_TYPE_STRING) : NULL;
    int rc = p && config_setting_set_string(p, path) == CONFIG_TRUE ? read_value(g, eq + 1) : -1;
    if (rc == -2)
        errmsg_format(err, errlen,
                      "--set '%s': %s: a list where a value belongs (expected a number, "
                      "true/false or text)",
                      expr, path);
    else if (rc != 0) errmsg_format(err, errlen, "--set '%s': out of memory", expr);
    else if ((rc = reform_apply_change("--set", 1, path, g, scenario, err, errlen)) != 0)
        rename_source(expr, err, errlen);
    config_destroy(&c);
    return rc == 0 ? 0 : -1;
}

void reform_set_blame(char *err, size_t errlen, const char *const *sets, size_t n_sets) {
    size_t used = strlen(err);
    for (size_t i = 0; i < n_sets && used + 1 < errlen; i++) {
        int w = snprintf(err + used, errlen - used, "%s--set '%s'%s", i ? ", " : " (after ",
                         sets[i], i + 1 == n_sets ? ")" : "");
        if (w < 0) break;
        used += (size_t)w;
    }
}
