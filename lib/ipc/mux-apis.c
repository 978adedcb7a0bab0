/* mux-apis.c: the readiness APIs of io-mux: select, poll, epoll level- and edge-triggered. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#include "ipc-int.h"

/* select: one fd_set rebuilt by copy before every call. */
struct sel {
	fd_set all;
	int maxfd;
};

static int sel_init(void *st, int maxfd)
{
	struct sel *s = st;

	FD_ZERO(&s->all);
	s->maxfd = -1;
	return maxfd > FD_SETSIZE ? EMFILE : 0;
}

static int sel_add(void *st, int fd)
{
	struct sel *s = st;

	/* FD_SET past FD_SETSIZE writes outside the set: refuse. */
	if (fd < 0 || fd >= FD_SETSIZE)
		return EBADF;
	FD_SET(fd, &s->all);
	if (fd > s->maxfd)
		s->maxfd = fd;
	return 0;
}

static void sel_del(void *st, int fd)
{
	struct sel *s = st;

	FD_CLR(fd, &s->all);
}

static int sel_wait(void *st, int *ready, int max, int ms)
{
	struct sel *s = st;
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
	fd_set rd = s->all;
	int n, fd, k = 0;

	n = select(s->maxfd + 1, &rd, NULL, NULL, &tv);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	/* select says how many, not which: scan every descriptor. */
	for (fd = 0; fd <= s->maxfd && k < n && k < max; fd++)
		if (FD_ISSET(fd, &rd))
			ready[k++] = fd;
	return k;
}

static void nop_fini(void *st)
{
	(void)st;
}

const struct osc_mux_ops osc_mux_select = {
	.name = "select",
	.summary = "select(2) over an fd_set (at most FD_SETSIZE = 1024 descriptors)",
	.explain =
	"server: FD_SET(listener) and every accepted socket in a master fd_set;\n"
	"each turn: copy it (select overwrites its argument), select(maxfd + 1,\n"
	"&copy, NULL, NULL, &timeout), then test FD_ISSET for every descriptor up\n"
	"to maxfd: O(maxfd) per call in the kernel and in the program.  An fd_set\n"
	"is a fixed bitmap of FD_SETSIZE (1024) bits: a descriptor >= 1024 cannot\n"
	"be watched (io-mux refuses it instead of writing past the set).\n"
	"ready listener: accept(); ready socket: read(), write() the same bytes\n"
	"back; read() == 0: close() and FD_CLR.\n",
	.state_size = sizeof(struct sel),
	.init = sel_init,
	.add = sel_add,
	.del = sel_del,
	.wait = sel_wait,
	.fini = nop_fini
};

/* poll: an array of pollfd; pos[fd] is each descriptor's index. */
struct pol {
	struct pollfd *v;
	int *pos;
	int n, cap;
};

static int pol_init(void *st, int maxfd)
{
	struct pol *p = st;
	int i;

	p->cap = maxfd + 1;
	p->v = calloc((size_t)p->cap, sizeof *p->v);
	p->pos = malloc((size_t)p->cap * sizeof *p->pos);
	if (!p->v || !p->pos)
		return ENOMEM;
	for (i = 0; i < p->cap; i++)
		p->pos[i] = -1;
	return 0;
}

/* Room for descriptor fd (descriptors need not be contiguous). */
static int pol_grow(struct pol *p, int fd)
{
	int cap = p->cap * 2 > fd + 1 ? p->cap * 2 : fd + 1, i;
	struct pollfd *v = realloc(p->v, (size_t)cap * sizeof *v);
	int *pos;

	if (!v)
		return ENOMEM;
	p->v = v;
	if (!(pos = realloc(p->pos, (size_t)cap * sizeof *pos)))
		return ENOMEM;
	p->pos = pos;
	for (i = p->cap; i < cap; i++)
		p->pos[i] = -1;
	p->cap = cap;
	return 0;
}

static int pol_add(void *st, int fd)
{
	struct pol *p = st;
	int e;

	if (fd < 0)
		return EBADF;
	if ((fd >= p->cap || p->n == p->cap) && (e = pol_grow(p, fd)) != 0)
		return e;
	p->v[p->n].fd = fd;
	p->v[p->n].events = POLLIN;
	p->pos[fd] = p->n++;
	return 0;
}

static void pol_del(void *st, int fd)
{
	struct pol *p = st;
	int i = p->pos[fd];

	if (i < 0)
		return;
	p->v[i] = p->v[--p->n];	/* the last one fills the hole */
	p->pos[p->v[i].fd] = i;
	p->pos[fd] = -1;
}

static int pol_wait(void *st, int *ready, int max, int ms)
{
	struct pol *p = st;
	int n, i, k = 0;

	n = poll(p->v, (nfds_t)p->n, ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < p->n && k < n && k < max; i++)
		if (p->v[i].revents)
			ready[k++] = p->v[i].fd;
	return k;
}

static void pol_fini(void *st)
{
	struct pol *p = st;

	free(p->v);
	free(p->pos);
	p->v = NULL;
	p->pos = NULL;
}

const struct osc_mux_ops osc_mux_poll = {
	.name = "poll",
	.summary = "poll(2) over an array of struct pollfd",
	.explain =
	"server: an array of struct pollfd {fd, events = POLLIN} for the listener\n"
	"and every accepted socket; each turn: poll(array, n, timeout), then scan\n"
	"the array for revents != 0.  No FD_SETSIZE limit, but the whole array is\n"
	"copied into the kernel and checked on every call: O(n) per wakeup.\n"
	"ready listener: accept(); ready socket: read(), write() back; read() == 0:\n"
	"close() and remove the entry (the last entry fills the hole).\n",
	.state_size = sizeof(struct pol),
	.init = pol_init,
	.add = pol_add,
	.del = pol_del,
	.wait = pol_wait,
	.fini = pol_fini
};

/* epoll: the kernel keeps the interest list. */
struct ep {
	int fd;
	bool et;
	struct epoll_event *ev;
	int cap;
};

static int ep_init(void *st, int maxfd)
{
	struct ep *e = st;

	e->fd = -1;
	e->cap = 256;
	(void)maxfd;
	if (!(e->ev = malloc((size_t)e->cap * sizeof *e->ev)))
		return ENOMEM;
	if ((e->fd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return errno;
	return 0;
}

static int ep_add(void *st, int fd)
{
	struct ep *e = st;
	struct epoll_event ev = { .events = EPOLLIN | (e->et ? EPOLLET : 0) };

	ev.data.fd = fd;
	return epoll_ctl(e->fd, EPOLL_CTL_ADD, fd, &ev) < 0 ? errno : 0;
}

static void ep_del(void *st, int fd)
{
	struct ep *e = st;

	epoll_ctl(e->fd, EPOLL_CTL_DEL, fd, NULL);
}

static int ep_wait(void *st, int *ready, int max, int ms)
{
	struct ep *e = st;
	int n, i;

	if (max > e->cap)
		max = e->cap;
	n = epoll_wait(e->fd, e->ev, max, ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++)
		ready[i] = e->ev[i].data.fd;
	return n;
}

static void ep_fini(void *st)
{
	struct ep *e = st;

	if (e->fd >= 0)
		close(e->fd);
	e->fd = -1;
	free(e->ev);
	e->ev = NULL;
}

static int eplt_init(void *st, int maxfd)
{
	((struct ep *)st)->et = false;
	return ep_init(st, maxfd);
}

static int epet_init(void *st, int maxfd)
{
	((struct ep *)st)->et = true;
	return ep_init(st, maxfd);
}

const struct osc_mux_ops osc_mux_epoll_lt = {
	.name = "epoll-lt",
	.summary = "epoll(7), level-triggered",
	.explain =
	"server: efd = epoll_create1(0); epoll_ctl(efd, EPOLL_CTL_ADD, fd,\n"
	"{EPOLLIN}) once per descriptor: the kernel keeps the interest list and a\n"
	"ready list.  Each turn: epoll_wait(efd, events, max, timeout) returns only\n"
	"the ready descriptors: O(ready) per wakeup.  Level-triggered: a socket\n"
	"with unread data is reported again on the next call.\n"
	"ready socket: read(), write() back; read() == 0: close() (which also\n"
	"removes it from the interest list).\n",
	.state_size = sizeof(struct ep),
	.init = eplt_init,
	.add = ep_add,
	.del = ep_del,
	.wait = ep_wait,
	.fini = ep_fini
};

const struct osc_mux_ops osc_mux_epoll_et = {
	.name = "epoll-et",
	.summary = "epoll(7), edge-triggered, non-blocking sockets drained to EAGAIN",
	.explain =
	"server: as epoll-lt, with {EPOLLIN | EPOLLET} and O_NONBLOCK sockets.\n"
	"Edge-triggered: epoll_wait reports a socket once when new data arrives,\n"
	"not again while data stays unread.  So on each report the server must\n"
	"drain: read() until EAGAIN (and accept() until EAGAIN on the listener).\n"
	"With --no-drain it reads only part of a message per report; the rest sits\n"
	"in the socket, no new edge comes because the client waits for its echo,\n"
	"and the connection stalls until the timeout.\n",
	.edge = true,
	.state_size = sizeof(struct ep),
	.init = epet_init,
	.add = ep_add,
	.del = ep_del,
	.wait = ep_wait,
	.fini = ep_fini
};

const struct osc_mux_ops *const osc_mux_apis[] = {
	&osc_mux_select, &osc_mux_poll, &osc_mux_epoll_lt, &osc_mux_epoll_et,
	NULL
};

const struct osc_mux_ops *osc_mux_lookup(const char *name)
{
	const struct osc_mux_ops *const *a;

	for (a = osc_mux_apis; *a; a++)
		if (strcmp((*a)->name, name) == 0)
			return *a;
	return NULL;
}
