/* cli-io.c: opening the output and reading the operands as one stream. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define OUT_BUF_SIZE (1u << 16)

struct osc_out *osc_cli_open_out(struct osc_cli *cli, bool titles)
{
	unsigned flags = (cli->no_header ? OSC_OUT_NO_HEADER : 0) |
		(cli->quiet ? OSC_OUT_QUIET : 0) | (titles ? OSC_OUT_TITLES : 0);
	struct osc_out *o;

	if (cli->output) {
		cli->out = fopen(cli->output, "w");
		if (!cli->out)
			osc_die(EX_CANTCREAT, "cannot create %s: %s", cli->output,
				strerror(errno));
	} else {
		cli->out = stdout;
	}
	setvbuf(cli->out, NULL, _IOFBF, OUT_BUF_SIZE);
	o = osc_out_new(cli->out, cli->format, osc_prog(), PACKAGE_VERSION, flags);
	if (!o)
		osc_die(EX_OSERR, "out of memory");
	return o;
}

void osc_cli_close_out(struct osc_cli *cli, struct osc_out *o)
{
	int st = osc_out_finish(o);
	int errnum = errno;

	if (st == OSC_ENOMEM)
		osc_die(EX_OSERR, "out of memory");
	if (st != OSC_OK && errnum == EPIPE)
		exit(EX_IOERR);
	if (st != OSC_OK)
		osc_die(EX_IOERR, "write error: %s", strerror(errnum));
	if (cli->out != stdout && fclose(cli->out) != 0)
		osc_die(EX_IOERR, "write error: %s: %s", cli->output,
			strerror(errno));
	cli->out = NULL;
}

static void one_input(const char *path, bool hex, osc_input_fn *fn, void *ctx)
{
	struct osc_error err;
	struct osc_scan s;
	int st;

	osc_error_clear(&err);
	if (osc_scan_open(&s, path, &err) != OSC_OK)
		osc_die_error(&err);
	s.hex = hex;
	st = fn(&s, ctx);
	osc_scan_close(&s);
	if (st != OSC_OK) {
		if (err.status == OSC_OK)
			osc_error_set(&err, (enum osc_status)st, s.name, 0,
				      "%s", osc_status_name((enum osc_status)st));
		osc_die_error(&err);
	}
}

void osc_cli_inputs(char **files, int nfiles, bool hex, osc_input_fn *fn,
		    void *ctx)
{
	int i;

	if (nfiles == 0)
		one_input(NULL, hex, fn, ctx);
	for (i = 0; i < nfiles; i++)
		one_input(files[i], hex, fn, ctx);
}
