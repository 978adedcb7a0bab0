/* bankers-all.c: every safe sequence of a banker's state, in order, with a cap. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

/*
 * Depth-first search over the processes that can run next.  Work only grows
 * as processes finish, so from a safe state every runnable choice leads to
 * a safe state: the search never dead-ends once the state is known to be
 * safe, and its cost is bounded by the sequences it passes on.
 */
struct bk_all {
	const struct osc_bankers *b;
	uint64_t cap, count;
	bool capped, stop;
	osc_bk_seq_fn *fn;
	void *ctx;
	size_t *seq;
	bool *fin;
	uint64_t *works;	/* (nproc + 1) * nres: Work at each depth */
};

static bool all_runnable(const struct bk_all *a, size_t p, const uint64_t *work)
{
	const struct osc_bankers *b = a->b;

	for (size_t r = 0; r < b->nres; r++)
		if (osc_bankers_need(b, p, r) > work[r])
			return false;
	return true;
}

static void all_dfs(struct bk_all *a, size_t depth)
{
	const struct osc_bankers *b = a->b;
	size_t m = b->nres, p, r;
	uint64_t *work = a->works + depth * m, *next = work + m;

	if (depth == b->nproc) {
		if (a->cap && a->count == a->cap) {
			a->capped = a->stop = true;
			return;
		}
		a->count++;
		if (a->fn(a->seq, b->nproc, a->ctx))
			a->stop = true;
		return;
	}
	for (p = 0; p < b->nproc && !a->stop; p++) {
		if (a->fin[p] || !all_runnable(a, p, work))
			continue;
		a->fin[p] = true;
		a->seq[depth] = p;
		for (r = 0; r < m; r++)
			next[r] = work[r] + b->alloc[p * m + r];
		all_dfs(a, depth + 1);
		a->fin[p] = false;
	}
}

int osc_bankers_all(const struct osc_bankers *b, uint64_t cap, osc_bk_seq_fn *fn,
		    void *ctx, uint64_t *count, bool *capped)
{
	struct bk_all a = { .b = b, .cap = cap, .fn = fn, .ctx = ctx };
	size_t n = b->nproc ? b->nproc : 1, got;
	int st = OSC_OK;

	*count = 0;
	*capped = false;
	a.seq = malloc(n * sizeof *a.seq);
	a.fin = calloc(n, sizeof *a.fin);
	a.works = malloc((b->nproc + 1) * (b->nres ? b->nres : 1) *
			 sizeof *a.works);
	if (!a.seq || !a.fin || !a.works) {
		st = OSC_ENOMEM;
		goto out;
	}
	got = osc_bankers_safety(b, OSC_BK_RESTART, a.seq, NULL);
	if (got == (size_t)-1) {
		st = OSC_ENOMEM;
		goto out;
	}
	if (got == b->nproc) {
		memcpy(a.works, b->avail, b->nres * sizeof *a.works);
		all_dfs(&a, 0);
	}
	*count = a.count;
	*capped = a.capped;
out:
	free(a.seq);
	free(a.fin);
	free(a.works);
	return st;
}
