/* Why a bundled reform was skipped, in one short line (compare.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "lang.h"
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

void compare_skip_in_place(compare_skip_t *k, const char *id, const char *file) {
    compare_skip_reason(k, id, file, COMPARE_IN_PLACE);
}

/* The translated word for an element of a scenario list ("department"),
 * or the word itself when it is not one of these. */
static const char *element_people(const char *word) {
    static const char *const WORDS[] = {N_("department"), N_("service"), N_("region"),
                                        N_("step"),       N_("link"),    N_("document")};
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++)
        if (strcmp(word, WORDS[i]) == 0) return _(WORDS[i]);
    return word;
}

/* "no W has K = V (K values there: L)" (reform.c's words when a filter
 * leaves nothing) in the language chosen; false when reason is not so. */
static bool filter_reason(const char *reason, char *buf, size_t len) {
    char word[64], key[64], value[96];
    const char *has = strstr(reason, " has "), *eq = has ? strstr(has, " = ") : NULL;
    const char *open = eq ? strstr(eq, " (") : NULL;
    const char *there = open ? strstr(open, " values there: ") : NULL;
    size_t n = strlen(reason);
    if (strncmp(reason, "no ", 3) != 0 || !there || reason[n - 1] != ')') return false;
    if (has - reason - 3 >= (long)sizeof word || eq - has - 5 >= (long)sizeof key ||
        open - eq - 3 >= (long)sizeof value || strchr(reason + 3, ' ') != has)
        return false; /* one word only: not "... left by the filters before it" */
    snprintf(word, sizeof word, "%.*s", (int)(has - reason - 3), reason + 3);
    snprintf(key, sizeof key, "%.*s", (int)(eq - has - 5), has + 5);
    snprintf(value, sizeof value, "%.*s", (int)(open - eq - 3), eq + 3);
    const char *list = there + strlen(" values there: ");
    /* TRANSLATORS: e.g. "no department has region = qiqihar (region values
     * there: xuzhou)": why a bundled reform does not apply to a scenario. */
    snprintf(buf, len, _("no %s has %s = %s (%s values there: %.*s)"), element_people(word), key,
             value, key, (int)(reason + n - 1 - list), list);
    return true;
}

void compare_skip_people(const compare_skip_t *k, char *buf, size_t len) {
    if (strcmp(k->reason, COMPARE_IN_PLACE) == 0) {
        /* the text of COMPARE_IN_PLACE, spelled out for xgettext */
        snprintf(buf, len, "%s",
                 _("already in place (every setting it changes already has that value here)"));
        return;
    }
    if (!cli_lang_zh() || !filter_reason(k->reason, buf, len)) snprintf(buf, len, "%s", k->reason);
}
