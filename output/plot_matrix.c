/* Heat-map matrices, rows by columns, a few panels side by side (plot.h):
 * the province's departments by city, readable at a report's width. */
#include <math.h>
#include <stdio.h>

#include "i18n.h"
#include "plot.h"
#include "plot_chart.h"

#define CELL_W 66.0 /* pixels per column of a matrix  */
#define CELL_H 26.0 /* ... and per row                */

static void matrix_block(FILE *d, size_t p, size_t n_rows, size_t n_cols, const double *value,
                         const char *title) {
    fprintf(d, "# block %zu: ", p);
    plot_put_comment(d, title);
    fputs("# x=column y=row value\n", d);
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t c = 0; c < n_cols; c++) {
            fprintf(d, "%zu %zu", c, r);
            plot_put_num(d, value[(p * n_rows + r) * n_cols + c]);
            fputc('\n', d);
        }
    }
    fputs("\n\n", d);
}

int plot_matrix(const plot_ctx_t *ctx, const char *name, const char *subtitle, size_t n_panels,
                const char *const *panels, size_t n_rows, const char *const *rows, size_t n_cols,
                const char *const *cols, const double *value, char *err, size_t errlen) {
    plot_chart_t c;
    if (plot_chart_open(&c, ctx, name, err, errlen) != 0) return -1;
    double names = 7.0 * (double)plot_label_columns(n_rows, rows) + 30;
    double map = CELL_W * (double)n_cols, gap = 40, colorbox = 110, top = 100;
    double col_labels = 4.6 * (double)plot_label_columns(n_cols, cols) + 30;
    double panel = 34 + CELL_H * (double)n_rows + col_labels;
    size_t grid_rows = (n_panels + 1) / 2, grid_cols = n_panels > 1 ? 2 : 1;
    double width = names + (double)grid_cols * map + (double)(grid_cols - 1) * gap + colorbox;
    double height = top + (double)grid_rows * panel + 10;
    plot_chart_preamble(&c, subtitle, (int)width, (int)height);
    for (size_t p = 0; p < n_panels; p++) matrix_block(c.d, p, n_rows, n_cols, value, panels[p]);
    FILE *g = c.g;
    fputs("set multiplot title ", g);
    plot_put_str2(g, ctx->scenario, subtitle);
    fputs(" font \",12\"\n", g);
    fputs("set palette defined (0 \"#f7fbff\", 0.5 \"#9ecae1\", 0.8 \"#fdae6b\", "
          "0.95 \"#e6550d\", 1 \"#a50f15\")\n"
          "set cbrange [0:1]\nset cbtics (\"0%%\" 0, \"20%%\" 0.2, \"40%%\" 0.4, \"60%%\" 0.6, "
          "\"80%%\" 0.8, \"100%%\" 1)\nunset key\nset tics scale 0\n",
          g);
    fprintf(g, "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\n", (double)n_cols - 0.5,
            (double)n_rows - 0.5);
    plot_put_xtics(g, n_cols, cols, 40);
    for (size_t p = 0; p < n_panels; p++) {
        double left = names + (double)(p % 2) * (map + gap);
        size_t row = p / 2; /* two panels a row */
        double y0 = top + (double)row * panel + 34, y1 = y0 + CELL_H * (double)n_rows;
        fprintf(g,
                "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                left / width, (left + map) / width, 1 - y0 / height, 1 - y1 / height);
        if (p % 2 == 0) {
            fputs("set ytics (", g);
            for (size_t r = 0; r < n_rows; r++) {
                if (r) fputs(", ", g);
                plot_put_str(g, rows[r]);
                fprintf(g, " %zu", r);
            }
            fputs(")\n", g);
        } else {
            fputs("unset ytics\n", g);
        }
        fputs(p + 1 == n_panels || p % 2 == 1 ? "set colorbox\n" : "unset colorbox\n", g);
        fputs("set title ", g);
        plot_put_str(g, panels[p]);
        fputc('\n', g);
        if (!plot_any_finite(value + p * n_rows * n_cols, n_rows * n_cols, 1)) {
            plot_put_nothing(g, _("nothing to show"), -0.5, (double)n_cols - 0.5);
            continue;
        }
        fprintf(g,
                "plot '%s.dat' index %zu using 1:2:(0.5):(0.5):3 with boxxyerror "
                "fs solid 1.0 noborder fc palette, \\\n"
                "     '' index %zu using 1:2:(strcol(3) eq \"NaN\" ? \"\" : sprintf(\"%%.0f%%%%\", "
                "100*$3)) with labels font \",9\"\n",
                name, p, p);
    }
    fputs("unset multiplot\n", g);
    return plot_chart_finish(&c, err, errlen);
}
