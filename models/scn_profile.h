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

#endif
