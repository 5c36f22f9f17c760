/*
 * graph_cities.h - the province's network a person can read: with several
 * regions, `govsim graph` also draws one picture per city (its
 * departments and the data links between them, names without the city)
 * and one of the cities themselves (the links between cities, counted by
 * kind), and DIR/index.html showing them all with the whole network.
 */
#ifndef GOVSIM_CLI_GRAPH_CITIES_H
#define GOVSIM_CLI_GRAPH_CITIES_H

#include <stddef.h>

#include "out_graph.h"
#include "scn.h"

/* For scenario s (its departments are g's first nodes, in order) write
 * network_REGION.{dat,gp,png}, network_cities.{dat,gp,png} and index.html
 * into dir; nothing when s has one region.  Returns 0, or -1 with a
 * message in err. */
int graph_cities_write(const out_graph_t *g, const scn_t *s, const char *dir, char *err,
                       size_t errlen);

#endif
