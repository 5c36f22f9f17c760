/* How far a comparison's numbers can be trusted (compare.h): the
 * censoring of each variant's cases (kpi_rows.h) and the number of
 * replications, told where the numbers are shown - the terminal table, the
 * report, summary.csv and summary.json. */
#include <stdio.h>

#include "compare.h"
#include "kpi_rows.h"
#include "out_html.h"
#include "out_json.h"

kpi_censoring_t compare_censoring(const compare_t *c, const variant_t *v, size_t g) {
    return kpi_censoring(v->results, NULL, c->n_reps, g);
}

bool compare_flagged(const compare_t *c, const variant_t *v) {
    kpi_censoring_t k = compare_censoring(c, v, 0);
    return k.censored || k.unstable;
}

/* One line per flagged variant (baseline included), then the note on few
 * replications, each handed to put. */
static void each_note(const compare_t *c, void (*put)(void *, const char *), void *ctx) {
    char note[300], line[600];
    for (size_t i = 0; i < c->n_variants; i++) {
        kpi_censoring_t k = compare_censoring(c, &c->v[i], 0);
        if (!kpi_censoring_note(&k, note, sizeof note)[0]) continue;
        snprintf(line, sizeof line, _("%s: %s."), c->v[i].name, note);
        put(ctx, line);
    }
    if (kpi_few_note(c->n_reps, note, sizeof note)[0]) {
        snprintf(line, sizeof line, _("Note: %s."), note);
        put(ctx, line);
    }
}

static void put_terminal(void *ctx, const char *line) {
    (void)ctx;
    printf("! %s\n", line);
}

void compare_print_flags(const compare_t *c) { each_note(c, put_terminal, NULL); }

/* A warning paragraph, in red so it is not read past. */
static void put_html(void *ctx, const char *line) {
    out_html_raw(ctx, "<p style=\"color:#a40000;font-weight:600\">");
    out_html_text(ctx, line);
    out_html_raw(ctx, "</p>\n");
}

void compare_report_flags(FILE *fp, const compare_t *c) { each_note(c, put_html, fp); }

void compare_json_censoring(out_json_t *j, const compare_t *c, const variant_t *v) {
    kpi_censoring_t k = compare_censoring(c, v, 0);
    char note[300];
    out_json_key(j, "censoring");
    out_json_begin_object(j);
    out_json_key(j, "open_share");
    out_json_number(j, k.open_share);
    out_json_key(j, "backlog_growth");
    out_json_number(j, k.growth.mean);
    out_json_key(j, "flag");
    out_json_str(j, kpi_censoring_flag(&k));
    out_json_key(j, "note");
    out_json_str(j, kpi_censoring_note(&k, note, sizeof note));
    out_json_end_object(j);
    if (v != &c->v[0]) return;
    out_json_key(j, "notes");
    out_json_begin_array(j);
    if (kpi_few_note(c->n_reps, note, sizeof note)[0]) out_json_str(j, note);
    out_json_end_array(j);
}
