/* text.c - see text.h. */
#include "text.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ UTF-8 */

/* The well-formed byte sequences of Unicode's table 3-7: the lead byte
 * fixes the length and narrows the range of the second byte (which is what
 * excludes overlong forms, surrogates and code points past U+10FFFF); the
 * later bytes are plain continuation bytes 80..BF. */
int32_t text_utf8_next(const char *s, size_t *nbytes) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned char lead = p[0];
    assert(lead != 0);
    if (lead < 0x80) {
        *nbytes = 1;
        return lead;
    }
    size_t more;             /* continuation bytes expected */
    unsigned char lo = 0x80; /* range allowed for the next byte */
    unsigned char hi = 0xBF;
    int32_t cp;
    if (lead >= 0xC2 && lead <= 0xDF) {
        more = 1;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        more = 2;
        cp = lead & 0x0F;
        if (lead == 0xE0) lo = 0xA0; /* no overlong forms */
        if (lead == 0xED) hi = 0x9F; /* no surrogates */
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        more = 3;
        cp = lead & 0x07;
        if (lead == 0xF0) lo = 0x90; /* no overlong forms */
        if (lead == 0xF4) hi = 0x8F; /* nothing past U+10FFFF */
    } else {
        *nbytes = 1; /* 80..C1, F5..FF: never a lead */
        return -1;
    }
    for (size_t i = 1; i <= more; i++) {
        unsigned char b = p[i]; /* a NUL fails the range test */
        if (b < lo || b > hi) {
            *nbytes = i;
            return -1;
        }
        cp = (cp << 6) | (b & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *nbytes = more + 1;
    return cp;
}

/* The East Asian wide ranges, in order (see text.h). */
size_t text_utf8_boundary(const char *s, size_t at) {
    while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80) at--;
    return at;
}

size_t text_char_width(int32_t cp) {
    static const int32_t wide[][2] = {
        {0x1100, 0x115F}, {0x2E80, 0xA4CF},   {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF}, {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
        {0xFFE0, 0xFFE6}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1]) return 2;
    return 1;
}

/* Copy the non-ASCII character at s, or U+FFFD for an ill-formed
 * sequence; returns the number of input bytes consumed. */
static size_t put_utf8(FILE *fp, const char *s) {
    size_t n;
    if (text_utf8_next(s, &n) < 0) fputs(TEXT_UTF8_REPLACEMENT, fp);
    else fwrite(s, 1, n, fp);
    return n;
}

/* ---------------------------------------------------------------- strings */

static bool csv_needs_quotes(const char *s) {
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t') return true;
    return strpbrk(s, ",\"\r\n") != NULL;
}

/* The text an ASCII character (not NUL) stands for in one format: a
 * static string, or buf (room for 8 bytes) filled in. */
typedef const char *(*ascii_map_fn)(unsigned char c, char buf[8]);

/* The character itself, in buf. */
static const char *as_is(unsigned char c, char buf[8]) {
    buf[0] = (char)c;
    buf[1] = '\0';
    return buf;
}

/* s with every ASCII character through map, every other character as it
 * is (ill-formed UTF-8 as U+FFFD): the loop of all the stream escapers. */
static void put_mapped(FILE *fp, const char *s, ascii_map_fn map) {
    for (const char *p = s; *p != '\0';) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            p += put_utf8(fp, p);
            continue;
        }
        char buf[8];
        fputs(map(c, buf), fp);
        p++;
    }
}

/* Inside a quoted CSV field: '"' doubled. */
static const char *csv_char(unsigned char c, char buf[8]) {
    return c == '"' ? "\"\"" : as_is(c, buf);
}

void text_csv_field(FILE *fp, const char *s) {
    if (s == NULL) return;
    bool quoted = csv_needs_quotes(s); /* a '"' makes it quoted */
    if (quoted) putc('"', fp);
    put_mapped(fp, s, csv_char);
    if (quoted) putc('"', fp);
}

/* JSON: the short escapes, other controls as \u00xx. */
static const char *json_char(unsigned char c, char buf[8]) {
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        break;
    }
    if (c >= 0x20) return as_is(c, buf);
    snprintf(buf, 8, "\\u%04x", (unsigned)c);
    return buf;
}

void text_json_string(FILE *fp, const char *s) {
    assert(s != NULL);
    putc('"', fp);
    put_mapped(fp, s, json_char);
    putc('"', fp);
}

/* HTML and XML.  The controls XML 1.0 forbids (C0 but TAB, LF, CR) and
 * DEL become a space, as no character reference can carry them. */
static const char *markup_char(unsigned char c, char buf[8]) {
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\t':
    case '\n':
    case '\r':
        return as_is(c, buf);
    default:
        return c < 0x20 || c == 0x7F ? " " : as_is(c, buf);
    }
}

void text_html_escape(FILE *fp, const char *s) {
    assert(s != NULL);
    put_mapped(fp, s, markup_char);
}

/* DOT strings: \ and " backslashed, controls as a space. */
static const char *dot_char(unsigned char c, char buf[8]) {
    if (c == '\\') return "\\\\";
    if (c == '"') return "\\\"";
    return c < 0x20 || c == 0x7F ? " " : as_is(c, buf);
}

void text_dot_string(FILE *fp, const char *s) {
    assert(s != NULL);
    put_mapped(fp, s, dot_char);
}

/* ---------------------------------------------------------------- gnuplot */

/* The gnuplot-string encoding of the ASCII character c into piece (at
 * least 8 bytes, not NUL-terminated: the caller copies the returned
 * length); returns its length, 0 to drop the character. */
static size_t gnuplot_piece(unsigned char c, bool enhanced, char *piece) {
    static const char backquote[] = "\\140"; /* octal: ` runs a command */
    static const char quote[] = "\\\"";
    if (c < 0x20 || c == 0x7F) return 0;
    if (c == '`') {
        memcpy(piece, backquote, sizeof backquote - 1);
        return sizeof backquote - 1;
    }
    if (c == '"') {
        memcpy(piece, quote, sizeof quote - 1);
        return sizeof quote - 1;
    }
    size_t n = 0;
    /* The enhanced-text escape is a backslash, which must itself be
     * escaped to survive the double-quoted string. */
    if (enhanced && c != '\\' && strchr("^_@&~{}", c) != NULL) {
        piece[n++] = '\\';
        piece[n++] = '\\';
    }
    if (c == '\\') {
        if (enhanced) {
            piece[n++] = '\\';
            piece[n++] = '\\';
        }
        piece[n++] = '\\';
    }
    piece[n++] = (char)c;
    return n;
}

/* Append pieces while they fit whole, keeping room for the NUL. */
static bool gnuplot_encode(char *dst, size_t len, const char *src, bool enhanced) {
    assert(dst != NULL && len >= 1 && src != NULL);
    size_t used = 0;
    bool complete = true;
    for (const char *p = src; *p != '\0';) {
        char piece[8];
        const char *bytes = piece; /* what to append */
        size_t n;                  /* its length */
        size_t consumed = 1;       /* input bytes it stands for */
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            if (text_utf8_next(p, &consumed) < 0) {
                bytes = TEXT_UTF8_REPLACEMENT;
                n = 3;
            } else {
                bytes = p;
                n = consumed;
            }
        } else {
            n = gnuplot_piece(c, enhanced, piece);
        }
        if (used + n + 1 > len) {
            complete = false;
            break;
        }
        memcpy(dst + used, bytes, n);
        used += n;
        p += consumed;
    }
    dst[used] = '\0';
    return complete;
}

bool text_gnuplot_string(char *dst, size_t len, const char *src) {
    return gnuplot_encode(dst, len, src, true);
}

bool text_gnuplot_string_plain(char *dst, size_t len, const char *src) {
    return gnuplot_encode(dst, len, src, false);
}

/* ---------------------------------------------------------------- numbers */

size_t text_format_number(char buf[TEXT_NUMBER_LEN], double x) {
    assert(isfinite(x));
    int n = 0;
    for (int precision = 15; precision <= 17; precision++) {
        n = snprintf(buf, TEXT_NUMBER_LEN, "%.*g", precision, x);
        if (strtod(buf, NULL) == x) break; /* %.17g always reads back */
    }
    assert(n > 0 && n < TEXT_NUMBER_LEN);
    return (size_t)n;
}

/* ---------------------------------------------------------------- terminal */

bool text_term_is_control(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

/* The terminal form of the character at s: its bytes (or "?", or U+FFFD)
 * in *out, its length returned; *consumed gets the input bytes used. */
static size_t term_char(const char *s, const char **out, size_t *consumed) {
    int32_t cp = text_utf8_next(s, consumed);
    if (cp < 0) return *out = TEXT_UTF8_REPLACEMENT, sizeof TEXT_UTF8_REPLACEMENT - 1;
    if (text_term_is_control(cp)) return *out = "?", 1;
    *out = s;
    return *consumed;
}

void text_term_text(const char *src, char *dst, size_t len) {
    size_t used = 0;
    if (len == 0) return;
    while (src && *src) {
        const char *bytes;
        size_t consumed, n = term_char(src, &bytes, &consumed);
        if (used + n >= len) break;
        memcpy(dst + used, bytes, n);
        used += n;
        src += consumed;
    }
    dst[used] = '\0';
}

void text_term_puts(FILE *fp, const char *src) {
    while (src && *src) {
        const char *bytes;
        size_t consumed, n = term_char(src, &bytes, &consumed);
        fwrite(bytes, 1, n, fp);
        src += consumed;
    }
}
