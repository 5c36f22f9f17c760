/*
 * cfgr_src.h - the text of an input file as libconfig is given it: every
 * @include line replaced by the included file's text, every file checked
 * against the limits below first, and a map from each line of the result
 * back to its file and line.
 *
 * libconfig 1.5 resolves @include against the current folder (or one fixed
 * include folder), opens whatever the path names (a folder makes its
 * scanner exit(2), a FIFO or /dev/stdin blocks it), and its scanner takes
 * time quadratic in the length of one token (a 1 MB string: 0.5 s, 8 MB: a
 * minute).  So govsim reads the files itself: only regular files, relative
 * to the including file, within these bounds, and hands libconfig one text
 * that holds no @include.
 */
#ifndef GOVSIM_CFGR_SRC_H
#define GOVSIM_CFGR_SRC_H

#include <stddef.h>
#include <stdint.h>

#define CFGR_MAX_FILE_BYTES    (4u << 20)  /* one file                       */
#define CFGR_MAX_TOTAL_BYTES   (8u << 20)  /* a file and all it includes     */
#define CFGR_MAX_LINE          (64u << 10) /* bytes in one line              */
#define CFGR_MAX_STRING        (64u << 10) /* bytes in one "..." literal     */
#define CFGR_MAX_INCLUDE_DEPTH 8           /* @include inside @include ...   */
#define CFGR_MAX_FILES         256         /* files in all                   */

typedef struct cfgr_src {
    char *text; /* NUL-terminated, no @include left              */
    size_t len;
    size_t n_lines; /* lines of text, each ending in '\n'            */
    size_t cap_lines;
    uint32_t *file; /* [n_lines]: index into files                   */
    uint32_t *line; /* [n_lines]: line in that file, from 1          */
    char **files;   /* [n_files]: files[0] is the path given         */
    size_t n_files;
    size_t cap_text;
} cfgr_src_t;

/* Reads `path` and what it includes into *s (which the caller frees with
 * cfgr_src_free whatever happens).  Returns 0, or -1 with one line in err:
 *   "FILE: cannot read: No such file or directory"
 *   "FILE: not a regular file (a folder; expected a file of text)"
 *   "FILE:LINE: @include \"x\": not a regular file (...)"
 *   "FILE:LINE: a line of 70000 bytes (expected at most 65536 per line)"
 *   "FILE:LINE: a NUL byte (expected text)"                           */
int cfgr_src_load(cfgr_src_t *s, const char *path, char *err, size_t errlen);

/* The file and line that line `n` (from 1) of s->text came from; for n
 * beyond the text, the last line. */
const char *cfgr_src_where(const cfgr_src_t *s, long n, int *line);

void cfgr_src_free(cfgr_src_t *s);

#endif
