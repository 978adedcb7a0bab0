/* dc-matrix.c: deadlock-check -m matrix: the detection algorithm on allocation and request matrices. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "deadlock-check.h"

struct mx {
	struct osc_lk_finding f;
	struct osc_lk_edge *e;
	size_t ne;
	char *th, *rs, *ln;
	char lines[64 * 2];
};

static const struct osc_lk_finding *mx_finding(const void *src, size_t i)
{
	(void)i;
	return &((const struct mx *)src)->f;
}

static const struct osc_lk_edge *mx_edge(const void *src, size_t i)
{
	return &((const struct mx *)src)->e[i];
}

static int read_one(struct osc_scan *s, void *ctx)
{
	return osc_bankers_read(ctx, s);
}

/* Append word to *s (space-separated); dies when memory runs out. */
static void append(char **s, const char *word)
{
	size_t len = *s ? strlen(*s) : 0;
	char *p = realloc(*s, len + strlen(word) + 2);

	if (!p)
		osc_die(EX_OSERR, "out of memory");
	if (len)
		p[len++] = ' ';
	strcpy(p + len, word);
	*s = p;
}

/* Edges R -> P (allocation) and P -> R (request); dead processes' red. */
static void mx_edges(struct mx *x, const struct osc_bankers *b, const bool *dead)
{
	size_t p, r, m = b->nres;

	x->e = calloc(2 * b->nproc * m + 1, sizeof *x->e);
	if (!x->e)
		osc_die(EX_OSERR, "out of memory");
	for (p = 0; p < b->nproc; p++) {
		for (r = 0; r < m; r++) {
			if (b->alloc[p * m + r])
				x->e[x->ne++] = (struct osc_lk_edge){ b->res[r],
					b->proc[p], b->proc[p], NULL, b->line[p],
					false, dead[p] };
		}
		for (r = 0; r < m; r++) {
			if (b->max[p * m + r])
				x->e[x->ne++] = (struct osc_lk_edge){ b->proc[p],
					b->res[r], b->proc[p], NULL, b->line[p],
					true, dead[p] };
		}
	}
}

/* The finding: deadlocked processes, what they request, their lines. */
static void mx_finding_fill(struct mx *x, const struct osc_bankers *b,
			    const bool *dead)
{
	char num[32];
	size_t p, r;
	bool want;

	for (p = 0; p < b->nproc; p++) {
		if (!dead[p])
			continue;
		append(&x->th, b->proc[p]);
		snprintf(num, sizeof num, "%llu", (unsigned long long)b->line[p]);
		append(&x->ln, num);
	}
	for (r = 0; r < b->nres; r++) {
		want = false;
		for (p = 0; p < b->nproc; p++)
			want |= dead[p] && b->max[p * b->nres + r] > 0;
		if (want)
			append(&x->rs, b->res[r]);
	}
	if (!x->rs)
		append(&x->rs, "");
	x->f = (struct osc_lk_finding){ OSC_LK_DEADLOCK, x->th, x->rs, NULL,
					x->ln };
}

bool dc_matrix(struct dc_opts *o)
{
	struct dc_result r = { .mode = DC_MATRIX, .finding = mx_finding,
			       .edge = mx_edge };
	struct osc_bankers b;
	struct osc_error err;
	struct mx x = { 0 };
	bool *dead;
	size_t n;

	osc_bankers_init(&b, true);
	osc_cli_inputs(o->files, o->nfiles, false, read_one, &b);
	if (osc_bankers_finish(&b, &err) != OSC_OK)
		osc_die_error(&err);
	if (!(dead = calloc(b.nproc + 1, sizeof *dead)) ||
	    (n = osc_bankers_detect(&b, dead)) == (size_t)-1)
		osc_die(EX_OSERR, "out of memory");
	if (n)
		mx_finding_fill(&x, &b, dead);
	mx_edges(&x, &b, dead);
	r.src = &x;
	r.nfind = n ? 1 : 0;
	r.nedges = x.ne;
	r.counts = (struct osc_lk_counts){ .events = b.nproc,
		.threads = b.nproc, .resources = b.nres, .deadlocked = n };
	dc_write(o, &r);
	free(x.th);
	free(x.rs);
	free(x.ln);
	free(x.e);
	free(dead);
	osc_bankers_free(&b);
	return n > 0;
}
