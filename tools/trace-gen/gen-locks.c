/* gen-locks.c: trace-gen locks: placeholder until the locks generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void locks_defaults(void *params)
{
	(void)params;
}

static int locks_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the locks kind is not available yet");
}

static const struct argp locks_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_locks = {
	.name = "locks",
	.summary = "lock event traces for deadlock-check (locks format)",
	.argp = &locks_argp,
	.params_size = 1,
	.defaults = locks_defaults,
	.run = locks_run,
};
