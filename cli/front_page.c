/* results/index.html (front_page.h). */
#include "front_page.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "out_file.h"
#include "out_html.h"
#include "text_human.h"

static void put_link(FILE *fp, const char *href, const char *text) {
    out_html_raw(fp, "<a href=\"");
    out_html_text(fp, href);
    out_html_raw(fp, "\">");
    out_html_text(fp, text);
    out_html_raw(fp, "</a>");
}

/* One baseline: its name, the headline sentence, the link to its report. */
static void baseline_card(FILE *fp, const char *folder, const compare_headline_t *h) {
    out_html_heading(fp, 2, NULL, h->scenario);
    out_html_paragraph(fp, h->description);
    char text[1600];
    if (!h->found) {
        out_html_paragraph(fp, _("No single reform saves citizens' time beyond doubt here."));
    } else {
        char hours[48], per[48], trips[48], before[48], after[48];
        text_thousands(hours, sizeof hours, h->hours_saved, 0);
        text_thousands(per, sizeof per, h->yuan_per_hour, 1);
        text_thousands(trips, sizeof trips, h->trips_avoided, 0);
        text_thousands(before, sizeof before, 100 * h->within_base, 1);
        text_thousands(after, sizeof after, 100 * h->within_best, 1);
        out_html_raw(fp, "<p>");
        out_html_text(fp, _("Best value for money: "));
        out_html_raw(fp, "<b>");
        out_html_text(fp, h->best);
        out_html_raw(fp, "</b>");
        /* TRANSLATORS: ends the sentence naming the best reform. */
        out_html_text(fp, _(". "));
        snprintf(text, sizeof text,
                 _("It saves citizens %s hours a year at %s yuan per hour saved, and avoids %s "
                   "trips to government offices a year. Cases finished within the statutory "
                   "limit: %s%% now, %s%% with it."),
                 hours, per, trips, before, after);
        out_html_text(fp, text);
        out_html_raw(fp, "</p>\n");
    }
    char href[512];
    snprintf(href, sizeof href, "%s/report.html", folder);
    out_html_raw(fp, "<p>");
    put_link(fp, href, _("Full report: every reform, the charts, the method and the assumptions"));
    out_html_raw(fp, "</p>\n");
}

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The page of result folder `name` in dir into href: its report, plan or
 * index page, else the network picture, else the folder itself. */
static void folder_page(const char *dir, const char *name, char *href, size_t len) {
    static const char *const pages[] = {"report.html", "plan.html", "index.html", "network.svg",
                                        "network.png"};
    char path[2048];
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        snprintf(path, sizeof path, "%s/%s/%s", dir, name, pages[i]);
        if (is_file(path)) {
            snprintf(href, len, "%s/%s", name, pages[i]);
            return;
        }
    }
    snprintf(href, len, "%s/", name);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The other folders of dir (not one of the n baselines'), sorted. */
static size_t other_folders(const char *dir, const char *const *folders, size_t n, char **out,
                            size_t max) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t k = 0;
    struct dirent *e;
    while ((e = readdir(d)) && k < max) {
        if (e->d_name[0] == '.') continue;
        bool baseline = false;
        for (size_t i = 0; i < n; i++) baseline |= strcmp(e->d_name, folders[i]) == 0;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (baseline || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if ((out[k] = strdup(e->d_name))) k++;
    }
    closedir(d);
    qsort(out, k, sizeof *out, by_name);
    return k;
}

/* Sweeps, graphs, plans and earlier runs found beside the reports. */
static void other_results(FILE *fp, const char *dir, const char *const *folders, size_t n) {
    char *names[256];
    size_t k = other_folders(dir, folders, n, names, 256);
    if (k == 0) return;
    out_html_heading(fp, 2, "more", _("Other results in this folder"));
    out_html_paragraph(fp, _("Sweeps (results/NAME-sweep), network graphs (results/ID-graph), "
                             "plans and single runs written here by other govsim commands."));
    out_html_raw(fp, "<ul>\n");
    for (size_t i = 0; i < k; i++) {
        char href[2300];
        folder_page(dir, names[i], href, sizeof href);
        out_html_raw(fp, "<li>");
        put_link(fp, href, names[i]);
        out_html_raw(fp, "</li>\n");
        free(names[i]);
    }
    out_html_raw(fp, "</ul>\n");
}

int front_page_write(const char *dir, const char *const *folders, const compare_headline_t *heads,
                     size_t n, const char *reps, char *err, size_t errlen) {
    out_file_t f;
    FILE *fp = out_file_open(&f, dir, "index.html", err, errlen);
    if (!fp) return -1;
    const char *title = _("govsim: what the reforms buy, baseline by baseline");
    out_html_begin(fp, title);
    out_html_heading(fp, 1, NULL, title);
    char intro[800];
    snprintf(intro, sizeof intro,
             _("Each baseline is compared with the bundled reforms, alone and all together, on "
               "common random numbers (%s replications), with 95%% confidence intervals. Below, "
               "for each, the reform that saves the most citizens' hours per yuan spent; the "
               "reports give every reform and explain the terms."),
             reps);
    out_html_paragraph(fp, intro);
    for (size_t i = 0; i < n; i++)
        if (heads[i].done) baseline_card(fp, folders[i], &heads[i]);
    other_results(fp, dir, folders, n);
    out_html_end(fp);
    return out_file_commit(&f, err, errlen);
}
