/*
 * out_json.h - a small streaming JSON writer.
 *
 * The writer keeps just enough state to put commas, colons, newlines and
 * indentation where they belong: the kind of each open container and
 * whether it has items yet.  No allocation (nesting is bounded by
 * OUT_JSON_MAX_DEPTH), no tree in memory: summary.json is written as the
 * results are walked.
 *
 *     out_json_t j;
 *     out_json_init(&j, fp, 2);
 *     out_json_begin_object(&j);
 *     out_json_key(&j, "scenario");  out_json_str(&j, "xuzhou");
 *     out_json_key(&j, "kpis");      out_json_begin_array(&j);
 *     out_json_number(&j, 1.5);      out_json_null(&j);
 *     out_json_end_array(&j);
 *     out_json_end_object(&j);
 *     out_json_finish(&j);
 *
 * gives
 *
 *     {
 *       "scenario": "xuzhou",
 *       "kpis": [
 *         1.5,
 *         null
 *       ]
 *     }
 *
 * With indent 0 the same document is one line without spaces:
 * {"scenario":"xuzhou","kpis":[1.5,null]}.  Empty containers are {} and [].
 * (The value writer for strings is out_json_str: text_json_string, the
 * plain escaper it uses, is in text.h.)
 *
 * Misuse is a bug in the caller and fails an assert: a key outside an
 * object, a value in an object without its key, two keys in a row, an end
 * that does not match the open container, a second top-level value before
 * out_json_finish, nesting deeper than OUT_JSON_MAX_DEPTH.  Numbers that
 * JSON cannot hold (NaN, infinities) are written as null.  Write errors
 * surface through the stream (out_file_commit checks it).
 */
#ifndef GOVSIM_OUT_JSON_H
#define GOVSIM_OUT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define OUT_JSON_MAX_DEPTH 32

typedef struct out_json {
    FILE *fp;
    int indent;                         /* spaces per level; 0 = compact */
    int depth;                          /* containers open                */
    bool is_object[OUT_JSON_MAX_DEPTH]; /* per open level: {} or []       */
    bool has_items[OUT_JSON_MAX_DEPTH]; /* per open level: comma needed   */
    bool want_value;                    /* a key waits for its value      */
    bool complete;                      /* the top-level value is closed  */
} out_json_t;

/* A writer onto fp, indenting by `indent` spaces per level (0 to 8). */
void out_json_init(out_json_t *j, FILE *fp, int indent);

void out_json_begin_object(out_json_t *j);
void out_json_end_object(out_json_t *j);
void out_json_begin_array(out_json_t *j);
void out_json_end_array(out_json_t *j);

/* The name of the next member of the innermost object. */
void out_json_key(out_json_t *j, const char *key);

/* Values: in an array, or after a key, or as the whole document. */
void out_json_str(out_json_t *j, const char *s);
void out_json_number(out_json_t *j, double x);
void out_json_bool(out_json_t *j, bool b);
void out_json_null(out_json_t *j);

/* End the document (the top-level value must be complete) with a newline.
 * The writer may then write another document after it (JSON Lines when
 * indent is 0). */
void out_json_finish(out_json_t *j);

#endif
