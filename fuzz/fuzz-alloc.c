/* fuzz-alloc.c: the alloc (malloc-lab) trace reader on any bytes. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_alloc_reader r;
	struct osc_alloc_op op;
	struct osc_error err;
	struct osc_scan s;

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return 0;
	if (osc_alloc_reader_init(&r, &s) == OSC_OK) {
		while (osc_alloc_read(&r, &op) > 0)
			if (op.line == 0 || op.line > s.line)
				abort();
		osc_alloc_reader_fini(&r);
	}
	osc_scan_close(&s);
	return 0;
}
