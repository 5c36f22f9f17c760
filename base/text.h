/*
 * text.h - the lexical layer of the writers: text and numbers encoded
 * so that the reader of each format gets back exactly what we meant.
 *
 * Every string govsim writes can come from a scenario file (department and
 * service names, in Chinese as often as not), so nothing here trusts its
 * input.  The encoders share three promises:
 *
 *   - The output is valid UTF-8.  Each ill-formed byte sequence (overlong
 *     forms, surrogates, code points past U+10FFFF, stray continuation bytes,
 *     truncated sequences) becomes one U+FFFD per maximal ill-formed subpart,
 *     the replacement practice Unicode recommends (and browsers use).
 *   - Characters the format gives a meaning to are escaped, never dropped,
 *     except where the format cannot carry them at all (control characters
 *     in a gnuplot label, which would end the command line).
 *   - They cannot fail.  Writes go to a FILE whose error indicator is sticky;
 *     out_file_commit() (out_file.h) checks it once at the end, so a full
 *     disk is reported there instead of after every putc.
 *
 * Numbers: text_format_number() gives the shortest of %.15g, %.16g, %.17g
 * that reads back (strtod) as the same double, so 0.1 stays "0.1" and no
 * digit is lost.  printf and strtod follow LC_NUMERIC: govsim leaves it at
 * "C" (it never calls setlocale for numbers), which these writers assume.
 */
#ifndef GOVSIM_TEXT_H
#define GOVSIM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ------------------------------------------------------------------ UTF-8 */

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
#define TEXT_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Decode the character at s (s[0] must not be NUL).  Returns its code
 * point and sets *nbytes to its length; for an ill-formed sequence returns
 * -1 and sets *nbytes to the length of its maximal ill-formed subpart (at
 * least 1), so that the caller resumes at the next possible start.  Never
 * reads past a NUL.  This function can't fail. */
int32_t text_utf8_next(const char *s, size_t *nbytes);

/* Display width of code point cp, in terminal columns (out_table.h) and in
 * the columns of the network picture's labels (out_graph.h): 2 for East
 * Asian wide characters (U+1100-U+115F Hangul Jamo, U+2E80-U+A4CF CJK
 * radicals to Yi, U+AC00-U+D7A3 Hangul syllables, U+F900-U+FAFF CJK
 * compatibility ideographs, U+FE30-U+FE4F CJK compatibility forms,
 * U+FF00-U+FF60 and U+FFE0-U+FFE6 fullwidth forms, U+20000-U+3FFFD, the
 * supplementary ideographs that rare characters in people's and places'
 * names come from), 1 for every other, ill-formed UTF-8 (cp < 0, shown as
 * U+FFFD) included.  Combining marks count 1: they are rare in our names
 * and a terminal-independent answer does not exist. */
size_t text_char_width(int32_t cp);

/* The largest n <= at such that s[0 .. n-1] does not end inside a UTF-8
 * character (n never splits a multi-byte sequence; s[at] must be
 * readable: a byte of s or its NUL).  For cutting a text to fit a buffer. */
size_t text_utf8_boundary(const char *s, size_t at);

/* --------------------------------------------------------------- terminal */

/* Is code point cp a control character a terminal acts on (C0, DEL, C1:
 * ESC starts a sequence that can clear the screen or set the window
 * title, U+009B is CSI on its own)?  Every piece of text govsim prints on
 * a terminal (tables, messages, progress) shows these as '?' and
 * ill-formed UTF-8 as U+FFFD: see text_term_text, out_table.h. */
bool text_term_is_control(int32_t cp);

/* src as it may reach a terminal: controls as '?', ill-formed UTF-8 as
 * U+FFFD, everything else unchanged.  dst (len >= 1) always receives a
 * NUL-terminated string, cut between characters when it does not fit.
 * This function can't fail. */
void text_term_text(const char *src, char *dst, size_t len);

/* The same, written to fp. */
void text_term_puts(FILE *fp, const char *src);

/* ---------------------------------------------------------------- strings */

/* One CSV field (RFC 4180).  The field is quoted when it contains a comma,
 * a double quote, CR or LF (quotes inside are doubled), and also when it
 * starts with '=', '+', '-', '@' or TAB, the characters a spreadsheet may
 * take as the start of a formula.  Quoting does not stop a spreadsheet from
 * evaluating "=1+1" (Excel strips the quotes); it marks the field as text
 * for careful readers, while R, pandas and csvkit read the value back
 * unchanged.  We deliberately do not prefix an apostrophe, the usual
 * defence, because it would corrupt the data for every other reader (a
 * name "-3 dB" would come back as "'-3 dB").  NULL writes an empty field
 * (a missing value). */
void text_csv_field(FILE *fp, const char *s);

/* A JSON string, quotes included: '"' and '\' escaped, \b \f \n \r \t by
 * their short escapes, the other control characters U+0000-U+001F as
 * \u00xx (lower-case hex, as Python's json module writes them). */
void text_json_string(FILE *fp, const char *s);

/* Text for HTML or XML (GraphML) element content or a quoted attribute
 * value: & < > " ' become &amp; &lt; &gt; &quot; &#39; (a numeric
 * reference, which HTML 4 knows and &apos; is not); the control characters
 * XML 1.0 does not allow at all (C0 except TAB, LF and CR) and DEL become
 * a space; TAB, LF and CR stay (a <pre> block keeps its lines). */
void text_html_escape(FILE *fp, const char *s);

/* The body of a double-quoted Graphviz DOT string (the caller writes the
 * quotes): \ and " get a backslash, control characters (C0, DEL) become a
 * space, so a name cannot end the string or the line. */
void text_dot_string(FILE *fp, const char *s);

/* The body of a double-quoted gnuplot string (the caller writes the quotes)
 * that shows src literally as a label in enhanced text mode, the default of
 * the terminals govsim uses (pngcairo, svg):
 *   - '"' becomes \" ; the enhanced-text control characters
 *     \ ^ _ @ & ~ { } get a backslash that survives string parsing
 *     ("\\^", and "\\\\" for a backslash itself);
 *   - a backquote becomes the octal escape \140, because gnuplot runs
 *     `...` as a shell command even inside double-quoted strings;
 *   - control characters (which would end the command) are dropped.
 * dst always receives a NUL-terminated string (len must be >= 1); when the
 * result does not fit, it ends after the last escape sequence or UTF-8
 * character that fits whole, so it is never cut inside one.  Returns true when all of src fit,
 * false if truncated. Note: gnuplot 5.4's svg terminal writes an escaped '&' in enhanced text as a
 * bare '&' (invalid XML); for labels from user data prefer text_gnuplot_string_plain() with the
 * label's `noenhanced` option. */
bool text_gnuplot_string(char *dst, size_t len, const char *src);

/* As text_gnuplot_string() for a label marked `noenhanced`: only \ and "
 * are escaped (and ` as \140, control characters dropped). */
bool text_gnuplot_string_plain(char *dst, size_t len, const char *src);

/* ---------------------------------------------------------------- numbers */

/* Room for any text_format_number() result: "-1.2345678901234567e-308". */
#define TEXT_NUMBER_LEN 32

/* The shortest of %.15g, %.16g, %.17g that strtod reads back as x, which
 * must be finite (NaN and infinities mean different things in each format:
 * the callers decide).  Returns the length written into buf. */
size_t text_format_number(char buf[TEXT_NUMBER_LEN], double x);

#endif
