/* sync-crew.c: worker threads released together, bounded by a deadline, always joined. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>

#include "sync-demo.h"

struct sync_member {
	struct sync_crew *crew;
	sync_work_fn *fn;
	void *arg;
};

double sync_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct timespec crew_ts(double t)
{
	struct timespec ts;

	ts.tv_sec = (time_t)t;
	ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static double crew_sec(const struct timespec *ts)
{
	return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

struct timespec sync_after_ms(double ms, const struct timespec *limit)
{
	double t = sync_now() + ms / 1e3;

	if (limit != NULL && t > crew_sec(limit))
		return *limit;
	return crew_ts(t);
}

struct timespec sync_rt_after_ms(double ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return crew_ts(crew_sec(&ts) + ms / 1e3);
}

int sync_crew_init(struct sync_crew *c, unsigned n, double timeout)
{
	pthread_condattr_t ca;
	int e;

	*c = (struct sync_crew){ .n = n };
	c->tids = calloc(n, sizeof(*c->tids));
	c->members = calloc(n, sizeof(*c->members));
	if (c->tids == NULL || c->members == NULL) {
		free(c->tids);
		free(c->members);
		errno = ENOMEM;
		return OSC_ENOMEM;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	e = pthread_cond_init(&c->cv, &ca);
	pthread_condattr_destroy(&ca);
	c->deadline = crew_ts(sync_now() + timeout);
	c->deadline_rt = sync_rt_after_ms(timeout * 1e3);
	if (e != 0) {
		errno = e;
		return OSC_EOS;
	}
	return OSC_OK;
}

void sync_crew_fini(struct sync_crew *c)
{
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c->tids);
	free(c->members);
}

static void *crew_trampoline(void *arg)
{
	struct sync_member *m = arg;
	struct sync_crew *c = m->crew;

	m->fn(m->arg);
	pthread_mutex_lock(&c->mu);
	if (++c->done == c->n) {
		c->t1 = sync_now();
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void crew_join(struct sync_crew *c)
{
	unsigned i;

	for (i = 0; i < c->started; i++)
		pthread_join(c->tids[i], NULL);
	c->started = 0;
}

int sync_crew_start(struct sync_crew *c, sync_work_fn *fn, void *args,
		    size_t argsize)
{
	unsigned i;
	int e;

	for (i = 0; i < c->n; i++) {
		c->members[i] = (struct sync_member){ c, fn,
						      (char *)args + i * argsize };
		e = pthread_create(&c->tids[i], NULL, crew_trampoline,
				   &c->members[i]);
		if (e != 0) {
			sync_crew_halt(c);
			crew_join(c);
			errno = e;
			return OSC_EOS;
		}
		c->started++;
	}
	return OSC_OK;
}

void sync_crew_halt(struct sync_crew *c)
{
	pthread_mutex_lock(&c->mu);
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/*
 * A worker whose bounded wait expired stops the crew (with c->mu held):
 * otherwise workers giving up at the deadline, all of them before the
 * main thread looks, would pass for a crew that finished (and, when the
 * deadline passes before the gate opens, t1 would come before t0).
 */
static void crew_expire(struct sync_crew *c)
{
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&c->cv);
}

bool sync_crew_gate(struct sync_crew *c)
{
	bool go;

	pthread_mutex_lock(&c->mu);
	while (!c->open && !sync_crew_stopped(c))
		if (pthread_cond_timedwait(&c->cv, &c->mu, &c->deadline) ==
		    ETIMEDOUT) {
			crew_expire(c);
			break;
		}
	go = c->open && !sync_crew_stopped(c);
	pthread_mutex_unlock(&c->mu);
	return go;
}

bool sync_crew_align(struct sync_crew *c)
{
	/* The last one in starts the clock; the others read t_line only
	 * after the main thread has joined them all. */
	if (__atomic_add_fetch(&c->aligned, 1, __ATOMIC_ACQ_REL) == c->n)
		c->t_line = sync_now();
	/*
	 * Spin, not yield: a yielding thread would let a newcomer run on its
	 * own CPU, and the two would then take turns there instead of
	 * running side by side; a busy CPU makes the scheduler move the
	 * newcomer to an idle one.
	 */
	while (__atomic_load_n(&c->aligned, __ATOMIC_ACQUIRE) < c->n)
		if (sync_crew_stopped(c))
			return false;
	return true;
}

bool sync_crew_barrier(struct sync_crew *c)
{
	unsigned gen;
	bool passed = true;

	pthread_mutex_lock(&c->mu);
	gen = c->barrier_gen;
	if (++c->at_barrier == c->n) {
		c->at_barrier = 0;
		c->barrier_gen++;
		pthread_cond_broadcast(&c->cv);
	}
	while (gen == c->barrier_gen && passed) {
		if (sync_crew_stopped(c)) {
			passed = false;
		} else if (pthread_cond_timedwait(&c->cv, &c->mu,
						  &c->deadline) == ETIMEDOUT) {
			crew_expire(c);
			passed = false;
		}
	}
	pthread_mutex_unlock(&c->mu);
	return passed;
}

/* Wait for the last worker, waking every tick for the watchdog. */
static bool crew_wait(struct sync_crew *c, sync_watch_fn *watch, void *ctx,
		      unsigned tick_ms)
{
	struct timespec until;
	bool finished;

	pthread_mutex_lock(&c->mu);
	while (c->done < c->n && !sync_crew_stopped(c)) {
		until = watch != NULL ? sync_after_ms(tick_ms, &c->deadline)
				      : c->deadline;
		if (pthread_cond_timedwait(&c->cv, &c->mu, &until) ==
			    ETIMEDOUT &&
		    crew_sec(&until) >= crew_sec(&c->deadline))
			break;
		if (watch != NULL && c->done < c->n) {
			pthread_mutex_unlock(&c->mu);
			if (watch(ctx, sync_now()))
				sync_crew_halt(c);
			pthread_mutex_lock(&c->mu);
		}
	}
	finished = c->done == c->n && !sync_crew_stopped(c);
	pthread_mutex_unlock(&c->mu);
	return finished;
}

bool sync_crew_run(struct sync_crew *c, sync_watch_fn *watch, void *ctx,
		   unsigned tick_ms)
{
	bool finished;

	pthread_mutex_lock(&c->mu);
	c->open = true;
	c->t0 = sync_now();
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	finished = crew_wait(c, watch, ctx, tick_ms);
	if (!finished)
		sync_crew_halt(c);
	crew_join(c);
	if (!finished)
		c->t1 = sync_now();
	return finished;
}
