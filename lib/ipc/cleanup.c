/* cleanup.c: the registry of kernel objects and children, removed even when a signal ends the demo. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osconcepts/ipc.h>

#define SLOTS 64

/*
 * A slot is written completely before `used` is set, and `used` is cleared
 * before the object goes away, so a signal handler sees only whole slots.
 * Removing twice is harmless (ENOENT/EINVAL/ESRCH).
 */
struct slot {
	volatile sig_atomic_t used;
	enum osc_ipc_kind kind;
	long id;
	char name[OSC_IPC_NAME_MAX];
};

static struct slot slots[SLOTS];
static volatile sig_atomic_t expired, child_died;
/* The grace timer is armed only while a deadline runs. */
static volatile sig_atomic_t grace_armed;
static bool grace_on = true;

static void arm_ms(unsigned long ms);
static pid_t owner;

int osc_ipc_track(enum osc_ipc_kind kind, const char *name, long id)
{
	int i;

	for (i = 0; i < SLOTS; i++) {
		if (slots[i].used)
			continue;
		slots[i].kind = kind;
		slots[i].id = id;
		slots[i].name[0] = '\0';
		if (name) {
			strncpy(slots[i].name, name, OSC_IPC_NAME_MAX - 1);
			slots[i].name[OSC_IPC_NAME_MAX - 1] = '\0';
		}
		slots[i].used = 1;
		return i;
	}
	return -1;
}

void osc_ipc_untrack(int slot)
{
	if (slot >= 0 && slot < SLOTS)
		slots[slot].used = 0;
}

int osc_ipc_tracked(void)
{
	int i, n = 0;

	for (i = 0; i < SLOTS; i++)
		n += slots[i].used != 0;
	return n;
}

/* Remove one object; only async-signal-safe calls (the POSIX name calls
 * are single system calls or an unlink on Linux/glibc). */
static int remove_obj(const struct slot *s)
{
	int r = 0, status;

	switch (s->kind) {
	case OSC_IPC_PATH:
		r = unlink(s->name);
		break;
	case OSC_IPC_DIR:
		r = rmdir(s->name);
		break;
	case OSC_IPC_MQ:
		r = mq_unlink(s->name);
		break;
	case OSC_IPC_SHM:
		r = shm_unlink(s->name);
		break;
	case OSC_IPC_SEM:
		r = sem_unlink(s->name);
		break;
	case OSC_IPC_SYSV_MSG:
		r = msgctl((int)s->id, IPC_RMID, NULL);
		break;
	case OSC_IPC_SYSV_SEM:
		r = semctl((int)s->id, 0, IPC_RMID);
		break;
	case OSC_IPC_SYSV_SHM:
		r = shmctl((int)s->id, IPC_RMID, NULL);
		break;
	case OSC_IPC_CHILD:
		kill((pid_t)s->id, SIGKILL);
		while ((r = waitpid((pid_t)s->id, &status, 0)) < 0 &&
		       errno == EINTR)
			;
		r = r < 0 ? -1 : 0;
		break;
	}
	return r < 0 ? errno : 0;
}

int osc_ipc_remove(int slot)
{
	struct slot copy;
	sigset_t fatal, old;
	int e;

	if (slot < 0 || slot >= SLOTS || !slots[slot].used)
		return 0;
	/* A fatal signal between forgetting the slot and removing the
	 * object would leave it behind: hold them off meanwhile. */
	sigemptyset(&fatal);
	sigaddset(&fatal, SIGINT);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGHUP);
	sigprocmask(SIG_BLOCK, &fatal, &old);
	copy = slots[slot];
	slots[slot].used = 0;
	e = remove_obj(&copy);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return e;
}

/*
 * A child subreaper (proc-demo orphan) inherits the orphans of its
 * descendants: a grandchild whose parent the cleanup has just killed is
 * now our child, and not in the registry when it was forked outside of
 * it.  Reap whatever children remain, waiting for them at most ten
 * seconds (they die with their parent, PR_SET_PDEATHSIG, or finish at
 * once: the bound is for a stalled machine), so that none is left to
 * init.  Only system calls: safe in a handler.
 */
static void reap_orphans(void)
{
	struct timespec tick = { 0, 5000000 };
	int on = 0, i, status;
	pid_t pid;

	if (prctl(PR_GET_CHILD_SUBREAPER, &on) < 0 || !on)
		return;
	for (i = 0; i < 2000; ) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0)
			continue;
		if (pid < 0 && errno != EINTR)
			return;	/* ECHILD: none left */
		if (pid == 0) {
			nanosleep(&tick, NULL);
			i++;
		}
	}
}

void osc_ipc_cleanup(void)
{
	int i, pass, saved = errno;

	/* Children first (they may hold objects open), then the orphans
	 * they leave to a subreaper, directories last. */
	for (pass = 0; pass < 3; pass++) {
		for (i = SLOTS - 1; i >= 0; i--) {
			enum osc_ipc_kind k = slots[i].kind;
			int want = k == OSC_IPC_CHILD ? 0 : k == OSC_IPC_DIR ? 2 : 1;

			if (slots[i].used && want == pass)
				osc_ipc_remove(i);
		}
		if (pass == 0)
			reap_orphans();
	}
	errno = saved;
}

static void on_fatal(int sig)
{
	sigset_t set;

	if (getpid() == owner)
		osc_ipc_cleanup();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

static void on_alarm(int sig)
{
	(void)sig;
	expired = 1;
}

/*
 * A SIGCHLD may interrupt a wait whose data the child sent just before it
 * exited, and it may come while no wait is in progress, so a dead child
 * is not fatal at once: the deadline shrinks to a grace period of 200 ms,
 * and a wait that is still blocked then fails with ECHILD.
 */
static void on_child(int sig)
{
	int saved = errno;

	(void)sig;
	if (!child_died && grace_armed) {
		child_died = 1;
		arm_ms(200);
	}
	child_died = 1;
	errno = saved;
}

static int handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigfillset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: waits must see EINTR */
	return sigaction(sig, &sa, NULL) < 0 ? errno : 0;
}

int osc_ipc_guard(void)
{
	/* SIGPIPE too: output written to a closed pipe before the cleanup
	 * (ipc-demo prints its table while its directory exists) ends the
	 * demo quietly, but not before the objects are gone. */
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	size_t i;
	int e;

	owner = getpid();
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		if ((e = handle(fatal[i], on_fatal)) != 0)
			return e;
	if ((e = handle(SIGALRM, on_alarm)) != 0)
		return e;
	return handle(SIGCHLD, on_child);
}

void osc_ipc_deadline(unsigned seconds)
{
	struct itimerval it;

	expired = 0;
	grace_armed = grace_on && seconds != 0;
	if (seconds) {
		arm_ms(seconds * 1000ul);
		return;
	}
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* The timer as a one-shot after ms, then every 20 ms. */
static void arm_ms(unsigned long ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = (time_t)(ms / 1000);
	it.it_value.tv_usec = (suseconds_t)(ms % 1000 * 1000);
	it.it_interval.tv_usec = 20000;
	setitimer(ITIMER_REAL, &it, NULL);
}

void osc_ipc_child_grace(bool on)
{
	grace_on = on;
}

int osc_ipc_interrupted(void)
{
	if (expired)
		return child_died ? ECHILD : ETIMEDOUT;
	return 0;
}

void osc_ipc_reset_flags(void)
{
	child_died = 0;
	expired = 0;
}

int osc_ipc_mkdtemp(const char *base, const char *prog, char *dir)
{
	int n = snprintf(dir, OSC_IPC_NAME_MAX, "%s/osc-%s.XXXXXX",
			 base && *base ? base : "/tmp", prog);

	if (n < 0 || n >= OSC_IPC_NAME_MAX - 64)
		return ENAMETOOLONG;
	if (!mkdtemp(dir))
		return errno;
	if (osc_ipc_track(OSC_IPC_DIR, dir, 0) < 0) {
		rmdir(dir);
		return ENOSPC;
	}
	return 0;
}

void osc_ipc_tag(char *tag)
{
	uint16_t r;
	struct timespec ts;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (uint16_t)(ts.tv_nsec ^ (ts.tv_nsec >> 16));
	}
	snprintf(tag, 32, "%ld-%04x", (long)getpid(), (unsigned)r);
}

pid_t osc_ipc_fork(int *slot)
{
	sigset_t all, old;
	pid_t pid, parent = getpid();

	/* No handler may run between fork and the registry entry. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		return 0;
	}
	*slot = pid > 0 ? osc_ipc_track(OSC_IPC_CHILD, NULL, pid) : -1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

int osc_ipc_reap(int slot, pid_t pid, int *status)
{
	int e = 0;

	for (;;) {
		if (waitpid(pid, status, 0) == pid)
			break;
		if (errno != EINTR) {
			e = errno;
			break;
		}
		if (osc_ipc_interrupted() != 0) {
			kill(pid, SIGKILL);
			e = ETIMEDOUT;
		}
	}
	osc_ipc_untrack(slot);
	return e;
}

uint64_t osc_ipc_proc_limit(const char *path, uint64_t dflt)
{
	char buf[32];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unsigned long long v;

	if (fd < 0)
		return dflt;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return dflt;
	buf[n] = '\0';
	if (sscanf(buf, "%llu", &v) != 1)
		return dflt;
	return v;
}
