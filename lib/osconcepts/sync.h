/* osconcepts/sync.h: hand-written locks (CAS spin, TTAS, two-phase futex) for sync-demo. */
#ifndef OSCONCEPTS_SYNC_H
#define OSCONCEPTS_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Three locks written for teaching, each the textbook algorithm and
 * nothing more.  They are real locks (acquire on lock, release on unlock,
 * so the data they guard needs no other barrier), usable between the
 * threads of one process.  None is recursive; unlocking a lock the caller
 * does not hold is undefined.  Initialise before use; no destruction is
 * needed (they own no resources).
 */

/* CAS spin lock: lock loops on compare-and-swap 0 -> 1 until it succeeds,
 * every attempt a write to the lock's cache line. */
struct osc_spin {
	int v;			/* 0 free, 1 held */
};

void osc_spin_init(struct osc_spin *l);
void osc_spin_lock(struct osc_spin *l);
/* One CAS attempt: true when the lock was taken. */
bool osc_spin_trylock(struct osc_spin *l);
void osc_spin_unlock(struct osc_spin *l);

/* Test-and-test-and-set: wait with plain loads (the line stays shared in
 * every waiter's cache) and a pause hint, and only try the atomic exchange
 * when the lock looks free. */
struct osc_ttas {
	int v;			/* 0 free, 1 held */
};

void osc_ttas_init(struct osc_ttas *l);
void osc_ttas_lock(struct osc_ttas *l);
bool osc_ttas_trylock(struct osc_ttas *l);
void osc_ttas_unlock(struct osc_ttas *l);

/*
 * Two-phase lock: spin (TTAS with pause) at most `spins` times, then sleep
 * in the kernel on a futex until the holder wakes it.  The word follows
 * the three-state futex mutex of Drepper, "Futexes Are Tricky" (2011):
 * 0 free, 1 held, 2 held and maybe waiters; unlock makes a system call
 * only in state 2.
 */
struct osc_twophase {
	int v;			/* 0, 1 or 2 as above */
	unsigned spins;		/* bound of the spinning phase */
};

#define OSC_TWOPHASE_SPINS 100u	/* default bound of the spinning phase */

void osc_twophase_init(struct osc_twophase *l, unsigned spins);
void osc_twophase_lock(struct osc_twophase *l);
bool osc_twophase_trylock(struct osc_twophase *l);
void osc_twophase_unlock(struct osc_twophase *l);

/*
 * The locks by name, behind one ops struct (for tests and for callers that
 * choose at run time; hot loops should call the functions above directly).
 * `state_size` bytes of storage, aligned for any type, hold one lock.
 * Names: "mutex" (a pthread mutex), "spin", "ttas", "twophase".
 */
struct osc_lock_ops {
	const char *name, *summary;
	size_t state_size;
	int (*init)(void *st);		/* OSC_OK or OSC_EOS */
	void (*lock)(void *st);
	bool (*trylock)(void *st);
	void (*unlock)(void *st);
	void (*fini)(void *st);
};

extern const struct osc_lock_ops osc_lock_mutex, osc_lock_spin,
	osc_lock_ttas, osc_lock_twophase;

/* The lock kind called name, or NULL. */
const struct osc_lock_ops *osc_lock_lookup(const char *name);
/* The i-th lock kind (in the order above), or NULL past the last. */
const struct osc_lock_ops *osc_lock_at(size_t i);

#ifdef __cplusplus
}
#endif

#endif
