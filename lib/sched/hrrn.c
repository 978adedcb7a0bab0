/* hrrn.c: highest response ratio next, non-preemptive. */
#include <config.h>

#include <stdlib.h>

#include "sched-int.h"

/*
 * The response ratio (wait + burst) / burst of every waiting job grows
 * with time, each at its own rate, so no single heap stays ordered.  Jobs
 * with the same remaining burst b do keep their order (the one waiting
 * longest leads), so each distinct b gets a heap keyed by the time its
 * wait effectively began, and a pick compares the heads of the groups:
 * O(distinct bursts + log n) per decision.
 */
struct hrrn_group {
	uint64_t burst;
	struct task_heap h;
	size_t apos;		/* index in active[], or SIZE_MAX */
};

struct hrrn {
	struct osc_map by_burst;	/* burst -> group index */
	struct hrrn_group *g;
	size_t ng, gcap;
	size_t *active, nactive;
	size_t ready;
};

static int hrrn_init(void *st, const struct osc_sched_params *p, size_t n,
		     struct osc_error *err)
{
	struct hrrn *h = st;

	(void)p;
	(void)n;
	if (osc_map_init(&h->by_burst, 16) != OSC_OK)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	return OSC_OK;
}

static void hrrn_fini(void *st)
{
	struct hrrn *h = st;
	size_t i;

	for (i = 0; i < h->ng; i++)
		theap_free(&h->g[i].h);
	free(h->g);
	free(h->active);
	osc_map_free(&h->by_burst);
}

static struct hrrn_group *hrrn_group(struct hrrn *h, uint64_t burst)
{
	uint64_t *slot;
	bool created;
	struct hrrn_group *g;

	slot = osc_map_upsert(&h->by_burst, burst, &created);
	if (!slot)
		return NULL;
	if (!created)
		return &h->g[*slot];
	if (h->ng == h->gcap) {
		size_t cap = h->gcap ? 2 * h->gcap : 16;
		struct hrrn_group *ng = realloc(h->g, cap * sizeof *ng);
		size_t *na = realloc(h->active, cap * sizeof *na);

		if (ng)
			h->g = ng;
		if (na)
			h->active = na;
		if (!ng || !na) {
			osc_map_del(&h->by_burst, burst);
			return NULL;
		}
		h->gcap = cap;
	}
	g = &h->g[h->ng];
	if (theap_init(&g->h, 16) != OSC_OK) {
		osc_map_del(&h->by_burst, burst);
		return NULL;
	}
	g->burst = burst;
	g->apos = SIZE_MAX;
	*slot = h->ng++;
	return g;
}

static int hrrn_push(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now)
{
	struct hrrn *h = st;
	struct hrrn_group *g = hrrn_group(h, task_left(t));

	(void)why;
	(void)now;
	if (!g)
		return OSC_ENOMEM;
	t->key = t->since - t->waited;
	if (theap_push(&g->h, t) != OSC_OK)
		return OSC_ENOMEM;
	if (g->apos == SIZE_MAX) {
		g->apos = h->nactive;
		h->active[h->nactive++] = (size_t)(g - h->g);
	}
	h->ready++;
	return OSC_OK;
}

/* Whether a (with burst ba) goes before b (burst bb) at time now. */
static bool hrrn_better(const struct sched_task *a, uint64_t ba,
			const struct sched_task *b, uint64_t bb, uint64_t now)
{
	unsigned __int128 ra = (unsigned __int128)(now - a->key + ba) * bb;
	unsigned __int128 rb = (unsigned __int128)(now - b->key + bb) * ba;

	if (ra != rb)
		return ra > rb;
	if (a->since != b->since)
		return a->since < b->since;
	return a->idx < b->idx;
}

/* Drop group g from the active list when it has emptied. */
static void hrrn_settle(struct hrrn *h, struct hrrn_group *g)
{
	size_t last;

	if (g->h.len)
		return;
	last = h->active[--h->nactive];
	h->active[g->apos] = last;
	h->g[last].apos = g->apos;
	g->apos = SIZE_MAX;
}

static struct sched_task *hrrn_pick(void *st, uint64_t now)
{
	struct hrrn *h = st;
	struct hrrn_group *best = NULL, *g;
	struct sched_task *t;
	size_t i;

	for (i = 0; i < h->nactive; i++) {
		g = &h->g[h->active[i]];
		if (!best || hrrn_better(theap_top(&g->h), g->burst,
					 theap_top(&best->h), best->burst, now))
			best = g;
	}
	if (!best)
		return NULL;
	t = theap_pop(&best->h);
	hrrn_settle(h, best);
	h->ready--;
	return t;
}

/* The tail: the job with the lowest response ratio at now, the last of
 * its group's order; O(ready jobs). */
static struct sched_task *hrrn_steal(void *st, uint64_t now)
{
	struct hrrn *h = st;
	struct hrrn_group *worst = NULL, *g;
	struct sched_task *t;
	size_t i, at = 0, w;

	for (i = 0; i < h->nactive; i++) {
		g = &h->g[h->active[i]];
		w = theap_last_at(&g->h);
		if (!worst || hrrn_better(worst->h.v[at].t, worst->burst,
					  g->h.v[w].t, g->burst, now)) {
			worst = g;
			at = w;
		}
	}
	if (!worst)
		return NULL;
	t = theap_remove_at(&worst->h, at);
	hrrn_settle(h, worst);
	h->ready--;
	return t;
}

static size_t hrrn_count(void *st)
{
	struct hrrn *h = st;

	return h->ready;
}

const struct osc_sched_ops osc_sched_hrrn = {
	.name = "hrrn",
	.summary = "highest response ratio next, non-preemptive",
	.state_size = sizeof(struct hrrn),
	.init = hrrn_init,
	.fini = hrrn_fini,
	.push = hrrn_push,
	.pick = hrrn_pick,
	.steal = hrrn_steal,
	.count = hrrn_count,
};
