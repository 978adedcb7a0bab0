/* txn.c: what a protocol may do during a bus transaction, with its bookkeeping. */
#include <config.h>

#include <assert.h>

#include "sim.h"

/* The global slot index of line in cpu's cache, or COH_NOSLOT. */
uint64_t coh_find(const struct osc_coh *sim, unsigned cpu, uint64_t line)
{
	uint64_t base = coh_base(sim, cpu, coh_set(sim, line));
	uint64_t w = coh_way(sim->tag + base, sim->fp + base, sim->assoc, line,
			     coh_fp(line));

	return w == COH_NOSLOT ? COH_NOSLOT : base + w;
}

static unsigned txn_flags(const struct osc_coh_txn *t, unsigned c)
{
	return t->ops->state_flags[t->state[c]];
}

int osc_coh_txn_find(const struct osc_coh_txn *t, unsigned flags)
{
	unsigned c;

	for (c = 0; c < t->ncpus; c++)
		if (c != t->cpu && (txn_flags(t, c) & flags))
			return (int)c;
	return -1;
}

bool osc_coh_txn_shared(const struct osc_coh_txn *t)
{
	return osc_coh_txn_find(t, OSC_COH_F_VALID) >= 0;
}

void osc_coh_txn_bus(struct osc_coh_txn *t, unsigned bus)
{
	struct osc_coh *sim = t->sim;
	struct osc_coh_counts *c = &sim->cnt[t->cpu];

	t->bus |= bus;
	if (bus & OSC_COH_BUS_RD)
		c->bus_rd++;
	if (bus & OSC_COH_BUS_RDX)
		c->bus_rdx++;
	if (bus & OSC_COH_BUS_UPGR) {
		c->bus_upgr++;
		t->cycles += sim->p.c2c_word_cycles;
	}
	if (bus & OSC_COH_BUS_UPD) {
		c->bus_upd++;
		t->cycles += sim->p.c2c_word_cycles;
		sim->traffic.data_bytes += sim->p.word_size;
	}
	if (bus & OSC_COH_BUS_WR) {
		/* A write-through is counted with the updates: one word. */
		c->bus_upd++;
		t->cycles += sim->p.mem_cycles;
		sim->traffic.data_bytes += sim->p.word_size;
		sim->traffic.memory_writes++;
	}
	for (; bus; bus &= bus - 1)
		sim->traffic.bus_transactions++;
}

void osc_coh_txn_flush(struct osc_coh_txn *t, unsigned c, bool to_mem)
{
	struct osc_coh *sim = t->sim;

	assert(t->slot[c] != COH_NOSLOT);
	sim->cnt[c].flushes++;
	if (!to_mem)
		return;
	sim->traffic.memory_writes++;
	t->cycles += sim->p.mem_cycles;
	if (sim->p.check)
		coh_check_to_mem(sim, t->line, t->slot[c]);
}

static void txn_evict(struct osc_coh_txn *t, uint64_t g)
{
	struct osc_coh *sim = t->sim;

	if (sim->ops->state_flags[sim->state[g]] & OSC_COH_F_DIRTY) {
		sim->cnt[t->cpu].writebacks++;
		sim->traffic.bus_transactions++;
		sim->traffic.memory_writes++;
		sim->traffic.data_bytes += sim->p.line_size;
		t->cycles += sim->p.mem_cycles;
		if (sim->p.check)
			coh_check_to_mem(sim, sim->tag[g], g);
	}
	sim->state[g] = 0;
	sim->tag[g] = COH_NOLINE;
	sim->fp[g] = 0;
}

void osc_coh_txn_fill(struct osc_coh_txn *t, int supplier, unsigned state)
{
	struct osc_coh *sim = t->sim;
	uint64_t g = coh_victim(sim, t->cpu, t->line);

	assert(t->state[t->cpu] == 0 && state != 0);
	if (sim->state[g])
		txn_evict(t, g);
	sim->tag[g] = t->line;
	sim->fp[g] = coh_fp(t->line);
	sim->state[g] = (uint8_t)state;
	sim->stamp[g] = ++sim->clock;
	t->slot[t->cpu] = (uint32_t)g;
	t->state[t->cpu] = (uint8_t)state;
	t->supplier = supplier;
	sim->traffic.data_bytes += sim->p.line_size;
	if (supplier >= 0) {
		assert(t->slot[supplier] != COH_NOSLOT);
		sim->cnt[t->cpu].c2c++;
		t->cycles += sim->p.c2c_word_cycles * sim->wpl;
	} else {
		sim->traffic.memory_reads++;
		t->cycles += sim->p.mem_cycles;
	}
	if (sim->p.check)
		coh_check_fill(sim, t->line, g,
			       supplier >= 0 ? (int64_t)t->slot[supplier] : -1);
}

void osc_coh_txn_set(struct osc_coh_txn *t, unsigned c, unsigned state)
{
	struct osc_coh *sim = t->sim;
	const uint8_t *fl = t->ops->state_flags;
	unsigned old = t->state[c];

	assert(t->slot[c] != COH_NOSLOT);
	if (c != t->cpu) {
		if (state == 0 && old != 0)
			sim->cnt[c].invalidations++;
		if ((fl[old] & OSC_COH_F_EXCL) && (fl[state] & OSC_COH_F_VALID) &&
		    !(fl[state] & OSC_COH_F_EXCL))
			sim->cnt[c].interventions++;
	}
	t->state[c] = (uint8_t)state;
	sim->state[t->slot[c]] = (uint8_t)state;
	if (state == 0) {
		sim->tag[t->slot[c]] = COH_NOLINE;
		sim->fp[t->slot[c]] = 0;
		t->slot[c] = COH_NOSLOT;
	}
}

void osc_coh_txn_update(struct osc_coh_txn *t, unsigned c)
{
	assert(t->slot[c] != COH_NOSLOT && c != t->cpu);
	t->upd_mask |= UINT64_C(1) << c;
	t->sim->cnt[c].updates++;
}
