/* out_json.c - see out_json.h. */
#include "out_json.h"

#include <assert.h>
#include <math.h>

#include "text.h"

void out_json_init(out_json_t *j, FILE *fp, int indent) {
    assert(j != NULL && fp != NULL && indent >= 0 && indent <= 8);
    *j = (out_json_t){.fp = fp, .indent = indent};
}

static void newline_indent(const out_json_t *j, int level) {
    if (j->indent == 0) return;
    putc('\n', j->fp);
    for (int i = 0; i < level * j->indent; i++) putc(' ', j->fp);
}

/* Start a new item of the innermost container: a comma after the previous
 * one, then the item's own line. */
static void next_item(out_json_t *j) {
    int top = j->depth - 1;
    if (j->has_items[top]) putc(',', j->fp);
    j->has_items[top] = true;
    newline_indent(j, j->depth);
}

/* Where a value may go: as the document, in an array, or after a key. */
static void before_value(out_json_t *j) {
    assert(!j->complete && "a second top-level value before out_json_finish");
    if (j->depth == 0) return;
    if (j->is_object[j->depth - 1]) {
        assert(j->want_value && "a value in an object without its key");
        j->want_value = false;
    } else {
        next_item(j);
    }
}

static void after_value(out_json_t *j) {
    if (j->depth == 0) j->complete = true;
}

static void begin(out_json_t *j, bool is_object) {
    before_value(j);
    assert(j->depth < OUT_JSON_MAX_DEPTH && "JSON nested too deep");
    putc(is_object ? '{' : '[', j->fp);
    j->is_object[j->depth] = is_object;
    j->has_items[j->depth] = false;
    j->depth++;
}

/* Close the innermost container; an empty one closes on its own line. */
static void end(out_json_t *j, bool is_object) {
    assert(j->depth > 0 && "end without a matching begin");
    assert(j->is_object[j->depth - 1] == is_object && "end does not match the open container");
    assert(!j->want_value && "a key without its value");
    j->depth--;
    if (j->has_items[j->depth]) newline_indent(j, j->depth);
    putc(is_object ? '}' : ']', j->fp);
    after_value(j);
}

void out_json_begin_object(out_json_t *j) { begin(j, true); }
void out_json_end_object(out_json_t *j) { end(j, true); }
void out_json_begin_array(out_json_t *j) { begin(j, false); }
void out_json_end_array(out_json_t *j) { end(j, false); }

void out_json_key(out_json_t *j, const char *key) {
    assert(j->depth > 0 && j->is_object[j->depth - 1] && "a key outside an object");
    assert(!j->want_value && "two keys in a row");
    next_item(j);
    text_json_string(j->fp, key);
    fputs(j->indent > 0 ? ": " : ":", j->fp);
    j->want_value = true;
}

void out_json_str(out_json_t *j, const char *s) {
    before_value(j);
    text_json_string(j->fp, s);
    after_value(j);
}

void out_json_number(out_json_t *j, double x) {
    before_value(j);
    if (isfinite(x)) {
        char buf[TEXT_NUMBER_LEN];
        size_t n = text_format_number(buf, x);
        fwrite(buf, 1, n, j->fp);
    } else {
        fputs("null", j->fp);
    }
    after_value(j);
}

void out_json_bool(out_json_t *j, bool b) {
    before_value(j);
    fputs(b ? "true" : "false", j->fp);
    after_value(j);
}

void out_json_null(out_json_t *j) {
    before_value(j);
    fputs("null", j->fp);
    after_value(j);
}

void out_json_finish(out_json_t *j) {
    assert(j->complete && j->depth == 0 && "the document is not complete");
    putc('\n', j->fp);
    j->complete = false;
}
