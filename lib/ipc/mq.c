/* mq.c: message queues: POSIX (mq_open) and System V (msgget). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/random.h>
#include <unistd.h>

#include "ipc-int.h"

/* POSIX: q[0] carries parent -> child, q[1] child -> parent. */
struct pmq {
	mqd_t q[2];
	size_t msgsize;
	char *scratch;		/* for chunks shorter than msgsize */
};

static int pmq_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct pmq *m = st;
	struct mq_attr attr;
	char name[OSC_IPC_NAME_MAX];
	uint64_t maxmsg = osc_ipc_proc_limit("/proc/sys/fs/mqueue/msg_max", 10);
	uint64_t maxsize = osc_ipc_proc_limit("/proc/sys/fs/mqueue/msgsize_max",
					      8192);
	int i, slot, e;

	m->q[0] = m->q[1] = (mqd_t)-1;
	memset(&attr, 0, sizeof attr);
	attr.mq_maxmsg = (long)(maxmsg < 10 ? maxmsg : 10);
	m->msgsize = su->chunk < maxsize ? su->chunk : (size_t)maxsize;
	if (m->msgsize < 8)
		m->msgsize = 8;
	attr.mq_msgsize = (long)m->msgsize;
	if (!(m->scratch = malloc(m->msgsize)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof name, "/osc-%s-%s", su->tag, i ? "up" : "down");
		m->q[i] = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
				  0600, &attr);
		/* EMFILE here is RLIMIT_MSGQUEUE (a handful of descriptors
		 * are open): the system refuses queues to this user. */
		if (m->q[i] == (mqd_t)-1 && errno == EMFILE)
			return osc_error_sys(err, OSC_EUNAVAIL, errno, NULL,
					     "mq_open (RLIMIT_MSGQUEUE)");
		if (m->q[i] == (mqd_t)-1)
			return ipc_fail(err, errno, "mq_open");
		/* The descriptors survive fork; the name is not needed. */
		slot = osc_ipc_track(OSC_IPC_MQ, name, 0);
		if ((e = osc_ipc_remove(slot)) != 0)
			return ipc_fail(err, e, "mq_unlink");
	}
	su->max_chunk = m->msgsize;
	return OSC_OK;
}

static int pmq_attach(void *st, enum osc_ipc_side side, pid_t peer,
		      struct osc_error *err)
{
	(void)st;
	(void)side;
	(void)peer;
	(void)err;
	return OSC_OK;
}

static int pmq_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct pmq *m = st;
	mqd_t q = m->q[side == OSC_IPC_PARENT ? 0 : 1];
	int e;

	while (mq_send(q, buf, len, 0) < 0) {
		if (errno != EINTR)
			return errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
	return 0;
}

static int pmq_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct pmq *m = st;
	mqd_t q = m->q[side == OSC_IPC_PARENT ? 1 : 0];
	char *into = len == m->msgsize ? buf : m->scratch;
	ssize_t n;
	int e;

	while ((n = mq_receive(q, into, m->msgsize, NULL)) < 0) {
		if (errno != EINTR)
			return errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
	if ((size_t)n != len)
		return EPROTO;
	if (into != buf)
		memcpy(buf, into, len);
	return 0;
}

static void pmq_close(void *st, enum osc_ipc_side side)
{
	struct pmq *m = st;
	int i;

	(void)side;
	for (i = 0; i < 2; i++)
		if (m->q[i] != (mqd_t)-1) {
			mq_close(m->q[i]);
			m->q[i] = (mqd_t)-1;
		}
	free(m->scratch);
	m->scratch = NULL;
}

const struct osc_ipc_ops osc_ipc_mq_posix = {
	.name = "mq-posix",
	.summary = "two POSIX message queues, one per direction",
	.explain =
	"before fork: mq_open(\"/osc-TAG-down\") and mq_open(\"/osc-TAG-up\") with\n"
	"O_CREAT|O_EXCL, mode 0600, mq_maxmsg = min(10, fs.mqueue.msg_max) and\n"
	"mq_msgsize = min(--size, fs.mqueue.msgsize_max) (read from /proc at run\n"
	"time; 8192 by default, so larger messages are split); mq_unlink both names\n"
	"at once: the queue descriptors, inherited by fork, keep them alive.\n"
	"parent: mq_send(down); mq_receive(up).\n"
	"child:  mq_receive(down); mq_send(up).\n"
	"mq_send blocks when the queue holds mq_maxmsg messages, mq_receive when\n"
	"it is empty.  The kernel copies each message in and out.\n",
	.state_size = sizeof(struct pmq),
	.open = pmq_open,
	.attach = pmq_attach,
	.send = pmq_send,
	.recv = pmq_recv,
	.close = pmq_close
};

/* SysV: one queue; type 1 goes to the child, type 2 to the parent. */
struct smq {
	int id;
	int slot;
	size_t max;
	struct msgbuf_ {
		long mtype;
		char mtext[];
	} *mb;
};

key_t ipc_sysv_key(int attempt)
{
	uint16_t r = 0;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r = (uint16_t)(attempt * 40503u);
	return (key_t)(((uint32_t)getpid() << 16 ^ r) & 0x7fffffff) | 1;
}

static int smq_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct smq *m = st;
	uint64_t msgmax = osc_ipc_proc_limit("/proc/sys/kernel/msgmax", 8192);
	uint64_t msgmnb = osc_ipc_proc_limit("/proc/sys/kernel/msgmnb", 16384);
	int attempt;

	m->slot = -1;
	m->id = -1;
	if (msgmnb < msgmax)
		msgmax = msgmnb;
	m->max = su->chunk < msgmax ? su->chunk : (size_t)msgmax;
	if (m->max < 1)
		m->max = 1;
	if (!(m->mb = malloc(sizeof *m->mb + m->max)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	for (attempt = 0; attempt < 32; attempt++) {
		m->id = msgget(ipc_sysv_key(attempt),
			       IPC_CREAT | IPC_EXCL | 0600);
		if (m->id >= 0 || errno != EEXIST)
			break;
	}
	if (m->id < 0)
		return ipc_fail(err, errno, "msgget");
	m->slot = osc_ipc_track(OSC_IPC_SYSV_MSG, NULL, m->id);
	su->max_chunk = m->max;
	return OSC_OK;
}

static int smq_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct smq *m = st;
	int e;

	m->mb->mtype = side == OSC_IPC_PARENT ? 1 : 2;
	memcpy(m->mb->mtext, buf, len);
	while (msgsnd(m->id, m->mb, len, 0) < 0) {
		if (errno != EINTR)
			return errno == EIDRM ? EPIPE : errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
	return 0;
}

static int smq_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct smq *m = st;
	long type = side == OSC_IPC_PARENT ? 2 : 1;
	ssize_t n;
	int e;

	while ((n = msgrcv(m->id, m->mb, m->max, type, 0)) < 0) {
		if (errno != EINTR)
			return errno == EIDRM ? EPIPE : errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
	if ((size_t)n != len)
		return EPROTO;
	memcpy(buf, m->mb->mtext, len);
	return 0;
}

static void smq_close(void *st, enum osc_ipc_side side)
{
	struct smq *m = st;

	if (side == OSC_IPC_PARENT) {
		osc_ipc_remove(m->slot);
		m->slot = -1;
	}
	free(m->mb);
	m->mb = NULL;
}

const struct osc_ipc_ops osc_ipc_mq_sysv = {
	.name = "mq-sysv",
	.summary = "one System V message queue, message type = direction",
	.explain =
	"before fork: id = msgget(KEY, IPC_CREAT|IPC_EXCL|0600), KEY made of the\n"
	"pid and a random suffix (a new one if it exists).  The largest message is\n"
	"min(--size, kernel.msgmax, kernel.msgmnb) (read from /proc at run time;\n"
	"8192 by default), so larger messages are split.\n"
	"parent: msgsnd(id, type 1); msgrcv(id, type 2).\n"
	"child:  msgrcv(id, type 1); msgsnd(id, type 2).\n"
	"at the end (or on error or signal): msgctl(id, IPC_RMID): the queue has\n"
	"no file descriptor and lives until removed (see ipcs -q).\n",
	.state_size = sizeof(struct smq),
	.open = smq_open,
	.attach = pmq_attach,
	.send = smq_send,
	.recv = smq_recv,
	.close = smq_close
};
