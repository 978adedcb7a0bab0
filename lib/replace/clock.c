/* clock.c: second chance: a hand sweeps the frames, clearing reference bits, and evicts the first clear one. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

struct clock {
	uint32_t frames, hand, used;
	uint8_t *ref;		/* reference bit per frame */
};

static int clock_init(void *st, const struct osc_replace_params *p)
{
	struct clock *s = st;

	s->frames = p->frames;
	s->ref = calloc(p->frames, 1);
	return s->ref ? OSC_OK : OSC_ENOMEM;
}

static void clock_fini(void *st)
{
	struct clock *s = st;

	free(s->ref);
}

static void clock_hit(void *st, uint32_t f, uint64_t next)
{
	struct clock *s = st;

	(void)next;
	s->ref[f] = 1;
}

static void clock_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct clock *s = st;

	(void)page;
	(void)next, (void)prefetch;
	s->ref[f] = 1;
	if (s->used < s->frames)
		s->used++;
}

/* The new page takes the victim's frame and the hand moves one past it. */
static uint32_t clock_evict(void *st, uint64_t incoming)
{
	struct clock *s = st;
	uint32_t f;

	(void)incoming;
	while (s->ref[s->hand]) {
		s->ref[s->hand] = 0;
		s->hand = s->hand + 1 == s->frames ? 0 : s->hand + 1;
	}
	f = s->hand;
	s->hand = f + 1 == s->frames ? 0 : f + 1;
	return f;
}

/* Frame order starting at the hand; the mark is the reference bit. */
static size_t clock_order(void *st, uint32_t *out, bool *marks)
{
	struct clock *s = st;
	uint32_t i;

	for (i = 0; i < s->used; i++) {
		out[i] = (s->hand + i) % s->frames;
		if (marks)
			marks[i] = s->ref[out[i]];
	}
	return s->used;
}

const struct osc_replace_ops osc_replace_clock = {
	.name = "clock",
	.summary = "second chance: a hand clears reference bits until one is clear",
	.state_size = sizeof(struct clock),
	.init = clock_init,
	.fini = clock_fini,
	.hit = clock_hit,
	.load = clock_load,
	.evict = clock_evict,
	.order = clock_order,
};
