/* num.c: option values: sizes and counts with suffixes, lists, ranges, names. */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

static const char *num_expected(enum osc_num kind)
{
	switch (kind) {
	case OSC_NUM_SIZE:
		return "a size such as 4096 or 32K";
	case OSC_NUM_COUNT:
		return "a count such as 1000 or 10M";
	default:
		return "a non-negative integer";
	}
}

/* Power of the suffix letter: K=1, M=2, G=3, T=4; 0 if none, -1 if bad. */
static int suffix_power(const char *p, size_t len)
{
	static const char letters[] = "KMGT";
	const char *at;

	if (len == 0)
		return 0;
	if (len != 1 || *p == '\0')
		return -1;
	at = strchr(letters, *p >= 'a' ? *p - 'a' + 'A' : *p);
	return at ? (int)(at - letters) + 1 : -1;
}

int osc_parse_num(const char *s, enum osc_num kind, uint64_t *v,
		  struct osc_error *err)
{
	struct osc_tok t = { s, 0 };
	uint64_t x, unit = kind == OSC_NUM_SIZE ? 1024 : 1000;
	bool over = false;
	int pow;

	/* The digits run up to the first letter that is not a hex digit
	 * after 0x (or not a digit otherwise). */
	if (s[0] == '0' && (s[1] | 0x20) == 'x')
		t.len = 2 + strspn(s + 2, "0123456789abcdefABCDEF");
	else
		t.len = strspn(s, "0123456789");
	pow = kind == OSC_NUM_PLAIN && s[t.len] ? -1 :
		suffix_power(s + t.len, strlen(s + t.len));
	if (t.len == 0 || pow < 0 || osc_tok_u64(&t, false, &x, &over) != OSC_OK)
		goto bad;
	while (pow-- > 0) {
		if (x > UINT64_MAX / unit) {
			over = true;
			goto bad;
		}
		x *= unit;
	}
	*v = x;
	return OSC_OK;
bad:
	return osc_error_set(err, OSC_EUSAGE, NULL, 0, "expected %s, found \"%s\"%s",
			     num_expected(kind), s, over ? " (out of range)" : "");
}

int osc_parse_i64(const char *s, int64_t *v, struct osc_error *err)
{
	struct osc_tok t = { s, strlen(s) };
	bool over;

	if (osc_tok_i64(&t, false, v, &over) == OSC_OK)
		return OSC_OK;
	return osc_error_set(err, OSC_EUSAGE, NULL, 0,
			     "expected an integer, found \"%s\"%s", s,
			     over ? " (out of range)" : "");
}

int osc_parse_double(const char *s, double *v, struct osc_error *err)
{
	static locale_t c_locale;
	char *end;
	double x;

	if (!c_locale)
		c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	errno = 0;
	x = c_locale ? strtod_l(s, &end, c_locale) : strtod(s, &end);
	if (end == s || *end || !isfinite(x) || (errno == ERANGE && x != 0))
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "expected a number such as 0.5, found \"%s\"",
				     s);
	*v = x;
	return OSC_OK;
}

void osc_u64_list_free(struct osc_u64_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int osc_u64_list_push(struct osc_u64_list *l, uint64_t x)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		uint64_t *nv = cap > SIZE_MAX / sizeof *nv ? NULL :
			realloc(l->v, cap * sizeof *nv);

		if (!nv)
			return OSC_ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = x;
	return OSC_OK;
}

/* Append x unless the list is full. */
static int list_add(struct osc_u64_list *out, uint64_t x, size_t max_items,
		    struct osc_error *err)
{
	if (max_items && out->n >= max_items)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "more than %zu values", max_items);
	if (osc_u64_list_push(out, x) != OSC_OK)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	return OSC_OK;
}

/* Parse `A`, `A-B` or `A-B:STEP` (item is a writable copy). */
static int list_item(char *item, enum osc_num kind, bool ranges,
		     size_t max_items, struct osc_u64_list *out,
		     struct osc_error *err)
{
	char *dash = ranges ? strchr(item, '-') : NULL, *colon;
	uint64_t a, b, step = 1;
	int st;

	if (!dash) {
		if ((st = osc_parse_num(item, kind, &a, err)) != OSC_OK)
			return st;
		return list_add(out, a, max_items, err);
	}
	*dash = '\0';
	colon = strchr(dash + 1, ':');
	if (colon)
		*colon = '\0';
	/* A part left out (`-1`, `1-`, `1-4:`) is a malformed item: name all
	 * of it, not the empty part. */
	if (*item == '\0' || dash[1] == '\0' || (colon && colon[1] == '\0')) {
		*dash = '-';
		if (colon)
			*colon = ':';
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "expected %s, found \"%s\"",
				     num_expected(kind), item);
	}
	if ((st = osc_parse_num(item, kind, &a, err)) ||
	    (st = osc_parse_num(dash + 1, kind, &b, err)) ||
	    (colon && (st = osc_parse_num(colon + 1, kind, &step, err))))
		return st;
	if (a > b || step == 0)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "expected a range A-B or A-B:STEP with A <= B and STEP > 0, found \"%s-%s%s%s\"",
				     item, dash + 1, colon ? ":" : "",
				     colon ? colon + 1 : "");
	for (;;) {
		if ((st = list_add(out, a, max_items, err)) != OSC_OK)
			return st;
		if (b - a < step)
			return OSC_OK;
		a += step;
	}
}

int osc_parse_num_list(const char *s, enum osc_num kind, bool ranges,
		       size_t max_items, struct osc_u64_list *out,
		       struct osc_error *err)
{
	char *copy = strdup(s), *item, *save = NULL;
	int st = OSC_OK;

	if (!copy)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	if (*s == '\0' || s[strlen(s) - 1] == ',' || *s == ',' || strstr(s, ",,"))
		st = osc_error_set(err, OSC_EUSAGE, NULL, 0,
				   "expected a comma-separated list, found \"%s\"",
				   s);
	for (item = strtok_r(copy, ",", &save); item && st == OSC_OK;
	     item = strtok_r(NULL, ",", &save))
		st = list_item(item, kind, ranges, max_items, out, err);
	free(copy);
	return st;
}

int osc_parse_names(const char *s, char ***names, size_t *n,
		    struct osc_error *err)
{
	size_t count = 1, i = 0;
	const char *p, *comma;
	char **v;

	for (p = s; *p; p++)
		count += *p == ',';
	v = calloc(count + 1, sizeof *v);
	if (!v)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	for (p = s; i < count; p = comma + 1) {
		comma = strchr(p, ',');
		if (!comma)
			comma = p + strlen(p);
		if (comma == p) {
			osc_names_free(v);
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "expected a comma-separated list of names, found \"%s\"",
					     s);
		}
		v[i] = strndup(p, (size_t)(comma - p));
		if (!v[i++]) {
			osc_names_free(v);
			return osc_error_set(err, OSC_ENOMEM, NULL, 0,
					     "out of memory");
		}
	}
	*names = v;
	*n = count;
	return OSC_OK;
}

void osc_names_free(char **names)
{
	char **p;

	if (!names)
		return;
	for (p = names; *p; p++)
		free(*p);
	free(names);
}
