/* Self-contained HTML pages (out_html.h). */
#include "out_html.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "i18n.h"
#include "text.h"
#include "out_file.h"

static const char STYLE[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans CJK SC',"
    "'WenQuanYi Micro Hei',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.45}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.92em}"
    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
    "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
    "td.sure{font-weight:600}td.l,th.l{text-align:left}figure{margin:1.5em 0}figure "
    "img{max-width:100%;"
    "border:1px solid #eee}figcaption{color:#555;font-size:.92em}"
    "pre{background:#f7f7f7;padding:1em;overflow-x:auto;font-size:.85em}"
    "details{margin:.6em 0}summary{cursor:pointer}.note{color:#555;font-size:.92em}";

void out_html_begin(FILE *fp, const char *title) {
    /* TRANSLATORS: the code of the language of this translation (zh). */
    fprintf(fp,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            _("en"));
    text_html_escape(fp, title);
    fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", STYLE);
}

void out_html_end(FILE *fp) { fputs("</body>\n</html>\n", fp); }

void out_html_heading(FILE *fp, int level, const char *anchor, const char *text) {
    if (level < 1) level = 1;
    if (level > 3) level = 3;
    fprintf(fp, "<h%d", level);
    if (anchor) {
        fputs(" id=\"", fp);
        text_html_escape(fp, anchor);
        fputc('"', fp);
    }
    fputc('>', fp);
    text_html_escape(fp, text);
    fprintf(fp, "</h%d>\n", level);
}

void out_html_paragraph(FILE *fp, const char *text) {
    fputs("<p>", fp);
    text_html_escape(fp, text);
    fputs("</p>\n", fp);
}

void out_html_text(FILE *fp, const char *text) { text_html_escape(fp, text); }

void out_html_raw(FILE *fp, const char *markup) { fputs(markup, fp); }

/* The class of column i: "l" (text, left-aligned) where align says so. */
static bool is_text_col(const char *align, size_t i) { return align && align[i] == 'l'; }

void out_html_table_begin_aligned(FILE *fp, const char *const *header, size_t n,
                                  const char *align) {
    fputs("<table>\n<thead><tr>", fp);
    for (size_t i = 0; i < n; i++) {
        fputs(is_text_col(align, i) ? "<th class=\"l\">" : "<th>", fp);
        text_html_escape(fp, header[i]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
}

void out_html_table_begin(FILE *fp, const char *const *header, size_t n) {
    out_html_table_begin_aligned(fp, header, n, NULL);
}

void out_html_table_row_aligned(FILE *fp, const char *const *cells, size_t n, const char *align) {
    fputs("<tr>", fp);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(cells[i]);
        bool sure = len >= 2 && strcmp(cells[i] + len - 2, " *") == 0;
        bool text = is_text_col(align, i);
        fputs(sure && text ? "<td class=\"sure l\">"
              : sure       ? "<td class=\"sure\">"
              : text       ? "<td class=\"l\">"
                           : "<td>",
              fp);
        text_html_escape(fp, cells[i]);
        fputs("</td>", fp);
    }
    fputs("</tr>\n", fp);
}

void out_html_table_row(FILE *fp, const char *const *cells, size_t n) {
    out_html_table_row_aligned(fp, cells, n, NULL);
}

void out_html_table_end(FILE *fp) { fputs("</tbody>\n</table>\n", fp); }

void out_html_details_pre(FILE *fp, const char *summary, const char *text) {
    fputs("<details><summary>", fp);
    text_html_escape(fp, summary);
    fputs("</summary><pre>", fp);
    text_html_escape(fp, text);
    fputs("</pre></details>\n", fp);
}

void out_base64(FILE *fp, const unsigned char *data, size_t n) {
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8 | data[i + 2];
        fputc(A[v >> 18], fp);
        fputc(A[(v >> 12) & 63], fp);
        fputc(A[(v >> 6) & 63], fp);
        fputc(A[v & 63], fp);
    }
    if (i < n) {
        unsigned v = (unsigned)data[i] << 16 | (i + 1 < n ? (unsigned)data[i + 1] << 8 : 0);
        fputc(A[v >> 18], fp);
        fputc(A[(v >> 12) & 63], fp);
        fputc(i + 1 < n ? A[(v >> 6) & 63] : '=', fp);
        fputc('=', fp);
    }
}

int out_html_figure_png(FILE *fp, const char *path, const char *alt, const char *caption, char *err,
                        size_t errlen) {
    size_t n;
    unsigned char *png = (unsigned char *)out_file_read(path, &n, err, errlen);
    if (!png) return -1;
    fputs("<figure><img alt=\"", fp);
    text_html_escape(fp, alt);
    fputs("\" src=\"data:image/png;base64,", fp);
    out_base64(fp, png, n);
    fputs("\"><figcaption>", fp);
    text_html_escape(fp, caption);
    fputs("</figcaption></figure>\n", fp);
    free(png);
    return 0;
}
