/* ptab.c: the page table of the replacement driver and the indexed frame heap. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "replace-int.h"

/* The direct array covers at most max(DIR_MIN, DIR_PER_PAGE * pages
 * stored) page numbers. */
#define DIR_MIN ((size_t)1 << 16)
#define DIR_PER_PAGE 4

int ptab_init(struct ptab *t, size_t expected)
{
	size_t cap = 1024;

	while (cap < expected * 2 && cap < ((size_t)1 << 40))
		cap <<= 1;
	memset(t, 0, sizeof *t);
	t->slot = replace_big_alloc(cap * sizeof *t->slot);
	if (t->slot == NULL)
		return OSC_ENOMEM;
	t->mask = cap - 1;
	return OSC_OK;
}

void ptab_free(struct ptab *t)
{
	replace_big_free(t->slot, (t->mask + 1) * sizeof *t->slot);
	replace_big_free(t->dir, t->ndir * sizeof *t->dir);
	t->slot = NULL;
	t->dir = NULL;
}

static size_t ptab_dir_limit(const struct ptab *t)
{
	size_t lim = DIR_PER_PAGE * (ptab_len(t) + 1);

	return lim > DIR_MIN ? lim : DIR_MIN;
}

/* Put a (used) slot into a hash table of mask+1 slots. */
static struct ptab_ent *ptab_place(struct ptab_slot *tab, size_t mask,
				   const struct ptab_slot *from)
{
	size_t j = ptab_hash(from->page, mask);

	while (tab[j].e.flags & PT_USED)
		j = (j + 1) & mask;
	tab[j] = *from;
	return &tab[j].e;
}

static void ptab_note_move(struct ptab *t, struct ptab_ent *e)
{
	if (t->moved && e->frame != NOFRAME)
		t->moved(t->ctx, e->frame, e);
}

/* Rebuild the hash table with cap slots, moving the pages below ndir into
 * the direct array. */
static int ptab_rehash(struct ptab *t, size_t cap)
{
	struct ptab_slot *s = replace_big_alloc(cap * sizeof *s), *from;
	struct ptab_ent *to;
	size_t i;

	if (s == NULL)
		return OSC_ENOMEM;
	for (i = 0; i <= t->mask; i++) {
		from = &t->slot[i];
		if (!(from->e.flags & PT_USED))
			continue;
		if (from->page < t->ndir) {
			to = &t->dir[from->page];
			*to = from->e;
			t->len--;
			t->dlen++;
		} else {
			to = ptab_place(s, cap - 1, from);
		}
		ptab_note_move(t, to);
	}
	replace_big_free(t->slot, (t->mask + 1) * sizeof *t->slot);
	t->slot = s;
	t->mask = cap - 1;
	return OSC_OK;
}

/* Grow the direct array to cover page. */
static int ptab_dir_grow(struct ptab *t, uint64_t page)
{
	size_t n = t->ndir ? t->ndir : DIR_MIN, old = t->ndir, i;
	struct ptab_ent *d;

	while (n <= page)
		n *= 2;
	d = replace_big_alloc(n * sizeof *d);
	if (d == NULL)
		return OSC_ENOMEM;
	if (old)
		memcpy(d, t->dir, old * sizeof *d);
	replace_big_free(t->dir, old * sizeof *d);
	t->dir = d;
	t->ndir = n;
	for (i = 0; i < old; i++)
		if (d[i].flags & PT_USED)
			ptab_note_move(t, &d[i]);
	/* Hashed pages the array now covers move into it. */
	return t->len ? ptab_rehash(t, t->mask + 1) : OSC_OK;
}

static struct ptab_ent *ptab_new(struct ptab_ent *e, size_t *count)
{
	e->frame = NOFRAME;
	e->flags = PT_USED;
	(*count)++;
	return e;
}

struct ptab_ent *ptab_get_slow(struct ptab *t, uint64_t page)
{
	struct ptab_slot *s;
	size_t i;

	if (page < t->ndir) {
		if (t->dir[page].flags & PT_USED)
			return &t->dir[page];
		return ptab_new(&t->dir[page], &t->dlen);
	}
	i = ptab_hash(page, t->mask);
	for (;;) {
		s = &t->slot[i];
		if (!(s->e.flags & PT_USED))
			break;
		if (s->page == page)
			return &s->e;
		i = (i + 1) & t->mask;
	}
	if (page < ptab_dir_limit(t)) {
		if (ptab_dir_grow(t, page) != OSC_OK)
			return NULL;
		return ptab_new(&t->dir[page], &t->dlen);
	}
	/* Keep the load factor at most 1/2. */
	if ((t->len + 1) * 2 > t->mask + 1) {
		if (ptab_rehash(t, (t->mask + 1) * 2) != OSC_OK)
			return NULL;
		return ptab_get_slow(t, page);
	}
	s->page = page;
	return ptab_new(&s->e, &t->len);
}

int fheap_init(struct fheap *h, uint32_t frames)
{
	h->heap = calloc(frames, sizeof *h->heap);
	h->pos = calloc(frames, sizeof *h->pos);
	h->key = calloc(frames, sizeof *h->key);
	h->tie = calloc(frames, sizeof *h->tie);
	h->ent = calloc(frames, sizeof *h->ent);
	h->len = 0;
	if (!h->heap || !h->pos || !h->key || !h->tie || !h->ent) {
		fheap_free(h);
		return OSC_ENOMEM;
	}
	return OSC_OK;
}

void fheap_free(struct fheap *h)
{
	free(h->heap);
	free(h->pos);
	free(h->key);
	free(h->tie);
	free(h->ent);
	h->heap = h->pos = NULL;
	h->key = h->tie = NULL;
	h->ent = NULL;
}

static inline bool fheap_before(const struct fheap_ent *a,
				const struct fheap_ent *b)
{
	return a->key != b->key ? a->key < b->key : a->tie < b->tie;
}

/* Frame f with its ordering at heap position i. */
static inline void fheap_set(struct fheap *h, uint32_t i, uint32_t f,
			     const struct fheap_ent *e)
{
	h->heap[i] = f;
	h->ent[i] = *e;
	h->pos[f] = i;
}

static void fheap_up(struct fheap *h, uint32_t i)
{
	uint32_t f = h->heap[i], p;
	struct fheap_ent e = h->ent[i];

	while (i > 0) {
		p = (i - 1) / 2;
		if (!fheap_before(&e, &h->ent[p]))
			break;
		fheap_set(h, i, h->heap[p], &h->ent[p]);
		i = p;
	}
	fheap_set(h, i, f, &e);
}

static void fheap_down(struct fheap *h, uint32_t i)
{
	uint32_t f = h->heap[i], c;
	struct fheap_ent e = h->ent[i];

	for (;;) {
		c = 2 * i + 1;
		if (c >= h->len)
			break;
		if (c + 1 < h->len && fheap_before(&h->ent[c + 1], &h->ent[c]))
			c++;
		if (!fheap_before(&h->ent[c], &e))
			break;
		fheap_set(h, i, h->heap[c], &h->ent[c]);
		i = c;
	}
	fheap_set(h, i, f, &e);
}

void fheap_push(struct fheap *h, uint32_t f)
{
	struct fheap_ent e = { h->key[f], h->tie[f] };

	fheap_set(h, h->len++, f, &e);
	fheap_up(h, h->len - 1);
}

void fheap_fix(struct fheap *h, uint32_t f)
{
	uint32_t i = h->pos[f];

	h->ent[i].key = h->key[f];
	h->ent[i].tie = h->tie[f];
	fheap_up(h, i);
	fheap_down(h, h->pos[f]);
}

uint32_t fheap_pop(struct fheap *h)
{
	uint32_t top = h->heap[0];

	h->len--;
	if (h->len > 0) {
		fheap_set(h, 0, h->heap[h->len], &h->ent[h->len]);
		fheap_down(h, 0);
	}
	return top;
}

/* Frames in (key, tie) order, for fheap_sorted. */
static inline bool fheap_less(const struct fheap *h, uint32_t a, uint32_t b)
{
	if (h->key[a] != h->key[b])
		return h->key[a] < h->key[b];
	return h->tie[a] < h->tie[b];
}

static int fheap_cmp(const void *a, const void *b, void *arg)
{
	const struct fheap *h = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (fheap_less(h, x, y))
		return -1;
	return fheap_less(h, y, x);
}

size_t fheap_sorted(const struct fheap *h, uint32_t *out)
{
	memcpy(out, h->heap, h->len * sizeof *out);
	qsort_r(out, h->len, sizeof *out, fheap_cmp, (void *)h);
	return h->len;
}

static int by_cmp(const void *a, const void *b, void *arg)
{
	const uint64_t *by = arg;
	uint64_t x = by[*(const uint32_t *)a], y = by[*(const uint32_t *)b];

	return (x > y) - (x < y);
}

void replace_sort_frames(uint32_t *frames, size_t n, const uint64_t *by)
{
	qsort_r(frames, n, sizeof *frames, by_cmp, (void *)by);
}
