/*
 * rfile.h - reading an input file that a user named: only a regular file,
 * only up to a size bound, never blocking.
 *
 * Scenario files, their @include'd parts and empirical(...) data are named
 * by the user.  A folder, a FIFO, /dev/stdin, /dev/zero or a terminal must
 * give a one-line error at once, not a hang, an exhausted memory or a
 * library's exit(); a huge file must be refused before anything quadratic
 * runs over it.
 */
#ifndef GOVSIM_RFILE_H
#define GOVSIM_RFILE_H

#include <stddef.h>

/* The whole of the regular file at `path`, malloc'd and NUL-terminated
 * (*len excludes the NUL).  The file is opened without blocking (a FIFO
 * cannot stall the open) and checked with fstat before anything is read.
 * Returns 0, or -1 with a short reason in why (no path in it), e.g.
 *   "cannot read: No such file or directory"
 *   "not a regular file (a folder)"
 *   "larger than 4 MB (expected at most 4 MB)"                        */
int rfile_read(const char *path, size_t max_bytes, char **out, size_t *len, char *why,
               size_t whylen);

#endif
