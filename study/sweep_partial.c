/* results.partial.csv: rows written and read back (sweep_partial.h). */
#include "sweep_partial.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "text.h"

void sweep_partial_write_header(FILE *fp, const sweep_partial_shape_t *sh) {
    fputs("point,replication", fp);
    for (size_t k = 0; k < sh->n_kpis; k++) fprintf(fp, ",%s", sh->kpi_names[k]);
    fputc('\n', fp);
}

void sweep_partial_write_row(FILE *fp, const sweep_partial_shape_t *sh, size_t p, size_t rep,
                             const double *v) {
    fprintf(fp, "%zu,%zu", p, rep);
    for (size_t k = 0; k < sh->n_kpis; k++) {
        fputc(',', fp);
        if (isfinite(v[k])) {
            char num[TEXT_NUMBER_LEN];
            text_format_number(num, v[k]);
            fputs(num, fp);
        }
    }
    fputc('\n', fp);
}

/* A decimal index with digits only (strtoul alone would take a sign or
 * blanks) that is below `limit`; *s moves past it.  False otherwise. */
static bool parse_index(const char **s, size_t limit, size_t *out) {
    if (**s < '0' || **s > '9') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(*s, &end, 10);
    if (errno != 0 || v >= limit) return false;
    *s = end;
    *out = (size_t)v;
    return true;
}

bool sweep_partial_parse_row(const sweep_partial_shape_t *sh, const char *line, size_t len,
                             size_t *p, size_t *rep, double *v) {
    if (len == 0 || line[len - 1] != '\n' || strlen(line) != len) return false;
    const char *s = line;
    if (!parse_index(&s, sh->n_points, p) || *s++ != ',' || !parse_index(&s, sh->n_reps, rep))
        return false;
    for (size_t k = 0; k < sh->n_kpis; k++) {
        if (*s++ != ',') return false;
        if (*s == ',' || *s == '\n') {
            v[k] = NAN;
            continue;
        }
        char *end;
        v[k] = strtod(s, &end);
        if (end == s || !isfinite(v[k]) || (*end != ',' && *end != '\n')) return false;
        s = end;
    }
    return *s == '\n' && s + 1 == line + len;
}

int sweep_partial_read(const sweep_partial_shape_t *sh, const char *path, double *results,
                       unsigned char *have, sweep_partial_state_t *st, char *err, size_t errlen) {
    memset(st, 0, sizeof *st);
    FILE *fp = fopen(path, "r");
    if (!fp) return 0;
    char *line = NULL, *want = NULL;
    size_t cap = 0, want_len = 0;
    FILE *h = open_memstream(&want, &want_len);
    if (h) {
        sweep_partial_write_header(h, sh);
        fclose(h);
    }
    unsigned char *seen = calloc(sh->n_points * sh->n_reps + 1, 1);
    double *v = malloc((sh->n_kpis + 1) * sizeof *v);
    int rc = 0;
    ssize_t n = want && seen && v ? getline(&line, &cap, fp) : -1;
    if (n <= 0 || line[n - 1] != '\n') {
        if (!want || !seen || !v) {
            errmsg_format(err, errlen, "out of memory");
            rc = -1;
        }
        goto out; /* empty, or the header itself cut short: start anew */
    }
    if (strcmp(line, want) != 0) {
        errmsg_format(err, errlen,
                      "%s: not the results of this sweep (its header differs); "
                      "remove it or run without --resume",
                      path);
        rc = -1;
        goto out;
    }
    st->keep = (long)n;
    size_t p, rep;
    while ((n = getline(&line, &cap, fp)) > 0 &&
           sweep_partial_parse_row(sh, line, (size_t)n, &p, &rep, v)) {
        memcpy(results + (p * sh->n_reps + rep) * sh->n_kpis, v, sh->n_kpis * sizeof *v);
        seen[p * sh->n_reps + rep] = 1;
        st->keep += (long)n;
    }
    for (; n > 0; n = getline(&line, &cap, fp)) /* what is cut off */
        if (line[n - 1] == '\n') st->dropped++;
    for (size_t q = 0; q < sh->n_points; q++) {
        bool whole = true;
        for (size_t i = 0; i < sh->n_reps; i++) whole = whole && seen[q * sh->n_reps + i];
        if (whole) {
            have[q] = 1;
            st->recovered++;
        }
    }
out:
    free(seen);
    free(v);
    free(want);
    free(line);
    fclose(fp);
    return rc;
}
