/* deadlock-check.h: what the files of the deadlock-check tool share. */
#ifndef DEADLOCK_CHECK_TOOL_H
#define DEADLOCK_CHECK_TOOL_H

#include "cli.h"

enum dc_mode { DC_STATE, DC_ORDER, DC_MATRIX };

struct dc_opts {
	struct osc_cli cli;
	enum dc_mode mode;
	bool mode_given, dot, run;
	uint64_t timeout;	/* --run: seconds, 0 = none */
	unsigned tables;
	char **files;
	int nfiles;
};

/* What one analysis produced, in the shape of the three tables. */
struct dc_result {
	enum dc_mode mode;
	size_t nfind, nedges;
	const struct osc_lk_finding *(*finding)(const void *src, size_t i);
	const struct osc_lk_edge *(*edge)(const void *src, size_t i);
	const void *src;
	struct osc_lk_counts counts;
};

extern const char *const dc_mode_names[];

/* Write the chosen tables (or DOT with --format=dot). */
void dc_write(struct dc_opts *o, const struct dc_result *r);
/* -m matrix: read bankers-format input and run the detection algorithm;
 * returns whether a deadlock was found. */
bool dc_matrix(struct dc_opts *o);
/* --run: run the program under liblockrec, analyse in order mode, and
 * return the exit status. */
int dc_run(struct dc_opts *o);
/* Analyse a locks trace already read and write the result; whether a
 * deadlock or potential deadlock was found. */
bool dc_locks_report(struct dc_opts *o, struct osc_locks *l, enum dc_mode m);

#endif
