/*
 * scn_inst.c - reading the `commitment` section (see scn_inst.h and
 * docs/scenario-format.md).
 */
#include "scn_inst.h"

static const cfgr_range_t R_SHARE = {0, 1, false, false, false};

int scn_commit_read(const cfgr_t *r, const config_setting_t *root, scn_commit_t *out) {
    static const char *const keys[] = {"audit_share", "revocation", "revoked_lost", NULL};
    config_setting_t *g;
    *out = (scn_commit_t){0, 0, 0};
    if (cfgr_group(r, root, "commitment", false, &g) != 0) return -1;
    if (!g) return 0;
    if (cfgr_check_keys(r, g, keys) != 0 ||
        cfgr_number(r, g, "audit_share", &R_SHARE, false, 0, &out->audit_share, NULL) != 0 ||
        cfgr_number(r, g, "revocation", &R_SHARE, false, 0, &out->revocation, NULL) != 0 ||
        cfgr_number(r, g, "revoked_lost", &R_SHARE, false, 0, &out->revoked_lost, NULL) != 0)
        return -1;
    return 0;
}
