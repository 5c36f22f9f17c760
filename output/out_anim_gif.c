/* The animation as a GIF for slides (out_anim.h), through gnuplot. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "out_anim.h"
#include "out_file.h"
#include "text.h"

/* Window-line lengths of variant v at the frames t_from + i * step:
 * counts[i * n_boxes + b].  Events are replayed once, in order. */
static void replay(const out_anim_variant_t *v, double t_from, double step, size_t frames,
                   int *counts) {
    int *wait = calloc(v->n_boxes ? v->n_boxes : 1, sizeof *wait);
    if (!wait) return;
    for (size_t b = 0; b < v->n_boxes; b++) wait[b] = (int)v->boxes[b].waiting[0];
    size_t k = 0;
    for (size_t i = 0; i < frames; i++) {
        double t = t_from + (double)i * step;
        for (; k < v->n_events && v->events[k].t <= t; k++) {
            const out_anim_event_t *e = &v->events[k];
            if (e->lane != 0 || e->box >= v->n_boxes) continue;
            if (e->kind == OUT_ANIM_JOIN) wait[e->box]++;
            else if (e->kind == OUT_ANIM_START || e->kind == OUT_ANIM_LEAVE) wait[e->box]--;
        }
        for (size_t b = 0; b < v->n_boxes; b++) counts[i * v->n_boxes + b] = wait[b];
    }
    free(wait);
}

/* animation.dat: one block per frame (gnuplot `index i`), a row per box. */
static int write_data(const char *dir, double t_from, double step, size_t frames,
                      const out_anim_variant_t *v, size_t nv, int *const *counts, char *err,
                      size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "animation.dat", err, errlen);
    if (!fp) return -1;
    for (size_t i = 0; i < frames; i++) {
        fprintf(fp, "# frame %zu, minute %.0f\n", i, t_from + (double)i * step);
        for (size_t b = 0; b < v[0].n_boxes; b++) {
            char label[256];
            text_gnuplot_string_plain(label, sizeof label, v[0].boxes[b].windows);
            fprintf(fp, "\"%s\"", label);
            for (size_t j = 0; j < nv; j++)
                fprintf(fp, " %d", b < v[j].n_boxes ? counts[j][i * v[j].n_boxes + b] : 0);
            putc('\n', fp);
        }
        fputs("\n\n", fp);
    }
    return out_file_commit(&f, err, errlen);
}

static int write_script(const char *dir, const char *title, const char *day_label, double t_from,
                        double step, size_t frames, const out_anim_variant_t *v, size_t nv, int top,
                        char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "animation.gp", err, errlen);
    if (!fp) return -1;
    char t[512], d[128], l0[256], l1[256];
    text_gnuplot_string_plain(t, sizeof t, title);
    text_gnuplot_string_plain(d, sizeof d, day_label);
    text_gnuplot_string_plain(l0, sizeof l0, v[0].label);
    text_gnuplot_string_plain(l1, sizeof l1, nv > 1 ? v[1].label : "");
    fprintf(fp,
            "# govsim animate: people in each window line, a frame every %.0f minutes.\n"
            "# Run: gnuplot -e 'outfile=\"animation.gif\"' animation.gp\n"
            "if (!exists(\"outfile\")) outfile = \"animation.gif\"\n"
            "set terminal gif animate delay 25 size 960,540 font \",11\"\n"
            "set output outfile\n"
            "set style data histograms\nset style histogram clustered gap 1\n"
            "set style fill solid 0.8 border -1\nset boxwidth 0.9\n"
            "set yrange [0:%d]\nset ylabel \"people in line\"\nset xtics rotate by -30 noenhanced\n"
            "set key top right noenhanced\nset grid ytics\n",
            step, top < 5 ? 5 : top + 1);
    fprintf(fp,
            "do for [i=0:%zu] {\n"
            "  m = %.0f + i * %.0f\n"
            "  set title sprintf(\"%s\\n%s, %%02d:%%02d\", int(m / 60), int(m) %% 60) noenhanced\n",
            frames - 1, t_from, step, t, d);
    if (nv > 1)
        fprintf(fp,
                "  plot \"animation.dat\" index i using 2:xtic(1) title \"%s\" lc rgb \"#d9822b\", "
                "\"\" index i using 3 title \"%s\" lc rgb \"#2a7ab8\"\n",
                l0, l1);
    else
        fprintf(fp,
                "  plot \"animation.dat\" index i using 2:xtic(1) title \"%s\" lc rgb "
                "\"#d9822b\"\n",
                l0);
    fputs("}\nset output\n", fp);
    return out_file_commit(&f, err, errlen);
}

int out_anim_gif(const char *dir, const char *title, const char *day_label, double t_from,
                 double t_to, double step, const out_anim_variant_t *v, size_t n_variants,
                 char *err, size_t errlen) {
    size_t nv = n_variants > 2 ? 2 : n_variants;
    double span = step > 0 && t_to > t_from ? floor((t_to - t_from) / step) : 0;
    size_t frames = span < 1999 ? (size_t)span + 1 : 2000; /* at least one */
    int *counts[2] = {NULL, NULL}, top = 0, rc = -1;
    for (size_t j = 0; j < nv; j++) {
        counts[j] = calloc(frames * (v[j].n_boxes ? v[j].n_boxes : 1), sizeof(int));
        if (!counts[j]) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        replay(&v[j], t_from, step, frames, counts[j]);
        for (size_t i = 0; i < frames * v[j].n_boxes; i++)
            if (counts[j][i] > top) top = counts[j][i];
    }
    if (write_data(dir, t_from, step, frames, v, nv, counts, err, errlen) != 0 ||
        write_script(dir, title, day_label, t_from, step, frames, v, nv, top, err, errlen) != 0)
        goto out;
    /* drawn under a temporary name, checked as a GIF, renamed into place */
    char tmp[1100], final[1100];
    snprintf(tmp, sizeof tmp, "%s/.animation.gif.tmp", dir);
    snprintf(final, sizeof final, "%s/animation.gif", dir);
    if (out_gnuplot_render(dir, "animation.gp", ".animation.gif.tmp", "gif", err, errlen) != 0) {
        remove(tmp);
        goto out;
    }
    if (rename(tmp, final) != 0) {
        snprintf(err, errlen, "cannot rename '%s' to '%s': %s", tmp, final, strerror(errno));
        remove(tmp);
        goto out;
    }
    rc = 0;
out:
    free(counts[0]);
    free(counts[1]);
    return rc;
}
