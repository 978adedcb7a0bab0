/* cc-read.c: reading coh-format lines: a fast path for the usual line, the scanner for the rest. */
#include <config.h>

#include <string.h>

#include "cache-coh.h"

/* Read one `CPU OP ADDRESS` line. */
static int read_access(struct osc_scan *s, struct cc *cc, unsigned *cpu,
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

static inline bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',';
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

/* Parse the address at p in base 16 or 10, at most `max` digits (so it
 * cannot overflow); NULL when it is not a plain number. */
static const char *fast_num(const char *p, const char *e, bool hex,
			    uint64_t *v)
{
	const char *q = p;
	uint64_t x = 0;
	int d;

	if (hex) {
		for (; p < e && p - q < 16 && (d = digit[(unsigned char)*p]) >= 0;
		     p++)
			x = x << 4 | (uint64_t)d;
	} else {
		for (; p < e && p - q < 19 && (unsigned)(*p - '0') < 10; p++)
			x = x * 10 + (uint64_t)(*p - '0');
	}
	*v = x;
	return p == q ? NULL : p;
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

	while (p < e && is_sep(*p))
		p++;
	if (!(p = fast_num(p, e, false, &c)) || p == e || !is_sep(*p) ||
	    c >= ncpus)
		return false;
	while (p < e && is_sep(*p))
		p++;
	if (e - p < 2 || !is_sep(p[1]))
		return false;
	switch (*p | 0x20) {
	case 'r': case 'l': *write = false; break;
	case 'w': case 's': *write = true; break;
	default: return false;
	}
	for (p += 2; p < e && is_sep(*p); p++)
		;
	if (e - p > 2 && p[0] == '0' && (p[1] | 0x20) == 'x') {
		p += 2;
		hex = true;
	}
	if (!(p = fast_num(p, e, hex, addr)))
		return false;
	while (p < e && is_sep(*p))
		p++;
	*cpu = (unsigned)c;
	return p == e;
}

int cc_read(struct osc_scan *s, struct cc *cc, unsigned *cpu, bool *write,
	    uint64_t *addr)
{
	if (fast_access(s, cc->p.cpus, cpu, write, addr))
		return OSC_OK;
	return read_access(s, cc, cpu, write, addr);
}
