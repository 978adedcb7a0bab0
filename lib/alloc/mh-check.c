/* mh-check.c: invariants of the real allocators' boundary-tag heaps, for tests. */
#include <config.h>

#include "mheap.h"

#define BROKEN(...) osc_error_set(err, OSC_EINTERNAL, NULL, 0, __VA_ARGS__)

/* Every block from the first to the epilogue: sizes, alignment, tags. */
static int check_blocks(const struct osc_heap *h, size_t *nfree,
			struct osc_error *err)
{
	char *bp = h->base + 16, *end = h->base + h->top;
	size_t size, w;
	bool prev_alloc = true;

	*nfree = 0;
	for (; (size = mh_size(bp)) != 0; bp += size) {
		w = *mh_hdr(bp);
		if (size < MH_MIN || bp + size > end ||
		    ((uintptr_t)bp & (MH_ALIGN - 1)))
			return BROKEN("bad block at offset %zu",
				      (size_t)(bp - h->base));
		if (!!(w & MH_PALLOC) != prev_alloc)
			return BROKEN("wrong previous-in-use bit at offset %zu",
				      (size_t)(bp - h->base));
		if (!(w & MH_ALLOC)) {
			if (!prev_alloc)
				return BROKEN("two free blocks touch at offset %zu",
					      (size_t)(bp - h->base));
			if (*(size_t *)(void *)(bp + size - 16) != size)
				return BROKEN("footer disagrees at offset %zu",
					      (size_t)(bp - h->base));
			++*nfree;
		}
		prev_alloc = w & MH_ALLOC;
	}
	if (bp != end || !!(*mh_hdr(bp) & MH_PALLOC) != prev_alloc)
		return BROKEN("the epilogue is not at the top");
	return OSC_OK;
}

int osc_heap_check(const struct osc_heap *h, struct osc_error *err)
{
	size_t nfree, listed = 0;
	struct mh_free *f;
	unsigned l;
	int rc;

	if (h->ops->check)
		return h->ops->check(h, err);
	if ((rc = check_blocks(h, &nfree, err)) != OSC_OK)
		return rc;
	for (l = 0; l < MH_NCLS; l++) {
		if (!h->lists[l] != !(h->map[l / 64] & (UINT64_C(1) << (l % 64))))
			return BROKEN("bitmap disagrees for list %u", l);
		for (f = h->lists[l]; f; f = f->next) {
			if ((*mh_hdr(f) & MH_ALLOC) || h->ops->list_of(mh_size(f)) != l ||
			    (f->next && f->next->prev != f))
				return BROKEN("list %u holds a wrong block", l);
			if (++listed > nfree)
				return BROKEN("more blocks listed than free");
		}
	}
	if (listed != nfree)
		return BROKEN("%zu free blocks, %zu listed", nfree, listed);
	return OSC_OK;
}
