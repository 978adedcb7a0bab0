/* moesi.c: the MOESI protocol: an owned state lets dirty lines be shared. */
#include <config.h>

#include "osconcepts.h"

enum { I, S, E, O, M };

static const char *const moesi_names[] = { "I", "S", "E", "O", "M" };
static const uint8_t moesi_flags[] = {
	[I] = 0,
	[S] = OSC_COH_F_VALID,
	[E] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_EXCL,
	[O] = OSC_COH_F_VALID | OSC_COH_F_DIRTY | OSC_COH_F_OWNER,
	[M] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_DIRTY |
		OSC_COH_F_EXCL | OSC_COH_F_OWNER,
};
static const uint8_t moesi_after_write[] = {
	[I] = I, [S] = S, [E] = M, [O] = O, [M] = M
};

/* The owner (M or O) supplies without updating memory; with no owner the
 * lowest-numbered holder supplies, as in MESI. */
static int moesi_supply(struct osc_coh_txn *t)
{
	int h = osc_coh_txn_find(t, OSC_COH_F_OWNER);

	if (h >= 0) {
		osc_coh_txn_flush(t, (unsigned)h, false);
		return h;
	}
	return osc_coh_txn_find(t, OSC_COH_F_VALID);
}

static void moesi_read_miss(struct osc_coh_txn *t)
{
	unsigned c;
	int h;

	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	h = moesi_supply(t);
	osc_coh_txn_fill(t, h, h < 0 ? E : S);
	for (c = 0; c < t->ncpus; c++) {
		if (c == t->cpu)
			continue;
		if (t->state[c] == M)
			osc_coh_txn_set(t, c, O);
		else if (t->state[c] == E)
			osc_coh_txn_set(t, c, S);
	}
}

static void moesi_write(struct osc_coh_txn *t)
{
	unsigned c;

	if (t->state[t->cpu] == S || t->state[t->cpu] == O) {
		osc_coh_txn_bus(t, OSC_COH_BUS_UPGR);
	} else {
		osc_coh_txn_bus(t, OSC_COH_BUS_RDX);
		osc_coh_txn_fill(t, moesi_supply(t), M);
	}
	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && t->state[c] != I)
			osc_coh_txn_set(t, c, I);
	osc_coh_txn_set(t, t->cpu, M);
}

static const char moesi_explain[] =
"moesi: MOESI, write-back with invalidation and an owned state\n"
"  (Sweazey and Smith, ISCA 1986; AMD64 Architecture Programmer's Manual 2, 7.3)\n"
"states: M modified (the only copy, dirty), O owned (dirty, other copies\n"
"  may exist, this cache answers for the line), E exclusive (the only copy,\n"
"  clean), S shared (other copies may exist), I invalid\n"
"a miss is served by the owner (M or O) without updating memory; with no\n"
"  owner, by the lowest-numbered CPU holding the line, else by memory\n"
"state  event    action                                             next\n"
"I      PrRd     BusRd, no other copy: data from memory             E\n"
"I      PrRd     BusRd, other copies: data from the owner or holder S\n"
"I      PrWr     BusRdX: data from the owner or a holder, else mem  M\n"
"S      PrRd     hit                                                S\n"
"S      PrWr     BusUpgr (invalidates the other copies, no data)    M\n"
"S      BusRd    supply the line if no owner and lowest holder      S\n"
"S      BusRdX   supply the line if no owner and lowest holder      I\n"
"S      BusUpgr  invalidate                                         I\n"
"S      evict    -                                                  I\n"
"E      PrRd     hit                                                E\n"
"E      PrWr     hit, no bus transaction                            M\n"
"E      BusRd    supply the line                                    S\n"
"E      BusRdX   supply the line                                    I\n"
"E      evict    -                                                  I\n"
"O      PrRd     hit                                                O\n"
"O      PrWr     BusUpgr (invalidates the other copies, no data)    M\n"
"O      BusRd    flush: supply the line, memory not updated         O\n"
"O      BusRdX   flush: supply the line, memory not updated         I\n"
"O      BusUpgr  invalidate                                         I\n"
"O      evict    write back                                         I\n"
"M      PrRd     hit                                                M\n"
"M      PrWr     hit                                                M\n"
"M      BusRd    flush: supply the line, memory not updated         O\n"
"M      BusRdX   flush: supply the line, memory not updated         I\n"
"M      evict    write back                                         I\n"
"a cache in I ignores every bus transaction\n";

const struct osc_coh_ops osc_coh_moesi = {
	.name = "moesi",
	.summary = "MOESI: MESI plus an owned dirty shared state",
	.explain = moesi_explain,
	.nstates = 5,
	.state_names = moesi_names,
	.state_flags = moesi_flags,
	.after_write = moesi_after_write,
	.read_miss = moesi_read_miss,
	.write = moesi_write,
};
