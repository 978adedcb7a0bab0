/* test-deadlock-prog-ring.c: a three-lock ring (A->B, B->C, C->A) over three threads, run one after another. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m[3] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER
};

static void *pair(void *arg)
{
	int i = *(int *)arg;

	pthread_mutex_lock(&m[i]);
	pthread_mutex_lock(&m[(i + 1) % 3]);
	pthread_mutex_unlock(&m[(i + 1) % 3]);
	pthread_mutex_unlock(&m[i]);
	return NULL;
}

int main(void)
{
	static int idx[3] = { 0, 1, 2 };
	pthread_t t;

	for (int i = 0; i < 3; i++) {
		pthread_create(&t, NULL, pair, &idx[i]);
		pthread_join(t, NULL);
	}
	puts("ring: done");
	return 0;
}
