/*
 * tmpdir.h - scratch directories for the unit tests that write files.
 */
#ifndef GOVSIM_TESTS_TMPDIR_H
#define GOVSIM_TESTS_TMPDIR_H

#include <dirent.h>
#include <stdbool.h>
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

/* Write len bytes to path (created or replaced); a test failure if it
 * cannot. */
static inline void write_bytes(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, len, f) == len);
    CHECK(fclose(f) == 0);
}

/* The same for a NUL-terminated text. */
static inline void write_text(const char *path, const char *text) {
    write_bytes(path, text, strlen(text));
}

/* Does the file at path start with the PNG signature? */
static inline bool file_is_png(const char *path) {
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (f == NULL) return false;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    return got == 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0;
}

#endif
