/* freelist.c: ordered free lists, splitting and coalescing shared by the list policies. */
#include <config.h>

#include "asim.h"

/*
 * Where a freed block goes in an ordered list: before the first block, from
 * the front, whose key is larger (size-desc: smaller), so equal keys keep
 * the new block after the old ones.  Split remainders keep their places, so
 * a size-ordered list need not stay sorted; the rule still says where a
 * freed block goes.  An address-ordered list always stays sorted, and is
 * walked from the back (the same place, found faster for frees near the
 * top).
 */
static uint32_t list_after(struct osc_asim *h, unsigned l, uint32_t b,
			   enum osc_asim_order o)
{
	uint64_t nk = o == OSC_ASIM_ADDR ? h->b[b].addr : h->b[b].size;
	uint32_t n, prev = ASIM_NIL;

	if (o == OSC_ASIM_ADDR) {
		for (n = h->lists[l].tail; n != ASIM_NIL; n = h->b[n].lprev)
			if (h->b[n].addr <= nk)
				break;
		return n;
	}
	for (n = h->lists[l].head; n != ASIM_NIL; prev = n, n = h->b[n].lnext)
		if (o == OSC_ASIM_SIZE_ASC ? h->b[n].size > nk :
		    h->b[n].size < nk)
			break;
	return prev;
}

static void list_put(struct osc_asim *h, unsigned l, uint32_t b, uint32_t after)
{
	struct asim_list *ls = &h->lists[l];
	struct asim_blk *x = &h->b[b];
	uint32_t before = after == ASIM_NIL ? ls->head : h->b[after].lnext;

	x->lprev = after;
	x->lnext = before;
	if (after == ASIM_NIL)
		ls->head = b;
	else
		h->b[after].lnext = b;
	if (before == ASIM_NIL)
		ls->tail = b;
	else
		h->b[before].lprev = b;
	x->list = (uint8_t)l;
	ls->len++;
}

void asim_list_insert(struct osc_asim *h, unsigned l, uint32_t b,
		      enum osc_asim_order o)
{
	uint32_t after = ASIM_NIL;

	if (o == OSC_ASIM_FIFO)
		after = h->lists[l].tail;
	else if (o != OSC_ASIM_LIFO)
		after = list_after(h, l, b, o);
	list_put(h, l, b, after);
}

void asim_list_remove(struct osc_asim *h, uint32_t b)
{
	struct asim_blk *x = &h->b[b];
	struct asim_list *ls = &h->lists[x->list];

	if (h->rover == b)
		h->rover = x->lnext;
	if (x->lprev == ASIM_NIL)
		ls->head = x->lnext;
	else
		h->b[x->lprev].lnext = x->lnext;
	if (x->lnext == ASIM_NIL)
		ls->tail = x->lprev;
	else
		h->b[x->lnext].lprev = x->lprev;
	x->lprev = x->lnext = ASIM_NIL;
	ls->len--;
}

void asim_list_link(struct osc_asim *h, uint32_t b)
{
	asim_list_insert(h, 0, b, h->par.order);
}

void asim_list_unlink(struct osc_asim *h, uint32_t b)
{
	asim_list_remove(h, b);
}

/* Make a new block of the low `size` bytes of block b (its node keeps the
 * rest); the new node is returned. */
uint32_t asim_split_low(struct osc_asim *h, uint32_t b, uint64_t size)
{
	uint32_t a = asim_node(h);
	struct asim_blk *x = &h->b[b], *y = &h->b[a];

	y->addr = x->addr;
	y->size = size;
	y->req = 0;
	y->free = 0;
	y->prev = x->prev;
	y->next = b;
	y->lprev = y->lnext = ASIM_NIL;
	if (x->prev != ASIM_NIL)
		h->b[x->prev].next = a;
	x->prev = a;
	x->addr += size;
	x->size -= size;
	return a;
}

/* Make a new block of the high part of block b from offset `keep` on. */
uint32_t asim_split_high(struct osc_asim *h, uint32_t b, uint64_t keep)
{
	uint32_t a = asim_node(h);
	struct asim_blk *x = &h->b[b], *y = &h->b[a];

	y->addr = x->addr + keep;
	y->size = x->size - keep;
	y->req = 0;
	y->free = 0;
	y->prev = b;
	y->next = x->next;
	y->lprev = y->lnext = ASIM_NIL;
	if (x->next != ASIM_NIL)
		h->b[x->next].prev = a;
	else
		h->top = a;
	x->next = a;
	x->size = keep;
	return a;
}

/* Merge block n (the address successor of b) into b; n's node is freed. */
void asim_absorb(struct osc_asim *h, uint32_t b, uint32_t n)
{
	struct asim_blk *x = &h->b[b], *y = &h->b[n];

	x->size += y->size;
	x->next = y->next;
	if (y->next != ASIM_NIL)
		h->b[y->next].prev = b;
	if (h->top == n)
		h->top = b;
	asim_drop(h, n);
}

uint32_t asim_take(struct osc_asim *h, uint32_t b, uint64_t need)
{
	uint64_t rest = h->b[b].size - need;
	uint32_t a;

	if (rest > 0 && rest >= h->par.min_block) {
		a = asim_split_low(h, b, need);
		if (h->ops->resized)
			h->ops->resized(h, b);
		return a;
	}
	h->ops->unlink(h, b);
	h->b[b].free = 0;
	return b;
}

uint32_t asim_list_alloc(struct osc_asim *h, uint64_t need,
			 uint64_t *searched)
{
	uint32_t b = h->ops->fit(h, need, searched);

	if (b == ASIM_NIL)
		b = asim_grow(h, need);
	if (b == ASIM_NIL)
		return ASIM_NIL;
	return asim_take(h, b, need);
}

/* Free block b, merged with its free address neighbours.  When next fit's
 * rover is one of them, the search stopped inside the merged block, so it
 * starts there next time (not at whatever followed the neighbour). */
void asim_list_release(struct osc_asim *h, uint32_t b)
{
	uint32_t p, n;
	bool rover = false;

	h->b[b].free = 1;
	h->b[b].req = 0;
	if (h->par.coalesce) {
		p = h->b[b].prev;
		if (p != ASIM_NIL && h->b[p].free) {
			rover = rover || h->rover == p;
			h->ops->unlink(h, p);
			asim_absorb(h, p, b);
			b = p;
		}
		n = h->b[b].next;
		if (n != ASIM_NIL && h->b[n].free) {
			rover = rover || h->rover == n;
			h->ops->unlink(h, n);
			asim_absorb(h, b, n);
		}
	}
	h->ops->link(h, b);
	if (rover)
		h->rover = b;
}
