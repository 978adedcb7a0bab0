/* osconcepts/deadlock.h: deadlock avoidance and detection (bankers, deadlock-check). */
#ifndef OSCONCEPTS_DEADLOCK_H
#define OSCONCEPTS_DEADLOCK_H

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A banker's problem (the `bankers` format, man 5 osc-traces):
 *
 *	resources A B C			optional names (default R0 R1 ...)
 *	available 3 3 2			or: total 10 5 7
 *	process P0 alloc 0 1 0 max 7 5 3
 *	request P1 1 0 2		zero or more, applied in order
 *	release P1 1 0 0
 *
 * In matrix mode (deadlock-check -m matrix) process lines carry
 * `request V...` (what the process waits for now) instead of `max V...`,
 * and top-level request/release lines are not allowed.
 *
 * Vectors are rows of nres numbers; matrices are nproc rows, row-major.
 * Everything is owned by the struct and freed by osc_bankers_free.
 */
enum osc_bk_op_kind {
	OSC_BK_REQUEST,
	OSC_BK_RELEASE
};

struct osc_bk_op {
	enum osc_bk_op_kind kind;
	size_t proc;
	uint64_t line;		/* input line */
	uint64_t *v;		/* nres numbers */
};

struct osc_bankers {
	size_t nres, nproc, nops;
	char **res;		/* nres names */
	char **proc;		/* nproc names */
	uint64_t *avail;	/* nres */
	uint64_t *alloc;	/* nproc * nres */
	uint64_t *max;		/* nproc * nres (the request matrix in matrix mode) */
	uint64_t *line;		/* nproc: the line of each process */
	struct osc_bk_op *ops;	/* nops */
	bool matrix;
	/* Private: reading state. */
	size_t cap_proc, cap_ops, cap_res;
	bool have_res, have_avail, avail_is_total;
	uint64_t avail_line;
	const char *avail_file;
	uint64_t *tmp;
	size_t tmp_cap;
};

/* Start an empty problem (matrix: process lines carry `request`). */
int osc_bankers_init(struct osc_bankers *b, bool matrix);
void osc_bankers_free(struct osc_bankers *b);
/* Read every line of s into b (may be called once per input file).
 * OSC_EDATA with the file and line on the first violation of the format's
 * rules: vector lengths agree, alloc <= max, no negative numbers, unique
 * process names, available/total exactly once, known process names. */
int osc_bankers_read(struct osc_bankers *b, struct osc_scan *s);
/* After the last file: check available/total was given and turn a total
 * into available (total >= sum of alloc, else OSC_EDATA at the total line);
 * fill in default resource names.  err gets the messages. */
int osc_bankers_finish(struct osc_bankers *b, struct osc_error *err);
/* The index of a process name, or (size_t)-1. */
size_t osc_bankers_find(const struct osc_bankers *b, const char *name,
			size_t len);

/* How the safety algorithm looks for the next process to run. */
enum osc_bk_scan {
	OSC_BK_RESTART,		/* from the first process after every choice */
	OSC_BK_CONTINUE		/* from the process after the one chosen, wrapping */
};

/*
 * The safety algorithm on (avail, alloc, need = max - alloc) of b.  seq gets
 * the processes in the order they finish (nproc slots); works, when not NULL,
 * (nproc + 1) * nres numbers: Work before the first step and after each.
 * Returns how many processes finished (the state is safe iff == nproc).
 * ENOMEM is returned as (size_t)-1.
 */
size_t osc_bankers_safety(const struct osc_bankers *b, enum osc_bk_scan scan,
			  size_t *seq, uint64_t *works);

/* Need(p, r) = max - alloc (alloc <= max is checked on input). */
static inline uint64_t osc_bankers_need(const struct osc_bankers *b, size_t p,
					size_t r)
{
	return b->max[p * b->nres + r] - b->alloc[p * b->nres + r];
}

enum osc_bk_decision {
	OSC_BK_GRANTED,		/* request granted: the state stays safe */
	OSC_BK_WAIT,		/* more than available: the process must wait */
	OSC_BK_UNSAFE,		/* granting would leave an unsafe state */
	OSC_BK_ERROR,		/* more than the need (or release more than held) */
	OSC_BK_RELEASED		/* a release was applied */
};

const char *osc_bk_decision_name(enum osc_bk_decision d);

/* Apply op (a request or release) to b: the state changes only for
 * OSC_BK_GRANTED and OSC_BK_RELEASED.  *d gets the decision; reason (size
 * bytes) a short explanation such as `exceeds need 0 2 0`. */
int osc_bankers_apply(struct osc_bankers *b, const struct osc_bk_op *op,
		      enum osc_bk_scan scan, enum osc_bk_decision *d,
		      char *reason, size_t size);

/*
 * Every safe sequence of b's current state in lexicographic order of process
 * index, each passed to fn (nproc indices); fn returns non-zero to stop.
 * At most `cap` sequences (0 = no cap); *capped tells whether more exist.
 * Returns OSC_OK or OSC_ENOMEM; *count gets the number passed to fn.
 */
typedef int osc_bk_seq_fn(const size_t *seq, size_t n, void *ctx);
int osc_bankers_all(const struct osc_bankers *b, uint64_t cap, osc_bk_seq_fn *fn,
		    void *ctx, uint64_t *count, bool *capped);

/*
 * Check that seq (n process indices) is a safe sequence of b's state: each
 * process's Need <= Work in turn.  Returns the number of steps that succeed
 * (n when safe); works as for osc_bankers_safety, filled for those steps.
 * A sequence that misses or repeats a process is not safe: the check stops
 * at the repeated index, or after n steps when a process is missing.
 */
size_t osc_bankers_check(const struct osc_bankers *b, const size_t *seq,
			 size_t n, uint64_t *works);

/*
 * The detection algorithm (Coffman et al. 1971, as in Silberschatz ch. 8)
 * on matrix-mode b: Work = avail, Finish[i] = no allocation; repeatedly
 * finish any i with Request_i <= Work.  dead (nproc flags) marks the
 * processes left unfinished, which are deadlocked; returns their number
 * ((size_t)-1 when memory runs out).
 */
size_t osc_bankers_detect(const struct osc_bankers *b, bool *dead);

/*
 * A lock event trace (the `locks` format, man 5 osc-traces):
 *
 *	resource printer 2		RES has N instances (default 1)
 *	T1 acquire A [N] [@SITE]	T1 now holds A (N instances)
 *	T1 tryacquire A [N] [@SITE]	acquired with a trylock: never blocks
 *	T1 request B [N] [@SITE]	T1 is blocked waiting for B
 *	T2 release A [N] [@SITE]
 *
 * osc_locks_read replays it, checking the rules (release of what is not
 * held, acquiring beyond the instances, a blocked thread doing anything but
 * acquiring what it requested), and builds what the three analyses need:
 * the final state (holdings and blocked requests) and the lock-order graph.
 */
struct osc_locks;

enum osc_lk_kind {
	OSC_LK_DEADLOCK,	/* state: a deadlock at the end of the trace */
	OSC_LK_POTENTIAL,	/* order: a lock-order cycle */
	OSC_LK_SELF,		/* a thread waits for (re-acquires) what it holds */
	OSC_LK_GUARDED		/* order: a cycle every edge of which a gate lock guards */
};

const char *osc_lk_kind_name(enum osc_lk_kind k);

/* One finding; strings owned by the struct osc_locks that made it. */
struct osc_lk_finding {
	enum osc_lk_kind kind;
	const char *threads;	/* names separated by spaces */
	const char *resources;
	const char *cycle;	/* NULL when not applicable */
	const char *lines;
};

/* One edge of the graph drawn by osc_locks_graph / the `graph` table:
 * in order mode lock -> lock (thread, line and site where `to` was first
 * taken while `from` was held); in state mode resource -> thread
 * (assignment) or thread -> resource (request). */
struct osc_lk_edge {
	const char *from, *to, *thread, *site;	/* site may be NULL */
	uint64_t line;
	bool from_is_thread;	/* state mode: which end is the thread */
	bool in_cycle;		/* part of a reported (non-guarded) cycle */
};

enum osc_lk_mode {
	OSC_LK_STATE,
	OSC_LK_ORDER
};

/* A new empty trace; NULL when memory runs out. */
struct osc_locks *osc_locks_new(void);
void osc_locks_free(struct osc_locks *l);
/* Replay every line of s (may be called once per input file). */
int osc_locks_read(struct osc_locks *l, struct osc_scan *s);
/* Analyse in the given mode (once, after the last read): findings, graph. */
int osc_locks_analyse(struct osc_locks *l, enum osc_lk_mode mode,
		      struct osc_error *err);
size_t osc_locks_nfindings(const struct osc_locks *l);
const struct osc_lk_finding *osc_locks_finding(const struct osc_locks *l,
					       size_t i);
size_t osc_locks_nedges(const struct osc_locks *l);
const struct osc_lk_edge *osc_locks_edge(const struct osc_locks *l, size_t i);

struct osc_lk_counts {
	uint64_t events, threads, resources, deadlocked, potential, guarded;
	bool cycles_capped;	/* order mode stopped after the cycle cap */
};
void osc_locks_counts(const struct osc_locks *l, struct osc_lk_counts *c);

#ifdef __cplusplus
}
#endif

#endif
