/* The progress reporter every command hands its runner, and the paths --quiet prints (cli.h). */
#include <stdio.h>
#include <unistd.h>

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

void cli_print_chart_paths(const char *dir, const char *const *names, size_t n_names,
                           const char *const *exts, size_t n_exts) {
    char name[256], path[2048];
    for (size_t i = 0; i < n_names; i++)
        for (size_t e = 0; e < n_exts; e++) {
            snprintf(name, sizeof name, "%s.%s", names[i], exts[e]);
            snprintf(path, sizeof path, "%s/%s", dir, name);
            if (access(path, F_OK) == 0) cli_print_path(dir, name);
        }
}

void cli_print_output_paths(const char *dir, const char *const *files, size_t n_files,
                            const char *const *charts, size_t n_charts) {
    static const char *const EXTS[] = {"png", "svg", "dat", "gp"};
    for (size_t i = 0; i < n_files; i++) cli_print_path(dir, files[i]);
    cli_print_chart_paths(dir, charts, n_charts, EXTS, sizeof EXTS / sizeof *EXTS);
}
