/* osconcepts/coh.h: snooping cache coherence (cache-coh): caches, bus, protocols, checker. */
#ifndef OSCONCEPTS_COH_H
#define OSCONCEPTS_COH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The model (man 7 osc-coherence, cache-coh(1)): one private cache per CPU
 * (set-associative, LRU within a set), an atomic snooping bus and memory.
 * Accesses are simulated one at a time; each completes, with its bus
 * transaction, before the next begins.  A protocol is a plug-in (struct
 * osc_coh_ops) that decides, for an access the cache cannot serve alone,
 * which transactions go on the bus, who supplies the data and which states
 * the copies take; the simulator does the bookkeeping (fills, evictions,
 * counters, cycles) and the checker.
 */

#define OSC_COH_MAX_CPUS 64

/* Bus transactions, as a bit mask (a Dragon write miss issues two). */
#define OSC_COH_BUS_RD 0x1u	/* read a line */
#define OSC_COH_BUS_RDX 0x2u	/* read a line to write it: others invalidate */
#define OSC_COH_BUS_UPGR 0x4u	/* invalidate other copies, no data */
#define OSC_COH_BUS_UPD 0x8u	/* one written word to the other copies */
#define OSC_COH_BUS_WR 0x10u	/* one written word to memory (write-through) */
#define OSC_COH_BUS_ALL 0x1fu

/* What a state means; state 0 is always "not present" (I). */
#define OSC_COH_F_VALID 0x1u	/* the copy may be read */
#define OSC_COH_F_WSILENT 0x2u	/* a write hit needs no bus transaction */
#define OSC_COH_F_DIRTY 0x4u	/* memory may be stale: eviction writes back */
#define OSC_COH_F_EXCL 0x8u	/* no other cache may hold the line */
#define OSC_COH_F_OWNER 0x10u	/* at most one cache may be in an owner state */

struct osc_coh;
struct osc_coh_txn;

/*
 * A coherence protocol.  Instances are static const; the simulator points
 * to them.  read_miss is called for a read of a line the CPU does not hold;
 * write for a write the cache cannot do silently (a write miss, or a hit in
 * a state without OSC_COH_F_WSILENT).  They act through the osc_coh_txn_*
 * calls below.  A write hit in a state with OSC_COH_F_WSILENT moves the
 * line to after_write[state] with no transaction; read hits never change a
 * state.  explain is the protocol's transition table as text (cache-coh
 * --explain prints it).
 */
struct osc_coh_ops {
	const char *name;
	const char *summary;
	const char *explain;
	unsigned nstates;
	const char *const *state_names;	/* [0] is "I" */
	const uint8_t *state_flags;	/* OSC_COH_F_* per state */
	const uint8_t *after_write;	/* per state, for silent write hits */
	void (*read_miss)(struct osc_coh_txn *t);
	void (*write)(struct osc_coh_txn *t);
};

extern const struct osc_coh_ops osc_coh_msi, osc_coh_mesi, osc_coh_moesi,
	osc_coh_dragon, osc_coh_vi;

/* The registry: every protocol, in the order msi, mesi, moesi, dragon, vi,
 * ended by NULL; lookup by exact name (NULL when unknown). */
extern const struct osc_coh_ops *const osc_coh_protocols[];
const struct osc_coh_ops *osc_coh_lookup(const char *name);

/*
 * The transaction in progress, as a protocol sees it.  state[c] is CPU c's
 * state of the line when the transaction began (0 when absent); the calls
 * below keep it current.
 */
struct osc_coh_txn {
	struct osc_coh *sim;
	const struct osc_coh_ops *ops;
	unsigned cpu;			/* the requesting CPU */
	unsigned ncpus;
	bool write;
	uint8_t state[OSC_COH_MAX_CPUS];
	/* Private to the simulator. */
	uint32_t slot[OSC_COH_MAX_CPUS];
	uint64_t line, upd_mask, cycles;
	unsigned bus;
	int supplier;
};

/* The lowest-numbered CPU other than the requester whose state has any of
 * the flags, or -1. */
int osc_coh_txn_find(const struct osc_coh_txn *t, unsigned flags);
/* Whether another CPU holds the line valid (the bus's "shared" line). */
bool osc_coh_txn_shared(const struct osc_coh_txn *t);
/* Put transaction(s) `bus` (OSC_COH_BUS_*) on the bus for the requester. */
void osc_coh_txn_bus(struct osc_coh_txn *t, unsigned bus);
/* CPU c puts its dirty copy on the bus (it is counted as a flush); with
 * to_mem memory takes it too (a memory write). */
void osc_coh_txn_flush(struct osc_coh_txn *t, unsigned c, bool to_mem);
/* Bring the line into the requester's cache in `state`, from CPU supplier
 * or from memory (supplier -1), evicting the LRU line of the set (a dirty
 * victim is written back). */
void osc_coh_txn_fill(struct osc_coh_txn *t, int supplier, unsigned state);
/* Set CPU c's state of the line; 0 invalidates another CPU's copy. */
void osc_coh_txn_set(struct osc_coh_txn *t, unsigned c, unsigned state);
/* The written word goes into CPU c's copy too (a Dragon update). */
void osc_coh_txn_update(struct osc_coh_txn *t, unsigned c);

/* Parameters; sizes in bytes, powers of two. */
struct osc_coh_params {
	unsigned cpus;			/* 1 .. OSC_COH_MAX_CPUS */
	uint64_t cache_size, assoc, line_size, word_size;
	uint64_t hit_cycles, mem_cycles, c2c_word_cycles;
	bool check;			/* run the coherence checker */
};

/* Defaults: 4 CPUs, 32K, 8-way, 64-byte lines, 8-byte words, 1/100/2
 * cycles, checker on. */
void osc_coh_defaults(struct osc_coh_params *p);
/* Validate p: OSC_EUSAGE with a message naming the option (--cpus,
 * --cache-size, ...), e.g. `--assoc=3 must be a power of two`. */
int osc_coh_check_params(const struct osc_coh_params *p,
			 struct osc_error *err);

/* Counters of one CPU (cache-coh(1) defines each; summary table). */
struct osc_coh_counts {
	uint64_t reads, writes, read_misses, write_misses;
	uint64_t bus_rd, bus_rdx, bus_upgr, bus_upd;
	uint64_t flushes, interventions, invalidations, updates;
	uint64_t writebacks, c2c, cycles;
};

/* Bus and memory totals (traffic table). */
struct osc_coh_traffic {
	uint64_t bus_transactions, data_bytes, memory_reads, memory_writes;
};

enum osc_coh_result {
	OSC_COH_HIT,		/* served by the cache without a transaction */
	OSC_COH_MISS,		/* the line was not in the cache */
	OSC_COH_UPGRADE		/* present, but a transaction was needed */
};

/* What one access did, for the accesses table. */
struct osc_coh_access {
	enum osc_coh_result result;
	unsigned bus;		/* OSC_COH_BUS_* issued by the requester */
	int supplier;		/* -2 none, -1 memory, else the CPU */
	uint64_t cycles;
};

/*
 * A simulator for protocol ops with parameters p (checked as by
 * osc_coh_check_params).  *out is owned by the caller: osc_coh_free.
 * OSC_EUSAGE, OSC_ENOMEM.
 */
int osc_coh_new(struct osc_coh **out, const struct osc_coh_ops *ops,
		const struct osc_coh_params *p, struct osc_error *err);
void osc_coh_free(struct osc_coh *sim);

/*
 * One access by CPU cpu (< cpus, else OSC_EUSAGE) to byte address addr.
 * acc (may be NULL) receives what happened.  With the checker on, a broken invariant
 * returns OSC_EINTERNAL with `coherence violated at access N: ...` (N
 * counts accesses from 1); the simulator must not be used further.
 */
int osc_coh_access(struct osc_coh *sim, unsigned cpu, bool write,
		   uint64_t addr, struct osc_coh_access *acc,
		   struct osc_error *err);

/* CPU cpu's state of the line holding addr (0 when absent). */
unsigned osc_coh_state(const struct osc_coh *sim, unsigned cpu, uint64_t addr);
/* The name of a state of ops ("I" for 0). */
const char *osc_coh_state_name(const struct osc_coh_ops *ops, unsigned st);
/* Names of bus transactions in mask, joined by '+' ("BusRd+BusUpd"),
 * "" for none. */
const char *osc_coh_bus_name(unsigned bus);

const struct osc_coh_counts *osc_coh_counts(const struct osc_coh *sim,
					    unsigned cpu);
const struct osc_coh_traffic *osc_coh_traffic(const struct osc_coh *sim);
const struct osc_coh_ops *osc_coh_ops_of(const struct osc_coh *sim);
/* Accesses simulated so far. */
uint64_t osc_coh_accesses(const struct osc_coh *sim);

/*
 * False sharing, measured on this machine (false-share(1)): `threads`
 * threads each increment their own 64-bit counter `iterations` times,
 * with the counters adjacent (packed: they share cache lines) or each in
 * a line of its own (padded: line_size apart, line-aligned).  Plain
 * increments are a volatile load and store; atomic ones a relaxed
 * fetch-and-add.  With pin, thread i runs on the i-th CPU this process may
 * use, when there are enough of them.
 */
struct osc_fs_params {
	unsigned threads;		/* 1 .. OSC_FS_MAX_THREADS */
	uint64_t iterations;
	uint64_t line_size;		/* a power of two, 8 .. 4096 */
	bool padded, atomic, pin;
};

#define OSC_FS_MAX_THREADS 256

struct osc_fs_result {
	double seconds;			/* from the common start to the last end */
	bool verified;			/* every counter ended at iterations */
	bool pinned;			/* every thread ran pinned */
};

/* The L1 data cache line size from sysconf, else 64. */
uint64_t osc_fs_line_size(void);
/* CPUs this process may run on (at least 1). */
unsigned osc_fs_cpus(void);
/* Run one measurement: OSC_EUSAGE for bad parameters, OSC_ENOMEM, OSC_EOS
 * when threads cannot be created. */
int osc_fs_run(const struct osc_fs_params *p, struct osc_fs_result *r,
	       struct osc_error *err);

#ifdef __cplusplus
}
#endif

#endif
