/* shm.c: shared-memory rings guarded by three semaphores: shm-posix and shm-sysv. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "ipc-int.h"

#define SLOT_MAX (1u << 20)
/*
 * A ring has MIN_SLOTS slots; in throughput mode, as many more as fit
 * in RING_BYTES, at most MAX_SLOTS: 16 slots of 64K.  More slots mean
 * the sender and the receiver meet less often at an empty or a full
 * ring, where one of them must wait (and perhaps sleep); the ring stays
 * small enough to live in the caches (L2 here is 1 or 2 MiB a core).
 * A ping-pong has one message in flight: 8 slots are plenty.
 */
#define MIN_SLOTS 8
#define MAX_SLOTS 1024
#define RING_BYTES (1u << 20)

/*
 * Two rings in one shared mapping: ring 0 carries parent -> child, ring 1
 * child -> parent.  Each is the bounded buffer of the producer-consumer
 * problem with three semaphores: mutex (1), full (0, filled slots) and
 * empty (nslots, free slots).
 */
enum { MUTEX, FULL, EMPTY, NSEM };

/* The sender moves head, the receiver tail: apart, on lines of their
 * own, and the size of a ring a multiple of 64 so that slots stay
 * aligned. */
struct ring {
	_Alignas(64) size_t head;	/* changed only under the ring's mutex */
	_Alignas(64) size_t tail;
	_Alignas(64) size_t len[MAX_SLOTS];
};

struct shm {
	unsigned char *base;	/* the mapping */
	size_t maplen, slot, nslots;
	bool sysv;
	sem_t *psem[2 * NSEM];	/* shm-posix */
	int semid, semslot;	/* shm-sysv */
	int spins;		/* sem_trywait attempts before sem_wait */
};

static struct ring *ring_of(struct shm *s, int r)
{
	return (struct ring *)(void *)(s->base + (size_t)r *
		(sizeof(struct ring) + s->nslots * s->slot));
}

static unsigned char *slot_of(struct shm *s, int r, size_t i)
{
	return (unsigned char *)(ring_of(s, r) + 1) + i * s->slot;
}

/*
 * sem_wait sleeps in the kernel (futex) when the count is 0; when the
 * other side runs on another CPU it usually posts within a microsecond,
 * so in throughput mode first try sem_trywait a bounded number of times,
 * as adaptive mutexes do.  On one CPU spinning only delays the other side,
 * and a ping-pong always waits a whole round trip: spins is 0 then.
 */
static int spin_wait(sem_t *sem, int spins)
{
	int i;

	for (i = 0; i < spins; i++)
		if (sem_trywait(sem) == 0)
			return 0;
	return sem_wait(sem);
}

static int sem_op(struct shm *s, int idx, int delta)
{
	struct sembuf op = { (unsigned short)idx, (short)delta, 0 };
	int e, rc;

	for (;;) {
		if (s->sysv)
			rc = semop(s->semid, &op, 1);
		else if (delta < 0)
			rc = spin_wait(s->psem[idx], s->spins);
		else
			rc = sem_post(s->psem[idx]);
		if (rc == 0)
			return 0;
		if (errno != EINTR)
			return errno == EIDRM ? EPIPE : errno;
		if ((e = ipc_eintr()) != 0)
			return e;
	}
}

static int shm_send(void *st, enum osc_ipc_side side, const void *buf,
		    size_t len)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 0 : 1, e;
	struct ring *g = ring_of(s, r);

	if ((e = sem_op(s, r * NSEM + EMPTY, -1)) != 0 ||
	    (e = sem_op(s, r * NSEM + MUTEX, -1)) != 0)
		return e;
	memcpy(slot_of(s, r, g->head), buf, len);
	g->len[g->head] = len;
	g->head = (g->head + 1) % s->nslots;
	if ((e = sem_op(s, r * NSEM + MUTEX, 1)) != 0)
		return e;
	return sem_op(s, r * NSEM + FULL, 1);
}

static int shm_recv(void *st, enum osc_ipc_side side, void *buf, size_t len)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 1 : 0, e;
	struct ring *g = ring_of(s, r);
	size_t got;

	if ((e = sem_op(s, r * NSEM + FULL, -1)) != 0 ||
	    (e = sem_op(s, r * NSEM + MUTEX, -1)) != 0)
		return e;
	got = g->len[g->tail];
	if (got == len)
		memcpy(buf, slot_of(s, r, g->tail), len);
	g->tail = (g->tail + 1) % s->nslots;
	if ((e = sem_op(s, r * NSEM + MUTEX, 1)) != 0 ||
	    (e = sem_op(s, r * NSEM + EMPTY, 1)) != 0)
		return e;
	return got == len ? 0 : EPROTO;
}

/*
 * The zero-copy variants keep the three-semaphore protocol but move the
 * copy out of the critical section: the mutex guards only the choice of
 * the slot (head or tail), and the slot belongs to the one side between
 * its wait and its post (full/empty), so no one else touches it.
 */
static int shm_send_view(void *st, enum osc_ipc_side side, void **p,
			 size_t len)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 0 : 1, e;
	struct ring *g = ring_of(s, r);
	size_t i;

	if ((e = sem_op(s, r * NSEM + EMPTY, -1)) != 0 ||
	    (e = sem_op(s, r * NSEM + MUTEX, -1)) != 0)
		return e;
	i = g->head;
	g->head = (g->head + 1) % s->nslots;
	g->len[i] = len;
	*p = slot_of(s, r, i);
	return sem_op(s, r * NSEM + MUTEX, 1);
}

static int shm_send_done(void *st, enum osc_ipc_side side, size_t len)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 0 : 1;

	(void)len;
	return sem_op(s, r * NSEM + FULL, 1);
}

static int shm_recv_view(void *st, enum osc_ipc_side side, const void **p,
			 size_t len)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 1 : 0, e;
	struct ring *g = ring_of(s, r);
	size_t i;

	if ((e = sem_op(s, r * NSEM + FULL, -1)) != 0 ||
	    (e = sem_op(s, r * NSEM + MUTEX, -1)) != 0)
		return e;
	i = g->tail;
	g->tail = (g->tail + 1) % s->nslots;
	if ((e = sem_op(s, r * NSEM + MUTEX, 1)) != 0)
		return e;
	*p = slot_of(s, r, i);
	return g->len[i] == len ? 0 : EPROTO;
}

static int shm_recv_done(void *st, enum osc_ipc_side side)
{
	struct shm *s = st;
	int r = side == OSC_IPC_PARENT ? 1 : 0;

	return sem_op(s, r * NSEM + EMPTY, 1);
}

static int shm_attach(void *st, enum osc_ipc_side side, pid_t peer,
		      struct osc_error *err)
{
	(void)st;
	(void)side;
	(void)peer;
	(void)err;
	return OSC_OK;
}

static unsigned sem_init_value(const struct shm *s, int i)
{
	return i % NSEM == MUTEX ? 1 : i % NSEM == FULL ? 0 :
		(unsigned)s->nslots;
}

static void shm_size(struct shm *s, struct osc_ipc_setup *su)
{
	cpu_set_t cpus;

	s->semid = s->semslot = -1;
	s->spins = su->throughput && sched_getaffinity(0, sizeof cpus, &cpus) == 0 &&
		CPU_COUNT(&cpus) > 1 ? 2000 : 0;
	s->slot = su->chunk < SLOT_MAX ? su->chunk : SLOT_MAX;
	if (s->slot < 8)
		s->slot = 8;
	/* Keep every slot 64-byte aligned. */
	s->slot = (s->slot + 63) & ~(size_t)63;
	s->nslots = su->throughput ? RING_BYTES / s->slot : MIN_SLOTS;
	if (s->nslots < MIN_SLOTS)
		s->nslots = MIN_SLOTS;
	if (s->nslots > MAX_SLOTS)
		s->nslots = MAX_SLOTS;
	s->maplen = 2 * (sizeof(struct ring) + s->nslots * s->slot);
	su->max_chunk = su->chunk < SLOT_MAX ? su->chunk : SLOT_MAX;
}

static int pshm_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct shm *s = st;
	char name[OSC_IPC_NAME_MAX];
	int fd, i, slot, e;
	void *p;

	shm_size(s, su);
	snprintf(name, sizeof name, "/osc-%s-ring", su->tag);
	if ((fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return ipc_fail(err, errno, "shm_open");
	slot = osc_ipc_track(OSC_IPC_SHM, name, 0);
	if (ftruncate(fd, (off_t)s->maplen) < 0) {
		e = errno;
		close(fd);
		osc_ipc_remove(slot);
		return ipc_fail(err, e, "ftruncate");
	}
	p = mmap(NULL, s->maplen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	e = errno;
	close(fd);
	/* The mapping, inherited by fork, keeps the object alive. */
	osc_ipc_remove(slot);
	if (p == MAP_FAILED)
		return ipc_fail(err, e, "mmap");
	s->base = p;
	for (i = 0; i < 2 * NSEM; i++) {
		snprintf(name, sizeof name, "/osc-%s-%c%d", su->tag,
			 "mfe"[i % NSEM], i / NSEM);
		s->psem[i] = sem_open(name, O_CREAT | O_EXCL, 0600,
				      sem_init_value(s, i));
		if (s->psem[i] == SEM_FAILED) {
			s->psem[i] = NULL;
			return ipc_fail(err, errno, "sem_open");
		}
		slot = osc_ipc_track(OSC_IPC_SEM, name, 0);
		osc_ipc_remove(slot);
	}
	return OSC_OK;
}

static void shm_close(void *st, enum osc_ipc_side side)
{
	struct shm *s = st;
	int i;

	for (i = 0; i < 2 * NSEM; i++)
		if (s->psem[i]) {
			sem_close(s->psem[i]);
			s->psem[i] = NULL;
		}
	if (s->base) {
		if (s->sysv)
			shmdt(s->base);
		else
			munmap(s->base, s->maplen);
		s->base = NULL;
	}
	if (side == OSC_IPC_PARENT) {
		osc_ipc_remove(s->semslot);
		s->semslot = -1;
	}
}

const struct osc_ipc_ops osc_ipc_shm_posix = {
	.name = "shm-posix",
	.summary = "POSIX shared memory ring + POSIX semaphores mutex/full/empty",
	.explain =
	"before fork: fd = shm_open(\"/osc-TAG-ring\", O_CREAT|O_EXCL|O_RDWR, 0600);\n"
	"ftruncate(fd); mmap(MAP_SHARED); close(fd); shm_unlink (the mapping,\n"
	"inherited by fork, keeps the memory).  It holds two rings, one per\n"
	"direction, of N slots: 8, or in throughput mode as many as fit in\n"
	"1 MiB, at least 8 (16 of 64K).\n"
	"Per ring, sem_open(O_CREAT|O_EXCL, 0600) of three named semaphores,\n"
	"unlinked at once: mutex = 1, full = 0, empty = N.\n"
	"sender:   sem_wait(empty); sem_wait(mutex); memcpy into slot[head];\n"
	"          head++; sem_post(mutex); sem_post(full).\n"
	"receiver: sem_wait(full); sem_wait(mutex); memcpy from slot[tail];\n"
	"          tail++; sem_post(mutex); sem_post(empty).\n"
	"The data never passes through a system call; sem_wait/sem_post enter the\n"
	"kernel (futex) only when they must sleep or wake.  In throughput mode,\n"
	"with more than one CPU allowed, a wait first tries sem_trywait up to 2000\n"
	"times, and the copies leave the critical section: the mutex guards only\n"
	"taking head or tail; the sender writes the message into the slot (one\n"
	"pass: memcpy from its buffer, the sequence number in the first word)\n"
	"and the receiver checks its sequence number and checksum where it lies,\n"
	"with no copy (the slot is theirs between the wait on empty or full and\n"
	"the post of the other).\n",
	.state_size = sizeof(struct shm),
	.open = pshm_open,
	.attach = shm_attach,
	.send = shm_send,
	.recv = shm_recv,
	.send_view = shm_send_view,
	.send_done = shm_send_done,
	.recv_view = shm_recv_view,
	.recv_done = shm_recv_done,
	.close = shm_close
};

static int sshm_open(void *st, struct osc_ipc_setup *su, struct osc_error *err)
{
	struct shm *s = st;
	unsigned short vals[2 * NSEM];
	int id = -1, attempt, i, slot;
	void *p;

	s->sysv = true;
	shm_size(s, su);
	for (attempt = 0; attempt < 32; attempt++) {
		id = shmget(ipc_sysv_key(attempt), s->maplen,
			    IPC_CREAT | IPC_EXCL | 0600);
		if (id >= 0 || errno != EEXIST)
			break;
	}
	if (id < 0)
		return ipc_fail(err, errno, "shmget");
	slot = osc_ipc_track(OSC_IPC_SYSV_SHM, NULL, id);
	p = shmat(id, NULL, 0);
	/* Marked for removal now, the segment lives while it is attached
	 * (fork inherits the attachment). */
	osc_ipc_remove(slot);
	if (p == (void *)-1)
		return ipc_fail(err, errno, "shmat");
	s->base = p;
	for (attempt = 0; attempt < 32; attempt++) {
		s->semid = semget(ipc_sysv_key(attempt + 7), 2 * NSEM,
				  IPC_CREAT | IPC_EXCL | 0600);
		if (s->semid >= 0 || errno != EEXIST)
			break;
	}
	if (s->semid < 0)
		return ipc_fail(err, errno, "semget");
	s->semslot = osc_ipc_track(OSC_IPC_SYSV_SEM, NULL, s->semid);
	for (i = 0; i < 2 * NSEM; i++)
		vals[i] = (unsigned short)sem_init_value(s, i);
	if (semctl(s->semid, 0, SETALL, vals) < 0)
		return ipc_fail(err, errno, "semctl");
	return OSC_OK;
}

const struct osc_ipc_ops osc_ipc_shm_sysv = {
	.name = "shm-sysv",
	.summary = "System V shared memory ring + a System V semaphore set",
	.explain =
	"before fork: id = shmget(KEY, size, IPC_CREAT|IPC_EXCL|0600); shmat(id);\n"
	"shmctl(id, IPC_RMID) (the segment stays while attached; fork inherits\n"
	"the attachment).  sid = semget(KEY2, 6, IPC_CREAT|IPC_EXCL|0600);\n"
	"semctl(sid, SETALL): per direction mutex = 1, full = 0, empty = N (the\n"
	"slots, as for shm-posix).\n"
	"sender:   semop(empty, -1); semop(mutex, -1); memcpy into slot[head];\n"
	"          semop(mutex, +1); semop(full, +1).\n"
	"receiver: semop(full, -1); semop(mutex, -1); memcpy from slot[tail];\n"
	"          semop(mutex, +1); semop(empty, +1).\n"
	"Every semop is a system call.  In throughput mode the copies leave the\n"
	"critical section, as for shm-posix.  At the end (or on error or signal):\n"
	"semctl(sid, IPC_RMID).  KEY and KEY2 are made of the pid and a random\n"
	"suffix.\n",
	.state_size = sizeof(struct shm),
	.open = sshm_open,
	.attach = shm_attach,
	.send = shm_send,
	.recv = shm_recv,
	.send_view = shm_send_view,
	.send_done = shm_send_done,
	.recv_view = shm_recv_view,
	.recv_done = shm_recv_done,
	.close = shm_close
};
