/* lfu.c: least frequently used: evict the page with the fewest references since it was loaded. */
#include <config.h>

#include "replace-int.h"

/* Heap key: references since the load; tie: time of the last reference,
 * so among equal counts the least recently referenced page goes first. */
struct lfu {
	struct fheap h;
	uint64_t clock;
};

static int lfu_init(void *st, const struct osc_replace_params *p)
{
	struct lfu *s = st;

	return fheap_init(&s->h, p->frames);
}

static void lfu_fini(void *st)
{
	struct lfu *s = st;

	fheap_free(&s->h);
}

static void lfu_hit(void *st, uint32_t f, uint64_t next)
{
	struct lfu *s = st;

	(void)next;
	s->h.key[f]++;
	s->h.tie[f] = ++s->clock;
	fheap_fix(&s->h, f);
}

/* A fault is the page's first reference; a read-ahead load is none. */
static void lfu_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct lfu *s = st;

	(void)page;
	(void)next;
	s->h.key[f] = prefetch ? 0 : 1;
	s->h.tie[f] = ++s->clock;
	fheap_push(&s->h, f);
}

static uint32_t lfu_evict(void *st, uint64_t incoming)
{
	struct lfu *s = st;

	(void)incoming;
	return fheap_pop(&s->h);
}

/* Eviction order: fewest references first. */
static size_t lfu_order(void *st, uint32_t *out, bool *marks)
{
	struct lfu *s = st;
	size_t n = fheap_sorted(&s->h, out), i;

	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_lfu = {
	.name = "lfu",
	.summary = "evict the page with the fewest references since its load",
	.state_size = sizeof(struct lfu),
	.init = lfu_init,
	.fini = lfu_fini,
	.hit = lfu_hit,
	.load = lfu_load,
	.evict = lfu_evict,
	.order = lfu_order,
};
