/* test-deadlock-prog-gated.c: an inversion of A and B, always under gate lock G: it cannot deadlock. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *run(void *arg)
{
	pthread_mutex_t *first = arg, *second = first == &a ? &b : &a;

	pthread_mutex_lock(&g);
	pthread_mutex_lock(first);
	pthread_mutex_lock(second);
	pthread_mutex_unlock(second);
	pthread_mutex_unlock(first);
	pthread_mutex_unlock(&g);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	/* Concurrent on purpose: the gate serialises them. */
	pthread_create(&t1, NULL, run, &a);
	pthread_create(&t2, NULL, run, &b);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	puts("gated: done");
	return 0;
}
