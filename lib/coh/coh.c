/* coh.c: the coherence simulator's driving loop: caches, hits, misses, counters. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Beyond this many cache lines in all, the simulator refuses to start
 * (about 2 GB of slots and checker versions). */
#define COH_MAX_SLOTS (UINT64_C(1) << 26)

void osc_coh_defaults(struct osc_coh_params *p)
{
	memset(p, 0, sizeof *p);
	p->cpus = 4;
	p->cache_size = 32 * 1024;
	p->assoc = 8;
	p->line_size = 64;
	p->word_size = 8;
	p->hit_cycles = 1;
	p->mem_cycles = 100;
	p->c2c_word_cycles = 2;
	p->check = true;
}

static bool pow2(uint64_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

static unsigned log2u(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

int osc_coh_check_params(const struct osc_coh_params *p,
			 struct osc_error *err)
{
#define BAD(...) osc_error_set(err, OSC_EUSAGE, NULL, 0, __VA_ARGS__)
	unsigned long long cs = p->cache_size, as = p->assoc;
	unsigned long long ls = p->line_size, ws = p->word_size;

	if (p->cpus < 1 || p->cpus > OSC_COH_MAX_CPUS)
		return BAD("--cpus=%u is out of range (1 to %d)", p->cpus,
			   OSC_COH_MAX_CPUS);
	if (!pow2(ls) || ls < 4 || ls > 4096)
		return BAD("--line-size=%llu must be a power of two from 4 to 4096",
			   ls);
	if (!pow2(ws) || ws > ls)
		return BAD("--word-size=%llu must be a power of two no larger than --line-size=%llu",
			   ws, ls);
	if (!pow2(as))
		return BAD("--assoc=%llu must be a power of two", as);
	if (!pow2(cs) || cs < ls * as)
		return BAD("--cache-size=%llu must be a power of two holding at least --assoc lines (%llu bytes)",
			   cs, ls * as);
	if (cs / ls > COH_MAX_SLOTS / p->cpus)
		return BAD("--cache-size=%llu with --cpus=%u is too large to simulate (at most %llu lines in all)",
			   cs, p->cpus, (unsigned long long)COH_MAX_SLOTS);
	return OSC_OK;
#undef BAD
}

static int coh_alloc(struct osc_coh *sim)
{
	uint64_t n = sim->p.cpus * sim->nslots, i;

	sim->tag = malloc(n * sizeof *sim->tag);
	sim->stamp = calloc(n, sizeof *sim->stamp);
	sim->state = calloc(n, sizeof *sim->state);
	sim->fp = calloc(n + COH_FP_PAD, sizeof *sim->fp);
	sim->cnt = calloc(sim->p.cpus, sizeof *sim->cnt);
	if (!sim->tag || !sim->stamp || !sim->state || !sim->fp || !sim->cnt)
		return OSC_ENOMEM;
	for (i = 0; i < n; i++)
		sim->tag[i] = COH_NOLINE;
	if (!sim->p.check)
		return OSC_OK;
	sim->cver = calloc(n * sim->wpl, sizeof *sim->cver);
	if (!sim->cver || coh_vers_init(&sim->vers) != OSC_OK)
		return OSC_ENOMEM;
	return OSC_OK;
}

int osc_coh_new(struct osc_coh **out, const struct osc_coh_ops *ops,
		const struct osc_coh_params *p, struct osc_error *err)
{
	struct osc_coh *sim;
	int st;

	*out = NULL;
	if ((st = osc_coh_check_params(p, err)) != OSC_OK)
		return st;
	if (!(sim = calloc(1, sizeof *sim)))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	sim->ops = ops;
	sim->p = *p;
	sim->lshift = log2u(p->line_size);
	sim->wshift = log2u(p->word_size);
	sim->wpl = (unsigned)(p->line_size / p->word_size);
	sim->assoc = p->assoc;
	sim->nsets = p->cache_size / p->line_size / p->assoc;
	sim->smask = sim->nsets - 1;
	sim->spow2 = pow2(sim->nsets);
	sim->nslots = sim->nsets * sim->assoc;
	sim->ashift = log2u(p->assoc);
	sim->mesi_fast = ops == &osc_coh_mesi && !p->check &&
			 p->cpus * p->assoc <= 64;
	sim->wmask = p->assoc >= 64 ? UINT64_MAX : (UINT64_C(1) << p->assoc) - 1;
	if (coh_alloc(sim) != OSC_OK) {
		osc_coh_free(sim);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "out of memory for %u caches of %llu bytes",
				     p->cpus, (unsigned long long)p->cache_size);
	}
	*out = sim;
	return OSC_OK;
}

void osc_coh_free(struct osc_coh *sim)
{
	if (!sim)
		return;
	free(sim->tag);
	free(sim->stamp);
	free(sim->state);
	free(sim->fp);
	free(sim->cver);
	free(sim->cnt);
	coh_vers_free(&sim->vers);
	free(sim);
}

/* Start a transaction: every CPU's state of the line; the requester's
 * slot g (COH_NOSLOT when absent) is already known.  Whether the requester
 * holds it. */
static bool txn_begin(struct osc_coh *sim, struct osc_coh_txn *t, unsigned cpu,
		      bool write, uint64_t line, uint64_t g)
{
	/* Locals: the byte stores into t->state may alias sim's fields. */
	const uint64_t *tag = sim->tag;
	const uint8_t *state = sim->state, *fps = sim->fp, fp = coh_fp(line);
	uint64_t assoc = sim->assoc, base, w, m;
	unsigned c, n = sim->p.cpus, ashift = sim->ashift;

	t->sim = sim;
	t->ops = sim->ops;
	t->cpu = cpu;
	t->ncpus = n;
	t->write = write;
	t->line = line;
	t->upd_mask = 0;
	t->cycles = sim->p.hit_cycles;
	t->bus = 0;
	t->supplier = -2;
	if (n <= 8) {
		/* Fixed sizes: a few stores, no call. */
		memset(t->slot, 0xff, 8 * sizeof t->slot[0]);
		memset(t->state, 0, 8);
	} else {
		memset(t->slot, 0xff, n * sizeof t->slot[0]);
		memset(t->state, 0, n);
	}
	base = coh_base(sim, 0, coh_set(sim, line));
	if (n * assoc <= 64) {
		/* Every CPU's ways of the set at once: the fingerprints that
		 * match, less the requester's, then their tags. */
		m = coh_fp_match(fps + base, (unsigned)(n * assoc), fp);
		m &= ~(sim->wmask << (cpu << ashift));
		for (; m; m &= m - 1) {
			w = base + (uint64_t)__builtin_ctzll(m);
			if (tag[w] == line) {
				c = (unsigned)((w - base) >> ashift);
				t->slot[c] = (uint32_t)w;
				t->state[c] = state[w];
			}
		}
	} else {
		for (c = 0; c < n; c++, base += assoc) {
			if (c == cpu)
				continue;
			w = coh_way(tag + base, fps + base, assoc, line, fp);
			if (w != COH_NOSLOT) {
				t->slot[c] = (uint32_t)(base + w);
				t->state[c] = state[base + w];
			}
		}
	}
	if (g != COH_NOSLOT) {
		t->slot[cpu] = (uint32_t)g;
		t->state[cpu] = state[g];
	}
	return t->state[cpu] != 0;
}

static void fill_access(struct osc_coh_access *acc, enum osc_coh_result r,
			unsigned bus, int supplier, uint64_t cycles)
{
	if (acc) {
		acc->result = r;
		acc->bus = bus;
		acc->supplier = supplier;
		acc->cycles = cycles;
	}
}

/*
 * MESI without the checker, for caches whose sets fit one fingerprint
 * match (cpus * assoc <= 64): a miss or an upgrade in one pass, with
 * exactly the counters, cycles, clock ticks and choices of mesi.c's
 * read_miss and write through the txn helpers (tests compare the two:
 * the checked run takes the general path).  The states are mesi.c's.
 */
enum { MESI_I, MESI_S, MESI_E, MESI_M };

static void mesi_fast(struct osc_coh *sim, unsigned cpu, bool write,
		      uint64_t line, uint64_t g, struct osc_coh_access *acc)
{
	struct osc_coh_counts *cnt = sim->cnt, *me = &cnt[cpu];
	struct osc_coh_traffic *tr = &sim->traffic;
	const struct osc_coh_params *p = &sim->p;
	uint64_t *tag = sim->tag;
	uint8_t *state = sim->state, *fps = sim->fp, fp = coh_fp(line);
	uint64_t base = coh_base(sim, 0, coh_set(sim, line));
	uint64_t cycles = p->hit_cycles, m, hold = 0, w, v;
	unsigned ashift = sim->ashift, bus, b;
	int supplier = -2;
	enum osc_coh_result r;

	/* The other CPUs' copies, as bits of the set's block (CPU-major,
	 * so the lowest bit is the lowest-numbered holder). */
	m = coh_fp_match(fps + base, (unsigned)(p->cpus << ashift), fp) &
	    ~(sim->wmask << (cpu << ashift));
	for (; m; m &= m - 1) {
		b = (unsigned)__builtin_ctzll(m);
		if (tag[base + b] == line)
			hold |= UINT64_C(1) << b;
	}
	tr->bus_transactions++;
	if (g != COH_NOSLOT) {
		/* A write in S: BusUpgr, the other copies invalidated. */
		bus = OSC_COH_BUS_UPGR;
		me->bus_upgr++;
		cycles += p->c2c_word_cycles;
		state[g] = MESI_M;
		sim->stamp[g] = ++sim->clock;
		r = OSC_COH_UPGRADE;
	} else {
		int h = hold ? (int)((unsigned)__builtin_ctzll(hold) >> ashift) : -1;

		if (write) {
			bus = OSC_COH_BUS_RDX;
			me->bus_rdx++;
			me->write_misses++;
		} else {
			bus = OSC_COH_BUS_RD;
			me->bus_rd++;
			me->read_misses++;
		}
		/* The lowest-numbered holder supplies; an M one flushes to
		 * memory as well. */
		if (h >= 0 && state[base + (uint64_t)__builtin_ctzll(hold)] == MESI_M) {
			cnt[h].flushes++;
			tr->memory_writes++;
			cycles += p->mem_cycles;
		}
		/* The fill: the victim written back if dirty (M). */
		v = coh_victim(sim, cpu, line);
		if (state[v] == MESI_M) {
			me->writebacks++;
			tr->bus_transactions++;
			tr->memory_writes++;
			tr->data_bytes += p->line_size;
			cycles += p->mem_cycles;
		}
		tag[v] = line;
		fps[v] = fp;
		state[v] = write ? MESI_M : hold ? MESI_S : MESI_E;
		/* Two ticks: the fill's, then the access's (access_slow). */
		sim->clock += 2;
		sim->stamp[v] = sim->clock;
		tr->data_bytes += p->line_size;
		if (h >= 0) {
			me->c2c++;
			cycles += p->c2c_word_cycles * sim->wpl;
		} else {
			tr->memory_reads++;
			cycles += p->mem_cycles;
		}
		supplier = h;
		r = OSC_COH_MISS;
	}
	/* The other copies: a read leaves them S (an E or M one counts an
	 * intervention), a write invalidates them. */
	for (; hold; hold &= hold - 1) {
		b = (unsigned)__builtin_ctzll(hold);
		w = base + b;
		if (write) {
			cnt[b >> ashift].invalidations++;
			state[w] = MESI_I;
			tag[w] = COH_NOLINE;
			fps[w] = 0;
		} else if (state[w] != MESI_S) {
			cnt[b >> ashift].interventions++;
			state[w] = MESI_S;
		}
	}
	me->cycles += cycles;
	fill_access(acc, r, bus, supplier, cycles);
}

/* An access the cache cannot serve alone: the protocol decides. */
static int access_slow(struct osc_coh *sim, unsigned cpu, bool write,
		       uint64_t addr, uint64_t line, uint64_t g,
		       struct osc_coh_access *acc, struct osc_error *err)
{
	struct osc_coh_counts *c = &sim->cnt[cpu];
	struct osc_coh_txn t;
	bool present;
	enum osc_coh_result r;

	present = txn_begin(sim, &t, cpu, write, line, g);
	if (write)
		sim->ops->write(&t);
	else
		sim->ops->read_miss(&t);
	if (t.state[cpu] != 0)
		sim->stamp[t.slot[cpu]] = ++sim->clock;
	if (!present) {
		r = OSC_COH_MISS;
		if (write)
			c->write_misses++;
		else
			c->read_misses++;
	} else {
		r = t.bus ? OSC_COH_UPGRADE : OSC_COH_HIT;
	}
	c->cycles += t.cycles;
	fill_access(acc, r, t.bus, t.supplier, t.cycles);
	if (!sim->p.check)
		return OSC_OK;
	if (write)
		coh_check_write(sim, &t, addr);
	return coh_check_access(sim, &t, addr, err);
}

/* A hit the cache serves alone, with the checker on. */
static int hit_checked(struct osc_coh *sim, unsigned cpu, bool write,
		       uint64_t addr, uint64_t line, uint64_t g,
		       struct osc_error *err)
{
	struct osc_coh_txn t;

	txn_begin(sim, &t, cpu, write, line, g);
	if (write)
		coh_check_write(sim, &t, addr);
	return coh_check_access(sim, &t, addr, err);
}

int osc_coh_access(struct osc_coh *sim, unsigned cpu, bool write,
		   uint64_t addr, struct osc_coh_access *acc,
		   struct osc_error *err)
{
	uint64_t line = addr >> sim->lshift;
	uint64_t base = coh_base(sim, cpu, coh_set(sim, line)), g;
	struct osc_coh_counts *c;
	unsigned st;

	if (cpu >= sim->p.cpus)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0,
				     "CPU %u is not below --cpus=%u", cpu,
				     sim->p.cpus);
	c = &sim->cnt[cpu];
	sim->naccess++;
	if (write)
		c->writes++;
	else
		c->reads++;
	g = coh_way(sim->tag + base, sim->fp + base, sim->assoc, line,
		    coh_fp(line));
	if (g == COH_NOSLOT) {
		if (sim->mesi_fast) {
			mesi_fast(sim, cpu, write, line, g, acc);
			return OSC_OK;
		}
		return access_slow(sim, cpu, write, addr, line, g, acc, err);
	}
	g += base;
	st = sim->state[g];
	if (write) {
		if (!(sim->ops->state_flags[st] & OSC_COH_F_WSILENT)) {
			if (sim->mesi_fast) {
				mesi_fast(sim, cpu, write, line, g, acc);
				return OSC_OK;
			}
			return access_slow(sim, cpu, write, addr, line, g, acc,
					   err);
		}
		sim->state[g] = sim->ops->after_write[st];
	}
	sim->stamp[g] = ++sim->clock;
	c->cycles += sim->p.hit_cycles;
	fill_access(acc, OSC_COH_HIT, 0, -2, sim->p.hit_cycles);
	if (sim->p.check)
		return hit_checked(sim, cpu, write, addr, line, g, err);
	return OSC_OK;
}

unsigned osc_coh_state(const struct osc_coh *sim, unsigned cpu, uint64_t addr)
{
	uint64_t g = coh_find(sim, cpu, addr >> sim->lshift);

	return g == COH_NOSLOT ? 0 : sim->state[g];
}

const char *osc_coh_state_name(const struct osc_coh_ops *ops, unsigned st)
{
	return st < ops->nstates ? ops->state_names[st] : "?";
}

const char *osc_coh_bus_name(unsigned bus)
{
	static const char *const names[] = {
		"", "BusRd", "BusRdX", "BusRd+BusRdX", "BusUpgr"
	};

	switch (bus) {
	case OSC_COH_BUS_RD | OSC_COH_BUS_UPD:
		return "BusRd+BusUpd";
	case OSC_COH_BUS_UPD:
		return "BusUpd";
	case OSC_COH_BUS_WR:
		return "BusWr";
	case OSC_COH_BUS_RD | OSC_COH_BUS_WR:
		return "BusRd+BusWr";
	default:
		return bus < sizeof names / sizeof names[0] ? names[bus] : "?";
	}
}

const struct osc_coh_counts *osc_coh_counts(const struct osc_coh *sim,
					    unsigned cpu)
{
	return &sim->cnt[cpu];
}

const struct osc_coh_traffic *osc_coh_traffic(const struct osc_coh *sim)
{
	return &sim->traffic;
}

const struct osc_coh_ops *osc_coh_ops_of(const struct osc_coh *sim)
{
	return sim->ops;
}

uint64_t osc_coh_accesses(const struct osc_coh *sim)
{
	return sim->naccess;
}
