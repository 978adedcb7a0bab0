/* bankers.c: the banker's safety algorithm, requests, safe sequences, detection. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

/* Whether row a <= row b in every resource. */
static bool bk_le(const uint64_t *a, const uint64_t *b, size_t m)
{
	size_t r;

	for (r = 0; r < m; r++)
		if (a[r] > b[r])
			return false;
	return true;
}

static bool bk_need_le(const struct osc_bankers *b, size_t p,
		       const uint64_t *work)
{
	size_t r;

	for (r = 0; r < b->nres; r++)
		if (osc_bankers_need(b, p, r) > work[r])
			return false;
	return true;
}

static void bk_add(uint64_t *work, const uint64_t *row, size_t m)
{
	size_t r;

	for (r = 0; r < m; r++)
		work[r] += row[r];
}

/* The next process to finish, scanning from `from` (wrapping), or -1. */
static size_t bk_pick(const struct osc_bankers *b, const bool *fin,
		      const uint64_t *work, size_t from)
{
	size_t k, p;

	for (k = 0; k < b->nproc; k++) {
		p = (from + k) % b->nproc;
		if (!fin[p] && bk_need_le(b, p, work))
			return p;
	}
	return (size_t)-1;
}

size_t osc_bankers_safety(const struct osc_bankers *b, enum osc_bk_scan scan,
			  size_t *seq, uint64_t *works)
{
	size_t m = b->nres, n = 0, from = 0, p;
	uint64_t *work = works;
	bool *fin;

	fin = calloc(b->nproc ? b->nproc : 1, sizeof *fin);
	if (!fin || (!works && !(work = malloc((m ? m : 1) * sizeof *work)))) {
		free(fin);
		return (size_t)-1;
	}
	memcpy(work, b->avail, m * sizeof *work);
	while (n < b->nproc) {
		p = bk_pick(b, fin, work, scan == OSC_BK_RESTART ? 0 : from);
		if (p == (size_t)-1)
			break;
		fin[p] = true;
		seq[n++] = p;
		if (works) {
			memcpy(work + m, work, m * sizeof *work);
			work += m;
		}
		bk_add(work, b->alloc + p * m, m);
		from = p + 1;
	}
	free(fin);
	if (!works)
		free(work);
	return n;
}

const char *osc_bk_decision_name(enum osc_bk_decision d)
{
	static const char *const names[] = {
		[OSC_BK_GRANTED] = "granted",
		[OSC_BK_WAIT] = "wait",
		[OSC_BK_UNSAFE] = "unsafe",
		[OSC_BK_ERROR] = "error",
		[OSC_BK_RELEASED] = "released",
	};

	return (unsigned)d < 5 ? names[d] : "unknown";
}

/* Append "WHAT n n n" to reason. */
static void bk_why(char *reason, size_t size, const char *what,
		   const uint64_t *v, size_t m)
{
	size_t len, r;

	snprintf(reason, size, "%s", what);
	for (r = 0; r < m; r++) {
		len = strlen(reason);
		if (len + 1 >= size)
			return;
		snprintf(reason + len, size - len, " %llu",
			 (unsigned long long)v[r]);
	}
}

static int bk_release(struct osc_bankers *b, const struct osc_bk_op *op,
		      enum osc_bk_decision *d, char *reason, size_t size)
{
	uint64_t *alloc = b->alloc + op->proc * b->nres;

	if (!bk_le(op->v, alloc, b->nres)) {
		*d = OSC_BK_ERROR;
		bk_why(reason, size, "exceeds allocation", alloc, b->nres);
		return OSC_OK;
	}
	for (size_t r = 0; r < b->nres; r++) {
		alloc[r] -= op->v[r];
		b->avail[r] += op->v[r];
	}
	*d = OSC_BK_RELEASED;
	bk_why(reason, size, "available now", b->avail, b->nres);
	return OSC_OK;
}

static void bk_move(struct osc_bankers *b, size_t p, const uint64_t *v,
		    bool give)
{
	uint64_t *alloc = b->alloc + p * b->nres;

	for (size_t r = 0; r < b->nres; r++) {
		alloc[r] += give ? v[r] : -v[r];
		b->avail[r] += give ? -v[r] : v[r];
	}
}

/* Name the safe sequence seq (n processes) in reason. */
static void bk_seq_why(const struct osc_bankers *b, const size_t *seq,
		       size_t n, char *reason, size_t size)
{
	size_t len, i;

	snprintf(reason, size, "safe sequence");
	for (i = 0; i < n; i++) {
		len = strlen(reason);
		if (len + 1 >= size)
			return;
		snprintf(reason + len, size - len, " %s", b->proc[seq[i]]);
	}
}

int osc_bankers_apply(struct osc_bankers *b, const struct osc_bk_op *op,
		      enum osc_bk_scan scan, enum osc_bk_decision *d,
		      char *reason, size_t size)
{
	size_t m = b->nres, p = op->proc, r, n, *seq;
	uint64_t *need;
	bool over;

	if (op->kind == OSC_BK_RELEASE)
		return bk_release(b, op, d, reason, size);
	if (!(need = malloc((m ? m : 1) * sizeof *need)))
		return OSC_ENOMEM;
	for (r = 0; r < m; r++)
		need[r] = osc_bankers_need(b, p, r);
	over = !bk_le(op->v, need, m);
	if (over) {
		*d = OSC_BK_ERROR;
		bk_why(reason, size, "exceeds need", need, m);
	}
	free(need);
	if (over)
		return OSC_OK;
	if (!bk_le(op->v, b->avail, m)) {
		*d = OSC_BK_WAIT;
		bk_why(reason, size, "exceeds available", b->avail, m);
		return OSC_OK;
	}
	if (!(seq = malloc((b->nproc ? b->nproc : 1) * sizeof *seq)))
		return OSC_ENOMEM;
	bk_move(b, p, op->v, true);
	n = osc_bankers_safety(b, scan, seq, NULL);
	if (n == (size_t)-1) {
		bk_move(b, p, op->v, false);
		free(seq);
		return OSC_ENOMEM;
	}
	if (n == b->nproc) {
		*d = OSC_BK_GRANTED;
		bk_seq_why(b, seq, n, reason, size);
	} else {
		*d = OSC_BK_UNSAFE;
		bk_why(reason, size, "no safe sequence from available",
		       b->avail, m);
		bk_move(b, p, op->v, false);
	}
	free(seq);
	return OSC_OK;
}

size_t osc_bankers_check(const struct osc_bankers *b, const size_t *seq,
			 size_t n, uint64_t *works)
{
	size_t m = b->nres, k, p;
	uint64_t *work = works;
	bool *fin;

	fin = calloc(b->nproc ? b->nproc : 1, sizeof *fin);
	if (!fin || (!works && !(work = malloc((m ? m : 1) * sizeof *work)))) {
		free(fin);
		return (size_t)-1;
	}
	memcpy(work, b->avail, m * sizeof *work);
	for (k = 0; k < n; k++) {
		p = seq[k];
		if (p >= b->nproc || fin[p] || !bk_need_le(b, p, work))
			break;
		fin[p] = true;
		if (works) {
			memcpy(work + m, work, m * sizeof *work);
			work += m;
		}
		bk_add(work, b->alloc + p * m, m);
	}
	free(fin);
	if (!works)
		free(work);
	return k;
}

size_t osc_bankers_detect(const struct osc_bankers *b, bool *dead)
{
	size_t m = b->nres, p, left = b->nproc;
	bool progress = true;
	uint64_t *work;

	if (!(work = malloc((m ? m : 1) * sizeof *work)))
		return (size_t)-1;
	memcpy(work, b->avail, m * sizeof *work);
	for (p = 0; p < b->nproc; p++) {
		bool none = true;

		for (size_t r = 0; r < m; r++)
			none = none && b->alloc[p * m + r] == 0;
		dead[p] = !none;
		left -= none;
	}
	while (progress) {
		progress = false;
		for (p = 0; p < b->nproc; p++) {
			if (!dead[p] || !bk_le(b->max + p * m, work, m))
				continue;
			dead[p] = false;
			left--;
			bk_add(work, b->alloc + p * m, m);
			progress = true;
		}
	}
	free(work);
	return left;
}
