/* locks-order.c: lockdep-style lock-order analysis: every cycle of the order graph once. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "locks-impl.h"

/* A limit that keeps a graph with very many cycles from running for ever. */
#define ORDER_MAX_CYCLES 10000

/*
 * Every elementary cycle is found once, from its smallest lock, with
 * Johnson's algorithm (SIAM J. Comput. 4(1), 1975): a depth-first search
 * from start s through the locks above s in s's strongly connected
 * component, where a lock from which s cannot (yet) be reached stays
 * blocked until a lock on a path to s is unblocked.  Time is O((V + E) (C + 1))
 * for C cycles, so a large acyclic order graph costs one linear pass.
 */
struct order {
	struct osc_locks *l;
	size_t *first, *adj;	/* CSR: out-edges of vertex v are adj[first[v]..first[v+1]) */
	uint32_t *comp;		/* strongly connected component of each lock */
	bool *blocked;
	struct lk_blist *bl;	/* Johnson's B sets */
	size_t *path;		/* edge indices of the current path */
	size_t depth, cycles;
	uint32_t start;
	bool stop;
	int st;
};

struct lk_blist {
	uint32_t *v;
	size_t n, cap;
};

static const char *site(const struct osc_locks *l, uint32_t s)
{
	return s == LK_NONE ? NULL : l->sites.v[s];
}

static void edge_text(struct lk_str *b, const struct osc_locks *l,
		      const struct lk_oedge *e)
{
	lk_str_add(b, "%s->%s %s %llu %llu", l->res.v[e->from], l->res.v[e->to],
		   l->threads.v[e->thread], (unsigned long long)e->line_from,
		   (unsigned long long)e->line_to);
	if (e->site_from != LK_NONE || e->site_to != LK_NONE)
		lk_str_add(b, " @%s @%s", e->site_from == LK_NONE ? "?" :
			   site(l, e->site_from), e->site_to == LK_NONE ? "?" :
			   site(l, e->site_to));
}

/* The first lock held on every edge of the cycle, or LK_NONE. */
static uint32_t common_gate(const struct order *o)
{
	const struct lk_oedge *e0 = &o->l->oe[o->path[0]], *e;
	size_t g, k, j;

	for (g = 0; g < e0->ngates; g++) {
		for (k = 1; k < o->depth; k++) {
			e = &o->l->oe[o->path[k]];
			for (j = 0; j < e->ngates && e->gates[j] != e0->gates[g]; j++)
				;
			if (j == e->ngates)
				break;
		}
		if (k == o->depth)
			return e0->gates[g];
	}
	return LK_NONE;
}

static bool listed(const struct order *o, size_t k, uint32_t thread)
{
	for (size_t i = 0; i < k; i++)
		if (o->l->oe[o->path[i]].thread == thread)
			return true;
	return false;
}

static void report(struct order *o)
{
	struct lk_str th = { 0 }, rs = { 0 }, cy = { 0 }, ln = { 0 };
	struct osc_locks *l = o->l;
	uint32_t gate = common_gate(o);
	const struct lk_oedge *e;

	for (size_t k = 0; k < o->depth; k++) {
		e = &l->oe[o->path[k]];
		if (!listed(o, k, e->thread))
			lk_str_add(&th, "%s%s", th.len ? " " : "",
				   l->threads.v[e->thread]);
		lk_str_add(&rs, "%s%s", k ? " " : "", l->res.v[e->from]);
		lk_str_add(&cy, "%s -> ", l->res.v[e->from]);
		if (k)
			lk_str_add(&ln, "; ");
		edge_text(&ln, l, e);
		if (gate == LK_NONE)
			l->oe[o->path[k]].in_cycle = true;
	}
	lk_str_add(&cy, "%s", l->res.v[o->start]);
	if (gate != LK_NONE)
		lk_str_add(&cy, " (guarded by %s)", l->res.v[gate]);
	if (th.nomem || rs.nomem || cy.nomem || ln.nomem) {
		free(th.s), free(rs.s), free(cy.s), free(ln.s);
		o->st = OSC_ENOMEM;
		return;
	}
	if (gate == LK_NONE)
		l->counts.potential++;
	else
		l->counts.guarded++;
	o->st = lk_add_finding(l, gate == LK_NONE ? OSC_LK_POTENTIAL :
			       OSC_LK_GUARDED, th.s, rs.s, cy.s, ln.s);
}

static bool in_scope(const struct order *o, uint32_t w)
{
	return w >= o->start && o->comp[w] == o->comp[o->start];
}

static void unblock(struct order *o, uint32_t u)
{
	struct lk_blist *b = &o->bl[u];
	uint32_t w;

	o->blocked[u] = false;
	while (b->n) {
		w = b->v[--b->n];
		if (o->blocked[w])
			unblock(o, w);
	}
}

static void block_on(struct order *o, uint32_t v)
{
	struct lk_blist *b;
	uint32_t w;
	size_t k, i;

	for (k = o->first[v]; k < o->first[v + 1]; k++) {
		w = o->l->oe[o->adj[k]].to;
		if (!in_scope(o, w))
			continue;
		b = &o->bl[w];
		for (i = 0; i < b->n && b->v[i] != v; i++)
			;
		if (i < b->n)
			continue;
		if (!lk_grow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v)) {
			o->st = OSC_ENOMEM;
			return;
		}
		b->v[b->n++] = v;
	}
}

static bool circuit(struct order *o, uint32_t v)
{
	bool found = false;
	uint32_t w;
	size_t k;

	o->blocked[v] = true;
	for (k = o->first[v]; k < o->first[v + 1] && !o->stop; k++) {
		w = o->l->oe[o->adj[k]].to;
		if (!in_scope(o, w))
			continue;
		o->path[o->depth++] = o->adj[k];
		if (w == o->start) {
			report(o);
			found = true;
			if (++o->cycles >= ORDER_MAX_CYCLES || o->st != OSC_OK) {
				o->l->counts.cycles_capped = o->st == OSC_OK;
				o->stop = true;
			}
		} else if (!o->blocked[w] && circuit(o, w)) {
			found = true;
		}
		o->depth--;
	}
	if (found)
		unblock(o, v);
	else
		block_on(o, v);
	return found;
}

static int order_csr(struct order *o)
{
	struct osc_locks *l = o->l;
	size_t n = l->res.n, i;
	size_t *fill;

	o->first = calloc(n + 2, sizeof *o->first);
	o->adj = malloc((l->noe ? l->noe : 1) * sizeof *o->adj);
	o->comp = calloc(n ? n : 1, sizeof *o->comp);
	o->blocked = calloc(n ? n : 1, sizeof *o->blocked);
	o->bl = calloc(n ? n : 1, sizeof *o->bl);
	o->path = malloc((n + 1) * sizeof *o->path);
	fill = calloc(n + 1, sizeof *fill);
	if (!o->first || !o->adj || !o->comp || !o->blocked || !o->bl ||
	    !o->path || !fill) {
		free(fill);
		return OSC_ENOMEM;
	}
	for (i = 0; i < l->noe; i++)
		o->first[l->oe[i].from + 1]++;
	for (i = 0; i < n; i++)
		o->first[i + 1] += o->first[i];
	o->first[n + 1] = o->first[n];
	for (i = 0; i < l->noe; i++)
		o->adj[o->first[l->oe[i].from] + fill[l->oe[i].from]++] = i;
	free(fill);
	return OSC_OK;
}

static int order_selfs(struct osc_locks *l)
{
	int st;

	for (size_t i = 0; i < l->nselfs; i++) {
		if ((st = lk_add_self(l, &l->selfs[i], false)) != OSC_OK)
			return st;
		l->counts.deadlocked++;
	}
	return OSC_OK;
}

static int order_edges(struct osc_locks *l)
{
	const struct lk_oedge *e;
	struct osc_lk_edge g;

	for (size_t i = 0; i < l->noe; i++) {
		e = &l->oe[i];
		g = (struct osc_lk_edge){ l->res.v[e->from], l->res.v[e->to],
			l->threads.v[e->thread], site(l, e->site_to), e->line_to,
			false, e->in_cycle };
		if (lk_add_edge(l, &g) != OSC_OK)
			return OSC_ENOMEM;
	}
	/* A self-deadlock is a cycle of one edge, X -> X, where X was taken again. */
	for (size_t i = 0; i < l->nselfs; i++) {
		const struct lk_self *s = &l->selfs[i];

		g = (struct osc_lk_edge){ l->res.v[s->res], l->res.v[s->res],
			l->threads.v[s->thread], site(l, s->site_again),
			s->line_again, false, true };
		if (lk_add_edge(l, &g) != OSC_OK)
			return OSC_ENOMEM;
	}
	return OSC_OK;
}

/* Johnson's search from every lock of every component with a cycle, in
 * increasing order; blocked flags and B sets are reset per start for the
 * component's locks only (members: the locks of each component, ascending). */
static void order_cycles(struct order *o, uint32_t ncomp)
{
	size_t n = o->l->res.n, *cfirst = calloc(ncomp + 2, sizeof *cfirst);
	uint32_t *mem = malloc((n ? n : 1) * sizeof *mem), s, c;
	size_t *fill = calloc(ncomp + 1, sizeof *fill), k;

	if (!cfirst || !mem || !fill) {
		o->st = OSC_ENOMEM;
		goto out;
	}
	for (s = 0; s < n; s++)
		cfirst[o->comp[s] + 1]++;
	for (c = 0; c < ncomp; c++)
		cfirst[c + 1] += cfirst[c];
	for (s = 0; s < n; s++)
		mem[cfirst[o->comp[s]] + fill[o->comp[s]]++] = s;
	for (s = 0; s < n && !o->stop && o->st == OSC_OK; s++) {
		c = o->comp[s];
		if (cfirst[c + 1] - cfirst[c] < 2)
			continue;
		o->start = s;
		for (k = cfirst[c]; k < cfirst[c + 1]; k++) {
			o->blocked[mem[k]] = false;
			o->bl[mem[k]].n = 0;
		}
		circuit(o, s);
	}
out:
	free(cfirst);
	free(mem);
	free(fill);
}

int lk_order(struct osc_locks *l)
{
	struct order o = { .l = l, .st = OSC_OK };
	uint32_t ncomp = 0;

	if ((o.st = order_csr(&o)) == OSC_OK)
		o.st = lk_scc(l, o.first, o.adj, o.comp, &ncomp);
	if (o.st == OSC_OK)
		order_cycles(&o, ncomp);
	if (o.st == OSC_OK)
		o.st = order_selfs(l);
	if (o.st == OSC_OK)
		o.st = order_edges(l);
	for (size_t v = 0; o.bl && v < l->res.n; v++)
		free(o.bl[v].v);
	free(o.first);
	free(o.adj);
	free(o.comp);
	free(o.blocked);
	free(o.bl);
	free(o.path);
	return o.st;
}
