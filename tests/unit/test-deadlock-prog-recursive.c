/* test-deadlock-prog-recursive.c: a recursive mutex locked twice by its owner, then A, in one order everywhere. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t r;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;

static void *run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&r);
	pthread_mutex_lock(&r);		/* fine: recursive */
	pthread_mutex_lock(&a);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&r);
	pthread_mutex_unlock(&r);
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t at;
	pthread_t t1, t2;

	pthread_mutexattr_init(&at);
	pthread_mutexattr_settype(&at, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&r, &at);
	pthread_create(&t1, NULL, run, NULL);
	pthread_create(&t2, NULL, run, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	puts("recursive: done");
	return 0;
}
