/* test-deadlock-bankers.c: unit tests of the banker's reader and algorithms. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

/* Silberschatz, Galvin, Gagne, Operating System Concepts (10th ed.),
 * section 8.6.3.3: five processes, resources A B C with 10 5 7 instances. */
static const char sgg[] =
	"resources A B C\n"
	"available 3 3 2\n"
	"process P0 alloc 0 1 0 max 7 5 3\n"
	"process P1 alloc 2 0 0 max 3 2 2\n"
	"process P2 alloc 3 0 2 max 9 0 2\n"
	"process P3 alloc 2 1 1 max 2 2 2\n"
	"process P4 alloc 0 0 2 max 4 3 3\n"
	"request P1 1 0 2\n"
	"request P4 3 3 0\n"
	"request P0 0 2 0\n";

static int load(struct osc_bankers *b, const char *text, bool matrix,
		struct osc_error *err)
{
	struct osc_scan s;
	int st;

	osc_bankers_init(b, matrix);
	if (osc_scan_mem(&s, text, strlen(text), "t", err) != OSC_OK)
		return -1;
	st = osc_bankers_read(b, &s);
	osc_scan_close(&s);
	if (st == OSC_OK)
		st = osc_bankers_finish(b, err);
	return st;
}

static void seq_str(const struct osc_bankers *b, const size_t *seq, size_t n,
		    char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, b->proc[seq[i]], size - strlen(buf) - 1);
	}
}

static int count_fn(const size_t *seq, size_t n, void *ctx)
{
	(void)seq;
	(void)n;
	++*(int *)ctx;
	return 0;
}

static void test_sgg(void)
{
	struct osc_bankers b;
	struct osc_error err;
	enum osc_bk_decision d;
	size_t seq[5], n;
	uint64_t works[6 * 3], count;
	char buf[128], why[128];
	bool capped;
	int calls = 0;

	is_u64(load(&b, sgg, false, &err), OSC_OK, "textbook example reads");
	is_u64(b.nproc, 5, "five processes");
	is_u64(b.nres, 3, "three resources");
	is_u64(b.nops, 3, "three requests");
	is_u64(osc_bankers_need(&b, 0, 0), 7, "need P0 A = 7");
	is_u64(osc_bankers_need(&b, 4, 1), 3, "need P4 B = 3");
	n = osc_bankers_safety(&b, OSC_BK_RESTART, seq, works);
	seq_str(&b, seq, n, buf, sizeof buf);
	is_str(buf, "P1 P3 P0 P2 P4", "restart scan order");
	is_u64(works[5 * 3 + 0], 10, "work ends at the total of A");
	n = osc_bankers_safety(&b, OSC_BK_CONTINUE, seq, NULL);
	seq_str(&b, seq, n, buf, sizeof buf);
	is_str(buf, "P1 P3 P4 P0 P2", "continue scan order");
	is_u64(osc_bankers_all(&b, 0, count_fn, &calls, &count, &capped),
	       OSC_OK, "all sequences");
	is_u64(count, 16, "16 safe sequences");
	ok(!capped && calls == 16, "not capped, each passed on");
	osc_bankers_all(&b, 5, count_fn, &calls, &count, &capped);
	ok(count == 5 && capped, "cap of 5 stops and says so");
	osc_bankers_apply(&b, &b.ops[0], OSC_BK_RESTART, &d, why, sizeof why);
	is_str(osc_bk_decision_name(d), "granted", "P1 1 0 2 granted");
	is_u64(b.avail[0] * 100 + b.avail[1] * 10 + b.avail[2], 230,
	       "available now 2 3 0");
	osc_bankers_apply(&b, &b.ops[1], OSC_BK_RESTART, &d, why, sizeof why);
	is_str(osc_bk_decision_name(d), "wait", "P4 3 3 0 waits");
	osc_bankers_apply(&b, &b.ops[2], OSC_BK_RESTART, &d, why, sizeof why);
	is_str(osc_bk_decision_name(d), "unsafe", "P0 0 2 0 unsafe");
	is_u64(b.avail[1], 3, "unsafe request restored the state");
	osc_bankers_free(&b);
}

static void test_check(void)
{
	struct osc_bankers b;
	struct osc_error err;
	size_t good[5] = { 1, 3, 4, 2, 0 }, bad[5] = { 0, 1, 2, 3, 4 };
	size_t dup[5] = { 1, 1, 3, 4, 0 };

	load(&b, sgg, false, &err);
	is_u64(osc_bankers_check(&b, good, 5, NULL), 5, "P1 P3 P4 P2 P0 safe");
	is_u64(osc_bankers_check(&b, bad, 5, NULL), 0, "P0 first fails at step 0");
	is_u64(osc_bankers_check(&b, dup, 5, NULL), 1, "repeat stops the check");
	osc_bankers_free(&b);
}

/* Silberschatz 8.7.2: detection with A=7, B=2, C=6 instances. */
static const char detect[] =
	"available 0 0 0\n"
	"process P0 alloc 0 1 0 request 0 0 0\n"
	"process P1 alloc 2 0 0 request 2 0 2\n"
	"process P2 alloc 3 0 3 request 0 0 %d\n"
	"process P3 alloc 2 1 1 request 1 0 0\n"
	"process P4 alloc 0 0 2 request 0 0 2\n";

static void test_detect(void)
{
	struct osc_bankers b;
	struct osc_error err;
	char text[512];
	bool dead[5];

	snprintf(text, sizeof text, detect, 0);
	is_u64(load(&b, text, true, &err), OSC_OK, "matrix input reads");
	is_u64(osc_bankers_detect(&b, dead), 0, "no deadlock");
	osc_bankers_free(&b);
	snprintf(text, sizeof text, detect, 1);
	load(&b, text, true, &err);
	is_u64(osc_bankers_detect(&b, dead), 4, "P2 asking one C: 4 deadlocked");
	ok(!dead[0] && dead[1] && dead[4], "P0 finishes, P1..P4 do not");
	osc_bankers_free(&b);
}

static void bad(const char *text, bool matrix, unsigned line, const char *msg)
{
	struct osc_bankers b;
	struct osc_error err;
	int st;

	memset(&err, 0, sizeof err);
	st = load(&b, text, matrix, &err);
	ok(st == OSC_EDATA && err.line == line && strstr(err.msg, msg),
	   "bad input line %u: %s (got %u: %s)", line, msg, (unsigned)err.line,
	   err.msg);
	osc_bankers_free(&b);
}

static void test_errors(void)
{
	bad("available 1 2\nprocess P alloc 1 max 1 1\n", false, 2,
	    "expected 2 numbers for alloc");
	bad("available 1 2\nprocess P alloc 2 0 max 1 1\n", false, 2,
	    "alloc <= max");
	bad("available 1 -2\n", false, 1, "non-negative");
	bad("available 1\nprocess P alloc 0 max 1\nprocess P alloc 0 max 1\n",
	    false, 3, "again");
	bad("available 1\ntotal 2\n", false, 2, "once");
	bad("total 1 1\nprocess P alloc 1 1 max 2 2\nprocess Q alloc 1 0 max 1 1\n",
	    false, 1, "total >= the sum");
	bad("process P alloc 0 max 1\n", false, 0, "available or total");
	bad("available 1\nrequest Q 1\n", false, 2, "declared above");
	bad("available 1\nfrobnicate\n", false, 2, "found \"frobnicate\"");
	bad("available 1\nprocess P alloc 0\n", false, 2, "max");
	bad("available 1\nprocess P alloc 0 request 1\nrequest P 1\n", true, 3,
	    "-m matrix");
	bad("resources A B\navailable 1\n", false, 2, "expected 2 numbers");
	bad("available 1 x\n", false, 1, "expected end of line");
	/* Work must not wrap around: 2^64 - 1 + 1 does not fit. */
	bad("available 18446744073709551615\nprocess P alloc 1 max 1\n", false,
	    1, "below 2^64");
	bad("total 18446744073709551615\nprocess P alloc 18446744073709551615 "
	    "max 18446744073709551615\nprocess Q alloc 5 max 5\n", false, 1,
	    "2^64 or more allocated");
	bad("available 0 18446744073709551615\nprocess P alloc 0 1 request 0 0\n",
	    true, 1, "below 2^64");
}

int main(void)
{
	test_sgg();
	test_check();
	test_detect();
	test_errors();
	return tap_done();
}
