/* locks-util.c: interned names, a small u64 map, growable strings and results. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locks-impl.h"

bool lk_grow(void **v, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap ? *cap : 8;
	void *p;

	if (n <= *cap)
		return true;
	while (c < n)
		c *= 2;
	if (!(p = realloc(*v, c * sz)))
		return false;
	*v = p;
	*cap = c;
	return true;
}

/* FNV-1a, 64 bits. */
static uint64_t lk_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;

	while (len--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

static bool names_rehash(struct lk_names *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 64, i, j;
	uint32_t *slot = malloc(n * sizeof *slot);

	if (!slot)
		return false;
	memset(slot, 0xff, n * sizeof *slot);
	for (i = 0; i < t->n; i++) {
		j = lk_hash(t->v[i], strlen(t->v[i])) & (n - 1);
		while (slot[j] != LK_NONE)
			j = (j + 1) & (n - 1);
		slot[j] = (uint32_t)i;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = n;
	return true;
}

int lk_names_add(struct lk_names *t, const char *s, size_t len, uint32_t *id,
		 bool *created)
{
	size_t j;
	char *copy;

	*created = false;
	if ((t->n + 1) * 2 > t->nslot && !names_rehash(t))
		return OSC_ENOMEM;
	j = lk_hash(s, len) & (t->nslot - 1);
	for (; t->slot[j] != LK_NONE; j = (j + 1) & (t->nslot - 1)) {
		const char *o = t->v[t->slot[j]];

		if (strnlen(o, len + 1) == len && memcmp(o, s, len) == 0) {
			*id = t->slot[j];
			return OSC_OK;
		}
	}
	if (t->n >= LK_NONE - 1 || !lk_grow((void **)&t->v, &t->cap, t->n + 1,
					    sizeof *t->v))
		return OSC_ENOMEM;
	if (!(copy = malloc(len + 1)))
		return OSC_ENOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->v[t->n] = copy;
	t->slot[j] = (uint32_t)t->n;
	*id = (uint32_t)t->n++;
	*created = true;
	return OSC_OK;
}

void lk_names_free(struct lk_names *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

static size_t map_slot(const struct lk_map *m, uint64_t key)
{
	size_t j = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (m->cap - 1);

	while (m->val[j] != LK_NONE && m->key[j] != key)
		j = (j + 1) & (m->cap - 1);
	return j;
}

uint32_t *lk_map_get(struct lk_map *m, uint64_t key)
{
	size_t j;

	if (!m->cap)
		return NULL;
	j = map_slot(m, key);
	return m->val[j] == LK_NONE ? NULL : &m->val[j];
}

static bool map_resize(struct lk_map *m)
{
	struct lk_map n = { .cap = m->cap ? m->cap * 2 : 64 };
	size_t i, j;

	n.key = malloc(n.cap * sizeof *n.key);
	n.val = malloc(n.cap * sizeof *n.val);
	if (!n.key || !n.val) {
		free(n.key);
		free(n.val);
		return false;
	}
	memset(n.val, 0xff, n.cap * sizeof *n.val);
	for (i = 0; i < m->cap; i++) {
		if (m->val[i] == LK_NONE)
			continue;
		j = map_slot(&n, m->key[i]);
		n.key[j] = m->key[i];
		n.val[j] = m->val[i];
	}
	n.n = m->n;
	lk_map_free(m);
	*m = n;
	return true;
}

int lk_map_put(struct lk_map *m, uint64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->cap && !map_resize(m))
		return OSC_ENOMEM;
	j = map_slot(m, key);
	if (m->val[j] == LK_NONE)
		m->n++;
	m->key[j] = key;
	m->val[j] = val;
	return OSC_OK;
}

void lk_map_free(struct lk_map *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

void lk_str_add(struct lk_str *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->nomem)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL,
			      b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->nomem = true;
			return;
		}
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		if (!lk_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1)) {
			b->nomem = true;
			return;
		}
	}
}

static int keep(struct osc_locks *l, char *s)
{
	if (!s)
		return OSC_OK;
	if (!lk_grow((void **)&l->strs, &l->strs_cap, l->nstrs + 1,
		     sizeof *l->strs)) {
		free(s);
		return OSC_ENOMEM;
	}
	l->strs[l->nstrs++] = s;
	return OSC_OK;
}

int lk_add_finding(struct osc_locks *l, enum osc_lk_kind kind, char *threads,
		   char *resources, char *cycle, char *lines)
{
	struct osc_lk_finding *f;
	int st = OSC_OK;

	st |= keep(l, threads);
	st |= keep(l, resources);
	st |= keep(l, cycle);
	st |= keep(l, lines);
	if (st != OSC_OK || !threads || !resources || !lines ||
	    !lk_grow((void **)&l->f, &l->f_cap, l->nf + 1, sizeof *l->f))
		return OSC_ENOMEM;
	f = &l->f[l->nf++];
	f->kind = kind;
	f->threads = threads;
	f->resources = resources;
	f->cycle = cycle;
	f->lines = lines;
	return OSC_OK;
}

int lk_add_self(struct osc_locks *l, const struct lk_self *s, bool state)
{
	struct lk_str th = { 0 }, rs = { 0 }, cy = { 0 }, ln = { 0 };
	const char *t = l->threads.v[s->thread], *r = l->res.v[s->res];

	lk_str_add(&th, "%s", t);
	lk_str_add(&rs, "%s", r);
	if (state)
		lk_str_add(&cy, "%s -> %s (held by %s)", t, r, t);
	else
		lk_str_add(&cy, "%s -> %s", r, r);
	lk_str_add(&ln, "%llu %llu", (unsigned long long)s->line_held,
		   (unsigned long long)s->line_again);
	if (th.nomem || rs.nomem || cy.nomem || ln.nomem) {
		free(th.s), free(rs.s), free(cy.s), free(ln.s);
		return OSC_ENOMEM;
	}
	return lk_add_finding(l, OSC_LK_SELF, th.s, rs.s, cy.s, ln.s);
}

int lk_add_edge(struct osc_locks *l, const struct osc_lk_edge *e)
{
	if (!lk_grow((void **)&l->edges, &l->edges_cap, l->nedges + 1,
		     sizeof *l->edges))
		return OSC_ENOMEM;
	l->edges[l->nedges++] = *e;
	return OSC_OK;
}
