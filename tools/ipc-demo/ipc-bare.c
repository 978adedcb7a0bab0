/* ipc-bare.c: the bench's bare-minimum references: pipe and Unix socket ping-pong, memcpy bandwidth, a bare shared ring. */
#include <config.h>

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

/*
 * The lmbench method (lat_pipe, lat_unix): time N round trips in one
 * interval and divide; no per-trip clock, no table, no checks.
 */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int xfer(int fd, char *buf, size_t len, int out)
{
	ssize_t n;
	size_t off;

	for (off = 0; off < len; off += (size_t)n)
		if ((n = out ? write(fd, buf + off, len - off) :
		     read(fd, buf + off, len - off)) <= 0)
			return -1;
	return 0;
}

static double pingpong(int p_rd, int p_wr, int c_rd, int c_wr, long n,
		       size_t size)
{
	char buf[65536];
	long i;
	double t0;
	pid_t pid = fork();

	memset(buf, 'x', sizeof buf);
	if (pid == 0) {
		for (i = 0; i < n + n / 10; i++)
			if (xfer(c_rd, buf, size, 0) || xfer(c_wr, buf, size, 1))
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n / 10; i++)	/* warm up */
		if (xfer(p_wr, buf, size, 1) || xfer(p_rd, buf, size, 0))
			return -1;
	t0 = now();
	for (i = 0; i < n; i++)
		if (xfer(p_wr, buf, size, 1) || xfer(p_rd, buf, size, 0))
			return -1;
	t0 = now() - t0;
	waitpid(pid, NULL, 0);
	return t0 / (double)n * 1e6;
}

/*
 * memcpy bandwidth the lmbench way (bw_mem bcopy): copy SIZE-byte
 * messages from a BUF-byte source to a BUF-byte destination, message k
 * at offset k * SIZE mod BUF in both, N messages; MB/s of bytes copied.
 * BUF = SIZE copies one block onto another in one CPU's L1/L2 again and
 * again; BUF larger than the last-level cache streams through memory.
 * Both buffers are touched first (no page fault is timed).
 */
static double bcopy_mbs(long n, size_t size, size_t buf)
{
	size_t msgs = buf / size ? buf / size : 1;
	char *src = malloc(msgs * size), *dst = malloc(msgs * size);
	volatile char sink;
	double t0;
	long i;

	if (!src || !dst)
		return -1;
	memset(src, 1, msgs * size);
	memset(dst, 2, msgs * size);
	t0 = now();
	for (i = 0; i < n; i++) {
		size_t off = (size_t)i % msgs * size;

		src[off + (size_t)i % size] = (char)i;
		memcpy(dst + off, src + off, size);
		sink = dst[off + (size_t)i % size];
	}
	(void)sink;
	t0 = now() - t0;
	free(src);
	free(dst);
	return (double)n * (double)size / 1e6 / t0;
}

/*
 * The bare shared ring: what a transport between two processes costs
 * with nothing around it.  A shared anonymous mapping of RING bytes in
 * SIZE-byte slots, each with a flag on a line of its own; a forked child
 * copies a SIZE-byte message into a free slot (memcpy from a private
 * buffer in its cache) and sets the flag (release); the parent waits for
 * the flag (acquire), reads the slot in place (sums its words) and clears
 * the flag.  No semaphore, no sequence or checksum check: the floor under
 * ipc-demo's shm-posix, whose ring has the same geometry.
 */
struct flag {
	_Alignas(64) volatile uint64_t full;
};

static void spin_until(volatile uint64_t *f, uint64_t want)
{
	unsigned k = 0;

	while (__atomic_load_n(f, __ATOMIC_ACQUIRE) != want)
		if (++k % 4096 == 0)
			sched_yield();	/* the other side may be off CPU */
}

static double ring_mbs(long n, size_t size, size_t ring)
{
	size_t slots = ring / size >= 2 ? ring / size : 2, len, i;
	struct flag *f;
	unsigned char *data, *msg;
	uint64_t sum = 0, w[4] = { 0 };
	double t0;
	long k;
	pid_t pid;

	len = slots * sizeof *f + slots * size;
	f = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (f == MAP_FAILED)
		return -1;
	data = (unsigned char *)(f + slots);
	memset(f, 0, len);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (!(msg = malloc(size)))
			_exit(1);
		memset(msg, 3, size);
		for (k = 0; k < n; k++) {
			i = (size_t)k % slots;
			spin_until(&f[i].full, 0);
			memcpy(msg, &k, sizeof k);
			memcpy(data + i * size, msg, size);
			__atomic_store_n(&f[i].full, 1, __ATOMIC_RELEASE);
		}
		_exit(0);
	}
	t0 = now();
	for (k = 0; k < n; k++) {
		const uint64_t *p;
		size_t j;

		i = (size_t)k % slots;
		spin_until(&f[i].full, 1);
		p = (const uint64_t *)(const void *)(data + i * size);
		for (j = 0; j + 4 <= size / 8; j += 4) {
			w[0] += p[j];
			w[1] += p[j + 1];
			w[2] += p[j + 2];
			w[3] += p[j + 3];
		}
		__atomic_store_n(&f[i].full, 0, __ATOMIC_RELEASE);
	}
	t0 = now() - t0;
	sum = w[0] + w[1] + w[2] + w[3];
	waitpid(pid, NULL, 0);
	munmap(f, len);
	/* The sum keeps the reads; it is never 1 for these bytes. */
	return sum == 1 ? -1 : (double)n * (double)size / 1e6 / t0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 100000;
	size_t size = argc > 3 ? (size_t)atol(argv[3]) : 64;
	int a[2], b[2];

	if (argc < 2 || size < 1 || size > 65536 || n < 10) {
		fprintf(stderr, "usage: ipc-bare pipe|unix|memcpy|bcopy|ring [N [SIZE [BUF]]]\n");
		return 64;
	}
	if (strcmp(argv[1], "pipe") == 0) {
		if (pipe(a) || pipe(b))
			return 71;
		printf("%.3f\n", pingpong(b[0], a[1], a[0], b[1], n, size));
	} else if (strcmp(argv[1], "unix") == 0) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a))
			return 71;
		printf("%.3f\n", pingpong(a[0], a[0], a[1], a[1], n, size));
	} else if (strcmp(argv[1], "memcpy") == 0) {
		/*
		 * MB/s of copying SIZE-byte messages, N in all, from one
		 * SIZE-byte source into the successive slots of a RING-byte
		 * buffer, round and round: what the shm-posix sender does
		 * per message, on one CPU and without any synchronization.
		 * RING = SIZE copies one block in cache again and again.
		 */
		size_t ring = argc > 4 ? (size_t)atol(argv[4]) : size;
		size_t slots = ring / size ? ring / size : 1;
		char *src = malloc(size), *dst = malloc(slots * size);
		volatile char sink;
		double t0;
		long i;

		if (!src || !dst)
			return 71;
		memset(src, 1, size);
		memset(dst, 2, slots * size);
		t0 = now();
		for (i = 0; i < n; i++) {
			char *d = dst + (size_t)i % slots * size;

			src[i % size] = (char)i;
			memcpy(d, src, size);
			sink = d[(size_t)i % size];
		}
		(void)sink;
		printf("%.1f\n", (double)n * (double)size / 1e6 / (now() - t0));
	} else if (strcmp(argv[1], "bcopy") == 0) {
		printf("%.1f\n", bcopy_mbs(n, size,
					   argc > 4 ? (size_t)atol(argv[4]) : size));
	} else if (strcmp(argv[1], "ring") == 0) {
		printf("%.1f\n", ring_mbs(n, size,
					  argc > 4 ? (size_t)atol(argv[4]) : 1u << 20));
	} else {
		return 64;
	}
	return 0;
}
