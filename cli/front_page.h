/*
 * front_page.h - results/index.html, the page a person opens first after
 * `govsim` (the default job): per bundled baseline, the headline (the
 * reform that saves the most citizens' hours per yuan, the trips it
 * avoids, the share of cases within the statutory limit before and after
 * it) and a link to its report; then every other result folder found in
 * results/ (sweeps, network graphs, plans), linked by its page.
 */
#ifndef GOVSIM_CLI_FRONT_PAGE_H
#define GOVSIM_CLI_FRONT_PAGE_H

#include <stddef.h>

#include "compare.h"

/* Write DIR/index.html for the n comparisons in folders[i] (relative to
 * DIR) with headlines heads[i], at `reps` replications.  Returns 0, or -1
 * with a message in err. */
int front_page_write(const char *dir, const char *const *folders, const compare_headline_t *heads,
                     size_t n, const char *reps, char *err, size_t errlen);

#endif
