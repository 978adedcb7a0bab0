/* locks-impl.h: the private state shared by the locks reader and its analyses. */
#ifndef OSC_LOCKS_IMPL_H
#define OSC_LOCKS_IMPL_H

#include <stdint.h>

#include "osconcepts.h"

#define LK_NONE UINT32_MAX

/* Interned names: index by name in O(1) on average. */
struct lk_names {
	char **v;
	size_t n, cap;
	uint32_t *slot;		/* open addressing, LK_NONE = empty */
	size_t nslot;
};

/* A u64 -> u32 hash map (edges by from/to pair). */
struct lk_map {
	uint64_t *key;
	uint32_t *val;		/* LK_NONE = empty */
	size_t n, cap;
};

struct lk_hold {
	uint32_t res;
	uint64_t count, line;
	uint32_t site;		/* LK_NONE = none */
};

struct lk_thread {
	struct lk_hold *held;
	size_t nheld, cap;
	uint32_t req;		/* requested resource, LK_NONE = running */
	uint64_t req_count, req_line;
	uint32_t req_site;
};

struct lk_res {
	uint64_t instances, used;
	bool declared;
};

/* An edge of the lock-order graph. */
struct lk_oedge {
	uint32_t from, to, thread, site_from, site_to;
	uint64_t line_from, line_to;
	uint32_t *gates;	/* locks held on every occurrence besides from, to */
	size_t ngates;
	bool in_cycle;
};

/* A self-deadlock seen while replaying: a thread re-acquired what it held. */
struct lk_self {
	uint32_t thread, res;
	uint64_t line_held, line_again;
	uint32_t site_again;	/* LK_NONE = none */
};

struct osc_locks {
	struct lk_names threads, res, sites;
	struct lk_thread *th;
	struct lk_res *rs;
	size_t th_cap, rs_cap;
	uint64_t events;
	/* order graph */
	struct lk_oedge *oe;
	size_t noe, oe_cap;
	struct lk_map emap;
	struct lk_self *selfs;
	size_t nselfs, selfs_cap;
	/* results */
	struct osc_lk_finding *f;
	size_t nf, f_cap;
	struct osc_lk_edge *edges;
	size_t nedges, edges_cap;
	struct osc_lk_counts counts;
	char **strs;		/* every string the results own */
	size_t nstrs, strs_cap;
};

int lk_names_add(struct lk_names *t, const char *s, size_t len, uint32_t *id,
		 bool *created);
void lk_names_free(struct lk_names *t);
uint32_t *lk_map_get(struct lk_map *m, uint64_t key);
int lk_map_put(struct lk_map *m, uint64_t key, uint32_t val);
void lk_map_free(struct lk_map *m);
bool lk_grow(void **v, size_t *cap, size_t n, size_t sz);

/* Analyses (locks-state.c, locks-order.c). */
int lk_state(struct osc_locks *l);
int lk_order(struct osc_locks *l);
/* Strongly connected components of the order graph in CSR form (locks-scc.c). */
int lk_scc(const struct osc_locks *l, const size_t *first, const size_t *adj,
	   uint32_t *comp, uint32_t *ncomp);
/* Results: a finding with formatted strings, an edge. */
int lk_add_finding(struct osc_locks *l, enum osc_lk_kind kind, char *threads,
		   char *resources, char *cycle, char *lines);
int lk_add_edge(struct osc_locks *l, const struct osc_lk_edge *e);
/* A self-deadlock finding for s: its cycle written as "T -> R (held by
 * T)" in state mode, "R -> R" in order mode. */
int lk_add_self(struct osc_locks *l, const struct lk_self *s, bool state);
/* A growable string. */
struct lk_str {
	char *s;
	size_t len, cap;
	bool nomem;
};
void lk_str_add(struct lk_str *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
