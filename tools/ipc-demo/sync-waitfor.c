/* sync-waitfor.c: find a cycle in a wait-for graph where each thread waits for at most one other. */
#include <config.h>

#include "sync-demo.h"

unsigned sync_find_cycle(const int *next, unsigned n, unsigned *cyc,
			 unsigned *seen)
{
	unsigned i, j, s, len, start;

	for (i = 0; i < n; i++)
		seen[i] = 0;
	for (start = 0; start < n; start++) {
		/* Walk from start, stamping nodes with start + 1; a walk
		 * that meets its own stamp has closed a cycle. */
		for (i = start; next[i] >= 0 && seen[i] == 0;
		     i = (unsigned)next[i])
			seen[i] = start + 1;
		if (next[i] < 0 || seen[i] != start + 1)
			continue;
		s = i;
		for (j = (unsigned)next[i]; j != i; j = (unsigned)next[j])
			if (j < s)
				s = j;
		len = 0;
		j = s;
		do {
			cyc[len++] = j;
			j = (unsigned)next[j];
		} while (j != s);
		return len;
	}
	return 0;
}
