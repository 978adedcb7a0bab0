/* osc-cli-check.c: a minimal tool for the tests of the shared command line:
 * reads lines of one or two integers and prints their count and sum. */
#include <config.h>

#include <stdlib.h>

#include "cli.h"

struct check {
	struct osc_cli cli;
	unsigned tables;
	bool hex;
	uint64_t lines, sum, max_line;
	char **files;
	int nfiles;
};

static const char *const table_names[] = { "summary", "records", NULL };

static const struct argp_option options[] = {
	{ "hex", 'x', NULL, 0, "integers without 0x are hexadecimal", 0 },
	{ 0 }
};

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct check *c = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &c->cli;
		break;
	case 'x':
		c->hex = true;
		break;
	case ARGP_KEY_ARGS:
		c->files = state->argv + state->next;
		c->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		c->tables = osc_cli_tables(state, &c->cli, table_names, 1);
		break;
	default:
		(void)arg;
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static int read_one(struct osc_scan *s, void *ctx)
{
	struct check *c = ctx;
	uint64_t a, b;
	int st;

	while ((st = osc_scan_next(s)) > 0) {
		b = 0;
		if (osc_scan_u64(s, "a number", &a) != OSC_OK)
			return OSC_EDATA;
		if (!osc_scan_at_end(s) && osc_scan_u64(s, "a number", &b) != OSC_OK)
			return OSC_EDATA;
		if (osc_scan_expect_end(s) != OSC_OK)
			return OSC_EDATA;
		c->lines++;
		c->sum += a + b;
		c->max_line = s->line;
	}
	return st < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
	};
	static const struct argp argp = { options, parse, "[FILE...]",
					  "Count and sum integers (a test tool).",
					  children, NULL, NULL };
	static const struct osc_col summary[] = {
		{ "records", OSC_T_UINT, 0 }, { "sum", OSC_T_UINT, 0 },
		{ "mean", OSC_T_RATIO, 0 }, { "last_line", OSC_T_UINT, 0 },
	};
	static const struct osc_col records[] = { { "records", OSC_T_UINT, 0 } };
	struct check c = { .nfiles = 0 };
	struct osc_out *o;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &c);
	osc_cli_inputs(c.files, c.nfiles, c.hex, read_one, &c);
	o = osc_cli_open_out(&c.cli, (c.tables & (c.tables - 1)) != 0);
	osc_out_param_u64(o, "seed", c.cli.seed);
	if (c.tables & 1) {
		osc_out_begin(o, "summary", summary, 4);
		osc_out_u64(o, c.lines);
		osc_out_u64(o, c.sum);
		if (c.lines)
			osc_out_double(o, (double)c.sum / (double)c.lines);
		else
			osc_out_null(o);
		osc_out_u64(o, c.max_line);
		osc_out_end(o);
	}
	if (c.tables & 2) {
		osc_out_begin(o, "records", records, 1);
		osc_out_u64(o, c.lines);
		osc_out_end(o);
	}
	osc_out_note(o, "%llu records", (unsigned long long)c.lines);
	osc_cli_close_out(&c.cli, o);
	return EX_OK;
}
