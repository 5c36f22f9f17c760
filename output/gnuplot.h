/*
 * gnuplot.h - run gnuplot on a script, as a program.
 *
 * Plots are gnuplot scripts written next to their data, so a reader can
 * re-run or edit them; govsim then runs gnuplot on them.  gnuplot is
 * started with fork + execvp (never a shell: file names and scenario text
 * never meet a command line parser), with the output folder as its working
 * directory, stdin and stdout on /dev/null (a stray `pause` cannot hang it,
 * nothing lands in our tables) and its stderr captured: when it fails, the
 * last line it printed is the error message.  gnuplot is looked up on PATH.
 */
#ifndef GOVSIM_OUT_GNUPLOT_H
#define GOVSIM_OUT_GNUPLOT_H

#include <stddef.h>

/* Run `gnuplot script_name` in directory `dir` and wait for it.  Returns 0
 * when gnuplot exited with status 0; otherwise -1 with a one-line message
 * in err: gnuplot not installed (or not runnable), `dir` unusable, killed
 * by a signal, or its exit status and last line of error output. */
int out_gnuplot_run(const char *dir, const char *script_name, char *err, size_t errlen);

/* The same, with the gnuplot string variable `outfile` set to output_name
 * before the script runs (gnuplot -e 'outfile = "..."' script), for
 * scripts that write `set output outfile`: lets a caller render to a
 * temporary name and rename it into place.  output_name is escaped for a
 * gnuplot double-quoted string.  After gnuplot exits 0 the picture
 * DIR/output_name is checked (out_gnuplot_check_picture, format from its
 * first bytes): -1 with a message when it is missing, empty or cut short. */
int out_gnuplot_run_to(const char *dir, const char *script_name, const char *output_name, char *err,
                       size_t errlen);

/* Whether the picture gnuplot wrote at `path` is whole: format "png" (the
 * PNG signature first, the IEND chunk last), "gif" (GIF8 first, the
 * trailer byte 0x3B last) or "svg" (non-empty, ending
 * with </svg>); NULL: PNG if the file starts like one, else SVG.  gnuplot
 * exits 0 even when its writes fail (a full disk), so its exit status
 * alone cannot say.  Returns 0, or -1 with a one-line message in err (no
 * file, empty, cut short). */
int out_gnuplot_check_picture(const char *path, const char *format, char *err, size_t errlen);

/* The same, also setting the gnuplot string variable `fmt` to format (a
 * plain lower-case word such as "png" or "svg"; NULL: not set), for
 * scripts that pick their terminal from it (output/plot.h); the picture is
 * checked as that format.  A format that
 * is not a plain word is refused (-1). */
int out_gnuplot_render(const char *dir, const char *script_name, const char *output_name,
                       const char *format, char *err, size_t errlen);

#endif
