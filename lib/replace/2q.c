/* 2q.c: 2Q (Johnson and Shasha, VLDB 1994), full version: A1in FIFO, A1out ghost FIFO, Am LRU. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * A new page enters A1in (a FIFO); a hit there changes nothing.  A page
 * remembered in A1out (pages recently evicted from A1in) enters Am, an
 * LRU list, as does nothing else.  Eviction takes the oldest A1in page
 * (remembering it in A1out) while A1in holds more than Kin = frames/4
 * (at least 1) or Am is empty, else Am's least recent page.  A1out holds
 * Kout = frames/2 (at least 1) page numbers.
 */
struct q2 {
	struct rlist l;		/* l.head is A1in, newest first */
	struct osc_list am;	/* Am, most recent first */
	uint8_t *in_am;
	uint64_t *page;
	uint32_t nin, nam, kin;
	struct ghost out;
	bool pending, pending_hot;	/* evict looked up the incoming page */
	uint64_t pending_page;
};

static int q2_init(void *st, const struct osc_replace_params *p)
{
	struct q2 *s = st;

	osc_list_init(&s->l.head);
	osc_list_init(&s->am);
	s->kin = p->frames / 4 ? p->frames / 4 : 1;
	s->l.node = calloc(p->frames, sizeof *s->l.node);
	s->in_am = calloc(p->frames, 1);
	s->page = calloc(p->frames, sizeof *s->page);
	if (s->l.node && s->in_am && s->page &&
	    ghost_init(&s->out, p->frames / 2 ? p->frames / 2 : 1) == OSC_OK)
		return OSC_OK;
	free(s->l.node);
	free(s->in_am);
	free(s->page);
	return OSC_ENOMEM;
}

static void q2_fini(void *st)
{
	struct q2 *s = st;

	free(s->l.node);
	free(s->in_am);
	free(s->page);
	ghost_free(&s->out);
}

static void q2_hit(void *st, uint32_t f, uint64_t next)
{
	struct q2 *s = st;

	(void)next;
	if (s->in_am[f])
		osc_list_move_front(&s->am, &s->l.node[f]);
}

static void q2_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		    bool prefetch)
{
	struct q2 *s = st;

	(void)next, (void)prefetch;
	s->page[f] = page;
	if (s->pending && s->pending_page == page)
		s->in_am[f] = s->pending_hot;
	else
		s->in_am[f] = ghost_remove(&s->out, page);
	s->pending = false;
	if (s->in_am[f]) {
		osc_list_push_front(&s->am, &s->l.node[f]);
		s->nam++;
	} else {
		osc_list_push_front(&s->l.head, &s->l.node[f]);
		s->nin++;
	}
}

static uint32_t q2_evict(void *st, uint64_t incoming)
{
	struct q2 *s = st;
	struct osc_list *n;
	uint32_t f;

	/* The paper looks the page up in A1out before making room, which
	 * may push A1out's oldest entry out. */
	s->pending = true;
	s->pending_page = incoming;
	s->pending_hot = ghost_remove(&s->out, incoming);
	if (s->nin > 0 && (s->nin > s->kin || s->nam == 0)) {
		n = osc_list_last(&s->l.head);
		f = rlist_frame(&s->l, n);
		ghost_push(&s->out, s->page[f]);
		s->nin--;
	} else {
		n = osc_list_last(&s->am);
		f = rlist_frame(&s->l, n);
		s->nam--;
	}
	osc_list_remove(n);
	s->in_am[f] = 0;
	return f;
}

/* A1in oldest first, then Am least recent first. */
static size_t q2_order(void *st, uint32_t *out, bool *marks)
{
	struct q2 *s = st;
	size_t n = rlist_backward(&s->l, &s->l.head, out), i;

	n += rlist_backward(&s->l, &s->am, out + n);
	for (i = 0; marks && i < n; i++)
		marks[i] = false;
	return n;
}

const struct osc_replace_ops osc_replace_2q = {
	.name = "2q",
	.summary = "2Q: a FIFO for new pages, an LRU list for pages seen twice",
	.state_size = sizeof(struct q2),
	.init = q2_init,
	.fini = q2_fini,
	.hit = q2_hit,
	.load = q2_load,
	.evict = q2_evict,
	.order = q2_order,
};
