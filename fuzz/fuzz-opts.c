/* fuzz-opts.c: the tools' own option-value parsers (not in the library) on
 * any string: the first byte picks the parser, the rest is the value.
 * sync-demo's counts and seconds and its variant lists, proc-demo's
 * --write-pct, ipc-demo's --mechanism and io-mux's --api lists
 * (tools/ipc-demo/demo-opts.c), sched-sim's --quanta/--allotments
 * (tools/sched-sim/sched-opts.c).  Each either succeeds with a value that
 * keeps its promise or fails with a message. */
#include <config.h>

#include "fuzz.h"

#include "../tools/ipc-demo/demo-opts.h"
#include "../tools/sched-sim/sched-sim.h"

/* sync-demo's numeric ranges (sync_nums in sync-demo.c). */
static const uint64_t ranges[][2] = {
	{ 1, 1024 }, { 1, 1000000000000ull }, { 0, 1000000000 },
	{ 1, 1u << 24 }, { 1, 100000000 }, { 0, 1024 }, { 2, 1024 },
	{ 1, 3600000 },
};

static const char *const race_locks[] = { "none", "mutex", "spin", "ttas",
	"ticket", "peterson", "bakery", NULL };
static const char *const two[] = { "cv", "sem", NULL };

static const void *mech_lookup(const char *name)
{
	return osc_ipc_lookup(name);
}

static const void *mech_nth(size_t i)
{
	return osc_ipc_mechs[i];
}

static const void *api_lookup(const char *name)
{
	return osc_mux_lookup(name);
}

static const void *api_nth(size_t i)
{
	return osc_mux_apis[i];
}

/* A failure must say something (and fit). */
static void check_err(int st, const struct osc_error *err)
{
	if (st != OSC_OK && (st != (int)err->status || err->msg[0] == '\0' ||
			     strlen(err->msg) >= OSC_MSG_MAX))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct demo_list mechs = { "--mechanism", "pipe, ...",
		"a mechanism", "mechanisms", mech_lookup, mech_nth, 64 };
	static const struct demo_list apis = { "--api", "select, ...",
		"an API", "APIs", api_lookup, api_nth, 16 };
	uint64_t v, pct[DEMO_PCT_MAX], lv[OSC_SCHED_MAX_LEVELS];
	const void *out[64];
	struct osc_error err;
	unsigned mask, sel;
	size_t n, i;
	double d;
	char *s;
	int st;

	if (size == 0)
		return 0;
	sel = data[0];
	if (!(s = fuzz_string(data + 1, size - 1)))
		return 0;
	osc_error_clear(&err);
	switch (sel % 8) {
	case 0: {
		const uint64_t *r = ranges[(sel >> 3) % 8];

		st = demo_num_range("--threads", s, OSC_NUM_COUNT, r[0], r[1],
				    &v, &err);
		if (st == OSC_OK && (v < r[0] || v > r[1]))
			abort();
		break;
	}
	case 1:
		st = demo_seconds("--duration", s, &d, &err);
		if (st == OSC_OK && !(d > 0 && d <= 86400))
			abort();
		break;
	case 2:
		st = demo_pct_list(s, pct, &n, &err);
		if (st == OSC_OK && (n < 1 || n > DEMO_PCT_MAX))
			abort();
		for (i = 0; st == OSC_OK && i < n; i++)
			if (pct[i] > 100)
				abort();
		break;
	case 3:
		st = demo_variant_mask("--lock", sel & 8 ? two : race_locks, s,
				       &mask, &err);
		if (st == OSC_OK &&
		    (mask == 0 || mask >= 1u << (sel & 8 ? 2 : 7)))
			abort();
		break;
	case 4:
	case 5:
		st = demo_name_list(sel % 8 == 4 ? &mechs : &apis, s, out, &n,
				    &err);
		if (st == OSC_OK && (n < 1 || n > (sel % 8 == 4 ? 64 : 16)))
			abort();
		for (i = 0; st == OSC_OK && i < n; i++)
			if (!out[i])
				abort();
		break;
	default:
		st = sched_levels("--quanta", s, lv, &n, &err);
		if (st == OSC_OK && (n < 1 || n > OSC_SCHED_MAX_LEVELS))
			abort();
		for (i = 0; st == OSC_OK && i < OSC_SCHED_MAX_LEVELS; i++)
			if (lv[i] == 0 || lv[i] != lv[i < n ? i : n - 1])
				abort();
		break;
	}
	check_err(st, &err);
	free(s);
	return 0;
}
