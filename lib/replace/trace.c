/* trace.c: a reference trace held in memory and its replay under one policy. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

void osc_replace_trace_init(struct osc_replace_trace *t)
{
	memset(t, 0, sizeof *t);
}

/*
 * One block: cap pages, then the write bitmap (cap / 64 words), so that
 * growing is one call that fails or not as a whole, and a large trace
 * grows in place (see bigmem.c).
 */
static size_t trace_bytes(size_t cap)
{
	return cap * sizeof(uint64_t) + cap / 64 * sizeof(uint64_t);
}

void osc_replace_trace_free(struct osc_replace_trace *t)
{
	replace_big_free(t->pages, trace_bytes(t->cap));
	osc_replace_trace_init(t);
}

static int trace_grow(struct osc_replace_trace *t)
{
	size_t cap = t->cap ? t->cap * 2 : 4096, old = t->cap;
	uint64_t *p;

	p = replace_big_grow(t->pages, trace_bytes(old), trace_bytes(cap));
	if (p == NULL)
		return OSC_ENOMEM;
	/* The bitmap moves up past the new pages; its new words are zero. */
	memmove(p + cap, p + old, old / 64 * sizeof *p);
	memset(p + cap + old / 64, 0, (cap - old) / 64 * sizeof *p);
	t->pages = p;
	t->writes = p + cap;
	t->cap = cap;
	return OSC_OK;
}

int osc_replace_trace_push(struct osc_replace_trace *t, uint64_t page,
			   bool write)
{
	if (t->n == t->cap && trace_grow(t) != OSC_OK)
		return OSC_ENOMEM;
	t->pages[t->n] = page;
	if (write)
		t->writes[t->n >> 6] |= (uint64_t)1 << (t->n & 63);
	t->n++;
	return OSC_OK;
}

int osc_replace_trace_push_n(struct osc_replace_trace *t,
			     const uint64_t *pages, size_t n)
{
	size_t k;

	while (n > 0) {
		if (t->n == t->cap && trace_grow(t) != OSC_OK)
			return OSC_ENOMEM;
		k = t->cap - t->n < n ? t->cap - t->n : n;
		memcpy(t->pages + t->n, pages, k * sizeof *pages);
		t->n += k;
		pages += k;
		n -= k;
	}
	return OSC_OK;
}

int osc_replace_trace_finish(struct osc_replace_trace *t,
			     struct osc_error *err)
{
	struct ptab pt;
	size_t i;

	if (ptab_init(&pt, 0) != OSC_OK)
		goto nomem;
	for (i = 0; i < t->n; i++)
		if (ptab_get(&pt, t->pages[i]) == NULL) {
			ptab_free(&pt);
			goto nomem;
		}
	t->distinct = ptab_len(&pt);
	ptab_free(&pt);
	return OSC_OK;
nomem:
	return osc_error_set(err, OSC_ENOMEM, NULL, 0,
			     "out of memory counting distinct pages");
}

/*
 * The future, for opt: next[i] is the index of the next reference to
 * pages[i]; `upcoming` maps a page to its next reference at or after the
 * current position (kept only for read-ahead).
 */
struct future {
	uint64_t *next;
	struct osc_map upcoming;
};

/*
 * next[] in one backward pass over a page table whose entry holds the
 * index of the page's nearest later reference (PT_SEEN once it has one):
 * the low 32 bits in the frame field, the rest above the flag bits.  The
 * entries are prefetched a few references ahead.
 */
#define IDX_SHIFT 2
#define FUTURE_AHEAD 16

static int future_next(uint64_t *next, const struct osc_replace_trace *t)
{
	struct ptab pt;
	struct ptab_ent *e;
	size_t i;

	if (ptab_init(&pt, t->distinct) != OSC_OK)
		return OSC_ENOMEM;
	for (i = t->n; i-- > 0;) {
		if (i >= FUTURE_AHEAD)
			ptab_prefetch(&pt, t->pages[i - FUTURE_AHEAD]);
		if ((e = ptab_get(&pt, t->pages[i])) == NULL) {
			ptab_free(&pt);
			return OSC_ENOMEM;
		}
		next[i] = e->flags & PT_SEEN ?
			(uint64_t)(e->flags >> IDX_SHIFT) << 32 | e->frame :
			OSC_REPLACE_NEVER;
		e->frame = (uint32_t)i;
		e->flags = PT_USED | PT_SEEN |
			   (uint32_t)((uint64_t)i >> 32 << IDX_SHIFT);
	}
	ptab_free(&pt);
	return OSC_OK;
}

static int future_build(struct future *fu, const struct osc_replace_trace *t,
			bool readahead)
{
	size_t i;

	fu->next = replace_big_alloc(t->n * sizeof *fu->next);
	if (fu->next == NULL || future_next(fu->next, t) != OSC_OK)
		return OSC_ENOMEM;
	if (!readahead)
		return OSC_OK;
	/* Each page's first reference, for read-ahead before it. */
	if (osc_map_init(&fu->upcoming, t->distinct))
		return OSC_ENOMEM;
	for (i = t->n; i-- > 0;)
		if (osc_map_put(&fu->upcoming, t->pages[i], i) != OSC_OK)
			return OSC_ENOMEM;
	return OSC_OK;
}

static uint64_t future_of(void *ctx, uint64_t page)
{
	struct future *fu = ctx;
	uint64_t *v = osc_map_get(&fu->upcoming, page);

	return v ? *v : OSC_REPLACE_NEVER;
}

static int run_loop(struct osc_replace_sim *sim, const struct osc_replace_trace *t,
		    struct future *fu, bool readahead, osc_replace_event_fn *fn,
		    void *ctx, struct osc_error *err)
{
	struct osc_replace_event ev;
	uint64_t next = OSC_REPLACE_NEVER;
	size_t i;
	int r;

	if (!fn && !(fu && readahead))
		return replace_replay(sim, t, fu ? fu->next : NULL, err);
	for (i = 0; i < t->n; i++) {
		if (fu) {
			next = fu->next[i];
			if (readahead &&
			    osc_map_put(&fu->upcoming, t->pages[i], next))
				return osc_error_set(err, OSC_ENOMEM, NULL, 0,
						     "out of memory");
		}
		r = osc_replace_access(sim, t->pages[i],
				       osc_replace_trace_write(t, i), next,
				       fu && readahead ? future_of : NULL, fu,
				       fn ? &ev : NULL, err);
		if (r != OSC_OK)
			return r;
		if (fn)
			fn(ctx, sim, &ev);
	}
	return OSC_OK;
}

int osc_replace_run(const struct osc_replace_ops *ops,
		    const struct osc_replace_config *cfg,
		    const struct osc_replace_trace *t,
		    osc_replace_event_fn *fn, void *ctx,
		    struct osc_replace_stats *st, struct osc_error *err)
{
	struct osc_replace_config c = *cfg;
	struct osc_replace_sim *sim;
	struct future fu = { 0 };
	bool future = ops->flags & OSC_REPLACE_FUTURE;
	int r;

	if (c.expected_pages == 0)
		c.expected_pages = t->distinct;
	if ((r = osc_replace_new(&sim, ops, &c, err)) != OSC_OK)
		return r;
	if (future && future_build(&fu, t, c.readahead > 0) != OSC_OK) {
		r = osc_error_set(err, OSC_ENOMEM, NULL, 0,
				  "out of memory for opt's next uses "
				  "(8 bytes per reference)");
		goto out;
	}
	r = run_loop(sim, t, future ? &fu : NULL, c.readahead > 0, fn, ctx,
		     err);
	if (r == OSC_OK)
		osc_replace_stats(sim, st);
out:
	replace_big_free(fu.next, t->n * sizeof *fu.next);
	if (future)
		osc_map_free(&fu.upcoming);
	osc_replace_free(sim);
	return r;
}
