/* opt.c: Belady's optimal policy: evict the page whose next reference is farthest away. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * A min-heap keyed by the complement of the next use, so the farthest next
 * use (OSC_REPLACE_NEVER farthest of all) comes out first.  Only pages
 * never referenced again can tie; the tie is the complement of the load
 * sequence, so the page loaded most recently goes first (the OSTEP
 * simulator's convention).
 */
struct opt {
	struct fheap h;
	uint64_t *seq;		/* load sequence per frame, for the load order */
	uint64_t loads;
};

static int opt_init(void *st, const struct osc_replace_params *p)
{
	struct opt *s = st;

	s->seq = calloc(p->frames, sizeof *s->seq);
	if (s->seq == NULL)
		return OSC_ENOMEM;
	if (fheap_init(&s->h, p->frames) != OSC_OK) {
		free(s->seq);
		return OSC_ENOMEM;
	}
	return OSC_OK;
}

static void opt_fini(void *st)
{
	struct opt *s = st;

	fheap_free(&s->h);
	free(s->seq);
}

static void opt_hit(void *st, uint32_t f, uint64_t next)
{
	struct opt *s = st;

	s->h.key[f] = ~next;
	fheap_fix(&s->h, f);
}

static void opt_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct opt *s = st;

	(void)page;
	(void)prefetch;
	s->seq[f] = ++s->loads;
	s->h.key[f] = ~next;
	s->h.tie[f] = ~s->seq[f];
	fheap_push(&s->h, f);
}

static uint32_t opt_evict(void *st, uint64_t incoming)
{
	struct opt *s = st;

	(void)incoming;
	return fheap_pop(&s->h);
}

/* Load order. */
static size_t opt_order(void *st, uint32_t *out, bool *marks)
{
	struct opt *s = st;
	size_t n = s->h.len, i;

	for (i = 0; i < n; i++) {
		out[i] = s->h.heap[i];
		if (marks)
			marks[i] = false;
	}
	replace_sort_frames(out, n, s->seq);
	return n;
}

const struct osc_replace_ops osc_replace_opt = {
	.name = "opt",
	.summary = "Belady: evict the page used farthest in the future",
	.state_size = sizeof(struct opt),
	.flags = OSC_REPLACE_FUTURE,
	.init = opt_init,
	.fini = opt_fini,
	.hit = opt_hit,
	.load = opt_load,
	.evict = opt_evict,
	.order = opt_order,
};
