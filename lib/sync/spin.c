/* spin.c: the CAS spin lock: retry compare-and-swap 0 -> 1 until it succeeds. */
#include <config.h>

#include <osconcepts/sync.h>

void osc_spin_init(struct osc_spin *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELAXED);
}

bool osc_spin_trylock(struct osc_spin *l)
{
	int expect = 0;

	return __atomic_compare_exchange_n(&l->v, &expect, 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/*
 * Every failed attempt is still a locked read-for-ownership of the lock's
 * cache line, so waiters keep stealing the line from each other and from
 * the holder: the cost the TTAS lock avoids.  This is deliberate.
 */
void osc_spin_lock(struct osc_spin *l)
{
	while (!osc_spin_trylock(l))
		;
}

void osc_spin_unlock(struct osc_spin *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
}
