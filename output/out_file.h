/*
 * out_file.h - output files that appear whole or not at all.
 *
 * A run writes summary.csv, summary.json, report.html ... into its output
 * folder.  A reader (a person, a script watching the folder, the next
 * `govsim compare`) must never see half a file: not when the disk fills,
 * not when the run is interrupted, not when two runs race.  So each file is
 * written under a temporary name in the same directory,
 * DIR/.NAME.tmp.XXXXXX (mkstemp: unique, created exclusively; the leading
 * dot hides it from `ls` and globs such as *.csv), then flushed, fsync'ed,
 * closed and renamed over DIR/NAME.  rename() within one directory is
 * atomic: readers see the old file or the new one.  Any failure on the way
 * (a short write, ENOSPC at fflush, EIO at fsync or close) removes the
 * temporary file and leaves DIR/NAME as it was.
 *
 * The writers (out_csv, out_json, base/text) do not check each write: the
 * stream's error indicator is sticky, and out_file_commit() checks it.
 *
 *     out_file_t f;
 *     FILE *fp = out_file_open(&f, dir, "summary.csv", err, sizeof err);
 *     if (fp == NULL) return -1;
 *     ... write to fp ...
 *     if (out_file_commit(&f, err, sizeof err) != 0) return -1;
 *
 * and on an error of its own while writing, the caller calls
 * out_file_abort(&f).  After commit (whatever its result) or abort the
 * handle is closed, and out_file_abort() on a closed handle does nothing, so
 * cleanup paths may call it unconditionally.
 *
 * A run killed before commit (SIGKILL, a crash) leaves its temporary
 * file behind; out_file_remove_stale() removes such leftovers, telling
 * them from files still being written by the lock each open file holds.
 *
 * The file gets the permissions of a plain fopen(): 0666 minus the umask
 * (mkstemp alone would leave it 0600).  The umask is read from
 * /proc/self/status (Linux >= 4.7), since umask(2) can only be read by
 * changing it, which would race with other threads; elsewhere 022 is
 * assumed.  Error messages name the path and the system's reason, e.g.
 *   "cannot rename 'out/.summary.csv.tmp.Ab12Cd' to 'out/summary.csv':
 *    No such file or directory"
 */
#ifndef GOVSIM_OUT_FILE_H
#define GOVSIM_OUT_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct out_file {
    FILE *fp;         /* open stream, NULL when closed          */
    char *tmp_path;   /* DIR/.NAME.tmp.XXXXXX, owned            */
    char *final_path; /* DIR/NAME, owned                        */
    char *dir_path;   /* DIR ("." for ""), owned, to fsync      */
} out_file_t;

/* Create a temporary file for DIR/NAME and open it for writing.  NAME is a
 * plain file name (no '/', not "." or ".."); DIR must exist ("" means the
 * current directory).  Returns the stream, or NULL with a one-line message
 * in err (f is then closed). */
FILE *out_file_open(out_file_t *f, const char *dir, const char *name, char *err, size_t errlen);

/* Flush, fsync, close and rename the temporary file to DIR/NAME, replacing
 * any file of that name, then fsync DIR so the rename is durable.  Returns 0,
 * or -1 with a message in err; on failure the temporary file is removed and
 * DIR/NAME is untouched (except when only the final directory fsync fails:
 * the new file is then complete under its name, but the message says the
 * rename may not survive a crash).  Either way f is closed. */
int out_file_commit(out_file_t *f, char *err, size_t errlen);

/* Close and remove the temporary file; DIR/NAME is untouched.  Does nothing
 * on a closed handle.  This function can't fail. */
void out_file_abort(out_file_t *f);

/* Remove the temporary files that runs killed before commit or abort
 * (SIGKILL, a crash, a power cut) left in DIR: DIR/.NAME.tmp.XXXXXX whose
 * NAME matches one of the fnmatch(3) patterns in `kinds` (NULL-terminated,
 * e.g. {"summary.csv", "*.png", NULL}; NULL: any NAME), and which no
 * process holds.  Every temporary file is flock'ed by out_file_open until
 * commit or abort, and the kernel drops the lock when its holder dies, so
 * the temporary files of a run still going (another govsim writing to
 * the same folder) are left alone.  Nothing else is touched.  A command
 * calls this at its start for the kinds of files it writes, so a killed
 * run's leftovers go the next time the same command runs.  Returns how
 * many files were removed (0 also when DIR does not exist), or -1 with a
 * one-line message (DIR unreadable, an unlink refused). */
int out_file_remove_stale(const char *dir, const char *const *kinds, char *err, size_t errlen);

/* The whole of the file at path, malloc'd and NUL-terminated (the NUL is
 * not counted in *len, which may be NULL).  Returns NULL with a one-line
 * message in err when it cannot be read or memory runs out. */
char *out_file_read(const char *path, size_t *len, char *err, size_t errlen);

/* Create the directory path and any missing parents (like mkdir -p), with
 * mode 0777 minus the umask.  Existing directories (or symbolic links to
 * them) are fine.  Returns 0, or -1 with a message in err when a component
 * exists but is not a directory, or mkdir fails (permissions, ...). */
int out_mkdir_p(const char *path, char *err, size_t errlen);

#endif
