/*
 * scn_dates.h - the dated part of a scenario's calendar (calendar.start_date,
 * holidays and make-up working days written as ISO dates, and the official
 * holiday arrangements a scenario @includes; docs/scenario-format.md).
 * Internal to the loader (models/scn.c).
 */
#ifndef GOVSIM_SCN_DATES_H
#define GOVSIM_SCN_DATES_H

#include <libconfig.h>

#include "cfgr.h"
#include "scn.h"

/* Reads start_date, then every dated day list of the `calendar` group
 * (holidays given as dates, makeup_days, arrangements.*) into s->calendar,
 * whose hours and workdays are already read.  Day numbers in `holidays`
 * are left to the caller.  Dates before start_date are ignored (an
 * arrangement covers a whole year).  Returns 0, or -1 with the message. */
int scn_dates_read(const cfgr_t *r, scn_t *s, const config_setting_t *calendar);

/* Is `list` (may be NULL) a non-empty sequence of text (dates), rather
 * than of day numbers? */
bool scn_dates_is_text(const config_setting_t *list);

/* Day number (from day 0 = start_date) of the date in setting `at`:
 * for settings other than the calendar's day lists (surge periods).
 * Fails on bad dates and when the scenario has no start_date. */
int scn_dates_day(const cfgr_t *r, const scn_t *s, const config_setting_t *at, long *day);

#endif
