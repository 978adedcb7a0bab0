/* lottery.c: lottery scheduling: each quantum goes to a ticket drawn at random. */
#include <config.h>

#include <stdlib.h>

#include "sched-int.h"

/*
 * Tickets of the ready jobs sit in a Fenwick tree indexed by input order,
 * so both a change and finding the holder of ticket r are O(log n).
 */
struct lottery {
	uint64_t *fen;			/* 1-based */
	struct sched_task **task;	/* by input order */
	size_t n, ready, top;		/* top: highest power of two <= n */
	uint64_t total, quantum;
	struct osc_rng rng;
};

static int lottery_init(void *st, const struct osc_sched_params *p, size_t n,
			struct osc_error *err)
{
	struct lottery *l = st;

	l->fen = calloc(n + 1, sizeof *l->fen);
	l->task = calloc(n, sizeof *l->task);
	if (!l->fen || !l->task) {
		free(l->fen);
		free(l->task);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	}
	l->n = n;
	for (l->top = 1; l->top * 2 <= n; l->top *= 2)
		;
	l->quantum = p->quantum;
	osc_rng_seed(&l->rng, p->seed);
	return OSC_OK;
}

static void lottery_fini(void *st)
{
	struct lottery *l = st;

	free(l->fen);
	free(l->task);
}

static void lottery_add(struct lottery *l, size_t i, uint64_t v, bool neg)
{
	for (i++; i <= l->n; i += i & -i)
		l->fen[i] = neg ? l->fen[i] - v : l->fen[i] + v;
	l->total = neg ? l->total - v : l->total + v;
}

static int lottery_push(void *st, struct sched_task *t, enum sched_why why,
			uint64_t now)
{
	struct lottery *l = st;

	(void)now;
	if (why != WHY_UNPICK)
		t->qleft = l->quantum;
	l->task[t->idx] = t;
	lottery_add(l, t->idx, t->job->tickets, false);
	l->ready++;
	return OSC_OK;
}

/* The job holding ticket r: the first index whose prefix sum exceeds r. */
static size_t lottery_find(const struct lottery *l, uint64_t r)
{
	size_t pos = 0, step;

	for (step = l->top; step; step /= 2)
		if (pos + step <= l->n && l->fen[pos + step] <= r) {
			pos += step;
			r -= l->fen[pos];
		}
	return pos;	/* 0-based index of the holder */
}

static struct sched_task *lottery_pick(void *st, uint64_t now)
{
	struct lottery *l = st;
	struct sched_task *t;

	(void)now;
	if (!l->ready)
		return NULL;
	t = l->task[lottery_find(l, osc_rng_below(&l->rng, l->total))];
	lottery_add(l, t->idx, t->job->tickets, true);
	l->ready--;
	return t;
}

/* Per-cpu stealing: a lottery queue has no order, so its tail is taken to
 * be the ready job last in input order (the holder of the last ticket). */
static struct sched_task *lottery_steal(void *st, uint64_t now)
{
	struct lottery *l = st;
	struct sched_task *t;

	(void)now;
	if (!l->ready)
		return NULL;
	t = l->task[lottery_find(l, l->total - 1)];
	lottery_add(l, t->idx, t->job->tickets, true);
	l->ready--;
	return t;
}

static uint64_t lottery_slice(void *st, struct sched_task *t)
{
	(void)st;
	return t->qleft;
}

static void lottery_ran(void *st, struct sched_task *t, uint64_t ticks,
			bool blocks, bool ended)
{
	(void)st;
	(void)blocks;
	(void)ended;
	t->qleft -= ticks;
}

static size_t lottery_count(void *st)
{
	struct lottery *l = st;

	return l->ready;
}

const struct osc_sched_ops osc_sched_lottery = {
	.name = "lottery",
	.summary = "lottery: each quantum to a random ticket (tickets=)",
	.state_size = sizeof(struct lottery),
	.init = lottery_init,
	.fini = lottery_fini,
	.push = lottery_push,
	.pick = lottery_pick,
	.slice = lottery_slice,
	.ran = lottery_ran,
	.count = lottery_count,
	.steal = lottery_steal,
};
