/* mheap.h: internals of the real allocators (alloc-bench). */
#ifndef MHEAP_H
#define MHEAP_H

#include <string.h>

#include "osconcepts.h"

#define MH_ALIGN 16		/* payload alignment */
#define MH_MIN 32		/* smallest block: header, two links, footer */
#define MH_ALLOC ((size_t)1)	/* header bit: this block is in use */
#define MH_PALLOC ((size_t)2)	/* header bit: the block before is in use */
#define MH_NCLS 256		/* free lists (segregated classes, buddy orders) */

/* What a free block holds in its payload. */
struct mh_free {
	struct mh_free *next, *prev;
};

struct osc_heap {
	const struct osc_heap_ops *ops;
	char *base;		/* the reserved arena */
	size_t reserve;		/* its size */
	size_t top;		/* bytes of it in use */
	size_t committed;	/* bytes made readable and writable */
	size_t peak;		/* the largest top */
	struct mh_free *rover;	/* next fit */
	struct mh_free *lists[MH_NCLS];
	uint64_t map[MH_NCLS / 64];	/* non-empty lists */
	unsigned order;		/* buddy: the arena in use is 2^order bytes */
};

/*
 * A policy.  The boundary-tag policies (first, next, best, segregated)
 * give find/insert/remove over their free lists and share the block
 * management of mheap.c; buddy replaces malloc, free, realloc, usable and
 * check.
 */
struct osc_heap_ops {
	const char *name;
	int (*init)(struct osc_heap *h);
	void *(*find)(struct osc_heap *h, size_t asize);
	void (*insert)(struct osc_heap *h, void *bp);
	void (*remove)(struct osc_heap *h, void *bp);
	/* Which list holds a free block of this size (for checks). */
	unsigned (*list_of)(size_t size);
	void *(*malloc)(struct osc_heap *h, size_t n);
	void (*free)(struct osc_heap *h, void *p);
	void *(*realloc)(struct osc_heap *h, void *p, size_t n);
	size_t (*usable)(const struct osc_heap *h, const void *p);
	int (*check)(const struct osc_heap *h, struct osc_error *err);
};

extern const struct osc_heap_ops mh_first, mh_nextfit, mh_best, mh_segregated,
	mh_buddy;

/* Block fields: bp is the payload; the header is the word before it. */
static inline size_t *mh_hdr(const void *bp)
{
	return (size_t *)(void *)((char *)bp - sizeof(size_t));
}

static inline size_t mh_size(const void *bp)
{
	return *mh_hdr(bp) & ~(size_t)(MH_ALIGN - 1);
}

static inline void *mh_after(const void *bp)
{
	return (char *)bp + mh_size(bp);
}

/* Make [base + top, base + newtop) usable: false when it does not fit. */
bool mh_commit(struct osc_heap *h, size_t newtop);

/* Doubly linked free lists with a bitmap of the non-empty ones. */
void mh_list_push(struct osc_heap *h, unsigned l, void *bp);
void mh_list_unlink(struct osc_heap *h, unsigned l, void *bp);
/* The first non-empty list from l on, or MH_NCLS. */
unsigned mh_list_next(const struct osc_heap *h, unsigned l);

#endif
