/* cc-out.c: cache-coh's tables: summary, accesses, traffic; failures. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache-coh.h"

void cc_params(struct cc *cc)
{
	struct osc_out *o = cc->out;
	char list[CC_MAX_PROTOCOLS * 8] = "";
	size_t i;

	for (i = 0; i < cc->nops; i++) {
		if (i)
			strcat(list, ",");
		strcat(list, cc->ops[i]->name);
	}
	osc_out_param_str(o, "protocol", list);
	osc_out_param_str(o, "input", cc->timed ? "timed" : "coh");
	osc_out_param_u64(o, "cpus", cc->p.cpus);
	osc_out_param_u64(o, "cache_size", cc->p.cache_size);
	osc_out_param_u64(o, "assoc", cc->p.assoc);
	osc_out_param_u64(o, "line_size", cc->p.line_size);
	osc_out_param_u64(o, "word_size", cc->p.word_size);
	osc_out_param_u64(o, "hit_cycles", cc->p.hit_cycles);
	osc_out_param_u64(o, "mem_cycles", cc->p.mem_cycles);
	osc_out_param_u64(o, "c2c_word_cycles", cc->p.c2c_word_cycles);
	osc_out_param_bool(o, "check", cc->p.check);
	osc_out_param_bool(o, "hex", cc->hex);
}

static const struct osc_col acc_cols[] = {
	{ "index", OSC_T_UINT, 0 }, { "cpu", OSC_T_UINT, 0 },
	{ "op", OSC_T_STR, 0 }, { "addr", OSC_T_UINT, 0 },
	{ "line", OSC_T_UINT, 0 }, { "result", OSC_T_STR, 0 },
	{ "bus", OSC_T_STR, 0 }, { "supplier", OSC_T_STR, 0 },
	{ "states", OSC_T_STR, 0 },
};

void cc_begin_accesses(struct cc *cc)
{
	osc_out_begin(cc->out, "accesses", acc_cols,
		      sizeof acc_cols / sizeof acc_cols[0]);
}

void cc_access_row(struct cc *cc, unsigned cpu, bool write, uint64_t addr,
		   const struct osc_coh_access *a)
{
	static const char *const results[] = { "hit", "miss", "upgrade" };
	struct osc_out *o = cc->out;
	struct osc_coh *sim = cc->sim[0];
	char sup[16], *p = cc->states;
	unsigned c;

	osc_out_u64(o, cc->index);
	osc_out_u64(o, cpu);
	osc_out_str(o, write ? "W" : "R");
	osc_out_u64(o, addr);
	osc_out_u64(o, addr & ~(cc->p.line_size - 1));
	osc_out_str(o, results[a->result]);
	if (a->bus)
		osc_out_str(o, osc_coh_bus_name(a->bus));
	else
		osc_out_null(o);
	if (a->supplier == -1) {
		osc_out_str(o, "mem");
	} else if (a->supplier >= 0) {
		snprintf(sup, sizeof sup, "cpu%d", a->supplier);
		osc_out_str(o, sup);
	} else {
		osc_out_null(o);
	}
	for (c = 0; c < cc->p.cpus; c++) {
		const char *n = osc_coh_state_name(cc->ops[0],
						   osc_coh_state(sim, c, addr));

		if (c)
			*p++ = ' ';
		memcpy(p, n, strlen(n));
		p += strlen(n);
	}
	*p = '\0';
	osc_out_str(o, cc->states);
}

static const struct osc_col sum_cols[] = {
	{ "protocol", OSC_T_STR, 0 }, { "cpu", OSC_T_STR, 0 },
	{ "reads", OSC_T_UINT, 0 }, { "writes", OSC_T_UINT, 0 },
	{ "read_misses", OSC_T_UINT, 0 }, { "write_misses", OSC_T_UINT, 0 },
	{ "miss_ratio", OSC_T_RATIO, 0 }, { "bus_rd", OSC_T_UINT, 0 },
	{ "bus_rdx", OSC_T_UINT, 0 }, { "bus_upgr", OSC_T_UINT, 0 },
	{ "bus_upd", OSC_T_UINT, 0 }, { "flushes", OSC_T_UINT, 0 },
	{ "interventions", OSC_T_UINT, 0 }, { "invalidations", OSC_T_UINT, 0 },
	{ "updates", OSC_T_UINT, 0 }, { "writebacks", OSC_T_UINT, 0 },
	{ "c2c", OSC_T_UINT, 0 }, { "cycles", OSC_T_UINT, 0 },
};

static void add_counts(struct osc_coh_counts *a, const struct osc_coh_counts *b)
{
	uint64_t *x = (uint64_t *)a;
	const uint64_t *y = (const uint64_t *)b;
	size_t i;

	for (i = 0; i < sizeof *a / sizeof *x; i++)
		x[i] += y[i];
}

static void sum_row(struct osc_out *o, const char *proto, const char *cpu,
		    const struct osc_coh_counts *k)
{
	uint64_t n = k->reads + k->writes;

	osc_out_str(o, proto);
	osc_out_str(o, cpu);
	osc_out_u64(o, k->reads);
	osc_out_u64(o, k->writes);
	osc_out_u64(o, k->read_misses);
	osc_out_u64(o, k->write_misses);
	if (n)
		osc_out_double(o, (double)(k->read_misses + k->write_misses) /
			       (double)n);
	else
		osc_out_null(o);
	osc_out_u64(o, k->bus_rd);
	osc_out_u64(o, k->bus_rdx);
	osc_out_u64(o, k->bus_upgr);
	osc_out_u64(o, k->bus_upd);
	osc_out_u64(o, k->flushes);
	osc_out_u64(o, k->interventions);
	osc_out_u64(o, k->invalidations);
	osc_out_u64(o, k->updates);
	osc_out_u64(o, k->writebacks);
	osc_out_u64(o, k->c2c);
	osc_out_u64(o, k->cycles);
}

void cc_summary(struct cc *cc)
{
	struct osc_coh_counts all;
	char cpu[16];
	size_t i;
	unsigned c;

	osc_out_begin(cc->out, "summary", sum_cols,
		      sizeof sum_cols / sizeof sum_cols[0]);
	for (i = 0; i < cc->nops; i++) {
		memset(&all, 0, sizeof all);
		for (c = 0; c < cc->p.cpus; c++) {
			const struct osc_coh_counts *k =
				osc_coh_counts(cc->sim[i], c);

			snprintf(cpu, sizeof cpu, "%u", c);
			sum_row(cc->out, cc->ops[i]->name, cpu, k);
			add_counts(&all, k);
		}
		sum_row(cc->out, cc->ops[i]->name, "all", &all);
	}
	osc_out_end(cc->out);
}

static const struct osc_col traffic_cols[] = {
	{ "protocol", OSC_T_STR, 0 }, { "bus_transactions", OSC_T_UINT, 0 },
	{ "data_bytes", OSC_T_UINT, 0 }, { "memory_reads", OSC_T_UINT, 0 },
	{ "memory_writes", OSC_T_UINT, 0 }, { "overall_cycles", OSC_T_UINT, 0 },
};

void cc_traffic(struct cc *cc, const uint64_t *overall)
{
	size_t i, ncols = sizeof traffic_cols / sizeof traffic_cols[0];

	/* overall_cycles belongs to the timed mode only. */
	osc_out_begin(cc->out, "traffic", traffic_cols,
		      overall ? ncols : ncols - 1);
	for (i = 0; i < cc->nops; i++) {
		const struct osc_coh_traffic *t = osc_coh_traffic(cc->sim[i]);

		osc_out_str(cc->out, cc->ops[i]->name);
		osc_out_u64(cc->out, t->bus_transactions);
		osc_out_u64(cc->out, t->data_bytes);
		osc_out_u64(cc->out, t->memory_reads);
		osc_out_u64(cc->out, t->memory_writes);
		if (overall)
			osc_out_u64(cc->out, overall[i]);
	}
	osc_out_end(cc->out);
}

_Noreturn void cc_fail(struct cc *cc, size_t i, struct osc_error *err)
{
	struct osc_error e = *err;

	if (err->status == OSC_EINTERNAL)
		snprintf(e.msg, sizeof e.msg, "%s: %.200s", cc->ops[i]->name,
			 err->msg);
	e.file = NULL;
	e.line = 0;
	osc_die_error(&e);
}
