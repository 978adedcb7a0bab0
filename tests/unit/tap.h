/* tap.h: the few TAP helpers the C unit tests use (one `ok`/`not ok` line per check). */
#ifndef OSC_TAP_H
#define OSC_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Record one check; the description is printed as the test's name. */
#define ok(cond, ...) tap_ok_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
/* Compare two unsigned integers and show both on failure. */
#define is_u64(got, want, ...) \
	tap_is_u64_((unsigned long long)(got), (unsigned long long)(want), \
		    __FILE__, __LINE__, __VA_ARGS__)
/* Compare two strings and show both on failure. */
#define is_str(got, want, ...) \
	tap_is_str_((got), (want), __FILE__, __LINE__, __VA_ARGS__)

static inline void tap_vprint_(int pass, const char *fmt, va_list ap)
{
	printf("%s %d - ", pass ? "ok" : "not ok", ++tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass)
		tap_failed++;
}

#include <stdarg.h>

static inline int tap_ok_(int pass, const char *file, int line,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vprint_(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	return pass;
}

static inline int tap_is_u64_(unsigned long long got, unsigned long long want,
			      const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vprint_(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   %s:%d: got %llu, want %llu\n", file, line, got, want);
	return pass;
}

static inline int tap_is_str_(const char *got, const char *want,
			      const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int pass = got && want && strcmp(got, want) == 0;

	va_start(ap, fmt);
	tap_vprint_(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   %s:%d: got \"%s\", want \"%s\"\n", file, line,
		       got ? got : "(null)", want ? want : "(null)");
	return pass;
}

/* Print the plan and return main's status. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
