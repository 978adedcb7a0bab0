/* stack.c: LRU at every size in one pass, from stack distances (Mattson, Gecsei, Slutz, Traiger 1970). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

/*
 * The stack distance of a reference is 1 + the number of distinct pages
 * referenced since the previous reference to the same page; LRU with F
 * frames hits exactly the references with distance <= F.
 *
 * Only distances up to W (the largest size asked for) matter, so the stack
 * is kept only to depth W: the window, the W most recently used pages.  A
 * page outside it is at depth > W.  Every window page holds a timestamp,
 * the time of its latest reference; the timestamps in use ("live") are a
 * bitmap, and the depth of a window page is 1 + the live timestamps above
 * its own.  Those are counted as the bits above it in its own 64-bit word
 * plus the live counts of the later words, which a Fenwick tree over words
 * keeps: O(log(W / 64)) per reference, and a page referenced again within
 * the same word of time (the hottest pages) needs only a popcount.  The
 * word being filled is added to the tree when it is complete.
 *
 * Exact depths matter only against the sizes asked for.  A page whose
 * timestamp is at most S back (S the smallest size) is at depth <= S: a
 * hit at every size, whatever its exact depth; now - t bounds it.  So the
 * newest complete words (all of them less than S back) stay out of the
 * tree, their live count in one sum: a reference to such a page, the
 * commonest kind, needs neither a query nor an update of the tree.  Words
 * join the tree when they fall behind; with S < 128 every complete word
 * does at once.  Write-backs are exact too: a distance and the largest
 * distance since a write are compared only with sizes >= S.
 *
 * The window's least recent page (evicted from it when a new page enters
 * a full window) is the lowest live timestamp; owner[t] is the page-table
 * entry of timestamp t.  Evicted timestamps are below every live one, so
 * the tree need not forget them (a count only ever covers words above a
 * live timestamp).  Timestamps are renumbered 0..L-1 when they run out,
 * in linear time, after at least 3 W references.
 *
 * The per-page state lives in the sweep's own page table: the entry's frame
 * field is the page's timestamp (NOFRAME outside the window), and its flags
 * above PT_SEEN hold the write-back state below.  So a reference touches
 * one random cache line, as a single lru run does, and memory is O(distinct
 * pages + W): the trace itself need not be kept.
 *
 * Write-backs: after a page's write w, a later reference i found the page
 * dirty and evicted at size F iff F < d(i) (it was evicted before i) and no
 * reference between w and i reloaded it, i.e. F >= M, the largest distance
 * among the page's references after w.  So each such reference adds one
 * write-back to every F in [M, d(i) - 1]: a difference array over F.
 * Pages still dirty at the end are evicted iff their final depth exceeds F.
 */
#define FLAG_SHIFT 2		/* flags bits of ptab; M + 1 above them, 0 = clean */
#define RING 16			/* references between a prefetch and its use */

struct osc_replace_sweep {
	struct ptab pt;
	uint64_t *live;		/* bitmap of live timestamps */
	uint64_t *fw;		/* Fenwick tree over completed words, 1-based */
	uint64_t total;		/* the sum of fw's words */
	uint64_t tw;		/* words below tw are in the tree */
	uint64_t pend;		/* complete words kept out of it (from S) */
	uint64_t hsum;		/* live timestamps in words tw..now/64-1 */
	struct ptab_ent **owner;	/* per timestamp: its page's entry */
	uint64_t size;		/* timestamps 0..size-1 (a multiple of 64) */
	uint64_t now, low;	/* next timestamp; no live one below low */
	uint64_t inwin, win;	/* pages in the window; W */
	uint64_t *hist;		/* hist[d]: references at distance d (below
				 * S: at a distance of at most d) */
	int64_t *wdiff;		/* write-back difference array over F */
	uint64_t hcap;		/* hist and wdiff cover 0..hcap+1; hcap >= inwin */
	uint64_t n;		/* references */
	uint64_t written;	/* pages written at least once */
	uint64_t ring_page[RING];	/* references waiting for their prefetch */
	bool ring_write[RING];
	uint64_t ring_in, ring_out;	/* references put in and taken out */
	bool failed;
};

/*
 * Bits set in x.  x86-64 has a popcnt instruction only from x86-64-v2 on
 * (every x86-64 processor since about 2009), so on x86-64 the entry points
 * that count are compiled twice, with and without it, and the dynamic
 * loader picks one for the processor (an ifunc); without it the compiler
 * calls libgcc, which is correct and slower.  GCC only: clang 14 leaves
 * such functions undefined in a static library (seen in CI's fuzz build).
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define COUNTS __attribute__((target_clones("popcnt", "default")))
#else
#define COUNTS
#endif
/* For the functions that count: inlined into each of those copies. */
#define INLINE static inline __attribute__((always_inline))

static inline uint64_t bits(uint64_t x)
{
	return (uint64_t)__builtin_popcountll(x);
}

static inline void fw_add(struct osc_replace_sweep *s, uint64_t w, int64_t v)
{
	uint64_t nw = s->size / 64;

	for (w++; w <= nw; w += w & -w)
		s->fw[w] += (uint64_t)v;
}

/* Live timestamps in words 0..w-1 as the tree counts them. */
static inline uint64_t fw_sum(const struct osc_replace_sweep *s, uint64_t w)
{
	uint64_t r = 0;

	for (; w > 0; w -= w & -w)
		r += s->fw[w];
	return r;
}

/* 1 + the live timestamps above t (t live): the depth of its page, or at
 * least it when t is in a word kept out of the tree (see above). */
INLINE uint64_t sweep_depth(const struct osc_replace_sweep *s, uint64_t t)
{
	uint64_t w0 = t / 64, wc = s->now / 64, c;

	if (w0 >= s->tw && s->pend)
		return s->now - t < s->inwin ? s->now - t : s->inwin;
	c = bits(s->live[w0] & (~1ull << (t & 63)));
	if (w0 != wc) {
		c += s->total - fw_sum(s, w0 + 1) + s->hsum;
		if (s->now & 63)
			c += bits(s->live[wc]);
	}
	return c + 1;
}

/* Complete words that fell behind the newest pend go into the tree. */
static inline void sweep_settle(struct osc_replace_sweep *s)
{
	uint64_t w;

	while (s->tw + s->pend < s->now / 64) {
		w = bits(s->live[s->tw]);
		fw_add(s, s->tw, (int64_t)w);
		s->total += w;
		s->hsum -= w;
		s->tw++;
	}
}

/* The array sizes for the next round of timestamps. */
static uint64_t sweep_size_for(const struct osc_replace_sweep *s)
{
	uint64_t base = 2 * s->inwin < 64 ? 64 : 2 * s->inwin, size;

	if (base > s->win)
		base = s->win;
	size = 4 * base;
	if (size < s->inwin + 64)
		size = s->inwin + 64;
	return (size + 63) / 64 * 64;
}

/* Renumber the live timestamps 0..inwin-1 (oldest first) into arrays sized
 * for the window as it is now, and rebuild the tree. */
static int sweep_compact(struct osc_replace_sweep *s)
{
	uint64_t t, k = 0, size = sweep_size_for(s), nw = size / 64, i, j, w;
	void *p;

	for (i = s->low / 64; i <= (s->now - 1) / 64; i++)
		for (w = s->live[i]; w; w &= w - 1) {
			t = i * 64 + (uint64_t)__builtin_ctzll(w);
			s->owner[k] = s->owner[t];
			s->owner[k]->frame = (uint32_t)k;
			k++;
		}
	if (size != s->size) {
		if ((p = realloc(s->owner, size * sizeof *s->owner)) == NULL)
			return OSC_ENOMEM;
		s->owner = p;
		if ((p = realloc(s->live, nw * sizeof *s->live)) == NULL)
			return OSC_ENOMEM;
		s->live = p;
		if ((p = realloc(s->fw, (nw + 1) * sizeof *s->fw)) == NULL)
			return OSC_ENOMEM;
		s->fw = p;
		s->size = size;
	}
	memset(s->live, 0, nw * sizeof *s->live);
	for (t = 0; t < k / 64; t++)
		s->live[t] = ~0ull;
	if (k & 63)
		s->live[k / 64] = (1ull << (k & 63)) - 1;
	/* The complete words hold 64 each; those below tw form the tree, in
	 * linear time. */
	s->tw = k / 64 > s->pend ? k / 64 - s->pend : 0;
	memset(s->fw, 0, (nw + 1) * sizeof *s->fw);
	for (i = 1; i <= nw; i++) {
		s->fw[i] += i <= s->tw ? 64 : 0;
		j = i + (i & -i);
		if (j <= nw)
			s->fw[j] += s->fw[i];
	}
	s->total = s->tw * 64;
	s->hsum = (k / 64 - s->tw) * 64;
	s->now = k;
	s->low = 0;
	return OSC_OK;
}

static int sweep_grow_hist(struct osc_replace_sweep *s)
{
	uint64_t cap = s->hcap * 2;
	void *p;

	if (cap > s->win)
		cap = s->win;
	if ((p = realloc(s->hist, (cap + 2) * sizeof *s->hist)) == NULL)
		return OSC_ENOMEM;
	s->hist = p;
	if ((p = realloc(s->wdiff, (cap + 2) * sizeof *s->wdiff)) == NULL)
		return OSC_ENOMEM;
	s->wdiff = p;
	memset(s->hist + s->hcap + 2, 0, (cap - s->hcap) * sizeof *s->hist);
	memset(s->wdiff + s->hcap + 2, 0, (cap - s->hcap) * sizeof *s->wdiff);
	s->hcap = cap;
	return OSC_OK;
}

/* One write-back at every F in [lo, d - 1] (d = win + 1: beyond the
 * window, so up to every F).  lo and d - 1 <= hcap unless d is beyond. */
static inline void sweep_writeback(struct osc_replace_sweep *s, uint64_t lo,
				   uint64_t d)
{
	if (lo < 1)
		lo = 1;
	if (lo >= d)
		return;
	s->wdiff[lo]++;
	if (d <= s->win)
		s->wdiff[d]--;
}

/* Move the page of entry p (timestamp or NOFRAME) to the top of the
 * stack; its distance (win + 1 when beyond the window). */
INLINE uint64_t sweep_touch(struct osc_replace_sweep *s, struct ptab_ent *p)
{
	uint64_t d, t = p->frame, e, w;

	if (t != NOFRAME) {
		d = sweep_depth(s, t);
		s->live[t / 64] &= ~(1ull << (t & 63));
		if (t / 64 < s->tw) {
			fw_add(s, t / 64, -1);
			s->total--;
		} else if (t / 64 != s->now / 64) {
			s->hsum--;
		}
	} else {
		d = s->win + 1;
		if (s->inwin == s->win) {
			/* The least recent window page leaves it. */
			e = s->low;
			while (!((w = s->live[e / 64] >> (e & 63)) & 1)) {
				if (w == 0)
					e = (e | 63) + 1;
				else
					e += (uint64_t)__builtin_ctzll(w);
			}
			/* The tree may keep counting it (see above); it is
			 * never in a word kept out of the tree, which are all
			 * fewer than S <= W timestamps back. */
			s->live[e / 64] &= ~(1ull << (e & 63));
			s->owner[e]->frame = NOFRAME;
			s->low = e + 1;
		} else if (++s->inwin > s->hcap && sweep_grow_hist(s) != OSC_OK) {
			return 0;
		}
	}
	t = s->now++;
	s->live[t / 64] |= 1ull << (t & 63);
	s->owner[t] = p;
	p->frame = (uint32_t)t;
	if ((s->now & 63) == 0) {
		/* The word is complete: into the sum, then the tree. */
		s->hsum += bits(s->live[t / 64]);
		sweep_settle(s);
		if (s->now == s->size && sweep_compact(s) != OSC_OK)
			return 0;
	}
	return d;
}

static void sweep_moved(void *ctx, uint32_t frame, struct ptab_ent *p)
{
	struct osc_replace_sweep *s = ctx;

	s->owner[frame] = p;
}

INLINE void sweep_one(struct osc_replace_sweep *s, uint64_t page, bool write)
{
	struct ptab_ent *p = ptab_get(&s->pt, page);
	uint64_t d, m;

	if (p == NULL || (d = sweep_touch(s, p)) == 0) {
		s->failed = true;
		return;
	}
	s->n++;
	if (d <= s->win)
		s->hist[d]++;
	m = p->flags >> FLAG_SHIFT;
	if (m != 0)
		sweep_writeback(s, m - 1, d);
	if (write) {
		s->written += m == 0;
		m = 1;
	}
	else if (m != 0 && d > m - 1)
		m = d + 1;
	p->flags = (uint32_t)((p->flags & ((1u << FLAG_SHIFT) - 1)) |
			      (m << FLAG_SHIFT));
}

int osc_replace_sweep_new(struct osc_replace_sweep **swp,
			  const uint64_t *sizes, size_t nsizes,
			  size_t expected_pages, struct osc_error *err)
{
	struct osc_replace_sweep *s;
	uint64_t smin = 0;
	size_t i;

	*swp = NULL;
	if (nsizes == 0)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "no frames value to sweep");
	if ((s = calloc(1, sizeof *s)) == NULL)
		goto nomem;
	for (i = 0; i < nsizes; i++) {
		if (sizes[i] < 1 || sizes[i] > OSC_REPLACE_FRAMES_MAX) {
			free(s);
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "frames must be between 1 and %u",
					     OSC_REPLACE_FRAMES_MAX);
		}
		if (sizes[i] > s->win)
			s->win = sizes[i];
		if (i == 0 || sizes[i] < smin)
			smin = sizes[i];
	}
	/* Timestamps in the newest pend complete words and the current one
	 * are fewer than 64 (pend + 1) <= smin back. */
	s->pend = smin >= 128 ? smin / 64 - 1 : 0;
	if (ptab_init(&s->pt, expected_pages) != OSC_OK) {
		free(s);
		goto nomem;
	}
	s->pt.moved = sweep_moved;
	s->pt.ctx = s;
	s->size = sweep_size_for(s);
	s->hcap = s->win < 64 ? s->win : 64;
	s->owner = malloc(s->size * sizeof *s->owner);
	s->live = calloc(s->size / 64, sizeof *s->live);
	s->fw = calloc(s->size / 64 + 1, sizeof *s->fw);
	s->hist = calloc(s->hcap + 2, sizeof *s->hist);
	s->wdiff = calloc(s->hcap + 2, sizeof *s->wdiff);
	*swp = s;
	if (!s->owner || !s->live || !s->fw || !s->hist || !s->wdiff)
		goto nomem;
	return OSC_OK;
nomem:
	return osc_error_set(err, OSC_ENOMEM, NULL, 0,
			     "out of memory for the lru sweep");
}

void osc_replace_sweep_free(struct osc_replace_sweep *s)
{
	if (s == NULL)
		return;
	ptab_free(&s->pt);
	free(s->live);
	free(s->fw);
	free(s->owner);
	free(s->hist);
	free(s->wdiff);
	free(s);
}

static int sweep_status(const struct osc_replace_sweep *s,
			struct osc_error *err)
{
	if (s->failed)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "out of memory for the lru sweep");
	return OSC_OK;
}

/* The references still waiting in the ring, in order. */
static void sweep_drain(struct osc_replace_sweep *s)
{
	for (; s->ring_out < s->ring_in && !s->failed; s->ring_out++)
		sweep_one(s, s->ring_page[s->ring_out % RING],
			  s->ring_write[s->ring_out % RING]);
}

COUNTS
int osc_replace_sweep_ref(struct osc_replace_sweep *s, uint64_t page,
			  bool write, struct osc_error *err)
{
	unsigned i = (unsigned)(s->ring_in % RING);

	/* A full ring: the reference RING back (this place) goes first. */
	if (s->ring_in - s->ring_out == RING) {
		sweep_one(s, s->ring_page[i], s->ring_write[i]);
		s->ring_out++;
	}
	s->ring_page[i] = page;
	s->ring_write[i] = write;
	s->ring_in++;
	ptab_prefetch(&s->pt, page);
	return sweep_status(s, err);
}

COUNTS
int osc_replace_sweep_ref_n(struct osc_replace_sweep *s, const uint64_t *pages,
			    const bool *writes, size_t n, struct osc_error *err)
{
	size_t i;

	sweep_drain(s);
	for (i = 0; i < n && i < RING; i++)
		ptab_prefetch(&s->pt, pages[i]);
	/* Reads only: the write tests vanish from this copy of the loop. */
	if (writes == NULL)
		for (i = 0; i < n && !s->failed; i++) {
			if (i + RING < n)
				ptab_prefetch(&s->pt, pages[i + RING]);
			sweep_one(s, pages[i], false);
		}
	else
		for (i = 0; i < n && !s->failed; i++) {
			if (i + RING < n)
				ptab_prefetch(&s->pt, pages[i + RING]);
			sweep_one(s, pages[i], writes[i]);
		}
	return sweep_status(s, err);
}

/* Dirty pages at the end are evicted at the sizes below their depth. */
static void sweep_end_entry(struct osc_replace_sweep *s,
			   const struct ptab_ent *p)
{
	uint64_t m = p->flags >> FLAG_SHIFT;

	if (!(p->flags & PT_USED) || m == 0)
		return;
	sweep_writeback(s, m - 1, p->frame == NOFRAME ? s->win + 1 :
			sweep_depth(s, p->frame));
}

COUNTS
int osc_replace_sweep_stats(struct osc_replace_sweep *s,
			    const uint64_t *sizes, size_t nsizes,
			    struct osc_replace_stats *st, struct osc_error *err)
{
	uint64_t distinct, f, d, hits;
	int64_t wb;
	size_t i;

	sweep_drain(s);
	if (s->failed)
		return sweep_status(s, err);
	for (i = 0; s->written && i < s->pt.ndir; i++)
		sweep_end_entry(s, &s->pt.dir[i]);
	for (i = 0; s->written && s->pt.slot && i <= s->pt.mask; i++)
		sweep_end_entry(s, &s->pt.slot[i].e);
	/* Cumulative: hist[d] = hits, wdiff[d] = write-backs at d frames. */
	for (d = 1, hits = 0, wb = 0; d <= s->hcap; d++) {
		hits += s->hist[d];
		wb += s->wdiff[d];
		s->hist[d] = hits;
		s->wdiff[d] = wb;
	}
	s->hist[0] = 0;
	s->wdiff[0] = 0;
	distinct = ptab_len(&s->pt);
	for (i = 0; i < nsizes; i++) {
		f = sizes[i] < s->hcap ? sizes[i] : s->hcap;
		memset(&st[i], 0, sizeof st[i]);
		st[i].accesses = s->n;
		st[i].hits = s->hist[f];
		st[i].misses = s->n - st[i].hits;
		st[i].cold_misses = distinct;
		st[i].evictions = st[i].misses -
			(sizes[i] < distinct ? sizes[i] : distinct);
		st[i].writebacks = (uint64_t)s->wdiff[f];
	}
	/* Once only: the counts are now cumulative. */
	s->failed = true;
	return OSC_OK;
}

int osc_replace_lru_sweep(const struct osc_replace_trace *t,
			  const uint64_t *sizes, size_t nsizes,
			  struct osc_replace_stats *st, struct osc_error *err)
{
	struct osc_replace_sweep *s;
	size_t i;
	int r;

	if ((r = osc_replace_sweep_new(&s, sizes, nsizes, t->distinct,
				       err)) != OSC_OK) {
		osc_replace_sweep_free(s);
		return r;
	}
	for (i = 0; i < t->n; i++)
		if ((r = osc_replace_sweep_ref(s, t->pages[i],
					       osc_replace_trace_write(t, i),
					       err)) != OSC_OK)
			break;
	if (r == OSC_OK)
		r = osc_replace_sweep_stats(s, sizes, nsizes, st, err);
	osc_replace_sweep_free(s);
	return r;
}
