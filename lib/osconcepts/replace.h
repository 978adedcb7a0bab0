/* osconcepts/replace.h: page replacement policies (page-replay). */
#ifndef OSCONCEPTS_REPLACE_H
#define OSCONCEPTS_REPLACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Page replacement (man 7 osc-replacement).  A simulation has `frames`
 * page frames numbered 0..frames-1.  The driver (osc_replace_access) owns
 * the page table (page -> frame), the dirty and prefetch bits and all the
 * counting; a policy only decides which frame to free.  It sees frames, not
 * pages, through four hooks:
 *
 *	hit	the page in `frame` was referenced;
 *	load	`page` was put in `frame` (a free frame, or the one evict
 *		returned); `prefetch` tells a read-ahead load from a fault;
 *	evict	every frame is full and `incoming` is about to be loaded: pick
 *		a victim frame, forget it, return it;
 *	order	the occupied frames in the policy's own order (for the
 *		accesses table), optionally with a mark per frame (clock's
 *		reference bit).
 *
 * Free frames are handed out in order 0, 1, 2, ... before any eviction.
 * `next` is the index of the next reference to the page (OSC_REPLACE_NEVER
 * when there is none); the driver computes it only for policies with
 * OSC_REPLACE_FUTURE (opt) and passes OSC_REPLACE_NEVER otherwise.
 *
 * Adding a policy = one file with one `static const`-initialised ops
 * struct, one line in the registry (lib/replace/registry.c).
 */
#define OSC_REPLACE_NEVER UINT64_MAX
#define OSC_REPLACE_FUTURE 0x1u	/* needs each reference's next use */
#define OSC_REPLACE_FRAMES_MAX (1u << 28)	/* largest frames value */

struct osc_replace_params {
	uint32_t frames;	/* >= 1 */
	uint64_t seed;		/* rand */
	double active_ratio;	/* 2lru: share of frames the active list may hold */
};

struct osc_replace_ops {
	const char *name, *summary;
	size_t state_size;
	unsigned flags;
	int (*init)(void *st, const struct osc_replace_params *p);
	void (*fini)(void *st);
	void (*hit)(void *st, uint32_t frame, uint64_t next);
	void (*load)(void *st, uint32_t frame, uint64_t page, uint64_t next,
		     bool prefetch);
	uint32_t (*evict)(void *st, uint64_t incoming);
	size_t (*order)(void *st, uint32_t *frames, bool *marks);
};

extern const struct osc_replace_ops osc_replace_opt, osc_replace_fifo,
	osc_replace_lru, osc_replace_mru, osc_replace_lfu, osc_replace_clock,
	osc_replace_rand, osc_replace_2lru, osc_replace_arc, osc_replace_2q,
	osc_replace_s3fifo, osc_replace_lirs;

/* The registry: the policies in their documented order, NULL-terminated. */
extern const struct osc_replace_ops *const osc_replace_policies[];
/* The policy called name, or NULL. */
const struct osc_replace_ops *osc_replace_lookup(const char *name);

/* A simulation's settings. */
struct osc_replace_config {
	uint32_t frames;	/* 1..OSC_REPLACE_FRAMES_MAX */
	uint32_t readahead;	/* K: on a fault of p also load p+1..p+K */
	double active_ratio;	/* 2lru, 0..1 (default 0.5) */
	uint64_t seed;		/* rand */
	size_t expected_pages;	/* sizing hint for the page table (0 = small) */
};

/* What a simulation counted (the columns of page-replay's summary). */
struct osc_replace_stats {
	uint64_t accesses, hits, misses, cold_misses, evictions, writebacks;
	uint64_t prefetched, prefetch_hits, prefetch_wasted;
};

/* What one access did (for the accesses table). */
struct osc_replace_event {
	uint64_t index;		/* 0-based position in the trace */
	uint64_t page;
	bool write, hit;
	size_t nevicted;	/* pages evicted by this access (fault + read-ahead) */
	const uint64_t *evicted;	/* owned by the simulation, valid until the next access */
};

struct osc_replace_sim;

/* A new simulation of policy ops (*simp owns it; free with
 * osc_replace_free).  OSC_EUSAGE for a frames value out of range or a bad
 * ratio, OSC_ENOMEM; err says why. */
int osc_replace_new(struct osc_replace_sim **simp,
		    const struct osc_replace_ops *ops,
		    const struct osc_replace_config *cfg, struct osc_error *err);
void osc_replace_free(struct osc_replace_sim *sim);

/*
 * One reference.  next is the index of the page's next reference
 * (OSC_REPLACE_NEVER for none; only OSC_REPLACE_FUTURE policies use it).
 * nextof(ctx, page) gives the next reference of a page that is read ahead
 * (may be NULL when there is no read-ahead or no future).  ev (may be NULL)
 * receives what happened.  OSC_OK or OSC_ENOMEM (the page table could not
 * grow; err says so).
 */
typedef uint64_t osc_replace_next_fn(void *ctx, uint64_t page);
int osc_replace_access(struct osc_replace_sim *sim, uint64_t page, bool write,
		       uint64_t next, osc_replace_next_fn *nextof, void *ctx,
		       struct osc_replace_event *ev, struct osc_error *err);
/* Replay n references (pages[i], written when writes is not NULL and
 * writes[i]) as osc_replace_access would with next OSC_REPLACE_NEVER, no
 * nextof and no events, but faster: hits are counted inline and the page
 * table is prefetched a few references ahead.  For replaying a buffer. */
int osc_replace_access_n(struct osc_replace_sim *sim, const uint64_t *pages,
			 const bool *writes, size_t n, struct osc_error *err);
/* The counts so far; pages prefetched and still unreferenced at the end are
 * neither prefetch hits nor wasted. */
void osc_replace_stats(const struct osc_replace_sim *sim,
		       struct osc_replace_stats *st);
/* The resident pages in the policy's order into pages[] (room for frames
 * entries); marks[] (may be NULL) gets clock's reference bits.  Returns the
 * number of pages. */
size_t osc_replace_resident(struct osc_replace_sim *sim, uint64_t *pages,
			    bool *marks);

/*
 * A whole trace held in memory (needed by opt, sweeps and threads).
 * pages[i] is the i-th page; bit i of writes tells a write.
 */
struct osc_replace_trace {
	uint64_t *pages;
	uint64_t *writes;	/* bitmap */
	size_t n, cap;
	size_t distinct;	/* filled by osc_replace_trace_finish */
};

void osc_replace_trace_init(struct osc_replace_trace *t);
void osc_replace_trace_free(struct osc_replace_trace *t);
int osc_replace_trace_push(struct osc_replace_trace *t, uint64_t page,
			   bool write);
/* n reads at once. */
int osc_replace_trace_push_n(struct osc_replace_trace *t,
			     const uint64_t *pages, size_t n);
static inline bool osc_replace_trace_write(const struct osc_replace_trace *t,
					   size_t i)
{
	return (t->writes[i >> 6] >> (i & 63)) & 1;
}
/* Count the distinct pages (sets t->distinct).  OSC_OK or OSC_ENOMEM. */
int osc_replace_trace_finish(struct osc_replace_trace *t,
			     struct osc_error *err);

/* Called after each access of osc_replace_run with the simulation (for
 * osc_replace_resident) and the event; may be NULL. */
typedef void osc_replace_event_fn(void *ctx, struct osc_replace_sim *sim,
				  const struct osc_replace_event *ev);

/*
 * Replay trace t under policy ops with configuration cfg into *st.
 * For OSC_REPLACE_FUTURE policies a backward pass first computes every
 * reference's next use (8 bytes per reference).  OSC_OK, OSC_EUSAGE,
 * OSC_ENOMEM.
 */
int osc_replace_run(const struct osc_replace_ops *ops,
		    const struct osc_replace_config *cfg,
		    const struct osc_replace_trace *t,
		    osc_replace_event_fn *fn, void *ctx,
		    struct osc_replace_stats *st, struct osc_error *err);

/*
 * LRU at many sizes in one pass (Mattson et al., 1970): the stack
 * distance of every reference, counted over a bitmap of recent times with
 * a Fenwick tree over its words (O(log W) per reference for the largest
 * size W; memory O(distinct pages + W), no trace kept).  For each frames
 * value sizes[i] (any order, repeats allowed) st[i] gets the counts an LRU
 * run without read-ahead would give, write-backs included.
 *
 * Streaming: osc_replace_sweep_new (sizes as for the stats; expected_pages
 * a sizing hint, 0 = small), one osc_replace_sweep_ref per reference (or
 * osc_replace_sweep_ref_n for n of them, writes NULL for reads only), then
 * osc_replace_sweep_stats once (the same sizes, or any of them) and
 * osc_replace_sweep_free (also after a failed new).  OSC_EUSAGE for a
 * frames value out of range, OSC_ENOMEM.
 */
struct osc_replace_sweep;

int osc_replace_sweep_new(struct osc_replace_sweep **swp,
			  const uint64_t *sizes, size_t nsizes,
			  size_t expected_pages, struct osc_error *err);
int osc_replace_sweep_ref(struct osc_replace_sweep *sw, uint64_t page,
			  bool write, struct osc_error *err);
int osc_replace_sweep_ref_n(struct osc_replace_sweep *sw,
			    const uint64_t *pages, const bool *writes, size_t n,
			    struct osc_error *err);
int osc_replace_sweep_stats(struct osc_replace_sweep *sw,
			    const uint64_t *sizes, size_t nsizes,
			    struct osc_replace_stats *st, struct osc_error *err);
void osc_replace_sweep_free(struct osc_replace_sweep *sw);

/* The same over a trace held in memory. */
int osc_replace_lru_sweep(const struct osc_replace_trace *t,
			  const uint64_t *sizes, size_t nsizes,
			  struct osc_replace_stats *st, struct osc_error *err);

#ifdef __cplusplus
}
#endif

#endif
