#include "dist.h"
#include "rfile.h"
#include "rng.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#define MAX_PARAMS        3
#define MAX_PARAM_VALUE   1e12 /* larger is a typo, not a duration      */
#define MIN_CV            1e-6 /* below: 1/cv^2 loses meaning; use const */
#define MAX_CV            10.0
#define MAX_WEIBULL_SHAPE 100.0
/* Below this G(1+2/shape) overflows whatever the scale; smaller shapes are
 * rejected without evaluating log-gamma at huge arguments. */
#define MIN_WEIBULL_SHAPE_TRIED 0.01
#define MAX_EMPIRICAL_VALUES    10000000u
#define MAX_EMPIRICAL_BYTES     (64u << 20) /* an empirical(...) file         */
#define ECHO_MAX                80          /* chars of the input echoed in a message */
#define QUOTE_MAX               40          /* chars of a bad token quoted            */

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* What the parser knows about each kind; indexed by dist_kind_t. */
typedef struct {
    const char *name;
    size_t n_params;               /* numeric parameters (empirical: 0) */
    const char *param[MAX_PARAMS]; /* their names, for messages         */
} kind_info_t;

static const kind_info_t KINDS[] = {
    [DIST_CONST] = {"const", 1, {"v"}},
    [DIST_EXP] = {"exp", 1, {"mean"}},
    [DIST_LOGNORMAL] = {"lognormal", 2, {"mean", "cv"}},
    [DIST_GAMMA] = {"gamma", 2, {"mean", "cv"}},
    [DIST_ERLANG] = {"erlang", 2, {"k", "mean"}},
    [DIST_TRIANGULAR] = {"triangular", 3, {"a", "m", "b"}},
    [DIST_UNIFORM] = {"uniform", 2, {"a", "b"}},
    [DIST_WEIBULL] = {"weibull", 2, {"shape", "scale"}},
    [DIST_NORMAL] = {"normal", 2, {"mean", "sd"}},
    [DIST_EMPIRICAL] = {"empirical", 0, {NULL}},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

/* Where messages go, and the text they quote. */
typedef struct {
    const char *text; /* the whole input, echoed at the start of messages */
    char *err;
    size_t errlen;
} parse_ctx_t;

/* ---------------------------------------------------------------- messages */

/* Messages are one line whatever the input held (tabs, CR from a CRLF
 * file): control characters become spaces. */
static void make_one_line(char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) *s = ' ';
}

static bool is_space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static const char *skip_space(const char *s) {
    while (is_space(*s)) s++;
    return s;
}

/* Writes "<text>: <message>" (text trimmed and shortened) into the caller's
 * buffer and returns -1, so error paths read `return fail(...)`. */
PRINTF_LIKE(2, 3)
static int fail(const parse_ctx_t *c, const char *fmt, ...) {
    if (!c->err || c->errlen == 0) return -1;
    const char *start = skip_space(c->text);
    size_t len = strlen(start);
    while (len > 0 && is_space(start[len - 1])) len--;
    bool cut = len > ECHO_MAX;
    int w = snprintf(c->err, c->errlen, "%.*s%s: ", (int)(cut ? ECHO_MAX : len), start,
                     cut ? "..." : "");
    size_t used = w < 0 ? 0 : (size_t)w;
    if (used < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + used, c->errlen - used, fmt, ap);
        va_end(ap);
    }
    make_one_line(c->err);
    return -1;
}

/* A message with no echo of the input (there is nothing to echo). */
static int fail_plain(const parse_ctx_t *c, const char *msg) {
    if (c->err && c->errlen > 0) snprintf(c->err, c->errlen, "%s", msg);
    return -1;
}

/* ----------------------------------------------------------------- numbers */

/* Length of the plain decimal literal at s ([+-] digits [. digits]
 * [e [+-] digits]), 0 if there is none.  strtod alone would also take
 * "nan", "inf" and hex floats, which are typos in a scenario file. */
static size_t decimal_length(const char *s) {
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    while (s[i] >= '0' && s[i] <= '9') i++, digits++;
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') i++, digits++;
    }
    if (digits == 0) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1, exp_digits = 0;
        if (s[j] == '+' || s[j] == '-') j++;
        while (s[j] >= '0' && s[j] <= '9') j++, exp_digits++;
        if (exp_digits > 0) i = j;
    }
    return i;
}

/* Parses exactly the `len` chars at tok as a decimal number.  The char at
 * tok[len] must not continue a literal (the callers stop tokens at blanks,
 * ',', ')' or NUL).  Overflow yields HUGE_VAL, which the range checks
 * reject; -0 becomes 0 so it prints as 0. */
static int parse_decimal(const char *tok, size_t len, double *out) {
    if (len == 0 || decimal_length(tok) != len) return -1;
    char *end;
    double x = strtod(tok, &end);
    if (end != tok + len) return -1; /* only if a locale changed the '.' */
    *out = x + 0.0;
    return 0;
}

/* %.15g rather than %g: any value written with up to 15 significant
 * digits prints as written, so format -> parse gives the same double, while
 * a scaled value such as 10 * 1.1 still prints as "11", not as the exact
 * "11.000000000000002" (parse of the text is then within 1e-15 relative). */
static void format_number(double x, char *buf, size_t len) { snprintf(buf, len, "%.15g", x); }

/* ------------------------------------------------------- derived values */

/* Everything dist_sample needs beyond p[], recomputed from p[] (and the
 * empirical values) after parsing and after scaling, so q[] can't drift
 * from p[]. */
static void derive(dist_t *d) {
    const double *p = d->p;
    double *q = d->q;
    q[0] = q[1] = q[2] = 0.0;
    switch (d->kind) {
    case DIST_CONST:
    case DIST_EXP:
        q[0] = p[0];
        break;
    case DIST_LOGNORMAL: {
        double sigma2 = log1p(p[1] * p[1]);
        q[0] = log(p[0]) - sigma2 / 2.0; /* zeta  */
        q[1] = sqrt(sigma2);             /* sigma */
        break;
    }
    case DIST_GAMMA:
        q[0] = 1.0 / (p[1] * p[1]); /* shape */
        q[1] = p[0] * p[1] * p[1];  /* scale */
        break;
    case DIST_ERLANG:
        q[0] = p[0];
        q[1] = p[1] / p[0];
        break;
    case DIST_TRIANGULAR:
        q[0] = (p[1] - p[0]) / (p[2] - p[0]); /* CDF at the mode */
        q[1] = (p[2] - p[0]) * (p[1] - p[0]);
        q[2] = (p[2] - p[0]) * (p[2] - p[1]);
        break;
    case DIST_UNIFORM:
        q[0] = p[0];
        q[1] = p[1];
        break;
    case DIST_WEIBULL:
        q[0] = p[1]; /* GSL order: scale first */
        q[1] = p[0];
        break;
    case DIST_NORMAL:
        q[0] = p[0];
        q[1] = p[1];
        break;
    case DIST_EMPIRICAL: {
        /* Not used by sampling: the exact mean and (population) variance
         * of resampling, cached so dist_mean is O(1).  Two passes for
         * accuracy. */
        double sum = 0.0, ss = 0.0;
        for (size_t i = 0; i < d->n_values; i++) sum += d->values[i];
        double mean = sum / (double)d->n_values;
        for (size_t i = 0; i < d->n_values; i++)
            ss += (d->values[i] - mean) * (d->values[i] - mean);
        q[0] = mean;
        q[1] = ss / (double)d->n_values;
        break;
    }
    }
}

/* Weibull mean and variance through log-gamma: gsl_sf_gamma would call the
 * GSL error handler (abort) on overflow for small shapes, and expm1 keeps
 * the variance accurate for large shapes where G(1+2/k) ~ G(1+1/k)^2. */
static void weibull_moments(double shape, double scale, double *mean, double *var) {
    double lg1 = gsl_sf_lngamma(1.0 + 1.0 / shape);
    double lg2 = gsl_sf_lngamma(1.0 + 2.0 / shape);
    double m = scale * exp(lg1);
    *mean = m;
    *var = m * m * expm1(lg2 - 2.0 * lg1);
}

/* Normal(mu, sd) conditioned on X >= 0, which is what resampling draws:
 * with alpha = -mu/sd, Z = P(N >= alpha), lambda = pdf(alpha)/Z,
 * mean = mu + sd*lambda and var = sd^2 (1 + alpha*lambda - lambda^2).
 * Exact, so tests can tell the truncated from the untruncated moments. */
static void truncated_normal_moments(double mu, double sd, double *mean, double *var) {
    double alpha = -mu / sd;
    double z = gsl_cdf_ugaussian_P(-alpha);
    double lambda = gsl_ran_ugaussian_pdf(alpha) / z;
    *mean = mu + sd * lambda;
    *var = sd * sd * (1.0 + alpha * lambda - lambda * lambda);
}

/* ------------------------------------------------------------ validation */

/* Range checks per kind, after the parameter count is right.  Returns 0 or
 * fail(). */
static int check_params(const parse_ctx_t *c, dist_kind_t kind, const double *p) {
    const kind_info_t *k = &KINDS[kind];
    for (size_t i = 0; i < k->n_params; i++)
        if (p[i] > MAX_PARAM_VALUE)
            return fail(c, "%s must be <= %g (got %g)", k->param[i], MAX_PARAM_VALUE, p[i]);
    switch (kind) {
    case DIST_CONST:
        if (!(p[0] >= 0)) return fail(c, "v must be >= 0");
        return 0;
    case DIST_EXP:
        if (!(p[0] > 0)) return fail(c, "mean must be > 0");
        return 0;
    case DIST_LOGNORMAL:
    case DIST_GAMMA:
        if (!(p[0] > 0)) return fail(c, "mean must be > 0");
        if (!(p[1] > 0)) return fail(c, "cv must be > 0");
        if (p[1] < MIN_CV)
            return fail(c, "cv must be >= %g (for no variation use const(%g))", MIN_CV, p[0]);
        if (p[1] > MAX_CV) return fail(c, "cv must be <= %g", MAX_CV);
        return 0;
    case DIST_ERLANG:
        if (!(p[0] >= 1 && p[0] == floor(p[0]))) return fail(c, "k must be a whole number >= 1");
        if (!(p[1] > 0)) return fail(c, "mean must be > 0");
        return 0;
    case DIST_TRIANGULAR:
        if (!(p[0] >= 0)) return fail(c, "a must be >= 0");
        if (!(p[0] <= p[1] && p[1] <= p[2])) return fail(c, "expected a <= m <= b");
        if (!(p[0] < p[2]))
            return fail(c, "expected a < b (for a fixed value use const(%g))", p[0]);
        return 0;
    case DIST_UNIFORM:
        if (!(p[0] >= 0)) return fail(c, "a must be >= 0");
        if (!(p[0] < p[1])) return fail(c, "expected a < b");
        return 0;
    case DIST_WEIBULL: {
        if (!(p[0] > 0)) return fail(c, "shape must be > 0");
        if (p[0] > MAX_WEIBULL_SHAPE) return fail(c, "shape must be <= %g", MAX_WEIBULL_SHAPE);
        if (!(p[1] > 0)) return fail(c, "scale must be > 0");
        double mean = 0.0, var = INFINITY;
        if (p[0] >= MIN_WEIBULL_SHAPE_TRIED) weibull_moments(p[0], p[1], &mean, &var);
        if (!isfinite(mean) || !isfinite(var))
            return fail(c,
                        "shape %g is too small: the variance overflows "
                        "(expected a larger shape)",
                        p[0]);
        return 0;
    }
    case DIST_NORMAL:
        if (!(p[0] > 0)) return fail(c, "mean must be > 0");
        if (!(p[1] > 0)) return fail(c, "sd must be > 0 (for no variation use const(%g))", p[0]);
        if (!(p[1] < p[0] / 2))
            return fail(c,
                        "sd must be < mean/2 = %g (so that truncation at "
                        "0 stays rare)",
                        p[0] / 2);
        return 0;
    case DIST_EMPIRICAL:
        break;
    }
    assert(!"check_params: not a numeric kind");
    return -1;
}

/* --------------------------------------------------------------- parsing */

static bool is_name_start(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static bool is_name_char(char ch) { return is_name_start(ch) || (ch >= '0' && ch <= '9'); }

/* "const, exp, ..., empirical", for the unknown-name message. */
static void kind_list(char *buf, size_t len) {
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_KINDS && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", KINDS[i].name);
        if (w < 0) break;
        used += (size_t)w;
    }
}

/* Reads the distribution name at *s and advances past it. */
static int parse_name(const parse_ctx_t *c, const char **s, dist_kind_t *kind) {
    const char *start = *s;
    if (!is_name_start(*start))
        return fail(c, "expected a distribution name, e.g. exp(10) or "
                       "const(10)");
    size_t len = 0;
    while (is_name_char(start[len])) len++;
    *s = start + len;
    for (size_t i = 0; i < N_KINDS; i++)
        if (strlen(KINDS[i].name) == len && memcmp(KINDS[i].name, start, len) == 0) {
            *kind = (dist_kind_t)i;
            return 0;
        }
    for (size_t i = 0; i < N_KINDS; i++)
        if (strlen(KINDS[i].name) == len && strncasecmp(KINDS[i].name, start, len) == 0)
            return fail(c,
                        "unknown distribution '%.*s' (names are lower "
                        "case: %s)",
                        (int)len, start, KINDS[i].name);
    char list[160];
    kind_list(list, sizeof list);
    return fail(c, "unknown distribution '%.*s' (expected one of %s)",
                (int)(len > QUOTE_MAX ? QUOTE_MAX : len), start, list);
}

/* Only blanks may follow the closing parenthesis. */
static int expect_end(const parse_ctx_t *c, const char *s) {
    s = skip_space(s);
    if (*s == '\0') return 0;
    return fail(c, "unexpected '%.*s' after ')' (expected nothing more)", QUOTE_MAX, s);
}

static size_t token_length(const char *s) {
    size_t len = 0;
    while (s[len] && !is_space(s[len]) && s[len] != ',' && s[len] != ')') len++;
    return len;
}

/* The comma-separated numbers after '(' up to and including ')'.  Counts
 * them all (so the message can say "got 4") but stores at most
 * MAX_PARAMS; *s ends just past ')'. */
static int parse_numbers(const parse_ctx_t *c, const char **s, double *v, size_t *count) {
    const char *t = skip_space(*s);
    size_t n = 0;
    if (*t == ')') {
        *s = t + 1;
        *count = 0;
        return 0;
    }
    for (;;) {
        t = skip_space(t);
        size_t len = token_length(t);
        if (len == 0) {
            if (*t == '\0') return fail(c, "missing ')'");
            return fail(c, "parameter %zu is missing (expected a number)", n + 1);
        }
        double x;
        if (parse_decimal(t, len, &x) != 0)
            return fail(c,
                        "'%.*s' is not a number (expected a decimal "
                        "number such as 2.5)",
                        (int)(len > QUOTE_MAX ? QUOTE_MAX : len), t);
        if (n < MAX_PARAMS) v[n] = x;
        n++;
        const char *tok = t;
        t = skip_space(t + len);
        if (*t == ',') {
            t++;
        } else if (*t == ')') {
            *s = t + 1;
            *count = n;
            return 0;
        } else if (*t == '\0') {
            return fail(c, "missing ')'");
        } else {
            return fail(c, "expected ',' or ')' after '%.*s'",
                        (int)(len > QUOTE_MAX ? QUOTE_MAX : len), tok);
        }
    }
}

/* "expects 2 parameters (mean, cv), got 1" */
static int fail_count(const parse_ctx_t *c, dist_kind_t kind, size_t got) {
    const kind_info_t *k = &KINDS[kind];
    char names[64] = "";
    size_t used = 0;
    for (size_t i = 0; i < k->n_params; i++) {
        int w = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", k->param[i]);
        if (w > 0) used += (size_t)w;
    }
    return fail(c, "expects %zu parameter%s (%s), got %zu", k->n_params,
                k->n_params == 1 ? "" : "s", names, got);
}

/* ------------------------------------------------------ empirical files */

/* A growing array of observations. */
typedef struct {
    double *v;
    size_t n, cap;
} value_buf_t;

static int value_buf_push(value_buf_t *b, double x) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        if (cap > MAX_EMPIRICAL_VALUES) cap = MAX_EMPIRICAL_VALUES;
        double *v = realloc(b->v, cap * sizeof *v);
        if (!v) return -1;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = x;
    return 0;
}

/* The first comma-separated field of a line, trimmed, with any '#'
 * comment removed; "" for a blank or comment-only line.  Edits the line. */
static char *first_field(char *line, bool *blank) {
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    char *s = (char *)skip_space(line);
    *blank = *s == '\0';
    char *comma = strchr(s, ',');
    if (comma) *comma = '\0';
    size_t len = strlen(s);
    while (len > 0 && is_space(s[len - 1])) s[--len] = '\0';
    return s;
}

/* A header is allowed only as the first non-blank, non-comment line, and
 * only if it starts like a column name (a letter, '_' or '"'): a typo such
 * as "1O.5" in the first data line is then an error, not silently dropped. */
static bool looks_like_header(const char *field) { return is_name_start(*field) || *field == '"'; }

/* At most QUOTE_MAX bytes of a field for a message, bytes other than
 * printable ASCII written as \xNN (a binary file must not put terminal
 * controls or raw bytes into a message). */
static void quote_field(const char *field, char *buf, size_t len) {
    size_t used = 0, n = 0;
    buf[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)field; *p && n < QUOTE_MAX; p++, n++) {
        int w = *p >= 0x20 && *p < 0x7f ? snprintf(buf + used, len - used, "%c", *p)
                                        : snprintf(buf + used, len - used, "\\x%02x", *p);
        if (w < 0 || (size_t)w >= len - used) break;
        used += (size_t)w;
    }
    if (strlen(field) > QUOTE_MAX && used + 4 < len) snprintf(buf + used, len - used, "...");
}

/* One data line's value into b, or fail() naming path and line. */
static int add_value(const parse_ctx_t *c, value_buf_t *b, const char *field, const char *path,
                     size_t lineno) {
    double x;
    size_t len = strlen(field);
    if (len == 0)
        return fail(c, "%s:%zu: the first field is empty (expected a number)", path, lineno);
    char quoted[4 * QUOTE_MAX + 8];
    quote_field(field, quoted, sizeof quoted);
    if (parse_decimal(field, len, &x) != 0)
        return fail(c, "%s:%zu: '%s' is not a number", path, lineno, quoted);
    if (x < 0)
        return fail(c, "%s:%zu: %s is negative (durations must be >= 0)", path, lineno, quoted);
    if (x > MAX_PARAM_VALUE)
        return fail(c, "%s:%zu: %s is too large (expected at most %g)", path, lineno, quoted,
                    MAX_PARAM_VALUE);
    if (b->n == MAX_EMPIRICAL_VALUES)
        return fail(c, "%s:%zu: more than %u values (the limit)", path, lineno,
                    MAX_EMPIRICAL_VALUES);
    if (value_buf_push(b, x) != 0) return fail(c, "out of memory reading %s", path);
    return 0;
}

/* Reads the lines of a file's text (which it edits) into b.  A NUL byte
 * is refused: it would silently end a line early. */
static int read_lines(const parse_ctx_t *c, char *text, size_t len, const char *path,
                      value_buf_t *b) {
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        size_t lineno = 1;
        for (const char *p = text; p < nul; p++) lineno += *p == '\n';
        return fail(c, "%s:%zu: a NUL byte (expected text)", path, lineno);
    }
    size_t lineno = 0;
    bool seen_content = false; /* past the place where a header may be */
    int rc = 0;
    for (char *line = text; rc == 0 && line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        if (nl) *nl = '\0';
        lineno++;
        bool blank;
        char *field = first_field(line, &blank);
        line = nl ? nl + 1 : text + len;
        if (blank) continue;
        bool header = !seen_content && looks_like_header(field);
        seen_content = true;
        if (!header) rc = add_value(c, b, field, path, lineno);
    }
    return rc;
}

/* base_dir/name for a relative name, name otherwise; NULL if out of memory. */
static char *resolve_path(const char *base_dir, const char *name) {
    if (!base_dir || !*base_dir || name[0] == '/') return strdup(name);
    size_t nb = strlen(base_dir), nn = strlen(name);
    bool slash = base_dir[nb - 1] == '/';
    char *path = malloc(nb + nn + 2);
    if (path) snprintf(path, nb + nn + 2, "%s%s%s", base_dir, slash ? "" : "/", name);
    return path;
}

/* Loads the values of `path` into d (as DIST_EMPIRICAL): a regular file
 * of bounded size only (not a folder, a FIFO that would block, or
 * /dev/zero that would fill memory). */
static int load_empirical(const parse_ctx_t *c, dist_t *d, const char *path) {
    char *text, why[160];
    size_t len;
    if (rfile_read(path, MAX_EMPIRICAL_BYTES, &text, &len, why, sizeof why) != 0)
        return fail(c, "%s: %s", path, why);
    value_buf_t b = {NULL, 0, 0};
    int rc = read_lines(c, text, len, path, &b);
    free(text);
    if (rc == 0 && b.n == 0) rc = fail(c, "no values in %s (expected one number per line)", path);
    if (rc != 0) {
        free(b.v);
        return -1;
    }
    d->kind = DIST_EMPIRICAL;
    d->values = b.v;
    d->n_values = b.n;
    derive(d);
    return 0;
}

/* "empirical(" has been read; the file name runs to the last ')', so
 * names such as "waits (1).csv" work.  No quotes: the scenario file already
 * quotes the whole string. */
static int parse_empirical(const parse_ctx_t *c, dist_t *d, const char *s, const char *base_dir) {
    const char *close = strrchr(s, ')');
    if (!close) return fail(c, "missing ')'");
    if (expect_end(c, close + 1) != 0) return -1;
    s = skip_space(s);
    size_t len = (size_t)(close - s);
    while (len > 0 && is_space(s[len - 1])) len--;
    if (len == 0) return fail(c, "expects a file name, e.g. empirical(waits.csv)");
    if (memchr(s, '"', len) || memchr(s, '\'', len))
        return fail(c, "write the file name without quotes, e.g. "
                       "empirical(waits.csv)");
    char *name = strndup(s, len);
    char *path = name ? resolve_path(base_dir, name) : NULL;
    free(name);
    if (!path) return fail(c, "out of memory");
    int rc = load_empirical(c, d, path);
    free(path);
    return rc;
}

static void dist_reset(dist_t *d) {
    memset(d, 0, sizeof *d);
    d->kind = DIST_CONST;
    d->values = NULL;
}

int dist_parse(dist_t *d, const char *text, const char *base_dir, char *err, size_t errlen) {
    assert(d && text);
    dist_reset(d);
    if (err && errlen > 0) err[0] = '\0';
    parse_ctx_t c = {text, err, errlen};
    const char *s = skip_space(text);
    if (*s == '\0') return fail_plain(&c, "empty distribution (expected e.g. exp(10))");
    dist_kind_t kind = DIST_CONST;
    if (parse_name(&c, &s, &kind) != 0) return -1;
    s = skip_space(s);
    if (*s != '(')
        return fail(&c, "expected '(' after '%s', e.g. %s", KINDS[kind].name,
                    kind == DIST_EMPIRICAL ? "empirical(waits.csv)" : "exp(10)");
    s++;
    if (kind == DIST_EMPIRICAL) return parse_empirical(&c, d, s, base_dir);

    double p[MAX_PARAMS] = {0.0, 0.0, 0.0};
    size_t n = 0;
    if (parse_numbers(&c, &s, p, &n) != 0) return -1;
    if (expect_end(&c, s) != 0) return -1;
    if (n != KINDS[kind].n_params) return fail_count(&c, kind, n);
    if (check_params(&c, kind, p) != 0) return -1;
    d->kind = kind;
    memcpy(d->p, p, sizeof d->p);
    derive(d);
    return 0;
}

/* ---------------------------------------------------------------- sampling */

/* Inversion: u below the CDF at the mode falls on the rising edge. */
static double sample_triangular(const dist_t *d, gsl_rng *r) {
    double u = rng_uniform(r);
    if (u < d->q[0]) return d->p[0] + sqrt(u * d->q[1]);
    return d->p[2] - sqrt((1.0 - u) * d->q[2]);
}

/* Resampling is cheap because parsing demands sd < mean/2: fewer than
 * 2.3% of draws are rejected. */
static double sample_normal(const dist_t *d, gsl_rng *r) {
    double x;
    do {
        x = d->q[0] + d->q[1] * rng_normal(r);
    } while (x < 0.0);
    return x;
}

double dist_sample(const dist_t *d, gsl_rng *r) {
    const double *q = d->q;
    switch (d->kind) {
    case DIST_CONST:
        return q[0];
    case DIST_EXP:
        return rng_exponential(r, q[0]);
    case DIST_LOGNORMAL:
        return rng_lognormal(r, q[0], q[1]);
    case DIST_GAMMA:
    case DIST_ERLANG:
        return gsl_ran_gamma(r, q[0], q[1]);
    case DIST_TRIANGULAR:
        return sample_triangular(d, r);
    case DIST_UNIFORM:
        return gsl_ran_flat(r, q[0], q[1]);
    case DIST_WEIBULL:
        return gsl_ran_weibull(r, q[0], q[1]);
    case DIST_NORMAL:
        return sample_normal(d, r);
    case DIST_EMPIRICAL:
        return d->values[gsl_rng_uniform_int(r, d->n_values)];
    }
    assert(!"dist_sample: bad kind");
    return 0.0;
}

/* ------------------------------------------------------------------ moments */

double dist_mean(const dist_t *d) {
    const double *p = d->p;
    switch (d->kind) {
    case DIST_CONST:
    case DIST_EXP:
    case DIST_LOGNORMAL:
    case DIST_GAMMA:
        return p[0];
    case DIST_ERLANG:
        return p[1];
    case DIST_TRIANGULAR:
        return (p[0] + p[1] + p[2]) / 3.0;
    case DIST_UNIFORM:
        return (p[0] + p[1]) / 2.0;
    case DIST_WEIBULL: {
        double mean, var;
        weibull_moments(p[0], p[1], &mean, &var);
        return mean;
    }
    case DIST_NORMAL: {
        double mean, var;
        truncated_normal_moments(p[0], p[1], &mean, &var);
        return mean;
    }
    case DIST_EMPIRICAL:
        return d->q[0];
    }
    assert(!"dist_mean: bad kind");
    return 0.0;
}

double dist_variance(const dist_t *d) {
    const double *p = d->p;
    switch (d->kind) {
    case DIST_CONST:
        return 0.0;
    case DIST_EXP:
        return p[0] * p[0];
    case DIST_LOGNORMAL:
    case DIST_GAMMA:
        return (p[0] * p[1]) * (p[0] * p[1]);
    case DIST_ERLANG:
        return p[1] * p[1] / p[0];
    case DIST_TRIANGULAR:
        return (p[0] * p[0] + p[1] * p[1] + p[2] * p[2] - p[0] * p[1] - p[0] * p[2] - p[1] * p[2]) /
               18.0;
    case DIST_UNIFORM:
        return (p[1] - p[0]) * (p[1] - p[0]) / 12.0;
    case DIST_WEIBULL: {
        double mean, var;
        weibull_moments(p[0], p[1], &mean, &var);
        return var;
    }
    case DIST_NORMAL: {
        double mean, var;
        truncated_normal_moments(p[0], p[1], &mean, &var);
        return var;
    }
    case DIST_EMPIRICAL:
        return d->q[1];
    }
    assert(!"dist_variance: bad kind");
    return 0.0;
}

/* --------------------------------------------------------- transformations */

/* Every parameter that carries the unit of time is multiplied; shapes, cv
 * and k are unit-free and stay. */
void dist_scale(dist_t *d, double factor) {
    assert(factor > 0 && isfinite(factor));
    double *p = d->p;
    switch (d->kind) {
    case DIST_CONST:
    case DIST_EXP:
    case DIST_LOGNORMAL:
    case DIST_GAMMA:
        p[0] *= factor;
        break;
    case DIST_ERLANG:
    case DIST_WEIBULL:
        p[1] *= factor;
        break;
    case DIST_TRIANGULAR:
        p[0] *= factor;
        p[1] *= factor;
        p[2] *= factor;
        break;
    case DIST_UNIFORM:
    case DIST_NORMAL:
        p[0] *= factor;
        p[1] *= factor;
        break;
    case DIST_EMPIRICAL:
        for (size_t i = 0; i < d->n_values; i++) d->values[i] *= factor;
        break;
    }
    derive(d);
}

/* dst is overwritten, not freed first (it may be uninitialised). */
int dist_copy(dist_t *dst, const dist_t *src) {
    assert(dst != src);
    dist_t copy = *src;
    if (src->kind == DIST_EMPIRICAL) {
        copy.values = malloc(src->n_values * sizeof *copy.values);
        if (!copy.values) {
            dist_reset(dst);
            return -1;
        }
        memcpy(copy.values, src->values, src->n_values * sizeof *copy.values);
    }
    *dst = copy;
    return 0;
}

void dist_format(const dist_t *d, char *buf, size_t len) {
    if (!buf || len == 0) return;
    const kind_info_t *k = &KINDS[d->kind];
    if (d->kind == DIST_EMPIRICAL) {
        snprintf(buf, len, "empirical(%zu value%s)", d->n_values, d->n_values == 1 ? "" : "s");
        return;
    }
    char num[MAX_PARAMS][32];
    for (size_t i = 0; i < k->n_params; i++) format_number(d->p[i], num[i], sizeof num[i]);
    switch (k->n_params) {
    case 1:
        snprintf(buf, len, "%s(%s)", k->name, num[0]);
        break;
    case 2:
        snprintf(buf, len, "%s(%s, %s)", k->name, num[0], num[1]);
        break;
    default:
        snprintf(buf, len, "%s(%s, %s, %s)", k->name, num[0], num[1], num[2]);
        break;
    }
}

void dist_free(dist_t *d) {
    free(d->values);
    dist_reset(d);
}
