/* registry.c: the IPC mechanisms of ipc-demo, in the order of the documentation. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <osconcepts/ipc.h>

const struct osc_ipc_ops *const osc_ipc_mechs[] = {
	&osc_ipc_pipe, &osc_ipc_fifo, &osc_ipc_socketpair, &osc_ipc_unix_stream,
	&osc_ipc_unix_dgram, &osc_ipc_tcp, &osc_ipc_udp, &osc_ipc_mq_posix,
	&osc_ipc_mq_sysv, &osc_ipc_shm_posix, &osc_ipc_shm_sysv,
	&osc_ipc_eventfd, &osc_ipc_signal, NULL
};

const struct osc_ipc_ops *osc_ipc_lookup(const char *name)
{
	const struct osc_ipc_ops *const *m;

	for (m = osc_ipc_mechs; *m; m++)
		if (strcmp((*m)->name, name) == 0)
			return *m;
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

void osc_ipc_sort(uint64_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_u64);
}

uint64_t osc_ipc_quantile(const uint64_t *sorted, size_t n, double q)
{
	size_t rank;

	if (n == 0)
		return 0;
	/* Nearest rank: the smallest value with at least q*n values <= it. */
	rank = (size_t)(q * (double)n);
	if ((double)rank < q * (double)n)
		rank++;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}
