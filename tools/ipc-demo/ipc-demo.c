/* ipc-demo.c: a parent and a forked child talk over each IPC mechanism; latency and throughput, verified. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo-opts.h"

#define MECH_MAX 64
#define SIZE_MAX_OPT (64u << 20)
#define COUNT_MAX 10000000u

enum { OPT_MODE = 256, OPT_SIZE, OPT_COUNT, OPT_BYTES, OPT_WARMUP,
       OPT_TIMEOUT, OPT_EXPLAIN };

enum { DO_LATENCY = 1, DO_THROUGHPUT = 2 };

struct demo {
	struct osc_cli cli;
	const struct osc_ipc_ops *mech[MECH_MAX];
	size_t nmech;
	unsigned modes;
	bool size_given, explain;
	uint64_t size, count, bytes, warmup, timeout;
	unsigned tables;
};

static const char *const table_names[] = { "results", NULL };
static const char *const mode_names[] = { "latency", "throughput", "both", NULL };

static const struct argp_option options[] = {
	{ "mechanism", 'm', "MECH[,MECH...]", 0,
	  "mechanisms to run: pipe, fifo, socketpair, unix-stream, unix-dgram, "
	  "tcp, udp, mq-posix, mq-sysv, shm-posix, shm-sysv, eventfd, signal, "
	  "or all (default)", 0 },
	{ "mode", OPT_MODE, "MODE", 0,
	  "latency, throughput or both (default)", 0 },
	{ "size", OPT_SIZE, "BYTES", 0,
	  "message size (byte size: K, M are powers of two; default 64 for "
	  "latency, 64K for throughput)", 0 },
	{ "count", OPT_COUNT, "N", 0,
	  "measured round trips in latency mode (count: K, M are powers of "
	  "ten; default 10000)", 0 },
	{ "warmup", OPT_WARMUP, "N", 0,
	  "round trips before measuring (count; default 1000)", 0 },
	{ "bytes", OPT_BYTES, "TOTAL", 0,
	  "bytes sent in throughput mode (byte size; default 256M)", 0 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0,
	  "bound on each mechanism and mode; on expiry the child is killed and "
	  "the row reports the error (default 30)", 0 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "print the system calls of each side and the kernel objects of the "
	  "chosen mechanisms, and exit", 0 },
	{ 0 }
};

static const void *mech_lookup(const char *name)
{
	return osc_ipc_lookup(name);
}

static const void *mech_nth(size_t i)
{
	return osc_ipc_mechs[i];
}

static void add_mechs(struct argp_state *state, struct demo *d, const char *arg)
{
	static const struct demo_list mechs = {
		"--mechanism", "pipe, fifo, socketpair, unix-stream, unix-dgram, "
		"tcp, udp, mq-posix, mq-sysv, shm-posix, shm-sysv, eventfd, "
		"signal, all", "a mechanism", "mechanisms", mech_lookup,
		mech_nth, MECH_MAX
	};
	const void *mech[MECH_MAX];
	struct osc_error err;
	size_t i;

	if (demo_name_list(&mechs, arg, mech, &d->nmech, &err) != OSC_OK)
		demo_opt_fail(state, &err);
	for (i = 0; i < d->nmech; i++)
		d->mech[i] = mech[i];
}

static void check_end(struct argp_state *state, struct demo *d)
{
	const struct osc_ipc_ops *const *m;

	if (d->nmech == 0)
		for (m = osc_ipc_mechs; *m; m++)
			d->mech[d->nmech++] = *m;
	if (d->modes == DO_THROUGHPUT) {
		size_t i, lat_only = 0;

		for (i = 0; i < d->nmech; i++)
			lat_only += (d->mech[i]->flags & OSC_IPC_LATENCY_ONLY) != 0;
		if (lat_only == d->nmech)
			argp_error(state, "invalid value for --mode: %s measure%s "
				   "latency only, so throughput has nothing to run",
				   d->nmech == 1 ? d->mech[0]->name :
				   "the mechanisms chosen", d->nmech == 1 ? "s" : "");
	}
	if (d->size_given && (d->modes & DO_THROUGHPUT) && d->size < 8)
		argp_error(state, "invalid value for --size: throughput messages "
			   "carry an 8-byte sequence number, so at least 8, found "
			   "%llu", (unsigned long long)d->size);
	d->tables = osc_cli_tables(state, &d->cli, table_names, 1);
}

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct demo *d = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &d->cli;
		break;
	case 'm':
		add_mechs(state, d, arg);
		break;
	case OPT_MODE:
		d->modes = (unsigned)osc_cli_choice(state, "mode", arg, mode_names) + 1;
		break;
	case OPT_SIZE:
		d->size = osc_cli_num_range(state, "size", arg, OSC_NUM_SIZE, 1,
					    SIZE_MAX_OPT);
		d->size_given = true;
		break;
	case OPT_COUNT:
		d->count = osc_cli_num_range(state, "count", arg, OSC_NUM_COUNT,
					     1, COUNT_MAX);
		break;
	case OPT_WARMUP:
		d->warmup = osc_cli_num_range(state, "warmup", arg, OSC_NUM_COUNT,
					      0, COUNT_MAX);
		break;
	case OPT_BYTES:
		d->bytes = osc_cli_num_range(state, "bytes", arg, OSC_NUM_SIZE, 1,
					     UINT64_C(1) << 40);
		break;
	case OPT_TIMEOUT:
		d->timeout = osc_cli_num_range(state, "timeout", arg,
					       OSC_NUM_PLAIN, 1, 86400);
		break;
	case OPT_EXPLAIN:
		d->explain = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument \"%s\"", arg);
		break;
	case ARGP_KEY_END:
		check_end(state, d);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static void explain(const struct demo *d)
{
	size_t i;

	for (i = 0; i < d->nmech; i++)
		printf("%s%s: %s\n%s", i ? "\n" : "", d->mech[i]->name,
		       d->mech[i]->summary, d->mech[i]->explain);
}

static const struct osc_col cols[] = {
	{ "mechanism", OSC_T_STR, 0 }, { "mode", OSC_T_STR, 0 },
	{ "size", OSC_T_UINT, 0 }, { "count", OSC_T_UINT, 0 },
	{ "seconds", OSC_T_REAL, 6 }, { "rtt_p50_us", OSC_T_REAL, 3 },
	{ "rtt_p99_us", OSC_T_REAL, 3 }, { "mb_per_s", OSC_T_REAL, 3 },
	{ "msgs_per_s", OSC_T_REAL, 1 }, { "verified", OSC_T_BOOL, 0 },
	{ "error", OSC_T_STR, 0 },
};

static void put_opt(struct osc_out *o, bool have, double v)
{
	if (have)
		osc_out_double(o, v);
	else
		osc_out_null(o);
}

static void row(struct osc_out *o, const struct osc_ipc_ops *m,
		enum osc_ipc_mode mode, const struct osc_ipc_result *r)
{
	bool ok = r->error[0] == '\0';
	bool lat = mode == OSC_IPC_LATENCY;

	osc_out_str(o, m->name);
	osc_out_str(o, lat ? "latency" : "throughput");
	if (r->size) {
		osc_out_u64(o, r->size);
		osc_out_u64(o, r->count);
	} else {	/* failed before the size was known */
		osc_out_null(o);
		osc_out_null(o);
	}
	put_opt(o, ok, r->seconds);
	put_opt(o, ok && lat, r->p50_us);
	put_opt(o, ok && lat, r->p99_us);
	put_opt(o, ok && !lat, r->mb_per_s);
	put_opt(o, ok && !lat, r->msgs_per_s);
	osc_out_bool(o, r->verified);
	if (ok)
		osc_out_null(o);
	else
		osc_out_str(o, r->error);
}

static void params(struct osc_out *o, const struct demo *d,
		   const struct osc_ipc_params *p)
{
	osc_out_param_str(o, "mode", mode_names[d->modes - 1]);
	osc_out_param_u64(o, "latency_size", p->lat_size);
	osc_out_param_u64(o, "throughput_size", p->tput_size);
	osc_out_param_u64(o, "count", p->count);
	osc_out_param_u64(o, "warmup", p->warmup);
	osc_out_param_u64(o, "bytes", p->bytes);
	osc_out_param_u64(o, "timeout", p->timeout);
}

/* Run everything, write the table; the exit status. */
static int run_all(struct demo *d, const struct osc_ipc_params *p)
{
	struct osc_ipc_result r;
	struct osc_out *o = osc_cli_open_out(&d->cli, false);
	size_t i, tried = 0, unavailable = 0, failed = 0;
	int mode;

	params(o, d, p);
	osc_out_begin(o, "results", cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < d->nmech; i++)
		for (mode = OSC_IPC_LATENCY; mode <= OSC_IPC_THROUGHPUT; mode++) {
			if (!(d->modes & (1u << mode)))
				continue;
			if (mode == OSC_IPC_THROUGHPUT &&
			    (d->mech[i]->flags & OSC_IPC_LATENCY_ONLY))
				continue;
			if (osc_ipc_run(d->mech[i], mode, p, &r) != OSC_OK)
				osc_die(EX_OSERR, "out of memory");
			tried++;
			unavailable += r.unavailable;
			failed += !r.verified && !r.unavailable;
			row(o, d->mech[i], mode, &r);
		}
	osc_out_end(o);
	osc_out_note(o, "round trips: p50/p99 in microseconds; MB = 10^6 bytes; "
		     "every byte and sequence number checked (verified)");
	osc_cli_close_out(&d->cli, o);
	if (tried && unavailable == tried)
		return EX_UNAVAILABLE;
	return failed ? 1 : EX_OK;
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
	};
	static const struct argp argp = { options, parse, NULL,
		"A parent and a forked child talk over each IPC mechanism: "
		"round-trip latency (p50, p99) and throughput, every byte "
		"checked.\v"
		"Table: results.  Objects are named with the pid and a random "
		"suffix, created with O_EXCL and mode 0600 (paths in a private "
		"directory under $TMPDIR), and removed on exit, error, SIGINT, "
		"SIGTERM and SIGHUP.  Exit status: 0, 1 when a run failed or "
		"timed out, 69 when every mechanism is unavailable.",
		children, NULL, NULL };
	struct demo d = { .modes = DO_LATENCY | DO_THROUGHPUT, .count = 10000,
			  .warmup = 1000, .bytes = UINT64_C(256) << 20,
			  .timeout = 30 };
	struct osc_ipc_params p;
	char dir[OSC_IPC_NAME_MAX];
	int e, status;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &d);
	if (d.explain) {
		explain(&d);
		return EX_OK;
	}
	if ((e = osc_ipc_guard()) != 0)
		osc_die(EX_OSERR, "cannot install signal handlers: %s", strerror(e));
	atexit(osc_ipc_cleanup);
	if ((e = osc_ipc_mkdtemp(getenv("TMPDIR"), osc_prog(), dir)) != 0)
		osc_die(EX_CANTCREAT, "cannot create a private directory: %s",
			strerror(e));
	p = (struct osc_ipc_params){
		.dir = dir, .lat_size = d.size_given ? d.size : 64,
		.tput_size = d.size_given ? d.size : 64 * 1024,
		.count = d.count, .warmup = d.warmup, .bytes = d.bytes,
		.timeout = (unsigned)d.timeout, .seed = d.cli.seed
	};
	status = run_all(&d, &p);
	osc_ipc_cleanup();
	return status;
}
