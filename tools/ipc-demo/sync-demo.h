/* sync-demo.h: what sync-demo's scenarios share: options, the scenario ops, the thread crew. */
#ifndef SYNC_DEMO_H
#define SYNC_DEMO_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cli.h"

/* Everything the command line sets.  Counts are validated by the parser. */
struct sync_opts {
	struct osc_cli cli;
	const struct sync_scenario *sc;
	unsigned variants;		/* bit i = sc->variants[i] chosen */
	unsigned tables;		/* bit i = sc->tables[i] chosen */
	unsigned given;			/* SYNC_O_* bits of options given */
	double timeout;			/* seconds, per variant */
	bool explain;
	/* race */
	uint64_t threads, iterations, spins;
	/* pc */
	uint64_t producers, consumers, buffer, items;
	/* rw */
	uint64_t readers, writers, ops;
	double duration;		/* seconds; 0 = run --ops */
	/* philo */
	uint64_t philosophers, meals, stall_ms;
	bool force_deadlock;
};

/* Options that belong to one scenario (for `given` and sc->opts). */
enum {
	SYNC_O_THREADS = 1u << 0, SYNC_O_ITERATIONS = 1u << 1,
	SYNC_O_LOCK = 1u << 2, SYNC_O_SPINS = 1u << 3,
	SYNC_O_PRODUCERS = 1u << 4, SYNC_O_CONSUMERS = 1u << 5,
	SYNC_O_BUFFER = 1u << 6, SYNC_O_ITEMS = 1u << 7, SYNC_O_SYNC = 1u << 8,
	SYNC_O_POLICY = 1u << 9, SYNC_O_READERS = 1u << 10,
	SYNC_O_WRITERS = 1u << 11, SYNC_O_DURATION = 1u << 12,
	SYNC_O_OPS = 1u << 13, SYNC_O_PHILOSOPHERS = 1u << 14,
	SYNC_O_MEALS = 1u << 15, SYNC_O_STRATEGY = 1u << 16,
	SYNC_O_FORCE = 1u << 17, SYNC_O_STALL = 1u << 18
};

/*
 * One scenario (race, pc, rw, philo): a plug-in behind this ops struct,
 * listed in sync_scenarios[].  run does every chosen variant, writes the
 * chosen tables and returns the exit status (0, 1 for the bad outcome,
 * or a sysexits code when the OS refused something).
 */
struct sync_scenario {
	const char *name, *summary;
	const char *variant_opt;		/* "lock", "sync", ... */
	const char *const *variants;		/* NULL-terminated */
	const char *const *tables;		/* NULL-terminated; [0] default */
	unsigned opts;				/* SYNC_O_* it accepts */
	int (*run)(const struct sync_opts *o, struct osc_out *out);
	/* The scheme of one variant, as reference text. */
	void (*explain)(FILE *fp, unsigned variant);
};

extern const struct sync_scenario sync_race, sync_pc, sync_rw, sync_philo;
extern const struct sync_scenario *const sync_scenarios[];

/*
 * A crew of worker threads with a bounded life.  Workers wait at a start
 * gate so they are released together; the main thread waits for all of
 * them until the deadline (start + timeout), calling an optional watchdog
 * every tick; on expiry or on halt the stop flag is raised and every
 * worker is expected to return soon (every wait they make is bounded by
 * sync_crew_deadline or checks sync_crew_stopped).  All are joined.
 */
struct sync_crew {
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* CLOCK_MONOTONIC */
	unsigned n, done, at_barrier, barrier_gen;
	unsigned aligned;		/* atomic: workers past the gate */
	double t_line;			/* all at the start line (align) */
	bool open;
	int stop;			/* atomic */
	struct timespec deadline;	/* CLOCK_MONOTONIC */
	struct timespec deadline_rt;	/* the same, on CLOCK_REALTIME */
	double t0, t1;			/* gate opened, last worker done */
	pthread_t *tids;
	struct sync_member *members;
	unsigned started;
};

typedef void sync_work_fn(void *arg);
/* Called by the main thread every tick while waiting; true = halt now. */
typedef bool sync_watch_fn(void *ctx, double now);

/* OSC_OK, or OSC_EOS / OSC_ENOMEM with errno set. */
int sync_crew_init(struct sync_crew *c, unsigned n, double timeout);
/* Start worker i with fn(arg + i * argsize).  On failure the started ones
 * are stopped and joined, and errno says why. */
int sync_crew_start(struct sync_crew *c, sync_work_fn *fn, void *args,
		    size_t argsize);
/* Open the gate, wait (watch every tick_ms when given), join everyone.
 * True when all workers finished before the deadline and nobody halted. */
bool sync_crew_run(struct sync_crew *c, sync_watch_fn *watch, void *ctx,
		   unsigned tick_ms);
void sync_crew_fini(struct sync_crew *c);

/* Worker side: wait at the start gate (false when stopped meanwhile). */
bool sync_crew_gate(struct sync_crew *c);
/* After the gate: count in and spin until every worker has, so that all
 * are running at once (a sleeping barrier wakes them one by one, and on
 * two cores the first may be done before the last wakes).  False when
 * stopped meanwhile. */
bool sync_crew_align(struct sync_crew *c);
/* A barrier for every worker, bounded by the deadline and the stop flag. */
bool sync_crew_barrier(struct sync_crew *c);
static inline bool sync_crew_stopped(struct sync_crew *c)
{
	return __atomic_load_n(&c->stop, __ATOMIC_RELAXED) != 0;
}
/* Raise the stop flag and wake the gate and barrier. */
void sync_crew_halt(struct sync_crew *c);
/*
 * The deadline on CLOCK_REALTIME, for sem_timedwait and
 * pthread_mutex_timedlock: their CLOCK_MONOTONIC variants (sem_clockwait,
 * pthread_mutex_clocklock) are unknown to ThreadSanitizer, which would
 * then miss the synchronisation they make and report false races.
 */
static inline const struct timespec *sync_crew_deadline(struct sync_crew *c)
{
	return &c->deadline_rt;
}

/* CLOCK_MONOTONIC in seconds. */
double sync_now(void);
/* now + ms as an absolute CLOCK_MONOTONIC time, not past limit. */
struct timespec sync_after_ms(double ms, const struct timespec *limit);
/* now + ms as an absolute CLOCK_REALTIME time. */
struct timespec sync_rt_after_ms(double ms);

/*
 * A graph where every node has at most one successor (next[i], or -1), as
 * a wait-for graph of single waits is: find the first cycle, starting the
 * search from node 0 upwards, and store it in cyc (n entries at most)
 * rotated to begin at its smallest node.  Returns its length, 0 when
 * there is none.  seen is scratch space of n entries.  O(n).
 */
unsigned sync_find_cycle(const int *next, unsigned n, unsigned *cyc,
			 unsigned *seen);

/* Whether table `bit` of the scenario was chosen with -t. */
bool sync_table_on(const struct sync_opts *o, unsigned bit);
/* A mixing function for checksums (splitmix64's finaliser). */
static inline uint64_t sync_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

#endif
