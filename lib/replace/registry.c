/* registry.c: the page replacement policies, looked up by name. */
#include <config.h>

#include <string.h>

#include "replace-int.h"

const struct osc_replace_ops *const osc_replace_policies[] = {
	&osc_replace_opt,
	&osc_replace_fifo,
	&osc_replace_lru,
	&osc_replace_mru,
	&osc_replace_lfu,
	&osc_replace_clock,
	&osc_replace_rand,
	&osc_replace_2lru,
	&osc_replace_arc,
	&osc_replace_2q,
	&osc_replace_s3fifo,
	&osc_replace_lirs,
	NULL
};

const struct osc_replace_ops *osc_replace_lookup(const char *name)
{
	const struct osc_replace_ops *const *p;

	for (p = osc_replace_policies; *p; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}
