/* The progress reporter every command hands its runner (cli.h). */
#include "cli.h"

progress_sink_t cli_progress(out_progress_t *p, bool quiet, bool lines, const char *label) {
    out_progress_init(p, out_progress_auto(quiet, lines ? OUT_PROGRESS_LINES : OUT_PROGRESS_NONE),
                      label);
    progress_sink_t sink = {out_progress_update, p};
    return sink;
}
