#include "path.h"

#include <stdio.h>
#include <string.h>

int path_resolve(const char *base, const char *rel, char *out, size_t len) {
    const char *slash = strrchr(base, '/');
    int n = rel[0] == '/' || !slash ? snprintf(out, len, "%s", rel)
                                    : snprintf(out, len, "%.*s/%s", (int)(slash - base), base, rel);
    if (n < 0 || (size_t)n >= len) {
        if (len > 0) out[0] = '\0';
        return -1;
    }
    return 0;
}
