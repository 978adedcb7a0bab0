/* stride.c: stride scheduling: deterministic proportional share by pass values. */
#include <config.h>

#include "sched-int.h"

#define STRIDE_BIG 10000

struct stride {
	struct keyq q;		/* key = pass; ties by input order */
	uint64_t quantum;
	uint64_t vt;		/* pass of the job picked last */
};

static int stride_init(void *st, const struct osc_sched_params *p, size_t n,
		       struct osc_error *err)
{
	struct stride *s = st;

	s->quantum = p->quantum;
	if (keyq_init(&s->q, p, n, err) != OSC_OK)
		return OSC_ENOMEM;
	s->q.h.order = TH_INDEX;
	return OSC_OK;
}

/* A new job starts at the pass of the job picked last, and a job back
 * from I/O is not left behind it, so that neither can monopolise the CPU
 * to catch up. */
static int stride_push(void *st, struct sched_task *t, enum sched_why why,
		       uint64_t now)
{
	struct stride *s = st;

	(void)now;
	if (why == WHY_ARRIVE || (why != WHY_UNPICK && t->key < s->vt))
		t->key = s->vt;
	t->qleft = s->quantum;
	return keyq_add(&s->q, t);
}

static struct sched_task *stride_pick(void *st, uint64_t now)
{
	struct stride *s = st;
	struct sched_task *t = keyq_pick(&s->q, now);

	if (t)
		s->vt = t->key;
	return t;
}

static uint64_t stride_slice(void *st, struct sched_task *t)
{
	(void)st;
	return t->qleft;
}

/* The pass advances by the stride for every tick run (at least 1, for
 * jobs with more than 10000 tickets). */
static void stride_ran(void *st, struct sched_task *t, uint64_t ticks,
		       bool blocks, bool ended)
{
	uint64_t stride = STRIDE_BIG / t->job->tickets;

	(void)st;
	(void)blocks;
	(void)ended;
	t->qleft -= ticks;
	t->key += ticks * (stride ? stride : 1);
}

const struct osc_sched_ops osc_sched_stride = {
	.name = "stride",
	.summary = "stride: deterministic proportional share (tickets=)",
	.state_size = sizeof(struct stride),
	.init = stride_init,
	.fini = keyq_fini,
	.push = stride_push,
	.pick = stride_pick,
	.slice = stride_slice,
	.ran = stride_ran,
	.steal = keyq_steal,
	.count = keyq_count,
};
