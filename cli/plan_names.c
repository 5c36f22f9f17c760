/* A plan's portfolios by their reforms' names (plan_names.h). */
#include "plan_names.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "lang.h"
#include "text.h"

/* Append text to buf[*used ..] when it fits whole; returns 0, or -1
 * (buf unchanged past *used) when it does not. */
static int append(char *buf, size_t len, size_t *used, const char *text) {
    size_t n = strlen(text);
    if (*used + n + 1 > len) return -1;
    memcpy(buf + *used, text, n + 1);
    *used += n;
    return 0;
}

void plan_portfolio_name(const plan_t *pl, const plan_portfolio_t *p, char *buf, size_t len) {
    if (!len) return;
    buf[0] = '\0';
    size_t used = 0;
    bool any = false;
    for (size_t j = 0; j < pl->n_reforms; j++) {
        if (!p->start[j]) continue;
        const reform_t *r = &pl->reforms[j].reform;
        char part[REFORM_NAME_MAX + 64];
        snprintf(part, sizeof part, _("%s (from year %d)"), r->name[0] ? r->name : r->id,
                 p->start[j]);
        if ((any && append(buf, len, &used, " + ") != 0) || append(buf, len, &used, part) != 0) {
            /* too small: what fits, cut where a character starts */
            size_t room = len - 1 - used, n = strlen(part);
            if (n > room) n = text_utf8_boundary(part, room);
            memcpy(buf + used, part, n);
            buf[used + n] = '\0';
            return;
        }
        any = true;
    }
    if (!any) snprintf(buf, len, "%s", _("no reform"));
}

/* Terminal columns text takes. */
static size_t columns(const char *text) {
    size_t w = 0, n;
    for (const char *s = text; *s; s += n) w += text_char_width(text_utf8_next(s, &n));
    return w;
}

/* text cut to width columns, with no padding (no trailing spaces on a
 * line that ends there); controls made harmless. */
static void print_unpadded(const char *text, size_t width) {
    char safe[PLAN_NAME_MAX];
    text_term_text(text, safe, sizeof safe);
    if (columns(safe) > width) cli_lang_print_cell(safe, width);
    else fputs(safe, stdout);
}

void plan_print_name_cell(const plan_t *pl, const plan_portfolio_t *p, size_t indent,
                          size_t width) {
    char name[PLAN_NAME_MAX];
    plan_portfolio_name(pl, p, name, sizeof name);
    if (columns(name) <= width) {
        printf("%*s", (int)indent, "");
        cli_lang_print_cell(name, width);
        return;
    }
    /* one reform a line, each after the first led by "+ " */
    const char *s = name;
    for (bool first = true;; first = false) {
        const char *next = strstr(s, " + ");
        char part[PLAN_NAME_MAX];
        size_t n = next ? (size_t)(next - s) : strlen(s);
        snprintf(part, sizeof part, "%s%.*s", first ? "" : "+ ", (int)n, s);
        printf("%*s", (int)indent, "");
        if (!next) {
            cli_lang_print_cell(part, width);
            return;
        }
        print_unpadded(part, width);
        printf("\n");
        s = next + 3;
    }
}
