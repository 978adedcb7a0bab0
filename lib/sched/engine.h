/* engine.h: the scheduling loop's state, shared by engine.c and cpu.c (private). */
#ifndef SCHED_ENGINE_H
#define SCHED_ENGINE_H

#include "sched-int.h"

#define NEVER UINT64_MAX

struct cpu {
	struct sched_task *run;		/* running, or switching in */
	struct sched_task *prev;	/* last job here; NULL after idle time */
	struct sched_task *expired;	/* quantum ended: requeue at step 4 */
	uint64_t sw_left;		/* context-switch ticks left */
	uint64_t slice;			/* ticks left in run's quantum */
	uint64_t busy, warm, sw;	/* ticks running, of them warm; switching */
	size_t seg_job;			/* timeline segment being built */
	uint64_t seg_start, seg_end;
	struct osc_list warm_list;	/* cache: warm jobs, oldest first */
	uint64_t warm_size;
};

struct sim {
	const struct osc_sched_ops *ops;
	const struct osc_sched_params *p;
	const struct osc_sched_jobset *set;
	const struct osc_sched_hooks *hooks;
	struct osc_error *err;
	size_t n, ndone, next_arr;
	struct sched_task *tasks;
	uint32_t *order;		/* by arrival, then input order */
	struct task_heap io;		/* blocked: by completion, then start */
	uint64_t io_seq, now, switches;
	unsigned ncpu, nq;
	struct cpu *cpus;
	char *qs;			/* nq policy states */
	struct sched_task **held;	/* picked but not allowed (aff=) */
	uint32_t *chg;			/* tasks whose state changed */
	size_t nchg;
	int status;
};

static inline void *sim_q(struct sim *s, unsigned i)
{
	return s->qs + (size_t)i * s->ops->state_size;
}

static inline void *task_q(struct sim *s, const struct sched_task *t)
{
	return sim_q(s, s->p->per_cpu ? t->cpu : 0);
}

static inline bool task_allowed(const struct sched_task *t, unsigned cpu)
{
	return !t->job->aff || (t->job->aff >> cpu & 1);
}

static inline uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* engine.c: events and reports */
void sched_mark(struct sim *s, struct sched_task *t, enum osc_sched_state st);
void sched_ready(struct sim *s, struct sched_task *t, enum sched_why why);
void sched_seg(struct sim *s, struct cpu *c, size_t job, uint64_t d);
/* cpu.c: what the CPUs do */
void sched_decide(struct sim *s);
uint64_t sched_step_len(struct sim *s);
void sched_advance(struct sim *s, uint64_t d);
void sched_end_runs(struct sim *s, uint64_t d);

#endif
