/* pr-run.c: page-replay's runs: one lru pass for a sweep, other (policy, frames) pairs over threads. */
#include <config.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "page-replay.h"

struct pool {
	struct pr *pr;
	size_t *todo;		/* indexes into pr->stats */
	size_t ntodo;
	atomic_size_t next;
	atomic_bool failed;
	pthread_mutex_t lock;
	struct osc_error err;
};

static struct osc_replace_config pr_config(const struct pr *pr, uint64_t frames)
{
	struct osc_replace_config c = {
		.frames = (uint32_t)frames,
		.readahead = pr->readahead,
		.active_ratio = pr->active_ratio,
		.seed = pr->cli.seed,
		.expected_pages = pr->trace.distinct,
	};

	return c;
}

static void *pool_worker(void *arg)
{
	struct pool *pl = arg;
	struct pr *pr = pl->pr;
	struct osc_replace_config c;
	struct osc_error err;
	size_t i, k, nf = pr->frames.n;

	while (!atomic_load(&pl->failed) &&
	       (i = atomic_fetch_add(&pl->next, 1)) < pl->ntodo) {
		k = pl->todo[i];
		c = pr_config(pr, pr->frames.v[k % nf]);
		if (osc_replace_run(pr->pol[k / nf], &c, &pr->trace, NULL, NULL,
				    &pr->stats[k], &err) == OSC_OK)
			continue;
		pthread_mutex_lock(&pl->lock);
		if (!atomic_load(&pl->failed))
			pl->err = err;
		atomic_store(&pl->failed, true);
		pthread_mutex_unlock(&pl->lock);
	}
	return NULL;
}

static void pool_run(struct pool *pl, unsigned jobs)
{
	pthread_t *th;
	unsigned i, n = jobs < pl->ntodo ? jobs : (unsigned)pl->ntodo;

	if (n <= 1) {
		pool_worker(pl);
		return;
	}
	th = calloc(n, sizeof *th);
	if (th == NULL)
		osc_die(EX_OSERR, "out of memory");
	for (i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, pool_worker, pl) != 0)
			osc_die(EX_OSERR, "cannot start a thread");
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	free(th);
}

static void pr_event(void *ctx, struct osc_replace_sim *sim,
		     const struct osc_replace_event *ev)
{
	pr_accesses_row(ctx, sim, ev);
}

/* A policy that is lru, swept over several sizes without read-ahead, is one
 * stack-distance pass. */
static bool pr_sweepable(const struct pr *pr, size_t p)
{
	return pr->pol[p] == &osc_replace_lru && pr->frames.n > 1 &&
	       pr->readahead == 0;
}

void pr_sweep_begin(struct pr *pr)
{
	if (pr->npol != 1 || !pr_sweepable(pr, 0) ||
	    (pr->tables & (1u << TAB_ACCESSES)))
		return;
	if (osc_replace_sweep_new(&pr->sweep, pr->frames.v, pr->frames.n, 0,
				  &pr->err) != OSC_OK)
		osc_die_error(&pr->err);
}

/* The sweep's counts; references the reader stored in the trace instead
 * of passing them on are replayed into it first. */
static void pr_sweep_end(struct pr *pr)
{
	const struct osc_replace_trace *t = &pr->trace;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (osc_replace_sweep_ref(pr->sweep, t->pages[i],
					  osc_replace_trace_write(t, i),
					  &pr->err) != OSC_OK)
			osc_die_error(&pr->err);
	if (osc_replace_sweep_stats(pr->sweep, pr->frames.v, pr->frames.n,
				    pr->stats, &pr->err) != OSC_OK)
		osc_die_error(&pr->err);
}

void pr_run_all(struct pr *pr)
{
	struct pool pl = { .pr = pr };
	size_t nf = pr->frames.n, p, f;

	if (pr->sweep) {
		pr_sweep_end(pr);
		return;
	}
	if (pr->stream) {
		if (pr_flush(pr) != OSC_OK)
			osc_die_error(&pr->err);
		osc_replace_stats(pr->sim, &pr->stats[0]);
		return;
	}
	if (osc_replace_trace_finish(&pr->trace, &pr->err) != OSC_OK)
		osc_die_error(&pr->err);
	if (pr->tables & (1u << TAB_ACCESSES)) {
		/* One policy and one frames value (checked with the options). */
		struct osc_replace_config c = pr_config(pr, pr->frames.v[0]);

		if (osc_replace_run(pr->pol[0], &c, &pr->trace, pr_event, pr,
				    &pr->stats[0], &pr->err) != OSC_OK)
			osc_die_error(&pr->err);
		return;
	}
	pl.todo = calloc(pr->npol * nf, sizeof *pl.todo);
	if (pl.todo == NULL)
		osc_die(EX_OSERR, "out of memory");
	for (p = 0; p < pr->npol; p++) {
		if (pr_sweepable(pr, p)) {
			if (osc_replace_lru_sweep(&pr->trace, pr->frames.v, nf,
						  &pr->stats[p * nf],
						  &pr->err) != OSC_OK)
				osc_die_error(&pr->err);
			continue;
		}
		for (f = 0; f < nf; f++)
			pl.todo[pl.ntodo++] = p * nf + f;
	}
	pthread_mutex_init(&pl.lock, NULL);
	pool_run(&pl, pr->jobs);
	pthread_mutex_destroy(&pl.lock);
	free(pl.todo);
	if (pl.failed)
		osc_die_error(&pl.err);
}
