/* gen-vm.c: trace-gen vm: placeholder until the vm generator lands with its tool. */
#include <config.h>

#include "trace-gen.h"

static void vm_defaults(void *params)
{
	(void)params;
}

static int vm_run(struct tg *tg, const void *params, struct osc_error *err)
{
	(void)tg;
	(void)params;
	return osc_error_set(err, OSC_EUNAVAIL, NULL, 0,
			     "the vm kind is not available yet");
}

static const struct argp vm_argp = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };

const struct tg_kind tg_vm = {
	.name = "vm",
	.summary = "an address-translation problem for vm-translate (vaddr and vmmap)",
	.argp = &vm_argp,
	.params_size = 1,
	.defaults = vm_defaults,
	.run = vm_run,
};
