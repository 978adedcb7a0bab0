/* test-ipc.c: the IPC library's pieces that do not need a second process:
 * percentiles, the cleanup registry, names, kernel limits, and one run of
 * each mechanism with tiny counts. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <osconcepts.h>

#include "tap.h"

static void quantiles(void)
{
	uint64_t v[] = { 9, 1, 8, 2, 7, 3, 6, 4, 5, 10 };

	osc_ipc_sort(v, 10);
	is_u64(v[0], 1, "sorted: smallest first");
	is_u64(v[9], 10, "sorted: largest last");
	/* Nearest rank: p50 of 1..10 is the 5th value, p99 the 10th,
	 * p10 the 1st (ceil(0.1 * 10) = 1). */
	is_u64(osc_ipc_quantile(v, 10, 0.5), 5, "p50 of 1..10");
	is_u64(osc_ipc_quantile(v, 10, 0.99), 10, "p99 of 1..10");
	is_u64(osc_ipc_quantile(v, 10, 0.1), 1, "p10 of 1..10");
	is_u64(osc_ipc_quantile(v, 1, 0.5), 1, "one value");
	is_u64(osc_ipc_quantile(v, 0, 0.5), 0, "no values");
}

static void registry(const char *base)
{
	char dir[OSC_IPC_NAME_MAX], path[OSC_IPC_NAME_MAX + 16];
	struct stat st;
	int before = osc_ipc_tracked(), slot;
	FILE *fp;

	ok(osc_ipc_mkdtemp(base, "test-ipc", dir) == 0, "mkdtemp %s", dir);
	ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "private dir is 0700");
	is_u64(osc_ipc_tracked(), before + 1, "the directory is tracked");
	snprintf(path, sizeof path, "%s/f", dir);
	fp = fopen(path, "w");
	ok(fp != NULL, "a file in it");
	if (fp)
		fclose(fp);
	slot = osc_ipc_track(OSC_IPC_PATH, path, 0);
	ok(slot >= 0, "path tracked");
	osc_ipc_cleanup();
	ok(access(path, F_OK) < 0 && errno == ENOENT, "cleanup removed the file");
	ok(access(dir, F_OK) < 0 && errno == ENOENT, "and then the directory");
	is_u64(osc_ipc_tracked(), 0, "registry empty");
	osc_ipc_remove(slot);	/* already gone: harmless */
	osc_ipc_remove(-1);
}

static void names(void)
{
	char a[32], b[32], pid[16];

	osc_ipc_tag(a);
	osc_ipc_tag(b);
	snprintf(pid, sizeof pid, "%ld-", (long)getpid());
	ok(strncmp(a, pid, strlen(pid)) == 0, "tag %s starts with the pid", a);
	is_u64(strlen(a), strlen(pid) + 4, "then 4 hex digits");
	is_u64(osc_ipc_proc_limit("/nonexistent", 42), 42, "default limit");
	ok(osc_ipc_lookup("shm-posix") == &osc_ipc_shm_posix, "lookup");
	ok(osc_ipc_lookup("smoke-signals") == NULL, "unknown mechanism");
	ok(osc_mux_lookup("epoll-et") == &osc_mux_epoll_et, "mux lookup");
}

static void every_mechanism(const char *dir)
{
	const struct osc_ipc_ops *const *m;
	struct osc_ipc_params p = { .dir = dir, .lat_size = 24, .tput_size = 100,
				    .count = 5, .warmup = 1, .bytes = 1000,
				    .timeout = 10, .seed = 1 };
	struct osc_ipc_result r;

	for (m = osc_ipc_mechs; *m; m++) {
		ok(osc_ipc_run(*m, OSC_IPC_LATENCY, &p, &r) == OSC_OK &&
		   (r.verified || r.unavailable), "%s latency %s", (*m)->name,
		   r.error);
		if ((*m)->flags & OSC_IPC_LATENCY_ONLY)
			continue;
		ok(osc_ipc_run(*m, OSC_IPC_THROUGHPUT, &p, &r) == OSC_OK &&
		   (r.verified || r.unavailable) && r.count == 10,
		   "%s throughput: 10 messages %s", (*m)->name, r.error);
	}
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	char dir[OSC_IPC_NAME_MAX];

	quantiles();
	registry(base);
	names();
	ok(osc_ipc_guard() == 0, "signal handlers");
	ok(osc_ipc_mkdtemp(base, "test-ipc", dir) == 0, "mkdtemp for runs");
	every_mechanism(dir);
	osc_ipc_cleanup();
	ok(access(dir, F_OK) < 0, "run directory removed");
	return tap_done();
}
