/* test-deadlock-prog-two.c: a two-lock inversion (A then B, later B then A) that does not deadlock in this run. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *ba(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t;

	/* One thread after the other: the inversion is there, the hang is not. */
	pthread_create(&t, NULL, ab, NULL);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, ba, NULL);
	pthread_join(t, NULL);
	puts("two: done");
	return 3;
}
