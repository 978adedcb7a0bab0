/* test-alloc-sim.c: the simulated heap: hand-worked cases, invariants after every operation, the trace reader. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

static struct osc_asim *sim(const char *pol, uint64_t heap, uint64_t base,
			    enum osc_asim_order order, bool coalesce)
{
	struct osc_asim_params p;
	struct osc_asim *h = NULL;
	struct osc_error err;

	osc_asim_defaults(&p);
	p.heap = heap;
	p.base = base;
	p.order = order;
	p.coalesce = coalesce;
	if (osc_asim_create(osc_asim_lookup(pol), &p, &h, &err) != OSC_OK) {
		printf("# create %s: %s\n", pol, err.msg);
		exit(1);
	}
	return h;
}

/* "addr:size ..." in list order. */
static const char *flist(const struct osc_asim *h)
{
	static char buf[4096];
	uint64_t it = 0, a, z;
	size_t n = 0;

	buf[0] = 0;
	while (osc_asim_free_next(h, &it, &a, &z) && n < sizeof buf - 64)
		n += sprintf(buf + n, "%s%llu:%llu", n ? " " : "",
			     (unsigned long long)a, (unsigned long long)z);
	return buf;
}

/* Apply "a ID SIZE" / "f ID" / "r ID SIZE"; the payload address or -1. */
static long long op(struct osc_asim *h, char k, uint64_t id, uint64_t size,
		    uint64_t *searched)
{
	struct osc_alloc_op o = { (enum osc_alloc_kind)k, id, size, 1 };
	struct osc_asim_step st;
	struct osc_error err;

	if (osc_asim_apply(h, &o, &st, &err) != OSC_OK) {
		printf("# apply: %s\n", err.msg);
		return -2;
	}
	if (searched)
		*searched = st.searched;
	return st.res == OSC_ASIM_OK && st.has_addr ? (long long)st.addr : -1;
}

/*
 * The free-space chapter's setting: heap 100 at 1000, no header, align 1.
 * a0 10 -> 1000, list 1010:90; a1 20 -> 1010, list 1030:70;
 * f0 -> list 1000:10 1030:70; a2 5: first takes 1000 (searched 1),
 * best takes 1000 (searched 2), worst takes 1030 (searched 2).
 */
static void test_fits(void)
{
	static const struct {
		const char *pol;
		long long addr;
		uint64_t searched;
		const char *list;
	} want[] = {
		{ "first", 1000, 1, "1005:5 1030:70" },
		{ "next", 1030, 1, "1000:10 1035:65" },
		{ "best", 1000, 2, "1005:5 1030:70" },
		{ "worst", 1030, 2, "1000:10 1035:65" },
	};
	size_t i;
	uint64_t s;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct osc_asim *h = sim(want[i].pol, 100, 1000, OSC_ASIM_ADDR,
					 true);

		ok(op(h, 'a', 0, 10, NULL) == 1000, "%s: a0 at 1000", want[i].pol);
		ok(op(h, 'a', 1, 20, NULL) == 1010, "%s: a1 at 1010", want[i].pol);
		is_str(flist(h), "1030:70", "%s: list after a1", want[i].pol);
		op(h, 'f', 0, 0, NULL);
		is_str(flist(h), "1000:10 1030:70", "%s: list after f0",
		       want[i].pol);
		ok(op(h, 'a', 2, 5, &s) == want[i].addr, "%s: a2 address",
		   want[i].pol);
		is_u64(s, want[i].searched, "%s: a2 searched", want[i].pol);
		is_str(flist(h), want[i].list, "%s: list after a2", want[i].pol);
		osc_asim_destroy(h);
	}
}

/* Coalescing: freeing the middle of three merges all three. */
static void test_coalesce(void)
{
	struct osc_asim *h = sim("first", 100, 0, OSC_ASIM_LIFO, true);

	op(h, 'a', 0, 10, NULL);
	op(h, 'a', 1, 10, NULL);
	op(h, 'a', 2, 10, NULL);
	op(h, 'f', 0, 0, NULL);
	is_str(flist(h), "0:10 30:70", "lifo: freed block at the front");
	op(h, 'f', 2, 0, NULL);
	is_str(flist(h), "20:80 0:10", "lifo: merged with the top, at the front");
	op(h, 'f', 1, 0, NULL);
	is_str(flist(h), "0:100", "everything merged");
	osc_asim_destroy(h);

	h = sim("first", 100, 0, OSC_ASIM_FIFO, false);
	op(h, 'a', 0, 10, NULL);
	op(h, 'a', 1, 10, NULL);
	op(h, 'f', 1, 0, NULL);
	op(h, 'f', 0, 0, NULL);
	is_str(flist(h), "20:80 10:10 0:10", "none: fifo keeps three blocks");
	ok(op(h, 'a', 3, 15, NULL) == 20, "none: 15 does not fit 10+10");
	osc_asim_destroy(h);
}

/*
 * Buddy, heap 128, min 16: a0 20 needs 32: 128 -> 64+64 -> 32+32; a0 at
 * 0, free 32:32 and 64:64 (lists by order).  a1 10 needs 16: 32:32 splits,
 * a1 at 32, free 48:16 64:64.  f0: 0's buddy 32 is split: no merge.
 * f1: 32 merges with 48 (16+16), then with 0 (32+32), then 64: one 128.
 */
static void test_buddy(void)
{
	struct osc_asim *h = sim("buddy", 130, 0, OSC_ASIM_ADDR, true);
	uint64_t s;

	ok(op(h, 'a', 0, 20, &s) == 0, "buddy: a0 at 0");
	is_u64(s, 3, "buddy: a0 looked at the 32, 64, 128 lists");
	is_str(flist(h), "32:32 64:64", "buddy: halves after a0");
	ok(op(h, 'a', 1, 10, NULL) == 32, "buddy: a1 at 32");
	is_str(flist(h), "48:16 64:64", "buddy: after a1");
	op(h, 'f', 0, 0, NULL);
	is_str(flist(h), "48:16 0:32 64:64", "buddy: f0 cannot merge");
	op(h, 'f', 1, 0, NULL);
	is_str(flist(h), "0:128", "buddy: f1 merges back to one block");
	osc_asim_destroy(h);
}

/* Growth: the sbrk model merges with a free top block. */
static void test_grow(void)
{
	struct osc_asim_params p;
	struct osc_asim *h;
	struct osc_asim_stats st;

	osc_asim_defaults(&p);
	p.heap = 32;
	p.grow = 16;
	osc_asim_create(osc_asim_lookup("first"), &p, &h, NULL);
	ok(op(h, 'a', 0, 24, NULL) == 0, "grow: a0 fits");
	ok(op(h, 'a', 1, 20, NULL) == 24, "grow: a1 after growing by 16");
	is_str(flist(h), "44:4", "grow: top block 8+16 minus 20");
	ok(op(h, 'a', 2, 40, NULL) == 44, "grow: a2 grows by 36");
	osc_asim_stats(h, &st);
	is_u64(st.heap_size, 84, "grow: heap 32+16+36");
	osc_asim_destroy(h);
	p.grow = 0;
	osc_asim_create(osc_asim_lookup("first"), &p, &h, NULL);
	ok(op(h, 'a', 0, 40, NULL) == -1, "no grow: a0 fails");
	ok(op(h, 'f', 0, 0, NULL) == -1, "no grow: freeing it is a no-op");
	osc_asim_stats(h, &st);
	is_u64(st.failed, 1, "no grow: one failure");
	osc_asim_destroy(h);
}

/* realloc in place (shrink, grow into a free neighbour) and moving. */
static void test_realloc(void)
{
	struct osc_asim *h = sim("first", 100, 0, OSC_ASIM_ADDR, true);

	op(h, 'a', 0, 10, NULL);
	ok(op(h, 'r', 0, 30, NULL) == 0, "realloc grows in place");
	is_str(flist(h), "30:70", "the neighbour shrank");
	ok(op(h, 'r', 0, 20, NULL) == 0, "realloc shrinks in place");
	is_str(flist(h), "20:80", "the tail is freed and merged");
	op(h, 'a', 1, 10, NULL);
	ok(op(h, 'r', 0, 40, NULL) == 30, "realloc moves past block 1");
	is_str(flist(h), "0:20 70:30", "the old block is free");
	osc_asim_destroy(h);
}

static void check(struct osc_asim *h, const char *what, uint64_t i, int *bad)
{
	struct osc_error err;

	if (*bad == 0 && osc_asim_check(h, &err) != OSC_OK) {
		printf("# %s op %llu: %s\n", what, (unsigned long long)i, err.msg);
		*bad = 1;
	}
}

/* One random trace of 3000 operations on 64 ids; every invariant is
 * checked after every operation.  Returns whether searched was always the
 * list length (what best and worst must do). */
static bool random_trace(struct osc_asim *h, uint64_t seed, const char *what,
			 int *bad)
{
	struct osc_rng r;
	bool live[64] = { 0 }, whole = true;
	uint64_t i, id, s, len, a, z, it, srch;

	osc_rng_seed(&r, seed);
	for (i = 0; i < 3000; i++) {
		id = osc_rng_below(&r, 64);
		s = 1 + osc_rng_below(&r, 200);
		len = 0;
		it = 0;
		while (osc_asim_free_next(h, &it, &a, &z))
			len++;
		if (!live[id]) {
			srch = 0;
			op(h, 'a', id, s, &srch);
			whole = whole && srch == len;
			live[id] = true;
		} else if (osc_rng_below(&r, 4) == 0) {
			op(h, 'r', id, s, NULL);
		} else {
			op(h, 'f', id, 0, NULL);
			live[id] = false;
		}
		check(h, what, i, bad);
	}
	for (id = 0; id < 64; id++)
		if (live[id])
			op(h, 'f', id, 0, NULL);
	check(h, what, i, bad);
	return whole;
}

/* Random traces for every policy, order and coalescing mode. */
static void test_random(void)
{
	const struct osc_asim_ops *ops;
	size_t pi;
	int o, c, bad;
	bool whole;
	char what[64];
	const char *name;

	for (pi = 0; (ops = osc_asim_policy(pi)); pi++)
		for (o = 0; o <= OSC_ASIM_SIZE_DESC; o++)
			for (c = 0; c < 2; c++) {
				struct osc_asim *h;

				name = osc_asim_name(ops);
				h = sim(name, 4096, 64, o, c);
				snprintf(what, sizeof what, "%s/%s/%s", name,
					 osc_asim_order_names[o],
					 c ? "immediate" : "none");
				bad = 0;
				whole = random_trace(h, 7 + pi * 10 + o * 2 + c,
						     what, &bad);
				ok(!bad, "%s: invariants hold after every op", what);
				if (c && strcmp(name, "buddy"))
					is_str(strchr(flist(h), ' ') ? "several" : "one",
					       "one", "%s: freeing all leaves one block", what);
				if (!strcmp(name, "buddy"))
					is_str(flist(h), "64:4096", "%s: all merged", what);
				if (!strcmp(name, "best") || !strcmp(name, "worst"))
					ok(whole, "%s: searched = list length", what);
				osc_asim_destroy(h);
			}
}

static int read_all(const char *text, struct osc_error *err, uint64_t *n)
{
	struct osc_scan s;
	struct osc_alloc_reader r;
	struct osc_alloc_op o;
	int rc;

	*n = 0;
	osc_error_clear(err);
	osc_scan_mem(&s, text, strlen(text), "t", err);
	osc_alloc_reader_init(&r, &s);
	while ((rc = osc_alloc_read(&r, &o)) > 0)
		++*n;
	osc_alloc_reader_fini(&r);
	osc_scan_close(&s);
	return rc;
}

static void test_reader(void)
{
	struct osc_error err;
	uint64_t n;

	ok(read_all("20000\n3\n4\n1\na 0 10\nr 0 20\nf 0\n", &err, &n) == 0 &&
	   n == 3, "malloc-lab header skipped");
	ok(read_all("1\n2\n3\n4\n5\na 0 1\n", &err, &n) < 0 && err.line == 5,
	   "a fifth header line is an error on line 5");
	ok(read_all("a 0 1\n7\n", &err, &n) < 0 && err.line == 2,
	   "no header after the first operation");
	ok(read_all("a 0 1\na 0 2\n", &err, &n) < 0 && err.line == 2 &&
	   strstr(err.msg, "line 1"), "allocating a live id: %s", err.msg);
	ok(read_all("a 0 1\nf 0\nf 0\n", &err, &n) < 0 && err.line == 3,
	   "double free: %s", err.msg);
	ok(read_all("a 0 1\nf 0\nr 0 5\n", &err, &n) < 0 && err.line == 3,
	   "realloc of a dead id: %s", err.msg);
	ok(read_all("# c\n\na 0 0\n", &err, &n) < 0 && err.line == 3,
	   "size 0: %s", err.msg);
	ok(read_all("x 0 1\n", &err, &n) < 0 && err.line == 1,
	   "bad operation: %s", err.msg);
	ok(read_all("a 0\n", &err, &n) < 0, "missing size: %s", err.msg);
	ok(read_all("f 0 1\n", &err, &n) < 0, "extra field: %s", err.msg);
	ok(read_all("a,1,5\r\nf,1\r\n", &err, &n) == 0 && n == 2,
	   "commas and CRLF");
}

int main(void)
{
	test_fits();
	test_coalesce();
	test_buddy();
	test_grow();
	test_realloc();
	test_random();
	test_reader();
	return tap_done();
}
