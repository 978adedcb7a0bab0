/* pr-output.c: page-replay's tables (summary, accesses, anomaly) and the text miss-ratio chart. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "page-replay.h"

static const struct osc_col summary_cols[] = {
	{ "policy", OSC_T_STR, 0 },
	{ "frames", OSC_T_UINT, 0 },
	{ "accesses", OSC_T_UINT, 0 },
	{ "hits", OSC_T_UINT, 0 },
	{ "misses", OSC_T_UINT, 0 },
	{ "hit_ratio", OSC_T_RATIO, 0 },
	{ "miss_ratio", OSC_T_RATIO, 0 },
	{ "cold_misses", OSC_T_UINT, 0 },
	{ "evictions", OSC_T_UINT, 0 },
	{ "writebacks", OSC_T_UINT, 0 },
	{ "prefetched", OSC_T_UINT, 0 },
	{ "prefetch_hits", OSC_T_UINT, 0 },
	{ "prefetch_wasted", OSC_T_UINT, 0 },
};

static const struct osc_col accesses_cols[] = {
	{ "index", OSC_T_UINT, 0 },
	{ "op", OSC_T_STR, 0 },
	{ "page", OSC_T_UINT, 0 },
	{ "result", OSC_T_STR, 0 },
	{ "evicted", OSC_T_STR, 0 },
	{ "resident", OSC_T_STR, 0 },
};

static const struct osc_col anomaly_cols[] = {
	{ "policy", OSC_T_STR, 0 },
	{ "frames_from", OSC_T_UINT, 0 },
	{ "frames_to", OSC_T_UINT, 0 },
	{ "misses_from", OSC_T_UINT, 0 },
	{ "misses_to", OSC_T_UINT, 0 },
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static void pr_begin(struct pr *pr, const char *name,
		     const struct osc_col *cols, size_t n)
{
	if (osc_out_begin(pr->out, name, cols, n) != OSC_OK)
		osc_die(EX_OSERR, "out of memory");
}

static void pr_end(struct pr *pr)
{
	if (osc_out_end(pr->out) != OSC_OK)
		osc_die(EX_IOERR, "write error");
}

void pr_accesses_begin(struct pr *pr)
{
	uint64_t f = pr->frames.v[0];

	pr->res_pages = calloc(f, sizeof *pr->res_pages);
	pr->res_marks = calloc(f, sizeof *pr->res_marks);
	if (!pr->res_pages || !pr->res_marks)
		osc_die(EX_OSERR, "out of memory for %llu frames",
			(unsigned long long)f);
	pr_begin(pr, "accesses", accesses_cols, NCOLS(accesses_cols));
}

/* Append the decimal pages, space-separated, with an optional mark. */
static const char *pages_str(struct pr *pr, const uint64_t *pages,
			     const bool *marks, size_t n)
{
	size_t need = n * 22 + 1, len = 0, i;

	if (need > pr->line_cap) {
		free(pr->line);
		pr->line_cap = need * 2;
		pr->line = malloc(pr->line_cap);
		if (pr->line == NULL)
			osc_die(EX_OSERR, "out of memory");
	}
	pr->line[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(pr->line + len, "%s%llu%s", i ? " " : "",
				       (unsigned long long)pages[i],
				       marks && marks[i] ? "*" : "");
	return pr->line;
}

void pr_accesses_row(struct pr *pr, struct osc_replace_sim *sim,
		     const struct osc_replace_event *ev)
{
	size_t n;

	osc_out_u64(pr->out, ev->index + 1);
	osc_out_str(pr->out, ev->write ? "W" : "R");
	osc_out_u64(pr->out, ev->page);
	osc_out_str(pr->out, ev->hit ? "hit" : "miss");
	if (ev->nevicted == 0)
		osc_out_null(pr->out);
	else
		osc_out_str(pr->out, pages_str(pr, ev->evicted, NULL,
					       ev->nevicted));
	n = osc_replace_resident(sim, pr->res_pages, pr->res_marks);
	osc_out_str(pr->out, pages_str(pr, pr->res_pages, pr->res_marks, n));
}

static void ratio(struct pr *pr, uint64_t part, uint64_t whole)
{
	if (whole == 0)
		osc_out_null(pr->out);
	else
		osc_out_double(pr->out, (double)part / (double)whole);
}

void pr_summary(struct pr *pr)
{
	const struct osc_replace_stats *s;
	size_t p, f, nf = pr->frames.n;

	pr_begin(pr, "summary", summary_cols, NCOLS(summary_cols));
	for (p = 0; p < pr->npol; p++)
		for (f = 0; f < nf; f++) {
			s = &pr->stats[p * nf + f];
			osc_out_str(pr->out, pr->pol[p]->name);
			osc_out_u64(pr->out, pr->frames.v[f]);
			osc_out_u64(pr->out, s->accesses);
			osc_out_u64(pr->out, s->hits);
			osc_out_u64(pr->out, s->misses);
			ratio(pr, s->hits, s->accesses);
			ratio(pr, s->misses, s->accesses);
			osc_out_u64(pr->out, s->cold_misses);
			osc_out_u64(pr->out, s->evictions);
			osc_out_u64(pr->out, s->writebacks);
			osc_out_u64(pr->out, s->prefetched);
			osc_out_u64(pr->out, s->prefetch_hits);
			osc_out_u64(pr->out, s->prefetch_wasted);
		}
	pr_end(pr);
}

/* The frames indexes sorted by frames value (stable: first given first). */
static size_t *sorted_frames(const struct pr *pr)
{
	size_t nf = pr->frames.n, i, j, k, *ix = calloc(nf, sizeof *ix);

	if (ix == NULL)
		osc_die(EX_OSERR, "out of memory");
	for (i = 0; i < nf; i++) {
		for (j = i; j > 0 && pr->frames.v[ix[j - 1]] > pr->frames.v[i]; j--)
			;
		for (k = i; k > j; k--)
			ix[k] = ix[k - 1];
		ix[j] = i;
	}
	return ix;
}

/* Every adjacent pair of frames values (ascending, distinct) where misses
 * rise: Belady's anomaly. */
void pr_anomaly(struct pr *pr)
{
	const struct osc_replace_stats *a, *b;
	size_t nf = pr->frames.n, p, i, found = 0, *ix = sorted_frames(pr);
	uint64_t fa, fb;

	pr_begin(pr, "anomaly", anomaly_cols, NCOLS(anomaly_cols));
	for (p = 0; p < pr->npol; p++)
		for (i = 0; i + 1 < nf; i++) {
			fa = pr->frames.v[ix[i]];
			fb = pr->frames.v[ix[i + 1]];
			a = &pr->stats[p * nf + ix[i]];
			b = &pr->stats[p * nf + ix[i + 1]];
			if (fa == fb || b->misses <= a->misses)
				continue;
			osc_out_str(pr->out, pr->pol[p]->name);
			osc_out_u64(pr->out, fa);
			osc_out_u64(pr->out, fb);
			osc_out_u64(pr->out, a->misses);
			osc_out_u64(pr->out, b->misses);
			found++;
		}
	pr_end(pr);
	for (p = 0; p < pr->npol; p++)
		for (i = 0; i + 1 < nf; i++) {
			a = &pr->stats[p * nf + ix[i]];
			b = &pr->stats[p * nf + ix[i + 1]];
			if (pr->frames.v[ix[i]] != pr->frames.v[ix[i + 1]] &&
			    b->misses > a->misses)
				osc_out_note(pr->out, "Belady's anomaly: %s misses "
					     "rise from %llu with %llu frames to "
					     "%llu with %llu frames",
					     pr->pol[p]->name,
					     (unsigned long long)a->misses,
					     (unsigned long long)pr->frames.v[ix[i]],
					     (unsigned long long)b->misses,
					     (unsigned long long)pr->frames.v[ix[i + 1]]);
		}
	if (found == 0)
		osc_out_note(pr->out, "no Belady's anomaly: misses never rise "
			     "with more frames in this sweep");
	free(ix);
}
