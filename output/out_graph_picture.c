/*
 * out_graph_picture.c - the network as a gnuplot picture (see
 * out_graph.h): names wrapped into labels, nodes nudged apart until the
 * labels do not overlap, each label put on the side of its marker that
 * arrows cross least, network.dat and network.gp.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "text_human.h"
#include "i18n.h"
#include "out_graph.h"

/* Room for an escaped title or file name: gnuplot's escaping at most
 * quadruples a byte, so a title up to 191 bytes (a scenario name has at
 * most 127) shows whole; a longer one is cut between characters. */
#define ESC_MAX 768

static int finish(FILE *f) { return ferror(f) ? -1 : 0; }

static bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

/* --- Picture: labels --------------------------------------------------------
 */

/* Vertex labels are names wrapped at word boundaries (CJK characters may
 * break anywhere) into at most LABEL_LINES lines of LABEL_COLS columns,
 * each character as wide as a terminal shows it (text_char_width: CJK 2,
 * others 1; ill-formed UTF-8, drawn as U+FFFD, 1).
 * The layout sizes label boxes with the same wrapping the script draws. */
#define LABEL_COLS  18
#define LABEL_LINES 3
#define LABEL_BYTES (4 * LABEL_COLS + 8)

typedef struct label {
    size_t n_lines;
    size_t cols; /* widest line, columns          */
    size_t line_cols[LABEL_LINES];
    char line[LABEL_LINES][LABEL_BYTES];
} label_t;

/* The character at p (not NUL): its width in columns, its length in
 * bytes in *len (an ill-formed sequence: its maximal ill-formed subpart,
 * which gnuplot's escaping turns into one U+FFFD). */
static size_t char_cols(const char *p, size_t *len) {
    return text_char_width(text_utf8_next(p, len));
}

static bool is_blank(char c) { return c == ' ' || is_control((unsigned char)c); }

/* Append len bytes (cols columns) to the current line, starting a new
 * line first when `fresh`; false when the label is full. */
static bool label_put(label_t *lb, bool fresh, const char *text, size_t len, size_t cols) {
    if (fresh) {
        if (lb->n_lines == LABEL_LINES) return false;
        lb->n_lines++;
    }
    size_t i = lb->n_lines - 1;
    size_t used = strlen(lb->line[i]);
    assert(used + len < LABEL_BYTES);
    memcpy(lb->line[i] + used, text, len);
    lb->line[i][used + len] = '\0';
    lb->line_cols[i] += cols;
    return true;
}

/* A word longer than a line, broken by characters. */
static bool label_put_long(label_t *lb, const char *word, size_t len) {
    bool fresh = lb->line_cols[lb->n_lines - 1] > 0;
    for (size_t k = 0; k < len;) {
        size_t cl, cc = char_cols(word + k, &cl);
        if (lb->line_cols[lb->n_lines - 1] + cc > LABEL_COLS) fresh = true;
        if (!label_put(lb, fresh, word + k, cl, cc)) return false;
        fresh = false;
        k += cl;
    }
    return true;
}

/* Replace the end of the last line by "..." (the name did not fit). */
static void label_ellipsis(label_t *lb) {
    size_t i = lb->n_lines - 1;
    char *line = lb->line[i];
    size_t used = strlen(line);
    while (used > 0 && lb->line_cols[i] + 3 > LABEL_COLS) {
        /* the last character: found from the start, as the line was
         * built (stepping back over continuation bytes could merge an
         * ill-formed byte into the character before it) */
        size_t start = 0, len, cols = char_cols(line, &len);
        while (start + len < used) {
            start += len;
            cols = char_cols(line + start, &len);
        }
        lb->line_cols[i] -= cols;
        used = start;
    }
    memcpy(line + used, "...", 4);
    lb->line_cols[i] += 3;
}

static void wrap_label(const char *name, label_t *lb) {
    memset(lb, 0, sizeof *lb);
    lb->n_lines = 1;
    const char *p = name;
    bool full = false;
    while (!full) {
        bool space_before = false;
        while (*p && is_blank(*p)) {
            p++;
            space_before = true;
        }
        if (*p == '\0') break;
        const char *word = p; /* a run of narrow characters, or one
                                 wide character                  */
        size_t cols = 0;
        size_t clen, w = char_cols(p, &clen);
        if (w == 2) {
            cols = 2;
            p += clen;
        } else {
            while (*p && !is_blank(*p) && char_cols(p, &clen) == 1) p += clen, cols++;
        }
        size_t len = (size_t)(p - word), cur = lb->line_cols[lb->n_lines - 1];
        size_t sep = space_before && cur > 0 ? 1 : 0;
        if (cur + sep + cols <= LABEL_COLS) {
            if (sep) label_put(lb, false, " ", 1, 1);
            label_put(lb, false, word, len, cols);
        } else if (cols <= LABEL_COLS) {
            full = !label_put(lb, true, word, len, cols);
        } else {
            full = !label_put_long(lb, word, len);
        }
    }
    if (full) label_ellipsis(lb);
    for (size_t i = 0; i < lb->n_lines; i++)
        if (lb->line_cols[i] > lb->cols) lb->cols = lb->line_cols[i];
}

/* --- Picture: geometry ------------------------------------------------------
 */

/* The script fixes the plot area in screen fractions and the ranges, so one
 * data unit is a known number of pixels and label boxes (estimated from the
 * font: sans 10 pt) can be kept apart in data units. */
#define PIC_WIDTH      1000.0
#define PIC_HEIGHT     800.0
#define PIC_LEFT       0.02
#define PIC_RIGHT      0.70
#define PIC_BOTTOM     0.02
#define PIC_TOP        0.88
#define PIC_XHALF      1.3  /* x range; the layout fills [-1, 1]       */
#define PIC_YTOP       1.25 /* room above the top row for side labels */
#define CHAR_PX        8.0  /* mean glyph advance, measured ~7.8       */
#define LINE_PX        15.5 /* line height, measured                   */
#define POINT_PX       16.0 /* vertex marker diameter (pt 7, ps 2)     */
#define LABEL_GAP_PX   4.0  /* marker to label                         */
#define PAD_PX         3.0  /* around each label box                   */
#define PAIR_OFFSET_PX 5.0  /* sideways shift of two opposite arrows   */
#define ARROW_HALF_PX  6.0  /* half an arrowhead's width, plus offset  */
#define NUDGE_ROUNDS   400

static double px_per_unit(void) { return (PIC_RIGHT - PIC_LEFT) * PIC_WIDTH / (2.0 * PIC_XHALF); }

static double pic_ymin(void) {
    return PIC_YTOP - (PIC_TOP - PIC_BOTTOM) * PIC_HEIGHT / px_per_unit();
}

typedef struct box {
    double x0, x1, y0, y1;
} box_t;

/* The marker and the label below it, padded. */
static box_t label_box(const label_t *lb, double x, double y) {
    double u = px_per_unit();
    double half = fmax(lb->cols * CHAR_PX, POINT_PX) / 2.0 + PAD_PX;
    double below = POINT_PX / 2.0 + LABEL_GAP_PX + lb->n_lines * LINE_PX + PAD_PX;
    box_t b = {x - half / u, x + half / u, y - below / u, y + (POINT_PX / 2.0 + PAD_PX) / u};
    return b;
}

/* Scale and shift the points so they fill [-1, 1] in their longer
 * direction, centred, keeping the aspect ratio. */
static void normalise(double *xy, size_t nv) {
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t v = 0; v < nv; v++)
        for (int a = 0; a < 2; a++) {
            lo[a] = fmin(lo[a], xy[2 * v + a]);
            hi[a] = fmax(hi[a], xy[2 * v + a]);
        }
    double half = fmax(hi[0] - lo[0], hi[1] - lo[1]) / 2.0;
    for (size_t v = 0; v < nv; v++)
        for (int a = 0; a < 2; a++) {
            double mid = (lo[a] + hi[a]) / 2.0;
            xy[2 * v + a] = half > 0.0 ? (xy[2 * v + a] - mid) / half : 0.0;
        }
}

/* Push two overlapping boxes apart along the axis where they overlap
 * least, each by half.  Returns whether they overlapped. */
static bool separate(double *pi, double *pj, box_t bi, box_t bj) {
    double ox = fmin(bi.x1, bj.x1) - fmax(bi.x0, bj.x0);
    double oy = fmin(bi.y1, bj.y1) - fmax(bi.y0, bj.y0);
    if (ox <= 0.0 || oy <= 0.0) return false;
    int axis = ox < oy ? 0 : 1;
    double shift = (axis == 0 ? ox : oy) / 2.0 + 1e-6;
    double dir = pj[axis] >= pi[axis] ? 1.0 : -1.0;
    pi[axis] -= dir * shift;
    pj[axis] += dir * shift;
    return true;
}

/* Nudge until no two label boxes overlap (or the rounds run out: too many
 * departments for the picture; it is then drawn as well as it goes). */
static void declutter(double *xy, const label_t *labels, size_t nv) {
    for (int round = 0; round < NUDGE_ROUNDS; round++) {
        bool moved = false;
        for (size_t i = 0; i < nv; i++)
            for (size_t j = i + 1; j < nv; j++) {
                box_t bi = label_box(&labels[i], xy[2 * i], xy[2 * i + 1]);
                box_t bj = label_box(&labels[j], xy[2 * j], xy[2 * j + 1]);
                moved |= separate(&xy[2 * i], &xy[2 * j], bi, bj);
            }
        normalise(xy, nv);
        if (!moved) return;
    }
}

static label_t *make_labels(const out_graph_t *g) {
    label_t *labels = malloc(g->n_nodes * sizeof *labels);
    if (labels == NULL) return NULL;
    for (size_t v = 0; v < g->n_nodes; v++) wrap_label(g->nodes[v].name, &labels[v]);
    return labels;
}

int out_graph_place(out_graph_t *g) {
    normalise(g->xy, g->n_nodes);
    if (g->n_nodes > OUT_GRAPH_NAMES_MAX) return 0; /* no names drawn */
    label_t *labels = make_labels(g);
    if (labels == NULL) {
        errno = ENOMEM;
        return -1;
    }
    declutter(g->xy, labels, g->n_nodes);
    free(labels);
    return 0;
}

/* --- Picture: data file
 * -------------------------------------------------------- */

/* The picture's blocks and arrow styles, in this order. */
enum {
    SEG_API = OUT_GRAPH_API,
    SEG_MANUAL = OUT_GRAPH_MANUAL,
    SEG_HUB = OUT_GRAPH_HUB,
    SEG_FETCH = OUT_GRAPH_FETCH,
    SEG_KINDS = OUT_GRAPH_KINDS
};

static const char *const seg_title[SEG_KINDS] = {
    N_("api (minutes)"), N_("manual (paper request, days)"), N_("data hub (api, both ways)"),
    N_("no link: citizen fetches")};

/* A legend entry's text for the script: translated, escaped for a gnuplot
 * double-quoted string. */
static const char *legend_text(char *buf, size_t len, const char *msgid) {
    text_gnuplot_string_plain(buf, len, _(msgid));
    return buf;
}
static const char *const seg_color[SEG_KINDS] = {OUT_GRAPH_COLOR_API, OUT_GRAPH_COLOR_MANUAL,
                                                 OUT_GRAPH_COLOR_HUB, OUT_GRAPH_COLOR_FETCH};

/* Island fill colours (pastel, cycled). */
static const char *const island_color[] = {"#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#fb9a99",
                                           "#ffff99", "#8dd3c7", "#bebada", "#d9d9d9", "#ccebc5"};
#define N_ISLAND_COLORS (sizeof island_color / sizeof island_color[0])

typedef struct segment {
    size_t from, to;
} segment_t;

/* The segments of one kind, into seg (room for n_edges + n_needs); hub
 * edges once per department (department -> hub), drawn double-headed. */
static size_t segments_of(const out_graph_t *g, int kind, segment_t *seg) {
    size_t k = 0, hub = g->n_nodes - 1;
    for (size_t e = 0; e < g->n_edges; e++) {
        const out_graph_edge_t *ed = &g->edges[e];
        if ((int)ed->kind != kind) continue;
        if (kind == SEG_HUB && ed->to != hub) continue;
        seg[k++] = (segment_t){ed->from, ed->to};
    }
    return k;
}

static int compare_segments(const void *a, const void *b) {
    const segment_t *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

/* The drawn non-hub segments (edges and citizen fetches), sorted, into
 * pairs (room for n_edges + n_needs); returns how many. */
static size_t directed_pairs(const out_graph_t *g, segment_t *pairs) {
    size_t k = 0;
    for (size_t e = 0; e < g->n_edges; e++)
        if (g->edges[e].kind != OUT_GRAPH_HUB)
            pairs[k++] = (segment_t){g->edges[e].from, g->edges[e].to};
    qsort(pairs, k, sizeof *pairs, compare_segments);
    return k;
}

/* Is there a directed segment to -> from among the drawn non-hub ones
 * (pairs, from directed_pairs)?  Then the two are drawn side by side
 * instead of on top of each other. */
static bool has_reverse(const segment_t *pairs, size_t n_pairs, size_t from, size_t to) {
    segment_t key = {to, from};
    return n_pairs > 0 && bsearch(&key, pairs, n_pairs, sizeof key, compare_segments) != NULL;
}

/* "x y dx dy" from marker edge to marker edge. */
static void write_segment(FILE *f, const segment_t *pairs, size_t n_pairs, const double *xy,
                          segment_t sg, bool hub) {
    double x0 = xy[2 * sg.from], y0 = xy[2 * sg.from + 1];
    double x1 = xy[2 * sg.to], y1 = xy[2 * sg.to + 1];
    double len = hypot(x1 - x0, y1 - y0);
    if (len <= 0.0) return;
    double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    double gap = (POINT_PX / 2.0 + 2.0) / px_per_unit();
    if (len <= 2.0 * gap) gap = 0.0;
    double side =
        !hub && has_reverse(pairs, n_pairs, sg.from, sg.to) ? PAIR_OFFSET_PX / px_per_unit() : 0.0;
    double sx = x0 + ux * gap + uy * side, sy = y0 + uy * gap - ux * side;
    double ex = x1 - ux * gap + uy * side, ey = y1 - uy * gap - ux * side;
    fprintf(f, "%.6f %.6f %.6f %.6f\n", sx, sy, ex - sx, ey - sy);
}

/* The id with the characters gnuplot data files cannot hold unquoted as
 * '_' ("_" for an empty id). */
static void put_data_key(FILE *f, const char *id) {
    if (*id == '\0') putc('_', f);
    for (const char *p = id; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
        putc(ok ? c : '_', f);
    }
}

int out_graph_write_plot_data(FILE *f, const out_graph_t *g) {
    const double *xy = g->xy;
    segment_t *seg = malloc((g->n_edges + 1) * sizeof *seg);
    segment_t *pairs = malloc((g->n_edges + 1) * sizeof *pairs);
    if (seg == NULL || pairs == NULL) {
        free(seg);
        free(pairs);
        errno = ENOMEM;
        return -1;
    }
    size_t n_pairs = directed_pairs(g, pairs);
    fprintf(f,
            "# network.dat - department data network of scenario %s "
            "(govsim graph)\n# block 0: vertices: x y island rgb key\n",
            g->id);
    for (size_t v = 0; v < g->n_nodes; v++) {
        bool hub = g->hub && v == g->n_nodes - 1;
        int island = g->nodes[v].island;
        const char *fill =
            hub ? OUT_GRAPH_COLOR_HUB_FILL : island_color[(size_t)island % N_ISLAND_COLORS];
        unsigned rgb = (unsigned)strtoul(fill + 1, NULL, 16);
        fprintf(f, "%.6f %.6f %d %u ", xy[2 * v], xy[2 * v + 1], island, rgb);
        put_data_key(f, g->nodes[v].id);
        putc('\n', f);
    }
    for (int kind = 0; kind < SEG_KINDS; kind++) {
        size_t k = segments_of(g, kind, seg);
        if (k == 0) continue; /* empty blocks are not written (see script) */
        fprintf(f, "\n\n# %s: x y dx dy\n", seg_title[kind]);
        for (size_t i = 0; i < k; i++)
            write_segment(f, pairs, n_pairs, xy, seg[i], kind == SEG_HUB);
    }
    free(seg);
    free(pairs);
    return finish(f);
}

/* --- Picture: script
 * ----------------------------------------------------------- */

static void script_header(FILE *f, const out_graph_t *g, const char *png_name) {
    char name[ESC_MAX], png[ESC_MAX];
    text_gnuplot_string_plain(name, sizeof name, g->title);
    text_gnuplot_string_plain(png, sizeof png, png_name);
    fprintf(f,
            "# network.gp - department data network of scenario %s, by "
            "govsim graph.\n"
            "# Run in this folder: gnuplot network.gp  (or gnuplot -e "
            "'outfile=\"x.png\"' network.gp)\n"
            "# Enhanced text is off, so names print literally; strings are "
            "double-quoted with \\ \" escaped and ` as \\140.\n"
            "if (!exists(\"outfile\")) outfile = \"%s\"\n"
            "set terminal pngcairo size %g,%g noenhanced font \"sans,10\"\n"
            "set output outfile\n"
            "set label 1 \"%s\" at screen 0.5, screen 0.965 center "
            "font \"sans,15\"\n",
            g->id, png, PIC_WIDTH, PIC_HEIGHT, name);
    char sub[512];
    if (g->subtitle) text_gnuplot_string_plain(sub, sizeof sub, g->subtitle);
    else {
        /* "1 information island" reads as a problem; it means the opposite */
        char islands[200], requests[300], total[48];
        if (g->n_islands == 1)
            snprintf(islands, sizeof islands, "%s",
                     _("no information islands (every department linked by data)"));
        else
            snprintf(islands, sizeof islands,
                     _("%zu information islands (groups with no data link between them)"),
                     g->n_islands);
        text_thousands(total, sizeof total, g->requests_total, 0);
        if (g->requests_total > 0.0)
            snprintf(requests, sizeof requests,
                     _("%s data requests per day: %.0f%% api, %.0f%% manual, %.0f%% fetched by "
                       "the citizen"),
                     total, 100.0 * g->requests_api / g->requests_total, 100.0 * g->share_manual,
                     100.0 * g->share_none);
        else snprintf(requests, sizeof requests, "%s", _("no data requests"));
        char plain[512];
        snprintf(plain, sizeof plain, "%s; %s", islands, requests);
        text_gnuplot_string_plain(sub, sizeof sub, plain);
    }
    fprintf(f, "set label 2 \"%s\" at screen 0.5, screen 0.925 center\n", sub);
    fprintf(f,
            "unset border\nunset xtics\nunset ytics\n"
            "set lmargin at screen %g\nset rmargin at screen %g\n"
            "set bmargin at screen %g\nset tmargin at screen %g\n"
            "set xrange [%g:%g]\nset yrange [%.6f:%g]\n",
            PIC_LEFT, PIC_RIGHT, PIC_BOTTOM, PIC_TOP, -PIC_XHALF, PIC_XHALF, pic_ymin(), PIC_YTOP);
    char key_title[ESC_MAX];
    fprintf(f,
            "set key at screen 0.985, screen 0.86 right top box opaque "
            "spacing 1.6 width 1 samplen 3\n"
            "set key title \"%s\"\n",
            legend_text(key_title, sizeof key_title, N_("Data links, owner -> user")));
    /* Labels sit on white: an arrow that must cross a name passes under
     * it instead of through the letters. */
    fputs("set style textbox opaque fillcolor \"white\" noborder margins 1,1\n", f);
    for (int kind = 0; kind < SEG_KINDS; kind++)
        fprintf(f,
                "set style arrow %d %s filled size screen 0.011,20 lw 2 "
                "lc rgb \"%s\"%s\n",
                kind + 1, kind == SEG_HUB ? "heads" : "head", seg_color[kind],
                kind == SEG_FETCH ? " dt 2" : "");
}

/* Where a label goes around its marker.  The layout keeps room below
 * every marker; the script moves a label to another side when that side
 * is crossed by fewer arrows, so arrows do not run through names. */
typedef enum { PLACE_BELOW, PLACE_ABOVE, PLACE_RIGHT, PLACE_LEFT, PLACES } place_t;

/* The text of a label placed at `where` around the marker at (x, y). */
static box_t text_box(const label_t *lb, double x, double y, place_t where) {
    double u = px_per_unit();
    double w = lb->cols * CHAR_PX / u, h = lb->n_lines * LINE_PX / u;
    double near = (POINT_PX / 2.0 + LABEL_GAP_PX) / u;
    switch (where) {
    case PLACE_BELOW:
        return (box_t){x - w / 2, x + w / 2, y - near - h, y - near};
    case PLACE_ABOVE:
        return (box_t){x - w / 2, x + w / 2, y + near, y + near + h};
    case PLACE_RIGHT:
        return (box_t){x + near, x + near + w, y - h / 2, y + h / 2};
    default:
        return (box_t){x - near - w, x - near, y - h / 2, y + h / 2};
    }
}

static box_t marker_box(double x, double y) {
    double r = POINT_PX / 2.0 / px_per_unit();
    return (box_t){x - r, x + r, y - r, y + r};
}

static bool boxes_overlap(box_t a, box_t b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* Liang-Barsky: the share (0 to 1) of the segment (x0, y0) + t (dx, dy),
 * t in [0, 1], that lies inside the box; -1 when it misses. */
static double segment_in_box(double x0, double y0, double dx, double dy, box_t b) {
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {x0 - b.x0, b.x1 - x0, y0 - b.y0, b.y1 - y0};
    double t0 = 0.0, t1 = 1.0;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0) return -1.0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0.0) t0 = fmax(t0, t);
        else t1 = fmin(t1, t);
        if (t0 > t1) return -1.0;
    }
    return t1 - t0;
}

/* Is the arrowhead of g (at its target's marker) inside the box? */
static bool head_in_box(const double *xy, const segment_t *g, box_t b) {
    double x1 = xy[2 * g->to], y1 = xy[2 * g->to + 1];
    double dx = x1 - xy[2 * g->from], dy = y1 - xy[2 * g->from + 1];
    double len = hypot(dx, dy);
    if (len <= 0.0) return false;
    double back = (POINT_PX / 2.0 + 6.0) / px_per_unit(); /* mid-head */
    double hx = x1 - dx / len * back, hy = y1 - dy / len * back;
    return hx > b.x0 && hx < b.x1 && hy > b.y0 && hy < b.y1;
}

typedef struct scene {
    const double *xy;
    size_t n_vertices;
    const label_t *labels;
    const segment_t *seg; /* every arrow drawn                     */
    size_t n_seg;
    const place_t *where; /* chosen so far (vertices < current)    */
    bool hub;             /* the last vertex is the hub            */
} scene_t;

/* Badness of putting vertex v's label at `where`: leaving the plot or
 * covering a marker or a placed label is ruled out (1000), covering a
 * label not yet placed (at its default, below) is bad (100), an arrow
 * through the text costs 5 plus its length inside in pixels (grazing a
 * corner is better than running through the words); the order of
 * place_t breaks ties. */
static double place_cost(const scene_t *sc, size_t v, place_t where) {
    const double *xy = sc->xy;
    double pad = PAD_PX / px_per_unit();
    box_t b = text_box(&sc->labels[v], xy[2 * v], xy[2 * v + 1], where);
    b = (box_t){b.x0 - pad, b.x1 + pad, b.y0 - pad, b.y1 + pad};
    double cost = (double)where;
    if (b.x0 < -PIC_XHALF || b.x1 > PIC_XHALF || b.y0 < pic_ymin() || b.y1 > PIC_YTOP)
        cost += 1000.0;
    for (size_t u = 0; u < sc->n_vertices; u++) {
        if (u == v) continue;
        if (boxes_overlap(b, marker_box(xy[2 * u], xy[2 * u + 1]))) cost += 1000.0;
        place_t other = u < v ? sc->where[u] : PLACE_BELOW;
        if (boxes_overlap(b, text_box(&sc->labels[u], xy[2 * u], xy[2 * u + 1], other)))
            cost += u < v ? 1000.0 : 100.0;
    }
    double wide = ARROW_HALF_PX / px_per_unit(); /* arrows are not lines */
    b = (box_t){b.x0 - wide, b.x1 + wide, b.y0 - wide, b.y1 + wide};
    for (size_t i = 0; i < sc->n_seg; i++) {
        const segment_t *g = &sc->seg[i];
        double x0 = xy[2 * g->from], y0 = xy[2 * g->from + 1];
        double dx = xy[2 * g->to] - x0, dy = xy[2 * g->to + 1] - y0;
        double share = segment_in_box(x0, y0, dx, dy, b);
        if (share < 0.0) continue;
        cost += 5.0 + share * hypot(dx, dy) * px_per_unit();
        if (head_in_box(xy, g, b)) cost += 50.0; /* hides the direction */
        if (g->to == sc->n_vertices - 1 && sc->hub) {
            segment_t back = {g->to, g->from}; /* hub arrows: two heads */
            if (head_in_box(xy, &back, b)) cost += 50.0;
        }
    }
    return cost;
}

static place_t best_place(const scene_t *sc, size_t v) {
    place_t best = PLACE_BELOW;
    double best_cost = INFINITY;
    for (int p = 0; p < PLACES; p++) {
        double c = place_cost(sc, v, (place_t)p);
        if (c < best_cost) {
            best_cost = c;
            best = (place_t)p;
        }
    }
    return best;
}

static void print_label(FILE *f, size_t tag, const label_t *lb, box_t b, place_t where) {
    fprintf(f, "set label %zu \"", tag);
    for (size_t i = 0; i < lb->n_lines; i++) {
        char esc[4 * LABEL_BYTES];
        text_gnuplot_string_plain(esc, sizeof esc, lb->line[i]);
        fprintf(f, "%s%s", i ? "\\n" : "", esc);
    }
    /* pngcairo puts the first line of a multi-line label at the anchor's
     * height and the others below it (measured), whatever the
     * justification. */
    double y = b.y1 - LINE_PX / 2.0 / px_per_unit();
    if (where == PLACE_RIGHT) fprintf(f, "\" at %.6f, %.6f left front boxed\n", b.x0, y);
    else if (where == PLACE_LEFT) fprintf(f, "\" at %.6f, %.6f right front boxed\n", b.x1, y);
    else fprintf(f, "\" at %.6f, %.6f center front boxed\n", (b.x0 + b.x1) / 2.0, y);
}

/* Every arrow of the picture, into seg (room for n_edges + n_needs). */
static size_t all_segments(const out_graph_t *g, segment_t *seg) {
    size_t k = 0;
    for (int kind = 0; kind < SEG_KINDS; kind++) k += segments_of(g, kind, seg + k);
    return k;
}

/* Labels 3, 4, ... (1 and 2 are the titles), one per vertex, each on the
 * side of its marker that the fewest arrows cross. */
static int script_labels(FILE *f, const out_graph_t *g) {
    const double *xy = g->xy;
    label_t *labels = make_labels(g);
    place_t *where = malloc(g->n_nodes * sizeof *where);
    segment_t *seg = malloc((g->n_edges + 1) * sizeof *seg);
    if (labels == NULL || where == NULL || seg == NULL) {
        free(labels);
        free(where);
        free(seg);
        errno = ENOMEM;
        return -1;
    }
    scene_t sc = {xy, g->n_nodes, labels, seg, all_segments(g, seg), where, g->hub};
    for (size_t v = 0; v < g->n_nodes; v++) {
        where[v] = best_place(&sc, v);
        box_t b = text_box(&labels[v], xy[2 * v], xy[2 * v + 1], where[v]);
        print_label(f, v + 3, &labels[v], b, where[v]);
    }
    free(labels);
    free(where);
    free(seg);
    return 0;
}

/* The label said in place of the names when there are too many to show,
 * translated and escaped for a gnuplot double-quoted string, into buf. */
static const char *too_many_text(char *buf, size_t len, size_t n) {
    char text[400];
    snprintf(text, sizeof text,
             _("%zu departments: too many to name here; names in network.dot and network.graphml"),
             n);
    text_gnuplot_string_plain(buf, len, text);
    return buf;
}

int out_graph_write_plot_script(FILE *f, const out_graph_t *g, const char *data_name,
                                const char *png_name) {
    segment_t *seg = malloc((g->n_edges + 1) * sizeof *seg);
    if (seg == NULL) {
        errno = ENOMEM;
        return -1;
    }
    script_header(f, g, png_name);
    char many[ESC_MAX];
    if (g->n_nodes > OUT_GRAPH_NAMES_MAX)
        fprintf(f, "set label 3 \"%s\" at screen 0.5, screen 0.895 center\n",
                too_many_text(many, sizeof many, g->n_nodes - (g->hub ? 1 : 0)));
    else if (script_labels(f, g) != 0) {
        free(seg);
        return -1;
    }
    char data[ESC_MAX];
    text_gnuplot_string_plain(data, sizeof data, data_name);
    fputs("plot \\\n", f);
    int block = 1; /* block 0 holds the vertices */
    char title[ESC_MAX];
    for (int kind = 0; kind < SEG_KINDS; kind++) {
        if (kind == SEG_HUB && !g->hub) continue;
        legend_text(title, sizeof title, seg_title[kind]);
        if (segments_of(g, kind, seg) > 0)
            fprintf(f,
                    "  \"%s\" index %d using 1:2:3:4 with vectors "
                    "arrowstyle %d title \"%s\", \\\n",
                    data, block++, kind + 1, title);
        else /* keep the legend complete */
            fprintf(f, "  keyentry with vectors arrowstyle %d title \"%s\", \\\n", kind + 1, title);
    }
    fprintf(f,
            "  keyentry with points pt 7 ps 2 lc rgb \"%s\" "
            "title \"%s\", \\\n"
            "  \"%s\" index 0 using 1:2:4 with points pt 7 ps 2 "
            "lc rgb variable notitle, \\\n"
            "  \"%s\" index 0 using 1:2 with points pt 6 ps 2 "
            "lc rgb \"#404040\" notitle\n",
            island_color[0], legend_text(title, sizeof title, N_("department (fill: island)")),
            data, data);
    free(seg);
    return finish(f);
}
