/* vi.c: the VI write-through, write-no-allocate invalidation protocol. */
#include <config.h>

#include "osconcepts.h"

enum { I, V };

static const char *const vi_names[] = { "I", "V" };
static const uint8_t vi_flags[] = { [I] = 0, [V] = OSC_COH_F_VALID };
static const uint8_t vi_after_write[] = { [I] = I, [V] = V };

static void vi_read_miss(struct osc_coh_txn *t)
{
	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	osc_coh_txn_fill(t, -1, V);
}

static void vi_write(struct osc_coh_txn *t)
{
	unsigned c;

	osc_coh_txn_bus(t, OSC_COH_BUS_WR);
	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && t->state[c] != I)
			osc_coh_txn_set(t, c, I);
}

static const char vi_explain[] =
"vi: VI, write-through with write-no-allocate and invalidation\n"
"  (Culler, Singh and Gupta 5.1.3)\n"
"states: V valid, I invalid; memory is always up to date\n"
"state  event    action                                             next\n"
"I      PrRd     BusRd: data from memory                            V\n"
"I      PrWr     BusWr: the word to memory, line not allocated      I\n"
"I      BusWr    -                                                  I\n"
"V      PrRd     hit                                                V\n"
"V      PrWr     BusWr: the word to memory and to this copy         V\n"
"V      BusRd    -                                                  V\n"
"V      BusWr    invalidate                                         I\n"
"V      evict    -                                                  I\n"
"a cache in I ignores every bus transaction\n";

const struct osc_coh_ops osc_coh_vi = {
	.name = "vi",
	.summary = "VI write-through, write-no-allocate invalidation",
	.explain = vi_explain,
	.nstates = 2,
	.state_names = vi_names,
	.state_flags = vi_flags,
	.after_write = vi_after_write,
	.read_miss = vi_read_miss,
	.write = vi_write,
};
