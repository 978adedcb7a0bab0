/* bankers-read.c: reading and checking the bankers format (man 5 osc-traces). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

int osc_bankers_init(struct osc_bankers *b, bool matrix)
{
	memset(b, 0, sizeof *b);
	b->matrix = matrix;
	return OSC_OK;
}

static void free_names(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void osc_bankers_free(struct osc_bankers *b)
{
	size_t i;

	free_names(b->res, b->nres);
	free_names(b->proc, b->nproc);
	free(b->avail);
	free(b->alloc);
	free(b->max);
	free(b->line);
	for (i = 0; i < b->nops; i++)
		free(b->ops[i].v);
	free(b->ops);
	free(b->tmp);
	memset(b, 0, sizeof *b);
}

size_t osc_bankers_find(const struct osc_bankers *b, const char *name,
			size_t len)
{
	size_t i;

	for (i = 0; i < b->nproc; i++)
		if (strlen(b->proc[i]) == len && memcmp(b->proc[i], name, len) == 0)
			return i;
	return (size_t)-1;
}

static int bk_nomem(struct osc_scan *s)
{
	return osc_error_set(s->err, OSC_ENOMEM, s->name, s->line,
			     "out of memory");
}

/* Grow *v (elements of size sz) to hold at least n; false on ENOMEM. */
static bool bk_grow(void **v, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap ? *cap : 8;
	void *p;

	if (n <= *cap)
		return true;
	while (c < n)
		c *= 2;
	p = realloc(*v, c * sz);
	if (!p)
		return false;
	*v = p;
	*cap = c;
	return true;
}

static bool bk_numberlike(const struct osc_tok *t)
{
	char c = t->s[0];

	return (c >= '0' && c <= '9') || c == '-' || c == '+';
}

/*
 * Read the numbers that follow (up to a keyword or the end of the line)
 * into b->tmp, check there is one per resource (fixing the number of
 * resources on the first vector), and return OSC_OK.
 */
static int bk_vector(struct osc_bankers *b, struct osc_scan *s, const char *what)
{
	struct osc_tok t;
	const char *save;
	size_t n = 0;
	bool over;
	uint64_t v;

	for (;;) {
		save = s->p;
		if (!osc_scan_tok(s, &t))
			break;
		if (!bk_numberlike(&t)) {
			s->p = save;
			break;
		}
		if (t.s[0] == '-')
			return osc_scan_bad(s, "a non-negative number", &t);
		if (osc_tok_u64(&t, false, &v, &over) != OSC_OK) {
			char q[200];

			if (!over)
				return osc_scan_bad(s, "a number of units", &t);
			/* As osc_scan_u64 says it (man 5 osc-traces). */
			return osc_scan_fail(s, "expected a number of units, "
					     "found %s (out of range)",
					     osc_tok_quote(&t, q, sizeof q));
		}
		if (!bk_grow((void **)&b->tmp, &b->tmp_cap, n + 1, sizeof v))
			return bk_nomem(s);
		b->tmp[n++] = v;
	}
	if (n == 0) {
		if (osc_scan_tok(s, &t))
			return osc_scan_fail(s, "expected the numbers of %s, found \"%.*s\"",
					     what, (int)(t.len > 40 ? 40 : t.len), t.s);
		return osc_scan_fail(s, "expected the numbers of %s, found end of line",
				     what);
	}
	if (b->nres == 0)
		b->nres = n;
	else if (n != b->nres)
		return osc_scan_fail(s, "expected %zu numbers for %s (one per resource), found %zu",
				     b->nres, what, n);
	return OSC_OK;
}

static char *bk_strndup(const struct osc_tok *t)
{
	char *p = malloc(t->len + 1);

	if (p) {
		memcpy(p, t->s, t->len);
		p[t->len] = '\0';
	}
	return p;
}

static int bk_resources(struct osc_bankers *b, struct osc_scan *s)
{
	struct osc_tok t;
	size_t n = 0, cap = 0;
	char **names = NULL;

	if (b->have_res)
		return osc_scan_fail(s, "expected one resources line, found a second one");
	while (osc_scan_tok(s, &t)) {
		if (!bk_grow((void **)&names, &cap, n + 1, sizeof *names) ||
		    !(names[n] = bk_strndup(&t))) {
			free_names(names, n);
			return bk_nomem(s);
		}
		n++;
	}
	if (n == 0)
		return osc_scan_fail(s, "expected resource names, found end of line");
	if (b->nres && n != b->nres) {
		free_names(names, n);
		return osc_scan_fail(s, "expected %zu resource names (as many as the numbers in each vector), found %zu",
				     b->nres, n);
	}
	b->nres = n;
	b->res = names;
	b->have_res = true;
	return OSC_OK;
}

static uint64_t *bk_copy(const struct osc_bankers *b)
{
	uint64_t *v = malloc(b->nres * sizeof *v);

	if (v)
		memcpy(v, b->tmp, b->nres * sizeof *v);
	return v;
}

static int bk_available(struct osc_bankers *b, struct osc_scan *s, bool total)
{
	int st;

	if (b->have_avail)
		return osc_scan_fail(s, "expected available or total once, found a second one (the first is on line %llu)",
				     (unsigned long long)b->avail_line);
	st = bk_vector(b, s, total ? "total" : "available");
	if (st != OSC_OK)
		return st;
	if (!osc_scan_at_end(s))
		return osc_scan_expect_end(s);
	if (!(b->avail = bk_copy(b)))
		return bk_nomem(s);
	b->have_avail = true;
	b->avail_is_total = total;
	b->avail_line = s->line;
	b->avail_file = s->name;
	return OSC_OK;
}

/* Make room for process b->nproc (rows of nres numbers, zeroed). */
static int bk_add_proc(struct osc_bankers *b, struct osc_scan *s)
{
	size_t n = b->nproc + 1, c = b->cap_proc, m = b->nres;
	void *p;

	if (n > c) {
		c = c ? c * 2 : 8;
		if (!(p = realloc(b->proc, c * sizeof *b->proc)))
			return bk_nomem(s);
		b->proc = p;
		if (!(p = realloc(b->line, c * sizeof *b->line)))
			return bk_nomem(s);
		b->line = p;
		if (!(p = realloc(b->alloc, c * m * sizeof *b->alloc)))
			return bk_nomem(s);
		b->alloc = p;
		if (!(p = realloc(b->max, c * m * sizeof *b->max)))
			return bk_nomem(s);
		b->max = p;
		b->cap_proc = c;
	}
	return OSC_OK;
}

/* One `alloc V` or `max V` (`request V` in matrix mode) part. */
static int bk_part(struct osc_bankers *b, struct osc_scan *s, uint64_t **row,
		   const char *what, bool *seen)
{
	int st;

	if (*seen)
		return osc_scan_fail(s, "expected %s once, found it twice", what);
	*seen = true;
	if ((st = bk_vector(b, s, what)) != OSC_OK)
		return st;
	if (!(*row = bk_copy(b)))
		return bk_nomem(s);
	return OSC_OK;
}

static int bk_process_parts(struct osc_bankers *b, struct osc_scan *s,
			    uint64_t **alloc, uint64_t **max)
{
	const char *second = b->matrix ? "request" : "max";
	bool seen_a = false, seen_m = false;
	struct osc_tok t;
	char want[64];
	int st;

	snprintf(want, sizeof want, "alloc or %s", second);
	while (osc_scan_tok(s, &t)) {
		if (osc_tok_eq(&t, "alloc"))
			st = bk_part(b, s, alloc, "alloc", &seen_a);
		else if (osc_tok_eq(&t, second))
			st = bk_part(b, s, max, second, &seen_m);
		else
			st = osc_scan_bad(s, want, &t);
		if (st != OSC_OK)
			return st;
	}
	if (!seen_a || !seen_m)
		return osc_scan_fail(s, "expected %s %s, found end of line",
				     seen_a ? second : "alloc",
				     "followed by one number per resource");
	return OSC_OK;
}

static int bk_check_claim(struct osc_bankers *b, struct osc_scan *s,
			  const uint64_t *alloc, const uint64_t *max)
{
	size_t r;

	if (b->matrix)
		return OSC_OK;
	for (r = 0; r < b->nres; r++)
		if (alloc[r] > max[r])
			return osc_scan_fail(s, "expected alloc <= max, found alloc %llu > max %llu for resource %zu",
					     (unsigned long long)alloc[r],
					     (unsigned long long)max[r], r + 1);
	return OSC_OK;
}

static int bk_process(struct osc_bankers *b, struct osc_scan *s)
{
	uint64_t *alloc = NULL, *max = NULL;
	struct osc_tok name;
	size_t i, m;
	char *copy = NULL;
	int st;

	if (!osc_scan_tok(s, &name))
		return osc_scan_fail(s, "expected a process name, found end of line");
	if (bk_numberlike(&name) || osc_tok_eq(&name, "alloc"))
		return osc_scan_bad(s, "a process name", &name);
	i = osc_bankers_find(b, name.s, name.len);
	if (i != (size_t)-1)
		return osc_scan_fail(s, "expected a new process name, found \"%.*s\" again (first on line %llu)",
				     (int)(name.len > 40 ? 40 : name.len), name.s,
				     (unsigned long long)b->line[i]);
	st = bk_process_parts(b, s, &alloc, &max);
	if (st == OSC_OK)
		st = bk_check_claim(b, s, alloc, max);
	if (st == OSC_OK)
		st = bk_add_proc(b, s);
	if (st == OSC_OK && !(copy = bk_strndup(&name)))
		st = bk_nomem(s);
	if (st == OSC_OK) {
		i = b->nproc++;
		m = b->nres;
		b->proc[i] = copy;
		b->line[i] = s->line;
		memcpy(b->alloc + i * m, alloc, m * sizeof *alloc);
		memcpy(b->max + i * m, max, m * sizeof *max);
	}
	free(alloc);
	free(max);
	return st;
}

static int bk_op(struct osc_bankers *b, struct osc_scan *s,
		 enum osc_bk_op_kind kind)
{
	const char *what = kind == OSC_BK_REQUEST ? "request" : "release";
	struct osc_bk_op *op;
	struct osc_tok name;
	size_t p;
	int st;

	if (b->matrix)
		return osc_scan_fail(s, "expected a process line (%s lines are not used with -m matrix), found %s",
				     what, what);
	if (!osc_scan_tok(s, &name))
		return osc_scan_fail(s, "expected a process name, found end of line");
	p = osc_bankers_find(b, name.s, name.len);
	if (p == (size_t)-1)
		return osc_scan_bad(s, "the name of a process declared above", &name);
	if ((st = bk_vector(b, s, what)) != OSC_OK)
		return st;
	if (!osc_scan_at_end(s))
		return osc_scan_expect_end(s);
	if (!bk_grow((void **)&b->ops, &b->cap_ops, b->nops + 1, sizeof *b->ops))
		return bk_nomem(s);
	op = &b->ops[b->nops];
	op->kind = kind;
	op->proc = p;
	op->line = s->line;
	if (!(op->v = bk_copy(b)))
		return bk_nomem(s);
	b->nops++;
	return OSC_OK;
}

static int bk_line(struct osc_bankers *b, struct osc_scan *s)
{
	struct osc_tok t;

	if (!osc_scan_tok(s, &t))
		return OSC_OK;
	if (osc_tok_eq(&t, "resources"))
		return bk_resources(b, s);
	if (osc_tok_eq(&t, "available"))
		return bk_available(b, s, false);
	if (osc_tok_eq(&t, "total"))
		return bk_available(b, s, true);
	if (osc_tok_eq(&t, "process"))
		return bk_process(b, s);
	if (osc_tok_eq(&t, "request"))
		return bk_op(b, s, OSC_BK_REQUEST);
	if (osc_tok_eq(&t, "release"))
		return bk_op(b, s, OSC_BK_RELEASE);
	return osc_scan_bad(s, b->matrix ?
			    "resources, available, total or process" :
			    "resources, available, total, process, request or release",
			    &t);
}

int osc_bankers_read(struct osc_bankers *b, struct osc_scan *s)
{
	int r, st;

	while ((r = osc_scan_next(s)) > 0)
		if ((st = bk_line(b, s)) != OSC_OK)
			return st;
	return r < 0 ? (s->err ? s->err->status : OSC_EIO) : OSC_OK;
}

static int bk_default_names(struct osc_bankers *b, struct osc_error *err)
{
	char buf[32];
	size_t r;

	if (b->res)
		return OSC_OK;
	if (!(b->res = calloc(b->nres ? b->nres : 1, sizeof *b->res)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	for (r = 0; r < b->nres; r++) {
		snprintf(buf, sizeof buf, "R%zu", r);
		if (!(b->res[r] = strdup(buf)))
			return osc_error_set(err, OSC_ENOMEM, NULL, 0,
					     "out of memory");
	}
	return OSC_OK;
}

/* *sum = start + the allocations of resource r; false if that passes 2^64 - 1. */
static bool bk_sum(const struct osc_bankers *b, size_t r, uint64_t start,
		   uint64_t *sum)
{
	size_t p, m = b->nres;

	*sum = start;
	for (p = 0; p < b->nproc; p++)
		if (__builtin_add_overflow(*sum, b->alloc[p * m + r], sum))
			return false;
	return true;
}

/*
 * available = total - sum(alloc), checking total >= sum(alloc); with an
 * available line, checking that the total (available + sum(alloc)) fits in
 * 64 bits, so that Work never wraps around.
 */
static int bk_total(struct osc_bankers *b, struct osc_error *err)
{
	size_t r;
	uint64_t sum;

	for (r = 0; r < b->nres; r++) {
		if (!b->avail_is_total) {
			if (!bk_sum(b, r, b->avail[r], &sum))
				return osc_error_set(err, OSC_EDATA, b->avail_file,
						     b->avail_line,
						     "expected available plus the allocations of %s below 2^64, found more",
						     b->res[r]);
			continue;
		}
		if (!bk_sum(b, r, 0, &sum))
			return osc_error_set(err, OSC_EDATA, b->avail_file,
					     b->avail_line,
					     "expected total >= the sum of the allocations, found total %llu < 2^64 or more allocated of %s",
					     (unsigned long long)b->avail[r], b->res[r]);
		if (sum > b->avail[r])
			return osc_error_set(err, OSC_EDATA, b->avail_file,
					     b->avail_line,
					     "expected total >= the sum of the allocations, found total %llu < %llu allocated of %s",
					     (unsigned long long)b->avail[r],
					     (unsigned long long)sum, b->res[r]);
		b->avail[r] -= sum;
	}
	return OSC_OK;
}

int osc_bankers_finish(struct osc_bankers *b, struct osc_error *err)
{
	int st;

	if (!b->have_avail)
		return osc_error_set(err, OSC_EDATA, b->avail_file, 0,
				     "expected an available or total line, found none");
	if ((st = bk_default_names(b, err)) != OSC_OK)
		return st;
	if ((st = bk_total(b, err)) != OSC_OK)
		return st;
	b->avail_is_total = false;
	return OSC_OK;
}
