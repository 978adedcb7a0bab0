/* bench-scan.c: how fast the trace scanner reads a refs trace: one integer a line. */
#include <config.h>

#include <stdio.h>
#include <time.h>

#include "osconcepts.h"

int main(int argc, char **argv)
{
	struct osc_error err;
	struct osc_scan s;
	struct timespec t0, t1;
	uint64_t v, sum = 0, lines = 0, bytes = 0;
	double secs;
	int r;

	if (argc != 2 || osc_scan_open(&s, argv[1], &err) != OSC_OK) {
		fprintf(stderr, "usage: bench-scan FILE\n");
		return 64;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((r = osc_scan_next(&s)) > 0) {
		bytes += (uint64_t)(s.end - s.p) + 1;
		if (osc_scan_u64(&s, "a page", &v) != OSC_OK)
			return 65;
		sum += v;
		lines++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	osc_scan_close(&s);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%llu %.6f %llu %llu\n", (unsigned long long)lines, secs,
	       (unsigned long long)bytes, (unsigned long long)sum);
	return r < 0 ? 74 : 0;
}
