/*
 * plan_names.h - a plan's portfolio as people read it: the reforms'
 * names with their start years in words ("Data hub (from year 1) +
 * Talent investment (from year 2)", "no reform"), translated; the ids
 * ("data_hub@1+talent_investment@2") stay in the files for programs
 * (portfolios.csv, years.csv).
 */
#ifndef GOVSIM_CLI_PLAN_NAMES_H
#define GOVSIM_CLI_PLAN_NAMES_H

#include <stddef.h>

#include "plan.h"
#include "plan_eval.h"

/* Longest name plan_portfolio_name writes, with its '\0'. */
#define PLAN_NAME_MAX 2048

/* Put portfolio p's name in buf (len bytes, cut at a UTF-8 boundary when
 * too small): each reform in it as "NAME (from year N)", joined by
 * " + " (its id when it has no name); "no reform" when empty. */
void plan_portfolio_name(const plan_t *pl, const plan_portfolio_t *p, char *buf, size_t len);

/* Print p's name on stdout in a column `width` wide, starting after
 * `indent` spaces: on one line padded to width when it fits, else
 * broken before each " + " onto lines of their own (a part wider than
 * width is cut), the last padded to width so what follows lines up, the
 * others not padded. */
void plan_print_name_cell(const plan_t *pl, const plan_portfolio_t *p, size_t indent, size_t width);

#endif
