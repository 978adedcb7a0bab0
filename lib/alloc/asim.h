/* asim.h: internals of the simulated heap, shared by the alloc-sim policies. */
#ifndef ASIM_H
#define ASIM_H

#include "osconcepts.h"

#define ASIM_NIL UINT32_MAX
#define ASIM_LISTS 64

/* One block of the simulated heap; blocks tile [base, base + heap_size). */
struct asim_blk {
	uint64_t addr, size;	/* start (header included) and size */
	uint64_t req;		/* bytes requested, when allocated */
	uint32_t prev, next;	/* address neighbours (ASIM_NIL at the ends) */
	uint32_t lprev, lnext;	/* free list links; lnext also chains spares */
	uint8_t free;
	uint8_t list;		/* which free list holds it */
};

struct asim_list {
	uint32_t head, tail;
	uint64_t len;
};

struct osc_asim {
	const struct osc_asim_ops *ops;
	struct osc_asim_params par;
	struct asim_blk *b;
	uint32_t nb, cap, spare;	/* nodes used, allocated, spare chain */
	uint32_t top;			/* highest block */
	struct asim_list lists[ASIM_LISTS];
	unsigned nlists;
	uint32_t rover;			/* next fit: where the search starts */
	uint64_t heap_size;
	struct osc_map live;		/* id -> block, ASIM_NIL = failed */
	struct osc_asim_stats st;
};

/*
 * A policy.  The list policies (first, next, best, worst, segregated) give
 * fit/link/unlink and share the generic splitting, coalescing and growth;
 * buddy gives alloc/release of its own.
 */
struct osc_asim_ops {
	const char *name, *summary;
	uint64_t min_block;		/* default --min-block */
	int (*init)(struct osc_asim *h, struct osc_error *err);
	/* A free block of at least need bytes, or ASIM_NIL. */
	uint32_t (*fit)(struct osc_asim *h, uint64_t need, uint64_t *searched);
	void (*link)(struct osc_asim *h, uint32_t b);	/* place a free block */
	void (*unlink)(struct osc_asim *h, uint32_t b);
	/* A listed free block shrank from its low end (split). */
	void (*resized)(struct osc_asim *h, uint32_t b);
	/* Whole-policy replacements (buddy). */
	uint32_t (*alloc)(struct osc_asim *h, uint64_t need, uint64_t *searched);
	void (*release)(struct osc_asim *h, uint32_t b);
};

extern const struct osc_asim_ops asim_first, asim_next, asim_best,
	asim_worst, asim_segregated, asim_buddy;

/* Nodes (sim.c). */
uint32_t asim_node(struct osc_asim *h);		/* ASIM_NIL: no memory */
void asim_drop(struct osc_asim *h, uint32_t b);

/* Free lists (freelist.c). */
/* Insert free block b into list l by order o (stable: after equal keys). */
void asim_list_insert(struct osc_asim *h, unsigned l, uint32_t b,
		      enum osc_asim_order o);
/* Remove b from its list; a rover on b moves to b's successor. */
void asim_list_remove(struct osc_asim *h, uint32_t b);
void asim_list_link(struct osc_asim *h, uint32_t b);	/* list 0 */
void asim_list_unlink(struct osc_asim *h, uint32_t b);
/* Split block b: a new node for its low `size` bytes, or for its part from
 * offset `keep` on; the new node is returned (not listed, not free). */
uint32_t asim_split_low(struct osc_asim *h, uint32_t b, uint64_t size);
uint32_t asim_split_high(struct osc_asim *h, uint32_t b, uint64_t keep);
/* Merge n, the address successor of b, into b (n's node is dropped). */
void asim_absorb(struct osc_asim *h, uint32_t b, uint32_t n);
/* Extend the heap at its top for a request of need bytes (sim.c): the
 * free top block to allocate from, or ASIM_NIL when the heap may not grow. */
uint32_t asim_grow(struct osc_asim *h, uint64_t need);
/* Carve need bytes from the low end of free block b (split when the rest
 * is at least min_block); the allocated block, or ASIM_NIL (no memory). */
uint32_t asim_take(struct osc_asim *h, uint32_t b, uint64_t need);
/* Generic allocation and release for the list policies. */
uint32_t asim_list_alloc(struct osc_asim *h, uint64_t need,
			 uint64_t *searched);
void asim_list_release(struct osc_asim *h, uint32_t b);

#endif
