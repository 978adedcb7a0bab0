/* stcf.c: shortest time to completion first (SRT, PSJF): preemptive sjf. */
#include <config.h>

#include "sched-int.h"

static int stcf_push(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now)
{
	(void)why;
	(void)now;
	t->key = task_left(t);
	return keyq_add(st, t);
}

/* Keep the running job's key equal to its remaining time, so that
 * keyq_preempt compares like with like. */
static void stcf_ran(void *st, struct sched_task *t, uint64_t ticks,
		     bool blocks, bool ended)
{
	(void)st;
	(void)ticks;
	(void)blocks;
	(void)ended;
	t->key = task_left(t);
}

const struct osc_sched_ops osc_sched_stcf = {
	.name = "stcf",
	.summary = "shortest time to completion first, preemptive (srtf, psjf)",
	.state_size = sizeof(struct keyq),
	.init = keyq_init,
	.fini = keyq_fini,
	.push = stcf_push,
	.pick = keyq_pick,
	.ran = stcf_ran,
	.preempt = keyq_preempt,
	.steal = keyq_steal,
	.count = keyq_count,
};
