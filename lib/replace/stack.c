/* stack.c: LRU at every size in one pass, from stack distances (Mattson, Gecsei, Slutz, Traiger 1970). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

/*
 * The stack distance of a reference is 1 + the number of distinct pages
 * referenced since the previous reference to the same page; LRU with F
 * frames hits exactly the references with distance <= F.
 *
 * Only distances up to maxf (the largest size asked for) matter, so the
 * stack is kept only to depth maxf: a window of the maxf most recently
 * used pages (an LRU list of page ids).  A page outside the window is at
 * depth > maxf.  Inside it, the depth is a range count in a Fenwick tree
 * over window timestamps holding a 1 at each window page's latest
 * reference.  Timestamps are renumbered 0..maxf-1 when they reach 4 maxf,
 * so the tree stays small (and in cache): amortized O(log maxf) per
 * reference, O(maxf + distinct pages) memory.
 *
 * Write-backs: after a page's write w, a later reference i found the page
 * dirty and evicted at size F iff F < d(i) (it was evicted before i) and no
 * reference between w and i reloaded it, i.e. F >= M, the largest distance
 * among the page's references after w.  So each such reference adds one
 * write-back to every F in [M, d(i) - 1]: a difference array over F.
 * Pages still dirty at the end are evicted iff their final depth exceeds F.
 */
#define OUT UINT32_MAX		/* a page id's timestamp when outside the window */
#define FAR UINT64_MAX		/* a distance beyond maxf */
#define NODIRTY UINT64_MAX

struct sweep {
	uint32_t *bit;		/* Fenwick tree over timestamps, 1-based */
	uint32_t size;		/* timestamps 0..size-1 */
	uint32_t now, inwin;	/* next timestamp; pages in the window */
	uint32_t *ts;		/* per page id: timestamp or OUT */
	uint32_t *prev, *next;	/* per page id: the window's LRU list */
	uint32_t head, tail;	/* most and least recent, or OUT */
	uint64_t *maxd;		/* per page id: M, or NODIRTY */
	uint64_t *hist;		/* hist[d]: references at distance d <= maxf */
	int64_t *wdiff;		/* write-back difference array over F */
	uint64_t maxf;
};

static inline void bit_add(struct sweep *s, uint32_t i, uint32_t v)
{
	for (i++; i <= s->size; i += i & -i)
		s->bit[i] += v;
}

/* Sum of timestamps 0..i-1. */
static inline uint32_t bit_sum(const struct sweep *s, uint32_t i)
{
	uint32_t r = 0;

	for (; i > 0; i -= i & -i)
		r += s->bit[i];
	return r;
}

static void list_unlink(struct sweep *s, uint32_t id)
{
	if (s->prev[id] != OUT)
		s->next[s->prev[id]] = s->next[id];
	else
		s->head = s->next[id];
	if (s->next[id] != OUT)
		s->prev[s->next[id]] = s->prev[id];
	else
		s->tail = s->prev[id];
}

static void list_push_head(struct sweep *s, uint32_t id)
{
	s->prev[id] = OUT;
	s->next[id] = s->head;
	if (s->head != OUT)
		s->prev[s->head] = id;
	else
		s->tail = id;
	s->head = id;
}

/* Renumber the window 0..inwin-1 from least to most recent and rebuild
 * the tree (all ones below inwin) in linear time. */
static void sweep_compact(struct sweep *s)
{
	uint32_t id, t = 0, i, j;

	for (id = s->tail; id != OUT; id = s->prev[id])
		s->ts[id] = t++;
	memset(s->bit, 0, (s->size + 1) * sizeof *s->bit);
	for (i = 1; i <= s->size; i++) {
		s->bit[i] += i <= t;
		j = i + (i & -i);
		if (j <= s->size)
			s->bit[j] += s->bit[i];
	}
	s->now = t;
}

static void sweep_writeback(struct sweep *s, uint64_t lo, uint64_t d)
{
	uint64_t hi = d - 1;

	if (lo < 1)
		lo = 1;
	if (hi > s->maxf)
		hi = s->maxf;
	if (lo > hi)
		return;
	s->wdiff[lo]++;
	s->wdiff[hi + 1]--;
}

/* The distance of a reference to id, moving id to the top of the stack. */
static uint64_t sweep_touch(struct sweep *s, uint32_t id)
{
	uint64_t d = FAR;
	uint32_t old;

	if (s->ts[id] != OUT) {
		/* Every window page has one 1: those above ts[id] were
		 * referenced since. */
		d = (uint64_t)s->inwin - bit_sum(s, s->ts[id] + 1) + 1;
		bit_add(s, s->ts[id], (uint32_t)-1);
		list_unlink(s, id);
	} else if (s->inwin == s->maxf) {
		old = s->tail;
		bit_add(s, s->ts[old], (uint32_t)-1);
		s->ts[old] = OUT;
		list_unlink(s, old);
	} else {
		s->inwin++;
	}
	if (s->now == s->size)
		sweep_compact(s);
	list_push_head(s, id);
	s->ts[id] = s->now;
	bit_add(s, s->now++, 1);
	return d;
}

static void sweep_ref(struct sweep *s, uint32_t id, bool seen, bool write)
{
	uint64_t d = sweep_touch(s, id);

	if (d <= s->maxf)
		s->hist[d]++;
	if (seen && s->maxd[id] != NODIRTY)
		sweep_writeback(s, s->maxd[id], d);
	if (write)
		s->maxd[id] = 0;
	else if (seen && s->maxd[id] != NODIRTY && d > s->maxd[id])
		s->maxd[id] = d;
}

static int sweep_alloc(struct sweep *s, size_t distinct)
{
	size_t n = distinct + 1;

	s->size = (uint32_t)(4 * s->maxf);
	s->head = s->tail = OUT;
	s->bit = calloc((size_t)s->size + 1, sizeof *s->bit);
	s->ts = malloc(n * sizeof *s->ts);
	s->prev = malloc(n * sizeof *s->prev);
	s->next = malloc(n * sizeof *s->next);
	s->maxd = malloc(n * sizeof *s->maxd);
	s->hist = calloc(s->maxf + 2, sizeof *s->hist);
	s->wdiff = calloc(s->maxf + 2, sizeof *s->wdiff);
	if (!s->bit || !s->ts || !s->prev || !s->next || !s->maxd ||
	    !s->hist || !s->wdiff)
		return OSC_ENOMEM;
	memset(s->ts, 0xff, n * sizeof *s->ts);
	memset(s->maxd, 0xff, n * sizeof *s->maxd);
	return OSC_OK;
}

static void sweep_free(struct sweep *s)
{
	free(s->bit);
	free(s->ts);
	free(s->prev);
	free(s->next);
	free(s->maxd);
	free(s->hist);
	free(s->wdiff);
}

/* Dirty pages at the end are evicted at the sizes below their depth. */
static void sweep_end(struct sweep *s, uint32_t ids)
{
	uint32_t i;
	uint64_t depth;

	for (i = 0; i < ids; i++) {
		if (s->maxd[i] == NODIRTY)
			continue;
		depth = FAR;
		if (s->ts[i] != OUT)
			depth = (uint64_t)s->inwin - bit_sum(s, s->ts[i] + 1) + 1;
		sweep_writeback(s, s->maxd[i], depth);
	}
}

static int sweep_pass(struct sweep *s, const struct osc_replace_trace *t)
{
	struct ptab pt;
	struct ptab_slot *p;
	uint32_t ids = 0;
	size_t i;
	bool seen;

	if (ptab_init(&pt, t->distinct) != OSC_OK)
		return OSC_ENOMEM;
	for (i = 0; i < t->n; i++) {
		if (i + 12 < t->n)
			ptab_prefetch(&pt, t->pages[i + 12]);
		if ((p = ptab_get(&pt, t->pages[i])) == NULL) {
			ptab_free(&pt);
			return OSC_ENOMEM;
		}
		seen = p->frame != NOFRAME;
		if (!seen)
			p->frame = ids++;
		sweep_ref(s, p->frame, seen, osc_replace_trace_write(t, i));
	}
	sweep_end(s, ids);
	ptab_free(&pt);
	return OSC_OK;
}

static void sweep_fill(const struct sweep *s, const struct osc_replace_trace *t,
		       uint64_t frames, struct osc_replace_stats *st)
{
	uint64_t f = frames < s->maxf ? frames : s->maxf, d, hits = 0;
	int64_t wb = 0;

	for (d = 1; d <= f; d++) {
		hits += s->hist[d];
		wb += s->wdiff[d];
	}
	memset(st, 0, sizeof *st);
	st->accesses = t->n;
	st->hits = hits;
	st->misses = t->n - hits;
	st->cold_misses = t->distinct;
	st->evictions = st->misses -
			(frames < t->distinct ? frames : t->distinct);
	st->writebacks = (uint64_t)wb;
}

int osc_replace_lru_sweep(const struct osc_replace_trace *t,
			  const uint64_t *sizes, size_t nsizes,
			  struct osc_replace_stats *st, struct osc_error *err)
{
	struct sweep s = { 0 };
	size_t i;

	for (i = 0; i < nsizes; i++) {
		if (sizes[i] < 1 || sizes[i] > OSC_REPLACE_FRAMES_MAX)
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "frames must be between 1 and %u",
					     OSC_REPLACE_FRAMES_MAX);
		if (sizes[i] > s.maxf)
			s.maxf = sizes[i];
	}
	if (s.maxf > t->distinct)
		s.maxf = t->distinct;
	if (s.maxf == 0)
		s.maxf = 1;
	if (sweep_alloc(&s, t->distinct) != OSC_OK ||
	    sweep_pass(&s, t) != OSC_OK) {
		sweep_free(&s);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "out of memory for the lru sweep");
	}
	for (i = 0; i < nsizes; i++)
		sweep_fill(&s, t, sizes[i], &st[i]);
	sweep_free(&s);
	return OSC_OK;
}
