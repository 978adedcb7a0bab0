/* fuzz-refs.c: page-replay's readers (tools/page-replay/pr-input.c) on any
 * bytes: the refs format in decimal and in hex, then valgrind lackey output,
 * each into a trace and streamed through an LRU simulation. */
#include <config.h>

#include "fuzz.h"

/* The tool's own source, so its static readers are reachable as they are. */
#include "../tools/page-replay/pr-input.c"

/* pr-output.c's accesses table: never asked for here. */
void pr_accesses_row(struct pr *pr, struct osc_replace_sim *sim,
		     const struct osc_replace_event *ev)
{
	(void)pr, (void)sim, (void)ev;
	abort();
}

static void one(const uint8_t *data, size_t size, osc_input_fn *fn, bool hex,
		bool stream)
{
	struct osc_replace_config c = { .frames = 3, .active_ratio = 0.5 };
	struct pr pr = { .page_size = 1, .page_pow2 = true };
	struct osc_error err;
	struct osc_scan s;

	osc_error_clear(&err);
	osc_error_clear(&pr.err);
	osc_replace_trace_init(&pr.trace);
	if (stream &&
	    osc_replace_new(&pr.sim, osc_replace_lookup("lru"), &c, &err) != OSC_OK)
		abort();
	pr.stream = stream;
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) == OSC_OK) {
		s.hex = hex;
		if (fn(&s, &pr) == OSC_OK) {
			if (stream)
				pr_flush(&pr);
			else
				osc_replace_trace_finish(&pr.trace, &err);
		}
		osc_scan_close(&s);
	}
	if (pr.sim)
		osc_replace_free(pr.sim);
	osc_replace_trace_free(&pr.trace);
}

/* The refs reader's fast paths (bulk plain numbers, plain_number) against
 * the general one (refs_line on every line): the same references, or both
 * fail. */
static void same_refs(const uint8_t *data, size_t size, bool hex)
{
	struct osc_replace_trace fast, slow;
	struct pr pr = { .page_size = 1, .page_pow2 = true };
	struct osc_error err;
	struct osc_scan s;
	uint64_t addr;
	bool write;
	int rf = OSC_EIO, rs = OSC_EIO, r;
	size_t i;

	osc_replace_trace_init(&fast);
	osc_replace_trace_init(&slow);
	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) == OSC_OK) {
		s.hex = hex;
		rf = refs_file(&s, &pr);
		osc_scan_close(&s);
	}
	fast = pr.trace;
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) == OSC_OK) {
		s.hex = hex;
		while ((r = osc_scan_next(&s)) > 0) {
			if (refs_line(&s, &addr, &write) != OSC_OK)
				break;
			osc_replace_trace_push(&slow, addr, write);
		}
		rs = r == 0 ? OSC_OK : OSC_EDATA;
		osc_scan_close(&s);
	}
	if ((rf == OSC_OK) != (rs == OSC_OK))
		abort();
	if (rf == OSC_OK) {
		if (fast.n != slow.n)
			abort();
		for (i = 0; i < fast.n; i++)
			if (fast.pages[i] != slow.pages[i] ||
			    osc_replace_trace_write(&fast, i) !=
			    osc_replace_trace_write(&slow, i))
				abort();
	}
	osc_replace_trace_free(&fast);
	osc_replace_trace_free(&slow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	same_refs(data, size, false);
	same_refs(data, size, true);
	one(data, size, refs_file, false, false);
	one(data, size, refs_file, true, true);
	one(data, size, lackey_file, true, false);
	one(data, size, lackey_file, true, true);
	return 0;
}
