/* 2lru.c: Linux-style active and inactive lists: promotion on the second reference. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * Both lists share one node per frame.  New pages enter the inactive
 * head; a hit promotes an inactive page to the active head; the active
 * list holds at most floor(ratio * frames) pages, its tail being demoted to
 * the inactive head when a promotion overfills it.
 */
struct lru2 {
	struct rlist l;		/* l.head is the inactive list */
	struct osc_list active;
	uint8_t *is_active;
	uint32_t nactive, max_active;
};

static int lru2_init(void *st, const struct osc_replace_params *p)
{
	struct lru2 *s = st;

	osc_list_init(&s->l.head);
	osc_list_init(&s->active);
	s->max_active = (uint32_t)(p->active_ratio * p->frames);
	s->l.node = calloc(p->frames, sizeof *s->l.node);
	s->is_active = calloc(p->frames, 1);
	if (s->l.node && s->is_active)
		return OSC_OK;
	free(s->l.node);
	free(s->is_active);
	return OSC_ENOMEM;
}

static void lru2_fini(void *st)
{
	struct lru2 *s = st;

	free(s->l.node);
	free(s->is_active);
}

static void lru2_hit(void *st, uint32_t f, uint64_t next)
{
	struct lru2 *s = st;
	struct osc_list *n;

	(void)next;
	osc_list_move_front(&s->active, &s->l.node[f]);
	if (s->is_active[f])
		return;
	s->is_active[f] = 1;
	if (++s->nactive <= s->max_active)
		return;
	n = osc_list_last(&s->active);
	osc_list_move_front(&s->l.head, n);
	s->is_active[rlist_frame(&s->l, n)] = 0;
	s->nactive--;
}

static void lru2_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct lru2 *s = st;

	(void)page;
	(void)next, (void)prefetch;
	s->is_active[f] = 0;
	osc_list_push_front(&s->l.head, &s->l.node[f]);
}

static uint32_t lru2_evict(void *st, uint64_t incoming)
{
	struct lru2 *s = st;
	struct osc_list *n;
	uint32_t f;

	(void)incoming;
	if (!osc_list_empty(&s->l.head)) {
		n = osc_list_last(&s->l.head);
	} else {
		n = osc_list_last(&s->active);
		s->nactive--;
	}
	osc_list_remove(n);
	f = rlist_frame(&s->l, n);
	s->is_active[f] = 0;
	return f;
}

/* Least recent first, inactive before active. */
static size_t lru2_order(void *st, uint32_t *out, bool *marks)
{
	struct lru2 *s = st;
	size_t n = rlist_backward(&s->l, &s->l.head, out), i;

	n += rlist_backward(&s->l, &s->active, out + n);
	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_2lru = {
	.name = "2lru",
	.summary = "Linux-style active and inactive lists",
	.state_size = sizeof(struct lru2),
	.init = lru2_init,
	.fini = lru2_fini,
	.hit = lru2_hit,
	.load = lru2_load,
	.evict = lru2_evict,
	.order = lru2_order,
};
