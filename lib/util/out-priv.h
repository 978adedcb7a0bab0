/* out-priv.h: what the table writer's two files share: its state and the encoders. */
#ifndef OSC_OUT_PRIV_H
#define OSC_OUT_PRIV_H

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>

#include "osconcepts.h"

/* Internal to the library: not exported from libosconcepts.so. */
#define OSC_HIDDEN __attribute__((visibility("hidden")))

#define OUT_NUM_MAX 400		/* %.40f of DBL_MAX is 351 characters */
#define OUT_DIGITS_MAX 40

enum out_block { BLK_NONE, BLK_TABLE, BLK_NOTE };
enum out_kind { K_STR, K_NUM, K_NULL };

struct out_buf {
	char *p;
	size_t len, cap;
};

struct osc_out {
	FILE *fp;
	enum osc_format fmt;
	unsigned flags;
	locale_t c_loc;
	int status;		/* sticky OSC_ENOMEM */
	int io_errno;		/* errno when a write error was first seen */
	bool params_open;	/* json: inside "params":{ */
	size_t nparams, ntables;
	/* The current table. */
	bool in_table, broken;
	const char *name;
	const struct osc_col *cols;
	size_t ncols, col, nrows;
	/* text mode */
	size_t *width, wcap;
	struct out_buf arena, notes;
	enum out_block last;
};

#define out_putc(c, fp) putc_unlocked((c), (fp))
#define out_write(s, n, fp) fwrite_unlocked((s), 1, (n), (fp))

OSC_HIDDEN bool buf_reserve(struct out_buf *b, size_t n);
OSC_HIDDEN void out_puts(struct osc_out *o, const char *s);
OSC_HIDDEN void out_spaces(struct osc_out *o, size_t n);
OSC_HIDDEN size_t fmt_u64(char *buf, uint64_t v);
OSC_HIDDEN size_t fmt_i64(char *buf, int64_t v);
OSC_HIDDEN size_t fmt_fixed(const struct osc_out *o, char *buf, double v,
			     int digits);
OSC_HIDDEN size_t fmt_shortest(const struct osc_out *o, char *buf, double v);
OSC_HIDDEN void json_str(struct osc_out *o, const char *str);
OSC_HIDDEN void csv_str(struct osc_out *o, const char *s);
OSC_HIDDEN size_t text_width(const char *s);

#endif
