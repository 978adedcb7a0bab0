/* out-enc.c: the table writer's encoders: numbers without locale, JSON and CSV strings, widths. */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out-priv.h"

OSC_HIDDEN bool buf_reserve(struct out_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (n <= b->cap - b->len)
		return true;
	if (n > SIZE_MAX / 2 - b->len)
		return false;
	while (cap - b->len < n)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return false;
	b->p = p;
	b->cap = cap;
	return true;
}

OSC_HIDDEN void out_puts(struct osc_out *o, const char *s)
{
	out_write(s, strlen(s), o->fp);
}

OSC_HIDDEN void out_spaces(struct osc_out *o, size_t n)
{
	static const char sp[] = "                                ";
	size_t k;

	for (; n > 0; n -= k) {
		k = n < sizeof sp - 1 ? n : sizeof sp - 1;
		out_write(sp, k, o->fp);
	}
}

/* Decimal digits of v into buf (at least 21 bytes); returns the length. */
OSC_HIDDEN size_t fmt_u64(char *buf, uint64_t v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

OSC_HIDDEN size_t fmt_i64(char *buf, int64_t v)
{
	if (v >= 0)
		return fmt_u64(buf, (uint64_t)v);
	buf[0] = '-';
	return 1 + fmt_u64(buf + 1, -(uint64_t)v);
}

/* v with `digits` digits after the point, `.` whatever the locale; a
 * result that rounds to zero is written without a minus sign. */
OSC_HIDDEN size_t fmt_fixed(const struct osc_out *o, char *buf, double v,
			int digits)
{
	locale_t old = uselocale(o->c_loc);
	int n = snprintf(buf, OUT_NUM_MAX, "%.*f", digits, v);

	uselocale(old);
	if (n < 0 || n >= OUT_NUM_MAX)
		return 0;
	if (buf[0] == '-' && strspn(buf + 1, "0.") == (size_t)n - 1) {
		memmove(buf, buf + 1, (size_t)n);
		n--;
	}
	return (size_t)n;
}

/* The shortest %g form (15 to 17 digits) that reads back as v. */
OSC_HIDDEN size_t fmt_shortest(const struct osc_out *o, char *buf, double v)
{
	locale_t old = uselocale(o->c_loc);
	int prec, n = 0;

	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, OUT_NUM_MAX, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	uselocale(old);
	return n > 0 && n < OUT_NUM_MAX ? (size_t)n : 0;
}

/* Length of the valid UTF-8 sequence at s (RFC 3629), 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* A JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; bytes that are not UTF-8 become U+FFFD so the document stays
 * valid. */
OSC_HIDDEN void json_str(struct osc_out *o, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str, *run = s;
	char esc[7] = "\\u00";
	size_t n;

	out_putc('"', o->fp);
	while (*s) {
		n = *s >= 0x20 && *s != '"' && *s != '\\' ? utf8_len(s) : 0;
		if (n) {
			s += n;
			continue;
		}
		out_write(run, (size_t)(s - run), o->fp);
		if (*s == '"' || *s == '\\') {
			out_putc('\\', o->fp);
			out_putc(*s, o->fp);
		} else if (*s < 0x20) {
			esc[4] = hex[*s >> 4];
			esc[5] = hex[*s & 0xf];
			out_write(esc, 6, o->fp);
		} else {
			out_puts(o, "\\ufffd");
		}
		run = ++s;
	}
	out_write(run, (size_t)(s - run), o->fp);
	out_putc('"', o->fp);
}

/* An RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
OSC_HIDDEN void csv_str(struct osc_out *o, const char *s)
{
	const char *q;

	if (!strpbrk(s, ",\"\r\n")) {
		out_puts(o, s);
		return;
	}
	out_putc('"', o->fp);
	while ((q = strchr(s, '"'))) {
		out_write(s, (size_t)(q - s) + 1, o->fp);
		out_putc('"', o->fp);
		s = q + 1;
	}
	out_puts(o, s);
	out_putc('"', o->fp);
}

/* Columns a string takes on a terminal: UTF-8 continuation bytes add none. */
OSC_HIDDEN size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}
