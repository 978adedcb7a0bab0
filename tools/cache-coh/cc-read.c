/* cc-read.c: reading coh-format lines: a fast path for the usual line, the scanner for the rest. */
#include <config.h>

#include <string.h>

#include "cache-coh.h"

/* Read one `CPU OP ADDRESS` line (the slow path: kept out of cc_read). */
static __attribute__((noinline)) int read_access(struct osc_scan *s, struct cc *cc, unsigned *cpu,
		       bool *write, uint64_t *addr)
{
	struct osc_tok t;
	uint64_t c;
	int st;

	char q[200];

	if (!osc_scan_tok(s, &t) || osc_tok_u64(&t, false, &c, NULL) != OSC_OK)
		return osc_scan_bad(s, "a CPU number", &t);
	if (c >= cc->p.cpus)
		return osc_scan_fail(s, "expected a CPU number below %u (--cpus=%u), found %s",
				     cc->p.cpus, cc->p.cpus,
				     osc_tok_quote(&t, q, sizeof q));
	*cpu = (unsigned)c;
	if (!osc_scan_tok(s, &t))
		return osc_scan_fail(s, "expected R, L, W or S, found end of line");
	if (t.len == 1 && (*t.s == 'R' || *t.s == 'r' || *t.s == 'L' || *t.s == 'l'))
		*write = false;
	else if (t.len == 1 && (*t.s == 'W' || *t.s == 'w' || *t.s == 'S' || *t.s == 's'))
		*write = true;
	else
		return osc_scan_bad(s, "R, L, W or S", &t);
	if ((st = osc_scan_u64(s, "an address", addr)) != OSC_OK)
		return st;
	return osc_scan_expect_end(s);
}

/* Field separators of the fast path (the scanner's, less a stray CR,
 * which leaves a line to the scanner). */
static const bool sep[256] = { [' '] = true, ['\t'] = true, [','] = true };

static inline bool is_sep(char c)
{
	return sep[(unsigned char)c];
}

/* Digit values for hexadecimal and decimal, -1 for other bytes. */
static signed char digit[256];

void cc_read_init(void)
{
	int c;

	memset(digit, -1, sizeof digit);
	for (c = '0'; c <= '9'; c++)
		digit[c] = (signed char)(c - '0');
	for (c = 'a'; c <= 'f'; c++)
		digit[c] = digit[c - 'a' + 'A'] = (signed char)(c - 'a' + 10);
}

/* Parse a number at p in base 16, at most 16 digits (so it cannot
 * overflow); NULL when there is no digit. */
static const char *hex_num(const char *p, const char *e, uint64_t *v)
{
	const char *q = p, *lim = e - p > 16 ? p + 16 : e;
	uint64_t x = 0;
	int d;

	for (; p < lim && (d = digit[(unsigned char)*p]) >= 0; p++)
		x = x << 4 | (uint64_t)d;
	*v = x;
	return p == q ? NULL : p;
}

/* The same in base 10, at most 19 digits. */
static const char *dec_num(const char *p, const char *e, uint64_t *v)
{
	const char *q = p, *lim = e - p > 19 ? p + 19 : e;
	uint64_t x = 0;
	unsigned d;

	for (; p < lim && (d = (unsigned)(*p - '0')) < 10; p++)
		x = x * 10 + d;
	*v = x;
	return p == q ? NULL : p;
}

static inline const char *skip_sep(const char *p, const char *e)
{
	while (p < e && is_sep(*p))
		p++;
	return p;
}

/*
 * The usual line, parsed in place: `CPU OP ADDRESS` with plain numbers.
 * Anything unusual returns false, and read_access then parses the line
 * again with the scanner's checks and messages.
 */
static bool fast_access(const struct osc_scan *s, unsigned ncpus,
			unsigned *cpu, bool *write, uint64_t *addr)
{
	const char *p = s->p, *e = s->end;
	uint64_t c;
	bool hex = s->hex;

	p = skip_sep(p, e);
	if (p < e && (unsigned)(*p - '0') < 10 && e - p > 1 && is_sep(p[1])) {
		c = (unsigned)(*p - '0');	/* the usual one-digit CPU */
		p++;
	} else if (!(p = dec_num(p, e, &c)) || p == e || !is_sep(*p)) {
		return false;
	}
	if (c >= ncpus)
		return false;
	p = skip_sep(p + 1, e);
	if (e - p < 2 || !is_sep(p[1]))
		return false;
	switch (*p | 0x20) {
	case 'r': case 'l': *write = false; break;
	case 'w': case 's': *write = true; break;
	default: return false;
	}
	p = skip_sep(p + 2, e);
	if (e - p > 2 && p[0] == '0' && (p[1] | 0x20) == 'x') {
		p += 2;
		hex = true;
	}
	if (!(p = hex ? hex_num(p, e, addr) : dec_num(p, e, addr)))
		return false;
	*cpu = (unsigned)c;
	return skip_sep(p, e) == e;
}

/*
 * The bulk path: whole lines straight from the scanner's buffer.
 *
 * The lines between s->lo and the last LF buffered (and before a NUL
 * byte, which only the scanner reports) are parsed in place, one record
 * each, as long as they have the usual form: optional separators, a CPU
 * of one or two digits, an OP letter, an address of hex digits after 0x
 * (or of digits in --hex's base) and an LF.  Every line ends in an LF, so
 * no byte is looked at past the last one: the character classes below
 * stop at it.  The first other line (blank, comment, CR, error, more
 * digits) stops the batch and is left to osc_scan_next and cc_read, which
 * consume it as before: what is accepted here gives the same access as
 * fast_access would.
 *
 * This reads the scanner's private fields (buf, lo, hi, nul, line), as
 * osc_scan_plain_u64 does inside scan.c for page-replay.
 */

/* Per byte: 1 separator, 2 a read OP, 3 a write OP, 0 otherwise. */
static const unsigned char cls[256] = {
	[' '] = 1, ['\t'] = 1, [','] = 1,
	['R'] = 2, ['r'] = 2, ['L'] = 2, ['l'] = 2,
	['W'] = 3, ['w'] = 3, ['S'] = 3, ['s'] = 3,
};

size_t cc_read_bulk(struct osc_scan *s, unsigned ncpus, struct cc_rec *r,
		    size_t max)
{
	const char *buf = s->buf, *p, *q, *end;
	size_t lim = s->hi < s->nul ? s->hi : s->nul, n = 0;
	bool hex0 = s->hex;

	if (s->failed || s->lo >= lim)
		return 0;
	/* The last LF buffered: lines end there at the latest. */
	for (q = buf + lim; q > buf + s->lo && q[-1] != '\n'; q--)
		;
	end = q;
	p = buf + s->lo;
	while (n < max && p < end) {
		const unsigned char *u = (const unsigned char *)p;
		unsigned c, op, d;
		uint64_t x;
		bool hex = hex0;
		int h;

		/* The usual start, `D O 0x`, checked in one word when 8 bytes
		 * of whole lines remain; the general steps below otherwise. */
		if (end - p >= 8) {
			uint64_t x8;

			memcpy(&x8, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			x8 = __builtin_bswap64(x8);
#endif
			c = (unsigned)(u[0] - '0');
			op = cls[u[2]];
			if ((x8 & UINT64_C(0x0000ffffff00ff00)) ==
			    UINT64_C(0x0000783020002000) && c < ncpus &&
			    c <= 9 && op >= 2 && digit[u[6]] >= 0) {
				u += 6;
				hex = true;
				goto address;
			}
		}
		while (cls[*u] == 1)
			u++;
		if ((c = (unsigned)(*u - '0')) > 9)
			break;
		u++;
		if ((d = (unsigned)(*u - '0')) <= 9) {
			c = c * 10 + d;
			u++;
		}
		if (c >= ncpus || cls[*u] != 1)
			break;
		while (cls[*++u] == 1)
			;
		if ((op = cls[*u]) < 2 || cls[u[1]] != 1)
			break;
		u += 2;
		while (cls[*u] == 1)
			u++;
		/* 0x and a digit after it (fast_access: more than 2 bytes). */
		if (u[0] == '0' && (u[1] | 0x20) == 'x' && digit[u[2]] >= 0) {
			u += 2;
			hex = true;
		}
address:
		q = (const char *)u;
		x = 0;
		if (hex) {
			while ((h = digit[*u]) >= 0) {
				x = x << 4 | (uint64_t)h;
				u++;
			}
			if ((const char *)u - q > 16)
				break;
		} else {
			while ((d = (unsigned)(*u - '0')) <= 9) {
				x = x * 10 + d;
				u++;
			}
			if ((const char *)u - q > 19)
				break;
		}
		if ((const char *)u == q)
			break;
		while (cls[*u] == 1)
			u++;
		if (*u != '\n')
			break;
		r[n].addr = x;
		r[n].cpu = c;
		r[n].write = op == 3;
		n++;
		p = (const char *)u + 1;
	}
	s->lo = (size_t)(p - buf);
	s->line += n;
	return n;
}

int cc_read(struct osc_scan *s, struct cc *cc, unsigned *cpu, bool *write,
	    uint64_t *addr)
{
	if (fast_access(s, cc->p.cpus, cpu, write, addr))
		return OSC_OK;
	return read_access(s, cc, cpu, write, addr);
}
