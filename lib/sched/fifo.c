/* fifo.c: first in, first out (fcfs): run until done or blocked. */
#include <config.h>

#include "sched-int.h"

static int fifo_init(void *st, const struct osc_sched_params *p, size_t n,
		     struct osc_error *err)
{
	(void)p;
	(void)n;
	(void)err;
	tfifo_init(st);
	return OSC_OK;
}

static void fifo_fini(void *st)
{
	(void)st;
}

static int fifo_push(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now)
{
	(void)now;
	tfifo_push(st, t, why == WHY_UNPICK);
	return OSC_OK;
}

static struct sched_task *fifo_pick(void *st, uint64_t now)
{
	(void)now;
	return tfifo_take(st, false);
}

static struct sched_task *fifo_steal(void *st, uint64_t now)
{
	(void)now;
	return tfifo_take(st, true);
}

static size_t fifo_count(void *st)
{
	return ((struct task_fifo *)st)->n;
}

const struct osc_sched_ops osc_sched_fifo = {
	.name = "fifo",
	.summary = "first in, first out, run to completion (fcfs)",
	.state_size = sizeof(struct task_fifo),
	.init = fifo_init,
	.fini = fifo_fini,
	.push = fifo_push,
	.pick = fifo_pick,
	.steal = fifo_steal,
	.count = fifo_count,
};
