/* ipc-bare.c: the bench's bare-minimum references: pipe and Unix socket ping-pong, memcpy bandwidth. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 100000;
	size_t size = argc > 3 ? (size_t)atol(argv[3]) : 64;
	int a[2], b[2];

	if (argc < 2 || size < 1 || size > 65536 || n < 10) {
		fprintf(stderr, "usage: ipc-bare pipe|unix|memcpy [N [SIZE [RING]]]\n");
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
	} else {
		return 64;
	}
	return 0;
}
