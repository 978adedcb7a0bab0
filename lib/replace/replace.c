/* replace.c: the one driving loop of page replacement: page table, faults, dirty pages, read-ahead. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

struct osc_replace_sim {
	const struct osc_replace_ops *ops;
	void *st;
	uint32_t frames, used, readahead;
	struct ptab pt;
	uint64_t *fpage;	/* page in each frame */
	uint8_t *fflags;	/* F_* per frame */
	uint64_t *evicted;	/* this access's evictions (readahead + 1) */
	uint32_t *order;	/* scratch for osc_replace_resident */
	struct osc_replace_stats stats;
};

/*
 * A page is resident when its slot names a frame that still holds it: an
 * eviction does not touch the evicted page's slot (a cache miss in a large
 * table, as costly as the rest of the access), it only gives the frame to
 * another page.  Dirty and read-ahead bits belong to the frame.
 */
#define F_DIRTY 0x1u		/* written since it was loaded */
#define F_PREFETCH 0x2u		/* read ahead and not referenced yet */

static inline bool sim_resident(const struct osc_replace_sim *sim,
				const struct ptab_ent *e, uint64_t page)
{
	return e->frame != NOFRAME && sim->fpage[e->frame] == page;
}

static int sim_check(const struct osc_replace_config *cfg,
		     struct osc_error *err)
{
	if (cfg->frames < 1 || cfg->frames > OSC_REPLACE_FRAMES_MAX)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "frames must be between 1 and %u, found %u",
				     OSC_REPLACE_FRAMES_MAX, cfg->frames);
	if (!(cfg->active_ratio >= 0 && cfg->active_ratio <= 1))
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "the active ratio must be between 0 and 1");
	if (cfg->readahead > OSC_REPLACE_FRAMES_MAX)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "read-ahead must be at most %u pages",
				     OSC_REPLACE_FRAMES_MAX);
	return OSC_OK;
}

int osc_replace_new(struct osc_replace_sim **simp,
		    const struct osc_replace_ops *ops,
		    const struct osc_replace_config *cfg, struct osc_error *err)
{
	struct osc_replace_sim *sim;
	struct osc_replace_params p;
	int r;

	*simp = NULL;
	if ((r = sim_check(cfg, err)) != OSC_OK)
		return r;
	sim = calloc(1, sizeof *sim);
	if (sim == NULL)
		goto nomem;
	sim->ops = ops;
	sim->frames = cfg->frames;
	sim->readahead = cfg->readahead;
	sim->st = calloc(1, ops->state_size ? ops->state_size : 1);
	sim->fpage = calloc(cfg->frames, sizeof *sim->fpage);
	sim->fflags = calloc(cfg->frames, 1);
	sim->evicted = calloc((size_t)cfg->readahead + 1, sizeof *sim->evicted);
	if (!sim->st || !sim->evicted || !sim->fpage || !sim->fflags ||
	    ptab_init(&sim->pt, cfg->expected_pages) != OSC_OK) {
		free(sim->st);
		sim->st = NULL;
		osc_replace_free(sim);
		goto nomem;
	}
	p.frames = cfg->frames;
	p.seed = cfg->seed;
	p.active_ratio = cfg->active_ratio;
	if (ops->init(sim->st, &p) != OSC_OK) {
		free(sim->st);
		sim->st = NULL;
		osc_replace_free(sim);
		goto nomem;
	}
	*simp = sim;
	return OSC_OK;
nomem:
	return osc_error_set(err, OSC_ENOMEM, NULL, 0,
			     "out of memory for %u frames", cfg->frames);
}

void osc_replace_free(struct osc_replace_sim *sim)
{
	if (sim == NULL)
		return;
	if (sim->st) {
		sim->ops->fini(sim->st);
		free(sim->st);
	}
	ptab_free(&sim->pt);
	free(sim->fpage);
	free(sim->fflags);
	free(sim->evicted);
	free(sim->order);
	free(sim);
}

/* Put page (its entry e) into a frame, evicting one when all are full. */
static void sim_place(struct osc_replace_sim *sim, struct ptab_ent *e,
		      uint64_t page, uint64_t next, bool prefetch, size_t *nev)
{
	uint32_t f;

	if (sim->used < sim->frames) {
		f = sim->used++;
	} else {
		f = sim->ops->evict(sim->st, page);
		sim->stats.evictions++;
		if (sim->fflags[f] & F_DIRTY)
			sim->stats.writebacks++;
		if (sim->fflags[f] & F_PREFETCH)
			sim->stats.prefetch_wasted++;
		sim->evicted[(*nev)++] = sim->fpage[f];
	}
	sim->fpage[f] = page;
	sim->fflags[f] = prefetch ? F_PREFETCH : 0;
	e->frame = f;
	sim->ops->load(sim->st, f, page, next, prefetch);
}

/* Read ahead p+1..p+K after a fault on p. */
static int sim_readahead(struct osc_replace_sim *sim, uint64_t page,
			 osc_replace_next_fn *nextof, void *ctx, size_t *nev)
{
	struct ptab_ent *e;
	uint64_t q, next;
	uint32_t k;

	for (k = 1; k <= sim->readahead; k++) {
		q = page + k;
		if (q < page)	/* past the last page number */
			break;
		if ((e = ptab_get(&sim->pt, q)) == NULL)
			return OSC_ENOMEM;
		if (sim_resident(sim, e, q))
			continue;
		next = nextof ? nextof(ctx, q) : OSC_REPLACE_NEVER;
		sim->stats.prefetched++;
		sim_place(sim, e, q, next, true, nev);
	}
	return OSC_OK;
}

static int sim_nomem(const struct osc_replace_sim *sim, struct osc_error *err)
{
	return osc_error_set(err, OSC_ENOMEM, NULL, 0,
			     "out of memory for the page table (%zu pages)",
			     ptab_len(&sim->pt));
}

int osc_replace_access(struct osc_replace_sim *sim, uint64_t page, bool write,
		       uint64_t next, osc_replace_next_fn *nextof, void *ctx,
		       struct osc_replace_event *ev, struct osc_error *err)
{
	struct ptab_ent *e = ptab_get(&sim->pt, page);
	size_t nev = 0;
	bool hit;
	uint32_t f;

	if (e == NULL)
		goto nomem;
	sim->stats.accesses++;
	hit = sim_resident(sim, e, page);
	if (hit) {
		f = e->frame;
		sim->stats.hits++;
		if (sim->fflags[f] & F_PREFETCH) {
			sim->stats.prefetch_hits++;
			sim->fflags[f] &= ~F_PREFETCH;
		}
		sim->ops->hit(sim->st, f, next);
	} else {
		sim->stats.misses++;
		if (!(e->flags & PT_SEEN))
			sim->stats.cold_misses++;
		sim_place(sim, e, page, next, false, &nev);
		f = e->frame;
	}
	e->flags |= PT_SEEN;
	if (write)
		sim->fflags[f] |= F_DIRTY;
	if (!hit && sim->readahead > 0 &&
	    sim_readahead(sim, page, nextof, ctx, &nev) != OSC_OK)
		goto nomem;
	if (ev) {
		ev->index = sim->stats.accesses - 1;
		ev->page = page;
		ev->write = write;
		ev->hit = hit;
		ev->nevicted = nev;
		ev->evicted = sim->evicted;
	}
	return OSC_OK;
nomem:
	return sim_nomem(sim, err);
}

/*
 * The replay without events or read-ahead: the whole cost of a long run.
 * Without read-ahead a resident page has been accessed and carries no
 * read-ahead mark, so a hit is the page-table line, the frame's page and
 * the policy's hook; a fault needs no event record.  The accesses are
 * counted by the caller.
 */
static int lean_miss(struct osc_replace_sim *sim, struct ptab_ent *e,
		     uint64_t page, bool write, uint64_t next)
{
	uint32_t f;

	if (e == NULL && (e = ptab_get(&sim->pt, page)) == NULL)
		return OSC_ENOMEM;
	sim->stats.misses++;
	if (!(e->flags & PT_SEEN)) {
		sim->stats.cold_misses++;
		e->flags |= PT_SEEN;
	}
	if (sim->used < sim->frames) {
		f = sim->used++;
	} else {
		f = sim->ops->evict(sim->st, page);
		sim->stats.evictions++;
		sim->stats.writebacks += (sim->fflags[f] & F_DIRTY) != 0;
	}
	sim->fpage[f] = page;
	sim->fflags[f] = write ? F_DIRTY : 0;
	e->frame = f;
	sim->ops->load(sim->st, f, page, next, false);
	return OSC_OK;
}

/* How many references ahead the page table is prefetched: enough to cover
 * a memory latency, few enough to stay in the cache. */
#define AHEAD 16

/* Whether reference i writes: writes[i], or bit i of wbits. */
static inline bool ref_write(const bool *writes, const uint64_t *wbits,
			     size_t i)
{
	if (writes)
		return writes[i];
	return wbits && (wbits[i / 64] >> (i % 64) & 1);
}

/*
 * The loop, inlined twice: for plain reads (no writes, no next uses: the
 * tests on them vanish) and for the rest.  Hits are counted in a local
 * (the policy's hooks could otherwise change the counter, as far as the
 * compiler knows, and it would be reloaded every time).
 */
static inline __attribute__((always_inline)) int
lean_body(struct osc_replace_sim *sim, const uint64_t *pages,
	  const bool *writes, const uint64_t *wbits, const uint64_t *next,
	  size_t n)
{
	const struct osc_replace_ops *ops = sim->ops;
	struct ptab_ent *e;
	uint64_t u, hits = 0;
	size_t i;
	bool w;

	for (i = 0; i < n && i < AHEAD; i++)
		ptab_prefetch(&sim->pt, pages[i]);
	for (i = 0; i < n; i++) {
		if (i + AHEAD < n)
			ptab_prefetch(&sim->pt, pages[i + AHEAD]);
		e = ptab_lookup(&sim->pt, pages[i]);
		w = ref_write(writes, wbits, i);
		u = next ? next[i] : OSC_REPLACE_NEVER;
		if (e && sim_resident(sim, e, pages[i])) {
			if (w)
				sim->fflags[e->frame] |= F_DIRTY;
			hits++;
			ops->hit(sim->st, e->frame, u);
		} else if (lean_miss(sim, e, pages[i], w, u) != OSC_OK) {
			break;
		}
	}
	sim->stats.hits += hits;
	sim->stats.accesses += i;
	return i == n ? OSC_OK : OSC_ENOMEM;
}

static int lean_replay(struct osc_replace_sim *sim, const uint64_t *pages,
		       const bool *writes, const uint64_t *wbits,
		       const uint64_t *next, size_t n)
{
	if (!writes && !wbits && !next)
		return lean_body(sim, pages, NULL, NULL, NULL, n);
	return lean_body(sim, pages, writes, wbits, next, n);
}

/* A replay: the lean loop, or with read-ahead every access in full. */
static int sim_replay(struct osc_replace_sim *sim, const uint64_t *pages,
		      const bool *writes, const uint64_t *wbits,
		      const uint64_t *next, size_t n, struct osc_error *err)
{
	size_t i;
	int r;

	if (sim->readahead == 0) {
		if (lean_replay(sim, pages, writes, wbits, next, n) == OSC_OK)
			return OSC_OK;
		return sim_nomem(sim, err);
	}
	for (i = 0; i < n; i++)
		if ((r = osc_replace_access(sim, pages[i],
					    ref_write(writes, wbits, i),
					    next ? next[i] : OSC_REPLACE_NEVER,
					    NULL, NULL, NULL, err)) != OSC_OK)
			return r;
	return OSC_OK;
}

int osc_replace_access_n(struct osc_replace_sim *sim, const uint64_t *pages,
			 const bool *writes, size_t n, struct osc_error *err)
{
	return sim_replay(sim, pages, writes, NULL, NULL, n, err);
}

int replace_replay(struct osc_replace_sim *sim,
		   const struct osc_replace_trace *t, const uint64_t *next,
		   struct osc_error *err)
{
	return sim_replay(sim, t->pages, NULL, t->writes, next, t->n, err);
}

void osc_replace_stats(const struct osc_replace_sim *sim,
		       struct osc_replace_stats *st)
{
	*st = sim->stats;
}

size_t osc_replace_resident(struct osc_replace_sim *sim, uint64_t *pages,
			    bool *marks)
{
	size_t i, n;

	if (sim->order == NULL) {
		sim->order = calloc(sim->frames, sizeof *sim->order);
		if (sim->order == NULL)
			return 0;
	}
	n = sim->ops->order(sim->st, sim->order, marks);
	for (i = 0; i < n; i++)
		pages[i] = sim->fpage[sim->order[i]];
	return n;
}
