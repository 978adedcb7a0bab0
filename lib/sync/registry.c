/* registry.c: the lock kinds by name, each behind struct osc_lock_ops. */
#include <config.h>

#include <pthread.h>
#include <string.h>

#include <osconcepts/sync.h>

static int mutex_init(void *st)
{
	return pthread_mutex_init(st, NULL) == 0 ? OSC_OK : OSC_EOS;
}

static void mutex_lock(void *st)
{
	pthread_mutex_lock(st);
}

static bool mutex_trylock(void *st)
{
	return pthread_mutex_trylock(st) == 0;
}

static void mutex_unlock(void *st)
{
	pthread_mutex_unlock(st);
}

static void mutex_fini(void *st)
{
	pthread_mutex_destroy(st);
}

const struct osc_lock_ops osc_lock_mutex = {
	.name = "mutex",
	.summary = "pthread mutex (glibc: futex based, sleeps in the kernel)",
	.state_size = sizeof(pthread_mutex_t),
	.init = mutex_init, .lock = mutex_lock, .trylock = mutex_trylock,
	.unlock = mutex_unlock, .fini = mutex_fini,
};

static int spin_init(void *st)
{
	osc_spin_init(st);
	return OSC_OK;
}

static void spin_lock(void *st) { osc_spin_lock(st); }
static bool spin_trylock(void *st) { return osc_spin_trylock(st); }
static void spin_unlock(void *st) { osc_spin_unlock(st); }
static void nothing(void *st) { (void)st; }

const struct osc_lock_ops osc_lock_spin = {
	.name = "spin",
	.summary = "CAS spin lock: compare-and-swap 0 -> 1 in a loop",
	.state_size = sizeof(struct osc_spin),
	.init = spin_init, .lock = spin_lock, .trylock = spin_trylock,
	.unlock = spin_unlock, .fini = nothing,
};

static int ttas_init(void *st)
{
	osc_ttas_init(st);
	return OSC_OK;
}

static void ttas_lock(void *st) { osc_ttas_lock(st); }
static bool ttas_trylock(void *st) { return osc_ttas_trylock(st); }
static void ttas_unlock(void *st) { osc_ttas_unlock(st); }

const struct osc_lock_ops osc_lock_ttas = {
	.name = "ttas",
	.summary = "test-and-test-and-set: spin on loads with pause, then exchange",
	.state_size = sizeof(struct osc_ttas),
	.init = ttas_init, .lock = ttas_lock, .trylock = ttas_trylock,
	.unlock = ttas_unlock, .fini = nothing,
};

static int twophase_init(void *st)
{
	osc_twophase_init(st, OSC_TWOPHASE_SPINS);
	return OSC_OK;
}

static void twophase_lock(void *st) { osc_twophase_lock(st); }
static bool twophase_trylock(void *st) { return osc_twophase_trylock(st); }
static void twophase_unlock(void *st) { osc_twophase_unlock(st); }

const struct osc_lock_ops osc_lock_twophase = {
	.name = "twophase",
	.summary = "spin a bounded number of times, then sleep on a futex",
	.state_size = sizeof(struct osc_twophase),
	.init = twophase_init, .lock = twophase_lock,
	.trylock = twophase_trylock, .unlock = twophase_unlock, .fini = nothing,
};

static const struct osc_lock_ops *const lock_registry[] = {
	&osc_lock_mutex, &osc_lock_spin, &osc_lock_ttas, &osc_lock_twophase,
};

#define NLOCKS (sizeof(lock_registry) / sizeof(lock_registry[0]))

const struct osc_lock_ops *osc_lock_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NLOCKS; i++)
		if (strcmp(lock_registry[i]->name, name) == 0)
			return lock_registry[i];
	return NULL;
}

const struct osc_lock_ops *osc_lock_at(size_t i)
{
	return i < NLOCKS ? lock_registry[i] : NULL;
}
