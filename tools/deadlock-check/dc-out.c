/* dc-out.c: deadlock-check's tables (findings, graph, summary) and DOT output. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deadlock-check.h"

enum { T_FINDINGS, T_GRAPH, T_SUMMARY };

static const struct osc_col find_cols[] = {
	{ "kind", OSC_T_STR, 0 }, { "threads", OSC_T_STR, 0 },
	{ "resources", OSC_T_STR, 0 }, { "cycle", OSC_T_STR, 0 },
	{ "lines", OSC_T_STR, 0 }
};

static const struct osc_col graph_cols[] = {
	{ "from", OSC_T_STR, 0 }, { "to", OSC_T_STR, 0 },
	{ "thread", OSC_T_STR, 0 }, { "line", OSC_T_UINT, 0 },
	{ "site", OSC_T_STR, 0 }
};

static const struct osc_col summary_cols[] = {
	{ "mode", OSC_T_STR, 0 }, { "events", OSC_T_UINT, 0 },
	{ "threads", OSC_T_UINT, 0 }, { "resources", OSC_T_UINT, 0 },
	{ "deadlocked", OSC_T_UINT, 0 }, { "potential", OSC_T_UINT, 0 },
	{ "guarded", OSC_T_UINT, 0 }
};

static void t_findings(struct osc_out *out, const struct dc_result *r)
{
	const struct osc_lk_finding *f;

	osc_out_begin(out, "findings", find_cols, 5);
	for (size_t i = 0; i < r->nfind; i++) {
		f = r->finding(r->src, i);
		osc_out_str(out, osc_lk_kind_name(f->kind));
		osc_out_str(out, f->threads);
		osc_out_str(out, f->resources);
		if (f->cycle)
			osc_out_str(out, f->cycle);
		else
			osc_out_null(out);
		osc_out_str(out, f->lines);
	}
	osc_out_end(out);
	if (r->nfind == 0)
		osc_out_note(out, "no deadlock or potential deadlock found");
	if (r->counts.cycles_capped)
		osc_out_note(out, "the lock-order graph has too many cycles: stopped early");
}

static void t_graph(struct osc_out *out, const struct dc_result *r)
{
	const struct osc_lk_edge *e;

	osc_out_begin(out, "graph", graph_cols, 5);
	for (size_t i = 0; i < r->nedges; i++) {
		e = r->edge(r->src, i);
		osc_out_str(out, e->from);
		osc_out_str(out, e->to);
		osc_out_str(out, e->thread);
		osc_out_u64(out, e->line);
		if (e->site)
			osc_out_str(out, e->site);
		else
			osc_out_null(out);
	}
	osc_out_end(out);
}

static void t_summary(struct osc_out *out, const struct dc_result *r)
{
	const struct osc_lk_counts *c = &r->counts;

	osc_out_begin(out, "summary", summary_cols, 7);
	osc_out_str(out, dc_mode_names[r->mode]);
	osc_out_u64(out, c->events);
	osc_out_u64(out, c->threads);
	osc_out_u64(out, c->resources);
	osc_out_u64(out, c->deadlocked);
	osc_out_u64(out, c->potential);
	osc_out_u64(out, c->guarded);
	osc_out_end(out);
}

/* A DOT identifier: quoted, with " and \ escaped. */
static void dot_id(FILE *fp, const char *prefix, const char *s)
{
	fprintf(fp, "\"%s", prefix);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* In state and matrix graphs threads and resources may share names: node
 * ids carry a prefix, labels do not. */
static void dot_node(FILE *fp, const char *prefix, const char *name,
		     const char *shape)
{
	fputs("\t", fp);
	dot_id(fp, prefix, name);
	fprintf(fp, " [shape=%s, label=", shape);
	dot_id(fp, "", name);
	fputs("];\n", fp);
}

static void dot_edges(FILE *fp, const struct dc_result *r, bool order)
{
	const struct osc_lk_edge *e;

	for (size_t i = 0; i < r->nedges; i++) {
		e = r->edge(r->src, i);
		fputs("\t", fp);
		dot_id(fp, order ? "" : e->from_is_thread ? "t:" : "r:", e->from);
		fputs(" -> ", fp);
		dot_id(fp, order ? "" : e->from_is_thread ? "r:" : "t:", e->to);
		fprintf(fp, " [label=\"%s%s%llu\"%s];\n", order ? e->thread : "",
			order ? " " : "", (unsigned long long)e->line,
			e->in_cycle ? ", color=red, fontcolor=red, penwidth=2" : "");
	}
}

/* Node names are unique pointers (interned by the analysis), so a set of
 * (pointer, is-thread) pairs tells which nodes were written already. */
struct dot_key {
	const char *name;
	bool thread;
};

static bool dot_seen(struct dot_key *set, size_t cap, const char *name,
		     bool thread)
{
	size_t j = (size_t)(((uintptr_t)name >> 3) * 0x9e3779b97f4a7c15ull >> 17)
		   & (cap - 1);

	for (; set[j].name; j = (j + 1) & (cap - 1))
		if (set[j].name == name && set[j].thread == thread)
			return true;
	set[j] = (struct dot_key){ name, thread };
	return false;
}

static void dot_nodes(FILE *fp, const struct dc_result *r, bool order)
{
	const struct osc_lk_edge *e;
	struct dot_key *set;
	const char *name[2];
	bool thread[2];
	size_t cap = 16;

	while (cap < 4 * r->nedges + 4)
		cap *= 2;
	if (!(set = calloc(cap, sizeof *set)))
		osc_die(EX_OSERR, "out of memory");
	for (size_t i = 0; i < r->nedges; i++) {
		e = r->edge(r->src, i);
		name[0] = e->from, name[1] = e->to;
		thread[0] = !order && e->from_is_thread;
		thread[1] = !order && !e->from_is_thread;
		for (int k = 0; k < 2; k++)
			if (!dot_seen(set, cap, name[k], thread[k]))
				dot_node(fp, order ? "" : thread[k] ? "t:" : "r:",
					 name[k], thread[k] ? "ellipse" : "box");
	}
	free(set);
}

static void dot_write(FILE *fp, const struct dc_result *r)
{
	bool order = r->mode == DC_ORDER;

	fprintf(fp, "digraph deadlock_check {\n\trankdir=LR;\n"
		"\tlabel=\"deadlock-check -m %s\";\n", dc_mode_names[r->mode]);
	dot_nodes(fp, r, order);
	dot_edges(fp, r, order);
	fputs("}\n", fp);
}

/* DOT is not a table: written straight to -o FILE or standard output. */
static void dot_out(struct dc_opts *o, const struct dc_result *r)
{
	FILE *fp = stdout;

	if (o->cli.output && !(fp = fopen(o->cli.output, "w")))
		osc_die(EX_CANTCREAT, "cannot create %s: %s", o->cli.output,
			strerror(errno));
	dot_write(fp, r);
	if (fp != stdout && (ferror(fp) | fclose(fp)))
		osc_die(EX_IOERR, "%s: write error: %s", o->cli.output,
			strerror(errno));
}

void dc_write(struct dc_opts *o, const struct dc_result *r)
{
	struct osc_out *out;

	if (o->dot) {
		dot_out(o, r);
		return;
	}
	out = osc_cli_open_out(&o->cli, (o->tables & (o->tables - 1)) != 0);
	osc_out_param_str(out, "mode", dc_mode_names[r->mode]);
	if (o->tables & 1u << T_FINDINGS)
		t_findings(out, r);
	if (o->tables & 1u << T_GRAPH)
		t_graph(out, r);
	if (o->tables & 1u << T_SUMMARY)
		t_summary(out, r);
	osc_cli_close_out(&o->cli, out);
}

static const struct osc_lk_finding *lk_finding(const void *src, size_t i)
{
	return osc_locks_finding(src, i);
}

static const struct osc_lk_edge *lk_edge(const void *src, size_t i)
{
	return osc_locks_edge(src, i);
}

bool dc_locks_report(struct dc_opts *o, struct osc_locks *l, enum dc_mode m)
{
	struct dc_result r = { .mode = m, .finding = lk_finding,
			       .edge = lk_edge, .src = l };
	struct osc_error err;

	if (osc_locks_analyse(l, m == DC_ORDER ? OSC_LK_ORDER : OSC_LK_STATE,
			      &err) != OSC_OK)
		osc_die_error(&err);
	r.nfind = osc_locks_nfindings(l);
	r.nedges = osc_locks_nedges(l);
	osc_locks_counts(l, &r.counts);
	dc_write(o, &r);
	return r.counts.deadlocked + r.counts.potential > 0;
}
