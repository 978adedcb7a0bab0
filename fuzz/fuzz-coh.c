/* fuzz-coh.c: cache-coh's readers (tools/cache-coh/cc-read.c, cc-timed.c) on
 * any bytes: `CPU OP ADDRESS` lines in decimal and in hex, the fast path
 * checked against the scanner's path line by line, then the timed per-core
 * format `LABEL VALUE`. */
#include <config.h>

#include <setjmp.h>

#include "fuzz.h"
#include "cli.h"

/* The timed reader dies on a bad record; here that ends the input. */
static jmp_buf died;
static noreturn void fuzz_die_error(const struct osc_error *err)
{
	(void)err;
	longjmp(died, 1);
}
#define osc_die_error fuzz_die_error

/* The tool's own sources, so their static readers are reachable. */
#include "../tools/cache-coh/cc-read.c"
#include "../tools/cache-coh/cc-timed.c"

/* The rest of cache-coh, which the readers never reach. */
void cc_params(struct cc *cc) { (void)cc; abort(); }
void cc_begin_accesses(struct cc *cc) { (void)cc; abort(); }
void cc_access_row(struct cc *cc, unsigned cpu, bool write, uint64_t addr,
		   const struct osc_coh_access *a)
{
	(void)cc, (void)cpu, (void)write, (void)addr, (void)a;
	abort();
}
void cc_summary(struct cc *cc) { (void)cc; abort(); }
void cc_traffic(struct cc *cc, const uint64_t *overall)
{
	(void)cc, (void)overall;
	abort();
}
_Noreturn void cc_fail(struct cc *cc, size_t i, struct osc_error *err)
{
	(void)cc, (void)i, (void)err;
	abort();
}
void cc_make_sims(struct cc *cc) { (void)cc; abort(); }
void cc_free_sims(struct cc *cc) { (void)cc; abort(); }

static void coh_lines(const uint8_t *data, size_t size, bool hex, unsigned ncpus)
{
	struct cc cc = { .p.cpus = ncpus };
	struct osc_error err;
	struct osc_scan s;
	unsigned cpu, cpu2;
	bool write, write2;
	uint64_t addr, addr2;

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return;
	s.hex = hex;
	while (osc_scan_next(&s) > 0) {
		bool fast = fast_access(&s, ncpus, &cpu, &write, &addr);

		/* Whatever the fast path takes, the scanner's path takes
		 * the same way. */
		if (read_access(&s, &cc, &cpu2, &write2, &addr2) == OSC_OK) {
			if (fast && (cpu != cpu2 || write != write2 ||
				     addr != addr2))
				abort();
		} else if (fast) {
			abort();
		}
	}
	osc_scan_close(&s);
}

static struct core k;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	uint64_t label, value;

	if (!init) {
		cc_read_init();
		init = true;
	}
	coh_lines(data, size, false, 4);
	coh_lines(data, size, true, 2);

	memset(&k, 0, sizeof k);
	osc_error_clear(&k.err);
	if (osc_scan_mem(&k.s, (const char *)data, size, "fuzz", &k.err) != OSC_OK)
		return 0;
	k.s.hex = true;
	if (setjmp(died) == 0)
		while (read_record(&k, &label, &value))
			if (label > 2)
				abort();
	osc_scan_close(&k.s);
	return 0;
}
