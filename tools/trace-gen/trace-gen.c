/* trace-gen.c: synthetic traces for every osconcepts tool: finds the kind, parses, writes. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

#define TG_BUF_SIZE (1u << 20)

static const struct tg_kind *const kinds[] = {
	&tg_refs, &tg_jobs, &tg_allocs, &tg_coh, &tg_locks, &tg_bankers, &tg_vm,
	NULL
};

static const struct tg_kind *kind_lookup(const char *name)
{
	const struct tg_kind *const *k;

	for (k = kinds; *k; k++)
		if (strcmp((*k)->name, name) == 0)
			return *k;
	return NULL;
}

/* The parse of one kind: the kind's own options and the common ones. */
struct tg_parse {
	const struct tg_kind *kind;
	void *params;
	struct tg *tg;
};

static error_t tg_parser(int key, char *arg, struct argp_state *state)
{
	struct tg_parse *tp = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = tp->params;
		state->child_inputs[1] = &tp->tg->cli;
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num > 0 || strcmp(arg, tp->kind->name) != 0)
			argp_error(state, "unexpected argument \"%s\"", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* `trace-gen --help` without a kind: the list of kinds. */
static char *kinds_doc(void)
{
	const struct tg_kind *const *k;
	char *doc = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&doc, &len);

	if (!fp)
		osc_die(EX_OSERR, "out of memory");
	fputs("Write synthetic traces for the osconcepts tools, deterministic "
	      "from --seed.\v"
	      "Kinds (`trace-gen KIND --help` lists each kind's options):\n", fp);
	for (k = kinds; *k; k++)
		fprintf(fp, "  %-9s %s\n", (*k)->name, (*k)->summary);
	fputs("\nEvery trace starts with a # line recording the command that "
	      "made it.", fp);
	if (fclose(fp) != 0)
		osc_die(EX_OSERR, "out of memory");
	return doc;
}

static error_t top_parser(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case ARGP_KEY_ARG:
		argp_error(state, "unknown kind \"%s\"", arg);
		break;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "missing KIND (refs, jobs, allocs, coh, locks, bankers, vm)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Without a known kind, argp prints help, version or the usage error. */
static void no_kind(int argc, char **argv)
{
	struct argp top = { NULL, top_parser, "KIND [OPTION...]", kinds_doc(),
			    NULL, NULL, NULL };

	argp_parse(&top, argc, argv, 0, NULL, NULL);
	exit(EX_USAGE);
}

/* Append arg to the header, single-quoted for the shell when needed. */
static void put_arg(struct tg *tg, const char *arg)
{
	const char *p;

	if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "0123456789-_=.,:/+@%") == strlen(arg)) {
		tg_puts(tg, arg);
		return;
	}
	tg_putc(tg, '\'');
	for (p = arg; *p; p++)
		if (*p == '\'')
			tg_puts(tg, "'\\''");
		else
			tg_putc(tg, *p);
	tg_putc(tg, '\'');
}

/* The first line: the exact command, with the seed even when defaulted. */
static void write_header(struct tg *tg, int argc, char **argv, bool seed_given)
{
	int i;

	tg_puts(tg, "# trace-gen");
	for (i = 1; i < argc; i++) {
		tg_putc(tg, ' ');
		put_arg(tg, argv[i]);
	}
	if (!seed_given) {
		tg_puts(tg, " --seed=");
		tg_putu(tg, tg->cli.seed);
	}
	tg_putc(tg, '\n');
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ NULL, 0, NULL, 0 },
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP },
		{ NULL, 0, NULL, 0 }
	};
	struct argp_child kids[3];
	const struct tg_kind *kind = NULL;
	struct tg tg = { .fp = NULL };
	struct tg_parse tp = { .tg = &tg };
	struct osc_error err;
	int i;

	osc_cli_start(argc, argv);
	for (i = 1; i < argc && !kind; i++)
		kind = kind_lookup(argv[i]);
	if (!kind)
		no_kind(argc, argv);

	memcpy(kids, children, sizeof kids);
	kids[0].argp = kind->argp;
	struct argp argp = { NULL, tg_parser, kind->name, kind->summary, kids,
			     NULL, NULL };
	tp.kind = kind;
	tp.params = calloc(1, kind->params_size);
	tg.cap = TG_BUF_SIZE;
	tg.buf = malloc(tg.cap);
	if (!tp.params || !tg.buf)
		osc_die(EX_OSERR, "out of memory");
	kind->defaults(tp.params);
	/* argp reorders argv; the header shows the command as typed. */
	char **typed = malloc(((size_t)argc + 1) * sizeof *typed);

	if (!typed)
		osc_die(EX_OSERR, "out of memory");
	memcpy(typed, argv, ((size_t)argc + 1) * sizeof *typed);
	argp_parse(&argp, argc, argv, 0, NULL, &tp);

	tg.fp = stdout;
	if (tg.cli.output && !(tg.fp = fopen(tg.cli.output, "w")))
		osc_die(EX_CANTCREAT, "cannot create %s: %s", tg.cli.output,
			strerror(errno));
	osc_rng_seed(&tg.rng, tg.cli.seed);
	write_header(&tg, argc, typed, tg.cli.seed_given);
	free(typed);
	osc_error_clear(&err);
	if (kind->run(&tg, tp.params, &err) != OSC_OK)
		osc_die_error(&err);
	tg_flush(&tg);
	if (tg.fp != stdout && fclose(tg.fp) != 0)
		osc_die(EX_IOERR, "write error: %s: %s", tg.cli.output,
			strerror(errno));
	free(tg.buf);
	free(tp.params);
	return EX_OK;
}
