/* proc.c: the process life cycle shown by the kernel itself: fork, exec, cow, zombie, orphan, spawn cost. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc-int.h"

extern char **environ;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int sys_fail(struct osc_error *err, int e, const char *what)
{
	if (e == ETIMEDOUT)
		return osc_error_set(err, OSC_EOS, NULL, 0,
				     "%s: timed out; children killed", what);
	return osc_error_sys(err, OSC_EOS, e, NULL, "%s", what);
}

/* A pipe for the child's report: p[0] read by the parent. */
static int report_pipe(int p[2], struct osc_error *err)
{
	if (pipe2(p, O_CLOEXEC) < 0)
		return sys_fail(err, errno, "pipe");
	return OSC_OK;
}

int osc_proc_fork(int exit_code, struct osc_proc_fork *r,
		  struct osc_error *err)
{
	pid_t seen[3];
	int p[2], slot, e;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if (report_pipe(p, err) != OSC_OK)
		return err->status;
	r->parent = getpid();
	r->parent_ppid = getppid();
	if ((pid = osc_ipc_fork(&slot)) < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		return sys_fail(err, e, "fork");
	}
	if (pid == 0) {
		seen[0] = getpid();
		seen[1] = getppid();
		seen[2] = pid;
		ipc_write_all(p[1], seen, sizeof seen);
		_exit(exit_code);
	}
	close(p[1]);
	r->fork_ret_parent = pid;
	e = ipc_read_all(p[0], seen, sizeof seen);
	close(p[0]);
	if (e) {
		osc_ipc_remove(slot);
		return sys_fail(err, e, "reading the child's report");
	}
	r->child = seen[0];
	r->child_ppid = seen[1];
	r->fork_ret_child = seen[2];
	if ((e = osc_ipc_reap(slot, pid, &r->status)) != 0)
		return sys_fail(err, e, "waitpid");
	return OSC_OK;
}

int osc_proc_exec(char *const argv[], struct osc_proc_exec *r,
		  struct osc_error *err)
{
	int p[2], slot, e, ce = 0;
	double t0;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if (report_pipe(p, err) != OSC_OK)
		return err->status;
	t0 = now_s();
	if ((pid = osc_ipc_fork(&slot)) < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		return sys_fail(err, e, "fork");
	}
	if (pid == 0) {
		close(p[0]);
		execvp(argv[0], argv);
		/* Only a failed exec gets here; the pipe (close-on-exec)
		 * carries errno, or closes empty when exec succeeds. */
		e = errno;
		ipc_write_all(p[1], &e, sizeof e);
		_exit(127);
	}
	close(p[1]);
	r->pid = pid;
	e = ipc_read_all(p[0], &ce, sizeof ce);
	close(p[0]);
	if (e == 0)
		r->exec_errno = ce;
	else if (e != EPIPE) {
		osc_ipc_remove(slot);
		return sys_fail(err, e, "waiting for exec");
	}
	e = osc_ipc_reap(slot, pid, &r->status);
	r->timed_out = e == ETIMEDOUT;
	if (e && !r->timed_out)
		return sys_fail(err, e, "waitpid");
	r->seconds = now_s() - t0;
	return OSC_OK;
}

static uint64_t minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)ru.ru_minflt;
}

/* The child of the cow demo: write to every k-th page, report faults. */
static noreturn void cow_child(unsigned char *mem, uint64_t pages, size_t pg,
			       uint64_t written, int fd)
{
	uint64_t before, i, faults;

	before = minflt();
	for (i = 0; i < written; i++)
		mem[(i * pages / written) * pg] = 0xc0;
	faults = minflt() - before;
	ipc_write_all(fd, &faults, sizeof faults);
	_exit(0);
}

int osc_proc_cow(size_t size, unsigned pct, struct osc_proc_cow *r,
		 struct osc_error *err)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), i;
	unsigned char *mem;
	int p[2], slot, e, status;
	double t0;
	pid_t pid;

	memset(r, 0, sizeof *r);
	r->pages = size / pg;
	r->pages_written = r->pages * (pct > 100 ? 100 : pct) / 100;
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return sys_fail(err, errno, "mmap");
	/* Small pages only: a huge page would make one fault copy 512. */
	madvise(mem, size, MADV_NOHUGEPAGE);
	for (i = 0; i < size; i += pg)
		mem[i] = 0x5a;
	if (report_pipe(p, err) != OSC_OK) {
		munmap(mem, size);
		return err->status;
	}
	t0 = now_s();
	pid = osc_ipc_fork(&slot);
	r->fork_us = (now_s() - t0) * 1e6;
	if (pid == 0)
		cow_child(mem, r->pages, pg, r->pages_written, p[1]);
	e = pid < 0 ? errno : 0;
	close(p[1]);
	if (!e && (e = ipc_read_all(p[0], &r->minor_faults,
				    sizeof r->minor_faults)) != 0)
		osc_ipc_remove(slot);
	close(p[0]);
	if (!e)
		e = osc_ipc_reap(slot, pid, &status);
	r->parent_intact = true;
	for (i = 0; i < size; i += pg)
		r->parent_intact &= mem[i] == 0x5a;
	munmap(mem, size);
	if (e)
		return sys_fail(err, e, "the cow child");
	/* Each written page costs one fault (the copy); a few more come
	 * from the child's own stack and libc pages. */
	r->verified = r->parent_intact &&
		r->minor_faults >= r->pages_written &&
		r->minor_faults <= r->pages_written + 64;
	return OSC_OK;
}

/* The state letter of /proc/PID/stat, or 0 when the process is gone. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *rp;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "PID (COMM) S ...": COMM may hold spaces and parentheses. */
	if (!(rp = strrchr(buf, ')')) || rp[1] != ' ')
		return '?';
	return rp[2];
}

int osc_proc_zombie(unsigned hold_ms, struct osc_proc_zombie *r,
		    struct osc_error *err)
{
	struct timespec hold = { hold_ms / 1000, (long)(hold_ms % 1000) * 1000000 };
	siginfo_t si;
	int slot, e;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if ((pid = osc_ipc_fork(&slot)) < 0)
		return sys_fail(err, errno, "fork");
	if (pid == 0)
		_exit(3);
	r->pid = pid;
	/* Wait for the exit without reaping (WNOWAIT): now it is a zombie. */
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0) {
		e = errno != EINTR ? errno : osc_ipc_interrupted() ? ETIMEDOUT : 0;
		if (e) {
			osc_ipc_remove(slot);
			return sys_fail(err, e, "waitid");
		}
	}
	while (nanosleep(&hold, &hold) < 0 && errno == EINTR)
		;
	r->before = proc_state(pid);
	if ((e = osc_ipc_reap(slot, pid, &r->status)) != 0)
		return sys_fail(err, e, "waitpid");
	r->gone_after = proc_state(pid) == 0;
	r->verified = r->before == 'Z' && r->gone_after;
	return OSC_OK;
}

/* The grandchild: tell the middle process its parent, wait (bounded)
 * until the middle is gone, then tell the demo its new parent.  Once
 * re-parented it dies with its new parent; a new parent that is not the
 * demo means the demo is gone (killed outright): it ends at once. */
static noreturn void grandchild(pid_t demo, pid_t middle, int to_middle,
				int fd)
{
	pid_t before = getppid(), after;
	struct timespec tick = { 0, 1000000 };
	int i;

	ipc_write_all(to_middle, &before, sizeof before);
	close(to_middle);
	for (i = 0; i < 30000 && getppid() == middle; i++)
		nanosleep(&tick, NULL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if ((after = getppid()) != demo)
		_exit(1);
	ipc_write_all(fd, &after, sizeof after);
	_exit(0);
}

/* The middle process exits only after the grandchild saw it as parent. */
static noreturn void middle(pid_t demo, int fd)
{
	pid_t me = getpid(), report[2] = { -1, -1 };
	int q[2];

	if (pipe(q) < 0)
		_exit(1);
	/* Not osc_ipc_fork: the grandchild must outlive this process. */
	report[0] = fork();
	if (report[0] == 0) {
		close(q[0]);
		grandchild(demo, me, q[1], fd);
	}
	close(q[1]);
	if (report[0] > 0)
		ipc_read_all(q[0], &report[1], sizeof report[1]);
	ipc_write_all(fd, report, sizeof report);
	_exit(report[0] < 0 ? 1 : 0);
}

int osc_proc_orphan(struct osc_proc_orphan *r, struct osc_error *err)
{
	pid_t seen[2], pid;
	int p[2], slot, gslot = -1, e, status;

	memset(r, 0, sizeof *r);
	r->demo = getpid();
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		return sys_fail(err, errno, "prctl(PR_SET_CHILD_SUBREAPER)");
	if (report_pipe(p, err) != OSC_OK)
		return err->status;
	if ((pid = osc_ipc_fork(&slot)) < 0)
		return sys_fail(err, errno, "fork");
	if (pid == 0) {
		close(p[0]);
		middle(r->demo, p[1]);
	}
	close(p[1]);
	r->middle = pid;
	e = ipc_read_all(p[0], seen, sizeof seen);
	if (!e && seen[0] > 0)
		gslot = osc_ipc_track(OSC_IPC_CHILD, NULL, seen[0]);
	r->grandchild = seen[0];
	r->parent_before = seen[1];
	if (!e)
		e = osc_ipc_reap(slot, pid, &status);
	if (!e)
		e = ipc_read_all(p[0], &r->parent_after, sizeof r->parent_after);
	close(p[0]);
	if (e) {
		osc_ipc_remove(slot);
		osc_ipc_remove(gslot);
		return sys_fail(err, e, "the orphan");
	}
	e = osc_ipc_reap(gslot, r->grandchild, &status);
	r->reaped = e == 0 && WIFEXITED(status);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	r->verified = r->parent_before == r->middle &&
		r->parent_after == r->demo && r->reaped;
	return e ? sys_fail(err, e, "waitpid") : OSC_OK;
}

static void *nothing(void *arg)
{
	return arg;
}

/*
 * posix_spawn with the child in the registry before any handler can run:
 * every signal is held off around the call and the spawned program gets
 * the caller's mask back (POSIX_SPAWN_SETSIGMASK) and default dispositions
 * for the signals the demo catches (POSIX_SPAWN_SETSIGDEF).
 */
static int spawn_tracked(const char *prog, char *argv[], pid_t *pid, int *slot)
{
	static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGALRM };
	posix_spawnattr_t attr;
	sigset_t all, old, def;
	size_t i;
	int e;

	if ((e = posix_spawnattr_init(&attr)) != 0)
		return e;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	sigemptyset(&def);
	for (i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaddset(&def, caught[i]);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	e = posix_spawn(pid, prog, NULL, &attr, argv, environ);
	*slot = e == 0 ? osc_ipc_track(OSC_IPC_CHILD, NULL, *pid) : -1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	posix_spawnattr_destroy(&attr);
	if (e == 0 && *slot < 0) {
		kill(*pid, SIGKILL);
		while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
			;
		return ENOSPC;
	}
	return e;
}

/* Every child is in the registry from birth (osc_ipc_fork, spawn_tracked)
 * and reaped through it: SIGINT/SIGTERM/SIGHUP kill and reap it before the
 * demo dies, and an expired deadline kills and reaps it here; none is left
 * to init. */
static int spawn_one(enum osc_spawn how, const char *prog)
{
	char *argv[] = { (char *)prog, NULL };
	pthread_t t;
	pid_t pid;
	int e, slot, status;

	switch (how) {
	case OSC_SPAWN_THREAD:
		if ((e = pthread_create(&t, NULL, nothing, NULL)) != 0)
			return e;
		return pthread_join(t, NULL);
	case OSC_SPAWN_FORK:
		if ((pid = osc_ipc_fork(&slot)) < 0)
			return errno;
		if (pid == 0)
			_exit(0);
		if (slot < 0) {
			osc_ipc_reap(-1, pid, &status);
			return ENOSPC;
		}
		return osc_ipc_reap(slot, pid, &status);
	case OSC_SPAWN_POSIX_SPAWN:
		if ((e = spawn_tracked(prog, argv, &pid, &slot)) != 0)
			return e;
		return osc_ipc_reap(slot, pid, &status);
	}
	return EINVAL;
}

int osc_proc_spawn(enum osc_spawn how, uint64_t n, const char *prog,
		   double *seconds, struct osc_error *err)
{
	double t0 = now_s();
	uint64_t i;
	int e;

	for (i = 0; i < n; i++)
		if ((e = osc_ipc_interrupted() ? ETIMEDOUT :
		     spawn_one(how, prog)) != 0)
			return sys_fail(err, e, how == OSC_SPAWN_THREAD ?
					"pthread_create" : how == OSC_SPAWN_FORK ?
					"fork" : "posix_spawn");
	*seconds = now_s() - t0;
	return OSC_OK;
}
