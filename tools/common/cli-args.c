/* cli-args.c: the common options' argp child and option-value helpers. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_QUIET = 0x1000,
	OPT_NO_HEADER
};

static const struct argp_option cli_options[] = {
	{ NULL, 0, NULL, 0, "Output and common options:", OSC_CLI_GROUP },
	{ "format", 'f', "FMT", 0,
	  "output encoding: text (default), csv or json", 0 },
	{ "table", 't', "NAME[,NAME...]", 0,
	  "which tables to print (all = every table; csv takes one)", 0 },
	{ "output", 'o', "FILE", 0, "write to FILE instead of standard output", 0 },
	{ "seed", 's', "N", 0,
	  "seed for every random choice (default 1); same seed, same output", 0 },
	{ "quiet", OPT_QUIET, NULL, 0,
	  "no commentary in text output, only the tables", 0 },
	{ "no-header", OPT_NO_HEADER, NULL, 0, "csv without the header row", 0 },
	{ 0 }
};

static const char *const formats[] = { "text", "csv", "json", NULL };

static error_t cli_parse(int key, char *arg, struct argp_state *state)
{
	struct osc_cli *cli = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		memset(cli, 0, sizeof *cli);
		cli->seed = 1;
		break;
	case 'f':
		cli->format = (enum osc_format)osc_cli_choice(state, "--format",
							      arg, formats);
		break;
	case 't':
		cli->tables = arg;
		break;
	case 'o':
		cli->output = arg;
		break;
	case 's':
		cli->seed = osc_cli_num(state, "--seed", arg, OSC_NUM_PLAIN);
		cli->seed_given = true;
		break;
	case OPT_QUIET:
		cli->quiet = true;
		break;
	case OPT_NO_HEADER:
		cli->no_header = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp osc_cli_argp = { cli_options, cli_parse, NULL, NULL,
				   NULL, NULL, NULL };

uint64_t osc_cli_num(struct argp_state *state, const char *opt, const char *arg,
		     enum osc_num kind)
{
	struct osc_error err;
	uint64_t v = 0;

	if (osc_parse_num(arg, kind, &v, &err) != OSC_OK)
		argp_error(state, "invalid value for %s: %s", opt, err.msg);
	return v;
}

uint64_t osc_cli_num_range(struct argp_state *state, const char *opt,
			   const char *arg, enum osc_num kind, uint64_t lo,
			   uint64_t hi)
{
	uint64_t v = osc_cli_num(state, opt, arg, kind);

	if (v < lo || v > hi)
		argp_error(state,
			   "invalid value for %s: expected %llu to %llu, found \"%s\"",
			   opt, (unsigned long long)lo, (unsigned long long)hi,
			   arg);
	return v;
}

int64_t osc_cli_i64(struct argp_state *state, const char *opt, const char *arg)
{
	struct osc_error err;
	int64_t v = 0;

	if (osc_parse_i64(arg, &v, &err) != OSC_OK)
		argp_error(state, "invalid value for %s: %s", opt, err.msg);
	return v;
}

double osc_cli_double(struct argp_state *state, const char *opt,
		      const char *arg)
{
	struct osc_error err;
	double v = 0;

	if (osc_parse_double(arg, &v, &err) != OSC_OK)
		argp_error(state, "invalid value for %s: %s", opt, err.msg);
	return v;
}

/* "a, b, c" for messages. */
static void join_choices(const char *const *choices, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; *choices && n < size; choices++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
				      *choices);
}

int osc_cli_choice(struct argp_state *state, const char *opt, const char *arg,
		   const char *const *choices)
{
	char list[512];
	int i;

	for (i = 0; choices[i]; i++)
		if (strcmp(arg, choices[i]) == 0)
			return i;
	join_choices(choices, list, sizeof list);
	argp_error(state, "invalid value for %s: expected one of %s, found \"%s\"",
		   opt, list, arg);
	return -1;
}

static unsigned table_bit(struct argp_state *state, const char *name,
			  const char *const *names)
{
	char list[512];
	unsigned i;

	for (i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1u << i;
	join_choices(names, list, sizeof list);
	argp_error(state, "unknown table \"%s\" (tables: %s, all)", name, list);
	return 0;
}

unsigned osc_cli_tables(struct argp_state *state, const struct osc_cli *cli,
			const char *const *names, unsigned defaults)
{
	unsigned mask = 0, all = 0, i;
	char **v;
	size_t n, k;
	struct osc_error err;

	for (i = 0; names[i]; i++)
		all |= 1u << i;
	if (!cli->tables)
		mask = defaults;
	else if (osc_parse_names(cli->tables, &v, &n, &err) != OSC_OK)
		argp_error(state, "invalid value for --table: %s", err.msg);
	else {
		for (k = 0; k < n; k++)
			mask |= strcmp(v[k], "all") == 0 ? all :
				table_bit(state, v[k], names);
		osc_names_free(v);
	}
	if (cli->format == OSC_FMT_CSV && (mask & (mask - 1)))
		argp_error(state, "csv output holds one table: choose one with --table");
	return mask;
}
