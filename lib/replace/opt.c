/* opt.c: Belady's optimal policy: evict the page whose next reference is farthest away. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

/*
 * The order: the farthest next use goes first, OSC_REPLACE_NEVER farthest
 * of all.  Only pages never referenced again can tie; among them the page
 * loaded most recently goes first (the OSTEP simulator's convention).
 *
 * The driver's next uses are positions in the trace, and two resident
 * pages never share one (one page per reference).  So the resident pages
 * with a future form a set of distinct positions, kept as a bitmap tree
 * (64-ary: a bit of a word at one level says the word under it at the
 * level below is not zero): a hit at position i clears bit i, which is the
 * lowest set bit, near the bits the previous hits cleared, and sets the
 * bit of the next use; the victim is the highest set bit, found from the
 * top with a count of leading zeros per level.  The tree grows by
 * doubling as positions arrive: for 10M references it has 4 levels and
 * 2 MB of leaves (at most two bits per reference, beside the driver's 8
 * bytes).  A victim's position gives its frame through a hash table of
 * (position, frame) pairs, 2 to 4 slots per frame.  No entry is deleted
 * on a hit: every position at or before the last hit's (`now`) is past,
 * so its slot counts as free, and an insertion takes the first free slot
 * of its run; a lookup goes on until it finds its position, which a frame
 * still holds.
 *
 * Pages never referenced again go first, the last loaded first.  Most of
 * them are loaded so (a page's last reference is its only one): those are
 * the newest, and a stack in load order holds them; a page whose last
 * reference is a hit is older than some, and waits in a heap keyed by the
 * complement of its load sequence.  The victim is the newer of the two
 * tops.
 *
 * The next uses of the library's callers need not be a trace's: a
 * position used twice, one in the past, one beyond the tree's limit, or an
 * unexpected hit turns the policy into one heap of all frames keyed by
 * (complement of the next use, complement of the load sequence), the
 * order above for any next uses, as fast as before this tree (O(log F)).
 */

#define POS_BITS 36			/* positions below 2^36 (64G references) */
#define FRAME_BITS 28			/* OSC_REPLACE_FRAMES_MAX = 2^28 */
#define POS_LIMIT ((uint64_t)1 << POS_BITS)
#define FRAME_MASK (((uint64_t)1 << FRAME_BITS) - 1)
#define GONE (OSC_REPLACE_NEVER - 1)	/* key of a frame with no page */
#define LEVELS_MAX 7			/* 64^6 = 2^36 positions */

struct opt {
	uint64_t *key;		/* next use per frame, OSC_REPLACE_NEVER or GONE */
	uint64_t *seq;		/* load sequence per frame, for the load order */
	uint64_t loads;
	uint32_t frames;
	bool heap_only;		/* all frames in h (irregular next uses) */
	struct fheap h;		/* the frames never used again, or all */
	uint32_t *stack;	/* frames never used again, in load order */
	uint32_t top;		/* frames on it */
	/* the bitmap tree: lv[0] leaves, lv[levels - 1] one word */
	uint64_t *lv[LEVELS_MAX];
	unsigned levels;
	uint64_t cap;		/* positions [0, cap) */
	/* position -> frame: (position << FRAME_BITS | frame) per slot */
	uint64_t *slot;
	uint64_t mask;
	unsigned shift;		/* 64 - log2(slots) */
	uint64_t now;		/* position of the last hit */
};

/* Words of level k for cap positions. */
static size_t lv_words(uint64_t cap, unsigned k)
{
	uint64_t w = cap;

	do
		w = (w + 63) / 64;
	while (k-- > 0);
	return (size_t)w;
}

/* Grow the tree to hold position p (p < POS_LIMIT); OSC_ENOMEM leaves it
 * as it was. */
static int bt_grow(struct opt *s, uint64_t p)
{
	uint64_t *nl[LEVELS_MAX] = { NULL }, *leaf, cap = s->cap;
	size_t old = lv_words(s->cap, 0), w, j;
	unsigned k, levels;

	while (cap <= p)
		cap *= 2;
	for (k = 1; (w = lv_words(cap, k - 1)) > 1; k++)
		if ((nl[k] = calloc(lv_words(cap, k), sizeof **nl)) == NULL)
			goto nomem;
	levels = k;
	leaf = realloc(s->lv[0], lv_words(cap, 0) * sizeof *leaf);
	if (leaf == NULL)
		goto nomem;
	memset(leaf + old, 0, (lv_words(cap, 0) - old) * sizeof *leaf);
	nl[0] = leaf;
	for (k = 1; k < levels; k++) {
		w = lv_words(cap, k - 1);
		for (j = 0; j < w; j++)
			if (nl[k - 1][j])
				nl[k][j / 64] |= (uint64_t)1 << (j % 64);
	}
	for (k = 1; k < s->levels; k++)
		free(s->lv[k]);
	memcpy(s->lv, nl, sizeof nl);
	s->levels = levels;
	s->cap = cap;
	return OSC_OK;
nomem:
	for (k = 1; k < LEVELS_MAX; k++)
		free(nl[k]);
	return OSC_ENOMEM;
}

static inline bool bt_test(const struct opt *s, uint64_t p)
{
	return s->lv[0][p / 64] >> (p % 64) & 1;
}

/* Set bit p; the levels above change only when its word was zero. */
static inline void bt_set(struct opt *s, uint64_t p)
{
	unsigned k;
	uint64_t w = s->lv[0][p / 64];

	s->lv[0][p / 64] = w | (uint64_t)1 << (p % 64);
	if (w)
		return;
	for (k = 1, p /= 64; k < s->levels; k++, p /= 64) {
		w = s->lv[k][p / 64];
		s->lv[k][p / 64] = w | (uint64_t)1 << (p % 64);
		if (w)
			break;
	}
}

/* Clear bit p; the levels above change only when its word becomes zero. */
static inline void bt_clear(struct opt *s, uint64_t p)
{
	unsigned k;

	if ((s->lv[0][p / 64] &= ~((uint64_t)1 << (p % 64))) != 0)
		return;
	for (k = 1, p /= 64; k < s->levels; k++, p /= 64)
		if ((s->lv[k][p / 64] &= ~((uint64_t)1 << (p % 64))) != 0)
			break;
}

/* The highest set position (the tree is not empty). */
static inline uint64_t bt_max(const struct opt *s)
{
	uint64_t p = 0;
	unsigned k = s->levels;

	while (k-- > 0)
		p = p * 64 + 63 - (uint64_t)__builtin_clzll(s->lv[k][p]);
	return p;
}

static inline uint64_t slot_of(const struct opt *s, uint64_t p)
{
	return (p * 0x9e3779b97f4a7c15ull) >> s->shift;
}

/* Note that frame f holds position p; false when the table is full of
 * positions to come (only with irregular next uses). */
static inline bool pmap_put(struct opt *s, uint64_t p, uint32_t f)
{
	uint64_t i = slot_of(s, p), n;

	for (n = 0; n <= s->mask; n++, i = (i + 1) & s->mask)
		if (s->slot[i] >> FRAME_BITS <= s->now) {
			s->slot[i] = p << FRAME_BITS | f;
			return true;
		}
	return false;
}

/* The frame holding position p, its slot freed; NOFRAME if none. */
static inline uint32_t pmap_take(struct opt *s, uint64_t p)
{
	uint64_t i = slot_of(s, p), n, v;
	uint32_t f;

	for (n = 0; n <= s->mask; n++, i = (i + 1) & s->mask) {
		v = s->slot[i];
		f = (uint32_t)(v & FRAME_MASK);
		if (v >> FRAME_BITS == p && f < s->frames && s->key[f] == p) {
			s->slot[i] = 0;
			return f;
		}
	}
	return NOFRAME;
}

/* Whether position p can be added for a frame: not past, not held, within
 * the tree's limit and memory. */
static inline bool pos_ok(struct opt *s, uint64_t p)
{
	if (p <= s->now || p >= POS_LIMIT)
		return false;
	if (p >= s->cap && bt_grow(s, p) != OSC_OK)
		return false;
	return !bt_test(s, p);
}

/* Frame f is never used again: onto the stack when it was loaded after
 * the frames there, else into the heap. */
static inline void never_push(struct opt *s, uint32_t f)
{
	s->key[f] = OSC_REPLACE_NEVER;
	if (s->top == 0 || s->seq[s->stack[s->top - 1]] < s->seq[f]) {
		s->stack[s->top++] = f;
		return;
	}
	s->h.key[f] = 0;	/* ~OSC_REPLACE_NEVER */
	s->h.tie[f] = ~s->seq[f];
	fheap_push(&s->h, f);
}

/* The frame never used again loaded last (there is one). */
static inline uint32_t never_pop(struct opt *s)
{
	uint32_t f;

	if (s->top > 0) {
		f = s->stack[s->top - 1];
		if (s->h.len == 0 || s->seq[f] > ~s->h.tie[s->h.heap[0]]) {
			s->top--;
			return f;
		}
	}
	return fheap_pop(&s->h);
}

/* Give up the tree: every frame into the heap by (~next, ~seq). */
static void to_heap(struct opt *s)
{
	uint64_t n = s->loads < s->frames ? s->loads : s->frames;
	uint32_t f;
	unsigned k;

	/* The frames never used again outside the heap are on the stack. */
	while (s->top > 0) {
		f = s->stack[--s->top];
		s->h.key[f] = 0;
		s->h.tie[f] = ~s->seq[f];
		fheap_push(&s->h, f);
	}
	for (f = 0; f < n; f++)
		if (s->key[f] != OSC_REPLACE_NEVER && s->key[f] != GONE) {
			s->h.key[f] = ~s->key[f];
			s->h.tie[f] = ~s->seq[f];
			fheap_push(&s->h, f);
		}
	s->heap_only = true;
	for (k = 0; k < s->levels; k++) {
		free(s->lv[k]);
		s->lv[k] = NULL;
	}
	s->levels = 0;
	s->cap = 0;		/* no position is in the tree */
	free(s->slot);
	s->slot = NULL;
}

static void opt_fini(void *st)
{
	struct opt *s = st;
	unsigned k;

	fheap_free(&s->h);
	free(s->key);
	free(s->seq);
	free(s->stack);
	for (k = 0; k < s->levels; k++)
		free(s->lv[k]);
	free(s->slot);
}

static int opt_init(void *st, const struct osc_replace_params *p)
{
	struct opt *s = st;
	uint64_t slots = 64;
	uint32_t f;

	memset(s, 0, sizeof *s);
	s->frames = p->frames;
	s->shift = 64 - 6;
	while (slots < 2 * (uint64_t)p->frames) {
		slots *= 2;
		s->shift--;
	}
	s->mask = slots - 1;
	s->cap = 64;
	s->key = malloc(p->frames * sizeof *s->key);
	s->seq = calloc(p->frames, sizeof *s->seq);
	s->stack = malloc(p->frames * sizeof *s->stack);
	s->slot = calloc(slots, sizeof *s->slot);
	s->lv[0] = calloc(1, sizeof *s->lv[0]);
	s->levels = 1;
	if (!s->key || !s->seq || !s->stack || !s->slot || !s->lv[0] ||
	    fheap_init(&s->h, p->frames) != OSC_OK ||
	    bt_grow(s, (uint64_t)1 << 16) != OSC_OK) {
		opt_fini(s);
		return OSC_ENOMEM;
	}
	for (f = 0; f < p->frames; f++)
		s->key[f] = GONE;
	return OSC_OK;
}

/* A hit off the common path: the tree grows, the page is never used
 * again, or the next uses are not a trace's. */
static __attribute__((noinline)) void hit_slow(struct opt *s, uint32_t f,
					       uint64_t next)
{
	uint64_t k = s->key[f];

	if (s->heap_only)
		goto heap;
	if (k == OSC_REPLACE_NEVER && next == OSC_REPLACE_NEVER)
		return;
	/* A hit is at the frame's next use, after the last hit's. */
	if (k == OSC_REPLACE_NEVER || k <= s->now || k >= POS_LIMIT ||
	    (next != OSC_REPLACE_NEVER &&
	     (next <= k || !pos_ok(s, next) || !pmap_put(s, next, f)))) {
		to_heap(s);
		goto heap;
	}
	s->now = k;
	bt_clear(s, k);
	if (next == OSC_REPLACE_NEVER) {
		never_push(s, f);
		return;
	}
	bt_set(s, next);
	s->key[f] = next;
	return;
heap:
	s->h.key[f] = ~next;
	fheap_fix(&s->h, f);
}

static void opt_hit(void *st, uint32_t f, uint64_t next)
{
	struct opt *s = st;
	uint64_t k = s->key[f];

	/* The common case, the checks of hit_slow in fewer tests: k < cap
	 * (the tree is there and k is a position) and next < cap (next is
	 * a position the tree holds). */
	if (k > s->now && k < s->cap && next > k && next < s->cap &&
	    !bt_test(s, next) && pmap_put(s, next, f)) {
		s->now = k;
		bt_clear(s, k);
		bt_set(s, next);
		s->key[f] = next;
		return;
	}
	hit_slow(s, f, next);
}

static void opt_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct opt *s = st;

	(void)page;
	(void)prefetch;
	s->seq[f] = ++s->loads;
	if (!s->heap_only) {
		if (next == OSC_REPLACE_NEVER) {
			never_push(s, f);
			return;
		}
		if (pos_ok(s, next) && pmap_put(s, next, f)) {
			bt_set(s, next);
			s->key[f] = next;
			return;
		}
		s->key[f] = GONE;
		to_heap(s);
	}
	s->h.key[f] = ~next;
	s->h.tie[f] = ~s->seq[f];
	fheap_push(&s->h, f);
}

static uint32_t opt_evict(void *st, uint64_t incoming)
{
	struct opt *s = st;
	uint64_t p;
	uint32_t f;

	(void)incoming;
	if (s->heap_only || s->h.len > 0 || s->top > 0) {
		f = s->heap_only ? fheap_pop(&s->h) : never_pop(s);
		s->key[f] = GONE;
		return f;
	}
	p = bt_max(s);
	f = pmap_take(s, p);
	if (f == NOFRAME) {	/* not reached with a trace's next uses */
		to_heap(s);
		return fheap_pop(&s->h);
	}
	bt_clear(s, p);
	s->key[f] = GONE;
	return f;
}

/* Load order. */
static size_t opt_order(void *st, uint32_t *out, bool *marks)
{
	struct opt *s = st;
	size_t n = s->loads < s->frames ? (size_t)s->loads : s->frames, i;

	for (i = 0; i < n; i++) {
		out[i] = (uint32_t)i;
		if (marks)
			marks[i] = false;
	}
	replace_sort_frames(out, n, s->seq);
	return n;
}

const struct osc_replace_ops osc_replace_opt = {
	.name = "opt",
	.summary = "Belady: evict the page used farthest in the future",
	.state_size = sizeof(struct opt),
	.flags = OSC_REPLACE_FUTURE,
	.init = opt_init,
	.fini = opt_fini,
	.hit = opt_hit,
	.load = opt_load,
	.evict = opt_evict,
	.order = opt_order,
};
