/* alloc-sim.c: replay an allocation trace on simulated free-list heaps, step by step. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { T_SUMMARY = 1u, T_OPS = 2u, T_FREELIST = 4u };

static const char *const table_names[] = { "summary", "ops", "freelist", NULL };
static const char *const coalesce_names[] = { "immediate", "none", NULL };

struct as {
	struct osc_cli cli;
	const char *policy_arg;
	struct osc_asim_params par;
	unsigned tables;
	char **files;
	int nfiles;
	struct osc_asim **sims;
	size_t nsims;
	/* Replay. */
	struct osc_alloc_reader rd;
	bool rd_started;
	struct osc_out *out;
	uint64_t index;
	char *list;		/* the free_list cell */
	size_t list_cap;
};

enum {
	OPT_ORDER = 0x100, OPT_COALESCE, OPT_HEAP, OPT_BASE, OPT_GROW,
	OPT_HEADER, OPT_ALIGN, OPT_MIN_BLOCK
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Policies and heap:", 1 },
	{ "policy", 'p', "LIST", 0,
	  "first (default), next, best, worst, segregated, buddy; "
	  "comma-separated to compare", 1 },
	{ "order", OPT_ORDER, "ORDER", 0,
	  "free list order: addr (default), lifo, fifo, size-asc, size-desc", 1 },
	{ "coalesce", OPT_COALESCE, "WHEN", 0,
	  "merge freed blocks with free neighbours: immediate (default) or none",
	  1 },
	{ "heap", OPT_HEAP, "BYTES", 0,
	  "initial heap size (a size: 64K = 65536; default 64K)", 1 },
	{ "base", OPT_BASE, "ADDR", 0,
	  "address of the heap's first byte (a size; default 0)", 1 },
	{ "grow", OPT_GROW, "BYTES", 0,
	  "when nothing fits, extend the heap by at least this (a size; "
	  "default 0 = never: the allocation fails)", 1 },
	{ "header", OPT_HEADER, "BYTES", 0,
	  "bytes added to every block (a size; default 0)", 1 },
	{ "align", OPT_ALIGN, "BYTES", 0,
	  "round requests up to a multiple of this (a size; default 1)", 1 },
	{ "min-block", OPT_MIN_BLOCK, "BYTES", 0,
	  "smallest block: no split leaves less (a size; default 16 for "
	  "segregated and buddy, 1 for the others)", 1 },
	{ 0 }
};

static void as_make_sims(struct argp_state *state, struct as *a)
{
	struct osc_error err;
	char **names;
	size_t n, i;

	osc_error_clear(&err);
	if (osc_parse_names(a->policy_arg, &names, &n, &err) != OSC_OK)
		argp_error(state, "invalid value for --policy: %s", err.msg);
	if (!(a->sims = calloc(n, sizeof *a->sims)))
		osc_die(EX_OSERR, "out of memory");
	for (i = 0; i < n; i++) {
		const struct osc_asim_ops *ops = osc_asim_lookup(names[i]);

		if (!ops)
			argp_error(state, "invalid value for --policy: expected "
				   "first, next, best, worst, segregated or buddy, "
				   "found \"%s\"", names[i]);
		if (osc_asim_create(ops, &a->par, &a->sims[i], &err) != OSC_OK) {
			if (err.status == OSC_EUSAGE)
				argp_error(state, "%s", err.msg);
			osc_die_error(&err);
		}
		a->nsims++;
	}
	osc_names_free(names);
	if (a->nsims > 1 && (a->tables & (T_OPS | T_FREELIST)))
		argp_error(state, "the ops and freelist tables show one policy: "
			   "give one -p");
}

static error_t as_parse(int key, char *arg, struct argp_state *state)
{
	struct as *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->cli;
		break;
	case 'p':
		a->policy_arg = arg;
		break;
	case OPT_ORDER:
		a->par.order = (enum osc_asim_order)osc_cli_choice(
			state, "--order", arg, osc_asim_order_names);
		break;
	case OPT_COALESCE:
		a->par.coalesce = osc_cli_choice(state, "--coalesce", arg,
						 coalesce_names) == 0;
		break;
	case OPT_HEAP:
		a->par.heap = osc_cli_num(state, "--heap", arg, OSC_NUM_SIZE);
		break;
	case OPT_BASE:
		a->par.base = osc_cli_num(state, "--base", arg, OSC_NUM_SIZE);
		break;
	case OPT_GROW:
		a->par.grow = osc_cli_num(state, "--grow", arg, OSC_NUM_SIZE);
		break;
	case OPT_HEADER:
		a->par.header = osc_cli_num(state, "--header", arg, OSC_NUM_SIZE);
		break;
	case OPT_ALIGN:
		a->par.align = osc_cli_num(state, "--align", arg, OSC_NUM_SIZE);
		break;
	case OPT_MIN_BLOCK:
		a->par.min_block = osc_cli_num(state, "--min-block", arg,
					       OSC_NUM_SIZE);
		break;
	case ARGP_KEY_ARGS:
		a->files = state->argv + state->next;
		a->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		a->tables = osc_cli_tables(state, &a->cli, table_names, T_SUMMARY);
		as_make_sims(state, a);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP },
	{ 0 }
};

static const struct argp argp = {
	options, as_parse, "[FILE...]",
	"Replay an allocation trace (a ID SIZE, f ID, r ID SIZE; malloc-lab "
	".rep files too) on a simulated heap managed by free-list policies, "
	"and show addresses, searches and free lists step by step.\v"
	"Tables (-t): summary (default), ops (one row per operation, with the "
	"free list after it), freelist (the free blocks at the end); ops and "
	"freelist need a single policy.  A request is rounded up to --align, "
	"then --header is added.  See alloc-sim(1).",
	children, NULL, NULL
};

static const struct osc_col ops_cols[] = {
	{ "index", OSC_T_UINT, 0 }, { "op", OSC_T_STR, 0 },
	{ "id", OSC_T_UINT, 0 }, { "size", OSC_T_UINT, 0 },
	{ "addr", OSC_T_UINT, 0 }, { "result", OSC_T_STR, 0 },
	{ "searched", OSC_T_UINT, 0 }, { "free_list", OSC_T_STR, 0 },
};

static const struct osc_col summary_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "ops", OSC_T_UINT, 0 },
	{ "allocs", OSC_T_UINT, 0 }, { "frees", OSC_T_UINT, 0 },
	{ "reallocs", OSC_T_UINT, 0 }, { "failed", OSC_T_UINT, 0 },
	{ "peak_payload", OSC_T_UINT, 0 }, { "heap_size", OSC_T_UINT, 0 },
	{ "utilization", OSC_T_RATIO, 0 }, { "internal_frag", OSC_T_RATIO, 0 },
	{ "external_frag", OSC_T_RATIO, 0 }, { "avg_search", OSC_T_RATIO, 0 },
};

static const struct osc_col freelist_cols[] = {
	{ "addr", OSC_T_UINT, 0 }, { "size", OSC_T_UINT, 0 },
};

#define NCOLS(c) (sizeof (c) / sizeof (c)[0])

/* The free list as `addr:size` pairs, space separated. */
static const char *as_free_list(struct as *a, const struct osc_asim *h)
{
	uint64_t it = 0, addr, size;
	size_t len = 0;
	int n;

	if (!a->list && !(a->list = malloc(a->list_cap = 256)))
		osc_die(EX_OSERR, "out of memory");
	a->list[0] = 0;
	while (osc_asim_free_next(h, &it, &addr, &size)) {
		while (a->list_cap - len < 48)
			if (!(a->list = realloc(a->list, a->list_cap *= 2)))
				osc_die(EX_OSERR, "out of memory");
		n = snprintf(a->list + len, a->list_cap - len, "%s%llu:%llu",
			     len ? " " : "", (unsigned long long)addr,
			     (unsigned long long)size);
		len += (size_t)n;
	}
	return a->list;
}

static void as_ops_row(struct as *a, const struct osc_alloc_op *op,
		       const struct osc_asim_step *st)
{
	static const char *const res[] = { "ok", "fail", "null" };
	struct osc_out *o = a->out;
	char kind[2] = { (char)op->kind, 0 };

	osc_out_u64(o, ++a->index);
	osc_out_str(o, kind);
	osc_out_u64(o, op->id);
	if (op->kind == OSC_ALLOC_F)
		osc_out_null(o);
	else
		osc_out_u64(o, op->size);
	if (st->has_addr)
		osc_out_u64(o, st->addr);
	else
		osc_out_null(o);
	osc_out_str(o, res[st->res]);
	if (op->kind == OSC_ALLOC_F)
		osc_out_null(o);
	else
		osc_out_u64(o, st->searched);
	osc_out_str(o, as_free_list(a, a->sims[0]));
}

/* One input file: every operation goes to every policy. */
static int as_input(struct osc_scan *s, void *ctx)
{
	struct as *a = ctx;
	struct osc_alloc_op op;
	struct osc_asim_step st;
	size_t i;
	int r, rc;

	if (!a->rd_started) {
		if (osc_alloc_reader_init(&a->rd, s) != OSC_OK)
			return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
					     "out of memory");
		a->rd_started = true;
	} else {
		osc_alloc_reader_next_file(&a->rd, s);
	}
	while ((r = osc_alloc_read(&a->rd, &op)) > 0) {
		for (i = 0; i < a->nsims; i++) {
			rc = osc_asim_apply(a->sims[i], &op, &st, s->err);
			if (rc != OSC_OK) {
				s->err->file = s->name;
				return rc;
			}
		}
		if (a->tables & T_OPS)
			as_ops_row(a, &op, &st);
	}
	return r < 0 ? (int)s->err->status : OSC_OK;
}

static void as_summary(struct as *a)
{
	struct osc_out *o = a->out;
	struct osc_asim_stats st;
	size_t i;

	osc_out_begin(o, "summary", summary_cols, NCOLS(summary_cols));
	for (i = 0; i < a->nsims; i++) {
		osc_asim_stats(a->sims[i], &st);
		osc_out_str(o, osc_asim_name(osc_asim_policy_of(a->sims[i])));
		osc_out_u64(o, st.ops);
		osc_out_u64(o, st.allocs);
		osc_out_u64(o, st.frees);
		osc_out_u64(o, st.reallocs);
		osc_out_u64(o, st.failed);
		osc_out_u64(o, st.peak_payload);
		osc_out_u64(o, st.heap_size);
		osc_out_double(o, osc_asim_utilization(&st));
		osc_out_double(o, osc_asim_internal_frag(&st));
		osc_out_double(o, osc_asim_external_frag(&st));
		osc_out_double(o, osc_asim_avg_search(&st));
	}
	osc_out_end(o);
}

static void as_freelist(struct as *a)
{
	uint64_t it = 0, addr, size;

	osc_out_begin(a->out, "freelist", freelist_cols, NCOLS(freelist_cols));
	while (osc_asim_free_next(a->sims[0], &it, &addr, &size)) {
		osc_out_u64(a->out, addr);
		osc_out_u64(a->out, size);
	}
	osc_out_end(a->out);
}

static void as_params(struct as *a)
{
	struct osc_out *o = a->out;
	const struct osc_asim_params *p = &a->par;

	osc_out_param_str(o, "policy", a->policy_arg);
	osc_out_param_str(o, "order", osc_asim_order_names[p->order]);
	osc_out_param_str(o, "coalesce", coalesce_names[p->coalesce ? 0 : 1]);
	osc_out_param_u64(o, "heap", p->heap);
	osc_out_param_u64(o, "base", p->base);
	osc_out_param_u64(o, "grow", p->grow);
	osc_out_param_u64(o, "header", p->header);
	osc_out_param_u64(o, "align", p->align);
	osc_out_param_u64(o, "min_block", p->min_block);
}

int main(int argc, char **argv)
{
	static struct as a;
	size_t i;
	unsigned t;
	int ntables = 0;

	osc_cli_start(argc, argv);
	a.policy_arg = "first";
	osc_asim_defaults(&a.par);
	argp_parse(&argp, argc, argv, 0, NULL, &a);
	for (t = a.tables; t; t &= t - 1)
		ntables++;
	a.out = osc_cli_open_out(&a.cli, ntables > 1);
	as_params(&a);
	if (a.tables & T_OPS)
		osc_out_begin(a.out, "ops", ops_cols, NCOLS(ops_cols));
	osc_cli_inputs(a.files, a.nfiles, false, as_input, &a);
	if (a.tables & T_OPS)
		osc_out_end(a.out);
	if (a.tables & T_SUMMARY)
		as_summary(&a);
	if (a.tables & T_FREELIST)
		as_freelist(&a);
	osc_cli_close_out(&a.cli, a.out);
	if (a.rd_started)
		osc_alloc_reader_fini(&a.rd);
	for (i = 0; i < a.nsims; i++)
		osc_asim_destroy(a.sims[i]);
	free(a.sims);
	free(a.list);
	return 0;
}
