/* Why a bundled reform was skipped, in one short line (compare.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "text.h"

/* The line number after "FILE:" at the start of err, with *rest set past
 * "FILE:LINE: "; 0 (and *rest = err) when err does not start so. */
static int leading_line(const char *err, const char *file, const char **rest) {
    size_t n = strlen(file);
    *rest = err;
    if (n == 0 || strncmp(err, file, n) != 0 || err[n] != ':' ||
        !isdigit((unsigned char)err[n + 1]))
        return 0;
    char *end;
    long line = strtol(err + n + 1, &end, 10);
    if (*end != ':' || line <= 0 || line > 1000000000L) return 0;
    *rest = end + 1 + (end[1] == ' ');
    return (int)line;
}

/* The text after the last ": " outside parentheses and brackets: what is
 * wrong, without the setting path that led there. */
static const char *last_clause(const char *text) {
    const char *clause = text;
    int depth = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '(' || *p == '[') depth++;
        else if ((*p == ')' || *p == ']') && depth > 0) depth--;
        else if (depth == 0 && p[0] == ':' && p[1] == ' ' && p[2] != '\0') clause = p + 2;
    }
    return clause;
}

void compare_skip_reason(compare_skip_t *k, const char *id, const char *file, const char *err) {
    memset(k, 0, sizeof *k);
    snprintf(k->reform, sizeof k->reform, "%.*s", (int)sizeof k->reform - 1, id);
    snprintf(k->file, sizeof k->file, "%.*s", (int)sizeof k->file - 1, file);
    const char *rest;
    k->line = leading_line(err, file, &rest);
    const char *clause = last_clause(rest);
    size_t n = strlen(clause), max = sizeof k->reason - 1;
    if (n > max) {
        /* cut at the last space that leaves room for "..." */
        size_t cut = max - 3;
        while (cut > 0 && clause[cut] != ' ') cut--;
        if (cut == 0) cut = max - 3;
        cut = text_utf8_boundary(clause, cut);
        memcpy(k->reason, clause, cut);
        memcpy(k->reason + cut, "...", 4);
    } else {
        memcpy(k->reason, clause, n + 1);
    }
    for (char *p = k->reason; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = ' ';
}
