/* replace-int.h: helpers shared by the replacement policies (not installed). */
#ifndef OSC_REPLACE_INT_H
#define OSC_REPLACE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osconcepts.h"

#define NOFRAME UINT32_MAX

/*
 * The page table: page -> frame.  Entries are never removed: a page once
 * seen stays, with frame NOFRAME while it is not resident, which is also
 * how cold misses are told apart.
 *
 * Two parts.  Small page numbers, which real traces (addresses / page
 * size) and Zipf ranks crowd together, index a direct array of entries
 * for pages [0, ndir): 8 bytes each, the page being the index, so a
 * million pages take 8 MB and more of them stay in the cache.  The array
 * grows by doubling while it stays within a few times the number of
 * distinct pages, so memory stays O(distinct pages).  Other pages go to a
 * hash table of 16-byte slots (the page beside its entry, so a lookup
 * touches one cache line) with open addressing and linear probing.  When
 * the direct array grows, hashed pages it now covers move into it.
 */
struct ptab_ent {
	uint32_t frame;		/* its last frame, NOFRAME if none (the driver
				 * checks that the frame still holds it) */
	uint32_t flags;		/* PT_* */
};

struct ptab_slot {
	uint64_t page;
	struct ptab_ent e;
};

#define PT_USED 0x1u		/* entry holds a page */
#define PT_SEEN 0x2u		/* the page was accessed (not only read ahead) */

/* Called for every resident page whose entry moved when the table grew. */
typedef void ptab_moved_fn(void *ctx, uint32_t frame, struct ptab_ent *e);

struct ptab {
	struct ptab_slot *slot;	/* the hash table */
	size_t mask, len;	/* slots - 1; pages hashed */
	struct ptab_ent *dir;	/* the direct array for pages [0, ndir) */
	size_t ndir, dlen;	/* its size; pages in it */
	ptab_moved_fn *moved;	/* may be NULL */
	void *ctx;
};

int ptab_init(struct ptab *t, size_t expected);
void ptab_free(struct ptab *t);
struct ptab_ent *ptab_get_slow(struct ptab *t, uint64_t page);
/* Pages stored. */
static inline size_t ptab_len(const struct ptab *t)
{
	return t->len + t->dlen;
}

static inline size_t ptab_hash(uint64_t page, size_t mask)
{
	/* Runs of 16 consecutive pages keep 16 consecutive slots (four cache
	 * lines), so the dense page numbers of real traces and Zipf ranks
	 * share lines; the runs themselves are spread by Fibonacci hashing of
	 * the rest of the page number. */
	uint64_t run = (page >> 4) * 0x9e3779b97f4a7c15ull;

	return (size_t)(((run >> 28) << 4) | (page & 15)) & mask;
}

/* The entry of page or NULL, inline (the replay's hot path). */
static inline struct ptab_ent *ptab_lookup(const struct ptab *t,
					   uint64_t page)
{
	struct ptab_ent *e;
	size_t i;

	if (page < t->ndir) {
		e = &t->dir[page];
		return e->flags & PT_USED ? e : NULL;
	}
	for (i = ptab_hash(page, t->mask); t->slot[i].e.flags & PT_USED;
	     i = (i + 1) & t->mask)
		if (t->slot[i].page == page)
			return &t->slot[i].e;
	return NULL;
}

/* The entry of page, created (frame NOFRAME, flags PT_USED) when new;
 * NULL when the table cannot grow.  Valid until the next ptab_get.  A
 * page already in the direct array is found inline. */
static inline struct ptab_ent *ptab_get(struct ptab *t, uint64_t page)
{
	if (page < t->ndir && (t->dir[page].flags & PT_USED))
		return &t->dir[page];
	return ptab_get_slow(t, page);
}

/* Start loading page's entry into the cache. */
static inline void ptab_prefetch(const struct ptab *t, uint64_t page)
{
	if (page < t->ndir)
		__builtin_prefetch(&t->dir[page]);
	else
		__builtin_prefetch(&t->slot[ptab_hash(page, t->mask)]);
}

/*
 * An indexed min-heap of frames ordered by (key[f], tie[f]): the frame's
 * position is kept so its key can change in O(log F) (opt, lfu).  The
 * policy sets key[f] and tie[f]; the heap keeps a copy beside each
 * position, so sifting compares neighbours without a load per frame.
 */
struct fheap_ent {
	uint64_t key, tie;
};

struct fheap {
	uint32_t *heap, *pos;
	uint64_t *key, *tie;
	struct fheap_ent *ent;	/* (key, tie) of heap[i] */
	uint32_t len;
};

int fheap_init(struct fheap *h, uint32_t frames);
void fheap_free(struct fheap *h);
void fheap_push(struct fheap *h, uint32_t f);
/* Restore the order after key[f] or tie[f] changed. */
void fheap_fix(struct fheap *h, uint32_t f);
uint32_t fheap_pop(struct fheap *h);
/* Frames sorted by (key, tie) into out; returns the count. */
size_t fheap_sorted(const struct fheap *h, uint32_t *out);

/*
 * A recency list of frames (lru, mru, 2lru): one intrusive node per frame,
 * most recent at the front.  The frame is the node's index.
 */
struct rlist {
	struct osc_list *node;	/* one per frame */
	struct osc_list head;
};

static inline uint32_t rlist_frame(const struct rlist *l,
				   const struct osc_list *n)
{
	return (uint32_t)(n - l->node);
}

/* Frames from least to most recent (back to front) into out. */
static inline size_t rlist_backward(const struct rlist *l,
				    const struct osc_list *head, uint32_t *out)
{
	const struct osc_list *n;
	size_t k = 0;

	for (n = head->prev; n != head; n = n->prev)
		out[k++] = rlist_frame(l, n);
	return k;
}

/*
 * A ghost list (arc, 2q, s3fifo): page numbers of recently evicted pages,
 * most recent at the head, at most cap of them (pushing onto a full list
 * forgets its tail), with O(1) membership through a hash map.
 */
struct ghost {
	struct osc_map where;	/* page -> node */
	uint64_t *page;
	uint32_t *prev, *next;
	uint32_t head, tail, len, cap, free;
};

int ghost_init(struct ghost *g, uint32_t cap);
void ghost_free(struct ghost *g);
bool ghost_has(struct ghost *g, uint64_t page);
/* Remove page; whether it was there. */
bool ghost_remove(struct ghost *g, uint64_t page);
void ghost_push(struct ghost *g, uint64_t page);
void ghost_drop_tail(struct ghost *g);

/* Replay all of t with no events and no read-ahead future (next[i], or
 * NULL for none): osc_replace_access for every reference, faster. */
int replace_replay(struct osc_replace_sim *sim,
		   const struct osc_replace_trace *t, const uint64_t *next,
		   struct osc_error *err);

/* Zeroed arrays, mapped with huge pages when large (bigmem.c): free and
 * grow take the size given at allocation; grow zeroes the new part. */
void *replace_big_alloc(size_t bytes);
void replace_big_free(void *p, size_t bytes);
void *replace_big_grow(void *p, size_t old, size_t bytes);

/* The frames sorted by a 64-bit value each (for resident orders). */
void replace_sort_frames(uint32_t *frames, size_t n, const uint64_t *by);

#endif
