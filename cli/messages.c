/* How the command line speaks: usage errors and escaped text (cli.h). */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"
#include "text.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    if (cmd && !*cmd) cmd = NULL; /* the default job: "govsim: ..." */
    fprintf(stderr, "govsim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd) fprintf(stderr, "\nTry 'govsim help %s'.\n", cmd);
    else fputs("\nTry 'govsim help'.\n", stderr);
    return CLI_USAGE;
}

void cli_print_error(const char *fmt, ...) {
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    text_term_puts(stderr, line);
    fputc('\n', stderr);
}

void cli_print_text(const char *text) { text_term_puts(stdout, text); }
