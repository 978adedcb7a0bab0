/* reader.c: the alloc trace format (malloc-lab .rep compatible), with live-id checks. */
#include <config.h>

#include "osconcepts.h"

int osc_alloc_reader_init(struct osc_alloc_reader *r, struct osc_scan *s)
{
	r->s = s;
	r->header = 0;
	r->started = false;
	return osc_map_init(&r->live, 0);
}

void osc_alloc_reader_next_file(struct osc_alloc_reader *r,
				struct osc_scan *s)
{
	r->s = s;
}

void osc_alloc_reader_fini(struct osc_alloc_reader *r)
{
	osc_map_free(&r->live);
}

/* A malloc-lab header line: one integer alone, before any operation. */
static bool reader_header(struct osc_alloc_reader *r, const struct osc_tok *t)
{
	uint64_t v;

	if (r->started || r->header >= 4 || !osc_scan_at_end(r->s) ||
	    osc_tok_u64(t, false, &v, NULL) != OSC_OK)
		return false;
	r->header++;
	return true;
}

static int reader_size(struct osc_alloc_reader *r, uint64_t *size)
{
	struct osc_tok t;
	bool over = false;

	if (!osc_scan_tok(r->s, &t))
		return osc_scan_fail(r->s, "expected a size, found end of line");
	if (osc_tok_u64(&t, false, size, &over) != OSC_OK && !over)
		return osc_scan_bad(r->s, "a size", &t);
	if (over || *size == 0 || *size > OSC_ALLOC_MAX_SIZE)
		return osc_scan_bad(r->s, "a size from 1 to 2^48", &t);
	return OSC_OK;
}

/* Check the id against the live set and update it. */
static int reader_live(struct osc_alloc_reader *r, struct osc_alloc_op *op)
{
	bool created;
	uint64_t *v;

	if (op->kind == OSC_ALLOC_A) {
		if (!(v = osc_map_upsert(&r->live, op->id, &created)))
			return osc_error_set(r->s->err, OSC_ENOMEM, NULL, 0,
					     "out of memory");
		if (!created)
			return osc_scan_fail(r->s,
					     "expected an id that is not live, found %llu (allocated on line %llu and not freed)",
					     (unsigned long long)op->id,
					     (unsigned long long)*v);
		*v = op->line;
		return OSC_OK;
	}
	if (!osc_map_get(&r->live, op->id))
		return osc_scan_fail(r->s, "expected a live id to %s, found %llu",
				     op->kind == OSC_ALLOC_F ? "free" : "resize",
				     (unsigned long long)op->id);
	if (op->kind == OSC_ALLOC_F)
		osc_map_del(&r->live, op->id);
	return OSC_OK;
}

static int reader_op(struct osc_alloc_reader *r, const struct osc_tok *t,
		     struct osc_alloc_op *op)
{
	int rc;

	if (t->len != 1 || (t->s[0] != 'a' && t->s[0] != 'f' && t->s[0] != 'r'))
		return osc_scan_bad(r->s, "an operation (a, f or r)", t);
	op->kind = (enum osc_alloc_kind)t->s[0];
	op->line = r->s->line;
	op->size = 0;
	if ((rc = osc_scan_u64(r->s, "a block id", &op->id)) != OSC_OK)
		return rc;
	if (op->kind != OSC_ALLOC_F && (rc = reader_size(r, &op->size)) != OSC_OK)
		return rc;
	if ((rc = osc_scan_expect_end(r->s)) != OSC_OK)
		return rc;
	return reader_live(r, op);
}

int osc_alloc_read(struct osc_alloc_reader *r, struct osc_alloc_op *op)
{
	struct osc_tok t;
	int rc;

	while ((rc = osc_scan_next(r->s)) > 0) {
		if (!osc_scan_tok(r->s, &t))
			continue;
		if (reader_header(r, &t))
			continue;
		r->started = true;
		return reader_op(r, &t, op) == OSC_OK ? 1 : -1;
	}
	return rc;
}
