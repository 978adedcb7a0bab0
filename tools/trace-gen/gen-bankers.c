/* gen-bankers.c: trace-gen bankers: banker's problems (bankers format), safe or unsafe on demand. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

/*
 * Each process claims 0..--max-units instances of each resource and holds
 * 0..its claim.  With --safe, Available is the least that lets a random
 * order of the processes finish (plus 0 or 1), so the state is safe by
 * construction; otherwise Available is drawn in 0..--max-units and, with
 * --unsafe, the problem is drawn again until the library's safety
 * algorithm finds it unsafe (allocations biased towards the claims make
 * that common).  Requests are drawn up to each process's need, one in
 * eight beyond it.
 */
#define BANKERS_MAX_PROCESSES 10000
#define BANKERS_MAX_RESOURCES 1000
#define BANKERS_TRIES 10000

enum { WANT_ANY, WANT_SAFE, WANT_UNSAFE };

struct bankers_params {
	uint64_t processes, resources, max_units, requests;
	int want;
};

enum { OPT_PROCESSES = 0x100, OPT_RESOURCES, OPT_MAX_UNITS, OPT_SAFE,
       OPT_UNSAFE, OPT_REQUESTS };

static const struct argp_option bankers_options[] = {
	{ "processes", OPT_PROCESSES, "N", 0,
	  "processes P0..P(N-1) (a count; default 5)", 0 },
	{ "resources", OPT_RESOURCES, "N", 0,
	  "resource types R0..R(N-1) (a count; default 3)", 0 },
	{ "max-units", OPT_MAX_UNITS, "N", 0,
	  "each process claims at most N instances of each resource (a count; default 10)", 0 },
	{ "safe", OPT_SAFE, NULL, 0, "generate a safe initial state", 0 },
	{ "unsafe", OPT_UNSAFE, NULL, 0, "generate an unsafe initial state", 0 },
	{ "requests", OPT_REQUESTS, "N", 0,
	  "N request lines after the processes (a count; default 0)", 0 },
	{ 0 }
};

static void bankers_defaults(void *params)
{
	struct bankers_params *p = params;

	p->processes = 5;
	p->resources = 3;
	p->max_units = 10;
}

static error_t bankers_parse(int key, char *arg, struct argp_state *state)
{
	struct bankers_params *p = state->input;

	switch (key) {
	case OPT_PROCESSES:
		p->processes = osc_cli_num_range(state, "--processes", arg,
			OSC_NUM_COUNT, 1, BANKERS_MAX_PROCESSES);
		break;
	case OPT_RESOURCES:
		p->resources = osc_cli_num_range(state, "--resources", arg,
			OSC_NUM_COUNT, 1, BANKERS_MAX_RESOURCES);
		break;
	case OPT_MAX_UNITS:
		p->max_units = osc_cli_num_range(state, "--max-units", arg,
			OSC_NUM_COUNT, 1, UINT32_MAX);
		break;
	case OPT_SAFE:
	case OPT_UNSAFE:
		if (p->want)
			argp_error(state, "--safe and --unsafe exclude each other");
		p->want = key == OPT_SAFE ? WANT_SAFE : WANT_UNSAFE;
		break;
	case OPT_REQUESTS:
		p->requests = osc_cli_num(state, "--requests", arg, OSC_NUM_COUNT);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp bankers_argp = { bankers_options, bankers_parse, NULL,
					  NULL, NULL, NULL, NULL };

/* Claims and allocations, biased towards the claims when `greedy`. */
static void draw_claims(struct osc_bankers *b, struct osc_rng *rng,
			uint64_t units, bool greedy)
{
	size_t i, m = b->nres;
	uint64_t claim, a;

	for (i = 0; i < b->nproc * m; i++) {
		claim = osc_rng_below(rng, units + 1);
		a = osc_rng_below(rng, claim + 1);
		if (greedy)
			a += osc_rng_below(rng, claim - a + 1);
		b->max[i] = claim;
		b->alloc[i] = a;
	}
}

/* The least Available with which the processes finish in order `order`
 * (a random permutation), plus 0 or 1. */
static void safe_available(struct osc_bankers *b, struct osc_rng *rng,
			   size_t *order)
{
	size_t i, k, p, r, m = b->nres;
	uint64_t got, need;

	for (i = 0; i < b->nproc; i++)
		order[i] = i;
	for (i = b->nproc; i > 1; i--) {
		k = (size_t)osc_rng_below(rng, i);
		p = order[i - 1], order[i - 1] = order[k], order[k] = p;
	}
	for (r = 0; r < m; r++) {
		b->avail[r] = 0;
		got = 0;
		for (i = 0; i < b->nproc; i++) {
			p = order[i];
			need = osc_bankers_need(b, p, r);
			if (need > got + b->avail[r])
				b->avail[r] = need - got;
			got += b->alloc[p * m + r];
		}
		b->avail[r] += osc_rng_below(rng, 2);
	}
}

static void draw(const struct bankers_params *pp, struct osc_bankers *b,
		 struct osc_rng *rng, size_t *order, bool greedy)
{
	draw_claims(b, rng, pp->max_units, greedy);
	if (pp->want == WANT_SAFE) {
		safe_available(b, rng, order);
		return;
	}
	for (size_t r = 0; r < b->nres; r++)
		b->avail[r] = osc_rng_below(rng, pp->max_units + 1);
}

static bool fits(const struct bankers_params *pp, struct osc_bankers *b,
		 size_t *seq)
{
	size_t n = osc_bankers_safety(b, OSC_BK_RESTART, seq, NULL);

	return pp->want == WANT_ANY || (pp->want == WANT_SAFE) == (n == b->nproc);
}

static void put_vec(struct tg *tg, const uint64_t *v, size_t m)
{
	for (size_t r = 0; r < m; r++) {
		tg_putc(tg, ' ');
		tg_putu(tg, v[r]);
	}
}

static void write_problem(struct tg *tg, const struct osc_bankers *b)
{
	size_t p, r, m = b->nres;

	tg_puts(tg, "resources");
	for (r = 0; r < m; r++)
		tg_printf(tg, " R%zu", r);
	tg_puts(tg, "\navailable");
	put_vec(tg, b->avail, m);
	tg_putc(tg, '\n');
	for (p = 0; p < b->nproc; p++) {
		tg_printf(tg, "process P%zu alloc", p);
		put_vec(tg, b->alloc + p * m, m);
		tg_puts(tg, " max");
		put_vec(tg, b->max + p * m, m);
		tg_putc(tg, '\n');
	}
}

/* Requests up to the need, one in eight beyond it by one unit. */
static void write_requests(struct tg *tg, const struct osc_bankers *b,
			   uint64_t n)
{
	size_t p, r, m = b->nres;
	uint64_t need, v;

	while (n--) {
		p = (size_t)osc_rng_below(&tg->rng, b->nproc);
		tg_printf(tg, "request P%zu", p);
		for (r = 0; r < m; r++) {
			need = osc_bankers_need(b, p, r);
			v = osc_rng_below(&tg->rng, need + 1);
			if (osc_rng_below(&tg->rng, 8) == 0)
				v = need + 1;
			tg_putc(tg, ' ');
			tg_putu(tg, v);
		}
		tg_putc(tg, '\n');
	}
}

static int bankers_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct bankers_params *pp = params;
	struct osc_bankers b = { .nproc = pp->processes, .nres = pp->resources };
	size_t *seq = calloc(pp->processes, sizeof *seq), tries;
	int st = OSC_OK;

	b.avail = calloc(b.nres, sizeof *b.avail);
	b.alloc = calloc(b.nres * b.nproc, sizeof *b.alloc);
	b.max = calloc(b.nres * b.nproc, sizeof *b.max);
	if (!seq || !b.avail || !b.alloc || !b.max) {
		st = osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
		goto out;
	}
	for (tries = 0; tries < BANKERS_TRIES; tries++) {
		draw(pp, &b, &tg->rng, seq,
		     pp->want == WANT_UNSAFE && tries % 2 == 0);
		if (fits(pp, &b, seq))
			break;
	}
	if (tries == BANKERS_TRIES) {
		st = osc_error_set(err, OSC_EUSAGE, NULL, 0,
				   "no %s state found in %d tries: try other sizes",
				   pp->want == WANT_SAFE ? "safe" : "unsafe",
				   BANKERS_TRIES);
		goto out;
	}
	write_problem(tg, &b);
	write_requests(tg, &b, pp->requests);
out:
	free(seq);
	free(b.avail);
	free(b.alloc);
	free(b.max);
	return st;
}

const struct tg_kind tg_bankers = {
	.name = "bankers",
	.summary = "a banker's algorithm problem for bankers (bankers format)",
	.argp = &bankers_argp,
	.params_size = sizeof(struct bankers_params),
	.defaults = bankers_defaults,
	.run = bankers_run,
};
