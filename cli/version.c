/* govsim --version: its own version and the libraries' (cli.h).  The
 * libraries' versions are those linked at run time where the library
 * says (GSL's gsl_version, igraph_version()), else those of the headers
 * it was built with (libconfig has no run-time version); a bug report
 * then says exactly what ran. */
#include <gsl/gsl_version.h>
#include <igraph/igraph_version.h>
#include <libconfig.h>
#include <stdio.h>

#include "cli.h"
#include "rng.h"

void cli_print_version(FILE *fp) {
    const char *ig = NULL;
    int major = 0, minor = 0, patch = 0;
    igraph_version(&ig, &major, &minor, &patch);
    fprintf(fp, "govsim %s\n", GOVSIM_VERSION);
    fprintf(fp, "random numbers: version %d (%s)\n", RNG_RESULTS_VERSION, RNG_RESULTS_METHOD);
    fprintf(fp, "GSL %s (built with %s)\n", gsl_version, GSL_VERSION);
    fprintf(fp, "igraph %s (built with %s)\n", ig ? ig : "?", IGRAPH_VERSION);
    fprintf(fp, "libconfig %d.%d.%d\n", LIBCONFIG_VER_MAJOR, LIBCONFIG_VER_MINOR,
            LIBCONFIG_VER_REVISION);
#ifdef GOVSIM_MPI
    fputs("built with MPI (govsim-mpi)\n", fp);
#endif
}
