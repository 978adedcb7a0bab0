/* gen-locks.c: trace-gen locks: lock event traces (locks format) with chosen inversions and deadlocks. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

/*
 * Threads T1..Tn run critical sections over locks L1..Lk: each section
 * takes 1 to 3 distinct locks in increasing order (one global lock order,
 * so no cycle and no deadlock can arise) and releases them in reverse.  The
 * threads interleave at random; a thread that finds its next lock taken
 * writes `request` and waits until it is free.  Each of --inversions is
 * written while every lock is free: one thread takes La then Lb, another
 * Lb then La (a pair not used before), so the lock-order graph has an edge
 * against the order, but this run does not hang.  --deadlock ends the
 * trace with two threads each holding one lock and requesting the other's.
 */
#define LOCKS_MAX_DEPTH 3
#define LOCKS_MAX_THREADS 1000000
#define LOCKS_MAX_LOCKS 1000000

struct locks_params {
	uint64_t threads, locks, events, inversions;
	bool deadlock;
};

enum { OPT_THREADS = 0x100, OPT_LOCKS, OPT_EVENTS, OPT_INVERSIONS, OPT_DEADLOCK };

static const struct argp_option locks_options[] = {
	{ "threads", OPT_THREADS, "N", 0, "threads T1..TN (a count; default 4)", 0 },
	{ "locks", OPT_LOCKS, "N", 0, "locks L1..LN (a count; default 8)", 0 },
	{ "events", OPT_EVENTS, "N", 0,
	  "about N events in consistent order (a count; default 1000)", 0 },
	{ "inversions", OPT_INVERSIONS, "N", 0,
	  "inject N lock-order inversions, each on a new pair of locks "
	  "(default 0)", 0 },
	{ "deadlock", OPT_DEADLOCK, NULL, 0,
	  "end in an actual deadlock of two threads", 0 },
	{ 0 }
};

static void locks_defaults(void *params)
{
	struct locks_params *p = params;

	p->threads = 4;
	p->locks = 8;
	p->events = 1000;
}

static void locks_check(struct argp_state *state, const struct locks_params *p)
{
	uint64_t pairs = p->locks * (p->locks - 1) / 2;

	if (p->threads < 1 || p->threads > LOCKS_MAX_THREADS ||
	    p->locks < 1 || p->locks > LOCKS_MAX_LOCKS)
		argp_error(state, "--threads and --locks must be 1 to %d",
			   LOCKS_MAX_THREADS);
	if ((p->inversions || p->deadlock) && (p->threads < 2 || p->locks < 2))
		argp_error(state, "--inversions and --deadlock need at least 2 threads and 2 locks");
	if (p->inversions > pairs)
		argp_error(state, "--inversions=%llu needs more locks: %llu locks make %llu pairs",
			   (unsigned long long)p->inversions,
			   (unsigned long long)p->locks, (unsigned long long)pairs);
}

static error_t locks_parse(int key, char *arg, struct argp_state *state)
{
	struct locks_params *p = state->input;

	switch (key) {
	case OPT_THREADS:
		p->threads = osc_cli_num(state, "--threads", arg, OSC_NUM_COUNT);
		break;
	case OPT_LOCKS:
		p->locks = osc_cli_num(state, "--locks", arg, OSC_NUM_COUNT);
		break;
	case OPT_EVENTS:
		p->events = osc_cli_num(state, "--events", arg, OSC_NUM_COUNT);
		break;
	case OPT_INVERSIONS:
		p->inversions = osc_cli_num(state, "--inversions", arg,
					    OSC_NUM_COUNT);
		break;
	case OPT_DEADLOCK:
		p->deadlock = true;
		break;
	case ARGP_KEY_END:
		locks_check(state, p);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp locks_argp = { locks_options, locks_parse, NULL, NULL,
					NULL, NULL, NULL };

struct lk_thr {
	uint32_t plan[LOCKS_MAX_DEPTH];
	unsigned depth, pos;	/* locks in the plan, locks taken */
	bool busy, releasing, blocked;
};

struct gen {
	struct tg *tg;
	const struct locks_params *p;
	struct lk_thr *t;
	uint64_t *holder;	/* thread + 1 holding each lock, 0 = free */
	uint64_t events, busy;
};

static void emit(struct gen *g, uint64_t th, const char *verb, uint64_t lock)
{
	tg_putc(g->tg, 'T');
	tg_putu(g->tg, th + 1);
	tg_putc(g->tg, ' ');
	tg_puts(g->tg, verb);
	tg_puts(g->tg, " L");
	tg_putu(g->tg, lock + 1);
	tg_putc(g->tg, '\n');
	g->events++;
}

/* A new section: 1..3 distinct locks in increasing order. */
static void plan(struct gen *g, struct lk_thr *t)
{
	unsigned d = 1 + (unsigned)osc_rng_below(&g->tg->rng,
		g->p->locks < LOCKS_MAX_DEPTH ? g->p->locks : LOCKS_MAX_DEPTH);
	unsigned i, j;
	uint32_t x;

	for (i = 0; i < d; i++) {
		do {
			x = (uint32_t)osc_rng_below(&g->tg->rng, g->p->locks);
			for (j = 0; j < i && t->plan[j] != x; j++)
				;
		} while (j < i);
		for (j = i; j > 0 && t->plan[j - 1] > x; j--)
			t->plan[j] = t->plan[j - 1];
		t->plan[j] = x;
	}
	t->depth = d;
	t->pos = 0;
	t->busy = true;
	t->releasing = false;
	g->busy++;
}

/* One step of thread i; false when it cannot move. */
static bool step(struct gen *g, uint64_t i, bool quiesce)
{
	struct lk_thr *t = &g->t[i];
	uint32_t l;

	if (!t->busy) {
		if (quiesce)
			return false;
		plan(g, t);
	}
	if (t->releasing) {
		l = t->plan[--t->pos];
		emit(g, i, "release", l);
		g->holder[l] = 0;
		if (t->pos == 0) {
			t->busy = false;
			g->busy--;
		}
		return true;
	}
	l = t->plan[t->pos];
	if (g->holder[l]) {
		if (t->blocked)
			return false;
		emit(g, i, "request", l);
		t->blocked = true;
		return true;
	}
	emit(g, i, "acquire", l);
	g->holder[l] = i + 1;
	t->blocked = false;
	t->releasing = ++t->pos == t->depth;
	return true;
}

/* Run until `until` events (then let every section finish). */
static void run_until(struct gen *g, uint64_t until)
{
	uint64_t n = g->p->threads, start, k;

	while (g->events < until || g->busy) {
		start = osc_rng_below(&g->tg->rng, n);
		for (k = 0; k < n; k++)
			if (step(g, (start + k) % n, g->events >= until))
				break;
		if (k == n)
			break;	/* every thread idle */
	}
}

static void two_threads(struct gen *g, uint64_t *x, uint64_t *y)
{
	*x = osc_rng_below(&g->tg->rng, g->p->threads);
	*y = (*x + 1 + osc_rng_below(&g->tg->rng, g->p->threads - 1)) %
	     g->p->threads;
}

/* Inversion number k: pair k of the locks in a shuffled order of pairs
 * (a < b); X takes a then b, Y b then a, one after the other. */
static void invert(struct gen *g, uint64_t a, uint64_t b)
{
	uint64_t x, y;

	two_threads(g, &x, &y);
	emit(g, x, "acquire", a);
	emit(g, x, "acquire", b);
	emit(g, x, "release", b);
	emit(g, x, "release", a);
	emit(g, y, "acquire", b);
	emit(g, y, "acquire", a);
	emit(g, y, "release", a);
	emit(g, y, "release", b);
}

/* The pair of number k in 0..locks*(locks-1)/2 - 1. */
static void pair_of(uint64_t k, uint64_t n, uint64_t *a, uint64_t *b)
{
	for (*a = 0; k >= n - 1 - *a; (*a)++)
		k -= n - 1 - *a;
	*b = *a + 1 + k;
}

static int locks_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct locks_params *p = params;
	struct gen g = { .tg = tg, .p = p };
	uint64_t pairs = p->locks * (p->locks - 1) / 2, k, a, b, x, y, base;

	g.t = calloc(p->threads, sizeof *g.t);
	g.holder = calloc(p->locks, sizeof *g.holder);
	if (!g.t || !g.holder) {
		free(g.t);
		free(g.holder);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	}
	base = pairs ? osc_rng_below(&tg->rng, pairs) : 0;
	for (k = 0; k < p->inversions; k++) {
		run_until(&g, p->events * (k + 1) / (p->inversions + 1));
		pair_of((base + k) % pairs, p->locks, &a, &b);
		invert(&g, a, b);
	}
	run_until(&g, p->events);
	if (p->deadlock) {
		two_threads(&g, &x, &y);
		pair_of(osc_rng_below(&tg->rng, pairs), p->locks, &a, &b);
		emit(&g, x, "acquire", a);
		emit(&g, y, "acquire", b);
		emit(&g, x, "request", b);
		emit(&g, y, "request", a);
	}
	free(g.t);
	free(g.holder);
	return OSC_OK;
}

const struct tg_kind tg_locks = {
	.name = "locks",
	.summary = "lock event traces for deadlock-check (locks format)",
	.argp = &locks_argp,
	.params_size = sizeof(struct locks_params),
	.defaults = locks_defaults,
	.run = locks_run,
};
