/* rr.c: round robin: jobs take turns of one quantum each. */
#include <config.h>

#include "sched-int.h"

struct rr {
	struct task_fifo q;
	uint64_t quantum;
};

static int rr_init(void *st, const struct osc_sched_params *p, size_t n,
		   struct osc_error *err)
{
	struct rr *rr = st;

	(void)n;
	(void)err;
	tfifo_init(&rr->q);
	rr->quantum = p->quantum;
	return OSC_OK;
}

static void rr_fini(void *st)
{
	(void)st;
}

/* Every return to the queue (arrival, I/O, end of turn) earns a fresh
 * quantum for the next turn. */
static int rr_push(void *st, struct sched_task *t, enum sched_why why,
		   uint64_t now)
{
	struct rr *rr = st;

	(void)now;
	if (why == WHY_UNPICK) {
		tfifo_push(&rr->q, t, true);
		return OSC_OK;
	}
	t->qleft = rr->quantum;
	tfifo_push(&rr->q, t, false);
	return OSC_OK;
}

static struct sched_task *rr_pick(void *st, uint64_t now)
{
	struct rr *rr = st;

	(void)now;
	return tfifo_take(&rr->q, false);
}

static uint64_t rr_slice(void *st, struct sched_task *t)
{
	(void)st;
	return t->qleft;
}

static void rr_ran(void *st, struct sched_task *t, uint64_t ticks,
		   bool blocks, bool ended)
{
	(void)st;
	(void)blocks;
	(void)ended;
	t->qleft -= ticks;
}

static struct sched_task *rr_steal(void *st, uint64_t now)
{
	struct rr *rr = st;

	(void)now;
	return tfifo_take(&rr->q, true);
}

static size_t rr_count(void *st)
{
	struct rr *rr = st;

	return rr->q.n;
}

const struct osc_sched_ops osc_sched_rr = {
	.name = "rr",
	.summary = "round robin with quantum -q",
	.state_size = sizeof(struct rr),
	.init = rr_init,
	.fini = rr_fini,
	.push = rr_push,
	.pick = rr_pick,
	.slice = rr_slice,
	.ran = rr_ran,
	.steal = rr_steal,
	.count = rr_count,
};
