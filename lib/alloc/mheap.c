/* mheap.c: the real allocators' arena and boundary-tag block management (split, coalesce, grow). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "mheap.h"

#define MH_RESERVE ((size_t)64 << 30)
#define MH_COMMIT_STEP ((size_t)1 << 20)

static const struct osc_heap_ops *const mh_registry[] = {
	&mh_first, &mh_nextfit, &mh_best, &mh_segregated, &mh_buddy,
};

#define NMH (sizeof mh_registry / sizeof mh_registry[0])

const struct osc_heap_ops *osc_heap_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NMH; i++)
		if (strcmp(mh_registry[i]->name, name) == 0)
			return mh_registry[i];
	return NULL;
}

const struct osc_heap_ops *osc_heap_policy(size_t i)
{
	return i < NMH ? mh_registry[i] : NULL;
}

const char *osc_heap_name(const struct osc_heap_ops *ops)
{
	return ops->name;
}

/* Address space is reserved without access, and made writable in steps
 * as the top rises, so untouched reserve costs nothing. */
bool mh_commit(struct osc_heap *h, size_t newtop)
{
	size_t want;

	if (newtop > h->reserve)
		return false;
	if (newtop > h->committed) {
		want = (newtop + MH_COMMIT_STEP - 1) / MH_COMMIT_STEP *
			MH_COMMIT_STEP;
		if (want > h->reserve)
			want = h->reserve;
		if (mprotect(h->base + h->committed, want - h->committed,
			     PROT_READ | PROT_WRITE) != 0)
			return false;
		h->committed = want;
	}
	if (newtop > h->peak)
		h->peak = newtop;
	return true;
}

/* The boundary-tag arena starts with 8 bytes of padding and the epilogue
 * (a zero-size block in use), so the first payload is 16-byte aligned. */
static int tags_init(struct osc_heap *h)
{
	if (!mh_commit(h, 16))
		return -1;
	h->top = 16;
	*(size_t *)(void *)(h->base + 8) = MH_ALLOC | MH_PALLOC;
	return 0;
}

struct osc_heap *osc_heap_create(const char *policy, size_t reserve)
{
	const struct osc_heap_ops *ops = osc_heap_lookup(policy);
	struct osc_heap *h;
	void *m;

	if (!ops) {
		errno = EINVAL;
		return NULL;
	}
	if (!reserve)
		reserve = MH_RESERVE;
	reserve = (reserve + MH_COMMIT_STEP - 1) / MH_COMMIT_STEP * MH_COMMIT_STEP;
	if (!(h = calloc(1, sizeof *h)))
		return NULL;
	m = mmap(NULL, reserve, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		free(h);
		errno = ENOMEM;
		return NULL;
	}
	h->ops = ops;
	h->base = m;
	h->reserve = reserve;
	if ((ops->init ? ops->init(h) : tags_init(h)) != 0) {
		osc_heap_destroy(h);
		errno = ENOMEM;
		return NULL;
	}
	return h;
}

void osc_heap_destroy(struct osc_heap *h)
{
	if (!h)
		return;
	munmap(h->base, h->reserve);
	free(h);
}

size_t osc_heap_size(const struct osc_heap *h)
{
	return h->top;
}

size_t osc_heap_peak(const struct osc_heap *h)
{
	return h->peak;
}

/* Block size for a request: header plus payload, 16-byte multiple. */
static size_t tags_asize(size_t n)
{
	size_t a = (n + sizeof(size_t) + MH_ALIGN - 1) & ~(size_t)(MH_ALIGN - 1);

	return a < MH_MIN ? MH_MIN : a;
}

static void tags_set_free(void *bp, size_t size, size_t palloc)
{
	*mh_hdr(bp) = size | palloc;
	*(size_t *)(void *)((char *)bp + size - 2 * sizeof(size_t)) = size;
}

/* A free block (not listed) of at least asize bytes at the top: the free
 * last block grown, or a new one; NULL when the arena is exhausted. */
static void *tags_extend(struct osc_heap *h, size_t asize)
{
	size_t *ep = (size_t *)(void *)(h->base + h->top - 8), have = 0, palloc;
	char *bp = h->base + h->top;

	if (!(*ep & MH_PALLOC)) {
		have = *(ep - 1);
		bp -= have;
		if (have >= asize)
			return NULL;	/* cannot happen: find would have seen it */
	}
	if (!mh_commit(h, h->top + asize - have))
		return NULL;
	if (have)
		h->ops->remove(h, bp);
	palloc = *mh_hdr(bp) & MH_PALLOC;
	h->top += asize - have;
	tags_set_free(bp, asize, palloc);
	*(size_t *)(void *)(h->base + h->top - 8) = MH_ALLOC;
	return bp;
}

/* Allocate asize bytes of free block bp (not listed): the low end; a rest
 * of at least MH_MIN becomes a free block of its own. */
static void tags_place(struct osc_heap *h, char *bp, size_t asize)
{
	size_t size = mh_size(bp), palloc = *mh_hdr(bp) & MH_PALLOC;

	if (size - asize >= MH_MIN) {
		*mh_hdr(bp) = asize | MH_ALLOC | palloc;
		tags_set_free(bp + asize, size - asize, MH_PALLOC);
		h->ops->insert(h, bp + asize);
	} else {
		*mh_hdr(bp) = size | MH_ALLOC | palloc;
		*mh_hdr(bp + size) |= MH_PALLOC;
	}
}

static void *tags_malloc(struct osc_heap *h, size_t n)
{
	size_t asize;
	void *bp;

	if (n > SIZE_MAX / 4)
		return NULL;
	asize = tags_asize(n);
	bp = h->ops->find(h, asize);
	if (bp)
		h->ops->remove(h, bp);
	else if (!(bp = tags_extend(h, asize)))
		return NULL;
	tags_place(h, bp, asize);
	return bp;
}

/* Free bp, merging it with free neighbours (immediate coalescing).  A
 * next-fit rover on a merged neighbour moves to the merged block, where
 * the last search stopped (as in the CS:APP malloc lab's next fit). */
static void tags_free(struct osc_heap *h, void *p)
{
	char *bp = p, *next;
	size_t size = mh_size(bp), palloc = *mh_hdr(bp) & MH_PALLOC, ps;
	bool rover = false;

	next = bp + size;
	if (!(*mh_hdr(next) & MH_ALLOC)) {
		rover = h->rover == (struct mh_free *)(void *)next;
		h->ops->remove(h, next);
		size += mh_size(next);
	}
	if (!palloc) {
		ps = *(size_t *)(void *)(bp - 2 * sizeof(size_t));
		bp -= ps;
		rover = rover || h->rover == (struct mh_free *)(void *)bp;
		h->ops->remove(h, bp);
		size += ps;
		palloc = *mh_hdr(bp) & MH_PALLOC;
	}
	tags_set_free(bp, size, palloc);
	*mh_hdr(bp + size) &= ~MH_PALLOC;
	h->ops->insert(h, bp);
	if (rover)
		h->rover = (struct mh_free *)(void *)bp;
}

/* Give back the tail of allocated block bp beyond asize, if worth it. */
static void tags_trim(struct osc_heap *h, char *bp, size_t asize)
{
	size_t size = mh_size(bp);

	if (size - asize < MH_MIN)
		return;
	*mh_hdr(bp) = asize | (*mh_hdr(bp) & (MH_ALLOC | MH_PALLOC));
	*mh_hdr(bp + asize) = (size - asize) | MH_ALLOC | MH_PALLOC;
	tags_free(h, bp + asize);
}

/* Grow in place: absorb a free successor, and the top of the arena when
 * the block (with that successor) is the last one. */
static bool tags_grow(struct osc_heap *h, char *bp, size_t asize)
{
	size_t size = mh_size(bp), flags = *mh_hdr(bp) & (MH_ALLOC | MH_PALLOC);
	char *next = bp + size;
	size_t nsize = mh_size(next), total = size;
	bool nfree = !(*mh_hdr(next) & MH_ALLOC);

	if (nfree)
		total += nsize;
	if (total < asize) {
		char *after = nfree ? next + nsize : next;

		if (mh_size(after) != 0 || !mh_commit(h, h->top + asize - total))
			return false;
		if (nfree)
			h->ops->remove(h, next);
		h->top += asize - total;
		*mh_hdr(bp) = asize | flags;
		*(size_t *)(void *)(h->base + h->top - 8) = MH_ALLOC | MH_PALLOC;
		return true;
	}
	h->ops->remove(h, next);
	*mh_hdr(bp) = total | flags;
	*mh_hdr(bp + total) |= MH_PALLOC;
	tags_trim(h, bp, asize);
	return true;
}

/* Grow into a free predecessor (and a free successor): the payload moves
 * down within the merged block, which saves a copy elsewhere and keeps the
 * heap from growing. */
static void *tags_slide(struct osc_heap *h, char *bp, size_t asize)
{
	size_t size = mh_size(bp), ps, total;
	char *next = bp + size, *pb;

	if (*mh_hdr(bp) & MH_PALLOC)
		return NULL;
	ps = *(size_t *)(void *)(bp - 2 * sizeof(size_t));
	total = ps + size;
	if (!(*mh_hdr(next) & MH_ALLOC))
		total += mh_size(next);
	if (total < asize)
		return NULL;
	pb = bp - ps;
	h->ops->remove(h, pb);
	if (!(*mh_hdr(next) & MH_ALLOC))
		h->ops->remove(h, next);
	memmove(pb, bp, size - sizeof(size_t));
	*mh_hdr(pb) = total | MH_ALLOC | (*mh_hdr(pb) & MH_PALLOC);
	*mh_hdr(pb + total) |= MH_PALLOC;
	tags_trim(h, pb, asize);
	return pb;
}

static void *tags_realloc(struct osc_heap *h, void *p, size_t n)
{
	size_t asize, size = mh_size(p);
	void *q;

	if (n > SIZE_MAX / 4)
		return NULL;
	asize = tags_asize(n);
	if (asize <= size) {
		tags_trim(h, p, asize);
		return p;
	}
	if (tags_grow(h, p, asize))
		return p;
	if ((q = tags_slide(h, p, asize)))
		return q;
	if (!(q = tags_malloc(h, n)))
		return NULL;
	memcpy(q, p, size - sizeof(size_t));
	tags_free(h, p);
	return q;
}

void *osc_heap_malloc(struct osc_heap *h, size_t n)
{
	return h->ops->malloc ? h->ops->malloc(h, n) : tags_malloc(h, n);
}

void osc_heap_free(struct osc_heap *h, void *p)
{
	if (!p)
		return;
	if (h->ops->free)
		h->ops->free(h, p);
	else
		tags_free(h, p);
}

void *osc_heap_realloc(struct osc_heap *h, void *p, size_t n)
{
	if (!p)
		return osc_heap_malloc(h, n);
	if (n == 0) {
		osc_heap_free(h, p);
		return NULL;
	}
	return h->ops->realloc ? h->ops->realloc(h, p, n) :
		tags_realloc(h, p, n);
}

size_t osc_heap_usable(const struct osc_heap *h, const void *p)
{
	if (h->ops->usable)
		return h->ops->usable(h, p);
	return mh_size(p) - sizeof(size_t);
}
