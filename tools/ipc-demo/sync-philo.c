/* sync-philo.c: dining philosophers: naive (deadlocks), waiter, ordered, trylock; a watchdog finds the wait-for cycle. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "sync-demo.h"

enum { PH_NAIVE, PH_WAITER, PH_ORDERED, PH_TRYLOCK };

static const char *const philo_variants[] = {
	"naive", "waiter", "ordered", "trylock", NULL
};
static const char *const philo_tables[] = { "philo", "cycle", NULL };

static const struct osc_col philo_cols[] = {
	{ "strategy", OSC_T_STR, 0 }, { "philosophers", OSC_T_UINT, 0 },
	{ "meals", OSC_T_UINT, 0 }, { "seconds", OSC_T_REAL, 6 },
	{ "deadlock", OSC_T_BOOL, 0 }, { "min_meals", OSC_T_UINT, 0 },
	{ "max_meals", OSC_T_UINT, 0 }, { "verified", OSC_T_BOOL, 0 },
};

static const struct osc_col cycle_cols[] = {
	{ "strategy", OSC_T_STR, 0 }, { "philosopher", OSC_T_UINT, 0 },
	{ "holds", OSC_T_UINT, 0 }, { "waits_for", OSC_T_UINT, 0 },
	{ "held_by", OSC_T_UINT, 0 },
};

/* How long one timed attempt on a fork lasts before the stop flag is
 * looked at again.  A naive philosopher simply tries again: it never puts
 * its first fork down, so the deadlock is real and lasts until the
 * watchdog raises the stop flag. */
#define PH_SLICE_MS 20.0

struct ph_fork {
	pthread_mutex_t m;
	int holder;			/* atomic: philosopher or -1 */
};

struct ph_shared {
	unsigned strategy, n;
	bool force;
	struct sync_crew *crew;
	struct ph_fork *fork;
	int *wants;			/* atomic: fork waited for or -1 */
	uint64_t *meals;		/* per philosopher, own thread only */
	uint64_t target;
	pthread_mutex_t waiter;
	uint64_t progress;		/* atomic: meals eaten in all */
	int violation;			/* atomic: a fork was shared */
	/* Watchdog state (main thread only). */
	uint64_t last_progress;
	double last_change, stall;
	bool deadlock;
	unsigned *cycle, cycle_len;	/* philosophers on the cycle */
	int *cycle_fork;		/* the fork each of them waits for */
};

struct ph_arg {
	struct ph_shared *sh;
	unsigned id;
	struct osc_rng rng;
};

/* Take fork f for philosopher i: block (in timed slices) until it is
 * ours or the crew is stopped. */
static bool ph_take(struct ph_shared *sh, unsigned i, unsigned f)
{
	struct timespec until;
	int e;

	__atomic_store_n(&sh->wants[i], (int)f, __ATOMIC_RELAXED);
	for (;;) {
		until = sync_rt_after_ms(PH_SLICE_MS);
		e = pthread_mutex_timedlock(&sh->fork[f].m, &until);
		if (e == 0)
			break;
		if (sync_crew_stopped(sh->crew)) {
			__atomic_store_n(&sh->wants[i], -1, __ATOMIC_RELAXED);
			return false;
		}
	}
	__atomic_store_n(&sh->fork[f].holder, (int)i, __ATOMIC_RELAXED);
	__atomic_store_n(&sh->wants[i], -1, __ATOMIC_RELAXED);
	return true;
}

static bool ph_try(struct ph_shared *sh, unsigned i, unsigned f)
{
	if (pthread_mutex_trylock(&sh->fork[f].m) != 0)
		return false;
	__atomic_store_n(&sh->fork[f].holder, (int)i, __ATOMIC_RELAXED);
	return true;
}

static void ph_put(struct ph_shared *sh, unsigned f)
{
	__atomic_store_n(&sh->fork[f].holder, -1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&sh->fork[f].m);
}

/* Back off for a random 1..64 microseconds after a failed trylock. */
static void ph_backoff(struct ph_arg *a)
{
	struct timespec ts = { 0, 1000 * (long)(1 + osc_rng_below(&a->rng, 64)) };

	nanosleep(&ts, NULL);
}

/* Take both forks by the strategy; false when stopped (holding none). */
static bool ph_acquire(struct ph_arg *a, unsigned left, unsigned right)
{
	struct ph_shared *sh = a->sh;
	unsigned i = a->id, first = left, second = right;

	switch (sh->strategy) {
	case PH_WAITER:
		pthread_mutex_lock(&sh->waiter);
		break;
	case PH_ORDERED:
		if (i % 2 == 1) {
			first = right;
			second = left;
		}
		break;
	case PH_TRYLOCK:
		for (;;) {
			if (!ph_take(sh, i, left))
				return false;
			if (ph_try(sh, i, right))
				return true;
			ph_put(sh, left);
			if (sync_crew_stopped(sh->crew))
				return false;
			ph_backoff(a);
		}
	}
	if (!ph_take(sh, i, first))
		goto none;
	if (sh->strategy == PH_NAIVE && sh->force && !sync_crew_barrier(sh->crew))
		goto one;
	if (!ph_take(sh, i, second))
		goto one;
	if (sh->strategy == PH_WAITER)
		pthread_mutex_unlock(&sh->waiter);
	return true;
one:
	ph_put(sh, first);
none:
	if (sh->strategy == PH_WAITER)
		pthread_mutex_unlock(&sh->waiter);
	return false;
}

static void ph_eat(struct ph_shared *sh, unsigned i, unsigned l, unsigned r)
{
	if (__atomic_load_n(&sh->fork[l].holder, __ATOMIC_RELAXED) != (int)i ||
	    __atomic_load_n(&sh->fork[r].holder, __ATOMIC_RELAXED) != (int)i)
		__atomic_store_n(&sh->violation, 1, __ATOMIC_RELAXED);
	sh->meals[i]++;
	__atomic_fetch_add(&sh->progress, 1, __ATOMIC_RELAXED);
}

static void ph_worker(void *arg)
{
	struct ph_arg *a = arg;
	struct ph_shared *sh = a->sh;
	unsigned i = a->id, left = i, right = (i + 1) % sh->n;

	if (!sync_crew_gate(sh->crew))
		return;
	while (sh->meals[i] < sh->target && !sync_crew_stopped(sh->crew)) {
		if (!ph_acquire(a, left, right))
			return;
		/* A fork freed by a neighbour being stopped is not a meal. */
		if (sync_crew_stopped(sh->crew)) {
			ph_put(sh, right);
			ph_put(sh, left);
			return;
		}
		ph_eat(sh, i, left, right);
		ph_put(sh, right);
		ph_put(sh, left);
		/* Think: give the neighbours a chance at the forks. */
		sched_yield();
	}
}

/* The wait-for graph now: philosopher i -> the holder of the fork i waits
 * for (-1: none); its first cycle into cyc.  The snapshot is read while
 * threads run, so the watchdog believes a cycle only when seen twice. */
static unsigned ph_find_cycle(struct ph_shared *sh, unsigned *cyc, int *next,
			      unsigned *seen)
{
	unsigned i;
	int f, h;

	for (i = 0; i < sh->n; i++) {
		f = __atomic_load_n(&sh->wants[i], __ATOMIC_RELAXED);
		h = f < 0 ? -1 : __atomic_load_n(&sh->fork[f].holder,
						 __ATOMIC_RELAXED);
		next[i] = h == (int)i ? -1 : h;
	}
	return sync_find_cycle(next, sh->n, cyc, seen);
}

struct ph_watch {
	struct ph_shared *sh;
	unsigned *cand, cand_len, *cyc;
	int *next;
	unsigned *seen;
};

static bool ph_watchdog(void *ctx, double now)
{
	struct ph_watch *w = ctx;
	struct ph_shared *sh = w->sh;
	uint64_t p = __atomic_load_n(&sh->progress, __ATOMIC_RELAXED);
	unsigned len;

	if (p != sh->last_progress || sh->last_change == 0) {
		sh->last_progress = p;
		sh->last_change = now;
		w->cand_len = 0;
		return false;
	}
	if (now - sh->last_change < sh->stall)
		return false;
	len = ph_find_cycle(sh, w->cyc, w->next, w->seen);
	if (len == 0 || len != w->cand_len ||
	    memcmp(w->cyc, w->cand, len * sizeof(*w->cyc)) != 0) {
		/* New or changed: remember it and look again next tick. */
		memcpy(w->cand, w->cyc, len * sizeof(*w->cyc));
		w->cand_len = len;
		return false;
	}
	sh->deadlock = true;
	sh->cycle = w->cand;
	sh->cycle_len = len;
	for (len = 0; len < sh->cycle_len; len++)
		sh->cycle_fork[len] = __atomic_load_n(&sh->wants[w->cand[len]],
						      __ATOMIC_RELAXED);
	return true;
}

/* All per-run arrays in one block of ints (freed with ph_teardown). */
static int ph_setup(struct ph_shared *sh, struct ph_watch *w,
		    const struct sync_opts *o, unsigned strategy)
{
	unsigned i, n = (unsigned)o->philosophers;

	memset(sh, 0, sizeof(*sh));
	memset(w, 0, sizeof(*w));
	sh->strategy = strategy;
	sh->n = n;
	sh->force = o->force_deadlock;
	sh->target = o->meals;
	sh->stall = (double)o->stall_ms / 1e3;
	sh->fork = calloc(n, sizeof(*sh->fork));
	sh->wants = calloc(n, sizeof(*sh->wants));
	sh->meals = calloc(n, sizeof(*sh->meals));
	sh->cycle_fork = calloc(n, sizeof(*sh->cycle_fork));
	w->sh = sh;
	w->cand = calloc(n, sizeof(*w->cand));
	w->cyc = calloc(n, sizeof(*w->cyc));
	w->next = calloc(n, sizeof(*w->next));
	w->seen = calloc(n, sizeof(*w->seen));
	if (!sh->fork || !sh->wants || !sh->meals || !sh->cycle_fork ||
	    !w->cand || !w->cyc || !w->next || !w->seen)
		return OSC_ENOMEM;
	for (i = 0; i < n; i++) {
		pthread_mutex_init(&sh->fork[i].m, NULL);
		sh->fork[i].holder = -1;
		sh->wants[i] = -1;
	}
	pthread_mutex_init(&sh->waiter, NULL);
	return OSC_OK;
}

static void ph_teardown(struct ph_shared *sh, struct ph_watch *w)
{
	unsigned i;

	for (i = 0; sh->fork != NULL && i < sh->n; i++)
		pthread_mutex_destroy(&sh->fork[i].m);
	pthread_mutex_destroy(&sh->waiter);
	free(sh->fork);
	free(sh->wants);
	free(sh->meals);
	free(sh->cycle_fork);
	free(w->cand);
	free(w->cyc);
	free(w->next);
	free(w->seen);
}

struct ph_result {
	struct ph_shared sh;
	struct ph_watch w;
	double seconds;
	uint64_t min, max;
	bool finished;
};

static int ph_one(const struct sync_opts *o, unsigned v, struct ph_result *r)
{
	struct ph_shared *sh = &r->sh;
	struct sync_crew crew;
	struct ph_arg *args;
	unsigned i, n = (unsigned)o->philosophers, tick;
	int st;

	args = calloc(n, sizeof(*args));
	st = args == NULL ? OSC_ENOMEM : ph_setup(sh, &r->w, o, v);
	if (st == OSC_OK)
		st = sync_crew_init(&crew, n, o->timeout);
	if (st != OSC_OK) {
		free(args);
		return st;
	}
	sh->crew = &crew;
	for (i = 0; i < n; i++) {
		args[i].sh = sh;
		args[i].id = i;
		osc_rng_seed(&args[i].rng, o->cli.seed + i);
	}
	tick = o->stall_ms / 4 < 50 ? (unsigned)o->stall_ms / 4 : 50;
	st = sync_crew_start(&crew, ph_worker, args, sizeof(*args));
	if (st == OSC_OK) {
		r->finished = sync_crew_run(&crew, ph_watchdog, &r->w,
					    tick > 0 ? tick : 1);
		r->seconds = crew.t1 - crew.t0;
		r->min = UINT64_MAX;
		for (i = 0; i < n; i++) {
			if (sh->meals[i] < r->min)
				r->min = sh->meals[i];
			if (sh->meals[i] > r->max)
				r->max = sh->meals[i];
		}
	}
	sync_crew_fini(&crew);
	free(args);
	return st;
}

static void ph_row(struct osc_out *out, const struct sync_opts *o, unsigned v,
		   const struct ph_result *r, bool ok)
{
	osc_out_str(out, philo_variants[v]);
	osc_out_u64(out, o->philosophers);
	osc_out_u64(out, o->meals);
	osc_out_double(out, r->seconds);
	osc_out_bool(out, r->sh.deadlock);
	osc_out_u64(out, r->min);
	osc_out_u64(out, r->max);
	osc_out_bool(out, ok);
}

/* `P0 -> P1 -> ... -> P0` into buf; a long cycle is shortened in the
 * middle (the cycle table has it all). */
static const char *ph_cycle_text(const struct ph_shared *sh, char *buf,
				 size_t size)
{
	size_t len = 0;
	unsigned k, n = sh->cycle_len;

	for (k = 0; k < n && k < 8; k++)
		len += (size_t)snprintf(buf + len, size - len, "P%u -> ",
					sh->cycle[k]);
	if (n > 9)
		len += (size_t)snprintf(buf + len, size - len, "... -> ");
	if (n > 8)
		len += (size_t)snprintf(buf + len, size - len, "P%u -> ",
					sh->cycle[n - 1]);
	len += (size_t)snprintf(buf + len, size - len, "P%u", sh->cycle[0]);
	if (n > 9)
		snprintf(buf + len, size - len, " (%u philosophers)", n);
	return buf;
}

static void ph_cycle_rows(struct osc_out *out, unsigned v,
			  const struct ph_shared *sh)
{
	unsigned k, prev;

	for (k = 0; k < sh->cycle_len; k++) {
		prev = (k + sh->cycle_len - 1) % sh->cycle_len;
		osc_out_str(out, philo_variants[v]);
		osc_out_u64(out, sh->cycle[k]);
		osc_out_u64(out, (uint64_t)sh->cycle_fork[prev]);
		osc_out_u64(out, (uint64_t)sh->cycle_fork[k]);
		osc_out_u64(out, sh->cycle[(k + 1) % sh->cycle_len]);
	}
}

static int philo_report(const struct sync_opts *o, struct osc_out *out,
			struct ph_result *res)
{
	char buf[512];
	unsigned v;
	int status = 0;
	bool ok;

	if (sync_table_on(o, 0))
		osc_out_begin(out, "philo", philo_cols, 8);
	for (v = 0; philo_variants[v] != NULL; v++) {
		if (!(o->variants & (1u << v)))
			continue;
		if (res[v].sh.deadlock)
			osc_warn("philo %s: deadlock: no meal for %" PRIu64
				 " ms; wait-for cycle %s", philo_variants[v],
				 o->stall_ms,
				 ph_cycle_text(&res[v].sh, buf, sizeof(buf)));
		else if (!res[v].finished)
			osc_warn("philo %s: timed out after %g s",
				 philo_variants[v], o->timeout);
		ok = res[v].finished && !res[v].sh.violation &&
		     res[v].min == o->meals && res[v].max == o->meals;
		if (!ok)
			status = 1;
		if (sync_table_on(o, 0))
			ph_row(out, o, v, &res[v], ok);
	}
	if (sync_table_on(o, 0))
		osc_out_end(out);
	if (sync_table_on(o, 1)) {
		osc_out_begin(out, "cycle", cycle_cols, 5);
		for (v = 0; philo_variants[v] != NULL; v++)
			if (o->variants & (1u << v))
				ph_cycle_rows(out, v, &res[v].sh);
		osc_out_end(out);
	}
	return status;
}

static int philo_run(const struct sync_opts *o, struct osc_out *out)
{
	struct ph_result *res;
	unsigned v, nv = 4;
	int status = 0;

	res = calloc(nv, sizeof(*res));
	if (res == NULL)
		osc_die(EX_OSERR, "out of memory");
	for (v = 0; v < nv && status == 0; v++) {
		if (!(o->variants & (1u << v)))
			continue;
		if (ph_one(o, v, &res[v]) != OSC_OK) {
			osc_warn("philo %s: cannot set up: %s",
				 philo_variants[v], strerror(errno));
			status = EX_OSERR;
		}
	}
	if (status == 0)
		status = philo_report(o, out, res);
	for (v = 0; v < nv; v++)
		ph_teardown(&res[v].sh, &res[v].w);
	free(res);
	return status;
}

static const char *const philo_schemes[] = {
	"philo naive: philosopher i, forks i (left) and i+1 mod n (right):\n"
	"  lock(left); [--force-deadlock: barrier(all)]; lock(right);\n"
	"  eat; unlock(right); unlock(left)\n"
	"  (all four Coffman conditions hold: when everyone holds a left\n"
	"  fork the wait-for graph is the cycle P0 -> P1 -> ... -> P0)\n",
	"philo waiter: one global mutex w around taking both forks:\n"
	"  lock(w); lock(left); lock(right); unlock(w); eat;\n"
	"  unlock(right); unlock(left)\n"
	"  (breaks circular wait: one philosopher at a time picks up forks and\n"
	"  it can only wait for an eater, who needs nothing more)\n",
	"philo ordered: even i: lock(left); lock(right)\n"
	"               odd i:  lock(right); lock(left)\n"
	"  eat; unlock both\n"
	"  (breaks circular wait: some neighbours want the same fork first,\n"
	"  and the one that loses it waits holding nothing, so the waits\n"
	"  cannot close a ring)\n",
	"philo trylock: lock(left); if (!trylock(right)) { unlock(left);\n"
	"  sleep a random 1..64 us; start again }; eat; unlock both\n"
	"  (breaks hold-and-wait: nobody waits while holding a fork; without\n"
	"  the random back-off all could retry in lock step for ever: livelock)\n",
};

static void philo_explain(FILE *fp, unsigned v)
{
	fputs(philo_schemes[v], fp);
}

const struct sync_scenario sync_philo = {
	.name = "philo",
	.summary = "dining philosophers, deadlock and four ways to avoid it",
	.variant_opt = "strategy",
	.variants = philo_variants,
	.tables = philo_tables,
	.opts = SYNC_O_PHILOSOPHERS | SYNC_O_MEALS | SYNC_O_STRATEGY |
		SYNC_O_FORCE | SYNC_O_STALL,
	.run = philo_run,
	.explain = philo_explain,
};
