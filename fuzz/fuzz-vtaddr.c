/* fuzz-vtaddr.c: vm-translate's address reader (vt_line in
 * tools/page-replay/vm-translate.c) on any bytes, in decimal and in hex. */
#include <config.h>

#include "fuzz.h"

/* The tool's own source, so its static reader is reachable; its main is
 * renamed out of libFuzzer's way. */
#define main vt_main
#include "../tools/page-replay/vm-translate.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_error err;
	struct osc_scan s;
	uint64_t pid, va;
	unsigned op;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		osc_error_clear(&err);
		if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
			return 0;
		s.hex = pass;
		while (osc_scan_next(&s) > 0)
			if (vt_line(&s, &pid, &op, &va) == OSC_OK &&
			    op != OSC_VM_R && op != OSC_VM_W && op != OSC_VM_X)
				abort();
		osc_scan_close(&s);
	}
	return 0;
}
