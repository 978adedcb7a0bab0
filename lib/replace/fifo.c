/* fifo.c: first in, first out: evict the page loaded earliest. */
#include <config.h>

#include "replace-int.h"

/* Frames fill in order and a victim's frame takes the new page, so the
 * load order is the frame order starting at a hand. */
struct fifo {
	uint32_t frames, hand, used;
};

static int fifo_init(void *st, const struct osc_replace_params *p)
{
	struct fifo *s = st;

	s->frames = p->frames;
	return OSC_OK;
}

static void fifo_fini(void *st)
{
	(void)st;
}

static void fifo_hit(void *st, uint32_t f, uint64_t next)
{
	(void)st, (void)f, (void)next;
}

static void fifo_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct fifo *s = st;

	(void)page;
	(void)f, (void)next, (void)prefetch;
	if (s->used < s->frames)
		s->used++;
}

static uint32_t fifo_evict(void *st, uint64_t incoming)
{
	struct fifo *s = st;
	uint32_t f = s->hand;

	(void)incoming;
	s->hand = f + 1 == s->frames ? 0 : f + 1;
	return f;
}

/* Oldest first. */
static size_t fifo_order(void *st, uint32_t *out, bool *marks)
{
	struct fifo *s = st;
	uint32_t i;

	for (i = 0; i < s->used; i++) {
		out[i] = (s->hand + i) % s->frames;
		if (marks)
			marks[i] = false;
	}
	return s->used;
}

const struct osc_replace_ops osc_replace_fifo = {
	.name = "fifo",
	.summary = "evict the page loaded earliest",
	.state_size = sizeof(struct fifo),
	.init = fifo_init,
	.fini = fifo_fini,
	.hit = fifo_hit,
	.load = fifo_load,
	.evict = fifo_evict,
	.order = fifo_order,
};
