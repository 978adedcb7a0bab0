/* gen-jobs.c: trace-gen jobs: placeholder until the jobs generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void jobs_defaults(void *params)
{
	(void)params;
}

static int jobs_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the jobs kind is not available yet");
}

static const struct argp jobs_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_jobs = {
	.name = "jobs",
	.summary = "job traces for sched-sim (jobs format)",
	.argp = &jobs_argp,
	.params_size = 1,
	.defaults = jobs_defaults,
	.run = jobs_run,
};
