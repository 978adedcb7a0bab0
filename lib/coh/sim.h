/* sim.h: the coherence simulator's private state, shared by coh.c, txn.c and check.c. */
#ifndef COH_SIM_H
#define COH_SIM_H

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "osconcepts.h"

/* The tag of an empty slot: no line number reaches it (lines are at least
 * 4 bytes, so line numbers stay below 2^62). */
#define COH_NOLINE UINT64_MAX
#define COH_NOSLOT UINT32_MAX

/*
 * Version numbers for the checker: per line seen, 2 * wpl counters: the
 * latest version of each word (bumped by every write), then memory's.  A
 * hash table (open addressing, linear probing) maps line + 1 to the index
 * of its block; 0 marks an empty slot.
 */
struct coh_vers {
	uint64_t *keys;
	uint32_t *idx;
	size_t cap, len;
	uint64_t *v;		/* len blocks of 2 * wpl */
	size_t vcap;		/* blocks allocated */
};

struct osc_coh {
	const struct osc_coh_ops *ops;
	struct osc_coh_params p;
	unsigned lshift, wshift, wpl, ashift;	/* ashift: log2(assoc) */
	uint64_t nsets, smask, assoc, nslots;	/* nslots: per CPU */
	uint64_t wmask;			/* assoc low bits (a set's ways) */
	bool mesi_fast;			/* mesi, no checker, sets of <= 64 ways */
	bool spow2;
	uint64_t clock;
	/* The slots of every cache, cpus * nslots, set by set and within a
	 * set CPU by CPU (slot (set * cpus + cpu) * assoc + way): the tags of
	 * a set are adjacent so that a lookup reads one or two cache lines,
	 * and a snoop finds every CPU's copy in one block of fingerprints. */
	uint64_t *tag;			/* line number, COH_NOLINE when empty */
	uint8_t *fp;			/* coh_fp(tag), 0 when empty */
	uint64_t *stamp;		/* LRU: time of the last use */
	uint8_t *state;			/* 0 when empty */
	uint64_t *cver;			/* cpus * nslots * wpl, checker only */
	struct coh_vers vers;
	struct osc_coh_counts *cnt;	/* per CPU */
	struct osc_coh_traffic traffic;
	uint64_t naccess;
	bool nomem;			/* the checker's table could not grow */
};

/* check.c */
int coh_vers_init(struct coh_vers *vs);
void coh_vers_free(struct coh_vers *vs);
/* The index of line's block (created with zeros), or -1 without memory. */
int64_t coh_vers_get(struct osc_coh *sim, uint64_t line);
/* Apply a write of addr's word to the versions, per the transaction. */
void coh_check_write(struct osc_coh *sim, const struct osc_coh_txn *t,
		     uint64_t addr);
/* Copy a line's versions between memory and a cache slot. */
void coh_check_fill(struct osc_coh *sim, uint64_t line, uint64_t slot,
		    int64_t from_slot);
void coh_check_to_mem(struct osc_coh *sim, uint64_t line, uint64_t slot);
/* After an access: the invariants, OSC_OK or OSC_EINTERNAL in err. */
int coh_check_access(struct osc_coh *sim, const struct osc_coh_txn *t,
		     uint64_t addr, struct osc_error *err);

/* A slot's fingerprint: 8 bits of a hash of its line, never 0 (an empty
 * slot's).  An 8-way set's fingerprints are one 64-bit word. */
static inline uint8_t coh_fp(uint64_t line)
{
	return (uint8_t)(0x80 | (line * UINT64_C(0x9e3779b97f4a7c15)) >> 57);
}

/* The ways of an 8-way set whose fingerprint is fp, as the high bit of
 * each byte of the result (way w: byte w). */
static inline uint64_t coh_fp_match8(const uint8_t *fps, uint8_t fp)
{
	const uint64_t lo7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
	uint64_t x;

	memcpy(&x, fps, sizeof x);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	x ^= UINT64_C(0x0101010101010101) * fp;
	/* The high bit of each byte of x that is zero, exactly. */
	return ~(((x & lo7) + lo7) | x | lo7);
}

/* The way of a set (tags[0..assoc-1], fingerprints fps[0..assoc-1])
 * holding line, whose fingerprint is fp, or COH_NOSLOT.  An 8-way set
 * compares the fingerprints at once, then the tags of the (nearly always
 * zero or one) matches; other sets compare the tags without branches:
 * which way matches is the least predictable thing in the simulator. */
static inline uint64_t coh_way(const uint64_t *tags, const uint8_t *fps,
			       uint64_t assoc, uint64_t line, uint8_t fp)
{
	uint64_t w, m;

	if (assoc == 8) {
		for (m = coh_fp_match8(fps, fp); m; m &= m - 1) {
			w = (uint64_t)__builtin_ctzll(m) >> 3;
			if (tags[w] == line)
				return w;
		}
		return COH_NOSLOT;
	}
	if (assoc <= 64) {
		for (w = 0, m = 0; w < assoc; w++)
			m |= (uint64_t)(tags[w] == line) << w;
		return m ? (uint64_t)__builtin_ctzll(m) : COH_NOSLOT;
	}
	for (w = 0; w < assoc; w++)
		if (tags[w] == line)
			return w;
	return COH_NOSLOT;
}

/* The first slot of cpu's part of a set. */
static inline uint64_t coh_base(const struct osc_coh *sim, unsigned cpu,
				uint64_t set)
{
	return (set * sim->p.cpus + cpu) << sim->ashift;
}

static inline uint64_t coh_set(const struct osc_coh *sim, uint64_t line)
{
	return sim->spow2 ? line & sim->smask : line % sim->nsets;
}

/* Bytes allocated past the fingerprints, so that coh_fp_match may read a
 * whole 16 bytes (or 8) at the end of the last set. */
#define COH_FP_PAD 16

/* Bit i set when fps[i] == fp, for i < nb <= 64 (bytes up to the next
 * multiple of 16 are read, never matched). */
static inline uint64_t coh_fp_match(const uint8_t *fps, unsigned nb,
				    uint8_t fp)
{
	uint64_t m = 0;
	unsigned i;
#ifdef __SSE2__
	const __m128i k = _mm_set1_epi8((char)fp);

	for (i = 0; i < nb; i += 16)
		m |= (uint64_t)(uint16_t)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_loadu_si128((const void *)(fps + i)),
				       k)) << i;
#else
	/* The high bit of each matching byte, gathered into 8 bits by a
	 * multiplication (no two partial products meet). */
	for (i = 0; i < nb; i += 8)
		m |= ((coh_fp_match8(fps + i, fp) >> 7) *
		      UINT64_C(0x0102040810204080) >> 56) << i;
#endif
	return nb < 64 ? m & ((UINT64_C(1) << nb) - 1) : m;
}

/* txn.c */
uint64_t coh_find(const struct osc_coh *sim, unsigned cpu, uint64_t line);
/* The slot to fill in cpu's set of line: an empty one, else the LRU. */
static inline uint64_t coh_victim(const struct osc_coh *sim, unsigned cpu,
				  uint64_t line)
{
	uint64_t base = coh_base(sim, cpu, coh_set(sim, line));
	uint64_t w, best = base;

	if (sim->assoc == 8) {
		/* The first empty way (state 0), else the least recently
		 * used, without a branch per way. */
		uint64_t z = coh_fp_match8(sim->state + base, 0);
		const uint64_t *st = sim->stamp + base;

		if (z)
			return base + ((uint64_t)__builtin_ctzll(z) >> 3);
		for (w = 1, best = 0; w < 8; w++)
			best = st[w] < st[best] ? w : best;
		return base + best;
	}
	for (w = 0; w < sim->assoc; w++) {
		if (sim->state[base + w] == 0)
			return base + w;
		if (sim->stamp[base + w] < sim->stamp[best])
			best = base + w;
	}
	return best;
}

#endif
