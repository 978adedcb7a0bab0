/* pr-chart.c: page-replay's ASCII miss-ratio curve for text mode (frames on x, one letter per policy). */
#include <config.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "page-replay.h"

#define CHART_W 64		/* at most this many columns */
#define CHART_H 10		/* rows per 1.0 of miss ratio */

static char chart_initial(const struct pr *pr, size_t p)
{
	return (char)toupper((unsigned char)pr->pol[p]->name[0]);
}

/* Whether another chosen policy has p's initial. */
static bool chart_shared(const struct pr *pr, size_t p)
{
	size_t q;

	for (q = 0; q < pr->npol; q++)
		if (q != p && chart_initial(pr, q) == chart_initial(pr, p))
			return true;
	return false;
}

/* Whether c is the initial of a policy that keeps it. */
static bool chart_taken(const struct pr *pr, char c)
{
	size_t q;

	for (q = 0; q < pr->npol; q++)
		if (chart_initial(pr, q) == c && !chart_shared(pr, q))
			return true;
	return false;
}

/*
 * The policy's mark: its initial, upper case; policies that share an
 * initial take, in their order, the digits and then the lower-case
 * letters that no policy keeps as its initial (2q alone keeps "2").
 */
static char chart_letter(const struct pr *pr, size_t p)
{
	static const char spare[] = "123456789abcdefghijklmnopqrstuvwxyz";
	size_t q, k = 0, i;

	if (!chart_shared(pr, p))
		return chart_initial(pr, p);
	for (q = 0; q < p; q++)
		k += chart_shared(pr, q);
	for (i = 0; spare[i]; i++)
		if (!chart_taken(pr, spare[i]) && k-- == 0)
			return spare[i];
	return '?';
}

/* Distinct frames values ascending, as indexes into pr->frames. */
static size_t chart_xs(const struct pr *pr, size_t *xs)
{
	size_t nf = pr->frames.n, n = 0, i, j;

	for (i = 0; i < nf; i++) {
		for (j = 0; j < n; j++)
			if (pr->frames.v[xs[j]] == pr->frames.v[i])
				break;
		if (j < n)
			continue;
		for (j = n++; j > 0 && pr->frames.v[xs[j - 1]] > pr->frames.v[i]; j--)
			xs[j] = xs[j - 1];
		xs[j] = i;
	}
	return n;
}

static int chart_level(const struct osc_replace_stats *s)
{
	if (s->accesses == 0)
		return -1;
	return (int)((double)s->misses * CHART_H / (double)s->accesses + 0.5);
}

static void chart_rows(struct pr *pr, const size_t *xs, size_t cols,
		       size_t nx, size_t colw, char *row)
{
	size_t c, p, k;
	int lev;
	char ch, *cell;

	for (lev = CHART_H; lev >= 0; lev--) {
		memset(row, ' ', cols * colw);
		for (c = 0; c < cols; c++) {
			cell = row + c * colw + colw / 2;
			k = xs[cols == nx ? c : c * (nx - 1) / (cols - 1)];
			for (p = 0; p < pr->npol; p++) {
				if (chart_level(&pr->stats[p * pr->frames.n + k]) != lev)
					continue;
				ch = chart_letter(pr, p);
				*cell = *cell == ' ' || *cell == ch ? ch : '*';
			}
		}
		for (k = cols * colw; k > 0 && row[k - 1] == ' '; k--)
			;
		row[k] = '\0';
		osc_out_note(pr->out, "%3.1f |%s", (double)lev / CHART_H, row);
	}
}

void pr_chart(struct pr *pr)
{
	size_t *xs = calloc(pr->frames.n, sizeof *xs), nx, cols, colw, p;
	char *row = malloc(CHART_W + 1), legend[256] = "", *q = legend;

	if (xs == NULL || row == NULL)
		osc_die(EX_OSERR, "out of memory");
	nx = chart_xs(pr, xs);
	cols = nx < CHART_W ? nx : CHART_W;
	/* Few points get wider columns, so the curve is easy to follow. */
	colw = nx <= 16 ? 3 : nx <= 32 ? 2 : 1;
	for (p = 0; p < pr->npol && q < legend + sizeof legend - 32; p++)
		q += sprintf(q, "%s%c %s", p ? ", " : "", chart_letter(pr, p),
			     pr->pol[p]->name);
	osc_out_note(pr->out, "miss ratio by frames (%s; * = several)", legend);
	chart_rows(pr, xs, cols, nx, colw, row);
	memset(row, '-', cols * colw);
	row[cols * colw] = '\0';
	osc_out_note(pr->out, "    +%s", row);
	osc_out_note(pr->out, "     frames %llu to %llu (%zu values)",
		     (unsigned long long)pr->frames.v[xs[0]],
		     (unsigned long long)pr->frames.v[xs[nx - 1]], nx);
	free(xs);
	free(row);
}
