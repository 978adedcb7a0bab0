/* emit.c: trace-gen's output buffer: digits by hand, large fwrite calls. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

void tg_flush(struct tg *tg)
{
	if (tg->len && fwrite(tg->buf, 1, tg->len, tg->fp) != tg->len) {
		if (errno == EPIPE)
			exit(EX_IOERR);
		osc_die(EX_IOERR, "write error: %s", strerror(errno));
	}
	tg->len = 0;
}

void tg_write(struct tg *tg, const char *s, size_t n)
{
	while (n) {
		size_t room = tg->cap - tg->len;
		size_t k = n < room ? n : room;

		memcpy(tg->buf + tg->len, s, k);
		tg->len += k;
		s += k;
		n -= k;
		if (tg->len == tg->cap)
			tg_flush(tg);
	}
}

void tg_puts(struct tg *tg, const char *s)
{
	tg_write(tg, s, strlen(s));
}

/* Decimal digits of v ending just before end; returns where they start. */
static char *format_u64(uint64_t v, char *end)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char *p = end;

	while (v >= 100) {
		p -= 2;
		memcpy(p, pairs + (v % 100) * 2, 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, pairs + v * 2, 2);
	} else {
		*--p = (char)('0' + v);
	}
	return p;
}

void tg_putu(struct tg *tg, uint64_t v)
{
	char tmp[24], *p;
	size_t n;

	if (v < 10 && tg->len < tg->cap) {
		tg->buf[tg->len++] = (char)('0' + v);
		return;
	}
	p = format_u64(v, tmp + sizeof tmp);
	n = (size_t)(tmp + sizeof tmp - p);
	if (tg->cap - tg->len < n) {
		tg_write(tg, p, n);
		return;
	}
	/* Copy the digits by hand: a call to memcpy costs more than they do. */
	for (size_t i = 0; i < n; i++)
		tg->buf[tg->len + i] = p[i];
	tg->len += n;
}

void tg_puti(struct tg *tg, int64_t v)
{
	if (v < 0) {
		tg_putc(tg, '-');
		tg_putu(tg, 0 - (uint64_t)v);
	} else {
		tg_putu(tg, (uint64_t)v);
	}
}

void tg_putx(struct tg *tg, uint64_t v)
{
	char tmp[20], *p = tmp + sizeof tmp;

	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	tg_write(tg, p, (size_t)(tmp + sizeof tmp - p));
}

void tg_printf(struct tg *tg, const char *fmt, ...)
{
	char small[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		va_start(ap, fmt);
		n = vasprintf(&big, fmt, ap);
		va_end(ap);
		if (n < 0)
			osc_die(EX_OSERR, "out of memory");
	}
	tg_write(tg, big ? big : small, (size_t)n);
	free(big);
}
