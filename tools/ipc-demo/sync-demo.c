/* sync-demo.c: races, locks, producer-consumer, readers-writers and dining philosophers with real threads. */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "demo-opts.h"
#include "sync-demo.h"

const struct sync_scenario *const sync_scenarios[] = {
	&sync_race, &sync_pc, &sync_rw, &sync_philo, NULL
};

enum {
	OPT_THREADS = 256, OPT_ITERATIONS, OPT_LOCK, OPT_SPINS,
	OPT_PRODUCERS, OPT_CONSUMERS, OPT_BUFFER, OPT_ITEMS, OPT_SYNC,
	OPT_POLICY, OPT_READERS, OPT_WRITERS, OPT_DURATION, OPT_OPS,
	OPT_PHILOSOPHERS, OPT_MEALS, OPT_STRATEGY, OPT_FORCE, OPT_STALL,
	OPT_TIMEOUT, OPT_EXPLAIN
};

/* Option key -> SYNC_O_* bit (0 for options of every scenario). */
static unsigned sync_opt_bit(int key)
{
	return key >= OPT_THREADS && key <= OPT_STALL ? 1u << (key - OPT_THREADS)
						      : 0;
}

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "race: threads add 1 to one shared counter", 1 },
	{ "threads", OPT_THREADS, "N", 0, "threads (default 4)", 1 },
	{ "iterations", OPT_ITERATIONS, "N",
	  0, "increments per thread, a count: 10K = 10000 (default 1M)", 1 },
	{ "lock", OPT_LOCK, "LOCK[,LOCK...]", 0,
	  "none, mutex, spin, ttas, atomic, twophase or all (default all)", 1 },
	{ "spins", OPT_SPINS, "N", 0,
	  "twophase: spins before sleeping on the futex (default 100)", 1 },
	{ NULL, 0, NULL, 0, "pc: producers and consumers, bounded buffer", 2 },
	{ "producers", OPT_PRODUCERS, "N", 0, "producer threads (default 2)", 2 },
	{ "consumers", OPT_CONSUMERS, "N", 0, "consumer threads (default 2)", 2 },
	{ "buffer", OPT_BUFFER, "SLOTS", 0, "buffer slots (default 16)", 2 },
	{ "items", OPT_ITEMS, "N", 0,
	  "items in all, a count: 1M = 1000000 (default 1M)", 2 },
	{ "sync", OPT_SYNC, "SYNC", 0, "sem, cond or both (default both)", 2 },
	{ NULL, 0, NULL, 0, "rw: readers and writers share a record", 3 },
	{ "policy", OPT_POLICY, "POLICY[,POLICY...]", 0,
	  "reader, writer, fair or all (default all)", 3 },
	{ "readers", OPT_READERS, "N", 0, "reader threads (default 4)", 3 },
	{ "writers", OPT_WRITERS, "N", 0, "writer threads (default 2)", 3 },
	{ "ops", OPT_OPS, "N", 0,
	  "operations per thread, a count (default 10K)", 3 },
	{ "duration", OPT_DURATION, "SECONDS", 0,
	  "run for this long instead of --ops", 3 },
	{ NULL, 0, NULL, 0, "philo: dining philosophers", 4 },
	{ "philosophers", OPT_PHILOSOPHERS, "N", 0,
	  "philosophers and forks (default 5)", 4 },
	{ "meals", OPT_MEALS, "N", 0,
	  "meals per philosopher, a count (default 1000)", 4 },
	{ "strategy", OPT_STRATEGY, "STRATEGY[,STRATEGY...]", 0,
	  "naive, waiter, ordered, trylock or all (default all)", 4 },
	{ "force-deadlock", OPT_FORCE, NULL, 0,
	  "naive: a barrier after every philosopher holds its left fork", 4 },
	{ "stall", OPT_STALL, "MS", 0,
	  "watchdog: no meal for MS milliseconds is a stall (default 1000)",
	  4 },
	{ NULL, 0, NULL, 0, "Every scenario:", 5 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0,
	  "bound of each variant's run (default 30)", 5 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "print the scheme of each chosen variant and exit", 5 },
	{ 0 }
};

/* Raw variant lists, resolved once the scenario is known. */
struct sync_parse {
	struct sync_opts *o;
	const char *variant_arg, *variant_opt;
	unsigned variant_key;
};

static const struct sync_scenario *sync_lookup(const char *name)
{
	size_t i;

	for (i = 0; sync_scenarios[i] != NULL; i++)
		if (strcmp(sync_scenarios[i]->name, name) == 0)
			return sync_scenarios[i];
	return NULL;
}

/* "a,b,all" -> mask over sc->variants; `all` (and `both`) = every one. */
static unsigned sync_variants(struct argp_state *state,
			      const struct sync_scenario *sc, const char *opt,
			      const char *arg)
{
	struct osc_error err;
	unsigned mask;

	if (demo_variant_mask(opt, sc->variants, arg, &mask, &err) != OSC_OK)
		demo_opt_fail(state, &err);
	return mask;
}

#define MAXCOUNT 1000000000000ull	/* 10^12: no overflow in T * N */

/* The numeric options: where each goes and its range. */
static const struct sync_num_opt {
	int key;
	size_t offset;
	uint64_t lo, hi;
} sync_nums[] = {
	{ OPT_THREADS, offsetof(struct sync_opts, threads), 1, 1024 },
	{ OPT_ITERATIONS, offsetof(struct sync_opts, iterations), 1, MAXCOUNT },
	{ OPT_SPINS, offsetof(struct sync_opts, spins), 0, 1000000000 },
	{ OPT_PRODUCERS, offsetof(struct sync_opts, producers), 1, 1024 },
	{ OPT_CONSUMERS, offsetof(struct sync_opts, consumers), 1, 1024 },
	{ OPT_BUFFER, offsetof(struct sync_opts, buffer), 1, 1u << 24 },
	/* One byte per item checks that each is consumed once. */
	{ OPT_ITEMS, offsetof(struct sync_opts, items), 1, 100000000 },
	{ OPT_READERS, offsetof(struct sync_opts, readers), 0, 1024 },
	{ OPT_WRITERS, offsetof(struct sync_opts, writers), 0, 1024 },
	{ OPT_OPS, offsetof(struct sync_opts, ops), 1, MAXCOUNT },
	{ OPT_PHILOSOPHERS, offsetof(struct sync_opts, philosophers), 2, 1024 },
	{ OPT_MEALS, offsetof(struct sync_opts, meals), 1, MAXCOUNT },
	{ OPT_STALL, offsetof(struct sync_opts, stall_ms), 1, 3600000 },
};

/* A numeric option; false when key is not one. */
static bool sync_parse_num(struct argp_state *state, int key, const char *arg)
{
	struct sync_parse *p = state->input;
	const struct sync_num_opt *n;
	const struct argp_option *opt;
	struct osc_error err;
	char name[32];
	size_t i;

	for (i = 0; i < sizeof(sync_nums) / sizeof(sync_nums[0]); i++)
		if (sync_nums[i].key == key)
			break;
	if (i == sizeof(sync_nums) / sizeof(sync_nums[0]))
		return false;
	n = &sync_nums[i];
	for (opt = options; opt->name == NULL || opt->key != key; opt++)
		;
	snprintf(name, sizeof(name), "--%s", opt->name);
	if (demo_num_range(name, arg, OSC_NUM_COUNT, n->lo, n->hi,
			   (uint64_t *)(void *)((char *)p->o + n->offset),
			   &err) != OSC_OK)
		demo_opt_fail(state, &err);
	return true;
}

/* Seconds: a positive decimal up to a day. */
static double sync_parse_seconds(struct argp_state *state, const char *opt,
				 const char *arg)
{
	struct osc_error err;
	double v;

	if (demo_seconds(opt, arg, &v, &err) != OSC_OK)
		demo_opt_fail(state, &err);
	return v;
}

/* Once the scenario is known: options of another scenario are refused,
 * the variant list and the tables are resolved. */
static void sync_finish(struct argp_state *state)
{
	struct sync_parse *p = state->input;
	struct sync_opts *o = p->o;
	const struct sync_scenario *sc = o->sc;
	unsigned foreign = o->given & ~sc->opts;
	const struct argp_option *opt;

	if (foreign != 0) {
		for (opt = options; opt->name == NULL ||
				    !(sync_opt_bit(opt->key) & foreign);
		     opt++)
			;
		argp_error(state, "--%s does not apply to the %s scenario",
			   opt->name, sc->name);
	}
	o->variants = (1u << 16) - 1;
	if (p->variant_arg != NULL)
		o->variants = sync_variants(state, sc, p->variant_opt,
					    p->variant_arg);
	if ((o->given & SYNC_O_OPS) && (o->given & SYNC_O_DURATION))
		argp_error(state, "--ops and --duration exclude each other");
	if (sc == &sync_rw && o->readers + o->writers == 0)
		argp_error(state, "rw needs at least one reader or writer");
	o->tables = osc_cli_tables(state, &o->cli, sc->tables, 1u);
}

static error_t sync_parse(int key, char *arg, struct argp_state *state)
{
	struct sync_parse *p = state->input;
	struct sync_opts *o = p->o;

	o->given |= sync_opt_bit(key);
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case OPT_LOCK: case OPT_SYNC: case OPT_POLICY: case OPT_STRATEGY:
		p->variant_arg = arg;
		p->variant_opt = key == OPT_LOCK ? "--lock" : key == OPT_SYNC ?
				 "--sync" : key == OPT_POLICY ? "--policy" :
				 "--strategy";
		break;
	case OPT_FORCE:
		o->force_deadlock = true;
		break;
	case OPT_DURATION:
		o->duration = sync_parse_seconds(state, "--duration", arg);
		break;
	case OPT_TIMEOUT:
		o->timeout = sync_parse_seconds(state, "--timeout", arg);
		break;
	case OPT_EXPLAIN:
		o->explain = true;
		break;
	case ARGP_KEY_ARG:
		if (o->sc != NULL)
			argp_error(state, "unexpected operand \"%s\": one "
				   "scenario at a time", arg);
		o->sc = sync_lookup(arg);
		if (o->sc == NULL)
			argp_error(state, "unknown scenario \"%s\": expected "
				   "one of race, pc, rw, philo", arg);
		break;
	case ARGP_KEY_END:
		if (o->sc == NULL)
			argp_error(state, "missing scenario: expected one of "
				   "race, pc, rw, philo");
		sync_finish(state);
		break;
	default:
		if (!sync_parse_num(state, key, arg))
			return ARGP_ERR_UNKNOWN;
		break;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
};

static const char doc[] =
	"Run a classic synchronization problem with real threads and check "
	"the result.\v"
	"Scenarios:\n"
	"  race   threads add 1 to one counter: lost updates without a lock\n"
	"  pc     producers and consumers around a bounded buffer\n"
	"  rw     readers and writers: who starves under which policy\n"
	"  philo  dining philosophers: deadlock, and four strategies\n"
	"Tables: race, pc, rw, philo (one per scenario), cycle (philo: the "
	"wait-for cycle of a deadlock).\n"
	"Exit status: 0 all verified; 1 lost updates in a locked race, an item "
	"lost or duplicated, a torn read, a deadlock, or a timeout; 64 usage "
	"error; 71 the OS refused a thread or semaphore.\n"
	"See sync-demo(1).";

static const struct argp argp = {
	options, sync_parse, "SCENARIO", doc, children, NULL, NULL
};

bool sync_table_on(const struct sync_opts *o, unsigned bit)
{
	return (o->tables & (1u << bit)) != 0;
}

/* The schemes as plain text, on standard output or -o FILE. */
static void sync_explain(const struct sync_opts *o)
{
	const struct sync_scenario *sc = o->sc;
	FILE *fp = stdout;
	unsigned v;
	bool first = true;

	if (o->cli.output != NULL &&
	    (fp = fopen(o->cli.output, "w")) == NULL)
		osc_die(EX_CANTCREAT, "cannot create %s: %s", o->cli.output,
			strerror(errno));
	for (v = 0; sc->variants[v] != NULL; v++) {
		if (!(o->variants & (1u << v)))
			continue;
		if (!first)
			putc('\n', fp);
		sc->explain(fp, v);
		first = false;
	}
	if (fp != stdout && fclose(fp) != 0)
		osc_die(EX_IOERR, "write error on %s: %s", o->cli.output,
			strerror(errno));
}

static void sync_params(struct osc_out *out, const struct sync_opts *o)
{
	osc_out_param_str(out, "scenario", o->sc->name);
	osc_out_param_double(out, "timeout", o->timeout);
	if (o->sc == &sync_race) {
		osc_out_param_u64(out, "threads", o->threads);
		osc_out_param_u64(out, "iterations", o->iterations);
		osc_out_param_u64(out, "spins", o->spins);
	} else if (o->sc == &sync_pc) {
		osc_out_param_u64(out, "producers", o->producers);
		osc_out_param_u64(out, "consumers", o->consumers);
		osc_out_param_u64(out, "buffer", o->buffer);
		osc_out_param_u64(out, "items", o->items);
	} else if (o->sc == &sync_rw) {
		osc_out_param_u64(out, "readers", o->readers);
		osc_out_param_u64(out, "writers", o->writers);
		osc_out_param_u64(out, "ops", o->ops);
		osc_out_param_double(out, "duration", o->duration);
	} else {
		osc_out_param_u64(out, "philosophers", o->philosophers);
		osc_out_param_u64(out, "meals", o->meals);
		osc_out_param_bool(out, "force_deadlock", o->force_deadlock);
		osc_out_param_u64(out, "stall_ms", o->stall_ms);
		osc_out_param_u64(out, "seed", o->cli.seed);
	}
}

int main(int argc, char **argv)
{
	struct sync_opts o = {
		.timeout = 30, .threads = 4, .iterations = 1000000,
		.spins = OSC_TWOPHASE_SPINS, .producers = 2, .consumers = 2,
		.buffer = 16, .items = 1000000, .readers = 4, .writers = 2,
		.ops = 10000, .philosophers = 5, .meals = 1000,
		.stall_ms = 1000,
	};
	struct sync_parse p = { .o = &o };
	struct osc_out *out;
	int status;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &p);
	if (o.explain) {
		sync_explain(&o);
		return 0;
	}
	out = osc_cli_open_out(&o.cli, __builtin_popcount(o.tables) > 1);
	sync_params(out, &o);
	status = o.sc->run(&o, out);
	osc_cli_close_out(&o.cli, out);
	return status;
}
