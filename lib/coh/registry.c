/* registry.c: the coherence protocols, by name. */
#include <config.h>

#include <string.h>

#include "osconcepts.h"

const struct osc_coh_ops *const osc_coh_protocols[] = {
	&osc_coh_msi, &osc_coh_mesi, &osc_coh_moesi, &osc_coh_dragon,
	&osc_coh_vi, NULL
};

const struct osc_coh_ops *osc_coh_lookup(const char *name)
{
	const struct osc_coh_ops *const *p;

	for (p = osc_coh_protocols; *p; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}
