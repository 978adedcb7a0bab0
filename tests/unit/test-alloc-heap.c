/* test-alloc-heap.c: the real allocators: invariants after every operation, payload patterns, a 10^6-operation stress. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

#define SLOTS 512

struct slot {
	unsigned char *p;
	size_t n;
	unsigned seed;
};

static unsigned char pat(unsigned seed, size_t i)
{
	return (unsigned char)(seed * 31u + i * 7u + (i >> 8));
}

/* Fill all of a payload, or its ends and a stride when `full` is false. */
static void fill(struct slot *s, bool full)
{
	size_t i, step = full ? 1 : 61;

	for (i = 0; i < s->n; i += step)
		s->p[i] = pat(s->seed, i);
	if (s->n)
		s->p[s->n - 1] = pat(s->seed, s->n - 1);
}

/* The bytes fill wrote, below upto. */
static bool intact(const struct slot *s, size_t upto, bool full)
{
	size_t i, step = full ? 1 : 61;

	for (i = 0; i < upto; i += step)
		if (s->p[i] != pat(s->seed, i))
			return false;
	return s->n == 0 || s->n > upto ||
		s->p[s->n - 1] == pat(s->seed, s->n - 1);
}

static size_t draw_size(struct osc_rng *r)
{
	switch (osc_rng_below(r, 8)) {
	case 0:
		return 1 + osc_rng_below(r, 16);
	case 1:
		return 1 + osc_rng_below(r, 20000);
	case 2:
		return (size_t)16 << osc_rng_below(r, 8);
	default:
		return 1 + osc_rng_below(r, 300);
	}
}

/* One random step on slot k: allocate, resize or free; false on a broken
 * pattern, alignment or a failed allocation. */
static bool step(struct osc_heap *h, struct osc_rng *r, struct slot *s,
		 bool full)
{
	size_t n, keep;
	unsigned char *q;

	if (!s->p) {
		s->n = draw_size(r);
		s->seed = (unsigned)osc_rng_next(r);
		if (!(s->p = osc_heap_malloc(h, s->n)))
			return false;
	} else if (osc_rng_below(r, 3) == 0) {
		n = draw_size(r);
		keep = n < s->n ? n : s->n;
		if (!(q = osc_heap_realloc(h, s->p, n)))
			return false;
		s->p = q;
		if (!intact(s, keep, full))
			return false;
		s->n = n;
	} else {
		if (!intact(s, s->n, full))
			return false;
		osc_heap_free(h, s->p);
		s->p = NULL;
		return true;
	}
	if (((uintptr_t)s->p & 15) || osc_heap_usable(h, s->p) < s->n)
		return false;
	fill(s, full);
	return true;
}

static void run(const char *pol, unsigned long ops, bool check_each,
		bool full)
{
	static struct slot slots[SLOTS];
	struct osc_heap *h = osc_heap_create(pol, 0);
	struct osc_error err;
	struct osc_rng r;
	unsigned long i;
	bool good = true, inv = true;
	size_t k;

	ok(h != NULL, "%s: created", pol);
	if (!h)
		return;
	memset(slots, 0, sizeof slots);
	osc_rng_seed(&r, 42);
	for (i = 0; i < ops && good; i++) {
		k = osc_rng_below(&r, SLOTS);
		good = step(h, &r, &slots[k], full);
		if (check_each && inv && osc_heap_check(h, &err) != OSC_OK) {
			printf("# %s op %lu: %s\n", pol, i, err.msg);
			inv = false;
		}
	}
	for (k = 0; k < SLOTS; k++)
		if (slots[k].p) {
			good = good && intact(&slots[k], slots[k].n, full);
			osc_heap_free(h, slots[k].p);
			slots[k].p = NULL;
		}
	ok(good, "%s: %lu ops, patterns and alignment hold", pol, ops);
	if (check_each)
		ok(inv, "%s: invariants after every op", pol);
	ok(osc_heap_check(h, &err) == OSC_OK, "%s: invariants at the end", pol);
	ok(osc_heap_peak(h) >= osc_heap_size(h), "%s: peak >= size", pol);
	osc_heap_destroy(h);
}

/* Everything freed: one free block (or the whole buddy arena). */
static void test_all_freed(const char *pol)
{
	struct osc_heap *h = osc_heap_create(pol, 0);
	void *p[100];
	int i;

	for (i = 0; i < 100; i++)
		p[i] = osc_heap_malloc(h, (size_t)(i * 37 % 500 + 1));
	for (i = 0; i < 100; i += 2)
		osc_heap_free(h, p[i]);
	for (i = 1; i < 100; i += 2)
		osc_heap_free(h, p[i]);
	ok(osc_heap_check(h, NULL) == OSC_OK, "%s: freed in any order", pol);
	p[0] = osc_heap_malloc(h, osc_heap_size(h) / 2);
	ok(p[0] != NULL, "%s: the merged space is reused", pol);
	osc_heap_destroy(h);
}

static void test_api(void)
{
	struct osc_heap *h = osc_heap_create("first", 0);
	char *p, *q;

	ok(osc_heap_create("nosuch", 0) == NULL, "unknown policy: NULL");
	p = osc_heap_malloc(h, 100);
	memset(p, 'x', 100);
	q = osc_heap_realloc(h, p, 40);
	ok(q == p && q[39] == 'x', "shrinking stays in place");
	q = osc_heap_realloc(h, p, 4000);
	ok(q == p && q[39] == 'x', "the last block grows at the top in place");
	ok(osc_heap_realloc(h, q, 0) == NULL, "realloc to 0 frees");
	p = osc_heap_realloc(h, NULL, 10);
	ok(p != NULL, "realloc of NULL allocates");
	osc_heap_free(h, NULL);
	ok(osc_heap_malloc(h, (size_t)1 << 40) == NULL,
	   "more than the reserve: NULL");
	ok(osc_heap_check(h, NULL) == OSC_OK, "still consistent");
	osc_heap_destroy(h);
}

int main(void)
{
	const struct osc_heap_ops *ops;
	size_t i;

	test_api();
	for (i = 0; (ops = osc_heap_policy(i)); i++) {
		run(osc_heap_name(ops), 20000, true, true);
		test_all_freed(osc_heap_name(ops));
	}
	for (i = 0; (ops = osc_heap_policy(i)); i++)
		run(osc_heap_name(ops), 1000000, false, false);
	return tap_done();
}
