/*
 * scn_platform.h - the online platform's and the data hub's servers
 * (docs/scenario-format.md, `platform` and `hub_servers`): a finite number
 * of servers with a response time, and a timeout after which a request
 * waiting for a server gives up.  servers = 0 (the default): unlimited,
 * every request answered at once, as before the setting existed.
 */
#ifndef GOVSIM_SCN_PLATFORM_H
#define GOVSIM_SCN_PLATFORM_H

#include <libconfig.h>
#include <stdbool.h>

#include "cfgr.h"
#include "dist.h"

/* What a citizen whose online submission timed out does. */
typedef enum { SCN_TIMEOUT_COUNTER, SCN_TIMEOUT_RETRY } scn_timeout_rule_t;

typedef struct scn_servers {
    int servers;                   /* requests served at once; 0: unlimited          */
    dist_t response;               /* a request's service time, MINUTES (read in
                                      seconds)                                      */
    double timeout;                /* minutes a request waits for a server before it
                                      gives up (read in seconds; 0: waits forever)  */
    scn_timeout_rule_t on_timeout; /* platform only                      */
    double retry_minutes;          /* mean wait before a retry (exp)     */
    int retries;                   /* retries before the counter         */
} scn_servers_t;

/* Read the optional top-level group `name` of `root` ("platform" or
 * "hub_servers"; the latter has no on_timeout/retry settings: a hub
 * request that times out falls back to manual exchange).  Missing:
 * unlimited.  Returns 0, or -1 with a message. */
int scn_servers_read(const cfgr_t *r, const config_setting_t *root, const char *name,
                     const char *base_dir, scn_servers_t *out);

/* Release the response distribution; safe on a zeroed struct. */
void scn_servers_free(scn_servers_t *s);

static inline bool scn_servers_finite(const scn_servers_t *s) { return s->servers > 0; }

#endif
