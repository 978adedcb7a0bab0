/* sync-race.c: the race scenario: T threads add 1 to one counter N times under each kind of lock. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sync-demo.h"

enum { RACE_NONE, RACE_MUTEX, RACE_SPIN, RACE_TTAS, RACE_ATOMIC,
       RACE_TWOPHASE };

static const char *const race_variants[] = {
	"none", "mutex", "spin", "ttas", "atomic", "twophase", NULL
};

static const char *const race_tables[] = { "race", NULL };

static const struct osc_col race_cols[] = {
	{ "lock", OSC_T_STR, 0 }, { "threads", OSC_T_UINT, 0 },
	{ "iterations", OSC_T_UINT, 0 }, { "expected", OSC_T_UINT, 0 },
	{ "final", OSC_T_UINT, 0 }, { "lost", OSC_T_UINT, 0 },
	{ "seconds", OSC_T_REAL, 6 }, { "ns_per_op", OSC_T_REAL, 2 },
	{ "verified", OSC_T_BOOL, 0 },
};

/* The counter and its lock on separate cache lines. */
struct race_shared {
	uint64_t counter __attribute__((aligned(64)));
	union {
		pthread_mutex_t mutex;
		struct osc_spin spin;
		struct osc_ttas ttas;
		struct osc_twophase twophase;
	} lock __attribute__((aligned(64)));
	uint64_t iterations;
	struct sync_crew *crew;
};

struct race_arg {
	struct race_shared *sh;
};

/*
 * One hot loop per variant, so the cost measured is the lock's and not an
 * indirect call's.  The stop flag is looked at every 1024 increments.
 */
#define RACE_LOOP(fn, BODY)						\
	static void fn(void *arg)					\
	{								\
		struct race_shared *sh = ((struct race_arg *)arg)->sh;	\
		uint64_t i, n = sh->iterations;				\
									\
		if (!sync_crew_gate(sh->crew) ||			\
		    !sync_crew_align(sh->crew))				\
			return;						\
		for (i = 0; i < n; i++) {				\
			if ((i & 1023) == 0 && sync_crew_stopped(sh->crew)) \
				return;					\
			BODY;						\
		}							\
	}

/*
 * No lock: load, add, store as three steps.  They are relaxed atomic
 * accesses, so the program is well defined (no data race in the C sense)
 * while two threads can still read the same old value and one increment
 * is lost: the read-modify-write race itself.
 */
RACE_LOOP(race_none, {
	uint64_t v = __atomic_load_n(&sh->counter, __ATOMIC_RELAXED);
	__atomic_store_n(&sh->counter, v + 1, __ATOMIC_RELAXED);
})
RACE_LOOP(race_mutex, {
	pthread_mutex_lock(&sh->lock.mutex);
	sh->counter++;
	pthread_mutex_unlock(&sh->lock.mutex);
})
RACE_LOOP(race_spin, {
	osc_spin_lock(&sh->lock.spin);
	sh->counter++;
	osc_spin_unlock(&sh->lock.spin);
})
RACE_LOOP(race_ttas, {
	osc_ttas_lock(&sh->lock.ttas);
	sh->counter++;
	osc_ttas_unlock(&sh->lock.ttas);
})
RACE_LOOP(race_atomic,
	  __atomic_fetch_add(&sh->counter, 1, __ATOMIC_RELAXED))
RACE_LOOP(race_twophase, {
	osc_twophase_lock(&sh->lock.twophase);
	sh->counter++;
	osc_twophase_unlock(&sh->lock.twophase);
})

static sync_work_fn *const race_loops[] = {
	race_none, race_mutex, race_spin, race_ttas, race_atomic,
	race_twophase,
};

struct race_result {
	uint64_t expected, final;
	double seconds;
	bool finished;
};

static int race_one(const struct sync_opts *o, unsigned v,
		    struct race_result *r)
{
	static struct race_shared sh;
	struct sync_crew crew;
	struct race_arg *args;
	unsigned i, n = (unsigned)o->threads;
	int st;

	memset(&sh, 0, sizeof(sh));
	sh.iterations = o->iterations;
	sh.crew = &crew;
	pthread_mutex_init(&sh.lock.mutex, NULL);
	if (v == RACE_SPIN)
		osc_spin_init(&sh.lock.spin);
	else if (v == RACE_TTAS)
		osc_ttas_init(&sh.lock.ttas);
	else if (v == RACE_TWOPHASE)
		osc_twophase_init(&sh.lock.twophase, (unsigned)o->spins);
	args = calloc(n, sizeof(*args));
	if (args == NULL)
		return OSC_ENOMEM;
	for (i = 0; i < n; i++)
		args[i].sh = &sh;
	st = sync_crew_init(&crew, n, o->timeout);
	if (st == OSC_OK) {
		st = sync_crew_start(&crew, race_loops[v], args, sizeof(*args));
		if (st == OSC_OK) {
			r->finished = sync_crew_run(&crew, NULL, NULL, 0);
			/* From the start line when everyone reached it. */
			r->seconds = crew.t1 - (crew.t_line > 0 ? crew.t_line
								 : crew.t0);
		}
		sync_crew_fini(&crew);
	}
	free(args);
	r->expected = o->threads * o->iterations;
	r->final = sh.counter;
	return st;
}

static int race_run(const struct sync_opts *o, struct osc_out *out)
{
	struct race_result r;
	unsigned v;
	int status = 0;
	bool ok;

	osc_out_begin(out, "race", race_cols, 9);
	for (v = 0; race_variants[v] != NULL; v++) {
		if (!(o->variants & (1u << v)))
			continue;
		memset(&r, 0, sizeof(r));
		if (race_one(o, v, &r) != OSC_OK) {
			osc_warn("race %s: cannot start threads: %s",
				 race_variants[v], strerror(errno));
			osc_out_end(out);
			return EX_OSERR;
		}
		if (!r.finished)
			osc_warn("race %s: timed out after %g s",
				 race_variants[v], o->timeout);
		ok = r.finished && (v == RACE_NONE || r.final == r.expected);
		if (!ok)
			status = 1;
		osc_out_str(out, race_variants[v]);
		osc_out_u64(out, o->threads);
		osc_out_u64(out, o->iterations);
		osc_out_u64(out, r.expected);
		osc_out_u64(out, r.final);
		osc_out_u64(out, r.expected - r.final);
		osc_out_double(out, r.seconds);
		osc_out_double(out, r.expected ? r.seconds * 1e9 /
					 (double)r.expected : 0.0);
		osc_out_bool(out, ok);
	}
	osc_out_end(out);
	if (o->variants & 1u)
		osc_out_note(out, "none loses updates when two threads read the "
			     "same old value; every other row must lose none");
	return status;
}

static const char *const race_schemes[] = {
	"race none: each thread, N times:\n"
	"  v = load(counter); store(counter, v + 1)\n"
	"  (no lock: two threads may load the same v and one increment is lost)\n",
	"race mutex: each thread, N times:\n"
	"  pthread_mutex_lock(&m); counter++; pthread_mutex_unlock(&m)\n"
	"  (glibc: an atomic CAS when free; futex(FUTEX_WAIT) to sleep when\n"
	"  held, futex(FUTEX_WAKE) on unlock when someone sleeps)\n",
	"race spin: each thread, N times:\n"
	"  while (!CAS(&lock, 0, 1)) ;  counter++;  store-release(&lock, 0)\n"
	"  (every failed CAS takes the lock's cache line exclusive)\n",
	"race ttas: each thread, N times:\n"
	"  for (;;) { if (exchange(&lock, 1) == 0) break;\n"
	"             while (load(&lock) != 0) pause; }\n"
	"  counter++;  store-release(&lock, 0)\n"
	"  (waiters spin on a shared cached copy; only a free-looking lock is\n"
	"  written to)\n",
	"race atomic: each thread, N times:\n"
	"  fetch_add(&counter, 1)   (one locked instruction, no lock at all)\n",
	"race twophase: each thread, N times:\n"
	"  if CAS(&w, 0, 1) succeeds: got it\n"
	"  else spin up to --spins times: pause; if w == 0 and CAS(&w, 0, 1): got it\n"
	"  else while (exchange(&w, 2) != 0) futex(&w, FUTEX_WAIT, 2)\n"
	"  counter++\n"
	"  unlock: if fetch_sub(&w, 1) != 1 { w = 0; futex(&w, FUTEX_WAKE, 1) }\n"
	"  (w: 0 free, 1 held, 2 held with possible sleepers)\n",
};

static void race_explain(FILE *fp, unsigned v)
{
	fputs(race_schemes[v], fp);
}

const struct sync_scenario sync_race = {
	.name = "race",
	.summary = "threads add 1 to one shared counter, with each kind of lock",
	.variant_opt = "lock",
	.variants = race_variants,
	.tables = race_tables,
	.opts = SYNC_O_THREADS | SYNC_O_ITERATIONS | SYNC_O_LOCK | SYNC_O_SPINS,
	.run = race_run,
	.explain = race_explain,
};
