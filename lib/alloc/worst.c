/* worst.c: worst fit, the largest free block, if it is large enough. */
#include <config.h>

#include "asim.h"

/* The whole list is examined; ties go to the first in list order. */
static uint32_t worst_fit(struct osc_asim *h, uint64_t need,
			  uint64_t *searched)
{
	uint32_t b, big = ASIM_NIL;

	for (b = h->lists[0].head; b != ASIM_NIL; b = h->b[b].lnext) {
		++*searched;
		if (big == ASIM_NIL || h->b[b].size > h->b[big].size)
			big = b;
	}
	if (big != ASIM_NIL && h->b[big].size < need)
		return ASIM_NIL;
	return big;
}

const struct osc_asim_ops asim_worst = {
	.name = "worst",
	.summary = "largest block, if it fits",
	.min_block = 1,
	.fit = worst_fit,
	.link = asim_list_link,
	.unlink = asim_list_unlink,
};
