/* mh-buddy.c: the binary buddy system on real memory: power-of-two blocks, a 16-byte header each. */
#include <config.h>

#include "mheap.h"

/*
 * A block of order k is 2^k bytes at an offset from the arena base that is
 * a multiple of 2^k; its first word holds k << 1 | in-use, and the payload
 * starts 16 bytes in.  Free list k holds the free blocks of order k.  The
 * arena in use is 2^order bytes and doubles when nothing fits: the new
 * upper half is freed like any block, so it merges with a free old half.
 */
#define BD_HDR 16
#define BD_MIN_ORDER 5
#define BD_MAX_ORDER 46
#define BD_START_ORDER 12

static size_t *bd_word(const void *blk)
{
	return (size_t *)(void *)blk;
}

static void *bd_block(const struct osc_heap *h, size_t off)
{
	return h->base + off;
}

static void bd_insert(struct osc_heap *h, char *blk, unsigned k)
{
	*bd_word(blk) = (size_t)k << 1;
	mh_list_push(h, k, blk + BD_HDR);
}

/* Free the block at blk of order k, merging with free buddies. */
static void bd_release(struct osc_heap *h, char *blk, unsigned k)
{
	size_t off = (size_t)(blk - h->base);
	char *b;

	while (k < h->order) {
		b = bd_block(h, off ^ ((size_t)1 << k));
		if (*bd_word(b) != (size_t)k << 1)
			break;
		mh_list_unlink(h, k, b + BD_HDR);
		off &= ~((size_t)1 << k);
		k++;
	}
	bd_insert(h, bd_block(h, off), k);
}

static int bd_init(struct osc_heap *h)
{
	if (!mh_commit(h, (size_t)1 << BD_START_ORDER))
		return -1;
	h->order = BD_START_ORDER;
	h->top = (size_t)1 << BD_START_ORDER;
	bd_insert(h, h->base, BD_START_ORDER);
	return 0;
}

/* Double the arena; false when the reserve is exhausted. */
static bool bd_double(struct osc_heap *h)
{
	unsigned k = h->order;

	if (k >= BD_MAX_ORDER || !mh_commit(h, (size_t)2 << k))
		return false;
	h->order = k + 1;
	h->top = (size_t)2 << k;
	bd_release(h, bd_block(h, (size_t)1 << k), k);
	return true;
}

static void *bd_malloc(struct osc_heap *h, size_t n)
{
	unsigned k = BD_MIN_ORDER, j;
	char *blk;

	if (n > ((size_t)1 << BD_MAX_ORDER) - BD_HDR)
		return NULL;
	while (((size_t)1 << k) < n + BD_HDR)
		k++;
	while ((j = mh_list_next(h, k)) > h->order)
		if (!bd_double(h))
			return NULL;
	blk = (char *)h->lists[j] - BD_HDR;
	mh_list_unlink(h, j, blk + BD_HDR);
	while (j > k) {
		j--;
		bd_insert(h, blk + ((size_t)1 << j), j);
	}
	*bd_word(blk) = (size_t)k << 1 | 1;
	return blk + BD_HDR;
}

static void bd_free(struct osc_heap *h, void *p)
{
	char *blk = (char *)p - BD_HDR;

	bd_release(h, blk, (unsigned)(*bd_word(blk) >> 1));
}

static size_t bd_usable(const struct osc_heap *h, const void *p)
{
	(void)h;
	return ((size_t)1 << (*bd_word((const char *)p - BD_HDR) >> 1)) - BD_HDR;
}

/* In place when the block already holds n bytes; otherwise moved. */
static void *bd_realloc(struct osc_heap *h, void *p, size_t n)
{
	size_t have = bd_usable(h, p);
	void *q;

	if (n <= have)
		return p;
	if (!(q = bd_malloc(h, n)))
		return NULL;
	memcpy(q, p, have);
	bd_free(h, p);
	return q;
}

/* Blocks tile the arena; lists hold exactly the free blocks; no two free
 * buddies of the same order. */
static int bd_check(const struct osc_heap *h, struct osc_error *err)
{
	size_t off = 0, nfree = 0, listed = 0, w;
	unsigned k, l;
	struct mh_free *f;

	while (off < h->top) {
		w = *bd_word(h->base + off);
		k = (unsigned)(w >> 1);
		if (k < BD_MIN_ORDER || k > h->order || off % ((size_t)1 << k))
			return osc_error_set(err, OSC_EINTERNAL, NULL, 0,
					     "buddy block at %zu has order %u", off, k);
		if (!(w & 1)) {
			nfree++;
			if (k < h->order &&
			    *bd_word(h->base + (off ^ ((size_t)1 << k))) == w)
				return osc_error_set(err, OSC_EINTERNAL, NULL, 0,
						     "free buddies at %zu not merged", off);
		}
		off += (size_t)1 << k;
	}
	for (l = 0; l < MH_NCLS; l++)
		for (f = h->lists[l]; f; f = f->next) {
			if (*bd_word((char *)f - BD_HDR) != (size_t)l << 1)
				return osc_error_set(err, OSC_EINTERNAL, NULL, 0,
						     "list %u holds a wrong block", l);
			listed++;
		}
	if (off != h->top || listed != nfree)
		return osc_error_set(err, OSC_EINTERNAL, NULL, 0,
				     "%zu free blocks, %zu listed", nfree, listed);
	return OSC_OK;
}

const struct osc_heap_ops mh_buddy = {
	.name = "buddy", .init = bd_init, .malloc = bd_malloc,
	.free = bd_free, .realloc = bd_realloc, .usable = bd_usable,
	.check = bd_check,
};
