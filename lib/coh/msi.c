/* msi.c: the MSI write-back invalidation protocol. */
#include <config.h>

#include "osconcepts.h"

enum { I, S, M };

static const char *const msi_names[] = { "I", "S", "M" };
static const uint8_t msi_flags[] = {
	[I] = 0,
	[S] = OSC_COH_F_VALID,
	[M] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_DIRTY |
		OSC_COH_F_EXCL | OSC_COH_F_OWNER,
};
static const uint8_t msi_after_write[] = { [I] = I, [S] = S, [M] = M };

static void msi_inval_others(struct osc_coh_txn *t)
{
	unsigned c;

	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && t->state[c] != I)
			osc_coh_txn_set(t, c, I);
}

static void msi_read_miss(struct osc_coh_txn *t)
{
	int m;

	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	m = osc_coh_txn_find(t, OSC_COH_F_DIRTY);
	if (m < 0) {
		osc_coh_txn_fill(t, -1, S);
		return;
	}
	osc_coh_txn_flush(t, (unsigned)m, true);
	osc_coh_txn_set(t, (unsigned)m, S);
	osc_coh_txn_fill(t, m, S);
}

static void msi_write(struct osc_coh_txn *t)
{
	int m;

	if (t->state[t->cpu] == S) {
		osc_coh_txn_bus(t, OSC_COH_BUS_UPGR);
		msi_inval_others(t);
		osc_coh_txn_set(t, t->cpu, M);
		return;
	}
	osc_coh_txn_bus(t, OSC_COH_BUS_RDX);
	m = osc_coh_txn_find(t, OSC_COH_F_DIRTY);
	if (m >= 0)
		osc_coh_txn_flush(t, (unsigned)m, true);
	osc_coh_txn_fill(t, m, M);
	msi_inval_others(t);
}

static const char msi_explain[] =
"msi: MSI, write-back with invalidation\n"
"  (Culler, Singh and Gupta, Parallel Computer Architecture, 1999, 5.3.2)\n"
"states: M modified (the only copy, dirty), S shared (clean, other copies\n"
"  may exist), I invalid or not present\n"
"state  event    action                                             next\n"
"I      PrRd     BusRd: data from an M holder's flush, else memory  S\n"
"I      PrWr     BusRdX: data from an M holder's flush, else memory M\n"
"S      PrRd     hit                                                S\n"
"S      PrWr     BusUpgr (invalidates the other copies, no data)    M\n"
"S      BusRd    -                                                  S\n"
"S      BusRdX   invalidate                                         I\n"
"S      BusUpgr  invalidate                                         I\n"
"S      evict    -                                                  I\n"
"M      PrRd     hit                                                M\n"
"M      PrWr     hit                                                M\n"
"M      BusRd    flush: supply the line, memory updated             S\n"
"M      BusRdX   flush: supply the line, memory updated             I\n"
"M      evict    write back                                         I\n"
"a cache in I ignores every bus transaction\n";

const struct osc_coh_ops osc_coh_msi = {
	.name = "msi",
	.summary = "MSI write-back invalidation",
	.explain = msi_explain,
	.nstates = 3,
	.state_names = msi_names,
	.state_flags = msi_flags,
	.after_write = msi_after_write,
	.read_miss = msi_read_miss,
	.write = msi_write,
};
