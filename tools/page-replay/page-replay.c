/* page-replay.c: replay page references under replacement policies (main and options). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "page-replay.h"

enum {
	OPT_PAGE_SIZE = 256,
	OPT_INPUT,
	OPT_READAHEAD,
	OPT_ACTIVE_RATIO,
	OPT_HEX,
};

#define FRAMES_ITEMS_MAX 4096	/* frames values in one sweep */
#define JOBS_MAX 1024

static const char *const table_names[] = { "summary", "accesses", "anomaly",
					   NULL };
static const char *const input_names[] = { "refs", "lackey", NULL };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Simulation:", 1 },
	{ "policy", 'p', "POLICY[,POLICY...]", 0,
	  "replacement policies: opt, fifo, lru, mru, lfu, clock, rand, 2lru, "
	  "arc, 2q, s3fifo, lirs, or all (default lru)", 1 },
	{ "frames", 'n', "FRAMES", 0,
	  "page frames: N, a list N1,N2,... or ranges A-B, A-B:STEP "
	  "(a count: 10K = 10000; default 4)", 1 },
	{ "readahead", OPT_READAHEAD, "K", 0,
	  "on a fault of page p also load p+1..p+K (default 0)", 1 },
	{ "active-ratio", OPT_ACTIVE_RATIO, "R", 0,
	  "2lru: share of the frames the active list may hold, 0 to 1 "
	  "(default 0.5)", 1 },
	{ "jobs", 'j', "JOBS", 0,
	  "threads for a sweep (default: the online CPUs)", 1 },
	{ NULL, 0, NULL, 0, "Input:", 2 },
	{ "input", OPT_INPUT, "FORMAT", 0,
	  "refs (default: [OP] ADDRESS lines) or lackey (valgrind "
	  "--tool=lackey --trace-mem=yes output)", 2 },
	{ "page-size", OPT_PAGE_SIZE, "BYTES", 0,
	  "page size: the page is ADDRESS / BYTES (a size: 4K = 4096; "
	  "default 1: addresses are page numbers)", 2 },
	{ "hex", OPT_HEX, NULL, 0,
	  "refs: addresses without 0x are hexadecimal", 2 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static void parse_policies(struct argp_state *state, struct pr *pr)
{
	char **names;
	size_t n, i;
	struct osc_error err;

	if (strcmp(pr->policy_arg, "all") == 0) {
		for (n = 0; osc_replace_policies[n]; n++)
			;
		pr->pol = calloc(n, sizeof *pr->pol);
		if (pr->pol == NULL)
			argp_failure(state, EX_OSERR, 0, "out of memory");
		memcpy(pr->pol, osc_replace_policies, n * sizeof *pr->pol);
		pr->npol = n;
		return;
	}
	if (osc_parse_names(pr->policy_arg, &names, &n, &err) != OSC_OK)
		argp_error(state, "invalid value for --policy: %s", err.msg);
	pr->pol = calloc(n, sizeof *pr->pol);
	if (pr->pol == NULL)
		argp_failure(state, EX_OSERR, 0, "out of memory");
	for (i = 0; i < n; i++)
		if ((pr->pol[i] = osc_replace_lookup(names[i])) == NULL)
			argp_error(state, "invalid value for --policy: expected "
				   "one of opt, fifo, lru, mru, lfu, clock, "
				   "rand, 2lru, arc, 2q, s3fifo, lirs, all, found "
				   "\"%s\"", names[i]);
	pr->npol = n;
	osc_names_free(names);
}

static void parse_frames(struct argp_state *state, struct pr *pr)
{
	struct osc_error err;
	size_t i;

	if (osc_parse_num_list(pr->frames_arg, OSC_NUM_COUNT, true,
			       FRAMES_ITEMS_MAX, &pr->frames, &err) != OSC_OK)
		argp_error(state, "invalid value for --frames: %s", err.msg);
	for (i = 0; i < pr->frames.n; i++)
		if (pr->frames.v[i] < 1 ||
		    pr->frames.v[i] > OSC_REPLACE_FRAMES_MAX)
			argp_error(state, "invalid value for --frames: expected "
				   "1 to %u frames, found %llu",
				   OSC_REPLACE_FRAMES_MAX,
				   (unsigned long long)pr->frames.v[i]);
}

static void parse_end(struct argp_state *state, struct pr *pr)
{
	parse_policies(state, pr);
	parse_frames(state, pr);
	pr->tables = osc_cli_tables(state, &pr->cli, table_names,
				    1u << TAB_SUMMARY);
	if ((pr->tables & (1u << TAB_ACCESSES)) &&
	    (pr->npol != 1 || pr->frames.n != 1)) {
		/* `-t all` means every table that applies. */
		if (pr->cli.tables && strcmp(pr->cli.tables, "all") == 0)
			pr->tables &= ~(1u << TAB_ACCESSES);
		else
			argp_error(state, "the accesses table needs one policy "
				   "and one frames value");
	}
	pr->page_pow2 = (pr->page_size & (pr->page_size - 1)) == 0;
	while (pr->page_pow2 && (1ull << pr->page_shift) < pr->page_size)
		pr->page_shift++;
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct pr *pr = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &pr->cli;
		break;
	case 'p':
		pr->policy_arg = arg;
		break;
	case 'n':
		pr->frames_arg = arg;
		break;
	case 'j':
		pr->jobs = (unsigned)osc_cli_num_range(state, "jobs", arg,
						       OSC_NUM_COUNT, 1, JOBS_MAX);
		break;
	case OPT_PAGE_SIZE:
		pr->page_size = osc_cli_num_range(state, "page-size", arg,
						  OSC_NUM_SIZE, 1, UINT64_MAX);
		break;
	case OPT_INPUT:
		pr->input = osc_cli_choice(state, "input", arg, input_names);
		break;
	case OPT_READAHEAD:
		pr->readahead = (uint32_t)osc_cli_num_range(state, "readahead",
			arg, OSC_NUM_COUNT, 0, OSC_REPLACE_FRAMES_MAX);
		break;
	case OPT_ACTIVE_RATIO:
		pr->active_ratio = osc_cli_double(state, "active-ratio", arg);
		if (!(pr->active_ratio >= 0 && pr->active_ratio <= 1))
			argp_error(state, "invalid value for --active-ratio: "
				   "expected a number from 0 to 1, found \"%s\"",
				   arg);
		break;
	case OPT_HEX:
		pr->hex = true;
		break;
	case ARGP_KEY_ARGS:
		pr->files = state->argv + state->next;
		pr->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		parse_end(state, pr);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP },
	{ NULL, 0, NULL, 0 }
};

static const struct argp argp = {
	options, parse_opt, "[FILE...]",
	"Replay page references under replacement policies and count hits, "
	"misses, write-backs and read-ahead; several policies and frames "
	"values form a sweep.\v"
	"Tables (-t): summary (default), accesses (one policy, one frames "
	"value), anomaly.  Input: `[OP] ADDRESS' per line, OP R or W.  "
	"Example: trace-gen refs --dist=zipf --pages=1000 --count=100K | "
	"page-replay -p lru,clock,opt -n 16-256:16 -f csv.  See page-replay(1).",
	children, NULL, NULL
};

static void pr_params(struct pr *pr)
{
	struct osc_out *o = pr->out;

	osc_out_param_str(o, "policy", pr->policy_arg);
	osc_out_param_str(o, "frames", pr->frames_arg);
	osc_out_param_u64(o, "page_size", pr->page_size);
	osc_out_param_str(o, "input", input_names[pr->input]);
	osc_out_param_u64(o, "readahead", pr->readahead);
	osc_out_param_double(o, "active_ratio", pr->active_ratio);
	osc_out_param_u64(o, "seed", pr->cli.seed);
}

static void pr_start(struct pr *pr)
{
	unsigned t = pr->tables, ntab = 0;
	struct osc_replace_config c = {
		.frames = (uint32_t)pr->frames.v[0],
		.readahead = pr->readahead,
		.active_ratio = pr->active_ratio,
		.seed = pr->cli.seed,
	};

	for (; t; t &= t - 1)
		ntab++;
	pr->stats = calloc(pr->npol * pr->frames.n, sizeof *pr->stats);
	if (pr->stats == NULL)
		osc_die(EX_OSERR, "out of memory");
	pr->stream = pr->npol == 1 && pr->frames.n == 1 &&
		     !(pr->pol[0]->flags & OSC_REPLACE_FUTURE);
	if (pr->stream &&
	    osc_replace_new(&pr->sim, pr->pol[0], &c, &pr->err) != OSC_OK)
		osc_die_error(&pr->err);
	pr_sweep_begin(pr);
	pr->out = osc_cli_open_out(&pr->cli, ntab > 1);
	pr_params(pr);
}

int main(int argc, char **argv)
{
	struct pr pr = {
		.policy_arg = "lru",
		.frames_arg = "4",
		.page_size = 1,
		.active_ratio = 0.5,
	};
	long cpus;

	osc_cli_start(argc, argv);
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pr.jobs = cpus > 0 && cpus <= JOBS_MAX ? (unsigned)cpus : 1;
	osc_replace_trace_init(&pr.trace);
	argp_parse(&argp, argc, argv, 0, NULL, &pr);
	pr_start(&pr);
	if (pr.tables & (1u << TAB_ACCESSES))
		pr_accesses_begin(&pr);
	pr_read(&pr);
	pr_run_all(&pr);
	if (pr.tables & (1u << TAB_ACCESSES))
		if (osc_out_end(pr.out) != OSC_OK)
			osc_die(EX_IOERR, "write error");
	if (pr.tables & (1u << TAB_SUMMARY)) {
		pr_summary(&pr);
		if (pr.frames.n > 1 && osc_out_format(pr.out) == OSC_FMT_TEXT &&
		    !pr.cli.quiet)
			pr_chart(&pr);
	}
	if (pr.tables & (1u << TAB_ANOMALY))
		pr_anomaly(&pr);
	osc_cli_close_out(&pr.cli, pr.out);
	osc_replace_free(pr.sim);
	osc_replace_sweep_free(pr.sweep);
	osc_replace_trace_free(&pr.trace);
	osc_u64_list_free(&pr.frames);
	free(pr.stats);
	free(pr.pol);
	free(pr.res_pages);
	free(pr.res_marks);
	free(pr.line);
	return 0;
}
