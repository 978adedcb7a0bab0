/* falseshare.c: false sharing measured with real threads: packed vs padded counters. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "osconcepts.h"

/* Where the threads wait until every one of them exists. */
struct fs_gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;			/* 0 wait, 1 go, 2 give up */
};

struct fs_thread {
	pthread_t tid;
	uint64_t *counter;
	uint64_t iterations;
	bool atomic;
	int cpu;			/* -1: not pinned */
	bool pinned;
	struct fs_gate *gate;
};

static void fs_gate_set(struct fs_gate *g, int state)
{
	pthread_mutex_lock(&g->mu);
	g->state = state;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

static int fs_gate_wait(struct fs_gate *g)
{
	int state;

	pthread_mutex_lock(&g->mu);
	while (g->state == 0)
		pthread_cond_wait(&g->cv, &g->mu);
	state = g->state;
	pthread_mutex_unlock(&g->mu);
	return state;
}

uint64_t osc_fs_line_size(void)
{
	long n = -1;

#ifdef _SC_LEVEL1_DCACHE_LINESIZE
	n = sysconf(_SC_LEVEL1_DCACHE_LINESIZE);
#endif
	if (n < 8 || n > 4096 || (n & (n - 1)))
		return 64;
	return (uint64_t)n;
}

unsigned osc_fs_cpus(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	n = CPU_COUNT(&set);
	return n > 0 ? (unsigned)n : 1;
}

/* The i-th CPU of this process's affinity mask, or -1. */
static int fs_nth_cpu(unsigned i)
{
	cpu_set_t set;
	int c;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return -1;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set) && i-- == 0)
			return c;
	return -1;
}

static void *fs_body(void *arg)
{
	struct fs_thread *t = arg;
	volatile uint64_t *c = t->counter;
	uint64_t i;
	cpu_set_t set;

	if (t->cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(t->cpu, &set);
		t->pinned = pthread_setaffinity_np(pthread_self(), sizeof set,
						   &set) == 0;
	}
	if (fs_gate_wait(t->gate) != 1)
		return NULL;
	if (t->atomic) {
		for (i = 0; i < t->iterations; i++)
			__atomic_fetch_add(t->counter, 1, __ATOMIC_RELAXED);
	} else {
		for (i = 0; i < t->iterations; i++)
			*c = *c + 1;
	}
	return NULL;
}

static double fs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fs_check(const struct osc_fs_params *p, struct osc_error *err)
{
	if (p->threads < 1 || p->threads > OSC_FS_MAX_THREADS)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "--threads=%u is out of range (1 to %d)",
				     p->threads, OSC_FS_MAX_THREADS);
	if (p->line_size < 8 || p->line_size > 4096 ||
	    (p->line_size & (p->line_size - 1)))
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "--line-size=%llu must be a power of two from 8 to 4096",
				     (unsigned long long)p->line_size);
	return OSC_OK;
}

/* Start the threads (all wait at the gate). */
static int fs_start(const struct osc_fs_params *p, struct fs_thread *t,
		    uint64_t *counters, struct fs_gate *g, unsigned *made)
{
	bool pin = p->pin && osc_fs_cpus() >= p->threads;
	uint64_t stride = p->padded ? p->line_size / 8 : 1;
	unsigned i;
	int e;

	for (i = 0; i < p->threads; i++) {
		t[i].counter = counters + i * stride;
		t[i].iterations = p->iterations;
		t[i].atomic = p->atomic;
		t[i].cpu = pin ? fs_nth_cpu(i) : -1;
		t[i].pinned = false;
		t[i].gate = g;
		if ((e = pthread_create(&t[i].tid, NULL, fs_body, &t[i])) != 0) {
			errno = e;
			return -1;
		}
		++*made;
	}
	return 0;
}

int osc_fs_run(const struct osc_fs_params *p, struct osc_fs_result *r,
	       struct osc_error *err)
{
	uint64_t stride = p->padded ? p->line_size / 8 : 1, *counters;
	struct fs_thread *t;
	struct fs_gate g = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };
	unsigned i, made = 0;
	double t0;
	int st, e = 0;

	if ((st = fs_check(p, err)) != OSC_OK)
		return st;
	counters = aligned_alloc(p->line_size, ((p->threads * stride * 8 +
						  p->line_size - 1) /
						 p->line_size) * p->line_size);
	t = calloc(p->threads, sizeof *t);
	if (!counters || !t) {
		free(counters);
		free(t);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	}
	memset(counters, 0, p->threads * stride * 8);
	if (fs_start(p, t, counters, &g, &made) != 0)
		e = errno;
	t0 = fs_now();
	fs_gate_set(&g, e ? 2 : 1);
	for (i = 0; i < made; i++)
		pthread_join(t[i].tid, NULL);
	r->seconds = fs_now() - t0;
	r->verified = e == 0;
	r->pinned = e == 0;
	for (i = 0; i < made; i++) {
		r->verified &= t[i].counter[0] == p->iterations;
		r->pinned &= t[i].pinned;
	}
	free(counters);
	free(t);
	if (e)
		return osc_error_sys(err, OSC_EOS, e, NULL,
				     "cannot create thread %u", made + 1);
	return OSC_OK;
}
