/* cli.h: what every osconcepts binary shares: common options, diagnostics, input, output. */
#ifndef OSC_CLI_H
#define OSC_CLI_H

#include <argp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include <sysexits.h>

#include <osconcepts.h>

/*
 * The common options (conventions: -f -t -o -s --quiet --no-header), parsed
 * by one argp child.  A tool plugs it in as
 *
 *	static const struct argp_child children[] = {
 *		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
 *	};
 *
 * and hands it its struct osc_cli from its own parser:
 *
 *	case ARGP_KEY_INIT: state->child_inputs[0] = &tool->cli; break;
 */
struct osc_cli {
	enum osc_format format;	/* -f: text (default), csv, json */
	const char *tables;	/* -t as given; NULL = the tool's default */
	const char *output;	/* -o FILE; NULL = standard output */
	uint64_t seed;		/* -s: default 1 */
	bool seed_given;	/* -s was on the command line */
	bool quiet;		/* --quiet */
	bool no_header;		/* --no-header */
	FILE *out;		/* set by osc_cli_open_out */
};

#define OSC_CLI_GROUP 100	/* help group of the common options: last */

extern const struct argp osc_cli_argp;

/*
 * Call first in main: sets argv[0] to the short program name (so argp and
 * every message say `trace-gen:`, not a libtool path), sets up --version as
 * `PROG (osconcepts) VERSION` and the bug address, restores the default
 * SIGPIPE action (a closed pipe, as in `tool | head -1`, ends the tool
 * quietly), and checks standard output at exit (a write error is status 74).
 */
void osc_cli_start(int argc, char **argv);
/* The short program name. */
const char *osc_prog(void);

/* Sysexits code for a library status. */
int osc_exit_code(enum osc_status st);
/* `PROG: message` on stderr. */
void osc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void osc_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report err as `PROG: FILE:LINE: message` (or `PROG: FILE: message` /
 * `PROG: message`, with `: strerror` when sys_errno is set) and exit with
 * osc_exit_code(err->status). */
noreturn void osc_die_error(const struct osc_error *err);

/*
 * Option values inside a tool's argp parser: parse arg as a number of the
 * given kind (core.h) or argp_error (exit 64) with
 * `invalid value for --NAME: expected ..., found "..."`.
 */
uint64_t osc_cli_num(struct argp_state *state, const char *opt, const char *arg,
		     enum osc_num kind);
/* As osc_cli_num, also requiring lo <= value <= hi. */
uint64_t osc_cli_num_range(struct argp_state *state, const char *opt,
			   const char *arg, enum osc_num kind, uint64_t lo,
			   uint64_t hi);
int64_t osc_cli_i64(struct argp_state *state, const char *opt, const char *arg);
double osc_cli_double(struct argp_state *state, const char *opt,
		      const char *arg);
/* The index of arg in the NULL-terminated choices, or argp_error listing
 * them: `invalid value for --mode: expected one of a, b, c, found "x"`. */
int osc_cli_choice(struct argp_state *state, const char *opt, const char *arg,
		   const char *const *choices);

/*
 * Which tables to print.  names is the tool's NULL-terminated list of
 * tables (bit i = names[i]); defaults is the mask printed without -t.
 * `-t all` selects every table.  An unknown name, or more than one table
 * with -f csv, is a usage error (argp_error, exit 64).  Call it from the
 * tool's parser at ARGP_KEY_END (state is needed for the error).
 */
unsigned osc_cli_tables(struct argp_state *state, const struct osc_cli *cli,
			const char *const *names, unsigned defaults);

/* Open -o FILE (exit 73 `cannot create FILE: ...` on failure) or take
 * stdout, and start a writer for the chosen format.  titles: print [NAME]
 * before each text table (tools pass true when more than one is chosen). */
struct osc_out *osc_cli_open_out(struct osc_cli *cli, bool titles);
/* Finish the writer and close -o FILE; a write error exits 74. */
void osc_cli_close_out(struct osc_cli *cli, struct osc_out *o);

/*
 * Read the operands in order as one stream: each file (standard input when
 * there are none, or for `-`) is opened with the scanner (hex as given) and
 * passed to fn.  A file that cannot be opened exits 66; an error fn returns
 * (a status other than OSC_OK, with details in *err) exits through
 * osc_die_error.
 */
typedef int osc_input_fn(struct osc_scan *s, void *ctx);
void osc_cli_inputs(char **files, int nfiles, bool hex, osc_input_fn *fn,
		    void *ctx);

#endif
