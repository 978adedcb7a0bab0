/* vm-int.h: what the parts of the address translator share (not installed). */
#ifndef OSC_VM_INT_H
#define OSC_VM_INT_H

#include "osconcepts.h"

struct vm_seg {
	bool defined, down;
	uint64_t base, limit;
	unsigned prot;
};

/* One process's mappings. */
struct vm_proc {
	uint64_t pid;
	bool has_bb;
	uint64_t base, bounds;
	struct vm_seg *seg;		/* 2^seg_bits (segment mode) */
	struct osc_map pages;		/* vpn -> pfn << 3 | prot */
	struct osc_map dirs[OSC_VM_LEVELS_MAX];	/* multilevel: prefixes with a node */
};

struct vm_tlb_entry {
	bool valid;
	uint64_t asid, vpn, pfn, stamp;
	unsigned prot;
};

struct osc_vm {
	struct osc_vm_config cfg;
	unsigned as_bits, off_bits, vpn_bits, width;	/* width: bits per level */
	struct vm_proc *procs;
	size_t nprocs, cap;
	struct osc_map pidix;		/* pid -> index in procs */
	struct vm_tlb_entry *tlb;
	uint64_t tlb_clock, tlb_next;
	struct osc_rng rng;
	bool has_prev;
	uint64_t prev_pid;
	struct osc_vm_stats st;
};

/* The process pid, created when create is set (NULL when absent or when
 * memory runs out: *nomem tells). */
struct vm_proc *vm_proc(struct osc_vm *vm, uint64_t pid, bool create,
			bool *nomem);
/* Map vpn -> pfn with prot in p (and the multilevel directories). */
int vm_map_page(struct osc_vm *vm, struct vm_proc *p, uint64_t vpn,
		uint64_t pfn, unsigned prot);

/* The two translations without paging (vm.c); x->pa is set when ok. */
enum osc_vm_result vm_base_bounds(struct osc_vm *vm, const struct vm_proc *p,
				  uint64_t va, struct osc_vm_xlat *x);
enum osc_vm_result vm_segment(struct osc_vm *vm, const struct vm_proc *p,
			      unsigned op, uint64_t va, struct osc_vm_xlat *x);

#endif
