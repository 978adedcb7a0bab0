/* cache-coh.c: snooping cache-coherence simulator: options, the trace loop. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cache-coh.h"

enum {
	OPT_CPUS = 0x100, OPT_CACHE_SIZE, OPT_ASSOC, OPT_LINE_SIZE,
	OPT_WORD_SIZE, OPT_HIT, OPT_MEM, OPT_C2C, OPT_EXPLAIN, OPT_NO_CHECK,
	OPT_HEX, OPT_INPUT
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Protocols and caches:", 1 },
	{ "protocol", 'P', "NAME[,NAME...]", 0,
	  "msi, mesi (default), moesi, dragon, vi; several give one block each",
	  0 },
	{ "cpus", OPT_CPUS, "N", 0, "CPUs, each with its cache (1 to 64; default 4)",
	  0 },
	{ "cache-size", OPT_CACHE_SIZE, "BYTES", 0,
	  "bytes per cache (a size: 32K = 32768; default 32K)", 0 },
	{ "assoc", OPT_ASSOC, "N", 0, "lines per set, a power of two (default 8)",
	  0 },
	{ "line-size", OPT_LINE_SIZE, "BYTES", 0,
	  "bytes per line, a power of two from 4 to 4096 (default 64)", 0 },
	{ "word-size", OPT_WORD_SIZE, "BYTES", 0,
	  "bytes per word, the unit of versions and updates (default 8)", 0 },
	{ NULL, 0, NULL, 0, "Cycles:", 2 },
	{ "hit-cycles", OPT_HIT, "N", 0, "cycles of every access (default 1)", 0 },
	{ "mem-cycles", OPT_MEM, "N", 0,
	  "cycles of a memory read or write of a line or word (default 100)", 0 },
	{ "c2c-word-cycles", OPT_C2C, "N", 0,
	  "cycles per word moved cache to cache (default 2)", 0 },
	{ NULL, 0, NULL, 0, "Input and checking:", 3 },
	{ "hex", OPT_HEX, NULL, 0,
	  "addresses without 0x are hexadecimal (as in valgrind traces)", 0 },
	{ "input", OPT_INPUT, "coh|timed", 0,
	  "coh (default): CPU OP ADDRESS lines; timed: one LABEL VALUE file per core",
	  0 },
	{ "no-check", OPT_NO_CHECK, NULL, 0,
	  "do not run the coherence checker (faster)", 0 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "print each chosen protocol's transition table and exit", 0 },
	{ 0 }
};

static const char *const table_names[] = {
	"summary", "accesses", "traffic", "cores", NULL
};
static const char *const input_names[] = { "coh", "timed", NULL };

static void parse_protocols(struct argp_state *state, struct cc *cc,
			    const char *arg)
{
	struct osc_error err;
	char **names;
	size_t n, i;

	if (osc_parse_names(arg, &names, &n, &err) != OSC_OK)
		argp_error(state, "invalid value for --protocol: %s", err.msg);
	if (n > CC_MAX_PROTOCOLS)
		argp_error(state, "too many protocols (at most %d)",
			   CC_MAX_PROTOCOLS);
	for (i = 0; i < n; i++) {
		cc->ops[i] = osc_coh_lookup(names[i]);
		if (!cc->ops[i])
			argp_error(state, "invalid value for --protocol: expected one of msi, mesi, moesi, dragon, vi, found \"%s\"",
				   names[i]);
	}
	cc->nops = n;
	osc_names_free(names);
}

static uint64_t num(struct argp_state *state, const char *opt, const char *arg,
		    enum osc_num kind, uint64_t lo, uint64_t hi)
{
	return osc_cli_num_range(state, opt, arg, kind, lo, hi);
}

static void check_end(struct argp_state *state, struct cc *cc)
{
	struct osc_error err;

	if (cc->nops == 0) {
		cc->ops[0] = &osc_coh_mesi;
		cc->nops = 1;
	}
	if (!cc->explain && osc_coh_check_params(&cc->p, &err) != OSC_OK)
		argp_error(state, "%s", err.msg);
	cc->tables = osc_cli_tables(state, &cc->cli, table_names,
				    1u << T_SUMMARY);
	/* `all` is every table that applies to this run. */
	if (cc->cli.tables && strcmp(cc->cli.tables, "all") == 0) {
		if (!cc->timed)
			cc->tables &= ~(1u << T_CORES);
		if (cc->nops > 1)
			cc->tables &= ~(1u << T_ACCESSES | 1u << T_CORES);
	}
	if ((cc->tables & (1u << T_ACCESSES)) && cc->nops > 1)
		argp_error(state, "the accesses table takes one protocol, not %zu",
			   cc->nops);
	if ((cc->tables & (1u << T_CORES)) && cc->nops > 1)
		argp_error(state, "the cores table takes one protocol, not %zu",
			   cc->nops);
	if ((cc->tables & (1u << T_CORES)) && !cc->timed)
		argp_error(state, "the cores table needs --input=timed");
	if (cc->timed && cc->nfiles == 0 && !cc->explain)
		argp_error(state, "--input=timed needs one trace file per core");
	if (cc->timed && cc->nfiles > OSC_COH_MAX_CPUS)
		argp_error(state, "--input=timed takes at most %d files",
			   OSC_COH_MAX_CPUS);
}

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct cc *cc = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &cc->cli;
		break;
	case 'P':
		parse_protocols(state, cc, arg);
		break;
	case OPT_CPUS:
		cc->p.cpus = (unsigned)num(state, "--cpus", arg, OSC_NUM_COUNT,
					   1, OSC_COH_MAX_CPUS);
		break;
	case OPT_CACHE_SIZE:
		cc->p.cache_size = num(state, "--cache-size", arg, OSC_NUM_SIZE,
				       1, UINT64_MAX);
		break;
	case OPT_ASSOC:
		cc->p.assoc = num(state, "--assoc", arg, OSC_NUM_COUNT, 1,
				  UINT32_MAX);
		break;
	case OPT_LINE_SIZE:
		cc->p.line_size = num(state, "--line-size", arg, OSC_NUM_SIZE,
				      4, 4096);
		break;
	case OPT_WORD_SIZE:
		cc->p.word_size = num(state, "--word-size", arg, OSC_NUM_SIZE,
				      1, 4096);
		break;
	case OPT_HIT:
		cc->p.hit_cycles = num(state, "--hit-cycles", arg,
				       OSC_NUM_COUNT, 0, UINT32_MAX);
		break;
	case OPT_MEM:
		cc->p.mem_cycles = num(state, "--mem-cycles", arg,
				       OSC_NUM_COUNT, 0, UINT32_MAX);
		break;
	case OPT_C2C:
		cc->p.c2c_word_cycles = num(state, "--c2c-word-cycles", arg,
					    OSC_NUM_COUNT, 0, UINT32_MAX);
		break;
	case OPT_HEX:
		cc->hex = true;
		break;
	case OPT_INPUT:
		cc->timed = osc_cli_choice(state, "--input", arg,
					   input_names) == 1;
		break;
	case OPT_NO_CHECK:
		cc->p.check = false;
		break;
	case OPT_EXPLAIN:
		cc->explain = true;
		break;
	case ARGP_KEY_ARGS:
		cc->files = state->argv + state->next;
		cc->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		check_end(state, cc);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc[] =
	"Simulate snooping cache-coherence protocols on a trace of memory "
	"accesses and count misses, bus transactions and cycles.\v"
	"Input (coh format): one access per line, `CPU OP ADDRESS`; OP is R or L "
	"(read) or W or S (write).\n"
	"Tables: summary (default), accesses, traffic, cores (--input=timed).\n"
	"A coherence violation found by the checker is a bug: exit status 70.\n"
	"See cache-coh(1) and osc-coherence(7).";

/* One access for every protocol, and its row of the accesses table. */
static inline void run_access(struct cc *cc, struct osc_scan *s, bool want_acc,
			      unsigned cpu, bool write, uint64_t addr)
{
	struct osc_coh_access a;
	size_t i;

	cc->index++;
	for (i = 0; i < cc->nops; i++) {
		if (osc_coh_access(cc->sim[i], cpu, write, addr,
				   want_acc ? &a : NULL, s->err) != OSC_OK)
			cc_fail(cc, i, s->err);
	}
	if (want_acc)
		cc_access_row(cc, cpu, write, addr, &a);
}

/* Batches of the usual lines (cc_read_bulk), then one line the scanner
 * reads (any other form, a refill, the end), in trace order. */
#define CC_BATCH 1024

static int run_file(struct osc_scan *s, void *ctx)
{
	struct cc *cc = ctx;
	struct cc_rec rec[CC_BATCH];
	bool want_acc = cc->tables & (1u << T_ACCESSES);
	unsigned cpu = 0;
	bool write = false;
	uint64_t addr = 0;
	size_t i, n;
	int r, st;

	for (;;) {
		while ((n = cc_read_bulk(s, cc->p.cpus, rec, CC_BATCH)) > 0) {
			if (cc->nops == 1 && !want_acc) {
				/* The usual run: one protocol, no rows. */
				struct osc_coh *sim = cc->sim[0];

				for (i = 0; i < n; i++)
					if (osc_coh_access(sim, rec[i].cpu,
							   rec[i].write,
							   rec[i].addr, NULL,
							   s->err) != OSC_OK)
						cc_fail(cc, 0, s->err);
				cc->index += n;
			} else {
				for (i = 0; i < n; i++)
					run_access(cc, s, want_acc, rec[i].cpu,
						   rec[i].write, rec[i].addr);
			}
			if (n < CC_BATCH)
				break;
		}
		if ((r = osc_scan_next(s)) <= 0)
			break;
		if ((st = cc_read(s, cc, &cpu, &write, &addr)) != OSC_OK)
			return st;
		run_access(cc, s, want_acc, cpu, write, addr);
	}
	return r < 0 ? OSC_EIO : OSC_OK;
}

static void explain(struct cc *cc)
{
	FILE *fp = stdout;
	size_t i;

	if (cc->cli.output && !(fp = fopen(cc->cli.output, "w")))
		osc_die(EX_CANTCREAT, "cannot create %s", cc->cli.output);
	for (i = 0; i < cc->nops; i++)
		fprintf(fp, "%s%s", i ? "\n" : "", cc->ops[i]->explain);
	if (fp != stdout && fclose(fp) != 0)
		osc_die(EX_IOERR, "write error: %s", cc->cli.output);
}

void cc_make_sims(struct cc *cc)
{
	struct osc_error err;
	size_t i;

	for (i = 0; i < cc->nops; i++)
		if (osc_coh_new(&cc->sim[i], cc->ops[i], &cc->p, &err) != OSC_OK)
			osc_die_error(&err);
	cc->states = malloc((size_t)cc->p.cpus * 8 + 1);
	if (!cc->states)
		osc_die(EX_OSERR, "out of memory");
}

void cc_free_sims(struct cc *cc)
{
	size_t i;

	for (i = 0; i < cc->nops; i++)
		osc_coh_free(cc->sim[i]);
	free(cc->states);
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { NULL, 0, NULL, 0 }
	};
	static const struct argp argp = { options, parse, "[FILE...]", doc,
					  children, NULL, NULL };
	static struct cc cc;

	osc_cli_start(argc, argv);
	osc_coh_defaults(&cc.p);
	cc_read_init();
	argp_parse(&argp, argc, argv, 0, NULL, &cc);
	if (cc.explain) {
		explain(&cc);
		return EX_OK;
	}
	if (cc.timed) {
		cc_run_timed(&cc);
		return EX_OK;
	}
	cc_make_sims(&cc);
	cc.out = osc_cli_open_out(&cc.cli, __builtin_popcount(cc.tables) > 1);
	cc_params(&cc);
	if (cc.tables & (1u << T_ACCESSES))
		cc_begin_accesses(&cc);
	osc_cli_inputs(cc.files, cc.nfiles, cc.hex, run_file, &cc);
	if (cc.tables & (1u << T_ACCESSES))
		osc_out_end(cc.out);
	if (cc.tables & (1u << T_SUMMARY))
		cc_summary(&cc);
	if (cc.tables & (1u << T_TRAFFIC))
		cc_traffic(&cc, NULL);
	osc_cli_close_out(&cc.cli, cc.out);
	cc_free_sims(&cc);
	return EX_OK;
}
