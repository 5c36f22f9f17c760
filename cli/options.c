/* The option table and its parser (options.h). */
#include "options.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/* How an option's value is read. */
typedef enum kind { K_FLAG, K_UNSIGNED, K_U64, K_DOUBLE, K_TEXT, K_LIST } kind_t;

typedef struct spec {
    const char *short_name, *long_name; /* either may be NULL           */
    const char *value;                  /* its name in help; NULL: flag */
    kind_t kind;
    uint64_t min, max; /* K_UNSIGNED, K_U64            */
    double dmin, dmax; /* K_DOUBLE                     */
    const char *help;
} spec_t;

/* Every option of every command: one range, one spelling, one meaning. */
static const spec_t SPECS[CLI_OPT_COUNT] = {
    [CLI_OPT_REPS] = {"-r", "--replications", "N", K_UNSIGNED, 1, 100000, 0, 0,
                      "replications (default: the scenario's; 1: means only, no CIs)"},
    [CLI_OPT_THREADS] = {"-j", "--threads", "N", K_UNSIGNED, 1, 256, 0, 0,
                         "threads (default: all cores; results do not depend on it)"},
    [CLI_OPT_DAYS] = {NULL, "--days", "D", K_UNSIGNED, 1, 3660, 0, 0,
                      "simulated days (default: the scenario's)"},
    [CLI_OPT_SEED] = {NULL, "--seed", "S", K_U64, 0, INT64_MAX, 0, 0,
                      "base seed of the random streams (default: the scenario's)"},
    [CLI_OPT_OUT] = {"-o", "--output", "DIR", K_TEXT, 0, 0, 0, 0, "output folder"},
    [CLI_OPT_FORMAT] = {NULL, "--format", "F", K_TEXT, 0, 0, 0, 0, "what is printed"},
    [CLI_OPT_COMBINE] = {NULL, "--combine", "A,B", K_LIST, 0, 0, 0, 0,
                         "also run reforms A and B together (repeatable)"},
    [CLI_OPT_QUIET] = {"-q", "--quiet", NULL, K_FLAG, 0, 0, 0, 0,
                       N_("print only errors and the paths of the files written")},
    [CLI_OPT_BRIEF] = {NULL, "--brief", NULL, K_FLAG, 0, 0, 0, 0,
                       "only the headline table on screen"},
    [CLI_OPT_RESUME] = {NULL, "--resume", NULL, K_FLAG, 0, 0, 0, 0,
                        "finish an interrupted sweep in the same folder"},
    [CLI_OPT_QUICK] = {NULL, "--quick", NULL, K_FLAG, 0, 0, 0, 0,
                       "shorter runs (the test suite's setting)"},
    [CLI_OPT_SIZE] = {NULL, "--size", "N", K_U64, 1, 100000000, 0, 0, "events on the calendar"},
    [CLI_OPT_HOLDS] = {NULL, "--holds", "H", K_U64, 1, 10000000000ull, 0, 0,
                       "hold operations (default: 10 x size, at least 10 million)"},
    [CLI_OPT_BASELINE] = {NULL, "--baseline", NULL, K_FLAG, 0, 0, 0, 0,
                          "a plain binary heap instead, for comparison"},
    [CLI_OPT_CUSTOMERS] = {NULL, "--customers", "N", K_U64, 1, 10000000000ull, 0, 0,
                           "customers served (default 10 million)"},
    [CLI_OPT_RATE] = {NULL, "--rate", "R", K_DOUBLE, 0, 0, 1e-9, 1e9, "arrival rate (default 0.9)"},
    [CLI_OPT_SERVICE] = {NULL, "--service", "DIST", K_TEXT, 0, 0, 0, 0,
                         "service time, as in scenarios (default exp(1))"},
    [CLI_OPT_EVENT_LOG] = {NULL, "--event-log", "FILE", K_TEXT, 0, 0, 0, 0,
                           "every event of every case: CSV, XES (FILE.xes), OCEL 2.0 (FILE.json)"},
    [CLI_OPT_CASE_SVC] = {NULL, "--service", "ID", K_TEXT, 0, 0, 0, 0,
                          "a case of this service (default: the first)"},
    [CLI_OPT_REGION] = {NULL, "--region", "ID", K_TEXT, 0, 0, 0, 0,
                        "a case of this region (default: the first)"},
    [CLI_OPT_CASE] = {NULL, "--case", "N", K_U64, 1, 1000000000, 0, 0,
                      "the N-th such case to arrive after the warm-up (default 1)"},
    [CLI_OPT_LANG] = {NULL, "--lang", "L", K_TEXT, 0, 0, 0, 0,
                      "language of the text: en or zh (default en)"},
    [CLI_OPT_HELP] = {"-h", "--help", NULL, K_FLAG, 0, 0, 0, 0, "this text"},
    [CLI_OPT_PROGRESS] = {NULL, "--progress", "MODE", K_TEXT, 0, 0, 0, 0,
                          /* xgettext:no-c-format */
                          N_("bar, lines (a log line every 10% or 10 s) or none (default: a bar "
                             "on a terminal, else lines; none with --quiet)")},
    [CLI_OPT_SET] = {NULL, "--set", "PATH=VALUE", K_LIST, 0, 0, 0, 0,
                     N_("set a scenario setting before any reform, as a reform's `set` "
                        "(repeatable; docs/reforms.md)")},
    [CLI_OPT_REFORM] = {NULL, "--reform", "FILE", K_LIST, 0, 0, 0, 0,
                        N_("apply a reform file (repeatable, in order)")},
    [CLI_OPT_DESIGN] = {NULL, "--design", "FILE.csv", K_TEXT, 0, 0, 0, 0,
                        N_("design points from a CSV file, one column per factor")},
};

#define RUNS                                                                                       \
    (CLI_ACCEPTS(CLI_OPT_REPS) | CLI_ACCEPTS(CLI_OPT_THREADS) | CLI_ACCEPTS(CLI_OPT_DAYS) |        \
     CLI_ACCEPTS(CLI_OPT_SEED) | CLI_ACCEPTS(CLI_OPT_OUT) | CLI_ACCEPTS(CLI_OPT_QUIET) |           \
     CLI_ACCEPTS(CLI_OPT_PROGRESS) | CLI_ACCEPTS(CLI_OPT_SET))

static const cli_command_t CMD_RUN = {
    "run",
    "SCENARIO",
    "Replications of a scenario: a KPI table with 95% confidence intervals, and\n"
    "summary.csv, replications.csv, summary.json in DIR (default\n"
    "results/<scenario>-run/).  --set and --reform change the scenario first.",
    RUNS | CLI_ACCEPTS(CLI_OPT_FORMAT) | CLI_ACCEPTS(CLI_OPT_REFORM) |
        CLI_ACCEPTS(CLI_OPT_EVENT_LOG),
    "table|csv|json",
    1,
    1,
    "expected a scenario file, e.g. govsim run scenarios/xuzhou.cfg",
    "one scenario at a time"};

static const cli_command_t CMD_COMPARE = {
    "compare",
    "SCENARIO [REFORM.cfg ...]",
    "The baseline against each reform on common random numbers: paired 95%\n"
    "intervals of the changes, cost-effectiveness, ranking.  With no reform\n"
    "named, the reforms/ folder beside the scenario.  Writes tables, charts\n"
    "(PNG, SVG, data, gnuplot script) and report.html in DIR (default\n"
    "results/<scenario>-compare/).",
    RUNS | CLI_ACCEPTS(CLI_OPT_COMBINE) | CLI_ACCEPTS(CLI_OPT_BRIEF),
    NULL,
    1,
    CLI_MAX_POSITIONAL,
    "expected a scenario, e.g. govsim compare scenarios/xuzhou.cfg",
    "too many reforms"};

static const cli_command_t CMD_SWEEP = {
    "sweep",
    "SWEEP.cfg",
    "A design (grid, Latin hypercube, Sobol, Saltelli) over factors patched\n"
    "into a scenario, or the points of a CSV file (--design): design.csv,\n"
    "results.csv, summary_wide.csv, sensitivity.csv (Sobol indices or\n"
    "regression coefficients) and charts in DIR (default\n"
    "results/<sweep>-sweep/).  --resume finishes an interrupted sweep.",
    RUNS | CLI_ACCEPTS(CLI_OPT_RESUME) | CLI_ACCEPTS(CLI_OPT_DESIGN),
    NULL,
    1,
    1,
    "expected a sweep file, e.g. govsim sweep scenarios/sweeps/harbin_talent.cfg",
    "one sweep file at a time"};

static const cli_command_t CMD_CHECK = {
    "check",
    "SCENARIO",
    "Load and check a scenario file: its errors (file:line: setting), or a\n"
    "summary with each department's offered load.",
    0,
    NULL,
    1,
    1,
    "expected a scenario file",
    "expected one scenario file"};

static const cli_command_t CMD_VALIDATE = {
    "validate",
    "",
    "The engine against queueing theory (M/M/1, M/M/c, M/G/1, Erlang A,\n"
    "Jackson networks, piecewise Poisson, CI coverage); exit 0 only when every\n"
    "check passes.",
    CLI_ACCEPTS(CLI_OPT_QUICK) | CLI_ACCEPTS(CLI_OPT_REPS) | CLI_ACCEPTS(CLI_OPT_THREADS) |
        CLI_ACCEPTS(CLI_OPT_SEED) | CLI_ACCEPTS(CLI_OPT_FORMAT),
    "table|csv",
    0,
    0,
    NULL,
    "takes no arguments"};

static const cli_command_t CMD_GRAPH = {
    "graph",
    "SCENARIO",
    "The department data network: information islands, betweenness, data\n"
    "requests by mode, mean data delay; writes network.dot, network.graphml\n"
    "and a picture (network.png, via gnuplot) in DIR (default\n"
    "results/<scenario>-graph/).",
    CLI_ACCEPTS(CLI_OPT_OUT) | CLI_ACCEPTS(CLI_OPT_QUIET),
    NULL,
    1,
    1,
    "which scenario? (govsim graph SCENARIO [-o DIR])",
    "one scenario expected"};

static const cli_command_t CMD_BENCH_HOLD = {
    "bench hold",
    "",
    "The hold model on the event calendar (--baseline: a plain binary heap of\n"
    "the same event struct, for comparison).",
    CLI_ACCEPTS(CLI_OPT_SIZE) | CLI_ACCEPTS(CLI_OPT_HOLDS) | CLI_ACCEPTS(CLI_OPT_BASELINE),
    NULL,
    0,
    0,
    NULL,
    "takes no arguments"};

static const cli_command_t CMD_BENCH_MM1 = {
    "bench mm1",
    "",
    "An M/M/1 through the model's code paths; DIST as in scenarios, e.g.\n"
    "\"lognormal(1, 1.5)\".",
    CLI_ACCEPTS(CLI_OPT_CUSTOMERS) | CLI_ACCEPTS(CLI_OPT_RATE) | CLI_ACCEPTS(CLI_OPT_SERVICE),
    NULL,
    0,
    0,
    NULL,
    "takes no arguments"};

static const cli_command_t CMD_BENCH_SCENARIO = {
    "bench scenario",
    "FILE",
    "One replication of a scenario on one thread (default 365 days): events\n"
    "per second and peak memory.",
    CLI_ACCEPTS(CLI_OPT_DAYS),
    NULL,
    1,
    1,
    "bench scenario needs a scenario file",
    "one scenario at a time"};

static const cli_command_t CMD_PLAN = {
    "plan",
    "PLAN.cfg",
    "The best portfolio of reforms (and start years) for a budget and a plan\n"
    "period, chosen by ranking and selection (Kim-Nelson) on common random\n"
    "numbers: portfolios.csv, years.csv, charts and plan.html in DIR (default\n"
    "results/<plan>-plan/).  See docs/plan.md.",
    CLI_ACCEPTS(CLI_OPT_THREADS) | CLI_ACCEPTS(CLI_OPT_SEED) | CLI_ACCEPTS(CLI_OPT_OUT) |
        CLI_ACCEPTS(CLI_OPT_QUIET) | CLI_ACCEPTS(CLI_OPT_PROGRESS),
    NULL,
    1,
    1,
    "expected a plan file, e.g. govsim plan scenarios/plans/xuzhou.cfg",
    "one plan file at a time"};
/* govsim with no command (cmd_default.c): the default job's options.  Its
 * name is empty: usage errors read "govsim: ...". */
const cli_command_t CLI_DEFAULT_JOB = {
    "",
    "",
    "Compare every bundled baseline with its bundled reforms; write results/.",
    CLI_ACCEPTS(CLI_OPT_QUIET) | CLI_ACCEPTS(CLI_OPT_PROGRESS),
    NULL,
    0,
    0,
    NULL,
    "takes no arguments (did you mean a command? Try 'govsim help')"};

static const cli_command_t CMD_TRACE = {
    "trace",
    "SCENARIO [REFORM.cfg ...]",
    "One citizen's case told step by step, with clock times: lines, windows,\n"
    "data requests, trips, rework, the finish.  With reforms named, the same\n"
    "citizen (common random numbers) told again beside, with what changed.",
    CLI_ACCEPTS(CLI_OPT_SEED) | CLI_ACCEPTS(CLI_OPT_CASE_SVC) | CLI_ACCEPTS(CLI_OPT_REGION) |
        CLI_ACCEPTS(CLI_OPT_CASE) | CLI_ACCEPTS(CLI_OPT_LANG),
    NULL,
    1,
    CLI_MAX_POSITIONAL,
    "expected a scenario, e.g. govsim trace scenarios/xuzhou.cfg",
    "too many reforms"};

static const cli_command_t CMD_ANIMATE = {
    "animate",
    "SCENARIO [REFORM.cfg ...]",
    "A day in the hall, replayed in one self-contained web page: departments,\n"
    "windows, lines of citizens, data requests along the links, a clock,\n"
    "play/pause, speed and a slider; with reforms, side by side on the same\n"
    "citizens.  Writes animation.html, and animation.gif for slides, in DIR\n"
    "(default results/<scenario>-animate/).",
    CLI_ACCEPTS(CLI_OPT_SEED) | CLI_ACCEPTS(CLI_OPT_OUT) | CLI_ACCEPTS(CLI_OPT_QUIET),
    NULL,
    1,
    CLI_MAX_POSITIONAL,
    "expected a scenario, e.g. govsim animate scenarios/teaching/peak_hour.cfg",
    "too many reforms"};

const cli_command_t *const CLI_COMMANDS[] = {&CMD_RUN,
                                             &CMD_COMPARE,
                                             &CMD_SWEEP,
                                             &CMD_CHECK,
                                             &CMD_VALIDATE,
                                             &CMD_GRAPH,
                                             &CMD_BENCH_HOLD,
                                             &CMD_BENCH_MM1,
                                             &CMD_BENCH_SCENARIO,
                                             &CMD_PLAN,
                                             &CMD_TRACE,
                                             &CMD_ANIMATE,
                                             NULL};

/* A whole number within [min, max] (decimal, no sign, the whole string);
 * -1 after a usage error naming the command and the option. */
static int parse_u64(const char *cmd, const char *option, const char *text, uint64_t min,
                     uint64_t max, uint64_t *out) {
    const char *p = text;
    if (*p < '0' || *p > '9') {
        cli_usage_error(cmd, "%s '%s': expected a whole number from %" PRIu64 " to %" PRIu64,
                        option, text, min, max);
        return -1;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end != '\0' || v < min || v > max) {
        cli_usage_error(cmd, "%s '%s': expected a whole number from %" PRIu64 " to %" PRIu64,
                        option, text, min, max);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

/* A finite number within [min, max] (strtod syntax, the whole string). */
static int parse_double(const char *cmd, const char *option, const char *text, double min,
                        double max, double *out) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno || !isfinite(v) || v < min || v > max) {
        cli_usage_error(cmd, "%s '%s': expected a number from %g to %g", option, text, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

const cli_command_t *cli_command_find(const char *name) {
    for (size_t i = 0; CLI_COMMANDS[i]; i++)
        if (strcmp(CLI_COMMANDS[i]->name, name) == 0) return CLI_COMMANDS[i];
    return NULL;
}

unsigned cli_edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40) return 9;
    unsigned row[41];
    for (size_t j = 0; j <= lb; j++) row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 9 ? 9 : row[lb];
}

static bool accepts(const cli_command_t *cmd, cli_opt_t o) {
    return o == CLI_OPT_HELP || (cmd->accepts & CLI_ACCEPTS(o));
}

/* The accepted option spelled `name` (exactly), or CLI_OPT_COUNT. */
static cli_opt_t find_option(const cli_command_t *cmd, const char *name, size_t len) {
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        if (!accepts(cmd, (cli_opt_t)o)) continue;
        const spec_t *s = &SPECS[o];
        if (s->short_name && strlen(s->short_name) == len && !strncmp(s->short_name, name, len))
            return (cli_opt_t)o;
        if (s->long_name && strlen(s->long_name) == len && !strncmp(s->long_name, name, len))
            return (cli_opt_t)o;
    }
    return CLI_OPT_COUNT;
}

/* "unknown option", with the closest accepted spelling when it is close. */
static int unknown_option(const cli_command_t *cmd, const char *arg) {
    const char *best = NULL;
    unsigned best_d = 3;
    for (int o = 0; o < CLI_OPT_COUNT; o++) {
        if (!accepts(cmd, (cli_opt_t)o) || !SPECS[o].long_name) continue;
        unsigned d = cli_edit_distance(arg, SPECS[o].long_name);
        if (d < best_d) best_d = d, best = SPECS[o].long_name;
    }
    bool sub = strchr(cmd->name, ' ') != NULL;
    if (best)
        cli_usage_error(cmd->name, "unknown option '%s'%s%s (did you mean '%s'?)", arg,
                        sub ? " for " : "", sub ? cmd->name : "", best);
    else
        cli_usage_error(cmd->name, "unknown option '%s'%s%s", arg, sub ? " for " : "",
                        sub ? cmd->name : "");
    return -1;
}

/* "table|csv|json" -> "table, csv or json" */
static void describe_choices(const char *choices, char *out, size_t len) {
    size_t n = 0, bars = 0;
    for (const char *p = choices; *p; p++) bars += *p == '|';
    for (const char *p = choices; *p && n + 5 < len; p++) {
        if (*p != '|') {
            out[n++] = *p;
            continue;
        }
        const char *sep = --bars == 0 ? " or " : ", ";
        for (const char *q = sep; *q && n + 1 < len; q++) out[n++] = *q;
    }
    out[n] = '\0';
}

/* Is `v` one of the '|'-separated choices? */
static bool is_choice(const char *choices, const char *v) {
    size_t len = strlen(v);
    for (const char *p = choices; *p;) {
        const char *end = strchr(p, '|');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, v, n) == 0) return true;
        if (!end) break;
        p = end + 1;
    }
    return false;
}

/* A repeatable option's value, appended to its list; -1 after a usage
 * error (too many, or --set without '='). */
static int take_list_value(const cli_command_t *cmd, cli_opt_t o, const char *name, const char *v,
                           cli_args_t *a) {
    const char **list = a->combine;
    unsigned *n = &a->n_combine, max = CLI_MAX_COMBINE;
    if (o == CLI_OPT_SET) list = a->set, n = &a->n_set, max = CLI_MAX_SET;
    if (o == CLI_OPT_REFORM) list = a->reform, n = &a->n_reform, max = CLI_MAX_REFORM;
    if (*n == max) {
        cli_usage_error(cmd->name, "at most %u %s options", max, name);
        return -1;
    }
    if (*v == '\0') {
        cli_usage_error(cmd->name, "%s: the value is empty", name);
        return -1;
    }
    if (o == CLI_OPT_SET && (!strchr(v, '=') || *v == '=')) {
        cli_usage_error(cmd->name,
                        _("%s '%s': expected PATH=VALUE, e.g. --set "
                          "'departments[id=tax].windows=4'"),
                        name, v);
        return -1;
    }
    list[(*n)++] = v;
    return 0;
}

/* Store the value of option o, as spelled `name`; -1 after a usage error. */
static int take_value(const cli_command_t *cmd, cli_opt_t o, const char *name, const char *v,
                      cli_args_t *a) {
    const spec_t *s = &SPECS[o];
    uint64_t u = 0;
    switch (s->kind) {
    case K_UNSIGNED:
    case K_U64:
        if (parse_u64(cmd->name, name, v, s->min, s->max, &u) != 0) return -1;
        break;
    case K_DOUBLE:
        return parse_double(cmd->name, name, v, s->dmin, s->dmax, &a->rate);
    case K_TEXT:
        if (*v == '\0') {
            cli_usage_error(cmd->name, "%s: the value is empty", name);
            return -1;
        }
        break;
    case K_LIST:
        return take_list_value(cmd, o, name, v, a);
    case K_FLAG:
        return 0;
    }
    switch (o) {
    case CLI_OPT_REPS:
        a->reps = (unsigned)u;
        break;
    case CLI_OPT_THREADS:
        a->threads = (unsigned)u;
        break;
    case CLI_OPT_DAYS:
        a->days = (unsigned)u;
        break;
    case CLI_OPT_SEED:
        a->seed = u;
        break;
    case CLI_OPT_SIZE:
        a->size = u;
        break;
    case CLI_OPT_HOLDS:
        a->holds = u;
        break;
    case CLI_OPT_CUSTOMERS:
        a->customers = u;
        break;
    case CLI_OPT_OUT:
        a->out_dir = v;
        break;
    case CLI_OPT_SERVICE:
        a->service = v;
        break;
    case CLI_OPT_DESIGN:
        a->design = v;
        break;
    case CLI_OPT_PROGRESS: {
        out_progress_mode_t m;
        if (out_progress_mode_parse(v, &m) != 0) {
            cli_usage_error(cmd->name, _("%s '%s': expected bar, lines or none"), name, v);
            return -1;
        }
        a->progress = (int)m;
        break;
    }
    case CLI_OPT_EVENT_LOG:
        a->event_log = v;
        break;
    case CLI_OPT_CASE_SVC:
        a->case_service = v;
        break;
    case CLI_OPT_REGION:
        a->region = v;
        break;
    case CLI_OPT_CASE:
        a->case_no = u;
        break;
    case CLI_OPT_LANG:
        if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0) {
            cli_usage_error(cmd->name, "%s '%s': expected en or zh", name, v);
            return -1;
        }
        a->lang = v;
        break;
    case CLI_OPT_FORMAT:
        if (!cmd->formats || !is_choice(cmd->formats, v)) {
            char list[128];
            describe_choices(cmd->formats ? cmd->formats : "table", list, sizeof list);
            cli_usage_error(cmd->name, "%s '%s': expected %s", name, v, list);
            return -1;
        }
        a->format = v;
        break;
    default:
        break;
    }
    return 0;
}

/* One argument that starts with '-': the option, its value (from "=v" or
 * the next argument).  Returns 0, 1 (help) or -1. */
static int take_option(const cli_command_t *cmd, int argc, char **argv, int *i, cli_args_t *a) {
    const char *arg = argv[*i];
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    cli_opt_t o = find_option(cmd, arg, len);
    if (o == CLI_OPT_COUNT) return unknown_option(cmd, arg);
    const spec_t *s = &SPECS[o];
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(len < 31 ? len : 31), arg);
    a->given[o] = true;
    if (o == CLI_OPT_HELP) {
        cli_command_help(cmd, stdout);
        return 1;
    }
    if (s->kind == K_FLAG) {
        if (!eq) return 0;
        cli_usage_error(cmd->name, "option %s takes no value", name);
        return -1;
    }
    const char *v = eq ? eq + 1 : NULL;
    if (!v) {
        if (*i + 1 >= argc) {
            cli_usage_error(cmd->name, "option %s needs a value", name);
            return -1;
        }
        v = argv[++*i];
    }
    return take_value(cmd, o, name, v, a);
}

int cli_args_parse(const cli_command_t *cmd, int argc, char **argv, cli_args_t *a) {
    a->progress = CLI_PROGRESS_AUTO;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] == '-' && arg[1] != '\0') {
            int rc = take_option(cmd, argc, argv, &i, a);
            if (rc != 0) return rc;
        } else if (a->n_positional < cmd->max_positional && a->n_positional < CLI_MAX_POSITIONAL) {
            a->positional[a->n_positional++] = arg;
        } else if (cmd->max_positional == 1) {
            cli_usage_error(cmd->name, "%s (got '%s' and '%s')", cmd->extra, a->positional[0], arg);
            return -1;
        } else {
            cli_usage_error(cmd->name, "%s ('%s')", cmd->extra, arg);
            return -1;
        }
    }
    if (a->n_positional < cmd->min_positional) {
        cli_usage_error(cmd->name, "%s", cmd->missing);
        return -1;
    }
    return 0;
}

void cli_command_help(const cli_command_t *cmd, FILE *f) {
    fprintf(f, "usage: govsim %s%s%s [options]\n\n%s\n\noptions:\n", cmd->name,
            *cmd->synopsis ? " " : "", cmd->synopsis, cmd->summary);
    for (int i = 0; i < CLI_OPT_COUNT; i++) {
        /* -h last, after the options added to the table after it */
        int o = i == CLI_OPT_COUNT - 1 ? CLI_OPT_HELP : i < CLI_OPT_HELP ? i : i + 1;
        if (!accepts(cmd, (cli_opt_t)o)) continue;
        const spec_t *s = &SPECS[o];
        char left[64];
        snprintf(left, sizeof left, "%s%s%s%s%s", s->short_name ? s->short_name : "",
                 s->short_name && s->long_name ? ", " : "", s->long_name ? s->long_name : "",
                 s->value ? " " : "", s->value ? s->value : "");
        fprintf(f, "  %-24s %s", left, s->help);
        if (o == CLI_OPT_FORMAT && cmd->formats) fprintf(f, ": %s", cmd->formats);
        if ((s->kind == K_UNSIGNED || s->kind == K_U64) && s->max == INT64_MAX)
            fprintf(f, " [%llu..2^63-1]", (unsigned long long)s->min);
        else if (s->kind == K_UNSIGNED || s->kind == K_U64)
            fprintf(f, " [%llu..%llu]", (unsigned long long)s->min, (unsigned long long)s->max);
        fputc('\n', f);
    }
    fputs("\nExit codes: 0 ok, 1 run-time failure, 2 bad usage or bad input.\n", f);
}
