/* fuzz-num.c: option values on any string: numbers, lists, ranges, names,
 * fractions, the registries' name lookups, and trace-gen's own ranges (the
 * size ranges of `allocs --size uniform:A-B` in gen-allocs.c, the `N` or
 * `A-B` of `jobs` in gen-jobs.c). */
#include <config.h>

#include "fuzz.h"

/* trace-gen's own sources, so their static range parsers are reachable. */
#include "../tools/trace-gen/gen-allocs.c"
#include "../tools/trace-gen/gen-jobs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_u64_list list = { 0 };
	struct osc_error err;
	char *s = fuzz_string(data, size), **names;
	struct range r = { 0 };
	uint64_t v, lo, hi;
	int64_t i;
	double d;
	size_t n;

	if (!s)
		return 0;
	osc_parse_num(s, OSC_NUM_PLAIN, &v, &err);
	osc_parse_num(s, OSC_NUM_SIZE, &v, &err);
	osc_parse_num(s, OSC_NUM_COUNT, &v, &err);
	osc_parse_i64(s, &i, &err);
	osc_parse_double(s, &d, &err);
	/* A bounded list: the tools cap their sweeps the same way. */
	if (osc_parse_num_list(s, OSC_NUM_COUNT, true, 4096, &list, &err) == OSC_OK &&
	    list.n > 4096)
		abort();
	osc_u64_list_free(&list);
	/* Sizes with ranges and steps, as in -n 1K-64K:1K; a plain list. */
	if (osc_parse_num_list(s, OSC_NUM_SIZE, true, 4096, &list, &err) == OSC_OK &&
	    list.n > 4096)
		abort();
	osc_u64_list_free(&list);
	if (osc_parse_num_list(s, OSC_NUM_PLAIN, false, 16, &list, &err) == OSC_OK &&
	    list.n > 16)
		abort();
	osc_u64_list_free(&list);
	/* The names every --policy, --protocol, --lock, --api ... looks up. */
	(void)osc_asim_lookup(s);
	(void)osc_heap_lookup(s);
	(void)osc_coh_lookup(s);
	(void)osc_ipc_lookup(s);
	(void)osc_mux_lookup(s);
	(void)osc_replace_lookup(s);
	(void)osc_sched_lookup(s);
	(void)osc_lock_lookup(s);
	if (osc_parse_names(s, &names, &n, &err) == OSC_OK)
		osc_names_free(names);
	if (allocs_range(s, &lo, &hi) && (lo < 1 || lo > hi || hi > ALLOCS_MAX_SIZE))
		abort();
	if (parse_range(s, &r) && r.lo > r.hi)
		abort();
	free(s);
	return 0;
}
