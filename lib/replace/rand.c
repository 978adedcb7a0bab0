/* rand.c: evict a uniformly chosen resident page (seeded generator). */
#include <config.h>

#include "replace-int.h"

struct randp {
	uint32_t frames, used;
	struct osc_rng rng;
};

static int rand_init(void *st, const struct osc_replace_params *p)
{
	struct randp *s = st;

	s->frames = p->frames;
	osc_rng_seed(&s->rng, p->seed);
	return OSC_OK;
}

static void rand_fini(void *st)
{
	(void)st;
}

static void rand_hit(void *st, uint32_t f, uint64_t next)
{
	(void)st, (void)f, (void)next;
}

static void rand_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct randp *s = st;

	(void)page;
	(void)f, (void)next, (void)prefetch;
	if (s->used < s->frames)
		s->used++;
}

/* Only called with every frame full. */
static uint32_t rand_evict(void *st, uint64_t incoming)
{
	struct randp *s = st;

	(void)incoming;
	return (uint32_t)osc_rng_below(&s->rng, s->frames);
}

/* Frame order. */
static size_t rand_order(void *st, uint32_t *out, bool *marks)
{
	struct randp *s = st;
	uint32_t i;

	for (i = 0; i < s->used; i++) {
		out[i] = i;
		if (marks)
			marks[i] = false;
	}
	return s->used;
}

const struct osc_replace_ops osc_replace_rand = {
	.name = "rand",
	.summary = "evict a uniformly chosen resident page",
	.state_size = sizeof(struct randp),
	.init = rand_init,
	.fini = rand_fini,
	.hit = rand_hit,
	.load = rand_load,
	.evict = rand_evict,
	.order = rand_order,
};
