/* fuzz-tgopts.c: trace-gen's own option-value parsers on any string: the
 * size ranges of `allocs --size uniform:A-B` (tools/trace-gen/gen-allocs.c)
 * and the `N` or `A-B` ranges of `jobs` (tools/trace-gen/gen-jobs.c). */
#include <config.h>

#include "fuzz.h"

/* The tool's own sources, so their static parsers are reachable. */
#include "../tools/trace-gen/gen-allocs.c"
#include "../tools/trace-gen/gen-jobs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	struct range r = { 0 };
	uint64_t lo, hi;

	if (!s)
		return 0;
	if (allocs_range(s, &lo, &hi) && (lo < 1 || lo > hi || hi > ALLOCS_MAX_SIZE))
		abort();
	if (parse_range(s, &r) && r.lo > r.hi)
		abort();
	free(s);
	return 0;
}
