/* deadlock-check.c: find deadlocks and potential deadlocks in lock traces and programs. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "deadlock-check.h"

enum {
	OPT_RUN = 0x2000,
	OPT_TIMEOUT
};

const char *const dc_mode_names[] = { "state", "order", "matrix", NULL };

static const char *const table_names[] = { "findings", "graph", "summary",
					   NULL };

static const struct argp_option options[] = {
	{ "mode", 'm', "MODE", 0,
	  "state (default: deadlocks at the end of the trace), order "
	  "(lock-order cycles: potential deadlocks) or matrix (detection "
	  "algorithm on a bankers-format file with request vectors)", 0 },
	{ "run", OPT_RUN, NULL, 0,
	  "run PROGRAM [ARGS...] (after --) with liblockrec preloaded and "
	  "analyse its pthread mutex and rwlock events in order mode", 0 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0,
	  "with --run, kill the program after SECONDS (default 60; 0 = never)",
	  0 },
	/* -f is the common option, taken here first to accept dot as well
	 * (hidden: the common child documents it, the doc adds dot). */
	{ "format", 'f', "FMT", OPTION_HIDDEN, NULL, 0 },
	{ 0 }
};

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
};

static void parse_format(struct argp_state *state, struct dc_opts *o,
			 const char *arg)
{
	static const char *const formats[] = { "text", "csv", "json", "dot",
					       NULL };
	int i = osc_cli_choice(state, "--format", arg, formats);

	o->dot = i == 3;
	o->cli.format = i == 3 ? OSC_FMT_TEXT : (enum osc_format)i;
}

static void parse_end(struct argp_state *state, struct dc_opts *o)
{
	if (o->run && o->mode_given && o->mode != DC_ORDER)
		argp_error(state, "--run analyses in order mode only");
	if (o->run && o->nfiles == 0)
		argp_error(state, "--run needs a PROGRAM to run (after --)");
	if (o->run)
		o->mode = DC_ORDER;
	if (o->dot && o->cli.tables)
		argp_error(state, "--format=dot writes the graph: it takes no --table");
	o->tables = osc_cli_tables(state, &o->cli, table_names, 1u);
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct dc_opts *o = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case 'm':
		o->mode = (enum dc_mode)osc_cli_choice(state, "--mode", arg,
						       dc_mode_names);
		o->mode_given = true;
		break;
	case 'f':
		parse_format(state, o, arg);
		break;
	case OPT_RUN:
		o->run = true;
		break;
	case OPT_TIMEOUT:
		o->timeout = osc_cli_num(state, "--timeout", arg, OSC_NUM_PLAIN);
		break;
	case ARGP_KEY_ARGS:
		o->files = state->argv + state->next;
		o->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		parse_end(state, o);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc[] =
	"Find deadlocks (-m state, -m matrix) and potential deadlocks "
	"(-m order: lock-order cycles) in lock event traces, or in a running "
	"program's pthread mutex and rwlock use (--run)."
	"\v-f, --format also accepts dot: the graph in Graphviz DOT, cycle "
	"edges red (resource-allocation graph for state and matrix, "
	"lock-order graph for order).\n"
	"Tables: findings (default), graph, summary.\n"
	"Exit status: 0 no finding, 1 a deadlock or potential deadlock found "
	"(with --run and no finding: the program's own status); 64 usage, "
	"65 bad input, 66 missing file, 74 write error.\n"
	"See deadlock-check(1) and osc-traces(5).";

static const struct argp argp = {
	options, parse_opt,
	"[FILE...]\n--run [-m order] -- PROGRAM [ARGS...]", doc, children,
	NULL, NULL
};

static int read_one(struct osc_scan *s, void *ctx)
{
	return osc_locks_read(ctx, s);
}

int main(int argc, char **argv)
{
	struct dc_opts o = { .timeout = 60 };
	struct osc_locks *l;
	bool found;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	if (o.run)
		return dc_run(&o);
	if (o.mode == DC_MATRIX)
		return dc_matrix(&o) ? 1 : 0;
	if (!(l = osc_locks_new()))
		osc_die(EX_OSERR, "out of memory");
	osc_cli_inputs(o.files, o.nfiles, false, read_one, l);
	found = dc_locks_report(&o, l, o.mode);
	osc_locks_free(l);
	return found ? 1 : 0;
}
