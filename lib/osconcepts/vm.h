/* osconcepts/vm.h: address translation (vm-translate). */
#ifndef OSCONCEPTS_VM_H
#define OSCONCEPTS_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Address translation (man 7 osc-memory): base and bounds, segmentation,
 * linear and multilevel page tables, a TLB, per-process mappings and
 * context switches.  A translator is configured, given its mappings (a
 * vmmap file, or the default base and bounds), then asked to translate one
 * virtual address at a time.
 */
enum osc_vm_mode {
	OSC_VM_BASE_BOUNDS,
	OSC_VM_SEGMENT,
	OSC_VM_LINEAR,
	OSC_VM_MULTILEVEL
};

enum osc_vm_tlb_policy { OSC_VM_TLB_LRU, OSC_VM_TLB_FIFO, OSC_VM_TLB_RAND };
enum osc_vm_switch { OSC_VM_SWITCH_FLUSH, OSC_VM_SWITCH_ASID };

/* Protection bits of a segment or page. */
#define OSC_VM_R 0x1u
#define OSC_VM_W 0x2u
#define OSC_VM_X 0x4u

#define OSC_VM_LEVELS_MAX 8
#define OSC_VM_TLB_MAX 65536

struct osc_vm_config {
	enum osc_vm_mode mode;
	uint64_t as_size;	/* a power of two: the virtual address space */
	uint64_t pm_size;	/* physical memory */
	uint64_t page_size;	/* a power of two, <= as_size (paging) */
	unsigned levels;	/* multilevel: 1..OSC_VM_LEVELS_MAX */
	uint64_t pte_size;	/* bytes per page-table entry */
	unsigned seg_bits;	/* segment: top bits of the address choosing it */
	bool has_base;		/* base and bounds for processes the map leaves out */
	uint64_t base, bounds;
	uint32_t tlb_entries;	/* 0 = no TLB */
	enum osc_vm_tlb_policy tlb_policy;
	enum osc_vm_switch switch_mode;
	uint64_t seed;		/* rand TLB replacement */
};

/* What a translation found. */
enum osc_vm_result { OSC_VM_OK, OSC_VM_INVALID, OSC_VM_BOUNDS, OSC_VM_PROT };
enum osc_vm_tlb_result { OSC_VM_TLB_NONE, OSC_VM_TLB_HIT, OSC_VM_TLB_MISS };

struct osc_vm_xlat {
	enum osc_vm_result result;
	bool paging;		/* vpn and offset apply */
	uint64_t vpn, offset;
	bool has_pfn, has_pa;
	uint64_t pfn, pa;
	enum osc_vm_tlb_result tlb;
	unsigned mem_refs;	/* page-table references made (TLB hits: 0) */
	bool context_switch;	/* the pid differs from the previous one */
};

struct osc_vm_stats {
	uint64_t translations, ok, invalid, bounds, prot;
	uint64_t tlb_hits, tlb_misses, mem_refs, switches;
	uint64_t pt_bytes_linear, pt_bytes_multilevel;	/* paging modes */
};

struct osc_vm;

/* A translator (free with osc_vm_free).  OSC_EUSAGE with a message for an
 * inconsistent configuration (sizes not powers of two, too many levels,
 * ...), OSC_ENOMEM. */
int osc_vm_new(struct osc_vm **vmp, const struct osc_vm_config *cfg,
	       struct osc_error *err);
void osc_vm_free(struct osc_vm *vm);

/* Read mappings (the vmmap format, man 5 osc-traces) from s until its end;
 * errors are OSC_EDATA with the file and line in s->err. */
int osc_vm_load_map(struct osc_vm *vm, struct osc_scan *s);

/* Translate va for process pid with operation op (OSC_VM_R, _W or _X).
 * OSC_OK or OSC_ENOMEM. */
int osc_vm_translate(struct osc_vm *vm, uint64_t pid, unsigned op,
		     uint64_t va, struct osc_vm_xlat *x, struct osc_error *err);

/* The counts so far and the page-table sizes of the mapped pages; OSC_EUSAGE
 * when those sizes pass 2^64-1 bytes. */
int osc_vm_stats(const struct osc_vm *vm, struct osc_vm_stats *st,
		 struct osc_error *err);

/* "base-bounds", "segment", ... and "ok", "invalid", "bounds", "prot". */
const char *osc_vm_mode_name(enum osc_vm_mode m);
const char *osc_vm_result_name(enum osc_vm_result r);

#ifdef __cplusplus
}
#endif

#endif
