/* registry.c: the alloc-sim policies, by name. */
#include <config.h>

#include <string.h>

#include "asim.h"

static const struct osc_asim_ops *const asim_registry[] = {
	&asim_first, &asim_next, &asim_best, &asim_worst,
	&asim_segregated, &asim_buddy,
};

#define NPOL (sizeof asim_registry / sizeof asim_registry[0])

const struct osc_asim_ops *osc_asim_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NPOL; i++)
		if (strcmp(asim_registry[i]->name, name) == 0)
			return asim_registry[i];
	return NULL;
}

const struct osc_asim_ops *osc_asim_policy(size_t i)
{
	return i < NPOL ? asim_registry[i] : NULL;
}

const char *osc_asim_name(const struct osc_asim_ops *ops)
{
	return ops->name;
}

const char *osc_asim_summary(const struct osc_asim_ops *ops)
{
	return ops->summary;
}
