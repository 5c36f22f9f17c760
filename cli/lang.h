/*
 * lang.h - which language govsim speaks to people (gettext).
 *
 * English is the source language: with no catalogue bound, _() returns
 * its argument (base/i18n.h).  `--lang zh` (anywhere on the command line)
 * or a Chinese LC_ALL / LC_MESSAGES / LANG / LANGUAGE selects Chinese:
 * the catalogue po/zh_CN.po, compiled by make into BUILD/locale (a
 * checkout) and installed into PREFIX/share/locale (make install).
 *
 * Only the messages category changes: LC_NUMERIC and LC_CTYPE stay "C",
 * so numbers keep '.' as decimal point and the text functions of base/
 * keep their meaning.  The machine needs no zh_CN locale: LC_MESSAGES is
 * set to C.UTF-8 (gettext ignores LANGUAGE only under plain "C") and the
 * language is chosen through LANGUAGE; the catalogue's text is delivered
 * as UTF-8 whatever LC_CTYPE says.
 */
#ifndef GOVSIM_CLI_LANG_H
#define GOVSIM_CLI_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reform.h"
#include "scn.h"

/* Remove `--lang L` / `--lang=L` from argv (argv[0] kept, argc updated)
 * and set the language: L, or else the environment's.  Returns 0, or
 * CLI_USAGE after a one-line usage error (an unknown language, a missing
 * value).  Call once, first thing in main. */
int cli_lang_init(int *argc, char **argv);

/* Whether Chinese was selected (and its catalogue is in use). */
bool cli_lang_zh(void);

/* Give people the names they read: in Chinese, every name that has a
 * name_zh takes it (the scenario's, its regions', departments' and
 * services'; a reform's), and the scenario's and a reform's description
 * its description_zh.  Ids are untouched.  No-op in English. */
void cli_lang_scn(scn_t *s);
void cli_lang_reform(reform_t *r);

/* Print name on stdout in exactly `width` terminal columns: a name too
 * wide is cut at a character that fits and ends in an ellipsis (Chinese
 * characters are two columns wide), padded with spaces; controls made
 * harmless (text_term_text). */
void cli_lang_print_cell(const char *name, size_t width);
/* The same on fp. */
void cli_lang_fprint_cell(FILE *fp, const char *name, size_t width);

/* text on stdout right-aligned in `width` terminal columns. */
void cli_lang_print_right(const char *text, size_t width);

/* Print a table's header on stdout: the first title in `first` columns
 * (left-aligned), then each of the n titles right-aligned in widths[i]
 * columns after a space, then a newline; titles are translated text. */
void cli_lang_print_header(const char *title, size_t first, const char *const *titles,
                           const int *widths, size_t n);

#endif
