/* gen-allocs.c: trace-gen allocs: allocation traces (alloc format) for alloc-sim and alloc-bench. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

enum size_dist { S_UNIFORM, S_EXP, S_POW2 };

struct allocs_params {
	uint64_t ops, max_live;
	uint64_t lo, hi;	/* uniform and pow2 bounds */
	double mean;		/* exp */
	double realloc_ratio;
	enum size_dist dist;
	bool leak;
};

/* Sizes are kept within what the alloc format accepts. */
#define ALLOCS_MAX_SIZE (UINT64_C(1) << 40)
/* The live ids are kept in memory: 8 bytes each. */
#define ALLOCS_MAX_LIVE (UINT64_C(1) << 28)

enum { OPT_OPS = 0x100, OPT_MAX_LIVE, OPT_SIZE, OPT_REALLOC_RATIO, OPT_LEAK };

static const struct argp_option allocs_options[] = {
	{ "ops", OPT_OPS, "N", 0,
	  "operations to write, frees included (a count: 1M = 1000000; "
	  "default 1000)", 0 },
	{ "max-live", OPT_MAX_LIVE, "N", 0,
	  "most blocks live at once (a count; default 100)", 0 },
	{ "size", OPT_SIZE, "DIST", 0,
	  "request sizes: uniform:A-B (default uniform:1-256), exp:MEAN, or "
	  "pow2:A-B (powers of two from A to B); A, B are sizes (4K = 4096)", 0 },
	{ "realloc-ratio", OPT_REALLOC_RATIO, "R", 0,
	  "fraction of operations that resize a live block, 0 to 1 "
	  "(default 0)", 0 },
	{ "leak", OPT_LEAK, NULL, 0,
	  "do not free every block by the end", 0 },
	{ 0 }
};

static void allocs_defaults(void *params)
{
	struct allocs_params *p = params;

	p->ops = 1000;
	p->max_live = 100;
	p->dist = S_UNIFORM;
	p->lo = 1;
	p->hi = 256;
	p->mean = 64;
}

/* A-B as two sizes, 1 <= A <= B <= ALLOCS_MAX_SIZE. */
static bool allocs_range(const char *s, uint64_t *lo, uint64_t *hi)
{
	const char *dash = strchr(s, '-');
	char *a;
	bool good;

	if (!dash)
		return false;
	if (!(a = strndup(s, (size_t)(dash - s))))
		osc_die(EX_OSERR, "out of memory");
	good = osc_parse_num(a, OSC_NUM_SIZE, lo, NULL) == OSC_OK &&
		osc_parse_num(dash + 1, OSC_NUM_SIZE, hi, NULL) == OSC_OK &&
		*lo >= 1 && *lo <= *hi && *hi <= ALLOCS_MAX_SIZE;
	free(a);
	return good;
}

static void allocs_size(struct argp_state *state, struct allocs_params *p,
			const char *arg)
{
	bool good = false;

	if (strncmp(arg, "uniform:", 8) == 0) {
		p->dist = S_UNIFORM;
		good = allocs_range(arg + 8, &p->lo, &p->hi);
	} else if (strncmp(arg, "pow2:", 5) == 0) {
		p->dist = S_POW2;
		good = allocs_range(arg + 5, &p->lo, &p->hi);
		/* At least one power of two must lie in [lo, hi]. */
		if (good) {
			uint64_t x = 1;

			while (x < p->lo)
				x <<= 1;
			good = x <= p->hi;
		}
	} else if (strncmp(arg, "exp:", 4) == 0) {
		p->dist = S_EXP;
		good = osc_parse_double(arg + 4, &p->mean, NULL) == OSC_OK &&
			p->mean >= 1 && p->mean <= 1e9;
	}
	if (!good)
		argp_error(state, "invalid value for --size: expected uniform:A-B, "
			   "exp:MEAN or pow2:A-B with 1 <= A <= B <= 1T (and "
			   "1 <= MEAN <= 1e9), found \"%s\"", arg);
}

static error_t allocs_parse(int key, char *arg, struct argp_state *state)
{
	struct allocs_params *p = state->input;

	switch (key) {
	case OPT_OPS:
		p->ops = osc_cli_num(state, "--ops", arg, OSC_NUM_COUNT);
		break;
	case OPT_MAX_LIVE:
		p->max_live = osc_cli_num_range(state, "--max-live", arg,
						OSC_NUM_COUNT, 1, ALLOCS_MAX_LIVE);
		break;
	case OPT_SIZE:
		allocs_size(state, p, arg);
		break;
	case OPT_REALLOC_RATIO:
		p->realloc_ratio = osc_cli_double(state, "--realloc-ratio", arg);
		if (!(p->realloc_ratio >= 0 && p->realloc_ratio <= 1))
			argp_error(state, "invalid value for --realloc-ratio: "
				   "expected 0 to 1, found \"%s\"", arg);
		break;
	case OPT_LEAK:
		p->leak = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp allocs_argp = { allocs_options, allocs_parse, NULL,
					 NULL, NULL, NULL, NULL };

static uint64_t allocs_draw(struct tg *tg, const struct allocs_params *p)
{
	uint64_t a, b, s;
	double x;

	switch (p->dist) {
	case S_EXP:
		x = ceil(osc_rng_exp(&tg->rng, p->mean));
		return x < 1 ? 1 : x > ALLOCS_MAX_SIZE ? ALLOCS_MAX_SIZE :
			(uint64_t)x;
	case S_POW2:
		for (a = 0; (UINT64_C(1) << a) < p->lo; a++)
			;
		for (b = a; b < 63 && (UINT64_C(1) << (b + 1)) <= p->hi; b++)
			;
		return UINT64_C(1) << (a + osc_rng_below(&tg->rng, b - a + 1));
	default:
		s = p->lo + osc_rng_below(&tg->rng, p->hi - p->lo + 1);
		return s;
	}
}

static void allocs_line(struct tg *tg, char op, uint64_t id, uint64_t size)
{
	tg_putc(tg, op);
	tg_putc(tg, ' ');
	tg_putu(tg, id);
	if (size) {
		tg_putc(tg, ' ');
		tg_putu(tg, size);
	}
	tg_putc(tg, '\n');
}

/* What the next step does. */
static char allocs_pick(struct tg *tg, const struct allocs_params *p,
			uint64_t n, uint64_t cap, uint64_t left)
{
	bool can_alloc = n < cap && (p->leak || left >= n + 2);

	if (!p->leak && left <= n)
		return 'f';
	if (n > 0 && osc_rng_double(&tg->rng) < p->realloc_ratio)
		return 'r';
	if (n == 0)
		return can_alloc ? 'a' : 0;
	if (!can_alloc)
		return 'f';
	return osc_rng_below(&tg->rng, 2) ? 'a' : 'f';
}

/*
 * Each step allocates a fresh id, resizes a live one (--realloc-ratio) or
 * frees a random live one.  Unless --leak, the steps are planned so that the
 * last ones free whatever is still live: an allocation is made only while
 * the operations left can still free it.
 */
static int allocs_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct allocs_params *p = params;
	uint64_t *live, n = 0, next_id = 0, i, k;
	uint64_t cap = p->max_live < p->ops ? p->max_live : p->ops;
	char op;

	if (!(live = malloc((cap ? cap : 1) * sizeof *live)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	for (i = 0; i < p->ops; i++) {
		op = allocs_pick(tg, p, n, cap, p->ops - i);
		if (op == 0)
			break;
		if (op == 'a') {
			live[n++] = next_id;
			allocs_line(tg, 'a', next_id++, allocs_draw(tg, p));
			continue;
		}
		k = osc_rng_below(&tg->rng, n);
		if (op == 'r') {
			allocs_line(tg, 'r', live[k], allocs_draw(tg, p));
			continue;
		}
		allocs_line(tg, 'f', live[k], 0);
		live[k] = live[--n];
	}
	free(live);
	return OSC_OK;
}

const struct tg_kind tg_allocs = {
	.name = "allocs",
	.summary = "allocation traces for alloc-sim and alloc-bench (alloc format)",
	.argp = &allocs_argp,
	.params_size = sizeof(struct allocs_params),
	.defaults = allocs_defaults,
	.run = allocs_run,
};
