/* mh-lists.c: free lists of the real allocators: first, next and best fit over one LIFO list. */
#include <config.h>

#include "mheap.h"

void mh_list_push(struct osc_heap *h, unsigned l, void *bp)
{
	struct mh_free *f = bp;

	f->prev = NULL;
	f->next = h->lists[l];
	if (f->next)
		f->next->prev = f;
	h->lists[l] = f;
	h->map[l / 64] |= UINT64_C(1) << (l % 64);
}

void mh_list_unlink(struct osc_heap *h, unsigned l, void *bp)
{
	struct mh_free *f = bp;

	if (h->rover == f)
		h->rover = f->next;
	if (f->prev)
		f->prev->next = f->next;
	else
		h->lists[l] = f->next;
	if (f->next)
		f->next->prev = f->prev;
	if (!h->lists[l])
		h->map[l / 64] &= ~(UINT64_C(1) << (l % 64));
}

unsigned mh_list_next(const struct osc_heap *h, unsigned l)
{
	unsigned w = l / 64;
	uint64_t m;

	if (l >= MH_NCLS)
		return MH_NCLS;
	m = h->map[w] & (~UINT64_C(0) << (l % 64));
	while (!m) {
		if (++w >= MH_NCLS / 64)
			return MH_NCLS;
		m = h->map[w];
	}
	return w * 64 + (unsigned)__builtin_ctzll(m);
}

static void one_insert(struct osc_heap *h, void *bp)
{
	mh_list_push(h, 0, bp);
}

static void one_remove(struct osc_heap *h, void *bp)
{
	mh_list_unlink(h, 0, bp);
}

static unsigned one_list_of(size_t size)
{
	(void)size;
	return 0;
}

static void *first_find(struct osc_heap *h, size_t asize)
{
	struct mh_free *f;

	for (f = h->lists[0]; f; f = f->next)
		if (mh_size(f) >= asize)
			return f;
	return NULL;
}

/* Resume at the rover (the block the last search chose, or the one after
 * it when it left the list), wrapping once around the list. */
static void *next_find(struct osc_heap *h, size_t asize)
{
	struct mh_free *start = h->rover ? h->rover : h->lists[0], *f = start;

	if (!f)
		return NULL;
	do {
		if (mh_size(f) >= asize) {
			h->rover = f;
			return f;
		}
		f = f->next ? f->next : h->lists[0];
	} while (f != start);
	return NULL;
}

static void *best_find(struct osc_heap *h, size_t asize)
{
	struct mh_free *f, *best = NULL;
	size_t s, bs = SIZE_MAX;

	for (f = h->lists[0]; f; f = f->next) {
		s = mh_size(f);
		if (s >= asize && s < bs) {
			best = f;
			bs = s;
			if (s == asize)
				break;
		}
	}
	return best;
}

const struct osc_heap_ops mh_first = {
	.name = "first", .find = first_find, .insert = one_insert,
	.remove = one_remove, .list_of = one_list_of,
};

const struct osc_heap_ops mh_nextfit = {
	.name = "next", .find = next_find, .insert = one_insert,
	.remove = one_remove, .list_of = one_list_of,
};

const struct osc_heap_ops mh_best = {
	.name = "best", .find = best_find, .insert = one_insert,
	.remove = one_remove, .list_of = one_list_of,
};
