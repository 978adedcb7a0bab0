/* alloc-bench.c: replay allocation traces on real allocators: throughput, utilization, verification. */
#include <config.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* One operation of a loaded trace; slot is the id made dense. */
struct bop {
	uint32_t slot;
	char kind;
	uint64_t size;
};

struct trace {
	struct bop *op;
	size_t n, cap;
	uint32_t nslots;
	uint64_t peak_payload;
	size_t peak_at;		/* the operation after which it is reached */
};

/* An allocator as the replay sees it. */
struct allocator {
	const char *name;
	struct osc_heap *h;	/* NULL for system */
};

struct ab {
	struct osc_cli cli;
	const char *alloc_arg;
	char **names;
	size_t nnames;
	uint64_t repeat;
	bool no_verify;
	char **files;
	int nfiles;
	struct osc_out *out;
	bool failed;
};

static const char *const table_names[] = { "results", NULL };

enum { OPT_REPEAT = 0x100, OPT_NO_VERIFY };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Allocators and runs:", 1 },
	{ "allocator", 'a', "LIST", 0,
	  "first, next, best, segregated, buddy, system (the C library's "
	  "malloc); comma-separated; default all of them", 1 },
	{ "repeat", OPT_REPEAT, "N", 0,
	  "timed replays of each trace, the fastest is reported (a count; "
	  "default 1)", 1 },
	{ "no-verify", OPT_NO_VERIFY, NULL, 0,
	  "skip the verifying replay (payload patterns, alignment, "
	  "overlap)", 1 },
	{ 0 }
};

static void ab_check_names(struct argp_state *state, struct ab *a)
{
	struct osc_error err;
	size_t i;

	osc_error_clear(&err);
	if (osc_parse_names(a->alloc_arg, &a->names, &a->nnames, &err) != OSC_OK)
		argp_error(state, "invalid value for --allocator: %s", err.msg);
	for (i = 0; i < a->nnames; i++)
		if (strcmp(a->names[i], "system") != 0 &&
		    !osc_heap_lookup(a->names[i]))
			argp_error(state, "invalid value for --allocator: expected "
				   "first, next, best, segregated, buddy or "
				   "system, found \"%s\"", a->names[i]);
}

static error_t ab_parse(int key, char *arg, struct argp_state *state)
{
	struct ab *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->cli;
		break;
	case 'a':
		a->alloc_arg = arg;
		break;
	case OPT_REPEAT:
		a->repeat = osc_cli_num_range(state, "--repeat", arg,
					      OSC_NUM_COUNT, 1, 1000);
		break;
	case OPT_NO_VERIFY:
		a->no_verify = true;
		break;
	case ARGP_KEY_ARGS:
		a->files = state->argv + state->next;
		a->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		osc_cli_tables(state, &a->cli, table_names, 1);
		ab_check_names(state, a);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP },
	{ 0 }
};

static const struct argp argp = {
	options, ab_parse, "[FILE...]",
	"Replay allocation traces (a ID SIZE, f ID, r ID SIZE; malloc-lab .rep "
	"files too) on real allocators and report throughput and memory "
	"utilization.\v"
	"Each FILE is a trace of its own (standard input when none).  The "
	"library allocators run on mmap'ed arenas with boundary tags; system "
	"is the C library's malloc as linked (LD_PRELOAD another to measure "
	"it).  A verifying replay first writes a pattern into every payload "
	"and checks it on free and after realloc, and checks 16-byte "
	"alignment and that no two live payloads overlap; a failure is "
	"verified=false and exit status 1.  See alloc-bench(1).",
	children, NULL, NULL
};

static const struct osc_col cols[] = {
	{ "allocator", OSC_T_STR, 0 }, { "trace", OSC_T_STR, 0 },
	{ "ops", OSC_T_UINT, 0 }, { "seconds", OSC_T_REAL, 6 },
	{ "mops_per_s", OSC_T_REAL, 3 }, { "peak_payload", OSC_T_UINT, 0 },
	{ "peak_heap", OSC_T_UINT, 0 }, { "utilization", OSC_T_RATIO, 0 },
	{ "verified", OSC_T_BOOL, 0 },
};

/* Load one file: ids made dense, the payload peak found. */
static int ab_load(struct osc_scan *s, struct trace *t)
{
	struct osc_alloc_reader rd;
	struct osc_alloc_op op;
	struct osc_map slots, sizes;
	uint64_t *v, payload = 0, *sz;
	bool created;
	int r;

	if (osc_alloc_reader_init(&rd, s) != OSC_OK ||
	    osc_map_init(&slots, 0) != OSC_OK || osc_map_init(&sizes, 0) != OSC_OK)
		return osc_error_set(s->err, OSC_ENOMEM, NULL, 0, "out of memory");
	while ((r = osc_alloc_read(&rd, &op)) > 0) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 4096;
			if (!(t->op = realloc(t->op, t->cap * sizeof *t->op)))
				return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
						     "out of memory");
		}
		v = osc_map_upsert(&slots, op.id, &created);
		sz = osc_map_upsert(&sizes, op.id, NULL);
		if (!v || !sz)
			return osc_error_set(s->err, OSC_ENOMEM, NULL, 0,
					     "out of memory");
		if (created)
			*v = t->nslots++;
		payload += op.size - *sz;
		*sz = op.size;
		if (op.kind == OSC_ALLOC_F)
			*sz = 0;
		t->op[t->n] = (struct bop){ (uint32_t)*v, (char)op.kind, op.size };
		if (payload > t->peak_payload) {
			t->peak_payload = payload;
			t->peak_at = t->n;
		}
		t->n++;
	}
	osc_map_free(&slots);
	osc_map_free(&sizes);
	osc_alloc_reader_fini(&rd);
	return r < 0 ? (int)s->err->status : OSC_OK;
}

static void *al_malloc(const struct allocator *al, size_t n)
{
	return al->h ? osc_heap_malloc(al->h, n) : malloc(n);
}

static void al_free(const struct allocator *al, void *p)
{
	if (al->h)
		osc_heap_free(al->h, p);
	else
		free(p);
}

static void *al_realloc(const struct allocator *al, void *p, size_t n)
{
	return al->h ? osc_heap_realloc(al->h, p, n) : realloc(p, n);
}

/* What the C library holds from the OS (glibc: mallinfo2). */
static uint64_t system_held(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.arena + mi.hblkhd;
}

static unsigned char pattern(uint32_t slot, uint64_t off)
{
	return (unsigned char)(slot * 0x9Du + off * 131u + (off >> 8));
}

static void pat_fill(unsigned char *p, uint32_t slot, uint64_t from,
		     uint64_t to)
{
	for (; from < to; from++)
		p[from] = pattern(slot, from);
}

static bool pat_ok(const unsigned char *p, uint32_t slot, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		if (p[i] != pattern(slot, i))
			return false;
	return true;
}

/*
 * Which 16-byte granules live payloads cover, one bit each, in pages of
 * 64K of address space found through a hash map (the C library's blocks
 * are spread over the address space).  Payloads start 16-byte aligned, so
 * two live payloads share a granule exactly when they overlap.
 */
#define SH_PAGE_BITS 12		/* granules per page: 4096, 64K of memory */

struct shadow {
	struct osc_map idx;	/* address >> 16 -> 1 + index into page */
	uint64_t **page;	/* each SH_PAGE_BITS bits */
	size_t npage, cap;
};

static uint64_t *sh_page(struct shadow *sh, uint64_t key)
{
	bool created;
	uint64_t *v = osc_map_upsert(&sh->idx, key, &created);

	if (!v)
		osc_die(EX_OSERR, "out of memory");
	if (created) {
		if (sh->npage == sh->cap) {
			sh->cap = sh->cap ? sh->cap * 2 : 64;
			if (!(sh->page = realloc(sh->page,
						 sh->cap * sizeof *sh->page)))
				osc_die(EX_OSERR, "out of memory");
		}
		if (!(sh->page[sh->npage] = calloc((1u << SH_PAGE_BITS) / 64,
						   sizeof(uint64_t))))
			osc_die(EX_OSERR, "out of memory");
		*v = ++sh->npage;
	}
	return sh->page[*v - 1];
}

/* Mark [p, p + n) live (false when a granule already is), or unmark it. */
static bool sh_mark(struct shadow *sh, const void *p, uint64_t n, bool live)
{
	uint64_t g = (uintptr_t)p >> 4, end = ((uintptr_t)p + n - 1) >> 4;
	uint64_t *pg = NULL, *w, key = UINT64_MAX, bit;
	bool good = true;

	for (; g <= end; g++) {
		if (g >> SH_PAGE_BITS != key)
			pg = sh_page(sh, key = g >> SH_PAGE_BITS);
		w = &pg[(g & ((1u << SH_PAGE_BITS) - 1)) / 64];
		bit = UINT64_C(1) << (g & 63);
		if (live) {
			good = good && !(*w & bit);
			*w |= bit;
		} else {
			*w &= ~bit;
		}
	}
	return good;
}

static void sh_free(struct shadow *sh)
{
	size_t i;

	for (i = 0; i < sh->npage; i++)
		free(sh->page[i]);
	free(sh->page);
	osc_map_free(&sh->idx);
}

/* The verifying replay: patterns, alignment, no overlap, no NULL; *held
 * as in ab_timed. */
static bool ab_verify(const struct allocator *al, const struct trace *t,
		      void **ptr, uint64_t *len, uint64_t *held)
{
	const struct bop *o;
	unsigned char *p;
	struct shadow sh = { 0 };
	size_t i;
	bool good = true;

	if (osc_map_init(&sh.idx, 0) != OSC_OK)
		osc_die(EX_OSERR, "out of memory");
	for (i = 0; i < t->n && good; i++) {
		o = &t->op[i];
		p = ptr[o->slot];
		if (p)
			sh_mark(&sh, p, len[o->slot], false);
		if (o->kind == 'f') {
			good = pat_ok(p, o->slot, len[o->slot]);
			al_free(al, p);
			ptr[o->slot] = NULL;
			continue;
		}
		if (o->kind == 'a')
			p = al_malloc(al, o->size);
		else
			p = al_realloc(al, p, o->size);
		if (!p || ((uintptr_t)p & 15)) {
			if (p) {	/* freed unchecked at the end */
				ptr[o->slot] = p;
				len[o->slot] = 0;
			}
			good = false;
			break;
		}
		good = sh_mark(&sh, p, o->size, true);
		if (o->kind == 'r') {
			good = good && pat_ok(p, o->slot, len[o->slot] < o->size ?
					      len[o->slot] : o->size);
			pat_fill(p, o->slot, len[o->slot] < o->size ?
				 len[o->slot] : o->size, o->size);
		} else {
			pat_fill(p, o->slot, 0, o->size);
		}
		ptr[o->slot] = p;
		len[o->slot] = o->size;
		if (i == t->peak_at && !al->h)
			*held = system_held();
	}
	sh_free(&sh);
	for (i = 0; i < t->nslots; i++)
		if (ptr[i]) {
			good = good && pat_ok(ptr[i], (uint32_t)i, len[i]);
			al_free(al, ptr[i]);
			ptr[i] = NULL;
		}
	return good;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The timed replay; *held gets what system malloc holds at the payload
 * peak.  False when an allocation returned NULL. */
static bool ab_timed(const struct allocator *al, const struct trace *t,
		     void **ptr, double *secs, uint64_t *held)
{
	const struct bop *o = t->op, *end = t->op + t->n, *peak = t->op + t->peak_at;
	bool good = true;
	double t0 = now();
	uint32_t i;

	for (; o < end; o++) {
		switch (o->kind) {
		case 'a':
			good &= (ptr[o->slot] = al_malloc(al, o->size)) != NULL;
			break;
		case 'r':
			good &= (ptr[o->slot] = al_realloc(al, ptr[o->slot],
							   o->size)) != NULL;
			break;
		default:
			al_free(al, ptr[o->slot]);
			ptr[o->slot] = NULL;
		}
		if (o == peak && !al->h)
			*held = system_held();
	}
	*secs = now() - t0;
	for (i = 0; i < t->nslots; i++)
		if (ptr[i]) {
			al_free(al, ptr[i]);
			ptr[i] = NULL;
		}
	return good;
}

static struct osc_heap *ab_heap(const char *name)
{
	struct osc_heap *h;

	if (strcmp(name, "system") == 0)
		return NULL;
	if (!(h = osc_heap_create(name, 0)))
		osc_die(EX_OSERR, "cannot reserve an arena for %s", name);
	return h;
}

/* What the program itself has in use from the C library before a replay
 * (after giving back what it can): the replay's heap is what the library
 * holds at the payload peak less this, so free memory the library already
 * held counts as the replay's. */
static uint64_t system_base(void)
{
	struct mallinfo2 mi;

	malloc_trim(0);
	mi = mallinfo2();
	return mi.arena + mi.hblkhd - mi.fordblks;
}

struct measure {
	double best;		/* seconds of the fastest timed replay */
	uint64_t peak_heap;	/* 0 = unknown */
	bool verified, good;
};

/* The verifying replay, then --repeat timed ones.  peak_heap comes from
 * the first replay (for system: the C library's holdings at the payload
 * peak less what it held before). */
static void ab_measure(const struct ab *a, const char *name,
		       const struct trace *t, void **ptr, uint64_t *len,
		       struct measure *m)
{
	struct allocator al = { name, NULL };
	uint64_t held = 0, base = 0, r;
	bool first = true;
	double secs;

	m->best = 0;
	m->peak_heap = 0;
	m->verified = m->good = true;
	if (!a->no_verify) {
		al.h = ab_heap(name);
		base = al.h ? 0 : system_base();
		m->verified = ab_verify(&al, t, ptr, len, &held);
		m->peak_heap = al.h ? osc_heap_peak(al.h) :
			held > base ? held - base : 0;
		first = false;
		osc_heap_destroy(al.h);
	}
	for (r = 0; r < a->repeat && m->verified; r++) {
		al.h = ab_heap(name);
		base = al.h || !first ? 0 : system_base();
		m->good &= ab_timed(&al, t, ptr, &secs, &held);
		if (first)
			m->peak_heap = al.h ? osc_heap_peak(al.h) :
				held > base ? held - base : 0;
		first = false;
		if (r == 0 || secs < m->best)
			m->best = secs;
		osc_heap_destroy(al.h);
	}
}

/* Run ab_measure in a child process, whose malloc starts from the
 * parent's state after the trace was loaded. */
static void ab_child(const struct ab *a, const struct trace *t, void **ptr,
		     uint64_t *len, struct measure *m)
{
	int fd[2], st;
	pid_t pid, parent = getpid();
	ssize_t n;

	fflush(NULL);
	if (pipe(fd) != 0 || (pid = fork()) < 0)
		osc_die(EX_OSERR, "cannot start a replay: %s", strerror(errno));
	if (pid == 0) {
		/* A signal that ends the parent ends the replay too. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		close(fd[0]);
		ab_measure(a, "system", t, ptr, len, m);
		n = write(fd[1], m, sizeof *m);
		_exit(n == (ssize_t)sizeof *m ? 0 : 1);
	}
	close(fd[1]);
	n = read(fd[0], m, sizeof *m);
	close(fd[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (n != (ssize_t)sizeof *m) {
		osc_warn("the system replay died (%s)", WIFSIGNALED(st) ?
			 strsignal(WTERMSIG(st)) : "no result");
		memset(m, 0, sizeof *m);
	}
}

/*
 * The C library keeps what a replay freed, already faulted in, which would
 * hide the next replay's growth and spare it the page faults that the
 * library allocators' fresh arenas pay: the verifying replay and every
 * timed one run in a child process of their own.
 */
static void ab_measure_system(const struct ab *a, const struct trace *t,
			      void **ptr, uint64_t *len, struct measure *m)
{
	struct ab one = *a;
	struct measure r;
	uint64_t i;
	bool first = true;

	m->best = 0;
	m->peak_heap = 0;
	m->verified = m->good = true;
	if (!a->no_verify) {
		one.repeat = 0;
		ab_child(&one, t, ptr, len, &r);
		m->verified = r.verified && r.good;
		m->peak_heap = r.peak_heap;
		first = false;
	}
	one.no_verify = true;
	one.repeat = 1;
	for (i = 0; i < a->repeat && m->verified; i++) {
		ab_child(&one, t, ptr, len, &r);
		m->good &= r.good;
		if (first)
			m->peak_heap = r.peak_heap;
		if (i == 0 || r.best < m->best)
			m->best = r.best;
		first = false;
	}
}

static void ab_row(struct ab *a, const char *name, const char *tname,
		   const struct trace *t, void **ptr, uint64_t *len)
{
	struct measure m;
	bool verified;

	if (strcmp(name, "system") == 0)
		ab_measure_system(a, t, ptr, len, &m);
	else
		ab_measure(a, name, t, ptr, len, &m);
	verified = m.verified && m.good;
	if (!verified)
		a->failed = true;
	osc_out_str(a->out, name);
	osc_out_str(a->out, tname);
	osc_out_u64(a->out, t->n);
	osc_out_double(a->out, m.best);
	osc_out_double(a->out, m.best > 0 ? t->n / m.best / 1e6 : 0);
	osc_out_u64(a->out, t->peak_payload);
	if (m.peak_heap) {
		osc_out_u64(a->out, m.peak_heap);
		osc_out_double(a->out, (double)t->peak_payload / m.peak_heap);
	} else {
		osc_out_null(a->out);
		osc_out_null(a->out);
	}
	if (a->no_verify && m.good)
		osc_out_null(a->out);
	else
		osc_out_bool(a->out, verified);
}

/* One file is one trace: load it, then a row per allocator. */
static int ab_input(struct osc_scan *s, void *ctx)
{
	struct ab *a = ctx;
	struct trace t = { 0 };
	void **ptr;
	uint64_t *len;
	size_t i;
	int rc;

	if ((rc = ab_load(s, &t)) != OSC_OK) {
		s->err->file = s->name;
		free(t.op);
		return rc;
	}
	ptr = calloc(t.nslots + 1, sizeof *ptr);
	len = calloc(t.nslots + 1, sizeof *len);
	if (!ptr || !len)
		osc_die(EX_OSERR, "out of memory");
	for (i = 0; i < a->nnames; i++)
		ab_row(a, a->names[i], s->name, &t, ptr, len);
	free(ptr);
	free(len);
	free(t.op);
	return OSC_OK;
}

int main(int argc, char **argv)
{
	static struct ab a;

	osc_cli_start(argc, argv);
	a.alloc_arg = "first,next,best,segregated,buddy,system";
	a.repeat = 1;
	argp_parse(&argp, argc, argv, 0, NULL, &a);
	a.out = osc_cli_open_out(&a.cli, false);
	osc_out_param_str(a.out, "allocator", a.alloc_arg);
	osc_out_param_u64(a.out, "repeat", a.repeat);
	osc_out_param_bool(a.out, "verify", !a.no_verify);
	osc_out_begin(a.out, "results", cols, sizeof cols / sizeof cols[0]);
	osc_cli_inputs(a.files, a.nfiles, false, ab_input, &a);
	osc_out_end(a.out);
	osc_cli_close_out(&a.cli, a.out);
	osc_names_free(a.names);
	return a.failed ? 1 : 0;
}
