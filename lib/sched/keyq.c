/* keyq.c: the ready queue shared by the policies that pick the smallest key. */
#include <config.h>

#include <stdlib.h>

#include "sched-int.h"

int keyq_init(void *st, const struct osc_sched_params *p, size_t n,
	      struct osc_error *err)
{
	struct keyq *q = st;

	if (theap_init(&q->h, n < 1024 ? n : 1024) != OSC_OK)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	q->use_run = !(p->per_cpu && p->steal);
	return OSC_OK;
}

void keyq_fini(void *st)
{
	struct keyq *q = st;

	theap_free(&q->h);
	free(q->run);
	q->run = NULL;
}

/* Double the ring, unwrapping it to the start of the new array. */
static int keyq_grow(struct keyq *q)
{
	size_t cap = q->cap ? 2 * q->cap : 64, i;
	struct th_item *v = malloc(cap * sizeof *v);

	if (!v)
		return OSC_ENOMEM;
	for (i = 0; i < q->len; i++)
		v[i] = q->run[(q->head + i) & (q->cap - 1)];
	free(q->run);
	q->run = v;
	q->head = 0;
	q->cap = cap;
	return OSC_OK;
}

static inline struct th_item *keyq_run_at(const struct keyq *q, size_t i)
{
	return &q->run[(q->head + i) & (q->cap - 1)];
}

int keyq_add(void *st, struct sched_task *t)
{
	struct keyq *q = st;
	struct th_item it;

	if (!q->use_run)
		return theap_push(&q->h, t);
	it = theap_item(&q->h, t);
	if (q->len && th_less(&it, keyq_run_at(q, q->len - 1)))
		return theap_push(&q->h, t);
	if (q->len == q->cap && keyq_grow(q) != OSC_OK)
		return OSC_ENOMEM;
	*keyq_run_at(q, q->len++) = it;
	return OSC_OK;
}

/* Whether the smallest job is the run's first (else the heap's top). */
static inline bool keyq_run_first(const struct keyq *q)
{
	return q->len && (!q->h.len || th_less(keyq_run_at(q, 0), &q->h.v[0]));
}

struct sched_task *keyq_pick(void *st, uint64_t now)
{
	struct keyq *q = st;
	struct sched_task *t;

	(void)now;
	if (!keyq_run_first(q))
		return theap_pop(&q->h);
	t = q->run[q->head].t;
	q->head = (q->head + 1) & (q->cap - 1);
	q->len--;
	return t;
}

/* The tail: the job ordered last, found among the heap's leaves in
 * O(queue length) (the run is not used with stealing). */
struct sched_task *keyq_steal(void *st, uint64_t now)
{
	struct keyq *q = st;

	(void)now;
	if (!q->h.len)
		return NULL;
	return theap_remove_at(&q->h, theap_last_at(&q->h));
}

size_t keyq_count(void *st)
{
	struct keyq *q = st;

	return q->h.len + q->len;
}

/* The running job is not in the queue; its key is kept current by the
 * policy's ran().  Equal keys do not preempt. */
bool keyq_preempt(void *st, struct sched_task *t, uint64_t now)
{
	struct keyq *q = st;
	struct sched_task *top;

	(void)now;
	top = keyq_run_first(q) ? q->run[q->head].t : theap_top(&q->h);
	return top && top->key < t->key;
}
