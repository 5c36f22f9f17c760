/*
 * compare_bottleneck.c - where the bottleneck is, for every variant of a
 * comparison: hourly.csv and bottleneck.csv (cli/run_bottleneck.h) and
 * the report's table of where each service's time goes.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "errmsg.h"
#include "i18n.h"
#include "out_html.h"
#include "run_bottleneck.h"

/* Every variant's replications (all finished: compare writes nothing
 * otherwise); *done must be freed. */
static bn_variant_t *variants_of(const compare_t *c, unsigned char **done) {
    bn_variant_t *v = calloc(c->n_variants, sizeof *v);
    *done = malloc(c->n_reps ? c->n_reps : 1);
    if (!v || !*done) {
        free(v);
        free(*done);
        *done = NULL;
        return NULL;
    }
    memset(*done, 1, c->n_reps ? c->n_reps : 1);
    for (size_t i = 0; i < c->n_variants; i++)
        v[i] =
            (bn_variant_t){i == 0 ? "baseline" : c->v[i].label, c->v[i].results, *done, c->n_reps};
    return v;
}

int compare_bottleneck(const compare_t *c, const char *dir, char *err, size_t errlen) {
    unsigned char *done;
    bn_variant_t *v = variants_of(c, &done);
    if (!v) {
        errmsg_format(err, errlen, "out of memory");
        return -1;
    }
    const scn_t *s = &c->v[0].s; /* reforms add no department or service */
    int rc = bn_write_hourly(dir, s, v, c->n_variants, err, errlen);
    if (rc == 0) rc = bn_write_shares(dir, s, v, c->n_variants, err, errlen);
    if (rc == 0) rc = bn_plot_day(dir, s, &v[0], err, errlen); /* the baseline's day */
    free(v);
    free(done);
    return rc;
}

void compare_bottleneck_html(FILE *fp, const compare_t *c) {
    unsigned char *done;
    bn_variant_t *v = variants_of(c, &done);
    if (!v) return;
    const scn_t *s = &c->v[0].s;
    /* xgettext:no-c-format */
    out_html_paragraph(fp, _("The largest shares of each service's time in the baseline: where "
                             "its cases wait in line, are in work, wait for data from another "
                             "department, or are sent home. hourly.csv and bottleneck.csv hold "
                             "the figures of every variant, with 95% confidence intervals."));
    static const char *const header[] = {N_("service"), N_("where the time goes (baseline)")};
    const char *head[2] = {_(header[0]), _(header[1])};
    out_html_table_begin_aligned(fp, head, 2, "ll"); /* text */
    char line[512];
    for (size_t sv = 0; sv < s->n_services; sv++) {
        if (!bn_top_shares(s, &v[0], sv, line, sizeof line)) continue;
        const char *cells[2] = {s->services[sv].name, line};
        out_html_table_row_aligned(fp, cells, 2, "ll");
    }
    out_html_table_end(fp);
    free(v);
    free(done);
}
