/* A reform part-way in (rollout.h). */
#include "rollout.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

static bool is_number(int t) {
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s) {
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(s);
    case CONFIG_TYPE_INT64:
        return (double)config_setting_get_int64(s);
    default:
        return config_setting_get_float(s);
    }
}

/* Copy scalar `from`'s value into scalar `to` (same type). */
static void copy_scalar(config_setting_t *to, const config_setting_t *from) {
    switch (config_setting_type(from)) {
    case CONFIG_TYPE_INT:
        config_setting_set_int(to, config_setting_get_int(from));
        break;
    case CONFIG_TYPE_INT64:
        config_setting_set_int64(to, config_setting_get_int64(from));
        break;
    case CONFIG_TYPE_FLOAT:
        config_setting_set_float(to, config_setting_get_float(from));
        break;
    case CONFIG_TYPE_BOOL:
        config_setting_set_bool(to, config_setting_get_bool(from));
        break;
    case CONFIG_TYPE_STRING:
        config_setting_set_string(to, config_setting_get_string(from));
        break;
    default:
        break;
    }
}

/* Scalar a (before) moves the share f toward b (after); then b = a. */
static void blend_scalar(config_setting_t *a, config_setting_t *b, double f) {
    int t = config_setting_type(a);
    if (is_number(t) && is_number(config_setting_type(b))) {
        double x = number_of(a), y = number_of(b);
        if (x == y) return;
        double v = x + f * (y - x);
        if (t == CONFIG_TYPE_INT) config_setting_set_int(a, (int)lround(v));
        else if (t == CONFIG_TYPE_INT64) config_setting_set_int64(a, (long long)llround(v));
        else config_setting_set_float(a, v);
        if (config_setting_type(b) == t) copy_scalar(b, a);
        else config_setting_set_float(b, number_of(a));
        return;
    }
    if (f >= 0.5 && t == config_setting_type(b)) copy_scalar(a, b);
    else copy_scalar(b, a);
}

static void blend(config_setting_t *a, config_setting_t *b, double f);

/* The members of group b absent from group a (created by the patch):
 * added to a from f >= 0.5 on (scalars only: patches create nothing
 * else), removed from b otherwise. */
static void blend_created(config_setting_t *a, config_setting_t *b, double f) {
    for (int i = 0; i < config_setting_length(b);) {
        config_setting_t *m = config_setting_get_elem(b, (unsigned)i);
        const char *name = config_setting_name(m);
        if (!name || config_setting_get_member(a, name)) {
            i++;
            continue;
        }
        int t = config_setting_type(m);
        if (f >= 0.5 && config_setting_is_scalar(m)) {
            config_setting_t *n = config_setting_add(a, name, t);
            if (n) copy_scalar(n, m);
            i++;
        } else {
            config_setting_remove_elem(b, (unsigned)i);
        }
    }
}

static void blend(config_setting_t *a, config_setting_t *b, double f) {
    if (config_setting_is_scalar(a)) {
        if (config_setting_is_scalar(b)) blend_scalar(a, b, f);
        return;
    }
    if (config_setting_is_group(a) && config_setting_is_group(b)) {
        for (int i = 0; i < config_setting_length(a); i++) {
            config_setting_t *m = config_setting_get_elem(a, (unsigned)i);
            config_setting_t *n = config_setting_get_member(b, config_setting_name(m));
            if (n) blend(m, n, f);
        }
        blend_created(a, b, f);
        return;
    }
    int n = config_setting_length(a);
    if (config_setting_length(b) < n) n = config_setting_length(b);
    for (int i = 0; i < n; i++)
        blend(config_setting_get_elem(a, (unsigned)i), config_setting_get_elem(b, (unsigned)i), f);
}

int rollout_apply(const reform_t *r, double f, config_t *tree, config_t *twin, char *err,
                  size_t errlen) {
    if (f <= 0) return 0;
    if (reform_apply(r, twin, err, errlen) != 0) return -1;
    if (f >= 1) return reform_apply(r, tree, err, errlen);
    blend(config_root_setting(tree), config_root_setting(twin), f);
    return 0;
}
