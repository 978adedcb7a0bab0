/* osconcepts/alloc.h: memory allocation (alloc-sim, alloc-bench). */
#ifndef OSCONCEPTS_ALLOC_H
#define OSCONCEPTS_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <osconcepts/core.h>
#include <osconcepts/util.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The `alloc` trace format (man 5 osc-traces), compatible with CS:APP
 * malloc-lab `.rep` files:
 *
 *	a ID SIZE	allocate SIZE bytes (>= 1) as block ID
 *	f ID		free block ID
 *	r ID SIZE	resize block ID to SIZE bytes (realloc)
 *
 * Up to four lines holding one integer each before the first operation
 * (the malloc-lab header) are skipped.  Freeing or resizing an id that is
 * not live, or allocating a live id, is OSC_EDATA for that line.
 */
#define OSC_ALLOC_MAX_SIZE (UINT64_C(1) << 48)	/* largest SIZE accepted */

enum osc_alloc_kind {
	OSC_ALLOC_A = 'a',
	OSC_ALLOC_F = 'f',
	OSC_ALLOC_R = 'r'
};

struct osc_alloc_op {
	enum osc_alloc_kind kind;
	uint64_t id;
	uint64_t size;		/* 0 for f */
	uint64_t line;		/* where it was read */
};

/* Reads operations from a scanner and checks which ids are live (memory
 * grows with the live ids only).  The scanner is not owned. */
struct osc_alloc_reader {
	struct osc_scan *s;
	struct osc_map live;	/* id -> line of its allocation */
	unsigned header;	/* header lines skipped so far */
	bool started;		/* an operation was read */
};

int osc_alloc_reader_init(struct osc_alloc_reader *r, struct osc_scan *s);
/* Switch to the next input file of the same stream (live ids carry over,
 * the header may not appear again). */
void osc_alloc_reader_next_file(struct osc_alloc_reader *r,
				struct osc_scan *s);
void osc_alloc_reader_fini(struct osc_alloc_reader *r);
/* 1 with *op filled, 0 at the end of the input, -1 on error (OSC_EDATA with
 * the line, OSC_EIO or OSC_ENOMEM in the scanner's error record). */
int osc_alloc_read(struct osc_alloc_reader *r, struct osc_alloc_op *op);

/*
 * alloc-sim: a simulated heap of `heap` bytes at address `base`, managed by
 * one policy (first, next, best, worst, segregated, buddy).  Nothing is
 * stored in the simulated bytes; blocks are records.  Sizes: a request is
 * rounded up to `align`, then `header` is added.  Rules (man 1 alloc-sim):
 * a split gives the low end to the request and the remainder keeps the
 * split block's list place; a freed block (merged with its free address
 * neighbours when coalescing) is placed by `order`.
 */
enum osc_asim_order {
	OSC_ASIM_ADDR,
	OSC_ASIM_LIFO,
	OSC_ASIM_FIFO,
	OSC_ASIM_SIZE_ASC,
	OSC_ASIM_SIZE_DESC
};

struct osc_asim_params {
	uint64_t heap;		/* initial heap size, bytes (default 64K) */
	uint64_t base;		/* address of the first byte (default 0) */
	uint64_t grow;		/* sbrk increment; 0 = never grow (default) */
	uint64_t header;	/* bytes added to every block (default 0) */
	uint64_t align;		/* requests rounded up to a multiple (default 1) */
	uint64_t min_block;	/* 0 = the policy's default (16 for
				 * segregated and buddy, 1 for the lists) */
	enum osc_asim_order order;	/* free list order (default addr) */
	bool coalesce;		/* merge free neighbours (default true) */
};

/* Limits checked by osc_asim_create (OSC_EUSAGE beyond them). */
#define OSC_ASIM_MAX_HEAP (UINT64_C(1) << 56)
#define OSC_ASIM_MAX_BASE (UINT64_C(1) << 60)

void osc_asim_defaults(struct osc_asim_params *p);
/* "addr", "lifo", ... (index = enum value), NULL-terminated. */
extern const char *const osc_asim_order_names[];

/* The registry of policies. */
struct osc_asim_ops;
const struct osc_asim_ops *osc_asim_lookup(const char *name);
/* The i-th policy in registry order, NULL past the end. */
const struct osc_asim_ops *osc_asim_policy(size_t i);
const char *osc_asim_name(const struct osc_asim_ops *ops);
const char *osc_asim_summary(const struct osc_asim_ops *ops);

struct osc_asim;

/* A new simulated heap; OSC_EUSAGE (message in err) for bad parameters,
 * OSC_ENOMEM.  Free it with osc_asim_destroy. */
int osc_asim_create(const struct osc_asim_ops *ops,
		    const struct osc_asim_params *p, struct osc_asim **out,
		    struct osc_error *err);
void osc_asim_destroy(struct osc_asim *h);
/* The policy of a heap. */
const struct osc_asim_ops *osc_asim_policy_of(const struct osc_asim *h);

/* What one operation did. */
enum osc_asim_res {
	OSC_ASIM_OK,
	OSC_ASIM_FAIL,		/* nothing fits (and the heap may not grow) */
	OSC_ASIM_NULL		/* free of a block whose allocation failed */
};

struct osc_asim_step {
	enum osc_asim_res res;
	bool has_addr;
	uint64_t addr;		/* payload address (allocated or freed) */
	uint64_t searched;	/* free blocks examined (buddy: lists) */
};

/*
 * Apply one operation.  An id whose allocation failed may be freed (a
 * no-op, OSC_ASIM_NULL) or resized (an allocation).  Misuse (allocating a
 * live id, freeing an unknown one) is OSC_EDATA; OSC_ENOMEM when the
 * bookkeeping cannot grow.  The heap is unchanged after any error.
 */
int osc_asim_apply(struct osc_asim *h, const struct osc_alloc_op *op,
		   struct osc_asim_step *st, struct osc_error *err);

/* The free blocks in list order (segregated: class by class from the
 * smallest; buddy: order by order from the smallest, each by address).
 * *it starts at 0; false when done. */
bool osc_asim_free_next(const struct osc_asim *h, uint64_t *it,
			uint64_t *addr, uint64_t *size);

struct osc_asim_stats {
	uint64_t ops, allocs, frees, reallocs, failed;
	uint64_t payload, allocated;		/* now (live requests, blocks) */
	uint64_t peak_payload, peak_allocated;	/* at the payload peak */
	uint64_t heap_size;			/* now */
	uint64_t free_total, free_largest;	/* now */
	uint64_t searched, searches;		/* sum, number of searches */
};

void osc_asim_stats(const struct osc_asim *h, struct osc_asim_stats *s);
/* Derived figures of the summary table. */
double osc_asim_utilization(const struct osc_asim_stats *s);
double osc_asim_internal_frag(const struct osc_asim_stats *s);
double osc_asim_external_frag(const struct osc_asim_stats *s);
double osc_asim_avg_search(const struct osc_asim_stats *s);

/* Check every invariant (blocks tile the heap, lists hold exactly the
 * free blocks in their order, no two adjacent free blocks when
 * coalescing, counters agree): OSC_OK or OSC_EINTERNAL saying what broke.
 * O(blocks); for tests. */
int osc_asim_check(const struct osc_asim *h, struct osc_error *err);


/*
 * alloc-bench: real allocators on real memory.  A heap is an arena of
 * address space reserved with mmap and handed out from its low end upwards
 * (the sbrk model): first, next and best keep one free list (LIFO), and
 * segregated one list per size class, all threaded through the free
 * memory itself, with boundary tags (an 8-byte header on every block, a
 * footer on free blocks) and immediate coalescing; buddy hands out
 * power-of-two blocks.  Payloads are 16-byte aligned; realloc stays in place
 * when it can (shrinking, absorbing a free successor, growing at the top).
 * A heap is not thread-safe.
 */
struct osc_heap;
struct osc_heap_ops;

const struct osc_heap_ops *osc_heap_lookup(const char *name);
const struct osc_heap_ops *osc_heap_policy(size_t i);	/* NULL past the end */
const char *osc_heap_name(const struct osc_heap_ops *ops);

/* A new heap reserving `reserve` bytes of address space (0 = 64G); NULL
 * with errno EINVAL (unknown policy) or ENOMEM. */
struct osc_heap *osc_heap_create(const char *policy, size_t reserve);
/* As malloc, free and realloc, within the heap (NULL when the arena is
 * exhausted; realloc(NULL, n) allocates, realloc(p, 0) frees and returns
 * NULL).  A pointer must come from the same heap. */
void *osc_heap_malloc(struct osc_heap *h, size_t n);
void osc_heap_free(struct osc_heap *h, void *p);
void *osc_heap_realloc(struct osc_heap *h, void *p, size_t n);
/* The usable size of an allocated block (>= what was asked). */
size_t osc_heap_usable(const struct osc_heap *h, const void *p);
/* Unmap everything. */
void osc_heap_destroy(struct osc_heap *h);
/* Bytes of the arena in use now (its top), and the most ever. */
size_t osc_heap_size(const struct osc_heap *h);
size_t osc_heap_peak(const struct osc_heap *h);
/* Walk every block and free list and check each invariant (tags agree,
 * no two free blocks touch, lists hold exactly the free blocks, sizes and
 * alignment): OSC_OK or OSC_EINTERNAL with a message.  O(blocks). */
int osc_heap_check(const struct osc_heap *h, struct osc_error *err);

#ifdef __cplusplus
}
#endif

#endif
