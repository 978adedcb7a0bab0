/* sched-out.c: sched-sim's tables and Gantt charts: one simulation per policy and table. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched-sim.h"

static const struct osc_col jobs_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "job", OSC_T_STR, 0 },
	{ "arrival", OSC_T_UINT, 0 }, { "burst", OSC_T_UINT, 0 },
	{ "start", OSC_T_UINT, 0 }, { "finish", OSC_T_UINT, 0 },
	{ "response", OSC_T_UINT, 0 }, { "turnaround", OSC_T_UINT, 0 },
	{ "waiting", OSC_T_INT, 0 },
};

static const struct osc_col summary_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "jobs", OSC_T_UINT, 0 },
	{ "avg_response", OSC_T_RATIO, 0 }, { "avg_turnaround", OSC_T_RATIO, 0 },
	{ "avg_waiting", OSC_T_RATIO, 0 }, { "makespan", OSC_T_UINT, 0 },
	{ "cpu_util", OSC_T_RATIO, 0 }, { "context_switches", OSC_T_UINT, 0 },
	{ "throughput", OSC_T_RATIO, 0 },
};

static const struct osc_col timeline_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "cpu", OSC_T_UINT, 0 },
	{ "start", OSC_T_UINT, 0 }, { "end", OSC_T_UINT, 0 },
	{ "job", OSC_T_STR, 0 },
};

static const struct osc_col states_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "time", OSC_T_UINT, 0 },
	{ "job", OSC_T_STR, 0 }, { "state", OSC_T_STR, 0 },
};

static const struct osc_col cpus_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "cpu", OSC_T_UINT, 0 },
	{ "busy", OSC_T_UINT, 0 }, { "idle", OSC_T_UINT, 0 },
	{ "utilization", OSC_T_RATIO, 0 }, { "warm_ticks", OSC_T_UINT, 0 },
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* What the hooks need while one policy runs. */
struct run_ctx {
	struct sched_sim *sim;
	struct osc_out *o;
	const char *policy;
	/* Gantt: the segments of every CPU */
	struct seg { unsigned cpu; uint64_t start, end; size_t job; } *segs;
	size_t nsegs, cap;
};

static const char *label(const struct sched_sim *sim, size_t job)
{
	if (job == OSC_SCHED_IDLE)
		return "idle";
	if (job == OSC_SCHED_SWITCH)
		return "switch";
	return osc_sched_job_name(&sim->set, job);
}

static int timeline_row(void *ctx, unsigned cpu, uint64_t start, uint64_t end,
			size_t job)
{
	struct run_ctx *rc = ctx;

	osc_out_str(rc->o, rc->policy);
	osc_out_u64(rc->o, cpu);
	osc_out_u64(rc->o, start);
	osc_out_u64(rc->o, end);
	osc_out_str(rc->o, label(rc->sim, job));
	return OSC_OK;
}

static int state_row(void *ctx, uint64_t time, size_t job,
		     enum osc_sched_state st)
{
	struct run_ctx *rc = ctx;

	osc_out_str(rc->o, rc->policy);
	osc_out_u64(rc->o, time);
	osc_out_str(rc->o, osc_sched_job_name(&rc->sim->set, job));
	osc_out_str(rc->o, osc_sched_state_name(st));
	return OSC_OK;
}

static int gantt_seg(void *ctx, unsigned cpu, uint64_t start, uint64_t end,
		     size_t job)
{
	struct run_ctx *rc = ctx;

	if (rc->nsegs == rc->cap) {
		size_t cap = rc->cap ? 2 * rc->cap : 256;
		struct seg *s = realloc(rc->segs, cap * sizeof *s);

		if (!s)
			return OSC_ENOMEM;
		rc->segs = s;
		rc->cap = cap;
	}
	rc->segs[rc->nsegs++] = (struct seg){ cpu, start, end, job };
	return OSC_OK;
}

static void run(struct run_ctx *rc, const struct osc_sched_ops *ops,
		const struct osc_sched_hooks *hooks, struct osc_sched_result *r)
{
	struct osc_error err;

	osc_error_clear(&err);
	rc->policy = osc_sched_name(ops);
	if (osc_sched_run(ops, &rc->sim->p, &rc->sim->set, hooks, r, &err) !=
	    OSC_OK)
		osc_die_error(&err);
}

static void jobs_rows(struct run_ctx *rc, const struct osc_sched_result *r)
{
	const struct osc_sched_jobset *set = &rc->sim->set;
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct osc_sched_job *j = &set->v[i];
		uint64_t turn = r->finish[i] - j->arrival;

		osc_out_str(rc->o, rc->policy);
		osc_out_str(rc->o, osc_sched_job_name(set, i));
		osc_out_u64(rc->o, j->arrival);
		osc_out_u64(rc->o, j->burst);
		osc_out_u64(rc->o, r->start[i]);
		osc_out_u64(rc->o, r->finish[i]);
		osc_out_u64(rc->o, r->start[i] - j->arrival);
		osc_out_u64(rc->o, turn);
		osc_out_i64(rc->o, (int64_t)(turn - j->burst - r->io_time[i]));
	}
}

static void summary_row(struct run_ctx *rc, const struct osc_sched_result *r)
{
	const struct osc_sched_jobset *set = &rc->sim->set;
	double resp = 0, turn = 0, wait = 0, n = (double)set->n;
	uint64_t span = r->end - r->begin, busy = 0;
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct osc_sched_job *j = &set->v[i];
		uint64_t t = r->finish[i] - j->arrival;

		resp += (double)(r->start[i] - j->arrival);
		turn += (double)t;
		wait += (double)(int64_t)(t - j->burst - r->io_time[i]);
	}
	for (i = 0; i < r->cpus; i++)
		busy += r->busy[i];
	osc_out_str(rc->o, rc->policy);
	osc_out_u64(rc->o, set->n);
	osc_out_double(rc->o, resp / n);
	osc_out_double(rc->o, turn / n);
	osc_out_double(rc->o, wait / n);
	osc_out_u64(rc->o, span);
	osc_out_double(rc->o, (double)busy / ((double)span * r->cpus));
	osc_out_u64(rc->o, r->context_switches);
	osc_out_double(rc->o, n / (double)span);
}

static void cpus_rows(struct run_ctx *rc, const struct osc_sched_result *r)
{
	uint64_t span = r->end - r->begin;
	unsigned i;

	for (i = 0; i < r->cpus; i++) {
		osc_out_str(rc->o, rc->policy);
		osc_out_u64(rc->o, i);
		osc_out_u64(rc->o, r->busy[i]);
		osc_out_u64(rc->o, span - r->busy[i] - r->switching[i]);
		osc_out_double(rc->o, (double)r->busy[i] / (double)span);
		osc_out_u64(rc->o, r->warm[i]);
	}
}

/* One table: every policy's rows, one simulation each. */
static void table(struct run_ctx *rc, unsigned which)
{
	struct sched_sim *sim = rc->sim;
	struct osc_sched_hooks hooks = { .ctx = rc };
	struct osc_sched_result r;
	size_t i;

	switch (which) {
	case T_JOBS:
		osc_out_begin(rc->o, "jobs", jobs_cols, NCOLS(jobs_cols));
		break;
	case T_SUMMARY:
		osc_out_begin(rc->o, "summary", summary_cols,
			      NCOLS(summary_cols));
		break;
	case T_TIMELINE:
		osc_out_begin(rc->o, "timeline", timeline_cols,
			      NCOLS(timeline_cols));
		hooks.segment = timeline_row;
		break;
	case T_STATES:
		osc_out_begin(rc->o, "states", states_cols, NCOLS(states_cols));
		hooks.state = state_row;
		break;
	default:
		osc_out_begin(rc->o, "cpus", cpus_cols, NCOLS(cpus_cols));
		break;
	}
	for (i = 0; i < sim->npol; i++) {
		run(rc, sim->pol[i], &hooks, &r);
		if (which == T_JOBS)
			jobs_rows(rc, &r);
		else if (which == T_SUMMARY)
			summary_row(rc, &r);
		else if (which == T_CPUS)
			cpus_rows(rc, &r);
		osc_sched_result_free(&r);
	}
	if (osc_out_end(rc->o) != OSC_OK)
		osc_die(EX_OSERR, "out of memory");
}

/* The label of the segment covering time t on cpu (segments are in time
 * order per CPU; *k is a cursor that only moves forward). */
static char gantt_char(const struct run_ctx *rc, unsigned cpu, uint64_t t,
		       size_t *k)
{
	const struct seg *s;

	for (; *k < rc->nsegs; ++*k) {
		s = &rc->segs[*k];
		if (s->cpu == cpu && s->end > t)
			break;
	}
	if (*k == rc->nsegs || rc->segs[*k].start > t)
		return ' ';
	s = &rc->segs[*k];
	if (s->job == OSC_SCHED_IDLE)
		return '.';
	if (s->job == OSC_SCHED_SWITCH)
		return '*';
	return osc_sched_job_name(&rc->sim->set, s->job)[0];
}

/* One chart line per CPU: column c shows who ran at the start of its
 * share of the time; one column per tick when the run is short enough. */
static void gantt(struct run_ctx *rc, const struct osc_sched_result *r)
{
	uint64_t span = r->end - r->begin, cols, c;
	char *line;
	unsigned cpu;

	cols = span < rc->sim->width ? span : rc->sim->width;
	line = malloc(cols + 1);
	if (!line)
		osc_die(EX_OSERR, "out of memory");
	osc_out_note(rc->o, "%s: %s %llu to %llu, %s", rc->policy,
		     "Gantt chart from", (unsigned long long)r->begin,
		     (unsigned long long)r->end,
		     cols == span ? "one column per tick" : "scaled");
	for (cpu = 0; cpu < r->cpus; cpu++) {
		size_t k = 0;

		for (c = 0; c < cols; c++)
			line[c] = gantt_char(rc, cpu, r->begin +
				(uint64_t)((unsigned __int128)span * c / cols), &k);
		line[cols] = '\0';
		osc_out_note(rc->o, "cpu %u |%s|", cpu, line);
	}
	free(line);
}

static void gantts(struct run_ctx *rc)
{
	struct osc_sched_hooks hooks = { .ctx = rc, .segment = gantt_seg };
	struct osc_sched_result r;
	size_t i;

	for (i = 0; i < rc->sim->npol; i++) {
		rc->nsegs = 0;
		run(rc, rc->sim->pol[i], &hooks, &r);
		gantt(rc, &r);
		osc_sched_result_free(&r);
	}
	free(rc->segs);
}

/* The JSON document's params: what decides the numbers. */
static void params(struct run_ctx *rc)
{
	const struct sched_sim *sim = rc->sim;
	char list[512] = "";
	size_t i, len = 0;

	for (i = 0; i < sim->npol && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
					i ? "," : "", osc_sched_name(sim->pol[i]));
	osc_out_param_str(rc->o, "policies", list);
	osc_out_param_str(rc->o, "input", sim->swf ? "swf" : "jobs");
	osc_out_param_u64(rc->o, "quantum", sim->p.quantum);
	osc_out_param_u64(rc->o, "cs_cost", sim->p.cs_cost);
	osc_out_param_str(rc->o, "requeue", sim->p.requeue_first ? "first" : "last");
	osc_out_param_u64(rc->o, "cpus", sim->p.cpus);
	osc_out_param_str(rc->o, "queues", sim->p.per_cpu ? "per-cpu" : "single");
	osc_out_param_u64(rc->o, "steal", sim->p.steal);
	osc_out_param_u64(rc->o, "levels", sim->p.levels);
	osc_out_param_u64(rc->o, "boost", sim->p.boost);
	osc_out_param_bool(rc->o, "io_keep", sim->p.io_keep);
	osc_out_param_bool(rc->o, "io_front", sim->p.io_front);
	osc_out_param_u64(rc->o, "min_granularity", sim->p.min_gran);
	osc_out_param_u64(rc->o, "latency", sim->p.latency);
	osc_out_param_u64(rc->o, "warmup", sim->p.warmup);
	osc_out_param_u64(rc->o, "warm_rate", sim->p.warm_rate);
	osc_out_param_u64(rc->o, "cache", sim->p.cache);
	osc_out_param_u64(rc->o, "seed", sim->cli.seed);
}

void sched_print(struct sched_sim *sim)
{
	struct run_ctx rc = { .sim = sim };
	unsigned t;

	rc.o = osc_cli_open_out(&sim->cli, (sim->tables & (sim->tables - 1)) != 0);
	params(&rc);
	for (t = T_JOBS; t <= T_CPUS; t <<= 1)
		if (sim->tables & t)
			table(&rc, t);
	if (sim->gantt)
		gantts(&rc);
	osc_cli_close_out(&sim->cli, rc.o);
}
