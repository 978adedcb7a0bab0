/* stats.c: what the simulated heap reports: free lists, statistics, invariant checks. */
#include <config.h>

#include "asim.h"

bool osc_asim_free_next(const struct osc_asim *h, uint64_t *it,
			uint64_t *addr, uint64_t *size)
{
	unsigned l = (unsigned)(*it >> 32);
	uint32_t n = (uint32_t)*it, cur, next;

	for (;;) {
		if (l >= h->nlists)
			return false;
		cur = n ? n - 1 : h->lists[l].head;
		if (cur != ASIM_NIL)
			break;
		l++;
		n = 0;
	}
	*addr = h->b[cur].addr;
	*size = h->b[cur].size;
	next = h->b[cur].lnext;
	if (next == ASIM_NIL)
		*it = (uint64_t)(l + 1) << 32;
	else
		*it = (uint64_t)l << 32 | (uint64_t)(next + 1);
	return true;
}

void osc_asim_stats(const struct osc_asim *h, struct osc_asim_stats *s)
{
	uint64_t it = 0, a, z;

	*s = h->st;
	s->heap_size = h->heap_size;
	s->free_total = s->free_largest = 0;
	while (osc_asim_free_next(h, &it, &a, &z)) {
		s->free_total += z;
		if (z > s->free_largest)
			s->free_largest = z;
	}
}

double osc_asim_utilization(const struct osc_asim_stats *s)
{
	return s->heap_size ? (double)s->peak_payload / s->heap_size : 0;
}

double osc_asim_internal_frag(const struct osc_asim_stats *s)
{
	if (!s->peak_allocated)
		return 0;
	return (double)(s->peak_allocated - s->peak_payload) /
	       s->peak_allocated;
}

double osc_asim_external_frag(const struct osc_asim_stats *s)
{
	if (!s->free_total)
		return 0;
	return 1 - (double)s->free_largest / s->free_total;
}

double osc_asim_avg_search(const struct osc_asim_stats *s)
{
	return s->searches ? (double)s->searched / s->searches : 0;
}

#define BROKEN(...) osc_error_set(err, OSC_EINTERNAL, NULL, 0, __VA_ARGS__)

/* Blocks tile the heap from base; count free blocks and live bytes. */
static int check_tiling(const struct osc_asim *h, uint64_t *nfree,
			struct osc_error *err)
{
	uint32_t b = h->top, p;
	uint64_t end = h->par.base + h->heap_size, payload = 0, alloc = 0;
	uint64_t used = 0;

	*nfree = 0;
	if (h->b[b].next != ASIM_NIL)
		return BROKEN("top block has a successor");
	for (; b != ASIM_NIL; b = p) {
		const struct asim_blk *x = &h->b[b];

		if (x->size == 0 || x->addr + x->size != end)
			return BROKEN("block at %llu does not end at %llu",
				      (unsigned long long)x->addr,
				      (unsigned long long)end);
		p = x->prev;
		if (p != ASIM_NIL && h->b[p].next != b)
			return BROKEN("address links disagree at %llu",
				      (unsigned long long)x->addr);
		if (x->free) {
			++*nfree;
			if (h->par.coalesce && !h->ops->alloc &&
			    p != ASIM_NIL && h->b[p].free)
				return BROKEN("adjacent free blocks at %llu",
					      (unsigned long long)x->addr);
		} else {
			payload += x->req;
			alloc += x->size;
			used++;
		}
		end = x->addr;
	}
	if (end != h->par.base)
		return BROKEN("the first block does not start at the base");
	if (payload != h->st.payload || alloc != h->st.allocated)
		return BROKEN("live byte counts disagree");
	(void)used;
	return OSC_OK;
}

static int check_list(const struct osc_asim *h, unsigned l, uint64_t *n,
		      struct osc_error *err)
{
	const struct asim_list *ls = &h->lists[l];
	uint32_t b, prev = ASIM_NIL;
	uint64_t len = 0;

	for (b = ls->head; b != ASIM_NIL; prev = b, b = h->b[b].lnext) {
		const struct asim_blk *x = &h->b[b];

		if (!x->free || x->list != l || x->lprev != prev)
			return BROKEN("free list %u is broken at %llu", l,
				      (unsigned long long)x->addr);
		if (prev != ASIM_NIL && h->par.order == OSC_ASIM_ADDR &&
		    h->b[prev].addr > x->addr)
			return BROKEN("free list %u is not by address", l);
		if (++len > ls->len)
			break;
	}
	if (len != ls->len || ls->tail != prev)
		return BROKEN("free list %u has a wrong length or tail", l);
	*n += len;
	return OSC_OK;
}

int osc_asim_check(const struct osc_asim *h, struct osc_error *err)
{
	uint64_t nfree, listed = 0;
	unsigned l;
	int rc;

	if ((rc = check_tiling(h, &nfree, err)) != OSC_OK)
		return rc;
	for (l = 0; l < h->nlists; l++)
		if ((rc = check_list(h, l, &listed, err)) != OSC_OK)
			return rc;
	if (listed != nfree)
		return BROKEN("%llu free blocks but %llu listed",
			      (unsigned long long)nfree,
			      (unsigned long long)listed);
	return OSC_OK;
}
