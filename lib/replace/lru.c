/* lru.c: least recently used: evict the page referenced longest ago (hash map + intrusive list, O(1)). */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

static int lru_init(void *st, const struct osc_replace_params *p)
{
	struct rlist *s = st;

	osc_list_init(&s->head);
	s->node = calloc(p->frames, sizeof *s->node);
	return s->node ? OSC_OK : OSC_ENOMEM;
}

static void lru_fini(void *st)
{
	struct rlist *s = st;

	free(s->node);
}

static void lru_hit(void *st, uint32_t f, uint64_t next)
{
	struct rlist *s = st;

	(void)next;
	osc_list_move_front(&s->head, &s->node[f]);
}

/* A page read ahead counts as used when it is loaded, like a fault. */
static void lru_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct rlist *s = st;

	(void)page;
	(void)next, (void)prefetch;
	osc_list_push_front(&s->head, &s->node[f]);
}

static uint32_t lru_evict(void *st, uint64_t incoming)
{
	struct rlist *s = st;
	struct osc_list *n = osc_list_last(&s->head);

	(void)incoming;
	osc_list_remove(n);
	return rlist_frame(s, n);
}

/* Least recent first. */
static size_t lru_order(void *st, uint32_t *out, bool *marks)
{
	struct rlist *s = st;
	size_t n = rlist_backward(s, &s->head, out), i;

	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_lru = {
	.name = "lru",
	.summary = "evict the least recently referenced page",
	.state_size = sizeof(struct rlist),
	.init = lru_init,
	.fini = lru_fini,
	.hit = lru_hit,
	.load = lru_load,
	.evict = lru_evict,
	.order = lru_order,
};
