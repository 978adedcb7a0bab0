/* arc.c: ARC, the adaptive replacement cache (Megiddo and Modha, FAST 2003). */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * Resident pages are in T1 (seen once recently) or T2 (seen at least
 * twice), both LRU lists; the ghost lists B1 and B2 remember the page
 * numbers last evicted from each.  The target size p of T1 adapts: a miss
 * on a page in B1 raises it by max(1, |B2| / |B1|), one in B2 lowers it by
 * max(1, |B1| / |B2|) (integer division).  REPLACE evicts T1's least
 * recent page into B1 when |T1| > p, or |T1| = p and the incoming page is
 * in B2; else T2's into B2.  Cases I to IV of the paper's figure 4 are
 * followed; a page read ahead is treated as a miss on it.
 */
struct arc {
	struct rlist l;		/* l.head is T1, most recent first */
	struct osc_list t2;
	uint8_t *in_t2;
	uint64_t *page;
	uint32_t n1, n2, c, p;
	struct ghost b1, b2;
};

static int arc_init(void *st, const struct osc_replace_params *p)
{
	struct arc *s = st;

	osc_list_init(&s->l.head);
	osc_list_init(&s->t2);
	s->c = p->frames;
	s->l.node = calloc(p->frames, sizeof *s->l.node);
	s->in_t2 = calloc(p->frames, 1);
	s->page = calloc(p->frames, sizeof *s->page);
	if (s->l.node && s->in_t2 && s->page &&
	    ghost_init(&s->b1, p->frames) == OSC_OK &&
	    ghost_init(&s->b2, p->frames) == OSC_OK)
		return OSC_OK;
	free(s->l.node);
	free(s->in_t2);
	free(s->page);
	ghost_free(&s->b1);
	return OSC_ENOMEM;
}

static void arc_fini(void *st)
{
	struct arc *s = st;

	free(s->l.node);
	free(s->in_t2);
	free(s->page);
	ghost_free(&s->b1);
	ghost_free(&s->b2);
}

static void arc_hit(void *st, uint32_t f, uint64_t next)
{
	struct arc *s = st;

	(void)next;
	osc_list_move_front(&s->t2, &s->l.node[f]);
	if (!s->in_t2[f]) {
		s->in_t2[f] = 1;
		s->n1--;
		s->n2++;
	}
}

static void arc_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		     bool prefetch)
{
	struct arc *s = st;
	bool again = ghost_remove(&s->b1, page) || ghost_remove(&s->b2, page);

	(void)next, (void)prefetch;
	s->page[f] = page;
	s->in_t2[f] = again;
	if (again) {
		osc_list_push_front(&s->t2, &s->l.node[f]);
		s->n2++;
	} else {
		osc_list_push_front(&s->l.head, &s->l.node[f]);
		s->n1++;
	}
}

/* Take the least recent page of T1 (into B1 when ghost is set) or T2. */
static uint32_t arc_take(struct arc *s, bool from_t1, bool ghost)
{
	struct osc_list *n = osc_list_last(from_t1 ? &s->l.head : &s->t2);
	uint32_t f = rlist_frame(&s->l, n);

	osc_list_remove(n);
	if (from_t1) {
		s->n1--;
		if (ghost)
			ghost_push(&s->b1, s->page[f]);
	} else {
		s->n2--;
		ghost_push(&s->b2, s->page[f]);
	}
	s->in_t2[f] = 0;
	return f;
}

static uint32_t arc_replace(struct arc *s, bool in_b2)
{
	bool t1 = s->n1 >= 1 && ((in_b2 && s->n1 == s->p) || s->n1 > s->p);

	return arc_take(s, t1 || s->n2 == 0, true);
}

static uint32_t arc_evict(void *st, uint64_t x)
{
	struct arc *s = st;
	uint32_t d;

	if (ghost_has(&s->b1, x)) {		/* case II */
		d = s->b2.len / s->b1.len;
		d = d > 1 ? d : 1;
		s->p = s->c - s->p > d ? s->p + d : s->c;
		return arc_replace(s, false);
	}
	if (ghost_has(&s->b2, x)) {		/* case III */
		d = s->b1.len / s->b2.len;
		d = d > 1 ? d : 1;
		s->p = s->p > d ? s->p - d : 0;
		return arc_replace(s, true);
	}
	if (s->n1 + s->b1.len == s->c) {	/* case IV A */
		if (s->n1 == s->c)
			return arc_take(s, true, false);
		ghost_drop_tail(&s->b1);
	} else if (s->n1 + s->n2 + s->b1.len + s->b2.len >= 2 * s->c) {
		ghost_drop_tail(&s->b2);	/* case IV B */
	}
	return arc_replace(s, false);
}

/* T1 least recent first, then T2. */
static size_t arc_order(void *st, uint32_t *out, bool *marks)
{
	struct arc *s = st;
	size_t n = rlist_backward(&s->l, &s->l.head, out), i;

	n += rlist_backward(&s->l, &s->t2, out + n);
	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_arc = {
	.name = "arc",
	.summary = "ARC: recency and frequency lists with ghosts, self-tuning",
	.state_size = sizeof(struct arc),
	.init = arc_init,
	.fini = arc_fini,
	.hit = arc_hit,
	.load = arc_load,
	.evict = arc_evict,
	.order = arc_order,
};
