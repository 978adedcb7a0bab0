/* jobs-read.c: readers of job traces: the jobs format (man 5 osc-traces) and SWF logs. */
#include <config.h>

#include <string.h>

#include "sched-int.h"

/* A number past 64 bits, as osc_scan_u64 says it (man 5 osc-traces). */
static int bad_over(struct osc_scan *s, const char *what,
		    const struct osc_tok *v)
{
	char q[200];

	return osc_scan_fail(s, "expected %s, found %s (out of range)", what,
			     osc_tok_quote(v, q, sizeof q));
}

/* A value of KEY=VALUE as a token of its own. */
static int key_u64(struct osc_scan *s, const struct osc_tok *v,
		   const char *what, uint64_t lo, uint64_t *out)
{
	bool over = false;

	if (osc_tok_u64(v, false, out, &over) != OSC_OK || *out < lo)
		return over ? bad_over(s, what, v) : osc_scan_bad(s, what, v);
	return OSC_OK;
}

static int key_i64(struct osc_scan *s, const struct osc_tok *v,
		   const char *what, int64_t lo, int64_t hi, int64_t *out)
{
	bool over = false;

	if (osc_tok_i64(v, false, out, &over) != OSC_OK || *out < lo || *out > hi)
		return over ? bad_over(s, what, v) : osc_scan_bad(s, what, v);
	return OSC_OK;
}

/* aff=0.2.5: CPU numbers 0..63 separated by dots. */
static int key_aff(struct osc_scan *s, const struct osc_tok *v, uint64_t *mask)
{
	const char *p = v->s, *end = v->s + v->len;

	*mask = 0;
	while (p <= end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		struct osc_tok cpu = { p, (size_t)((dot ? dot : end) - p) };
		uint64_t n;

		if (osc_tok_u64(&cpu, false, &n, NULL) != OSC_OK ||
		    n >= OSC_SCHED_MAX_CPUS)
			return osc_scan_bad(s, "CPU numbers 0 to 63 separated by '.'",
					    v);
		*mask |= UINT64_C(1) << n;
		if (!dot)
			break;
		p = dot + 1;
	}
	return OSC_OK;
}

/* The keys of a job line, in the order of the "expected a key" message. */
static const char *const job_keys[] = {
	"prio", "tickets", "nice", "io_every", "io_len", "aff", "ws",
};

/* A key given twice on one line is an error: which value was meant is
   anybody's guess, and taking one silently would yield numbers. */
static int job_key_once(struct osc_scan *s, const struct osc_tok *k,
			unsigned *seen)
{
	for (unsigned i = 0; i < sizeof job_keys / sizeof *job_keys; i++) {
		if (!osc_tok_eq(k, job_keys[i]))
			continue;
		if (*seen & 1u << i)
			return osc_scan_fail(s, "expected each key once, found %s= again",
					     job_keys[i]);
		*seen |= 1u << i;
	}
	return OSC_OK;
}

static int job_key(struct osc_scan *s, const struct osc_tok *t,
		   struct osc_sched_job *job, unsigned *seen)
{
	const char *eq = memchr(t->s, '=', t->len);
	struct osc_tok k, v;
	int64_t i;
	int st;

	if (!eq)
		return osc_scan_bad(s, "KEY=VALUE", t);
	k.s = t->s;
	k.len = (size_t)(eq - t->s);
	v.s = eq + 1;
	v.len = t->len - k.len - 1;
	if ((st = job_key_once(s, &k, seen)) != OSC_OK)
		return st;
	if (osc_tok_eq(&k, "prio"))
		return key_i64(s, &v, "a priority (an integer)", INT64_MIN,
			       INT64_MAX, &job->prio);
	if (osc_tok_eq(&k, "tickets"))
		return key_u64(s, &v, "a number of tickets (at least 1)", 1,
			       &job->tickets);
	if (osc_tok_eq(&k, "nice")) {
		st = key_i64(s, &v, "a nice value from -20 to 19", -20, 19, &i);
		job->nice = (int)i;
		return st;
	}
	if (osc_tok_eq(&k, "io_every"))
		return key_u64(s, &v, "an I/O interval of at least 1 tick", 1,
			       &job->io_every);
	if (osc_tok_eq(&k, "io_len"))
		return key_u64(s, &v, "an I/O length of at least 1 tick", 1,
			       &job->io_len);
	if (osc_tok_eq(&k, "ws"))
		return key_u64(s, &v, "a working-set size", 0, &job->ws);
	if (osc_tok_eq(&k, "aff"))
		return key_aff(s, &v, &job->aff);
	return osc_scan_bad(s, "a key prio, tickets, nice, io_every, io_len, aff or ws",
			    &k);
}

/* Times are kept below 2^40 ticks so that no sum of them can overflow. */
#define TIME_MAX (UINT64_C(1) << 40)

static int job_time(struct osc_scan *s, const char *what, uint64_t *v)
{
	struct osc_tok t;
	bool over = false;

	if (!osc_scan_tok(s, &t))
		return osc_scan_fail(s, "expected %s, found end of line", what);

	if (osc_tok_u64(&t, false, v, &over) != OSC_OK || *v >= TIME_MAX) {
		char q[200];

		return osc_scan_fail(s, "expected %s (an integer below 2^40), found %s%s",
				     what, osc_tok_quote(&t, q, sizeof q),
				     over ? " (out of range)" : "");
	}
	return OSC_OK;
}

static int job_line(struct osc_scan *s, struct osc_sched_jobset *set)
{
	struct osc_sched_job job;
	struct osc_tok name, t;
	unsigned seen = 0;
	int st;

	osc_sched_job_default(&job);
	osc_scan_tok(s, &name);
	if (osc_tok_eq(&name, "idle") || osc_tok_eq(&name, "switch"))
		return osc_scan_fail(s, "job name \"%.*s\" is reserved for the timeline",
				     (int)name.len, name.s);
	if ((st = job_time(s, "an arrival time", &job.arrival)) != OSC_OK)
		return st;
	if ((st = job_time(s, "a burst time", &job.burst)) != OSC_OK)
		return st;
	if (!job.burst)
		return osc_scan_fail(s, "expected a burst time of at least 1 tick, found \"0\"");
	while (osc_scan_tok(s, &t))
		if ((st = job_key(s, &t, &job, &seen)) != OSC_OK)
			return st;
	if (!job.io_every != !job.io_len)
		return osc_scan_fail(s, "expected io_every= and io_len= together, found only %s",
				     job.io_every ? "io_every=" : "io_len=");
	if (job.io_every && (unsigned __int128)((job.burst - 1) / job.io_every) *
	    job.io_len >= TIME_MAX)
		return osc_scan_fail(s, "expected a total I/O time below 2^40 ticks, found %llu blocks of %llu",
				     (unsigned long long)((job.burst - 1) / job.io_every),
				     (unsigned long long)job.io_len);
	st = osc_sched_add_job(set, name.s, name.len, &job, s->err);
	if (st == OSC_EDATA && s->err) {
		s->err->file = s->name;
		s->err->line = s->line;
	}
	return st;
}

int osc_sched_read_jobs(struct osc_scan *s, struct osc_sched_jobset *set)
{
	int r, st;

	while ((r = osc_scan_next(s)) > 0)
		if ((st = job_line(s, set)) != OSC_OK)
			return st;
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}

/* One SWF record: 18 integer fields; 1 job number, 2 submit time,
 * 4 run time. */
static int swf_line(struct osc_scan *s, struct osc_sched_jobset *set)
{
	struct osc_sched_job job;
	struct osc_tok f[18], extra;
	int64_t submit, run;
	bool over = false;
	int n, st;

	for (n = 0; n < 18; n++)
		if (!osc_scan_tok(s, &f[n]))
			return osc_scan_fail(s, "expected 18 fields (SWF), found %d",
					     n);
	if (osc_scan_tok(s, &extra))
		return osc_scan_bad(s, "end of line after 18 fields (SWF)",
				    &extra);
	if (osc_tok_i64(&f[1], false, &submit, &over) != OSC_OK || submit < 0 ||
	    submit >= (INT64_C(1) << 40))
		return over ? bad_over(s, "a submit time (field 2)", &f[1]) :
			osc_scan_bad(s, "a submit time (field 2)", &f[1]);
	if (osc_tok_i64(&f[3], false, &run, &over) != OSC_OK ||
	    run >= (INT64_C(1) << 40))
		return over ? bad_over(s, "a run time (field 4)", &f[3]) :
			osc_scan_bad(s, "a run time (field 4)", &f[3]);
	if (run <= 0)
		return OSC_OK;
	osc_sched_job_default(&job);
	job.arrival = (uint64_t)submit;
	job.burst = (uint64_t)run;
	st = osc_sched_add_job(set, f[0].s, f[0].len, &job, s->err);
	if (st == OSC_EDATA && s->err) {
		s->err->file = s->name;
		s->err->line = s->line;
	}
	return st;
}

int osc_sched_read_swf(struct osc_scan *s, struct osc_sched_jobset *set)
{
	int r, st;

	s->comment = ';';
	while ((r = osc_scan_next(s)) > 0)
		if ((st = swf_line(s, set)) != OSC_OK)
			return st;
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}
