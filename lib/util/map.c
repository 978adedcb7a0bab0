/* map.c: a uint64_t -> uint64_t hash map, open addressing with linear probing. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

/*
 * Empty slots hold MAP_EMPTY in keys[]; the key MAP_EMPTY itself lives
 * outside the table (has_special, special_val).  Deletion shifts the
 * following entries of the cluster back (Knuth 6.4, algorithm R), so there
 * are no tombstones and lookups never slow down after many deletions.
 * keys and vals share one allocation: keys first, then vals.
 */
#define MAP_EMPTY UINT64_MAX
#define MAP_MIN_CAP 16

/* The finaliser of MurmurHash3 (fmix64): every input bit affects every
 * output bit, so sequential or strided keys spread over the table. */
static size_t map_hash(uint64_t k, size_t mask)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdu;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53u;
	k ^= k >> 33;
	return (size_t)k & mask;
}

/* Slots for n keys at a load factor of at most 1/2; 0 on overflow. */
static size_t map_cap_for(size_t n)
{
	size_t cap = MAP_MIN_CAP;

	while (cap / 2 < n) {
		if (cap > SIZE_MAX / 2 / (2 * sizeof(uint64_t)))
			return 0;
		cap *= 2;
	}
	return cap;
}

/* Rehash into a table of cap slots; on failure the map is unchanged. */
static int map_resize(struct osc_map *m, size_t cap)
{
	uint64_t *keys = malloc(cap * 2 * sizeof *keys), *vals;
	size_t i, j, mask = cap - 1;

	if (!keys)
		return OSC_ENOMEM;
	vals = keys + cap;
	memset(keys, 0xff, cap * sizeof *keys);
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == MAP_EMPTY)
			continue;
		for (j = map_hash(m->keys[i], mask); keys[j] != MAP_EMPTY;
		     j = (j + 1) & mask)
			;
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return OSC_OK;
}

int osc_map_init(struct osc_map *m, size_t expected)
{
	size_t cap;

	memset(m, 0, sizeof *m);
	if (expected == 0)
		return OSC_OK;
	cap = map_cap_for(expected);
	if (cap == 0)
		return OSC_ENOMEM;
	return map_resize(m, cap);
}

void osc_map_free(struct osc_map *m)
{
	free(m->keys);
	memset(m, 0, sizeof *m);
}

/* The slot holding key, or the empty slot ending its cluster. */
static size_t map_find(const struct osc_map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i = map_hash(key, mask);

	while (m->keys[i] != key && m->keys[i] != MAP_EMPTY)
		i = (i + 1) & mask;
	return i;
}

uint64_t *osc_map_get(struct osc_map *m, uint64_t key)
{
	size_t i;

	if (key == MAP_EMPTY)
		return m->has_special ? &m->special_val : NULL;
	if (m->cap == 0)
		return NULL;
	i = map_find(m, key);
	return m->keys[i] == key ? &m->vals[i] : NULL;
}

static uint64_t *map_upsert_special(struct osc_map *m, bool *created)
{
	if (created)
		*created = !m->has_special;
	if (!m->has_special) {
		m->has_special = true;
		m->special_val = 0;
		m->len++;
	}
	return &m->special_val;
}

uint64_t *osc_map_upsert(struct osc_map *m, uint64_t key, bool *created)
{
	size_t i, cap, in_table;

	if (key == MAP_EMPTY)
		return map_upsert_special(m, created);
	if (m->cap) {
		i = map_find(m, key);
		if (m->keys[i] == key) {
			if (created)
				*created = false;
			return &m->vals[i];
		}
	}
	in_table = m->len - m->has_special;
	if ((in_table + 1) > m->cap / 2) {
		cap = map_cap_for(in_table + 1);
		if (cap == 0 || map_resize(m, cap) != OSC_OK)
			return NULL;
	}
	i = map_find(m, key);
	m->keys[i] = key;
	m->vals[i] = 0;
	m->len++;
	if (created)
		*created = true;
	return &m->vals[i];
}

int osc_map_put(struct osc_map *m, uint64_t key, uint64_t val)
{
	uint64_t *v = osc_map_upsert(m, key, NULL);

	if (!v)
		return OSC_ENOMEM;
	*v = val;
	return OSC_OK;
}

/* Empty slot `hole` and pull back every later entry of the cluster whose
 * home slot lies cyclically at or before the hole. */
static void map_backshift(struct osc_map *m, size_t hole)
{
	size_t mask = m->cap - 1, j = hole, home;

	for (;;) {
		j = (j + 1) & mask;
		if (m->keys[j] == MAP_EMPTY)
			break;
		home = map_hash(m->keys[j], mask);
		/* Movable when its probe distance reaches back to the hole. */
		if (((j - home) & mask) < ((j - hole) & mask))
			continue;
		m->keys[hole] = m->keys[j];
		m->vals[hole] = m->vals[j];
		hole = j;
	}
	m->keys[hole] = MAP_EMPTY;
}

bool osc_map_del(struct osc_map *m, uint64_t key)
{
	size_t i;

	if (key == MAP_EMPTY) {
		if (!m->has_special)
			return false;
		m->has_special = false;
		m->len--;
		return true;
	}
	if (m->cap == 0)
		return false;
	i = map_find(m, key);
	if (m->keys[i] != key)
		return false;
	map_backshift(m, i);
	m->len--;
	return true;
}

/* Slots 0 .. cap-1 in order, then the special key at position cap. */
bool osc_map_next(const struct osc_map *m, size_t *it, uint64_t *key,
		  uint64_t *val)
{
	size_t i;

	while (*it < m->cap) {
		i = (*it)++;
		if (m->keys[i] != MAP_EMPTY) {
			*key = m->keys[i];
			*val = m->vals[i];
			return true;
		}
	}
	if (*it == m->cap) {
		(*it)++;
		if (m->has_special) {
			*key = MAP_EMPTY;
			*val = m->special_val;
			return true;
		}
	}
	return false;
}
