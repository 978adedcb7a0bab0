/* page-replay.h: what the parts of page-replay share. */
#ifndef PAGE_REPLAY_H
#define PAGE_REPLAY_H

#include "cli.h"

enum { TAB_SUMMARY, TAB_ACCESSES, TAB_ANOMALY };
enum { IN_REFS, IN_LACKEY };

struct pr {
	struct osc_cli cli;
	const char *policy_arg, *frames_arg;
	const struct osc_replace_ops **pol;	/* policies to run */
	size_t npol;
	struct osc_u64_list frames;
	uint64_t page_size;
	unsigned page_shift;	/* log2(page_size) when a power of two ... */
	bool page_pow2;		/* ... */
	int input;
	uint32_t readahead;
	double active_ratio;
	unsigned jobs;
	bool hex;
	unsigned tables;
	char **files;
	int nfiles;

	/* Filled while reading. */
	bool stream;		/* simulate while reading (one run, no future) */
	struct osc_replace_sim *sim;
	/* An lru sweep and nothing else: references go straight into it
	 * (pr_ref), no trace is kept. */
	struct osc_replace_sweep *sweep;
	struct osc_replace_trace trace;
	struct osc_out *out;
	uint64_t *res_pages;	/* accesses table scratch */
	bool *res_marks;
	char *line;
	size_t line_cap;
	struct osc_error err;
	/* References waiting to be replayed (streaming without the accesses
	 * table), so their page-table entries can be prefetched. */
	uint64_t batch[64];
	bool batch_w[64];
	unsigned nbatch;

	/* Results: stats[p * nframes + f]. */
	struct osc_replace_stats *stats;
};

/* Input (pr-input.c): feed every reference to pr_ref. */
void pr_read(struct pr *pr);
int pr_ref(struct pr *pr, uint64_t addr, bool write);
int pr_flush(struct pr *pr);

/* Output (pr-output.c). */
void pr_accesses_begin(struct pr *pr);
void pr_accesses_row(struct pr *pr, struct osc_replace_sim *sim,
		     const struct osc_replace_event *ev);
void pr_summary(struct pr *pr);
void pr_anomaly(struct pr *pr);
void pr_chart(struct pr *pr);

/* Runs (pr-run.c): every (policy, frames) pair over -j threads;
 * pr_sweep_begin (before reading) starts pr->sweep when the run is only an
 * lru sweep. */
void pr_sweep_begin(struct pr *pr);
void pr_run_all(struct pr *pr);

#endif
