/* test-sched.c: unit tests of the scheduling library: task heap, job reader, the loop. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "sched/sched-int.h"
#include "tap.h"

/* Read jobs from text; the set is left empty on error. */
static int load(struct osc_sched_jobset *set, const char *text,
		struct osc_error *err)
{
	struct osc_scan s;
	int st;

	osc_sched_jobset_init(set);
	if ((st = osc_scan_mem(&s, text, strlen(text), "t", err)) != OSC_OK)
		return st;
	st = osc_sched_read_jobs(&s, set);
	osc_scan_close(&s);
	return st;
}

/* Finish times of a run as "A=3 B=9 ..." in input order. */
static const char *finishes(const char *policy, const char *text,
			    const struct osc_sched_params *p)
{
	static char buf[512];
	struct osc_sched_jobset set;
	struct osc_sched_result r;
	static struct osc_error err;
	size_t i, len = 0;

	buf[0] = '\0';
	if (load(&set, text, &err) != OSC_OK)
		return err.msg;
	if (osc_sched_run(osc_sched_lookup(policy), p, &set, NULL, &r,
			  &err) != OSC_OK) {
		osc_sched_jobset_free(&set);
		return err.msg;
	}
	for (i = 0; i < set.n; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s=%llu",
					i ? " " : "", osc_sched_job_name(&set, i),
					(unsigned long long)r.finish[i]);
	osc_sched_result_free(&r);
	osc_sched_jobset_free(&set);
	return buf;
}

static const char *stallings = "A 0 3\nB 2 6\nC 4 4\nD 6 5\nE 8 2\n";

/* Stallings, Operating Systems, table "A comparison of scheduling
 * policies" (finish times). */
static void test_stallings(void)
{
	struct osc_sched_params p;

	osc_sched_params_default(&p);
	is_str(finishes("fcfs", stallings, &p), "A=3 B=9 C=13 D=18 E=20",
	       "stallings fcfs");
	is_str(finishes("rr", stallings, &p), "A=4 B=18 C=17 D=20 E=15",
	       "stallings rr q=1");
	p.quantum = 4;
	is_str(finishes("rr", stallings, &p), "A=3 B=17 C=11 D=20 E=19",
	       "stallings rr q=4");
	p.quantum = 1;
	is_str(finishes("sjf", stallings, &p), "A=3 B=9 C=15 D=20 E=11",
	       "stallings spn");
	is_str(finishes("srtf", stallings, &p), "A=3 B=15 C=8 D=20 E=10",
	       "stallings srt");
	is_str(finishes("hrrn", stallings, &p), "A=3 B=9 C=13 D=20 E=15",
	       "stallings hrrn");
	/* By hand, requeue first, then arrivals: A runs 0-3 (it is back
	 * in the queue before B arrives at 2); then the queue turns
	 * B(3) B(4) C(5) B(6) C(7) D(8) B(9) C(10) E(11) D(12) B(13) C(14,
	 * done 15) E(15, done 16) D(16) B(17, done 18) D(18-20). */
	p.requeue_first = true;
	is_str(finishes("rr", stallings, &p), "A=3 B=18 C=15 D=20 E=16",
	       "rr q=1 with --requeue=first: A finishes at 3");
}

static void remove_task(struct task_heap *h, struct sched_task *t)
{
	size_t i;

	for (i = 0; i < h->len; i++)
		if (h->v[i].t == t) {
			theap_remove_at(h, i);
			return;
		}
}

static void test_heap(void)
{
	struct sched_task t[6];
	struct task_heap h;
	static const uint64_t key[6] = { 5, 3, 5, 1, 3, 5 };
	static const uint64_t since[6] = { 0, 2, 0, 9, 1, 0 };
	static const uint32_t want[6] = { 3, 4, 1, 0, 2, 5 };
	size_t i;
	bool good = true;

	memset(t, 0, sizeof t);
	theap_init(&h, 1);
	for (i = 0; i < 6; i++) {
		t[i].key = key[i];
		t[i].since = since[i];
		t[i].idx = (uint32_t)i;
		theap_push(&h, &t[i]);
	}
	for (i = 0; i < 6; i++)
		good = good && theap_pop(&h)->idx == want[i];
	ok(good, "heap: key, then ready time, then input order");
	ok(theap_pop(&h) == NULL, "heap: empty");
	for (i = 0; i < 6; i++)
		theap_push(&h, &t[i]);
	remove_task(&h, &t[4]);
	remove_task(&h, &t[3]);
	ok(theap_pop(&h) == &t[1] && theap_pop(&h) == &t[0],
	   "heap: removal from the middle keeps the order");
	while (theap_pop(&h))
		;
	h.order = TH_INDEX;
	for (i = 0; i < 6; i++)
		theap_push(&h, &t[i]);
	ok(theap_pop(&h) == &t[3] && theap_pop(&h) == &t[1] &&
	   theap_pop(&h) == &t[4] && theap_pop(&h) == &t[0],
	   "heap: by key, then input order only");
	while (theap_pop(&h))
		;
	h.order = TH_IO;
	for (i = 0; i < 6; i++) {
		t[i].io_until = 10 - i / 2;	/* 10 10 9 9 8 8 */
		t[i].io_seq = 6 - i;
		theap_push(&h, &t[i]);
	}
	ok(theap_pop(&h) == &t[5] && theap_pop(&h) == &t[4] &&
	   theap_pop(&h) == &t[3] && theap_pop(&h) == &t[2],
	   "heap: I/O by completion time, then the order it began");
	theap_free(&h);
}

static void test_reader(void)
{
	struct osc_sched_jobset set;
	struct osc_error err;

	ok(load(&set, "# c\nx 0 5 prio=-3 tickets=7 nice=-20 io_every=2 io_len=3 aff=0.3 ws=9\n\ny,1,2\n",
		&err) == OSC_OK && set.n == 2, "reader: keys, comments, commas");
	ok(set.v[0].prio == -3 && set.v[0].tickets == 7 &&
	   set.v[0].nice == -20 && set.v[0].io_every == 2 &&
	   set.v[0].io_len == 3 && set.v[0].aff == 9 && set.v[0].ws == 9,
	   "reader: key values");
	ok(set.v[1].tickets == 100 && set.v[1].prio == 0, "reader: defaults");
	is_str(osc_sched_job_name(&set, 1), "y", "reader: names");
	osc_sched_jobset_free(&set);
	load(&set, "a 0 1\nb 0 1\na 3 4\n", &err);
	is_str(err.msg, "duplicate job name \"a\"", "reader: duplicate name");
	is_u64(err.line, 3, "reader: duplicate on line 3");
	osc_sched_jobset_free(&set);
	load(&set, "a 0 0\n", &err);
	is_str(err.msg, "expected a burst time of at least 1 tick, found \"0\"",
	       "reader: zero burst");
	osc_sched_jobset_free(&set);
	load(&set, "a 0 1 colour=3\n", &err);
	is_str(err.msg, "expected a key prio, tickets, nice, io_every, io_len, aff or ws, found \"colour\"",
	       "reader: unknown key");
	osc_sched_jobset_free(&set);
}

static void test_registry(void)
{
	static const char *const want[] = { "fifo", "sjf", "stcf", "rr", "hrrn",
		"prio", "pprio", "mlfq", "lottery", "stride", "cfs" };
	size_t i;
	bool good = true;

	for (i = 0; i < 11; i++)
		good = good && osc_sched_policy(i) &&
			strcmp(osc_sched_name(osc_sched_policy(i)), want[i]) == 0 &&
			osc_sched_lookup(want[i]) == osc_sched_policy(i);
	ok(good && !osc_sched_policy(11), "registry: eleven policies in order");
	ok(osc_sched_lookup("fcfs") == osc_sched_lookup("fifo") &&
	   osc_sched_lookup("srtf") == osc_sched_lookup("stcf") &&
	   osc_sched_lookup("psjf") == osc_sched_lookup("stcf") &&
	   !osc_sched_lookup("FIFO") && !osc_sched_lookup(""),
	   "registry: aliases, exact names only");
	is_str(osc_sched_state_name(OSC_SCHED_BLOCKED), "blocked",
	       "state names");
}

static void test_swf(void)
{
	static const char log[] =
		"; comment\n"
		"7 3 0 4 1 -1 -1 1 4 -1 1 1 1 -1 1 -1 -1 -1\n"
		"8 5 0 0 1 -1 -1 1 4 -1 1 1 1 -1 1 -1 -1 -1\n";
	struct osc_sched_jobset set;
	struct osc_error err;
	struct osc_scan s;

	osc_sched_jobset_init(&set);
	osc_scan_mem(&s, log, sizeof log - 1, "log", &err);
	ok(osc_sched_read_swf(&s, &set) == OSC_OK && set.n == 1 &&
	   set.v[0].arrival == 3 && set.v[0].burst == 4 &&
	   strcmp(osc_sched_job_name(&set, 0), "7") == 0,
	   "swf: fields 1, 2, 4; zero run time skipped");
	osc_scan_close(&s);
	osc_sched_jobset_free(&set);
}

/* A run with parameters out of range is refused before anything else. */
static void test_params(void)
{
	struct osc_sched_params p;

	osc_sched_params_default(&p);
	p.cpus = 65;
	is_str(finishes("fifo", stallings, &p), "--cpus must be 1 to 64",
	       "run: --cpus checked");
	osc_sched_params_default(&p);
	p.cpus = 2;
	is_str(finishes("fifo", stallings, &p), "A=3 B=8 C=8 D=13 E=10",
	       "run: two CPUs share one queue");
}

int main(void)
{
	test_registry();
	test_swf();
	test_params();
	test_heap();
	test_reader();
	test_stallings();
	return tap_done();
}
