/*
 * errmsg.h - the one-line error message every module hands back.
 *
 * govsim never prints or exits on bad input: a function that can fail takes
 * a caller buffer (err, errlen) and writes one line saying what is wrong.
 * Callers may pass err == NULL or errlen == 0 when they do not want the
 * text.  This module is the single place that formats into such a buffer,
 * so every module truncates and terminates the message the same way.
 */
#ifndef GOVSIM_ERRMSG_H
#define GOVSIM_ERRMSG_H

#include <stddef.h>

#if defined(__GNUC__)
#define SIM_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define SIM_PRINTF_LIKE(f, a)
#endif

/* Format a one-line message (printf-style) into err, truncated to fit
 * errlen bytes and always NUL-terminated; if the arguments cannot be
 * rendered at all (an encoding error from %ls), err is left empty.  Does
 * nothing when err is NULL or errlen is 0.  This function can't fail. */
void errmsg_format(char *err, size_t errlen, const char *fmt, ...) SIM_PRINTF_LIKE(3, 4);

/* Turns off GSL's default error handler, which prints and abort()s (an
 * allocation failure in gsl_rng_alloc, a domain error in a special
 * function).  govsim checks what GSL returns (NULL, NaN, an error code)
 * and reports it as its own one-line error.  Call once at start-up, before
 * any thread starts; igraph's handler is set where igraph is used
 * (models/net.c).  This function can't fail. */
void errmsg_init(void);

#endif
