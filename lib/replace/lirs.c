/* lirs.c: LIRS (Jiang and Zhang, SIGMETRICS 2002): pages reused at short distances (LIR) stay; the others (HIR) pass through a small queue. */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>

#include "replace-int.h"

/*
 * The frames hold LIR pages (at most frames - H) and resident HIR pages
 * (H = frames / 100, at least 1, as in the paper; none with one frame).
 * The stack S orders pages by recency, LIR, resident HIR and non-resident
 * HIR ("ghosts": page numbers only) alike, and is pruned so that its
 * bottom is always an LIR page; the queue Q holds the resident HIR pages,
 * the next victim first.
 *
 * A hit on an LIR page moves it to the top of S (pruning S if it was the
 * bottom).  A hit on a resident HIR page in S makes it LIR, and the
 * bottom LIR page becomes HIR, leaving S for the end of Q; a hit on one
 * not in S pushes it on S and moves it to the end of Q.  A fault evicts
 * Q's first page (which stays in S as a ghost if it was there); the new
 * page is LIR while there are fewer than frames - H, else LIR if S
 * remembers it (the bottom LIR page becoming HIR as above), else HIR at
 * the ends of S and Q.
 */
enum { LIR, HIR, GHOST };

struct lnode {
	struct osc_list s;	/* place in S (when in_s) */
	struct osc_list q;	/* place in Q (resident HIR) */
	uint64_t page;
	uint8_t state;
	bool in_s;
};

#define CHUNK 1024		/* ghost nodes allocated at a time */

struct lirs {
	struct lnode *frame;	/* resident pages: one node per frame */
	struct osc_list stack;	/* S, most recent first */
	struct osc_list queue;	/* Q, next victim first */
	struct osc_map ghosts;	/* page -> its ghost node */
	struct lnode **chunk;	/* ghost nodes (never moved) */
	size_t nchunk;
	struct osc_list *spare;	/* free ghost nodes, chained by s.next */
	uint32_t lir_cap, nlir;
};

static struct lnode *s_node(struct osc_list *n)
{
	return (struct lnode *)(void *)((char *)n - offsetof(struct lnode, s));
}

static struct lnode *q_node(struct osc_list *n)
{
	return (struct lnode *)(void *)((char *)n - offsetof(struct lnode, q));
}

static int lirs_init(void *st, const struct osc_replace_params *p)
{
	struct lirs *s = st;
	uint32_t hir = p->frames < 2 ? 0 : p->frames / 100 ? p->frames / 100 : 1;

	osc_list_init(&s->stack);
	osc_list_init(&s->queue);
	s->lir_cap = p->frames - hir;
	s->frame = calloc(p->frames, sizeof *s->frame);
	if (s->frame && osc_map_init(&s->ghosts, p->frames) == OSC_OK)
		return OSC_OK;
	free(s->frame);
	return OSC_ENOMEM;
}

static void lirs_fini(void *st)
{
	struct lirs *s = st;
	size_t i;

	for (i = 0; i < s->nchunk; i++)
		free(s->chunk[i]);
	free(s->chunk);
	free(s->frame);
	osc_map_free(&s->ghosts);
}

static void spare(struct lirs *s, struct lnode *g)
{
	g->s.next = s->spare;
	s->spare = &g->s;
}

/* A free ghost node, or NULL when memory is short (the page is then
 * forgotten: the policy only loses some of its history). */
static struct lnode *ghost_node(struct lirs *s)
{
	struct lnode *g, **c;
	struct osc_list *n;
	size_t i;

	if (s->spare == NULL) {
		c = realloc(s->chunk, (s->nchunk + 1) * sizeof *c);
		if (c == NULL)
			return NULL;
		s->chunk = c;
		if ((g = malloc(CHUNK * sizeof *g)) == NULL)
			return NULL;
		s->chunk[s->nchunk++] = g;
		for (i = 0; i < CHUNK; i++)
			spare(s, &g[i]);
	}
	n = s->spare;
	s->spare = n->next;
	return s_node(n);
}

/* Take a node out of S: a ghost is forgotten. */
static void leave_s(struct lirs *s, struct lnode *n)
{
	osc_list_remove(&n->s);
	n->in_s = false;
	if (n->state == GHOST) {
		osc_map_del(&s->ghosts, n->page);
		spare(s, n);
	}
}

/* Until S's bottom is an LIR page. */
static void prune(struct lirs *s)
{
	struct lnode *b;

	while (!osc_list_empty(&s->stack) &&
	       (b = s_node(osc_list_last(&s->stack)))->state != LIR)
		leave_s(s, b);
}

/* The bottom LIR page becomes HIR, at the end of Q. */
static void demote(struct lirs *s)
{
	struct lnode *b = s_node(osc_list_last(&s->stack));

	leave_s(s, b);
	b->state = HIR;
	s->nlir--;
	osc_list_push_back(&s->queue, &b->q);
	prune(s);
}

static void to_top(struct lirs *s, struct lnode *n)
{
	if (n->in_s)
		osc_list_remove(&n->s);
	osc_list_push_front(&s->stack, &n->s);
	n->in_s = true;
}

/* n becomes LIR at the top of S; if that makes one too many, the bottom
 * LIR page becomes HIR. */
static void make_lir(struct lirs *s, struct lnode *n)
{
	n->state = LIR;
	s->nlir++;
	to_top(s, n);
	if (s->nlir > s->lir_cap)
		demote(s);
}

static void lirs_hit(void *st, uint32_t f, uint64_t next)
{
	struct lirs *s = st;
	struct lnode *n = &s->frame[f];
	bool bottom = n->in_s && osc_list_last(&s->stack) == &n->s;

	(void)next;
	if (n->state == LIR) {
		to_top(s, n);
		if (bottom)
			prune(s);
	} else if (n->in_s) {
		osc_list_remove(&n->q);
		make_lir(s, n);
	} else {
		to_top(s, n);
		osc_list_remove(&n->q);
		osc_list_push_back(&s->queue, &n->q);
	}
}

static void lirs_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		      bool prefetch)
{
	struct lirs *s = st;
	struct lnode *n = &s->frame[f];
	uint64_t *g = osc_map_get(&s->ghosts, page);
	bool known = g != NULL;

	(void)next, (void)prefetch;
	n->page = page;
	if (known)
		leave_s(s, (struct lnode *)(uintptr_t)*g);
	if (known || s->nlir < s->lir_cap) {
		make_lir(s, n);
	} else {
		n->state = HIR;
		to_top(s, n);
		osc_list_push_back(&s->queue, &n->q);
	}
}

/* Q's first page; with one frame (no HIR room) the LIR page. */
static uint32_t lirs_evict(void *st, uint64_t incoming)
{
	struct lirs *s = st;
	struct lnode *v, *g;

	(void)incoming;
	if (osc_list_empty(&s->queue)) {
		v = s_node(osc_list_last(&s->stack));
		leave_s(s, v);
		s->nlir--;
		prune(s);
		return (uint32_t)(v - s->frame);
	}
	v = q_node(osc_list_first(&s->queue));
	osc_list_remove(&v->q);
	if (v->in_s) {
		/* It stays in S, as a ghost in its place. */
		g = ghost_node(s);
		if (g && osc_map_put(&s->ghosts, v->page,
				     (uint64_t)(uintptr_t)g) == OSC_OK) {
			g->page = v->page;
			g->state = GHOST;
			g->in_s = true;
			osc_list_push_front(&v->s, &g->s);
			osc_list_remove(&v->s);
		} else {
			if (g)
				spare(s, g);
			osc_list_remove(&v->s);
		}
		v->in_s = false;
	}
	return (uint32_t)(v - s->frame);
}

/* LIR pages from S's bottom up, then Q from its first page. */
static size_t lirs_order(void *st, uint32_t *out, bool *marks)
{
	struct lirs *s = st;
	struct osc_list *n;
	struct lnode *x;
	size_t k = 0, i;

	for (n = osc_list_last(&s->stack); n != &s->stack; n = n->prev)
		if ((x = s_node(n))->state == LIR)
			out[k++] = (uint32_t)(x - s->frame);
	for (n = osc_list_first(&s->queue); n != &s->queue; n = n->next)
		out[k++] = (uint32_t)(q_node(n) - s->frame);
	for (i = 0; marks && i < k; i++)
		marks[i] = false;
	return k;
}

const struct osc_replace_ops osc_replace_lirs = {
	.name = "lirs",
	.summary = "LIRS: low inter-reference recency pages stay, others queue",
	.state_size = sizeof(struct lirs),
	.init = lirs_init,
	.fini = lirs_fini,
	.hit = lirs_hit,
	.load = lirs_load,
	.evict = lirs_evict,
	.order = lirs_order,
};
