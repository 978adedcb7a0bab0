/* locks-scc.c: strongly connected components of the lock-order graph (Tarjan, iteratively). */
#include <config.h>

#include <stdlib.h>

#include "locks-impl.h"

#define SCC_NONE SIZE_MAX

struct scc {
	const struct osc_locks *l;
	const size_t *first, *adj;
	size_t *index, *low, *it, next;
	uint32_t *stack, *calls, *comp, ncomp;
	size_t nstack, ncalls;
	bool *on;
};

static void scc_enter(struct scc *t, uint32_t v)
{
	t->index[v] = t->low[v] = t->next++;
	t->it[v] = t->first[v];
	t->stack[t->nstack++] = v;
	t->on[v] = true;
	t->calls[t->ncalls++] = v;
}

/* v's edges are done: close its component if it is a root, return to the
 * caller with the low link. */
static void scc_leave(struct scc *t, uint32_t v)
{
	uint32_t w, u;

	if (t->low[v] == t->index[v]) {
		do {
			w = t->stack[--t->nstack];
			t->on[w] = false;
			t->comp[w] = t->ncomp;
		} while (w != v);
		t->ncomp++;
	}
	t->ncalls--;
	if (t->ncalls) {
		u = t->calls[t->ncalls - 1];
		if (t->low[v] < t->low[u])
			t->low[u] = t->low[v];
	}
}

static void scc_from(struct scc *t, uint32_t root)
{
	uint32_t v, w;

	scc_enter(t, root);
	while (t->ncalls) {
		v = t->calls[t->ncalls - 1];
		if (t->it[v] == t->first[v + 1]) {
			scc_leave(t, v);
			continue;
		}
		w = t->l->oe[t->adj[t->it[v]++]].to;
		if (t->index[w] == SCC_NONE)
			scc_enter(t, w);
		else if (t->on[w] && t->index[w] < t->low[v])
			t->low[v] = t->index[w];
	}
}

int lk_scc(const struct osc_locks *l, const size_t *first, const size_t *adj,
	   uint32_t *comp, uint32_t *ncomp)
{
	size_t n = l->res.n ? l->res.n : 1, v;
	struct scc t = { .l = l, .first = first, .adj = adj, .comp = comp };
	int st = OSC_OK;

	t.index = malloc(n * sizeof *t.index);
	t.low = malloc(n * sizeof *t.low);
	t.it = malloc(n * sizeof *t.it);
	t.stack = malloc(n * sizeof *t.stack);
	t.calls = malloc(n * sizeof *t.calls);
	t.on = calloc(n, sizeof *t.on);
	if (!t.index || !t.low || !t.it || !t.stack || !t.calls || !t.on) {
		st = OSC_ENOMEM;
		goto out;
	}
	for (v = 0; v < l->res.n; v++)
		t.index[v] = SCC_NONE;
	for (v = 0; v < l->res.n; v++)
		if (t.index[v] == SCC_NONE)
			scc_from(&t, (uint32_t)v);
	*ncomp = t.ncomp;
out:
	free(t.index);
	free(t.low);
	free(t.it);
	free(t.stack);
	free(t.calls);
	free(t.on);
	return st;
}
