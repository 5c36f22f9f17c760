/*
 * idtab.h - a hash table from ids (or 64-bit numbers) to indices, for the
 * loaders' duplicate checks and name lookups.
 *
 * A scenario may list up to 100,000 departments, items or links; checking
 * each against all earlier ones took 86 s for 40,000 departments.  With
 * this table a check or lookup is O(1) on average.  Keys are not copied:
 * they must outlive the table.
 */
#ifndef GOVSIM_IDTAB_H
#define GOVSIM_IDTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct idtab {
    size_t cap; /* a power of two, at least twice the entries */
    size_t n;
    const char **key; /* NULL for a number key                      */
    uint64_t *hash;   /* the key's hash, or the number itself        */
    uint32_t *val;
    unsigned char *used;
} idtab_t;

/* Room for up to n entries.  Returns 0, or -1 when out of memory (the
 * table is then empty but may be freed). */
int idtab_init(idtab_t *t, size_t n);

/* Adds key -> val.  Returns 0 when added, 1 when the key was there already
 * (its value in *first, nothing changed), -1 when the table is full. */
int idtab_add(idtab_t *t, const char *key, uint32_t val, uint32_t *first);
int idtab_add_u64(idtab_t *t, uint64_t key, uint32_t val, uint32_t *first);

/* The value of key, or -1 when absent. */
long idtab_find(const idtab_t *t, const char *key);

void idtab_free(idtab_t *t);

#endif
