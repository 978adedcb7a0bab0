/* osconcepts/ipc.h: inter-process communication helpers (ipc-demo, io-mux, proc-demo). */
#ifndef OSCONCEPTS_IPC_H
#define OSCONCEPTS_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The cleanup registry: every kernel object a demo creates (file-system
 * paths, the private temporary directory, POSIX message queues, shared
 * memory and semaphores, SysV message queues, semaphore sets and shared
 * memory segments) and every child process is recorded here from the
 * moment it exists until it is removed or reaped.  osc_ipc_cleanup kills
 * and reaps the children and removes every object; it only makes
 * async-signal-safe calls, so the signal handlers installed by
 * osc_ipc_guard call it before the process dies of SIGINT, SIGTERM or
 * SIGHUP.  The registry has a fixed number of slots (no allocation).
 */
enum osc_ipc_kind {
	OSC_IPC_PATH,		/* a file, FIFO or socket path: unlink */
	OSC_IPC_DIR,		/* an (empty) directory: rmdir */
	OSC_IPC_MQ,		/* POSIX message queue name: mq_unlink */
	OSC_IPC_SHM,		/* POSIX shared memory name: shm_unlink */
	OSC_IPC_SEM,		/* POSIX named semaphore: sem_unlink */
	OSC_IPC_SYSV_MSG,	/* SysV message queue id: msgctl IPC_RMID */
	OSC_IPC_SYSV_SEM,	/* SysV semaphore set id: semctl IPC_RMID */
	OSC_IPC_SYSV_SHM,	/* SysV shared memory id: shmctl IPC_RMID */
	OSC_IPC_CHILD		/* a child process: SIGKILL, then waitpid */
};

#define OSC_IPC_NAME_MAX 256

/* Record an object (name for names and paths, id for ids and pids): the
 * slot number, or -1 when the registry is full (the object should then be
 * removed at once by the caller). */
int osc_ipc_track(enum osc_ipc_kind kind, const char *name, long id);
/* Forget slot (the object is gone: removed or reaped). */
void osc_ipc_untrack(int slot);
/* Remove the object of slot now (unlink, rmdir, IPC_RMID, or kill and
 * reap) and forget it; -1 is ignored.  0 or an errno value. */
int osc_ipc_remove(int slot);
/* Remove every object and reap every child (async-signal-safe). */
void osc_ipc_cleanup(void);
/* How many objects are recorded (for tests). */
int osc_ipc_tracked(void);

/*
 * Handlers for SIGINT, SIGTERM and SIGHUP that run osc_ipc_cleanup and
 * then die of the same signal, so an interrupted demo leaves nothing
 * behind; also SIGCHLD and SIGALRM handlers (without SA_RESTART) that
 * interrupt blocking calls, so a dead child or an expired timeout ends
 * every wait.  Call once, early.  0 or an errno value.
 */
int osc_ipc_guard(void);
/* Arm the per-run deadline: after `seconds` (and then every 20 ms, so no
 * wait can miss it) blocking calls fail with EINTR and
 * osc_ipc_interrupted reports ETIMEDOUT.  seconds == 0 disarms. */
void osc_ipc_deadline(unsigned seconds);
/* Why a blocking call was interrupted: ETIMEDOUT after the deadline,
 * ECHILD once a child has died (osc_ipc_child_died was not cleared),
 * otherwise 0 (a harmless signal: retry). */
int osc_ipc_interrupted(void);
/* Whether a dead child shrinks the deadline to a 200 ms grace period
 * (default true: right for two processes that talk; false for demos
 * whose children exit by design). */
void osc_ipc_child_grace(bool on);
/* Clear the child-died flag (before each run). */
void osc_ipc_reset_flags(void);

/* Create the private directory base/osc-PROG.XXXXXX (mode 0700, tracked)
 * into dir (size OSC_IPC_NAME_MAX); 0 or an errno value. */
int osc_ipc_mkdtemp(const char *base, const char *prog, char *dir);
/* A tag unique to this run: "PID-RANDOM" (16 random bits from
 * getrandom, or from the clock when that fails) into tag (size 32). */
void osc_ipc_tag(char *tag);

/* Fork a tracked child that dies with its parent (PR_SET_PDEATHSIG) and
 * has SIGINT, SIGTERM, SIGHUP, SIGCHLD and SIGALRM at their default
 * actions: like fork, and *slot receives the registry slot. */
pid_t osc_ipc_fork(int *slot);
/* Wait for the child of slot until the deadline; then kill it.  Returns
 * its wait status in *status and forgets the slot; 0 or an errno value
 * (ETIMEDOUT when it had to be killed). */
int osc_ipc_reap(int slot, pid_t pid, int *status);

/*
 * Mechanisms.  Each is one static const struct osc_ipc_ops in its own
 * file; the driver (osc_ipc_run) forks the child and moves messages with
 * the hooks.  A message is cut into chunks of at most max_chunk bytes
 * (the mechanism's limit, read from the kernel at run time where the
 * kernel has one).  Every channel carries data both ways.
 */
#define OSC_IPC_LATENCY_ONLY 0x1u	/* no throughput mode (eventfd, signal) */
#define OSC_IPC_LOSSY 0x2u	/* may drop when the receiver is full (udp) */
#define OSC_IPC_FIXED 0x4u	/* latency message is exactly max_chunk bytes */

enum osc_ipc_side {
	OSC_IPC_PARENT,
	OSC_IPC_CHILD_SIDE
};

struct osc_ipc_setup {
	const char *dir;	/* the private temp directory */
	const char *tag;	/* unique per run: "PID-RANDOM" */
	size_t chunk;		/* the message size the driver wants */
	bool throughput;	/* a one-way stream, not a ping-pong */
	size_t max_chunk;	/* out: the largest chunk carried */
	unsigned window;	/* out (lossy only): chunks before an ack */
};

struct osc_ipc_ops {
	const char *name, *summary;
	const char *explain;	/* system calls of each side, kernel objects */
	unsigned flags;
	size_t state_size;
	/* Before fork, in the parent: create the objects (tracked). */
	int (*open)(void *st, struct osc_ipc_setup *su, struct osc_error *err);
	/* After fork, in each side: connect, drop the other side's ends.
	 * peer is the other process. */
	int (*attach)(void *st, enum osc_ipc_side side, pid_t peer,
		      struct osc_error *err);
	/* Move one chunk (len <= max_chunk); 0 or an errno value (EPROTO
	 * when a datagram has the wrong size, ETIMEDOUT, ECHILD, EPIPE). */
	int (*send)(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len);
	int (*recv)(void *st, enum osc_ipc_side side, void *buf, size_t len);
	/* Optional (NULL when absent), for shared memory: move a chunk
	 * without copying it through a private buffer.  send_view gives
	 * room for len bytes to fill, send_done publishes it; recv_view
	 * waits for a chunk of len bytes and shows it in place, recv_done
	 * gives the room back.  0 or an errno value, as send and recv. */
	int (*send_view)(void *st, enum osc_ipc_side side, void **p,
			 size_t len);
	int (*send_done)(void *st, enum osc_ipc_side side, size_t len);
	int (*recv_view)(void *st, enum osc_ipc_side side, const void **p,
			 size_t len);
	int (*recv_done)(void *st, enum osc_ipc_side side);
	/* Release this side's ends; the parent's call removes the objects. */
	void (*close)(void *st, enum osc_ipc_side side);
};

extern const struct osc_ipc_ops osc_ipc_pipe, osc_ipc_fifo,
	osc_ipc_socketpair, osc_ipc_unix_stream, osc_ipc_unix_dgram,
	osc_ipc_tcp, osc_ipc_udp, osc_ipc_mq_posix, osc_ipc_mq_sysv,
	osc_ipc_shm_posix, osc_ipc_shm_sysv, osc_ipc_eventfd, osc_ipc_signal;

/* The registry, in the documented order, NULL-terminated. */
extern const struct osc_ipc_ops *const osc_ipc_mechs[];
const struct osc_ipc_ops *osc_ipc_lookup(const char *name);

enum osc_ipc_mode {
	OSC_IPC_LATENCY,
	OSC_IPC_THROUGHPUT
};

struct osc_ipc_params {
	const char *dir;	/* private temp directory (osc_ipc_mkdtemp) */
	size_t lat_size;	/* latency message bytes (>= 1) */
	size_t tput_size;	/* throughput message bytes (>= 16) */
	uint64_t count;		/* round trips measured */
	uint64_t warmup;	/* round trips not measured */
	uint64_t bytes;		/* throughput: total bytes (rounded up to messages) */
	unsigned timeout;	/* seconds for the whole run of one mode */
	uint64_t seed;		/* the payload pattern */
};

struct osc_ipc_result {
	size_t size;		/* message bytes actually used */
	uint64_t count;		/* round trips or messages */
	double seconds;		/* measured interval */
	double p50_us, p99_us;	/* latency */
	double mb_per_s, msgs_per_s;	/* throughput */
	bool verified;
	bool unavailable;	/* the kernel refused the mechanism */
	bool timed_out;
	char error[OSC_MSG_MAX];	/* "" when all went well */
};

/* One measured run of ops in mode: creates the objects, forks the child,
 * moves and checks the data, reaps the child and removes every object.
 * A failure is described in r (error, verified=false), not returned:
 * the return value is OSC_OK or OSC_ENOMEM. */
int osc_ipc_run(const struct osc_ipc_ops *ops, enum osc_ipc_mode mode,
		const struct osc_ipc_params *p, struct osc_ipc_result *r);

/* The q-quantile (0 < q <= 1, nearest rank) of n sorted values. */
uint64_t osc_ipc_quantile(const uint64_t *sorted, size_t n, double q);
/* Sort n values ascending (in place). */
void osc_ipc_sort(uint64_t *v, size_t n);

/* A kernel limit from /proc (e.g. "/proc/sys/fs/mqueue/msgsize_max"), or
 * dflt when it cannot be read. */
uint64_t osc_ipc_proc_limit(const char *path, uint64_t dflt);

/*
 * Process life cycle (proc-demo).  Each call forks what it needs (children
 * tracked in the registry, every wait bounded by the deadline set with
 * osc_ipc_deadline), reaps everything it created, and fills its record.
 * A child tells its parent what it saw through a pipe.  OSC_OK, or
 * OSC_EOS with err set (ETIMEDOUT when the deadline expired).
 */
struct osc_proc_fork {
	pid_t parent, parent_ppid;	/* the parent's getpid(), getppid() */
	pid_t fork_ret_parent;		/* fork's return value in the parent */
	pid_t child, child_ppid;	/* the child's getpid(), getppid() */
	pid_t fork_ret_child;		/* fork's return value in the child (0) */
	int status;			/* wait status the parent got */
};
int osc_proc_fork(int exit_code, struct osc_proc_fork *r,
		  struct osc_error *err);

struct osc_proc_exec {
	pid_t pid;
	int status;		/* wait status (valid when exec_errno == 0) */
	int exec_errno;		/* why execvp failed, or 0 */
	bool timed_out;		/* killed (SIGKILL) at the deadline, reaped */
	double seconds;		/* fork to reaped */
};
/* Fork, execvp(argv[0], argv) in the child, wait. */
int osc_proc_exec(char *const argv[], struct osc_proc_exec *r,
		  struct osc_error *err);

struct osc_proc_cow {
	uint64_t pages, pages_written;
	uint64_t minor_faults;	/* the child's, during its writes only */
	double fork_us;		/* the fork call in the parent */
	bool parent_intact;	/* the parent still sees its own bytes */
	bool verified;		/* faults track the writes, parent intact */
};
/* Map size bytes of private memory, touch every page, fork; the child
 * writes to pct percent of the pages (evenly spread). */
int osc_proc_cow(size_t size, unsigned pct, struct osc_proc_cow *r,
		 struct osc_error *err);

struct osc_proc_zombie {
	pid_t pid;
	char before;		/* state from /proc/PID/stat before the wait */
	bool gone_after;	/* /proc/PID no longer exists after it */
	int status;
	bool verified;		/* before == 'Z' and gone after */
};
int osc_proc_zombie(unsigned hold_ms, struct osc_proc_zombie *r,
		    struct osc_error *err);

struct osc_proc_orphan {
	pid_t demo, middle, grandchild;
	pid_t parent_before, parent_after;	/* the grandchild's getppid() */
	bool reaped;		/* the demo reaped the grandchild */
	bool verified;		/* parent_after == demo and reaped */
};
/* Become a child subreaper, fork a middle process that forks a grandchild
 * and exits; the grandchild reports its new parent; reap both. */
int osc_proc_orphan(struct osc_proc_orphan *r, struct osc_error *err);

enum osc_spawn {
	OSC_SPAWN_THREAD,	/* pthread_create + pthread_join */
	OSC_SPAWN_FORK,		/* fork + _exit + waitpid */
	OSC_SPAWN_POSIX_SPAWN	/* posix_spawn(prog) + waitpid */
};
/* Create and wait for n threads or processes one after the other. */
int osc_proc_spawn(enum osc_spawn how, uint64_t n, const char *prog,
		   double *seconds, struct osc_error *err);

/*
 * Readiness APIs (io-mux): one echo server on 127.0.0.1 waits for its
 * sockets with one API, in one thread; a forked client opens `clients`
 * connections and sends `messages` messages of `size` bytes on each,
 * checking every echo.  Each API is one static const struct osc_mux_ops.
 */
struct osc_mux_ops {
	const char *name, *summary, *explain;
	bool edge;		/* edge-triggered: the server must drain */
	size_t state_size;
	/* Ready to watch descriptors below maxfd (a hint); 0 or errno
	 * (EMFILE when the API cannot watch that many). */
	int (*init)(void *st, int maxfd);
	/* Watch fd for input; 0 or errno (select: EBADF past FD_SETSIZE). */
	int (*add)(void *st, int fd);
	void (*del)(void *st, int fd);
	/* Wait up to ms milliseconds; up to max ready descriptors into ready.
	 * The count (0 on timeout or interruption), or -errno. */
	int (*wait)(void *st, int *ready, int max, int ms);
	void (*fini)(void *st);
};

extern const struct osc_mux_ops osc_mux_select, osc_mux_poll,
	osc_mux_epoll_lt, osc_mux_epoll_et;
extern const struct osc_mux_ops *const osc_mux_apis[];
const struct osc_mux_ops *osc_mux_lookup(const char *name);

struct osc_mux_params {
	unsigned clients;
	uint64_t messages;	/* per connection */
	size_t size;
	bool no_drain;		/* read at most half a message per wakeup */
	unsigned timeout;	/* seconds */
};

struct osc_mux_result {
	double seconds, msgs_per_s, ready_per_wakeup;
	uint64_t wakeups, echoed;	/* echoed: bytes the server sent back */
	bool verified, timed_out;
	char error[OSC_MSG_MAX];
};

/* One run; failures go into r (error, verified=false).  OSC_OK or
 * OSC_ENOMEM. */
int osc_mux_run(const struct osc_mux_ops *api, const struct osc_mux_params *p,
		struct osc_mux_result *r);
/* Raise RLIMIT_NOFILE's soft limit to the hard limit; the new soft limit. */
uint64_t osc_ipc_raise_nofile(void);

#ifdef __cplusplus
}
#endif

#endif
