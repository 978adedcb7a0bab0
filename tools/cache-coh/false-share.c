/* false-share.c: false sharing measured on this machine: packed vs padded counters. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_THREADS = 0x100, OPT_ITER, OPT_MODE, OPT_OP, OPT_LINE };
enum { M_PACKED, M_PADDED, M_BOTH };

struct fs {
	struct osc_cli cli;
	struct osc_fs_params p;
	int mode;
	bool threads_given;
};

static const struct argp_option options[] = {
	{ "threads", OPT_THREADS, "N", 0,
	  "threads, one counter each (default: CPUs available, 2 to 4)", 0 },
	{ "iterations", OPT_ITER, "N", 0,
	  "increments per thread (a count: 10M = 10000000; default 100M)", 0 },
	{ "mode", OPT_MODE, "MODE", 0,
	  "packed (counters in one line), padded (a line each) or both (default)",
	  0 },
	{ "op", OPT_OP, "OP", 0,
	  "plain (volatile load and store, default) or atomic (fetch-and-add)", 0 },
	{ "line-size", OPT_LINE, "BYTES", 0,
	  "padding and alignment (a size; default the L1 data cache line size, else 64)",
	  0 },
	{ 0 }
};

static const char *const modes[] = { "packed", "padded", "both", NULL };
static const char *const ops[] = { "plain", "atomic", NULL };
static const char *const tables[] = { "runs", NULL };

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct fs *fs = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &fs->cli;
		break;
	case OPT_THREADS:
		fs->p.threads = (unsigned)osc_cli_num_range(state, "--threads",
			arg, OSC_NUM_COUNT, 1, OSC_FS_MAX_THREADS);
		fs->threads_given = true;
		break;
	case OPT_ITER:
		fs->p.iterations = osc_cli_num_range(state, "--iterations", arg,
						     OSC_NUM_COUNT, 1,
						     UINT64_C(10000000000));
		break;
	case OPT_MODE:
		fs->mode = osc_cli_choice(state, "--mode", arg, modes);
		break;
	case OPT_OP:
		fs->p.atomic = osc_cli_choice(state, "--op", arg, ops) == 1;
		break;
	case OPT_LINE:
		fs->p.line_size = osc_cli_num_range(state, "--line-size", arg,
						    OSC_NUM_SIZE, 8, 4096);
		if (fs->p.line_size & (fs->p.line_size - 1))
			argp_error(state, "invalid value for --line-size: expected a power of two, found \"%s\"",
				   arg);
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument \"%s\"", arg);
		break;
	case ARGP_KEY_END:
		osc_cli_tables(state, &fs->cli, tables, 1);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc[] =
	"Measure false sharing on this machine: threads increment their own "
	"counters, packed into one cache line or padded a line apart.\v"
	"Table: runs.  Timing columns vary from run to run; the counts and "
	"`verified` do not.  See false-share(1).";

static const struct osc_col cols[] = {
	{ "mode", OSC_T_STR, 0 }, { "op", OSC_T_STR, 0 },
	{ "threads", OSC_T_UINT, 0 }, { "iterations", OSC_T_UINT, 0 },
	{ "line_size", OSC_T_UINT, 0 }, { "seconds", OSC_T_REAL, 6 },
	{ "ns_per_op", OSC_T_REAL, 3 }, { "slowdown", OSC_T_RATIO, 0 },
	{ "verified", OSC_T_BOOL, 0 },
};

static void measure(struct fs *fs, bool padded, struct osc_fs_result *r)
{
	struct osc_error err;

	fs->p.padded = padded;
	if (osc_fs_run(&fs->p, r, &err) != OSC_OK)
		osc_die_error(&err);
	if (!r->verified)
		osc_die(EX_SOFTWARE, "a counter did not end at %llu (a bug)",
			(unsigned long long)fs->p.iterations);
}

static void row(struct osc_out *o, const struct fs *fs, bool padded,
		const struct osc_fs_result *r, const struct osc_fs_result *pad)
{
	osc_out_str(o, padded ? "padded" : "packed");
	osc_out_str(o, fs->p.atomic ? "atomic" : "plain");
	osc_out_u64(o, fs->p.threads);
	osc_out_u64(o, fs->p.iterations);
	osc_out_u64(o, fs->p.line_size);
	osc_out_double(o, r->seconds);
	osc_out_double(o, r->seconds * 1e9 / (double)fs->p.iterations);
	if (pad && pad->seconds > 0)
		osc_out_double(o, r->seconds / pad->seconds);
	else
		osc_out_null(o);
	osc_out_bool(o, r->verified);
}

static void notes(struct osc_out *o, const struct fs *fs, bool pinned)
{
	unsigned cpus = osc_fs_cpus();

	if (cpus < 2) {
		osc_warn("only one CPU is available: false sharing cannot appear (the threads take turns on one cache)");
		osc_out_note(o, "only one CPU is available: false sharing cannot appear");
	} else if (cpus < fs->p.threads) {
		osc_out_note(o, "threads not pinned: %u threads, %u CPUs available",
			     fs->p.threads, cpus);
	} else if (!pinned) {
		osc_out_note(o, "threads could not be pinned to distinct CPUs");
	} else {
		osc_out_note(o, "%u threads pinned to distinct CPUs; %llu-byte lines",
			     fs->p.threads, (unsigned long long)fs->p.line_size);
	}
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { NULL, 0, NULL, 0 }
	};
	static const struct argp argp = { options, parse, NULL, doc, children,
					  NULL, NULL };
	struct fs fs = { .mode = M_BOTH };
	struct osc_fs_result packed = { 0 }, padded = { 0 };
	struct osc_out *o;
	unsigned cpus;

	osc_cli_start(argc, argv);
	fs.p.iterations = 100000000;
	fs.p.line_size = osc_fs_line_size();
	fs.p.pin = true;
	argp_parse(&argp, argc, argv, 0, NULL, &fs);
	cpus = osc_fs_cpus();
	if (!fs.threads_given)
		fs.p.threads = cpus < 2 ? 2 : cpus > 4 ? 4 : cpus;
	if (fs.mode != M_PACKED)
		measure(&fs, true, &padded);
	if (fs.mode != M_PADDED)
		measure(&fs, false, &packed);
	o = osc_cli_open_out(&fs.cli, false);
	osc_out_param_u64(o, "threads", fs.p.threads);
	osc_out_param_u64(o, "iterations", fs.p.iterations);
	osc_out_param_str(o, "mode", modes[fs.mode]);
	osc_out_param_str(o, "op", fs.p.atomic ? "atomic" : "plain");
	osc_out_param_u64(o, "line_size", fs.p.line_size);
	osc_out_param_u64(o, "cpus", cpus);
	notes(o, &fs, fs.mode == M_PACKED ? packed.pinned : padded.pinned);
	osc_out_begin(o, "runs", cols, sizeof cols / sizeof cols[0]);
	if (fs.mode != M_PADDED)
		row(o, &fs, false, &packed, fs.mode == M_BOTH ? &padded : NULL);
	if (fs.mode != M_PACKED)
		row(o, &fs, true, &padded, &padded);
	osc_out_end(o);
	osc_cli_close_out(&fs.cli, o);
	return EX_OK;
}
