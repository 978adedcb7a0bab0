/* bigmem.c: large zeroed arrays of the replacement code: mapped whole, offered for huge pages, grown without a copy. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "replace-int.h"

/*
 * A page table or a 10M-reference trace is tens of megabytes touched all
 * over: with 4 KiB pages each first touch is a fault (costly in a virtual
 * machine) and nearly every lookup a TLB miss.  So an array of BIG_BYTES
 * or more is mapped whole, aligned to 2 MiB and offered for transparent
 * huge pages; the kernel's pages come zeroed, so it costs no memset.
 * Smaller arrays come from calloc.  Sizes are rounded up to 2 MiB.
 */
#define BIG_BYTES ((size_t)2 << 20)

static size_t big_round(size_t bytes)
{
	return (bytes + BIG_BYTES - 1) / BIG_BYTES * BIG_BYTES;
}

static void big_advise(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#else
	(void)p, (void)bytes;
#endif
}

void *replace_big_alloc(size_t bytes)
{
	size_t head;
	char *p;

	if (bytes < BIG_BYTES)
		return calloc(1, bytes ? bytes : 1);
	bytes = big_round(bytes);
	p = mmap(NULL, bytes + BIG_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	head = (BIG_BYTES - (uintptr_t)p % BIG_BYTES) % BIG_BYTES;
	if (head)
		munmap(p, head);
	munmap(p + head + bytes, BIG_BYTES - head);
	p += head;
	big_advise(p, bytes);
	return p;
}

void replace_big_free(void *p, size_t bytes)
{
	if (bytes < BIG_BYTES)
		free(p);
	else if (p)
		munmap(p, big_round(bytes));
}

void *replace_big_grow(void *p, size_t old, size_t bytes)
{
	char *q;

	if (bytes < BIG_BYTES) {
		if ((q = realloc(p, bytes)) != NULL && bytes > old)
			memset(q + old, 0, bytes - old);
		return q;
	}
	if (old < BIG_BYTES) {
		if ((q = replace_big_alloc(bytes)) != NULL && p) {
			memcpy(q, p, old);
			free(p);
		}
		return q;
	}
	q = mremap(p, big_round(old), big_round(bytes), MREMAP_MAYMOVE);
	if (q == MAP_FAILED)
		return NULL;
	big_advise(q, big_round(bytes));
	return q;
}
