/* ttas.c: test-and-test-and-set lock: spin on plain loads with a pause hint, then exchange. */
#include <config.h>

#include <osconcepts/sync.h>

/* Tell the CPU this is a spin-wait loop (x86 PAUSE, ARM YIELD): it saves
 * power and leaves the pipeline to the sibling hyperthread. */
static inline void ttas_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

void osc_ttas_init(struct osc_ttas *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELAXED);
}

bool osc_ttas_trylock(struct osc_ttas *l)
{
	return __atomic_load_n(&l->v, __ATOMIC_RELAXED) == 0 &&
	       __atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE) == 0;
}

void osc_ttas_lock(struct osc_ttas *l)
{
	for (;;) {
		if (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE) == 0)
			return;
		/* Test: read-only spinning on our cached copy of the line. */
		while (__atomic_load_n(&l->v, __ATOMIC_RELAXED) != 0)
			ttas_pause();
	}
}

void osc_ttas_unlock(struct osc_ttas *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
}
