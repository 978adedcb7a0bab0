/* test-deadlock-prog-ordered.c: two threads taking A then B, concurrently: a consistent order. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&a);
		pthread_mutex_lock(&b);
		pthread_mutex_unlock(&b);
		pthread_mutex_unlock(&a);
	}
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, ab, NULL);
	pthread_create(&t2, NULL, ab, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	fputs("ordered: done\n", stderr);
	return 0;
}
