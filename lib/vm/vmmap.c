/* vmmap.c: the reader of vmmap files (per-process base/bounds, segments, pages). */
#include <config.h>

#include <string.h>

#include "vm-int.h"

/* A `key=VALUE` token: whether it has the key, and the value part. */
static bool kv(const struct osc_tok *t, const char *key, struct osc_tok *val)
{
	size_t n = strlen(key);

	if (t->len <= n || t->s[n] != '=' || strncmp(t->s, key, n) != 0)
		return false;
	val->s = t->s + n + 1;
	val->len = t->len - n - 1;
	return true;
}

/* `rwx`, `r-x`, `rw`, ...: letters r, w, x and `-`, each at most once. */
static int parse_prot(struct osc_scan *s, const struct osc_tok *t,
		      unsigned *prot)
{
	size_t i;
	unsigned bit;

	*prot = 0;
	for (i = 0; i < t->len; i++) {
		switch (t->s[i]) {
		case 'r': bit = OSC_VM_R; break;
		case 'w': bit = OSC_VM_W; break;
		case 'x': bit = OSC_VM_X; break;
		case '-': continue;
		default: bit = 0; break;
		}
		if (bit == 0 || (*prot & bit))
			return osc_scan_bad(s, "a protection such as rw or r-x",
					    t);
		*prot |= bit;
	}
	return OSC_OK;
}

static int tok_num(struct osc_scan *s, const struct osc_tok *t,
		   const char *what, uint64_t *v)
{
	bool over = false;
	char q[200];

	if (osc_tok_u64(t, s->hex, v, &over) == OSC_OK)
		return OSC_OK;
	if (!over)
		return osc_scan_bad(s, what, t);
	/* As osc_scan_u64 says it (man 5 osc-traces). */
	return osc_scan_fail(s, "expected %s, found %s (out of range)", what,
			     osc_tok_quote(t, q, sizeof q));
}

static int wrong_mode(struct osc_scan *s, const struct osc_vm *vm,
		      const char *what)
{
	return osc_scan_fail(s, "a %s line does not apply to -m %s", what,
			     osc_vm_mode_name(vm->cfg.mode));
}

/* segment INDEX base=N limit=N [grows=up|down] [prot=rwx] */
static int map_segment(struct osc_vm *vm, struct vm_proc *p, struct osc_scan *s)
{
	struct osc_tok t, v;
	struct vm_seg g = { .defined = true, .prot = 7 };
	uint64_t ix;
	bool has_base = false, has_limit = false;

	if (vm->cfg.mode != OSC_VM_SEGMENT)
		return wrong_mode(s, vm, "segment");
	if (osc_scan_u64(s, "a segment index", &ix) != OSC_OK)
		return OSC_EDATA;
	if (ix >> vm->cfg.seg_bits)
		return osc_scan_fail(s, "expected a segment index below %llu "
				     "(--seg-bits=%u), found %llu",
				     1ull << vm->cfg.seg_bits, vm->cfg.seg_bits,
				     (unsigned long long)ix);
	while (osc_scan_tok(s, &t)) {
		if (kv(&t, "base", &v)) {
			if (tok_num(s, &v, "a number after base=", &g.base))
				return OSC_EDATA;
			has_base = true;
		} else if (kv(&t, "limit", &v)) {
			if (tok_num(s, &v, "a number after limit=", &g.limit))
				return OSC_EDATA;
			has_limit = true;
		} else if (kv(&t, "grows", &v) && (osc_tok_eq(&v, "up") ||
						   osc_tok_eq(&v, "down"))) {
			g.down = osc_tok_eq(&v, "down");
		} else if (kv(&t, "prot", &v)) {
			if (parse_prot(s, &v, &g.prot) != OSC_OK)
				return OSC_EDATA;
		} else {
			return osc_scan_bad(s, "base=, limit=, grows=up|down "
					    "or prot=", &t);
		}
	}
	if (!has_base || !has_limit)
		return osc_scan_fail(s, "a segment needs base= and limit=");
	if (g.down ? g.limit > g.base || g.base > vm->cfg.pm_size :
	    g.base > vm->cfg.pm_size || g.limit > vm->cfg.pm_size - g.base)
		return osc_scan_fail(s, "segment %llu lies outside physical "
				     "memory (--pm-size=%llu)",
				     (unsigned long long)ix,
				     (unsigned long long)vm->cfg.pm_size);
	/* Like a page, a segment listed twice is a mistake, not an update. */
	if (p->seg[ix].defined)
		return osc_scan_fail(s, "segment %llu is defined twice",
				     (unsigned long long)ix);
	p->seg[ix] = g;
	return OSC_OK;
}

/* page VPN PFN [prot=rwx] */
static int map_page(struct osc_vm *vm, struct vm_proc *p, struct osc_scan *s)
{
	struct osc_tok t, v;
	uint64_t vpn, pfn, frames = vm->cfg.pm_size >> vm->off_bits;
	unsigned prot = 7;

	if (vm->cfg.mode != OSC_VM_LINEAR && vm->cfg.mode != OSC_VM_MULTILEVEL)
		return wrong_mode(s, vm, "page");
	if (osc_scan_u64(s, "a virtual page number", &vpn) != OSC_OK ||
	    osc_scan_u64(s, "a physical frame number", &pfn) != OSC_OK)
		return OSC_EDATA;
	if (vpn >> vm->vpn_bits)
		return osc_scan_fail(s, "expected a virtual page number below "
				     "%llu, found %llu",
				     1ull << vm->vpn_bits,
				     (unsigned long long)vpn);
	if (pfn >= frames)
		return osc_scan_fail(s, "expected a frame number below %llu "
				     "(--pm-size / --page-size), found %llu",
				     (unsigned long long)frames,
				     (unsigned long long)pfn);
	if (osc_scan_tok(s, &t)) {
		if (!kv(&t, "prot", &v))
			return osc_scan_bad(s, "prot=", &t);
		if (parse_prot(s, &v, &prot) != OSC_OK)
			return OSC_EDATA;
		if (osc_scan_expect_end(s) != OSC_OK)
			return OSC_EDATA;
	}
	if (osc_map_get(&p->pages, vpn))
		return osc_scan_fail(s, "page %llu is mapped twice",
				     (unsigned long long)vpn);
	if (vm_map_page(vm, p, vpn, pfn, prot) != OSC_OK)
		return osc_error_set(s->err, OSC_ENOMEM, s->name, s->line,
				     "out of memory");
	return OSC_OK;
}

static int map_bb(struct osc_vm *vm, struct vm_proc *p, struct osc_scan *s,
		  bool base)
{
	uint64_t v;

	if (vm->cfg.mode != OSC_VM_BASE_BOUNDS)
		return wrong_mode(s, vm, base ? "base" : "bounds");
	if (osc_scan_u64(s, base ? "a base address" : "a bounds size", &v) ||
	    osc_scan_expect_end(s))
		return OSC_EDATA;
	if (!p->has_bb) {
		p->has_bb = true;
		p->base = vm->cfg.base;
		p->bounds = vm->cfg.bounds;
	}
	if (base)
		p->base = v;
	else
		p->bounds = v;
	return OSC_OK;
}

static int map_line(struct osc_vm *vm, struct osc_scan *s, uint64_t *pid)
{
	struct osc_tok t;
	struct vm_proc *p;
	bool nomem;

	osc_scan_tok(s, &t);
	if (osc_tok_eq(&t, "process"))
		return osc_scan_u64(s, "a process id", pid) ||
		       osc_scan_expect_end(s) ? OSC_EDATA : OSC_OK;
	if ((p = vm_proc(vm, *pid, true, &nomem)) == NULL)
		return osc_error_set(s->err, OSC_ENOMEM, s->name, s->line,
				     "out of memory");
	if (osc_tok_eq(&t, "base") || osc_tok_eq(&t, "bounds"))
		return map_bb(vm, p, s, osc_tok_eq(&t, "base"));
	if (osc_tok_eq(&t, "segment"))
		return map_segment(vm, p, s);
	if (osc_tok_eq(&t, "page"))
		return map_page(vm, p, s);
	return osc_scan_bad(s, "process, base, bounds, segment or page", &t);
}

int osc_vm_load_map(struct osc_vm *vm, struct osc_scan *s)
{
	uint64_t pid = 0;
	int r;

	while ((r = osc_scan_next(s)) > 0) {
		if ((r = map_line(vm, s, &pid)) != OSC_OK) {
			if (r == OSC_ENOMEM)
				return r;
			return OSC_EDATA;
		}
	}
	return r < 0 ? (s->err ? (int)s->err->status : OSC_EIO) : OSC_OK;
}
