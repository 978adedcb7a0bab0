/* buddy.c: the binary buddy system: power-of-two blocks split in halves, merged with their buddies. */
#include <config.h>

#include "asim.h"

/* Free list k holds the free blocks of min_block << k bytes, by address. */
static unsigned buddy_order(const struct osc_asim *h, uint64_t size)
{
	unsigned k = 0;

	while ((h->par.min_block << k) < size)
		k++;
	return k;
}

static bool pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/* The heap is rounded down to a power of two, one free block at first. */
static int buddy_init(struct osc_asim *h, struct osc_error *err)
{
	uint64_t size = 1;

	if (!pow2(h->par.min_block))
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "buddy needs a power of two for --min-block, found %llu",
				     (unsigned long long)h->par.min_block);
	while (size <= h->heap_size / 2)
		size *= 2;
	if (size < h->par.min_block)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "buddy needs a heap of at least --min-block (%llu bytes)",
				     (unsigned long long)h->par.min_block);
	h->heap_size = size;
	h->b[h->top].size = size;
	h->nlists = buddy_order(h, size) + 1;
	return OSC_OK;
}

static void buddy_link(struct osc_asim *h, uint32_t b)
{
	asim_list_insert(h, buddy_order(h, h->b[b].size), b, OSC_ASIM_ADDR);
}

/* The lowest free block of the smallest order that fits, halved down to
 * the request's order; the upper halves become free.  searched counts the
 * free lists examined. */
static uint32_t buddy_alloc(struct osc_asim *h, uint64_t need,
			    uint64_t *searched)
{
	unsigned k = buddy_order(h, need), j;
	uint32_t b, u;

	for (j = k; j < h->nlists; j++) {
		++*searched;
		if (h->lists[j].head != ASIM_NIL)
			break;
	}
	if (j >= h->nlists)
		return ASIM_NIL;
	b = h->lists[j].head;
	asim_list_remove(h, b);
	h->b[b].free = 0;
	while (j > k) {
		j--;
		u = asim_split_high(h, b, h->par.min_block << j);
		h->b[u].free = 1;
		buddy_link(h, u);
	}
	return b;
}

/* Merge with the buddy while the buddy is free and whole. */
static void buddy_release(struct osc_asim *h, uint32_t b)
{
	uint64_t size;
	uint32_t o;

	h->b[b].free = 1;
	h->b[b].req = 0;
	while ((size = h->b[b].size) < h->heap_size) {
		if ((h->b[b].addr - h->par.base) & size) {
			o = h->b[b].prev;
			if (!h->b[o].free || h->b[o].size != size)
				break;
			asim_list_remove(h, o);
			asim_absorb(h, o, b);
			b = o;
		} else {
			o = h->b[b].next;
			if (!h->b[o].free || h->b[o].size != size)
				break;
			asim_list_remove(h, o);
			asim_absorb(h, b, o);
		}
	}
	buddy_link(h, b);
}

const struct osc_asim_ops asim_buddy = {
	.name = "buddy",
	.summary = "binary buddy system, power-of-two blocks",
	.min_block = 16,
	.init = buddy_init,
	.link = buddy_link,
	.unlink = asim_list_remove,
	.alloc = buddy_alloc,
	.release = buddy_release,
};
