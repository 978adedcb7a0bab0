/* scan.c: the trace scanner: big reads, lines and tokens in place, integers. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "osconcepts.h"

#define SCAN_BUF_INIT (1u << 20)

static int scan_init(struct osc_scan *s, int fd, const char *name,
		     struct osc_error *err)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->err = err;
	s->fd = fd;
	s->comment = '#';
	s->nul = SIZE_MAX;
	s->cap = SCAN_BUF_INIT;
	s->buf = malloc(s->cap);
	if (!s->buf)
		return osc_error_set(err, OSC_ENOMEM, name, 0, "out of memory");
	return OSC_OK;
}

int osc_scan_fd(struct osc_scan *s, int fd, const char *name,
		struct osc_error *err)
{
	return scan_init(s, fd, name, err);
}

int osc_scan_open(struct osc_scan *s, const char *path, struct osc_error *err)
{
	struct stat st;
	int fd, st_code;

	if (!path || strcmp(path, "-") == 0)
		return scan_init(s, STDIN_FILENO, "<stdin>", err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return osc_error_sys(err, OSC_ENOINPUT, errno, path,
				     "cannot open");
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return osc_error_sys(err, OSC_ENOINPUT, EISDIR, path,
				     "cannot read");
	}
	st_code = scan_init(s, fd, path, err);
	if (st_code != OSC_OK) {
		close(fd);
		return st_code;
	}
	s->own_fd = true;
	return OSC_OK;
}

/* Note the first NUL byte at or after offset from, unless one is pending. */
static void scan_find_nul(struct osc_scan *s, size_t from)
{
	const char *z;

	if (s->nul != SIZE_MAX || from >= s->hi)
		return;
	z = memchr(s->buf + from, '\0', s->hi - from);
	if (z)
		s->nul = (size_t)(z - s->buf);
}

int osc_scan_mem(struct osc_scan *s, const char *text, size_t len,
		 const char *name, struct osc_error *err)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->err = err;
	s->fd = -1;
	s->comment = '#';
	s->nul = SIZE_MAX;
	s->mem = s->eof = true;
	s->cap = len ? len : 1;
	s->buf = malloc(s->cap);
	if (!s->buf)
		return osc_error_set(err, OSC_ENOMEM, name, 0, "out of memory");
	memcpy(s->buf, text, len);
	s->hi = len;
	scan_find_nul(s, 0);
	return OSC_OK;
}

void osc_scan_close(struct osc_scan *s)
{
	if (s->own_fd)
		close(s->fd);
	free(s->buf);
	s->buf = NULL;
	s->own_fd = false;
}

/* Make room and read more; false at end of input or on error (then
 * s->failed is set and s->err says why). */
static bool scan_fill(struct osc_scan *s)
{
	ssize_t n;

	if (s->eof)
		return false;
	if (s->lo > 0) {
		memmove(s->buf, s->buf + s->lo, s->hi - s->lo);
		if (s->nul != SIZE_MAX)
			s->nul -= s->lo;
		s->hi -= s->lo;
		s->lo = 0;
	}
	if (s->hi == s->cap) {
		char *nb = s->cap > SIZE_MAX / 2 ? NULL : realloc(s->buf, s->cap * 2);

		if (!nb) {
			osc_error_set(s->err, OSC_ENOMEM, s->name, s->line + 1,
				      "line too long for memory");
			s->eof = s->failed = true;
			return false;
		}
		s->buf = nb;
		s->cap *= 2;
	}
	do
		n = read(s->fd, s->buf + s->hi, s->cap - s->hi);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		osc_error_sys(s->err, OSC_EIO, errno, s->name, "read error");
		s->eof = s->failed = true;
		return false;
	}
	if (n == 0)
		s->eof = true;
	s->hi += (size_t)n;
	scan_find_nul(s, s->hi - (size_t)n);
	return true;
}

/* The line being read holds a NUL byte: that is not text. */
static int scan_nul_line(struct osc_scan *s)
{
	s->line++;
	osc_error_set(s->err, OSC_EDATA, s->name, s->line,
		      "expected text, found a NUL byte");
	s->failed = s->eof = true;
	return -1;
}

/* The next physical line into p..end (without LF and a final CR):
 * 1, 0 at end, -1 on error. */
static int scan_line(struct osc_scan *s)
{
	char *start, *nl;
	size_t searched = 0;

	if (s->failed)
		return -1;
	while (!(nl = memchr(s->buf + s->lo + searched, '\n',
			     s->hi - s->lo - searched))) {
		searched = s->hi - s->lo;
		if (!scan_fill(s)) {
			if (s->failed)
				return -1;
			if (s->lo == s->hi)
				return 0;
			nl = s->buf + s->hi;	/* a last line without LF */
			break;
		}
	}
	start = s->buf + s->lo;
	if (s->nul < (size_t)(nl - s->buf))
		return scan_nul_line(s);
	s->lo = (size_t)(nl - s->buf) + (nl < s->buf + s->hi);
	if (nl > start && nl[-1] == '\r')
		nl--;
	s->line++;
	s->p = start;
	s->end = nl;
	return 1;
}

int osc_scan_next_raw(struct osc_scan *s)
{
	return scan_line(s);
}

/*
 * The value of the n (1 to 8) decimal digits at the start of the 8 bytes
 * in w (loaded little-endian: the first digit is the low byte): the
 * digits to the top bytes, zeros below, then pairs, quads and octets
 * combined (SWAR).
 */
static inline uint64_t digits_value(uint64_t w, unsigned n)
{
	const uint64_t ones = 0x0101010101010101ull;

	w = (w << (64 - 8 * n)) & 0x0f * ones;
	w = (w * 10 + (w >> 8)) & 0x00ff00ff00ff00ffull;
	w = (w * 100 + (w >> 16)) & 0x0000ffff0000ffffull;
	return (w * 10000 + (w >> 32)) & 0xffffffffull;
}

/*
 * The leading decimal digits of the 8 bytes at p, eight at a time (a
 * byte is a digit when its high nibble is 3 both as is and plus 6): how
 * many there are (8 when all are), their value in *x when fewer.
 */
static inline unsigned digits8(const char *p, uint64_t *x)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t w, nd;
	unsigned n;

	memcpy(&w, p, 8);
	nd = ((w & 0xf0 * ones) ^ 0x30 * ones) |
	     (((w + 0x06 * ones) & 0xf0 * ones) ^ 0x30 * ones);
	if (nd == 0)
		return 8;
	n = (unsigned)__builtin_ctzll(nd) / 8;
	if (n != 0)
		*x = digits_value(w, n);
	return n;
}

#ifdef __SSE2__
/* Bit i of the result is set when p[i] (i < 64) is not a decimal digit,
 * bit i of *lf when it is a line feed. */
static inline uint64_t classify64(const char *p, uint64_t *lf)
{
	/* '0'..'9' moved to -128..-119: the only bytes not above -119 */
	const __m128i shift = _mm_set1_epi8((char)(0x80 - '0'));
	const __m128i top = _mm_set1_epi8((char)(0x80 + 9));
	const __m128i nl = _mm_set1_epi8('\n');
	uint64_t nd = 0, l = 0;
	__m128i b;
	int k;

#pragma GCC unroll 4
	for (k = 0; k < 4; k++) {
		b = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		nd |= (uint64_t)(uint16_t)_mm_movemask_epi8(
			_mm_cmpgt_epi8(_mm_add_epi8(b, shift), top)) << 16 * k;
		l |= (uint64_t)(uint16_t)_mm_movemask_epi8(
			_mm_cmpeq_epi8(b, nl)) << 16 * k;
	}
	*lf = l;
	return nd;
}

/*
 * Short plain lines, 64 bytes at a time: vector compares find every LF
 * and every byte that is not a digit; the lines that end in the block
 * qualify when those are the same bytes, no line is empty and none has
 * more than 8 digits.  Stops at the first line that does not (or at max
 * values), leaving the rest to plain_run; needs 72 bytes (8 past the
 * block: a line's digits are loaded as one word).
 */
static size_t plain_blocks(const char **pp, const char *e, uint64_t *v,
			   size_t max)
{
	const char *p = *pp;
	size_t n = 0;
	uint64_t lf, nd, m, w;
	unsigned start, end;

	while (e - p >= 72 && n < max) {
		nd = classify64(p, &lf);
		if (lf == 0)
			break;
		/* the block's whole lines: up to its last LF */
		m = ~0ull >> __builtin_clzll(lf);
		if ((nd & m) != lf || (lf & 1) || (lf & lf << 1))
			break;
		for (start = 0, m = lf; m; m &= m - 1) {
			end = (unsigned)__builtin_ctzll(m);
			if (end - start > 8 || n == max)
				break;
			memcpy(&w, p + start, 8);
			v[n++] = digits_value(w, end - start);
			start = end + 1;
		}
		p += start;
		if (m)
			break;
	}
	*pp = p;
	return n;
}
#else
static size_t plain_blocks(const char **pp, const char *e, uint64_t *v,
			   size_t max)
{
	(void)pp, (void)e, (void)v, (void)max;
	return 0;
}
#endif

/*
 * Plain lines from p while at least 20 bytes are left before e, so that 19
 * digits and their LF can be read without a bound check: this loop is the
 * whole cost of reading a page trace.  Stops at max lines or at the first
 * line that is not plain; *pp moves past the lines read.
 */
static size_t plain_run(const char **pp, const char *e, uint64_t *v,
			size_t max)
{
	const char *p = *pp, *q;
	size_t n = 0;
	uint64_t x = 0;
	unsigned d;

	while (n < max && e - p >= 20) {
		q = p + digits8(p, &x);
		if (q == p + 8) {	/* a long number: digit by digit */
			x = 0;
			for (q = p; q < p + 19 &&
			     (d = (unsigned char)*q - '0') <= 9; q++)
				x = x * 10 + d;
		}
		if (q == p || *q != '\n')
			break;
		v[n++] = x;
		p = q + 1;
	}
	*pp = p;
	return n;
}

/* One plain line near the end of what is buffered (reading on if its
 * digits run to the end): true when it was read into *v. */
static bool plain_tail(struct osc_scan *s, uint64_t *v)
{
	for (;;) {
		const char *start = s->buf + s->lo, *p = start;
		const char *e = s->buf + s->hi;
		const char *lim = e - p > 19 ? p + 19 : e;
		uint64_t x = 0;

		while (p < lim && (unsigned char)(*p - '0') <= 9)
			x = x * 10 + (uint64_t)(*p++ - '0');
		if (p < e && *p == '\n' && p > start) {
			*v = x;
			s->lo = (size_t)(p + 1 - s->buf);
			s->line++;
			return true;
		}
		/* Digits up to the end of what is buffered: read on. */
		if (p == e && !s->eof && (size_t)(e - start) < 19 &&
		    scan_fill(s))
			continue;
		return false;
	}
}

size_t osc_scan_plain_u64(struct osc_scan *s, uint64_t *v, size_t max)
{
	size_t n = 0, k;
	const char *p;

	if (s->failed || s->hex)
		return 0;
	while (n < max) {
		p = s->buf + s->lo;
		k = plain_blocks(&p, s->buf + s->hi, v + n, max - n);
		k += plain_run(&p, s->buf + s->hi, v + n + k, max - n - k);
		n += k;
		s->line += k;
		s->lo = (size_t)(p - s->buf);
		if (n == max || s->hi - s->lo >= 20)
			break;	/* done, or a line that is not plain */
		if (!plain_tail(s, v + n))
			break;
		n++;
	}
	return n;
}

/* Field separators: space, tab, comma (and a stray CR). */
static const bool sep_table[256] = {
	[' '] = true, ['\t'] = true, [','] = true, ['\r'] = true,
};

static inline bool is_sep(char c)
{
	return sep_table[(unsigned char)c];
}

int osc_scan_next(struct osc_scan *s)
{
	int r;

	while ((r = osc_scan_next_raw(s)) > 0) {
		const char *c;

		if (s->comment) {
			c = memchr(s->p, s->comment, (size_t)(s->end - s->p));
			if (c)
				s->end = c;
		}
		while (s->p < s->end && is_sep(*s->p))
			s->p++;
		if (s->p < s->end)
			return 1;
	}
	return r;
}

bool osc_scan_tok(struct osc_scan *s, struct osc_tok *t)
{
	const char *p = s->p, *end = s->end;

	while (p < end && is_sep(*p))
		p++;
	if (p == end) {
		s->p = p;
		return false;
	}
	t->s = p;
	while (p < end && !is_sep(*p))
		p++;
	t->len = (size_t)(p - t->s);
	s->p = p;
	return true;
}

bool osc_scan_at_end(struct osc_scan *s)
{
	while (s->p < s->end && is_sep(*s->p))
		s->p++;
	return s->p == s->end;
}

static inline int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int osc_tok_u64(const struct osc_tok *t, bool hex, uint64_t *v, bool *overflow)
{
	const unsigned char *p = (const unsigned char *)t->s;
	const unsigned char *end = p + t->len;
	uint64_t x = 0;
	bool over = false;

	if (t->len > 2 && p[0] == '0' && (p[1] | 0x20) == 'x') {
		hex = true;
		p += 2;
	}
	if (p == end)
		goto junk;
	if (hex) {
		for (; p < end; p++) {
			int d = hex_digit(*p);

			if (d < 0)
				goto junk;
			over |= x >> 60 != 0;
			x = x << 4 | (uint64_t)d;
		}
	} else {
		/* Up to 19 digits cannot overflow: check only past that. */
		const unsigned char *safe = end - p > 19 ? p + 19 : end;

		for (; p < safe; p++) {
			unsigned d = (unsigned)*p - '0';

			if (d > 9)
				goto junk;
			x = x * 10 + d;
		}
		for (; p < end; p++) {
			unsigned d = (unsigned)*p - '0';

			if (d > 9)
				goto junk;
			over |= x > (UINT64_MAX - d) / 10;
			x = x * 10 + d;
		}
	}
	if (overflow)
		*overflow = over;
	if (over)
		return OSC_EDATA;
	*v = x;
	return OSC_OK;
junk:
	if (overflow)
		*overflow = false;
	return OSC_EDATA;
}

int osc_tok_i64(const struct osc_tok *t, bool hex, int64_t *v, bool *overflow)
{
	struct osc_tok u = *t;
	bool neg = u.len > 1 && u.s[0] == '-';
	uint64_t x;
	bool over = false;
	int st;

	if (neg) {
		u.s++;
		u.len--;
	}
	st = osc_tok_u64(&u, hex, &x, &over);
	if (st == OSC_OK && x > (uint64_t)INT64_MAX + neg) {
		over = true;
		st = OSC_EDATA;
	}
	if (overflow)
		*overflow = over;
	if (st == OSC_OK)
		*v = neg ? (int64_t)(0 - x) : (int64_t)x;
	return st;
}

bool osc_tok_eq(const struct osc_tok *t, const char *lit)
{
	return strlen(lit) == t->len && memcmp(t->s, lit, t->len) == 0;
}

bool osc_tok_eq_ci(const struct osc_tok *t, const char *lit)
{
	size_t i;

	if (strlen(lit) != t->len)
		return false;
	for (i = 0; i < t->len; i++) {
		unsigned char a = (unsigned char)t->s[i];
		unsigned char b = (unsigned char)lit[i];

		if (a >= 'A' && a <= 'Z')
			a |= 0x20;
		if (b >= 'A' && b <= 'Z')
			b |= 0x20;
		if (a != b)
			return false;
	}
	return true;
}

#define QUOTE_MAX 40

const char *osc_tok_quote(const struct osc_tok *t, char *buf, size_t size)
{
	size_t i, n = 0;
	size_t show = t->len > QUOTE_MAX ? QUOTE_MAX : t->len;

	if (size < 8) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	buf[n++] = '"';
	for (i = 0; i < show && n + 8 < size; i++) {
		unsigned char c = (unsigned char)t->s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			buf[n++] = (char)c;
		else
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
	}
	if (i < t->len && n + 5 < size) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return buf;
}

int osc_scan_fail(struct osc_scan *s, const char *fmt, ...)
{
	va_list ap;

	if (s->err) {
		va_start(ap, fmt);
		vsnprintf(s->err->msg, sizeof s->err->msg, fmt, ap);
		va_end(ap);
		s->err->status = OSC_EDATA;
		s->err->file = s->name;
		s->err->line = s->line;
		s->err->sys_errno = 0;
	}
	return OSC_EDATA;
}

int osc_scan_bad(struct osc_scan *s, const char *what, const struct osc_tok *t)
{
	char q[QUOTE_MAX * 4 + 16];

	return osc_scan_fail(s, "expected %s, found %s", what,
			     osc_tok_quote(t, q, sizeof q));
}

static int scan_bad_number(struct osc_scan *s, const char *what,
			   const struct osc_tok *t, bool overflow)
{
	char q[QUOTE_MAX * 4 + 16];

	if (!overflow)
		return osc_scan_bad(s, what, t);
	return osc_scan_fail(s, "expected %s, found %s (out of range)", what,
			     osc_tok_quote(t, q, sizeof q));
}

int osc_scan_u64(struct osc_scan *s, const char *what, uint64_t *v)
{
	struct osc_tok t;
	bool over;

	if (!osc_scan_tok(s, &t))
		return osc_scan_fail(s, "expected %s, found end of line", what);
	if (osc_tok_u64(&t, s->hex, v, &over) != OSC_OK)
		return scan_bad_number(s, what, &t, over);
	return OSC_OK;
}

int osc_scan_i64(struct osc_scan *s, const char *what, int64_t *v)
{
	struct osc_tok t;
	bool over;

	if (!osc_scan_tok(s, &t))
		return osc_scan_fail(s, "expected %s, found end of line", what);
	if (osc_tok_i64(&t, s->hex, v, &over) != OSC_OK)
		return scan_bad_number(s, what, &t, over);
	return OSC_OK;
}

int osc_scan_expect_end(struct osc_scan *s)
{
	struct osc_tok t;

	if (osc_scan_tok(s, &t))
		return osc_scan_bad(s, "end of line", &t);
	return OSC_OK;
}
