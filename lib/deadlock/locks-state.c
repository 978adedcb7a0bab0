/* locks-state.c: deadlocks at the end of a trace: wait-for cycles or the detection algorithm. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "locks-impl.h"

/* Whether thread i re-acquired resource r while holding it (a self-deadlock). */
static bool self_on(const struct osc_locks *l, size_t i, uint32_t r)
{
	for (size_t k = 0; k < l->nselfs; k++)
		if (l->selfs[k].thread == i && l->selfs[k].res == r)
			return true;
	return false;
}

/* The resource-allocation graph: R -> T for holdings, T -> R for requests. */
static int state_edges(struct osc_locks *l, const bool *th_cyc,
		       const bool *res_cyc)
{
	struct osc_lk_edge e;
	const struct lk_thread *t;
	const struct lk_hold *h;

	for (size_t i = 0; i < l->threads.n; i++) {
		t = &l->th[i];
		for (size_t k = 0; k < t->nheld; k++) {
			h = &t->held[k];
			e = (struct osc_lk_edge){ l->res.v[h->res], l->threads.v[i],
				l->threads.v[i], h->site == LK_NONE ? NULL :
				l->sites.v[h->site], h->line, false,
				(th_cyc[i] && res_cyc[h->res]) ||
				self_on(l, i, h->res) };
			if (lk_add_edge(l, &e) != OSC_OK)
				return OSC_ENOMEM;
		}
		if (t->req == LK_NONE)
			continue;
		e = (struct osc_lk_edge){ l->threads.v[i], l->res.v[t->req],
			l->threads.v[i], t->req_site == LK_NONE ? NULL :
			l->sites.v[t->req_site], t->req_line, true, th_cyc[i] };
		if (lk_add_edge(l, &e) != OSC_OK)
			return OSC_ENOMEM;
	}
	return OSC_OK;
}

/* holder[r]: the thread holding single-instance resource r, or LK_NONE. */
static void holders(const struct osc_locks *l, uint32_t *holder)
{
	for (size_t r = 0; r < l->res.n; r++)
		holder[r] = LK_NONE;
	for (size_t i = 0; i < l->threads.n; i++)
		for (size_t k = 0; k < l->th[i].nheld; k++)
			holder[l->th[i].held[k].res] = (uint32_t)i;
}

/* Report the cycle through thread `start` (its smallest thread). */
static int wfg_report(struct osc_locks *l, const uint32_t *wf, uint32_t start)
{
	struct lk_str th = { 0 }, rs = { 0 }, cy = { 0 }, ln = { 0 };
	uint32_t t = start, n = 0;

	do {
		const char *sep = n ? " " : "";

		lk_str_add(&th, "%s%s", sep, l->threads.v[t]);
		lk_str_add(&rs, "%s%s", sep, l->res.v[l->th[t].req]);
		lk_str_add(&ln, "%s%llu", sep,
			   (unsigned long long)l->th[t].req_line);
		lk_str_add(&cy, "%s%s -> %s (held by %s)", n ? " -> " : "",
			   l->threads.v[t], l->res.v[l->th[t].req],
			   l->threads.v[wf[t]]);
		t = wf[t];
		n++;
	} while (t != start);
	l->counts.deadlocked += n;
	if (th.nomem || rs.nomem || cy.nomem || ln.nomem) {
		free(th.s), free(rs.s), free(cy.s), free(ln.s);
		return OSC_ENOMEM;
	}
	return lk_add_finding(l, n == 1 ? OSC_LK_SELF : OSC_LK_DEADLOCK, th.s,
			      rs.s, cy.s, ln.s);
}

/* Single-instance resources: each blocked thread waits for one holder, so
 * the wait-for graph has out-degree <= 1 and its cycles are disjoint. */
static int wfg(struct osc_locks *l, uint32_t *wf, bool *th_cyc, bool *res_cyc)
{
	size_t n = l->threads.n, i;
	uint32_t *mark = calloc(n ? n : 1, sizeof *mark), t, m;
	uint32_t *holder = malloc((l->res.n ? l->res.n : 1) * sizeof *holder);
	int st = OSC_OK;

	if (!mark || !holder) {
		free(mark);
		free(holder);
		return OSC_ENOMEM;
	}
	holders(l, holder);
	for (i = 0; i < n; i++)
		wf[i] = l->th[i].req == LK_NONE ? LK_NONE : holder[l->th[i].req];
	free(holder);
	for (i = 0; i < n && st == OSC_OK; i++) {
		for (t = (uint32_t)i; t != LK_NONE && !mark[t]; t = wf[t])
			mark[t] = (uint32_t)i + 1;
		if (t == LK_NONE || mark[t] != i + 1)
			continue;
		/* t is on a new cycle: start it at its smallest thread. */
		m = t;
		for (uint32_t u = wf[t]; u != t; u = wf[u])
			m = u < m ? u : m;
		for (uint32_t u = m;; ) {
			th_cyc[u] = res_cyc[l->th[u].req] = true;
			if ((u = wf[u]) == m)
				break;
		}
		st = wfg_report(l, wf, m);
	}
	free(mark);
	return st;
}

/* Multi-instance resources: the detection algorithm (Silberschatz 8.7.2). */
static int detect(struct osc_locks *l, bool *dead, bool *res_cyc)
{
	struct lk_str th = { 0 }, rs = { 0 }, ln = { 0 };
	size_t n = l->threads.n, i, k, ndead = 0;
	uint64_t *work = calloc(l->res.n ? l->res.n : 1, sizeof *work);
	const struct lk_thread *t;
	bool progress = true;

	if (!work)
		return OSC_ENOMEM;
	for (i = 0; i < l->res.n; i++)
		work[i] = l->rs[i].instances - l->rs[i].used;
	for (i = 0; i < n; i++)
		dead[i] = l->th[i].nheld > 0;
	while (progress) {
		progress = false;
		for (i = 0; i < n; i++) {
			t = &l->th[i];
			if (!dead[i] || (t->req != LK_NONE &&
					 t->req_count > work[t->req]))
				continue;
			dead[i] = false;
			progress = true;
			for (k = 0; k < t->nheld; k++)
				work[t->held[k].res] += t->held[k].count;
		}
	}
	free(work);
	for (i = 0; i < n; i++) {
		if (!dead[i])
			continue;
		t = &l->th[i];
		res_cyc[t->req] = true;
		lk_str_add(&th, "%s%s", ndead ? " " : "", l->threads.v[i]);
		lk_str_add(&rs, "%s%s", ndead ? " " : "", l->res.v[t->req]);
		lk_str_add(&ln, "%s%llu", ndead ? " " : "",
			   (unsigned long long)t->req_line);
		ndead++;
	}
	l->counts.deadlocked = ndead;
	if (!ndead || th.nomem || rs.nomem || ln.nomem) {
		free(th.s), free(rs.s), free(ln.s);
		return ndead ? OSC_ENOMEM : OSC_OK;
	}
	return lk_add_finding(l, ndead == 1 ? OSC_LK_SELF : OSC_LK_DEADLOCK,
			      th.s, rs.s, NULL, ln.s);
}

/*
 * A thread that acquired again a lock it held (beyond its instances), and is
 * not still blocked on it at the end (the cycle search reported that one),
 * is a self-deadlock: `T -> A (held by T)`, lines where it was taken and
 * taken again.  dead[] says which threads are already counted.
 */
static int state_selfs(struct osc_locks *l, bool *dead)
{
	const struct lk_self *s;
	int st;

	for (size_t i = 0; i < l->nselfs; i++) {
		s = &l->selfs[i];
		if (l->th[s->thread].req == s->res)
			continue;
		if ((st = lk_add_self(l, s, true)) != OSC_OK)
			return st;
		if (!dead[s->thread])
			l->counts.deadlocked++;
		dead[s->thread] = true;
	}
	return OSC_OK;
}

int lk_state(struct osc_locks *l)
{
	size_t n = l->threads.n ? l->threads.n : 1;
	size_t m = l->res.n ? l->res.n : 1;
	bool single = true, *th_cyc, *res_cyc;
	uint32_t *wf = malloc(n * sizeof *wf);
	int st;

	th_cyc = calloc(n, sizeof *th_cyc);
	res_cyc = calloc(m, sizeof *res_cyc);
	for (size_t r = 0; r < l->res.n; r++)
		single = single && l->rs[r].instances == 1;
	if (!wf || !th_cyc || !res_cyc)
		st = OSC_ENOMEM;
	else if (single)
		st = wfg(l, wf, th_cyc, res_cyc);
	else
		st = detect(l, th_cyc, res_cyc);
	if (st == OSC_OK)
		st = state_edges(l, th_cyc, res_cyc);
	if (st == OSC_OK)
		st = state_selfs(l, th_cyc);
	free(wf);
	free(th_cyc);
	free(res_cyc);
	return st;
}
