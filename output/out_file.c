/* out_file.c - see out_file.h. */
#include "out_file.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"

/* ---------------------------------------------------------------- helpers */

/* strerror is not guaranteed thread-safe; replications write in threads. */
static void errno_text(int e, char *buf, size_t len) {
    if (strerror_r(e, buf, len) != 0) snprintf(buf, len, "error %d", e);
}

/* "WHAT 'PATH': REASON" for a failed system call with errno e. */
static void fail_errno(char *err, size_t errlen, const char *what, const char *path, int e) {
    char reason[128];
    errno_text(e, reason, sizeof reason);
    errmsg_format(err, errlen, "%s '%s': %s", what, path, reason);
}

/* Concatenate up to four strings into a new allocation (NULL if out of
 * memory); unused tail arguments are "". */
static char *concat4(const char *a, const char *b, const char *c, const char *d) {
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
    char *s = malloc(la + lb + lc + ld + 1);
    if (s == NULL) return NULL;
    char *end = stpcpy(s, a); /* each copy ends in a NUL, overwritten next */
    end = stpcpy(end, b);
    end = stpcpy(end, c);
    stpcpy(end, d);
    return s;
}

/* The octal number after "Umask:" in a /proc/self/status line, or -1 if
 * the line is another field or does not hold a sane mask. */
static long umask_field(const char *line) {
    static const char key[] = "Umask:";
    if (strncmp(line, key, sizeof key - 1) != 0) return -1;
    const char *digits = line + sizeof key - 1;
    char *end;
    errno = 0;
    unsigned long value = strtoul(digits, &end, 8);
    if (end == digits || errno != 0 || value > 0777) return -1;
    return (long)value;
}

/* The umask without changing it (umask(2) can only be read by setting it,
 * racing with any thread that creates a file meanwhile). */
static mode_t current_umask(void) {
    mode_t mask = 022; /* the usual default where /proc cannot tell */
    FILE *fp = fopen("/proc/self/status", "r");
    if (fp == NULL) return mask;
    char line[256];
    while (fgets(line, sizeof line, fp) != NULL) {
        long value = umask_field(line);
        if (value >= 0) {
            mask = (mode_t)value;
            break;
        }
    }
    fclose(fp);
    return mask;
}

static void release(out_file_t *f) {
    free(f->tmp_path);
    free(f->final_path);
    free(f->dir_path);
    f->fp = NULL;
    f->tmp_path = f->final_path = f->dir_path = NULL;
}

static bool plain_file_name(const char *name) {
    return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

/* The three paths of f, from DIR and NAME; -1 when out of memory. */
static int make_paths(out_file_t *f, const char *dir, const char *name) {
    const char *d = dir[0] != '\0' ? dir : ".";
    const char *sep = d[strlen(d) - 1] == '/' ? "" : "/";
    f->dir_path = concat4(d, "", "", "");
    f->final_path = concat4(d, sep, name, "");
    char *dot_name = concat4(sep, ".", name, ".tmp.XXXXXX");
    f->tmp_path = dot_name ? concat4(d, dot_name, "", "") : NULL;
    free(dot_name);
    return f->dir_path && f->final_path && f->tmp_path ? 0 : -1;
}

/* ------------------------------------------------------------------- open */

FILE *out_file_open(out_file_t *f, const char *dir, const char *name, char *err, size_t errlen) {
    assert(f != NULL && dir != NULL && name != NULL);
    f->fp = NULL;
    f->tmp_path = f->final_path = f->dir_path = NULL;
    if (!plain_file_name(name)) {
        errmsg_format(err, errlen,
                      "output file name '%s': expected a plain file name "
                      "(no '/', not '.' or '..')",
                      name);
        return NULL;
    }
    if (make_paths(f, dir, name) != 0) {
        errmsg_format(err, errlen, "cannot open '%s/%s': out of memory", dir, name);
        release(f);
        return NULL;
    }
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        fail_errno(err, errlen, "cannot create a temporary file in", f->dir_path, errno);
        release(f);
        return NULL;
    }
    /* Keep the descriptor out of programs we start (gnuplot), which another
     * thread may fork at any moment. */
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    /* Held until the file is committed or removed (or the process dies):
     * out_file_remove_stale leaves locked files alone.  A file system
     * without locks just makes every temporary file look stale. */
    (void)flock(fd, LOCK_EX | LOCK_NB);
    if (fchmod(fd, 0666 & ~current_umask()) != 0 || (f->fp = fdopen(fd, "w")) == NULL) {
        fail_errno(err, errlen, "cannot open", f->tmp_path, errno);
        close(fd);
        unlink(f->tmp_path);
        release(f);
        return NULL;
    }
    return f->fp;
}

/* ----------------------------------------------------------------- commit */

/* A failed write that stdio remembers only as the stream's error flag: its
 * errno is gone by the time we look. */
#define EARLIER_WRITE_FAILED (-1)

/* Push the data to the disk, stopping at the first failure.  Returns 0,
 * its errno, or EARLIER_WRITE_FAILED. */
static int flush_and_sync(FILE *fp) {
    if (fflush(fp) != 0) return errno;
    if (ferror(fp)) return EARLIER_WRITE_FAILED;
    if (fsync(fileno(fp)) != 0) return errno;
    return 0;
}

/* flush_and_sync, then close the stream exactly once whatever failed; the
 * first failure is the one reported. */
static int flush_and_close(FILE *fp) {
    int e = flush_and_sync(fp);
    if (fclose(fp) != 0 && e == 0) e = errno;
    return e;
}

/* fsync the directory so that the rename itself survives a crash; file
 * systems that cannot sync a directory say EINVAL, which is no failure. */
static int sync_dir(const char *dir) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    int e = fsync(fd) != 0 && errno != EINVAL ? errno : 0;
    close(fd);
    return e;
}

int out_file_commit(out_file_t *f, char *err, size_t errlen) {
    assert(f != NULL && f->fp != NULL);
    int e = flush_and_close(f->fp);
    f->fp = NULL;
    if (e != 0) {
        if (e == EARLIER_WRITE_FAILED)
            errmsg_format(err, errlen,
                          "cannot write '%s': a write failed (disk full or I/O "
                          "error)",
                          f->final_path);
        else fail_errno(err, errlen, "cannot write", f->final_path, e);
        unlink(f->tmp_path);
        release(f);
        return -1;
    }
    if (rename(f->tmp_path, f->final_path) != 0) {
        e = errno;
        char reason[128];
        errno_text(e, reason, sizeof reason);
        errmsg_format(err, errlen, "cannot rename '%s' to '%s': %s", f->tmp_path, f->final_path,
                      reason);
        unlink(f->tmp_path);
        release(f);
        return -1;
    }
    e = sync_dir(f->dir_path);
    if (e != 0) {
        char reason[128];
        errno_text(e, reason, sizeof reason);
        errmsg_format(err, errlen,
                      "wrote '%s' but cannot sync directory '%s' (the file may "
                      "not survive a crash): %s",
                      f->final_path, f->dir_path, reason);
    }
    release(f);
    return e != 0 ? -1 : 0;
}

void out_file_abort(out_file_t *f) {
    assert(f != NULL);
    if (f->fp == NULL) return;
    fclose(f->fp);
    unlink(f->tmp_path);
    release(f);
}

/* ------------------------------------------------------------ stale files */

/* The NAME of a temporary file ".NAME.tmp.XXXXXX" into buf, or false if
 * `entry` is not one. */
static bool temp_final_name(const char *entry, char *buf, size_t len) {
    static const char mark[] = ".tmp.";
    size_t n = strlen(entry), m = sizeof mark - 1, x = 6; /* XXXXXX */
    if (entry[0] != '.' || n < 1 + 1 + m + x) return false;
    if (memcmp(entry + n - x - m, mark, m) != 0) return false;
    size_t name_len = n - x - m - 1;
    if (name_len + 1 > len) return false;
    memcpy(buf, entry + 1, name_len);
    buf[name_len] = '\0';
    return true;
}

static bool matches_kind(const char *name, const char *const *kinds) {
    if (kinds == NULL) return true;
    for (; *kinds; kinds++)
        if (fnmatch(*kinds, name, 0) == 0) return true;
    return false;
}

/* Remove dir/entry if it is a regular file no process holds locked.
 * Returns 1 if removed, 0 if left, -1 with errno on a failed unlink. */
static int remove_if_unlocked(int dir_fd, const char *entry) {
    int fd = openat(dir_fd, entry, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return 0; /* gone meanwhile, or not ours to open */
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0)
        rc = unlinkat(dir_fd, entry, 0) == 0 ? 1 : errno == ENOENT ? 0 : -1;
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int out_file_remove_stale(const char *dir, const char *const *kinds, char *err, size_t errlen) {
    assert(dir != NULL);
    const char *d = dir[0] != '\0' ? dir : ".";
    DIR *dp = opendir(d);
    if (dp == NULL) {
        if (errno == ENOENT) return 0; /* nothing was ever written there */
        fail_errno(err, errlen, "cannot read directory", d, errno);
        return -1;
    }
    int removed = 0;
    struct dirent *e;
    char name[256];
    while ((e = readdir(dp)) != NULL) {
        if (!temp_final_name(e->d_name, name, sizeof name) || !matches_kind(name, kinds)) continue;
        int rc = remove_if_unlocked(dirfd(dp), e->d_name);
        if (rc < 0) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s", d, e->d_name);
            fail_errno(err, errlen, "cannot remove stale temporary file", path, errno);
            closedir(dp);
            return -1;
        }
        removed += rc;
    }
    closedir(dp);
    return removed;
}

/* ---------------------------------------------------------------- mkdir -p */

/* Make one directory of the chain; an existing directory is success.
 * `whole` is the path the caller asked for, for the message. */
static int make_one_dir(const char *dir, const char *whole, char *err, size_t errlen) {
    if (mkdir(dir, 0777) == 0) return 0;
    int e = errno;
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        errmsg_format(err, errlen,
                      "cannot create directory '%s': '%s' exists and is not a "
                      "directory",
                      whole, dir);
        return -1;
    }
    fail_errno(err, errlen, "cannot create directory", dir, e);
    return -1;
}

int out_mkdir_p(const char *path, char *err, size_t errlen) {
    assert(path != NULL);
    if (path[0] == '\0') {
        errmsg_format(err, errlen, "cannot create directory '': empty path");
        return -1;
    }
    char *prefix = concat4(path, "", "", "");
    if (prefix == NULL) {
        errmsg_format(err, errlen, "cannot create directory '%s': out of memory", path);
        return -1;
    }
    /* Cut the path after each component in turn: "a/b/c" makes "a",
     * "a/b", "a/b/c"; a leading '/' and repeated slashes are skipped. */
    size_t n = strlen(prefix);
    int rc = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if ((prefix[i] != '/' && prefix[i] != '\0') || prefix[i - 1] == '/') continue;
        char saved = prefix[i];
        prefix[i] = '\0';
        rc = make_one_dir(prefix, path, err, errlen);
        prefix[i] = saved;
    }
    free(prefix);
    return rc;
}

char *out_file_read(const char *path, size_t *len, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        errmsg_format(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 14, used = 0;
    char *buf = malloc(cap);
    while (buf) {
        used += fread(buf + used, 1, cap - used - 1, f);
        if (used < cap - 1) break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (!buf || bad) {
        errmsg_format(err, errlen, "cannot read %s: %s", path,
                      buf ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    buf[used] = '\0';
    if (len) *len = used;
    return buf;
}
