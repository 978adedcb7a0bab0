/* test-replace.c: unit tests of the replacement policies, their driver and the LRU sweep. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

/* The textbook string (Silberschatz, Galvin, Gagne, Operating System
 * Concepts, 9th ed., section 9.4: 15 FIFO, 12 LRU, 9 OPT faults with 3
 * frames) and Belady's anomaly string (Belady, Nelson, Shedler 1969). */
static const uint64_t textbook[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2,
				     1, 2, 0, 1, 7, 0, 1 };
static const uint64_t belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };

static void make_trace(struct osc_replace_trace *t, const uint64_t *p,
		       size_t n, const char *writes)
{
	size_t i;

	osc_replace_trace_init(t);
	for (i = 0; i < n; i++)
		osc_replace_trace_push(t, p[i], writes && writes[i] == 'W');
	osc_replace_trace_finish(t, NULL);
}

static struct osc_replace_stats run(const char *policy,
				    const struct osc_replace_trace *t,
				    uint32_t frames, uint32_t readahead)
{
	struct osc_replace_config c = { .frames = frames, .readahead = readahead,
					.active_ratio = 0.5, .seed = 1 };
	struct osc_replace_stats st;
	struct osc_error err;

	memset(&st, 0xff, sizeof st);
	if (osc_replace_run(osc_replace_lookup(policy), &c, t, NULL, NULL, &st,
			    &err) != OSC_OK)
		printf("# run %s: %s\n", policy, err.msg);
	return st;
}

static void test_textbook(void)
{
	struct osc_replace_trace t;

	make_trace(&t, textbook, 20, NULL);
	is_u64(run("fifo", &t, 3, 0).misses, 15, "textbook fifo 3 frames: 15");
	is_u64(run("lru", &t, 3, 0).misses, 12, "textbook lru 3 frames: 12");
	is_u64(run("opt", &t, 3, 0).misses, 9, "textbook opt 3 frames: 9");
	is_u64(run("opt", &t, 3, 0).cold_misses, 6, "six distinct pages");
	osc_replace_trace_free(&t);
	make_trace(&t, belady, 12, NULL);
	is_u64(run("fifo", &t, 3, 0).misses, 9, "belady fifo 3 frames: 9");
	is_u64(run("fifo", &t, 4, 0).misses, 10, "belady fifo 4 frames: 10");
	osc_replace_trace_free(&t);
}

/* Dirty pages: W 1, R 2, R 3 with 2 frames: 3 evicts 1, which is dirty. */
static void test_dirty(void)
{
	static const uint64_t p[] = { 1, 2, 3, 1 };
	struct osc_replace_trace t;
	struct osc_replace_stats st;

	make_trace(&t, p, 4, "WRRR");
	st = run("fifo", &t, 2, 0);
	is_u64(st.misses, 4, "fifo 1,2,3,1 in 2 frames: 4 misses");
	is_u64(st.evictions, 2, "two evictions");
	is_u64(st.writebacks, 1, "one write-back (page 1)");
	osc_replace_trace_free(&t);
}

/* Read-ahead 1 in 4 frames: 10 loads 11; 11 hits; 20 loads 21; 30 loads
 * 31 (frames full: 10 11 20 21 -> fifo evicts 10 and 11); 21 hits. */
static void test_readahead(void)
{
	static const uint64_t p[] = { 10, 11, 20, 30, 21 };
	struct osc_replace_trace t;
	struct osc_replace_stats st;

	make_trace(&t, p, 5, NULL);
	st = run("fifo", &t, 4, 1);
	is_u64(st.misses, 3, "read-ahead: 3 misses");
	is_u64(st.hits, 2, "read-ahead: 2 hits");
	is_u64(st.prefetched, 3, "read-ahead: 3 pages prefetched");
	is_u64(st.prefetch_hits, 2, "read-ahead: 11 and 21 used");
	is_u64(st.prefetch_wasted, 0, "read-ahead: none wasted yet");
	is_u64(st.evictions, 2, "read-ahead: 2 evictions");
	osc_replace_trace_free(&t);
}

static uint64_t lcg(uint64_t *x)
{
	*x = *x * 6364136223846793005ull + 1442695040888963407ull;
	return *x >> 33;
}

/* A random trace with locality: 20% of references go to 4 hot pages. */
static void random_trace(struct osc_replace_trace *t, size_t n, uint64_t pages,
			 uint64_t seed)
{
	size_t i;
	uint64_t r;

	osc_replace_trace_init(t);
	for (i = 0; i < n; i++) {
		r = lcg(&seed);
		osc_replace_trace_push(t, r % 5 ? lcg(&seed) % pages : r % 4,
				       lcg(&seed) % 3 == 0);
	}
	osc_replace_trace_finish(t, NULL);
}

static void test_properties(void)
{
	const struct osc_replace_ops *const *p;
	struct osc_replace_trace t;
	struct osc_replace_stats o, s, prev = { 0 };
	uint32_t f;
	bool opt_best = true, lru_mono = true, equal = true;

	random_trace(&t, 3000, 40, 7);
	for (f = 1; f <= 45; f++) {
		o = run("opt", &t, f, 0);
		for (p = osc_replace_policies; *p; p++) {
			s = run((*p)->name, &t, f, 0);
			if (s.misses < o.misses)
				opt_best = false;
			if (f >= t.distinct && s.misses != s.cold_misses)
				equal = false;
		}
		s = run("lru", &t, f, 0);
		if (f > 1 && s.misses > prev.misses)
			lru_mono = false;
		prev = s;
	}
	ok(opt_best, "opt never misses more than another policy");
	ok(lru_mono, "lru misses never rise with frames");
	ok(equal, "misses = cold misses when frames >= distinct pages");
	osc_replace_trace_free(&t);
}

static void test_sweep(void)
{
	struct osc_replace_trace t;
	struct osc_replace_stats sw[50], s;
	uint64_t sizes[50];
	size_t i;
	bool same = true;

	random_trace(&t, 5000, 60, 3);
	for (i = 0; i < 50; i++)
		sizes[i] = 50 - i + 20 * (i % 2);
	ok(osc_replace_lru_sweep(&t, sizes, 50, sw, NULL) == OSC_OK, "sweep runs");
	for (i = 0; i < 50; i++) {
		s = run("lru", &t, (uint32_t)sizes[i], 0);
		if (memcmp(&s, &sw[i], sizeof s) != 0) {
			printf("# size %llu: misses %llu/%llu wb %llu/%llu ev %llu/%llu\n",
			       (unsigned long long)sizes[i],
			       (unsigned long long)s.misses,
			       (unsigned long long)sw[i].misses,
			       (unsigned long long)s.writebacks,
			       (unsigned long long)sw[i].writebacks,
			       (unsigned long long)s.evictions,
			       (unsigned long long)sw[i].evictions);
			same = false;
		}
	}
	ok(same, "the one-pass lru sweep equals lru runs, write-backs included");
	osc_replace_trace_free(&t);
}

/* The streaming sweep on sparse page numbers (the hashed part of its page
 * table, which moves slots as it grows), fed one at a time and in batches,
 * against lru runs at each of its sizes. */
static void sweep_stream_case(const uint64_t *sizes, size_t nsizes,
			      const char *what)
{
	struct osc_replace_trace t;
	struct osc_replace_stats sw[16], s;
	struct osc_replace_sweep *sp;
	uint64_t seed = 9, r;
	size_t i, j, k;
	bool same = true, wr[50];
	uint64_t wb = 0;

	osc_replace_trace_init(&t);
	for (i = 0; i < 40000; i++) {
		r = lcg(&seed);
		osc_replace_trace_push(&t, (r % 7 ? lcg(&seed) % 600 : r % 9) *
				       0x9e3779b97f4a7c15ull % 1000000007ull,
				       lcg(&seed) % 4 == 0);
	}
	osc_replace_trace_finish(&t, NULL);
	ok(osc_replace_sweep_new(&sp, sizes, nsizes, 0, NULL) == OSC_OK,
	   "streaming sweep starts (%s)", what);
	/* Runs of 1..50 references, fed one at a time or in one batch. */
	for (i = 0; i < t.n; i += k) {
		k = 1 + lcg(&seed) % 50;
		if (k > t.n - i)
			k = t.n - i;
		for (j = 0; j < k; j++) {
			wr[j] = osc_replace_trace_write(&t, i + j);
			if (k % 2)
				osc_replace_sweep_ref(sp, t.pages[i + j],
						      wr[j], NULL);
		}
		if (k % 2 == 0)
			osc_replace_sweep_ref_n(sp, t.pages + i, wr, k, NULL);
	}
	ok(osc_replace_sweep_stats(sp, sizes, nsizes, sw, NULL) == OSC_OK,
	   "streaming sweep ends (%s)", what);
	osc_replace_sweep_free(sp);
	for (i = 0; i < nsizes; i++) {
		s = run("lru", &t, (uint32_t)sizes[i], 0);
		wb += sw[i].writebacks;
		if (memcmp(&s, &sw[i], sizeof s) != 0) {
			printf("# size %llu: misses %llu/%llu wb %llu/%llu\n",
			       (unsigned long long)sizes[i],
			       (unsigned long long)s.misses,
			       (unsigned long long)sw[i].misses,
			       (unsigned long long)s.writebacks,
			       (unsigned long long)sw[i].writebacks);
			same = false;
		}
	}
	ok(same && wb > 0, "the streaming sweep, one at a time and in batches, "
	   "equals lru runs on sparse pages, write-backs included (%s)", what);
	osc_replace_trace_free(&t);
}

/*
 * Sizes from 1 to far beyond the distinct pages (about 610), a window
 * that fills and one that never does; then smallest sizes of 128 and
 * more, where the newest words of timestamps stay out of the tree (1 and
 * 4 of them), with windows that fill.
 */
static void test_sweep_stream(void)
{
	static const uint64_t small[] = { 300, 1, 7, 299, 1000, 7, 1u << 20,
					  2, 150 };
	static const uint64_t from128[] = { 500, 128, 129, 200, 333, 191 };
	static const uint64_t from320[] = { 400, 320, 321, 384, 450 };

	sweep_stream_case(small, sizeof small / sizeof small[0], "from 1");
	sweep_stream_case(from128, sizeof from128 / sizeof from128[0],
			  "from 128");
	sweep_stream_case(from320, sizeof from320 / sizeof from320[0],
			  "from 320");
}

/*
 * The page table keeps small page numbers in a direct array (growing as
 * distinct pages arrive, taking pages over from the hash table) and the
 * rest in a hash table.  The same trace shifted by 2^40 uses only the hash
 * table: every count must agree.
 */
static void test_page_table(void)
{
	const struct osc_replace_ops *const *p;
	struct osc_replace_trace a, b;
	struct osc_replace_stats sa, sb;
	uint64_t x = 11, pg;
	size_t i;
	bool same = true;

	osc_replace_trace_init(&a);
	osc_replace_trace_init(&b);
	for (i = 0; i < 60000; i++) {
		pg = lcg(&x) % 4 ? lcg(&x) % 3000000 : lcg(&x) % 500;
		osc_replace_trace_push(&a, pg, i % 7 == 0);
		osc_replace_trace_push(&b, pg + ((uint64_t)1 << 40), i % 7 == 0);
	}
	osc_replace_trace_finish(&a, NULL);
	osc_replace_trace_finish(&b, NULL);
	is_u64(a.distinct, b.distinct, "same distinct pages either way");
	for (p = osc_replace_policies; *p; p++) {
		sa = run((*p)->name, &a, 700, 2);
		sb = run((*p)->name, &b, 700, 2);
		if (memcmp(&sa, &sb, sizeof sa) != 0) {
			printf("# %s differs\n", (*p)->name);
			same = false;
		}
	}
	ok(same, "direct array and hash table give the same results");
	osc_replace_trace_free(&a);
	osc_replace_trace_free(&b);
}

/* Resident order of clock: frame order from the hand, bits marked. */
static void resident_cb(void *ctx, struct osc_replace_sim *sim,
			const struct osc_replace_event *ev)
{
	char *out = ctx;
	uint64_t pages[8];
	bool marks[8];
	size_t n = osc_replace_resident(sim, pages, marks), i;

	(void)ev;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		sprintf(out + strlen(out), "%s%llu%s", i ? " " : "",
			(unsigned long long)pages[i], marks[i] ? "*" : "");
}

static void test_clock_order(void)
{
	/* 1 2 3 fill frames 0..2 (bits set, hand at 0); 4 sweeps: clears
	 * 1, 2, 3, comes back to frame 0, evicts 1; 4 takes frame 0 and the
	 * hand moves to frame 1.  Resident from the hand: 2 3 4*. */
	static const uint64_t p[] = { 1, 2, 3, 4 };
	struct osc_replace_config c = { .frames = 3, .active_ratio = 0.5 };
	struct osc_replace_trace t;
	struct osc_replace_stats st;
	char buf[128];

	make_trace(&t, p, 4, NULL);
	osc_replace_run(&osc_replace_clock, &c, &t, resident_cb, buf, &st, NULL);
	is_str(buf, "2 3 4*", "clock resident order after 1 2 3 4");
	osc_replace_trace_free(&t);
}

/*
 * lru keeps a lazy queue (stale entries skipped, compacted when full) and
 * clock a bitmap the hand passes a word at a time: both against plain
 * models, access by access, hit and resident order (lru least recent
 * first; clock from the hand with its reference bits), on a random trace
 * long enough to compact lru's queue hundreds of times, with 70 frames
 * for clock (a partial second word).
 */
static bool model_step(uint64_t *res, bool *ref, size_t *n, uint32_t *hand,
		       uint32_t frames, uint64_t page, bool lru)
{
	size_t i;

	for (i = 0; i < *n && res[i] != page; i++)
		;
	if (i < *n) {
		if (lru) {	/* to the back: most recent */
			memmove(res + i, res + i + 1, (*n - i - 1) * sizeof *res);
			res[*n - 1] = page;
		} else {
			ref[i] = true;
		}
		return true;
	}
	if (*n < frames) {
		res[*n] = page;
		ref[(*n)++] = true;
		return false;
	}
	if (lru) {
		memmove(res, res + 1, (*n - 1) * sizeof *res);
		res[*n - 1] = page;
		return false;
	}
	while (ref[*hand]) {
		ref[*hand] = false;
		*hand = (*hand + 1) % frames;
	}
	res[*hand] = page;
	ref[*hand] = true;
	*hand = (*hand + 1) % frames;
	return false;
}

static bool same_order(struct osc_replace_sim *sim, const uint64_t *res,
		       const bool *ref, size_t n, uint32_t hand, bool lru)
{
	uint64_t got[80];
	bool marks[80];
	size_t m = osc_replace_resident(sim, got, marks), i, j;

	if (m != n)
		return false;
	for (i = 0; i < n; i++) {
		j = lru ? i : (hand + i) % n;
		if (got[i] != res[j] || (!lru && marks[i] != ref[j]))
			return false;
	}
	return true;
}

static void test_lru_clock_models(void)
{
	static const char *const name[] = { "lru", "clock" };
	static const uint32_t frames[] = { 5, 70 };
	struct osc_replace_event ev;
	struct osc_replace_sim *sim;
	uint64_t res[80], seed = 3, page;
	bool ref[80], same;
	size_t n, i, k;
	uint32_t hand;

	for (k = 0; k < 2; k++) {
		struct osc_replace_config c = { .frames = frames[k],
						.active_ratio = 0.5 };

		osc_replace_new(&sim, osc_replace_lookup(name[k]), &c, NULL);
		n = 0;
		hand = 0;
		same = true;
		for (i = 0; i < 20000 && same; i++) {
			page = lcg(&seed) % (frames[k] * 2);
			osc_replace_access(sim, page, false, OSC_REPLACE_NEVER,
					   NULL, NULL, &ev, NULL);
			same = ev.hit == model_step(res, ref, &n, &hand,
						    frames[k], page, k == 0) &&
			       same_order(sim, res, ref, n, hand, k == 0);
		}
		ok(same, "%s: hits and resident order follow a plain model "
		   "for 20000 accesses", name[k]);
		osc_replace_free(sim);
	}
}

static void test_registry(void)
{
	ok(osc_replace_lookup("lru") == &osc_replace_lru, "lookup lru");
	ok(osc_replace_lookup("LRU") == NULL, "names are exact");
	ok(osc_replace_lookup("nope") == NULL, "unknown name");
}

static void test_bad_config(void)
{
	struct osc_replace_config c = { .frames = 0, .active_ratio = 0.5 };
	struct osc_replace_sim *sim;
	struct osc_error err;

	is_u64(osc_replace_new(&sim, &osc_replace_lru, &c, &err), OSC_EUSAGE,
	       "0 frames is a usage error");
	c.frames = 1;
	c.active_ratio = 1.5;
	is_u64(osc_replace_new(&sim, &osc_replace_2lru, &c, &err), OSC_EUSAGE,
	       "active ratio above 1 is a usage error");
}

int main(void)
{
	test_textbook();
	test_dirty();
	test_readahead();
	test_properties();
	test_sweep();
	test_sweep_stream();
	test_page_table();
	test_clock_order();
	test_lru_clock_models();
	test_registry();
	test_bad_config();
	return tap_done();
}
