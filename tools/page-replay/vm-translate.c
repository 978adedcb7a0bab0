/* vm-translate.c: translate virtual addresses step by step (base and bounds, segments, page tables, TLB). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_MAP = 256, OPT_AS_SIZE, OPT_PM_SIZE, OPT_PAGE_SIZE, OPT_LEVELS,
	OPT_PTE_SIZE, OPT_SEG_BITS, OPT_BASE, OPT_BOUNDS, OPT_TLB,
	OPT_TLB_POLICY, OPT_SWITCH,
};

enum { TAB_TRANSLATIONS, TAB_SUMMARY };

struct vt {
	struct osc_cli cli;
	struct osc_vm_config cfg;
	bool has_mode, has_bounds;
	const char *map;
	unsigned tables;
	char **files;
	int nfiles;
	struct osc_vm *vm;
	struct osc_out *out;
	uint64_t index;
	struct osc_error err;
};

static const char *const mode_names[] = { "base-bounds", "segment", "linear",
					  "multilevel", NULL };
static const char *const tlb_names[] = { "lru", "fifo", "rand", NULL };
static const char *const switch_names[] = { "flush", "asid", NULL };
static const char *const table_names[] = { "translations", "summary", NULL };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Translation:", 1 },
	{ "mode", 'm', "MODE", 0,
	  "base-bounds, segment, linear or multilevel (required)", 1 },
	{ "map", OPT_MAP, "FILE", 0,
	  "the mappings of each process (vmmap format)", 1 },
	{ "as-size", OPT_AS_SIZE, "BYTES", 0,
	  "virtual address space, a power of two (a size: 16K = 16384; "
	  "default 16K)", 1 },
	{ "pm-size", OPT_PM_SIZE, "BYTES", 0,
	  "physical memory (a size; default 64K)", 1 },
	{ "page-size", OPT_PAGE_SIZE, "BYTES", 0,
	  "page size, a power of two (a size; default 1K)", 1 },
	{ "levels", OPT_LEVELS, "N", 0,
	  "multilevel: levels of the page table (default 2)", 1 },
	{ "pte-size", OPT_PTE_SIZE, "BYTES", 0,
	  "bytes per page-table entry (default 4)", 1 },
	{ "seg-bits", OPT_SEG_BITS, "N", 0,
	  "segment: top address bits that choose the segment (default 1)", 1 },
	{ "base", OPT_BASE, "N", 0,
	  "base-bounds: base of processes the map leaves out", 1 },
	{ "bounds", OPT_BOUNDS, "N", 0,
	  "base-bounds: bounds of processes the map leaves out", 1 },
	{ NULL, 0, NULL, 0, "TLB:", 2 },
	{ "tlb", OPT_TLB, "ENTRIES", 0,
	  "a TLB of this many entries for the paging modes (default 0: none)",
	  2 },
	{ "tlb-policy", OPT_TLB_POLICY, "POLICY", 0,
	  "TLB replacement: lru (default), fifo or rand", 2 },
	{ "switch", OPT_SWITCH, "HOW", 0,
	  "on a context switch: flush the TLB (default) or keep entries "
	  "tagged with the pid (asid)", 2 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static uint64_t size_opt(struct argp_state *state, const char *name,
			 const char *arg)
{
	return osc_cli_num_range(state, name, arg, OSC_NUM_SIZE, 1,
				 (uint64_t)1 << 62);
}

static void parse_end(struct argp_state *state, struct vt *vt)
{
	struct osc_error err;

	if (!vt->has_mode)
		argp_error(state, "the option --mode is required");
	vt->cfg.has_base = vt->cfg.has_base || vt->has_bounds;
	vt->tables = osc_cli_tables(state, &vt->cli, table_names,
				    1u << TAB_TRANSLATIONS);
	if (osc_vm_new(&vt->vm, &vt->cfg, &err) != OSC_OK) {
		if (err.status == OSC_EUSAGE)
			argp_error(state, "%s", err.msg);
		osc_die_error(&err);
	}
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct vt *vt = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &vt->cli;
		break;
	case 'm':
		vt->cfg.mode = osc_cli_choice(state, "mode", arg, mode_names);
		vt->has_mode = true;
		break;
	case OPT_MAP: vt->map = arg; break;
	case OPT_AS_SIZE: vt->cfg.as_size = size_opt(state, "as-size", arg); break;
	case OPT_PM_SIZE: vt->cfg.pm_size = size_opt(state, "pm-size", arg); break;
	case OPT_PAGE_SIZE:
		vt->cfg.page_size = size_opt(state, "page-size", arg);
		break;
	case OPT_LEVELS:
		vt->cfg.levels = (unsigned)osc_cli_num_range(state, "levels",
			arg, OSC_NUM_PLAIN, 1, OSC_VM_LEVELS_MAX);
		break;
	case OPT_PTE_SIZE:
		vt->cfg.pte_size = osc_cli_num_range(state, "pte-size", arg,
						     OSC_NUM_SIZE, 1, 4096);
		break;
	case OPT_SEG_BITS:
		vt->cfg.seg_bits = (unsigned)osc_cli_num_range(state,
			"seg-bits", arg, OSC_NUM_PLAIN, 0, 16);
		break;
	case OPT_BASE:
		vt->cfg.base = osc_cli_num(state, "base", arg, OSC_NUM_SIZE);
		vt->cfg.has_base = true;
		break;
	case OPT_BOUNDS:
		vt->cfg.bounds = osc_cli_num(state, "bounds", arg, OSC_NUM_SIZE);
		vt->has_bounds = true;
		break;
	case OPT_TLB:
		vt->cfg.tlb_entries = (uint32_t)osc_cli_num_range(state, "tlb",
			arg, OSC_NUM_COUNT, 0, OSC_VM_TLB_MAX);
		break;
	case OPT_TLB_POLICY:
		vt->cfg.tlb_policy = osc_cli_choice(state, "tlb-policy", arg,
						    tlb_names);
		break;
	case OPT_SWITCH:
		vt->cfg.switch_mode = osc_cli_choice(state, "switch", arg,
						     switch_names);
		break;
	case ARGP_KEY_ARGS:
		vt->files = state->argv + state->next;
		vt->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		parse_end(state, vt);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP },
	{ NULL, 0, NULL, 0 }
};

static const struct argp argp = {
	options, parse_opt, "[FILE...]",
	"Translate virtual addresses to physical ones under base and bounds, "
	"segmentation, or linear or multilevel page tables, with an optional "
	"TLB, showing each step.\v"
	"Tables (-t): translations (default), summary.  Input: `[PID] [OP] "
	"VADDR' per line, OP R, W or X.  Example: echo 753 | vm-translate -m "
	"segment --as-size=1K --map=segs.map.  See vm-translate(1).",
	children, NULL, NULL
};

static const struct osc_col xlat_cols[] = {
	{ "index", OSC_T_UINT, 0 }, { "pid", OSC_T_UINT, 0 },
	{ "op", OSC_T_STR, 0 }, { "va", OSC_T_UINT, 0 },
	{ "vpn", OSC_T_UINT, 0 }, { "offset", OSC_T_UINT, 0 },
	{ "result", OSC_T_STR, 0 }, { "pfn", OSC_T_UINT, 0 },
	{ "pa", OSC_T_UINT, 0 }, { "tlb", OSC_T_STR, 0 },
	{ "mem_refs", OSC_T_UINT, 0 },
};

static const struct osc_col summary_cols[] = {
	{ "mode", OSC_T_STR, 0 }, { "translations", OSC_T_UINT, 0 },
	{ "ok", OSC_T_UINT, 0 }, { "invalid", OSC_T_UINT, 0 },
	{ "bounds", OSC_T_UINT, 0 }, { "prot", OSC_T_UINT, 0 },
	{ "tlb_hits", OSC_T_UINT, 0 }, { "tlb_misses", OSC_T_UINT, 0 },
	{ "tlb_hit_ratio", OSC_T_RATIO, 0 }, { "mem_refs", OSC_T_UINT, 0 },
	{ "pt_bytes_linear", OSC_T_UINT, 0 },
	{ "pt_bytes_multilevel", OSC_T_UINT, 0 },
};

static void opt_u64(struct osc_out *o, bool has, uint64_t v)
{
	if (has)
		osc_out_u64(o, v);
	else
		osc_out_null(o);
}

static void vt_row(struct vt *vt, uint64_t pid, unsigned op, uint64_t va,
		   const struct osc_vm_xlat *x)
{
	struct osc_out *o = vt->out;

	osc_out_u64(o, ++vt->index);
	osc_out_u64(o, pid);
	osc_out_str(o, op == OSC_VM_W ? "W" : op == OSC_VM_X ? "X" : "R");
	osc_out_u64(o, va);
	opt_u64(o, x->paging, x->vpn);
	opt_u64(o, x->paging, x->offset);
	osc_out_str(o, osc_vm_result_name(x->result));
	opt_u64(o, x->has_pfn, x->pfn);
	opt_u64(o, x->has_pa, x->pa);
	if (x->tlb == OSC_VM_TLB_NONE)
		osc_out_null(o);
	else
		osc_out_str(o, x->tlb == OSC_VM_TLB_HIT ? "hit" : "miss");
	osc_out_u64(o, x->mem_refs);
}

static bool tok_op(const struct osc_tok *t, unsigned *op)
{
	if (t->len != 1)
		return false;
	switch (t->s[0]) {
	case 'R': case 'r': *op = OSC_VM_R; return true;
	case 'W': case 'w': *op = OSC_VM_W; return true;
	case 'X': case 'x': *op = OSC_VM_X; return true;
	}
	return false;
}

/* `[PID] [OP] VADDR`. */
static int vt_line(struct osc_scan *s, uint64_t *pid, unsigned *op,
		   uint64_t *va)
{
	struct osc_tok t[4];
	bool over = false;
	int n = 0;

	while (n < 4 && osc_scan_tok(s, &t[n]))
		n++;
	*pid = 0;
	*op = OSC_VM_R;
	if (n == 4)
		return osc_scan_bad(s, "end of line", &t[3]);
	if (n == 3 || (n == 2 && !tok_op(&t[0], op))) {
		if (osc_tok_u64(&t[0], s->hex, pid, NULL) != OSC_OK)
			return osc_scan_bad(s, n == 3 ? "a process id" :
					    "a process id or R, W, X", &t[0]);
	}
	if (n == 3 && !tok_op(&t[1], op))
		return osc_scan_bad(s, "R, W or X", &t[1]);
	if (osc_tok_u64(&t[n - 1], s->hex, va, &over) != OSC_OK) {
		char q[200];

		if (!over)
			return osc_scan_bad(s, "a virtual address", &t[n - 1]);
		/* As osc_scan_u64 says it (man 5 osc-traces). */
		return osc_scan_fail(s, "expected a virtual address, found %s "
				     "(out of range)",
				     osc_tok_quote(&t[n - 1], q, sizeof q));
	}
	return OSC_OK;
}

static int vt_file(struct osc_scan *s, void *ctx)
{
	struct vt *vt = ctx;
	struct osc_vm_xlat x;
	uint64_t pid, va;
	unsigned op;
	int r;

	while ((r = osc_scan_next(s)) > 0) {
		if (vt_line(s, &pid, &op, &va) != OSC_OK)
			return OSC_EDATA;
		if (osc_vm_translate(vt->vm, pid, op, va, &x, s->err) != OSC_OK)
			return OSC_ENOMEM;
		if (vt->tables & (1u << TAB_TRANSLATIONS))
			vt_row(vt, pid, op, va, &x);
	}
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}

static void vt_summary(struct vt *vt)
{
	struct osc_vm_stats st;
	struct osc_out *o = vt->out;
	bool paging = vt->cfg.mode == OSC_VM_LINEAR ||
		      vt->cfg.mode == OSC_VM_MULTILEVEL;
	uint64_t lookups;

	if (osc_vm_stats(vt->vm, &st, &vt->err) != OSC_OK)
		osc_die_error(&vt->err);
	lookups = st.tlb_hits + st.tlb_misses;
	osc_out_begin(o, "summary", summary_cols, 12);
	osc_out_str(o, osc_vm_mode_name(vt->cfg.mode));
	osc_out_u64(o, st.translations);
	osc_out_u64(o, st.ok);
	osc_out_u64(o, st.invalid);
	osc_out_u64(o, st.bounds);
	osc_out_u64(o, st.prot);
	osc_out_u64(o, st.tlb_hits);
	osc_out_u64(o, st.tlb_misses);
	if (lookups)
		osc_out_double(o, (double)st.tlb_hits / (double)lookups);
	else
		osc_out_null(o);
	osc_out_u64(o, st.mem_refs);
	opt_u64(o, paging, st.pt_bytes_linear);
	opt_u64(o, paging, st.pt_bytes_multilevel);
	if (osc_out_end(o) != OSC_OK)
		osc_die(EX_IOERR, "write error");
	if (st.switches)
		osc_out_note(o, "%llu context switches (%s)",
			     (unsigned long long)st.switches,
			     vt->cfg.tlb_entries ? switch_names[vt->cfg.switch_mode] :
			     "no TLB");
}

static void vt_load_map(struct vt *vt)
{
	struct osc_scan s;

	if (vt->map == NULL)
		return;
	if (osc_scan_open(&s, vt->map, &vt->err) != OSC_OK)
		osc_die_error(&vt->err);
	if (osc_vm_load_map(vt->vm, &s) != OSC_OK)
		osc_die_error(&vt->err);
	osc_scan_close(&s);
}

static void vt_params(struct vt *vt)
{
	struct osc_out *o = vt->out;

	osc_out_param_str(o, "mode", mode_names[vt->cfg.mode]);
	osc_out_param_u64(o, "as_size", vt->cfg.as_size);
	osc_out_param_u64(o, "pm_size", vt->cfg.pm_size);
	osc_out_param_u64(o, "page_size", vt->cfg.page_size);
	osc_out_param_u64(o, "levels", vt->cfg.levels);
	osc_out_param_u64(o, "pte_size", vt->cfg.pte_size);
	osc_out_param_u64(o, "seg_bits", vt->cfg.seg_bits);
	osc_out_param_u64(o, "tlb", vt->cfg.tlb_entries);
	osc_out_param_str(o, "tlb_policy", tlb_names[vt->cfg.tlb_policy]);
	osc_out_param_str(o, "switch", switch_names[vt->cfg.switch_mode]);
	osc_out_param_u64(o, "seed", vt->cli.seed);
}

int main(int argc, char **argv)
{
	struct vt vt = {
		.cfg = {
			.as_size = 16 << 10, .pm_size = 64 << 10,
			.page_size = 1 << 10, .levels = 2, .pte_size = 4,
			.seg_bits = 1,
		},
	};
	unsigned t;
	int ntab = 0;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &vt);
	vt.cfg.seed = vt.cli.seed;
	vt_load_map(&vt);
	for (t = vt.tables; t; t &= t - 1)
		ntab++;
	vt.out = osc_cli_open_out(&vt.cli, ntab > 1);
	vt_params(&vt);
	if (vt.tables & (1u << TAB_TRANSLATIONS))
		osc_out_begin(vt.out, "translations", xlat_cols, 11);
	osc_cli_inputs(vt.files, vt.nfiles, false, vt_file, &vt);
	if ((vt.tables & (1u << TAB_TRANSLATIONS)) &&
	    osc_out_end(vt.out) != OSC_OK)
		osc_die(EX_IOERR, "write error");
	if (vt.tables & (1u << TAB_SUMMARY))
		vt_summary(&vt);
	osc_cli_close_out(&vt.cli, vt.out);
	osc_vm_free(vt.vm);
	return 0;
}
