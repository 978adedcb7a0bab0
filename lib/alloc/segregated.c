/* segregated.c: segregated fits, one free list per power-of-two size class. */
#include <config.h>

#include "asim.h"

/* Class k holds free blocks of min_block * 2^k up to twice that (class 0
 * also the smaller ones); each class is kept in --order. */
static unsigned seg_class(const struct osc_asim *h, uint64_t size)
{
	uint64_t q = size / h->par.min_block;
	unsigned k = 0;

	while (q > 1 && k < ASIM_LISTS - 1) {
		q >>= 1;
		k++;
	}
	return k;
}

static int seg_init(struct osc_asim *h, struct osc_error *err)
{
	(void)err;
	h->nlists = ASIM_LISTS;
	return OSC_OK;
}

static void seg_link(struct osc_asim *h, uint32_t b)
{
	asim_list_insert(h, seg_class(h, h->b[b].size), b, h->par.order);
}

/* A split remainder moves to its own class (the tail of the class list is
 * not its "place", so it is inserted by order there). */
static void seg_resized(struct osc_asim *h, uint32_t b)
{
	if (seg_class(h, h->b[b].size) != h->b[b].list) {
		asim_list_remove(h, b);
		seg_link(h, b);
	}
}

/* First fit in the request's class, then the head of the first non-empty
 * larger class (any block there fits). */
static uint32_t seg_fit(struct osc_asim *h, uint64_t need, uint64_t *searched)
{
	unsigned k = seg_class(h, need);
	uint32_t b;

	for (b = h->lists[k].head; b != ASIM_NIL; b = h->b[b].lnext) {
		++*searched;
		if (h->b[b].size >= need)
			return b;
	}
	for (k++; k < ASIM_LISTS; k++) {
		b = h->lists[k].head;
		if (b != ASIM_NIL) {
			++*searched;
			return b;
		}
	}
	return ASIM_NIL;
}

const struct osc_asim_ops asim_segregated = {
	.name = "segregated",
	.summary = "first fit in power-of-two size classes",
	.min_block = 16,
	.init = seg_init,
	.fit = seg_fit,
	.link = seg_link,
	.unlink = asim_list_remove,
	.resized = seg_resized,
};
