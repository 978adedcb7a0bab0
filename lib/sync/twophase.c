/* twophase.c: spin a bounded number of times, then sleep on a futex (Drepper's three-state mutex). */
#include <config.h>

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <osconcepts/sync.h>

enum { TP_FREE = 0, TP_HELD = 1, TP_WAITERS = 2 };

static inline void twophase_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/* Sleep while *addr == val (the kernel checks this atomically with
 * queueing us, so a wake between our check and the sleep is not lost). */
static void twophase_wait(int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void twophase_wake(int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static bool twophase_cas(int *addr, int from, int to)
{
	return __atomic_compare_exchange_n(addr, &from, to, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void osc_twophase_init(struct osc_twophase *l, unsigned spins)
{
	__atomic_store_n(&l->v, TP_FREE, __ATOMIC_RELAXED);
	l->spins = spins;
}

bool osc_twophase_trylock(struct osc_twophase *l)
{
	return twophase_cas(&l->v, TP_FREE, TP_HELD);
}

void osc_twophase_lock(struct osc_twophase *l)
{
	unsigned i;

	if (twophase_cas(&l->v, TP_FREE, TP_HELD))
		return;
	/* Phase 1: the holder is probably about to leave; spin briefly. */
	for (i = 0; i < l->spins; i++) {
		twophase_pause();
		if (__atomic_load_n(&l->v, __ATOMIC_RELAXED) == TP_FREE &&
		    twophase_cas(&l->v, TP_FREE, TP_HELD))
			return;
	}
	/*
	 * Phase 2: announce a waiter (state 2) and sleep.  Whoever takes the
	 * lock from here on takes it in state 2, because it cannot know
	 * whether other sleepers remain; that costs at most one needless
	 * wake-up.
	 */
	while (__atomic_exchange_n(&l->v, TP_WAITERS, __ATOMIC_ACQUIRE) != TP_FREE)
		twophase_wait(&l->v, TP_WAITERS);
}

void osc_twophase_unlock(struct osc_twophase *l)
{
	/* 1 -> 0 needs no system call; 2 -> 0 must wake one sleeper. */
	if (__atomic_fetch_sub(&l->v, 1, __ATOMIC_RELEASE) != TP_HELD) {
		__atomic_store_n(&l->v, TP_FREE, __ATOMIC_RELEASE);
		twophase_wake(&l->v);
	}
}
