/* gen-jobs.c: trace-gen jobs: job traces in the jobs format, for sched-sim. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

enum { A_ZERO, A_FIXED, A_POISSON };
enum { B_FIXED, B_UNIFORM, B_EXP };

/* An inclusive range lo-hi of non-negative integers (lo == hi: fixed). */
struct range {
	uint64_t lo, hi;
	bool given;
};

struct jobs_params {
	uint64_t count;
	int arrival;
	double gap;		/* fixed gap or poisson mean */
	int burst;
	uint64_t b_lo, b_hi;	/* fixed: b_lo; uniform: b_lo-b_hi */
	double b_mean;		/* exp */
	struct range prio, tickets, io_every, io_len;
};

enum {
	OPT_COUNT = 0x100, OPT_ARRIVAL, OPT_BURST, OPT_PRIO, OPT_TICKETS,
	OPT_IO_EVERY, OPT_IO_LEN
};

static const struct argp_option jobs_options[] = {
	{ "count", OPT_COUNT, "N", 0,
	  "jobs to write (a count: 1M = 1000000; default 10)", 0 },
	{ "arrival", OPT_ARRIVAL, "DIST", 0,
	  "arrival times: zero (default, all at 0), fixed:GAP (every GAP "
	  "ticks) or poisson:MEAN (exponential gaps of mean MEAN)", 0 },
	{ "burst", OPT_BURST, "DIST", 0,
	  "burst times: fixed:N, uniform:A-B (default uniform:1-10) or "
	  "exp:MEAN (at least 1)", 0 },
	{ "prio", OPT_PRIO, "A-B", 0,
	  "write prio= drawn uniformly from A to B (or one value N)", 0 },
	{ "tickets", OPT_TICKETS, "A-B", 0,
	  "write tickets= drawn uniformly from A to B (or N; at least 1)", 0 },
	{ "io-every", OPT_IO_EVERY, "A-B", 0,
	  "write io_every= drawn from A to B (or N; at least 1; needs "
	  "--io-len)", 0 },
	{ "io-len", OPT_IO_LEN, "A-B", 0,
	  "write io_len= drawn from A to B (or N; at least 1)", 0 },
	{ 0 }
};

static void jobs_defaults(void *params)
{
	struct jobs_params *p = params;

	p->count = 10;
	p->arrival = A_ZERO;
	p->burst = B_UNIFORM;
	p->b_lo = 1;
	p->b_hi = 10;
}

/* "A-B" or "N" into r; false when malformed or A > B. */
static bool parse_range(const char *s, struct range *r)
{
	struct osc_error err;
	const char *dash = strchr(s, '-');
	char *lo;
	bool good;

	if (!dash)
		return osc_parse_num(s, OSC_NUM_COUNT, &r->lo, &err) == OSC_OK &&
			(r->hi = r->lo, r->given = true);
	lo = strndup(s, (size_t)(dash - s));
	if (!lo)
		return false;
	good = osc_parse_num(lo, OSC_NUM_COUNT, &r->lo, &err) == OSC_OK &&
		osc_parse_num(dash + 1, OSC_NUM_COUNT, &r->hi, &err) == OSC_OK &&
		r->lo <= r->hi;
	free(lo);
	r->given = good;
	return good;
}

static void range_opt(struct argp_state *state, const char *opt,
		      const char *arg, struct range *r, uint64_t min)
{
	if (!parse_range(arg, r) || r->lo < min || r->hi == UINT64_MAX)
		argp_error(state, "invalid value for %s: expected N or A-B with "
			   "%llu <= A <= B, found \"%s\"", opt,
			   (unsigned long long)min, arg);
}

static double positive(struct argp_state *state, const char *opt,
		       const char *s, const char *arg)
{
	struct osc_error err;
	double v;

	if (osc_parse_double(s, &v, &err) != OSC_OK || !(v > 0) || v > 1e15)
		argp_error(state, "invalid value for %s: expected a positive "
			   "number after the colon, found \"%s\"", opt, arg);
	return v;
}

static void parse_arrival(struct argp_state *state, struct jobs_params *p,
			  const char *arg)
{
	if (strcmp(arg, "zero") == 0)
		p->arrival = A_ZERO;
	else if (strncmp(arg, "fixed:", 6) == 0)
		p->arrival = A_FIXED, p->gap = positive(state, "--arrival",
							arg + 6, arg);
	else if (strncmp(arg, "poisson:", 8) == 0)
		p->arrival = A_POISSON, p->gap = positive(state, "--arrival",
							  arg + 8, arg);
	else
		argp_error(state, "invalid value for --arrival: expected zero, "
			   "fixed:GAP or poisson:MEAN, found \"%s\"", arg);
}

static void parse_burst(struct argp_state *state, struct jobs_params *p,
			const char *arg)
{
	struct range r;

	if (strncmp(arg, "fixed:", 6) == 0 && parse_range(arg + 6, &r) &&
	    r.lo == r.hi && r.lo >= 1)
		p->burst = B_FIXED, p->b_lo = p->b_hi = r.lo;
	else if (strncmp(arg, "uniform:", 8) == 0 && parse_range(arg + 8, &r) &&
		 r.lo >= 1 && r.hi < UINT64_MAX)
		p->burst = B_UNIFORM, p->b_lo = r.lo, p->b_hi = r.hi;
	else if (strncmp(arg, "exp:", 4) == 0)
		p->burst = B_EXP, p->b_mean = positive(state, "--burst",
						       arg + 4, arg);
	else
		argp_error(state, "invalid value for --burst: expected fixed:N, "
			   "uniform:A-B or exp:MEAN with bursts of at least 1, "
			   "found \"%s\"", arg);
}

static error_t jobs_parse(int key, char *arg, struct argp_state *state)
{
	struct jobs_params *p = state->input;

	switch (key) {
	case OPT_COUNT:
		p->count = osc_cli_num(state, "--count", arg, OSC_NUM_COUNT);
		break;
	case OPT_ARRIVAL:
		parse_arrival(state, p, arg);
		break;
	case OPT_BURST:
		parse_burst(state, p, arg);
		break;
	case OPT_PRIO:
		range_opt(state, "--prio", arg, &p->prio, 0);
		break;
	case OPT_TICKETS:
		range_opt(state, "--tickets", arg, &p->tickets, 1);
		break;
	case OPT_IO_EVERY:
		range_opt(state, "--io-every", arg, &p->io_every, 1);
		break;
	case OPT_IO_LEN:
		range_opt(state, "--io-len", arg, &p->io_len, 1);
		break;
	case ARGP_KEY_END:
		if (p->io_every.given != p->io_len.given)
			argp_error(state, "--io-every and --io-len go together");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp jobs_argp = { jobs_options, jobs_parse, NULL, NULL,
				       NULL, NULL, NULL };

static uint64_t draw(struct osc_rng *rng, const struct range *r)
{
	return r->lo + osc_rng_below(rng, r->hi - r->lo + 1);
}

static void key(struct tg *tg, struct osc_rng *rng, const char *name,
		const struct range *r)
{
	if (!r->given)
		return;
	tg_putc(tg, ' ');
	tg_puts(tg, name);
	tg_putu(tg, draw(rng, r));
}

static uint64_t burst(const struct jobs_params *p, struct osc_rng *rng)
{
	double b;

	if (p->burst != B_EXP)
		return p->b_lo + osc_rng_below(rng, p->b_hi - p->b_lo + 1);
	b = llround(osc_rng_exp(rng, p->b_mean));
	return b < 1 ? 1 : b > 1e15 ? (uint64_t)1e15 : (uint64_t)b;
}

/* Jobs J1, J2, ... in arrival order: NAME ARRIVAL BURST [keys]. */
static int jobs_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct jobs_params *p = params;
	double clock = 0;
	uint64_t i;

	(void)err;
	for (i = 0; i < p->count; i++) {
		if (p->arrival == A_FIXED && i)
			clock += p->gap;
		else if (p->arrival == A_POISSON && i)
			clock += osc_rng_exp(&tg->rng, p->gap);
		tg_putc(tg, 'J');
		tg_putu(tg, i + 1);
		tg_putc(tg, ' ');
		tg_putu(tg, (uint64_t)clock);
		tg_putc(tg, ' ');
		tg_putu(tg, burst(p, &tg->rng));
		key(tg, &tg->rng, "prio=", &p->prio);
		key(tg, &tg->rng, "tickets=", &p->tickets);
		key(tg, &tg->rng, "io_every=", &p->io_every);
		key(tg, &tg->rng, "io_len=", &p->io_len);
		tg_putc(tg, '\n');
	}
	return OSC_OK;
}

const struct tg_kind tg_jobs = {
	.name = "jobs",
	.summary = "job traces for sched-sim (jobs format)",
	.argp = &jobs_argp,
	.params_size = sizeof(struct jobs_params),
	.defaults = jobs_defaults,
	.run = jobs_run,
};
