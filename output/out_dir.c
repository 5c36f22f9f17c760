/* A command's output folder (out_dir.h). */
#include "out_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "out_file.h"

int out_dir_ready(const char *dir, char *err, size_t errlen) {
    if (out_mkdir_p(dir, err, errlen) != 0) return -1;
    /* the same temporary file the writers make: if it can be made, they can */
    out_file_t probe;
    char why[512];
    if (out_file_open(&probe, dir, "govsim-probe", why, sizeof why) == NULL) {
        errmsg_format(err, errlen, "cannot write in the output folder: %s", why);
        return -1;
    }
    out_file_abort(&probe);
    return 0;
}

/* Remove dir/name if it is a file or a symbolic link. */
static int remove_one(const char *dir, const char *name, char *err, size_t errlen) {
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path) {
        errmsg_format(err, errlen, "cannot clear '%s': out of memory", dir);
        return -1;
    }
    snprintf(path, len, "%s/%s", dir, name);
    struct stat st;
    int rc = 0;
    if (lstat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
        unlink(path) != 0 && errno != ENOENT) {
        errmsg_format(err, errlen, "cannot remove the old '%s': %s", path, strerror(errno));
        rc = -1;
    }
    free(path);
    return rc;
}

int out_dir_clear(const char *dir, const char *const *names, size_t n, char *err, size_t errlen) {
    for (size_t i = 0; i < n; i++)
        if (remove_one(dir, names[i], err, errlen) != 0) return -1;
    /* a killed run's temporary files of these names, those no live
     * process still writes (out_file.h: one scanner, lock-aware) */
    const char **kinds = malloc((n + 1) * sizeof *kinds);
    if (!kinds) {
        errmsg_format(err, errlen, "cannot clear '%s': out of memory", dir);
        return -1;
    }
    for (size_t i = 0; i < n; i++) kinds[i] = names[i];
    kinds[n] = NULL;
    int removed = out_file_remove_stale(dir, kinds, err, errlen);
    free(kinds);
    return removed < 0 ? -1 : 0;
}

int out_dir_clear_charts(const char *dir, const char *const *charts, size_t n_charts, char *err,
                         size_t errlen) {
    static const char *const EXT[] = {".dat", ".gp", ".png", ".svg"};
    for (size_t c = 0; c < n_charts; c++)
        for (size_t x = 0; x < sizeof EXT / sizeof *EXT; x++) {
            size_t len = strlen(charts[c]) + strlen(EXT[x]) + 1;
            char *name = malloc(len);
            if (!name) {
                errmsg_format(err, errlen, "cannot clear '%s': out of memory", dir);
                return -1;
            }
            snprintf(name, len, "%s%s", charts[c], EXT[x]);
            const char *one[] = {name};
            int rc = out_dir_clear(dir, one, 1, err, errlen);
            free(name);
            if (rc != 0) return -1;
        }
    return 0;
}
