/* prio.c: non-preemptive priority (smaller prio = more urgent). */
#include <config.h>

#include "sched-int.h"

/* Signed priorities ordered as unsigned keys. */
static uint64_t prio_key(const struct sched_task *t)
{
	return (uint64_t)t->job->prio ^ (UINT64_C(1) << 63);
}

static int prio_push(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now)
{
	(void)why;
	(void)now;
	t->key = prio_key(t);
	return keyq_add(st, t);
}

const struct osc_sched_ops osc_sched_prio = {
	.name = "prio",
	.summary = "priority, non-preemptive (smaller prio first)",
	.state_size = sizeof(struct keyq),
	.init = keyq_init,
	.fini = keyq_fini,
	.push = prio_push,
	.pick = keyq_pick,
	.steal = keyq_steal,
	.count = keyq_count,
};

/* pprio: the same order, and a more urgent arrival preempts. */
const struct osc_sched_ops osc_sched_pprio = {
	.name = "pprio",
	.summary = "priority, preemptive",
	.state_size = sizeof(struct keyq),
	.init = keyq_init,
	.fini = keyq_fini,
	.push = prio_push,
	.pick = keyq_pick,
	.preempt = keyq_preempt,
	.steal = keyq_steal,
	.count = keyq_count,
};
