/* gen-refs.c: trace-gen refs: page reference strings in the refs format. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

enum refs_dist { D_UNIFORM, D_ZIPF, D_SEQ, D_LOOP, D_SCAN_MIX, D_PHASES };

static const char *const dist_names[] = {
	"uniform", "zipf", "seq", "loop", "scan-mix", "phases", NULL
};

/* A zipf table costs 8 bytes a page; past this it is refused. */
#define ZIPF_MAX_PAGES (UINT64_C(1) << 26)

struct refs_params {
	uint64_t count, pages, scan_len, scan_every, phase_len, page_size;
	double alpha, write_ratio;
	enum refs_dist dist;
	bool scan_len_given;
};

enum {
	OPT_COUNT = 0x100, OPT_PAGES, OPT_DIST, OPT_ALPHA, OPT_SCAN_LEN,
	OPT_SCAN_EVERY, OPT_PHASE_LEN, OPT_WRITE_RATIO, OPT_PAGE_SIZE
};

static const struct argp_option refs_options[] = {
	{ "count", OPT_COUNT, "N", 0,
	  "references to write (a count: 10M = 10000000; default 1000)", 0 },
	{ "pages", OPT_PAGES, "N", 0,
	  "distinct pages drawn from (a count; default 100)", 0 },
	{ "dist", OPT_DIST, "DIST", 0,
	  "uniform (default), zipf, seq, loop, scan-mix or phases", 0 },
	{ "alpha", OPT_ALPHA, "A", 0,
	  "zipf exponent: page of rank r has weight 1/r^A (default 1.0)", 0 },
	{ "scan-len", OPT_SCAN_LEN, "N", 0,
	  "scan-mix: pages in each one-time scan (a count; default --pages)", 0 },
	{ "scan-every", OPT_SCAN_EVERY, "N", 0,
	  "scan-mix: hot references between scans (a count; default 1000)", 0 },
	{ "phase-len", OPT_PHASE_LEN, "N", 0,
	  "phases: references per phase (a count; default 1000)", 0 },
	{ "write-ratio", OPT_WRITE_RATIO, "R", 0,
	  "fraction of writes, 0 to 1 (default 0: no R/W column)", 0 },
	{ "page-size", OPT_PAGE_SIZE, "BYTES", 0,
	  "write byte addresses within pages of this size (a size: 4K = 4096)",
	  0 },
	{ 0 }
};

static void refs_defaults(void *params)
{
	struct refs_params *p = params;

	p->count = 1000;
	p->pages = 100;
	p->scan_every = 1000;
	p->phase_len = 1000;
	p->alpha = 1.0;
	p->dist = D_UNIFORM;
}

static void refs_check(struct argp_state *state, struct refs_params *p)
{
	uint64_t top;

	if (!p->scan_len_given)
		p->scan_len = p->pages;
	if (p->pages == 0 || p->phase_len == 0 || p->scan_len == 0)
		argp_error(state, "--pages, --phase-len and --scan-len must be at least 1");
	if ((p->dist == D_ZIPF || p->dist == D_SCAN_MIX) && p->pages > ZIPF_MAX_PAGES)
		argp_error(state, "--pages=%llu is too many for a zipf table (at most %llu)",
			   (unsigned long long)p->pages,
			   (unsigned long long)ZIPF_MAX_PAGES);
	if (!(p->alpha >= 0) || p->alpha > 100)
		argp_error(state, "invalid value for --alpha: expected 0 to 100");
	if (!(p->write_ratio >= 0 && p->write_ratio <= 1))
		argp_error(state, "invalid value for --write-ratio: expected 0 to 1");
	/* The largest page number the trace can name must fit in 64 bits as
	 * a byte address too. */
	top = p->dist == D_SEQ ? p->count :
		p->dist == D_SCAN_MIX ? p->pages + p->count :
		p->dist == D_PHASES ? p->pages + (p->count / p->phase_len + 1) *
		(p->pages / 2 + 1) : p->pages;
	if (p->page_size && top > UINT64_MAX / p->page_size)
		argp_error(state, "--page-size=%llu makes addresses beyond 64 bits",
			   (unsigned long long)p->page_size);
}

static error_t refs_parse(int key, char *arg, struct argp_state *state)
{
	struct refs_params *p = state->input;

	switch (key) {
	case OPT_COUNT:
		p->count = osc_cli_num(state, "--count", arg, OSC_NUM_COUNT);
		break;
	case OPT_PAGES:
		p->pages = osc_cli_num(state, "--pages", arg, OSC_NUM_COUNT);
		break;
	case OPT_DIST:
		p->dist = (enum refs_dist)osc_cli_choice(state, "--dist", arg,
							 dist_names);
		break;
	case OPT_ALPHA:
		p->alpha = osc_cli_double(state, "--alpha", arg);
		break;
	case OPT_SCAN_LEN:
		p->scan_len = osc_cli_num(state, "--scan-len", arg, OSC_NUM_COUNT);
		p->scan_len_given = true;
		break;
	case OPT_SCAN_EVERY:
		p->scan_every = osc_cli_num(state, "--scan-every", arg,
					    OSC_NUM_COUNT);
		break;
	case OPT_PHASE_LEN:
		p->phase_len = osc_cli_num(state, "--phase-len", arg,
					   OSC_NUM_COUNT);
		break;
	case OPT_WRITE_RATIO:
		p->write_ratio = osc_cli_double(state, "--write-ratio", arg);
		break;
	case OPT_PAGE_SIZE:
		p->page_size = osc_cli_num(state, "--page-size", arg, OSC_NUM_SIZE);
		break;
	case ARGP_KEY_END:
		refs_check(state, p);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp refs_argp = { refs_options, refs_parse, NULL, NULL,
				       NULL, NULL, NULL };

/*
 * Zipf sampling in O(1) with Walker's alias method (as arranged by Vose):
 * slot i keeps page i when a 32-bit random number is at most keep[i], else
 * gives alias[i].  A table of a million pages does not fit in cache, so
 * draws are made in batches whose slots are prefetched first; the batches
 * come from a generator of their own (seeded from the main one), so the
 * pages drawn do not depend on what else the trace draws.
 */
#define ZIPF_BATCH 256

struct zipf_slot {
	uint32_t keep, alias;
};

struct zipf {
	struct zipf_slot *slot;
	uint64_t n;
	struct osc_rng rng;
	uint32_t next, idx[ZIPF_BATCH];
};

/* Vose's pairing of under- and over-full slots; prob[] is scaled to mean 1. */
static void zipf_pair(struct zipf *z, double *prob, uint32_t *small,
		      uint32_t *large)
{
	uint64_t ns = 0, nl = 0, i;

	for (i = 0; i < z->n; i++) {
		z->slot[i].alias = (uint32_t)i;
		if (prob[i] < 1.0)
			small[ns++] = (uint32_t)i;
		else
			large[nl++] = (uint32_t)i;
	}
	while (ns && nl) {
		uint32_t s = small[--ns], l = large[nl - 1];

		z->slot[s].alias = l;
		prob[l] -= 1.0 - prob[s];
		if (prob[l] < 1.0) {
			nl--;
			small[ns++] = l;
		}
	}
	/* What is left is full up to rounding. */
	while (nl)
		prob[large[--nl]] = 1.0;
	while (ns)
		prob[small[--ns]] = 1.0;
	for (i = 0; i < z->n; i++) {
		double t = prob[i] * 4294967296.0;

		z->slot[i].keep = t >= 4294967296.0 ? UINT32_MAX :
			t < 1.0 ? 0 : (uint32_t)(t - 1.0);
	}
}

static int zipf_build(struct zipf *z, uint64_t n, double alpha,
		      struct osc_rng *parent)
{
	double *prob = malloc(n * sizeof *prob), sum = 0;
	uint32_t *small = malloc(n * sizeof *small);
	uint32_t *large = malloc(n * sizeof *large);
	uint64_t i;
	int st = OSC_ENOMEM;

	z->n = n;
	z->next = ZIPF_BATCH;
	z->slot = malloc(n * sizeof *z->slot);
	osc_rng_seed(&z->rng, osc_rng_next(parent));
	if (prob && small && large && z->slot) {
		for (i = 0; i < n; i++)
			sum += prob[i] = pow((double)(i + 1), -alpha);
		for (i = 0; i < n; i++)
			prob[i] = prob[i] * (double)n / sum;
		zipf_pair(z, prob, small, large);
		st = OSC_OK;
	}
	free(prob);
	free(small);
	free(large);
	return st;
}

static inline uint64_t zipf_draw(struct zipf *z)
{
	uint32_t i, r;

	if (z->next == ZIPF_BATCH) {
		for (i = 0; i < ZIPF_BATCH; i++) {
			z->idx[i] = (uint32_t)(((unsigned __int128)
						osc_rng_next(&z->rng) * z->n) >> 64);
			__builtin_prefetch(&z->slot[z->idx[i]]);
		}
		z->next = 0;
	}
	i = z->idx[z->next++];
	r = (uint32_t)(osc_rng_next(&z->rng) >> 32);
	return r <= z->slot[i].keep ? i : z->slot[i].alias;
}

static void zipf_free(struct zipf *z)
{
	free(z->slot);
}

/* Generator state for the distributions that remember where they are. */
struct refs_state {
	const struct refs_params *p;
	struct zipf z;
	uint64_t hot_left;	/* scan-mix: hot references before the next scan */
	uint64_t scan_left;	/* scan-mix: pages left in the current scan */
	uint64_t next_fresh;	/* scan-mix: first page never used */
};

static uint64_t next_page(struct refs_state *st, struct osc_rng *r, uint64_t i)
{
	const struct refs_params *p = st->p;

	switch (p->dist) {
	case D_ZIPF:
		return zipf_draw(&st->z);
	case D_SEQ:
		return i;
	case D_LOOP:
		return i % p->pages;
	case D_PHASES:
		return i / p->phase_len * (p->pages / 2 ? p->pages / 2 : 1) +
			osc_rng_below(r, p->pages);
	case D_SCAN_MIX:
		if (st->scan_left) {
			st->scan_left--;
			return st->next_fresh++;
		}
		if (--st->hot_left == 0) {
			st->hot_left = p->scan_every ? p->scan_every : UINT64_MAX;
			st->scan_left = p->scan_len;
		}
		return zipf_draw(&st->z);
	default:
		return osc_rng_below(r, p->pages);
	}
}

static int refs_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct refs_params *p = params;
	struct refs_state st = { .p = p, .next_fresh = p->pages };
	bool ops = p->write_ratio > 0;
	uint64_t i, page;

	st.hot_left = p->scan_every ? p->scan_every : UINT64_MAX;
	if ((p->dist == D_ZIPF || p->dist == D_SCAN_MIX) &&
	    zipf_build(&st.z, p->pages, p->alpha, &tg->rng) != OSC_OK) {
		zipf_free(&st.z);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "out of memory for a zipf table of %llu pages",
				     (unsigned long long)p->pages);
	}
	for (i = 0; i < p->count; i++) {
		page = next_page(&st, &tg->rng, i);
		if (ops)
			tg_puts(tg, osc_rng_double(&tg->rng) < p->write_ratio ?
				"W " : "R ");
		if (p->page_size)
			tg_putx(tg, page * p->page_size +
				osc_rng_below(&tg->rng, p->page_size));
		else
			tg_putu(tg, page);
		tg_putc(tg, '\n');
	}
	zipf_free(&st.z);
	return OSC_OK;
}

const struct tg_kind tg_refs = {
	.name = "refs",
	.summary = "page references for page-replay (refs format)",
	.argp = &refs_argp,
	.params_size = sizeof(struct refs_params),
	.defaults = refs_defaults,
	.run = refs_run,
};
