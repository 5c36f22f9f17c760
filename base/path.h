/*
 * path.h - file names written inside other files.
 *
 * A sweep or a plan names its scenario and reform files relative to its
 * own folder.  Those names are resolved into fixed buffers; one that does
 * not fit must be refused by the caller (a clear error naming the
 * setting), never cut short: a truncated name opens another file, or
 * reports a missing one under a name the user never wrote.
 */
#ifndef GOVSIM_PATH_H
#define GOVSIM_PATH_H

#include <stddef.h>

/* `rel` resolved against the folder of the file `base`: rel itself when
 * it is absolute or base has no folder, else "base's folder/rel".
 * Writes out[0 .. len) and returns 0, or returns -1 when the result needs
 * len bytes or more (out then holds "", never a cut name). */
int path_resolve(const char *base, const char *rel, char *out, size_t len);

#endif
