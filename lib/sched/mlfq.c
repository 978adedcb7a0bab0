/* mlfq.c: multi-level feedback queue (the five rules, boost, --io-keep, --io-front). */
#include <config.h>

#include "sched-int.h"

struct mlfq {
	unsigned levels;
	bool io_keep, io_front;
	uint64_t epoch;			/* boosts so far */
	uint64_t mask;			/* bit l: queue l is not empty */
	size_t n;			/* jobs queued */
	uint64_t quanta[OSC_SCHED_MAX_LEVELS];
	uint64_t allot[OSC_SCHED_MAX_LEVELS];
	struct task_fifo q[OSC_SCHED_MAX_LEVELS];
};

static int mlfq_init(void *st, const struct osc_sched_params *p, size_t n,
		     struct osc_error *err)
{
	struct mlfq *m = st;
	unsigned l;

	(void)n;
	(void)err;
	m->levels = p->levels;
	m->io_keep = p->io_keep;
	m->io_front = p->io_front;
	for (l = 0; l < m->levels; l++) {
		m->quanta[l] = p->quanta[l] ? p->quanta[l] : p->quantum;
		m->allot[l] = p->allot[l] ? p->allot[l] : 1;
		tfifo_init(&m->q[l]);
	}
	return OSC_OK;
}

static void mlfq_fini(void *st)
{
	(void)st;
}

/* Rule 5 is applied lazily to jobs that were running or blocked at a
 * boost: the first time the policy sees them again they are put back at
 * the top with a fresh quantum and allotment. */
static void mlfq_top(struct mlfq *m, struct sched_task *t)
{
	t->epoch = m->epoch;
	t->level = 0;
	t->used = 0;
	t->qleft = m->quanta[0];
}

static void mlfq_sync(struct mlfq *m, struct sched_task *t)
{
	if (t->epoch != m->epoch)
		mlfq_top(m, t);
}

static void mlfq_enqueue(struct mlfq *m, struct sched_task *t, bool front)
{
	tfifo_push(&m->q[t->level], t, front);
	m->mask |= UINT64_C(1) << t->level;
	m->n++;
}

static int mlfq_push(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now)
{
	struct mlfq *m = st;

	(void)now;
	if (why == WHY_ARRIVE)
		mlfq_top(m, t);		/* rule 3 */
	else
		mlfq_sync(m, t);
	/* Rule 1: a preempted job keeps its place at the head of its queue
	 * and the rest of its quantum. */
	mlfq_enqueue(m, t, why == WHY_PREEMPTED || why == WHY_UNPICK ||
		     (why == WHY_IO && m->io_front));
	return OSC_OK;
}

static struct sched_task *mlfq_take(struct mlfq *m, unsigned l, bool last)
{
	struct sched_task *t = tfifo_take(&m->q[l], last);

	if (!m->q[l].n)
		m->mask &= ~(UINT64_C(1) << l);
	m->n--;
	return t;
}

static struct sched_task *mlfq_pick(void *st, uint64_t now)
{
	struct mlfq *m = st;
	struct sched_task *t;

	(void)now;
	if (!m->mask)
		return NULL;
	t = mlfq_take(m, (unsigned)__builtin_ctzll(m->mask), false);
	mlfq_sync(m, t);
	return t;
}

static uint64_t mlfq_slice(void *st, struct sched_task *t)
{
	struct mlfq *m = st;

	mlfq_sync(m, t);
	return t->qleft;
}

static void mlfq_demote(struct mlfq *m, struct sched_task *t)
{
	if (t->level + 1u < m->levels)
		t->level++;
	t->used = 0;
	t->qleft = m->quanta[t->level];
}

/* Rule 4: quanta used at a level are counted across I/O; when the
 * allotment is used up the job moves down. */
static void mlfq_ran(void *st, struct sched_task *t, uint64_t ticks,
		     bool blocks, bool ended)
{
	struct mlfq *m = st;

	mlfq_sync(m, t);
	t->qleft -= ticks;
	if (blocks && m->io_keep) {
		t->used = ended ? 1 : 0;
		t->qleft = m->quanta[t->level];
		if (t->used >= m->allot[t->level])
			mlfq_demote(m, t);
		return;
	}
	if (!ended)
		return;
	if (++t->used >= m->allot[t->level])
		mlfq_demote(m, t);
	else
		t->qleft = m->quanta[t->level];
}

/* Rule 1: a job in a higher queue preempts a lower one. */
static bool mlfq_preempt(void *st, struct sched_task *t, uint64_t now)
{
	struct mlfq *m = st;

	(void)now;
	mlfq_sync(m, t);
	return (m->mask & ((UINT64_C(1) << t->level) - 1)) != 0;
}

/* Rule 5: the queues are appended to the top one, lowest first. */
static void mlfq_boost(void *st, uint64_t now)
{
	struct mlfq *m = st;
	unsigned l;

	(void)now;
	m->epoch++;
	for (l = m->levels - 1; l > 0; l--) {
		struct task_fifo *q = &m->q[l];

		while (q->n) {
			struct sched_task *t = tfifo_take(q, false);

			tfifo_push(&m->q[0], t, false);
		}
	}
	if (m->n)
		m->mask = 1;
}

static struct sched_task *mlfq_steal(void *st, uint64_t now)
{
	struct mlfq *m = st;

	(void)now;
	if (!m->mask)
		return NULL;
	return mlfq_take(m, 63u - (unsigned)__builtin_clzll(m->mask), true);
}

static size_t mlfq_count(void *st)
{
	struct mlfq *m = st;

	return m->n;
}

const struct osc_sched_ops osc_sched_mlfq = {
	.name = "mlfq",
	.summary = "multi-level feedback queue",
	.state_size = sizeof(struct mlfq),
	.init = mlfq_init,
	.fini = mlfq_fini,
	.push = mlfq_push,
	.pick = mlfq_pick,
	.slice = mlfq_slice,
	.ran = mlfq_ran,
	.preempt = mlfq_preempt,
	.boost = mlfq_boost,
	.steal = mlfq_steal,
	.count = mlfq_count,
};
