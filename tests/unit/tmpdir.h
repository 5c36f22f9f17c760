/*
 * tmpdir.h - scratch directories for the unit tests that write files.
 */
#ifndef GOVSIM_TESTS_TMPDIR_H
#define GOVSIM_TESTS_TMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"

/* A fresh directory under /tmp; the caller removes it with remove_tree. */
static inline void make_tmpdir(char *path, size_t len) {
    snprintf(path, len, "/tmp/govsim-test-XXXXXX");
    CHECK(mkdtemp(path) != NULL);
}

/* rm -rf, for the directories the tests made. */
static inline void remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d != NULL) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
                char child[1024];
                if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child)
                    continue;
                remove_tree(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

#endif
