/* gen-coh.c: trace-gen coh: multiprocessor access traces (coh format) in classic sharing patterns. */
#include <config.h>

#include "trace-gen.h"

enum coh_pattern {
	P_PRIVATE, P_SHARED_READ, P_MIGRATORY, P_PRODCONS, P_FALSE_SHARE,
	P_RANDOM
};

static const char *const pattern_names[] = {
	"private", "shared-read", "migratory", "producer-consumer",
	"false-share", "random", NULL
};

/* Where the data lives: one shared region, then one private region per
 * CPU; each holds REGION_LINES lines. */
#define SHARED_BASE UINT64_C(0x10000)
#define PRIVATE_BASE UINT64_C(0x1000000)
#define PRIVATE_STRIDE UINT64_C(0x100000)
#define REGION_LINES 64
#define RANDOM_LINES 256
#define MIGRATORY_LINES 4
#define BUFFER_LINES 16

struct coh_params {
	uint64_t cpus, count, line_size;
	double write_ratio;
	enum coh_pattern pattern;
};

enum { OPT_CPUS = 0x100, OPT_COUNT, OPT_PATTERN, OPT_LINE_SIZE, OPT_WRITE_RATIO };

static const struct argp_option coh_options[] = {
	{ "cpus", OPT_CPUS, "N", 0, "CPUs in the trace (1 to 64; default 4)", 0 },
	{ "count", OPT_COUNT, "N", 0,
	  "accesses to write (a count: 10M = 10000000; default 1000)", 0 },
	{ "pattern", OPT_PATTERN, "PAT", 0,
	  "private, shared-read, migratory, producer-consumer, false-share or random (default)",
	  0 },
	{ "line-size", OPT_LINE_SIZE, "BYTES", 0,
	  "cache line size the pattern is laid out for (a size; default 64)", 0 },
	{ "write-ratio", OPT_WRITE_RATIO, "R", 0,
	  "fraction of writes, 0 to 1, where the pattern has a choice (default 0.3)",
	  0 },
	{ 0 }
};

static void coh_defaults(void *params)
{
	struct coh_params *p = params;

	p->cpus = 4;
	p->count = 1000;
	p->line_size = 64;
	p->write_ratio = 0.3;
	p->pattern = P_RANDOM;
}

static error_t coh_parse(int key, char *arg, struct argp_state *state)
{
	struct coh_params *p = state->input;

	switch (key) {
	case OPT_CPUS:
		p->cpus = osc_cli_num_range(state, "--cpus", arg, OSC_NUM_COUNT,
					    1, 64);
		break;
	case OPT_COUNT:
		p->count = osc_cli_num(state, "--count", arg, OSC_NUM_COUNT);
		break;
	case OPT_PATTERN:
		p->pattern = (enum coh_pattern)osc_cli_choice(state, "--pattern",
							      arg, pattern_names);
		break;
	case OPT_LINE_SIZE:
		p->line_size = osc_cli_num_range(state, "--line-size", arg,
						 OSC_NUM_SIZE, 8, 4096);
		if (p->line_size & (p->line_size - 1))
			argp_error(state, "invalid value for --line-size: expected a power of two");
		break;
	case OPT_WRITE_RATIO:
		p->write_ratio = osc_cli_double(state, "--write-ratio", arg);
		if (!(p->write_ratio >= 0 && p->write_ratio <= 1))
			argp_error(state, "invalid value for --write-ratio: expected 0 to 1");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp coh_argp = { coh_options, coh_parse, NULL, NULL,
				      NULL, NULL, NULL };

static void put_access(struct tg *tg, uint64_t cpu, bool write, uint64_t addr)
{
	tg_putu(tg, cpu);
	tg_puts(tg, write ? " W " : " R ");
	tg_putx(tg, addr);
	tg_putc(tg, '\n');
}

/* An 8-byte-aligned word of line l of the region at base. */
static uint64_t word_of(struct tg *tg, const struct coh_params *p,
			uint64_t base, uint64_t l)
{
	return base + l * p->line_size +
		osc_rng_below(&tg->rng, p->line_size / 8) * 8;
}

static bool coin(struct tg *tg, double ratio)
{
	return osc_rng_double(&tg->rng) < ratio;
}

static uint64_t private_base(uint64_t cpu)
{
	return PRIVATE_BASE + cpu * PRIVATE_STRIDE;
}

/* One access of the independent patterns. */
static void one_access(struct tg *tg, const struct coh_params *p)
{
	uint64_t cpu = osc_rng_below(&tg->rng, p->cpus);
	bool w = coin(tg, p->write_ratio);
	uint64_t l, addr;

	switch (p->pattern) {
	case P_PRIVATE:
		l = osc_rng_below(&tg->rng, REGION_LINES);
		addr = word_of(tg, p, private_base(cpu), l);
		break;
	case P_SHARED_READ:
		/* Shared data is only read; writes go to private data. */
		l = osc_rng_below(&tg->rng, REGION_LINES);
		addr = word_of(tg, p, w ? private_base(cpu) : SHARED_BASE, l);
		break;
	case P_FALSE_SHARE:
		/* CPU c owns word c: eight CPUs per 64-byte line. */
		addr = SHARED_BASE + cpu * 8;
		break;
	default:
		l = osc_rng_below(&tg->rng, RANDOM_LINES);
		addr = word_of(tg, p, SHARED_BASE, l);
		break;
	}
	put_access(tg, cpu, w, addr);
}

/* Migratory: one CPU at a time reads then writes each line of a small
 * object, then another CPU takes it over. */
static uint64_t migratory(struct tg *tg, const struct coh_params *p,
			  uint64_t left)
{
	uint64_t cpu = osc_rng_below(&tg->rng, p->cpus), l, n = 0, addr;

	for (l = 0; l < MIGRATORY_LINES && n < left; l++) {
		addr = word_of(tg, p, SHARED_BASE, l);
		put_access(tg, cpu, false, addr);
		if (++n < left) {
			put_access(tg, cpu, true, addr);
			n++;
		}
	}
	return n;
}

/* Producer-consumer: CPU 0 writes the next slot of a ring buffer, then a
 * consumer (another CPU when there is one) reads it. */
static uint64_t prodcons(struct tg *tg, const struct coh_params *p,
			 uint64_t left, uint64_t *slot)
{
	uint64_t addr = word_of(tg, p, SHARED_BASE, *slot % BUFFER_LINES);
	uint64_t consumer = p->cpus > 1 ?
		1 + osc_rng_below(&tg->rng, p->cpus - 1) : 0;

	++*slot;
	put_access(tg, 0, true, addr);
	if (left < 2)
		return 1;
	put_access(tg, consumer, false, addr);
	return 2;
}

static int coh_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct coh_params *p = params;
	uint64_t n = 0, slot = 0;

	(void)err;
	while (n < p->count) {
		if (p->pattern == P_MIGRATORY)
			n += migratory(tg, p, p->count - n);
		else if (p->pattern == P_PRODCONS)
			n += prodcons(tg, p, p->count - n, &slot);
		else {
			one_access(tg, p);
			n++;
		}
	}
	return OSC_OK;
}

const struct tg_kind tg_coh = {
	.name = "coh",
	.summary = "coherence traces for cache-coh (coh format)",
	.argp = &coh_argp,
	.params_size = sizeof(struct coh_params),
	.defaults = coh_defaults,
	.run = coh_run,
};
