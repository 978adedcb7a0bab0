/* test-sync.c: the hand-written locks exclude each other and keep their state words right. */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <osconcepts/sync.h>

#include "tap.h"

#define THREADS 4
#define ROUNDS 20000

/* Storage for any lock kind, aligned for pthread_mutex_t. */
union any_lock {
	pthread_mutex_t m;
	struct osc_spin s;
	struct osc_ttas t;
	struct osc_twophase p;
};

struct shared {
	const struct osc_lock_ops *ops;
	union any_lock lock;
	uint64_t counter;	/* guarded by lock: plain accesses on purpose */
	int inside;		/* threads inside the critical section */
	int overlap;		/* times a thread found another one inside */
};

static void *hammer(void *arg)
{
	struct shared *sh = arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		sh->ops->lock(&sh->lock);
		if (sh->inside++ != 0)
			sh->overlap++;
		sh->counter++;
		sh->inside--;
		sh->ops->unlock(&sh->lock);
	}
	return NULL;
}

static void check_kind(const struct osc_lock_ops *ops)
{
	struct shared sh = { .ops = ops };
	pthread_t t[THREADS];
	int i, started = 0;

	ok(ops->state_size <= sizeof(union any_lock), "%s fits", ops->name);
	is_u64(ops->init(&sh.lock), OSC_OK, "%s init", ops->name);
	ok(ops->trylock(&sh.lock), "%s trylock on a free lock", ops->name);
	ok(!ops->trylock(&sh.lock), "%s trylock on a held lock fails", ops->name);
	ops->unlock(&sh.lock);
	ok(ops->trylock(&sh.lock), "%s trylock after unlock", ops->name);
	ops->unlock(&sh.lock);
	for (i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, hammer, &sh) == 0)
			started++;
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	is_u64(started, THREADS, "%s threads started", ops->name);
	is_u64(sh.counter, (uint64_t)THREADS * ROUNDS,
	       "%s loses no update", ops->name);
	is_u64(sh.overlap, 0, "%s never lets two threads in", ops->name);
	ops->fini(&sh.lock);
}

/* With no spinning at all every contended lock goes through the futex
 * path; the word must end free (0) and never be left at 2. */
static void check_twophase_futex(void)
{
	struct shared sh = { .ops = &osc_lock_twophase };
	pthread_t t[THREADS];
	int i;

	osc_twophase_init(&sh.lock.p, 0);
	for (i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, hammer, &sh) != 0)
			abort();
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	is_u64(sh.counter, (uint64_t)THREADS * ROUNDS,
	       "twophase without spinning loses no update");
	is_u64(sh.lock.p.v, 0, "twophase word is free at the end");
	osc_twophase_lock(&sh.lock.p);
	is_u64(sh.lock.p.v, 1, "uncontended twophase lock takes state 1");
	osc_twophase_unlock(&sh.lock.p);
	is_u64(sh.lock.p.v, 0, "and unlock frees it without waiters");
}

int main(void)
{
	size_t i;
	const struct osc_lock_ops *ops;

	for (i = 0; (ops = osc_lock_at(i)) != NULL; i++) {
		ok(osc_lock_lookup(ops->name) == ops, "lookup %s", ops->name);
		check_kind(ops);
	}
	is_u64(i, 4, "four lock kinds");
	ok(osc_lock_lookup("nope") == NULL, "unknown kind is NULL");
	check_twophase_futex();
	return tap_done();
}
