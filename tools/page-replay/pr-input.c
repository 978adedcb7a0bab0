/* pr-input.c: page-replay's readers: the refs format and valgrind lackey output. */
#include <config.h>

#include <string.h>

#include "page-replay.h"

int pr_flush(struct pr *pr)
{
	unsigned n = pr->nbatch;

	pr->nbatch = 0;
	if (osc_replace_access_n(pr->sim, pr->batch, pr->batch_w, n,
				 &pr->err) != OSC_OK)
		return pr->err.status;
	return OSC_OK;
}

int pr_ref(struct pr *pr, uint64_t addr, bool write)
{
	struct osc_replace_event ev;
	uint64_t page;
	bool rows = pr->tables & (1u << TAB_ACCESSES);

	page = pr->page_pow2 ? addr >> pr->page_shift : addr / pr->page_size;
	if (pr->sweep)
		return osc_replace_sweep_ref(pr->sweep, page, write, &pr->err);
	if (!pr->stream)
		return osc_replace_trace_push(&pr->trace, page, write);
	if (!rows) {
		pr->batch[pr->nbatch] = page;
		pr->batch_w[pr->nbatch] = write;
		if (++pr->nbatch == sizeof pr->batch / sizeof pr->batch[0])
			return pr_flush(pr);
		return OSC_OK;
	}
	if (osc_replace_access(pr->sim, page, write, OSC_REPLACE_NEVER, NULL,
			       NULL, &ev, &pr->err) != OSC_OK)
		return pr->err.status;
	pr_accesses_row(pr, pr->sim, &ev);
	return OSC_OK;
}

/* n reads of addresses v[] (turned into pages in place): stored at once,
 * or replayed in one call when nothing is printed per access. */
static int pr_reads(struct pr *pr, uint64_t *v, size_t n)
{
	size_t i;
	int r;

	if (pr->stream && (pr->tables & (1u << TAB_ACCESSES))) {
		for (i = 0; i < n; i++)
			if ((r = pr_ref(pr, v[i], false)) != OSC_OK)
				return r;
		return OSC_OK;
	}
	if (pr->page_size != 1)
		for (i = 0; i < n; i++)
			v[i] = pr->page_pow2 ? v[i] >> pr->page_shift :
						v[i] / pr->page_size;
	if (pr->sweep) {
		if (osc_replace_sweep_ref_n(pr->sweep, v, NULL, n,
					    &pr->err) != OSC_OK)
			return pr->err.status;
		return OSC_OK;
	}
	if (!pr->stream)
		return osc_replace_trace_push_n(&pr->trace, v, n);
	if (pr->nbatch && (r = pr_flush(pr)) != OSC_OK)
		return r;
	if (osc_replace_access_n(pr->sim, v, NULL, n, &pr->err) != OSC_OK)
		return pr->err.status;
	return OSC_OK;
}

static bool is_op(const struct osc_tok *t, bool *write)
{
	if (t->len != 1)
		return false;
	switch (t->s[0]) {
	case 'R': case 'r':
		*write = false;
		return true;
	case 'W': case 'w':
		*write = true;
		return true;
	}
	return false;
}

/* One `[OP] ADDRESS` line. */
static int refs_line(struct osc_scan *s, uint64_t *addr, bool *write)
{
	struct osc_tok t;
	bool overflow = false;

	osc_scan_tok(s, &t);
	*write = false;
	if (is_op(&t, write)) {
		if (osc_scan_u64(s, "an address", addr) != OSC_OK)
			return OSC_EDATA;
	} else if (osc_tok_u64(&t, s->hex, addr, &overflow) != OSC_OK) {
		if (overflow) {
			char q[200];

			/* As osc_scan_u64 says it (man 5 osc-traces). */
			return osc_scan_fail(s, "expected an address, found %s "
					     "(out of range)",
					     osc_tok_quote(&t, q, sizeof q));
		}
		return osc_scan_bad(s, osc_scan_at_end(s) ? "an address" :
				    "R or W", &t);
	}
	return osc_scan_expect_end(s);
}

/* The common line: a page number alone, decimal, at most 19 digits (so it
 * cannot overflow); anything else takes the general path. */
static inline bool plain_number(const char *p, const char *end, uint64_t *v)
{
	uint64_t x = 0;

	if (p == end || end - p > 19)
		return false;
	for (; p < end; p++) {
		if ((unsigned char)(*p - '0') > 9)
			return false;
		x = x * 10 + (uint64_t)(*p - '0');
	}
	*v = x;
	return true;
}

static int refs_file(struct osc_scan *s, void *ctx)
{
	struct pr *pr = ctx;
	uint64_t addr;
	bool write;
	int r;

	uint64_t bulk[256];
	size_t k;

	for (;;) {
		/* Lines of a page number alone, in bulk; others one by one. */
		k = osc_scan_plain_u64(s, bulk, sizeof bulk / sizeof bulk[0]);
		if (k && pr_reads(pr, bulk, k) != OSC_OK)
			goto failed;
		if (k)
			continue;
		if ((r = osc_scan_next(s)) <= 0)
			break;
		write = false;
		if ((s->hex || !plain_number(s->p, s->end, &addr)) &&
		    refs_line(s, &addr, &write) != OSC_OK)
			return OSC_EDATA;
		if (pr_ref(pr, addr, write) != OSC_OK)
			goto failed;
	}
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
failed:
	if (s->err)
		*s->err = pr->err;
	return pr->err.status;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* `ADDR,SIZE` of a lackey record: hex address, decimal size. */
static int lackey_addr(struct osc_scan *s, const char *p, uint64_t *addr)
{
	const char *q = p;
	struct osc_tok t;
	int d, n = 0, sig = 0;

	*addr = 0;
	/* sig: digits after the leading zeros; more than 16 pass 2^64 - 1. */
	for (; q < s->end && (d = hexval(*q)) >= 0; q++, n++) {
		sig += sig > 0 || d > 0;
		*addr = *addr << 4 | (uint64_t)d;
	}
	if (n == 0 || sig > 16 || q == s->end || *q != ',')
		goto bad;
	for (q++, n = 0; q < s->end && *q >= '0' && *q <= '9'; q++)
		n++;
	while (q < s->end && (*q == ' ' || *q == '\t'))
		q++;
	if (n > 0 && q == s->end)
		return OSC_OK;
bad:
	t.s = p;
	for (q = p; q < s->end && *q != ' ' && *q != '\t'; q++)
		;
	t.len = (size_t)(q - p);
	if (sig > 16) {
		char b[200];

		return osc_scan_fail(s, "expected a lackey record ADDRESS,SIZE "
				     "(hex address), found %s (out of range)",
				     osc_tok_quote(&t, b, sizeof b));
	}
	return osc_scan_bad(s, "a lackey record ADDRESS,SIZE (hex address)",
			    &t);
}

/*
 * valgrind --tool=lackey --trace-mem=yes: `I  ADDR,SIZE` (instruction
 * fetch), ` L ADDR,SIZE` (load), ` S ...` (store), ` M ...` (modify: one
 * write access).  Every other line (valgrind's banner and summary, the
 * program's own output) is skipped.
 */
static int lackey_file(struct osc_scan *s, void *ctx)
{
	struct pr *pr = ctx;
	const char *p;
	uint64_t addr;
	bool write;
	int r;

	while ((r = osc_scan_next_raw(s)) > 0) {
		p = s->p;
		if (s->end - p < 3)
			continue;
		if (p[0] == 'I' && p[1] == ' ')
			write = false;
		else if (p[0] == ' ' && p[2] == ' ' &&
			 (p[1] == 'L' || p[1] == 'S' || p[1] == 'M'))
			write = p[1] != 'L';
		else
			continue;
		for (p += 2; p < s->end && *p == ' '; p++)
			;
		if (lackey_addr(s, p, &addr) != OSC_OK)
			return OSC_EDATA;
		if (pr_ref(pr, addr, write) != OSC_OK) {
			if (s->err)
				*s->err = pr->err;
			return pr->err.status;
		}
	}
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}

void pr_read(struct pr *pr)
{
	osc_cli_inputs(pr->files, pr->nfiles, pr->hex,
		       pr->input == IN_LACKEY ? lackey_file : refs_file, pr);
}
