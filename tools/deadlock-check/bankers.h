/* bankers.h: what the two files of the bankers tool share. */
#ifndef BANKERS_TOOL_H
#define BANKERS_TOOL_H

#include "cli.h"

enum { T_SUMMARY, T_NEED, T_SAFETY, T_REQUESTS, T_SEQUENCES };

struct bk_opts {
	struct osc_cli cli;
	enum osc_bk_scan scan;
	bool all;
	uint64_t max_seq;
	const char *check;
	unsigned tables;
	char **files;
	int nfiles;
};

extern const char *const scan_names[];

/* A vector as space-separated numbers, in static buffer `slot` (0..3). */
const char *vec(const uint64_t *v, size_t m, int slot);
/* The names of seq's processes separated by spaces (caller frees). */
char *names(const struct osc_bankers *b, const size_t *seq, size_t n);
/* Compute and write the chosen tables; whether the outcome is bad (exit 1). */
bool bk_run(const struct bk_opts *o, struct osc_bankers *b, struct osc_out *out);

#endif
