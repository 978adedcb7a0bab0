/* dc-run.c: deadlock-check --run: a program under liblockrec, then order analysis. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deadlock-check.h"

#ifndef LOCKREC_LIBDIR
#define LOCKREC_LIBDIR "/usr/local/lib"
#endif

static volatile sig_atomic_t child_pid, timed_out;

/* Forward a terminating signal to the program; on the alarm, kill it. */
static void on_signal(int sig)
{
	if (sig == SIGALRM) {
		timed_out = 1;
		sig = SIGKILL;
	}
	if (child_pid > 0)
		kill(child_pid, sig);
}

/* $OSC_LOCKREC_LIB, else next to this binary (the build tree: .libs/),
 * else the installed library directory. */
static char *find_lockrec(void)
{
	static const char *const rel[] = { "/liblockrec.so", "/.libs/liblockrec.so",
					   "/../lib/liblockrec.so" };
	char exe[PATH_MAX], *path, *slash;
	const char *env = getenv("OSC_LOCKREC_LIB");
	ssize_t n;

	if (env && *env)
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			if (asprintf(&path, "%s%s", exe, rel[i]) < 0)
				return NULL;
			if (access(path, R_OK) == 0)
				return path;
			free(path);
		}
	}
	if (access(LOCKREC_LIBDIR "/liblockrec.so", R_OK) == 0)
		return strdup(LOCKREC_LIBDIR "/liblockrec.so");
	osc_die(EX_UNAVAILABLE, "cannot find liblockrec.so (set OSC_LOCKREC_LIB)");
}

/* setenv(name, v) for v from asprintf (made: its result), then free v
 * (setenv copies it); whether both worked. */
static bool setenv_made(const char *name, char *v, int made)
{
	bool ok = made >= 0 && setenv(name, v, 1) == 0;

	if (made >= 0)
		free(v);
	return ok;
}

/* In the child: preload the recorder, point it at fd, run the program. */
static void child(char **argv, const char *lib, int fd, int errpipe)
{
	const char *pre = getenv("LD_PRELOAD"), *asan = getenv("ASAN_OPTIONS");
	char *v = NULL;
	int e, made;

	made = asprintf(&v, "%s%s%s", lib, pre && *pre ? ":" : "",
			pre ? pre : "");
	if (!setenv_made("LD_PRELOAD", v, made))
		_exit(127);
	/* A sanitized program wants its runtime first; the recorder is not
	 * sanitized and does not care, so let it come first. */
	made = asprintf(&v, "%s%sverify_asan_link_order=0", asan ? asan : "",
			asan && *asan ? ":" : "");
	if (!setenv_made("ASAN_OPTIONS", v, made))
		_exit(127);
	made = asprintf(&v, "%d", fd);
	if (!setenv_made("OSC_LOCKREC_FD", v, made))
		_exit(127);
	unsetenv("OSC_LOCKREC");
	execvp(argv[0], argv);
	e = errno;
	if (write(errpipe, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* Wait for the program; its status as a shell would report it. */
static int wait_child(pid_t pid, const char *prog, uint64_t timeout)
{
	int status;

	if (timeout)
		alarm(timeout > UINT_MAX ? UINT_MAX : (unsigned)timeout);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			osc_die(EX_OSERR, "waitpid: %s", strerror(errno));
	alarm(0);
	child_pid = 0;
	if (timed_out)
		osc_warn("%s timed out after %llu s and was killed", prog,
			 (unsigned long long)timeout);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static pid_t spawn(char **argv, const char *lib, int fd)
{
	struct sigaction sa = { .sa_handler = on_signal };
	int p[2], e;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		osc_die(EX_OSERR, "pipe: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	fflush(NULL);
	if ((pid = fork()) < 0)
		osc_die(EX_OSERR, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(p[0]);
		child(argv, lib, fd, p[1]);
	}
	child_pid = pid;
	close(p[1]);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	if (read(p[0], &e, sizeof e) == (ssize_t)sizeof e) {
		waitpid(pid, NULL, 0);
		osc_die(e == ENOENT ? 127 : 126, "cannot run %s: %s", argv[0],
			strerror(e));
	}
	close(p[0]);
	return pid;
}

int dc_run(struct dc_opts *o)
{
	struct osc_locks *l;
	struct osc_scan s;
	struct osc_error err;
	char *lib = find_lockrec();
	int fd, status, st;
	bool found;

	if (!lib)
		osc_die(EX_OSERR, "out of memory");
	if ((fd = memfd_create("lockrec", 0)) < 0)
		osc_die(EX_OSERR, "memfd_create: %s", strerror(errno));
	status = wait_child(spawn(o->files, lib, fd), o->files[0], o->timeout);
	free(lib);
	if (lseek(fd, 0, SEEK_SET) != 0)
		osc_die(EX_OSERR, "lseek: %s", strerror(errno));
	if (!(l = osc_locks_new()) ||
	    osc_scan_fd(&s, fd, "<liblockrec>", &err) != OSC_OK)
		osc_die(EX_OSERR, "out of memory");
	st = osc_locks_read(l, &s);
	osc_scan_close(&s);
	close(fd);
	if (st != OSC_OK)
		osc_die_error(&err);
	found = dc_locks_report(o, l, DC_ORDER);
	osc_locks_free(l);
	return found ? 1 : status;
}
