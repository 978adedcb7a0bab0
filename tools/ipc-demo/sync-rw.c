/* sync-rw.c: readers-writers with reader preference, writer preference and a fair turnstile, all with semaphores. */
#include <config.h>

#include <errno.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "sync-demo.h"

enum { RW_READER, RW_WRITER, RW_FAIR };

static const char *const rw_variants[] = { "reader", "writer", "fair", NULL };
static const char *const rw_tables[] = { "rw", NULL };

static const struct osc_col rw_cols[] = {
	{ "policy", OSC_T_STR, 0 }, { "readers", OSC_T_UINT, 0 },
	{ "writers", OSC_T_UINT, 0 }, { "reads", OSC_T_UINT, 0 },
	{ "writes", OSC_T_UINT, 0 }, { "max_read_wait_us", OSC_T_REAL, 1 },
	{ "max_write_wait_us", OSC_T_REAL, 1 }, { "torn", OSC_T_UINT, 0 },
	{ "verified", OSC_T_BOOL, 0 },
};

/* The shared record: word[i] = mix(seq + i) for one seq, written word by
 * word, so a reader overlapping a writer sees words of two versions. */
#define RW_WORDS 32

struct rw_shared {
	unsigned policy;
	struct sync_crew *crew;
	uint64_t word[RW_WORDS];
	/* Counters guarded by the semaphores of each scheme. */
	unsigned readcount, writecount;
	sem_t mutex, mutex2, mutex3, wrt, rd, turnstile;
	uint64_t ops;
	double end;			/* --duration: stop at this time */
	/* Results, added by each thread at its end. */
	uint64_t reads, writes, torn;
	double max_read_wait, max_write_wait;	/* seconds */
	int failed;
};

struct rw_arg {
	struct rw_shared *sh;
	unsigned id;
	bool writer;
	uint64_t done, torn;
	double max_wait;
};

static bool rw_P(struct rw_shared *sh, sem_t *s)
{
	int e;

	do
		e = sem_timedwait(s, sync_crew_deadline(sh->crew));
	while (e != 0 && errno == EINTR);
	if (e != 0)
		__atomic_store_n(&sh->failed, 1, __ATOMIC_RELAXED);
	return e == 0;
}

#define rw_V(s) sem_post(s)

/* Reader entry and exit of each policy; false when a wait expired. */
static bool rw_read_lock(struct rw_shared *sh)
{
	switch (sh->policy) {
	case RW_WRITER:
		/* mutex3 lets at most one reader queue on rd, so a writer's
		 * P(rd) is never behind a crowd of readers. */
		if (!rw_P(sh, &sh->mutex3))
			return false;
		if (!rw_P(sh, &sh->rd)) {
			rw_V(&sh->mutex3);
			return false;
		}
		break;
	case RW_FAIR:
		/* Pass through the turnstile: blocked while a writer waits. */
		if (!rw_P(sh, &sh->turnstile))
			return false;
		rw_V(&sh->turnstile);
		break;
	}
	if (!rw_P(sh, &sh->mutex))
		return false;
	if (++sh->readcount == 1 && !rw_P(sh, &sh->wrt))
		return false;
	rw_V(&sh->mutex);
	if (sh->policy == RW_WRITER) {
		rw_V(&sh->rd);
		rw_V(&sh->mutex3);
	}
	return true;
}

static bool rw_read_unlock(struct rw_shared *sh)
{
	if (!rw_P(sh, &sh->mutex))
		return false;
	if (--sh->readcount == 0)
		rw_V(&sh->wrt);
	rw_V(&sh->mutex);
	return true;
}

static bool rw_write_lock(struct rw_shared *sh)
{
	switch (sh->policy) {
	case RW_WRITER:
		if (!rw_P(sh, &sh->mutex2))
			return false;
		if (++sh->writecount == 1 && !rw_P(sh, &sh->rd))
			return false;
		rw_V(&sh->mutex2);
		break;
	case RW_FAIR:
		/* Hold the turnstile while waiting: new readers queue behind. */
		if (!rw_P(sh, &sh->turnstile))
			return false;
		break;
	}
	return rw_P(sh, &sh->wrt);
}

static bool rw_write_unlock(struct rw_shared *sh)
{
	if (sh->policy == RW_FAIR) {
		rw_V(&sh->turnstile);
		rw_V(&sh->wrt);
		return true;
	}
	rw_V(&sh->wrt);
	switch (sh->policy) {
	case RW_WRITER:
		if (!rw_P(sh, &sh->mutex2))
			return false;
		if (--sh->writecount == 0)
			rw_V(&sh->rd);
		rw_V(&sh->mutex2);
		break;
	}
	return true;
}

/* Whole record consistent: word[0] is seq, the middle words mix(seq + i),
 * the last ~seq.  A torn read mixes two versions and fails the check. */
static bool rw_read_record(struct rw_shared *sh)
{
	volatile uint64_t *w = sh->word;
	uint64_t seq = w[0], i;

	for (i = 1; i < RW_WORDS - 1; i++)
		if (w[i] != sync_mix(seq + i))
			return false;
	return w[RW_WORDS - 1] == ~seq;
}

static void rw_write_record(struct rw_shared *sh, uint64_t seq)
{
	volatile uint64_t *w = sh->word;
	uint64_t i;

	w[0] = seq;
	for (i = 1; i < RW_WORDS - 1; i++)
		w[i] = sync_mix(seq + i);
	w[RW_WORDS - 1] = ~seq;
}

static bool rw_more(struct rw_shared *sh, const struct rw_arg *a)
{
	if (sync_crew_stopped(sh->crew))
		return false;
	if (sh->end > 0)
		return sync_now() < sh->end;
	return a->done < sh->ops;
}

static void rw_worker(void *arg)
{
	struct rw_arg *a = arg;
	struct rw_shared *sh = a->sh;
	double t, w;
	bool ok = true;

	if (!sync_crew_gate(sh->crew))
		return;
	while (ok && rw_more(sh, a)) {
		t = sync_now();
		ok = a->writer ? rw_write_lock(sh) : rw_read_lock(sh);
		if (!ok)
			break;
		w = sync_now() - t;
		if (w > a->max_wait)
			a->max_wait = w;
		if (a->writer)
			rw_write_record(sh, ((uint64_t)a->id << 40) + a->done + 1);
		else if (!rw_read_record(sh))
			a->torn++;
		a->done++;
		ok = a->writer ? rw_write_unlock(sh) : rw_read_unlock(sh);
	}
}

static int rw_setup(struct rw_shared *sh, const struct sync_opts *o,
		    unsigned policy)
{
	memset(sh, 0, sizeof(*sh));
	sh->policy = policy;
	sh->ops = o->ops;
	rw_write_record(sh, 0);
	if (sem_init(&sh->mutex, 0, 1) != 0 || sem_init(&sh->mutex2, 0, 1) != 0 ||
	    sem_init(&sh->mutex3, 0, 1) != 0 || sem_init(&sh->wrt, 0, 1) != 0 ||
	    sem_init(&sh->rd, 0, 1) != 0 || sem_init(&sh->turnstile, 0, 1) != 0)
		return OSC_EOS;
	return OSC_OK;
}

static void rw_teardown(struct rw_shared *sh)
{
	sem_destroy(&sh->mutex);
	sem_destroy(&sh->mutex2);
	sem_destroy(&sh->mutex3);
	sem_destroy(&sh->wrt);
	sem_destroy(&sh->rd);
	sem_destroy(&sh->turnstile);
}

static void rw_collect(struct rw_shared *sh, const struct rw_arg *args,
		       unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (args[i].writer) {
			sh->writes += args[i].done;
			if (args[i].max_wait > sh->max_write_wait)
				sh->max_write_wait = args[i].max_wait;
		} else {
			sh->reads += args[i].done;
			if (args[i].max_wait > sh->max_read_wait)
				sh->max_read_wait = args[i].max_wait;
		}
		sh->torn += args[i].torn;
	}
}

struct rw_result {
	struct rw_shared sh;
	bool finished;
};

static int rw_one(const struct sync_opts *o, unsigned v, struct rw_result *r)
{
	struct rw_shared *sh = &r->sh;
	struct sync_crew crew;
	struct rw_arg *args;
	unsigned i, n = (unsigned)(o->readers + o->writers);
	int st;

	args = calloc(n, sizeof(*args));
	if (args == NULL)
		return OSC_ENOMEM;
	st = rw_setup(sh, o, v);
	if (st == OSC_OK)
		st = sync_crew_init(&crew, n, o->timeout + o->duration);
	if (st == OSC_OK) {
		sh->crew = &crew;
		for (i = 0; i < n; i++)
			args[i] = (struct rw_arg){ .sh = sh, .id = i,
						   .writer = i >= o->readers };
		st = sync_crew_start(&crew, rw_worker, args, sizeof(*args));
		if (st == OSC_OK) {
			if (o->duration > 0)
				sh->end = sync_now() + o->duration;
			r->finished = sync_crew_run(&crew, NULL, NULL, 0) &&
				      !sh->failed;
			rw_collect(sh, args, n);
		}
		sync_crew_fini(&crew);
	}
	rw_teardown(sh);
	free(args);
	return st;
}

static void rw_row(struct osc_out *out, const struct sync_opts *o,
		   unsigned v, const struct rw_result *r, bool ok)
{
	osc_out_str(out, rw_variants[v]);
	osc_out_u64(out, o->readers);
	osc_out_u64(out, o->writers);
	osc_out_u64(out, r->sh.reads);
	osc_out_u64(out, r->sh.writes);
	/* No thread of a class: nothing to report (empty field). */
	if (o->readers > 0)
		osc_out_double(out, r->sh.max_read_wait * 1e6);
	else
		osc_out_null(out);
	if (o->writers > 0)
		osc_out_double(out, r->sh.max_write_wait * 1e6);
	else
		osc_out_null(out);
	osc_out_u64(out, r->sh.torn);
	osc_out_bool(out, ok);
}

/* Commentary: which class waited longest under this policy. */
static void rw_note(char *buf, size_t size, const struct sync_opts *o,
		    unsigned v, const struct rw_result *r)
{
	bool writers = r->sh.max_write_wait > r->sh.max_read_wait;

	buf[0] = '\0';
	if (o->readers > 0 && o->writers > 0)
		snprintf(buf, size, "%s: the longest wait was a %s's "
			 "(%.1f us; the longest %s's %.1f us)", rw_variants[v],
			 writers ? "writer" : "reader",
			 1e6 * (writers ? r->sh.max_write_wait
					: r->sh.max_read_wait),
			 writers ? "reader" : "writer",
			 1e6 * (writers ? r->sh.max_read_wait
					: r->sh.max_write_wait));
}

static int rw_run(const struct sync_opts *o, struct osc_out *out)
{
	struct rw_result *r;
	char notes[3][160];
	unsigned v;
	int status = 0;
	bool ok;

	r = malloc(sizeof(*r));
	if (r == NULL)
		osc_die(EX_OSERR, "out of memory");
	osc_out_begin(out, "rw", rw_cols, 9);
	for (v = 0; rw_variants[v] != NULL; v++) {
		notes[v][0] = '\0';
		if (!(o->variants & (1u << v)))
			continue;
		memset(r, 0, sizeof(*r));
		if (rw_one(o, v, r) != OSC_OK)
			osc_die(EX_OSERR, "rw %s: cannot set up: %s",
				rw_variants[v], strerror(errno));
		if (!r->finished)
			osc_warn("rw %s: timed out after %g s", rw_variants[v],
				 o->timeout);
		ok = r->finished && !r->sh.failed && r->sh.torn == 0 &&
		     (o->duration > 0 ||
		      (r->sh.reads == o->readers * o->ops &&
		       r->sh.writes == o->writers * o->ops));
		if (!ok)
			status = 1;
		rw_row(out, o, v, r, ok);
		rw_note(notes[v], sizeof(notes[v]), o, v, r);
	}
	osc_out_end(out);
	for (v = 0; rw_variants[v] != NULL; v++)
		if (notes[v][0] != '\0')
			osc_out_note(out, "%s", notes[v]);
	free(r);
	return status;
}

static const char *const rw_schemes[] = {
	"rw reader (reader preference; writers may starve):\n"
	"  semaphores mutex = 1, wrt = 1; readcount = 0\n"
	"  reader: P(mutex); if (++readcount == 1) P(wrt); V(mutex);\n"
	"          read;\n"
	"          P(mutex); if (--readcount == 0) V(wrt); V(mutex)\n"
	"  writer: P(wrt); write; V(wrt)\n",
	"rw writer (writer preference; readers may starve):\n"
	"  semaphores mutex = mutex2 = mutex3 = 1, rd = 1, wrt = 1;\n"
	"  readcount = writecount = 0\n"
	"  reader: P(mutex3); P(rd); P(mutex);\n"
	"          if (++readcount == 1) P(wrt); V(mutex); V(rd); V(mutex3);\n"
	"          read;\n"
	"          P(mutex); if (--readcount == 0) V(wrt); V(mutex)\n"
	"  writer: P(mutex2); if (++writecount == 1) P(rd); V(mutex2);\n"
	"          P(wrt); write; V(wrt);\n"
	"          P(mutex2); if (--writecount == 0) V(rd); V(mutex2)\n",
	"rw fair (no starvation: a turnstile in front of everyone):\n"
	"  semaphores turnstile = 1, mutex = 1, wrt = 1; readcount = 0\n"
	"  reader: P(turnstile); V(turnstile);\n"
	"          P(mutex); if (++readcount == 1) P(wrt); V(mutex);\n"
	"          read;\n"
	"          P(mutex); if (--readcount == 0) V(wrt); V(mutex)\n"
	"  writer: P(turnstile); P(wrt); write; V(turnstile); V(wrt)\n"
	"  (a waiting writer holds the turnstile, so readers arriving after\n"
	"  it queue behind it instead of overtaking it)\n",
};

static void rw_explain(FILE *fp, unsigned v)
{
	fputs(rw_schemes[v], fp);
}

const struct sync_scenario sync_rw = {
	.name = "rw",
	.summary = "readers and writers share a record",
	.variant_opt = "policy",
	.variants = rw_variants,
	.tables = rw_tables,
	.opts = SYNC_O_READERS | SYNC_O_WRITERS | SYNC_O_POLICY |
		SYNC_O_DURATION | SYNC_O_OPS,
	.run = rw_run,
	.explain = rw_explain,
};
