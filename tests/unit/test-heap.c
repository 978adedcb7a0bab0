/* test-heap.c: the binary heap pops items in (key, tie) order. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>

#include "osconcepts.h"
#include "tap.h"

static void check_empty(void)
{
	struct osc_pq h;
	struct osc_pq_item it = { 1, 2, 3 };

	osc_pq_init(&h);
	ok(osc_pq_peek(&h) == NULL, "empty heap: peek is NULL");
	ok(!osc_pq_pop(&h, &it), "empty heap: pop is false");
	ok(it.key == 1 && it.tie == 2 && it.val == 3,
	   "empty heap: pop leaves *out alone");
	osc_pq_free(&h);
}

/* Equal keys come out by tie, whatever the push order. */
static void check_ties(void)
{
	static const uint64_t ties[] = { 5, 1, 4, 2, 3, 0 };
	struct osc_pq h;
	struct osc_pq_item it;
	size_t i;
	int order_ok = 1;

	osc_pq_init(&h);
	for (i = 0; i < 6; i++)
		osc_pq_push(&h, 7, ties[i], 100 + ties[i]);
	osc_pq_push(&h, 8, 0, 999);
	osc_pq_push(&h, 6, 9, 998);
	ok(osc_pq_pop(&h, &it) && it.key == 6 && it.val == 998,
	   "smaller key first, whatever its tie");
	for (i = 0; i < 6; i++) {
		osc_pq_pop(&h, &it);
		order_ok &= it.key == 7 && it.tie == i && it.val == 100 + i;
	}
	ok(order_ok, "equal keys pop by tie: 0 1 2 3 4 5");
	ok(osc_pq_peek(&h) && osc_pq_peek(&h)->val == 999,
	   "peek shows the last item");
	ok(osc_pq_pop(&h, NULL), "pop into NULL drops the item");
	is_u64(h.len, 0, "heap empty after all pops");
	osc_pq_free(&h);
}

/* 100000 random items (keys from a small range, so many ties): the pops
 * are sorted by (key, tie) and carry their own val. */
static void check_random(void)
{
	enum { N = 100000 };
	struct osc_pq h;
	struct osc_pq_item it, prev = { 0, 0, 0 };
	struct osc_rng r;
	size_t i, sorted = 1, vals_ok = 1, n = 0;
	uint64_t key, tie;

	osc_pq_init(&h);
	osc_rng_seed(&r, 7);
	for (i = 0; i < N; i++) {
		key = osc_rng_below(&r, 1000);
		tie = osc_rng_next(&r);
		if (osc_pq_push(&h, key, tie, key ^ tie) != OSC_OK)
			break;
	}
	is_u64(h.len, N, "100000 pushes");
	while (osc_pq_pop(&h, &it)) {
		if (n && (it.key < prev.key ||
			  (it.key == prev.key && it.tie < prev.tie)))
			sorted = 0;
		vals_ok &= it.val == (it.key ^ it.tie);
		prev = it;
		n++;
	}
	is_u64(n, N, "100000 pops");
	ok(sorted, "pops sorted by (key, tie)");
	ok(vals_ok, "each item keeps its val");
	osc_pq_free(&h);
}

/* Interleaved pushes and pops keep the heap order (a simulator's event
 * queue does this). */
static void check_interleaved(void)
{
	struct osc_pq h;
	struct osc_pq_item it;
	struct osc_rng r;
	uint64_t now = 0;
	size_t i, in_order = 1;

	osc_pq_init(&h);
	osc_rng_seed(&r, 3);
	osc_pq_push(&h, 0, 0, 0);
	for (i = 1; i < 50000 && osc_pq_pop(&h, &it); i++) {
		in_order &= it.key >= now;
		now = it.key;
		osc_pq_push(&h, now + 1 + osc_rng_below(&r, 100), i, 0);
		if (i % 3 == 0)
			osc_pq_push(&h, now + osc_rng_below(&r, 50), i, 0);
	}
	ok(in_order, "event queue: times never go back");
	osc_pq_free(&h);
	ok(h.v == NULL && h.len == 0 && h.cap == 0, "free resets the heap");
}

int main(void)
{
	check_empty();
	check_ties();
	check_random();
	check_interleaved();
	return tap_done();
}
