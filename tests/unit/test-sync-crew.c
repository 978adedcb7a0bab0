/* test-sync-crew.c: sync-demo's thread crew: everyone joined, the deadline and the watchdog end a stuck crew. */
#include <config.h>

#include "../../tools/ipc-demo/sync-demo.h"

#include "tap.h"

struct job {
	struct sync_crew *crew;
	int mode;		/* 0 finish, 1 wait for stop, 2 barrier twice */
	int passed;		/* gate or barriers passed */
	int returned;
};

static void work(void *arg)
{
	struct job *j = arg;

	if (sync_crew_gate(j->crew)) {
		j->passed++;
		if (j->mode == 1)
			while (!sync_crew_stopped(j->crew))
				sched_yield();
		if (j->mode == 2 && sync_crew_barrier(j->crew) &&
		    sync_crew_barrier(j->crew))
			j->passed += 2;
	}
	j->returned = 1;
}

/* Run n jobs in the given mode; the sum of `passed` and of `returned`.
 * With late > 0, wait that many seconds between start and run. */
static bool run_late(int n, int mode, double timeout, double late,
		     sync_watch_fn *watch, int *passed, int *returned)
{
	struct sync_crew crew;
	struct job jobs[8];
	struct timespec nap = { 0, (long)(late * 1e9) };
	bool finished;
	int i;

	ok(sync_crew_init(&crew, (unsigned)n, timeout) == OSC_OK, "init");
	for (i = 0; i < n; i++)
		jobs[i] = (struct job){ &crew, mode, 0, 0 };
	ok(sync_crew_start(&crew, work, jobs, sizeof(jobs[0])) == OSC_OK,
	   "start %d", n);
	if (late > 0)
		while (nanosleep(&nap, &nap) != 0)
			;
	finished = sync_crew_run(&crew, watch, NULL, 5);
	ok(crew.t1 >= crew.t0, "t1 >= t0");
	sync_crew_fini(&crew);
	*passed = *returned = 0;
	for (i = 0; i < n; i++) {
		*passed += jobs[i].passed;
		*returned += jobs[i].returned;
	}
	return finished;
}

static bool run(int n, int mode, double timeout, sync_watch_fn *watch,
		int *passed, int *returned)
{
	return run_late(n, mode, timeout, 0, watch, passed, returned);
}

static int watched;

static bool halt_at_third(void *ctx, double now)
{
	(void)ctx;
	(void)now;
	return ++watched == 3;
}

int main(void)
{
	int passed, returned;

	ok(run(4, 0, 10, NULL, &passed, &returned), "a crew that finishes");
	is_u64(passed, 4, "everyone passed the gate");
	is_u64(returned, 4, "everyone returned");

	ok(!run(3, 1, 0.1, NULL, &passed, &returned),
	   "a crew stuck until stopped is not finished");
	is_u64(returned, 3, "the deadline stopped and joined everyone");

	ok(run(5, 2, 10, NULL, &passed, &returned), "barriers");
	is_u64(passed, 15, "everyone passed both barriers");

	ok(!run(2, 1, 10, halt_at_third, &passed, &returned),
	   "a watchdog halt is not a finish");
	is_u64(watched, 3, "the watchdog ran until it halted");
	is_u64(returned, 2, "the halt stopped and joined everyone");

	/* The deadline (50 ms) passes before the gate opens (after 200 ms,
	 * as when starting threads is slow): every worker gives up at the
	 * gate, and that is a timeout, not a finish. */
	ok(!run_late(3, 0, 0.05, 0.2, NULL, &passed, &returned),
	   "a deadline passed at the gate is not a finish");
	is_u64(passed, 0, "nobody passed the gate");
	is_u64(returned, 3, "everyone returned");
	return tap_done();
}
