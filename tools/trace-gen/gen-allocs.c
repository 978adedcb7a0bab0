/* gen-allocs.c: trace-gen allocs: placeholder until the allocs generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void allocs_defaults(void *params)
{
	(void)params;
}

static int allocs_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the allocs kind is not available yet");
}

static const struct argp allocs_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_allocs = {
	.name = "allocs",
	.summary = "allocation traces for alloc-sim and alloc-bench (alloc format)",
	.argp = &allocs_argp,
	.params_size = 1,
	.defaults = allocs_defaults,
	.run = allocs_run,
};
