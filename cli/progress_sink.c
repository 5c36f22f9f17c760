/* The progress reporter every command hands its runner (cli.h). */
#include <stdio.h>

#include "cli.h"

progress_sink_t cli_progress(out_progress_t *p, bool quiet, bool lines, const char *label) {
    out_progress_init(p, out_progress_auto(quiet, lines ? OUT_PROGRESS_LINES : OUT_PROGRESS_NONE),
                      label);
    progress_sink_t sink = {out_progress_update, p};
    return sink;
}

progress_sink_t cli_progress_as(out_progress_t *p, bool quiet, int mode, const char *label) {
    out_progress_mode_t m =
        mode >= 0 ? (out_progress_mode_t)mode : out_progress_auto(quiet, OUT_PROGRESS_LINES);
    out_progress_init(p, m, label);
    progress_sink_t sink = {out_progress_update, p};
    return sink;
}

void cli_print_path(const char *dir, const char *name) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cli_print_text(path); /* a folder name may hold terminal controls */
    putchar('\n');
}
