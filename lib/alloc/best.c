/* best.c: best fit, the smallest free block that is large enough. */
#include <config.h>

#include "asim.h"

/* The whole list is examined; ties go to the first in list order. */
static uint32_t best_fit(struct osc_asim *h, uint64_t need,
			 uint64_t *searched)
{
	uint32_t b, best = ASIM_NIL;

	for (b = h->lists[0].head; b != ASIM_NIL; b = h->b[b].lnext) {
		++*searched;
		if (h->b[b].size >= need &&
		    (best == ASIM_NIL || h->b[b].size < h->b[best].size))
			best = b;
	}
	return best;
}

const struct osc_asim_ops asim_best = {
	.name = "best",
	.summary = "smallest block that fits",
	.min_block = 1,
	.fit = best_fit,
	.link = asim_list_link,
	.unlink = asim_list_unlink,
};
