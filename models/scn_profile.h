/*
 * scn_profile.h - a service's arrival profile in a scenario file
 * (services[i].profile and services[i].region_profiles; see
 * docs/scenario-format.md).  Internal to the loader (models/scn.c).
 */
#ifndef GOVSIM_SCN_PROFILE_H
#define GOVSIM_SCN_PROFILE_H

#include <libconfig.h>

#include "cfgr.h"
#include "scn.h"

/* Reads the profiles of the service group `g` into sv; the calendar (with
 * its start date), the run length and the regions are already read.  Checks
 * that every profile leaves some demand in the run.  Returns 0, or -1 with
 * the message. */
int scn_profile_read(const cfgr_t *r, const scn_t *s, const config_setting_t *g, scn_service_t *sv);

/* The settings of one profile group p (hour_of_day, day_of_week,
 * month_of_year, surges; the caller checks the keys) into *out, without
 * checking that demand falls in the calendar's opening hours (the hotline
 * has hours of its own). */
int scn_profile_read_fields(const cfgr_t *r, const scn_t *s, const config_setting_t *p,
                            scn_profile_t *out);

#endif
