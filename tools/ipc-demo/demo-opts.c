/* demo-opts.c: the demos' option-value parsers, without argp (demo-opts.h). */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "demo-opts.h"

int demo_num_range(const char *opt, const char *arg, enum osc_num kind,
		   uint64_t lo, uint64_t hi, uint64_t *v, struct osc_error *err)
{
	struct osc_error e;

	if (osc_parse_num(arg, kind, v, &e) != OSC_OK)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: %s", opt, e.msg);
	if (*v < lo || *v > hi)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: expected %llu to %llu, found \"%s\"",
				     opt, (unsigned long long)lo,
				     (unsigned long long)hi, arg);
	return OSC_OK;
}

int demo_seconds(const char *opt, const char *arg, double *v,
		 struct osc_error *err)
{
	struct osc_error e;

	if (osc_parse_double(arg, v, &e) != OSC_OK)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: %s", opt, e.msg);
	if (!(*v > 0 && *v <= 86400))
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: expected seconds "
				     "between 0 and 86400, found \"%s\"", opt, arg);
	return OSC_OK;
}

/* The next item of a comma-separated list at *p (empty items skipped, as
 * strtok does), copied into a fresh string; NULL at the end (or *st =
 * OSC_ENOMEM). */
static char *next_item(const char **p, int *st)
{
	const char *s = *p + strspn(*p, ","), *e;
	char *item;

	*st = OSC_OK;
	if (*s == '\0')
		return NULL;
	e = s + strcspn(s, ",");
	*p = e;
	item = strndup(s, (size_t)(e - s));
	if (!item)
		*st = OSC_ENOMEM;
	return item;
}

#define NOMEM(err) osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory")

/* The end of a list: st from splitting it (failed: out of memory), n
 * items taken (none: the whole argument is named). */
static int list_end(int st, size_t n, const char *opt, const char *what,
		    const char *arg, struct osc_error *err)
{
	if (st != OSC_OK)
		return NOMEM(err);
	if (n == 0)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: expected %s, found \"%s\"",
				     opt, what, arg);
	return OSC_OK;
}

int demo_pct_list(const char *arg, uint64_t pct[DEMO_PCT_MAX], size_t *n,
		  struct osc_error *err)
{
	const char *p = arg;
	char *item;
	int st;

	*n = 0;
	while ((item = next_item(&p, &st)) != NULL) {
		if (*n == DEMO_PCT_MAX)
			st = osc_error_set(err, OSC_EUSAGE, NULL, 0,
					   "too many values for --write-pct (at most %d)",
					   DEMO_PCT_MAX);
		else
			st = demo_num_range("write-pct", item, OSC_NUM_PLAIN, 0,
					    100, &pct[(*n)++], err);
		free(item);
		if (st != OSC_OK)
			return st;
	}
	return list_end(st, *n, "--write-pct", "a percentage", arg, err);
}

int demo_variant_mask(const char *opt, const char *const *variants,
		      const char *arg, unsigned *mask, struct osc_error *err)
{
	char list[512];
	const char *p = arg;
	size_t n, k, len = 0;
	char *item;
	int st;

	for (n = 0; variants[n] != NULL && n < 15; n++)
		if (len < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len,
						"%s, ", variants[n]);
	if (len < sizeof list)
		snprintf(list + len, sizeof list - len, "%s",
			 n == 2 ? "all, both" : "all");
	*mask = 0;
	while ((item = next_item(&p, &st)) != NULL) {
		for (k = 0; k < n && strcmp(item, variants[k]) != 0; k++)
			;
		if (k < n)
			*mask |= 1u << k;
		else if (strcmp(item, "all") == 0 ||
			 (n == 2 && strcmp(item, "both") == 0))
			*mask |= (1u << n) - 1;
		else {
			st = osc_error_set(err, OSC_EUSAGE, NULL, 0,
					   "invalid value for %s: expected one of %s, found \"%s\"",
					   opt, list, item);
			free(item);
			return st;
		}
		free(item);
	}
	if (st != OSC_OK)
		return NOMEM(err);
	if (*mask == 0)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "invalid value for %s: empty list", opt);
	return OSC_OK;
}

static int list_full(const struct demo_list *l, struct osc_error *err)
{
	return osc_error_set(err, OSC_EUSAGE, NULL, 0, "too many %s (at most %zu)",
			     l->plural, l->max);
}

int demo_name_list(const struct demo_list *l, const char *arg,
		   const void **out, size_t *n, struct osc_error *err)
{
	const char *p = arg;
	const void *op;
	char *item;
	size_t i;
	int st;

	*n = 0;
	while ((item = next_item(&p, &st)) != NULL) {
		st = OSC_OK;
		if (strcmp(item, "all") == 0) {
			for (i = 0; st == OSC_OK && (op = l->nth(i)) != NULL; i++)
				if (*n == l->max)
					st = list_full(l, err);
				else
					out[(*n)++] = op;
		} else if (!(op = l->lookup(item)))
			st = osc_error_set(err, OSC_EUSAGE, NULL, 0,
					   "invalid value for %s: expected one of %s, found \"%s\"",
					   l->opt, l->expected, item);
		else if (*n == l->max)
			st = list_full(l, err);
		else
			out[(*n)++] = op;
		free(item);
		if (st != OSC_OK)
			return st;
	}
	return list_end(st, *n, l->opt, l->what, arg, err);
}
