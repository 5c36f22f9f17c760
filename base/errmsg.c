/* errmsg.c - see errmsg.h. */
#include "errmsg.h"

#include <gsl/gsl_errno.h>

#include <stdarg.h>
#include <stdio.h>

/* vsnprintf terminates what it wrote, but after an encoding error the
 * buffer is unspecified: leave an empty message rather than garbage. */
void errmsg_format(char *err, size_t errlen, const char *fmt, ...) {
    if (err == NULL || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    if (n < 0) err[0] = '\0';
}

void errmsg_init(void) { gsl_set_error_handler_off(); }
