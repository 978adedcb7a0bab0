/* sjf.c: shortest job first, non-preemptive (shortest remaining burst). */
#include <config.h>

#include "sched-int.h"

static int sjf_push(void *st, struct sched_task *t, enum sched_why why,
		    uint64_t now)
{
	(void)why;
	(void)now;
	t->key = task_left(t);
	return keyq_add(st, t);
}

const struct osc_sched_ops osc_sched_sjf = {
	.name = "sjf",
	.summary = "shortest job first, non-preemptive",
	.state_size = sizeof(struct keyq),
	.init = keyq_init,
	.fini = keyq_fini,
	.push = sjf_push,
	.pick = keyq_pick,
	.steal = keyq_steal,
	.count = keyq_count,
};
