/*
 * out_html.h - a self-contained HTML page: headings, paragraphs, tables,
 * preformatted text and pictures embedded as data: URIs, so the file can
 * be e-mailed alone.
 *
 * Every string passes through text_html_escape() (base/text.h):
 * names from scenario files cannot open tags or attributes.  The page has
 * no script and loads nothing: one inline style sheet, pictures inside.
 * Writes go to a FILE whose error indicator out_file_commit() checks
 * (output/out_file.h), so these functions do not report write errors.
 */
#ifndef GOVSIM_OUT_HTML_H
#define GOVSIM_OUT_HTML_H

#include <stddef.h>
#include <stdio.h>

/* <!DOCTYPE html> ... <body>, with the page title. */
void out_html_begin(FILE *fp, const char *title);
/* </body></html>. */
void out_html_end(FILE *fp);

/* <hN id="anchor">text</hN>, level 1-3; anchor may be NULL. */
void out_html_heading(FILE *fp, int level, const char *anchor, const char *text);
/* <p>text</p>. */
void out_html_paragraph(FILE *fp, const char *text);
/* An escaped string, no element around it (for use between the raw tags
 * below). */
void out_html_text(FILE *fp, const char *text);
/* Markup written as is: only for constant strings in govsim's code. */
void out_html_raw(FILE *fp, const char *markup);

/* A table: header cells, then rows of n cells; a cell whose text ends in
 * " *" gets the class "sure" (a change whose CI excludes zero). */
void out_html_table_begin(FILE *fp, const char *const *header, size_t n);
void out_html_table_row(FILE *fp, const char *const *cells, size_t n);
void out_html_table_end(FILE *fp);
/* The same with each column's alignment: align holds n characters, 'l'
 * for a column of text (left-aligned, class "l"), any other for a column
 * of numbers (right-aligned); NULL: the first column left, the rest right
 * (what the two functions above do). */
void out_html_table_begin_aligned(FILE *fp, const char *const *header, size_t n, const char *align);
void out_html_table_row_aligned(FILE *fp, const char *const *cells, size_t n, const char *align);

/* A collapsible block of preformatted text: <details><summary>summary
 * </summary><pre>text</pre></details>. */
void out_html_details_pre(FILE *fp, const char *summary, const char *text);

/* A figure: the PNG file at path embedded as base64, alt text, caption.
 * Returns 0, or -1 with a message in err when the file cannot be read
 * (nothing is written then). */
int out_html_figure_png(FILE *fp, const char *path, const char *alt, const char *caption, char *err,
                        size_t errlen);

/* RFC 4648 base64 of n bytes into fp (no line breaks).  Exposed for
 * tests.  This function can't fail. */
void out_base64(FILE *fp, const unsigned char *data, size_t n);

#endif
