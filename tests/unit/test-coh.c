/* test-coh.c: unit tests of the coherence simulator, its protocols and its checker. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

static struct osc_coh *mk(const struct osc_coh_ops *ops, unsigned cpus,
			  uint64_t size, uint64_t assoc, bool check)
{
	struct osc_coh_params p;
	struct osc_coh *sim;
	struct osc_error err;

	osc_coh_defaults(&p);
	p.cpus = cpus;
	p.cache_size = size;
	p.assoc = assoc;
	p.check = check;
	if (osc_coh_new(&sim, ops, &p, &err) != OSC_OK) {
		printf("# osc_coh_new: %s\n", err.msg);
		exit(1);
	}
	return sim;
}

/* splitmix64 (Steele, Lea and Flood 2014): the tests' own numbers. */
static uint64_t rnd_state;

static uint64_t rnd(uint64_t n)
{
	uint64_t z = (rnd_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (z ^ (z >> 31)) % n;
}

/* "S S I I" style: every CPU's state of addr's line. */
static const char *states(struct osc_coh *sim, unsigned cpus, uint64_t addr)
{
	static char buf[256];
	unsigned c;

	buf[0] = 0;
	for (c = 0; c < cpus; c++) {
		if (c)
			strcat(buf, " ");
		strcat(buf, osc_coh_state_name(osc_coh_ops_of(sim),
					       osc_coh_state(sim, c, addr)));
	}
	return buf;
}

/*
 * The classic sequence on one line (Culler, Singh and Gupta, fig. 5.13
 * style): P0 reads, P1 reads, P0 writes, P1 reads.  want[i] is the states
 * after access i, bus[i] the transaction, cyc[i] the cycles.
 */
struct classic {
	const struct osc_coh_ops *ops;
	const char *want[4], *bus[4];
	int supplier[4];
	uint64_t cyc[4];
};

static const struct classic classics[] = {
	{ &osc_coh_msi, { "S I", "S S", "M I", "S S" },
	  { "BusRd", "BusRd", "BusUpgr", "BusRd" }, { -1, -1, -2, 0 },
	  { 101, 101, 3, 117 } },
	{ &osc_coh_mesi, { "E I", "S S", "M I", "S S" },
	  { "BusRd", "BusRd", "BusUpgr", "BusRd" }, { -1, 0, -2, 0 },
	  { 101, 17, 3, 117 } },
	{ &osc_coh_moesi, { "E I", "S S", "M I", "O S" },
	  { "BusRd", "BusRd", "BusUpgr", "BusRd" }, { -1, 0, -2, 0 },
	  { 101, 17, 3, 17 } },
	{ &osc_coh_dragon, { "E I", "Sc Sc", "Sm Sc", "Sm Sc" },
	  { "BusRd", "BusRd", "BusUpd", "" }, { -1, -1, -2, -2 },
	  { 101, 101, 3, 1 } },
	{ &osc_coh_vi, { "V I", "V V", "V I", "V V" },
	  { "BusRd", "BusRd", "BusWr", "BusRd" }, { -1, -1, -2, -1 },
	  { 101, 101, 101, 101 } },
};

static void test_classic(const struct classic *k)
{
	static const unsigned cpu[4] = { 0, 1, 0, 1 };
	static const bool wr[4] = { false, false, true, false };
	struct osc_coh *sim = mk(k->ops, 2, 32768, 8, true);
	struct osc_coh_access a;
	struct osc_error err;
	int i;

	for (i = 0; i < 4; i++) {
		ok(osc_coh_access(sim, cpu[i], wr[i], 0x40, &a, &err) == OSC_OK,
		   "%s classic access %d runs", k->ops->name, i + 1);
		is_str(states(sim, 2, 0x40), k->want[i], "%s classic %d states",
		       k->ops->name, i + 1);
		is_str(osc_coh_bus_name(a.bus), k->bus[i], "%s classic %d bus",
		       k->ops->name, i + 1);
		is_u64((uint64_t)(a.supplier + 2), (uint64_t)(k->supplier[i] + 2),
		       "%s classic %d supplier", k->ops->name, i + 1);
		is_u64(a.cycles, k->cyc[i], "%s classic %d cycles",
		       k->ops->name, i + 1);
	}
	osc_coh_free(sim);
}

/* A plain LRU set-associative cache, written independently of lib/coh. */
struct ref_lru {
	uint64_t *tag, *age, nsets, assoc, t;
};

static bool ref_access(struct ref_lru *r, uint64_t line)
{
	uint64_t s = line % r->nsets, w, best = 0;
	uint64_t *tag = r->tag + s * r->assoc, *age = r->age + s * r->assoc;

	r->t++;
	for (w = 0; w < r->assoc; w++) {
		if (age[w] && tag[w] == line) {
			age[w] = r->t;
			return true;
		}
	}
	for (w = 1; w < r->assoc; w++)
		if (age[w] < age[best])
			best = w;
	tag[best] = line;
	age[best] = r->t;
	return false;
}

static void test_single_cpu_lru(const struct osc_coh_ops *ops)
{
	struct ref_lru r = { NULL, NULL, 4, 2, 0 };
	struct osc_coh *sim = mk(ops, 1, 512, 2, true);
	struct osc_error err;
	uint64_t i, misses = 0, addr;
	bool w, bad = false;

	r.tag = calloc(8, sizeof *r.tag);
	r.age = calloc(8, sizeof *r.age);
	rnd_state = 7;
	for (i = 0; i < 20000; i++) {
		addr = rnd(40) * 64 + rnd(64);
		/* vi does not allocate on a write: reads only there. */
		w = ops != &osc_coh_vi && rnd(3) == 0;
		misses += !ref_access(&r, addr / 64);
		bad |= osc_coh_access(sim, 0, w, addr, NULL, &err) != OSC_OK;
	}
	ok(!bad, "%s single-CPU run has no checker error", ops->name);
	is_u64(osc_coh_counts(sim, 0)->read_misses +
	       osc_coh_counts(sim, 0)->write_misses, misses,
	       "%s single-CPU misses equal a plain LRU cache's", ops->name);
	free(r.tag);
	free(r.age);
	osc_coh_free(sim);
}

/* Random multi-CPU traffic on few lines in small caches: the checker never
 * fires, and the counters add up. */
static void test_random(const struct osc_coh_ops *ops)
{
	struct osc_coh *sim = mk(ops, 4, 256, 2, true);
	struct osc_error err;
	uint64_t i, inv = 0, upd = 0;
	int st = OSC_OK;
	unsigned c;

	rnd_state = 11;
	for (i = 0; i < 50000 && st == OSC_OK; i++)
		st = osc_coh_access(sim, (unsigned)rnd(4),
				    rnd(2), rnd(1024),
				    NULL, &err);
	if (!ok(st == OSC_OK, "%s random traffic passes the checker", ops->name))
		printf("# %s\n", err.msg);
	for (c = 0; c < 4; c++) {
		inv += osc_coh_counts(sim, c)->invalidations;
		upd += osc_coh_counts(sim, c)->updates;
	}
	if (ops == &osc_coh_dragon)
		ok(inv == 0 && upd > 0, "dragon never invalidates, it updates");
	else
		ok(inv > 0 && upd == 0, "%s invalidates and never updates",
		   ops->name);
	osc_coh_free(sim);
}

/* A dirty line evicted from a direct-mapped 2-line cache is written back. */
static void test_writeback(const struct osc_coh_ops *ops, uint64_t want)
{
	struct osc_coh *sim = mk(ops, 1, 128, 1, true);
	struct osc_coh_access a;
	struct osc_error err;

	osc_coh_access(sim, 0, true, 0x0, NULL, &err);
	osc_coh_access(sim, 0, false, 0x80, &a, &err);
	is_u64(osc_coh_counts(sim, 0)->writebacks, want,
	       "%s evicting a written line writes back %llu times", ops->name,
	       (unsigned long long)want);
	is_u64(a.cycles, want ? 201 : 101, "%s the miss costs the write-back",
	       ops->name);
	osc_coh_free(sim);
}

/* MSI whose upgrade forgets to invalidate the other copies. */
static void broken_write(struct osc_coh_txn *t)
{
	if (t->state[t->cpu] == 1) {
		osc_coh_txn_bus(t, OSC_COH_BUS_UPGR);
		osc_coh_txn_set(t, t->cpu, 2);
		return;
	}
	osc_coh_msi.write(t);
}

/* MSI whose read miss ignores a dirty holder and reads stale memory. */
static void broken_read(struct osc_coh_txn *t)
{
	osc_coh_txn_bus(t, OSC_COH_BUS_RD);
	osc_coh_txn_fill(t, -1, 1);
}

static void test_broken(void)
{
	struct osc_coh_ops b1 = osc_coh_msi, b2 = osc_coh_msi;
	struct osc_coh *sim;
	struct osc_error err;

	b1.write = broken_write;
	sim = mk(&b1, 2, 32768, 8, true);
	osc_coh_access(sim, 0, false, 0x40, NULL, &err);
	osc_coh_access(sim, 1, false, 0x40, NULL, &err);
	is_u64(osc_coh_access(sim, 0, true, 0x40, NULL, &err), OSC_EINTERNAL,
	       "a missing invalidation is caught at once");
	ok(strstr(err.msg, "coherence violated at access 3: ") != NULL,
	   "the message names access 3 (%s)", err.msg);
	osc_coh_free(sim);

	b2.read_miss = broken_read;
	b2.state_flags = (const uint8_t[]){ 0, OSC_COH_F_VALID,
					     OSC_COH_F_VALID | OSC_COH_F_WSILENT |
					     OSC_COH_F_DIRTY | OSC_COH_F_OWNER };
	sim = mk(&b2, 2, 32768, 8, true);
	osc_coh_access(sim, 0, true, 0x40, NULL, &err);
	is_u64(osc_coh_access(sim, 1, false, 0x48, NULL, &err), OSC_EINTERNAL,
	       "a read of stale memory is caught");
	ok(strstr(err.msg, "access 2: ") != NULL, "at access 2 (%s)", err.msg);
	osc_coh_free(sim);

	/* Broken tables, the protocol's functions untouched: MSI whose S
	 * allows a silent write (P1's copy goes stale at access 3)... */
	b2 = osc_coh_msi;
	b2.state_flags = (const uint8_t[]){ 0, OSC_COH_F_VALID |
					     OSC_COH_F_WSILENT,
					     OSC_COH_F_VALID | OSC_COH_F_WSILENT |
					     OSC_COH_F_DIRTY | OSC_COH_F_EXCL |
					     OSC_COH_F_OWNER };
	sim = mk(&b2, 2, 32768, 8, true);
	osc_coh_access(sim, 0, false, 0x40, NULL, &err);
	osc_coh_access(sim, 1, false, 0x40, NULL, &err);
	is_u64(osc_coh_access(sim, 0, true, 0x40, NULL, &err), OSC_EINTERNAL,
	       "a table letting S write silently is caught");
	ok(strstr(err.msg, "access 3: cpu1's copy") != NULL,
	   "at access 3, in cpu1's copy (%s)", err.msg);
	osc_coh_free(sim);

	/* ... and MESI whose write in E stays E (clean): memory is stale
	 * while no cache holds the line dirty, at once. */
	b2 = osc_coh_mesi;
	b2.after_write = (const uint8_t[]){ 0, 1, 2, 3 };
	sim = mk(&b2, 2, 32768, 8, true);
	osc_coh_access(sim, 0, false, 0x40, NULL, &err);
	is_u64(osc_coh_access(sim, 0, true, 0x40, NULL, &err), OSC_EINTERNAL,
	       "a table leaving a written E line clean is caught");
	ok(strstr(err.msg, "access 2: memory's copy") != NULL,
	   "at access 2, in memory's copy (%s)", err.msg);
	osc_coh_free(sim);

	sim = mk(&b1, 2, 32768, 8, false);
	osc_coh_access(sim, 0, false, 0x40, NULL, &err);
	osc_coh_access(sim, 1, false, 0x40, NULL, &err);
	is_u64(osc_coh_access(sim, 0, true, 0x40, NULL, &err), OSC_OK,
	       "without the checker the same bug goes unnoticed");
	osc_coh_free(sim);
}

static void test_params(void)
{
	struct osc_coh_params p;
	struct osc_error err;
	struct osc_coh *sim;

	osc_coh_defaults(&p);
	ok(osc_coh_check_params(&p, &err) == OSC_OK, "defaults are valid");
	p.assoc = 3;
	ok(osc_coh_check_params(&p, &err) == OSC_EUSAGE &&
	   strstr(err.msg, "--assoc=3") != NULL, "assoc 3 is refused: %s",
	   err.msg);
	osc_coh_defaults(&p);
	p.cpus = 65;
	ok(osc_coh_new(&sim, &osc_coh_msi, &p, &err) == OSC_EUSAGE && !sim,
	   "65 CPUs are refused: %s", err.msg);
	osc_coh_defaults(&p);
	p.word_size = 128;
	ok(osc_coh_check_params(&p, &err) == OSC_EUSAGE,
	   "a word larger than a line is refused: %s", err.msg);
	osc_coh_defaults(&p);
	p.cache_size = UINT64_C(1) << 40;
	ok(osc_coh_check_params(&p, &err) == OSC_EUSAGE,
	   "a 1T cache is refused before allocating: %s", err.msg);
	sim = mk(&osc_coh_msi, 2, 1024, 2, true);
	ok(osc_coh_access(sim, 2, false, 0, NULL, &err) == OSC_EUSAGE,
	   "CPU 2 of 2 is refused: %s", err.msg);
	osc_coh_free(sim);
	ok(osc_coh_lookup("mesi") == &osc_coh_mesi && !osc_coh_lookup("mosi"),
	   "the registry finds mesi and not mosi");
	is_str(osc_coh_bus_name(OSC_COH_BUS_RD | OSC_COH_BUS_UPD), "BusRd+BusUpd",
	       "bus names join with +");
}

/* The false-sharing runner counts exactly, packed or padded. */
static void test_false_share(void)
{
	struct osc_fs_params p = { 3, 20000, 64, false, false, true };
	struct osc_fs_result r;
	struct osc_error err;

	ok(osc_fs_run(&p, &r, &err) == OSC_OK && r.verified,
	   "false-share packed plain: every counter reaches 20000");
	p.padded = true;
	p.atomic = true;
	ok(osc_fs_run(&p, &r, &err) == OSC_OK && r.verified,
	   "false-share padded atomic: every counter reaches 20000");
	p.line_size = 48;
	ok(osc_fs_run(&p, &r, &err) == OSC_EUSAGE, "a 48-byte line is refused");
	ok(osc_fs_line_size() >= 8, "the line size is known or 64");
}

int main(void)
{
	const struct osc_coh_ops *const *p;
	size_t i;

	test_params();
	for (i = 0; i < sizeof classics / sizeof classics[0]; i++)
		test_classic(&classics[i]);
	for (p = osc_coh_protocols; *p; p++) {
		test_single_cpu_lru(*p);
		test_random(*p);
	}
	test_writeback(&osc_coh_msi, 1);
	test_writeback(&osc_coh_mesi, 1);
	test_writeback(&osc_coh_moesi, 1);
	test_writeback(&osc_coh_dragon, 1);
	test_writeback(&osc_coh_vi, 0);
	test_broken();
	test_false_share();
	return tap_done();
}
