/* sync-pc.c: the bounded buffer (producer-consumer) with three semaphores or with condition variables. */
#include <config.h>

#include <errno.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "sync-demo.h"

enum { PC_SEM, PC_COND };

static const char *const pc_variants[] = { "sem", "cond", NULL };
static const char *const pc_tables[] = { "pc", NULL };

static const struct osc_col pc_cols[] = {
	{ "sync", OSC_T_STR, 0 }, { "producers", OSC_T_UINT, 0 },
	{ "consumers", OSC_T_UINT, 0 }, { "buffer", OSC_T_UINT, 0 },
	{ "items", OSC_T_UINT, 0 }, { "seconds", OSC_T_REAL, 6 },
	{ "items_per_s", OSC_T_REAL, 1 }, { "max_fill", OSC_T_UINT, 0 },
	{ "verified", OSC_T_BOOL, 0 },
};

struct pc_shared {
	unsigned variant;
	struct sync_crew *crew;
	/* The ring: guarded by `mutex` (sem) or `mu` (cond). */
	uint64_t *slot;
	size_t cap, head, tail, count, max_fill;
	bool overflow;			/* a put found the ring full */
	sem_t mutex, full, empty;
	pthread_mutex_t mu;
	pthread_cond_t not_full, not_empty;
	/* Who does what: items are claimed with fetch-add. */
	uint64_t items, next_item, claims;
	/* What the consumers saw. */
	uint8_t *seen;
	uint64_t consumed, sum;
	int failed;			/* a wait timed out */
};

struct pc_arg {
	struct pc_shared *sh;
	bool producer;
};

/* P(s), bounded by the deadline; false on expiry. */
static bool pc_P(struct pc_shared *sh, sem_t *s)
{
	int e;

	do
		e = sem_timedwait(s, sync_crew_deadline(sh->crew));
	while (e != 0 && errno == EINTR);
	return e == 0;
}

static void pc_put(struct pc_shared *sh, uint64_t item)
{
	if (sh->count == sh->cap)
		sh->overflow = true;
	sh->slot[sh->tail] = item;
	sh->tail = (sh->tail + 1) % sh->cap;
	if (++sh->count > sh->max_fill)
		sh->max_fill = sh->count;
}

static uint64_t pc_take(struct pc_shared *sh)
{
	uint64_t item = sh->slot[sh->head];

	sh->head = (sh->head + 1) % sh->cap;
	sh->count--;
	return item;
}

/* Producer: P(empty) P(mutex) put V(mutex) V(full). */
static bool pc_sem_produce(struct pc_shared *sh, uint64_t item)
{
	if (!pc_P(sh, &sh->empty))
		return false;
	if (!pc_P(sh, &sh->mutex))
		return false;
	pc_put(sh, item);
	sem_post(&sh->mutex);
	sem_post(&sh->full);
	return true;
}

/* Consumer: P(full) P(mutex) take V(mutex) V(empty). */
static bool pc_sem_consume(struct pc_shared *sh, uint64_t *item)
{
	if (!pc_P(sh, &sh->full))
		return false;
	if (!pc_P(sh, &sh->mutex))
		return false;
	*item = pc_take(sh);
	sem_post(&sh->mutex);
	sem_post(&sh->empty);
	return true;
}

/* Wait on cv with the mutex held; false once the deadline has passed. */
static bool pc_cond_wait(struct pc_shared *sh, pthread_cond_t *cv)
{
	/* The condition variables run on CLOCK_MONOTONIC (pc_setup). */
	return pthread_cond_timedwait(cv, &sh->mu, &sh->crew->deadline) !=
	       ETIMEDOUT;
}

static bool pc_cond_produce(struct pc_shared *sh, uint64_t item)
{
	bool ok = true;

	pthread_mutex_lock(&sh->mu);
	/* while, not if: a wake-up is a hint, the state is re-checked. */
	while (ok && sh->count == sh->cap)
		ok = pc_cond_wait(sh, &sh->not_full);
	if (ok) {
		pc_put(sh, item);
		pthread_cond_signal(&sh->not_empty);
	}
	pthread_mutex_unlock(&sh->mu);
	return ok;
}

static bool pc_cond_consume(struct pc_shared *sh, uint64_t *item)
{
	bool ok = true;

	pthread_mutex_lock(&sh->mu);
	while (ok && sh->count == 0)
		ok = pc_cond_wait(sh, &sh->not_empty);
	if (ok) {
		*item = pc_take(sh);
		pthread_cond_signal(&sh->not_full);
	}
	pthread_mutex_unlock(&sh->mu);
	return ok;
}

static void pc_producer(struct pc_shared *sh)
{
	uint64_t item;
	bool ok = true;

	while (ok && (item = __atomic_add_fetch(&sh->next_item, 1,
						__ATOMIC_RELAXED)) <= sh->items)
		ok = sh->variant == PC_SEM ? pc_sem_produce(sh, item)
					   : pc_cond_produce(sh, item);
	if (!ok)
		__atomic_store_n(&sh->failed, 1, __ATOMIC_RELAXED);
}

/* Each consumer claims one of the `items` takes before waiting for it,
 * so exactly `items` takes happen and nobody waits for an item that will
 * never come. */
static void pc_consumer(struct pc_shared *sh)
{
	uint64_t item, sum = 0, n = 0;
	bool ok = true;

	while (ok && __atomic_fetch_add(&sh->claims, 1, __ATOMIC_RELAXED) <
			     sh->items) {
		ok = sh->variant == PC_SEM ? pc_sem_consume(sh, &item)
					   : pc_cond_consume(sh, &item);
		if (!ok)
			break;
		if (item >= 1 && item <= sh->items)
			__atomic_fetch_add(&sh->seen[item - 1], 1,
					   __ATOMIC_RELAXED);
		sum += sync_mix(item);
		n++;
	}
	if (!ok)
		__atomic_store_n(&sh->failed, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->sum, sum, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->consumed, n, __ATOMIC_RELAXED);
}

static void pc_worker(void *arg)
{
	struct pc_arg *a = arg;

	if (!sync_crew_gate(a->sh->crew))
		return;
	if (a->producer)
		pc_producer(a->sh);
	else
		pc_consumer(a->sh);
}

static int pc_setup(struct pc_shared *sh, const struct sync_opts *o,
		    unsigned v)
{
	pthread_condattr_t ca;

	memset(sh, 0, sizeof(*sh));
	sh->variant = v;
	sh->cap = o->buffer;
	sh->items = o->items;
	sh->slot = calloc(sh->cap, sizeof(*sh->slot));
	sh->seen = calloc(sh->items, 1);
	if (sh->slot == NULL || sh->seen == NULL)
		return OSC_ENOMEM;
	/* The three semaphores of the scheme: mutex=1, full=0, empty=N. */
	if (sem_init(&sh->mutex, 0, 1) != 0 || sem_init(&sh->full, 0, 0) != 0 ||
	    sem_init(&sh->empty, 0, (unsigned)sh->cap) != 0)
		return OSC_EOS;
	pthread_mutex_init(&sh->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sh->not_full, &ca);
	pthread_cond_init(&sh->not_empty, &ca);
	pthread_condattr_destroy(&ca);
	return OSC_OK;
}

static void pc_teardown(struct pc_shared *sh)
{
	sem_destroy(&sh->mutex);
	sem_destroy(&sh->full);
	sem_destroy(&sh->empty);
	pthread_cond_destroy(&sh->not_full);
	pthread_cond_destroy(&sh->not_empty);
	pthread_mutex_destroy(&sh->mu);
	free(sh->slot);
	free(sh->seen);
}

/* Every item 1..items consumed exactly once, and the checksum agrees. */
static bool pc_check(const struct pc_shared *sh)
{
	uint64_t i, want = 0;

	if (sh->failed || sh->overflow || sh->consumed != sh->items)
		return false;
	for (i = 0; i < sh->items; i++) {
		if (sh->seen[i] != 1)
			return false;
		want += sync_mix(i + 1);
	}
	return want == sh->sum && sh->max_fill <= sh->cap;
}

struct pc_result {
	double seconds;
	uint64_t consumed;	/* all items, unless the run timed out */
	size_t max_fill;
	bool finished, verified;
};

static int pc_one(const struct sync_opts *o, unsigned v, struct pc_result *r)
{
	struct pc_shared sh;
	struct sync_crew crew;
	struct pc_arg *args;
	unsigned i, n = (unsigned)(o->producers + o->consumers);
	int st;

	args = calloc(n, sizeof(*args));
	st = args == NULL ? OSC_ENOMEM : pc_setup(&sh, o, v);
	if (st == OSC_OK)
		st = sync_crew_init(&crew, n, o->timeout);
	if (st == OSC_OK) {
		sh.crew = &crew;
		for (i = 0; i < n; i++)
			args[i] = (struct pc_arg){ &sh, i < o->producers };
		st = sync_crew_start(&crew, pc_worker, args, sizeof(*args));
		if (st == OSC_OK) {
			r->finished = sync_crew_run(&crew, NULL, NULL, 0) &&
				      !sh.failed;
			r->seconds = crew.t1 - crew.t0;
			r->max_fill = sh.max_fill;
			r->consumed = sh.consumed;
			r->verified = r->finished && pc_check(&sh);
		}
		sync_crew_fini(&crew);
	}
	if (args != NULL)
		pc_teardown(&sh);
	free(args);
	return st;
}

static int pc_run(const struct sync_opts *o, struct osc_out *out)
{
	struct pc_result r;
	unsigned v;
	int status = 0;

	osc_out_begin(out, "pc", pc_cols, 9);
	for (v = 0; pc_variants[v] != NULL; v++) {
		if (!(o->variants & (1u << v)))
			continue;
		memset(&r, 0, sizeof(r));
		if (pc_one(o, v, &r) != OSC_OK) {
			osc_warn("pc %s: cannot set up: %s", pc_variants[v],
				 strerror(errno));
			osc_out_end(out);
			return EX_OSERR;
		}
		if (!r.finished)
			osc_warn("pc %s: timed out after %g s", pc_variants[v],
				 o->timeout);
		if (!r.verified)
			status = 1;
		osc_out_str(out, pc_variants[v]);
		osc_out_u64(out, o->producers);
		osc_out_u64(out, o->consumers);
		osc_out_u64(out, o->buffer);
		osc_out_u64(out, o->items);
		osc_out_double(out, r.seconds);
		/* The items really consumed: fewer than asked when the
		 * run timed out. */
		osc_out_double(out, r.seconds > 0 ? (double)r.consumed / r.seconds
						  : 0.0);
		osc_out_u64(out, r.max_fill);
		osc_out_bool(out, r.verified);
	}
	osc_out_end(out);
	return status;
}

static const char *const pc_schemes[] = {
	"pc sem: semaphores mutex = 1, full = 0, empty = N (--buffer)\n"
	"  producer: P(empty); P(mutex); buf[in] = item; in = (in+1) % N;\n"
	"            V(mutex); V(full)\n"
	"  consumer: P(full); P(mutex); item = buf[out]; out = (out+1) % N;\n"
	"            V(mutex); V(empty)\n"
	"  (P = sem_timedwait bounded by --timeout, V = sem_post; empty counts\n"
	"  free slots, full counts filled ones, mutex guards in/out)\n",
	"pc cond: one mutex, condition variables not_full and not_empty\n"
	"  producer: lock(m); while (count == N) wait(not_full, m);\n"
	"            put(item); signal(not_empty); unlock(m)\n"
	"  consumer: lock(m); while (count == 0) wait(not_empty, m);\n"
	"            item = take(); signal(not_full); unlock(m)\n"
	"  (while, not if: a woken thread re-checks, since another may have\n"
	"  taken the slot first and wake-ups may be spurious)\n",
};

static void pc_explain(FILE *fp, unsigned v)
{
	fputs(pc_schemes[v], fp);
}

const struct sync_scenario sync_pc = {
	.name = "pc",
	.summary = "producers and consumers share a bounded buffer",
	.variant_opt = "sync",
	.variants = pc_variants,
	.tables = pc_tables,
	.opts = SYNC_O_PRODUCERS | SYNC_O_CONSUMERS | SYNC_O_BUFFER |
		SYNC_O_ITEMS | SYNC_O_SYNC,
	.run = pc_run,
	.explain = pc_explain,
};
