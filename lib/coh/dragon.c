/* dragon.c: the Dragon write-back update protocol (Xerox PARC). */
#include <config.h>

#include "osconcepts.h"

enum { I, E, SC, SM, M };

static const char *const dragon_names[] = { "I", "E", "Sc", "Sm", "M" };
static const uint8_t dragon_flags[] = {
	[I] = 0,
	[E] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_EXCL,
	[SC] = OSC_COH_F_VALID,
	[SM] = OSC_COH_F_VALID | OSC_COH_F_DIRTY | OSC_COH_F_OWNER,
	[M] = OSC_COH_F_VALID | OSC_COH_F_WSILENT | OSC_COH_F_DIRTY |
		OSC_COH_F_EXCL | OSC_COH_F_OWNER,
};
static const uint8_t dragon_after_write[] = {
	[I] = I, [E] = M, [SC] = SC, [SM] = SM, [M] = M
};

/* BusRd: an owner (Sm or M) flushes the line (memory is not updated) and
 * stays or becomes Sm; an E copy becomes Sc; otherwise memory supplies. */
static void dragon_bus_rd(struct osc_coh_txn *t)
{
	unsigned c;
	int o;

	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	o = osc_coh_txn_find(t, OSC_COH_F_OWNER);
	if (o >= 0)
		osc_coh_txn_flush(t, (unsigned)o, false);
	osc_coh_txn_fill(t, o, osc_coh_txn_shared(t) ? SC : E);
	for (c = 0; c < t->ncpus; c++) {
		if (c == t->cpu)
			continue;
		if (t->state[c] == M)
			osc_coh_txn_set(t, c, SM);
		else if (t->state[c] == E)
			osc_coh_txn_set(t, c, SC);
	}
}

static void dragon_read_miss(struct osc_coh_txn *t)
{
	dragon_bus_rd(t);
}

/* A write miss is a BusRd first, and stops there when no other cache holds
 * the line.  A write in Sc or Sm (or a shared write miss) is a BusUpd: the
 * other copies take the word and become Sc; the writer is Sm if any
 * remain, else M. */
static void dragon_write(struct osc_coh_txn *t)
{
	unsigned c;

	if (t->state[t->cpu] == I) {
		dragon_bus_rd(t);
		if (!osc_coh_txn_shared(t)) {
			osc_coh_txn_set(t, t->cpu, M);
			return;
		}
	}
	osc_coh_txn_bus(t, OSC_COH_BUS_UPD);
	for (c = 0; c < t->ncpus; c++) {
		if (c == t->cpu || t->state[c] == I)
			continue;
		osc_coh_txn_update(t, c);
		if (t->state[c] == SM)
			osc_coh_txn_set(t, c, SC);
	}
	osc_coh_txn_set(t, t->cpu, osc_coh_txn_shared(t) ? SM : M);
}

static const char dragon_explain[] =
"dragon: Dragon, write-back with update (McCreight, Xerox PARC 1984;\n"
"  Culler, Singh and Gupta 5.4.2)\n"
"states: E exclusive clean, Sc shared clean, Sm shared modified (the owner:\n"
"  memory may be stale, other copies may exist), M modified (the only copy,\n"
"  dirty); I (not present) is not a state of the protocol\n"
"the bus has a shared line: after a transaction, whether another cache\n"
"  still holds the line\n"
"state  event    action                                             next\n"
"I      PrRd     BusRd, not shared: data from memory                E\n"
"I      PrRd     BusRd, shared: data from the owner, else memory    Sc\n"
"I      PrWr     BusRd, not shared: data from memory                M\n"
"I      PrWr     BusRd then BusUpd, shared: data as above           Sm\n"
"E      PrRd     hit                                                E\n"
"E      PrWr     hit, no bus transaction                            M\n"
"E      BusRd    - (memory supplies)                                Sc\n"
"E      evict    -                                                  I\n"
"Sc     PrRd     hit                                                Sc\n"
"Sc     PrWr     BusUpd, shared                                     Sm\n"
"Sc     PrWr     BusUpd, not shared                                 M\n"
"Sc     BusRd    -                                                  Sc\n"
"Sc     BusUpd   take the word                                      Sc\n"
"Sc     evict    -                                                  I\n"
"Sm     PrRd     hit                                                Sm\n"
"Sm     PrWr     BusUpd, shared                                     Sm\n"
"Sm     PrWr     BusUpd, not shared                                 M\n"
"Sm     BusRd    flush: supply the line, memory not updated         Sm\n"
"Sm     BusUpd   take the word                                      Sc\n"
"Sm     evict    write back                                         I\n"
"M      PrRd     hit                                                M\n"
"M      PrWr     hit                                                M\n"
"M      BusRd    flush: supply the line, memory not updated         Sm\n"
"M      evict    write back                                         I\n"
"a cache in I ignores every bus transaction\n";

const struct osc_coh_ops osc_coh_dragon = {
	.name = "dragon",
	.summary = "Dragon write-back update protocol",
	.explain = dragon_explain,
	.nstates = 5,
	.state_names = dragon_names,
	.state_flags = dragon_flags,
	.after_write = dragon_after_write,
	.read_miss = dragon_read_miss,
	.write = dragon_write,
};
