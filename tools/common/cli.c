/* cli.c: program name, --version, diagnostics, exit codes, stdout checked at exit. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *argp_program_bug_address = "<" PACKAGE_BUGREPORT ">";

static const char *prog_name = PACKAGE_NAME;
/* Set once an error has been reported: the exit check then stays silent. */
static bool reported;

const char *osc_prog(void)
{
	return prog_name;
}

static void print_version(FILE *fp, struct argp_state *state)
{
	(void)state;
	fprintf(fp, "%s (%s) %s\n", prog_name, PACKAGE_NAME, PACKAGE_VERSION);
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) = print_version;

/* Standard output is checked once, at exit: a write error (a full disk,
 * /dev/full) is status 74, never a silent success.  EPIPE means the reader
 * went away (`tool | head -1`): that ends the tool quietly. */
static void check_stdout(void)
{
	bool had_error = ferror(stdout), pending = __fpending(stdout) != 0;
	int fail = fflush(stdout) != 0;
	int errnum = errno;

	if (reported)
		return;

	if (fclose(stdout) != 0 && !fail) {
		/* Closed by the caller (>&-) with nothing written to it: as
		 * GNU tools, that is no error (`tool -o FILE >&-`). */
		if (errno == EBADF && !pending && !had_error)
			return;
		fail = 1;
		errnum = errno;
	}
	if (!fail && !had_error)
		return;
	if (fail && errnum == EPIPE)
		_exit(EX_IOERR);
	if (fail)
		fprintf(stderr, "%s: write error: %s\n", prog_name,
			strerror(errnum));
	else
		fprintf(stderr, "%s: write error\n", prog_name);
	_exit(EX_IOERR);
}

void osc_cli_start(int argc, char **argv)
{
	const char *base;

	if (argc > 0 && argv[0]) {
		base = strrchr(argv[0], '/');
		base = base ? base + 1 : argv[0];
		/* libtool's wrapper runs .libs/lt-NAME in the build tree. */
		if (strncmp(base, "lt-", 3) == 0)
			base += 3;
		prog_name = base;
		argv[0] = (char *)base;
		program_invocation_name = (char *)base;
		program_invocation_short_name = (char *)base;
	}
	signal(SIGPIPE, SIG_DFL);
	atexit(check_stdout);
}

int osc_exit_code(enum osc_status st)
{
	switch (st) {
	case OSC_OK:
		return EX_OK;
	case OSC_EUSAGE:
		return EX_USAGE;
	case OSC_EDATA:
		return EX_DATAERR;
	case OSC_ENOINPUT:
		return EX_NOINPUT;
	case OSC_EIO:
		return EX_IOERR;
	case OSC_EUNAVAIL:
		return EX_UNAVAILABLE;
	case OSC_ENOMEM:
	case OSC_EOS:
		return EX_OSERR;
	default:
		return EX_SOFTWARE;
	}
}

static void vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void osc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void osc_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	reported = true;
	exit(status);
}

void osc_die_error(const struct osc_error *err)
{
	const char *sys = err->sys_errno ? strerror(err->sys_errno) : NULL;
	const char *msg = err->msg[0] ? err->msg : osc_status_name(err->status);

	fflush(stdout);
	reported = true;
	fprintf(stderr, "%s: ", prog_name);
	if (err->file && err->line)
		fprintf(stderr, "%s:%llu: ", err->file,
			(unsigned long long)err->line);
	else if (err->file)
		fprintf(stderr, "%s: ", err->file);
	fputs(msg, stderr);
	if (sys)
		fprintf(stderr, ": %s", sys);
	fputc('\n', stderr);
	exit(osc_exit_code(err->status == OSC_OK ? OSC_EINTERNAL : err->status));
}
