/* vm.c: address translation: base and bounds, segments, linear and multilevel page tables, TLB. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "vm-int.h"

static unsigned log2u(uint64_t v)
{
	unsigned b = 0;

	while (((uint64_t)1 << b) < v && b < 63)
		b++;
	return b;
}

static bool pow2(uint64_t v)
{
	return v && (v & (v - 1)) == 0;
}

static int vm_check(const struct osc_vm_config *c, struct osc_error *err)
{
	const char *why = NULL;

	if (!pow2(c->as_size) || c->as_size > ((uint64_t)1 << 62))
		why = "--as-size must be a power of two up to 2^62";
	else if (c->pm_size == 0)
		why = "--pm-size must be at least 1";
	else if ((c->mode == OSC_VM_LINEAR || c->mode == OSC_VM_MULTILEVEL) &&
		 (!pow2(c->page_size) || c->page_size > c->as_size))
		why = "--page-size must be a power of two no larger than --as-size";
	else if (c->mode == OSC_VM_SEGMENT && c->seg_bits > log2u(c->as_size))
		why = "--seg-bits must not exceed the bits of --as-size";
	else if (c->mode == OSC_VM_SEGMENT && c->seg_bits > 16)
		why = "--seg-bits must be at most 16";
	else if (c->levels < 1 || c->levels > OSC_VM_LEVELS_MAX)
		why = "--levels must be between 1 and 8";
	else if (c->pte_size == 0 || c->pte_size > 4096)
		why = "--pte-size must be between 1 and 4096";
	else if (c->tlb_entries > OSC_VM_TLB_MAX)
		why = "--tlb must be at most 65536 entries";
	else if (c->mode == OSC_VM_MULTILEVEL &&
		 c->levels > log2u(c->as_size / c->page_size))
		why = "--levels must not exceed the bits of the page number";
	if (why)
		return osc_error_set(err, OSC_EUSAGE, NULL, 0, "%s", why);
	return OSC_OK;
}

int osc_vm_new(struct osc_vm **vmp, const struct osc_vm_config *cfg,
	       struct osc_error *err)
{
	struct osc_vm *vm;
	int r;

	*vmp = NULL;
	if ((r = vm_check(cfg, err)) != OSC_OK)
		return r;
	vm = calloc(1, sizeof *vm);
	if (vm == NULL || osc_map_init(&vm->pidix, 0) != OSC_OK)
		goto nomem;
	vm->cfg = *cfg;
	vm->as_bits = log2u(cfg->as_size);
	if (cfg->mode == OSC_VM_LINEAR || cfg->mode == OSC_VM_MULTILEVEL) {
		vm->off_bits = log2u(cfg->page_size);
		vm->vpn_bits = vm->as_bits - vm->off_bits;
		vm->width = (vm->vpn_bits + cfg->levels - 1) / cfg->levels;
	}
	if (cfg->tlb_entries &&
	    !(vm->tlb = calloc(cfg->tlb_entries, sizeof *vm->tlb)))
		goto nomem;
	osc_rng_seed(&vm->rng, cfg->seed);
	*vmp = vm;
	return OSC_OK;
nomem:
	osc_vm_free(vm);
	return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
}

void osc_vm_free(struct osc_vm *vm)
{
	size_t i;
	unsigned k;

	if (vm == NULL)
		return;
	for (i = 0; i < vm->nprocs; i++) {
		free(vm->procs[i].seg);
		osc_map_free(&vm->procs[i].pages);
		for (k = 0; k < OSC_VM_LEVELS_MAX; k++)
			osc_map_free(&vm->procs[i].dirs[k]);
	}
	free(vm->procs);
	osc_map_free(&vm->pidix);
	free(vm->tlb);
	free(vm);
}

static struct vm_proc *vm_proc_add(struct osc_vm *vm, uint64_t pid)
{
	struct vm_proc *p;
	size_t cap;
	unsigned k;

	if (vm->nprocs == vm->cap) {
		cap = vm->cap ? vm->cap * 2 : 4;
		p = realloc(vm->procs, cap * sizeof *p);
		if (p == NULL)
			return NULL;
		vm->procs = p;
		vm->cap = cap;
	}
	p = &vm->procs[vm->nprocs];
	memset(p, 0, sizeof *p);
	p->pid = pid;
	if (osc_map_init(&p->pages, 0) != OSC_OK)
		return NULL;
	for (k = 0; k < OSC_VM_LEVELS_MAX; k++)
		if (osc_map_init(&p->dirs[k], 0) != OSC_OK)
			return NULL;
	if (vm->cfg.mode == OSC_VM_SEGMENT &&
	    !(p->seg = calloc((size_t)1 << vm->cfg.seg_bits, sizeof *p->seg)))
		return NULL;
	if (osc_map_put(&vm->pidix, pid, vm->nprocs) != OSC_OK)
		return NULL;
	vm->nprocs++;
	return p;
}

struct vm_proc *vm_proc(struct osc_vm *vm, uint64_t pid, bool create,
			bool *nomem)
{
	uint64_t *ix = osc_map_get(&vm->pidix, pid);
	struct vm_proc *p;

	*nomem = false;
	if (ix)
		return &vm->procs[*ix];
	if (!create)
		return NULL;
	if ((p = vm_proc_add(vm, pid)) == NULL)
		*nomem = true;
	return p;
}

/* Level k (1..levels-1) nodes are named by the vpn's top k indices. */
static uint64_t vm_prefix(const struct osc_vm *vm, uint64_t vpn, unsigned k)
{
	return vpn >> ((vm->cfg.levels - k) * vm->width);
}

int vm_map_page(struct osc_vm *vm, struct vm_proc *p, uint64_t vpn,
		uint64_t pfn, unsigned prot)
{
	unsigned k;

	if (osc_map_put(&p->pages, vpn, pfn << 3 | prot) != OSC_OK)
		return OSC_ENOMEM;
	for (k = 1; k < vm->cfg.levels; k++)
		if (osc_map_put(&p->dirs[k], vm_prefix(vm, vpn, k), 1) != OSC_OK)
			return OSC_ENOMEM;
	return OSC_OK;
}

enum osc_vm_result vm_base_bounds(struct osc_vm *vm,
					 const struct vm_proc *p, uint64_t va,
					 struct osc_vm_xlat *x)
{
	uint64_t base = vm->cfg.base, bounds = vm->cfg.bounds;

	if (p && p->has_bb) {
		base = p->base;
		bounds = p->bounds;
	} else if (!vm->cfg.has_base) {
		return OSC_VM_INVALID;
	}
	if (va >= bounds || va > UINT64_MAX - base)	/* no PA past 2^64-1 */
		return OSC_VM_BOUNDS;
	x->pa = base + va;
	x->has_pa = true;
	return OSC_VM_OK;
}

/* The segment is chosen by the top seg_bits bits; grows=down segments
 * count d = end of the segment's range - va (1..) below their base. */
enum osc_vm_result vm_segment(struct osc_vm *vm, const struct vm_proc *p,
				     unsigned op, uint64_t va,
				     struct osc_vm_xlat *x)
{
	unsigned shift = vm->as_bits - vm->cfg.seg_bits;
	const struct vm_seg *s;
	uint64_t start, d;

	if (va >= vm->cfg.as_size || p == NULL)
		return va >= vm->cfg.as_size ? OSC_VM_BOUNDS : OSC_VM_INVALID;
	s = &p->seg[shift >= 64 ? 0 : va >> shift];
	if (!s->defined)
		return OSC_VM_BOUNDS;
	start = shift >= 64 ? 0 : (va >> shift) << shift;
	if (s->down) {
		d = start + ((uint64_t)1 << shift) - va;
		if (d > s->limit)
			return OSC_VM_BOUNDS;
		x->pa = s->base - d;
	} else {
		if (va - start >= s->limit)
			return OSC_VM_BOUNDS;
		x->pa = s->base + (va - start);
	}
	if (!(s->prot & op))
		return OSC_VM_PROT;
	x->has_pa = true;
	return OSC_VM_OK;
}

const char *osc_vm_mode_name(enum osc_vm_mode m)
{
	static const char *const n[] = { "base-bounds", "segment", "linear",
					 "multilevel" };

	return (unsigned)m < 4 ? n[m] : "?";
}

const char *osc_vm_result_name(enum osc_vm_result r)
{
	static const char *const n[] = { "ok", "invalid", "bounds", "prot" };

	return (unsigned)r < 4 ? n[r] : "?";
}
