/* registry.c: the scheduling policies by name, in the order `-p all` runs them. */
#include <config.h>

#include <string.h>

#include "sched-int.h"

static const struct osc_sched_ops *const sched_policies[] = {
	&osc_sched_fifo, &osc_sched_sjf, &osc_sched_stcf, &osc_sched_rr,
	&osc_sched_hrrn, &osc_sched_prio, &osc_sched_pprio, &osc_sched_mlfq,
	&osc_sched_lottery, &osc_sched_stride, &osc_sched_cfs,
};

static const struct {
	const char *alias;
	const struct osc_sched_ops *ops;
} sched_aliases[] = {
	{ "fcfs", &osc_sched_fifo },
	{ "srtf", &osc_sched_stcf },
	{ "psjf", &osc_sched_stcf },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const struct osc_sched_ops *osc_sched_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(sched_policies); i++)
		if (strcmp(sched_policies[i]->name, name) == 0)
			return sched_policies[i];
	for (i = 0; i < NELEM(sched_aliases); i++)
		if (strcmp(sched_aliases[i].alias, name) == 0)
			return sched_aliases[i].ops;
	return NULL;
}

const struct osc_sched_ops *osc_sched_policy(size_t i)
{
	return i < NELEM(sched_policies) ? sched_policies[i] : NULL;
}

const char *osc_sched_name(const struct osc_sched_ops *ops)
{
	return ops->name;
}

const char *osc_sched_summary(const struct osc_sched_ops *ops)
{
	return ops->summary;
}

const char *osc_sched_state_name(enum osc_sched_state st)
{
	static const char *const names[] = {
		"new", "ready", "running", "blocked", "done"
	};

	return (unsigned)st < NELEM(names) ? names[st] : "?";
}
