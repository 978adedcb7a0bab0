/* proc-demo.c: the process life cycle, shown by the kernel itself. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "demo-opts.h"

enum { OPT_EXIT = 256, OPT_SIZE, OPT_PCT, OPT_HOLD, OPT_COUNT, OPT_TIMEOUT,
       OPT_EXPLAIN };

enum scenario { FORK, EXEC, COW, ZOMBIE, ORPHAN, SPAWN, NSCEN };

static const char *const scen_names[] = { "fork", "exec", "cow", "zombie",
					  "orphan", "spawn-cost", NULL };

static const char *const explains[] = {
	"fork: pid = fork(): one call, two returns.  The parent gets the child's\n"
	"pid, the child gets 0; the child writes getpid(), getppid() and what fork\n"
	"returned to a pipe, then _exit(--exit-status); the parent reads the pipe\n"
	"and waitpid(pid, &status) reaps it (WEXITSTATUS(status)).\n",
	"exec: fork(); the child calls execvp(CMD, ARGS) (default /bin/true): the\n"
	"same process (same pid) now runs another program.  A pipe opened with\n"
	"O_CLOEXEC tells the parent whether exec failed (the child writes errno\n"
	"and _exit(127)) or succeeded (exec closes the pipe: the read gets end of\n"
	"file).  The parent waitpid()s and reports the exit status or signal.\n",
	"cow: mmap(MAP_PRIVATE|MAP_ANONYMOUS) of --size bytes, madvise(\n"
	"MADV_NOHUGEPAGE), write every page; t0; fork(); t1.  fork copies page\n"
	"tables, not pages: parent and child share every page read-only.  The child\n"
	"calls getrusage(RUSAGE_SELF) (ru_minflt), writes one byte to --write-pct\n"
	"percent of the pages, getrusage again: each first write faults and the\n"
	"kernel copies that page (copy-on-write).  The parent then checks that it\n"
	"still sees its own bytes.\n",
	"zombie: fork(); the child _exit(3)s at once.  The parent waits for the\n"
	"exit with waitid(P_PID, pid, WEXITED|WNOWAIT), which does not reap, sleeps\n"
	"--hold ms and reads /proc/PID/stat: state Z, a zombie (it keeps its pid\n"
	"and exit status until its parent waits).  Then waitpid() reaps it and\n"
	"/proc/PID is gone.\n",
	"orphan: prctl(PR_SET_CHILD_SUBREAPER, 1) makes the demo the reaper of its\n"
	"descendants.  fork() a middle process, which fork()s a grandchild and\n"
	"_exit()s; the demo waitpid()s the middle.  The grandchild, orphaned, is\n"
	"re-parented to the nearest subreaper (the demo; init without one):\n"
	"getppid() changes from the middle's pid to the demo's.  It reports both\n"
	"through a pipe and exits; the demo reaps it.\n",
	"spawn-cost: --count times each, one after the other: pthread_create +\n"
	"pthread_join of a thread that returns at once; fork + _exit(0) in the\n"
	"child + waitpid; posix_spawn(/bin/true) + waitpid (vfork-like, then exec).\n"
	"A thread shares the address space; fork copies page tables; posix_spawn\n"
	"avoids the copy and pays for exec instead.  Each fork or posix_spawn\n"
	"is made with every signal held off (sigprocmask) until the child's pid is\n"
	"in the cleanup registry; the spawned program gets the mask back\n"
	"(POSIX_SPAWN_SETSIGMASK).  SIGINT, SIGTERM or SIGHUP kill and reap it.\n",
};

struct demo {
	struct osc_cli cli;
	int scen;
	char **cmd;
	int ncmd;
	uint64_t exit_status, size, hold, count, timeout;
	uint64_t pct[DEMO_PCT_MAX];
	size_t npct;
	bool explain;
	unsigned tables;
};

static const struct argp_option options[] = {
	{ "exit-status", OPT_EXIT, "N", 0, "fork: the child's exit status (default 0)", 0 },
	{ "size", OPT_SIZE, "BYTES", 0,
	  "cow: private memory to map (byte size: K, M, G are powers of two; "
	  "default 64M)", 0 },
	{ "write-pct", OPT_PCT, "P[,P...]", 0,
	  "cow: percent of the pages the child writes, one row each "
	  "(default 0,25,50,100)", 0 },
	{ "hold", OPT_HOLD, "MS", 0,
	  "zombie: milliseconds the parent leaves the child unreaped (default 200)", 0 },
	{ "count", OPT_COUNT, "N", 0,
	  "spawn-cost: threads or processes per method (count: K, M are powers "
	  "of ten; default 1000)", 0 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0,
	  "bound on the scenario; on expiry children are killed and reaped "
	  "(default 30)", 0 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "print the system calls of the scenario and what the kernel does, and "
	  "exit", 0 },
	{ 0 }
};

static void parse_pct(struct argp_state *state, struct demo *d, const char *arg)
{
	struct osc_error err;

	if (demo_pct_list(arg, d->pct, &d->npct, &err) != OSC_OK)
		demo_opt_fail(state, &err);
}

/* The cow demo writes every page twice (parent and child): refuse more
 * than half of the physical memory before mapping anything. */
static void check_size(struct argp_state *state, uint64_t size)
{
	long pages = sysconf(_SC_PHYS_PAGES), pg = sysconf(_SC_PAGESIZE);
	uint64_t half = pages > 0 && pg > 0 ? (uint64_t)pages * (uint64_t)pg / 2 : 0;

	if (half && size > half)
		argp_error(state, "invalid value for --size: at most half of the "
			   "physical memory (%llu MiB), found %llu MiB",
			   (unsigned long long)(half >> 20),
			   (unsigned long long)(size >> 20));
}

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct demo *d = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &d->cli;
		break;
	case OPT_EXIT:
		d->exit_status = osc_cli_num_range(state, "exit-status", arg,
						   OSC_NUM_PLAIN, 0, 255);
		break;
	case OPT_SIZE:
		d->size = osc_cli_num_range(state, "size", arg, OSC_NUM_SIZE,
					    4096, UINT64_C(16) << 30);
		check_size(state, d->size);
		break;
	case OPT_PCT:
		parse_pct(state, d, arg);
		break;
	case OPT_HOLD:
		d->hold = osc_cli_num_range(state, "hold", arg, OSC_NUM_PLAIN, 0,
					    60000);
		break;
	case OPT_COUNT:
		d->count = osc_cli_num_range(state, "count", arg, OSC_NUM_COUNT,
					     1, 10000000);
		break;
	case OPT_TIMEOUT:
		d->timeout = osc_cli_num_range(state, "timeout", arg,
					       OSC_NUM_PLAIN, 1, 86400);
		break;
	case OPT_EXPLAIN:
		d->explain = true;
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num > 0)
			return ARGP_ERR_UNKNOWN;
		d->scen = osc_cli_choice(state, "scenario", arg, scen_names);
		break;
	case ARGP_KEY_ARGS:
		if (d->scen != EXEC)
			argp_error(state, "unexpected argument \"%s\"",
				   state->argv[state->next]);
		d->cmd = state->argv + state->next;
		d->ncmd = state->argc - state->next;
		break;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "missing SCENARIO (fork, exec, cow, zombie, "
			   "orphan, spawn-cost)");
		break;
	case ARGP_KEY_END:
		d->tables = osc_cli_tables(state, &d->cli,
			(const char *const[]){ scen_names[d->scen], NULL }, 1);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

#define NCOLS(c) (sizeof c / sizeof c[0])

static void opt_int(struct osc_out *o, bool have, int64_t v)
{
	if (have)
		osc_out_i64(o, v);
	else
		osc_out_null(o);
}

static bool run_fork(struct demo *d, struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "process", OSC_T_STR, 0 }, { "pid", OSC_T_INT, 0 },
		{ "ppid", OSC_T_INT, 0 }, { "fork_returned", OSC_T_INT, 0 },
		{ "exit_status", OSC_T_INT, 0 }, { "verified", OSC_T_BOOL, 0 },
	};
	struct osc_proc_fork r;
	struct osc_error err;
	bool ok;

	if (osc_proc_fork((int)d->exit_status, &r, &err) != OSC_OK)
		osc_die_error(&err);
	ok = r.fork_ret_child == 0 && r.fork_ret_parent == r.child &&
		r.child_ppid == r.parent && WIFEXITED(r.status) &&
		(uint64_t)WEXITSTATUS(r.status) == d->exit_status;
	osc_out_begin(o, "fork", cols, NCOLS(cols));
	osc_out_str(o, "parent");
	osc_out_i64(o, r.parent);
	osc_out_i64(o, r.parent_ppid);
	osc_out_i64(o, r.fork_ret_parent);
	osc_out_null(o);
	osc_out_bool(o, ok);
	osc_out_str(o, "child");
	osc_out_i64(o, r.child);
	osc_out_i64(o, r.child_ppid);
	osc_out_i64(o, r.fork_ret_child);
	opt_int(o, WIFEXITED(r.status), WEXITSTATUS(r.status));
	osc_out_bool(o, ok);
	osc_out_end(o);
	osc_out_note(o, "fork returned the child's pid in the parent and 0 in the "
		     "child; the parent reaped the child's exit status");
	return ok;
}

static bool run_exec(struct demo *d, struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "command", OSC_T_STR, 0 }, { "pid", OSC_T_INT, 0 },
		{ "exit_status", OSC_T_INT, 0 }, { "signal", OSC_T_INT, 0 },
		{ "seconds", OSC_T_REAL, 6 }, { "error", OSC_T_STR, 0 },
	};
	static char *dflt[] = { "/bin/true", NULL };
	char **argv = d->ncmd ? d->cmd : dflt;
	struct osc_proc_exec r;
	struct osc_error err;

	if (osc_proc_exec(argv, &r, &err) != OSC_OK)
		osc_die_error(&err);
	osc_out_begin(o, "exec", cols, NCOLS(cols));
	osc_out_str(o, argv[0]);
	osc_out_i64(o, r.pid);
	opt_int(o, !r.exec_errno && WIFEXITED(r.status), WEXITSTATUS(r.status));
	opt_int(o, !r.exec_errno && WIFSIGNALED(r.status), WTERMSIG(r.status));
	osc_out_double(o, r.seconds);
	if (r.exec_errno)
		osc_out_str(o, strerror(r.exec_errno));
	else if (r.timed_out)
		osc_out_str(o, "timed out; killed and reaped");
	else
		osc_out_null(o);
	osc_out_end(o);
	return r.exec_errno == 0 && !r.timed_out;
}

static bool run_cow(struct demo *d, struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "size_mb", OSC_T_REAL, 3 }, { "pages", OSC_T_UINT, 0 },
		{ "pages_written", OSC_T_UINT, 0 }, { "minor_faults", OSC_T_UINT, 0 },
		{ "fork_us", OSC_T_REAL, 1 }, { "verified", OSC_T_BOOL, 0 },
	};
	struct osc_proc_cow r;
	struct osc_error err;
	bool ok = true;
	size_t i;

	osc_out_begin(o, "cow", cols, NCOLS(cols));
	for (i = 0; i < d->npct; i++) {
		if (osc_proc_cow((size_t)d->size, (unsigned)d->pct[i], &r, &err) != OSC_OK)
			osc_die_error(&err);
		osc_out_double(o, (double)d->size / 1048576.0);
		osc_out_u64(o, r.pages);
		osc_out_u64(o, r.pages_written);
		osc_out_u64(o, r.minor_faults);
		osc_out_double(o, r.fork_us);
		osc_out_bool(o, r.verified);
		ok &= r.verified;
	}
	osc_out_end(o);
	osc_out_note(o, "minor_faults: the child's faults during its writes, one "
		     "copy per page written (size_mb: MiB)");
	return ok;
}

static bool run_zombie(struct demo *d, struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "pid", OSC_T_INT, 0 }, { "state_before_wait", OSC_T_STR, 0 },
		{ "state_after_wait", OSC_T_STR, 0 }, { "exit_status", OSC_T_INT, 0 },
		{ "verified", OSC_T_BOOL, 0 },
	};
	struct osc_proc_zombie r;
	struct osc_error err;
	char st[2] = { 0, 0 };

	if (osc_proc_zombie((unsigned)d->hold, &r, &err) != OSC_OK)
		osc_die_error(&err);
	st[0] = r.before ? r.before : '-';
	osc_out_begin(o, "zombie", cols, NCOLS(cols));
	osc_out_i64(o, r.pid);
	osc_out_str(o, st);
	osc_out_str(o, r.gone_after ? "gone" : "present");
	opt_int(o, WIFEXITED(r.status), WEXITSTATUS(r.status));
	osc_out_bool(o, r.verified);
	osc_out_end(o);
	osc_out_note(o, "Z in /proc/PID/stat: exited, not yet waited for");
	return r.verified;
}

static bool run_orphan(struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "demo_pid", OSC_T_INT, 0 }, { "middle_pid", OSC_T_INT, 0 },
		{ "grandchild_pid", OSC_T_INT, 0 }, { "parent_before", OSC_T_INT, 0 },
		{ "parent_after", OSC_T_INT, 0 }, { "reaped", OSC_T_BOOL, 0 },
		{ "verified", OSC_T_BOOL, 0 },
	};
	struct osc_proc_orphan r;
	struct osc_error err;

	if (osc_proc_orphan(&r, &err) != OSC_OK)
		osc_die_error(&err);
	osc_out_begin(o, "orphan", cols, NCOLS(cols));
	osc_out_i64(o, r.demo);
	osc_out_i64(o, r.middle);
	osc_out_i64(o, r.grandchild);
	osc_out_i64(o, r.parent_before);
	osc_out_i64(o, r.parent_after);
	osc_out_bool(o, r.reaped);
	osc_out_bool(o, r.verified);
	osc_out_end(o);
	osc_out_note(o, "the orphaned grandchild was re-parented to the "
		     "subreaper (this demo), which reaped it");
	return r.verified;
}

static bool run_spawn(struct demo *d, struct osc_out *o)
{
	static const struct osc_col cols[] = {
		{ "method", OSC_T_STR, 0 }, { "count", OSC_T_UINT, 0 },
		{ "seconds", OSC_T_REAL, 6 }, { "us_each", OSC_T_REAL, 3 },
	};
	static const char *const names[] = { "thread", "fork", "posix_spawn" };
	struct osc_error err;
	double s;
	int m;

	osc_out_begin(o, "spawn-cost", cols, NCOLS(cols));
	for (m = OSC_SPAWN_THREAD; m <= OSC_SPAWN_POSIX_SPAWN; m++) {
		if (osc_proc_spawn(m, d->count, "/bin/true", &s, &err) != OSC_OK)
			osc_die_error(&err);
		osc_out_str(o, names[m]);
		osc_out_u64(o, d->count);
		osc_out_double(o, s);
		osc_out_double(o, s * 1e6 / (double)d->count);
	}
	osc_out_end(o);
	return true;
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
	};
	static const struct argp argp = { options, parse,
		"fork|exec|cow|zombie|orphan|spawn-cost [-- CMD [ARG...]]",
		"The process life cycle, shown by the kernel itself.\v"
		"Scenarios: fork, exec (runs /bin/true or CMD), cow (copy-on-write "
		"faults), zombie, orphan (child subreaper), spawn-cost (thread vs "
		"fork vs posix_spawn).  Each prints one table named after it.  "
		"Exit status: 0, 1 when a check failed, 71 when a system call "
		"failed or the timeout expired.",
		children, NULL, NULL };
	struct demo d = { .scen = -1, .size = 64u << 20, .hold = 200,
			  .count = 1000, .timeout = 30,
			  .pct = { 0, 25, 50, 100 }, .npct = 4 };
	struct osc_out *o;
	bool ok = true;
	int e;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &d);
	if (d.explain) {
		fputs(explains[d.scen], stdout);
		return EX_OK;
	}
	if ((e = osc_ipc_guard()) != 0)
		osc_die(EX_OSERR, "cannot install signal handlers: %s", strerror(e));
	atexit(osc_ipc_cleanup);
	osc_ipc_child_grace(false);
	osc_ipc_deadline((unsigned)d.timeout);
	o = osc_cli_open_out(&d.cli, false);
	osc_out_param_str(o, "scenario", scen_names[d.scen]);
	switch (d.scen) {
	case FORK: ok = run_fork(&d, o); break;
	case EXEC: ok = run_exec(&d, o); break;
	case COW: ok = run_cow(&d, o); break;
	case ZOMBIE: ok = run_zombie(&d, o); break;
	case ORPHAN: ok = run_orphan(o); break;
	case SPAWN: ok = run_spawn(&d, o); break;
	}
	osc_ipc_deadline(0);
	osc_cli_close_out(&d.cli, o);
	osc_ipc_cleanup();
	return ok ? EX_OK : 1;
}
