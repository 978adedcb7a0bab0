/* error.c: filling error records, naming statuses, the library version. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "osconcepts.h"

static void error_fill(struct osc_error *err, enum osc_status st,
		       const char *file, uint64_t line, const char *fmt,
		       va_list ap)
{
	err->status = st;
	err->file = file;
	err->line = line;
	err->sys_errno = 0;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

int osc_error_set(struct osc_error *err, enum osc_status st, const char *file,
		  uint64_t line, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		error_fill(err, st, file, line, fmt, ap);
		va_end(ap);
	}
	return st;
}

int osc_error_sys(struct osc_error *err, enum osc_status st, int errnum,
		  const char *file, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		error_fill(err, st, file, 0, fmt, ap);
		va_end(ap);
		err->sys_errno = errnum;
	}
	return st;
}

void osc_error_clear(struct osc_error *err)
{
	memset(err, 0, sizeof *err);
}

const char *osc_status_name(enum osc_status st)
{
	static const char *const names[] = {
		[OSC_OK] = "ok",
		[OSC_EUSAGE] = "usage",
		[OSC_EDATA] = "data",
		[OSC_ENOMEM] = "nomem",
		[OSC_EIO] = "io",
		[OSC_ENOINPUT] = "noinput",
		[OSC_EUNAVAIL] = "unavailable",
		[OSC_EOS] = "os",
		[OSC_EINTERNAL] = "internal",
	};

	if ((unsigned)st < sizeof names / sizeof names[0])
		return names[st];
	return "unknown";
}

const char *osc_version(void)
{
	return PACKAGE_VERSION;
}
