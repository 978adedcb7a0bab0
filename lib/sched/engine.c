/* engine.c: the one scheduling loop: time, events, I/O, reports; policies only decide. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* States: changes are gathered during a time step and reported at its end
 * in job order, so the report does not depend on the order of events. */
void sched_mark(struct sim *s, struct sched_task *t,
		     enum osc_sched_state st)
{
	t->state = (uint8_t)st;
	if (s->hooks && s->hooks->state && !(t->flags & TF_CHANGED)) {
		t->flags |= TF_CHANGED;
		s->chg[s->nchg++] = t->idx;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void sim_report(struct sim *s, uint64_t time)
{
	size_t i;

	qsort(s->chg, s->nchg, sizeof *s->chg, cmp_u32);
	for (i = 0; i < s->nchg; i++) {
		struct sched_task *t = &s->tasks[s->chg[i]];
		void *ctx = s->hooks->ctx;

		if ((t->flags & TF_NEW) && s->status == OSC_OK)
			s->status = s->hooks->state(ctx, time, t->idx,
						    OSC_SCHED_NEW);
		if (t->state != t->shown && s->status == OSC_OK)
			s->status = s->hooks->state(ctx, time, t->idx,
						    t->state);
		t->shown = t->state;
		t->flags = 0;
	}
	s->nchg = 0;
}

/* Timeline: maximal runs of one label per CPU. */
static void sim_seg_flush(struct sim *s, struct cpu *c)
{
	if (c->seg_end > c->seg_start && s->status == OSC_OK)
		s->status = s->hooks->segment(s->hooks->ctx,
					      (unsigned)(c - s->cpus),
					      c->seg_start, c->seg_end,
					      c->seg_job);
	c->seg_start = c->seg_end;
}

void sched_seg(struct sim *s, struct cpu *c, size_t job, uint64_t d)
{
	if (!s->hooks || !s->hooks->segment)
		return;
	if (job != c->seg_job || c->seg_end != s->now) {
		sim_seg_flush(s, c);
		c->seg_job = job;
		c->seg_start = s->now;
	}
	c->seg_end = s->now + d;
}

void sched_ready(struct sim *s, struct sched_task *t, enum sched_why why)
{
	int st;

	t->since = s->now;
	sched_mark(s, t, OSC_SCHED_READY);
	st = s->ops->push(task_q(s, t), t, why, s->now);
	if (st != OSC_OK && s->status == OSC_OK)
		s->status = osc_error_set(s->err, st, NULL, 0, "out of memory");
}

/* Per-cpu queues: a new job goes to the allowed CPU with the fewest jobs
 * (queued plus running), ties to the lowest number. */
static void sim_place(struct sim *s, struct sched_task *t)
{
	size_t best = SIZE_MAX, load;
	unsigned i;

	if (!s->p->per_cpu)
		return;
	for (i = 0; i < s->ncpu; i++) {
		if (!task_allowed(t, i))
			continue;
		load = s->ops->count(sim_q(s, i)) + (s->cpus[i].run != NULL);
		if (load < best) {
			best = load;
			t->cpu = (uint8_t)i;
		}
	}
}

static void sim_arrivals(struct sim *s)
{
	while (s->next_arr < s->n) {
		struct sched_task *t = &s->tasks[s->order[s->next_arr]];

		if (t->job->arrival != s->now)
			break;
		s->next_arr++;
		t->flags |= TF_NEW;
		sim_place(s, t);
		sched_ready(s, t, WHY_ARRIVE);
	}
}

static void sim_io_done(struct sim *s)
{
	struct sched_task *t;

	while ((t = theap_top(&s->io)) && t->io_until == s->now) {
		theap_pop(&s->io);
		sched_ready(s, t, WHY_IO);
	}
}

static void sim_requeue(struct sim *s)
{
	unsigned i;

	for (i = 0; i < s->ncpu; i++) {
		struct cpu *c = &s->cpus[i];

		if (c->expired) {
			sched_ready(s, c->expired, WHY_EXPIRED);
			c->expired = NULL;
		}
	}
}

static void sim_boost(struct sim *s)
{
	unsigned i;

	if (!s->p->boost || !s->ops->boost || s->now % s->p->boost)
		return;
	for (i = 0; i < s->nq; i++)
		s->ops->boost(sim_q(s, i), s->now);
}


/* Per-cpu queues with --steal: at every steal period each CPU whose queue
 * is empty takes the job at the tail of the longest other queue (ties to
 * the lowest number), if that job may run there.  The thieves are the
 * CPUs whose queues were empty when the period began: a queue a thief has
 * just emptied does not make its CPU steal the job back. */
static void sim_steal(struct sim *s)
{
	bool thief[OSC_SCHED_MAX_CPUS];
	unsigned i, j, victim;
	size_t most, len;
	struct sched_task *t;

	if (!s->p->per_cpu || !s->p->steal || !s->ops->steal ||
	    s->now % s->p->steal)
		return;
	for (i = 0; i < s->ncpu; i++)
		thief[i] = !s->ops->count(sim_q(s, i));
	for (i = 0; i < s->ncpu; i++) {
		if (!thief[i])
			continue;
		most = 0;
		victim = i;
		for (j = 0; j < s->ncpu; j++)
			if (j != i && (len = s->ops->count(sim_q(s, j))) > most) {
				most = len;
				victim = j;
			}
		if (victim == i || !(t = s->ops->steal(sim_q(s, victim), s->now)))
			continue;
		if (task_allowed(t, i))
			t->cpu = (uint8_t)i;
		s->ops->push(task_q(s, t), t, WHY_MOVED, s->now);
	}
}

static int sim_check(const struct osc_sched_params *p,
		     const struct osc_sched_jobset *set, struct osc_error *err)
{
	unsigned l;
	size_t i;

	if (!set->n)
		return osc_error_set(err, OSC_EDATA, NULL, 0, "no jobs");
	if (!p->quantum || !p->min_gran || !p->latency || !p->warm_rate)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "the quantum, --min-granularity, --latency and --warm-rate must be at least 1");
	if (p->cpus < 1 || p->cpus > OSC_SCHED_MAX_CPUS)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "--cpus must be 1 to %d", OSC_SCHED_MAX_CPUS);
	if (p->levels < 1 || p->levels > OSC_SCHED_MAX_LEVELS)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "--levels must be 1 to %d", OSC_SCHED_MAX_LEVELS);
	for (l = 0; l < p->levels; l++)
		if (p->quanta[l] > UINT64_MAX / 2 || p->allot[l] > UINT64_MAX / 2)
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "mlfq quanta and allotments must be below 2^63");
	for (i = 0; i < set->n; i++)
		if (set->v[i].aff &&
		    !(set->v[i].aff & (UINT64_MAX >> (64 - p->cpus))))
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "job \"%s\" may run on none of the %u CPUs (aff=)",
					     osc_sched_job_name(set, i), p->cpus);
	return OSC_OK;
}

static int sim_order_cmp(const void *a, const void *b, void *ctx)
{
	const struct osc_sched_job *v = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (v[x].arrival != v[y].arrival)
		return v[x].arrival < v[y].arrival ? -1 : 1;
	return (x > y) - (x < y);
}

static void sim_teardown(struct sim *s)
{
	unsigned i;

	if (s->qs)
		for (i = 0; i < s->nq; i++)
			s->ops->fini(sim_q(s, i));
	free(s->qs);
	free(s->tasks);
	free(s->order);
	free(s->cpus);
	free(s->held);
	free(s->chg);
	theap_free(&s->io);
}

static int sim_alloc(struct sim *s)
{
	size_t i;
	bool aff = false;

	s->tasks = calloc(s->n, sizeof *s->tasks);
	s->order = malloc(s->n * sizeof *s->order);
	s->cpus = calloc(s->ncpu, sizeof *s->cpus);
	for (i = 0; i < s->set->n; i++)
		aff = aff || s->set->v[i].aff;
	s->held = aff ? malloc(s->n * sizeof *s->held) : NULL;
	s->chg = s->hooks && s->hooks->state ?
		malloc(s->n * sizeof *s->chg) : NULL;
	if (!s->tasks || !s->order || !s->cpus || (aff && !s->held) ||
	    (s->hooks && s->hooks->state && !s->chg) ||
	    theap_init(&s->io, 64) != OSC_OK)
		return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
				     "out of memory");
	s->io.order = TH_IO;
	return OSC_OK;
}

static int sim_setup(struct sim *s)
{
	size_t i;
	int st;

	if ((st = sim_alloc(s)) != OSC_OK)
		return st;
	for (i = 0; i < s->n; i++) {
		struct sched_task *t = &s->tasks[i];

		t->job = &s->set->v[i];
		t->idx = (uint32_t)i;
		t->start = NEVER;
		t->wcpu = -1;
		t->shown = 0xff;
		osc_list_init(&t->link);
		osc_list_init(&t->wlink);
		s->order[i] = (uint32_t)i;
	}
	qsort_r(s->order, s->n, sizeof *s->order, sim_order_cmp, s->set->v);
	for (i = 0; i < s->ncpu; i++) {
		osc_list_init(&s->cpus[i].warm_list);
		s->cpus[i].seg_job = OSC_SCHED_IDLE;
	}
	s->qs = calloc(s->nq, s->ops->state_size);
	if (!s->qs)
		return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
				     "out of memory");
	for (i = 0; i < s->nq; i++)
		if ((st = s->ops->init(sim_q(s, (unsigned)i), s->p, s->n,
				       s->err)) != OSC_OK) {
			s->nq = (unsigned)i;	/* fini only those set up */
			return st;
		}
	return OSC_OK;
}

static int sim_results(struct sim *s, struct osc_sched_result *r)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->n = s->n;
	r->cpus = s->ncpu;
	r->start = malloc(s->n * sizeof *r->start);
	r->finish = malloc(s->n * sizeof *r->finish);
	r->io_time = malloc(s->n * sizeof *r->io_time);
	r->busy = malloc(s->ncpu * sizeof *r->busy);
	r->warm = malloc(s->ncpu * sizeof *r->warm);
	r->switching = malloc(s->ncpu * sizeof *r->switching);
	if (!r->start || !r->finish || !r->io_time || !r->busy || !r->warm ||
	    !r->switching) {
		osc_sched_result_free(r);
		return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
				     "out of memory");
	}
	r->begin = s->tasks[s->order[0]].job->arrival;
	for (i = 0; i < s->n; i++) {
		r->start[i] = s->tasks[i].start;
		r->finish[i] = s->tasks[i].finish;
		r->io_time[i] = s->tasks[i].io_total;
		if (r->finish[i] > r->end)
			r->end = r->finish[i];
	}
	for (i = 0; i < s->ncpu; i++) {
		r->busy[i] = s->cpus[i].busy;
		r->warm[i] = s->cpus[i].warm;
		r->switching[i] = s->cpus[i].sw;
	}
	r->context_switches = s->switches;
	return OSC_OK;
}

void osc_sched_result_free(struct osc_sched_result *r)
{
	free(r->start);
	free(r->finish);
	free(r->io_time);
	free(r->busy);
	free(r->warm);
	free(r->switching);
	memset(r, 0, sizeof *r);
}

static void sim_loop(struct sim *s)
{
	bool first = s->p->requeue_first;
	uint64_t d;

	s->now = s->tasks[s->order[0]].job->arrival;
	while (s->ndone < s->n && s->status == OSC_OK) {
		if (first)
			sim_requeue(s);
		sim_boost(s);
		sim_arrivals(s);
		sim_io_done(s);
		if (!first)
			sim_requeue(s);
		sim_steal(s);
		sched_decide(s);
		if (s->chg)
			sim_report(s, s->now);
		d = sched_step_len(s);
		if (d == NEVER || d == 0) {
			s->status = osc_error_set(s->err, OSC_EINTERNAL, NULL, 0,
						  "scheduler stalled at time %llu",
						  (unsigned long long)s->now);
			break;
		}
		sched_advance(s, d);
		sched_end_runs(s, d);
	}
	if (s->chg && s->status == OSC_OK)
		sim_report(s, s->now);
}

int osc_sched_run(const struct osc_sched_ops *ops,
		  const struct osc_sched_params *p,
		  const struct osc_sched_jobset *set,
		  const struct osc_sched_hooks *hooks,
		  struct osc_sched_result *res, struct osc_error *err)
{
	struct sim s;
	unsigned i;
	int st;

	memset(res, 0, sizeof *res);
	if ((st = sim_check(p, set, err)) != OSC_OK)
		return st;
	memset(&s, 0, sizeof s);
	s.ops = ops;
	s.p = p;
	s.set = set;
	s.hooks = hooks;
	s.err = err;
	s.n = set->n;
	s.ncpu = p->cpus;
	s.nq = p->per_cpu ? p->cpus : 1;
	st = sim_setup(&s);
	if (st == OSC_OK) {
		sim_loop(&s);
		for (i = 0; hooks && hooks->segment && i < s.ncpu; i++)
			sim_seg_flush(&s, &s.cpus[i]);
		st = s.status;
	}
	if (st == OSC_OK)
		st = sim_results(&s, res);
	sim_teardown(&s);
	return st;
}

void osc_sched_params_default(struct osc_sched_params *p)
{
	memset(p, 0, sizeof *p);
	p->quantum = 1;
	p->cpus = 1;
	p->levels = 3;
	p->min_gran = 1;
	p->latency = 6;
	p->seed = 1;
	p->warm_rate = 2;
}
