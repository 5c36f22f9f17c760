/* Names beside the points of a scatter chart, placed so that they do not
 * overlap (plot_chart.h). */
#include <math.h>
#include <stdlib.h>

#include "out_table.h"
#include "plot_chart.h"

#define CHAR_PX  6.5  /* a column of the 9-point label font, in pixels */
#define LINE_PX  13.0 /* a line of it                                  */
#define GAP_PX   9.0  /* from the point to its label                   */
#define MAX_MOVE 12   /* lines a label may move up or down             */

typedef struct box {
    double x0, x1, y0, y1;
} box_t;

static bool overlaps(const box_t *a, const box_t *b) {
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Whether box b is inside the plot area and clear of every placed box and
 * every point (a point is a box of its marker's size). */
static bool is_free(const box_t *b, const box_t *placed, size_t n_placed, const box_t *points,
                    size_t n_points, double w, double h) {
    if (b->x0 < 0 || b->x1 > w || b->y0 < 0 || b->y1 > h) return false;
    for (size_t i = 0; i < n_placed; i++)
        if (overlaps(b, &placed[i])) return false;
    for (size_t i = 0; i < n_points; i++)
        if (overlaps(b, &points[i])) return false;
    return true;
}

/* The first free place for a label of width lw beside the point at
 * (px, py): right of it, then left, each moved up and down a line at a
 * time; right of it when nowhere is free. */
static box_t place(double px, double py, double lw, const box_t *placed, size_t n_placed,
                   const box_t *points, size_t n_points, double w, double h, bool *left) {
    for (int k = 0; k <= 2 * MAX_MOVE; k++) {
        int step = (k + 1) / 2; /* 0, 1, 1, 2, 2, ...: alternately below and above */
        double dy = (k % 2 ? 1 : -1) * step * LINE_PX;
        for (int side = 0; side < 2; side++) {
            box_t b = side == 0 ? (box_t){px + GAP_PX, px + GAP_PX + lw, py + dy - LINE_PX / 2,
                                          py + dy + LINE_PX / 2}
                                : (box_t){px - GAP_PX - lw, px - GAP_PX, py + dy - LINE_PX / 2,
                                          py + dy + LINE_PX / 2};
            if (is_free(&b, placed, n_placed, points, n_points, w, h)) {
                *left = side == 0;
                return b;
            }
        }
    }
    *left = true;
    return (box_t){px + GAP_PX, px + GAP_PX + lw, py - LINE_PX / 2, py + LINE_PX / 2};
}

void plot_put_point_labels(FILE *g, size_t n, const double *x, const double *y,
                           const char *const *names, const unsigned *colors, const double range[4],
                           double w, double h) {
    box_t *placed = malloc((n + 1) * sizeof *placed), *points = malloc((n + 1) * sizeof *points);
    if (!placed || !points) { /* the chart keeps its key: names are there */
        free(placed);
        free(points);
        return;
    }
    double sx = w / (range[1] - range[0]), sy = h / (range[3] - range[2]);
    size_t n_points = 0, n_placed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) continue;
        double px = (x[i] - range[0]) * sx, py = (y[i] - range[2]) * sy;
        points[n_points++] = (box_t){px - 6, px + 6, py - 6, py + 6};
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) continue;
        double px = (x[i] - range[0]) * sx, py = (y[i] - range[2]) * sy;
        double lw = CHAR_PX * (double)out_text_width(names[i]);
        bool left;
        box_t b = place(px, py, lw, placed, n_placed, points, n_points, w, h, &left);
        placed[n_placed++] = b;
        double at_x = (left ? b.x0 : b.x1) / sx + range[0],
               at_y = (b.y0 + b.y1) / 2 / sy + range[2];
        if (fabs((b.y0 + b.y1) / 2 - py) > LINE_PX / 2) /* moved: a thin line back */
            fprintf(g,
                    "set arrow from first %.10g, first %.10g to first %.10g, first %.10g "
                    "nohead lw 0.6 lc rgb \"#%06x\" back\n",
                    at_x, at_y, x[i], y[i], colors[i]);
        fputs("set label ", g);
        plot_put_str(g, names[i]);
        fprintf(g, " at first %.10g, first %.10g %s font \",9\" tc rgb \"#%06x\" front\n", at_x,
                at_y, left ? "left" : "right", colors[i]);
    }
    free(placed);
    free(points);
}
