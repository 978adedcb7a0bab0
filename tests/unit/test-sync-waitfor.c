/* test-sync-waitfor.c: sync-demo's wait-for cycle finder on graphs drawn by hand. */
#include <config.h>

#include "../../tools/ipc-demo/sync-demo.h"

#include "tap.h"

/* The cycle as "a b c" for comparison. */
static const char *cycle_of(const int *next, unsigned n)
{
	static char buf[128];
	unsigned cyc[16], seen[16], len, k;
	size_t at = 0;

	len = sync_find_cycle(next, n, cyc, seen);
	buf[0] = '\0';
	for (k = 0; k < len; k++)
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%u",
				       k ? " " : "", cyc[k]);
	return buf;
}

int main(void)
{
	/* The five naive philosophers: i waits for the holder of fork i+1. */
	const int ring[] = { 1, 2, 3, 4, 0 };
	/* A chain 0 -> 1 -> 2 -> 3 -> 1: the cycle is 1 2 3, 0 is a tail. */
	const int tail[] = { 1, 2, 3, 1 };
	/* Nobody waits for anybody, or waits end at a thread that runs. */
	const int none[] = { -1, 0, 1, -1 };
	/* Two cycles: 0 <-> 3 is found first (the search starts at 0). */
	const int two[] = { 3, 2, 1, 0 };
	/* A cycle entered at its largest node is reported from its smallest. */
	const int rot[] = { 4, -1, 3, 4, 2 };

	is_str(cycle_of(ring, 5), "0 1 2 3 4", "a full ring");
	is_str(cycle_of(tail, 4), "1 2 3", "a tail leading into a cycle");
	is_str(cycle_of(none, 4), "", "no cycle");
	is_str(cycle_of(two, 4), "0 3", "the first of two cycles");
	is_str(cycle_of(rot, 5), "2 3 4", "rotated to the smallest node");
	return tap_done();
}
