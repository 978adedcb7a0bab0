/* test-deadlock-prog-rwlock.c: two readers at once (fine), then a writer of R taking M and M's holder reading R: an inversion. */
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t r = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *reader(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&r);
	pthread_rwlock_unlock(&r);
	return NULL;
}

static void *write_then_lock(void *arg)
{
	(void)arg;
	pthread_rwlock_wrlock(&r);
	pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
	pthread_rwlock_unlock(&r);
	return NULL;
}

static void *lock_then_read(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	pthread_rwlock_rdlock(&r);
	pthread_rwlock_unlock(&r);
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_rwlock_rdlock(&r);	/* main and a second reader share R */
	pthread_create(&t, NULL, reader, NULL);
	pthread_join(t, NULL);
	pthread_rwlock_unlock(&r);
	pthread_create(&t, NULL, write_then_lock, NULL);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, lock_then_read, NULL);
	pthread_join(t, NULL);
	puts("rwlock: done");
	return 0;
}
