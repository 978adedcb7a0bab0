/* notify.c: latency-only mechanisms: eventfd counters and real-time signals. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ipc-int.h"

/* eventfd: efd[0] wakes the child, efd[1] the parent. */
struct efd {
	int fd[2];
};

static int efd_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct efd *f = st;
	int i;

	f->fd[0] = f->fd[1] = -1;
	for (i = 0; i < 2; i++)
		if ((f->fd[i] = eventfd(0, EFD_CLOEXEC)) < 0)
			return ipc_fail(err, errno, "eventfd");
	su->max_chunk = 8;
	return OSC_OK;
}

static int efd_attach(void *st, enum osc_ipc_side side, pid_t peer,
		      struct osc_error *err)
{
	(void)st;
	(void)side;
	(void)peer;
	(void)err;
	return OSC_OK;
}

/* The 8 bytes are the counter value added (never 0: the driver sends
 * sequence numbers from 1). */
static int efd_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct efd *f = st;
	uint64_t v = 0;

	memcpy(&v, buf, len < 8 ? len : 8);
	if (v == 0 || v == UINT64_MAX)
		return EINVAL;
	return ipc_write_all(f->fd[side == OSC_IPC_PARENT ? 0 : 1], &v, 8);
}

static int efd_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct efd *f = st;
	uint64_t v;
	int e;

	if ((e = ipc_read_all(f->fd[side == OSC_IPC_PARENT ? 1 : 0], &v, 8)) != 0)
		return e;
	memcpy(buf, &v, len < 8 ? len : 8);
	return 0;
}

static void efd_close(void *st, enum osc_ipc_side side)
{
	struct efd *f = st;

	(void)side;
	ipc_close_fd(&f->fd[0]);
	ipc_close_fd(&f->fd[1]);
}

const struct osc_ipc_ops osc_ipc_eventfd = {
	.name = "eventfd",
	.summary = "two eventfd counters (latency only, 8-byte value)",
	.explain =
	"before fork: down = eventfd(0), up = eventfd(0): two 64-bit counters in\n"
	"the kernel, reachable through the inherited descriptors.\n"
	"parent: write(down, &seq, 8); read(up, &v, 8).\n"
	"child:  read(down, &v, 8) (blocks while the counter is 0, then returns it\n"
	"and resets it to 0); write(up, &v, 8).\n"
	"The only payload is the 8-byte value (the round-trip number), so the\n"
	"size column is 8 and there is no throughput mode.\n",
	.flags = OSC_IPC_LATENCY_ONLY | OSC_IPC_FIXED,
	.state_size = sizeof(struct efd),
	.open = efd_open,
	.attach = efd_attach,
	.send = efd_send,
	.recv = efd_recv,
	.close = efd_close
};

/* signal: SIGRTMIN, blocked on both sides and taken with sigwaitinfo. */
struct rts {
	pid_t peer;
	sigset_t set, old;
	bool blocked;
};

static int rts_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct rts *r = st;

	sigemptyset(&r->set);
	sigaddset(&r->set, SIGRTMIN);
	if (sigprocmask(SIG_BLOCK, &r->set, &r->old) < 0)
		return ipc_fail(err, errno, "sigprocmask");
	r->blocked = true;
	su->max_chunk = sizeof(int);
	return OSC_OK;
}

static int rts_attach(void *st, enum osc_ipc_side side, pid_t peer,
		      struct osc_error *err)
{
	(void)side;
	(void)err;
	((struct rts *)st)->peer = peer;
	return OSC_OK;
}

static int rts_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct rts *r = st;
	union sigval v = { .sival_int = 0 };
	int e;

	(void)side;
	memcpy(&v.sival_int, buf, len < sizeof(int) ? len : sizeof(int));
	while (sigqueue(r->peer, SIGRTMIN, v) < 0) {
		if (errno == ESRCH)
			return EPIPE;
		if (errno != EAGAIN && errno != EINTR)
			return errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
	return 0;
}

static int rts_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct rts *r = st;
	siginfo_t si;
	int e;

	(void)side;
	for (;;) {
		if (sigwaitinfo(&r->set, &si) == SIGRTMIN) {
			if (si.si_pid != r->peer)
				continue;	/* not from our peer: ignore */
			memcpy(buf, &si.si_value.sival_int,
			       len < sizeof(int) ? len : sizeof(int));
			return 0;
		}
		if (errno != EINTR)
			return errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
}

/* Discard queued signals before unblocking (SIGRTMIN would kill). */
static void rts_close(void *st, enum osc_ipc_side side)
{
	struct rts *r = st;
	struct timespec zero = { 0, 0 };

	(void)side;
	if (!r->blocked)
		return;
	while (sigtimedwait(&r->set, NULL, &zero) == SIGRTMIN)
		;
	sigprocmask(SIG_SETMASK, &r->old, NULL);
	r->blocked = false;
}

const struct osc_ipc_ops osc_ipc_signal = {
	.name = "signal",
	.summary = "real-time signals with sigqueue (latency only, int payload)",
	.explain =
	"before fork: sigprocmask(SIG_BLOCK, {SIGRTMIN}) (the child inherits the\n"
	"mask, so no signal is lost or delivered to a handler).\n"
	"parent: sigqueue(child, SIGRTMIN, {.sival_int = seq});\n"
	"        sigwaitinfo({SIGRTMIN}, &info) and check info.si_pid.\n"
	"child:  sigwaitinfo({SIGRTMIN}, &info); sigqueue(parent, SIGRTMIN,\n"
	"        info.si_value).\n"
	"Real-time signals queue (up to RLIMIT_SIGPENDING) and carry one int,\n"
	"so the size column is 4 and there is no throughput mode.\n",
	.flags = OSC_IPC_LATENCY_ONLY | OSC_IPC_FIXED,
	.state_size = sizeof(struct rts),
	.open = rts_open,
	.attach = rts_attach,
	.send = rts_send,
	.recv = rts_recv,
	.close = rts_close
};
