/* cpu.c: what the CPUs do each step: pick, switch, run, warm up, finish or block. */
#include <config.h>

#include "engine.h"

/* The best ready job this CPU may run (aff=): jobs it may not run are put
 * back where they were. */
static struct sched_task *sim_pick(struct sim *s, unsigned cpu)
{
	void *q = sim_q(s, s->p->per_cpu ? cpu : 0);
	struct sched_task *t;
	size_t nheld = 0;

	while ((t = s->ops->pick(q, s->now)) && !task_allowed(t, cpu))
		s->held[nheld++] = t;
	while (nheld > 0)
		s->ops->push(q, s->held[--nheld], WHY_UNPICK, s->now);
	return t;
}

static void sim_dispatch(struct sim *s, struct cpu *c, struct sched_task *t)
{
	t->waited += s->now - t->since;
	if (c->prev && c->prev != t) {
		s->switches++;
		c->sw_left = s->p->cs_cost;
	}
	c->run = t;
	c->prev = t;
	if (!c->sw_left)
		sched_mark(s, t, OSC_SCHED_RUNNING);
}

static bool task_modeled(const struct sim *s, const struct sched_task *t);

/* Cache model: a job is warm on at most one CPU.  Running on another
 * CPU starts warming up there from nothing. */
static void cache_drop(struct sim *s, struct sched_task *t)
{
	if (t->warm) {
		s->cpus[t->wcpu].warm_size -= t->job->ws;
		osc_list_remove(&t->wlink);
		t->warm = false;
	}
	t->warm_left = s->p->warmup;
}

static void cache_move(struct sim *s, unsigned cpu, struct sched_task *t)
{
	if (!task_modeled(s, t) || t->wcpu == (int8_t)cpu)
		return;
	cache_drop(s, t);
	t->wcpu = (int8_t)cpu;
}

/* t has warmed up on its CPU: its working set enters the cache, which
 * forgets the sets that became warm earliest while it is over size. */
static void cache_warm(struct sim *s, struct sched_task *t)
{
	struct cpu *c = &s->cpus[t->wcpu];

	t->warm = true;
	osc_list_push_back(&c->warm_list, &t->wlink);
	c->warm_size += t->job->ws;
	while (s->p->cache && c->warm_size > s->p->cache) {
		struct sched_task *old = osc_container_of(
			osc_list_first(&c->warm_list), struct sched_task, wlink);

		cache_drop(s, old);
	}
}

/* Step 5 on every CPU in number order. */
void sched_decide(struct sim *s)
{
	unsigned i;

	for (i = 0; i < s->ncpu; i++) {
		struct cpu *c = &s->cpus[i];
		struct sched_task *t = c->run;

		if (c->sw_left)
			continue;
		if (t && s->ops->preempt && s->ops->preempt(task_q(s, t), t,
							    s->now)) {
			c->run = NULL;
			sched_ready(s, t, WHY_PREEMPTED);
		}
		if (!c->run && (t = sim_pick(s, i)))
			sim_dispatch(s, c, t);
		if (c->run && !c->sw_left) {
			c->slice = s->ops->slice ?
				s->ops->slice(task_q(s, c->run), c->run) : NEVER;
			cache_move(s, i, c->run);
		}
		if (!c->run)
			c->prev = NULL;
	}
}

/* Cache model: whether t runs faster here, and how much work a tick does. */
static bool task_modeled(const struct sim *s, const struct sched_task *t)
{
	return s->p->warmup && t->job->ws;
}

static uint64_t task_rate(const struct sim *s, const struct sched_task *t)
{
	return task_modeled(s, t) && t->warm ? s->p->warm_rate : 1;
}

/* Work t may do before it finishes or blocks. */
static uint64_t task_work_stop(const struct sched_task *t)
{
	uint64_t left = task_left(t), every = t->job->io_every;

	if (every)
		left = min_u64(left, every - t->done % every);
	return left;
}

/* Ticks until the next thing that could change a decision. */
uint64_t sched_step_len(struct sim *s)
{
	uint64_t d = NEVER, rate;
	unsigned i;

	if (s->next_arr < s->n)
		d = s->tasks[s->order[s->next_arr]].job->arrival - s->now;
	if (s->io.len)
		d = min_u64(d, theap_top(&s->io)->io_until - s->now);
	if (s->p->boost && s->ops->boost)
		d = min_u64(d, s->p->boost - s->now % s->p->boost);
	if (s->p->per_cpu && s->p->steal && s->ops->steal)
		d = min_u64(d, s->p->steal - s->now % s->p->steal);
	for (i = 0; i < s->ncpu; i++) {
		struct cpu *c = &s->cpus[i];
		struct sched_task *t = c->run;

		if (c->sw_left) {
			d = min_u64(d, c->sw_left);
			continue;
		}
		if (!t)
			continue;
		rate = task_rate(s, t);
		d = min_u64(d, (task_work_stop(t) + rate - 1) / rate);
		d = min_u64(d, c->slice);
		if (task_modeled(s, t) && !t->warm && t->wcpu == (int8_t)i)
			d = min_u64(d, t->warm_left);
	}
	return d;
}

/* Run every CPU for d ticks. */
void sched_advance(struct sim *s, uint64_t d)
{
	unsigned i;

	for (i = 0; i < s->ncpu; i++) {
		struct cpu *c = &s->cpus[i];
		struct sched_task *t = c->run;
		uint64_t work;

		if (c->sw_left) {
			sched_seg(s, c, OSC_SCHED_SWITCH, d);
			c->sw_left -= d;
			c->sw += d;
			continue;
		}
		if (!t) {
			sched_seg(s, c, OSC_SCHED_IDLE, d);
			continue;
		}
		sched_seg(s, c, t->idx, d);
		if (t->start == NEVER)
			t->start = s->now;
		work = min_u64(task_work_stop(t), d * task_rate(s, t));
		if (task_modeled(s, t) && t->warm)
			c->warm += d;
		else if (task_modeled(s, t) && (t->warm_left -= d) == 0)
			cache_warm(s, t);
		t->done += work;
		c->busy += d;
		if (c->slice != NEVER)
			c->slice -= d;
	}
	s->now += d;
}

/* What each CPU's job does at the end of its run: finish, block, or have
 * its quantum end (requeued at step 4). */
void sched_end_runs(struct sim *s, uint64_t d)
{
	unsigned i;

	for (i = 0; i < s->ncpu; i++) {
		struct cpu *c = &s->cpus[i];
		struct sched_task *t = c->run;
		bool ended, blocks;

		if (!t)
			continue;
		if (c->sw_left || t->state != OSC_SCHED_RUNNING) {
			if (!c->sw_left)	/* the switch just ended */
				sched_mark(s, t, OSC_SCHED_RUNNING);
			continue;
		}
		ended = c->slice == 0;
		blocks = t->done < t->job->burst && t->job->io_every &&
			t->done % t->job->io_every == 0;
		if (s->ops->ran)
			s->ops->ran(task_q(s, t), t, d, blocks, ended);
		if (t->done == t->job->burst) {
			t->finish = s->now;
			s->ndone++;
			if (task_modeled(s, t))
				cache_drop(s, t);
			sched_mark(s, t, OSC_SCHED_DONE);
		} else if (blocks) {
			t->io_until = s->now + t->job->io_len;
			t->io_total += t->job->io_len;
			t->io_seq = s->io_seq++;
			if (theap_push(&s->io, t) != OSC_OK && !s->status)
				s->status = osc_error_set(s->err, OSC_ENOMEM,
							  NULL, 0,
							  "out of memory");
			sched_mark(s, t, OSC_SCHED_BLOCKED);
		} else if (ended) {
			c->expired = t;
		} else {
			continue;
		}
		c->run = NULL;
	}
}
