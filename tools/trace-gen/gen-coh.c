/* gen-coh.c: trace-gen coh: placeholder until the coh generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void coh_defaults(void *params)
{
	(void)params;
}

static int coh_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the coh kind is not available yet");
}

static const struct argp coh_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_coh = {
	.name = "coh",
	.summary = "coherence traces for cache-coh (coh format)",
	.argp = &coh_argp,
	.params_size = 1,
	.defaults = coh_defaults,
	.run = coh_run,
};
