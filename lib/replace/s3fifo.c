/* s3fifo.c: S3-FIFO (Yang et al., SOSP 2023): a small FIFO filters one-hit pages from a main FIFO, with a ghost FIFO. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * New pages enter the small queue S (10% of the frames, at least 1),
 * or the main queue M when the ghost queue G remembers them.  Hits raise
 * a 2-bit frequency (at most 3).  Eviction takes from S while it holds at
 * least its share (or M is empty): its oldest page moves to M with its
 * frequency cleared if it was hit more than once (the authors' reference
 * simulator, libCacheSim, moves at 2 hits and clears), else it is evicted
 * and remembered in G (as many entries as M has frames).  A move that
 * overfills M evicts from M at once.  Eviction from M reinserts its oldest
 * page with its frequency lowered by one until one at 0 is found; pages
 * evicted from M are not remembered.
 */
struct s3fifo {
	struct rlist l;		/* l.head is S, newest first */
	struct osc_list main;	/* M, newest first */
	uint8_t *freq, *in_main;
	uint64_t *page;
	uint32_t nsmall, nmain, cap_small, cap_main;
	struct ghost g;
};

static int s3_init(void *st, const struct osc_replace_params *p)
{
	struct s3fifo *s = st;

	osc_list_init(&s->l.head);
	osc_list_init(&s->main);
	s->cap_small = p->frames / 10 ? p->frames / 10 : 1;
	s->cap_main = p->frames - s->cap_small;
	s->l.node = calloc(p->frames, sizeof *s->l.node);
	s->freq = calloc(p->frames, 1);
	s->in_main = calloc(p->frames, 1);
	s->page = calloc(p->frames, sizeof *s->page);
	if (s->l.node && s->freq && s->in_main && s->page &&
	    ghost_init(&s->g, s->cap_main) == OSC_OK)
		return OSC_OK;
	free(s->l.node);
	free(s->freq);
	free(s->in_main);
	free(s->page);
	return OSC_ENOMEM;
}

static void s3_fini(void *st)
{
	struct s3fifo *s = st;

	free(s->l.node);
	free(s->freq);
	free(s->in_main);
	free(s->page);
	ghost_free(&s->g);
}

static void s3_hit(void *st, uint32_t f, uint64_t next)
{
	struct s3fifo *s = st;

	(void)next;
	if (s->freq[f] < 3)
		s->freq[f]++;
}

static void s3_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		    bool prefetch)
{
	struct s3fifo *s = st;

	(void)next, (void)prefetch;
	s->page[f] = page;
	s->freq[f] = 0;
	s->in_main[f] = ghost_remove(&s->g, page);
	if (s->in_main[f]) {
		osc_list_push_front(&s->main, &s->l.node[f]);
		s->nmain++;
	} else {
		osc_list_push_front(&s->l.head, &s->l.node[f]);
		s->nsmall++;
	}
}

static uint32_t s3_evict_main(struct s3fifo *s)
{
	struct osc_list *n;
	uint32_t f;

	for (;;) {
		n = osc_list_last(&s->main);
		f = rlist_frame(&s->l, n);
		if (s->freq[f] == 0)
			break;
		s->freq[f]--;
		osc_list_move_front(&s->main, n);
	}
	osc_list_remove(n);
	s->in_main[f] = 0;
	s->nmain--;
	return f;
}

static uint32_t s3_evict(void *st, uint64_t incoming)
{
	struct s3fifo *s = st;
	struct osc_list *n;
	uint32_t f;

	(void)incoming;
	while (s->nsmall > 0 && (s->nsmall >= s->cap_small || s->nmain == 0)) {
		n = osc_list_last(&s->l.head);
		f = rlist_frame(&s->l, n);
		osc_list_remove(n);
		s->nsmall--;
		if (s->freq[f] <= 1) {
			ghost_push(&s->g, s->page[f]);
			return f;
		}
		osc_list_push_front(&s->main, n);
		s->in_main[f] = 1;
		s->freq[f] = 0;
		if (++s->nmain > s->cap_main)
			return s3_evict_main(s);
	}
	return s3_evict_main(s);
}

/* Oldest first: S, then M. */
static size_t s3_order(void *st, uint32_t *out, bool *marks)
{
	struct s3fifo *s = st;
	size_t n = rlist_backward(&s->l, &s->l.head, out), i;

	n += rlist_backward(&s->l, &s->main, out + n);
	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_s3fifo = {
	.name = "s3fifo",
	.summary = "S3-FIFO: small, main and ghost FIFO queues",
	.state_size = sizeof(struct s3fifo),
	.init = s3_init,
	.fini = s3_fini,
	.hit = s3_hit,
	.load = s3_load,
	.evict = s3_evict,
	.order = s3_order,
};
