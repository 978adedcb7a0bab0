/* test-deadlock-locks.c: unit tests of the locks replay, state and order analyses. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

static struct osc_locks *load(const char *text, enum osc_lk_mode mode,
			      struct osc_error *err, int *st)
{
	struct osc_locks *l = osc_locks_new();
	struct osc_scan s;

	memset(err, 0, sizeof *err);
	osc_scan_mem(&s, text, strlen(text), "t", err);
	*st = osc_locks_read(l, &s);
	osc_scan_close(&s);
	if (*st == OSC_OK)
		*st = osc_locks_analyse(l, mode, err);
	return l;
}

static void one(const char *name, const char *text, enum osc_lk_mode mode,
		const char *kind, const char *cycle)
{
	struct osc_error err;
	const struct osc_lk_finding *f;
	struct osc_locks *l;
	int st;

	l = load(text, mode, &err, &st);
	f = osc_locks_finding(l, 0);
	ok(st == OSC_OK && f && strcmp(osc_lk_kind_name(f->kind), kind) == 0,
	   "%s: kind %s", name, kind);
	if (cycle)
		is_str(f ? f->cycle : NULL, cycle, "%s: cycle", name);
	osc_locks_free(l);
}

static void none(const char *name, const char *text, enum osc_lk_mode mode)
{
	struct osc_error err;
	struct osc_locks *l;
	int st;

	l = load(text, mode, &err, &st);
	ok(st == OSC_OK && osc_locks_nfindings(l) == 0, "%s: no finding", name);
	osc_locks_free(l);
}

static void bad(const char *text, unsigned line, const char *msg)
{
	struct osc_error err;
	struct osc_locks *l;
	int st;

	l = load(text, OSC_LK_STATE, &err, &st);
	ok(st == OSC_EDATA && err.line == line && strstr(err.msg, msg),
	   "error line %u: %s (got %u: %s)", line, msg, (unsigned)err.line,
	   err.msg);
	osc_locks_free(l);
}

static const char dl2[] = "T1 acquire A\nT2 acquire B\nT1 request B\nT2 request A\n";

/* A ring of n threads and locks: Ti holds Li and requests L(i+1 mod n).
 * Many names force the name tables to grow; the cycle has n threads. */
static void test_ring(unsigned n)
{
	char *text = malloc(n * 64), *p = text;
	struct osc_lk_counts c;
	struct osc_error err;
	struct osc_locks *l;
	int st;

	for (unsigned i = 0; i < n; i++)
		p += sprintf(p, "T%u acquire L%u\n", i, i);
	for (unsigned i = 0; i < n; i++)
		p += sprintf(p, "T%u request L%u\n", i, (i + 1) % n);
	l = load(text, OSC_LK_STATE, &err, &st);
	osc_locks_counts(l, &c);
	ok(st == OSC_OK && osc_locks_nfindings(l) == 1 && c.deadlocked == n,
	   "ring of %u: one cycle of %u threads", n, n);
	is_u64(osc_locks_nedges(l), 2 * n, "ring of %u: 2n graph edges", n);
	osc_locks_free(l);
	l = load(text, OSC_LK_ORDER, &err, &st);
	osc_locks_counts(l, &c);
	ok(st == OSC_OK && c.potential == 1, "ring of %u: one order cycle", n);
	osc_locks_free(l);
	free(text);
}

/* One thread nests n locks in order, another takes the last then the
 * first: the only cycles close through that one inverted edge, one per
 * path from the first lock to the last: 2^(n-2) of them. */
static void test_nest(unsigned n)
{
	char *text = malloc(n * 64 + 64), *p = text;
	struct osc_lk_counts c;
	struct osc_error err;
	struct osc_locks *l;
	int st;

	for (unsigned i = 0; i < n; i++)
		p += sprintf(p, "a acquire L%u\n", i);
	for (unsigned i = n; i-- > 0; )
		p += sprintf(p, "a release L%u\n", i);
	p += sprintf(p, "b acquire L%u\nb acquire L0\n", n - 1);
	l = load(text, OSC_LK_ORDER, &err, &st);
	osc_locks_counts(l, &c);
	is_u64(c.potential, 1ull << (n - 2), "nest of %u: 2^%u cycles", n, n - 2);
	osc_locks_free(l);
	free(text);
}

int main(void)
{
	test_ring(3);
	test_ring(2000);
	test_nest(4);
	test_nest(12);
	one("two-thread deadlock", dl2, OSC_LK_STATE, "deadlock",
	    "T1 -> B (held by T2) -> T2 -> A (held by T1)");
	one("two-thread order", dl2, OSC_LK_ORDER, "potential", "A -> B -> A");
	one("self wait", "T1 acquire A\nT1 request A\n", OSC_LK_STATE, "self",
	    "T1 -> A (held by T1)");
	one("self re-acquire", "T1 acquire A\nT1 acquire A\n", OSC_LK_ORDER,
	    "self", "A -> A");
	one("self re-acquire, state", "T1 acquire A\nT1 acquire A\n",
	    OSC_LK_STATE, "self", "T1 -> A (held by T1)");
	one("gated", "T1 acquire G\nT1 acquire A\nT1 acquire B\nT1 release B\n"
	    "T1 release A\nT1 release G\nT2 acquire G\nT2 acquire B\n"
	    "T2 acquire A\n", OSC_LK_ORDER, "guarded",
	    "A -> B -> A (guarded by G)");
	one("multi-instance", "resource R 2\nresource S 1\nT1 acquire R\n"
	    "T2 acquire R\nT3 acquire S\nT1 request S\nT2 request S\n"
	    "T3 request R\n", OSC_LK_STATE, "deadlock", NULL);
	none("multi-instance cycle, T2 can finish", "resource R 2\n"
	     "resource S 1\nT1 acquire R\nT2 acquire R\nT3 acquire S\n"
	     "T1 request S\nT3 request R\n", OSC_LK_STATE);
	none("multi-instance, a free unit", "resource R 3\nresource S 1\n"
	     "T1 acquire R\nT2 acquire R\nT3 acquire S\nT1 request S\n"
	     "T3 request R\n", OSC_LK_STATE);
	none("trylock", "T1 acquire A\nT1 acquire B\nT1 release B\n"
	     "T1 release A\nT2 acquire B\nT2 tryacquire A\n", OSC_LK_ORDER);
	none("no cycle at the end", dl2 + 26, OSC_LK_STATE);
	bad("T1 release A\n", 1, "which it does not hold");
	bad("T1 acquire A\nT2 acquire A\n", 2, "at most 1 instance of A");
	bad("T1 request A\nT1 acquire B\n", 2, "blocked since line 1");
	bad("T1 frob A\n", 1, "found \"frob\"");
	bad("resource R 0\n", 1, "at least 1");
	bad("T1 acquire A 2 @x junk\n", 1, "end of line");
	return tap_done();
}
