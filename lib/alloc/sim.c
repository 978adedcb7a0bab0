/* sim.c: the simulated heap: blocks, the operation driver, growth, statistics. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "asim.h"

const char *const osc_asim_order_names[] = {
	"addr", "lifo", "fifo", "size-asc", "size-desc", NULL
};

void osc_asim_defaults(struct osc_asim_params *p)
{
	memset(p, 0, sizeof *p);
	p->heap = 64 * 1024;
	p->align = 1;
	p->order = OSC_ASIM_ADDR;
	p->coalesce = true;
}

/* Room for `n` more nodes, so that one operation never fails halfway. */
static int asim_reserve(struct osc_asim *h, uint32_t n)
{
	uint32_t k, cap;
	struct asim_blk *nb;

	for (k = h->spare; k != ASIM_NIL && n > 0; k = h->b[k].lnext)
		n--;
	if (n == 0 || h->cap - h->nb >= n)
		return OSC_OK;
	if (h->cap > (UINT32_MAX - 1) / 2)
		return OSC_ENOMEM;
	cap = h->cap * 2 > h->nb + n ? h->cap * 2 : h->nb + n;
	nb = realloc(h->b, (size_t)cap * sizeof *nb);
	if (!nb)
		return OSC_ENOMEM;
	h->b = nb;
	h->cap = cap;
	return OSC_OK;
}

uint32_t asim_node(struct osc_asim *h)
{
	uint32_t k = h->spare;

	if (k != ASIM_NIL)
		h->spare = h->b[k].lnext;
	else
		k = h->nb++;
	memset(&h->b[k], 0, sizeof h->b[k]);
	h->b[k].prev = h->b[k].next = ASIM_NIL;
	h->b[k].lprev = h->b[k].lnext = ASIM_NIL;
	return k;
}

void asim_drop(struct osc_asim *h, uint32_t b)
{
	h->b[b].size = 0;
	h->b[b].lnext = h->spare;
	h->spare = b;
}

static int asim_check_params(const struct osc_asim_params *p,
			     struct osc_error *err)
{
	const char *bad = NULL;

	if (p->heap < 1 || p->heap > OSC_ASIM_MAX_HEAP)
		bad = "--heap must be between 1 byte and 64P";
	else if (p->base > OSC_ASIM_MAX_BASE)
		bad = "--base must be at most 1E (2^60)";
	else if (p->grow > OSC_ASIM_MAX_HEAP)
		bad = "--grow must be at most 64P";
	else if (p->align < 1 || p->align > (UINT64_C(1) << 32))
		bad = "--align must be between 1 and 4G";
	else if (p->header > (UINT64_C(1) << 32))
		bad = "--header must be at most 4G";
	else if (p->min_block > OSC_ASIM_MAX_HEAP)
		bad = "--min-block must be at most 64P";
	else if ((unsigned)p->order > OSC_ASIM_SIZE_DESC)
		bad = "unknown free list order";
	if (bad)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0, "%s", bad);
	return OSC_OK;
}

int osc_asim_create(const struct osc_asim_ops *ops,
		    const struct osc_asim_params *p, struct osc_asim **out,
		    struct osc_error *err)
{
	struct osc_asim *h;
	uint32_t b;
	unsigned i;
	int rc;

	*out = NULL;
	if ((rc = asim_check_params(p, err)) != OSC_OK)
		return rc;
	if (!(h = calloc(1, sizeof *h)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	h->ops = ops;
	h->par = *p;
	if (!h->par.min_block)
		h->par.min_block = ops->min_block;
	h->spare = h->rover = ASIM_NIL;
	for (i = 0; i < ASIM_LISTS; i++)
		h->lists[i].head = h->lists[i].tail = ASIM_NIL;
	h->nlists = 1;
	h->heap_size = p->heap;
	if (asim_reserve(h, 64) != OSC_OK ||
	    osc_map_init(&h->live, 0) != OSC_OK) {
		osc_asim_destroy(h);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	}
	b = h->top = asim_node(h);
	h->b[b].addr = p->base;
	h->b[b].size = h->heap_size;
	h->b[b].free = 1;
	if (ops->init && (rc = ops->init(h, err)) != OSC_OK) {
		osc_asim_destroy(h);
		return rc;
	}
	ops->link(h, b);
	*out = h;
	return OSC_OK;
}

void osc_asim_destroy(struct osc_asim *h)
{
	if (!h)
		return;
	osc_map_free(&h->live);
	free(h->b);
	free(h);
}

const struct osc_asim_ops *osc_asim_policy_of(const struct osc_asim *h)
{
	return h->ops;
}

/* The sbrk model: extend the top by max(grow, what is missing), merged
 * with a free top block when coalescing; the new block is placed by order
 * like any freed block. */
uint32_t asim_grow(struct osc_asim *h, uint64_t need)
{
	uint32_t t = h->top, n;
	uint64_t have = 0, inc;

	if (h->par.grow == 0)
		return ASIM_NIL;
	if (h->par.coalesce && h->b[t].free)
		have = h->b[t].size;
	inc = need - have > h->par.grow ? need - have : h->par.grow;
	if (inc > OSC_ASIM_MAX_HEAP - h->heap_size)
		return ASIM_NIL;
	h->heap_size += inc;
	if (have) {
		h->ops->unlink(h, t);
		h->b[t].size += inc;
		n = t;
	} else {
		n = asim_node(h);
		h->b[n].addr = h->b[t].addr + h->b[t].size;
		h->b[n].size = inc;
		h->b[n].free = 1;
		h->b[n].prev = t;
		h->b[t].next = n;
		h->top = n;
	}
	h->ops->link(h, n);
	h->rover = n;
	return n;
}

static uint64_t asim_need(const struct osc_asim *h, uint64_t size)
{
	uint64_t a = h->par.align;

	return (size + a - 1) / a * a + h->par.header;
}

static uint32_t asim_alloc(struct osc_asim *h, uint64_t need,
			   uint64_t *searched)
{
	h->st.searches++;
	if (h->ops->alloc)
		return h->ops->alloc(h, need, searched);
	return asim_list_alloc(h, need, searched);
}

static void asim_release(struct osc_asim *h, uint32_t b)
{
	if (h->ops->release)
		h->ops->release(h, b);
	else
		asim_list_release(h, b);
}

/* Shrink in place: a large enough tail is freed (and coalesced). */
static void asim_shrink(struct osc_asim *h, uint32_t b, uint64_t need)
{
	uint64_t rest = h->b[b].size - need;

	if (rest > 0 && rest >= h->par.min_block)
		asim_list_release(h, asim_split_high(h, b, need));
}

/* Grow in place into a free address successor, which keeps its list place
 * when a remainder is left. */
static bool asim_extend(struct osc_asim *h, uint32_t b, uint64_t need)
{
	uint32_t n = h->b[b].next;
	uint64_t extra, rest;

	if (n == ASIM_NIL || !h->b[n].free ||
	    h->b[b].size + h->b[n].size < need)
		return false;
	extra = need - h->b[b].size;
	rest = h->b[n].size - extra;
	if (rest > 0 && rest >= h->par.min_block) {
		h->b[n].addr += extra;
		h->b[n].size = rest;
		h->b[b].size = need;
		if (h->ops->resized)
			h->ops->resized(h, n);
	} else {
		h->ops->unlink(h, n);
		asim_absorb(h, b, n);
	}
	return true;
}

/* realloc: in place when it fits (buddy keeps its block), else a new
 * block is found while the old one is still held, then the old is freed. */
static uint32_t asim_resize(struct osc_asim *h, uint32_t b, uint64_t need,
			    uint64_t *searched)
{
	uint32_t nb;

	if (need <= h->b[b].size) {
		if (!h->ops->alloc)
			asim_shrink(h, b, need);
		return b;
	}
	if (!h->ops->alloc && asim_extend(h, b, need))
		return b;
	nb = asim_alloc(h, need, searched);
	if (nb != ASIM_NIL)
		asim_release(h, b);
	return nb;
}

static void asim_account(struct osc_asim *h, uint32_t b, uint64_t req,
			 struct osc_asim_step *st)
{
	h->b[b].req = req;
	h->st.payload += req;
	h->st.allocated += h->b[b].size;
	st->res = OSC_ASIM_OK;
	st->has_addr = true;
	st->addr = h->b[b].addr + h->par.header;
}

static int asim_op_alloc(struct osc_asim *h, const struct osc_alloc_op *op,
			 struct osc_asim_step *st, struct osc_error *err)
{
	bool created;
	uint64_t *v = osc_map_upsert(&h->live, op->id, &created);
	uint32_t b;

	if (!v)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	if (!created)
		return osc_error_set(err, OSC_EDATA, NULL, op->line,
				     "block %llu is already live",
				     (unsigned long long)op->id);
	h->st.allocs++;
	b = asim_alloc(h, asim_need(h, op->size), &st->searched);
	*v = b;
	if (b == ASIM_NIL)
		h->st.failed++;
	else
		asim_account(h, b, op->size, st);
	return OSC_OK;
}

static int asim_op_free(struct osc_asim *h, const struct osc_alloc_op *op,
			struct osc_asim_step *st, struct osc_error *err)
{
	uint64_t *v = osc_map_get(&h->live, op->id);
	uint32_t b;

	if (!v)
		return osc_error_set(err, OSC_EDATA, NULL, op->line,
				     "block %llu is not live",
				     (unsigned long long)op->id);
	b = (uint32_t)*v;
	osc_map_del(&h->live, op->id);
	h->st.frees++;
	if (b == ASIM_NIL) {
		st->res = OSC_ASIM_NULL;
		return OSC_OK;
	}
	st->res = OSC_ASIM_OK;
	st->has_addr = true;
	st->addr = h->b[b].addr + h->par.header;
	h->st.payload -= h->b[b].req;
	h->st.allocated -= h->b[b].size;
	asim_release(h, b);
	return OSC_OK;
}

static int asim_op_realloc(struct osc_asim *h, const struct osc_alloc_op *op,
			   struct osc_asim_step *st, struct osc_error *err)
{
	uint64_t *v = osc_map_get(&h->live, op->id);
	uint32_t b, nb;

	if (!v)
		return osc_error_set(err, OSC_EDATA, NULL, op->line,
				     "block %llu is not live",
				     (unsigned long long)op->id);
	h->st.reallocs++;
	b = (uint32_t)*v;
	if (b == ASIM_NIL) {
		nb = asim_alloc(h, asim_need(h, op->size), &st->searched);
	} else {
		h->st.payload -= h->b[b].req;
		h->st.allocated -= h->b[b].size;
		nb = asim_resize(h, b, asim_need(h, op->size), &st->searched);
		if (nb == ASIM_NIL)
			asim_account(h, b, h->b[b].req, st);
	}
	if (nb == ASIM_NIL) {
		h->st.failed++;
		st->res = OSC_ASIM_FAIL;
		st->has_addr = false;
		return OSC_OK;
	}
	*v = nb;
	asim_account(h, nb, op->size, st);
	return OSC_OK;
}

int osc_asim_apply(struct osc_asim *h, const struct osc_alloc_op *op,
		   struct osc_asim_step *st, struct osc_error *err)
{
	int rc;

	memset(st, 0, sizeof *st);
	st->res = OSC_ASIM_FAIL;
	if (asim_reserve(h, ASIM_LISTS + 4) != OSC_OK)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	switch (op->kind) {
	case OSC_ALLOC_A:
		rc = asim_op_alloc(h, op, st, err);
		break;
	case OSC_ALLOC_F:
		rc = asim_op_free(h, op, st, err);
		break;
	case OSC_ALLOC_R:
		rc = asim_op_realloc(h, op, st, err);
		break;
	default:
		return osc_error_set(err, OSC_EUSAGE, NULL, op->line,
				     "unknown operation %d", (int)op->kind);
	}
	if (rc != OSC_OK)
		return rc;
	h->st.ops++;
	h->st.searched += st->searched;
	if (h->st.payload > h->st.peak_payload) {
		h->st.peak_payload = h->st.payload;
		h->st.peak_allocated = h->st.allocated;
	}
	return OSC_OK;
}
