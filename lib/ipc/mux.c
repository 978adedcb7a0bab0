/* mux.c: io-mux's driver: an echo server on one readiness API and a forked client that checks every echo. */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <limits.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc-int.h"

#define BUF 65536
#define TICK_MS 100

uint64_t osc_ipc_raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 0;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The byte at offset i of message m on connection c. */
static unsigned char pattern(unsigned c, uint64_t m, size_t i)
{
	return (unsigned char)(c * 131u + m * 31u + i * 7u + 1u);
}

/* Echoes are small writes: send them at once (no Nagle delay). */
static void nodelay(int fd)
{
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* The client: connect every socket, then in rounds send one message on
 * each connection and read every echo back.  Exit 0 when all matched. */
static noreturn void client(const struct sockaddr_in *addr,
			    const struct osc_mux_params *p)
{
	int *fd = malloc(p->clients * sizeof *fd);
	unsigned char *out = malloc(p->size), *in = malloc(p->size);
	uint64_t m, bad = 0;
	unsigned c;
	size_t i;

	if (!fd || !out || !in)
		_exit(ENOMEM);
	for (c = 0; c < p->clients; c++) {
		fd[c] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd[c] < 0 || connect(fd[c], (const struct sockaddr *)addr,
					 sizeof *addr) < 0)
			_exit(errno ? errno : EIO);
		nodelay(fd[c]);
	}
	for (m = 0; m < p->messages; m++) {
		for (c = 0; c < p->clients; c++) {
			for (i = 0; i < p->size; i++)
				out[i] = pattern(c, m, i);
			if (ipc_write_all(fd[c], out, p->size))
				_exit(EPIPE);
		}
		for (c = 0; c < p->clients; c++) {
			if (ipc_read_all(fd[c], in, p->size))
				_exit(EPIPE);
			for (i = 0; i < p->size; i++)
				bad += in[i] != pattern(c, m, i);
		}
	}
	_exit(bad ? EBADMSG : 0);
}

struct server {
	const struct osc_mux_ops *api;
	void *st;
	const struct osc_mux_params *p;
	int lfd, maxfd;
	unsigned char *live;	/* live[fd]: an accepted socket still open */
	unsigned accepted, open;
	pid_t client;
	unsigned char buf[BUF];
	struct osc_mux_result *r;
};

/* Write everything back; a full socket buffer waits with poll. */
static int echo(int fd, const unsigned char *b, size_t len)
{
	struct pollfd pf = { .fd = fd, .events = POLLOUT };
	ssize_t n;

	while (len > 0) {
		n = send(fd, b, len, MSG_NOSIGNAL);
		if (n > 0) {
			b += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EAGAIN) {
			if (poll(&pf, 1, TICK_MS) < 0 && errno != EINTR)
				return errno;
			if (osc_ipc_interrupted())
				return ETIMEDOUT;
		} else if (n < 0 && errno != EINTR) {
			return errno;
		}
	}
	return 0;
}

static int on_listener(struct server *s)
{
	int fd, e;

	for (;;) {
		fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : errno;
		nodelay(fd);
		if ((e = s->api->add(s->st, fd)) != 0) {
			close(fd);
			if (e == EBADF)
				snprintf(s->r->error, sizeof s->r->error,
					 "select cannot watch descriptor %d: "
					 "FD_SETSIZE is %d", fd, FD_SETSIZE);
			return e;
		}
		if (fd < s->maxfd)
			s->live[fd] = 1;
		s->accepted++;
		s->open++;
		if (!s->api->edge)
			return 0;	/* level-triggered: one per report */
	}
}

static int on_socket(struct server *s, int fd)
{
	size_t want = s->p->no_drain ? (s->p->size > 1 ? s->p->size / 2 : 1) : BUF;
	ssize_t n;
	int e;

	for (;;) {
		n = read(fd, s->buf, want);
		if (n > 0) {
			if ((e = echo(fd, s->buf, (size_t)n)) != 0)
				return e;
			s->r->echoed += (uint64_t)n;
			/* Level-triggered or not draining: one read per report. */
			if (!s->api->edge || s->p->no_drain)
				return 0;
		} else if (n == 0) {
			s->api->del(s->st, fd);
			close(fd);
			if (fd < s->maxfd)
				s->live[fd] = 0;
			s->open--;
			return 0;
		} else if (errno == EAGAIN) {
			return 0;
		} else if (errno != EINTR) {
			return errno;
		}
	}
}

/* Whether the client exited before connecting all its sockets (looked
 * at without reaping it: the caller reaps). */
static bool client_gone(const struct server *s)
{
	siginfo_t si;

	if (s->accepted == s->p->clients)
		return false;	/* the sockets will tell */
	si.si_pid = 0;
	return waitid(P_PID, (id_t)s->client, &si,
		      WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid != 0;
}

static int serve(struct server *s)
{
	int ready[256], n, i, e;

	while (s->accepted < s->p->clients || s->open > 0) {
		n = s->api->wait(s->st, ready, 256, TICK_MS);
		if (n < 0)
			return -n;
		if (osc_ipc_interrupted())
			return ETIMEDOUT;
		if (n == 0 && client_gone(s))
			return ECHILD;
		if (n == 0)
			continue;
		s->r->wakeups++;
		s->r->ready_per_wakeup += n;
		for (i = 0; i < n; i++) {
			e = ready[i] == s->lfd ? on_listener(s) : on_socket(s, ready[i]);
			if (e)
				return e;
		}
	}
	return 0;
}

static int listener(struct sockaddr_in *addr, unsigned backlog)
{
	socklen_t len = sizeof *addr;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0 ||
	    listen(fd, (int)backlog) < 0 ||
	    getsockname(fd, (struct sockaddr *)addr, &len) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static void client_status(struct osc_mux_result *r, int status)
{
	if (r->error[0])
		return;
	if (WIFSIGNALED(status))
		snprintf(r->error, sizeof r->error,
			 "the client was killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) == EBADMSG)
		snprintf(r->error, sizeof r->error,
			 "the client received echoes that differ from what it sent");
	else if (WEXITSTATUS(status) != 0)
		snprintf(r->error, sizeof r->error, "the client failed: %s",
			 strerror(WEXITSTATUS(status)));
}

/* The row's error for errno value e; call names what failed (NULL: the
 * server's run as a whole). */
static void failed(struct server *s, int e, const char *call)
{
	struct osc_mux_result *r = s->r;

	if (r->error[0])
		return;
	if (e == ETIMEDOUT) {
		r->timed_out = true;
		snprintf(r->error, sizeof r->error, "%s: timed out after %u s; "
			 "client killed", s->api->edge && s->p->no_drain ?
			 "stalled (edge-triggered without draining)" :
			 "no progress", s->p->timeout);
	} else if (e == ECHILD) {
		snprintf(r->error, sizeof r->error,
			 "the client exited before connecting");
	} else if (call) {
		snprintf(r->error, sizeof r->error, "%s: %s", call, strerror(e));
	} else {
		snprintf(r->error, sizeof r->error, "%s", strerror(e));
	}
}

/* Start: limits, listener, the API.  0 or an errno value (r->error set). */
static int start(struct server *s, struct sockaddr_in *addr)
{
	const struct osc_mux_params *p = s->p;
	uint64_t nofile = osc_ipc_raise_nofile();
	int e;

	if ((uint64_t)p->clients + 32 > nofile) {
		snprintf(s->r->error, sizeof s->r->error, "%u clients need %u "
			 "descriptors; RLIMIT_NOFILE allows %llu", p->clients,
			 p->clients + 32, (unsigned long long)nofile);
		return EMFILE;
	}
	if ((s->lfd = listener(addr, p->clients)) < 0) {
		snprintf(s->r->error, sizeof s->r->error, "listen: %s",
			 strerror(-s->lfd));
		return -s->lfd;
	}
	s->maxfd = nofile < INT_MAX ? (int)nofile : INT_MAX;
	if (!(s->live = calloc((size_t)s->maxfd, 1)) ||
	    !(s->st = calloc(1, s->api->state_size)))
		return ENOMEM;
	if ((e = s->api->init(s->st, s->lfd + (int)p->clients + 1)) == EMFILE)
		snprintf(s->r->error, sizeof s->r->error, "select cannot watch "
			 "descriptors up to %d: FD_SETSIZE is %d",
			 s->lfd + (int)p->clients, FD_SETSIZE);
	if (e == 0)
		e = s->api->add(s->st, s->lfd);
	return e;
}

static void finish(struct server *s)
{
	int fd;

	if (s->st)
		s->api->fini(s->st);
	for (fd = 0; s->live && fd < s->maxfd; fd++)
		if (s->live[fd])
			close(fd);
	if (s->lfd >= 0)
		close(s->lfd);
	free(s->live);
	free(s->st);
}

int osc_mux_run(const struct osc_mux_ops *api, const struct osc_mux_params *p,
		struct osc_mux_result *r)
{
	struct server *s = calloc(1, sizeof *s);
	struct sockaddr_in addr;
	int e, slot = -1, status;
	const char *call = NULL;
	double t0;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if (!s)
		return OSC_ENOMEM;
	*s = (struct server){ .api = api, .p = p, .r = r, .lfd = -1 };
	osc_ipc_reset_flags();
	osc_ipc_deadline(p->timeout);
	if ((e = start(s, &addr)) == 0) {
		t0 = now_s();
		if ((pid = osc_ipc_fork(&slot)) == 0) {
			close(s->lfd);
			client(&addr, p);
		}
		s->client = pid;
		if (pid < 0) {
			e = errno;
			call = "fork";
		} else
			e = serve(s);
		if (e)
			osc_ipc_remove(slot);
		else if ((e = osc_ipc_reap(slot, pid, &status)) == 0)
			client_status(r, status);
		else
			call = "waitpid";
		r->seconds = now_s() - t0;
	}
	if (e)
		failed(s, e, call);
	osc_ipc_deadline(0);
	finish(s);
	free(s);
	if (e == ENOMEM)
		return OSC_ENOMEM;
	r->ready_per_wakeup = r->wakeups ? r->ready_per_wakeup / (double)r->wakeups : 0;
	if (r->seconds > 0)
		r->msgs_per_s = (double)p->clients * (double)p->messages / r->seconds;
	r->verified = !r->error[0] &&
		r->echoed == (uint64_t)p->clients * p->messages * p->size;
	return OSC_OK;
}
