/*
 * out_dir.h - a command's output folder: ready before the work, and
 * holding only this run's files of the command's kinds after it.
 *
 * A command that simulates for minutes must not find out only at the end
 * that it cannot write its folder: out_dir_ready() creates the folder and
 * makes (and removes) a temporary file in it first.  And a folder reused
 * by a second run must not mix the two: a chart the second run does not
 * draw (regions, for a one-region scenario) would be left from the first
 * and embedded in the new report.  So, before writing, each command calls
 * out_dir_clear() with the names of every file it can write: those a
 * previous run left are removed, with the temporary files of those names a
 * killed run left (".NAME.tmp.XXXXXX", through out_file_remove_stale, so a
 * file another live run is still writing is left alone).  Nothing else in
 * the folder is touched.
 *
 *     static const char *const MINE[] = {"summary.csv", "report.html"};
 *     if (out_dir_ready(dir, err, sizeof err) != 0) ... exit 2, nothing run
 *     ... simulate ...
 *     if (out_dir_clear(dir, MINE, 2, err, sizeof err) != 0) ...
 *     ... write the files ...
 */
#ifndef GOVSIM_OUT_DIR_H
#define GOVSIM_OUT_DIR_H

#include <stddef.h>

/* Create dir (and parents) and check that a file can be created in it.
 * Returns 0, or -1 with a one-line message naming dir and the reason. */
int out_dir_ready(const char *dir, char *err, size_t errlen);

/* Remove from dir the files named in names[0 .. n-1] (plain names) and
 * the temporary files of those names (.NAME.tmp.XXXXXX), when they are
 * regular files or symbolic links; a missing name is fine, a directory of
 * that name is left alone.  Returns 0, or -1 with a message naming the
 * file that could not be removed. */
int out_dir_clear(const char *dir, const char *const *names, size_t n, char *err, size_t errlen);

/* out_dir_clear of the four files of each chart NAME of charts[0 ..
 * n_charts-1] (output/plot.h): NAME.dat, NAME.gp, NAME.png, NAME.svg. */
int out_dir_clear_charts(const char *dir, const char *const *charts, size_t n_charts, char *err,
                         size_t errlen);

#endif
