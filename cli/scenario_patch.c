/* A scenario with the command line's --set and --reform applied (cli.h). */
#include <libconfig.h>
#include <stdio.h>

#include "cli.h"
#include "reform.h"

int cli_apply_sets(config_t *tree, const char *const *sets, size_t n_sets, char *err,
                   size_t errlen) {
    for (size_t i = 0; i < n_sets; i++)
        if (reform_set_apply(sets[i], tree, err, errlen) != 0) return -1;
    return 0;
}

int cli_load_patched(scn_t *s, const char *path, const char *const *sets, size_t n_sets,
                     const reform_t *reforms, size_t n_reforms, char *err, size_t errlen) {
    if (n_sets == 0 && n_reforms == 0) return scn_load(s, path, err, errlen);
    config_t tree;
    int rc = reform_load_scenario_tree(&tree, path, err, errlen);
    if (rc == 0) rc = cli_apply_sets(&tree, sets, n_sets, err, errlen);
    for (size_t i = 0; rc == 0 && i < n_reforms; i++)
        rc = reform_apply(&reforms[i], &tree, err, errlen);
    if (rc == 0 && (rc = scn_from_config(s, &tree, path, err, errlen)) != 0)
        reform_set_blame(err, errlen, sets, n_sets);
    config_destroy(&tree);
    return rc;
}
