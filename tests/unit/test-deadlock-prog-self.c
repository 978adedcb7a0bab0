/* test-deadlock-prog-self.c: an error-checking mutex locked again by its owner (a normal one would hang). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

int main(void)
{
	pthread_mutexattr_t at;
	pthread_mutex_t m;
	int rc;

	pthread_mutexattr_init(&at);
	pthread_mutexattr_settype(&at, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &at);
	pthread_mutex_lock(&m);
	rc = pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
	printf("self: second lock %s\n", rc == EDEADLK ? "EDEADLK" : "succeeded");
	return 0;
}
