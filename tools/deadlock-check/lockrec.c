/* lockrec.c: liblockrec, an LD_PRELOAD recorder of pthread mutex events in the locks format. */
#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Every successful pthread_mutex_lock is written as `tN acquire mN @SITE`,
 * every successful trylock as `tN tryacquire mN @SITE` (a trylock never
 * blocks, so it adds no lock-order edge), every unlock as `tN release mN`
 * before the real unlock, so that the lines are in the order the events
 * really happened: one global spin lock serialises the writing.  A
 * recursive mutex locked again by its owner is counted, not written.  An
 * error-checking mutex locked again by its owner (EDEADLK) is written as an
 * acquire: the re-acquisition a normal mutex would hang on.
 *
 * A read-write lock is a resource of LR_RW_UNITS instances, declared on
 * first use (`resource mN 1000000`): a reader takes one, a writer all of
 * them, so writers exclude everyone and readers only writers.
 *
 * Output: the descriptor in $OSC_LOCKREC_FD (set by deadlock-check --run),
 * else the file named by $OSC_LOCKREC; neither: nothing is recorded.
 * Nothing else of the program changes: its output, status and timing
 * apart from the cost of one write per event.
 */

#define LR_MAX_MUTEXES (1u << 16)
#define LR_MAX_HELD 64
#define LR_RW_UNITS 1000000u

static int (*real_lock)(pthread_mutex_t *);
static int (*real_trylock)(pthread_mutex_t *);
static int (*real_unlock)(pthread_mutex_t *);
static int (*real_rdlock)(pthread_rwlock_t *);
static int (*real_wrlock)(pthread_rwlock_t *);
static int (*real_tryrdlock)(pthread_rwlock_t *);
static int (*real_trywrlock)(pthread_rwlock_t *);
static int (*real_rwunlock)(pthread_rwlock_t *);

static int out_fd = -2;		/* -2: not opened yet, -1: not recording */
static atomic_flag spin = ATOMIC_FLAG_INIT;
static unsigned next_thread, next_mutex;
static const void *mutex_addr[LR_MAX_MUTEXES];
static unsigned mutex_id[LR_MAX_MUTEXES];

struct lr_held {
	const void *m;
	unsigned depth, units;	/* units: 1, or LR_RW_UNITS for a writer */
};

static __thread unsigned my_id;
static __thread struct lr_held held[LR_MAX_HELD];
static __thread unsigned nheld;

static void lr_resolve(void)
{
	real_lock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_lock");
	real_trylock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_trylock");
	real_unlock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_unlock");
	real_rdlock = (int (*)(pthread_rwlock_t *))dlsym(RTLD_NEXT, "pthread_rwlock_rdlock");
	real_wrlock = (int (*)(pthread_rwlock_t *))dlsym(RTLD_NEXT, "pthread_rwlock_wrlock");
	real_tryrdlock = (int (*)(pthread_rwlock_t *))dlsym(RTLD_NEXT, "pthread_rwlock_tryrdlock");
	real_trywrlock = (int (*)(pthread_rwlock_t *))dlsym(RTLD_NEXT, "pthread_rwlock_trywrlock");
	real_rwunlock = (int (*)(pthread_rwlock_t *))dlsym(RTLD_NEXT, "pthread_rwlock_unlock");
}

static void lr_open(void)
{
	const char *fd = getenv("OSC_LOCKREC_FD"), *file = getenv("OSC_LOCKREC");

	out_fd = -1;
	if (fd && *fd)
		out_fd = atoi(fd);
	else if (file && *file)
		out_fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

__attribute__((constructor)) static void lr_init(void)
{
	lr_resolve();
	while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
		;
	if (out_fd == -2)
		lr_open();
	atomic_flag_clear_explicit(&spin, memory_order_release);
}

static void lr_lock(void)
{
	while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
		;
	if (out_fd == -2)
		lr_open();
}

static void lr_unlock(void)
{
	atomic_flag_clear_explicit(&spin, memory_order_release);
}

/* The mutex's number in order of first use (spin held). */
static unsigned lr_mutex(const void *m, bool *fresh)
{
	size_t h = ((uintptr_t)m >> 4) * 0x9e3779b97f4a7c15ull >> 48;

	for (size_t k = 0; k < LR_MAX_MUTEXES; k++) {
		size_t j = (h + k) & (LR_MAX_MUTEXES - 1);

		if (mutex_addr[j] == m)
			return mutex_id[j];
		if (!mutex_addr[j]) {
			mutex_addr[j] = m;
			*fresh = true;
			return mutex_id[j] = ++next_mutex;
		}
	}
	return 0;	/* table full: m0 */
}

/* `@symbol+0xOFF` or `@file+0xOFF` for the caller at pc. */
static int lr_site(char *buf, size_t size, const void *pc)
{
	Dl_info info;
	const char *base;

	if (!pc || !dladdr(pc, &info) || !info.dli_fname)
		return 0;
	if (info.dli_sname && info.dli_saddr)
		return snprintf(buf, size, " @%s+0x%lx", info.dli_sname,
				(unsigned long)((const char *)pc -
						(const char *)info.dli_saddr));
	base = strrchr(info.dli_fname, '/');
	return snprintf(buf, size, " @%s+0x%lx", base ? base + 1 : info.dli_fname,
			(unsigned long)((const char *)pc -
					(const char *)info.dli_fbase));
}

static void lr_write(const char *p, int n)
{
	while (n > 0) {
		ssize_t w = write(out_fd, p, (size_t)n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		n -= (int)w;
	}
}

/* Write one event (spin held): units is 1 for a mutex; rw tells a
 * read-write lock, declared on first use. */
static void lr_event(const char *verb, const void *m, unsigned units, bool rw,
		     const void *pc)
{
	char line[512];
	bool fresh = false;
	unsigned id;
	int n, k;

	if (out_fd < 0)
		return;
	if (!my_id)
		my_id = ++next_thread;
	id = lr_mutex(m, &fresh);
	if (fresh && rw) {
		n = snprintf(line, sizeof line, "resource m%u %u\n", id, LR_RW_UNITS);
		lr_write(line, n);
	}
	n = snprintf(line, sizeof line, units == 1 ? "t%u %s m%u" : "t%u %s m%u %u",
		     my_id, verb, id, units);
	if (pc && (k = lr_site(line + n, sizeof line - (size_t)n - 1, pc)) > 0)
		n += k < (int)(sizeof line - (size_t)n - 1) ? k :
			(int)(sizeof line - (size_t)n - 2);
	line[n++] = '\n';
	lr_write(line, n);
}

static struct lr_held *lr_find(const void *m)
{
	for (unsigned i = 0; i < nheld; i++)
		if (held[i].m == m)
			return &held[i];
	return NULL;
}

static void lr_push(const void *m, unsigned units)
{
	if (nheld < LR_MAX_HELD)
		held[nheld++] = (struct lr_held){ m, 1, units };
}

/* After a lock call returned rc: record it (see the top of the file). */
static int lr_acquired(const void *m, int rc, const char *verb, unsigned units,
		       bool rw, const void *pc)
{
	struct lr_held *h = lr_find(m);

	if (rc == 0 && h) {		/* recursive mutex or read lock, again */
		h->depth++;
		return rc;
	}
	if (rc != 0 && !(rc == EDEADLK && h))
		return rc;
	lr_lock();
	lr_event(verb, m, units, rw, pc);
	lr_unlock();
	if (rc == 0)
		lr_push(m, units);
	return rc;
}

/* Before an unlock: the release, when this thread holds m. */
static void lr_release(const void *m, bool rw)
{
	struct lr_held *h = lr_find(m);

	if (h && --h->depth == 0) {
		lr_lock();
		lr_event("release", m, h->units, rw, NULL);
		lr_unlock();
		*h = held[--nheld];
	}
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (!real_lock)
		lr_resolve();
	return lr_acquired(m, real_lock(m), "acquire", 1, false,
			   __builtin_return_address(0));
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (!real_trylock)
		lr_resolve();
	return lr_acquired(m, real_trylock(m), "tryacquire", 1, false,
			   __builtin_return_address(0));
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!real_unlock)
		lr_resolve();
	lr_release(m, false);
	return real_unlock(m);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	if (!real_rdlock)
		lr_resolve();
	return lr_acquired(l, real_rdlock(l), "acquire", 1, true,
			   __builtin_return_address(0));
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	if (!real_wrlock)
		lr_resolve();
	return lr_acquired(l, real_wrlock(l), "acquire", LR_RW_UNITS, true,
			   __builtin_return_address(0));
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	if (!real_tryrdlock)
		lr_resolve();
	return lr_acquired(l, real_tryrdlock(l), "tryacquire", 1, true,
			   __builtin_return_address(0));
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	if (!real_trywrlock)
		lr_resolve();
	return lr_acquired(l, real_trywrlock(l), "tryacquire", LR_RW_UNITS, true,
			   __builtin_return_address(0));
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	if (!real_rwunlock)
		lr_resolve();
	lr_release(l, true);
	return real_rwunlock(l);
}
