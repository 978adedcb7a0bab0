/* cfs.c: a model of Linux's completely fair scheduler (vruntime, nice weights). */
#include <config.h>

#include "sched-int.h"

/* Linux's sched_prio_to_weight table (kernel/sched/core.c), nice -20..19:
 * each step of nice is about a 1.25 times smaller share. */
static const uint32_t cfs_weight[40] = {
	88761, 71755, 56483, 46273, 36291,
	29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906,
	3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423,
	335, 272, 215, 172, 137,
	110, 87, 70, 56, 45,
	36, 29, 23, 18, 15,
};

/* vruntime is kept in units of 2^-16 ticks so that the division by the
 * weight loses little. */
#define CFS_SHIFT 16

struct cfs {
	struct keyq q;		/* key = vruntime */
	uint64_t min_gran, latency;
	uint64_t min_vr;	/* never decreases */
};

static int cfs_init(void *st, const struct osc_sched_params *p, size_t n,
		    struct osc_error *err)
{
	struct cfs *c = st;

	c->min_gran = p->min_gran;
	c->latency = p->latency;
	return keyq_init(&c->q, p, n, err);
}

/* A new job starts at the minimum vruntime; one back from I/O is raised
 * to it, so that sleeping earns no credit beyond the others. */
static int cfs_push(void *st, struct sched_task *t, enum sched_why why,
		    uint64_t now)
{
	struct cfs *c = st;

	(void)now;
	if (why == WHY_ARRIVE || (why != WHY_UNPICK && t->key < c->min_vr))
		t->key = c->min_vr;
	return keyq_add(&c->q, t);
}

/* The time slice is fixed when the job is picked: the latency shared by
 * the runnable jobs (those ready and this one), at least min_gran. */
static struct sched_task *cfs_pick(void *st, uint64_t now)
{
	struct cfs *c = st;
	struct sched_task *t = keyq_pick(&c->q, now);
	uint64_t slice;

	if (!t)
		return NULL;
	if (t->key > c->min_vr)
		c->min_vr = t->key;
	slice = c->latency / (keyq_count(&c->q) + 1);
	t->qleft = slice > c->min_gran ? slice : c->min_gran;
	return t;
}

static uint64_t cfs_slice(void *st, struct sched_task *t)
{
	(void)st;
	return t->qleft;
}

static void cfs_ran(void *st, struct sched_task *t, uint64_t ticks,
		    bool blocks, bool ended)
{
	unsigned __int128 d = (unsigned __int128)ticks << (10 + CFS_SHIFT);

	(void)st;
	(void)blocks;
	(void)ended;
	t->qleft -= ticks;
	t->key += (uint64_t)(d / cfs_weight[t->job->nice + 20]);
}

const struct osc_sched_ops osc_sched_cfs = {
	.name = "cfs",
	.summary = "Linux CFS model: smallest vruntime, nice weights",
	.state_size = sizeof(struct cfs),
	.init = cfs_init,
	.fini = keyq_fini,
	.push = cfs_push,
	.pick = cfs_pick,
	.slice = cfs_slice,
	.ran = cfs_ran,
	.steal = keyq_steal,
	.count = keyq_count,
};
