/* check.c: the coherence checker: version numbers per word, SWMR, up-to-date reads. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sim.h"

int coh_vers_init(struct coh_vers *vs)
{
	memset(vs, 0, sizeof *vs);
	vs->cap = 1024;
	vs->keys = calloc(vs->cap, sizeof *vs->keys);
	vs->idx = malloc(vs->cap * sizeof *vs->idx);
	return vs->keys && vs->idx ? OSC_OK : OSC_ENOMEM;
}

void coh_vers_free(struct coh_vers *vs)
{
	free(vs->keys);
	free(vs->idx);
	free(vs->v);
	memset(vs, 0, sizeof *vs);
}

static size_t vers_hash(uint64_t key, size_t mask)
{
	key ^= key >> 33;
	key *= UINT64_C(0xff51afd7ed558ccd);
	key ^= key >> 33;
	return (size_t)key & mask;
}

static bool vers_grow(struct coh_vers *vs)
{
	size_t ncap = vs->cap * 2, i, h;
	uint64_t *nk = calloc(ncap, sizeof *nk);
	uint32_t *ni = malloc(ncap * sizeof *ni);

	if (!nk || !ni) {
		free(nk);
		free(ni);
		return false;
	}
	for (i = 0; i < vs->cap; i++) {
		if (!vs->keys[i])
			continue;
		for (h = vers_hash(vs->keys[i], ncap - 1); nk[h];
		     h = (h + 1) & (ncap - 1))
			;
		nk[h] = vs->keys[i];
		ni[h] = vs->idx[i];
	}
	free(vs->keys);
	free(vs->idx);
	vs->keys = nk;
	vs->idx = ni;
	vs->cap = ncap;
	return true;
}

static bool vers_block(struct coh_vers *vs, unsigned wpl)
{
	size_t ncap = vs->vcap ? vs->vcap * 2 : 256;
	uint64_t *nv;

	if (vs->len < vs->vcap)
		return true;
	if (ncap > UINT32_MAX)
		return false;
	nv = realloc(vs->v, ncap * 2 * wpl * sizeof *nv);
	if (!nv)
		return false;
	vs->v = nv;
	vs->vcap = ncap;
	return true;
}

int64_t coh_vers_get(struct osc_coh *sim, uint64_t line)
{
	struct coh_vers *vs = &sim->vers;
	uint64_t key = line + 1;
	size_t h, mask = vs->cap - 1;

	for (h = vers_hash(key, mask); vs->keys[h]; h = (h + 1) & mask)
		if (vs->keys[h] == key)
			return vs->idx[h];
	if ((vs->len + 1) * 2 > vs->cap) {
		if (!vers_grow(vs))
			return -1;
		mask = vs->cap - 1;
		for (h = vers_hash(key, mask); vs->keys[h]; h = (h + 1) & mask)
			;
	}
	if (!vers_block(vs, sim->wpl))
		return -1;
	vs->keys[h] = key;
	vs->idx[h] = (uint32_t)vs->len;
	memset(vs->v + vs->len * 2 * sim->wpl, 0, 2 * sim->wpl * sizeof *vs->v);
	return (int64_t)vs->len++;
}

/* The latest versions of line's words, then memory's; NULL without memory. */
static uint64_t *vers_of(struct osc_coh *sim, uint64_t line)
{
	int64_t i = coh_vers_get(sim, line);

	if (i < 0) {
		sim->nomem = true;
		return NULL;
	}
	return sim->vers.v + (size_t)i * 2 * sim->wpl;
}

void coh_check_fill(struct osc_coh *sim, uint64_t line, uint64_t slot,
		    int64_t from_slot)
{
	uint64_t *dst = sim->cver + slot * sim->wpl, *v;

	if (from_slot >= 0) {
		memcpy(dst, sim->cver + (uint64_t)from_slot * sim->wpl,
		       sim->wpl * sizeof *dst);
	} else if ((v = vers_of(sim, line))) {
		memcpy(dst, v + sim->wpl, sim->wpl * sizeof *dst);
	}
}

void coh_check_to_mem(struct osc_coh *sim, uint64_t line, uint64_t slot)
{
	uint64_t *v = vers_of(sim, line);

	if (v)
		memcpy(v + sim->wpl, sim->cver + slot * sim->wpl,
		       sim->wpl * sizeof *v);
}

void coh_check_write(struct osc_coh *sim, const struct osc_coh_txn *t,
		     uint64_t addr)
{
	unsigned w = (unsigned)((addr >> sim->wshift) & (sim->wpl - 1));
	uint64_t *v = vers_of(sim, t->line), nv;
	unsigned c;

	if (!v)
		return;
	nv = ++v[w];
	if (t->state[t->cpu] != 0)
		sim->cver[(uint64_t)t->slot[t->cpu] * sim->wpl + w] = nv;
	for (c = 0; c < t->ncpus; c++)
		if ((t->upd_mask >> c & 1) && t->slot[c] != COH_NOSLOT)
			sim->cver[(uint64_t)t->slot[c] * sim->wpl + w] = nv;
	if (t->bus & OSC_COH_BUS_WR)
		v[sim->wpl + w] = nv;
}

#define VIOLATED(...) osc_error_set(err, OSC_EINTERNAL, NULL, 0, \
	"coherence violated at access %llu: " __VA_ARGS__)

/* Single writer, multiple readers: an exclusive copy is the only one, and
 * at most one cache owns the line. */
static int check_swmr(struct osc_coh *sim, const struct osc_coh_txn *t,
		      struct osc_error *err)
{
	const uint8_t *fl = sim->ops->state_flags;
	unsigned c, nvalid = 0, nowner = 0;
	int excl = -1;

	for (c = 0; c < t->ncpus; c++) {
		unsigned f = fl[t->state[c]];

		nvalid += (f & OSC_COH_F_VALID) != 0;
		nowner += (f & OSC_COH_F_OWNER) != 0;
		if (f & OSC_COH_F_EXCL)
			excl = (int)c;
	}
	if (excl >= 0 && nvalid > 1)
		return VIOLATED("cpu%d holds line 0x%llx in %s, yet %u caches hold it",
				(unsigned long long)sim->naccess, excl,
				(unsigned long long)t->line,
				osc_coh_state_name(sim->ops, t->state[excl]),
				nvalid);
	if (nowner > 1)
		return VIOLATED("%u caches own line 0x%llx",
				(unsigned long long)sim->naccess, nowner,
				(unsigned long long)t->line);
	return OSC_OK;
}

/* Every valid copy holds the latest version of every word; memory does
 * too when no cache holds the line dirty. */
static int check_values(struct osc_coh *sim, const struct osc_coh_txn *t,
			const uint64_t *v, struct osc_error *err)
{
	const uint8_t *fl = sim->ops->state_flags;
	unsigned c, w;
	bool dirty = false;
	const uint64_t *cv;

	for (c = 0; c < t->ncpus; c++) {
		if (!(fl[t->state[c]] & OSC_COH_F_VALID))
			continue;
		dirty |= (fl[t->state[c]] & OSC_COH_F_DIRTY) != 0;
		cv = sim->cver + (uint64_t)t->slot[c] * sim->wpl;
		for (w = 0; w < sim->wpl; w++)
			if (cv[w] != v[w])
				return VIOLATED("cpu%u's copy of line 0x%llx is stale (word %u: version %llu, latest %llu)",
						(unsigned long long)sim->naccess,
						c, (unsigned long long)t->line, w,
						(unsigned long long)cv[w],
						(unsigned long long)v[w]);
	}
	for (w = 0; !dirty && w < sim->wpl; w++)
		if (v[sim->wpl + w] != v[w])
			return VIOLATED("memory's copy of line 0x%llx is stale (word %u: version %llu, latest %llu) and no cache holds it dirty",
					(unsigned long long)sim->naccess,
					(unsigned long long)t->line, w,
					(unsigned long long)v[sim->wpl + w],
					(unsigned long long)v[w]);
	return OSC_OK;
}

int coh_check_access(struct osc_coh *sim, const struct osc_coh_txn *t,
		     uint64_t addr, struct osc_error *err)
{
	const uint8_t *fl = sim->ops->state_flags;
	uint64_t *v;
	int st;

	(void)addr;
	if ((st = check_swmr(sim, t, err)) != OSC_OK)
		return st;
	v = vers_of(sim, t->line);
	if (sim->nomem || !v)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "out of memory for the checker's versions (try --no-check)");
	if (!t->write && !(fl[t->state[t->cpu]] & OSC_COH_F_VALID))
		return VIOLATED("cpu%u read line 0x%llx but does not hold it",
				(unsigned long long)sim->naccess, t->cpu,
				(unsigned long long)t->line);
	return check_values(sim, t, v, err);
}
