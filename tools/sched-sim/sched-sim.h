/* sched-sim.h: what sched-sim's option parsing shares with its table printing. */
#ifndef SCHED_SIM_H
#define SCHED_SIM_H

#include "cli.h"

enum {
	T_JOBS = 1u << 0,
	T_SUMMARY = 1u << 1,
	T_TIMELINE = 1u << 2,
	T_STATES = 1u << 3,
	T_CPUS = 1u << 4
};

struct sched_sim {
	struct osc_cli cli;
	unsigned tables;
	const struct osc_sched_ops **pol;	/* policies in the order given */
	size_t npol;
	struct osc_sched_params p;
	bool swf, gantt;
	size_t nquanta, nallot;		/* items of --quanta, --allotments */
	uint64_t width;
	char **files;
	int nfiles;
	struct osc_sched_jobset set;
};

/* Print the chosen tables (and the Gantt charts) for every policy. */
void sched_print(struct sched_sim *sim);

/* sched-opts.c: a per-level list (--quanta, --allotments) of 1 to
 * OSC_SCHED_MAX_LEVELS counts, each at least 1, into out[] (a shorter list
 * repeats its last value down to the bottom level), *n its length; or
 * OSC_EUSAGE with `invalid value for OPT: ...` in err (OSC_ENOMEM). */
int sched_levels(const char *opt, const char *arg,
		 uint64_t out[OSC_SCHED_MAX_LEVELS], size_t *n,
		 struct osc_error *err);

#endif
