/* sched-sim.c: CPU scheduling tick by tick: options, input, then the tables. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sched-sim.h"

static const char *const table_names[] = {
	"jobs", "summary", "timeline", "states", "cpus", NULL
};

enum {
	OPT_CS_COST = 0x100, OPT_REQUEUE, OPT_CPUS, OPT_QUEUES, OPT_STEAL,
	OPT_LEVELS, OPT_QUANTA, OPT_ALLOTMENT, OPT_ALLOTMENTS, OPT_BOOST,
	OPT_IO_KEEP, OPT_IO_FRONT, OPT_MIN_GRAN, OPT_LATENCY, OPT_WARMUP,
	OPT_WARM_RATE, OPT_CACHE, OPT_INPUT, OPT_GANTT, OPT_WIDTH
};

enum { G_POLICY = 1, G_MLFQ, G_CFS, G_CPUS, G_OUT };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Simulation:", G_POLICY },
	{ "policy", 'p', "LIST", 0,
	  "policies to run, comma-separated, or all: fifo (fcfs), sjf, stcf "
	  "(srtf, psjf), rr, hrrn, prio, pprio, mlfq, lottery, stride, cfs "
	  "(default fifo)", 0 },
	{ "quantum", 'q', "TICKS", 0,
	  "time quantum of rr, lottery, stride and mlfq (a count; default 1)", 0 },
	{ "cs-cost", OPT_CS_COST, "TICKS", 0,
	  "ticks charged for each switch between two different jobs "
	  "(default 0)", 0 },
	{ "requeue", OPT_REQUEUE, "WHEN", 0,
	  "last (default): a job whose quantum ended is queued after the "
	  "tick's arrivals and I/O completions; first: before them (the OSTEP "
	  "simulators' convention)", 0 },
	{ "input", OPT_INPUT, "FORMAT", 0,
	  "jobs (default) or swf (Standard Workload Format logs)", 0 },
	{ NULL, 0, NULL, 0, "MLFQ:", G_MLFQ },
	{ "levels", OPT_LEVELS, "N", 0, "number of queues (default 3)", 0 },
	{ "quanta", OPT_QUANTA, "Q0,Q1,...", 0,
	  "quantum per level, top first (default -q for every level; a "
	  "shorter list repeats its last value)", 0 },
	{ "allotment", OPT_ALLOTMENT, "A", 0,
	  "quanta a job may use at a level before it moves down (default 1)", 0 },
	{ "allotments", OPT_ALLOTMENTS, "A0,A1,...", 0,
	  "allotment per level, top first (a shorter list repeats its last "
	  "value)", 0 },
	{ "boost", OPT_BOOST, "TICKS", 0,
	  "move every job to the top queue every TICKS ticks (default 0: "
	  "never)", 0 },
	{ "io-keep", OPT_IO_KEEP, NULL, 0,
	  "a job that blocks for I/O gets a fresh quantum and allotment at its "
	  "level (the gameable rule)", 0 },
	{ "io-front", OPT_IO_FRONT, NULL, 0,
	  "a job back from I/O goes to the head of its queue", 0 },
	{ NULL, 0, NULL, 0, "CFS:", G_CFS },
	{ "min-granularity", OPT_MIN_GRAN, "TICKS", 0,
	  "shortest time slice (default 1)", 0 },
	{ "latency", OPT_LATENCY, "TICKS", 0,
	  "period shared by the runnable jobs (default 6)", 0 },
	{ NULL, 0, NULL, 0, "Several CPUs:", G_CPUS },
	{ "cpus", OPT_CPUS, "N", 0, "number of CPUs, 1 to 64 (default 1)", 0 },
	{ "queues", OPT_QUEUES, "KIND", 0,
	  "single (default: one shared queue) or per-cpu", 0 },
	{ "steal", OPT_STEAL, "TICKS", OPTION_ARG_OPTIONAL,
	  "per-cpu: every TICKS ticks (default the quantum) a CPU with an empty "
	  "queue takes the job at the tail of the longest other queue", 0 },
	{ "warmup", OPT_WARMUP, "TICKS", 0,
	  "cache model: ticks a job with ws= must run on a CPU to warm up "
	  "(default 0: model off)", 0 },
	{ "warm-rate", OPT_WARM_RATE, "R", 0,
	  "cache model: ticks of work a warm job does per tick (default 2)", 0 },
	{ "cache", OPT_CACHE, "SIZE", 0,
	  "cache model: working-set units a CPU's cache holds (a size; "
	  "default 0: unlimited)", 0 },
	{ NULL, 0, NULL, 0, "Output:", G_OUT },
	{ "gantt", OPT_GANTT, NULL, 0,
	  "text mode: draw an ASCII Gantt chart per policy and CPU", 0 },
	{ "width", OPT_WIDTH, "COLUMNS", 0,
	  "width of the Gantt chart (default 72)", 0 },
	{ 0 }
};

static void parse_policies(struct argp_state *state, struct sched_sim *sim,
			   const char *arg)
{
	struct osc_error err;
	char **names;
	size_t n, i, k;

	free(sim->pol);
	sim->pol = NULL;
	sim->npol = 0;
	if (osc_parse_names(arg, &names, &n, &err) != OSC_OK)
		argp_error(state, "invalid value for --policy: %s", err.msg);
	for (i = 0; i < n; i++) {
		bool all = strcmp(names[i], "all") == 0;
		size_t more = all ? 11 : 1;
		const struct osc_sched_ops **np;

		np = realloc(sim->pol, (sim->npol + more) * sizeof *np);
		if (!np)
			osc_die(EX_OSERR, "out of memory");
		sim->pol = np;
		if (all) {
			for (k = 0; osc_sched_policy(k); k++)
				sim->pol[sim->npol++] = osc_sched_policy(k);
			continue;
		}
		if (!(sim->pol[sim->npol] = osc_sched_lookup(names[i])))
			argp_error(state, "invalid value for --policy: expected "
				   "fifo, fcfs, sjf, stcf, srtf, psjf, rr, hrrn, "
				   "prio, pprio, mlfq, lottery, stride, cfs or all, "
				   "found \"%s\"", names[i]);
		sim->npol++;
	}
	osc_names_free(names);
}

/* A per-level list (--quanta, --allotments): sched_levels. */
static size_t parse_levels(struct argp_state *state, const char *opt,
			   const char *arg, uint64_t *out)
{
	struct osc_error err;
	size_t n = 0;

	if (sched_levels(opt, arg, out, &n, &err) != OSC_OK) {
		if (err.status == OSC_ENOMEM)
			osc_die(EX_OSERR, "out of memory");
		argp_error(state, "%s", err.msg);
	}
	return n;
}

static void parse_end(struct argp_state *state, struct sched_sim *sim)
{
	static const char *const dflt = "fifo";

	sim->tables = osc_cli_tables(state, &sim->cli, table_names, T_JOBS);
	if (!sim->npol)
		parse_policies(state, sim, dflt);
	if (sim->gantt && sim->cli.format != OSC_FMT_TEXT)
		argp_error(state, "--gantt draws in text mode only (-f text)");
	if (sim->nquanta > sim->p.levels || sim->nallot > sim->p.levels)
		argp_error(state, "--quanta and --allotments take at most --levels=%u items",
			   sim->p.levels);
	if (sim->p.steal == UINT64_MAX)	/* --steal without a period */
		sim->p.steal = sim->p.quantum;
	if (sim->p.steal && !sim->p.per_cpu)
		argp_error(state, "--steal needs --queues=per-cpu");
}

static const char *const requeue_names[] = { "last", "first", NULL };
static const char *const queue_names[] = { "single", "per-cpu", NULL };
static const char *const input_names[] = { "jobs", "swf", NULL };

static error_t parse_mlfq(int key, char *arg, struct argp_state *state)
{
	struct sched_sim *sim = state->input;
	struct osc_sched_params *p = &sim->p;
	uint64_t a;
	unsigned l;

	switch (key) {
	case OPT_LEVELS:
		p->levels = (unsigned)osc_cli_num_range(state, "--levels", arg,
			OSC_NUM_COUNT, 1, OSC_SCHED_MAX_LEVELS);
		break;
	case OPT_QUANTA:
		sim->nquanta = parse_levels(state, "--quanta", arg, p->quanta);
		break;
	case OPT_ALLOTMENT:
		a = osc_cli_num_range(state, "--allotment", arg, OSC_NUM_COUNT,
				      1, UINT64_MAX / 2);
		for (l = 0; l < OSC_SCHED_MAX_LEVELS; l++)
			p->allot[l] = a;
		break;
	case OPT_ALLOTMENTS:
		sim->nallot = parse_levels(state, "--allotments", arg, p->allot);
		break;
	case OPT_BOOST:
		p->boost = osc_cli_num(state, "--boost", arg, OSC_NUM_COUNT);
		break;
	case OPT_IO_KEEP:
		p->io_keep = true;
		break;
	case OPT_IO_FRONT:
		p->io_front = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static error_t parse_cpus(int key, char *arg, struct argp_state *state)
{
	struct sched_sim *sim = state->input;
	struct osc_sched_params *p = &sim->p;

	switch (key) {
	case OPT_CPUS:
		p->cpus = (unsigned)osc_cli_num_range(state, "--cpus", arg,
			OSC_NUM_COUNT, 1, OSC_SCHED_MAX_CPUS);
		break;
	case OPT_QUEUES:
		p->per_cpu = osc_cli_choice(state, "--queues", arg,
					    queue_names) == 1;
		break;
	case OPT_STEAL:
		p->steal = arg ? osc_cli_num_range(state, "--steal", arg,
			OSC_NUM_COUNT, 1, UINT64_MAX - 1) : UINT64_MAX;
		break;
	case OPT_WARMUP:
		p->warmup = osc_cli_num(state, "--warmup", arg, OSC_NUM_COUNT);
		break;
	case OPT_WARM_RATE:
		p->warm_rate = osc_cli_num_range(state, "--warm-rate", arg,
			OSC_NUM_COUNT, 1, UINT32_MAX);
		break;
	case OPT_CACHE:
		p->cache = osc_cli_num(state, "--cache", arg, OSC_NUM_SIZE);
		break;
	case OPT_MIN_GRAN:
		p->min_gran = osc_cli_num_range(state, "--min-granularity", arg,
			OSC_NUM_COUNT, 1, UINT64_MAX);
		break;
	case OPT_LATENCY:
		p->latency = osc_cli_num_range(state, "--latency", arg,
			OSC_NUM_COUNT, 1, UINT64_MAX);
		break;
	default:
		return parse_mlfq(key, arg, state);
	}
	return 0;
}

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct sched_sim *sim = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &sim->cli;
		break;
	case 'p':
		parse_policies(state, sim, arg);
		break;
	case 'q':
		sim->p.quantum = osc_cli_num_range(state, "--quantum", arg,
			OSC_NUM_COUNT, 1, UINT64_MAX / 2);
		break;
	case OPT_CS_COST:
		sim->p.cs_cost = osc_cli_num_range(state, "--cs-cost", arg,
			OSC_NUM_COUNT, 0, 1u << 20);
		break;
	case OPT_REQUEUE:
		sim->p.requeue_first = osc_cli_choice(state, "--requeue", arg,
						      requeue_names) == 1;
		break;
	case OPT_INPUT:
		sim->swf = osc_cli_choice(state, "--input", arg, input_names) == 1;
		break;
	case OPT_GANTT:
		sim->gantt = true;
		break;
	case OPT_WIDTH:
		sim->width = osc_cli_num_range(state, "--width", arg,
					       OSC_NUM_COUNT, 8, 100000);
		break;
	case ARGP_KEY_ARGS:
		sim->files = state->argv + state->next;
		sim->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		parse_end(state, sim);
		break;
	default:
		return parse_cpus(key, arg, state);
	}
	return 0;
}

static int read_input(struct osc_scan *s, void *ctx)
{
	struct sched_sim *sim = ctx;

	return sim->swf ? osc_sched_read_swf(s, &sim->set) :
		osc_sched_read_jobs(s, &sim->set);
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
	};
	static const struct argp argp = { options, parse, "[FILE...]",
		"Simulate CPU scheduling policies tick by tick on a job trace "
		"(NAME ARRIVAL BURST [KEY=VALUE...] per line) and print per-job "
		"times, summaries, timelines and state changes.\v"
		"Tables (-t): jobs (default), summary, timeline, states, cpus.  "
		"Event order at each tick: 1. mlfq boost, 2. arrivals in input "
		"order, 3. I/O completions in the order they began, 4. the job "
		"whose quantum ended goes to the tail of its queue, 5. the "
		"scheduler picks.  See sched-sim(1).",
		children, NULL, NULL };
	struct sched_sim sim;

	osc_cli_start(argc, argv);
	memset(&sim, 0, sizeof sim);
	osc_sched_params_default(&sim.p);
	sim.width = 72;
	osc_sched_jobset_init(&sim.set);
	argp_parse(&argp, argc, argv, 0, NULL, &sim);
	sim.p.seed = sim.cli.seed;
	osc_cli_inputs(sim.files, sim.nfiles, false, read_input, &sim);
	if (!sim.set.n)
		osc_die(EX_DATAERR, "no jobs in the input");
	sched_print(&sim);
	osc_sched_jobset_free(&sim.set);
	free(sim.pol);
	return EX_OK;
}
