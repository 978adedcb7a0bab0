/* gen-bankers.c: trace-gen bankers: placeholder until the bankers generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void bankers_defaults(void *params)
{
	(void)params;
}

static int bankers_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the bankers kind is not available yet");
}

static const struct argp bankers_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_bankers = {
	.name = "bankers",
	.summary = "a banker's algorithm problem for bankers (bankers format)",
	.argp = &bankers_argp,
	.params_size = 1,
	.defaults = bankers_defaults,
	.run = bankers_run,
};
