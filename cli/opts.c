#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_escape.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "govsim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd) fprintf(stderr, "\nTry 'govsim help %s'.\n", cmd);
    else fputs("\nTry 'govsim help'.\n", stderr);
    return CLI_USAGE;
}

int cli_parse_u64(const char *cmd, const char *option, const char *text,
                  uint64_t min, uint64_t max, uint64_t *out) {
    const char *p = text;
    if (*p < '0' || *p > '9') {
        cli_usage_error(cmd, "%s '%s': expected a whole number from %" PRIu64
                        " to %" PRIu64, option, text, min, max);
        return -1;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end != '\0' || v < min || v > max) {
        cli_usage_error(cmd, "%s '%s': expected a whole number from %" PRIu64
                        " to %" PRIu64, option, text, min, max);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_unsigned(const char *cmd, const char *option, const char *text,
                       unsigned min, unsigned max, unsigned *out) {
    uint64_t v;
    if (cli_parse_u64(cmd, option, text, min, max, &v) != 0) return -1;
    *out = (unsigned)v;
    return 0;
}

int cli_parse_double(const char *cmd, const char *option, const char *text,
                     double min, double max, double *out) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno || !isfinite(v) || v < min ||
        v > max) {
        cli_usage_error(cmd, "%s '%s': expected a number from %g to %g", option,
                        text, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_print_error(const char *fmt, ...) {
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    out_term_puts(stderr, line);
    fputc('\n', stderr);
}

void cli_print_text(const char *text) { out_term_puts(stdout, text); }
