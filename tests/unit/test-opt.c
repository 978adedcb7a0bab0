/* test-opt.c: opt against a plain O(n x frames) model of Belady's policy on random traces, read-ahead and any next uses. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

/*
 * The model, written for clarity, not speed: frames in an array, a page's
 * frame found through an array indexed by page (pages are small), and an
 * eviction that looks at every frame for the largest (next use, load
 * sequence): OSC_REPLACE_NEVER is the largest next use, and among equal
 * next uses the page loaded last goes (the spec's tie rule).  The next
 * use of a page comes from the caller: for a trace, the position of its
 * next reference, found by a backward pass over an array indexed by page.
 * Dirty pages, read-ahead and the counts follow the spec's words.
 */
#define PMAX 20000		/* pages are below this */
#define NOF UINT32_MAX

struct model {
	uint32_t frames, used, readahead;
	uint64_t page[1024], key[1024], seq[1024];
	bool dirty[1024], pref[1024];
	uint32_t where[PMAX + 64];	/* frame of each page, NOF if none */
	bool seen[PMAX + 64];
	uint64_t loads;
	bool hit;		/* the last access hit */
	uint64_t evicted[64];
	size_t nev;
	struct osc_replace_stats st;
};

static void model_init(struct model *m, uint32_t frames, uint32_t readahead)
{
	memset(m, 0, sizeof *m);
	m->frames = frames;
	m->readahead = readahead;
	memset(m->where, 0xff, sizeof m->where);
}

static uint32_t model_victim(const struct model *m)
{
	uint32_t f, v = 0;

	for (f = 1; f < m->frames; f++)
		if (m->key[f] > m->key[v] ||
		    (m->key[f] == m->key[v] && m->seq[f] > m->seq[v]))
			v = f;
	return v;
}

static void model_place(struct model *m, uint64_t page, uint64_t next,
			bool pref)
{
	uint32_t f;

	if (m->used < m->frames) {
		f = m->used++;
	} else {
		f = model_victim(m);
		m->st.evictions++;
		m->st.writebacks += m->dirty[f];
		m->st.prefetch_wasted += m->pref[f];
		m->evicted[m->nev++] = m->page[f];
		m->where[m->page[f]] = NOF;
	}
	m->page[f] = page;
	m->key[f] = next;
	m->seq[f] = ++m->loads;
	m->dirty[f] = false;
	m->pref[f] = pref;
	m->where[page] = f;
}

/* One access; upcoming[q] is the next use of page q (for read-ahead). */
static void model_access(struct model *m, uint64_t page, bool write,
			 uint64_t next, const uint64_t *upcoming)
{
	uint32_t f = m->where[page], k;
	bool hit = f != NOF;

	m->hit = hit;
	m->nev = 0;
	m->st.accesses++;
	if (hit) {
		m->st.hits++;
		if (m->pref[f]) {
			m->st.prefetch_hits++;
			m->pref[f] = false;
		}
		m->key[f] = next;
	} else {
		m->st.misses++;
		m->st.cold_misses += !m->seen[page];
		model_place(m, page, next, false);
		f = m->where[page];
	}
	m->seen[page] = true;
	m->dirty[f] |= write;
	if (hit)
		return;
	for (k = 1; k <= m->readahead; k++)	/* p+1..p+K not resident */
		if (m->where[page + k] == NOF) {
			m->st.prefetched++;
			model_place(m, page + k, upcoming ? upcoming[page + k]
					: OSC_REPLACE_NEVER, true);
		}
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A random trace of n references over pages [0, pages): a hot tenth of
 * the pages takes 60%, runs of consecutive pages (read-ahead's case) 10%,
 * the rest uniform; 30% writes. */
static void gen_trace(struct osc_replace_trace *t, size_t n, uint64_t pages)
{
	uint64_t last = 0, p, u;
	size_t i;

	osc_replace_trace_init(t);
	for (i = 0; i < n; i++) {
		u = rnd() % 100;
		if (u < 60)
			p = rnd() % (pages / 10 + 1);
		else if (u < 70)
			p = (last + 1) % pages;
		else
			p = rnd() % pages;
		osc_replace_trace_push(t, p, rnd() % 10 < 3);
		last = p;
	}
	osc_replace_trace_finish(t, NULL);
}

/* next[i]: the position of the next reference to pages[i], by a backward
 * pass with the next position of every page in an array. */
static uint64_t *model_next(const struct osc_replace_trace *t)
{
	static uint64_t up[PMAX + 64];
	uint64_t *next = malloc((t->n + 1) * sizeof *next);
	size_t i;

	for (i = 0; i < PMAX + 64; i++)
		up[i] = OSC_REPLACE_NEVER;
	for (i = t->n; i-- > 0;) {
		next[i] = up[t->pages[i]];
		up[t->pages[i]] = i;
	}
	return next;
}

/* Whether the library's access (its event, its resident pages in load
 * order) is the model's last one. */
static bool same_access(const struct model *m, struct osc_replace_sim *sim,
			const struct osc_replace_event *ev, uint64_t *res)
{
	uint32_t order[1024], f, g, x;
	size_t k, n;

	if (ev->hit != m->hit || ev->nevicted != m->nev)
		return false;
	for (k = 0; k < m->nev; k++)
		if (ev->evicted[k] != m->evicted[k])
			return false;
	n = osc_replace_resident(sim, res, NULL);
	if (n != m->used)
		return false;
	/* The model's frames by load sequence (insertion sort). */
	for (f = 0; f < m->used; f++)
		order[f] = f;
	for (f = 1; f < m->used; f++)
		for (g = f; g > 0 && m->seq[order[g - 1]] > m->seq[order[g]];
		     g--) {
			x = order[g];
			order[g] = order[g - 1];
			order[g - 1] = x;
		}
	for (k = 0; k < n; k++)
		if (res[k] != m->page[order[k]])
			return false;
	return true;
}

/* The model over a whole trace, checking each access of the library's
 * run (its events and resident pages in load order) as it goes. */
struct check {
	struct model m;
	const struct osc_replace_trace *t;
	const uint64_t *next;
	uint64_t up[PMAX + 64];	/* next use of each page from here on */
	size_t bad;		/* first mismatching access + 1 */
	uint64_t res[1024];
};

static void check_event(void *ctx, struct osc_replace_sim *sim,
			const struct osc_replace_event *ev)
{
	struct check *c = ctx;
	struct model *m = &c->m;
	size_t i = ev->index;

	c->up[c->t->pages[i]] = c->next[i];
	model_access(m, c->t->pages[i], osc_replace_trace_write(c->t, i),
		     c->next[i], c->up);
	if (c->bad)
		return;
	if (!same_access(m, sim, ev, c->res))
		c->bad = i + 1;
}
static bool same_stats(const struct osc_replace_stats *a,
		       const struct osc_replace_stats *b)
{
	return a->accesses == b->accesses && a->hits == b->hits &&
	       a->misses == b->misses && a->cold_misses == b->cold_misses &&
	       a->evictions == b->evictions && a->writebacks == b->writebacks &&
	       a->prefetched == b->prefetched &&
	       a->prefetch_hits == b->prefetch_hits &&
	       a->prefetch_wasted == b->prefetch_wasted;
}

/* Replay t under opt with and without events; both against the model. */
static void check_trace(const struct osc_replace_trace *t, uint32_t frames,
			uint32_t readahead, bool events, const char *what)
{
	static struct check c;
	struct osc_replace_config cfg = { .frames = frames,
					  .readahead = readahead, .seed = 1 };
	struct osc_replace_stats st, st2;
	struct osc_error err;
	uint64_t *next = model_next(t);
	size_t i;
	int r;

	memset(&c, 0, sizeof c);
	model_init(&c.m, frames, readahead);
	c.t = t;
	c.next = next;
	for (i = 0; i < PMAX + 64; i++)
		c.up[i] = OSC_REPLACE_NEVER;
	for (i = t->n; i-- > 0;)	/* each page's first reference */
		c.up[t->pages[i]] = i;
	if (events) {
		r = osc_replace_run(&osc_replace_opt, &cfg, t, check_event, &c,
				    &st, &err);
		ok(r == OSC_OK && c.bad == 0 && same_stats(&st, &c.m.st),
		   "%s, %u frames, read-ahead %u: every access as the model's%s",
		   what, frames, readahead,
		   c.bad ? " (not from the first mismatch)" : "");
		if (c.bad)
			printf("#   first mismatch at access %zu\n", c.bad - 1);
	} else {
		for (i = 0; i < t->n; i++) {
			c.up[t->pages[i]] = next[i];
			model_access(&c.m, t->pages[i],
				     osc_replace_trace_write(t, i), next[i],
				     c.up);
		}
	}
	r = osc_replace_run(&osc_replace_opt, &cfg, t, NULL, NULL, &st2, &err);
	ok(r == OSC_OK && same_stats(&st2, &c.m.st),
	   "%s, %u frames, read-ahead %u: counts as the model's (%llu misses)",
	   what, frames, readahead, (unsigned long long)c.m.st.misses);
	free(next);
}

/*
 * The library's callers may pass any next uses to osc_replace_access: the
 * same position for two pages, positions in the past, beyond 2^36, or a
 * future for a page said to have none.  The order stays the spec's
 * (largest next use, then last loaded).  kind: 0 random positions around
 * the present with repeats, NEVER and huge ones; 1 a trace's true next
 * uses for the first half, then kind 0; 2 true next uses plus small
 * offsets (positions shared by two pages).
 */
static uint64_t bogus_up[PMAX + 64];

static uint64_t bogus_nextof(void *ctx, uint64_t page)
{
	(void)ctx;
	return bogus_up[page];
}

static uint64_t bogus_value(size_t i)
{
	uint64_t u = rnd() % 100;

	if (u < 10)
		return OSC_REPLACE_NEVER;
	if (u < 12)
		return ((uint64_t)1 << 40) + rnd() % 8;
	if (u < 20)
		return rnd() % (i + 1);	/* the past */
	return i + 1 + rnd() % 64;	/* near, often shared */
}

static void check_bogus(const struct osc_replace_trace *t, uint32_t frames,
			uint32_t readahead, int kind)
{
	static struct model m;
	struct osc_replace_config cfg = { .frames = frames,
					  .readahead = readahead, .seed = 1 };
	struct osc_replace_sim *sim;
	struct osc_replace_event ev;
	struct osc_replace_stats st;
	struct osc_error err;
	static uint64_t res[1024];
	uint64_t *next = model_next(t), nx;
	size_t i, bad = 0, q;

	model_init(&m, frames, readahead);
	for (q = 0; q < PMAX + 64; q++)
		bogus_up[q] = OSC_REPLACE_NEVER;
	for (i = t->n; i-- > 0;)
		bogus_up[t->pages[i]] = i;
	if (osc_replace_new(&sim, &osc_replace_opt, &cfg, &err) != OSC_OK) {
		ok(0, "osc_replace_new: %s", err.msg);
		free(next);
		return;
	}
	for (i = 0; i < t->n; i++) {
		bool real = kind == 2 || (kind == 1 && i < t->n / 2);

		nx = real ? next[i] : bogus_value(i);
		if (kind == 2 && nx != OSC_REPLACE_NEVER && rnd() % 8 == 0)
			nx += rnd() % 3;
		bogus_up[t->pages[i]] = nx;
		if (!real)	/* read-ahead sees irregular values too */
			for (q = 0; q < 4; q++)
				bogus_up[rnd() % (PMAX / 4)] = bogus_value(i);
		model_access(&m, t->pages[i], osc_replace_trace_write(t, i),
			     nx, bogus_up);
		if (osc_replace_access(sim, t->pages[i],
				       osc_replace_trace_write(t, i), nx,
				       bogus_nextof, NULL, &ev, &err) != OSC_OK ||
		    (!bad && !same_access(&m, sim, &ev, res)))
			bad = bad ? bad : i + 1;
	}
	osc_replace_stats(sim, &st);
	ok(!bad && same_stats(&st, &m.st),
	   "irregular next uses (kind %d), %u frames, read-ahead %u: as the model",
	   kind, frames, readahead);
	if (bad)
		printf("#   first mismatch at access %zu\n", bad - 1);
	osc_replace_free(sim);
	free(next);
}

/* osc_replace_access_n passes no future: every page is never used again,
 * so the page loaded last goes first. */
static void check_no_future(const struct osc_replace_trace *t,
			    uint32_t frames)
{
	static struct model m;
	struct osc_replace_config cfg = { .frames = frames, .seed = 1 };
	struct osc_replace_sim *sim;
	struct osc_replace_stats st;
	struct osc_error err;
	bool *w = malloc(t->n * sizeof *w);
	size_t i;
	int r;

	model_init(&m, frames, 0);
	for (i = 0; i < t->n; i++) {
		w[i] = osc_replace_trace_write(t, i);
		model_access(&m, t->pages[i], w[i], OSC_REPLACE_NEVER, NULL);
	}
	r = osc_replace_new(&sim, &osc_replace_opt, &cfg, &err);
	if (r == OSC_OK) {
		r = osc_replace_access_n(sim, t->pages, w, t->n, &err);
		osc_replace_stats(sim, &st);
		osc_replace_free(sim);
	}
	ok(r == OSC_OK && same_stats(&st, &m.st),
	   "no future (osc_replace_access_n), %u frames: last loaded first",
	   frames);
	free(w);
}

int main(void)
{
	static const uint32_t frames[] = { 1, 2, 3, 5, 17, 64, 300 };
	static const uint64_t pages[] = { 20, 200, 2000 };
	struct osc_replace_trace t;
	size_t a, b;
	uint32_t ra;
	char what[64];

	/* Small traces, every access checked. */
	for (a = 0; a < sizeof pages / sizeof *pages; a++) {
		gen_trace(&t, 3000, pages[a]);
		snprintf(what, sizeof what, "3000 refs over %llu pages",
			 (unsigned long long)pages[a]);
		for (b = 0; b < sizeof frames / sizeof *frames; b++)
			for (ra = 0; ra <= 3; ra += 3)
				check_trace(&t, frames[b], ra, true, what);
		for (ra = 0; ra <= 3; ra += 3)
			for (b = 0; b < 3; b++) {
				check_bogus(&t, frames[1 + 2 * b], ra, 0);
				check_bogus(&t, frames[1 + 2 * b], ra, 1);
				check_bogus(&t, frames[1 + 2 * b], ra, 2);
			}
		check_no_future(&t, 3);
		check_no_future(&t, 64);
		osc_replace_trace_free(&t);
	}
	/* A long trace: positions past the tree's first size (2^17). */
	gen_trace(&t, 300000, PMAX);
	for (ra = 0; ra <= 3; ra += 3) {
		check_trace(&t, 64, ra, false, "300000 refs over 20000 pages");
		check_trace(&t, 1000, ra, false, "300000 refs over 20000 pages");
	}
	osc_replace_trace_free(&t);
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
