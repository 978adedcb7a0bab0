/* lru.c: least recently used: evict the page referenced longest ago (a lazy recency queue, O(1) amortized). */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * The recency order is a queue of frame numbers, least recent at the head:
 * every use of a frame (a hit or a load) appends it at the tail, and
 * nothing is unlinked.  A frame's latest entry is the one that counts;
 * cnt[f] is how many entries frame f has in the queue, so an entry is its
 * frame's latest exactly when cnt[f] == 1 as the head reaches it.  The
 * victim is the first such entry from the head; the stale ones before it
 * are dropped on the way.  A hit is then one counter and one sequential
 * store, where a linked list would touch three or four random nodes.
 *
 * When the tail reaches the end of the array the live entries (one per
 * resident frame) move to the front in order; the array holds CAP_PER
 * entries per frame, so that happens at most once per (CAP_PER - 1) *
 * frames uses: O(1) amortized.
 */
#define CAP_PER 4

struct lru {
	uint32_t *q;		/* frames, least recent use first */
	size_t head, tail, cap;
	uint32_t *cnt;		/* entries per frame in q[head, tail) */
	uint8_t *seen;		/* scratch for lru_order */
	uint32_t frames;
};

static int lru_init(void *st, const struct osc_replace_params *p)
{
	struct lru *s = st;

	s->frames = p->frames;
	s->cap = (size_t)p->frames * CAP_PER;
	s->q = malloc(s->cap * sizeof *s->q);
	s->cnt = calloc(p->frames, sizeof *s->cnt);
	s->seen = calloc(p->frames, 1);
	if (!s->q || !s->cnt || !s->seen) {
		free(s->q);
		free(s->cnt);
		free(s->seen);
		return OSC_ENOMEM;
	}
	return OSC_OK;
}

static void lru_fini(void *st)
{
	struct lru *s = st;

	free(s->q);
	free(s->cnt);
	free(s->seen);
}

/* Keep each frame's latest entry only, moved to the front in order. */
static void lru_compact(struct lru *s)
{
	size_t r, w = 0;
	uint32_t f;

	for (r = s->head; r < s->tail; r++) {
		f = s->q[r];
		if (s->cnt[f] == 1)
			s->q[w++] = f;
		else
			s->cnt[f]--;
	}
	s->head = 0;
	s->tail = w;
}

static inline void lru_use(struct lru *s, uint32_t f)
{
	if (s->tail == s->cap)
		lru_compact(s);
	s->q[s->tail++] = f;
	s->cnt[f]++;
}

static void lru_hit(void *st, uint32_t f, uint64_t next)
{
	(void)next;
	lru_use(st, f);
}

/* A page read ahead counts as used when it is loaded, like a fault. */
static void lru_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	(void)page;
	(void)next, (void)prefetch;
	lru_use(st, f);
}

static uint32_t lru_evict(void *st, uint64_t incoming)
{
	struct lru *s = st;
	uint32_t f;

	(void)incoming;
	while (s->cnt[f = s->q[s->head++]] > 1)
		s->cnt[f]--;
	s->cnt[f] = 0;
	return f;
}

/* Least recent first: each frame at its latest entry. */
static size_t lru_order(void *st, uint32_t *out, bool *marks)
{
	struct lru *s = st;
	size_t r, n = 0, i;
	uint32_t f;

	for (r = s->tail; r-- > s->head;) {
		f = s->q[r];
		if (!s->seen[f]) {
			s->seen[f] = 1;
			out[n++] = f;
		}
	}
	for (i = 0; i < n; i++) {
		s->seen[out[i]] = 0;
		if (marks)
			marks[i] = false;
	}
	for (i = 0; i < n / 2; i++) {
		f = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = f;
	}
	return n;
}

const struct osc_replace_ops osc_replace_lru = {
	.name = "lru",
	.summary = "evict the least recently referenced page",
	.state_size = sizeof(struct lru),
	.init = lru_init,
	.fini = lru_fini,
	.hit = lru_hit,
	.load = lru_load,
	.evict = lru_evict,
	.order = lru_order,
};
