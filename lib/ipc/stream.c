/* stream.c: byte-stream mechanisms: pipe, fifo, socketpair, unix-stream, tcp. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ipc-int.h"

/* fd[side][0] is what side reads from, fd[side][1] what it writes to. */
struct sfd {
	int fd[2][2];
	int lfd;		/* listening socket (unix-stream, tcp) */
	int slot[2];		/* registry slots of paths */
	char path[2][OSC_IPC_NAME_MAX];
	struct sockaddr_storage addr;
	socklen_t alen;
	int domain;
};

static void sfd_init(struct sfd *s, struct osc_ipc_setup *su)
{
	s->fd[0][0] = s->fd[0][1] = s->fd[1][0] = s->fd[1][1] = -1;
	s->lfd = -1;
	s->slot[0] = s->slot[1] = -1;
	/* A stream carries any size: one write per message. */
	su->max_chunk = su->chunk ? su->chunk : 1;
}

static int sfd_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct sfd *s = st;

	return ipc_write_all(s->fd[side][1], buf, len);
}

static int sfd_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct sfd *s = st;

	return ipc_read_all(s->fd[side][0], buf, len);
}

/* Close the other side's descriptors (after fork). */
static void sfd_drop(struct sfd *s, enum osc_ipc_side side)
{
	int other = side == OSC_IPC_PARENT ? 1 : 0;

	if (s->fd[other][0] == s->fd[other][1])
		s->fd[other][1] = -1;
	ipc_close_fd(&s->fd[other][0]);
	ipc_close_fd(&s->fd[other][1]);
}

static void sfd_close(void *st, enum osc_ipc_side side)
{
	struct sfd *s = st;
	int i, j;

	for (i = 0; i < 2; i++) {
		if (s->fd[i][0] == s->fd[i][1])
			s->fd[i][1] = -1;
		for (j = 0; j < 2; j++)
			ipc_close_fd(&s->fd[i][j]);
	}
	ipc_close_fd(&s->lfd);
	if (side == OSC_IPC_PARENT) {
		osc_ipc_remove(s->slot[0]);
		osc_ipc_remove(s->slot[1]);
		s->slot[0] = s->slot[1] = -1;
	}
}

static int sfd_attach_plain(void *st, enum osc_ipc_side side, pid_t peer,
			    struct osc_error *err)
{
	(void)peer;
	(void)err;
	sfd_drop(st, side);
	return OSC_OK;
}

/* pipe: two pipes, one per direction. */
static int pipe_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct sfd *s = st;
	int down[2], up[2];

	sfd_init(s, su);
	if (pipe2(down, O_CLOEXEC) < 0)
		return ipc_fail(err, errno, "pipe");
	if (pipe2(up, O_CLOEXEC) < 0) {
		close(down[0]);
		close(down[1]);
		return ipc_fail(err, errno, "pipe");
	}
	s->fd[OSC_IPC_PARENT][1] = down[1];
	s->fd[OSC_IPC_CHILD_SIDE][0] = down[0];
	s->fd[OSC_IPC_CHILD_SIDE][1] = up[1];
	s->fd[OSC_IPC_PARENT][0] = up[0];
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_pipe = {
	.name = "pipe",
	.summary = "two anonymous pipes, one per direction",
	.explain =
	"before fork: pipe(down), pipe(up): two kernel pipe buffers (64 KiB each by\n"
	"default), reachable only through the inherited descriptors.\n"
	"parent: close(down[0]), close(up[1]); write(down[1]); read(up[0]).\n"
	"child:  close(down[1]), close(up[0]); read(down[0]); write(up[1]).\n"
	"read blocks while the pipe is empty, write while it is full; read returns\n"
	"0 (end of file) once every write end is closed.  Nothing is named, so\n"
	"nothing is left to remove.\n",
	.state_size = sizeof(struct sfd),
	.open = pipe_open,
	.attach = sfd_attach_plain,
	.send = sfd_send,
	.recv = sfd_recv,
	.close = sfd_close
};

/* fifo: two named pipes in the private directory. */
static int fifo_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct sfd *s = st;
	int i;

	sfd_init(s, su);
	for (i = 0; i < 2; i++) {
		snprintf(s->path[i], sizeof s->path[i], "%s/fifo-%s-%s", su->dir,
			 su->tag, i ? "up" : "down");
		if (mkfifo(s->path[i], 0600) < 0)
			return ipc_fail(err, errno, "mkfifo");
		s->slot[i] = osc_ipc_track(OSC_IPC_PATH, s->path[i], 0);
	}
	return OSC_OK;
}

static int open_retry(const char *path, int flags)
{
	int fd, e;

	while ((fd = open(path, flags | O_CLOEXEC)) < 0) {
		if (errno != EINTR)
			return -errno;
		if ((e = ipc_eintr()) != 0)
			return -e;
	}
	return fd;
}

/* Both sides open "down" first, then "up", so the opens pair up. */
static int fifo_attach(void *st, enum osc_ipc_side side, pid_t peer,
		       struct osc_error *err)
{
	struct sfd *s = st;
	bool par = side == OSC_IPC_PARENT;
	int d, u;

	(void)peer;
	if ((d = open_retry(s->path[0], par ? O_WRONLY : O_RDONLY)) < 0)
		return ipc_fail_attach(err, -d, "open fifo");
	if ((u = open_retry(s->path[1], par ? O_RDONLY : O_WRONLY)) < 0) {
		close(d);
		return ipc_fail_attach(err, -u, "open fifo");
	}
	s->fd[side][par ? 1 : 0] = d;
	s->fd[side][par ? 0 : 1] = u;
	if (par) {
		/* Both ends are open: the names are no longer needed. */
		osc_ipc_remove(s->slot[0]);
		osc_ipc_remove(s->slot[1]);
		s->slot[0] = s->slot[1] = -1;
	}
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_fifo = {
	.name = "fifo",
	.summary = "two named pipes (mkfifo) in the private directory",
	.explain =
	"before fork: mkfifo(DIR/fifo-TAG-down, 0600), mkfifo(DIR/fifo-TAG-up, 0600):\n"
	"two FIFO special files (mkfifo fails if the name exists, like O_EXCL).\n"
	"parent: open(down, O_WRONLY), open(up, O_RDONLY) (each open blocks until\n"
	"the child opens the other end), unlink(down), unlink(up); write(down);\n"
	"read(up).\n"
	"child:  open(down, O_RDONLY), open(up, O_WRONLY); read(down); write(up).\n"
	"After the opens the FIFOs behave exactly like pipes.\n",
	.state_size = sizeof(struct sfd),
	.open = fifo_open,
	.attach = fifo_attach,
	.send = sfd_send,
	.recv = sfd_recv,
	.close = sfd_close
};

/* socketpair: one connected pair of Unix stream sockets. */
static int spair_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct sfd *s = st;
	int sv[2];

	sfd_init(s, su);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return ipc_fail(err, errno, "socketpair");
	s->fd[OSC_IPC_PARENT][0] = s->fd[OSC_IPC_PARENT][1] = sv[0];
	s->fd[OSC_IPC_CHILD_SIDE][0] = s->fd[OSC_IPC_CHILD_SIDE][1] = sv[1];
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_socketpair = {
	.name = "socketpair",
	.summary = "a connected pair of Unix stream sockets",
	.explain =
	"before fork: socketpair(AF_UNIX, SOCK_STREAM, 0, sv): two connected,\n"
	"unnamed sockets, each with its own receive queue.\n"
	"parent: close(sv[1]); write(sv[0]); read(sv[0]).\n"
	"child:  close(sv[0]); read(sv[1]); write(sv[1]).\n"
	"One descriptor per side carries both directions.\n",
	.state_size = sizeof(struct sfd),
	.open = spair_open,
	.attach = sfd_attach_plain,
	.send = sfd_send,
	.recv = sfd_recv,
	.close = sfd_close
};

/* unix-stream and tcp: the parent listens, the child connects. */
static int listen_open(struct sfd *s, struct osc_ipc_setup *su,
		       struct osc_error *err)
{
	struct sockaddr_un *un = (struct sockaddr_un *)&s->addr;
	struct sockaddr_in *in = (struct sockaddr_in *)&s->addr;

	sfd_init(s, su);
	memset(&s->addr, 0, sizeof s->addr);
	if (s->domain == AF_UNIX) {
		un->sun_family = AF_UNIX;
		if (snprintf(un->sun_path, sizeof un->sun_path, "%s/sock-%s",
			     su->dir, su->tag) >= (int)sizeof un->sun_path)
			return ipc_fail(err, ENAMETOOLONG, "socket path");
		s->alen = sizeof *un;
	} else {
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		in->sin_port = 0;	/* ephemeral */
		s->alen = sizeof *in;
	}
	if ((s->lfd = socket(s->domain, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return ipc_fail(err, errno, "socket");
	if (bind(s->lfd, (struct sockaddr *)&s->addr, s->alen) < 0)
		return ipc_fail(err, errno, "bind");
	if (s->domain == AF_UNIX) {
		snprintf(s->path[0], sizeof s->path[0], "%s", un->sun_path);
		s->slot[0] = osc_ipc_track(OSC_IPC_PATH, s->path[0], 0);
		chmod(s->path[0], 0600);
	}
	if (listen(s->lfd, 1) < 0 ||
	    getsockname(s->lfd, (struct sockaddr *)&s->addr, &s->alen) < 0)
		return ipc_fail(err, errno, "listen");
	return OSC_OK;
}

static void nodelay(struct sfd *s, int fd)
{
	int one = 1;

	if (s->domain == AF_INET)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int listen_attach(void *st, enum osc_ipc_side side, pid_t peer,
			 struct osc_error *err)
{
	struct sfd *s = st;
	int fd, e;

	(void)peer;
	if (side == OSC_IPC_PARENT) {
		while ((fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC)) < 0) {
			if (errno != EINTR)
				return ipc_fail_attach(err, errno, "accept");
			if ((e = ipc_eintr()) != 0)
				return ipc_fail_attach(err, e, "accept");
		}
		ipc_close_fd(&s->lfd);
		osc_ipc_remove(s->slot[0]);
		s->slot[0] = -1;
	} else {
		ipc_close_fd(&s->lfd);
		if ((fd = socket(s->domain, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
			return ipc_fail_attach(err, errno, "socket");
		if (connect(fd, (struct sockaddr *)&s->addr, s->alen) < 0) {
			close(fd);
			return ipc_fail_attach(err, errno, "connect");
		}
	}
	nodelay(s, fd);
	s->fd[side][0] = s->fd[side][1] = fd;
	return OSC_OK;
}

static int ustream_open(void *st, struct osc_ipc_setup *su,
			struct osc_error *err)
{
	((struct sfd *)st)->domain = AF_UNIX;
	return listen_open(st, su, err);
}

static int tcp_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	((struct sfd *)st)->domain = AF_INET;
	return listen_open(st, su, err);
}

const struct osc_ipc_ops osc_ipc_unix_stream = {
	.name = "unix-stream",
	.summary = "Unix stream socket bound to a path, listen/accept/connect",
	.explain =
	"before fork: s = socket(AF_UNIX, SOCK_STREAM); bind(s, DIR/sock-TAG)\n"
	"(creates the socket file; fails if it exists); chmod 0600; listen(s, 1).\n"
	"parent: c = accept(s); close(s); unlink(DIR/sock-TAG); write(c); read(c).\n"
	"child:  close(s); c = socket(AF_UNIX, SOCK_STREAM); connect(c, path);\n"
	"read(c); write(c).\n",
	.state_size = sizeof(struct sfd),
	.open = ustream_open,
	.attach = listen_attach,
	.send = sfd_send,
	.recv = sfd_recv,
	.close = sfd_close
};

const struct osc_ipc_ops osc_ipc_tcp = {
	.name = "tcp",
	.summary = "TCP connection over 127.0.0.1, ephemeral port, TCP_NODELAY",
	.explain =
	"before fork: s = socket(AF_INET, SOCK_STREAM); bind(s, 127.0.0.1:0) (the\n"
	"kernel picks an ephemeral port); listen(s, 1); getsockname(s).\n"
	"parent: c = accept(s); close(s); setsockopt(c, TCP_NODELAY); write(c);\n"
	"read(c).\n"
	"child:  close(s); c = socket(AF_INET, SOCK_STREAM); connect(c, 127.0.0.1:\n"
	"PORT); setsockopt(c, TCP_NODELAY); read(c); write(c).\n"
	"Data goes through the whole TCP/IP stack and the loopback device.\n",
	.state_size = sizeof(struct sfd),
	.open = tcp_open,
	.attach = listen_attach,
	.send = sfd_send,
	.recv = sfd_recv,
	.close = sfd_close
};
