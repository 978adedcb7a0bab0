/* trace-gen.h: what trace-gen's main gives every kind of trace, and what a kind provides. */
#ifndef TRACE_GEN_H
#define TRACE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* The running generator: common options, the seeded generator, output. */
struct tg {
	struct osc_cli cli;	/* -s seed, -o output (formats unused) */
	struct osc_rng rng;	/* seeded with cli.seed before run() */
	FILE *fp;		/* where the trace goes (stdout or -o) */
	char *buf;		/* output buffer, flushed by tg_flush */
	size_t len, cap;
};

/*
 * One kind of trace (`trace-gen KIND [options]`).  main finds the kind by
 * name, allocates params_size zeroed bytes, calls defaults(), parses the
 * command line with the kind's argp (its parser gets the params as
 * state->input; validate at ARGP_KEY_END with argp_error), writes the
 * self-describing first line `# trace-gen KIND options... --seed=N`, then
 * calls run().  run returns OSC_OK or a status with a message in *err.
 */
struct tg_kind {
	const char *name;
	const char *summary;	/* one line for `trace-gen --help` */
	const struct argp *argp;
	size_t params_size;
	void (*defaults)(void *params);
	int (*run)(struct tg *tg, const void *params, struct osc_error *err);
};

extern const struct tg_kind tg_refs, tg_jobs, tg_allocs, tg_coh, tg_locks,
	tg_bankers, tg_vm;

/* Fast output (emit.c): bytes go to a large buffer written with fwrite;
 * a write error exits 74 through the common helpers. */
void tg_write(struct tg *tg, const char *s, size_t n);
static inline void tg_putc(struct tg *tg, char c)
{
	if (tg->len == tg->cap)
		tg_write(tg, &c, 1);
	else
		tg->buf[tg->len++] = c;
}
void tg_puts(struct tg *tg, const char *s);
void tg_putu(struct tg *tg, uint64_t v);	/* decimal */
void tg_puti(struct tg *tg, int64_t v);		/* decimal, signed */
void tg_putx(struct tg *tg, uint64_t v);	/* 0x-prefixed lower-case hex */
void tg_printf(struct tg *tg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tg_flush(struct tg *tg);

#endif
