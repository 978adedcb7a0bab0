/* fuzz-jobs.c: the jobs and SWF readers of sched-sim on any bytes. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_sched_jobset set;
	struct osc_error err;
	struct osc_scan s;
	bool swf = size && data[0] == ';';

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return 0;
	osc_sched_jobset_init(&set);
	if (swf)
		osc_sched_read_swf(&s, &set);
	else
		osc_sched_read_jobs(&s, &set);
	osc_sched_jobset_free(&set);
	osc_scan_close(&s);
	return 0;
}
