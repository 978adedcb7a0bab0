/* theap.c: a 4-ary heap of tasks with their ordering keys kept inline. */
#include <config.h>

#include <stdlib.h>

#include "sched-int.h"

int theap_init(struct task_heap *h, size_t cap)
{
	h->len = 0;
	h->order = TH_READY;
	h->cap = cap ? cap : 1;
	h->v = malloc(h->cap * sizeof *h->v);
	return h->v ? OSC_OK : OSC_ENOMEM;
}

void theap_free(struct task_heap *h)
{
	free(h->v);
	h->v = NULL;
	h->len = h->cap = 0;
}

static void theap_up(struct task_heap *h, size_t i, struct th_item it)
{
	while (i > 0) {
		size_t parent = (i - 1) / 4;

		if (!th_less(&it, &h->v[parent]))
			break;
		h->v[i] = h->v[parent];
		i = parent;
	}
	h->v[i] = it;
}

struct th_item theap_item(const struct task_heap *h, struct sched_task *t)
{
	struct th_item it = { t->key, t->since, t->idx, t };

	if (h->order == TH_IO) {
		it.key = t->io_until;
		it.since = t->io_seq;
	} else if (h->order == TH_INDEX) {
		it.since = 0;
	}
	return it;
}

int theap_push(struct task_heap *h, struct sched_task *t)
{
	struct th_item it = theap_item(h, t);

	if (h->len == h->cap) {
		size_t cap = h->cap * 2;
		struct th_item *v = realloc(h->v, cap * sizeof *v);

		if (!v)
			return OSC_ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	theap_up(h, h->len++, it);
	return OSC_OK;
}

/* The smallest of the up to four children of i, which has children. */
static size_t th_min_child(const struct task_heap *h, size_t i)
{
	size_t c = 4 * i + 1, end = c + 4, best = c;

	if (end > h->len)
		end = h->len;
	for (c++; c < end; c++)
		if (th_less(&h->v[c], &h->v[best]))
			best = c;
	return best;
}

size_t theap_last_at(const struct task_heap *h)
{
	size_t i = h->len > 1 ? (h->len - 2) / 4 + 1 : 0, last = i;

	for (; i < h->len; i++)	/* the first leaf of the 4-ary heap on */
		if (th_less(&h->v[last], &h->v[i]))
			last = i;
	return last;
}

/* Fill the hole at i with the last item: the hole first sinks to a leaf
 * along the smallest children, then the last item rises from there
 * (Floyd's bottom-up deletion: the last item nearly always belongs near
 * the bottom).  Four children a node halve the depth, and they share
 * cache lines. */
struct sched_task *theap_remove_at(struct task_heap *h, size_t i)
{
	struct sched_task *t = h->v[i].t;
	struct th_item last = h->v[--h->len];
	size_t c;

	if (i == h->len)
		return t;
	while (4 * i + 1 < h->len) {
		c = th_min_child(h, i);
		h->v[i] = h->v[c];
		i = c;
	}
	theap_up(h, i, last);
	return t;
}

struct sched_task *theap_pop(struct task_heap *h)
{
	return h->len ? theap_remove_at(h, 0) : NULL;
}
