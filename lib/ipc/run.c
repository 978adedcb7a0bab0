/* run.c: the one driver of every mechanism: fork, ping-pong or stream, verify, clean up. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdnoreturn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc-int.h"

struct run {
	const struct osc_ipc_ops *ops;
	void *st;
	struct osc_ipc_setup su;
	enum osc_ipc_side side;
	uint64_t sent, received;	/* chunks, for the lossy window */
	const char *call;	/* what failed with an errno value, for the row */
	char callbuf[64];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Lossy channels (UDP) stop after `window` chunks until the receiver
 * acknowledges them, so its socket buffer never overflows. */
static int window_send(struct run *r)
{
	char ack;

	if (!(r->ops->flags & OSC_IPC_LOSSY) || ++r->sent % r->su.window)
		return 0;
	return r->ops->recv(r->st, r->side, &ack, 1);
}

static int window_recv(struct run *r)
{
	char ack = 'a';

	if (!(r->ops->flags & OSC_IPC_LOSSY) || ++r->received % r->su.window)
		return 0;
	return r->ops->send(r->st, r->side, &ack, 1);
}

static int send_msg(struct run *r, const unsigned char *buf, size_t len,
		    bool windowed)
{
	size_t off, n;
	int e;

	for (off = 0; off < len; off += n) {
		n = len - off < r->su.max_chunk ? len - off : r->su.max_chunk;
		if ((e = r->ops->send(r->st, r->side, buf + off, n)) != 0) {
			r->call = "send";
			return e;
		}
		if (windowed && (e = window_send(r)) != 0) {
			r->call = "receive (window)";
			return e;
		}
	}
	return 0;
}

static int recv_msg(struct run *r, unsigned char *buf, size_t len,
		    bool windowed)
{
	size_t off, n;
	int e;

	for (off = 0; off < len; off += n) {
		n = len - off < r->su.max_chunk ? len - off : r->su.max_chunk;
		if ((e = r->ops->recv(r->st, r->side, buf + off, n)) != 0) {
			r->call = "receive";
			return e;
		}
		if (windowed && (e = window_recv(r)) != 0) {
			r->call = "send (window)";
			return e;
		}
	}
	return 0;
}

/*
 * The checksum of a message: s1 = sum of its 64-bit words (then of its
 * tail bytes), s2 = sum of the running values of s1 (Fletcher's scheme
 * on words), so every byte and the order of the words count.  The first
 * word is the sequence number; with the same payload, a message numbered
 * seq has s1 = seq + P1 and s2 = terms * seq + P2, where P1, P2 are the
 * sums with sequence number 0: the receiver checks every message
 * without knowing more than the payload.
 */
struct sum {
	uint64_t s1, s2, terms;
};

/*
 * Over n words w[0..n-1], s2 = sum of (n - j) * w[j].  Dealt round-robin
 * to L lanes (word j to lane j % L), each lane keeps its own Fletcher
 * pair: a[l] = sum of its words, b[l] = sum of its running a[l].  Lane l
 * holds words L*i + l for i < m = n / L, so b[l] = sum of (m - i) *
 * w[L*i + l], and then
 *	s2 = sum over l of (L * b[l] - l * a[l]),	s1 = sum of a[l],
 * exactly (all of it modulo 2^64).  Here L = 8: four vectors of two
 * words, independent, two vector additions per vector of words, so the
 * sum keeps pace with the loads where the serial loop was bound by its
 * one-word-per-cycle chain of additions.  (Two-word vectors are what
 * every x86-64 has; wider generic vectors end up in memory.)
 */
typedef uint64_t v2_t __attribute__((vector_size(16)));

static void lane_add(struct sum *s, v2_t a, v2_t b, unsigned first)
{
	unsigned e;

	for (e = 0; e < 2; e++) {
		s->s1 += a[e];
		s->s2 += 8 * b[e] - (first + e) * a[e];
	}
}

static struct sum checksum(const unsigned char *p, size_t len)
{
	struct sum s = { 0, 0, 0 };
	v2_t a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, w0, w1, w2, w3;
	v2_t b0 = { 0 }, b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
	size_t i;
	uint64_t x;

	for (i = 0; i + 64 <= len; i += 64) {
		memcpy(&w0, p + i, 16);
		memcpy(&w1, p + i + 16, 16);
		memcpy(&w2, p + i + 32, 16);
		memcpy(&w3, p + i + 48, 16);
		a0 += w0;
		a1 += w1;
		a2 += w2;
		a3 += w3;
		b0 += a0;
		b1 += a1;
		b2 += a2;
		b3 += a3;
	}
	lane_add(&s, a0, b0, 0);
	lane_add(&s, a1, b1, 2);
	lane_add(&s, a2, b2, 4);
	lane_add(&s, a3, b3, 6);
	for (; i + 8 <= len; i += 8) {
		memcpy(&x, p + i, 8);
		s.s1 += x;
		s.s2 += s.s1;
	}
	for (; i < len; i++) {
		s.s1 += p[i];
		s.s2 += s.s1;
	}
	s.terms = len / 8 + len % 8;
	return s;
}

static void fill_pattern(unsigned char *buf, size_t len, uint64_t seed)
{
	uint64_t x = seed;
	size_t i;

	for (i = 0; i < len; i++) {
		/* splitmix64 (Steele, Lea and Flood, 2014) */
		uint64_t z = (x += 0x9e3779b97f4a7c15u);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
		buf[i] = (unsigned char)(z ^ (z >> 31));
	}
}

static void put_seq(unsigned char *buf, size_t len, uint64_t seq)
{
	memcpy(buf, &seq, len < 8 ? len : 8);
}

/* The child's side of a latency run: echo every message. */
static int child_latency(struct run *r, unsigned char *buf, size_t size,
			 uint64_t trips)
{
	/* A message of several datagrams needs the window both ways. */
	bool w = size > r->su.max_chunk;
	uint64_t i;
	int e;

	for (i = 0; i < trips; i++) {
		if ((e = recv_msg(r, buf, size, w)) != 0 ||
		    (e = send_msg(r, buf, size, w)) != 0)
			return e;
	}
	return 0;
}

/* The child's side of a throughput run: wait for "go", then stream. */
static int child_stream(struct run *r, unsigned char *buf, size_t size,
			uint64_t msgs)
{
	unsigned char go[8];
	size_t golen = r->su.max_chunk < 8 ? r->su.max_chunk : 8;
	uint64_t i;
	int e;

	void *slot;

	if ((e = recv_msg(r, go, golen, false)) != 0)
		return e;
	for (i = 0; i < msgs; i++) {
		memcpy(buf, &i, 8);
		if (r->ops->send_view && size <= r->su.max_chunk) {
			/* Zero-copy: build the message in the shared slot. */
			if ((e = r->ops->send_view(r->st, r->side, &slot, size)) != 0)
				return e;
			memcpy(slot, buf, size);
			e = r->ops->send_done(r->st, r->side, size);
		} else {
			e = send_msg(r, buf, size, true);
		}
		if (e)
			return e;
	}
	return 0;
}

static int latency_parent(struct run *r, const struct osc_ipc_params *p,
			  unsigned char *out, unsigned char *in, size_t size,
			  uint64_t *ns, struct osc_ipc_result *res)
{
	uint64_t i, t0, bad = 0, trips = p->warmup + p->count;
	bool w = size > r->su.max_chunk;
	int e;

	for (i = 0; i < trips; i++) {
		/* A channel that never blocks never sees the timer's EINTR:
		 * look at the deadline on every turn (two loads). */
		if ((e = osc_ipc_interrupted()) != 0)
			return e;
		put_seq(out, size, i + 1);
		t0 = now_ns();
		if ((e = send_msg(r, out, size, w)) != 0 ||
		    (e = recv_msg(r, in, size, w)) != 0)
			return e;
		if (i >= p->warmup)
			ns[i - p->warmup] = now_ns() - t0;
		bad += memcmp(out, in, size) != 0;
	}
	if (bad)
		snprintf(res->error, sizeof res->error,
			 "%llu echoes differ from what was sent",
			 (unsigned long long)bad);
	return 0;
}

static int stream_parent(struct run *r, unsigned char *buf, size_t size,
			 uint64_t msgs, struct sum base,
			 struct osc_ipc_result *res)
{
	unsigned char go[8] = "go";
	size_t golen = r->su.max_chunk < 8 ? r->su.max_chunk : 8;
	uint64_t i, bad = 0, first = 0;
	struct sum s;
	int e;

	if ((e = send_msg(r, go, golen, false)) != 0)
		return e;
	const void *view;
	bool zc = r->ops->recv_view && size <= r->su.max_chunk;

	for (i = 0; i < msgs; i++) {
		if ((e = osc_ipc_interrupted()) != 0)
			return e;
		if (zc) {
			/* Zero-copy: check the message where it lies. */
			r->call = "receive";
			if ((e = r->ops->recv_view(r->st, r->side, &view, size)) != 0)
				return e;
			s = checksum(view, size);
			if ((e = r->ops->recv_done(r->st, r->side)) != 0)
				return e;
			r->call = NULL;
		} else {
			if ((e = recv_msg(r, buf, size, true)) != 0)
				return e;
			s = checksum(buf, size);
		}
		if (s.s1 != i + base.s1 || s.s2 != s.terms * i + base.s2) {
			if (!bad++)
				first = i;
		}
	}
	if (bad)
		snprintf(res->error, sizeof res->error,
			 "%llu of %llu messages failed the sequence or checksum "
			 "check (first: message %llu)", (unsigned long long)bad,
			 (unsigned long long)msgs, (unsigned long long)first);
	return 0;
}

/* The row's error for errno value e; call names what failed (NULL: the
 * run as a whole, e.g. a signal). */
static void describe(struct osc_ipc_result *res, int e, unsigned timeout,
		     const char *call)
{
	if (res->error[0])
		return;
	if (e == ETIMEDOUT) {
		res->timed_out = true;
		snprintf(res->error, sizeof res->error,
			 "timed out after %u s; child killed", timeout);
	} else if (e == ECHILD || e == EPIPE) {
		snprintf(res->error, sizeof res->error,
			 "the child exited before the end of the run");
	} else if (e == EPROTO) {
		snprintf(res->error, sizeof res->error,
			 "a message arrived with the wrong size");
	} else if (call) {
		snprintf(res->error, sizeof res->error, "%s: %s", call,
			 strerror(e));
	} else {
		snprintf(res->error, sizeof res->error, "%s", strerror(e));
	}
}

/* Child status: 0, or the errno value that ended it. */
static void child_status(struct osc_ipc_result *res, int status)
{
	if (res->error[0])
		return;
	if (WIFSIGNALED(status))
		snprintf(res->error, sizeof res->error,
			 "the child was killed by signal %d", WTERMSIG(status));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		snprintf(res->error, sizeof res->error, "the child failed: %s",
			 strerror(WEXITSTATUS(status)));
}

struct bufs {
	unsigned char *a, *b;
	uint64_t *ns;
};

static int alloc_bufs(struct bufs *b, enum osc_ipc_mode mode, size_t size,
		      uint64_t count)
{
	b->a = malloc(size);
	b->b = malloc(size);
	b->ns = mode == OSC_IPC_LATENCY ? malloc((count ? count : 1) * 8) : NULL;
	if (!b->a || !b->b || (mode == OSC_IPC_LATENCY && !b->ns))
		return OSC_ENOMEM;
	return OSC_OK;
}

static void free_bufs(struct bufs *b)
{
	free(b->a);
	free(b->b);
	free(b->ns);
}

static noreturn void child_main(struct run *r, enum osc_ipc_mode mode,
				const struct osc_ipc_params *p, struct bufs *b,
				size_t size, uint64_t msgs)
{
	struct osc_error err;
	int e;

	r->side = OSC_IPC_CHILD_SIDE;
	if (r->ops->attach(r->st, r->side, getppid(), &err) != OSC_OK)
		_exit(err.sys_errno > 0 && err.sys_errno < 126 ? err.sys_errno : 125);
	if (mode == OSC_IPC_LATENCY)
		e = child_latency(r, b->a, size, p->warmup + p->count);
	else
		e = child_stream(r, b->a, size, msgs);
	r->ops->close(r->st, r->side);
	_exit(e > 0 && e < 126 ? e : e ? 125 : 0);
}

static int parent_main(struct run *r, enum osc_ipc_mode mode,
		       const struct osc_ipc_params *p, struct bufs *b,
		       size_t size, uint64_t msgs, pid_t pid,
		       struct osc_ipc_result *res)
{
	struct osc_error err;
	struct sum base;
	uint64_t t0;
	int e;

	r->side = OSC_IPC_PARENT;
	if (r->ops->attach(r->st, r->side, pid, &err) != OSC_OK) {
		if (!err.sys_errno) {
			snprintf(res->error, sizeof res->error, "%s", err.msg);
			return EIO;
		}
		snprintf(r->callbuf, sizeof r->callbuf, "%s", err.msg);
		r->call = r->callbuf;
		return err.sys_errno;
	}
	if (mode == OSC_IPC_LATENCY) {
		t0 = now_ns();
		e = latency_parent(r, p, b->a, b->b, size, b->ns, res);
	} else {
		memcpy(b->b, b->a, size);
		memset(b->b, 0, 8);
		base = checksum(b->b, size);
		t0 = now_ns();
		e = stream_parent(r, b->b, size, msgs, base, res);
	}
	res->seconds = (double)(now_ns() - t0) / 1e9;
	return e;
}

static void summarize(enum osc_ipc_mode mode, const struct osc_ipc_params *p,
		      struct bufs *b, size_t size, struct osc_ipc_result *res)
{
	uint64_t i, total = 0;

	if (mode == OSC_IPC_LATENCY) {
		for (i = 0; i < p->count; i++)
			total += b->ns[i];
		osc_ipc_sort(b->ns, p->count);
		res->p50_us = (double)osc_ipc_quantile(b->ns, p->count, 0.5) / 1e3;
		res->p99_us = (double)osc_ipc_quantile(b->ns, p->count, 0.99) / 1e3;
		res->seconds = (double)total / 1e9;
	} else if (res->seconds > 0) {
		res->mb_per_s = (double)res->count * (double)size / 1e6 /
			res->seconds;
		res->msgs_per_s = (double)res->count / res->seconds;
	}
}

static void open_failed(const struct osc_error *err, struct osc_ipc_result *res)
{
	res->unavailable = err->status == OSC_EUNAVAIL;
	if (err->sys_errno)
		snprintf(res->error, sizeof res->error, "%.120s: %.120s", err->msg,
			 strerror(err->sys_errno));
	else
		snprintf(res->error, sizeof res->error, "%s", err->msg);
}

int osc_ipc_run(const struct osc_ipc_ops *ops, enum osc_ipc_mode mode,
		const struct osc_ipc_params *p, struct osc_ipc_result *res)
{
	struct run r = { .ops = ops };
	struct bufs b = { NULL, NULL, NULL };
	struct osc_error err;
	char tag[32];
	size_t size = mode == OSC_IPC_LATENCY ? p->lat_size : p->tput_size;
	uint64_t msgs = 0;
	void (*oldpipe)(int);
	int slot = -1, status = 0, e, st = OSC_OK;
	pid_t pid;

	memset(res, 0, sizeof *res);
	osc_error_clear(&err);
	osc_ipc_tag(tag);
	r.su = (struct osc_ipc_setup){ .dir = p->dir, .tag = tag,
				       .chunk = size, .window = 1,
				       .throughput = mode == OSC_IPC_THROUGHPUT };
	if (!(r.st = calloc(1, ops->state_size)))
		return OSC_ENOMEM;
	osc_ipc_reset_flags();
	osc_ipc_deadline(p->timeout);
	if (ops->open(r.st, &r.su, &err) != OSC_OK) {
		open_failed(&err, res);
		ops->close(r.st, OSC_IPC_PARENT);
		goto out;
	}
	if (ops->flags & OSC_IPC_FIXED)
		size = r.su.max_chunk;
	if (r.su.window == 0)
		r.su.window = 1;
	res->size = size;
	if (mode == OSC_IPC_THROUGHPUT)
		msgs = (p->bytes + size - 1) / size;
	res->count = mode == OSC_IPC_LATENCY ? p->count : msgs;
	if ((st = alloc_bufs(&b, mode, size, p->count)) != OSC_OK) {
		ops->close(r.st, OSC_IPC_PARENT);
		goto out;
	}
	fill_pattern(b.a, size, p->seed);
	oldpipe = signal(SIGPIPE, SIG_IGN);
	pid = osc_ipc_fork(&slot);
	if (pid == 0)
		child_main(&r, mode, p, &b, size, msgs);
	if (pid < 0) {
		e = errno;
		r.call = "fork";
	} else {
		e = parent_main(&r, mode, p, &b, size, msgs, pid, res);
		if (e)
			osc_ipc_remove(slot);
		else if ((e = osc_ipc_reap(slot, pid, &status)) == 0)
			child_status(res, status);
		else
			r.call = "waitpid";
	}
	ops->close(r.st, OSC_IPC_PARENT);
	signal(SIGPIPE, oldpipe);
	if (e)
		describe(res, e, p->timeout, r.call);
	else
		summarize(mode, p, &b, size, res);
out:
	osc_ipc_deadline(0);
	res->verified = st == OSC_OK && res->error[0] == '\0';
	free_bufs(&b);
	free(r.st);
	return st;
}
