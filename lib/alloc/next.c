/* next.c: next fit, first fit resuming where the previous search stopped. */
#include <config.h>

#include "asim.h"

/*
 * The rover is the block the last search chose.  A split leaves the
 * remainder in that block's place, so the next search starts at the
 * remainder; a block leaving the list hands the rover to its successor
 * (asim_list_remove), and past the tail the search wraps to the head.
 */
static uint32_t next_fit(struct osc_asim *h, uint64_t need,
			 uint64_t *searched)
{
	uint32_t b = h->rover;
	uint64_t i, n = h->lists[0].len;

	if (b == ASIM_NIL)
		b = h->lists[0].head;
	for (i = 0; i < n; i++) {
		++*searched;
		if (h->b[b].size >= need) {
			h->rover = b;
			return b;
		}
		b = h->b[b].lnext;
		if (b == ASIM_NIL)
			b = h->lists[0].head;
	}
	return ASIM_NIL;
}

const struct osc_asim_ops asim_next = {
	.name = "next",
	.summary = "first fit starting where the last search stopped",
	.min_block = 1,
	.fit = next_fit,
	.link = asim_list_link,
	.unlink = asim_list_unlink,
};
