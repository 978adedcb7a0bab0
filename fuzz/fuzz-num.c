/* fuzz-num.c: option values on any string: numbers, lists, ranges, names, fractions. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_u64_list list = { 0 };
	struct osc_error err;
	char *s = fuzz_string(data, size), **names;
	uint64_t v;
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
	if (osc_parse_names(s, &names, &n, &err) == OSC_OK)
		osc_names_free(names);
	free(s);
	return 0;
}
