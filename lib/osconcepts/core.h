/* osconcepts/core.h: status codes, error records, the trace scanner, option values. */
#ifndef OSCONCEPTS_CORE_H
#define OSCONCEPTS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What every library call returns.  The tools map these to sysexits codes. */
enum osc_status {
	OSC_OK = 0,
	OSC_EUSAGE,	/* a parameter is out of range or inconsistent */
	OSC_EDATA,	/* the input is malformed */
	OSC_ENOMEM,	/* memory could not be allocated */
	OSC_EIO,	/* a read or write failed (sys_errno says why) */
	OSC_ENOINPUT,	/* an input file cannot be opened (sys_errno) */
	OSC_EUNAVAIL,	/* an OS facility is unavailable (sys_errno) */
	OSC_EOS,	/* an OS call failed (sys_errno) */
	OSC_EINTERNAL	/* an invariant was broken: a bug in the library */
};

#define OSC_MSG_MAX 256

/*
 * What went wrong, filled by the call that failed.  file points at the
 * input's name as given to the scanner ("<stdin>" for standard input) and is
 * not owned; line is 1-based, 0 when the error is not about one line.
 * msg is one lower-case line without a final period, e.g.
 * `expected an address, found "0xZZ"`.
 */
struct osc_error {
	enum osc_status status;
	const char *file;
	uint64_t line;
	int sys_errno;
	char msg[OSC_MSG_MAX];
};

/* Fill err (which may be NULL) and return st. */
int osc_error_set(struct osc_error *err, enum osc_status st, const char *file,
		  uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* As osc_error_set, also recording errno value errnum in err->sys_errno. */
int osc_error_sys(struct osc_error *err, enum osc_status st, int errnum,
		  const char *file, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void osc_error_clear(struct osc_error *err);
/* "ok", "usage", "data", ... for tests and messages. */
const char *osc_status_name(enum osc_status st);
/* The library's version, e.g. "0.1.0". */
const char *osc_version(void);

/*
 * The trace scanner: the one reader of every text trace format
 * (man 5 osc-traces).  It reads large blocks, splits them into lines and
 * lines into tokens in place, without copying and without stdio.
 *
 * Lexical rules: one record per line; fields separated by spaces, tabs or
 * commas; `#` (the comment character, changeable) starts a comment running
 * to the end of the line; blank lines are skipped; CRLF is accepted; no
 * limit on line length.  Integers are decimal or 0x-prefixed hex, at most
 * 2^64-1; with `hex` set, integers without prefix are hex too.  A NUL
 * byte is never text: the line holding one is an OSC_EDATA error
 * (`expected text, found a NUL byte`).
 *
 *	struct osc_scan s;
 *	if (osc_scan_open(&s, path, &err) != OSC_OK) ...
 *	while ((r = osc_scan_next(&s)) > 0) {
 *		if (osc_scan_u64(&s, "a page number", &page) != OSC_OK) ...
 *		if (osc_scan_expect_end(&s) != OSC_OK) ...
 *	}
 *	if (r < 0) ... err says why (OSC_EIO or OSC_ENOMEM)
 *	osc_scan_close(&s);
 *
 * Errors from osc_scan_* carry s->name and s->line.
 */
struct osc_tok {
	const char *s;		/* not NUL-terminated */
	size_t len;
};

struct osc_scan {
	/* Public, read-only unless said otherwise. */
	const char *name;	/* "<stdin>" or the path */
	uint64_t line;		/* number of the current line */
	const char *p;		/* unread rest of the current line ... */
	const char *end;	/* ... up to here (comment and CR removed) */
	bool hex;		/* settable: prefix-less integers are hex */
	char comment;		/* settable: comment character ('#'; 0 = none) */
	struct osc_error *err;	/* where errors go (may be NULL) */
	/* Private. */
	int fd;
	bool own_fd, eof, mem, failed;
	char *buf;
	size_t cap, lo, hi;
	size_t nul;		/* offset of the first NUL byte in buf, or SIZE_MAX */
};

/* Open path for reading (NULL or "-" = standard input, named "<stdin>").
 * Fails with OSC_ENOINPUT (sys_errno set, err->file = path). */
int osc_scan_open(struct osc_scan *s, const char *path, struct osc_error *err);
/* Read from an open descriptor; name is used in messages.  Not closed. */
int osc_scan_fd(struct osc_scan *s, int fd, const char *name,
		struct osc_error *err);
/* Read from memory (copied); for tests and fuzzing. */
int osc_scan_mem(struct osc_scan *s, const char *text, size_t len,
		 const char *name, struct osc_error *err);
void osc_scan_close(struct osc_scan *s);

/* Advance to the next record line (comments stripped, blank lines skipped):
 * 1 when one is ready in s->p..s->end, 0 at end of input, -1 on a read
 * error (OSC_EIO) or when memory runs out (OSC_ENOMEM). */
int osc_scan_next(struct osc_scan *s);
/* Advance to the next physical line, CR stripped but nothing else: for
 * formats with rules of their own (valgrind lackey output, SWF logs). */
int osc_scan_next_raw(struct osc_scan *s);
/* Read up to max lines in a row that are nothing but 1 to 19 decimal
 * digits ended by LF (the bulk of a page trace) into v, straight from the
 * buffer; return how many.  It stops before the first other line (and in
 * hex mode at once), leaving that line to osc_scan_next; 0 means take the
 * general path for the next line (or the input has ended). */
size_t osc_scan_plain_u64(struct osc_scan *s, uint64_t *v, size_t max);

/* The next token of the current line; false at the end of the line. */
bool osc_scan_tok(struct osc_scan *s, struct osc_tok *t);
/* Whether the current line has no token left. */
bool osc_scan_at_end(struct osc_scan *s);
/* The next token as an integer.  On failure OSC_EDATA with
 * `expected WHAT, found "TOKEN"` or `expected WHAT, found end of line`. */
int osc_scan_u64(struct osc_scan *s, const char *what, uint64_t *v);
int osc_scan_i64(struct osc_scan *s, const char *what, int64_t *v);
/* OSC_EDATA `expected end of line, found "TOKEN"` if a token is left. */
int osc_scan_expect_end(struct osc_scan *s);
/* Record OSC_EDATA for the current line with a formatted message. */
int osc_scan_fail(struct osc_scan *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report a token as `expected WHAT, found "TOKEN"` (quoted, truncated to
 * 40 bytes, bytes outside printable ASCII shown as \xNN). */
int osc_scan_bad(struct osc_scan *s, const char *what, const struct osc_tok *t);

/* Token helpers: no message, OSC_OK or OSC_EDATA (OSC_EUSAGE is never
 * returned).  *overflow (may be NULL) tells a too-large number from junk. */
int osc_tok_u64(const struct osc_tok *t, bool hex, uint64_t *v, bool *overflow);
int osc_tok_i64(const struct osc_tok *t, bool hex, int64_t *v, bool *overflow);
bool osc_tok_eq(const struct osc_tok *t, const char *lit);
bool osc_tok_eq_ci(const struct osc_tok *t, const char *lit);	/* ASCII */
/* Write the token quoted for a message into buf (see osc_scan_bad). */
const char *osc_tok_quote(const struct osc_tok *t, char *buf, size_t size);

/*
 * Option values (man 7 osconcepts, "Numbers").  Decimal or 0x hex; a
 * suffix K, M, G (and T) multiplies by powers of two for byte sizes
 * (OSC_NUM_SIZE: 32K = 32768) and by powers of ten for counts
 * (OSC_NUM_COUNT: 10M = 10000000).  OSC_NUM_PLAIN takes no suffix.
 * Failures are OSC_EUSAGE with a message such as
 * `expected a size such as 4096 or 32K, found "x"`.
 */
enum osc_num {
	OSC_NUM_PLAIN,
	OSC_NUM_SIZE,
	OSC_NUM_COUNT
};

int osc_parse_num(const char *s, enum osc_num kind, uint64_t *v,
		  struct osc_error *err);
/* A signed integer (no suffix). */
int osc_parse_i64(const char *s, int64_t *v, struct osc_error *err);
/* A decimal fraction such as 0.9, 1e-3; locale-independent; finite only. */
int osc_parse_double(const char *s, double *v, struct osc_error *err);

/* A growable array of numbers. */
struct osc_u64_list {
	uint64_t *v;
	size_t n, cap;
};
void osc_u64_list_free(struct osc_u64_list *l);
int osc_u64_list_push(struct osc_u64_list *l, uint64_t x);

/* A comma-separated list of numbers of one kind; with ranges, an item may
 * also be A-B (every value) or A-B:STEP.  Items are appended to *out in the
 * order given.  A range with A > B, a STEP of 0, or more than `max_items`
 * values in all (0 = no limit) is OSC_EUSAGE. */
int osc_parse_num_list(const char *s, enum osc_num kind, bool ranges,
		       size_t max_items, struct osc_u64_list *out,
		       struct osc_error *err);

/* A comma-separated list of names: *names gets a NULL-terminated array of
 * copies (free with osc_names_free), *n their number.  Empty items are
 * OSC_EUSAGE. */
int osc_parse_names(const char *s, char ***names, size_t *n,
		    struct osc_error *err);
void osc_names_free(char **names);

#ifdef __cplusplus
}
#endif

#endif
