/* mh-segregated.c: segregated fits for the real allocator: exact classes for small blocks, four per power of two above. */
#include <config.h>

#include "mheap.h"

/* Blocks of 32..1024 bytes have a class each (16-byte steps, 0..62);
 * larger ones share a class per quarter of a power of two (63 on). */
static unsigned seg_class(size_t size)
{
	unsigned b;

	if (size <= 1024)
		return (unsigned)(size / 16) - 2;
	b = 63 - (unsigned)__builtin_clzll(size);
	return 63 + (b - 10) * 4 + (unsigned)((size >> (b - 2)) & 3);
}

static void seg_insert(struct osc_heap *h, void *bp)
{
	mh_list_push(h, seg_class(mh_size(bp)), bp);
}

static void seg_remove(struct osc_heap *h, void *bp)
{
	mh_list_unlink(h, seg_class(mh_size(bp)), bp);
}

/* First fit in the request's class (LIFO order); otherwise the first block
 * of the next non-empty class, which is larger than any request of this
 * class. */
static void *seg_find(struct osc_heap *h, size_t asize)
{
	unsigned c = seg_class(asize);
	struct mh_free *f;

	for (f = h->lists[c]; f; f = f->next)
		if (mh_size(f) >= asize)
			return f;
	c = mh_list_next(h, c + 1);
	return c < MH_NCLS ? h->lists[c] : NULL;
}

const struct osc_heap_ops mh_segregated = {
	.name = "segregated", .find = seg_find, .insert = seg_insert,
	.remove = seg_remove, .list_of = seg_class,
};
