/* sched-opts.c: sched-sim's own option-value parsers, without argp, so that
 * fuzz/fuzz-opts.c can call them on any string (sched-sim.h). */
#include <config.h>

#include "sched-sim.h"

int sched_levels(const char *opt, const char *arg,
		 uint64_t out[OSC_SCHED_MAX_LEVELS], size_t *n,
		 struct osc_error *err)
{
	struct osc_u64_list l = { 0 };
	struct osc_error e;
	size_t i;

	if (osc_parse_num_list(arg, OSC_NUM_COUNT, false, OSC_SCHED_MAX_LEVELS,
			       &l, &e) != OSC_OK) {
		/* (The items before the bad one are in l.) */
		osc_u64_list_free(&l);
		return osc_error_set(err, e.status, NULL, 0,
				     "invalid value for %s: %s", opt, e.msg);
	}
	/* (The list parser refuses an empty list; l.n - 1 needs one item.) */
	for (i = 0; i < l.n; i++)
		if (!l.v[i])
			break;
	if (l.n == 0 || i < l.n) {
		osc_u64_list_free(&l);
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: every item must be at least 1",
				     opt);
	}
	for (i = 0; i < OSC_SCHED_MAX_LEVELS; i++)
		out[i] = l.v[i < l.n ? i : l.n - 1];
	*n = l.n;
	osc_u64_list_free(&l);
	return OSC_OK;
}
