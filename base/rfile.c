#include "rfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void errno_why(const char *what, int e, char *why, size_t whylen) {
    char text[128];
    if (strerror_r(e, text, sizeof text) != 0) snprintf(text, sizeof text, "error %d", e);
    snprintf(why, whylen, "%s: %s", what, text);
}

static const char *kind_of(mode_t m) {
    if (S_ISDIR(m)) return "a folder";
    if (S_ISFIFO(m)) return "a pipe";
    if (S_ISCHR(m)) return "a device";
    if (S_ISBLK(m)) return "a device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a plain file";
}

/* "4 MB", "64 KB" or "100 bytes" for a bound. */
static void size_text(size_t n, char *buf, size_t len) {
    if (n >= (1u << 20) && n % (1u << 20) == 0) snprintf(buf, len, "%zu MB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0) snprintf(buf, len, "%zu KB", n >> 10);
    else snprintf(buf, len, "%zu bytes", n);
}

/* Reads up to `max` bytes into buf; *got says how many. */
static int read_all(int fd, size_t max, char *buf, size_t *got) {
    size_t n = 0;
    while (n < max) {
        ssize_t r = read(fd, buf + n, max - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) break;
        n += (size_t)r;
    }
    *got = n;
    return 0;
}

int rfile_read(const char *path, size_t max_bytes, char **out, size_t *len, char *why,
               size_t whylen) {
    *out = NULL;
    if (len) *len = 0;
    char limit[32];
    size_text(max_bytes, limit, sizeof limit);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return errno_why("cannot read", errno, why, whylen), -1;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        errno_why("cannot read", errno, why, whylen);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "not a regular file (%s; expected a file of text)",
                 kind_of(st.st_mode));
        close(fd);
        return -1;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > max_bytes) {
        snprintf(why, whylen, "larger than %s (expected at most %s)", limit, limit);
        close(fd);
        return -1;
    }
    /* one byte more than fstat said, to notice a file that grew since */
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 2);
    if (!buf) {
        snprintf(why, whylen, "out of memory");
        close(fd);
        return -1;
    }
    size_t got = 0;
    int rc = read_all(fd, size + 1, buf, &got);
    int e = errno;
    close(fd);
    if (rc != 0) {
        errno_why("cannot read", e, why, whylen);
        free(buf);
        return -1;
    }
    if (got > size) {
        snprintf(why, whylen, "cannot read: the file changed while being read");
        free(buf);
        return -1;
    }
    buf[got] = '\0';
    *out = buf;
    if (len) *len = got;
    return 0;
}
