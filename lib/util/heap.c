/* heap.c: a binary min-heap of (key, tie, val) items, ordered by key then tie. */
#include <config.h>

#include <stdlib.h>

#include "osconcepts.h"

#define HEAP_MIN_CAP 16

static bool heap_less(const struct osc_pq_item *a,
		      const struct osc_pq_item *b)
{
	return a->key < b->key || (a->key == b->key && a->tie < b->tie);
}

void osc_pq_init(struct osc_pq *h)
{
	h->v = NULL;
	h->len = h->cap = 0;
}

void osc_pq_free(struct osc_pq *h)
{
	free(h->v);
	osc_pq_init(h);
}

static int heap_grow(struct osc_pq *h)
{
	size_t cap = h->cap ? h->cap * 2 : HEAP_MIN_CAP;
	struct osc_pq_item *v;

	if (cap < h->cap || cap > SIZE_MAX / sizeof *v)
		return OSC_ENOMEM;
	v = realloc(h->v, cap * sizeof *v);
	if (!v)
		return OSC_ENOMEM;
	h->v = v;
	h->cap = cap;
	return OSC_OK;
}

int osc_pq_push(struct osc_pq *h, uint64_t key, uint64_t tie, uint64_t val)
{
	struct osc_pq_item it = { key, tie, val };
	size_t i, parent;

	if (h->len == h->cap && heap_grow(h) != OSC_OK)
		return OSC_ENOMEM;
	/* Sift the hole up, then drop the item into it. */
	for (i = h->len++; i > 0; i = parent) {
		parent = (i - 1) / 2;
		if (!heap_less(&it, &h->v[parent]))
			break;
		h->v[i] = h->v[parent];
	}
	h->v[i] = it;
	return OSC_OK;
}

const struct osc_pq_item *osc_pq_peek(const struct osc_pq *h)
{
	return h->len ? &h->v[0] : NULL;
}

bool osc_pq_pop(struct osc_pq *h, struct osc_pq_item *out)
{
	struct osc_pq_item last;
	size_t i, child, n;

	if (h->len == 0)
		return false;
	if (out)
		*out = h->v[0];
	n = --h->len;
	if (n == 0)
		return true;
	/* Sift the hole at the root down, then put the last item into it. */
	last = h->v[n];
	for (i = 0; (child = 2 * i + 1) < n; i = child) {
		if (child + 1 < n && heap_less(&h->v[child + 1], &h->v[child]))
			child++;
		if (!heap_less(&h->v[child], &last))
			break;
		h->v[i] = h->v[child];
	}
	h->v[i] = last;
	return true;
}
