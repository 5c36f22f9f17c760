/* Chart plumbing shared by the charts (plot_chart.h). */
#include "plot_chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "out_table.h"
#include "text.h"
#include "out_file.h"

/* Series colours: black for the baseline, then the Okabe-Ito colours
 * (colour-blind safe, yellow left out: unreadable on white), then
 * Tableau's; dash patterns take over past them. */
const unsigned PLOT_SERIES_COLOR[] = {0x000000, 0xe69f00, 0x56b4e9, 0x009e73, 0xcc79a7, 0x0072b2,
                                      0xd55e00, 0x8c564b, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x9467bd};
const size_t PLOT_N_SERIES_COLOR = sizeof PLOT_SERIES_COLOR / sizeof *PLOT_SERIES_COLOR;

/* Point types of gnuplot's cairo and svg terminals that stay distinct
 * when small: circle, square, triangle up, triangle down, diamond,
 * pentagon (filled). */
static const int POINTS[] = {7, 5, 9, 11, 13, 15};
#define N_POINTS (sizeof POINTS / sizeof *POINTS)

/* FNV-1a: a fixed, portable hash, so styles do not change between runs,
 * machines or versions of the C library. */
static uint32_t fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

plot_style_t plot_style_for_key(const char *key) {
    uint32_t h = fnv1a(key);
    /* colour 0 (black) is the baseline's alone */
    unsigned color = PLOT_SERIES_COLOR[1 + h % (PLOT_N_SERIES_COLOR - 1)];
    return (plot_style_t){color, POINTS[(h / (PLOT_N_SERIES_COLOR - 1)) % N_POINTS]};
}

plot_style_t plot_series_style(const plot_ctx_t *ctx, size_t i) {
    if (ctx->styles) return ctx->styles[i];
    return (plot_style_t){PLOT_SERIES_COLOR[i % PLOT_N_SERIES_COLOR], POINTS[i % N_POINTS]};
}

/* Open NAME.dat and NAME.gp.  Returns 0, or -1 with err set (nothing
 * left open). */
int plot_chart_open(plot_chart_t *c, const plot_ctx_t *ctx, const char *name, char *err,
                    size_t errlen) {
    memset(c, 0, sizeof *c);
    c->ctx = ctx;
    snprintf(c->name, sizeof c->name, "%s", name);
    char file[80];
    snprintf(file, sizeof file, "%s.dat", name);
    c->d = out_file_open(&c->dat, ctx->dir, file, err, errlen);
    if (!c->d) return -1;
    snprintf(file, sizeof file, "%s.gp", name);
    c->g = out_file_open(&c->gp, ctx->dir, file, err, errlen);
    if (!c->g) {
        out_file_abort(&c->dat);
        return -1;
    }
    return 0;
}

/* A label as a gnuplot double-quoted string, quotes included. */
void plot_put_str(FILE *g, const char *s) {
    size_t room = 4 * strlen(s) + 1;
    char *buf = malloc(room);
    if (!buf) { /* the sticky error indicator reports it at commit */
        fputs("\"?\"", g);
        return;
    }
    text_gnuplot_string_plain(buf, room, s);
    fprintf(g, "\"%s\"", buf);
    free(buf);
}

/* Two lines as one gnuplot double-quoted string (a title). */
void plot_put_str2(FILE *g, const char *line1, const char *line2) {
    size_t room = 4 * (strlen(line1) + strlen(line2)) + 2;
    char *buf = malloc(room);
    if (!buf) {
        fputs("\"?\"", g);
        return;
    }
    text_gnuplot_string_plain(buf, room, line1);
    fprintf(g, "\"%s\\n", buf);
    text_gnuplot_string_plain(buf, room, line2);
    fprintf(g, "%s\"", buf);
    free(buf);
}

/* A number for a data file; NaN (a missing value) as gnuplot reads it. */
void plot_put_num(FILE *f, double x) {
    if (isnan(x) || isinf(x)) fputs(" NaN", f);
    else fprintf(f, " %.10g", x);
}

void plot_put_ci(FILE *f, const plot_ci_t *ci) {
    plot_put_num(f, ci->mean);
    plot_put_num(f, ci->lo);
    plot_put_num(f, ci->hi);
}

/* A name in a data-file comment: no line breaks. */
void plot_put_comment(FILE *f, const char *s) {
    fputs("  # ", f);
    for (; *s; s++) fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    fputc('\n', f);
}

/* The script's head: what it draws, and the terminal chosen by `fmt`. */
void plot_chart_preamble(plot_chart_t *c, const char *what, int width, int height) {
    FILE *g = c->g;
    fprintf(g, "# %s.gp - %s, drawn from %s.dat (govsim)\n", c->name, what, c->name);
    fprintf(g, "# Re-draw: gnuplot %s.gp (writes %s.png) or\n", c->name, c->name);
    fprintf(g, "#          gnuplot -e 'fmt=\"svg\"' %s.gp (writes %s.svg)\n", c->name, c->name);
    fprintf(g, "if (!exists(\"fmt\")) fmt = \"png\"\n");
    fprintf(g, "if (!exists(\"outfile\")) outfile = \"%s.\" . fmt\n", c->name);
    fprintf(g,
            "if (fmt eq \"svg\") {\n"
            "    set terminal svg size %d,%d dynamic noenhanced font \"sans,11\" "
            "background rgb \"white\"\n"
            "} else {\n"
            "    set terminal pngcairo size %d,%d noenhanced font \"sans,10\" "
            "background rgb \"white\"\n"
            "}\n"
            "set output outfile\n"
            "set encoding utf8\n",
            width, height, width, height);
}

/* `set xtics (...)` naming positions 0 .. n-1. */
void plot_put_xtics(FILE *g, size_t n, const char *const *labels, int rotate) {
    fputs("set xtics (", g);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", g);
        plot_put_str(g, labels[i]);
        fprintf(g, " %zu", i);
    }
    if (rotate) fprintf(g, ") rotate by %d right nomirror\n", rotate);
    else fputs(") nomirror\n", g);
}

/* Render NAME.fmt into a temporary name, then rename it into place. */
static int render(const plot_chart_t *c, const char *fmt, char *err, size_t errlen) {
    char file[80], script[80];
    snprintf(file, sizeof file, "%s.%s", c->name, fmt);
    snprintf(script, sizeof script, "%s.gp", c->name);
    out_file_t f;
    if (out_file_open(&f, c->ctx->dir, file, err, errlen) == NULL) return -1;
    const char *slash = strrchr(f.tmp_path, '/');
    const char *tmp_name = slash ? slash + 1 : f.tmp_path;
    if (out_gnuplot_render(c->ctx->dir, script, tmp_name, fmt, err, errlen) != 0) {
        out_file_abort(&f);
        return -1;
    }
    return out_file_commit(&f, err, errlen);
}

/* Commit the data and the script, then draw PNG and SVG. */
int plot_chart_finish(plot_chart_t *c, char *err, size_t errlen) {
    if (out_file_commit(&c->dat, err, errlen) != 0) {
        out_file_abort(&c->gp);
        return -1;
    }
    if (out_file_commit(&c->gp, err, errlen) != 0) return -1;
    if (render(c, "png", err, errlen) != 0) return -1;
    return render(c, "svg", err, errlen);
}

size_t plot_max_label(size_t n, const char *const *labels) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(labels[i]) > m) m = strlen(labels[i]);
    return m;
}

/* Whether any estimate has a finite mean (means), or finite bounds. */
bool plot_any_mean(const plot_ci_t *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i].mean)) return true;
    return false;
}
bool plot_any_bounds(const plot_ci_t *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i].lo) && isfinite(x[i].hi)) return true;
    return false;
}
bool plot_any_finite(const double *x, size_t n, size_t stride) {
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i * stride])) return true;
    return false;
}

/* An empty panel saying why: gnuplot refuses to plot data whose every
 * point is undefined (a KPI that does not apply: no windows, no case). */
void plot_put_nothing(FILE *g, const char *why, double x_lo, double x_hi) {
    fprintf(g,
            "set label 99 \"%s\" at graph 0.5, 0.5 center\n"
            "plot [%g:%g] [0:1] -1 notitle\nunset label 99\n",
            why, x_lo, x_hi);
}

size_t plot_label_columns(size_t n, const char *const *labels) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = out_text_width(labels[i]);
        if (w > m) m = w;
    }
    return m;
}
