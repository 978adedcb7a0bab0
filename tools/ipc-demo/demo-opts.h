/* demo-opts.h: the option-value parsers of the real-system demos (sync-demo,
 * proc-demo, ipc-demo, io-mux), apart from argp so that fuzz/fuzz-opts.c can
 * call them on any string.  Each returns OSC_OK, or OSC_EUSAGE with the whole
 * message in err->msg (the tool hands it to argp_error: exit 64), or
 * OSC_ENOMEM. */
#ifndef DEMO_OPTS_H
#define DEMO_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* A number of the given kind in lo..hi: `invalid value for OPT: expected LO
 * to HI, found "ARG"` (or the library's message for a malformed number). */
int demo_num_range(const char *opt, const char *arg, enum osc_num kind,
		   uint64_t lo, uint64_t hi, uint64_t *v, struct osc_error *err);

/* Seconds: a positive decimal up to a day (sync-demo --duration, --timeout). */
int demo_seconds(const char *opt, const char *arg, double *v,
		 struct osc_error *err);

/* proc-demo --write-pct: up to DEMO_PCT_MAX percentages 0..100, commas
 * between them (empty items are skipped; none at all is an error). */
#define DEMO_PCT_MAX 16
int demo_pct_list(const char *arg, uint64_t pct[DEMO_PCT_MAX], size_t *n,
		  struct osc_error *err);

/* sync-demo's variant lists ("a,b,all"): a mask over the NULL-terminated
 * variants (at most 15); `all`, and `both` when there are two, take every
 * one.  An unknown name or an empty list is an error. */
int demo_variant_mask(const char *opt, const char *const *variants,
		      const char *arg, unsigned *mask, struct osc_error *err);

/* ipc-demo --mechanism, io-mux --api: a list of names, each found by
 * lookup, or `all` for every item nth(0), nth(1), ... (up to the first
 * NULL), into out[0..max-1] (more is an error: `too many PLURAL (at most
 * MAX)`).  expected is the message's `one of ...` list, what the kind of
 * item (`a mechanism`, `an API`). */
struct demo_list {
	const char *opt, *expected, *what, *plural;
	const void *(*lookup)(const char *name);
	const void *(*nth)(size_t i);
	size_t max;
};
int demo_name_list(const struct demo_list *l, const char *arg,
		   const void **out, size_t *n, struct osc_error *err);

/* In a tool's argp parser, after a call above failed: exit 64 with the
 * message (71 when memory ran out). */
static inline void demo_opt_fail(struct argp_state *state,
				 const struct osc_error *err)
{
	if (err->status == OSC_ENOMEM)
		osc_die(EX_OSERR, "out of memory");
	argp_error(state, "%s", err->msg);
}

#endif
