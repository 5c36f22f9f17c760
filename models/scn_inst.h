/*
 * scn_inst.h - institutional levers (docs/scenario-format.md, section
 * `commitment`): notification-commitment (告知承诺) replaces documents by
 * the applicant's promise, checked afterwards by an audit that may revoke
 * the approval.  Which documents may be promised is each data item's
 * `commitment`; proactive services and the legal basis of data sharing are
 * settings of services and links (scn.h).
 */
#ifndef GOVSIM_SCN_INST_H
#define GOVSIM_SCN_INST_H

#include <libconfig.h>

#include "cfgr.h"

typedef struct scn_commit {
    double audit_share;  /* share of promised cases audited after approval  */
    double revocation;   /* chance an audit finds the promise false         */
    double revoked_lost; /* share of revoked cases given up (lost); the rest
                            apply again from the first step, with the
                            documents this time                            */
} scn_commit_t;

/* Read the optional top-level group `commitment` of `root` into *out (all
 * 0 when missing).  Returns 0, or -1 with a one-line message. */
int scn_commit_read(const cfgr_t *r, const config_setting_t *root, scn_commit_t *out);

#endif
