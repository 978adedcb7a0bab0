/* cc-timed.c: cache-coh --input=timed: per-core traces, blocking caches, an FCFS bus. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cache-coh.h"

/* One core: its trace and its clock. */
struct core {
	struct osc_scan s;
	struct osc_error err;
	uint64_t t;		/* when it issues its next record */
	uint64_t compute, loads, stores, idle, priv, shared;
	bool done;
};

static const struct osc_col core_cols[] = {
	{ "core", OSC_T_UINT, 0 }, { "compute_cycles", OSC_T_UINT, 0 },
	{ "loads", OSC_T_UINT, 0 }, { "stores", OSC_T_UINT, 0 },
	{ "idle_cycles", OSC_T_UINT, 0 }, { "cycles", OSC_T_UINT, 0 },
	{ "private_accesses", OSC_T_UINT, 0 },
	{ "shared_accesses", OSC_T_UINT, 0 },
};

/* The core that acts next: the earliest, ties to the lower number; -1
 * when every trace has ended. */
static int next_core(const struct core *k, unsigned n)
{
	int best = -1;
	unsigned c;

	for (c = 0; c < n; c++)
		if (!k[c].done && (best < 0 || k[c].t < k[best].t))
			best = (int)c;
	return best;
}

/* Read `LABEL VALUE`; false at the end of the trace. */
static bool read_record(struct core *k, uint64_t *label, uint64_t *value)
{
	struct osc_tok t = { "", 0 };
	int r = osc_scan_next(&k->s);

	if (r < 0)
		osc_die_error(&k->err);
	if (r == 0)
		return false;
	if (!osc_scan_tok(&k->s, &t) || osc_tok_u64(&t, false, label, NULL) ||
	    *label > 2) {
		osc_scan_bad(&k->s, "a label 0 (load), 1 (store) or 2 (other work)",
			     &t);
		osc_die_error(&k->err);
	}
	if (osc_scan_u64(&k->s, *label == 2 ? "a number of cycles" :
			 "an address", value) != OSC_OK ||
	    osc_scan_expect_end(&k->s) != OSC_OK)
		osc_die_error(&k->err);
	return true;
}

/* Whether any cache but c's holds addr's line after the access. */
static bool shared_now(struct cc *cc, struct osc_coh *sim, unsigned c,
		       uint64_t addr)
{
	const struct osc_coh_ops *ops = osc_coh_ops_of(sim);
	unsigned o;

	for (o = 0; o < cc->p.cpus; o++)
		if (o != c && (ops->state_flags[osc_coh_state(sim, o, addr)] &
			       OSC_COH_F_VALID))
			return true;
	return false;
}

/* One load or store by core c at its time; the bus is a single server. */
static void timed_access(struct cc *cc, size_t pi, struct core *k, unsigned c,
			 bool write, uint64_t addr, uint64_t *bus_free)
{
	struct osc_coh_access a;
	struct osc_error err;
	uint64_t start;

	osc_error_clear(&err);
	if (osc_coh_access(cc->sim[pi], c, write, addr, &a, &err) != OSC_OK)
		cc_fail(cc, pi, &err);
	cc->index++;
	if (a.bus == 0) {
		k->t += a.cycles;
	} else {
		start = k->t > *bus_free ? k->t : *bus_free;
		*bus_free = start + a.cycles;
		k->idle += *bus_free - k->t - cc->p.hit_cycles;
		k->t = *bus_free;
	}
	if (write)
		k->stores++;
	else
		k->loads++;
	if (shared_now(cc, cc->sim[pi], c, addr))
		k->shared++;
	else
		k->priv++;
	if (pi == 0 && (cc->tables & (1u << T_ACCESSES)))
		cc_access_row(cc, c, write, addr, &a);
}

static void cores_table(struct cc *cc, const struct core *k)
{
	unsigned c;

	osc_out_begin(cc->out, "cores", core_cols,
		      sizeof core_cols / sizeof core_cols[0]);
	for (c = 0; c < cc->p.cpus; c++) {
		osc_out_u64(cc->out, c);
		osc_out_u64(cc->out, k[c].compute);
		osc_out_u64(cc->out, k[c].loads);
		osc_out_u64(cc->out, k[c].stores);
		osc_out_u64(cc->out, k[c].idle);
		osc_out_u64(cc->out, k[c].t);
		osc_out_u64(cc->out, k[c].priv);
		osc_out_u64(cc->out, k[c].shared);
	}
	osc_out_end(cc->out);
}

/* Run protocol pi over the per-core traces. */
static void timed_run(struct cc *cc, size_t pi, struct core *k)
{
	unsigned n = cc->p.cpus, c;
	uint64_t label, value, bus_free = 0;
	int i;

	memset(k, 0, n * sizeof *k);
	for (c = 0; c < n; c++) {
		if (osc_scan_open(&k[c].s, cc->files[c], &k[c].err) != OSC_OK)
			osc_die_error(&k[c].err);
		k[c].s.hex = true;
	}
	while ((i = next_core(k, n)) >= 0) {
		c = (unsigned)i;
		if (!read_record(&k[c], &label, &value)) {
			k[c].done = true;
			continue;
		}
		if (label == 2) {
			/* Keep the clock below 2^63: no sum of cycles wraps. */
			if (k[c].t >= UINT64_C(1) << 63 ||
			    value >= (UINT64_C(1) << 63) - k[c].t) {
				osc_scan_fail(&k[c].s, "expected cycles that keep core %u's clock below 2^63, found %llu more at %llu",
					      c, (unsigned long long)value,
					      (unsigned long long)k[c].t);
				osc_die_error(&k[c].err);
			}
			k[c].t += value;
			k[c].compute += value;
		} else {
			timed_access(cc, pi, &k[c], c, label == 1, value,
				     &bus_free);
		}
	}
	cc->overall_cycles = 0;
	for (c = 0; c < n; c++) {
		osc_scan_close(&k[c].s);
		if (k[c].t > cc->overall_cycles)
			cc->overall_cycles = k[c].t;
	}
}

void cc_run_timed(struct cc *cc)
{
	struct core *k;
	uint64_t *overall;
	size_t i;
	int f;

	for (f = 0; f < cc->nfiles; f++)
		if (strcmp(cc->files[f], "-") == 0 && cc->nops > 1)
			osc_die(EX_USAGE, "--input=timed with several protocols reads each file once per protocol: name files, not -");
	cc->p.cpus = (unsigned)cc->nfiles;
	cc_make_sims(cc);
	k = calloc(cc->p.cpus, sizeof *k);
	overall = calloc(cc->nops, sizeof *overall);
	if (!k || !overall)
		osc_die(EX_OSERR, "out of memory");
	cc->out = osc_cli_open_out(&cc->cli, __builtin_popcount(cc->tables) > 1);
	cc_params(cc);
	if (cc->tables & (1u << T_ACCESSES))
		cc_begin_accesses(cc);
	for (i = 0; i < cc->nops; i++) {
		timed_run(cc, i, k);
		overall[i] = cc->overall_cycles;
		if (i == 0 && (cc->tables & (1u << T_ACCESSES)))
			osc_out_end(cc->out);
		if (i == 0 && (cc->tables & (1u << T_CORES)))
			cores_table(cc, k);
	}
	if (cc->tables & (1u << T_SUMMARY))
		cc_summary(cc);
	if (cc->tables & (1u << T_TRAFFIC))
		cc_traffic(cc, overall);
	osc_cli_close_out(&cc->cli, cc->out);
	cc_free_sims(cc);
	free(overall);
	free(k);
}
