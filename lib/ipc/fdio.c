/* fdio.c: exact reads and writes on descriptors, bounded by the run's deadline. */
#include <config.h>

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc-int.h"

int ipc_eintr(void)
{
	return osc_ipc_interrupted();
}

int ipc_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;
	int e;

	while (len > 0) {
		n = write(fd, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			if ((e = ipc_eintr()) != 0)
				return e;
		} else {
			return n < 0 ? errno : EPIPE;
		}
	}
	return 0;
}

int ipc_read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;
	int e;

	while (len > 0) {
		n = read(fd, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n == 0) {
			return EPIPE;
		} else if (errno == EINTR) {
			if ((e = ipc_eintr()) != 0)
				return e;
		} else {
			return errno;
		}
	}
	return 0;
}

int ipc_send_dgram(int fd, const void *buf, size_t len)
{
	ssize_t n;
	int e;

	for (;;) {
		n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			return EPROTO;
		if (errno == ECONNREFUSED)
			return EPIPE;
		if (errno != EINTR && errno != ENOBUFS)
			return errno;
		if (errno == EINTR && (e = ipc_eintr()) != 0)
			return e;
	}
}

int ipc_recv_dgram(int fd, void *buf, size_t len)
{
	ssize_t n;
	int e;

	for (;;) {
		n = recv(fd, buf, len, MSG_TRUNC);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			return EPROTO;
		if (errno == ECONNREFUSED)
			return EPIPE;
		if (errno != EINTR)
			return errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
}

void ipc_close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

int ipc_fail(struct osc_error *err, int e, const char *what)
{
	enum osc_status st = OSC_EOS;

	if (e == ENOSYS || e == EPERM || e == EACCES || e == ENOENT ||
	    e == EAFNOSUPPORT || e == EOPNOTSUPP)
		st = OSC_EUNAVAIL;
	return osc_error_sys(err, st, e, NULL, "%s", what);
}

int ipc_fail_attach(struct osc_error *err, int e, const char *what)
{
	return osc_error_sys(err, OSC_EOS, e, NULL, "%s", what);
}
