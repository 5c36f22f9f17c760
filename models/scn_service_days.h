/*
 * scn_service_days.h - calendar.service_days: days that are not working
 * days on which the halls open in their own hours (a Saturday morning
 * service; docs/scenario-format.md, section calendar).  Internal to the
 * loader (models/scn.c).
 */
#ifndef GOVSIM_SCN_SERVICE_DAYS_H
#define GOVSIM_SCN_SERVICE_DAYS_H

#include <libconfig.h>

#include "cfgr.h"
#include "scn.h"

/* Reads member service_days of the `calendar` group into s->calendar
 * (wcal_add_service), whose hours and workdays are already read.
 * Missing: nothing to do.  Returns 0, or -1 with a message such as
 * "FILE:LINE: calendar.service_days[0].days: Saturday is a working day
 * (in workdays), not a service day (expected ...)". */
int scn_service_days_read(const cfgr_t *r, scn_t *s, const config_setting_t *calendar);

#endif
