#include "reform.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgr.h"

/* Limits of the path language (docs/reforms.md); longer paths are errors. */
#define MAX_SEGMENTS  32
#define MAX_FILTERS   4
#define NAME_MAX_LEN  63  /* a setting name or filter key        */
#define VALUE_MAX_LEN 127 /* a filter value                      */
#define SHOWN_VALUES  12  /* distinct values quoted in a message */
#define REASON_LEN    1280
#define SPOT_LEN      384

/* ------------------------------------------------------------ paths */

typedef enum { SEG_NAME, SEG_STAR, SEG_INDEX } seg_kind_t;

typedef struct filter {
    char key[NAME_MAX_LEN + 1];
    char value[VALUE_MAX_LEN + 1];
} filter_t;

typedef struct segment {
    seg_kind_t kind;
    char name[NAME_MAX_LEN + 1]; /* SEG_NAME                              */
    unsigned index;              /* SEG_INDEX                             */
    size_t n_filters;            /* SEG_NAME only                         */
    filter_t filters[MAX_FILTERS];
    size_t end; /* offset just past it in the text      */
} segment_t;

typedef struct path {
    size_t n;
    segment_t seg[MAX_SEGMENTS];
} path_t;

static bool is_name_start(char c) { return isalpha((unsigned char)c) != 0; }
static bool is_name_char(char c) { return isalnum((unsigned char)c) != 0 || c == '_' || c == '-'; }

/* Copies text[*pos..] while accept(c) into buf (at most max chars); returns
 * the length read, or -1 when longer than max. */
static int read_run(const char *text, size_t *pos, bool (*accept)(char), char *buf, size_t max) {
    size_t n = 0;
    while (text[*pos] && accept(text[*pos])) {
        if (n == max) return -1;
        buf[n++] = text[(*pos)++];
    }
    buf[n] = '\0';
    return (int)n;
}

static bool is_value_char(char c) { return c != ']' && c != '[' && c != '\0'; }

/* One "[key=value]" at text[*pos] (which is '['). */
static int parse_filter(const char *text, size_t *pos, filter_t *f, char *why, size_t len) {
    size_t open = *pos;
    (*pos)++;
    int n = read_run(text, pos, is_name_char, f->key, NAME_MAX_LEN);
    if (n < 0) {
        snprintf(why, len, "filter key longer than %d characters at character %zu", NAME_MAX_LEN,
                 open + 2);
        return -1;
    }
    if (n == 0 || text[*pos] != '=') {
        if (text[*pos] == '\0') snprintf(why, len, "unterminated '[' at character %zu", open + 1);
        else snprintf(why, len, "expected key=value after '[' at character %zu", open + 1);
        return -1;
    }
    (*pos)++;
    n = read_run(text, pos, is_value_char, f->value, VALUE_MAX_LEN);
    if (n < 0) {
        snprintf(why, len, "filter value longer than %d characters at character %zu", VALUE_MAX_LEN,
                 open + 1);
        return -1;
    }
    if (text[*pos] != ']') {
        snprintf(why, len,
                 text[*pos] ? "unexpected '[' inside the filter at character %zu"
                            : "unterminated '[' at character %zu",
                 text[*pos] ? *pos + 1 : open + 1);
        return -1;
    }
    if (n == 0) {
        snprintf(why, len, "empty value in '[%s=]' at character %zu", f->key, open + 1);
        return -1;
    }
    (*pos)++;
    return 0;
}

/* The head of one segment: a name, '*' or an index. */
static int parse_head(const char *text, size_t *pos, segment_t *s, char *why, size_t len) {
    size_t at = *pos;
    char c = text[at];
    if (c == '*') {
        s->kind = SEG_STAR;
        (*pos)++;
        return 0;
    }
    if (isdigit((unsigned char)c)) {
        unsigned long v = 0;
        while (isdigit((unsigned char)text[*pos])) {
            v = v * 10 + (unsigned long)(text[(*pos)++] - '0');
            if (v > INT_MAX) {
                snprintf(why, len, "index too large at character %zu", at + 1);
                return -1;
            }
        }
        s->kind = SEG_INDEX;
        s->index = (unsigned)v;
        return 0;
    }
    if (!is_name_start(c)) {
        if (c == '.' || c == '\0') snprintf(why, len, "empty name at character %zu", at + 1);
        else snprintf(why, len, "unexpected '%c' at character %zu", c, at + 1);
        return -1;
    }
    s->kind = SEG_NAME;
    if (read_run(text, pos, is_name_char, s->name, NAME_MAX_LEN) < 0) {
        snprintf(why, len, "name longer than %d characters at character %zu", NAME_MAX_LEN, at + 1);
        return -1;
    }
    return 0;
}

/* Parses the path language of docs/reforms.md; on error writes why (with
 * the 1-based character) and returns -1. */
static int parse_path(const char *text, path_t *p, char *why, size_t len) {
    memset(p, 0, sizeof *p);
    size_t pos = 0;
    if (!*text) {
        snprintf(why, len, "empty path");
        return -1;
    }
    for (;;) {
        if (p->n == MAX_SEGMENTS) {
            snprintf(why, len, "more than %d segments", MAX_SEGMENTS);
            return -1;
        }
        segment_t *s = &p->seg[p->n];
        size_t start = pos;
        if (parse_head(text, &pos, s, why, len) != 0) return -1;
        if (p->n == 0 && s->kind != SEG_NAME) {
            snprintf(why, len,
                     "a path starts with the name of a top-level "
                     "setting, not '%c'",
                     text[0]);
            return -1;
        }
        while (text[pos] == '[') {
            if (s->kind != SEG_NAME) {
                snprintf(why, len,
                         "a filter must follow a list's name, at "
                         "character %zu",
                         pos + 1);
                return -1;
            }
            if (s->n_filters == MAX_FILTERS) {
                snprintf(why, len, "more than %d filters at character %zu", MAX_FILTERS, start + 1);
                return -1;
            }
            if (parse_filter(text, &pos, &s->filters[s->n_filters++], why, len) != 0) return -1;
        }
        s->end = pos;
        p->n++;
        if (text[pos] == '\0') return 0;
        if (text[pos] != '.') {
            snprintf(why, len, "unexpected '%c' at character %zu", text[pos], pos + 1);
            return -1;
        }
        pos++;
    }
}

/* ------------------------------------------------------------ settings */

/* A growable list of matched settings. */
typedef struct matches {
    config_setting_t **v;
    size_t n, cap;
} matches_t;

static int matches_push(matches_t *m, config_setting_t *s) {
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 16;
        config_setting_t **v = realloc(m->v, cap * sizeof(void *)); /* array of pointers */
        if (!v) return -1;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = s;
    return 0;
}

static bool is_number_type(int t) {
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}
static bool is_scalar_type(int t) {
    return is_number_type(t) || t == CONFIG_TYPE_BOOL || t == CONFIG_TYPE_STRING;
}
static bool is_sequence(const config_setting_t *s) {
    return config_setting_is_list(s) || config_setting_is_array(s);
}

static double number_of(const config_setting_t *s) {
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(s);
    case CONFIG_TYPE_INT64:
        return (double)config_setting_get_int64(s);
    case CONFIG_TYPE_FLOAT:
        return config_setting_get_float(s);
    default:
        assert(!"not a number");
        return NAN;
    }
}

static const char *type_text(int t) {
    switch (t) {
    case CONFIG_TYPE_INT:
        return "a whole number";
    case CONFIG_TYPE_INT64:
        return "a 64-bit whole number";
    case CONFIG_TYPE_FLOAT:
        return "a number";
    case CONFIG_TYPE_BOOL:
        return "true or false";
    case CONFIG_TYPE_STRING:
        return "text";
    case CONFIG_TYPE_GROUP:
        return "a group";
    case CONFIG_TYPE_LIST:
        return "a list";
    case CONFIG_TYPE_ARRAY:
        return "an array";
    default:
        return "nothing";
    }
}

/* A scalar as the user would write it in a filter: "harbin", 3, 0.5. */
static void value_text(const config_setting_t *s, char *buf, size_t len) {
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_STRING:
        snprintf(buf, len, "%s", config_setting_get_string(s));
        break;
    case CONFIG_TYPE_INT:
        snprintf(buf, len, "%d", config_setting_get_int(s));
        break;
    case CONFIG_TYPE_INT64:
        snprintf(buf, len, "%lld", config_setting_get_int64(s));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, len, "%.10g", config_setting_get_float(s));
        break;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, len, "%s", config_setting_get_bool(s) ? "true" : "false");
        break;
    default:
        snprintf(buf, len, "(%s)", type_text(config_setting_type(s)));
    }
}

/* Whether setting m equals the filter value: text by text, numbers by
 * value (3 matches 3.0), bools by true/false. */
static bool value_matches(const config_setting_t *m, const char *want) {
    int t = config_setting_type(m);
    if (t == CONFIG_TYPE_STRING) return strcmp(config_setting_get_string(m), want) == 0;
    if (t == CONFIG_TYPE_BOOL)
        return strcmp(want, config_setting_get_bool(m) ? "true" : "false") == 0;
    if (!is_number_type(t)) return false;
    char *end;
    double d = strtod(want, &end);
    return *end == '\0' && end != want && isfinite(d) && number_of(m) == d;
}

/* Where a scenario setting is, for messages: "departments[0].staff
 * (scenarios/x.cfg:27)"; settings a reform created have no line. */
static void spot(const config_setting_t *s, char *buf, size_t len) {
    char path[256];
    cfgr_path(s, path, sizeof path);
    const char *file = config_setting_source_file(s);
    unsigned line = config_setting_source_line(s);
    if (file && line > 0)
        snprintf(buf, len, "'%s' (%s:%u)", *path ? path : "(top level)", file, line);
    else snprintf(buf, len, "'%s'", *path ? path : "(top level)");
}

/* "a, b, c" of a group's member names, cut after SHOWN_VALUES. */
static void member_names(const config_setting_t *g, char *buf, size_t len) {
    buf[0] = '\0';
    size_t used = 0;
    int n = config_setting_length(g);
    for (int i = 0; i < n && used < len; i++) {
        const char *name = config_setting_name(config_setting_get_elem(g, (unsigned)i));
        int w = i == SHOWN_VALUES ? snprintf(buf + used, len - used, ", ...")
                                  : snprintf(buf + used, len - used, "%s%s", i ? ", " : "", name);
        if (w < 0 || i == SHOWN_VALUES) break;
        used += (size_t)w;
    }
}

/* The distinct values of member `key` among the groups in m, for "values
 * there: ..." texts; returns how many elements have the key. */
static size_t key_values(const matches_t *m, const char *key, char *buf, size_t len) {
    char seen[SHOWN_VALUES][64];
    size_t n_seen = 0, n_with = 0, used = 0;
    bool cut = false;
    buf[0] = '\0';
    for (size_t i = 0; i < m->n; i++) {
        const config_setting_t *k =
            config_setting_is_group(m->v[i]) ? config_setting_get_member(m->v[i], key) : NULL;
        if (!k) continue;
        n_with++;
        char v[64];
        value_text(k, v, sizeof v);
        bool dup = false;
        for (size_t j = 0; j < n_seen && !dup; j++) dup = strcmp(seen[j], v) == 0;
        if (dup) continue;
        if (n_seen == SHOWN_VALUES) {
            cut = true;
            continue;
        }
        memcpy(seen[n_seen++], v, sizeof v);
        int w = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", v);
        if (w < 0 || (size_t)w >= len - used) break;
        used += (size_t)w;
    }
    if (cut && used + 5 < len) snprintf(buf + used, len - used, ", ...");
    return n_with;
}

/* "department" for elements of "departments"; "element of 'x'" when the
 * name is no plural. */
static void element_word(const char *list, char *buf, size_t len) {
    size_t n = strlen(list);
    if (n > 1 && list[n - 1] == 's' && list[n - 2] != 's')
        snprintf(buf, len, "%.*s", (int)(n - 1), list);
    else snprintf(buf, len, "element of '%s'", list);
}

/* ------------------------------------------------------------ matching */

/* What one change is being applied with: where messages go and what they
 * quote. */
typedef struct walk {
    const cfgr_t *r;
    const config_setting_t *path_at; /* the change's path setting        */
    const char *text;                /* the path                         */
    const path_t *path;
    int create_type; /* set may create the last name:
                        its type, else CONFIG_TYPE_NONE  */
} walk_t;

static int fail_nothing(const walk_t *w, size_t k, const char *reason) {
    return cfgr_fail(w->r, w->path_at, "'%s' matches nothing at '%.*s': %s", w->text,
                     (int)w->path->seg[k].end, w->text, reason);
}

static int fail_shape(const walk_t *w, size_t k, const char *reason) {
    if (k + 1 == w->path->n) return cfgr_fail(w->r, w->path_at, "'%s': %s", w->text, reason);
    return cfgr_fail(w->r, w->path_at, "'%s' at '%.*s': %s", w->text, (int)w->path->seg[k].end,
                     w->text, reason);
}

/* Why member `name` was found in none of the groups `in`. */
static void missing_member_reason(const walk_t *w, size_t k, const matches_t *in, const char *name,
                                  char *buf, size_t len) {
    char have[256], where[SPOT_LEN];
    member_names(in->v[0], have, sizeof have);
    if (in->n == 1 && config_setting_is_root(in->v[0]))
        snprintf(buf, len, "the scenario has no top-level setting '%s' (it has: %s)", name, have);
    else if (in->n == 1) {
        spot(in->v[0], where, sizeof where);
        snprintf(buf, len, "%s has no setting '%s' (it has: %s)", where, name, have);
    } else
        snprintf(buf, len,
                 "none of the %zu settings matched by '%.*s' has a "
                 "setting '%s' (the first has: %s)",
                 in->n, (int)w->path->seg[k - 1].end, w->text, name, have);
}

/* Member `name` of every group in `in`, created when allowed. */
static int step_member(const walk_t *w, size_t k, const matches_t *in, const char *name,
                       bool may_create, matches_t *out) {
    char where[SPOT_LEN], reason[REASON_LEN];
    for (size_t i = 0; i < in->n; i++) {
        config_setting_t *p = in->v[i];
        if (!config_setting_is_group(p)) {
            spot(p, where, sizeof where);
            snprintf(reason, sizeof reason, "%s is %s, not a group%s", where,
                     type_text(config_setting_type(p)),
                     is_sequence(p) ? " (select its elements with '*', "
                                      "'[key=value]' or an index)"
                                    : "");
            return fail_shape(w, k, reason);
        }
        config_setting_t *m = config_setting_get_member(p, name);
        if (!m && may_create) m = config_setting_add(p, name, w->create_type);
        if (m && matches_push(out, m) != 0) return cfgr_fail(w->r, w->path_at, "out of memory");
    }
    if (out->n > 0) return 0;
    missing_member_reason(w, k, in, name, reason, sizeof reason);
    return fail_nothing(w, k, reason);
}

/* The elements of every sequence in `in` (for '*' and filters). */
static int step_elements(const walk_t *w, size_t k, const matches_t *in, matches_t *out) {
    char where[SPOT_LEN], reason[REASON_LEN];
    for (size_t i = 0; i < in->n; i++) {
        if (!is_sequence(in->v[i])) {
            spot(in->v[i], where, sizeof where);
            snprintf(reason, sizeof reason, "%s is %s, not a list (%s)", where,
                     type_text(config_setting_type(in->v[i])),
                     config_setting_is_group(in->v[i])
                         ? "name one of its settings"
                         : "'*', an index and filters select elements of a list");
            return fail_shape(w, k, reason);
        }
        int n = config_setting_length(in->v[i]);
        for (int j = 0; j < n; j++)
            if (matches_push(out, config_setting_get_elem(in->v[i], (unsigned)j)) != 0)
                return cfgr_fail(w->r, w->path_at, "out of memory");
    }
    if (out->n > 0) return 0;
    if (in->n == 1) {
        spot(in->v[0], where, sizeof where);
        snprintf(reason, sizeof reason, "%s is empty", where);
    } else snprintf(reason, sizeof reason, "all %zu lists are empty", in->n);
    return fail_nothing(w, k, reason);
}

static int step_index(const walk_t *w, size_t k, const matches_t *in, matches_t *out) {
    matches_t all = {0};
    int rc = step_elements(w, k, in, &all);
    free(all.v);
    if (rc != 0) return -1;
    unsigned ix = w->path->seg[k].index;
    for (size_t i = 0; i < in->n; i++) {
        config_setting_t *e = config_setting_get_elem(in->v[i], ix);
        if (e && matches_push(out, e) != 0) return cfgr_fail(w->r, w->path_at, "out of memory");
    }
    if (out->n > 0) return 0;
    char where[SPOT_LEN], reason[REASON_LEN];
    if (in->n == 1) {
        spot(in->v[0], where, sizeof where);
        snprintf(reason, sizeof reason,
                 "%s has %d elements (index %u is out of "
                 "range; indices start at 0)",
                 where, config_setting_length(in->v[0]), ix);
    } else
        snprintf(reason, sizeof reason,
                 "none of the %zu lists has an element %u "
                 "(indices start at 0)",
                 in->n, ix);
    return fail_nothing(w, k, reason);
}

/* Keeps the groups of `m` whose member key equals value, in place. */
static void keep_matching(matches_t *m, const filter_t *f) {
    size_t kept = 0;
    for (size_t i = 0; i < m->n; i++) {
        const config_setting_t *v =
            config_setting_is_group(m->v[i]) ? config_setting_get_member(m->v[i], f->key) : NULL;
        if (v && value_matches(v, f->value)) m->v[kept++] = m->v[i];
    }
    m->n = kept;
}

/* The filters of segment k over `cands` (the elements of its lists); names
 * the filter that left nothing. */
static int apply_filters(const walk_t *w, size_t k, matches_t *cands) {
    const segment_t *s = &w->path->seg[k];
    char word[96], values[256], reason[REASON_LEN];
    element_word(s->name, word, sizeof word);
    for (size_t i = 0; i < s->n_filters; i++) {
        const filter_t *f = &s->filters[i];
        size_t n_with = key_values(cands, f->key, values, sizeof values);
        keep_matching(cands, f);
        if (cands->n > 0) continue;
        const char *left = i ? " left by the filters before it" : "";
        if (n_with == 0)
            snprintf(reason, sizeof reason, "no %s%s has a setting '%s'", word, left, f->key);
        else
            snprintf(reason, sizeof reason, "no %s%s has %s = %s (%s values there: %s)", word, left,
                     f->key, f->value, f->key, values);
        return fail_nothing(w, k, reason);
    }
    return 0;
}

/* The settings segment k selects from `in` into `out`. */
static int step(const walk_t *w, size_t k, const matches_t *in, matches_t *out) {
    const segment_t *s = &w->path->seg[k];
    if (s->kind == SEG_STAR) return step_elements(w, k, in, out);
    if (s->kind == SEG_INDEX) return step_index(w, k, in, out);
    bool last = k + 1 == w->path->n;
    bool may_create = last && s->n_filters == 0 && w->create_type != CONFIG_TYPE_NONE;
    if (s->n_filters == 0) return step_member(w, k, in, s->name, may_create, out);
    matches_t lists = {0};
    int rc = step_member(w, k, in, s->name, false, &lists);
    if (rc == 0) rc = step_elements(w, k, &lists, out);
    free(lists.v);
    return rc == 0 ? apply_filters(w, k, out) : -1;
}

/* Every setting the path selects in the scenario, in tree order. */
static int resolve(const walk_t *w, config_t *scenario, matches_t *out) {
    matches_t cur = {0};
    if (matches_push(&cur, config_root_setting(scenario)) != 0)
        return cfgr_fail(w->r, w->path_at, "out of memory");
    for (size_t k = 0; k < w->path->n; k++) {
        matches_t next = {0};
        int rc = step(w, k, &cur, &next);
        free(cur.v);
        cur = next;
        if (rc != 0) {
            free(cur.v);
            return -1;
        }
    }
    *out = cur;
    return 0;
}

/* ------------------------------------------------------------ operations */

typedef enum { OP_SET, OP_SCALE, OP_ADD } op_kind_t;

/* One change, read from the (validated) reform tree. */
typedef struct change {
    op_kind_t kind;
    const config_setting_t *value; /* the set / scale / add setting       */
    const config_setting_t *min, *max;
} change_t;

static const char *const OP_NAMES[] = {"set", "scale", "add"};

static void read_change(const config_setting_t *g, change_t *c) {
    memset(c, 0, sizeof *c);
    for (int i = 0; i < 3; i++) {
        const config_setting_t *v = config_setting_get_member(g, OP_NAMES[i]);
        if (v) {
            c->kind = (op_kind_t)i;
            c->value = v;
        }
    }
    assert(c->value);
    c->min = config_setting_get_member(g, "min");
    c->max = config_setting_get_member(g, "max");
}

static int fail_type(const walk_t *w, const change_t *c, const config_setting_t *t,
                     const char *need) {
    char where[SPOT_LEN];
    spot(t, where, sizeof where);
    return cfgr_fail(w->r, c->value, "cannot %s %s: it is %s, and %s", OP_NAMES[c->kind], where,
                     type_text(config_setting_type(t)), need);
}

/* Whether whole number x can be stored in a setting of this type. */
static bool fits_int(double x, int type) {
    const double two_to_63 = 9223372036854775808.0; /* int64 range is [-2^63, 2^63) */
    if (type == CONFIG_TYPE_INT) return x >= INT_MIN && x <= INT_MAX;
    return x >= -two_to_63 && x < two_to_63;
}

/* The new value of a whole-number setting; exact integer arithmetic when
 * the operand is whole (a 64-bit seed plus 1 stays exact). */
static int whole_result(const walk_t *w, const change_t *c, const config_setting_t *t,
                        long long *out) {
    int type = config_setting_type(t);
    long long lo = type == CONFIG_TYPE_INT ? INT_MIN : LLONG_MIN;
    long long hi = type == CONFIG_TYPE_INT ? INT_MAX : LLONG_MAX;
    long long cur =
        type == CONFIG_TYPE_INT ? config_setting_get_int(t) : config_setting_get_int64(t);
    int vt = config_setting_type(c->value);
    bool v_whole = vt == CONFIG_TYPE_INT || vt == CONFIG_TYPE_INT64;
    long long vi = vt == CONFIG_TYPE_INT     ? config_setting_get_int(c->value)
                   : vt == CONFIG_TYPE_INT64 ? config_setting_get_int64(c->value)
                                             : 0;
    double v = number_of(c->value);
    char where[SPOT_LEN];
    spot(t, where, sizeof where);
    if (c->kind == OP_SET && !v_whole && v != floor(v))
        return cfgr_fail(w->r, c->value, "cannot set %s to %.10g: it is %s", where, v,
                         type_text(type));
    bool exact = v_whole && c->kind != OP_SCALE;
    bool overflow;
    *out = cur;
    if (exact && c->kind == OP_SET) {
        overflow = vi < lo || vi > hi;
        *out = vi;
    } else if (exact) {
        overflow = (vi > 0 && cur > hi - vi) || (vi < 0 && cur < lo - vi);
        if (!overflow) *out = cur + vi;
    } else {
        double x = c->kind == OP_SET ? v : c->kind == OP_SCALE ? (double)cur * v : (double)cur + v;
        x = round(x);
        overflow = !fits_int(x, type);
        if (!overflow) *out = (long long)x;
    }
    if (overflow)
        return cfgr_fail(w->r, c->value,
                         "the new value of %s does not fit %s "
                         "(in the scenario, write a large whole number with an L "
                         "suffix, e.g. 5000000000L)",
                         where, type_text(type));
    const config_setting_t *bound[2] = {c->min, c->max};
    for (int i = 0; i < 2; i++) {
        if (!bound[i]) continue;
        double b = number_of(bound[i]);
        if (b != floor(b))
            return cfgr_fail(w->r, bound[i], "%.10g cannot bound %s: it is %s", b, where,
                             type_text(type));
        bool beyond = i == 0 ? (double)*out < b : (double)*out > b;
        if (beyond && !fits_int(b, type))
            return cfgr_fail(w->r, bound[i], "%.10g does not fit %s (%s)", b, where,
                             type_text(type));
        if (beyond) *out = (long long)b;
    }
    return 0;
}

static int apply_number(const walk_t *w, const change_t *c, config_setting_t *t) {
    int type = config_setting_type(t);
    if (type != CONFIG_TYPE_FLOAT) {
        long long x = 0;
        if (whole_result(w, c, t, &x) != 0) return -1;
        return (type == CONFIG_TYPE_INT ? config_setting_set_int(t, (int)x)
                                        : config_setting_set_int64(t, x)) == CONFIG_TRUE
                   ? 0
                   : cfgr_fail(w->r, c->value, "libconfig refused the new value");
    }
    double cur = config_setting_get_float(t), v = number_of(c->value);
    double x = c->kind == OP_SET ? v : c->kind == OP_SCALE ? cur * v : cur + v;
    if (c->min && x < number_of(c->min)) x = number_of(c->min);
    if (c->max && x > number_of(c->max)) x = number_of(c->max);
    if (!isfinite(x)) {
        char where[SPOT_LEN];
        spot(t, where, sizeof where);
        return cfgr_fail(w->r, c->value, "the new value of %s is not a finite number", where);
    }
    return config_setting_set_float(t, x) == CONFIG_TRUE
               ? 0
               : cfgr_fail(w->r, c->value, "libconfig refused the new value");
}

/* One operation on one target setting, types checked first. */
static int apply_one(const walk_t *w, const change_t *c, config_setting_t *t) {
    int type = config_setting_type(t), vt = config_setting_type(c->value);
    if (!is_scalar_type(type))
        return fail_type(w, c, t,
                         "set, scale and add change single values (a "
                         "number, true/false or text)");
    if (c->kind != OP_SET && !is_number_type(type))
        return fail_type(w, c, t, "scale and add need a number");
    if (is_number_type(type) != is_number_type(vt) || (!is_number_type(type) && type != vt)) {
        char v[80], need[160];
        value_text(c->value, v, sizeof v);
        snprintf(need, sizeof need,
                 vt == CONFIG_TYPE_STRING ? "the new value \"%s\" is %s" : "the new value %s is %s",
                 v, type_text(vt));
        return fail_type(w, c, t, need);
    }
    if (type == CONFIG_TYPE_BOOL)
        return config_setting_set_bool(t, config_setting_get_bool(c->value)) == CONFIG_TRUE
                   ? 0
                   : cfgr_fail(w->r, c->value, "libconfig refused the new value");
    if (type == CONFIG_TYPE_STRING)
        return config_setting_set_string(t, config_setting_get_string(c->value)) == CONFIG_TRUE
                   ? 0
                   : cfgr_fail(w->r, c->value, "out of memory");
    return apply_number(w, c, t);
}

/* A scalar setting's value, kept to tell whether a change moved it. */
typedef struct scalar {
    long long whole;
    double number;
    char *text; /* a copy (NULL for other types, or when out of memory) */
} scalar_t;

/* A text setting's value; libconfig 1.5 keeps "" as NULL. */
static const char *string_of(const config_setting_t *t) {
    const char *text = config_setting_get_string(t);
    return text ? text : "";
}

static void scalar_read(const config_setting_t *t, scalar_t *v) {
    int type = config_setting_type(t);
    memset(v, 0, sizeof *v);
    if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
        v->whole = config_setting_get_int64(t);
    else if (type == CONFIG_TYPE_BOOL) v->whole = config_setting_get_bool(t);
    else if (type == CONFIG_TYPE_FLOAT) v->number = config_setting_get_float(t);
    else if (type == CONFIG_TYPE_STRING) v->text = strdup(string_of(t));
}

/* Whether t still holds v (a change keeps its target's type); a text that
 * could not be copied counts as moved. */
static bool scalar_same(const config_setting_t *t, const scalar_t *v) {
    int type = config_setting_type(t);
    if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
        return config_setting_get_int64(t) == v->whole;
    if (type == CONFIG_TYPE_BOOL) return config_setting_get_bool(t) == v->whole;
    if (type == CONFIG_TYPE_FLOAT) return config_setting_get_float(t) == v->number;
    return v->text && strcmp(string_of(t), v->text) == 0;
}

/* One change: resolve its path, then the operation on every match; *moved
 * counts the matches whose value it changed. */
static int apply_change(const cfgr_t *r, const config_setting_t *g, config_t *scenario,
                        size_t *moved) {
    const config_setting_t *path_at = config_setting_get_member(g, "path");
    const char *text = config_setting_get_string(path_at);
    path_t *path = malloc(sizeof *path);
    if (!path) return cfgr_fail(r, path_at, "out of memory");
    char why[160];
    if (parse_path(text, path, why, sizeof why) != 0) {
        free(path);
        return cfgr_fail(r, path_at, "malformed path '%s': %s", text, why);
    }
    change_t c;
    read_change(g, &c);
    walk_t w = {r, path_at, text, path,
                c.kind == OP_SET ? config_setting_type(c.value) : CONFIG_TYPE_NONE};
    matches_t targets = {0};
    int rc = resolve(&w, scenario, &targets);
    for (size_t i = 0; rc == 0 && i < targets.n; i++) {
        scalar_t before;
        scalar_read(targets.v[i], &before);
        rc = apply_one(&w, &c, targets.v[i]);
        if (rc == 0 && !scalar_same(targets.v[i], &before)) (*moved)++;
        free(before.text);
    }
    free(targets.v);
    free(path);
    return rc;
}

int reform_apply_counted(const reform_t *r, config_t *scenario, size_t *moved, char *err,
                         size_t errlen) {
    assert(r && scenario && moved);
    cfgr_t cr = {r->path, err, errlen, 0, NULL};
    const config_setting_t *list =
        config_setting_get_member(config_root_setting(&r->cfg), "changes");
    assert(list);
    int n = config_setting_length(list);
    *moved = 0;
    for (int i = 0; i < n; i++)
        if (apply_change(&cr, config_setting_get_elem(list, (unsigned)i), scenario, moved) != 0)
            return -1;
    return 0;
}

bool reform_in_place(const reform_t *r, size_t moved) {
    const config_setting_t *list =
        config_setting_get_member(config_root_setting(&r->cfg), "changes");
    return moved == 0 && list && config_setting_length(list) > 0;
}

int reform_apply(const reform_t *r, config_t *scenario, char *err, size_t errlen) {
    size_t moved;
    return reform_apply_counted(r, scenario, &moved, err, errlen);
}

int reform_apply_change(const char *file, int line, const char *where,
                        const config_setting_t *change, config_t *scenario, char *err,
                        size_t errlen) {
    assert(change && scenario && config_setting_get_member(change, "path"));
    cfgr_t cr = {file, err, errlen, line, where};
    size_t moved = 0;
    return apply_change(&cr, change, scenario, &moved);
}

/* ------------------------------------------------------------ loading */

static int check_number(const cfgr_t *r, const config_setting_t *s) {
    if (!is_number_type(config_setting_type(s)))
        return cfgr_fail(r, s, "%s where a number belongs (expected a number)",
                         type_text(config_setting_type(s)));
    if (!isfinite(number_of(s))) return cfgr_fail(r, s, "not a finite number (expected a number)");
    return 0;
}

/* Everything about one change that does not need a scenario. */
static int check_change(const cfgr_t *r, const config_setting_t *list, size_t i) {
    static const char *const keys[] = {"path", "set", "scale", "add", "min", "max", NULL};
    config_setting_t *g, *path_at;
    const char *text;
    if (cfgr_elem_group(r, list, i, "{ path = \"departments.*.staff\"; scale = 1.2; }", &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_string(r, g, "path", true, REFORM_PATH_MAX - 1, NULL, &text, &path_at) != 0)
        return -1;
    path_t *path = malloc(sizeof *path);
    if (!path) return cfgr_fail(r, path_at, "out of memory");
    char why[160];
    int rc = parse_path(text, path, why, sizeof why);
    free(path);
    if (rc != 0)
        return cfgr_fail(r, path_at,
                         "malformed path '%s': %s (expected names "
                         "separated by '.', e.g. departments[region=north].staff)",
                         text, why);
    const config_setting_t *op = NULL;
    for (int k = 0; k < 3; k++) {
        const config_setting_t *v = config_setting_get_member(g, OP_NAMES[k]);
        if (v && op)
            return cfgr_fail(r, v,
                             "a second operation after '%s' (expected exactly "
                             "one of set, scale, add per change; write two changes "
                             "to do both, in order)",
                             config_setting_name(op));
        if (v) op = v;
    }
    if (!op) return cfgr_fail(r, g, "no operation (expected exactly one of set, scale, add)");
    bool is_set = strcmp(config_setting_name(op), "set") == 0;
    if (is_set && !is_scalar_type(config_setting_type(op)))
        return cfgr_fail(r, op,
                         "%s where a value belongs (expected a number, "
                         "true/false or text)",
                         type_text(config_setting_type(op)));
    if (!is_set && check_number(r, op) != 0) return -1;
    if (is_set && is_number_type(config_setting_type(op)) && !isfinite(number_of(op)))
        return cfgr_fail(r, op, "not a finite number");
    const config_setting_t *lo = config_setting_get_member(g, "min");
    const config_setting_t *hi = config_setting_get_member(g, "max");
    const config_setting_t *bound = lo ? lo : hi;
    if (bound && !is_number_type(config_setting_type(op)))
        return cfgr_fail(r, bound, "min and max clamp numbers, and this change sets %s",
                         type_text(config_setting_type(op)));
    if ((lo && check_number(r, lo) != 0) || (hi && check_number(r, hi) != 0)) return -1;
    if (lo && hi && number_of(lo) > number_of(hi))
        return cfgr_fail(r, hi, "max %.10g is below min %.10g", number_of(hi), number_of(lo));
    return 0;
}

static void copy_text(char *dst, size_t len, const char *src) {
    snprintf(dst, len, "%s", src ? src : "");
}

/* The `reform` group: what it is and what it costs. */
static int read_header(const cfgr_t *r, reform_t *f) {
    static const char *const keys[] = {"id",       "name",           "description",
                                       "proposal", "cost_per_year",  "one_off_cost",
                                       "name_zh",  "description_zh", NULL};
    const cfgr_range_t cost = {0, HUGE_VAL, false, true, false};
    config_setting_t *g;
    const char *id, *name, *name_zh, *description, *description_zh, *proposal;
    if (cfgr_group(r, config_root_setting(&f->cfg), "reform", true, &g) != 0 ||
        cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_id(r, g, "id", REFORM_ID_MAX - 1, &id, NULL) != 0 ||
        cfgr_string(r, g, "name", true, REFORM_NAME_MAX - 1, NULL, &name, NULL) != 0 ||
        cfgr_string(r, g, "name_zh", false, REFORM_NAME_MAX - 1, "", &name_zh, NULL) != 0 ||
        cfgr_string(r, g, "description", false, REFORM_TEXT_MAX - 1, "", &description, NULL) != 0 ||
        cfgr_string(r, g, "description_zh", false, REFORM_TEXT_MAX - 1, "", &description_zh,
                    NULL) != 0 ||
        cfgr_string(r, g, "proposal", false, REFORM_PROPOSAL_MAX - 1, "", &proposal, NULL) != 0 ||
        cfgr_number(r, g, "cost_per_year", &cost, false, 0, &f->cost_per_year, NULL) != 0 ||
        cfgr_number(r, g, "one_off_cost", &cost, false, 0, &f->one_off_cost, NULL) != 0)
        return -1;
    copy_text(f->id, sizeof f->id, id);
    copy_text(f->name, sizeof f->name, name);
    copy_text(f->name_zh, sizeof f->name_zh, name_zh);
    copy_text(f->description, sizeof f->description, description);
    copy_text(f->description_zh, sizeof f->description_zh, description_zh);
    copy_text(f->proposal, sizeof f->proposal, proposal);
    return 0;
}

static int read_reform(const cfgr_t *r, reform_t *f, const char *path) {
    static const char *const keys[] = {"reform", "changes", NULL};
    config_setting_t *list;
    if (cfgr_read_file(r, &f->cfg, path) != 0 ||
        cfgr_check_keys(r, config_root_setting(&f->cfg), keys) != 0 || read_header(r, f) != 0 ||
        cfgr_list(r, config_root_setting(&f->cfg), "changes", true, 0, 100000, "changes", &list) !=
            0)
        return -1;
    size_t n = (size_t)config_setting_length(list);
    for (size_t i = 0; i < n; i++)
        if (check_change(r, list, i) != 0) return -1;
    return 0;
}

int reform_load(reform_t *r, const char *path, char *err, size_t errlen) {
    assert(r && path);
    memset(r, 0, sizeof *r);
    cfgr_t cr = {path, err, errlen, 0, NULL};
    if (strlen(path) >= sizeof r->path) {
        snprintf(err, errlen, "%.64s...: file name too long", path);
        return -1;
    }
    copy_text(r->path, sizeof r->path, path);
    config_init(&r->cfg);
    if (read_reform(&cr, r, path) == 0) return 0;
    config_destroy(&r->cfg);
    memset(r, 0, sizeof *r);
    return -1;
}

void reform_free(reform_t *r) {
    if (!r) return;
    if (r->cfg.root) config_destroy(&r->cfg);
    memset(r, 0, sizeof *r);
}

int reform_load_scenario_tree(config_t *cfg, const char *path, char *err, size_t errlen) {
    assert(cfg && path);
    config_init(cfg);
    cfgr_t cr = {path, err, errlen, 0, NULL};
    return cfgr_read_file(&cr, cfg, path);
}
