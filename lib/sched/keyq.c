/* keyq.c: the ready queue shared by the policies that pick the smallest key. */
#include <config.h>

#include "sched-int.h"

int keyq_init(void *st, const struct osc_sched_params *p, size_t n,
	      struct osc_error *err)
{
	struct keyq *q = st;

	(void)p;
	if (theap_init(&q->h, n < 1024 ? n : 1024) != OSC_OK)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	return OSC_OK;
}

void keyq_fini(void *st)
{
	struct keyq *q = st;

	theap_free(&q->h);
}

int keyq_add(void *st, struct sched_task *t)
{
	struct keyq *q = st;

	return theap_push(&q->h, t);
}

struct sched_task *keyq_pick(void *st, uint64_t now)
{
	struct keyq *q = st;

	(void)now;
	return theap_pop(&q->h);
}

/* The last slot of the heap array is a leaf: a job far from the front. */
struct sched_task *keyq_steal(void *st)
{
	struct keyq *q = st;

	if (!q->h.len)
		return NULL;
	return theap_remove_at(&q->h, q->h.len - 1);
}

size_t keyq_count(void *st)
{
	struct keyq *q = st;

	return q->h.len;
}

/* The running job is not in the heap; its key is kept current by the
 * policy's ran().  Equal keys do not preempt. */
bool keyq_preempt(void *st, struct sched_task *t, uint64_t now)
{
	struct keyq *q = st;
	struct sched_task *top = theap_top(&q->h);

	(void)now;
	return top && top->key < t->key;
}
