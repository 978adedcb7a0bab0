/* fuzz-bankers.c: the bankers-format reader (and its matrix variant) on any bytes. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_bankers b;
	struct osc_error err;
	struct osc_scan s;
	bool matrix = size && (data[size - 1] & 1);

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return 0;
	if (osc_bankers_init(&b, matrix) == OSC_OK) {
		if (osc_bankers_read(&b, &s) == OSC_OK)
			osc_bankers_finish(&b, &err);
		osc_bankers_free(&b);
	}
	osc_scan_close(&s);
	return 0;
}
