/* dgram.c: datagram mechanisms: unix-dgram and udp (127.0.0.1). */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc-int.h"

#define UDP_MAX 65507		/* 65535 - 8 (UDP header) - 20 (IPv4 header) */
#define UNIX_DGRAM_MAX 65536	/* our choice: within the default socket buffers */
#define BUF_WANT (4 << 20)

struct dg {
	int fd[2];
	int slot[2];
};

static void dg_init(struct dg *d)
{
	d->fd[0] = d->fd[1] = -1;
	d->slot[0] = d->slot[1] = -1;
}

static int dg_send(void *st, enum osc_ipc_side side, const void *buf,
		   size_t len)
{
	return ipc_send_dgram(((struct dg *)st)->fd[side], buf, len);
}

static int dg_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	return ipc_recv_dgram(((struct dg *)st)->fd[side], buf, len);
}

static int dg_attach(void *st, enum osc_ipc_side side, pid_t peer,
		     struct osc_error *err)
{
	struct dg *d = st;

	(void)peer;
	(void)err;
	ipc_close_fd(&d->fd[side == OSC_IPC_PARENT ? 1 : 0]);
	return OSC_OK;
}

static void dg_close(void *st, enum osc_ipc_side side)
{
	struct dg *d = st;

	ipc_close_fd(&d->fd[0]);
	ipc_close_fd(&d->fd[1]);
	if (side == OSC_IPC_PARENT) {
		osc_ipc_remove(d->slot[0]);
		osc_ipc_remove(d->slot[1]);
		d->slot[0] = d->slot[1] = -1;
	}
}

static void bigbuf(int fd)
{
	int want = BUF_WANT;

	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof want);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want);
}

static int ud_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct dg *d = st;
	struct sockaddr_un a[2];
	int i;

	dg_init(d);
	for (i = 0; i < 2; i++) {
		memset(&a[i], 0, sizeof a[i]);
		a[i].sun_family = AF_UNIX;
		if (snprintf(a[i].sun_path, sizeof a[i].sun_path, "%s/dgram-%s-%s",
			     su->dir, su->tag, i ? "child" : "parent") >=
		    (int)sizeof a[i].sun_path)
			return ipc_fail(err, ENAMETOOLONG, "socket path");
		if ((d->fd[i] = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
			return ipc_fail(err, errno, "socket");
		bigbuf(d->fd[i]);
		if (bind(d->fd[i], (struct sockaddr *)&a[i], sizeof a[i]) < 0)
			return ipc_fail(err, errno, "bind");
		d->slot[i] = osc_ipc_track(OSC_IPC_PATH, a[i].sun_path, 0);
		chmod(a[i].sun_path, 0600);
	}
	for (i = 0; i < 2; i++)
		if (connect(d->fd[i], (struct sockaddr *)&a[!i], sizeof a[!i]) < 0)
			return ipc_fail(err, errno, "connect");
	/* Connected datagram sockets need their names no more. */
	for (i = 0; i < 2; i++) {
		osc_ipc_remove(d->slot[i]);
		d->slot[i] = -1;
	}
	su->max_chunk = su->chunk < UNIX_DGRAM_MAX ? su->chunk : UNIX_DGRAM_MAX;
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_unix_dgram = {
	.name = "unix-dgram",
	.summary = "two bound Unix datagram sockets, connected to each other",
	.explain =
	"before fork: p = socket(AF_UNIX, SOCK_DGRAM), bind(p, DIR/dgram-TAG-parent);\n"
	"c = socket(AF_UNIX, SOCK_DGRAM), bind(c, DIR/dgram-TAG-child) (bind fails if\n"
	"a name exists); chmod 0600; connect(p, child name), connect(c, parent\n"
	"name); unlink both names (connected sockets keep their peer).\n"
	"parent: close(c); send(p); recv(p).   child: close(p); recv(c); send(c).\n"
	"Message boundaries are kept; a message larger than 64 KiB is sent as\n"
	"several datagrams.  A full receiver makes the sender block (no loss).\n",
	.state_size = sizeof(struct dg),
	.open = ud_open,
	.attach = dg_attach,
	.send = dg_send,
	.recv = dg_recv,
	.close = dg_close
};

static int udp_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct dg *d = st;
	struct sockaddr_in a[2];
	socklen_t len;
	int i, rcv = 0;

	dg_init(d);
	for (i = 0; i < 2; i++) {
		memset(&a[i], 0, sizeof a[i]);
		a[i].sin_family = AF_INET;
		a[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if ((d->fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
			return ipc_fail(err, errno, "socket");
		bigbuf(d->fd[i]);
		len = sizeof a[i];
		if (bind(d->fd[i], (struct sockaddr *)&a[i], sizeof a[i]) < 0 ||
		    getsockname(d->fd[i], (struct sockaddr *)&a[i], &len) < 0)
			return ipc_fail(err, errno, "bind");
	}
	for (i = 0; i < 2; i++)
		if (connect(d->fd[i], (struct sockaddr *)&a[!i], sizeof a[!i]) < 0)
			return ipc_fail(err, errno, "connect");
	su->max_chunk = su->chunk < UDP_MAX ? su->chunk : UDP_MAX;
	len = sizeof rcv;
	getsockopt(d->fd[0], SOL_SOCKET, SO_RCVBUF, &rcv, &len);
	/* A datagram costs its size plus kernel overhead in the receive
	 * buffer; keep the window at a quarter of what fits. */
	su->window = (unsigned)((size_t)rcv / (4 * (su->max_chunk + 4096)));
	if (su->window < 1)
		su->window = 1;
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_udp = {
	.name = "udp",
	.summary = "two UDP sockets on 127.0.0.1, ephemeral ports, connected",
	.explain =
	"before fork: p = socket(AF_INET, SOCK_DGRAM), bind(p, 127.0.0.1:0);\n"
	"c = socket(AF_INET, SOCK_DGRAM), bind(c, 127.0.0.1:0); getsockname of\n"
	"both; connect(p, c's address), connect(c, p's address).\n"
	"parent: close(c); send(p); recv(p).   child: close(p); recv(c); send(c).\n"
	"A datagram carries at most 65507 bytes; larger messages are split.  UDP\n"
	"drops datagrams when the receive buffer is full, so in throughput mode\n"
	"(and for round trips of several datagrams) the sender stops every\n"
	"WINDOW datagrams until the receiver sends a\n"
	"one-byte acknowledgement (WINDOW = SO_RCVBUF / (4 * (datagram + 4096))).\n",
	.flags = OSC_IPC_LOSSY,
	.state_size = sizeof(struct dg),
	.open = udp_open,
	.attach = dg_attach,
	.send = dg_send,
	.recv = dg_recv,
	.close = dg_close
};
