/* cache-coh.h: what the parts of the cache-coh front end share. */
#ifndef CACHE_COH_H
#define CACHE_COH_H

#include "cli.h"

enum { T_SUMMARY, T_ACCESSES, T_TRAFFIC, T_CORES };

#define CC_MAX_PROTOCOLS 16

struct cc {
	struct osc_cli cli;
	struct osc_coh_params p;
	const struct osc_coh_ops *ops[CC_MAX_PROTOCOLS];
	struct osc_coh *sim[CC_MAX_PROTOCOLS];
	size_t nops;
	unsigned tables;
	bool explain, hex, timed;
	char **files;
	int nfiles;
	struct osc_out *out;
	uint64_t index;		/* accesses read so far */
	char *states;		/* buffer for the accesses table */
	uint64_t overall_cycles;	/* timed mode, of the last run */
};

/* cc-out.c */
void cc_params(struct cc *cc);
void cc_begin_accesses(struct cc *cc);
void cc_access_row(struct cc *cc, unsigned cpu, bool write, uint64_t addr,
		   const struct osc_coh_access *a);
void cc_summary(struct cc *cc);
/* overall: per protocol, the timed mode's overall cycles (NULL: coh). */
void cc_traffic(struct cc *cc, const uint64_t *overall);
/* Die with exit 70 or 65 for a failed access of protocol i. */
_Noreturn void cc_fail(struct cc *cc, size_t i, struct osc_error *err);

/* cc-read.c: one `CPU OP ADDRESS` line into *cpu, *write, *addr, or
 * OSC_EDATA with the scanner's error set.  cc_read_init first. */
void cc_read_init(void);
struct cc_rec {
	uint64_t addr;
	unsigned cpu;
	bool write;
};
/* Up to max accesses from the whole lines already buffered in s, as many
 * as have the usual form (0 when the next line has not): the rest is for
 * osc_scan_next and cc_read. */
size_t cc_read_bulk(struct osc_scan *s, unsigned ncpus, struct cc_rec *r,
		    size_t max);
int cc_read(struct osc_scan *s, struct cc *cc, unsigned *cpu, bool *write,
	    uint64_t *addr);

/* cache-coh.c */
void cc_make_sims(struct cc *cc);
void cc_free_sims(struct cc *cc);

/* cc-timed.c */
void cc_run_timed(struct cc *cc);

#endif
