/*
 * gnuplot.c - run gnuplot on a script, as a program (see gnuplot.h).
 *
 * The child reports a failure before exec (chdir, /dev/null, exec itself)
 * through a close-on-exec pipe: if the pipe closes without data, exec
 * succeeded.  This distinguishes "gnuplot is not installed" from "gnuplot
 * ran and exited 127", which an exit status alone cannot.
 */
#include "gnuplot.h"

#include <stdbool.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errmsg.h"
#include "text.h"

#define TAIL_MAX 2048 /* bytes of gnuplot's stderr we keep (the end) */

typedef enum { STAGE_CHDIR, STAGE_DEVNULL, STAGE_EXEC } stage_t;

typedef struct child_failure {
    int stage;
    int errnum;
} child_failure_t;

static int pipe_cloexec(int fds[2]) {
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0) {
            close(fds[0]);
            close(fds[1]);
            return -1;
        }
    }
    return 0;
}

/* In the child after fork: only async-signal-safe calls, then exec or
 * _exit (never exit: that would flush the parent's stdio buffers twice). */
static void run_child(const char *dir, char *const argv[], int status_fd, int stderr_fd) {
    child_failure_t f = {STAGE_CHDIR, 0};
    if (chdir(dir) != 0) goto fail;
    f.stage = STAGE_DEVNULL;
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(null_fd, STDOUT_FILENO) < 0 ||
        dup2(stderr_fd, STDERR_FILENO) < 0)
        goto fail;
    f.stage = STAGE_EXEC;
    execvp(argv[0], argv);
fail:
    f.errnum = errno;
    if (write(status_fd, &f, sizeof f) < 0) _exit(126);
    _exit(127);
}

/* Read fd to EOF; returns whether a whole child_failure_t arrived. */
static int read_failure(int fd, child_failure_t *f) {
    size_t got = 0;
    while (got < sizeof *f) {
        ssize_t k = read(fd, (char *)f + got, sizeof *f - got);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        got += (size_t)k;
    }
    return got == sizeof *f;
}

/* Read fd to EOF, keeping the last TAIL_MAX - 1 bytes, NUL-terminated. */
static void read_tail(int fd, char *tail) {
    size_t used = 0;
    char chunk[512];
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        size_t n = (size_t)k;
        if (used + n > TAIL_MAX - 1) {
            size_t drop = used + n - (TAIL_MAX - 1);
            if (drop > used) drop = used;
            memmove(tail, tail + drop, used - drop);
            used -= drop;
        }
        memcpy(tail + used, chunk, n);
        used += n;
    }
    tail[used] = '\0';
}

/* The last non-empty line of text, trailing blanks trimmed (in place). */
static const char *last_line(char *text) {
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
        text[--len] = '\0';
    char *nl = strrchr(text, '\n');
    return nl ? nl + 1 : text;
}

static void explain_failure(const child_failure_t *f, const char *dir, char *err, size_t errlen) {
    if (f->stage == STAGE_CHDIR)
        errmsg_format(err, errlen, "gnuplot: cannot enter %s: %s", dir, strerror(f->errnum));
    else if (f->stage == STAGE_EXEC && f->errnum == ENOENT)
        errmsg_format(err, errlen,
                      "gnuplot is not installed (not found on PATH; "
                      "Debian: apt-get install gnuplot-nox)");
    else if (f->stage == STAGE_EXEC)
        errmsg_format(err, errlen, "cannot run gnuplot: %s", strerror(f->errnum));
    else errmsg_format(err, errlen, "gnuplot: cannot open /dev/null: %s", strerror(f->errnum));
}

static void explain_status(int status, char *tail, char *err, size_t errlen) {
    const char *line = last_line(tail);
    if (WIFSIGNALED(status))
        errmsg_format(err, errlen, "gnuplot killed by signal %d%s%s", WTERMSIG(status),
                      *line ? ": " : "", line);
    else
        errmsg_format(err, errlen, "gnuplot failed (exit status %d)%s%s", WEXITSTATUS(status),
                      *line ? ": " : "", line);
}

static int wait_child(pid_t pid, int *status) {
    while (waitpid(pid, status, 0) < 0)
        if (errno != EINTR) return -1;
    return 0;
}

/* Fork, exec argv (argv[0] = "gnuplot") in dir, collect the outcome. */
static int run_gnuplot(const char *dir, char *const argv[], char *err, size_t errlen) {
    int status_pipe[2], err_pipe[2];
    if (pipe_cloexec(status_pipe) != 0) {
        errmsg_format(err, errlen, "gnuplot: pipe: %s", strerror(errno));
        return -1;
    }
    if (pipe_cloexec(err_pipe) != 0) {
        errmsg_format(err, errlen, "gnuplot: pipe: %s", strerror(errno));
        close(status_pipe[0]);
        close(status_pipe[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) run_child(dir, argv, status_pipe[1], err_pipe[1]);
    int fork_errno = errno;
    close(status_pipe[1]);
    close(err_pipe[1]);
    if (pid < 0) {
        close(status_pipe[0]);
        close(err_pipe[0]);
        errmsg_format(err, errlen, "gnuplot: fork: %s", strerror(fork_errno));
        return -1;
    }
    child_failure_t failure;
    int failed_early = read_failure(status_pipe[0], &failure);
    close(status_pipe[0]);
    char *tail = malloc(TAIL_MAX);
    if (tail != NULL) read_tail(err_pipe[0], tail);
    close(err_pipe[0]);
    int status = 0;
    int waited = wait_child(pid, &status);
    int rc = 0;
    if (failed_early) {
        explain_failure(&failure, dir, err, errlen);
        rc = -1;
    } else if (waited != 0) {
        errmsg_format(err, errlen, "gnuplot: waitpid: %s", strerror(errno));
        rc = -1;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char none[1] = "";
        explain_status(status, tail ? tail : none, err, errlen);
        rc = -1;
    }
    free(tail);
    return rc;
}

int out_gnuplot_run(const char *dir, const char *script_name, char *err, size_t errlen) {
    char *argv[] = {"gnuplot", (char *)script_name, NULL};
    return run_gnuplot(dir, argv, err, errlen);
}

/* A name gnuplot can be given exactly: no control characters (they would
 * end the command) and well-formed UTF-8 (else the escaper would replace
 * bytes and gnuplot would write elsewhere). */
static bool name_is_plain(const char *name) {
    for (const char *p = name; *p;) {
        size_t n = 1;
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f) return false;
        if (c >= 0x80 && text_utf8_next(p, &n) < 0) return false;
        p += n;
    }
    return *name != '\0';
}

/* ------------------------------------------------------------ pictures */

static const unsigned char PNG_SIGNATURE[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
/* An IEND chunk: length 0, type, CRC; always the last 12 bytes. */
static const unsigned char PNG_IEND[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};

/* Up to len bytes of fp from offset `at` (negative: from the end) into
 * buf; returns how many were read. */
static size_t read_at(FILE *fp, long at, unsigned char *buf, size_t len) {
    if (fseek(fp, at, at < 0 ? SEEK_END : SEEK_SET) != 0) return 0;
    return fread(buf, 1, len, fp);
}

/* Whether the picture in fp is whole: a PNG from its signature to its IEND
 * chunk, an SVG closed by </svg> (blanks may follow). */
static bool picture_whole(FILE *fp, const char *format, long size) {
    unsigned char head[8], tail[64];
    if (strcmp(format, "png") == 0)
        return size >= 8 + 12 && read_at(fp, 0, head, 8) == 8 &&
               memcmp(head, PNG_SIGNATURE, 8) == 0 && read_at(fp, -12, tail, 12) == 12 &&
               memcmp(tail, PNG_IEND, 12) == 0;
    if (strcmp(format, "gif") == 0) /* "GIF8" first, the trailer 0x3B last */
        return size >= 7 && read_at(fp, 0, head, 4) == 4 && memcmp(head, "GIF8", 4) == 0 &&
               read_at(fp, -1, tail, 1) == 1 && tail[0] == 0x3B;
    size_t want = size < (long)sizeof tail ? (size_t)size : sizeof tail;
    size_t n = read_at(fp, -(long)want, tail, want);
    if (n != want) return false;
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' ' ||
                     tail[n - 1] == '\t'))
        n--;
    return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

int out_gnuplot_check_picture(const char *path, const char *format, char *err, size_t errlen) {
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        errmsg_format(err, errlen, "gnuplot wrote no picture '%s': %s", path, strerror(errno));
        return -1;
    }
    unsigned char head[8] = {0};
    size_t got = fread(head, 1, sizeof head, fp);
    /* no format given: what gnuplot was asked for shows in the first bytes */
    bool png = got == 8 && memcmp(head, PNG_SIGNATURE, 8) == 0;
    if (format == NULL) format = png ? "png" : "svg";
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    bool ok = size > 0 && !ferror(fp) && picture_whole(fp, format, size);
    fclose(fp);
    if (!ok)
        errmsg_format(err, errlen, "gnuplot's %s picture '%s' is %s (disk full or write error?)",
                      strcmp(format, "png") == 0   ? "PNG"
                      : strcmp(format, "gif") == 0 ? "GIF"
                                                   : "SVG",
                      path, size == 0 ? "empty" : "cut short");
    return ok ? 0 : -1;
}

int out_gnuplot_run_to(const char *dir, const char *script_name, const char *output_name, char *err,
                       size_t errlen) {
    return out_gnuplot_render(dir, script_name, output_name, NULL, err, errlen);
}

/* Only names of terminals we wrote into our own scripts are passed on. */
static bool format_is_word(const char *format) {
    if (*format == '\0' || strlen(format) > 16) return false;
    for (const char *p = format; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) return false;
    return true;
}

int out_gnuplot_render(const char *dir, const char *script_name, const char *output_name,
                       const char *format, char *err, size_t errlen) {
    if (!name_is_plain(output_name)) {
        errmsg_format(err, errlen,
                      "gnuplot: output name '%s' is empty, has control "
                      "characters or is not UTF-8",
                      output_name);
        return -1;
    }
    if (format && !format_is_word(format)) {
        errmsg_format(err, errlen, "gnuplot: format '%s' is not a plain word", format);
        return -1;
    }
    static const char prefix[] = "outfile = \"";
    /* At most 4 bytes per input byte (` becomes \140), the frame, the
     * format setting, NUL. */
    size_t room = sizeof prefix + 4 * strlen(output_name) + 48;
    char *setting = malloc(room);
    if (setting == NULL) {
        errmsg_format(err, errlen, "gnuplot: out of memory");
        return -1;
    }
    memcpy(setting, prefix, sizeof prefix);
    size_t used = sizeof prefix - 1;
    bool whole = text_gnuplot_string_plain(setting + used, room - used - 1, output_name);
    assert(whole);
    (void)whole;
    used += strlen(setting + used);
    if (format) snprintf(setting + used, room - used, "\"; fmt = \"%s\"", format);
    else memcpy(setting + used, "\"", 2); /* room - used >= 2 by the sizing */
    char *argv[] = {"gnuplot", "-e", setting, (char *)script_name, NULL};
    int rc = run_gnuplot(dir, argv, err, errlen);
    free(setting);
    if (rc != 0) return rc;
    /* gnuplot exits 0 when its writes fail (a full disk): look at the file */
    size_t len = strlen(dir) + strlen(output_name) + 2;
    char *path = malloc(len);
    if (path == NULL) {
        errmsg_format(err, errlen, "gnuplot: out of memory");
        return -1;
    }
    snprintf(path, len, "%s/%s", dir, output_name);
    rc = out_gnuplot_check_picture(path, format, err, errlen);
    free(path);
    return rc;
}
