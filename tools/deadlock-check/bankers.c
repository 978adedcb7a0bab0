/* bankers.c: the banker's algorithm: safety, requests, every safe sequence, checks. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "bankers.h"

enum {
	OPT_SCAN = 0x2000,
	OPT_ALL,
	OPT_MAX_SEQ,
	OPT_CHECK
};

static const char *const table_names[] = {
	"summary", "need", "safety", "requests", "sequences", NULL
};

const char *const scan_names[] = { "restart", "continue", NULL };

static const struct argp_option options[] = {
	{ "scan", OPT_SCAN, "ORDER", 0,
	  "where the safety algorithm looks for the next process: restart "
	  "(default; from the first process after each choice) or continue "
	  "(from the process after the one chosen, wrapping)", 0 },
	{ "all", OPT_ALL, NULL, 0,
	  "list every safe sequence of the initial state (table sequences)", 0 },
	{ "max-sequences", OPT_MAX_SEQ, "N", 0,
	  "stop --all after N sequences (a count, default 10000; 0 = no cap)", 0 },
	{ "check-sequence", OPT_CHECK, "SEQ", 0,
	  "say whether SEQ (process names separated by spaces or commas) is a "
	  "safe sequence of the initial state (table safety shows its steps)", 0 },
	{ 0 }
};

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
};

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct bk_opts *o = state->input;
	unsigned def;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case OPT_SCAN:
		o->scan = (enum osc_bk_scan)osc_cli_choice(state, "--scan", arg,
							   scan_names);
		break;
	case OPT_ALL:
		o->all = true;
		break;
	case OPT_MAX_SEQ:
		o->max_seq = osc_cli_num(state, "--max-sequences", arg,
					 OSC_NUM_COUNT);
		break;
	case OPT_CHECK:
		o->check = arg;
		break;
	case ARGP_KEY_ARGS:
		o->files = state->argv + state->next;
		o->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		def = o->check ? 1u << T_SAFETY : o->all ? 1u << T_SEQUENCES :
			1u << T_SUMMARY;
		o->tables = osc_cli_tables(state, &o->cli, table_names, def);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc[] =
	"Run the banker's algorithm (deadlock avoidance) on a bankers-format "
	"problem: Need, the safety algorithm, requests and releases in order, "
	"every safe sequence, or a check of a given sequence."
	"\vTables: summary (default), need, safety, requests, sequences.\n"
	"Exit status: 0 when the initial state is safe and no request ended "
	"unsafe or error, 1 otherwise; with --check-sequence, 0 when the sequence is safe, 1 when not; 64 usage, "
	"65 bad input, 66 missing file, 74 write error.\n"
	"See bankers(1) and osc-traces(5).";

static const struct argp argp = { options, parse_opt, "[FILE...]", doc,
				  children, NULL, NULL };

static int read_one(struct osc_scan *s, void *ctx)
{
	return osc_bankers_read(ctx, s);
}

/* A vector as space-separated numbers, in a static buffer per slot. */
const char *vec(const uint64_t *v, size_t m, int slot)
{
	static char *buf[4];
	static size_t cap[4];
	size_t len = 0, r;

	if (cap[slot] < m * 21 + 1) {
		cap[slot] = m * 21 + 1;
		free(buf[slot]);
		if (!(buf[slot] = malloc(cap[slot])))
			osc_die(EX_OSERR, "out of memory");
	}
	buf[slot][0] = '\0';
	for (r = 0; r < m; r++)
		len += (size_t)sprintf(buf[slot] + len, r ? " %llu" : "%llu",
				       (unsigned long long)v[r]);
	return buf[slot];
}

/* Process names of seq as one string (caller frees). */
char *names(const struct osc_bankers *b, const size_t *seq, size_t n)
{
	size_t len = 1, i, k;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(b->proc[seq[i]]) + 1;
	if (!(s = malloc(len)))
		osc_die(EX_OSERR, "out of memory");
	for (i = 0, len = 0; i < n; i++) {
		if (i)
			s[len++] = ' ';
		k = strlen(b->proc[seq[i]]);
		memcpy(s + len, b->proc[seq[i]], k);
		len += k;
	}
	s[len] = '\0';
	return s;
}

int main(int argc, char **argv)
{
	struct bk_opts o = { .max_seq = 10000 };
	struct osc_bankers b;
	struct osc_error err;
	struct osc_out *out;
	int bad;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	osc_bankers_init(&b, false);
	osc_cli_inputs(o.files, o.nfiles, false, read_one, &b);
	if (osc_bankers_finish(&b, &err) != OSC_OK)
		osc_die_error(&err);
	out = osc_cli_open_out(&o.cli, (o.tables & (o.tables - 1)) != 0);
	osc_out_param_str(out, "scan", scan_names[o.scan]);
	osc_out_param_u64(out, "processes", b.nproc);
	osc_out_param_u64(out, "resources", b.nres);
	bad = bk_run(&o, &b, out);
	osc_cli_close_out(&o.cli, out);
	osc_bankers_free(&b);
	return bad ? 1 : 0;
}
