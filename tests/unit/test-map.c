/* test-map.c: the u64 hash map against a sorted reference array. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>

#include "osconcepts.h"
#include "tap.h"

struct kv {
	uint64_t key, val;
};

static int kv_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct kv *)a)->key, y = ((const struct kv *)b)->key;

	return x < y ? -1 : x > y;
}

static struct kv *ref_find(struct kv *ref, size_t n, uint64_t key)
{
	struct kv k = { key, 0 };

	return bsearch(&k, ref, n, sizeof *ref, kv_cmp);
}

static void check_basic(void)
{
	static const uint64_t keys[] = { 0, 1, UINT64_MAX, UINT64_MAX - 1, 16 };
	struct osc_map m;
	uint64_t *v, k, val;
	size_t i, it = 0, seen = 0;
	bool created;

	is_u64(osc_map_init(&m, 0), OSC_OK, "init with 0 expected keys");
	ok(osc_map_get(&m, 0) == NULL && osc_map_get(&m, UINT64_MAX) == NULL,
	   "an empty map has neither 0 nor 2^64-1");
	ok(!osc_map_del(&m, 5) && !osc_map_del(&m, UINT64_MAX),
	   "deleting from an empty map finds nothing");
	for (i = 0; i < 5; i++)
		osc_map_put(&m, keys[i], 100 + i);
	is_u64(m.len, 5, "five keys stored, 2^64-1 included");
	for (i = 0; i < 5; i++) {
		v = osc_map_get(&m, keys[i]);
		ok(v && *v == 100 + i, "get key %llu", (unsigned long long)keys[i]);
	}
	osc_map_put(&m, 0, 7);
	osc_map_put(&m, UINT64_MAX, 8);
	ok(*osc_map_get(&m, 0) == 7 && *osc_map_get(&m, UINT64_MAX) == 8,
	   "put overwrites, for 0 and 2^64-1 too");
	is_u64(m.len, 5, "overwriting adds no key");
	v = osc_map_upsert(&m, 42, &created);
	ok(v && created && *v == 0, "upsert of a new key: created, value 0");
	*v = 9;
	v = osc_map_upsert(&m, 42, &created);
	ok(v && !created && *v == 9, "upsert of a present key: its value");
	v = osc_map_upsert(&m, UINT64_MAX, &created);
	ok(v && !created && *v == 8, "upsert of a present 2^64-1");
	while (osc_map_next(&m, &it, &k, &val))
		seen++;
	is_u64(seen, 6, "iteration visits all six keys, 2^64-1 included");
	ok(osc_map_del(&m, UINT64_MAX) && osc_map_get(&m, UINT64_MAX) == NULL,
	   "delete 2^64-1");
	ok(!osc_map_del(&m, UINT64_MAX), "delete 2^64-1 twice: not there");
	ok(osc_map_del(&m, 0) && osc_map_get(&m, 0) == NULL, "delete 0");
	ok(osc_map_get(&m, 1) && osc_map_get(&m, UINT64_MAX - 1) &&
	   osc_map_get(&m, 16) && osc_map_get(&m, 42), "the others remain");
	is_u64(m.len, 4, "four keys left");
	osc_map_free(&m);
	ok(m.keys == NULL && m.cap == 0 && m.len == 0, "free resets the map");
	is_u64(osc_map_init(&m, SIZE_MAX), OSC_ENOMEM,
	       "init for SIZE_MAX keys: out of memory, not a crash");
	ok(m.cap == 0 && osc_map_put(&m, 3, 4) == OSC_OK &&
	   *osc_map_get(&m, 3) == 4, "... and the map is still usable");
	osc_map_free(&m);
}

/* The map's hash (fmix64), copied to build keys that collide on purpose. */
static size_t home(uint64_t k, size_t mask)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdu;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53u;
	k ^= k >> 33;
	return (size_t)k & mask;
}

/*
 * Backward-shift deletion: a cluster of keys that share home slots near
 * the end of a 16-slot table, so probes wrap around to slot 0.  Deleting
 * them one by one in every rotation of the order must leave each remaining
 * key findable and no slot orphaned.
 */
static void check_backshift(void)
{
	uint64_t k[7], c;
	size_t n = 0, i, j, rot, lost = 0, bad_len = 0;
	struct osc_map m;

	for (c = 1; n < 7; c++) {
		size_t h = home(c, 15);
		if ((h == 14 && n < 3) || (h == 15 && n >= 3 && n < 5) ||
		    (h == 0 && n >= 5))
			k[n++] = c;
	}
	for (rot = 0; rot < 7; rot++) {
		osc_map_init(&m, 0);
		for (i = 0; i < 7; i++)
			osc_map_put(&m, k[i], k[i] * 3);
		bad_len += m.cap != 16;
		for (i = 0; i < 7; i++) {
			osc_map_del(&m, k[(rot + i * 3) % 7]);
			for (j = i + 1; j < 7; j++) {
				uint64_t *v = osc_map_get(&m, k[(rot + j * 3) % 7]);
				lost += !v || *v != k[(rot + j * 3) % 7] * 3;
			}
		}
		bad_len += m.len != 0;
		for (i = 0; i < m.cap; i++)
			bad_len += m.keys[i] != UINT64_MAX;
		osc_map_free(&m);
	}
	ok(bad_len == 0, "a wrapping cluster in a 16-slot table empties fully");
	ok(lost == 0, "deleting from a wrapping cluster keeps the rest findable");
}

/* 1M random keys (with repeats) against a sorted, deduplicated copy. */
static void check_random(void)
{
	enum { N = 1000000 };
	struct kv *ref = malloc(N * sizeof *ref);
	unsigned char *seen = calloc(N, 1);
	struct osc_map m;
	struct osc_rng r;
	size_t i, n, wrong = 0, twice = 0, foreign = 0, it = 0, cnt = 0;
	struct kv *p;
	uint64_t k, v, *pv;

	if (!ref || !seen)
		abort();
	osc_rng_seed(&r, 11);
	osc_map_init(&m, 0);
	for (i = 0; i < N; i++) {
		/* A quarter of the keys from a small range, so repeats
		 * (overwrites) happen; a few are 0 or 2^64-1. */
		k = i % 4 ? osc_rng_next(&r) : osc_rng_below(&r, 100000);
		if (i % 100000 == 1)
			k = i % 200000 == 1 ? 0 : UINT64_MAX;
		ref[i].key = k;
		ref[i].val = i;
		if (osc_map_put(&m, k, i) != OSC_OK)
			abort();
	}
	/* Deduplicate: the last put of a key (the largest val) wins. */
	qsort(ref, N, sizeof *ref, kv_cmp);
	for (i = n = 0; i < N; i++) {
		if (n && ref[n - 1].key == ref[i].key) {
			if (ref[i].val > ref[n - 1].val)
				ref[n - 1].val = ref[i].val;
			continue;
		}
		ref[n++] = ref[i];
	}
	is_u64(m.len, n, "1M puts: len is the number of distinct keys (%zu)", n);
	for (i = 0; i < n; i++) {
		pv = osc_map_get(&m, ref[i].key);
		wrong += !pv || *pv != ref[i].val;
	}
	is_u64(wrong, 0, "every key maps to its last value");
	for (i = 0; i < 100000; i++) {
		k = osc_rng_next(&r);
		foreign += !ref_find(ref, n, k) && osc_map_get(&m, k) != NULL;
	}
	is_u64(foreign, 0, "absent keys are not found");
	foreign = 0;
	while (osc_map_next(&m, &it, &k, &v)) {
		p = ref_find(ref, n, k);
		if (!p || p->val != v) {
			foreign++;
			continue;
		}
		twice += seen[p - ref]++ != 0;
		cnt++;
	}
	ok(cnt == n && twice == 0 && foreign == 0,
	   "iteration sees every key once with its value");

	/* Delete every other key; the rest stay, the deleted are gone. */
	wrong = 0;
	for (i = 0; i < n; i += 2)
		wrong += !osc_map_del(&m, ref[i].key);
	is_u64(wrong, 0, "deleting half the keys finds each");
	is_u64(m.len, n / 2, "len after deletions");
	for (i = 0; i < n; i++) {
		pv = osc_map_get(&m, ref[i].key);
		wrong += i % 2 ? !pv || *pv != ref[i].val : pv != NULL;
	}
	is_u64(wrong, 0, "after deletions: kept keys found, deleted ones not");
	for (i = 0; i < n; i += 2)
		osc_map_put(&m, ref[i].key, ref[i].val);
	for (i = 0; i < n; i++) {
		pv = osc_map_get(&m, ref[i].key);
		wrong += !pv || *pv != ref[i].val;
	}
	is_u64(wrong, 0, "re-inserting the deleted keys restores the map");
	ok(m.cap >= 2 * m.len && (m.cap & (m.cap - 1)) == 0,
	   "capacity a power of two, load factor at most 1/2");
	osc_map_free(&m);
	free(ref);
	free(seen);
}

int main(void)
{
	check_basic();
	check_backshift();
	check_random();
	return tap_done();
}
