/* The language people are spoken to in (lang.h). */
#include "lang.h"

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "text.h"

#define DOMAIN "govsim"

#ifndef GOVSIM_LOCALEDIR
#define GOVSIM_LOCALEDIR "/usr/local/share/locale"
#endif

/* Whether a language name (a --lang value, or LANG-like "zh_CN.UTF-8")
 * means Chinese. */
static bool means_zh(const char *v) { return v && strncmp(v, "zh", 2) == 0; }

/* The language the environment asks for: the first set of LC_ALL,
 * LC_MESSAGES, LANG decides (POSIX), LANGUAGE (GNU) may name Chinese. */
static bool env_wants_zh(void) {
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *language = getenv("LANGUAGE");
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0) return false;
            return means_zh(v) || means_zh(language);
        }
    }
    return means_zh(language);
}

static bool has_catalogue(const char *dir) {
    char path[1400];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo", dir) >= (int)sizeof path)
        return false;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder holding the compiled catalogue into buf: beside the binary
 * in a checkout (./govsim -> build/locale, build/govsim -> build/locale),
 * installed (BIN/../share/locale), else the PREFIX it was built for. */
static const char *locale_dir(char *buf, size_t len) {
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/build/locale", "/locale", "/../share/locale"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(buf, len, "%s%s", exe, rel[i]);
                if (has_catalogue(buf)) return buf;
            }
        }
    }
    return GOVSIM_LOCALEDIR;
}

/* Chinese messages without touching numbers or character classes, and
 * without needing a zh_CN locale on the machine. */
static void select_zh(void) {
    char buf[1200];
    bindtextdomain(DOMAIN, locale_dir(buf, sizeof buf));
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
    if (!setlocale(LC_MESSAGES, "C.UTF-8")) setlocale(LC_MESSAGES, "C.utf8");
    setenv("LANGUAGE", "zh_CN", 1);
}

/* The value of a --lang at argv[i] (and how many arguments it takes), or
 * NULL when argv[i] is not --lang. */
static const char *lang_arg(int argc, char **argv, int i, int *used, bool *missing) {
    *missing = false;
    if (!argv[i]) return NULL;
    if (strncmp(argv[i], "--lang=", 7) == 0) return *used = 1, argv[i] + 7;
    if (strcmp(argv[i], "--lang") != 0) return NULL;
    if (i + 1 >= argc) return *missing = true, NULL;
    return *used = 2, argv[i + 1];
}

int cli_lang_init(int *argc, char **argv) {
    const char *want = NULL;
    int out = 1;
    for (int i = 1; i < *argc;) {
        int used = 0;
        bool missing;
        const char *v = lang_arg(*argc, argv, i, &used, &missing);
        if (missing) return cli_usage_error(NULL, "--lang: expected a language (en or zh)");
        if (!v) {
            argv[out++] = argv[i++];
            continue;
        }
        if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0 && strcmp(v, "zh_CN") != 0 &&
            strcmp(v, "zh-CN") != 0)
            return cli_usage_error(NULL, "--lang '%s': unknown language (expected en or zh)", v);
        want = v;
        i += used;
    }
    argv[out] = NULL;
    *argc = out;
    if (want ? means_zh(want) : env_wants_zh()) select_zh();
    return 0;
}

bool cli_lang_zh(void) {
    /* TRANSLATORS: the code of the language of this translation (zh). */
    return strcmp(_("en"), "en") != 0;
}

static void pick(char *name, size_t len, const char *name_zh) {
    if (*name_zh) snprintf(name, len, "%s", name_zh);
}

void cli_lang_scn(scn_t *s) {
    if (!cli_lang_zh()) return;
    pick(s->name, sizeof s->name, s->name_zh);
    pick(s->description, sizeof s->description, s->description_zh);
    for (size_t i = 0; i < s->n_regions; i++)
        pick(s->regions[i].name, sizeof s->regions[i].name, s->regions[i].name_zh);
    for (size_t i = 0; i < s->n_departments; i++)
        pick(s->departments[i].name, sizeof s->departments[i].name, s->departments[i].name_zh);
    for (size_t i = 0; i < s->n_services; i++)
        pick(s->services[i].name, sizeof s->services[i].name, s->services[i].name_zh);
}

void cli_lang_reform(reform_t *r) {
    if (!cli_lang_zh()) return;
    pick(r->name, sizeof r->name, r->name_zh);
    pick(r->description, sizeof r->description, r->description_zh);
}

/* Columns `text` takes on a terminal. */
static size_t term_width(const char *text) {
    size_t w = 0;
    for (size_t at = 0, n; text[at]; at += n) w += text_char_width(text_utf8_next(text + at, &n));
    return w;
}

void cli_lang_fprint_cell(FILE *fp, const char *name, size_t width) {
    char safe[512];
    text_term_text(name, safe, sizeof safe);
    /* a name cut to fit ends in an ellipsis (one column), so a reader sees
     * it is cut */
    bool cut = width > 1 && term_width(safe) > width;
    size_t room = cut ? width - 1 : width, used = 0, at = 0;
    while (safe[at]) {
        size_t n;
        size_t w = text_char_width(text_utf8_next(safe + at, &n));
        if (used + w > room) break;
        fwrite(safe + at, 1, n, fp);
        used += w;
        at += n;
    }
    if (cut) {
        fputs("\xe2\x80\xa6", fp); /* U+2026 */
        used++;
    }
    for (; used < width; used++) putc(' ', fp);
}

void cli_lang_print_cell(const char *name, size_t width) {
    cli_lang_fprint_cell(stdout, name, width);
}

void cli_lang_print_right(const char *text, size_t width) {
    char safe[256];
    text_term_text(text, safe, sizeof safe);
    for (size_t w = term_width(safe); w < width; w++) putchar(' ');
    fputs(safe, stdout);
}

void cli_lang_print_header(const char *title, size_t first, const char *const *titles,
                           const int *widths, size_t n) {
    cli_lang_print_cell(title, first);
    for (size_t i = 0; i < n; i++) {
        putchar(' ');
        cli_lang_print_right(titles[i], (size_t)widths[i]);
    }
    putchar('\n');
}
