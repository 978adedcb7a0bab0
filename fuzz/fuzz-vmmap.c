/* fuzz-vmmap.c: vm-translate's map reader in every mode, then a few
 * translations; and its address reader (vt_line in
 * tools/page-replay/vm-translate.c) on the same bytes, in decimal and hex. */
#include <config.h>

#include "fuzz.h"

/* The tool's own source, so its static reader is reachable; its main is
 * renamed out of libFuzzer's way. */
#define main vt_main
#include "../tools/page-replay/vm-translate.c"
#undef main

static void addresses(const uint8_t *data, size_t size)
{
	struct osc_error err;
	struct osc_scan s;
	uint64_t pid, va;
	unsigned op;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		osc_error_clear(&err);
		if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
			return;
		s.hex = pass;
		while (osc_scan_next(&s) > 0)
			if (vt_line(&s, &pid, &op, &va) == OSC_OK &&
			    op != OSC_VM_R && op != OSC_VM_W && op != OSC_VM_X)
				abort();
		osc_scan_close(&s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_vm_config cfg = {
		.as_size = 1u << 16, .pm_size = 1u << 20, .page_size = 256,
		.levels = 2, .pte_size = 4, .seg_bits = 1, .tlb_entries = 4,
	};
	struct osc_vm_xlat x;
	struct osc_error err;
	struct osc_vm *vm;
	struct osc_scan s;
	uint64_t va;

	addresses(data, size);
	if (size == 0)
		return 0;
	cfg.mode = (enum osc_vm_mode)(data[0] % 4);
	osc_error_clear(&err);
	if (osc_vm_new(&vm, &cfg, &err) != OSC_OK)
		return 0;
	if (osc_scan_mem(&s, (const char *)data + 1, size - 1, "fuzz", &err) == OSC_OK) {
		if (osc_vm_load_map(vm, &s) == OSC_OK)
			for (va = 0; va < cfg.as_size; va += 4093)
				osc_vm_translate(vm, va & 1, 1u << (va % 3), va,
						 &x, &err);
		osc_scan_close(&s);
	}
	osc_vm_free(vm);
	return 0;
}
