#include "idtab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a: ids are short, and a collision costs only a strcmp. */
static uint64_t hash_text(const char *s) {
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Spreads a number key over the table (ids of pairs are dense). */
static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

int idtab_init(idtab_t *t, size_t n) {
    memset(t, 0, sizeof *t);
    size_t cap = 16;
    while (cap < 2 * n + 2) cap *= 2;
    t->key = calloc(cap, sizeof *t->key);
    t->hash = calloc(cap, sizeof *t->hash);
    t->val = calloc(cap, sizeof *t->val);
    t->used = calloc(cap, 1);
    if (!t->key || !t->hash || !t->val || !t->used) {
        idtab_free(t);
        return -1;
    }
    t->cap = cap;
    return 0;
}

static bool same(const idtab_t *t, size_t i, const char *key, uint64_t h) {
    if (t->hash[i] != h) return false;
    if (!key || !t->key[i]) return key == t->key[i];
    return strcmp(t->key[i], key) == 0;
}

/* The slot holding (key, h), or the empty slot where it would go. */
static size_t slot(const idtab_t *t, const char *key, uint64_t h, uint64_t spread) {
    size_t i = (size_t)spread & (t->cap - 1);
    while (t->used[i] && !same(t, i, key, h)) i = (i + 1) & (t->cap - 1);
    return i;
}

static int add(idtab_t *t, const char *key, uint64_t h, uint64_t spread, uint32_t val,
               uint32_t *first) {
    if (t->cap == 0) return -1;
    size_t i = slot(t, key, h, spread);
    if (t->used[i]) {
        if (first) *first = t->val[i];
        return 1;
    }
    if (2 * (t->n + 1) > t->cap) return -1;
    t->used[i] = 1;
    t->key[i] = key;
    t->hash[i] = h;
    t->val[i] = val;
    t->n++;
    return 0;
}

int idtab_add(idtab_t *t, const char *key, uint32_t val, uint32_t *first) {
    uint64_t h = hash_text(key);
    return add(t, key, h, h, val, first);
}

int idtab_add_u64(idtab_t *t, uint64_t key, uint32_t val, uint32_t *first) {
    return add(t, NULL, key, mix(key), val, first);
}

long idtab_find(const idtab_t *t, const char *key) {
    if (t->cap == 0) return -1;
    uint64_t h = hash_text(key);
    size_t i = slot(t, key, h, h);
    return t->used[i] ? (long)t->val[i] : -1;
}

void idtab_free(idtab_t *t) {
    free(t->key);
    free(t->hash);
    free(t->val);
    free(t->used);
    memset(t, 0, sizeof *t);
}
