/* paging.c: page-table walks (linear and multilevel), the TLB, translation and the page-table size comparison. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "vm-int.h"

/* The TLB entry for (asid, vpn), or NULL.  A linear search: TLBs are
 * small (and fully associative, as in the textbooks). */
static struct vm_tlb_entry *tlb_find(struct osc_vm *vm, uint64_t asid,
				     uint64_t vpn)
{
	uint32_t i;

	for (i = 0; i < vm->cfg.tlb_entries; i++)
		if (vm->tlb[i].valid && vm->tlb[i].vpn == vpn &&
		    vm->tlb[i].asid == asid)
			return &vm->tlb[i];
	return NULL;
}

/* A free entry, else the victim of the TLB policy. */
static struct vm_tlb_entry *tlb_victim(struct osc_vm *vm)
{
	uint32_t i, n = vm->cfg.tlb_entries, v = 0;

	for (i = 0; i < n; i++)
		if (!vm->tlb[i].valid)
			return &vm->tlb[i];
	switch (vm->cfg.tlb_policy) {
	case OSC_VM_TLB_RAND:
		v = (uint32_t)osc_rng_below(&vm->rng, n);
		break;
	case OSC_VM_TLB_FIFO:
	case OSC_VM_TLB_LRU:
		/* stamp: load time (fifo) or last use (lru) */
		for (i = 1; i < n; i++)
			if (vm->tlb[i].stamp < vm->tlb[v].stamp)
				v = i;
		break;
	}
	return &vm->tlb[v];
}

static void tlb_insert(struct osc_vm *vm, uint64_t asid, uint64_t vpn,
		       uint64_t pfn, unsigned prot)
{
	struct vm_tlb_entry *e = tlb_victim(vm);

	e->valid = true;
	e->asid = asid;
	e->vpn = vpn;
	e->pfn = pfn;
	e->prot = prot;
	e->stamp = ++vm->tlb_clock;
}

static void tlb_flush(struct osc_vm *vm)
{
	uint32_t i;

	for (i = 0; i < vm->cfg.tlb_entries; i++)
		vm->tlb[i].valid = false;
}

/* Walk p's page table for vpn: one memory reference per level read;
 * false when an entry on the way is invalid. */
static bool vm_walk(struct osc_vm *vm, struct vm_proc *p, uint64_t vpn,
		    uint64_t *pte, unsigned *refs)
{
	unsigned k, levels = vm->cfg.mode == OSC_VM_MULTILEVEL ?
			     vm->cfg.levels : 1;
	uint64_t *v;

	for (k = 1; k < levels; k++) {
		(*refs)++;
		if (p == NULL ||
		    !osc_map_get(&p->dirs[k], vpn >> ((levels - k) * vm->width)))
			return false;
	}
	(*refs)++;
	if (p == NULL || (v = osc_map_get(&p->pages, vpn)) == NULL)
		return false;
	*pte = *v;
	return true;
}

static enum osc_vm_result vm_paging(struct osc_vm *vm, struct vm_proc *p,
				    uint64_t pid, unsigned op, uint64_t va,
				    struct osc_vm_xlat *x)
{
	uint64_t asid = vm->cfg.switch_mode == OSC_VM_SWITCH_ASID ? pid : 0;
	struct vm_tlb_entry *e = NULL;
	uint64_t pte;
	unsigned prot;

	x->paging = true;
	x->vpn = va >> vm->off_bits;
	x->offset = va & (vm->cfg.page_size - 1);
	if (va >= vm->cfg.as_size)
		return OSC_VM_BOUNDS;
	if (vm->tlb && (e = tlb_find(vm, asid, x->vpn)) != NULL) {
		x->tlb = OSC_VM_TLB_HIT;
		if (vm->cfg.tlb_policy == OSC_VM_TLB_LRU)
			e->stamp = ++vm->tlb_clock;
		x->pfn = e->pfn;
		prot = e->prot;
	} else {
		if (vm->tlb)
			x->tlb = OSC_VM_TLB_MISS;
		if (!vm_walk(vm, p, x->vpn, &pte, &x->mem_refs))
			return OSC_VM_INVALID;
		x->pfn = pte >> 3;
		prot = (unsigned)(pte & 7);
		if (vm->tlb)
			tlb_insert(vm, asid, x->vpn, x->pfn, prot);
	}
	x->has_pfn = true;
	if (!(prot & op))
		return OSC_VM_PROT;
	x->pa = x->pfn << vm->off_bits | x->offset;
	x->has_pa = true;
	return OSC_VM_OK;
}

static void vm_count(struct osc_vm *vm, const struct osc_vm_xlat *x)
{
	struct osc_vm_stats *st = &vm->st;

	st->translations++;
	st->mem_refs += x->mem_refs;
	st->tlb_hits += x->tlb == OSC_VM_TLB_HIT;
	st->tlb_misses += x->tlb == OSC_VM_TLB_MISS;
	st->switches += x->context_switch;
	switch (x->result) {
	case OSC_VM_OK: st->ok++; break;
	case OSC_VM_INVALID: st->invalid++; break;
	case OSC_VM_BOUNDS: st->bounds++; break;
	case OSC_VM_PROT: st->prot++; break;
	}
}

int osc_vm_translate(struct osc_vm *vm, uint64_t pid, unsigned op,
		     uint64_t va, struct osc_vm_xlat *x, struct osc_error *err)
{
	struct vm_proc *p;
	bool nomem;

	(void)err;
	memset(x, 0, sizeof *x);
	x->context_switch = vm->has_prev && pid != vm->prev_pid;
	if (x->context_switch && vm->tlb &&
	    vm->cfg.switch_mode == OSC_VM_SWITCH_FLUSH)
		tlb_flush(vm);
	vm->has_prev = true;
	vm->prev_pid = pid;
	p = vm_proc(vm, pid, false, &nomem);
	switch (vm->cfg.mode) {
	case OSC_VM_BASE_BOUNDS:
		x->result = vm_base_bounds(vm, p, va, x);
		break;
	case OSC_VM_SEGMENT:
		x->result = vm_segment(vm, p, op, va, x);
		break;
	default:
		x->result = vm_paging(vm, p, pid, op, va, x);
		break;
	}
	if (x->result != OSC_VM_OK)
		x->has_pa = false;
	vm_count(vm, x);
	return OSC_OK;
}

/* Page-table bytes of one process: a linear table covers every vpn; the
 * multilevel tree has its root plus one node per used prefix per level. */
/* Adds p's page-table bytes to *linear and *multi; false if a sum would
 * pass 2^64-1 (an --as-size of 2^62 with 1-byte pages, say). */
static bool vm_pt_bytes(const struct osc_vm *vm, const struct vm_proc *p,
			uint64_t *linear, uint64_t *multi)
{
	unsigned k, levels = vm->cfg.levels;
	unsigned root_bits = vm->vpn_bits - (levels - 1) * vm->width;
	uint64_t node = ((uint64_t)1 << vm->width) * vm->cfg.pte_size, b;
	bool over = false;

	over |= __builtin_mul_overflow((uint64_t)1 << vm->vpn_bits,
				       vm->cfg.pte_size, &b);
	over |= __builtin_add_overflow(*linear, b, linear);
	over |= __builtin_mul_overflow((uint64_t)1 << root_bits,
				       vm->cfg.pte_size, &b);
	over |= __builtin_add_overflow(*multi, b, multi);
	for (k = 1; k < levels; k++) {
		over |= __builtin_mul_overflow((uint64_t)p->dirs[k].len, node, &b);
		over |= __builtin_add_overflow(*multi, b, multi);
	}
	return !over;
}

int osc_vm_stats(const struct osc_vm *vm, struct osc_vm_stats *st,
		 struct osc_error *err)
{
	size_t i;

	*st = vm->st;
	if (vm->cfg.mode != OSC_VM_LINEAR && vm->cfg.mode != OSC_VM_MULTILEVEL)
		return OSC_OK;
	for (i = 0; i < vm->nprocs; i++)
		if (!vm_pt_bytes(vm, &vm->procs[i], &st->pt_bytes_linear,
				 &st->pt_bytes_multilevel))
			return osc_error_set(err, OSC_EUSAGE, NULL, 0,
					     "page tables of more than 2^64-1 bytes: choose a smaller --as-size or --pte-size or a larger --page-size");
	return OSC_OK;
}
