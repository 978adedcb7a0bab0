/* bankers-tables.c: the bankers tool's computations and its five tables. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "bankers.h"

/* The outcome of one request or release line. */
struct bk_res {
	enum osc_bk_decision d;
	char reason[256];
	char *avail_after;
};

/* A sequence of steps with Work before each and after the last. */
struct bk_steps {
	size_t *seq;
	size_t n, ok;		/* steps given, steps that succeed */
	uint64_t *works;	/* (nproc + 1) * nres */
};

struct bk_state {
	const struct bk_opts *o;
	struct osc_bankers *b;
	struct osc_out *out;
	struct bk_steps safety, check;
	bool safe, check_safe;
	struct bk_res *res;
	uint64_t requests, granted, denied;
	bool op_bad;
};

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (!p)
		osc_die(EX_OSERR, "out of memory");
	return p;
}

static void steps_alloc(struct bk_steps *s, const struct osc_bankers *b,
			size_t n)
{
	s->seq = xcalloc(n, sizeof *s->seq);
	s->works = xcalloc((b->nproc + 1) * b->nres + n * b->nres,
			   sizeof *s->works);
}

/* Parse --check-sequence into process indices (unknown name: usage error). */
static void parse_check(struct bk_state *st)
{
	const char *p = st->o->check, *sep = " ,\t";
	const struct osc_bankers *b = st->b;
	size_t len, i, n = 0;

	steps_alloc(&st->check, b, strlen(p) / 2 + 1);
	while (*(p += strspn(p, sep))) {
		len = strcspn(p, sep);
		i = osc_bankers_find(b, p, len);
		if (i == (size_t)-1)
			osc_die(EX_USAGE, "invalid value for --check-sequence: no process named \"%.*s\"",
				(int)len, p);
		st->check.seq[n++] = i;
		p += len;
	}
	st->check.n = n;
}

static void run_check(struct bk_state *st)
{
	struct bk_steps *c = &st->check;

	parse_check(st);
	c->ok = osc_bankers_check(st->b, c->seq, c->n, c->works);
	if (c->ok == (size_t)-1)
		osc_die(EX_OSERR, "out of memory");
	st->check_safe = c->ok == c->n && c->n == st->b->nproc;
}

static void run_ops(struct bk_state *st)
{
	struct osc_bankers *b = st->b;
	const struct osc_bk_op *op;
	struct bk_res *r;

	st->res = xcalloc(b->nops, sizeof *st->res);
	for (size_t i = 0; i < b->nops; i++) {
		op = &b->ops[i];
		r = &st->res[i];
		if (osc_bankers_apply(b, op, st->o->scan, &r->d, r->reason,
				      sizeof r->reason) != OSC_OK)
			osc_die(EX_OSERR, "out of memory");
		if (!(r->avail_after = strdup(vec(b->avail, b->nres, 0))))
			osc_die(EX_OSERR, "out of memory");
		st->op_bad |= r->d == OSC_BK_UNSAFE || r->d == OSC_BK_ERROR;
		if (op->kind != OSC_BK_REQUEST)
			continue;
		st->requests++;
		if (r->d == OSC_BK_GRANTED)
			st->granted++;
		else
			st->denied++;
	}
}

static const struct osc_col summary_cols[] = {
	{ "safe", OSC_T_BOOL, 0 }, { "sequence", OSC_T_STR, 0 },
	{ "requests", OSC_T_UINT, 0 }, { "granted", OSC_T_UINT, 0 },
	{ "denied", OSC_T_UINT, 0 }
};

static void t_summary(struct bk_state *st)
{
	struct osc_out *out = st->out;
	char *seq = names(st->b, st->safety.seq, st->safety.n);

	osc_out_begin(out, "summary", summary_cols, 5);
	osc_out_bool(out, st->safe);
	if (st->safe)
		osc_out_str(out, seq);
	else
		osc_out_null(out);
	osc_out_u64(out, st->requests);
	osc_out_u64(out, st->granted);
	osc_out_u64(out, st->denied);
	osc_out_end(out);
	if (st->safe)
		osc_out_note(out, "the initial state is safe: %s", seq);
	else if (st->safety.n)
		osc_out_note(out, "the initial state is unsafe: after %s no process can finish",
			     seq);
	else
		osc_out_note(out, "the initial state is unsafe: no process can finish");
	free(seq);
}

static const struct osc_col need_cols[] = {
	{ "process", OSC_T_STR, 0 }, { "alloc", OSC_T_STR, 0 },
	{ "max", OSC_T_STR, 0 }, { "need", OSC_T_STR, 0 }
};

static void t_need(struct bk_state *st)
{
	const struct osc_bankers *b = st->b;
	size_t p, r, m = b->nres;
	uint64_t *need = xcalloc(m, sizeof *need);

	osc_out_begin(st->out, "need", need_cols, 4);
	for (p = 0; p < b->nproc; p++) {
		for (r = 0; r < m; r++)
			need[r] = osc_bankers_need(b, p, r);
		osc_out_str(st->out, b->proc[p]);
		osc_out_str(st->out, vec(b->alloc + p * m, m, 0));
		osc_out_str(st->out, vec(b->max + p * m, m, 1));
		osc_out_str(st->out, vec(need, m, 2));
	}
	osc_out_end(st->out);
	free(need);
}

static const struct osc_col safety_cols[] = {
	{ "step", OSC_T_UINT, 0 }, { "process", OSC_T_STR, 0 },
	{ "need", OSC_T_STR, 0 }, { "work_before", OSC_T_STR, 0 },
	{ "work_after", OSC_T_STR, 0 }
};

static void safety_row(struct bk_state *st, size_t k, size_t p,
		       const uint64_t *before, const uint64_t *after)
{
	const struct osc_bankers *b = st->b;
	uint64_t *need = xcalloc(b->nres, sizeof *need);

	for (size_t r = 0; r < b->nres; r++)
		need[r] = osc_bankers_need(b, p, r);
	osc_out_u64(st->out, k + 1);
	osc_out_str(st->out, b->proc[p]);
	osc_out_str(st->out, vec(need, b->nres, 0));
	osc_out_str(st->out, vec(before, b->nres, 1));
	if (after)
		osc_out_str(st->out, vec(after, b->nres, 2));
	else
		osc_out_null(st->out);
	free(need);
}

static void need_note(struct bk_state *st, size_t k, size_t p)
{
	const struct osc_bankers *b = st->b;
	uint64_t *need = xcalloc(b->nres, sizeof *need);

	for (size_t r = 0; r < b->nres; r++)
		need[r] = osc_bankers_need(b, p, r);
	osc_out_note(st->out, "not a safe sequence: at step %zu %s needs %s but work is %s",
		     k + 1, b->proc[p], vec(need, b->nres, 0),
		     vec(st->check.works + k * b->nres, b->nres, 1));
	free(need);
}

/* Why a --check-sequence fails, as a note. */
static void check_note(struct bk_state *st)
{
	const struct bk_steps *c = &st->check;
	const struct osc_bankers *b = st->b;
	size_t k = c->ok, p, i;

	if (st->check_safe) {
		osc_out_note(st->out, "%s is a safe sequence", st->o->check);
		return;
	}
	if (k < c->n) {
		p = c->seq[k];
		for (i = 0; i < k && c->seq[i] != p; i++)
			;
		if (i < k)
			osc_out_note(st->out, "not a safe sequence: %s appears twice",
				     b->proc[p]);
		else
			need_note(st, k, p);
		return;
	}
	osc_out_note(st->out, "not a safe sequence: it names %zu of the %zu processes",
		     c->n, b->nproc);
}

static void t_safety(struct bk_state *st)
{
	const struct bk_steps *s = st->o->check ? &st->check : &st->safety;
	size_t m = st->b->nres, k;

	osc_out_begin(st->out, "safety", safety_cols, 5);
	for (k = 0; k < s->ok; k++)
		safety_row(st, k, s->seq[k], s->works + k * m,
			   s->works + (k + 1) * m);
	if (st->o->check && k < s->n)
		safety_row(st, k, s->seq[k], s->works + k * m, NULL);
	osc_out_end(st->out);
	if (st->o->check)
		check_note(st);
}

static const struct osc_col request_cols[] = {
	{ "index", OSC_T_UINT, 0 }, { "process", OSC_T_STR, 0 },
	{ "vector", OSC_T_STR, 0 }, { "decision", OSC_T_STR, 0 },
	{ "reason", OSC_T_STR, 0 }, { "available_after", OSC_T_STR, 0 }
};

static void t_requests(struct bk_state *st)
{
	const struct osc_bankers *b = st->b;

	osc_out_begin(st->out, "requests", request_cols, 6);
	for (size_t i = 0; i < b->nops; i++) {
		osc_out_u64(st->out, i + 1);
		osc_out_str(st->out, b->proc[b->ops[i].proc]);
		osc_out_str(st->out, vec(b->ops[i].v, b->nres, 0));
		osc_out_str(st->out, osc_bk_decision_name(st->res[i].d));
		osc_out_str(st->out, st->res[i].reason);
		osc_out_str(st->out, st->res[i].avail_after);
	}
	osc_out_end(st->out);
}

static const struct osc_col seq_cols[] = {
	{ "index", OSC_T_UINT, 0 }, { "sequence", OSC_T_STR, 0 }
};

static int seq_row(const size_t *seq, size_t n, void *ctx)
{
	struct bk_state *st = ctx;
	char *s = names(st->b, seq, n);
	static uint64_t index;

	osc_out_u64(st->out, ++index);
	osc_out_str(st->out, s);
	free(s);
	return 0;
}

static void t_sequences(struct bk_state *st)
{
	uint64_t count;
	bool capped;

	osc_out_begin(st->out, "sequences", seq_cols, 2);
	if (osc_bankers_all(st->b, st->o->max_seq, seq_row, st, &count,
			    &capped) != OSC_OK)
		osc_die(EX_OSERR, "out of memory");
	osc_out_end(st->out);
	osc_out_note(st->out, "%llu safe sequence%s", (unsigned long long)count,
		     count == 1 ? "" : "s");
	if (capped)
		osc_warn("stopped after %llu safe sequences (--max-sequences); more exist",
			 (unsigned long long)count);
}

/* Swap b's state with a saved copy (to show the initial state after the
 * requests were applied). */
static void swap_state(struct osc_bankers *b, uint64_t **alloc, uint64_t **avail)
{
	uint64_t *t;

	t = b->alloc, b->alloc = *alloc, *alloc = t;
	t = b->avail, b->avail = *avail, *avail = t;
}

bool bk_run(const struct bk_opts *o, struct osc_bankers *b, struct osc_out *out)
{
	struct bk_state st = { .o = o, .b = b, .out = out };
	size_t m = b->nres;
	uint64_t *alloc0 = xcalloc(b->nproc * m, sizeof *alloc0);
	uint64_t *avail0 = xcalloc(m, sizeof *avail0);

	steps_alloc(&st.safety, b, b->nproc);
	st.safety.n = st.safety.ok = osc_bankers_safety(b, o->scan,
							  st.safety.seq, st.safety.works);
	if (st.safety.n == (size_t)-1)
		osc_die(EX_OSERR, "out of memory");
	st.safe = st.safety.n == b->nproc;
	if (o->check)
		run_check(&st);
	memcpy(alloc0, b->alloc, b->nproc * m * sizeof *alloc0);
	memcpy(avail0, b->avail, m * sizeof *avail0);
	run_ops(&st);
	swap_state(b, &alloc0, &avail0);
	if (o->tables & 1u << T_SUMMARY)
		t_summary(&st);
	if (o->tables & 1u << T_NEED)
		t_need(&st);
	if (o->tables & 1u << T_SAFETY)
		t_safety(&st);
	if (o->tables & 1u << T_REQUESTS)
		t_requests(&st);
	if (o->tables & 1u << T_SEQUENCES)
		t_sequences(&st);
	swap_state(b, &alloc0, &avail0);
	free(alloc0);
	free(avail0);
	for (size_t i = 0; i < b->nops; i++)
		free(st.res[i].avail_after);
	free(st.res);
	free(st.safety.seq);
	free(st.safety.works);
	free(st.check.seq);
	free(st.check.works);
	if (o->check)
		return !st.check_safe;
	return !st.safe || st.op_bad;
}
