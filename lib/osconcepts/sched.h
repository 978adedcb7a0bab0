/* osconcepts/sched.h: CPU scheduling (sched-sim): jobs, policies, the simulation loop. */
#ifndef OSCONCEPTS_SCHED_H
#define OSCONCEPTS_SCHED_H

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Limits checked by osc_sched_run (OSC_EUSAGE beyond them). */
#define OSC_SCHED_MAX_CPUS 64		/* aff= is a 64-bit CPU mask */
#define OSC_SCHED_MAX_LEVELS 64		/* mlfq --levels */

/*
 * One job of the `jobs` trace format (man 5 osc-traces):
 * `NAME ARRIVAL BURST [KEY=VALUE...]`, integer ticks.
 */
struct osc_sched_job {
	uint64_t arrival, burst;
	uint64_t io_every, io_len;	/* 0: no I/O */
	uint64_t ws;			/* working set (cache model), 0 = none */
	uint64_t aff;			/* allowed CPUs, bit i = CPU i; 0 = any */
	uint64_t tickets;		/* lottery, stride: default 100 */
	int64_t prio;			/* smaller = more urgent, default 0 */
	int nice;			/* cfs: -20..19, default 0 */
	uint32_t name;			/* offset of the name in set->names */
};

/* A set of jobs in input order, with their names (unique). */
struct osc_sched_jobset {
	struct osc_sched_job *v;
	size_t n, cap;
	char *names;			/* NUL-terminated names, back to back */
	size_t names_len, names_cap;
	uint32_t *index;		/* private: name hash table */
	size_t index_cap;
	uint64_t tickets;		/* private: the jobs' tickets in all */
};

void osc_sched_jobset_init(struct osc_sched_jobset *set);
void osc_sched_jobset_free(struct osc_sched_jobset *set);
static inline const char *osc_sched_job_name(const struct osc_sched_jobset *set,
					     size_t i)
{
	return set->names + set->v[i].name;
}
/* Fill *job with the format's defaults (tickets 100, everything else 0). */
void osc_sched_job_default(struct osc_sched_job *job);
/*
 * Append a job named name[0..len) (copied); job->name is set here.
 * OSC_EDATA `duplicate job name "X"` when the name is taken, or when the
 * tickets of all jobs would sum past 2^64-1 (message only:
 * err->file and err->line are left to the caller), OSC_ENOMEM.
 */
int osc_sched_add_job(struct osc_sched_jobset *set, const char *name,
		      size_t len, const struct osc_sched_job *job,
		      struct osc_error *err);
/*
 * Read `jobs` format records from s until its end, appending to set.
 * Errors (OSC_EDATA with s->name and the line, OSC_EIO, OSC_ENOMEM) go to
 * s->err.  Rules: burst >= 1; io_every and io_len both >= 1 and given
 * together; tickets >= 1; nice in -20..19; aff= a list of CPU numbers
 * 0..63 separated by `.`; an unknown key is an error.
 */
int osc_sched_read_jobs(struct osc_scan *s, struct osc_sched_jobset *set);
/*
 * Read a Standard Workload Format log (Parallel Workloads Archive): `;`
 * lines are comments, each record has 18 integer fields (-1 allowed);
 * the job is named after field 1, arrives at field 2, runs field 4 ticks;
 * records with a run time <= 0 are skipped.
 */
int osc_sched_read_swf(struct osc_scan *s, struct osc_sched_jobset *set);

/* Simulation parameters; osc_sched_params_default gives the documented
 * defaults. */
struct osc_sched_params {
	uint64_t quantum;		/* -q: rr, lottery, mlfq default (1) */
	uint64_t cs_cost;		/* ticks per context switch (0) */
	bool requeue_first;		/* --requeue=first: step 4 first */
	unsigned cpus;			/* 1 */
	bool per_cpu;			/* --queues=per-cpu */
	uint64_t steal;			/* steal period, 0 = no stealing */
	/* mlfq */
	unsigned levels;		/* 3 */
	uint64_t quanta[OSC_SCHED_MAX_LEVELS];	/* 0 = use quantum */
	uint64_t allot[OSC_SCHED_MAX_LEVELS];	/* quanta per level (1) */
	uint64_t boost;			/* period in ticks, 0 = never */
	bool io_keep, io_front;
	/* cfs */
	uint64_t min_gran, latency;	/* 1, 6 */
	/* lottery */
	uint64_t seed;
	/* cache affinity */
	uint64_t warmup;		/* ticks to warm up, 0 = model off */
	uint64_t warm_rate;		/* work per tick when warm (2) */
	uint64_t cache;			/* cache size per CPU, 0 = unlimited */
};

void osc_sched_params_default(struct osc_sched_params *p);

/* A scheduling policy (opaque; see the registry below). */
struct osc_sched_ops;

/* The policy named name (aliases included: fcfs, srtf, psjf), or NULL. */
const struct osc_sched_ops *osc_sched_lookup(const char *name);
/* The registry in its documented order: i-th policy or NULL past the end. */
const struct osc_sched_ops *osc_sched_policy(size_t i);
const char *osc_sched_name(const struct osc_sched_ops *ops);
const char *osc_sched_summary(const struct osc_sched_ops *ops);

enum osc_sched_state {
	OSC_SCHED_NEW,
	OSC_SCHED_READY,
	OSC_SCHED_RUNNING,
	OSC_SCHED_BLOCKED,
	OSC_SCHED_DONE
};
/* "new", "ready", "running", "blocked", "done". */
const char *osc_sched_state_name(enum osc_sched_state st);

/* Timeline labels that are not jobs. */
#define OSC_SCHED_IDLE ((size_t)-1)
#define OSC_SCHED_SWITCH ((size_t)-2)

/*
 * Optional observers of a run (any member may be NULL).  segment() gets
 * each maximal run of one label on one CPU, in time order per CPU: job is
 * a job index, OSC_SCHED_IDLE or OSC_SCHED_SWITCH.  state() gets a job's
 * state each time it changes, in time order, and at one time in job order
 * (a job's first call is OSC_SCHED_NEW at its arrival, followed at the same
 * time by its state after that tick's events).  A non-OK return stops the
 * run with that status.
 */
struct osc_sched_hooks {
	void *ctx;
	int (*segment)(void *ctx, unsigned cpu, uint64_t start, uint64_t end,
		       size_t job);
	int (*state)(void *ctx, uint64_t time, size_t job,
		     enum osc_sched_state st);
};

/* What a run measured.  Arrays are owned; free with osc_sched_result_free. */
struct osc_sched_result {
	size_t n;
	uint64_t *start, *finish, *io_time;	/* per job, input order */
	uint64_t begin, end;			/* first arrival, last finish */
	uint64_t context_switches;
	unsigned cpus;
	uint64_t *busy, *warm, *switching;	/* per CPU: ticks running a job,
						 * of them warm, switching */
};

void osc_sched_result_free(struct osc_sched_result *r);

/*
 * Simulate set under policy ops with parameters p.  The set must not be
 * empty.  Returns OSC_OK with *res filled (free it), OSC_EUSAGE for
 * parameters out of range (message in err), OSC_ENOMEM, or a hook's status.
 * Deterministic: the same set, parameters and seed give the same result.
 */
int osc_sched_run(const struct osc_sched_ops *ops,
		  const struct osc_sched_params *p,
		  const struct osc_sched_jobset *set,
		  const struct osc_sched_hooks *hooks,
		  struct osc_sched_result *res, struct osc_error *err);

#ifdef __cplusplus
}
#endif

#endif
