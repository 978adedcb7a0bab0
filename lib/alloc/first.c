/* first.c: first fit, the first free block in list order that is large enough. */
#include <config.h>

#include "asim.h"

static uint32_t first_fit(struct osc_asim *h, uint64_t need,
			  uint64_t *searched)
{
	uint32_t b;

	for (b = h->lists[0].head; b != ASIM_NIL; b = h->b[b].lnext) {
		++*searched;
		if (h->b[b].size >= need)
			return b;
	}
	return ASIM_NIL;
}

const struct osc_asim_ops asim_first = {
	.name = "first",
	.summary = "first block in list order that fits",
	.min_block = 1,
	.fit = first_fit,
	.link = asim_list_link,
	.unlink = asim_list_unlink,
};
