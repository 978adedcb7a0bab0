/* fuzz-locks.c: the locks-format replay and both analyses on any bytes. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_error err;
	struct osc_locks *l;
	struct osc_scan s;
	enum osc_lk_mode mode = size && (data[size - 1] & 1) ? OSC_LK_ORDER :
		OSC_LK_STATE;

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return 0;
	l = osc_locks_new();
	if (l) {
		if (osc_locks_read(l, &s) == OSC_OK)
			osc_locks_analyse(l, mode, &err);
		osc_locks_free(l);
	}
	osc_scan_close(&s);
	return 0;
}
