/* locks.c: replaying a locks-format event trace, with its checks, into state and order graph. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "locks-impl.h"

enum lk_verb { V_ACQUIRE, V_TRY, V_REQUEST, V_RELEASE };

static const char *const verb_names[] = {
	"acquire", "tryacquire", "request", "release"
};

/* One parsed event line. */
struct lk_ev {
	enum lk_verb verb;
	uint32_t th, res, site;
	uint64_t count;
	struct osc_tok tname, rname;
};

struct osc_locks *osc_locks_new(void)
{
	return calloc(1, sizeof(struct osc_locks));
}

void osc_locks_free(struct osc_locks *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->threads.n; i++)
		free(l->th[i].held);
	for (i = 0; i < l->noe; i++)
		free(l->oe[i].gates);
	for (i = 0; i < l->nstrs; i++)
		free(l->strs[i]);
	lk_names_free(&l->threads);
	lk_names_free(&l->res);
	lk_names_free(&l->sites);
	lk_map_free(&l->emap);
	free(l->th);
	free(l->rs);
	free(l->oe);
	free(l->selfs);
	free(l->f);
	free(l->edges);
	free(l->strs);
	free(l);
}

static int lk_nomem(struct osc_scan *s)
{
	return osc_error_set(s->err, OSC_ENOMEM, s->name, s->line,
			     "out of memory");
}

static int lk_thread(struct osc_locks *l, const struct osc_tok *t, uint32_t *id)
{
	bool created;

	if (lk_names_add(&l->threads, t->s, t->len, id, &created) != OSC_OK)
		return OSC_ENOMEM;
	if (created) {
		if (!lk_grow((void **)&l->th, &l->th_cap, *id + 1, sizeof *l->th))
			return OSC_ENOMEM;
		memset(&l->th[*id], 0, sizeof l->th[*id]);
		l->th[*id].req = LK_NONE;
	}
	return OSC_OK;
}

static int lk_resource(struct osc_locks *l, const struct osc_tok *t,
		       uint32_t *id)
{
	bool created;

	if (lk_names_add(&l->res, t->s, t->len, id, &created) != OSC_OK)
		return OSC_ENOMEM;
	if (created) {
		if (!lk_grow((void **)&l->rs, &l->rs_cap, *id + 1, sizeof *l->rs))
			return OSC_ENOMEM;
		l->rs[*id] = (struct lk_res){ .instances = 1 };
	}
	return OSC_OK;
}

/* `resource NAME N` */
static int lk_declare(struct osc_locks *l, struct osc_scan *s)
{
	struct osc_tok t;
	uint32_t id;
	uint64_t n;
	int st;

	if (!osc_scan_tok(s, &t))
		return osc_scan_fail(s, "expected a resource name, found end of line");
	if ((st = osc_scan_u64(s, "a number of instances", &n)) != OSC_OK)
		return st;
	if (n == 0)
		return osc_scan_fail(s, "expected a number of instances of at least 1, found 0");
	if ((st = osc_scan_expect_end(s)) != OSC_OK)
		return st;
	if (lk_resource(l, &t, &id) != OSC_OK)
		return lk_nomem(s);
	if (l->rs[id].declared || l->rs[id].used)
		return osc_scan_fail(s, "expected resource %s declared once, before its first use",
				     l->res.v[id]);
	l->rs[id].declared = true;
	l->rs[id].instances = n;
	return OSC_OK;
}

/* RES [N] [@SITE] after the verb. */
static int lk_operands(struct osc_locks *l, struct osc_scan *s,
		       struct lk_ev *e)
{
	struct osc_tok t;
	bool created, over;

	e->count = 1;
	e->site = LK_NONE;
	if (!osc_scan_tok(s, &e->rname) || e->rname.s[0] == '@')
		return osc_scan_fail(s, "expected a resource name after %s",
				     verb_names[e->verb]);
	if (lk_resource(l, &e->rname, &e->res) != OSC_OK)
		return lk_nomem(s);
	if (!osc_scan_tok(s, &t))
		return OSC_OK;
	if (t.s[0] != '@') {
		if (osc_tok_u64(&t, false, &e->count, &over) != OSC_OK ||
		    e->count == 0)
			return osc_scan_bad(s, "a number of instances (1 or more) or @SITE",
					    &t);
		if (!osc_scan_tok(s, &t))
			return OSC_OK;
		if (t.s[0] != '@')
			return osc_scan_bad(s, "@SITE or end of line", &t);
	}
	if (t.len < 2)
		return osc_scan_bad(s, "a site after @", &t);
	if (lk_names_add(&l->sites, t.s + 1, t.len - 1, &e->site, &created) != OSC_OK)
		return lk_nomem(s);
	return osc_scan_expect_end(s);
}

static struct lk_hold *lk_find_hold(struct lk_thread *t, uint32_t res)
{
	for (size_t i = 0; i < t->nheld; i++)
		if (t->held[i].res == res)
			return &t->held[i];
	return NULL;
}

/* Record a self-deadlock (once per thread and resource). */
static int lk_self(struct osc_locks *l, const struct lk_ev *e,
		   const struct lk_hold *h, uint64_t line)
{
	for (size_t i = 0; i < l->nselfs; i++)
		if (l->selfs[i].thread == e->th && l->selfs[i].res == e->res)
			return OSC_OK;
	if (!lk_grow((void **)&l->selfs, &l->selfs_cap, l->nselfs + 1,
		     sizeof *l->selfs))
		return OSC_ENOMEM;
	l->selfs[l->nselfs++] = (struct lk_self){ e->th, e->res, h->line, line,
						    e->site };
	return OSC_OK;
}

/* Add (or refine) the lock-order edge held -> new for this event. */
static int lk_order_edge(struct osc_locks *l, const struct lk_thread *t,
			 const struct lk_hold *h, const struct lk_ev *e,
			 uint64_t line)
{
	uint64_t key = (uint64_t)h->res << 32 | e->res;
	uint32_t *idx = lk_map_get(&l->emap, key);
	struct lk_oedge *oe;
	size_t i, j, k;

	if (!idx) {
		if (!lk_grow((void **)&l->oe, &l->oe_cap, l->noe + 1, sizeof *l->oe) ||
		    lk_map_put(&l->emap, key, (uint32_t)l->noe) != OSC_OK)
			return OSC_ENOMEM;
		oe = &l->oe[l->noe++];
		*oe = (struct lk_oedge){ h->res, e->res, e->th, h->site, e->site,
					 h->line, line, NULL, 0, false };
		if (!(oe->gates = malloc((t->nheld ? t->nheld : 1) * sizeof *oe->gates)))
			return OSC_ENOMEM;
		for (i = 0; i < t->nheld; i++)
			if (t->held[i].res != h->res && t->held[i].res != e->res)
				oe->gates[oe->ngates++] = t->held[i].res;
		return OSC_OK;
	}
	oe = &l->oe[*idx];
	for (i = k = 0; i < oe->ngates; i++) {
		for (j = 0; j < t->nheld && t->held[j].res != oe->gates[i]; j++)
			;
		if (j < t->nheld)
			oe->gates[k++] = oe->gates[i];
	}
	oe->ngates = k;
	return OSC_OK;
}

static int lk_edges(struct osc_locks *l, struct lk_thread *t,
		    const struct lk_ev *e, uint64_t line)
{
	for (size_t i = 0; i < t->nheld; i++)
		if (t->held[i].res != e->res &&
		    lk_order_edge(l, t, &t->held[i], e, line) != OSC_OK)
			return OSC_ENOMEM;
	return OSC_OK;
}

static int lk_blocked(struct osc_locks *l, struct osc_scan *s,
		      const struct lk_ev *e)
{
	const struct lk_thread *t = &l->th[e->th];

	return osc_scan_fail(s, "expected %s to acquire %s (it is blocked since line %llu), found %s %.*s",
			     l->threads.v[e->th], l->res.v[t->req],
			     (unsigned long long)t->req_line, verb_names[e->verb],
			     (int)(e->rname.len > 40 ? 40 : e->rname.len), e->rname.s);
}

static int lk_too_many(struct osc_locks *l, struct osc_scan *s,
		       const struct lk_ev *e)
{
	const struct lk_res *r = &l->rs[e->res];
	const char *holder = "";
	size_t i;

	for (i = 0; i < l->threads.n && r->instances == 1; i++)
		if (lk_find_hold(&l->th[i], e->res))
			holder = l->threads.v[i];
	return osc_scan_fail(s, "expected at most %llu instance%s of %s in use, found %s of %llu while %llu %s held%s%s",
			     (unsigned long long)r->instances,
			     r->instances == 1 ? "" : "s", l->res.v[e->res],
			     verb_names[e->verb], (unsigned long long)e->count,
			     (unsigned long long)r->used,
			     r->used == 1 ? "is" : "are", *holder ? " by " : "",
			     holder);
}

static int lk_acquire(struct osc_locks *l, struct osc_scan *s,
		      const struct lk_ev *e)
{
	struct lk_thread *t = &l->th[e->th];
	struct lk_res *r = &l->rs[e->res];
	struct lk_hold *h = lk_find_hold(t, e->res);

	if (t->req != LK_NONE) {
		if (e->verb != V_ACQUIRE || e->res != t->req ||
		    e->count != t->req_count)
			return lk_blocked(l, s, e);
		t->req = LK_NONE;
	} else if (e->verb == V_ACQUIRE && lk_edges(l, t, e, s->line) != OSC_OK) {
		return lk_nomem(s);
	}
	if (r->used + e->count > r->instances || r->used + e->count < r->used) {
		if (h && e->verb == V_ACQUIRE)
			return lk_self(l, e, h, s->line) == OSC_OK ? OSC_OK :
				lk_nomem(s);
		return lk_too_many(l, s, e);
	}
	r->used += e->count;
	if (h) {
		h->count += e->count;
		return OSC_OK;
	}
	if (!lk_grow((void **)&t->held, &t->cap, t->nheld + 1, sizeof *t->held))
		return lk_nomem(s);
	t->held[t->nheld++] = (struct lk_hold){ e->res, e->count, s->line, e->site };
	return OSC_OK;
}

static int lk_request(struct osc_locks *l, struct osc_scan *s,
		      const struct lk_ev *e)
{
	struct lk_thread *t = &l->th[e->th];
	struct lk_res *r = &l->rs[e->res];
	struct lk_hold *h = lk_find_hold(t, e->res);

	if (t->req != LK_NONE)
		return lk_blocked(l, s, e);
	if (e->count > r->instances)
		return lk_too_many(l, s, e);
	if (lk_edges(l, t, e, s->line) != OSC_OK)
		return lk_nomem(s);
	if (h && r->used + e->count > r->instances &&
	    lk_self(l, e, h, s->line) != OSC_OK)
		return lk_nomem(s);
	t->req = e->res;
	t->req_count = e->count;
	t->req_line = s->line;
	t->req_site = e->site;
	return OSC_OK;
}

static int lk_release(struct osc_locks *l, struct osc_scan *s,
		      const struct lk_ev *e)
{
	struct lk_thread *t = &l->th[e->th];
	struct lk_hold *h = lk_find_hold(t, e->res);
	size_t i;

	if (t->req != LK_NONE)
		return lk_blocked(l, s, e);
	if (!h)
		return osc_scan_fail(s, "expected %s to release a resource it holds, found release of %s, which it does not hold",
				     l->threads.v[e->th], l->res.v[e->res]);
	if (h->count < e->count)
		return osc_scan_fail(s, "expected %s to release at most the %llu of %s it holds, found release of %llu",
				     l->threads.v[e->th], (unsigned long long)h->count,
				     l->res.v[e->res], (unsigned long long)e->count);
	l->rs[e->res].used -= e->count;
	if ((h->count -= e->count) == 0) {
		i = (size_t)(h - t->held);
		memmove(h, h + 1, (t->nheld - i - 1) * sizeof *h);
		t->nheld--;
	}
	return OSC_OK;
}

static int lk_line(struct osc_locks *l, struct osc_scan *s)
{
	static const char want[] = "acquire, tryacquire, request or release";
	struct lk_ev e;
	struct osc_tok v;
	int st;

	if (!osc_scan_tok(s, &e.tname))
		return OSC_OK;
	if (osc_tok_eq(&e.tname, "resource"))
		return lk_declare(l, s);
	if (!osc_scan_tok(s, &v))
		return osc_scan_fail(s, "expected %s after the thread name, found end of line",
				     want);
	for (e.verb = V_ACQUIRE; e.verb <= V_RELEASE; e.verb++)
		if (osc_tok_eq(&v, verb_names[e.verb]))
			break;
	if (e.verb > V_RELEASE)
		return osc_scan_bad(s, want, &v);
	if (lk_thread(l, &e.tname, &e.th) != OSC_OK)
		return lk_nomem(s);
	if ((st = lk_operands(l, s, &e)) != OSC_OK)
		return st;
	l->events++;
	if (e.verb == V_REQUEST)
		return lk_request(l, s, &e);
	if (e.verb == V_RELEASE)
		return lk_release(l, s, &e);
	return lk_acquire(l, s, &e);
}

int osc_locks_read(struct osc_locks *l, struct osc_scan *s)
{
	int r, st;

	while ((r = osc_scan_next(s)) > 0)
		if ((st = lk_line(l, s)) != OSC_OK)
			return st;
	return r < 0 ? (s->err ? s->err->status : OSC_EIO) : OSC_OK;
}

const char *osc_lk_kind_name(enum osc_lk_kind k)
{
	static const char *const names[] = {
		[OSC_LK_DEADLOCK] = "deadlock",
		[OSC_LK_POTENTIAL] = "potential",
		[OSC_LK_SELF] = "self",
		[OSC_LK_GUARDED] = "guarded",
	};

	return (unsigned)k < 4 ? names[k] : "unknown";
}

int osc_locks_analyse(struct osc_locks *l, enum osc_lk_mode mode,
		      struct osc_error *err)
{
	int st = mode == OSC_LK_STATE ? lk_state(l) : lk_order(l);

	l->counts.events = l->events;
	l->counts.threads = l->threads.n;
	l->counts.resources = l->res.n;
	if (st != OSC_OK)
		return osc_error_set(err, st, NULL, 0, "out of memory");
	return OSC_OK;
}

size_t osc_locks_nfindings(const struct osc_locks *l)
{
	return l->nf;
}

const struct osc_lk_finding *osc_locks_finding(const struct osc_locks *l,
					       size_t i)
{
	return i < l->nf ? &l->f[i] : NULL;
}

size_t osc_locks_nedges(const struct osc_locks *l)
{
	return l->nedges;
}

const struct osc_lk_edge *osc_locks_edge(const struct osc_locks *l, size_t i)
{
	return i < l->nedges ? &l->edges[i] : NULL;
}

void osc_locks_counts(const struct osc_locks *l, struct osc_lk_counts *c)
{
	*c = l->counts;
}
