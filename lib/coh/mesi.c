/* mesi.c: the MESI (Illinois) protocol: exclusive clean state, cache-to-cache supply. */
#include <config.h>

#include "osconcepts.h"

enum { I, S, E, M };

static const char *const mesi_names[] = { "I", "S", "E", "M" };
static const uint8_t mesi_flags[] = {
	[I] = 0,
	[S] = OSC_COH_F_VALID,
	[E] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_EXCL,
	[M] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_DIRTY |
		OSC_COH_F_EXCL | OSC_COH_F_OWNER,
};
static const uint8_t mesi_after_write[] = { [I] = I, [S] = S, [E] = M, [M] = M };

static void mesi_inval_others(struct osc_coh_txn *t)
{
	unsigned c;

	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && t->state[c] != I)
			osc_coh_txn_set(t, c, I);
}

/* The lowest-numbered holder supplies the line; a dirty one flushes it to
 * memory as well. */
static int mesi_supply(struct osc_coh_txn *t)
{
	int h = osc_coh_txn_find(t, OSC_COH_F_VALID);

	if (h >= 0 && t->state[h] == M)
		osc_coh_txn_flush(t, (unsigned)h, true);
	return h;
}

static void mesi_read_miss(struct osc_coh_txn *t)
{
	unsigned c;
	int h;

	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	h = mesi_supply(t);
	osc_coh_txn_fill(t, h, h < 0 ? E : S);
	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && (t->state[c] == E || t->state[c] == M))
			osc_coh_txn_set(t, c, S);
}

static void mesi_write(struct osc_coh_txn *t)
{
	if (t->state[t->cpu] == S) {
		osc_coh_txn_bus(t, OSC_COH_BUS_UPGR);
		mesi_inval_others(t);
		osc_coh_txn_set(t, t->cpu, M);
		return;
	}
	osc_coh_txn_bus(t, OSC_COH_BUS_RDX);
	osc_coh_txn_fill(t, mesi_supply(t), M);
	mesi_inval_others(t);
}

static const char mesi_explain[] =
"mesi: MESI (Illinois), write-back with invalidation\n"
"  (Papamarcos and Patel, ISCA 1984; Culler, Singh and Gupta 5.3.2)\n"
"states: M modified (the only copy, dirty), E exclusive (the only copy,\n"
"  clean), S shared (clean, other copies may exist), I invalid\n"
"a miss is served cache to cache by the lowest-numbered CPU holding the\n"
"  line valid (M, E or S), else by memory\n"
"state  event    action                                             next\n"
"I      PrRd     BusRd, no other copy: data from memory             E\n"
"I      PrRd     BusRd, other copies: data from a holder            S\n"
"I      PrWr     BusRdX: data from a holder, else memory            M\n"
"S      PrRd     hit                                                S\n"
"S      PrWr     BusUpgr (invalidates the other copies, no data)    M\n"
"S      BusRd    supply the line if the lowest-numbered holder      S\n"
"S      BusRdX   supply the line if the lowest-numbered holder      I\n"
"S      BusUpgr  invalidate                                         I\n"
"S      evict    -                                                  I\n"
"E      PrRd     hit                                                E\n"
"E      PrWr     hit, no bus transaction                            M\n"
"E      BusRd    supply the line                                    S\n"
"E      BusRdX   supply the line                                    I\n"
"E      evict    -                                                  I\n"
"M      PrRd     hit                                                M\n"
"M      PrWr     hit                                                M\n"
"M      BusRd    flush: supply the line, memory updated             S\n"
"M      BusRdX   flush: supply the line, memory updated             I\n"
"M      evict    write back                                         I\n"
"a cache in I ignores every bus transaction\n";

const struct osc_coh_ops osc_coh_mesi = {
	.name = "mesi",
	.summary = "MESI (Illinois) with cache-to-cache supply",
	.explain = mesi_explain,
	.nstates = 4,
	.state_names = mesi_names,
	.state_flags = mesi_flags,
	.after_write = mesi_after_write,
	.read_miss = mesi_read_miss,
	.write = mesi_write,
};
